/* subsidy.h: loans' interest payments, the guide fund's programme years and
 * the applications for the interest subsidy (贷款贴息), doc/domain.md "Loans and
 * the interest-subsidy guide fund".
 *
 * Every function runs in its own transaction (nested in the caller's, if
 * any), writes through the register specs so that each row is in the change
 * log, and returns 0, or -1 with a message in z->err that names the rule and
 * the numbers. Dates are ISO text, already checked by the caller. */
#ifndef SANZI_SUBSIDY_H
#define SANZI_SUBSIDY_H
#include <stdint.h>
#include "store/db.h"

typedef struct program {
  char year[5];
  int64_t budget, ratio, rate_cap, day_basis, village_cap; /* rate_cap 0: none */
  int64_t reserved; /* approved, not yet paid */
  int64_t paid;
} program;

/* 1 and *p filled when the year is set up, else 0. */
int program_get(sz *z, const char *year, program *p);
/* Create the year (from the subsidy.* parameters) or change it. Values are
 * user text as an import takes it; NULL keeps the current or default one;
 * rate_cap "none" (or 0) removes the cap. The formula's parameters cannot
 * change once the year has open applications; the budget and the village
 * cap cannot go below what is approved. */
int program_set(sz *z, const char *year, const char *budget, const char *ratio,
                const char *rate_cap, const char *day_basis,
                const char *village_cap);

/* Record an interest payment of a loan (values as user text); writes its
 * generated code into code. */
int interest_add(sz *z, const char *loan, const char *from, const char *to,
                 const char *paid, const char *paid_on, const char *voucher,
                 char code[80]);
/* Withdraw a loan or an interest payment, by its code. */
int loan_withdraw(sz *z, const char *code, const char *reason);

/* Claim the loan's interest paid in `year` and not yet claimed; date is the
 * application's. Writes the new application's code. */
int subsidy_apply(sz *z, const char *loan, const char *year, const char *date,
                  char code[80]);
/* 乡镇初审: decision 同意 or 不同意. */
int subsidy_review(sz *z, const char *app, const char *decision,
                   const char *date, const char *opinion);
/* 公示 from..to inclusive, at least subsidy.publicity_days days. */
int subsidy_publicize(sz *z, const char *app, const char *from,
                      const char *to);

/* What 县级审定 granted and why. */
typedef struct approval {
  int64_t amount;   /* applied for */
  int64_t approved; /* granted */
  const char *cut_by; /* NULL, "村年度限额" or "年度预算" */
  int64_t cap;      /* the cap that cut it */
  int64_t used;     /* what that cap had approved before */
} approval;
int subsidy_approve(sz *z, const char *app, const char *date, approval *out);
/* 拨付 of an approved application. */
int subsidy_pay(sz *z, const char *app, const char *date, const char *voucher);
int subsidy_withdraw(sz *z, const char *app, const char *date,
                     const char *reason);

/* One village's year, for the report. */
typedef struct subsidy_row {
  const char *village, *village_name, *township, *township_name;
  int64_t loans, principal, interest, applied, approved, paid;
} subsidy_row;
/* Calls fn for each village with loans, payments or applications in the
 * year within the caller's scope, in code order (so townships come
 * together). */
int subsidy_report(sz *z, const char *year,
                   void (*fn)(const subsidy_row *r, void *ctx), void *ctx);

#endif
