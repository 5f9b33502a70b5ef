/* fund.c: the fund journal (资金收支): its spec and checks. */
#include "domain/registers.h"
#include "base/date.h"
#include "base/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int check_fund(struct regctx *c, val *v);

static const field fund_fields[] = {
  {"voucher", "凭证号", F_TEXT, F_REQ | F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"date", "日期", F_DATE, F_REQ | F_LIST, NULL},
  {"account", "账户编号", F_ACCOUNT, F_REQ | F_LIST | F_DIGITS, NULL},
  {"direction", "收支方向", F_ENUM, F_REQ | F_LIST, "fund_direction"},
  {"amount", "金额", F_MONEY, F_REQ | F_LIST | F_POS, NULL},
  {"category", "收支类别", F_ENUM, F_REQ | F_LIST, "fund_category"},
  {"counterparty", "对方单位", F_TEXT, 0, NULL},
  {"summary", "摘要", F_TEXT, F_REQ | F_LIST, NULL},
  {"contract", "合同编号", F_TEXT, 0, NULL},
  {"handler", "经办人", F_TEXT, 0, NULL},
  {"approver", "审批人", F_TEXT, 0, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
  /* Derived from village, year and voucher; stored, never in a file. */
  {"code", "编号", F_CODE, F_FIXED, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_fund = {"fund", "资金收支", NULL, SPEC(fund_fields), 0,
                             check_fund, NULL, NULL};

static int check_fund(regctx *c, val *v)
{
  int ac = reg_field(c->r, "account"), dt = reg_field(c->r, "date");
  int di = reg_field(c->r, "direction"), ca = reg_field(c->r, "category");
  int vo = reg_field(c->r, "voucher"), co = reg_field(c->r, "code");
  int vi = c->vi, ct = reg_field(c->r, "contract");
  int bad = 0;
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
  if(v[vo].n > 64) {
    reg_error(c, vo, T(c->z, "a voucher number is at most 64 bytes long"));
    return bad + 1;
  }
  int k = snprintf(c->fundcode, sizeof c->fundcode, "%.*s-%.4s-%.*s",
                   (int)v[vi].n, v[vi].s, v[dt].s, (int)v[vo].n, v[vo].s);
  v[co].t = V_TEXT;
  v[co].s = c->fundcode;
  v[co].n = (size_t)k;
  return bad;
}


