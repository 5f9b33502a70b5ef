/* subsidy.c: interest payments, programme years and subsidy applications.
 * Each row goes through its register spec (register.c), so the change log,
 * `log verify` and `show` history cover them like any register row. */
#include "domain/may.h"
#include "domain/registers.h"
#include "domain/subsidy.h"
#include "store/config.h"
#include "base/date.h"
#include "base/money.h"
#include "store/record.h"
#include "base/util.h"
#include "base/i18n.h"

#include <stdarg.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define S_APPLIED "已申请"
#define S_REVIEWED "初审通过"
#define S_REJECTED "初审不同意"
#define S_PUBLIC "公示中"
#define S_APPROVED "已审定"
#define S_PAID "已拨付"
#define S_WITHDRAWN "已撤回"
/* The statuses in which an application holds its payments. */
#define LIVE "status NOT IN ('已撤回', '初审不同意')"
/* The statuses in which it holds money of the fund. */
#define GRANTED "(status = '已审定' OR status = '已拨付')"

static int fail(sz *z, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(sz *z, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  db_vfail(z, fmt, ap);
  va_end(ap);
  return -1;
}

/* The reasons a register context collected, as the handle's refusal. */
static int fail_with(sz *z, regctx *c)
{
  (void)z;
  return reg_fail(c);
}

static val *F(rec *x, const char *key)
{
  return rec_val(x, key);
}

static const char *S(rec *x, const char *key)
{
  return rec_text(x, key);
}

static int64_t I(rec *x, const char *key)
{
  return rec_int(x, key);
}

static int64_t sum_granted(sz *z, const char *year, const char *village)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT coalesce(sum(approved), 0) FROM subsidy WHERE year = ?1 AND "
         "(?2 IS NULL OR village = ?2) AND " GRANTED);
  sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  if(village)
    sqlite3_bind_text(st, 2, village, -1, SQLITE_STATIC);
  int64_t n = db_step(z, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

/* ---- programme years ---- */

int program_get(sz *z, const char *year, program *p)
{
  rec x;
  int found = rec_open(z, &reg_program, year, &x);
  if(found) {
    memset(p, 0, sizeof *p);
    snprintf(p->year, sizeof p->year, "%s", S(&x, "year"));
    p->budget = I(&x, "budget");
    p->ratio = I(&x, "ratio");
    p->rate_cap = I(&x, "rate_cap");
    p->day_basis = I(&x, "day_basis");
    p->village_cap = I(&x, "village_cap");
    p->paid = db_int(z, 0, "SELECT coalesce(sum(approved), 0) FROM subsidy "
                           "WHERE year = ?1 AND status = '已拨付'", year);
    p->reserved = sum_granted(z, year, NULL) - p->paid;
  }
  rec_close(&x);
  return found;
}

static int program_set_work(sz *z, const char *year, const char *const opt[5])
{
  static const char *const keys[5] = {"budget", "ratio", "rate_cap",
                                      "day_basis", "village_cap"};
  rec x;
  int exists = rec_open(z, &reg_program, year, &x);
  int n = x.r->nfields;
  sbuf *text = xcalloc((size_t)n, sizeof *text);
  const char **cells = xcalloc((size_t)n, sizeof *cells);
  size_t *lens = xcalloc((size_t)n, sizeof *lens);
  int64_t before[5] = {0};
  int rc = 0;
  for(int k = 0; k < 5 && rc == 0; k++) {
    int fi = reg_field(x.r, keys[k]);
    if(exists) {
      before[k] = I(&x, keys[k]);
      reg_format(&x.r->fields[fi], &x.v[fi], &text[fi]);
    } else {
      /* A new year starts from the parameters in force. */
      char key[64];
      snprintf(key, sizeof key, "subsidy.%s", keys[k]);
      int64_t d = config_int(z, key, 0);
      val dv = {V_INT, d, NULL, 0};
      /* A rate cap of 0 is none; a budget or village cap of 0 is 0.00. */
      if(d || strcmp(keys[k], "rate_cap"))
        reg_format(&x.r->fields[fi], &dv, &text[fi]);
    }
    if(opt[k]) {
      sb_reset(&text[fi]);
      if(strcmp(opt[k], "none") && strcmp(opt[k], "无"))
        sb_addstr(&text[fi], opt[k]);
      else if(strcmp(keys[k], "rate_cap")) {
        rc = fail(z, T(z, "--%s: a number is required"),
                  !strcmp(keys[k], "village_cap") ? "village-cap" : keys[k]);
        break; /* to the common cleanup (it used to leak the texts) */
      }
    }
    /* 0% means no cap. */
    if(!strcmp(keys[k], "rate_cap") && text[fi].len) {
      int64_t r;
      if(!rate_parse(text[fi].buf, text[fi].len, &r) && r == 0)
        sb_reset(&text[fi]);
    }
    cells[fi] = text[fi].buf;
    lens[fi] = text[fi].len;
  }
  cells[0] = year;
  lens[0] = strlen(year);
  if(rc == 0 && (reg_parse(x.c, cells, lens, x.v) || reg_check(x.c, x.v)))
    rc = fail_with(z, x.c);
  if(rc == 0 && exists) {
    int64_t after[5];
    for(int k = 0; k < 5; k++)
      after[k] = I(&x, keys[k]);
    int64_t open = db_int(z, 0, "SELECT count(*) FROM subsidy WHERE "
                                "year = ?1 AND " LIVE, year);
    const char *formula = NULL;
    if(after[1] != before[1])
      formula = T(z, "贴息比例 (ratio)");
    else if(after[2] != before[2])
      formula = T(z, "利率上限 (rate cap)");
    else if(after[3] != before[3])
      formula = T(z, "计息天数基准 (day basis)");
    char b1[32], b2[32];
    int64_t granted = sum_granted(z, year, NULL);
    int64_t vmax = db_int(z, 0, "SELECT coalesce(max(s), 0) FROM (SELECT "
                                "sum(approved) s FROM subsidy WHERE year = ?1 "
                                "AND " GRANTED " GROUP BY village)", year);
    if(formula && open)
      rc = fail(z, T(z, "%s: %lld application(s) of %s (not withdrawn or "
                        "refused) were computed with the current value; it "
                        "can change only while there are none"),
                formula, (long long)open, year);
    else if(after[0] < granted)
      rc = fail(z, T(z, "年度预算 (budget): %s is below the %s already "
                        "approved or paid in %s"),
                money_format_grouped(after[0], b1),
                money_format_grouped(granted, b2), year);
    else if(after[4] < vmax)
      rc = fail(z, T(z, "每村年度限额 (village cap): %s is below the %s a "
                        "village already has approved or paid in %s"),
                money_format_grouped(after[4], b1),
                money_format_grouped(vmax, b2), year);
  }
  if(rc == 0)
    rc = reg_put(x.c, x.v, exists ? 2 : 0);
  for(int i = 0; i < n; i++)
    sb_free(&text[i]);
  free(text);
  free(cells);
  free(lens);
  rec_close(&x);
  return rc;
}

int program_set(sz *z, const char *year, const char *budget, const char *ratio,
                const char *rate_cap, const char *day_basis,
                const char *village_cap)
{
  if(may(z, STEP_PROGRAM))
    return -1;
  const char *opt[5] = {budget, ratio, rate_cap, day_basis, village_cap};
  if(db_begin(z))
    return -1;
  return db_finish(z, program_set_work(z, year, opt));
}

/* ---- loans' interest payments ---- */

static int interest_add_work(sz *z, const char *const kv[][2], int nkv,
                             char code[80])
{
  rec x;
  rec_open(z, &reg_interest, NULL, &x);
  int n = x.r->nfields;
  const char **cells = xcalloc((size_t)n, sizeof *cells);
  size_t *lens = xcalloc((size_t)n, sizeof *lens);
  for(int k = 0; k < nkv; k++) {
    int fi = reg_field(x.r, kv[k][0]);
    cells[fi] = kv[k][1];
    lens[fi] = strlen(kv[k][1]);
  }
  int rc = 0;
  if(reg_parse(x.c, cells, lens, x.v) || reg_check(x.c, x.v)) {
    rc = fail_with(z, x.c);
  }
  if(rc == 0)
    rc = reg_put(x.c, x.v, 0);
  if(rc == 0)
    snprintf(code, 80, "%.*s", (int)F(&x, "code")->n, F(&x, "code")->s);
  free(cells);
  free(lens);
  rec_close(&x);
  return rc;
}

int interest_add(sz *z, const char *loan, const char *from, const char *to,
                 const char *paid, const char *paid_on, const char *voucher,
                 char code[80])
{
  if(may(z, STEP_LOAN))
    return -1;
  const char *kv[][2] = {{"loan", loan},          {"period_from", from},
                         {"period_to", to},       {"paid", paid},
                         {"paid_on", paid_on},    {"voucher", voucher}};
  if(db_begin(z))
    return -1;
  return db_finish(z, interest_add_work(z, kv, (int)ARRAY_SIZE(kv), code));
}

/* The live application that claims payment `code`, if any. */
static int claimed_by(sz *z, const char *payment, char app[80], char st[32])
{
  sqlite3_stmt *q = db_prepare(
      z, "SELECT s.code, s.status FROM subsidy_line l JOIN subsidy s "
         "ON s.code = l.application WHERE l.payment = ?1 AND s." LIVE);
  sqlite3_bind_text(q, 1, payment, -1, SQLITE_STATIC);
  int found = db_step(z, q) == SQLITE_ROW;
  if(found) {
    snprintf(app, 80, "%s", sqlite3_column_text(q, 0));
    snprintf(st, 32, "%s", sqlite3_column_text(q, 1));
  }
  sqlite3_finalize(q);
  return found;
}

static int loan_withdraw_work(sz *z, const char *code, const char *reason)
{
  rec x;
  int is_loan = rec_open(z, &reg_loan, code, &x);
  if(!is_loan) {
    rec_close(&x);
    if(!rec_open(z, &reg_interest, code, &x)) {
      rec_close(&x);
      return fail(z, T(z, "no loan or interest payment with code '%s'"),
                  code);
    }
  }
  int rc = 0;
  char app[80], st[32];
  if(F(&x, "withdrawn")->t == V_TEXT)
    rc = fail(z, T(z, "%s is already withdrawn (%s)"), code,
              S(&x, "withdrawn"));
  else if(!is_loan && claimed_by(z, code, app, st))
    rc = fail(z, T(z, "payment %s is claimed by subsidy application %s (%s): "
                      "withdraw the application first"), code, app, st);
  if(rc == 0) {
    reg_set_workflow(x.c);
    val_text(F(&x, "withdrawn"), reason);
    /* The loan's own rule: no open application may rest on it. */
    if(is_loan && reg_check(x.c, x.v))
      rc = fail_with(z, x.c);
  }
  if(rc == 0)
    rc = reg_put(x.c, x.v, 2);
  rec_close(&x);
  return rc;
}

int loan_withdraw(sz *z, const char *code, const char *reason)
{
  if(may(z, STEP_LOAN))
    return -1;
  if(!reason[0])
    return fail(z, T(z, "a withdrawal needs a reason (--reason)"));
  if(db_begin(z))
    return -1;
  return db_finish(z, loan_withdraw_work(z, code, reason));
}

/* ---- applications ---- */

static int apply_work(sz *z, const char *loan, const char *year,
                      const char *date, char code[80])
{
  program p;
  if(!program_get(z, year, &p))
    return fail(z, T(z, "no programme year %s: the county sets it up first "
                        "with 'sanzi program set --year %s'"), year, year);
  rec l;
  if(!rec_open(z, &reg_loan, loan, &l)) {
    rec_close(&l);
    return fail(z, T(z, "no loan with code '%s'"), loan);
  }
  int rc = 0;
  if(F(&l, "withdrawn")->t == V_TEXT || F(&l, "voided")->t == V_TEXT) {
    rc = F(&l, "withdrawn")->t == V_TEXT
             ? fail(z, T(z, "loan %s is withdrawn (%s)"), loan,
                    S(&l, "withdrawn"))
             : fail(z, T(z, "loan %s is voided (作废: %s)"), loan,
                    S(&l, "voided"));
    rec_close(&l);
    return rc;
  }
  int64_t principal = I(&l, "principal"), rate = I(&l, "rate");
  int64_t rate_used = p.rate_cap && p.rate_cap < rate ? p.rate_cap : rate;
  char village[16];
  snprintf(village, sizeof village, "%s", S(&l, "village"));
  rec_close(&l);

  /* The loan's live payments of the year that no live application holds. */
  sqlite3_stmt *q = db_prepare(
      z, "SELECT code, period_from, period_to, paid, paid_on FROM interest i "
         "WHERE loan = ?1 AND withdrawn IS NULL AND substr(paid_on, 1, 4) = ?2 "
         "AND NOT EXISTS(SELECT 1 FROM subsidy_line l JOIN subsidy s ON "
         "s.code = l.application WHERE l.payment = i.code AND s." LIVE ") "
         "ORDER BY period_from");
  sqlite3_bind_text(q, 1, loan, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, year, -1, SQLITE_STATIC);
  typedef struct line {
    char payment[80];
    int64_t days, computed, paid, eligible, subsidy;
  } line;
  line *ls = NULL;
  int nl = 0;
  int64_t total = 0;
  while(rc == 0 && db_step(z, q) == SQLITE_ROW) {
    const char *from = (const char *)sqlite3_column_text(q, 1);
    const char *to = (const char *)sqlite3_column_text(q, 2);
    const char *paid_on = (const char *)sqlite3_column_text(q, 4);
    if(strcmp(paid_on, date) > 0) {
      rc = fail(z, T(z, "payment %s was paid on %s, after the application "
                        "date %s"), sqlite3_column_text(q, 0), paid_on, date);
      break;
    }
    ls = xrealloc(ls, sizeof *ls * (size_t)(nl + 1));
    line *e = &ls[nl++];
    snprintf(e->payment, sizeof e->payment, "%s", sqlite3_column_text(q, 0));
    e->days = date_days(to) - date_days(from);
    e->paid = sqlite3_column_int64(q, 3);
    e->computed = muldiv_round(principal, rate_used * e->days,
                               p.day_basis * 1000000);
    e->eligible = e->paid < e->computed ? e->paid : e->computed;
    e->subsidy = muldiv_round(e->eligible, p.ratio, 1000000);
    total += e->subsidy;
  }
  sqlite3_finalize(q);
  if(rc == 0 && nl == 0) {
    rc = fail(z, T(z, "loan %s has no interest paid in %s that is not "
                      "already claimed (record payments with 'sanzi loan "
                      "interest')"), loan, year);
  }
  if(rc == 0) {
    rec a;
    rec_open(z, &reg_subsidy, NULL, &a);
    val_text(F(&a, "village"), village);
    val_text(F(&a, "loan"), loan);
    val_text(F(&a, "year"), year);
    val_text(F(&a, "applied_on"), date);
    val_int(F(&a, "amount"), total);
    val_text(F(&a, "status"), S_APPLIED);
    rc = reg_put(a.c, a.v, 0);
    if(rc == 0)
      snprintf(code, 80, "%s", S(&a, "code"));
    rec_close(&a);
  }
  if(rc == 0) {
    rec s;
    rec_open(z, &reg_subsidy_line, NULL, &s);
    for(int i = 0; rc == 0 && i < nl; i++) {
      char lcode[96];
      snprintf(lcode, sizeof lcode, "%s/%d", code, i + 1);
      val_text(F(&s, "code"), lcode);
      val_text(F(&s, "application"), code);
      val_text(F(&s, "payment"), ls[i].payment);
      val_int(F(&s, "days"), ls[i].days);
      val_int(F(&s, "principal"), principal);
      val_int(F(&s, "rate"), rate);
      val_int(F(&s, "rate_used"), rate_used);
      val_int(F(&s, "day_basis"), p.day_basis);
      val_int(F(&s, "computed"), ls[i].computed);
      val_int(F(&s, "paid"), ls[i].paid);
      val_int(F(&s, "eligible"), ls[i].eligible);
      val_int(F(&s, "ratio"), p.ratio);
      val_int(F(&s, "subsidy"), ls[i].subsidy);
      rc = reg_put(s.c, s.v, 0);
    }
    rec_close(&s);
  }
  free(ls);
  return rc;
}

int subsidy_apply(sz *z, const char *loan, const char *year, const char *date,
                  char code[80])
{
  if(may(z, STEP_LOAN))
    return -1;
  if(db_not_future(z, "申请", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, apply_work(z, loan, year, date, code));
}

/* Loads application `app` for a step that needs status `want` (or want2). */
static int load_app(sz *z, const char *app, rec *x, const char *step,
                    const char *want, const char *want2)
{
  if(!rec_open(z, &reg_subsidy, app, x)) {
    rec_close(x);
    return fail(z, T(z, "no subsidy application with code '%s'"), app);
  }
  const char *st = S(x, "status");
  if(strcmp(st, want) && (!want2 || strcmp(st, want2))) {
    if(want2)
      fail(z, T(z, "%s: application %s is %s; this step needs one that is "
                   "%s or %s"), step, app, st, want, want2);
    else
      fail(z, T(z, "%s: application %s is %s; this step needs one that is "
                   "%s"), step, app, st, want);
    rec_close(x);
    return -1;
  }
  return 0;
}

static int not_before(sz *z, const char *step, const char *date,
                      const char *what, const char *earlier)
{
  if(earlier[0] && strcmp(date, earlier) < 0)
    return fail(z, T(z, "%s: %s is before %s (%s)"), step, date, T(z, what),
                earlier);
  return 0;
}

static int review_work(sz *z, const char *app, const char *decision,
                       const char *date, const char *opinion)
{
  const char *step = "乡镇初审";
  if(strcmp(decision, "同意") && strcmp(decision, "不同意"))
    return fail(z, T(z, "%s: the decision is 同意 or 不同意, not '%s'"), step,
                decision);
  rec x;
  if(load_app(z, app, &x, step, S_APPLIED, NULL))
    return -1;
  int rc = not_before(z, step, date, N_("the application"),
                      S(&x, "applied_on"));
  if(rc == 0) {
    val_text(F(&x, "status"), strcmp(decision, "同意") ? S_REJECTED
                                                         : S_REVIEWED);
    val_text(F(&x, "reviewed_on"), date);
    if(opinion && opinion[0])
      val_text(F(&x, "review_opinion"), opinion);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int subsidy_review(sz *z, const char *app, const char *decision,
                   const char *date, const char *opinion)
{
  if(may(z, STEP_SUBSIDY_REVIEW))
    return -1;
  if(db_not_future(z, "乡镇初审", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, review_work(z, app, decision, date, opinion));
}

static int publicize_work(sz *z, const char *app, const char *from,
                          const char *to)
{
  const char *step = "公示";
  rec x;
  /* A second publicity replaces the first (both are in the log). */
  if(load_app(z, app, &x, step, S_REVIEWED, S_PUBLIC))
    return -1;
  int rc = not_before(z, step, from, N_("the township review"),
                      S(&x, "reviewed_on"));
  int64_t min = config_int(z, "subsidy.publicity_days", 7);
  int64_t days = (int64_t)date_days(to) - date_days(from) + 1;
  if(rc == 0 && days < 1)
    rc = fail(z, T(z, "%s: it ends (%s) before it begins (%s)"), step, to,
              from);
  else if(rc == 0 && days < min)
    rc = fail(z, T(z, "%s: %lld day(s) (%s to %s), at least %lld required"),
              step, (long long)days, from, to, (long long)min);
  if(rc == 0) {
    val_text(F(&x, "status"), S_PUBLIC);
    val_text(F(&x, "publicity_from"), from);
    val_text(F(&x, "publicity_to"), to);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int subsidy_publicize(sz *z, const char *app, const char *from, const char *to)
{
  if(may(z, STEP_SUBSIDY_REVIEW))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, publicize_work(z, app, from, to));
}

static int approve_work(sz *z, const char *app, const char *date,
                        approval *out)
{
  const char *step = "县级审定";
  rec x;
  if(load_app(z, app, &x, step, S_PUBLIC, NULL))
    return -1;
  int rc = 0;
  const char *pto = S(&x, "publicity_to");
  if(strcmp(date, pto) <= 0)
    rc = fail(z, T(z, "%s on %s: the publicity runs to %s and must end "
                      "before the approval"), step, date, pto);
  program p;
  char year[8], village[16], b1[32], b2[32], b3[32];
  snprintf(year, sizeof year, "%s", S(&x, "year"));
  snprintf(village, sizeof village, "%s", S(&x, "village"));
  if(rc == 0 && !program_get(z, year, &p))
    rc = fail(z, T(z, "no programme year %s"), year);
  if(rc == 0) {
    /* Inside the write transaction (BEGIN IMMEDIATE): no other approval
     * can change these sums until this one commits. */
    int64_t amount = I(&x, "amount");
    int64_t vused = sum_granted(z, year, village);
    int64_t bused = p.reserved + p.paid;
    int64_t vleft = p.village_cap - vused, bleft = p.budget - bused;
    memset(out, 0, sizeof *out);
    out->amount = amount;
    out->approved = amount;
    if(vleft < out->approved) {
      out->approved = vleft;
      out->cut_by = "村年度限额";
      out->cap = p.village_cap;
      out->used = vused;
    }
    if(bleft < out->approved) {
      out->approved = bleft;
      out->cut_by = "年度预算";
      out->cap = p.budget;
      out->used = bused;
    }
    if(amount == 0)
      rc = fail(z, T(z, "%s: the application's subsidy is 0.00: nothing to "
                        "approve"), step);
    else if(out->approved <= 0)
      rc = fail(z, T(z, "%s: nothing left to grant: the %s of %s is %s, and "
                        "%s is already approved or paid (application %s asks "
                        "%s)"),
                step, out->cut_by, year, money_format_grouped(out->cap, b1),
                money_format_grouped(out->used, b2), app,
                money_format_grouped(amount, b3));
  }
  if(rc == 0) {
    val_text(F(&x, "status"), S_APPROVED);
    val_text(F(&x, "approved_on"), date);
    val_int(F(&x, "approved"), out->approved);
    if(out->cut_by)
      val_text(F(&x, "cut_by"), out->cut_by);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int subsidy_approve(sz *z, const char *app, const char *date, approval *out)
{
  if(may(z, STEP_SUBSIDY_APPROVE))
    return -1;
  if(db_not_future(z, "县级审定", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, approve_work(z, app, date, out));
}

static int pay_work(sz *z, const char *app, const char *date,
                    const char *voucher)
{
  const char *step = "拨付";
  rec x;
  if(load_app(z, app, &x, step, S_APPROVED, NULL))
    return -1;
  int rc = not_before(z, step, date, N_("the approval"),
                      S(&x, "approved_on"));
  if(rc == 0 && !voucher[0])
    rc = fail(z, T(z, "%s: the payment voucher (--voucher) is required"),
              step);
  if(rc == 0) {
    val_text(F(&x, "status"), S_PAID);
    val_text(F(&x, "paid_on"), date);
    val_text(F(&x, "paid_voucher"), voucher);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int subsidy_pay(sz *z, const char *app, const char *date, const char *voucher)
{
  if(may(z, STEP_SUBSIDY_PAY))
    return -1;
  if(db_not_future(z, "拨付", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, pay_work(z, app, date, voucher));
}

static int withdraw_work(sz *z, const char *app, const char *date,
                         const char *reason)
{
  const char *step = "撤回";
  rec x;
  if(!rec_open(z, &reg_subsidy, app, &x)) {
    rec_close(&x);
    return fail(z, T(z, "no subsidy application with code '%s'"), app);
  }
  const char *st = S(&x, "status");
  int rc = 0;
  if(!strcmp(st, S_PAID))
    rc = fail(z, T(z, "%s: application %s was paid on %s; a paid subsidy is "
                      "not withdrawn"), step, app, S(&x, "paid_on"));
  else if(!strcmp(st, S_WITHDRAWN) || !strcmp(st, S_REJECTED))
    rc = fail(z, T(z, "%s: application %s is already closed (%s)"), step,
              app, st);
  else if(!reason[0])
    rc = fail(z, T(z, "%s: a reason (--reason) is required"), step);
  if(rc == 0)
    rc = not_before(z, step, date, N_("the application"),
                    S(&x, "applied_on"));
  /* Nor before a step the application has already been through. */
  if(rc == 0)
    rc = not_before(z, step, date, N_("the township review"),
                    S(&x, "reviewed_on"));
  if(rc == 0)
    rc = not_before(z, step, date, N_("the approval"), S(&x, "approved_on"));
  if(rc == 0) {
    val_text(F(&x, "status"), S_WITHDRAWN);
    val_text(F(&x, "withdrawn_on"), date);
    val_text(F(&x, "withdrawn"), reason);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int subsidy_withdraw(sz *z, const char *app, const char *date,
                     const char *reason)
{
  if(may(z, STEP_LOAN))
    return -1;
  if(db_not_future(z, "撤回", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, withdraw_work(z, app, date, reason));
}

/* ---- report ---- */

int subsidy_report(sz *z, const char *year,
                   void (*fn)(const subsidy_row *r, void *ctx), void *ctx)
{
  sqlite3_stmt *st = db_prepare(
      z,
      "WITH l AS (SELECT village, count(*) n, sum(principal) p FROM loan "
      "  WHERE withdrawn IS NULL AND voided IS NULL AND "
      "  start_date <= ?1 || '-12-31' "
      "  AND maturity >= ?1 || '-01-01' GROUP BY village), "
      "i AS (SELECT i.village, sum(i.paid) paid FROM interest i JOIN loan "
      "  ON loan.code = i.loan WHERE i.withdrawn IS NULL AND loan.withdrawn "
      "  IS NULL AND substr(i.paid_on, 1, 4) = ?1 GROUP BY i.village), "
      "s AS (SELECT village, "
      "  sum(CASE WHEN " LIVE " THEN amount ELSE 0 END) applied, "
      "  sum(CASE WHEN " GRANTED " THEN approved ELSE 0 END) approved, "
      "  sum(CASE WHEN status = '已拨付' THEN approved ELSE 0 END) paid "
      "  FROM subsidy WHERE year = ?1 GROUP BY village), "
      "v AS (SELECT village FROM l UNION SELECT village FROM i "
      "  UNION SELECT village FROM s) "
      "SELECT v.village, o.name, o.parent_code, t.name, coalesce(l.n, 0), "
      "  coalesce(l.p, 0), coalesce(i.paid, 0), coalesce(s.applied, 0), "
      "  coalesce(s.approved, 0), coalesce(s.paid, 0) "
      "FROM v JOIN org o ON o.code = v.village "
      "LEFT JOIN org t ON t.code = o.parent_code "
      "LEFT JOIN l ON l.village = v.village LEFT JOIN i ON i.village = "
      "v.village LEFT JOIN s ON s.village = v.village ORDER BY v.village");
  sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  while(db_step(z, st) == SQLITE_ROW) {
    subsidy_row r;
    r.village = (const char *)sqlite3_column_text(st, 0);
    /* Only the villages of the caller's scope (none on the command line). */
    if(!db_in_scope(z, r.village, strlen(r.village)))
      continue;
    r.village_name = (const char *)sqlite3_column_text(st, 1);
    r.township = (const char *)sqlite3_column_text(st, 2);
    r.township_name = sqlite3_column_type(st, 3) == SQLITE_NULL
                          ? ""
                          : (const char *)sqlite3_column_text(st, 3);
    r.loans = sqlite3_column_int64(st, 4);
    r.principal = sqlite3_column_int64(st, 5);
    r.interest = sqlite3_column_int64(st, 6);
    r.applied = sqlite3_column_int64(st, 7);
    r.approved = sqlite3_column_int64(st, 8);
    r.paid = sqlite3_column_int64(st, 9);
    fn(&r, ctx);
  }
  sqlite3_finalize(st);
  return 0;
}

/* ---- the spec ---- */

static int check_program(struct regctx *c, val *v);

static const field program_fields[] = {
  {"year", "年度", F_CODE, F_REQ | F_FIXED, NULL},
  {"budget", "年度预算", F_MONEY, F_REQ, NULL},
  {"ratio", "贴息比例", F_RATE, F_REQ | F_POS, NULL},
  {"rate_cap", "利率上限", F_RATE, F_POS, NULL},
  {"day_basis", "计息天数基准", F_INT, F_REQ, NULL},
  {"village_cap", "每村年度限额", F_MONEY, F_REQ, NULL},
};


static const field subsidy_fields[] = {
  {"code", "申请编号", F_CODE, F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_FIXED, NULL},
  {"loan", "贷款编号", F_TEXT, F_REQ | F_FIXED, NULL},
  {"year", "年度", F_TEXT, F_REQ | F_FIXED, NULL},
  {"applied_on", "申请日期", F_DATE, F_REQ, NULL},
  {"amount", "申请贴息", F_MONEY, F_REQ, NULL},
  {"status", "状态", F_TEXT, F_REQ, NULL},
  {"reviewed_on", "初审日期", F_DATE, 0, NULL},
  {"review_opinion", "初审意见", F_TEXT, F_LONG, NULL},
  {"publicity_from", "公示起日", F_DATE, 0, NULL},
  {"publicity_to", "公示止日", F_DATE, 0, NULL},
  {"approved_on", "审定日期", F_DATE, 0, NULL},
  {"approved", "审定贴息", F_MONEY, 0, NULL},
  {"cut_by", "核减依据", F_TEXT, F_LONG, NULL},
  {"paid_on", "拨付日期", F_DATE, 0, NULL},
  {"paid_voucher", "拨付凭证号", F_TEXT, 0, NULL},
  {"withdrawn_on", "撤回日期", F_DATE, 0, NULL},
  {"withdrawn", "撤回原因", F_TEXT, F_LONG, NULL},
};


static const field subsidy_line_fields[] = {
  {"code", "明细编号", F_CODE, F_FIXED, NULL},
  {"application", "申请编号", F_TEXT, F_REQ, NULL},
  {"payment", "付息编号", F_TEXT, F_REQ, NULL},
  {"days", "天数", F_INT, F_REQ, NULL},
  {"principal", "本金", F_MONEY, F_REQ, NULL},
  {"rate", "年利率", F_RATE, F_REQ, NULL},
  {"rate_used", "计贴利率", F_RATE, F_REQ, NULL},
  {"day_basis", "计息天数基准", F_INT, F_REQ, NULL},
  {"computed", "应计利息", F_MONEY, F_REQ, NULL},
  {"paid", "实付利息", F_MONEY, F_REQ, NULL},
  {"eligible", "可贴息利息", F_MONEY, F_REQ, NULL},
  {"ratio", "贴息比例", F_RATE, F_REQ, NULL},
  {"subsidy", "贴息金额", F_MONEY, F_REQ, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_program = {"program", "贴息年度", NULL,
                                SPEC(program_fields), 1, check_program, NULL,
                                NULL};
const reg reg_subsidy = {"subsidy", "贴息申请", "TX",
                                SPEC(subsidy_fields), 1, NULL, NULL, NULL};
const reg reg_subsidy_line = {"subsidy_line", "贴息明细", NULL,
                                     SPEC(subsidy_line_fields), 1, NULL, NULL,
                                     NULL};

static int check_program(regctx *c, val *v)
{
  int db = reg_field(c->r, "day_basis");
  int bad = 0;
  const val *y = &v[0];
  if(y->n != 4 || !isdigit((unsigned char)y->s[0]) ||
     !isdigit((unsigned char)y->s[1]) || !isdigit((unsigned char)y->s[2]) ||
     !isdigit((unsigned char)y->s[3]) || memcmp(y->s, "1900", 4) < 0 ||
     memcmp(y->s, "2999", 4) > 0) {
    reg_error(c, 0, T(c->z, "'%.*s' is not a year"), (int)y->n, y->s);
    bad++;
  }
  if(v[db].i != 360 && v[db].i != 365) {
    reg_error(c, db, T(c->z, "%lld: the day basis is 360 or 365"),
              (long long)v[db].i);
    bad++;
  }
  return bad;
}


