/* disposal_view.c: the read views of disposal filings: one filing as a
 * township files it, and the list. */
#include "domain/registers.h"
#include "domain/disposal.h"
#include "domain/view.h"
#include "domain/asset.h"
#include "domain/held.h"

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
  disposal_filter f = {year, village, township, NULL, 0};
  return disposal_filter_view(z, &f, s);
}

int disposal_filter_view(sz *z, const disposal_filter *f, asink *s)
{
  sbuf q;
  sb_init(&q);
  sb_addstr(&q,
            "SELECT d.code, d.village, d.type, d.filed_on, (SELECT count(*) "
            "FROM disposal_object o WHERE o.disposal = d.code), d.book_value, "
            "d.method, d.status, d.executed_on FROM disposal d "
            "WHERE (?1 IS NULL OR substr(d.filed_on, 1, 4) = ?1) AND "
            "(?2 IS NULL OR d.village GLOB ?2 || '*') AND "
            "(?3 IS NULL OR d.status = ?3)");
  db_scope_sql(z, "d.village", 1, &q);
  sb_addstr(&q, f->newest ? " ORDER BY d.filed_on DESC, d.id DESC"
                          : " ORDER BY d.code");
  sqlite3_stmt *st = db_prepare(z, q.buf);
  sb_free(&q);
  if(f->year)
    sqlite3_bind_text(st, 1, f->year, -1, SQLITE_STATIC);
  if(f->village || f->township)
    sqlite3_bind_text(st, 2, f->village ? f->village : f->township, -1,
                      SQLITE_STATIC);
  if(f->status)
    sqlite3_bind_text(st, 3, f->status, -1, SQLITE_STATIC);
  return view_rows(z, s, &t_list, st);
}

static const acol cand_cols[] = {
  {"编号", K_TEXT},     {"登记簿", K_TEXT},    {"名称", K_TEXT},
  {"类别", K_TEXT},     {"状态", K_TEXT},      {"账面价值", K_MONEY},
  {"面积(亩)", K_AREA}, {"所在申报", K_TEXT}};
static const char *const cand_keys[] = {"object", "register", "name",
                                        "category", "status", "book_value",
                                        "area", "filing"};
static const atable t_cand = {"可处置的资产和资源", cand_cols, 8,
                              "candidates", cand_keys};

#define OPEN_FILING(obj)                                                     \
  "(SELECT d.code FROM disposal_object o JOIN disposal d ON d.code = "      \
  "o.disposal WHERE o.object = " obj " AND d.status IN ('申报中', "         \
  "'审核同意', '审核退回') LIMIT 1)"

int disposal_candidates_view(sz *z, const char *village, const char *as_of,
                             asink *s)
{
  if(!db_in_scope(z, village, strlen(village)))
    return db_fail(z, T(z, "no village with code '%s'"), village);
  sbuf q, rows;
  sb_init(&q);
  sb_init(&rows);
  reg_select_sql(&reg_asset, &rows);
  sb_addf(&q,
          "SELECT x.code, '资产', x.name, x.category, x.status, "
          "x.original_value, NULL, " OPEN_FILING("x.code") ", x.* FROM (%s) "
          "x WHERE x.village = ?1 AND " LIVE("x") " AND x.status <> '已处置' "
          "ORDER BY x.code",
          rows.buf);
  sb_free(&rows);
  sqlite3_stmt *st = db_prepare(z, q.buf);
  sb_free(&q);
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  asset_defaults *dflt = asset_defaults_load(z);
  val *v = xcalloc((size_t)reg_asset.nfields, sizeof *v);
  int rc = view_begin(z, s, &t_cand);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    acell c[8];
    for(int i = 0; i < 8; i++)
      c[i] = view_col(st, i, t_cand.cols[i].kind);
    reg_row_from_stmt(&reg_asset, st, 8 + 2, v);
    int64_t acc;
    char through[8];
    asset_depreciation(dflt, v, as_of, &acc, through);
    c[5] = cell_int(c[5].i - acc);
    rc = view_row(z, s, c);
  }
  sqlite3_finalize(st);
  free(v);
  asset_defaults_free(dflt);
  if(!rc) {
    st = db_prepare(
        z, "SELECT r.code, '资源', r.name, l.name, r.status, NULL, r.area, "
           OPEN_FILING("r.code") " FROM resource r LEFT JOIN land_class l ON "
           "l.code = r.land_class WHERE r.village = ?1 AND " LIVE("r")
           " ORDER BY r.code");
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
    while(!rc && db_step(z, st) == SQLITE_ROW) {
      acell c[8];
      for(int i = 0; i < 8; i++)
        c[i] = view_col(st, i, t_cand.cols[i].kind);
      rc = view_row(z, s, c);
    }
    sqlite3_finalize(st);
  }
  if(!rc)
    rc = view_end(z, s);
  return db_fault(z) ? -1 : rc;
}
