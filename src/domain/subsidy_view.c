/* subsidy_view.c: the read views of the interest subsidy: the programme
 * year, an application with every fen of its formula, the list of
 * applications and the year's report. */
#include "domain/registers.h"
#include "domain/subsidy.h"
#include "domain/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const acol program_cols[] = {
  {"年度", K_TEXT},         {"年度预算", K_MONEY},
  {"贴息比例", K_RATE},     {"利率上限", K_RATE},
  {"计息天数基准", K_INT},  {"每村年度限额", K_MONEY},
  {"已审定未拨付", K_MONEY}, {"已拨付", K_MONEY},
  {"剩余", K_MONEY}};
static const char *const program_keys[] = {
  "year",        "budget",   "ratio", "rate_cap", "day_basis",
  "village_cap", "reserved", "paid",  "remaining"};
static const atable t_program = {"贴息年度", program_cols, 9, "program",
                                 program_keys};

int program_view(sz *z, const char *year, asink *s)
{
  program p;
  if(!program_get(z, year, &p))
    return db_fail(z, T(z, "no programme year %s"), year);
  acell c[9] = {cell_str(p.year),
                cell_int(p.budget),
                cell_int(p.ratio),
                p.rate_cap ? cell_int(p.rate_cap) : cell_nil(),
                cell_int(p.day_basis),
                cell_int(p.village_cap),
                cell_int(p.reserved),
                cell_int(p.paid),
                cell_int(p.budget - p.reserved - p.paid)};
  int rc = view_begin(z, s, &t_program);
  if(!rc)
    rc = view_row(z, s, c);
  return rc ? rc : view_end(z, s);
}

/* ---- an application ---- */

static const acol line_cols[] = {
  {"付息编号", K_TEXT},  {"计息期间", K_TEXT},   {"天数", K_INT},
  {"本金", K_MONEY},     {"年利率", K_RATE},     {"计贴利率", K_RATE},
  {"基准", K_INT},       {"应计利息", K_MONEY},  {"实付利息", K_MONEY},
  {"可贴息利息", K_MONEY}, {"比例", K_RATE},     {"贴息", K_MONEY}};
static const char *const line_keys[] = {
  "payment",  "period",   "days", "principal", "rate",  "rate_used",
  "day_basis", "computed", "paid", "eligible",  "ratio", "subsidy"};
static const atable t_lines = {"贴息明细", line_cols, 12, "lines",
                               line_keys};

static const acol total_cols[] = {{"贴息合计", K_MONEY}};
static const char *const total_keys[] = {"subsidy"};
static const atable t_total = {"合计", total_cols, 1, "total", total_keys};

/* "lines" and "total" of application code. */
static int lines(sz *z, const char *code, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT l.payment, i.period_from || '..' || i.period_to, l.days, "
         "l.principal, l.rate, l.rate_used, l.day_basis, l.computed, l.paid, "
         "l.eligible, l.ratio, l.subsidy FROM subsidy_line l JOIN interest i "
         "ON i.code = l.payment WHERE l.application = ?1 ORDER BY l.id");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  int64_t total = 0;
  int rc = view_begin(z, s, &t_lines);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    acell c[12];
    for(int i = 0; i < 12; i++)
      c[i] = view_col(st, i, line_cols[i].kind);
    total += sqlite3_column_int64(st, 11);
    rc = view_row(z, s, c);
  }
  if(rc) {
    sqlite3_finalize(st);
    return rc;
  }
  if((rc = view_done(z, s, st)))
    return rc;
  acell t = cell_int(total);
  rc = view_begin(z, s, &t_total);
  if(!rc)
    rc = view_row(z, s, &t);
  return rc ? rc : view_end(z, s);
}

int subsidy_show_view(sz *z, const char *code, asink *s)
{
  rec x;
  vfields f;
  vfields_init(&f, &reg_subsidy, reg_subsidy.zh, "application", 0, NULL,
               NULL);
  int rc = 0;
  if(!rec_open(z, &reg_subsidy, code, &x))
    rc = db_fail(z, T(z, "no subsidy application with code '%s'"), code);
  if(!rc)
    rc = view_begin(z, s, &f.t);
  if(!rc)
    rc = vfields_row(z, &f, s, x.id, x.v);
  if(!rc)
    rc = view_end(z, s);
  if(!rc)
    rc = lines(z, code, s);
  if(!rc)
    rc = reg_history_view(z, &reg_subsidy, x.id, code, s);
  vfields_free(&f);
  rec_close(&x);
  return rc;
}

/* ---- the list ---- */

static const acol list_cols[] = {
  {"申请编号", K_TEXT}, {"村代码", K_TEXT},   {"贷款编号", K_TEXT},
  {"年度", K_TEXT},     {"申请日期", K_TEXT}, {"申请贴息", K_MONEY},
  {"状态", K_TEXT},     {"审定贴息", K_MONEY}, {"拨付日期", K_TEXT}};
static const char *const list_keys[] = {
  "code",   "village", "loan",     "year",   "applied_on",
  "amount", "status",  "approved", "paid_on"};
static const atable t_list = {"贴息申请", list_cols, 9, "subsidies",
                              list_keys};

int subsidy_list_view(sz *z, const char *year, const char *village,
                      const char *township, asink *s)
{
  /* Only the villages of the caller's scope (none on the command line). */
  sbuf sql;
  sb_init(&sql);
  sb_addstr(&sql, "SELECT code, village, loan, year, applied_on, amount, "
                  "status, approved, paid_on FROM subsidy WHERE (?1 IS NULL OR "
                  "year = ?1) AND (?2 IS NULL OR village = ?2) AND (?3 IS NULL "
                  "OR village GLOB ?3 || '*')");
  db_scope_sql(z, "village", 1, &sql);
  sb_addstr(&sql, " ORDER BY code");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  if(year)
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  if(village)
    sqlite3_bind_text(st, 2, village, -1, SQLITE_STATIC);
  if(township)
    sqlite3_bind_text(st, 3, township, -1, SQLITE_STATIC);
  return view_rows(z, s, &t_list, st);
}

/* ---- the report: villages, a subtotal after each township, the county's
 * total ---- */

static const acol report_cols[] = {
  {"代码", K_TEXT},      {"名称", K_TEXT},      {"贷款笔数", K_INT},
  {"本金", K_MONEY},     {"已付利息", K_MONEY}, {"申请贴息", K_MONEY},
  {"审定贴息", K_MONEY}, {"已拨付", K_MONEY}};
static const char *const report_keys[] = {
  "code",    "name",    "loans",    "principal",
  "interest", "applied", "approved", "paid"};
static const atable t_report = {"贴息汇总", report_cols, 8, "report",
                                report_keys};

static const acol budget_cols[] = {
  {"年度", K_TEXT}, {"年度预算", K_MONEY}, {"已审定或已拨付", K_MONEY},
  {"剩余", K_MONEY}};
static const char *const budget_keys[] = {"year", "budget", "committed",
                                          "remaining"};
static const atable t_budget = {"预算", budget_cols, 4, "budget",
                                budget_keys};

typedef struct rep {
  sz *z;
  asink *s;
  int rc;
  char town[16], town_name[128];
  int64_t tt[6], all[6];
} rep;

static void rep_line(rep *r, const char *code, const char *name,
                     const int64_t x[6])
{
  if(r->rc)
    return;
  acell c[8] = {cell_str(code), cell_str(name)};
  for(int i = 0; i < 6; i++)
    c[2 + i] = cell_int(x[i]);
  r->rc = view_row(r->z, r->s, c);
}

static void rep_town_end(rep *r)
{
  if(!r->town[0])
    return;
  char name[160];
  snprintf(name, sizeof name, "%s 合计", r->town_name);
  rep_line(r, r->town, name, r->tt);
  memset(r->tt, 0, sizeof r->tt);
}

static void rep_row(const subsidy_row *s, void *ctx)
{
  rep *r = ctx;
  if(strcmp(r->town, s->township ? s->township : "")) {
    rep_town_end(r);
    snprintf(r->town, sizeof r->town, "%s", s->township ? s->township : "");
    snprintf(r->town_name, sizeof r->town_name, "%s", s->township_name);
  }
  int64_t x[6] = {s->loans, s->principal, s->interest, s->applied,
                  s->approved, s->paid};
  for(int i = 0; i < 6; i++) {
    r->tt[i] += x[i];
    r->all[i] += x[i];
  }
  rep_line(r, s->village, s->village_name, x);
}

int subsidy_report_view(sz *z, const char *year, asink *s)
{
  rep r;
  memset(&r, 0, sizeof r);
  r.z = z;
  r.s = s;
  r.rc = view_begin(z, s, &t_report);
  if(!r.rc && subsidy_report(z, year, rep_row, &r))
    return -1;
  rep_town_end(&r);
  /* A township's or a village's user sees its own villages: their sum. */
  rep_line(&r, "", strlen(z->scope) > 6 ? "合计" : "全县合计", r.all);
  if(r.rc)
    return r.rc;
  if(db_fault(z))
    return db_fail(z, "%s", z->fault_msg);
  int rc = view_end(z, s);
  program p;
  if(!rc)
    rc = view_begin(z, s, &t_budget);
  if(!rc && program_get(z, year, &p)) {
    acell c[4] = {cell_str(p.year), cell_int(p.budget),
                  cell_int(p.reserved + p.paid),
                  cell_int(p.budget - p.reserved - p.paid)};
    rc = view_row(z, s, c);
  }
  return rc ? rc : view_end(z, s);
}
