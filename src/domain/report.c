/* report.c: fund balances and the per-township summary. */
#include "domain/registers.h"
#include "domain/asset.h"
#include "domain/report.h"
#include "store/config.h"
#include "domain/import.h"
#include "store/record.h"
#include "base/util.h"

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
         "WHERE a.opening_date <= ?4 "
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
  sb_addstr(&sql, " WHERE acquired_on <= ?1");
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
                     "GROUP BY village");
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
