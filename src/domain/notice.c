/* notice.c: the village notice-board sheet (村务公开表): what the village
 * collective holds and what it took in and paid out, for its members to
 * read on the board. Names only: no identity number is shown. */
#include "domain/notice.h"
#include "domain/asset.h"
#include "domain/contract.h"
#include "domain/held.h"
#include "domain/registers.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *col_text(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

void notice_title(sz *z, const char *village, char *out, size_t n)
{
  sqlite3_stmt *st = db_prepare(z, "SELECT name FROM org WHERE code = ?1");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  char name[256] = "";
  /* a village outside the caller's scope is not there: its code alone */
  if(db_in_scope(z, village, strlen(village)) &&
     db_step(z, st) == SQLITE_ROW && col_text(st, 0))
    snprintf(name, sizeof name, "%s", col_text(st, 0));
  sqlite3_finalize(st);
  /* 福如东村民委员会 -> 福如东村; 某某社区居民委员会 -> 某某社区 */
  static const char *const drop[] = {"民委员会", "居民委员会", "委员会"};
  size_t len = strlen(name);
  for(size_t i = 0; i < ARRAY_SIZE(drop); i++) {
    size_t d = strlen(drop[i]);
    if(len > d && !strcmp(name + len - d, drop[i])) {
      name[len - d] = 0;
      break;
    }
  }
  snprintf(out, n, "%s集体“三资”公开表", name[0] ? name : village);
}

/* ---- the parts ---- */

static const acol asset_cols[] = {
  {"资产名称", K_TEXT}, {"资产类别", K_TEXT}, {"坐落位置", K_TEXT},
  {"原值", K_MONEY},    {"净值", K_MONEY},    {"使用状态", K_TEXT}};
static const char *const asset_keys[] = {"name", "category", "location",
                                         "original_value", "net_value",
                                         "status"};
static const atable t_assets = {"一、资产", asset_cols, 6, "assets",
                                asset_keys};

static const acol res_cols[] = {
  {"资源名称", K_TEXT}, {"地类", K_TEXT},     {"面积（亩）", K_AREA},
  {"经营状态", K_TEXT}, {"承包（租用）方", K_TEXT}, {"合同期限", K_TEXT}};
static const char *const res_keys[] = {"name", "land_class", "area",
                                       "status", "party", "term"};
static const atable t_resources = {"二、资源", res_cols, 6, "resources",
                                   res_keys};

static const acol con_cols[] = {
  {"合同编号", K_TEXT}, {"对方名称", K_TEXT}, {"标的", K_TEXT},
  {"合同期限", K_TEXT}, {"年金额", K_MONEY},  {"累计已收", K_MONEY},
  {"逾期未收", K_MONEY}};
static const char *const con_keys[] = {"code", "party", "object", "term",
                                       "annual_amount", "received",
                                       "overdue"};
static const atable t_contracts = {"三、在执行的合同", con_cols, 7,
                                   "contracts", con_keys};

static const acol fund_cols[] = {
  {"收支方向", K_TEXT}, {"收支类别", K_TEXT}, {"笔数", K_INT},
  {"金额", K_MONEY}};
static const char *const fund_keys[] = {"direction", "category", "entries",
                                        "amount"};
static const atable t_funds = {"四、本年收支", fund_cols, 4, "funds",
                               fund_keys};

static const acol disp_cols[] = {
  {"申报编号", K_TEXT}, {"处置类型", K_TEXT}, {"处置标的", K_TEXT},
  {"执行日期", K_DATE}, {"受让方", K_TEXT},   {"成交价", K_MONEY}};
static const char *const disp_keys[] = {"code", "type", "objects",
                                        "executed_on", "party",
                                        "final_price"};
static const atable t_disposals = {"五、本年处置", disp_cols, 6,
                                   "disposals", disp_keys};

static const acol sub_cols[] = {
  {"申请编号", K_TEXT}, {"贷款项目", K_TEXT}, {"贷款银行", K_TEXT},
  {"拨付日期", K_DATE}, {"贴息金额", K_MONEY}};
static const char *const sub_keys[] = {"code", "project", "lender",
                                       "paid_on", "amount"};
static const atable t_subsidies = {"六、本年贴息", sub_cols, 5, "subsidies",
                                   sub_keys};

/* The parts in their order. */
const atable *const notice_parts[] = {&t_assets,    &t_resources, &t_contracts,
                                      &t_funds,     &t_disposals, &t_subsidies};
const int notice_nparts = (int)ARRAY_SIZE(notice_parts);

/* What a part's rows need besides their query. */
typedef struct nctx {
  sz *z;
  const char *as_of;
  asset_defaults *d;
  val *v;
} nctx;

/* An asset's net value at the date (its cells 6.. are the register's
 * row). */
static int asset_row(nctx *x, sqlite3_stmt *st, acell *c)
{
  reg_row_from_stmt(&reg_asset, st, t_assets.ncols + 2, x->v);
  int64_t acc;
  char through[8];
  asset_depreciation(x->d, x->v, x->as_of, &acc, through);
  c[4] = cell_int(c[3].i - acc);
  return 1;
}

/* A contract's receipts and what is overdue at the date. */
static int contract_row(nctx *x, sqlite3_stmt *st, acell *c)
{
  schedule sc;
  if(!contract_schedule(x->z, col_text(st, 0), x->as_of, &sc))
    return 0;
  int64_t overdue = 0;
  for(int i = 0; i < sc.n; i++)
    if(strcmp(sc.v[i].due, x->as_of) < 0)
      overdue += sc.v[i].outstanding;
  c[5] = cell_int(sc.received);
  c[6] = cell_int(overdue);
  schedule_free(&sc);
  return 1;
}

/* A part: its table; its query, with the parameters :village, :from (the
 * year's first day) and :asof where it uses them, column i cell i as the
 * table's kinds say (with r, the register's row after the cells); what
 * a row adds (0: left out); and its totals: one row 合计,
 * or with `by` one per value of the first column ("收入合计"). Every
 * column that is not text is added up. */
typedef struct npart {
  const atable *t;
  const char *sql;
  const reg *r; /* its select takes the place of %s in sql */
  int (*row)(nctx *x, sqlite3_stmt *st, acell *c);
  const char *by[2];
} npart;

static const npart parts[] = {
  /* Held at the date (held.h): a voided asset is on no notice. */
  {&t_assets,
   "SELECT x.name, x.category, x.location, x.original_value, NULL, "
   STATUS_AT("asset", "x", ":asof", ":tzoff") ", x.* FROM (%s) x WHERE x.village = :village AND "
   ASSET_HELD("x", ":asof") " ORDER BY x.id",
   &reg_asset, asset_row, {NULL, NULL}},
  {&t_resources,
   "SELECT r.name, l.name, r.area, "
   STATUS_AT("resource", "r", ":asof", ":tzoff") ", (SELECT group_concat("
   "c.party, '、') FROM contract c WHERE c.object = r.code AND "
   LIVE("c") " AND c.start_date <= :asof AND c.end_date >= :asof), (SELECT "
   "group_concat(c.start_date || '至' || c.end_date, '、') FROM contract c "
   "WHERE " LIVE("c") " AND c.object = r.code AND c.start_date <= :asof AND "
   "c.end_date >= :asof) FROM resource r JOIN land_class l ON l.code = "
   "r.land_class WHERE r.village = :village AND "
   RESOURCE_HELD("r", ":asof") " ORDER BY r.id",
   NULL, NULL, {NULL, NULL}},
  {&t_contracts,
   "SELECT c.code, c.party, coalesce((SELECT name FROM asset WHERE code = "
   "c.object), (SELECT name FROM resource WHERE code = c.object), "
   "c.object), c.start_date || '至' || c.end_date, c.annual_amount, NULL, "
   "NULL FROM contract c WHERE c.village = :village AND " LIVE("c")
   " AND c.start_date <= :asof AND c.end_date >= :asof ORDER BY c.code",
   NULL, contract_row, {NULL, NULL}},
  {&t_funds,
   "SELECT direction, category, count(*), sum(amount) FROM fund WHERE "
   "village = :village AND date BETWEEN :from AND :asof GROUP BY "
   "direction, category ORDER BY direction DESC, category",
   NULL, NULL, {"收入", "支出"}},
  {&t_disposals,
   "SELECT d.code, d.type, (SELECT group_concat(o.name, '、') FROM "
   "disposal_object o WHERE o.disposal = d.code), d.executed_on, d.party, "
   "d.final_price FROM disposal d WHERE d.village = :village AND "
   "d.executed_on BETWEEN :from AND :asof ORDER BY d.executed_on, d.code",
   NULL, NULL, {NULL, NULL}},
  {&t_subsidies,
   "SELECT s.code, l.project, l.lender, s.paid_on, s.approved FROM subsidy "
   "s JOIN loan l ON l.code = s.loan WHERE s.village = :village AND "
   "s.status = '已拨付' AND s.paid_on BETWEEN :from AND :asof ORDER BY "
   "s.paid_on, s.code",
   NULL, NULL, {NULL, NULL}},
};

/* Part p's statement, its parameters bound. */
static sqlite3_stmt *part_query(sz *z, const npart *p, const char *const
                                param[4][2])
{
  sbuf sql;
  sb_init(&sql);
  if(p->r) {
    sbuf rows;
    sb_init(&rows);
    reg_select_sql(p->r, &rows);
    sb_addf(&sql, p->sql, rows.buf);
    sb_free(&rows);
  } else
    sb_addstr(&sql, p->sql);
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  for(int i = 0; i < 4; i++) {
    int k = sqlite3_bind_parameter_index(st, param[i][0]);
    if(k)
      sqlite3_bind_text(st, k, param[i][1], -1, SQLITE_STATIC);
  }
  return st;
}

/* Part p's rows, then its totals. */
static int part_rows(nctx *x, asink *s, const npart *p,
                     const char *const param[4][2])
{
  sz *z = x->z;
  const atable *t = p->t;
  sqlite3_stmt *st = part_query(z, p, param);
  int64_t sum[2][8] = {{0}};
  acell c[8];
  int rc = view_begin(z, s, t);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    for(int i = 0; i < t->ncols; i++)
      c[i] = view_col(st, i, t->cols[i].kind);
    if(p->row && !p->row(x, st, c))
      continue;
    int g = p->by[0] && strcmp(c[0].s, p->by[0]) ? 1 : 0;
    for(int i = 0; i < t->ncols; i++)
      if(!kind_text(t->cols[i].kind) && !c[i].null)
        sum[g][i] += c[i].i;
    rc = view_row(z, s, c);
  }
  for(int k = 0; k < (p->by[0] ? 2 : 1) && !rc; k++) {
    char label[32];
    snprintf(label, sizeof label, "%s合计", p->by[k] ? p->by[k] : "");
    for(int i = 0; i < t->ncols; i++)
      c[i] = kind_text(t->cols[i].kind) ? cell_nil() : cell_int(sum[k][i]);
    c[0] = cell_str(label);
    rc = view_row(z, s, c);
  }
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

int notice_view(sz *z, const char *village, int year, const char *as_of,
                asink *s)
{
  char from[11];
  snprintf(from, sizeof from, "%04d-01-01", year);
  char off[32];
  held_zone_modifier(z, as_of, off);
  const char *const param[4][2] = {
      {":village", village}, {":from", from}, {":asof", as_of},
      {":tzoff", off}};
  if(org_scope_fail(z, village, NULL) || db_begin_read(z))
    return -1;
  nctx x = {z, as_of, asset_defaults_load(z),
            xcalloc((size_t)reg_asset.nfields, sizeof(val))};
  int rc = held_versions(z, &reg_asset) || held_versions(z, &reg_resource)
               ? -1
               : 0;
  for(size_t i = 0; i < ARRAY_SIZE(parts) && !rc; i++)
    rc = part_rows(&x, s, &parts[i], param);
  asset_defaults_free(x.d);
  free(x.v);
  db_end(z, 1);
  return rc;
}
