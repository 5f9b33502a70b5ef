/* todo.c: 待办, from the filings' and applications' statuses. */
#include "domain/todo.h"
#include "domain/may.h"
#include "domain/user.h"
#include "domain/disposal.h"
#include "base/date.h"
#include "base/util.h"
#include <string.h>

int step_owner(int step)
{
  switch(step) {
  case STEP_DISPOSAL:
  case STEP_LOAN:
    return ROLE_VILLAGE;
  case STEP_DISPOSAL_REVIEW:
  case STEP_SUBSIDY_REVIEW:
    return ROLE_TOWNSHIP;
  case STEP_SUBSIDY_APPROVE:
  case STEP_SUBSIDY_PAY:
    return ROLE_COUNTY;
  default:
    return -1;
  }
}

/* 1 when a step is shown to role. */
static int for_role(int role, int step)
{
  return step >= 0 &&
         (role < 0 || role == ROLE_ADMIN || step_owner(step) == role);
}

static int days_since(sz *z, const char *since)
{
  int d = date_days(z->today) - date_days(since);
  return d < 0 ? 0 : d;
}

static const acol disposal_cols[] = {
    {"申报编号", K_CODE}, {"村代码", K_CODE},   {"村名称", K_TEXT},
    {"处置类型", K_TEXT}, {"待办事项", K_TEXT}, {"等待起始日", K_DATE},
    {"等待天数", K_INT},
};
static const char *const disposal_keys[] = {
    "code", "village", "village_name", "type", "step", "since", "days"};

int todo_disposals(sz *z, int role, const char *user, asink *s)
{
  static const atable t = {"待办处置申报", disposal_cols,
                           (int)ARRAY_SIZE(disposal_cols), "disposal",
                           disposal_keys};
  /* Since: the latest date of its filing, meetings, publicity, appraisal,
   * review and execution. */
  sbuf sql = {0};
  sb_addstr(&sql,
            "SELECT d.code, d.village, o.name, d.type, d.filer, "
            " max(d.filed_on, coalesce(d.resolution_to, ''), "
            "     coalesce(d.appraised_on, ''), coalesce(d.reviewed_on, ''), "
            "     coalesce(d.executed_on, ''), "
            "     coalesce((SELECT max(v.held_on) FROM disposal_vote v "
            "               WHERE v.disposal = d.code), '')) AS since "
            "FROM disposal d LEFT JOIN org o ON o.code = d.village "
            "WHERE d.status IN ('申报中', '审核退回', '审核同意', '已执行')");
  db_scope_sql(z, "d.village", 1, &sql);
  sb_addstr(&sql, " ORDER BY since, d.code");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  if(view_begin(z, s, &t)) {
    sqlite3_finalize(st);
    return -1;
  }
  int rc = 0;
  while(rc == 0 && db_step(z, st) == SQLITE_ROW) {
    const char *code = (const char *)sqlite3_column_text(st, 0);
    const char *filer = (const char *)sqlite3_column_text(st, 4);
    const char *since = (const char *)sqlite3_column_text(st, 5);
    char what[32];
    int step = disposal_next(z, code, what, sizeof what);
    if(!for_role(role, step) ||
       (step == STEP_DISPOSAL_REVIEW && user && filer && !strcmp(user, filer)))
      continue;
    acell c[7] = {
        cell_str(code),
        view_col(st, 1, K_CODE),
        view_col(st, 2, K_TEXT),
        view_col(st, 3, K_TEXT),
        cell_str(what),
        cell_str(since),
        cell_int(days_since(z, since)),
    };
    rc = view_row(z, s, c);
  }
  if(rc) {
    sqlite3_finalize(st);
    return -1;
  }
  return view_done(z, s, st);
}

static const acol subsidy_cols[] = {
    {"申请编号", K_CODE}, {"村代码", K_CODE},     {"村名称", K_TEXT},
    {"年度", K_TEXT},     {"申请贴息", K_MONEY},  {"待办事项", K_TEXT},
    {"等待起始日", K_DATE}, {"等待天数", K_INT},
};
static const char *const subsidy_keys[] = {
    "code", "village", "village_name", "year", "amount", "step", "since",
    "days"};

int todo_applications(sz *z, int role, asink *s)
{
  static const atable t = {"待办贴息申请", subsidy_cols,
                           (int)ARRAY_SIZE(subsidy_cols), "subsidy",
                           subsidy_keys};
  /* The step each status waits for, and since when: an approval only
   * once the publicity has ended (the day after its last day). */
  sbuf sql = {0};
  sb_addf(&sql,
          "SELECT a.code, a.village, o.name, a.year, a.amount, "
          " CASE a.status WHEN '已申请' THEN %d WHEN '初审通过' THEN %d "
          "  WHEN '公示中' THEN %d ELSE %d END AS step, "
          " CASE a.status WHEN '已申请' THEN '乡镇初审' "
          "  WHEN '初审通过' THEN '公示' WHEN '公示中' THEN '县级审定' "
          "  ELSE '拨付' END, "
          " CASE a.status WHEN '已申请' THEN a.applied_on "
          "  WHEN '初审通过' THEN a.reviewed_on "
          "  WHEN '公示中' THEN date(a.publicity_to, '+1 day') "
          "  ELSE a.approved_on END AS since "
          "FROM subsidy a LEFT JOIN org o ON o.code = a.village "
          "WHERE (a.status IN ('已申请', '初审通过', '已审定') OR "
          "       a.status = '公示中' AND a.publicity_to < ?1)",
          STEP_SUBSIDY_REVIEW, STEP_SUBSIDY_REVIEW, STEP_SUBSIDY_APPROVE,
          STEP_SUBSIDY_PAY);
  db_scope_sql(z, "a.village", 1, &sql);
  sb_addstr(&sql, " ORDER BY since, a.code");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  sqlite3_bind_text(st, 1, z->today, -1, SQLITE_STATIC);
  if(view_begin(z, s, &t)) {
    sqlite3_finalize(st);
    return -1;
  }
  int rc = 0;
  while(rc == 0 && db_step(z, st) == SQLITE_ROW) {
    if(!for_role(role, sqlite3_column_int(st, 5)))
      continue;
    const char *since = (const char *)sqlite3_column_text(st, 7);
    acell c[8] = {
        view_col(st, 0, K_CODE), view_col(st, 1, K_CODE),
        view_col(st, 2, K_TEXT), view_col(st, 3, K_TEXT),
        view_col(st, 4, K_MONEY), view_col(st, 6, K_TEXT),
        cell_str(since), cell_int(since ? days_since(z, since) : 0),
    };
    rc = view_row(z, s, c);
  }
  if(rc) {
    sqlite3_finalize(st);
    return -1;
  }
  return view_done(z, s, st);
}
