/* disposal_view.c: the read views of disposal filings: one filing as a
 * township files it, and the list. */
#include "domain/registers.h"
#include "domain/disposal.h"
#include "domain/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const acol head_cols[] = {
  {"申报编号", K_TEXT}, {"乡镇名称", K_TEXT}, {"村名称", K_TEXT}};
static const char *const head_keys[] = {"code", "township_name",
                                        "village_name"};
static const atable t_heading = {"处置申报", head_cols, 3, "heading",
                                 head_keys};

static const acol obj_cols[] = {
  {"编号", K_TEXT},       {"登记簿", K_TEXT},    {"名称", K_TEXT},
  {"申报时状态", K_TEXT}, {"账面价值", K_MONEY}, {"面积(亩)", K_AREA}};
static const char *const obj_keys[] = {"object",        "register",
                                       "name",          "status_before",
                                       "book_value",    "area"};
static const atable t_objects = {"标的", obj_cols, 6, "objects", obj_keys};

static const acol vote_cols[] = {
  {"程序", K_TEXT},     {"会议", K_TEXT},     {"日期", K_TEXT},
  {"应到", K_INT},      {"实到", K_INT},      {"赞成", K_INT},
  {"反对", K_INT},      {"弃权", K_INT},      {"实到至少", K_INT},
  {"赞成至少", K_INT},  {"结果", K_TEXT},     {"会议记录", K_TEXT}};
static const char *const vote_keys[] = {
  "step",          "body",    "held_on",      "due",      "present",
  "votes_for",     "votes_against", "abstain", "need_present",
  "need_for",      "result",  "minutes"};
static const atable t_meetings = {"四议", vote_cols, 12, "meetings",
                                  vote_keys};

static const acol con_cols[] = {
  {"合同编号", K_TEXT}, {"标的编号", K_TEXT}, {"对方名称", K_TEXT},
  {"年金额", K_MONEY},  {"起始日期", K_TEXT}, {"终止日期", K_TEXT},
  {"付款方式", K_TEXT}};
static const char *const con_keys[] = {"code",          "object",
                                       "party",         "annual_amount",
                                       "start_date",    "end_date",
                                       "payment"};
static const atable t_contracts = {"合同", con_cols, 7, "contracts",
                                   con_keys};

static const acol status_cols[] = {{"状态", K_TEXT}, {"下一步", K_TEXT}};
static const char *const status_keys[] = {"status", "next"};
static const atable t_status = {"状态", status_cols, 2, "status",
                                status_keys};

/* Column i of st as a cell of the kind its part gives it. */
/* The filled fields of the filing from field `from` up to `to`. */
static int fields(sz *z, asink *s, rec *d, const char *name, const char *key,
                  const char *from, const char *to)
{
  vfields f;
  vfields_init(&f, d->r, name, key, 0, from, to);
  int rc = view_begin(z, s, &f.t);
  if(!rc)
    rc = vfields_row(z, &f, s, d->id, d->v);
  if(!rc)
    rc = view_end(z, s);
  vfields_free(&f);
  return rc;
}

static int heading(sz *z, asink *s, rec *d, const char *code)
{
  sqlite3_stmt *st = db_prepare(z, "SELECT ?2, t.name, v.name FROM org v "
                                   "LEFT JOIN org t ON t.code = v.parent_code "
                                   "WHERE v.code = ?1");
  sqlite3_bind_text(st, 1, rec_text(d, "village"), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
  int rc = view_begin(z, s, &t_heading);
  if(!rc) {
    acell c[3] = {cell_str(code), cell_nil(), cell_nil()};
    if(db_step(z, st) == SQLITE_ROW) {
      c[1] = view_col(st, 1, K_TEXT);
      c[2] = view_col(st, 2, K_TEXT);
    }
    rc = view_row(z, s, c);
  }
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

int disposal_show_view(sz *z, const char *code, asink *s)
{
  rec d;
  if(!rec_open(z, &reg_disposal, code, &d)) {
    rec_close(&d);
    return db_fail(z, T(z, "no disposal filing with code '%s'"), code);
  }
  int rc = heading(z, s, &d, code);
  if(!rc)
    rc = fields(z, s, &d, "申报", "filing", NULL, "resolution_from");
  if(!rc) {
    sqlite3_stmt *st = db_prepare(
        z, "SELECT object, CASE register WHEN 'asset' THEN '资产' ELSE '资源' "
           "END, name, status_before, book_value, nullif(area, 0) FROM "
           "disposal_object WHERE disposal = ?1 ORDER BY id");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = view_rows(z, s, &t_objects, st);
  }
  if(!rc) {
    sqlite3_stmt *st = db_prepare(
        z, "SELECT step, body || CASE unit WHEN '户' THEN '(户)' ELSE '' END, "
           "held_on, due, present, votes_for, votes_against, abstain, "
           "need_present, need_for, CASE WHEN passed THEN '通过' ELSE "
           "'未通过' END, minutes FROM disposal_vote WHERE disposal = ?1 "
           "ORDER BY id");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = view_rows(z, s, &t_meetings, st);
  }
  if(!rc)
    rc = fields(z, s, &d, "公开、评估、审核、执行", "steps", "resolution_from",
                NULL);
  if(!rc) {
    sqlite3_stmt *st = db_prepare(
        z, "SELECT code, object, party, annual_amount, start_date, end_date, "
           "payment FROM contract WHERE disposal = ?1 ORDER BY code");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = view_rows(z, s, &t_contracts, st);
  }
  if(!rc) {
    char next[256];
    disposal_next_step(z, code, next, sizeof next);
    acell c[2] = {cell_str(rec_text(&d, "status")),
                  cell_str(next[0] ? next : NULL)};
    rc = view_begin(z, s, &t_status);
    if(!rc)
      rc = view_row(z, s, c);
    if(!rc)
      rc = view_end(z, s);
  }
  if(!rc)
    rc = reg_history_view(z, d.r, d.id, code, s);
  rec_close(&d);
  return rc;
}

static const acol list_cols[] = {
  {"申报编号", K_TEXT}, {"村代码", K_TEXT},    {"处置类型", K_TEXT},
  {"申报日期", K_TEXT}, {"标的数", K_INT},     {"账面价值", K_MONEY},
  {"处置方式", K_TEXT}, {"状态", K_TEXT},      {"执行日期", K_TEXT}};
static const char *const list_keys[] = {
  "code",       "village", "type",   "filed_on",   "objects",
  "book_value", "method",  "status", "executed_on"};
static const atable t_list = {"处置申报", list_cols, 9, "disposals",
                              list_keys};

int disposal_list_view(sz *z, const char *year, const char *village,
                       const char *township, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT d.code, d.village, d.type, d.filed_on, (SELECT count(*) FROM "
         "disposal_object o WHERE o.disposal = d.code), d.book_value, "
         "d.method, d.status, d.executed_on FROM disposal d "
         "WHERE (?1 IS NULL OR substr(d.filed_on, 1, 4) = ?1) AND "
         "(?2 IS NULL OR d.village GLOB ?2 || '*') ORDER BY d.code");
  if(year)
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  if(village || township)
    sqlite3_bind_text(st, 2, village ? village : township, -1,
                      SQLITE_STATIC);
  return view_rows(z, s, &t_list, st);
}
