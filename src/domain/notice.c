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
  if(db_step(z, st) == SQLITE_ROW && col_text(st, 0))
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

/* A row 合计 with the sums in the columns of sums (others empty). */
static int total_row(sz *z, asink *s, const atable *t, const int64_t *sum,
                     const char *label)
{
  acell c[8];
  for(int i = 0; i < t->ncols; i++)
    c[i] = t->cols[i].kind == K_MONEY || t->cols[i].kind == K_AREA
               ? cell_int(sum[i])
               : cell_nil();
  c[0] = cell_str(label);
  return view_row(z, s, c);
}

/* Rows of st as part t, adding up money and areas; then 合计. */
static int part_rows(sz *z, asink *s, const atable *t, sqlite3_stmt *st)
{
  int64_t sum[8] = {0};
  acell c[8];
  int rc = view_begin(z, s, t);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    for(int i = 0; i < t->ncols; i++) {
      c[i] = view_col(st, i, t->cols[i].kind);
      if(!kind_text(t->cols[i].kind) && !c[i].null)
        sum[i] += c[i].i;
    }
    rc = view_row(z, s, c);
  }
  if(!rc)
    rc = total_row(z, s, t, sum, "合计");
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

static int assets(sz *z, const char *village, const char *as_of, asink *s)
{
  const reg *r = &reg_asset;
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  /* Held at the date (held.h): a voided asset is on no notice. */
  sb_addstr(&sql, " WHERE village = ?1 AND " ASSET_HELD("asset", "?2")
                  " ORDER BY id");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  asset_defaults *d = asset_defaults_load(z);
  int64_t sum[8] = {0};
  int rc = view_begin(z, s, &t_assets);
  sbuf text;
  sb_init(&text);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    int64_t acc;
    char through[8];
    asset_depreciation(d, v, as_of, &acc, through);
    /* the text cells, NUL-terminated */
    static const int fi[] = {AS_NAME, AS_CATEGORY, AS_LOCATION, AS_STATUS};
    size_t off[4];
    sb_reset(&text);
    for(int k = 0; k < 4; k++) {
      off[k] = v[fi[k]].t == V_TEXT ? text.len : (size_t)-1;
      if(v[fi[k]].t == V_TEXT)
        sb_add(&text, v[fi[k]].s, v[fi[k]].n);
      sb_addch(&text, 0);
    }
#define TXT(k) (off[k] == (size_t)-1 ? cell_nil() : cell_str(text.buf + off[k]))
    acell c[6] = {TXT(0), TXT(1), TXT(2), cell_int(v[AS_ORIGINAL].i),
                  cell_int(v[AS_ORIGINAL].i - acc), TXT(3)};
#undef TXT
    sum[3] += c[3].i;
    sum[4] += c[4].i;
    rc = view_row(z, s, c);
  }
  sb_free(&text);
  asset_defaults_free(d);
  free(v);
  if(!rc)
    rc = total_row(z, s, &t_assets, sum, "合计");
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

static int resources(sz *z, const char *village, const char *as_of,
                     asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT r.name, l.name, r.area, r.status, (SELECT group_concat("
         "c.party, '、') FROM contract c WHERE c.object = r.code AND "
         LIVE("c") " AND c.start_date <= ?2 AND c.end_date >= ?2), (SELECT group_concat("
         "c.start_date || '至' || c.end_date, '、') FROM contract c WHERE "
         LIVE("c") " AND c.object = r.code AND c.start_date <= ?2 AND c.end_date >= ?2) "
         "FROM resource r JOIN land_class l ON l.code = r.land_class WHERE "
         "r.village = ?1 AND " RESOURCE_HELD("r", "?2") " ORDER BY r.id");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
  return part_rows(z, s, &t_resources, st);
}

static int contracts(sz *z, const char *village, const char *as_of,
                     asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT c.code, coalesce((SELECT name FROM asset WHERE code = "
         "c.object), (SELECT name FROM resource WHERE code = c.object), "
         "c.object), c.start_date || '至' || c.end_date FROM contract c WHERE c.village = ?1 AND " LIVE("c")
         " AND c.start_date "
         "<= ?2 AND c.end_date >= ?2 ORDER BY c.code");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
  int64_t sum[8] = {0};
  int rc = view_begin(z, s, &t_contracts);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    schedule sc;
    if(!contract_schedule(z, col_text(st, 0), as_of, &sc))
      continue;
    int64_t overdue = 0;
    for(int i = 0; i < sc.n; i++)
      if(strcmp(sc.v[i].due, as_of) < 0)
        overdue += sc.v[i].outstanding;
    acell c[7] = {cell_str(sc.code),       cell_str(sc.party),
                  cell_str(col_text(st, 1)), cell_str(col_text(st, 2)),
                  cell_int(sc.annual),     cell_int(sc.received),
                  cell_int(overdue)};
    for(int i = 4; i < 7; i++)
      sum[i] += c[i].i;
    rc = view_row(z, s, c);
    schedule_free(&sc);
  }
  if(!rc)
    rc = total_row(z, s, &t_contracts, sum, "合计");
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

static int funds(sz *z, const char *village, const char *from,
                 const char *as_of, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT direction, category, count(*), sum(amount) FROM fund WHERE "
         "village = ?1 AND date BETWEEN ?2 AND ?3 GROUP BY direction, "
         "category ORDER BY direction DESC, category");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, as_of, -1, SQLITE_STATIC);
  int rc = view_begin(z, s, &t_funds);
  int64_t in = 0, out = 0;
  long nin = 0, nout = 0;
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    acell c[4] = {view_col(st, 0, K_TEXT), view_col(st, 1, K_TEXT),
                  view_col(st, 2, K_INT), view_col(st, 3, K_MONEY)};
    int income = !strcmp(col_text(st, 0), "收入");
    *(income ? &in : &out) += c[3].i;
    *(income ? &nin : &nout) += (long)c[2].i;
    rc = view_row(z, s, c);
  }
  const char *label[2] = {"收入合计", "支出合计"};
  for(int k = 0; k < 2 && !rc; k++) {
    acell c[4] = {cell_str(label[k]), cell_nil(), cell_int(k ? nout : nin),
                  cell_int(k ? out : in)};
    rc = view_row(z, s, c);
  }
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

static int disposals(sz *z, const char *village, const char *from,
                     const char *as_of, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT d.code, d.type, (SELECT group_concat(o.name, '、') FROM "
         "disposal_object o WHERE o.disposal = d.code), d.executed_on, "
         "d.party, d.final_price FROM disposal d WHERE d.village = ?1 AND "
         "d.executed_on BETWEEN ?2 AND ?3 ORDER BY d.executed_on, d.code");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, as_of, -1, SQLITE_STATIC);
  return part_rows(z, s, &t_disposals, st);
}

static int subsidies(sz *z, const char *village, const char *from,
                     const char *as_of, asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT s.code, l.project, l.lender, s.paid_on, s.approved FROM "
         "subsidy s JOIN loan l ON l.code = s.loan WHERE s.village = ?1 AND "
         "s.status = '已拨付' AND s.paid_on BETWEEN ?2 AND ?3 ORDER BY "
         "s.paid_on, s.code");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, as_of, -1, SQLITE_STATIC);
  return part_rows(z, s, &t_subsidies, st);
}

int notice_view(sz *z, const char *village, int year, const char *as_of,
                asink *s)
{
  char from[11];
  snprintf(from, sizeof from, "%04d-01-01", year);
  if(db_begin_read(z))
    return -1;
  int rc = assets(z, village, as_of, s);
  if(!rc)
    rc = resources(z, village, as_of, s);
  if(!rc)
    rc = contracts(z, village, as_of, s);
  if(!rc)
    rc = funds(z, village, from, as_of, s);
  if(!rc)
    rc = disposals(z, village, from, as_of, s);
  if(!rc)
    rc = subsidies(z, village, from, as_of, s);
  db_end(z, 1);
  return rc;
}
