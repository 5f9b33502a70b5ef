/* loan.c: loans and their interest payments: specs and checks. */
#include "domain/registers.h"
#include "domain/view.h"
#include "base/date.h"
#include "base/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int check_loan(struct regctx *c, val *v);
static int check_interest(struct regctx *c, val *v);
static int guard_withdrawn(struct regctx *c, const val *old, const val *v);

static const field loan_fields[] = {
  {"code", "贷款编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"lender", "贷款银行", F_TEXT, F_REQ | F_LIST, NULL},
  {"contract_no", "贷款合同号", F_TEXT, F_REQ | F_DIGITS, NULL},
  {"project", "项目名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"principal", "本金", F_MONEY, F_REQ | F_LIST | F_POS, NULL},
  {"rate", "年利率", F_RATE, F_REQ | F_LIST | F_POS, NULL},
  {"start_date", "放款日期", F_DATE, F_REQ | F_LIST, NULL},
  {"maturity", "到期日期", F_DATE, F_REQ | F_LIST, NULL},
  {"note", "备注", F_TEXT, F_LONG, NULL},
  /* Set by `loan withdraw`; a withdrawn loan takes no payments or claims. */
  {"withdrawn", "撤回原因", F_TEXT, F_LIST | F_LONG, NULL},
  {"voided", "作废原因", F_TEXT, F_VOID, NULL},
  {"restored", "恢复原因", F_TEXT, F_VOID, NULL},
};


/* The workflow tables below are written by their commands, not imported;
 * their specs give them the same canonical form, log and verification. */
static const field interest_fields[] = {
  {"code", "付息编号", F_CODE, F_FIXED, NULL},
  {"loan", "贷款编号", F_TEXT, F_REQ | F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_FIXED, NULL}, /* the loan's */
  {"period_from", "计息起日", F_DATE, F_REQ, NULL},
  {"period_to", "计息止日", F_DATE, F_REQ, NULL},
  {"paid", "实付利息", F_MONEY, F_REQ | F_POS, NULL},
  {"paid_on", "付息日期", F_DATE, F_REQ, NULL},
  {"voucher", "付息凭证号", F_TEXT, F_REQ | F_DIGITS, NULL},
  {"withdrawn", "撤回原因", F_TEXT, F_LONG, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_loan = {"loan", "贷款", "DK", SPEC(loan_fields), 0,
                             check_loan, guard_withdrawn,
                             "village lender contract_no"};
const reg reg_interest = {"interest", "付息", "LX",
                                 SPEC(interest_fields), 1, check_interest, NULL,
                                 NULL};

/* A field's value as a NUL-terminated copy in buf (truncated to n-1). */
static const char *vstr(const val *v, char *buf, size_t n)
{
  snprintf(buf, n, "%.*s", v->t == V_TEXT ? (int)v->n : 0,
           v->t == V_TEXT ? v->s : "");
  return buf;
}


static int check_loan(regctx *c, val *v)
{
  int st = reg_field(c->r, "start_date"), ma = reg_field(c->r, "maturity");
  int wd = reg_field(c->r, "withdrawn");
  int bad = 0;
  if(memcmp(v[ma].s, v[st].s, 10) <= 0) {
    reg_error(c, ma, T(c->z, "%.10s is not after 放款日期 %.10s"), v[ma].s,
              v[st].s);
    bad++;
  }
  char code[80];
  vstr(&v[c->ci], code, sizeof code);
  if(!code[0])
    return bad;
  /* A loan already registered: its payments must stay within its life. */
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT code, period_from, period_to FROM interest WHERE loan = ?1 "
            "AND withdrawn IS NULL AND (period_from < ?2 OR period_to > ?3) "
            "ORDER BY period_from LIMIT 1");
  sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[st].s, (int)v[st].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[ma].s, (int)v[ma].n, SQLITE_STATIC);
  if(db_step(c->z, q) == SQLITE_ROW) {
    reg_error(c, st,
              T(c->z, "interest payment %s (%s to %s) would lie outside the "
                      "loan's life %.10s to %.10s"),
              sqlite3_column_text(q, 0), sqlite3_column_text(q, 1),
              sqlite3_column_text(q, 2), v[st].s, v[ma].s);
    bad++;
  }
  sqlite3_finalize(q);
  if(v[wd].t == V_TEXT) {
    q = db_prepare(c->z, "SELECT code, status FROM subsidy WHERE loan = ?1 AND "
                         "status <> '已撤回' AND status <> '初审不同意' "
                         "ORDER BY id LIMIT 1");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    if(db_step(c->z, q) == SQLITE_ROW) {
      reg_error(c, wd,
                T(c->z, "the loan has subsidy application %s (%s): withdraw "
                        "that first"),
                sqlite3_column_text(q, 0), sqlite3_column_text(q, 1));
      bad++;
    }
    sqlite3_finalize(q);
  }
  return bad;
}


static int check_interest(regctx *c, val *v)
{
  int lo = reg_field(c->r, "loan"), vi = c->vi;
  int fr = reg_field(c->r, "period_from"), to = reg_field(c->r, "period_to");
  int po = reg_field(c->r, "paid_on");
  int bad = 0;
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT village, start_date, maturity, coalesce(withdrawn, "
            "voided), withdrawn IS NULL FROM loan WHERE code = ?1");
  sqlite3_bind_text(q, 1, v[lo].s, (int)v[lo].n, SQLITE_STATIC);
  if(db_step(c->z, q) != SQLITE_ROW) {
    reg_error(c, lo, T(c->z, "no loan with code '%.*s'"), (int)v[lo].n,
              v[lo].s);
    sqlite3_finalize(q);
    return 1;
  }
  char start[11], mat[11];
  snprintf(start, sizeof start, "%s", sqlite3_column_text(q, 1));
  snprintf(mat, sizeof mat, "%s", sqlite3_column_text(q, 2));
  if(sqlite3_column_type(q, 3) != SQLITE_NULL) {
    reg_error(c, lo,
              sqlite3_column_int(q, 4)
                  ? T(c->z, "loan %.*s is voided (作废: %s): it takes no "
                            "payments")
                  : T(c->z, "loan %.*s is withdrawn (%s): it takes no "
                            "payments"),
              (int)v[lo].n, v[lo].s, sqlite3_column_text(q, 3));
    bad++;
  }
  snprintf(c->genbuf, 32, "%s", sqlite3_column_text(q, 0));
  v[vi].t = V_TEXT;
  v[vi].s = c->genbuf;
  v[vi].n = strlen(c->genbuf);
  sqlite3_finalize(q);
  if(memcmp(v[to].s, v[fr].s, 10) <= 0) {
    reg_error(c, to,
              T(c->z, "%.10s is not after 计息起日 %.10s: days are counted "
                      "from the first day to the last, not counting the last"),
              v[to].s, v[fr].s);
    return bad + 1;
  }
  if(memcmp(v[fr].s, start, 10) < 0) {
    reg_error(c, fr, T(c->z, "%.10s is before the loan was paid out (%s)"),
              v[fr].s, start);
    bad++;
  }
  if(memcmp(v[to].s, mat, 10) > 0) {
    reg_error(c, to, T(c->z, "%.10s is after the loan's maturity (%s)"),
              v[to].s, mat);
    bad++;
  }
  if(memcmp(v[po].s, v[fr].s, 10) < 0) {
    reg_error(c, po,
              T(c->z, "%.10s is before the period it pays for begins (%.10s)"),
              v[po].s, v[fr].s);
    bad++;
  }
  const char *today = c->z->today;
  if(memcmp(v[po].s, today, 10) > 0) {
    reg_error(c, po, T(c->z, "%.10s: that day has not come yet (today is %s)"),
              v[po].s, today);
    bad++;
  }
  char code[80];
  vstr(&v[c->ci], code, sizeof code);
  q = db_prepare(c->z,
                 "SELECT code, period_from, period_to FROM interest WHERE "
                 "loan = ?1 AND withdrawn IS NULL AND period_from < ?3 AND "
                 "?2 < period_to AND code IS NOT ?4 ORDER BY period_from "
                 "LIMIT 1");
  sqlite3_bind_text(q, 1, v[lo].s, (int)v[lo].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[fr].s, (int)v[fr].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[to].s, (int)v[to].n, SQLITE_STATIC);
  if(code[0])
    sqlite3_bind_text(q, 4, code, -1, SQLITE_STATIC);
  if(db_step(c->z, q) == SQLITE_ROW) {
    reg_error(c, fr,
              T(c->z, "%.10s to %.10s overlaps payment %s for %s to %s of the "
                      "same loan"),
              v[fr].s, v[to].s, sqlite3_column_text(q, 0),
              sqlite3_column_text(q, 1), sqlite3_column_text(q, 2));
    bad++;
  }
  sqlite3_finalize(q);
  return bad;
}


/* A withdrawal is made (and stays) with its verb, not by an edit. */
static int guard_withdrawn(regctx *c, const val *old, const val *v)
{
  int wi = reg_field(c->r, "withdrawn");
  const val *o = &old[wi], *n = &v[wi];
  if(o->t == n->t && (o->t != V_TEXT || (o->n == n->n &&
                                         !memcmp(o->s, n->s, n->n))))
    return 0;
  /* The register named in the language: loan, 贷款. */
  const char *what = c->z->lang == LANG_EN ? c->r->name : c->r->zh;
  if(o->t == V_TEXT)
    reg_error(c, wi,
              T(c->z, "the %s was withdrawn ('%.*s'); a withdrawal is "
                      "not undone or reworded"),
              what, (int)o->n, o->s);
  else
    reg_error(c, wi,
              T(c->z, "a %s is withdrawn with 'sanzi %s withdraw CODE "
                      "--reason TEXT'"),
              what, c->r->name);
  return 1;
}

/* ---- views ---- */

static const acol pay_cols[] = {
  {"付息编号", K_TEXT}, {"计息起日", K_TEXT}, {"计息止日", K_TEXT},
  {"天数", K_INT},      {"实付利息", K_MONEY}, {"付息日期", K_TEXT},
  {"凭证号", K_TEXT},   {"贴息申请", K_TEXT}};
static const char *const pay_keys[] = {"code",    "period_from", "period_to",
                                       "days",    "paid",        "paid_on",
                                       "voucher", "claims"};
static const atable t_payments = {"付息", pay_cols, 8, "payments", pay_keys};

int loan_payments_view(sz *z, const char *loan, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT i.code, i.period_from, i.period_to, i.paid, i.paid_on, "
         "i.voucher, i.withdrawn, (SELECT group_concat(s.code || ' ' || "
         "s.status, ', ') FROM subsidy_line l JOIN subsidy s ON "
         "s.code = l.application WHERE l.payment = i.code) "
         "FROM interest i WHERE loan = ?1 ORDER BY period_from, id");
  sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
  sbuf claim;
  sb_init(&claim);
  int rc = view_begin(z, s, &t_payments);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    const char *from = (const char *)sqlite3_column_text(st, 1);
    const char *to = (const char *)sqlite3_column_text(st, 2);
    sb_reset(&claim);
    if(sqlite3_column_type(st, 6) != SQLITE_NULL)
      sb_addf(&claim, T(z, "withdrawn: %s"), sqlite3_column_text(st, 6));
    else if(sqlite3_column_type(st, 7) != SQLITE_NULL)
      sb_addstr(&claim, (const char *)sqlite3_column_text(st, 7));
    acell c[8] = {
      cell_str((const char *)sqlite3_column_text(st, 0)), cell_str(from),
      cell_str(to),
      from && to ? cell_int(date_days(to) - date_days(from)) : cell_nil(),
      cell_int(sqlite3_column_int64(st, 3)),
      cell_str((const char *)sqlite3_column_text(st, 4)),
      cell_str((const char *)sqlite3_column_text(st, 5)),
      cell_str(claim.len ? claim.buf : NULL)};
    rc = view_row(z, s, c);
  }
  sb_free(&claim);
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}
