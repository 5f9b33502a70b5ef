/* disposal.h: disposal filings (处置申报) through 四议两公开, doc/domain.md
 * "Disposal filings". Each function runs in one transaction, writes through
 * the register specs (so everything is in the change log), and returns 0, or
 * -1 with a message in z->err naming the rule and the numbers. Dates are ISO
 * text checked by the caller; amounts are user text, parsed here. */
#ifndef SANZI_DISPOSAL_H
#define SANZI_DISPOSAL_H
#include <stdint.h>
#include "store/db.h"

typedef struct disposal_input {
  const char *village, *type, *objects, *reason, *method, *price, *code,
      *outsider, *date; /* objects: codes separated by commas */
} disposal_input;
/* 申报: book value and land area computed from the registers at the date. */
int disposal_new(sz *z, const disposal_input *in, char code[80]);

typedef struct vote_input {
  const char *step, *body, *date, *minutes; /* body may be NULL */
  int64_t due, present, vfor, against, abstain; /* abstain < 0: the rest */
  int households; /* 村民会议: the numbers are households (2/3 present) */
} vote_input;
/* Records a meeting. A vote that fails quorum or majority is recorded
 * too; then *passed is 0 and z->err says why. Returns -1 only when nothing
 * was recorded. */
int disposal_vote(sz *z, const char *code, const vote_input *in, int *passed);

/* What a meeting must reach under the rules in force (the parameters
 * vote.*): the shares (quorum qa/qb of those due, "more than" when
 * quorum_strict; in favour pa/pb of those present, or of those due when
 * pass_of_due; for 发包 to an outsider oa/ob of those due) and the least
 * numbers for `due` and `present` (present < 0: the quorum's number). */
typedef struct vote_need {
  int64_t qa, qb, pa, pb, oa, ob;
  int quorum_strict, pass_of_due, outsider, households;
  int64_t need_present, need_for_majority, need_for_outsider, need_for;
} vote_need;
/* 0, or -1 (z->err) when no meeting of body holds step. body NULL: the
 * step's own (决议: 村民会议). */
int disposal_vote_need(sz *z, const char *step, const char *body,
                       int households, int outsider, int64_t due,
                       int64_t present, vote_need *n);
/* The number due at the latest meeting of step and body for the filing,
 * else at the village's latest such meeting; 0 when none is known. */
int64_t disposal_known_due(sz *z, const char *code, const char *step,
                           const char *body, int households);

int disposal_appraise(sz *z, const char *code, const char *value,
                      const char *appraiser, const char *report,
                      const char *date);
/* kind 决议 or 结果. */
int disposal_publicize(sz *z, const char *code, const char *kind,
                       const char *from, const char *to);
/* decision 同意, 不同意 or 退回; the operator (z->user) is the reviewer. */
int disposal_review(sz *z, const char *code, const char *decision,
                    const char *date, const char *opinion);

typedef struct exec_input {
  const char *date, *party, *price, *contract, *voucher, *lower_price;
} exec_input;
int disposal_execute(sz *z, const char *code, const exec_input *in);

/* 撤回: the village abandons the filing before its execution; its objects
 * are free for a new filing. */
int disposal_withdraw(sz *z, const char *code, const char *date,
                      const char *reason);

/* The filing's next step: its name ("提议", "决议公开", "资产评估", "乡镇审核",
 * "执行", "结果公开") into what, and the step of domain/may.h it is
 * (STEP_DISPOSAL, the village's; STEP_DISPOSAL_REVIEW, the township's), or
 * -1 when none is due (complete, refused, withdrawn, not found). */
int disposal_next(sz *z, const char *code, char *what, size_t n);
/* What the filing needs next, in words, for `show` ("" when complete). */
void disposal_next_step(sz *z, const char *code, char *out, size_t n);

/* The audit's re-check of an executed filing against the rules in force
 * at the reference date `ref`: the procedure the township review needed, the
 * review itself, the price against the appraisal and the method, and the
 * result's publicity by ref. Calls fn for each problem with its finding code
 * (CZ01 procedure, CZ03 publicity, CZ04 appraisal, CZ05 price below the
 * appraisal, CZ06 协议 where a public method was required) and a sentence. */
typedef void (*disposal_problem_fn)(void *ctx, const char *finding,
                                    const char *msg);
int disposal_audit(sz *z, const char *code, const char *ref,
                   disposal_problem_fn fn, void *ctx);

#endif
