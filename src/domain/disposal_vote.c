/* disposal_vote.c: the four meetings of 四议两公开 (doc/domain.md "Disposal
 * filings"): who meets for each step, how many must be present and in
 * favour (parameters), and the recording of each meeting, passed or not.
 * A failed vote is kept with its reason; the filing moves on only after a
 * new, passing meeting of the same step. */
#include "domain/may.h"
#include "domain/registers.h"
#include "domain/disposal.h"
#include "domain/disposal_impl.h"
#include "store/config.h"

#include <stdio.h>
#include <string.h>

/* Who meets for each step and what it takes (doc/domain.md): present, as a
 * share of those due, "more than" (strict) or "at least"; in favour, as a
 * share of those present or of those due. The shares are parameters. */
static const struct rule {
  const char *step, *body, *members; /* members: who is counted */
  int households;
  const char *quorum_key;
  int quorum_strict;
  const char *pass_key;
  int pass_of_due, pass_strict;
} rules[] = {
  {"提议", "党支部会议", "members", 0, "vote.提议.quorum", 1, "vote.提议.pass",
   0, 1},
  {"商议", "两委联席会议", "members", 0, "vote.商议.quorum", 1,
   "vote.商议.pass", 0, 1},
  {"审议", "党员大会", "party members", 0, "vote.审议.quorum", 0,
   "vote.审议.pass", 1, 1},
  {"决议", "村民会议", "adult villagers", 0, "vote.村民会议.quorum", 1,
   "vote.村民会议.pass", 0, 1},
  {"决议", "村民会议", "households", 1, "vote.村民会议.households", 0,
   "vote.村民会议.pass", 0, 1},
  {"决议", "村民代表会议", "representatives", 0, "vote.村民代表会议.quorum", 0,
   "vote.村民代表会议.pass", 0, 1},
};

/* The least whole number that is more than (strict) or at least a/b of n. */
static int64_t least(int64_t n, int64_t a, int64_t b, int strict)
{
  return strict ? n * a / b + 1 : (n * a + b - 1) / b;
}

/* The share a/b as the language writes it: "2/3" in English; in Chinese
 * 三分之二, 半数 for 1/2, and a/b when the numbers are past ten. */
static void share_text(sz *z, int64_t a, int64_t b, char out[32])
{
  static const char *const digit[] = {"零", "一", "二", "三", "四", "五",
                                      "六", "七", "八", "九", "十"};
  if(z->lang == LANG_EN || a < 1 || b < 2 || a >= b || b > 10)
    snprintf(out, 32, "%lld/%lld", (long long)a, (long long)b);
  else if(a * 2 == b)
    snprintf(out, 32, "半数");
  else
    snprintf(out, 32, "%s分之%s", digit[b], digit[a]);
}

/* The numbers rule ru asks of a meeting of `due` with `present` there
 * (present < 0: as many as the quorum asks). */
static int need_of(sz *z, const struct rule *ru, int outsider, int64_t due,
                   int64_t present, vote_need *n)
{
  memset(n, 0, sizeof *n);
  n->ob = 1;
  if(config_get_fraction(z, ru->quorum_key, &n->qa, &n->qb) ||
     config_get_fraction(z, ru->pass_key, &n->pa, &n->pb) ||
     (outsider && config_get_fraction(z, "vote.outsider.pass", &n->oa, &n->ob)))
    return -1;
  n->quorum_strict = ru->quorum_strict;
  n->pass_of_due = ru->pass_of_due;
  n->outsider = outsider;
  n->households = ru->households;
  n->need_present = least(due, n->qa, n->qb, ru->quorum_strict);
  if(present < 0)
    present = n->need_present;
  n->need_for_majority =
      least(ru->pass_of_due ? due : present, n->pa, n->pb, ru->pass_strict);
  n->need_for_outsider = outsider ? least(due, n->oa, n->ob, 0) : 0;
  n->need_for = n->need_for_majority > n->need_for_outsider
                    ? n->need_for_majority
                    : n->need_for_outsider;
  return 0;
}

int disposal_vote_need(sz *z, const char *step, const char *body,
                       int households, int outsider, int64_t due,
                       int64_t present, vote_need *n)
{
  const struct rule *ru = NULL;
  for(size_t i = 0; i < ARRAY_SIZE(rules) && !ru; i++)
    if(!strcmp(rules[i].step, step) && (!body || !strcmp(rules[i].body, body)) &&
       rules[i].households == households)
      ru = &rules[i];
  if(!ru)
    return db_fail(z, T(z, "%s: held by %s, not %s"), step,
                   body ? body : "", step);
  return need_of(z, ru, outsider && !strcmp(step, "决议"), due, present, n);
}

int64_t disposal_known_due(sz *z, const char *code, const char *step,
                           const char *body, int households)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT coalesce((SELECT due FROM disposal_vote WHERE disposal = ?1 "
         "AND step = ?2 AND body = ?3 AND unit = ?4 ORDER BY id DESC LIMIT "
         "1), (SELECT v.due FROM disposal_vote v JOIN disposal d ON d.code = "
         "v.disposal WHERE d.village = (SELECT village FROM disposal WHERE "
         "code = ?1) AND v.step = ?2 AND v.body = ?3 AND v.unit = ?4 ORDER "
         "BY v.id DESC LIMIT 1), 0)");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, households ? "户" : "人", -1, SQLITE_STATIC);
  int64_t due = db_step(z, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return due;
}

static int vote_work(sz *z, const char *code, const vote_input *in,
                     int *passed, char *why, size_t whylen)
{
  int si = -1;
  for(int i = 0; i < 4; i++)
    if(!strcmp(in->step, disposal_steps[i]))
      si = i;
  if(si < 0)
    return db_fail(z, T(z, "--step: '%s' is not one of 提议, 商议, 审议, 决议"),
                   in->step);
  const struct rule *ru = NULL;
  for(size_t i = 0; i < ARRAY_SIZE(rules) && !ru; i++)
    if(!strcmp(rules[i].step, in->step) &&
       (!in->body || !strcmp(rules[i].body, in->body)) &&
       rules[i].households == in->households)
      ru = &rules[i];
  if(in->households && (!in->body || strcmp(in->body, "村民会议")))
    return db_fail(z, T(z, "--households: only a 村民会议 may be counted in "
                           "households"));
  if(!strcmp(in->step, "决议") && !in->body)
    return db_fail(z,
                   T(z, "决议: --body is required: 村民会议 or 村民代表会议"));
  if(!ru)
    return db_fail(z, T(z, "%s: held by %s, not %s"), in->step,
                   !strcmp(in->step, "决议") ? T(z, "村民会议 or 村民代表会议")
                                             : rules[si].body,
                   in->body);
  /* Without --abstain, the rest of those present abstained; when for and
   * against are already more than the present, none did, and the message
   * below says so (not that the attendance is impossible). */
  int64_t abstain = in->abstain >= 0 ? in->abstain
                                     : in->present - in->vfor - in->against;
  if(in->abstain < 0 && abstain < 0)
    abstain = 0;
  if(in->due <= 0)
    return db_fail(z, T(z, "%s: --due must be more than 0"), in->step);
  if(in->present < 0 || in->vfor < 0 || in->against < 0 || abstain < 0 ||
     in->present > in->due)
    return db_fail(z, T(z, "%s: %lld present of %lld due is not possible"),
                   in->step, (long long)in->present, (long long)in->due);
  if(in->vfor + in->against + abstain > in->present)
    return db_fail(z,
                   T(z, "%s: %lld for, %lld against and %lld abstaining are "
                        "more than the %lld present"),
                   in->step, (long long)in->vfor, (long long)in->against,
                   (long long)abstain, (long long)in->present);
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  int rc = disposal_open_for_steps(z, &d, in->step);
  char date[11];
  int ok;
  /* The step before must have passed, and this one not yet. */
  if(rc == 0 && si > 0) {
    if(!disposal_latest_vote(z, code, disposal_steps[si - 1], date, &ok) || !ok)
      rc = db_fail(z, T(z, "%s: needs a passing %s first"), in->step,
                   disposal_steps[si - 1]);
    else if(strcmp(in->date, date) < 0)
      rc = db_fail(z, T(z, "%s on %s: before the %s of %s"), in->step, in->date,
                   disposal_steps[si - 1], date);
  }
  if(rc == 0 && strcmp(in->date, rec_text(&d, "filed_on")) < 0)
    rc = db_fail(z, T(z, "%s on %s: before the filing (%s)"), in->step,
                 in->date, rec_text(&d, "filed_on"));
  if(rc == 0 && disposal_latest_vote(z, code, in->step, date, &ok)) {
    if(ok && !strcmp(rec_text(&d, "status"), "申报中"))
      rc = db_fail(z, T(z, "%s: passed on %s already"), in->step, date);
    else if(strcmp(in->date, date) < 0)
      rc = db_fail(z, T(z, "%s on %s: before the earlier %s vote of %s"),
                   in->step, in->date, in->step, date);
  }
  if(rc) {
    rec_close(&d);
    return rc;
  }
  /* The least numbers the rules in force ask for. */
  vote_need vn;
  if(need_of(z, ru, !strcmp(in->step, "决议") &&
                        !strcmp(rec_text(&d, "outsider"), "是"),
             in->due, in->present, &vn)) {
    rec_close(&d);
    return -1;
  }
  int64_t need_present = vn.need_present, need_for = vn.need_for_majority;
  int64_t base = ru->pass_of_due ? in->due : in->present;
  int64_t qa = vn.qa, qb = vn.qb, pa = vn.pa, pb = vn.pb, oa = vn.oa,
          ob = vn.ob, need_out = vn.need_for_outsider, need = vn.need_for;
  *passed = in->present >= need_present && in->vfor >= need;
  why[0] = 0;
  /* Who is counted: in English who they are, in Chinese the unit (人, 户);
   * the shares as the language writes them (1/2; 三分之二, 半数). */
  const char *who = z->lang == LANG_EN ? ru->members
                                       : in->households ? "户" : "人";
  char qf[32], pf[32], of[32];
  share_text(z, qa, qb, qf);
  share_text(z, pa, pb, pf);
  share_text(z, oa, ob, of);
  if(in->present < need_present && ru->quorum_strict)
    snprintf(why, whylen,
             T(z, "%s: %lld of %lld %s present, at least %lld "
                  "(more than %s) required"),
             in->step, (long long)in->present, (long long)in->due, who,
             (long long)need_present, qf);
  else if(in->present < need_present)
    snprintf(why, whylen,
             T(z, "%s: %lld of %lld %s present, at least %lld "
                  "(%s) required"),
             in->step, (long long)in->present, (long long)in->due, who,
             (long long)need_present, qf);
  else if(in->vfor < need_for && ru->pass_of_due)
    snprintf(why, whylen,
             T(z, "%s: %lld in favour, at least %lld (more than "
                  "%s of the %lld due) required%.0s"),
             in->step, (long long)in->vfor, (long long)need_for, pf,
             (long long)base, who);
  else if(in->vfor < need_for)
    snprintf(why, whylen,
             T(z, "%s: %lld in favour, at least %lld (more than "
                  "%s of the %lld present) required%.0s"),
             in->step, (long long)in->vfor, (long long)need_for, pf,
             (long long)base, who);
  else if(in->vfor < need_out)
    snprintf(why, whylen,
             T(z, "%s: 发包 to a party from outside the "
                  "collective: %lld in favour, at least %lld (%s "
                  "of all %lld due) required%.0s"),
             in->step, (long long)in->vfor, (long long)need_out, of,
             (long long)in->due, who);
  /* Record the meeting, passing or not. */
  rec v;
  rec_open(z, &reg_disposal_vote, NULL, &v);
  char vcode[96];
  int64_t nv = db_int(z, 0, "SELECT count(*) FROM disposal_vote WHERE "
                            "disposal = ?1", code);
  snprintf(vcode, sizeof vcode, "%s/V%lld", code, (long long)nv + 1);
  val_text(rec_val(&v, "code"), vcode);
  val_text(rec_val(&v, "disposal"), code);
  val_text(rec_val(&v, "step"), in->step);
  val_text(rec_val(&v, "body"), ru->body);
  val_text(rec_val(&v, "held_on"), in->date);
  val_text(rec_val(&v, "unit"), in->households ? "户" : "人");
  val_int(rec_val(&v, "due"), in->due);
  val_int(rec_val(&v, "present"), in->present);
  val_int(rec_val(&v, "votes_for"), in->vfor);
  val_int(rec_val(&v, "votes_against"), in->against);
  val_int(rec_val(&v, "abstain"), abstain);
  if(in->minutes && in->minutes[0])
    val_text(rec_val(&v, "minutes"), in->minutes);
  val_int(rec_val(&v, "need_present"), need_present);
  val_int(rec_val(&v, "need_for"), need);
  val_int(rec_val(&v, "passed"), *passed);
  rc = reg_put(v.c, v.v, 0);
  rec_close(&v);
  rec_close(&d);
  return rc;
}

int disposal_vote(sz *z, const char *code, const vote_input *in, int *passed)
{
  *passed = 0;
  if(may(z, STEP_DISPOSAL))
    return -1;
  char why[512];
  if(db_not_future(z, in->step, in->date))
    return -1;
  if(db_begin(z))
    return -1;
  int rc = db_finish(z, vote_work(z, code, in, passed, why, sizeof why));
  if(rc == 0 && !*passed)
    db_fail(z,
            T(z, "%s; recorded as not passed: the filing moves on only after "
                 "a new, passing %s"),
            why, in->step);
  return rc;
}
