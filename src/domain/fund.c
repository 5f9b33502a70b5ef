/* fund.c: the fund journal (资金收支): its spec and checks, reversals
 * (红字冲销) and closed months (结账). */
#include "domain/registers.h"
#include "domain/fund.h"
#include "base/date.h"
#include "base/money.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_fund(struct regctx *c, val *v);
static int guard_fund(struct regctx *c, const val *old, const val *v);

static const field fund_fields[] = {
  {"voucher", "凭证号", F_TEXT, F_REQ | F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"date", "日期", F_DATE, F_REQ | F_LIST, NULL},
  {"account", "账户编号", F_ACCOUNT, F_REQ | F_LIST | F_DIGITS, NULL},
  {"direction", "收支方向", F_ENUM, F_REQ | F_LIST, "fund_direction"},
  /* > 0; a reversal's is negative (checked by check_fund) */
  {"amount", "金额", F_MONEY, F_REQ | F_LIST | F_SIGNED, NULL},
  {"category", "收支类别", F_ENUM, F_REQ | F_LIST, "fund_category"},
  {"counterparty", "对方单位", F_TEXT, 0, NULL},
  {"summary", "摘要", F_TEXT, F_REQ | F_LIST, NULL},
  {"contract", "合同编号", F_TEXT, 0, NULL},
  {"handler", "经办人", F_TEXT, 0, NULL},
  {"approver", "审批人", F_TEXT, 0, NULL},
  {"note", "备注", F_TEXT, F_LONG, NULL},
  /* Derived from village, year and voucher; stored, never in a file. */
  {"code", "编号", F_CODE, F_FIXED, NULL},
  /* A reversal (红字冲销): the code of the entry it reverses. */
  {"reverses", "冲销编号", F_TEXT, F_FIXED | F_DIGITS | F_ADDED, NULL},
};

/* A village's month of books closed by the township: written by `fund
 * close` and `fund reopen`, never imported. */
static const field close_fields[] = {
  {"code", "编号", F_CODE, F_FIXED, NULL}, /* <village>-<month> */
  {"village", "村代码", F_VILLAGE, F_REQ | F_FIXED, NULL},
  {"month", "月份", F_MONTH, F_REQ | F_FIXED, NULL},
  {"closed", "已结账", F_INT, F_REQ, NULL},
  {"closed_by", "结账人", F_TEXT, F_REQ, NULL},
  {"closed_on", "结账日期", F_DATE, F_REQ, NULL},
  {"reopened_by", "反结账人", F_TEXT, 0, NULL},
  {"reason", "反结账原因", F_TEXT, 0, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_fund = {"fund", "资金收支", NULL, SPEC(fund_fields), 0,
                             check_fund, guard_fund, NULL};
const reg reg_fund_close = {"fund_close", "结账", NULL, SPEC(close_fields), 1,
                            NULL, NULL, NULL};

int fund_month_closed(sz *z, const char *village, const char *date)
{
  char month[8];
  snprintf(month, sizeof month, "%.7s", date);
  sqlite3_stmt *st = db_prepare(z, "SELECT 1 FROM fund_close WHERE village = "
                                   "?1 AND month = ?2 AND closed = 1");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, month, -1, SQLITE_STATIC);
  int closed = db_step(z, st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return closed;
}

/* Value i of v as a NUL-terminated copy in buf. */
static const char *vtext(const val *v, char *buf, size_t n)
{
  snprintf(buf, n, "%.*s", v->t == V_TEXT ? (int)v->n : 0,
           v->t == V_TEXT ? v->s : "");
  return buf;
}

/* The stored row with v's code is v as it stands: an import of an export
 * that leaves it as it was. */
static int unchanged(regctx *c, const val *v)
{
  val *old = xcalloc((size_t)c->r->nfields, sizeof *old);
  int64_t id;
  int same = 0;
  if(reg_load_n(c, v[c->ci].s, v[c->ci].n, &id, old, NULL)) {
    sbuf a, b;
    sb_init(&a);
    sb_init(&b);
    reg_canon(c->r, id, old, &a);
    reg_canon(c->r, id, v, &b);
    same = !strcmp(a.buf, b.buf);
    sb_free(&a);
    sb_free(&b);
  }
  free(old);
  return same;
}

static int closed_error(regctx *c, int fi, const char *village,
                        const char *date)
{
  reg_error(c, fi, T(c->z, "the books of %s for %.7s are closed (结账): "
                           "correct an entry by reversal in an open month "
                           "(sanzi fund reverse)"), village, date);
  return 1;
}

/* A reversal: the entry it names is of this village, account, direction
 * and category, not itself a reversal nor reversed by another, dated no
 * later, and the amount is its own in red. */
static int check_reversal(regctx *c, val *v)
{
  const reg *r = c->r;
  int rv = reg_field(r, "reverses"), am = reg_field(r, "amount");
  int dt = reg_field(r, "date");
  char code[256], b1[32];
  vtext(&v[rv], code, sizeof code);
  sqlite3_stmt *st = reg_stmt(
      c, "SELECT village, account, direction, category, amount, reverses, "
         "date, (SELECT r.code FROM fund r WHERE r.reverses = o.code AND "
         "r.code IS NOT ?2) FROM fund o WHERE o.code = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v[c->ci].s, (int)v[c->ci].n, SQLITE_STATIC);
  int bad = 0;
  if(db_step(c->z, st) != SQLITE_ROW) {
    reg_error(c, rv, T(c->z, "no fund entry with code '%s'"), code);
    bad = 1;
  } else if(sqlite3_column_type(st, 5) != SQLITE_NULL) {
    reg_error(c, rv, T(c->z, "%s is itself a reversal: a reversal is never "
                             "reversed"), code);
    bad = 1;
  } else if(sqlite3_column_type(st, 7) != SQLITE_NULL) {
    reg_error(c, rv, T(c->z, "%s was already reversed by %s: an entry is "
                             "reversed once"), code, sqlite3_column_text(st, 7));
    bad = 1;
  } else {
    static const char *const same[] = {"village", "account", "direction",
                                       "category"};
    for(int k = 0; k < 4 && !bad; k++) {
      int fi = reg_field(r, same[k]);
      const char *o = (const char *)sqlite3_column_text(st, k);
      if(v[fi].n != strlen(o) || memcmp(v[fi].s, o, v[fi].n)) {
        reg_error(c, fi, T(c->z, "a reversal has the %s of the entry it "
                                 "reverses: %s has %s"),
                  r->fields[fi].zh, code, o);
        bad = 1;
      }
    }
    int64_t amount = sqlite3_column_int64(st, 4);
    if(!bad && v[am].i != -amount) {
      reg_error(c, am, T(c->z, "a reversal's amount is the entry's in red: "
                               "%s"), money_format(-amount, b1));
      bad = 1;
    }
    if(!bad && memcmp(v[dt].s, sqlite3_column_text(st, 6), 10) < 0) {
      reg_error(c, dt, T(c->z, "%.10s is before %s, the date of the entry "
                               "it reverses"), v[dt].s,
                sqlite3_column_text(st, 6));
      bad = 1;
    }
  }
  sqlite3_reset(st);
  return bad;
}

/* An entry that lowers its account's balance below zero at the end of its
 * date: a warning (the audit reports the day as ZJ02). */
static void warn_below_zero(regctx *c, val *v)
{
  const reg *r = c->r;
  int ac = reg_field(r, "account"), dt = reg_field(r, "date");
  int di = reg_field(r, "direction"), am = reg_field(r, "amount");
  int income = v[di].n == strlen("收入") && !memcmp(v[di].s, "收入", v[di].n);
  int64_t effect = income ? v[am].i : -v[am].i;
  if(effect >= 0)
    return;
  sqlite3_stmt *st = reg_stmt(
      c, "SELECT a.opening_balance + coalesce((SELECT sum(CASE direction "
         "WHEN '收入' THEN amount ELSE -amount END) FROM fund WHERE account = "
         "?1 AND date <= ?2 AND code IS NOT ?3), 0) FROM account a WHERE "
         "a.code = ?1");
  sqlite3_bind_text(st, 1, v[ac].s, (int)v[ac].n, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v[dt].s, 10, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, v[c->ci].s, (int)v[c->ci].n, SQLITE_STATIC);
  if(db_step(c->z, st) == SQLITE_ROW) {
    int64_t bal = sqlite3_column_int64(st, 0) + effect;
    char b1[32];
    if(bal < 0)
      reg_warn(c, am, T(c->z, "account %.*s is below zero at the end of "
                              "%.10s: its balance is %s"),
               (int)v[ac].n, v[ac].s, v[dt].s, money_format_grouped(bal, b1));
  }
  sqlite3_reset(st);
}

/* 账户编号 may be the name of an account of the row's village when no
 * account has that code: v's account becomes its code. Returns 1 with an
 * error when several accounts of the village have that name (listed). */
static int account_by_name(regctx *c, val *v)
{
  int ac = reg_field(c->r, "account"), vi = c->vi;
  sqlite3_stmt *st = reg_stmt(c, "SELECT code FROM account WHERE code = ?2 "
                                 "UNION ALL SELECT code FROM account WHERE "
                                 "village = ?1 AND name = ?2 AND NOT EXISTS "
                                 "(SELECT 1 FROM account WHERE code = ?2)");
  sqlite3_bind_text(st, 1, v[vi].s, (int)v[vi].n, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v[ac].s, (int)v[ac].n, SQLITE_STATIC);
  int n = 0;
  sbuf list;
  sb_init(&list);
  while(db_step(c->z, st) == SQLITE_ROW) {
    const char *code = (const char *)sqlite3_column_text(st, 0);
    if(n++ == 0)
      snprintf(c->named, sizeof c->named, "%s", code);
    sb_addf(&list, "%s%s", n > 1 ? T(c->z, ", ") : "", code);
  }
  sqlite3_reset(st);
  if(n == 1) {
    v[ac].s = c->named;
    v[ac].n = strlen(c->named);
  } else if(n > 1) {
    reg_error(c, ac, T(c->z, "%d accounts of village %.*s are named '%.*s': "
                             "%s; give the account code"),
              n, (int)v[vi].n, v[vi].s, (int)v[ac].n, v[ac].s, list.buf);
  }
  sb_free(&list);
  return n > 1;
}

static int check_fund(regctx *c, val *v)
{
  int ac = reg_field(c->r, "account"), dt = reg_field(c->r, "date");
  int di = reg_field(c->r, "direction"), ca = reg_field(c->r, "category");
  int vo = reg_field(c->r, "voucher"), co = reg_field(c->r, "code");
  int vi = c->vi, ct = reg_field(c->r, "contract");
  int bad = 0;
  if(account_by_name(c, v))
    return 1;
  sqlite3_stmt *acct = reg_stmt(c, "SELECT village, opening_date, voided "
                                   "FROM account WHERE code = ?1");
  sqlite3_bind_text(acct, 1, v[ac].s, (int)v[ac].n, SQLITE_STATIC);
  if(db_step(c->z, acct) != SQLITE_ROW) {
    reg_error(c, ac, T(c->z, "no account with code '%.*s'"), (int)v[ac].n,
              v[ac].s);
    bad++;
  } else {
    const char *av = (const char *)sqlite3_column_text(acct, 0);
    const char *od = (const char *)sqlite3_column_text(acct, 1);
    if(strlen(av) != v[vi].n || memcmp(av, v[vi].s, v[vi].n)) {
      reg_error(c, ac, T(c->z, "account '%.*s' belongs to village %s, not "
                               "%.*s"),
                (int)v[ac].n, v[ac].s, av, (int)v[vi].n, v[vi].s);
      bad++;
    } else if(sqlite3_column_type(acct, 2) != SQLITE_NULL) {
      reg_error(c, ac, T(c->z, "account '%.*s' is voided (作废)"),
                (int)v[ac].n, v[ac].s);
      bad++;
    } else if(memcmp(v[dt].s, od, 10) < 0) {
      reg_error(c, dt, T(c->z, "%.10s is before the account's opening date "
                               "%s"), v[dt].s, od);
      bad++;
    }
  }
  sqlite3_reset(acct);
  /* The category must exist for this direction. */
  sqlite3_stmt *st = reg_stmt(c, "SELECT 1 FROM fund_category WHERE "
                                 "name = ?1 AND direction = ?2");
  sqlite3_bind_text(st, 1, v[ca].s, (int)v[ca].n, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v[di].s, (int)v[di].n, SQLITE_STATIC);
  if(db_step(c->z, st) != SQLITE_ROW) {
    reg_error(c, ca, T(c->z, "'%.*s' is not a %.*s category"), (int)v[ca].n,
              v[ca].s, (int)v[di].n, v[di].s);
    bad++;
  }
  sqlite3_reset(st);
  if(v[ct].t == V_TEXT) {
    /* A receipt that cites a contract pays down its receivables. */
    sqlite3_stmt *fcon = reg_stmt(c, "SELECT village, voided FROM contract "
                                     "WHERE code = ?1");
    sqlite3_bind_text(fcon, 1, v[ct].s, (int)v[ct].n, SQLITE_STATIC);
    if(db_step(c->z, fcon) != SQLITE_ROW) {
      reg_error(c, ct, T(c->z, "no contract with code '%.*s'"), (int)v[ct].n,
                v[ct].s);
      bad++;
    } else if((size_t)sqlite3_column_bytes(fcon, 0) != v[vi].n ||
              memcmp(sqlite3_column_text(fcon, 0), v[vi].s, v[vi].n)) {
      reg_error(c, ct, T(c->z, "contract '%.*s' belongs to village %s"),
                (int)v[ct].n, v[ct].s, sqlite3_column_text(fcon, 0));
      bad++;
    } else if(sqlite3_column_type(fcon, 1) != SQLITE_NULL) {
      reg_error(c, ct, T(c->z, "contract '%.*s' is voided (作废)"),
                (int)v[ct].n, v[ct].s);
      bad++;
    }
    sqlite3_reset(fcon);
  }
  int k = snprintf(c->fundcode, sizeof c->fundcode, "%.*s-%.4s-%.*s",
                   (int)v[vi].n, v[vi].s, v[dt].s, (int)v[vo].n, v[vo].s);
  v[co].t = V_TEXT;
  v[co].s = c->fundcode;
  v[co].n = (size_t)k;
  int am = reg_field(c->r, "amount"), rv = reg_field(c->r, "reverses");
  if(v[rv].t == V_TEXT)
    bad += check_reversal(c, v);
  else if(v[am].i <= 0) {
    char b1[32];
    money_format(v[am].i, b1);
    reg_error(c, am, T(c->z, "'%.*s': must be greater than 0"),
              (int)strlen(b1), b1);
    bad++;
  }
  char vil[16];
  vtext(&v[vi], vil, sizeof vil);
  if(!bad && fund_month_closed(c->z, vil, v[dt].s) && !unchanged(c, v))
    bad += closed_error(c, dt, vil, v[dt].s);
  if(!bad)
    warn_below_zero(c, v);
  return bad;
}

/* An edit: not of an entry in a closed month, not of either side of a
 * reversal. An import of the row as it stands changes nothing. */
static int guard_fund(regctx *c, const val *old, const val *v)
{
  sbuf a, b;
  sb_init(&a);
  sb_init(&b);
  reg_canon(c->r, 0, old, &a);
  reg_canon(c->r, 0, v, &b);
  int same = !strcmp(a.buf, b.buf);
  sb_free(&a);
  sb_free(&b);
  if(same)
    return 0;
  int dt = reg_field(c->r, "date"), rv = reg_field(c->r, "reverses");
  char vil[16], code[256], by[256] = "";
  vtext(&old[c->vi], vil, sizeof vil);
  vtext(&old[c->ci], code, sizeof code);
  if(fund_month_closed(c->z, vil, old[dt].s))
    return closed_error(c, dt, vil, old[dt].s);
  if(old[rv].t == V_TEXT) {
    reg_error(c, -1, T(c->z, "%s is a reversal: it does not change"), code);
    return 1;
  }
  sqlite3_stmt *st = reg_stmt(c, "SELECT code FROM fund WHERE reverses = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(db_step(c->z, st) == SQLITE_ROW)
    snprintf(by, sizeof by, "%s", sqlite3_column_text(st, 0));
  sqlite3_reset(st);
  if(by[0]) {
    reg_error(c, -1, T(c->z, "%s was reversed by %s: it does not change; "
                             "enter the right entry anew"), code, by);
    return 1;
  }
  return 0;
}



/* ---- reversal (红字冲销) ---- */

static int reverse_work(sz *z, const char *code, const char *date,
                        const char *reason, const char *voucher, char out[256])
{
  rec o;
  if(!rec_open(z, &reg_fund, code, &o)) {
    rec_close(&o);
    return db_fail(z, T(z, "no fund entry with code '%s'"), code);
  }
  /* Said here too: the default voucher of a second reversal would be the
   * first's, and the clash hide the reason. */
  char by[256] = "";
  sqlite3_stmt *st = db_prepare(z, "SELECT code FROM fund WHERE reverses = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(by, sizeof by, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if(by[0]) {
    rec_close(&o);
    return db_fail(z, T(z, "%s was already reversed by %s: an entry is "
                           "reversed once"), code, by);
  }
  rec n;
  rec_open(z, &reg_fund, NULL, &n);
  static const char *const copied[] = {"village", "account", "direction",
                                       "category", "counterparty", "contract"};
  for(size_t k = 0; k < ARRAY_SIZE(copied); k++)
    *rec_val(&n, copied[k]) = *rec_val(&o, copied[k]);
  char vbuf[128], summary[1024];
  if(!voucher) {
    snprintf(vbuf, sizeof vbuf, "冲%s", rec_text(&o, "voucher"));
    voucher = vbuf;
  }
  /* Its summary cites the voucher it reverses, for the books on paper. */
  snprintf(summary, sizeof summary, "冲销%.4s年%s号凭证：%s",
           rec_text(&o, "date"), rec_text(&o, "voucher"), reason);
  val_text(rec_val(&n, "voucher"), voucher);
  val_text(rec_val(&n, "date"), date);
  val_int(rec_val(&n, "amount"), -rec_int(&o, "amount"));
  val_text(rec_val(&n, "summary"), summary);
  val_text(rec_val(&n, "handler"), z->user ? z->user : "");
  val_text(rec_val(&n, "reverses"), code);
  int rc = reg_check(n.c, n.v) ? rec_fail(&n) : reg_put(n.c, n.v, 0);
  if(rc == 0)
    snprintf(out, 256, "%s", rec_text(&n, "code"));
  rec_close(&n);
  rec_close(&o);
  return rc;
}

int fund_reverse(sz *z, const char *code, const char *date,
                 const char *reason, const char *voucher, char out[256])
{
  if(!reason[0])
    return db_fail(z, T(z, "a reversal needs a reason (--reason)"));
  if(voucher && !voucher[0])
    return db_fail(z, T(z, "--voucher: empty"));
  if(db_not_future(z, "冲销", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, reverse_work(z, code, date, reason, voucher, out));
}

/* ---- closed months (结账) ---- */

/* The month after m (YYYY-MM) into out. */
static void next_month(const char *m, char out[8])
{
  char d[11], n[11];
  snprintf(d, sizeof d, "%.7s-01", m);
  date_add_months(d, 1, n);
  snprintf(out, 8, "%.7s", n);
}

/* Close one village's month: 0, 1 when it was closed already and skip is
 * set, -1 with the reason in c's errors, -2 when the write failed
 * (z->err). */
static int close_one(sz *z, regctx *c, const char *village, const char *month,
                     int skip)
{
  char code[32], last[8] = "", first[8] = "";
  snprintf(code, sizeof code, "%s-%s", village, month);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT (SELECT max(month) FROM fund_close WHERE village = ?1 AND "
         "closed = 1), (SELECT substr(min(date), 1, 7) FROM fund WHERE "
         "village = ?1), (SELECT closed FROM fund_close WHERE code = ?2)");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
  int was = -1;
  if(db_step(z, st) == SQLITE_ROW) {
    if(sqlite3_column_type(st, 0) != SQLITE_NULL)
      snprintf(last, sizeof last, "%s", sqlite3_column_text(st, 0));
    if(sqlite3_column_type(st, 1) != SQLITE_NULL)
      snprintf(first, sizeof first, "%s", sqlite3_column_text(st, 1));
    if(sqlite3_column_type(st, 2) != SQLITE_NULL)
      was = sqlite3_column_int(st, 2);
  }
  sqlite3_finalize(st);
  char want[8];
  if(was == 1) {
    if(skip)
      return 1;
    reg_error(c, -1, T(z, "%s: %s is closed already"), village, month);
    return -1;
  }
  if(last[0]) {
    next_month(last, want);
    if(strcmp(month, want)) {
      reg_error(c, -1, T(z, "%s: the books are closed up to %s: months close "
                            "in order, %s next"), village, last, want);
      return -1;
    }
  } else if(first[0] && strcmp(month, first) > 0) {
    reg_error(c, -1, T(z, "%s: close %s first, the month of the village's "
                          "first entry: months close in order"),
              village, first);
    return -1;
  }
  rec x;
  int found = rec_open(z, &reg_fund_close, code, &x);
  val_text(rec_val(&x, "code"), code);
  val_text(rec_val(&x, "village"), village);
  val_text(rec_val(&x, "month"), month);
  val_int(rec_val(&x, "closed"), 1);
  val_text(rec_val(&x, "closed_by"), z->user ? z->user : "");
  val_text(rec_val(&x, "closed_on"), z->today);
  val_null(rec_val(&x, "reopened_by"));
  val_null(rec_val(&x, "reason"));
  int rc = reg_put(x.c, x.v, found ? 2 : 0) ? -2 : 0;
  rec_close(&x);
  return rc;
}

static int close_work(sz *z, const char *village, const char *township,
                      const char *month, int *closed)
{
  regctx *c = reg_open(z, &reg_fund_close);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT code FROM org WHERE level = 'village' AND (code = ?1 OR "
         "substr(code, 1, length(?2)) = ?2) ORDER BY code");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, township, -1, SQLITE_STATIC);
  int rc = 0, n = 0;
  while(rc == 0 && db_step(z, st) == SQLITE_ROW) {
    char vil[16];
    snprintf(vil, sizeof vil, "%s", sqlite3_column_text(st, 0));
    n++;
    int one = close_one(z, c, vil, month, township != NULL);
    if(one == 0)
      (*closed)++;
    else if(one == -2)
      rc = -1;
  }
  sqlite3_finalize(st);
  if(rc == 0 && !n)
    reg_error(c, -1, T(z, "no village in %s"), village ? village : township);
  if(reg_nerrors(c))
    rc = reg_fail(c);
  reg_close(c);
  return rc;
}

int fund_close(sz *z, const char *village, const char *township,
               const char *month, int *closed)
{
  *closed = 0;
  /* A month closes once it has ended. */
  if(strncmp(month, z->today, 7) >= 0)
    return db_fail(z, T(z, "%s has not ended yet (today is %s): a month is "
                           "closed after its last day"), month, z->today);
  if(db_begin(z))
    return -1;
  return db_finish(z, close_work(z, village, township, month, closed));
}

static int reopen_work(sz *z, const char *village, const char *month,
                       const char *reason)
{
  char code[32], last[8] = "";
  snprintf(code, sizeof code, "%s-%s", village, month);
  rec x;
  if(!rec_open(z, &reg_fund_close, code, &x) || !rec_int(&x, "closed")) {
    rec_close(&x);
    return db_fail(z, T(z, "%s: %s is not closed"), village, month);
  }
  sqlite3_stmt *st = db_prepare(z, "SELECT max(month) FROM fund_close WHERE "
                                   "village = ?1 AND closed = 1");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(last, sizeof last, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  int rc = 0;
  if(strcmp(last, month))
    rc = db_fail(z, T(z, "%s: reopen %s first: months are reopened from the "
                         "last one closed"), village, last);
  else if(!strcmp(rec_text(&x, "closed_by"), z->user ? z->user : ""))
    rc = db_fail(z, T(z, "%s: %s was closed by %s; another user reopens it"),
                 village, month, rec_text(&x, "closed_by"));
  if(rc == 0) {
    val_int(rec_val(&x, "closed"), 0);
    val_text(rec_val(&x, "reopened_by"), z->user);
    val_text(rec_val(&x, "reason"), reason);
    rc = reg_put(x.c, x.v, 2);
  }
  rec_close(&x);
  return rc;
}

int fund_reopen(sz *z, const char *village, const char *month,
                const char *reason)
{
  if(!reason[0])
    return db_fail(z, T(z, "reopening a month needs a reason (--reason)"));
  if(db_begin(z))
    return -1;
  return db_finish(z, reopen_work(z, village, month, reason));
}
