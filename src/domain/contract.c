/* contract.c: receivable schedules and what is overdue. */
#include "domain/registers.h"
#include "base/idnum.h"
#include "domain/contract.h"
#include "domain/view.h"
#include "store/config.h"
#include "base/date.h"
#include "base/money.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(schedule *s, const char *due, const char *from,
                const char *to, int64_t amount)
{
  s->v = xrealloc(s->v, sizeof *s->v * (size_t)(s->n + 1));
  instalment *i = &s->v[s->n++];
  memset(i, 0, sizeof *i);
  snprintf(i->due, sizeof i->due, "%s", due);
  snprintf(i->from, sizeof i->from, "%s", from);
  snprintf(i->to, sizeof i->to, "%s", to);
  i->amount = amount;
  s->total += amount;
}

/* The instalments of every `months` months over [start, end]. */
static void periods(schedule *s, const char *start, const char *end,
                    const char *first_due, int months)
{
  int per_year = 12 / months;
  int end_excl = date_days(end) + 1;
  for(int k = 0;; k++) {
    char from[11], next[11], last[11], due[11];
    date_add_months(start, k * months, from);
    if(date_days(from) >= end_excl)
      break;
    date_add_months(start, (k + 1) * months, next);
    int j = k % per_year;
    int64_t amount = div_round(s->annual * (j + 1), per_year) -
                     div_round(s->annual * j, per_year);
    int full_days = date_days(next) - date_days(from);
    int days = full_days;
    if(date_days(next) > end_excl) {
      days = end_excl - date_days(from);
      amount = muldiv_round(amount, days, full_days);
    }
    date_from_days(date_days(from) + days - 1, last);
    date_add_months(first_due, k * months, due);
    add(s, due, from, last, amount);
  }
}

int contract_schedule(sz *z, const char *code, const char *as_of, schedule *s)
{
  memset(s, 0, sizeof *s);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT c.code, c.village, c.party, c.party_id, c.object, c.kind, "
         "c.payment, c.annual_amount, c.start_date, c.end_date, c.first_due, "
         "p.months FROM contract c JOIN payment_method p ON p.name = c.payment "
         "WHERE c.code = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(db_step(z, st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return 0;
  }
  s->code = xstrdup((const char *)sqlite3_column_text(st, 0));
  snprintf(s->village, sizeof s->village, "%s", sqlite3_column_text(st, 1));
  s->party = xstrdup((const char *)sqlite3_column_text(st, 2));
  snprintf(s->party_id, sizeof s->party_id, "%s", sqlite3_column_text(st, 3));
  s->object = xstrdup((const char *)sqlite3_column_text(st, 4));
  snprintf(s->kind, sizeof s->kind, "%s", sqlite3_column_text(st, 5));
  snprintf(s->payment, sizeof s->payment, "%s", sqlite3_column_text(st, 6));
  s->annual = sqlite3_column_int64(st, 7);
  char start[11], end[11], first[11];
  snprintf(start, sizeof start, "%s", sqlite3_column_text(st, 8));
  snprintf(end, sizeof end, "%s", sqlite3_column_text(st, 9));
  snprintf(first, sizeof first, "%s", sqlite3_column_text(st, 10));
  int months = sqlite3_column_int(st, 11);
  sqlite3_finalize(st);
  if(months > 0)
    periods(s, start, end, first, months);
  else {
    /* 一次性: the whole term, as yearly instalments would add up, at once. */
    periods(s, start, end, first, 12);
    int64_t total = s->total;
    free(s->v);
    s->v = NULL;
    s->n = 0;
    s->total = 0;
    add(s, first, start, end, total);
  }
  /* Receipts less refunds (支出 citing the contract), up to as_of. */
  st = db_prepare(z, "SELECT coalesce(sum(CASE direction WHEN '收入' THEN "
                     "amount ELSE -amount END), 0) FROM fund WHERE "
                     "contract = ?1 AND (?2 IS NULL OR date <= ?2)");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(as_of)
    sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
  s->received = db_step(z, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                               : 0;
  sqlite3_finalize(st);
  if(s->received < 0)
    s->received = 0;
  /* Oldest due first. */
  int64_t left = s->received;
  for(int i = 0; i < s->n; i++) {
    instalment *x = &s->v[i];
    x->paid = left < x->amount ? left : x->amount;
    left -= x->paid;
    x->outstanding = x->amount - x->paid;
  }
  s->credit = left;
  return 1;
}

void schedule_free(schedule *s)
{
  free(s->code);
  free(s->party);
  free(s->object);
  s->code = s->party = s->object = NULL;
  free(s->v);
  s->v = NULL;
  s->n = 0;
}

int contract_overdue(sz *z, const char *as_of, const char *scope,
                     overdue_fn fn, void *ctx)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT code FROM contract WHERE voided IS NULL AND (?1 IS NULL OR "
         "village GLOB ?1 || '*') ORDER BY code");
  if(scope)
    sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
  int today = date_days(as_of);
  while(db_step(z, st) == SQLITE_ROW) {
    schedule s;
    if(!contract_schedule(z, (const char *)sqlite3_column_text(st, 0), as_of,
                          &s))
      continue;
    for(int i = 0; i < s.n; i++)
      if(s.v[i].outstanding > 0 && strcmp(s.v[i].due, as_of) < 0)
        fn(&s, &s.v[i], today - date_days(s.v[i].due), ctx);
    schedule_free(&s);
  }
  sqlite3_finalize(st);
  return 0;
}

/* 出租 and 发包 terms (doc/domain.md): the years allowed, from the parameters,
 * and what the limit is called in messages. */
static int64_t term_limit(sz *z, const char *kind, const char *group,
                          char what[96])
{
  char key[96];
  int64_t y = -1;
  if(!strcmp(kind, "发包") && group && group[0]) {
    snprintf(key, sizeof key, "term.发包.%s", group);
    y = config_int(z, key, -1);
    if(y >= 0)
      snprintf(what, 96, T(z, "发包 of %s"), group);
  }
  if(y < 0) {
    snprintf(key, sizeof key, "term.%s", kind);
    y = config_int(z, key, -1);
    snprintf(what, 96, "%s", kind);
  }
  return y;
}

int contract_term_over(sz *z, const char *kind, const char *group,
                       const char *start, const char *end, char *msg,
                       size_t n)
{
  char what[96];
  int64_t years = term_limit(z, kind, group, what);
  if(years <= 0)
    return 0;
  char limit[11], last[11];
  date_add_months(start, (int)(12 * years), limit);
  /* The anniversary of 29 February in a common year is 1 March. */
  if(strcmp(limit + 8, start + 8) < 0)
    date_from_days(date_days(limit) + 1, limit);
  date_from_days(date_days(limit) - 1, last);
  if(strcmp(end, limit) < 0)
    return 0;
  snprintf(msg, n,
           T(z, "%s to %s is longer than the %lld years allowed for "
                "%s (it may end on %s at the latest)"),
           start, end, (long long)years, what, last);
  return 1;
}

/* ---- the spec ---- */

static int check_contract(struct regctx *c, val *v);
static int guard_contract(struct regctx *c, const val *old, const val *v);

static const field contract_fields[] = {
  {"code", "合同编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"kind", "合同类型", F_ENUM, F_REQ | F_LIST, "contract_kind"},
  {"object", "标的编号", F_TEXT, F_REQ | F_LIST | F_DIGITS, NULL},
  {"party", "对方名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"party_id", "对方证件号", F_IDNUM, F_REQ | F_LIST, NULL},
  {"party_is_member", "是否本集体成员", F_ENUM, 0, "yes_no"},
  {"start_date", "起始日期", F_DATE, F_REQ | F_LIST, NULL},
  {"end_date", "终止日期", F_DATE, F_REQ | F_LIST, NULL},
  {"annual_amount", "年金额", F_MONEY, F_REQ | F_LIST, NULL},
  {"payment", "付款方式", F_ENUM, F_REQ, "payment_method"},
  {"first_due", "首次应付日期", F_DATE, F_REQ, NULL},
  {"signed_on", "签订日期", F_DATE, 0, NULL},
  {"disposal", "处置申报编号", F_TEXT, 0, NULL},
  {"note", "备注", F_TEXT, F_LONG, NULL},
  {"voided", "作废原因", F_TEXT, F_VOID, NULL},
  {"restored", "恢复原因", F_TEXT, F_VOID, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_contract = {"contract", "合同", "HT",
                                 SPEC(contract_fields), 0, check_contract,
                                 guard_contract,
                                 "village object party start_date"};

/* The stored value of field fi of the record with this code, into out. */
static int stored_text(regctx *c, const val *v, int fi, char *out, size_t n)
{
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE code = ?1",
           c->r->fields[fi].key, c->r->name);
  sqlite3_stmt *q = db_prepare(c->z, sql);
  sqlite3_bind_text(q, 1, v[c->ci].s, (int)v[c->ci].n, SQLITE_STATIC);
  int found = v[c->ci].t == V_TEXT && db_step(c->z, q) == SQLITE_ROW &&
              sqlite3_column_type(q, 0) == SQLITE_TEXT;
  if(found && out)
    snprintf(out, n, "%s", sqlite3_column_text(q, 0));
  sqlite3_finalize(q);
  return found;
}


/* A new 出租, 发包 or 入股 contract signed (or, without 签订日期, begun) on
 * or after parameter registry.start names a filing the township approved
 * (处置申报编号), which its execution will take it under; with
 * --without-filing (REG_WITHOUT_FILING) it goes in with a warning and the
 * audit's CZ01 flags it. Earlier contracts are existing ones, registered
 * without a filing. */
static int check_filing(regctx *c, val *v)
{
  int ki = reg_field(c->r, "kind"), so = reg_field(c->r, "signed_on");
  int sd = reg_field(c->r, "start_date"), di = reg_field(c->r, "disposal");
  const val *k = &v[ki];
  if(!(k->n == strlen("出租") && (!memcmp(k->s, "出租", k->n) ||
                                  !memcmp(k->s, "发包", k->n) ||
                                  !memcmp(k->s, "入股", k->n))))
    return 0;
  if(stored_text(c, v, c->vi, NULL, 0))
    return 0; /* registered already: an edit or an update */
  char start[64] = "2025-01-01";
  sqlite3_stmt *q = db_prepare(c->z, "SELECT value FROM setting WHERE key = "
                                     "'registry.start'");
  if(db_step(c->z, q) == SQLITE_ROW)
    snprintf(start, sizeof start, "%s", sqlite3_column_text(q, 0));
  sqlite3_finalize(q);
  const val *when = v[so].t == V_TEXT ? &v[so] : &v[sd];
  if(memcmp(when->s, start, 10) < 0)
    return 0;
  int approved = 0;
  if(v[di].t == V_TEXT) {
    q = db_prepare(c->z, "SELECT 1 FROM disposal WHERE code = ?1 AND status "
                         "IN ('审核同意', '已执行', '已公开')");
    sqlite3_bind_text(q, 1, v[di].s, (int)v[di].n, SQLITE_STATIC);
    approved = db_step(c->z, q) == SQLITE_ROW;
    sqlite3_finalize(q);
  }
  if(approved)
    return 0;
  if(c->allow & REG_WITHOUT_FILING) {
    reg_warn(c, di, T(c->z, "a %.*s contract signed on %.10s is recorded "
                            "without a disposal filing the township "
                            "approved (--without-filing): the audit flags "
                            "it as CZ01"),
             (int)k->n, k->s, when->s);
    return 0;
  }
  reg_error(c, di, T(c->z, "a %.*s contract signed on %.10s (on or after "
                           "registry.start %s) needs a disposal filing the "
                           "township approved (sanzi disposal new ... "
                           "review); give --without-filing to record it "
                           "anyway, and the audit flags it as CZ01"),
            (int)k->n, k->s, when->s, start);
  return 1;
}

static int check_contract(regctx *c, val *v)
{
  int vi = c->vi, ki = reg_field(c->r, "kind"), ob = reg_field(c->r, "object");
  int pi = reg_field(c->r, "party_id"), sd = reg_field(c->r, "start_date");
  int ed = reg_field(c->r, "end_date"), fd = reg_field(c->r, "first_due");
  int di = reg_field(c->r, "disposal");
  int bad = 0;
  if(idnum_is_masked(v[pi].s, v[pi].n)) {
    /* An export's masked number stands for the one on record. */
    char *out = c->scratch + SCRATCH * pi, mask[19];
    if(!stored_text(c, v, pi, out, SCRATCH) ||
       (idnum_mask(out, mask), memcmp(mask, v[pi].s, 18))) {
      reg_error(c, pi,
                T(c->z, "'%.*s' is masked: give the full number (an export "
                        "with --full-ids has it)"),
                (int)v[pi].n, v[pi].s);
      bad++;
    } else {
      v[pi].s = out;
      v[pi].n = strlen(out);
    }
  }
  /* The object: an asset or resource of the same village, not disposed. */
  char ovil[16] = "", ostatus[32] = "", group[64] = "";
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT village, status, '', voided FROM asset WHERE code = ?1 "
            "UNION ALL SELECT r.village, r.status, g.name, r.voided FROM "
            "resource r JOIN land_class l ON l.code = r.land_class JOIN "
            "land_class g ON g.code = l.group_code WHERE r.code = ?1");
  sqlite3_bind_text(q, 1, v[ob].s, (int)v[ob].n, SQLITE_STATIC);
  if(db_step(c->z, q) == SQLITE_ROW) {
    snprintf(ovil, sizeof ovil, "%s", sqlite3_column_text(q, 0));
    snprintf(ostatus, sizeof ostatus, "%s", sqlite3_column_text(q, 1));
    snprintf(group, sizeof group, "%s", sqlite3_column_text(q, 2));
    if(sqlite3_column_type(q, 3) != SQLITE_NULL)
      snprintf(ostatus, sizeof ostatus, "%s", "作废");
  }
  sqlite3_finalize(q);
  if(!ovil[0]) {
    reg_error(c, ob, T(c->z, "no asset or resource with code '%.*s'"),
              (int)v[ob].n, v[ob].s);
    bad++;
  } else if(strlen(ovil) != v[vi].n || memcmp(ovil, v[vi].s, v[vi].n)) {
    reg_error(c, ob, T(c->z, "'%.*s' belongs to village %s, not %.*s"),
              (int)v[ob].n, v[ob].s, ovil, (int)v[vi].n, v[vi].s);
    bad++;
  } else if(!strcmp(ostatus, "作废")) {
    reg_error(c, ob, T(c->z, "'%.*s' is voided (作废)"), (int)v[ob].n,
              v[ob].s);
    bad++;
  } else if(!strcmp(ostatus, "已处置")) {
    reg_error(c, ob, T(c->z, "'%.*s' is 已处置 (disposed of)"), (int)v[ob].n,
              v[ob].s);
    bad++;
  }
  if(memcmp(v[ed].s, v[sd].s, 10) <= 0) {
    reg_error(c, ed, T(c->z, "%.10s is not after 起始日期 %.10s"), v[ed].s,
              v[sd].s);
    return bad + 1;
  }
  if(memcmp(v[fd].s, v[ed].s, 10) > 0) {
    reg_error(c, fd, T(c->z, "%.10s is after 终止日期 %.10s"), v[fd].s,
              v[ed].s);
    bad++;
  }
  char kind[16], start[11], end[11], msg[256];
  snprintf(kind, sizeof kind, "%.*s", (int)v[ki].n, v[ki].s);
  snprintf(start, sizeof start, "%.10s", v[sd].s);
  snprintf(end, sizeof end, "%.10s", v[ed].s);
  if(contract_term_over(c->z, kind, group, start, end, msg, sizeof msg)) {
    reg_error(c, ed, "%s", msg);
    bad++;
  }
  /* One contract at a time for an object. */
  char code[80];
  snprintf(code, sizeof code, "%.*s", v[c->ci].t == V_TEXT ? (int)v[c->ci].n : 0,
           v[c->ci].t == V_TEXT ? v[c->ci].s : "");
  q = db_prepare(c->z, "SELECT code, start_date, end_date FROM contract WHERE "
                       "object = ?1 AND start_date <= ?3 AND ?2 <= end_date "
                       "AND voided IS NULL AND code IS NOT ?4 ORDER BY "
                       "start_date LIMIT 1");
  sqlite3_bind_text(q, 1, v[ob].s, (int)v[ob].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[sd].s, (int)v[sd].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[ed].s, (int)v[ed].n, SQLITE_STATIC);
  if(code[0])
    sqlite3_bind_text(q, 4, code, -1, SQLITE_STATIC);
  if(db_step(c->z, q) == SQLITE_ROW) {
    reg_error(c, sd,
              T(c->z, "%.10s to %.10s overlaps contract %s (%s to %s) on the "
                      "same object %.*s"),
              v[sd].s, v[ed].s, sqlite3_column_text(q, 0),
              sqlite3_column_text(q, 1), sqlite3_column_text(q, 2),
              (int)v[ob].n, v[ob].s);
    bad++;
  }
  sqlite3_finalize(q);
  if(v[di].t == V_TEXT) {
    q = db_prepare(c->z, "SELECT village, executed_on FROM disposal WHERE "
                         "code = ?1");
    sqlite3_bind_text(q, 1, v[di].s, (int)v[di].n, SQLITE_STATIC);
    if(db_step(c->z, q) != SQLITE_ROW) {
      reg_error(c, di, T(c->z, "no disposal filing with code '%.*s'"),
                (int)v[di].n, v[di].s);
      bad++;
    } else if(strlen((const char *)sqlite3_column_text(q, 0)) != v[vi].n ||
              memcmp(sqlite3_column_text(q, 0), v[vi].s, v[vi].n)) {
      reg_error(c, di, T(c->z, "filing '%.*s' is of village %s"), (int)v[di].n,
                v[di].s, sqlite3_column_text(q, 0));
      bad++;
    } else if(sqlite3_column_type(q, 1) != SQLITE_NULL &&
              !stored_text(c, v, di, NULL, 0)) {
      /* Only execute names an executed filing's contracts. */
      reg_error(c, di,
                T(c->z, "filing '%.*s' was executed on %s; its contracts "
                        "were named then"),
                (int)v[di].n, v[di].s, sqlite3_column_text(q, 1));
      bad++;
    }
    sqlite3_finalize(q);
  }
  if(!bad)
    bad += check_filing(c, v);
  return bad;
}


static int same(const val *a, const val *b)
{
  return a->t == b->t &&
         (a->t == V_NULL || (a->t == V_INT && a->i == b->i) ||
          (a->t == V_TEXT && a->n == b->n && !memcmp(a->s, b->s, a->n)));
}


/* Once the filing a contract names is executed, the link and the terms it
 * approved change only through a new filing. */
static int guard_contract(regctx *c, const val *old, const val *v)
{
  static const char *const terms[] = {"kind", "object", "party", "party_id",
                                      "party_is_member", "start_date",
                                      "end_date", "annual_amount", "payment",
                                      "first_due", "signed_on"};
  int di = reg_field(c->r, "disposal");
  if(old[di].t != V_TEXT)
    return 0; /* a new link is checked by check_contract */
  char filing[80];
  snprintf(filing, sizeof filing, "%.*s", (int)old[di].n, old[di].s);
  if(!db_int(c->z, 0, "SELECT count(*) FROM disposal WHERE code = ?1 AND "
                      "executed_on IS NOT NULL", filing))
    return 0; /* named ahead of its execution: may still change */
  if(!same(&old[di], &v[di])) {
    reg_error(c, di,
              T(c->z, "set when its disposal filing is executed (sanzi "
                      "disposal execute --contract), not by an edit"));
    return 1;
  }
  for(size_t k = 0; k < ARRAY_SIZE(terms); k++) {
    int fi = reg_field(c->r, terms[k]);
    if(!same(&old[fi], &v[fi])) {
      reg_error(c, fi,
                T(c->z, "the contract was approved and executed under filing "
                        "%s; its terms change only through a new filing"),
                filing);
      return 1;
    }
  }
  return 0;
}

/* ---- views ---- */

static const acol head_cols[] = {
  {"合同编号", K_TEXT}, {"合同类型", K_TEXT},  {"标的编号", K_TEXT},
  {"对方名称", K_TEXT}, {"对方证件号", K_TEXT}, {"付款方式", K_TEXT},
  {"年金额", K_MONEY}};
static const char *const head_keys[] = {"code",     "kind",    "object",
                                        "party",    "party_id", "payment",
                                        "annual_amount"};
static const atable t_contract = {"合同", head_cols, 7, "contract",
                                  head_keys};

static const acol inst_cols[] = {
  {"期次", K_TEXT},      {"期间", K_TEXT},  {"应收日期", K_TEXT},
  {"应收金额", K_MONEY}, {"已收", K_MONEY}, {"未收", K_MONEY},
  {"逾期天数", K_INT}};
static const char *const inst_keys[] = {"number", "period", "due",
                                        "amount", "paid",   "outstanding",
                                        "days_overdue"};
static const atable t_instalments = {"应收", inst_cols, 7, "instalments",
                                     inst_keys};

static const acol recv_cols[] = {
  {"截至", K_TEXT}, {"已收款", K_MONEY}, {"逾期未收", K_MONEY},
  {"超收", K_MONEY}};
static const char *const recv_keys[] = {"as_of", "received", "overdue",
                                        "credit"};
static const atable t_received = {"收款", recv_cols, 4, "received",
                                  recv_keys};

/* A part of one row. */
static int one_row(sz *z, asink *s, const atable *t, const acell *c)
{
  int rc = view_begin(z, s, t);
  if(!rc)
    rc = view_row(z, s, c);
  return rc ? rc : view_end(z, s);
}

int contract_schedule_view(sz *z, const char *code, const char *as_of,
                           asink *s)
{
  schedule sc;
  if(!contract_schedule(z, code, as_of, &sc))
    return db_fail(z, T(z, "no contract with code '%s'"), code);
  char mask[19];
  idnum_mask(sc.party_id, mask);
  acell h[7] = {cell_str(sc.code),    cell_str(sc.kind),
                cell_str(sc.object),  cell_str(sc.party),
                cell_str(mask),       cell_str(sc.payment),
                cell_int(sc.annual)};
  int rc = one_row(z, s, &t_contract, h);
  int today = date_days(as_of);
  int64_t paid = 0, out = 0, overdue = 0;
  if(!rc)
    rc = view_begin(z, s, &t_instalments);
  for(int i = 0; i < sc.n && !rc; i++) {
    instalment *x = &sc.v[i];
    char k[16], per[32];
    snprintf(k, sizeof k, "%d", i + 1);
    snprintf(per, sizeof per, "%s..%s", x->from, x->to);
    int late = x->outstanding > 0 && strcmp(x->due, as_of) < 0;
    if(late)
      overdue += x->outstanding;
    acell c[7] = {cell_str(k),
                  cell_str(per),
                  cell_str(x->due),
                  cell_int(x->amount),
                  cell_int(x->paid),
                  cell_int(x->outstanding),
                  late ? cell_int(today - date_days(x->due)) : cell_nil()};
    rc = view_row(z, s, c);
    paid += x->paid;
    out += x->outstanding;
  }
  if(!rc) {
    acell c[7] = {cell_str("合计"), cell_nil(),     cell_nil(),
                  cell_int(sc.total), cell_int(paid), cell_int(out),
                  cell_nil()};
    rc = view_row(z, s, c);
  }
  if(!rc)
    rc = view_end(z, s);
  if(!rc) {
    acell c[4] = {cell_str(as_of), cell_int(sc.received), cell_int(overdue),
                  sc.credit ? cell_int(sc.credit) : cell_nil()};
    rc = one_row(z, s, &t_received, c);
  }
  schedule_free(&sc);
  return rc;
}

static const acol od_cols[] = {
  {"合同编号", K_TEXT}, {"村代码", K_TEXT},  {"对方名称", K_TEXT},
  {"标的编号", K_TEXT}, {"应收日期", K_TEXT}, {"应收金额", K_MONEY},
  {"已收", K_MONEY},    {"未收", K_MONEY},   {"逾期天数", K_INT}};
static const char *const od_keys[] = {"contract", "village", "party",
                                      "object",   "due",     "amount",
                                      "paid",     "outstanding",
                                      "days_overdue"};
static const atable t_overdue = {"逾期应收", od_cols, 9, "overdue", od_keys};

typedef struct od_ctx {
  sz *z;
  asink *s;
  int rc;
  int64_t due, paid, out;
  long n;
} od_ctx;

static void od_row(const schedule *s, const instalment *i, int days, void *p)
{
  od_ctx *c = p;
  if(c->rc)
    return;
  acell x[9] = {cell_str(s->code),   cell_str(s->village),
                cell_str(s->party),  cell_str(s->object),
                cell_str(i->due),    cell_int(i->amount),
                cell_int(i->paid),   cell_int(i->outstanding),
                cell_int(days)};
  c->rc = view_row(c->z, c->s, x);
  c->due += i->amount;
  c->paid += i->paid;
  c->out += i->outstanding;
  c->n++;
}

int contract_overdue_view(sz *z, const char *as_of, const char *scope,
                          asink *s)
{
  od_ctx c;
  memset(&c, 0, sizeof c);
  c.z = z;
  c.s = s;
  c.rc = view_begin(z, s, &t_overdue);
  if(!c.rc && contract_overdue(z, as_of, scope, od_row, &c))
    return -1;
  if(c.rc)
    return c.rc;
  if(db_fault(z))
    return db_fail(z, "%s", z->fault_msg);
  char cnt[32];
  snprintf(cnt, sizeof cnt, "%ld", c.n);
  acell t[9] = {cell_str("合计"),   cell_str(cnt),    cell_nil(),
                cell_nil(),        cell_nil(),       cell_int(c.due),
                cell_int(c.paid),  cell_int(c.out),  cell_nil()};
  int rc = view_row(z, s, t);
  return rc ? rc : view_end(z, s);
}
