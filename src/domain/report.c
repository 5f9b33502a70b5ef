/* report.c: fund balances and the per-township summary. */
#include "domain/registers.h"
#include "domain/asset.h"
#include "domain/held.h"
#include "domain/report.h"
#include "domain/view.h"
#include "base/money.h"
#include "store/config.h"
#include "domain/import.h"
#include "store/record.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fund_balances(sz *z, const char *village, const char *township,
                  const char *account, const char *as_of,
                  void (*cb)(const balance *b, void *ctx), void *ctx)
{
  int64_t limit = config_int(z, "cash_limit", 500000);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT a.village, o.name, a.code, a.name, a.kind, a.opening_balance, "
         "coalesce(sum(CASE WHEN f.direction = '收入' THEN f.amount END), 0), "
         "coalesce(sum(CASE WHEN f.direction = '支出' THEN f.amount END), 0) "
         "FROM account a JOIN org o ON o.code = a.village "
         "LEFT JOIN fund f ON f.account = a.code AND f.date <= ?4 "
         "WHERE " ACCOUNT_HELD("a", "?4") " "
         "AND (?1 IS NULL OR a.village = ?1) "
         "AND (?2 IS NULL OR a.village BETWEEN ?2 AND ?2 || 'z') "
         "AND (?3 IS NULL OR a.code = ?3) "
         "GROUP BY a.id ORDER BY a.village, a.code");
  if(village)
    sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  if(township)
    sqlite3_bind_text(st, 2, township, -1, SQLITE_STATIC);
  if(account)
    sqlite3_bind_text(st, 3, account, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, as_of, -1, SQLITE_STATIC);
  int rc;
  while((rc = db_step(z, st)) == SQLITE_ROW) {
    balance b;
    b.village = (const char *)sqlite3_column_text(st, 0);
    b.village_name = (const char *)sqlite3_column_text(st, 1);
    b.account = (const char *)sqlite3_column_text(st, 2);
    b.name = (const char *)sqlite3_column_text(st, 3);
    b.kind = (const char *)sqlite3_column_text(st, 4);
    b.opening = sqlite3_column_int64(st, 5);
    b.income = sqlite3_column_int64(st, 6);
    b.expense = sqlite3_column_int64(st, 7);
    b.closing = b.opening + b.income - b.expense;
    b.over_limit = !strcmp(b.kind, "库存现金") && b.closing > limit;
    cb(&b, ctx);
  }
  int ok = rc == SQLITE_DONE;
  if(!ok)
    db_fail(z, "%s", sqlite3_errmsg(z->db));
  sqlite3_finalize(st);
  return ok ? 0 : -1;
}

static township_total *find(township_total **t, int *n, const char *village)
{
  for(int i = 0; i < *n; i++)
    if(!strncmp((*t)[i].code, village, 9))
      return &(*t)[i];
  *t = xrealloc(*t, sizeof **t * (size_t)(*n + 1));
  township_total *x = &(*t)[(*n)++];
  memset(x, 0, sizeof *x);
  snprintf(x->code, sizeof x->code, "%.9s", village);
  return x;
}

static void add_balance(const balance *b, void *ctx)
{
  void **c = ctx;
  township_total *x = find(c[0], c[1], b->village);
  x->funds += b->closing;
}

static int cmp_code(const void *a, const void *b)
{
  return strcmp(((const township_total *)a)->code,
                ((const township_total *)b)->code);
}

int township_summary(sz *z, const char *as_of, township_total **out, int *n)
{
  township_total *t = NULL;
  int nt = 0;
  const reg *r = (&reg_asset);
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, " WHERE " ASSET_HELD("asset", "?1"));
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sqlite3_bind_text(st, 1, as_of, -1, SQLITE_STATIC);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int vi = reg_field(r, "village"), ov = reg_field(r, "original_value");
  asset_defaults *dflt = asset_defaults_load(z);
  while(db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    char through[8];
    int64_t acc;
    asset_depreciation(dflt, v, as_of, &acc, through);
    township_total *x = find(&t, &nt, v[vi].s);
    x->assets++;
    x->original += v[ov].i;
    x->accumulated += acc;
  }
  sqlite3_finalize(st);
  asset_defaults_free(dflt);
  free(v);
  sb_free(&sql);
  st = db_prepare(z, "SELECT village, count(*), sum(area) FROM resource "
                     "WHERE " RESOURCE_HELD("resource", "?1") " GROUP BY "
                     "village");
  while(db_step(z, st) == SQLITE_ROW) {
    township_total *x =
        find(&t, &nt, (const char *)sqlite3_column_text(st, 0));
    x->resources += sqlite3_column_int64(st, 1);
    x->area += sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);
  void *ctx[2] = {&t, &nt};
  if(fund_balances(z, NULL, NULL, NULL, as_of, add_balance, ctx)) {
    summary_free(t, nt);
    return -1;
  }
  /* Every township of the counties that hold records, empty ones too. */
  st = db_prepare(z, "SELECT code FROM org WHERE level = 'township' AND "
                     "parent_code IN (SELECT DISTINCT substr(code, 1, 6) "
                     "FROM org WHERE level = 'village' AND (code IN (SELECT "
                     "village FROM asset) OR code IN (SELECT village FROM "
                     "resource) OR code IN (SELECT village FROM account)))");
  while(db_step(z, st) == SQLITE_ROW)
    find(&t, &nt, (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  qsort(t, (size_t)nt, sizeof *t, cmp_code);
  st = db_prepare(z, "SELECT (SELECT name FROM org WHERE code = ?1), "
                     "(SELECT count(*) FROM org WHERE parent_code = ?1 "
                     "AND level = 'village')");
  for(int i = 0; i < nt; i++) {
    sqlite3_bind_text(st, 1, t[i].code, -1, SQLITE_STATIC);
    if(db_step(z, st) == SQLITE_ROW) {
      const char *nm = (const char *)sqlite3_column_text(st, 0);
      t[i].name = xstrdup(nm ? nm : "");
      t[i].villages = sqlite3_column_int64(st, 1);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  *out = t;
  *n = nt;
  return 0;
}

void summary_free(township_total *t, int n)
{
  for(int i = 0; i < n; i++)
    free(t[i].name);
  free(t);
}

/* ---- views ---- */

static const acol bal_cols[] = {
  {"村代码", K_TEXT},    {"村名", K_TEXT},  {"账户编号", K_TEXT},
  {"账户名称", K_TEXT},  {"类型", K_TEXT},  {"期初余额", K_MONEY},
  {"收入", K_MONEY},     {"支出", K_MONEY}, {"余额", K_MONEY},
  {"提示", K_TEXT}};
static const char *const bal_keys[] = {"village", "village_name", "account",
                                       "name",    "kind",         "opening",
                                       "income",  "expense",      "closing",
                                       "note"};
static const atable t_balances = {"资金余额", bal_cols, 10, "balances",
                                  bal_keys};

static const acol btot_cols[] = {
  {"期初余额", K_MONEY}, {"收入", K_MONEY}, {"支出", K_MONEY},
  {"余额", K_MONEY}};
static const char *const btot_keys[] = {"opening", "income", "expense",
                                        "closing"};
static const atable t_btotal = {"总计", btot_cols, 4, "total", btot_keys};

typedef struct bal_ctx {
  sz *z;
  asink *s;
  int rc;
  char village[16];
  int64_t v_open, v_in, v_out, v_close;
  int64_t v_cash; /* the village's 库存现金 accounts together */
  int v_ncash;
  int64_t t_open, t_in, t_out, t_close;
  long flagged;
  int64_t limit;
} bal_ctx;

static void village_total(bal_ctx *c)
{
  if(!c->village[0] || c->rc)
    return;
  char flag[128] = "", lim[32], cash[32];
  /* The limit is per village (doc/domain.md): several cash accounts together
   * may pass it when none does alone. */
  if(c->v_ncash > 1 && c->v_cash > c->limit) {
    snprintf(flag, sizeof flag, "库存现金合计 %s 超过限额 %s",
             money_format_grouped(c->v_cash, cash),
             money_format_grouped(c->limit, lim));
    c->flagged++;
  }
  acell x[10] = {cell_str(c->village), cell_nil(),         cell_nil(),
                 cell_str("合计"),     cell_nil(),         cell_int(c->v_open),
                 cell_int(c->v_in),    cell_int(c->v_out), cell_int(c->v_close),
                 cell_str(flag[0] ? flag : NULL)};
  c->rc = view_row(c->z, c->s, x);
  c->v_open = c->v_in = c->v_out = c->v_close = c->v_cash = 0;
  c->v_ncash = 0;
}

static void on_balance(const balance *b, void *ctx)
{
  bal_ctx *c = ctx;
  if(strcmp(c->village, b->village)) {
    village_total(c);
    snprintf(c->village, sizeof c->village, "%s", b->village);
  }
  if(c->rc)
    return;
  char flag[96] = "";
  if(b->over_limit) {
    char lim[32];
    snprintf(flag, sizeof flag, "超过库存现金限额 %s",
             money_format_grouped(c->limit, lim));
    c->flagged++;
  } else if(b->closing < 0) {
    snprintf(flag, sizeof flag, "余额为负");
    c->flagged++;
  }
  acell x[10] = {cell_str(b->village), cell_str(b->village_name),
                 cell_str(b->account), cell_str(b->name),
                 cell_str(b->kind),    cell_int(b->opening),
                 cell_int(b->income),  cell_int(b->expense),
                 cell_int(b->closing), cell_str(flag[0] ? flag : NULL)};
  c->rc = view_row(c->z, c->s, x);
  if(!strcmp(b->kind, "库存现金")) {
    c->v_cash += b->closing;
    c->v_ncash++;
  }
  c->v_open += b->opening;
  c->v_in += b->income;
  c->v_out += b->expense;
  c->v_close += b->closing;
  c->t_open += b->opening;
  c->t_in += b->income;
  c->t_out += b->expense;
  c->t_close += b->closing;
}

int fund_balance_view(sz *z, const char *village, const char *township,
                      const char *account, const char *as_of, asink *s,
                      long *flagged)
{
  bal_ctx c;
  memset(&c, 0, sizeof c);
  c.z = z;
  c.s = s;
  c.limit = config_int(z, "cash_limit", 500000);
  c.rc = view_begin(z, s, &t_balances);
  if(!c.rc &&
     fund_balances(z, village, township, account, as_of, on_balance, &c))
    return -1;
  village_total(&c);
  int rc = c.rc;
  if(!rc)
    rc = view_end(z, s);
  if(!rc) {
    acell x[4] = {cell_int(c.t_open), cell_int(c.t_in), cell_int(c.t_out),
                  cell_int(c.t_close)};
    rc = view_begin(z, s, &t_btotal);
    if(!rc)
      rc = view_row(z, s, x);
    if(!rc)
      rc = view_end(z, s);
  }
  if(flagged)
    *flagged = c.flagged;
  return rc;
}

static const acol sum_cols[] = {
  {"乡镇代码", K_TEXT}, {"乡镇", K_TEXT},    {"村数", K_INT},
  {"资产数", K_INT},    {"原值", K_MONEY},   {"净值", K_MONEY},
  {"资源数", K_INT},    {"面积(亩)", K_AREA}, {"资金余额", K_MONEY}};
static const char *const sum_keys[] = {"code",      "name",      "villages",
                                       "assets",    "original",  "net_value",
                                       "resources", "area",      "funds"};
static const atable t_summary = {"乡镇汇总", sum_cols, 9, "summary",
                                 sum_keys};

int summary_view(sz *z, const char *as_of, asink *s)
{
  township_total *t;
  int nt;
  if(township_summary(z, as_of, &t, &nt))
    return -1;
  township_total all;
  memset(&all, 0, sizeof all);
  int rc = view_begin(z, s, &t_summary);
  for(int i = 0; i <= nt && !rc; i++) {
    township_total *x = i < nt ? &t[i] : &all;
    acell c[9] = {cell_str(i < nt ? x->code : ""),
                  cell_str(i < nt ? x->name : "合计"),
                  cell_int(x->villages),
                  cell_int(x->assets),
                  cell_int(x->original),
                  cell_int(x->original - x->accumulated),
                  cell_int(x->resources),
                  cell_int(x->area),
                  cell_int(x->funds)};
    rc = view_row(z, s, c);
    if(i < nt) {
      all.villages += x->villages;
      all.assets += x->assets;
      all.original += x->original;
      all.accumulated += x->accumulated;
      all.resources += x->resources;
      all.area += x->area;
      all.funds += x->funds;
    }
  }
  summary_free(t, nt);
  if(!rc && db_fault(z))
    rc = db_fail(z, "%s", z->fault_msg);
  return rc ? rc : view_end(z, s);
}
