/* asset.c: the asset and resource registers: their specs, the asset's
 * checks, and the guard that keeps letting and disposal to filings. */
#include "domain/registers.h"
#include "base/date.h"
#include "base/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int check_asset(struct regctx *c, val *v);
static int guard_status(struct regctx *c, const val *old, const val *v);

static const field asset_fields[] = {
  {"code", "资产编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "资产名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"category", "资产类别", F_ENUM, F_REQ | F_LIST, "asset_category"},
  {"nature", "资产性质", F_ENUM, F_REQ, "asset_nature"},
  {"location", "坐落位置", F_TEXT, 0, NULL},
  {"quantity", "数量", F_QTY, 0, NULL},
  {"unit", "计量单位", F_TEXT, 0, NULL},
  {"original_value", "原值", F_MONEY, F_REQ | F_LIST, NULL},
  {"accumulated_depreciation", "累计折旧", F_MONEY, 0, NULL},
  {"depreciated_through", "折旧截至", F_MONTH, 0, NULL},
  {"useful_life_months", "使用年限", F_INT, 0, NULL},
  {"residual_rate", "净残值率", F_RATE, 0, NULL},
  {"acquired_via", "取得方式", F_ENUM, F_REQ, "asset_source"},
  {"acquired_on", "取得日期", F_DATE, F_REQ | F_LIST, NULL},
  {"status", "使用状态", F_ENUM, F_REQ | F_LIST, "asset_status"},
  {"custodian", "管护责任人", F_TEXT, 0, NULL},
  {"certificate", "权证号", F_TEXT, F_DIGITS, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
  {"net_value", "净值", F_DERIVED, 0, NULL},
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
  {"note", "备注", F_TEXT, 0, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_asset = {"asset", "资产", "ZC", SPEC(asset_fields), 0,
                              check_asset, guard_status};
const reg reg_resource = {"resource", "资源", "ZY",
                                 SPEC(resource_fields), 0, NULL, guard_status};

static int check_asset(regctx *c, val *v)
{
  /* check_asset serves only the asset spec: look the fields up once. */
  static int ov = -1, ad, dt, aq, nv;
  if(ov < 0) {
    ad = reg_field(c->r, "accumulated_depreciation");
    dt = reg_field(c->r, "depreciated_through");
    aq = reg_field(c->r, "acquired_on");
    nv = reg_field(c->r, "net_value");
    ov = reg_field(c->r, "original_value");
  }
  int bad = 0;
  int64_t acc = v[ad].t == V_INT ? v[ad].i : 0;
  char b1[32], b2[32];
  if(acc > v[ov].i) {
    reg_error(c, ad, "%s is more than the original value %s",
              money_format(acc, b1), money_format(v[ov].i, b2));
    bad++;
  }
  if(acc > 0 && v[dt].t == V_NULL) {
    reg_error(c, dt, "required when 累计折旧 is given: the month the "
                     "registered depreciation runs through");
    bad++;
  }
  if(v[dt].t == V_TEXT && memcmp(v[dt].s, v[aq].s, 7) < 0) {
    reg_error(c, dt, "%.7s is before the acquisition month %.7s", v[dt].s,
              v[aq].s);
    bad++;
  }
  if(v[nv].t == V_INT && v[nv].i != v[ov].i - acc) {
    reg_error(c, nv, "%s does not equal 原值 - 累计折旧 = %s",
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
    reg_error(c, si, "%.*s -> %.*s: a disposed record (已处置) stays disposed",
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  if(into) {
    reg_error(c, si, "%.*s -> %.*s: letting and disposal go through a "
                     "disposal filing (sanzi disposal new), not an edit",
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  return 0;
}


