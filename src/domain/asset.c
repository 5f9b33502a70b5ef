/* asset.c: the asset and resource registers: their specs, the asset's
 * checks, and the guard that keeps letting and disposal to filings. */
#include "domain/asset.h"
#include "domain/registers.h"
#include "base/date.h"
#include "base/depreciation.h"
#include "base/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_asset(struct regctx *c, val *v);
static int guard_status(struct regctx *c, const val *old, const val *v);

static const field asset_fields[] = {
  [AS_CODE] = {"code", "资产编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  [AS_VILLAGE] = {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  [AS_NAME] = {"name", "资产名称", F_TEXT, F_REQ | F_LIST, NULL},
  [AS_CATEGORY] = {"category", "资产类别", F_ENUM, F_REQ | F_LIST, "asset_category"},
  [AS_NATURE] = {"nature", "资产性质", F_ENUM, F_REQ, "asset_nature"},
  [AS_LOCATION] = {"location", "坐落位置", F_TEXT, 0, NULL},
  [AS_QUANTITY] = {"quantity", "数量", F_QTY, 0, NULL},
  [AS_UNIT] = {"unit", "计量单位", F_TEXT, 0, NULL},
  [AS_ORIGINAL] = {"original_value", "原值", F_MONEY, F_REQ | F_LIST, NULL},
  [AS_ACCUMULATED] = {"accumulated_depreciation", "累计折旧", F_MONEY, 0, NULL},
  [AS_THROUGH] = {"depreciated_through", "折旧截至", F_MONTH, 0, NULL},
  [AS_LIFE] = {"useful_life_months", "使用年限", F_INT, F_YEARS, NULL},
  [AS_RESIDUAL] = {"residual_rate", "净残值率", F_RATE, 0, NULL},
  [AS_VIA] = {"acquired_via", "取得方式", F_ENUM, F_REQ, "asset_source"},
  [AS_ACQUIRED] = {"acquired_on", "取得日期", F_DATE, F_REQ | F_LIST, NULL},
  [AS_STATUS] = {"status", "使用状态", F_ENUM, F_REQ | F_LIST, "asset_status"},
  [AS_CUSTODIAN] = {"custodian", "管护责任人", F_TEXT, 0, NULL},
  [AS_CERTIFICATE] = {"certificate", "权证号", F_TEXT, F_DIGITS, NULL},
  [AS_NOTE] = {"note", "备注", F_TEXT, F_LONG, NULL},
  [AS_VOIDED] = {"voided", "作废原因", F_TEXT, F_VOID, NULL},
  [AS_RESTORED] = {"restored", "恢复原因", F_TEXT, F_VOID, NULL},
  [AS_NET] = {"net_value", "净值", F_DERIVED, 0, NULL},
};


static const field resource_fields[] = {
  {"code", "资源编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "资源名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"land_class", "地类", F_LANDCLASS, F_REQ | F_LIST, NULL},
  {"location", "坐落位置", F_TEXT, 0, NULL},
  {"area", "面积", F_AREA, F_REQ | F_LIST | F_POS, NULL},
  {"east", "东至", F_TEXT, 0, NULL},
  {"west", "西至", F_TEXT, 0, NULL},
  {"south", "南至", F_TEXT, 0, NULL},
  {"north", "北至", F_TEXT, 0, NULL},
  {"certificate", "权证号", F_TEXT, F_DIGITS, NULL},
  {"status", "经营状态", F_ENUM, F_REQ | F_LIST, "resource_status"},
  {"note", "备注", F_TEXT, F_LONG, NULL},
  {"voided", "作废原因", F_TEXT, F_VOID, NULL},
  {"restored", "恢复原因", F_TEXT, F_VOID, NULL},
};


_Static_assert(ARRAY_SIZE(asset_fields) == AS_NFIELDS,
               "enum asset_field and the asset spec differ");

#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_asset = {"asset", "资产", "ZC", SPEC(asset_fields), 0,
                              check_asset, guard_status,
                              "village name acquired_on original_value"};
const reg reg_resource = {"resource", "资源", "ZY",
                                 SPEC(resource_fields), 0, NULL, guard_status,
                                 "village name land_class area"};

static int check_asset(regctx *c, val *v)
{
  enum { ad = AS_ACCUMULATED, dt = AS_THROUGH, aq = AS_ACQUIRED, nv = AS_NET,
         ov = AS_ORIGINAL };
  int bad = 0;
  int64_t acc = v[ad].t == V_INT ? v[ad].i : 0;
  char b1[32], b2[32];
  if(acc > v[ov].i) {
    reg_error(c, ad, T(c->z, "%s is more than the original value %s"),
              money_format(acc, b1), money_format(v[ov].i, b2));
    bad++;
  }
  if(acc > 0 && v[dt].t == V_NULL) {
    reg_error(c, dt, T(c->z, "required when 累计折旧 is given: the month "
                             "the registered depreciation runs through"));
    bad++;
  }
  if(v[dt].t == V_TEXT && memcmp(v[dt].s, v[aq].s, 7) < 0) {
    reg_error(c, dt, T(c->z, "%.7s is before the acquisition month %.7s"),
              v[dt].s, v[aq].s);
    bad++;
  }
  if(v[nv].t == V_INT && v[nv].i != v[ov].i - acc) {
    reg_error(c, nv, T(c->z, "%s does not equal 原值 - 累计折旧 = %s"),
              money_format(v[nv].i, b1), money_format(v[ov].i - acc, b2));
    bad++;
  }
  v[nv].t = V_NULL; /* derived: never stored */
  return bad;
}


/* Letting (出租, 发包, 入股) and disposal (已处置) happen through a disposal
 * filing: an edit or import may register them for a new record, but not
 * move a registered one into or out of them. */
static int guard_status(regctx *c, const val *old, const val *v)
{
  static const char *const filed[] = {"出租", "发包", "入股", "已处置"};
  int si = reg_field(c->r, "status");
  const val *o = &old[si], *n = &v[si];
  if(o->t != V_TEXT || n->t != V_TEXT ||
     (o->n == n->n && !memcmp(o->s, n->s, n->n)))
    return 0;
  int into = 0;
  for(size_t i = 0; i < ARRAY_SIZE(filed); i++)
    into |= strlen(filed[i]) == n->n && !memcmp(filed[i], n->s, n->n);
  int was_gone = o->n == strlen("已处置") && !memcmp(o->s, "已处置", o->n);
  if(was_gone) {
    reg_error(c, si, T(c->z, "%.*s -> %.*s: a disposed record (已处置) "
                             "stays disposed"),
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  if(into) {
    reg_error(c, si, T(c->z, "%.*s -> %.*s: letting and disposal go "
                             "through a disposal filing (sanzi disposal new), "
                             "not an edit"),
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  return 0;
}



/* ---- depreciation ---- */

struct asset_defaults {
  int n;
  char **cat;      /* the categories, by name */
  int64_t *life;   /* useful_life.<category>, months; 0 when none */
  int64_t residual;
};

asset_defaults *asset_defaults_load(sz *z)
{
  asset_defaults *d = xcalloc(1, sizeof *d);
  d->residual = config_int(z, "residual_rate", 50000);
  sqlite3_stmt *st = db_prepare(z, "SELECT name FROM asset_category "
                                   "ORDER BY rowid");
  sbuf key;
  sb_init(&key);
  while(db_step(z, st) == SQLITE_ROW) {
    const char *name = (const char *)sqlite3_column_text(st, 0);
    d->cat = xrealloc(d->cat, sizeof *d->cat * (size_t)(d->n + 1));
    d->life = xrealloc(d->life, sizeof *d->life * (size_t)(d->n + 1));
    d->cat[d->n] = xstrdup(name);
    sb_reset(&key);
    sb_addf(&key, "useful_life.%s", name);
    d->life[d->n] = config_int(z, key.buf, 0);
    d->n++;
  }
  sqlite3_finalize(st);
  sb_free(&key);
  return d;
}

void asset_defaults_free(asset_defaults *d)
{
  if(!d)
    return;
  for(int i = 0; i < d->n; i++)
    free(d->cat[i]);
  free(d->cat);
  free(d->life);
  free(d);
}

void asset_depreciation(const asset_defaults *d, const val *v,
                        const char *as_of, int64_t *acc, char through[8])
{
  const val *cat = &v[AS_CATEGORY], *life = &v[AS_LIFE];
  const val *res = &v[AS_RESIDUAL], *opening = &v[AS_ACCUMULATED];
  const val *thr = &v[AS_THROUGH], *acq_v = &v[AS_ACQUIRED];
  char acq[11], othr[8] = "";
  snprintf(acq, sizeof acq, "%.*s", (int)acq_v->n, acq_v->s);
  if(thr->t == V_TEXT)
    snprintf(othr, sizeof othr, "%.*s", (int)thr->n, thr->s);
  depr_in in;
  memset(&in, 0, sizeof in);
  in.original = v[AS_ORIGINAL].i;
  int64_t dflt_life = 0;
  for(int k = 0; k < d->n; k++)
    if(strlen(d->cat[k]) == cat->n && !memcmp(d->cat[k], cat->s, cat->n)) {
      dflt_life = d->life[k];
      break;
    }
  in.life_months = life->t == V_INT ? life->i : dflt_life;
  in.residual_ppm = res->t == V_INT ? res->i : d->residual;
  in.acquired_on = acq;
  in.opening_acc = opening->t == V_INT ? opening->i : 0;
  in.opening_through = othr[0] ? othr : NULL;
  *acc = depr_accumulated(&in, as_of);
  /* The last month counted: the month of as_of if it ended that day. */
  int y, m, dd;
  date_split(as_of, &y, &m, &dd);
  if(dd != date_month_days(y, m)) {
    if(--m == 0) {
      m = 12;
      y--;
    }
  }
  if(*acc == in.opening_acc)
    snprintf(through, 8, "%s", othr);
  else
    snprintf(through, 8, "%04d-%02d", y, m);
}
