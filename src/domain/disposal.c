/* disposal.c: disposal filings through 四议两公开. The filing is a row of
 * `disposal`; its objects and each meeting are rows of their own; every
 * step is an update of the filing through its register spec, so the change
 * log holds the whole procedure. */
#include "domain/may.h"
#include "domain/registers.h"
#include "domain/asset.h"
#include "domain/disposal.h"
#include "domain/disposal_impl.h"
#include "store/config.h"
#include "domain/contract.h"
#include "base/date.h"
#include "domain/import.h"
#include "base/money.h"
#include "store/record.h"
#include "base/text.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPEN_STATUS "status IN ('申报中', '审核同意', '审核退回')"

const char *const disposal_steps[4] = {"提议", "商议", "审议", "决议"};

int disposal_load(sz *z, const char *code, rec *d)
{
  if(rec_open(z, &reg_disposal, code, d))
    return 0;
  rec_close(d);
  return db_fail(z, T(z, "no disposal filing with code '%s'"), code);
}

/* The latest vote of a step: 1 and its date and outcome, or 0. */
int disposal_latest_vote(sz *z, const char *code, const char *step,
                         char date[11], int *passed)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT held_on, passed FROM disposal_vote WHERE disposal = ?1 AND "
         "step = ?2 ORDER BY id DESC LIMIT 1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
  int found = db_step(z, st) == SQLITE_ROW;
  if(found) {
    snprintf(date, 11, "%s", sqlite3_column_text(st, 0));
    *passed = sqlite3_column_int(st, 1);
  }
  sqlite3_finalize(st);
  return found;
}

static int is_one_of(const char *s, const char *const *list)
{
  for(; *list; list++)
    if(!strcmp(s, *list))
      return 1;
  return 0;
}

static const char *const needs_appraisal[] = {"出售", "入股", "抵押", "置换",
                                              NULL};
static const char *const for_land[] = {"出租", "发包", "入股", "抵押", NULL};

/* The status an executed type leaves its objects in; NULL: unchanged. */
static const char *status_after(const char *type)
{
  static const char *const gone[] = {"出售", "报废", "核销", "无偿划转",
                                     "置换", NULL};
  if(is_one_of(type, gone))
    return "已处置";
  if(!strcmp(type, "抵押"))
    return NULL;
  return type; /* 出租, 发包, 入股 */
}

/* Where the procedure's rules report a problem: the township review stops
 * at the first (z->err, -1); the audit hears every one, with its finding
 * code, and goes on. */
typedef struct probe {
  sz *z;
  disposal_problem_fn fn; /* NULL: the review */
  void *ctx;
  int public_flagged; /* CZ06 told once: the values all say the same */
} probe;

static int flag(probe *p, const char *finding, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int flag(probe *p, const char *finding, const char *fmt, ...)
{
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  if(!p->fn)
    return db_fail(p->z, "%s", msg);
  if(!strcmp(finding, "CZ06")) {
    if(p->public_flagged)
      return 0;
    p->public_flagged = 1;
  }
  p->fn(p->ctx, finding, msg);
  return 0;
}

/* "协议" is refused from this value on. */
static int public_value_flag(probe *p, rec *d, int64_t value,
                             const char *what)
{
  if(strcmp(rec_text(d, "method"), "协议"))
    return 0;
  int64_t pv = config_int(p->z, "disposal.public_value", 20000000);
  char b1[32], b2[32];
  if(value < pv)
    return 0;
  return flag(p, "CZ06",
              T(p->z, "处置方式: 协议 is not allowed: %s %s is at least "
                      "%s; use 公开竞价, 招标 or 拍卖"),
              T(p->z, what), money_format_grouped(value, b1),
              money_format_grouped(pv, b2));
}

/* ... and from this land area. */
static int public_area_flag(probe *p, rec *d)
{
  if(strcmp(rec_text(d, "method"), "协议"))
    return 0;
  int64_t pa = config_int(p->z, "disposal.public_area", 500000);
  char b1[32], b2[32];
  if(rec_int(d, "area") < pa)
    return 0;
  return flag(p, "CZ06",
              T(p->z, "处置方式: 协议 is not allowed: the land area %s 亩 "
                      "is at least %s 亩; use 公开竞价, 招标 or 拍卖"),
              area_format_grouped(rec_int(d, "area"), b1),
              area_format_grouped(pa, b2));
}

/* For new and execute: the value, and the land area, against 协议. */
static int public_method_check(sz *z, rec *d, int64_t value, const char *what)
{
  probe p = {z, NULL, NULL, 0};
  return public_value_flag(&p, d, value, what) || public_area_flag(&p, d);
}

/* A list of codes as a clerk types it: separated by commas, full-width
 * commas or 、, each trimmed, empty items skipped; a code named twice is
 * refused. */
typedef struct codes {
  char **v;
  int n;
} codes;

static void codes_free(codes *c)
{
  for(int i = 0; i < c->n; i++)
    free(c->v[i]);
  free(c->v);
  c->v = NULL;
  c->n = 0;
}

static int codes_split(sz *z, const char *what, const char *list, codes *c)
{
  c->v = NULL;
  c->n = 0;
  const char *p = list ? list : "";
  while(1) {
    size_t len = 0, sep = 0;
    while(p[len] && !sep) {
      if(p[len] == ',')
        sep = 1;
      else if(!strncmp(p + len, "，", 3) || !strncmp(p + len, "、", 3))
        sep = 3;
      else
        len++;
    }
    size_t tl;
    const char *t = text_trim(p, len, &tl);
    if(tl) {
      for(int i = 0; i < c->n; i++)
        if(strlen(c->v[i]) == tl && !memcmp(c->v[i], t, tl)) {
          db_fail(z, T(z, "%s: %.*s is named twice"), T(z, what), (int)tl, t);
          codes_free(c);
          return -1;
        }
      c->v = xrealloc(c->v, sizeof *c->v * (size_t)(c->n + 1));
      c->v[c->n++] = xstrndup(t, tl);
    }
    if(!p[len])
      break;
    p += len + sep;
  }
  return 0;
}

/* ---- 申报 ---- */

static int add_object(sz *z, rec *d, rec *o, const char *obj, int n,
                      int64_t *book, int64_t *area)
{
  const char *code = rec_text(d, "code");
  const char *village = rec_text(d, "village");
  const char *type = rec_text(d, "type");
  const char *regname = "asset";
  rec x;
  if(!rec_open(z, &reg_asset, obj, &x)) {
    rec_close(&x);
    regname = "resource";
    if(!rec_open(z, &reg_resource, obj, &x)) {
      rec_close(&x);
      return db_fail(z, T(z, "objects: no asset or resource with code '%s'"),
                     obj);
    }
  }
  int rc = 0;
  int is_asset = !strcmp(regname, "asset");
  const char *st = rec_text(&x, "status");
  int64_t value = 0, mu = 0;
  if(strcmp(rec_text(&x, "village"), village))
    rc = db_fail(z, T(z, "objects: %s belongs to village %s, not %s"), obj,
                 rec_text(&x, "village"), village);
  else if(rec_val(&x, "voided")->t != V_NULL)
    rc = db_fail(z, T(z, "objects: %s is voided (作废)"), obj);
  else if(!strcmp(st, "已处置"))
    rc = db_fail(z, T(z, "objects: %s is already disposed of (已处置)"), obj);
  else if(!is_asset && !is_one_of(type, for_land))
    rc = db_fail(z,
                 T(z, "objects: %s is a resource; collective land is let, "
                      "contracted out, put in as shares or pledged (出租, "
                      "发包, 入股, 抵押), never %s"),
                 obj, type);
  if(rc == 0) {
    sqlite3_stmt *q = db_prepare(
        z, "SELECT d.code, d.status FROM disposal_object o JOIN disposal d ON "
           "d.code = o.disposal WHERE o.object = ?1 AND d." OPEN_STATUS);
    sqlite3_bind_text(q, 1, obj, -1, SQLITE_STATIC);
    if(db_step(z, q) == SQLITE_ROW)
      rc = db_fail(z, T(z, "objects: %s is already in filing %s (%s)"), obj,
                   sqlite3_column_text(q, 0), sqlite3_column_text(q, 1));
    sqlite3_finalize(q);
  }
  if(rc == 0 && is_asset) {
    int64_t acc;
    char through[8];
    asset_defaults *dflt = asset_defaults_load(z);
    asset_depreciation(dflt, x.v, rec_text(d, "filed_on"), &acc, through);
    asset_defaults_free(dflt);
    value = rec_int(&x, "original_value") - acc;
  } else if(rc == 0)
    mu = rec_int(&x, "area");
  if(rc == 0) {
    char ocode[96];
    snprintf(ocode, sizeof ocode, "%s/%d", code, n);
    val_text(rec_val(o, "code"), ocode);
    val_text(rec_val(o, "disposal"), code);
    val_text(rec_val(o, "object"), obj);
    val_text(rec_val(o, "register"), regname);
    val_text(rec_val(o, "name"), rec_text(&x, "name"));
    val_text(rec_val(o, "status_before"), st);
    val_int(rec_val(o, "book_value"), value);
    val_int(rec_val(o, "area"), mu);
    rc = reg_put(o->c, o->v, 0);
    *book += value;
    *area += mu;
  }
  rec_close(&x);
  return rc;
}

static int new_work(sz *z, const disposal_input *in, char code[80])
{
  rec d;
  rec_open(z, &reg_disposal, NULL, &d);
  const reg *r = d.r;
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  const char *kv[][2] = {
    {"code", in->code},       {"village", in->village},
    {"type", in->type},       {"reason", in->reason},
    {"method", in->method},   {"price", in->price},
    {"outsider", in->outsider}, {"filed_on", in->date},
    {"filer", z->user},       {"book_value", "0"},
    {"area", "0"},            {"status", "申报中"},
  };
  for(size_t k = 0; k < ARRAY_SIZE(kv); k++)
    if(kv[k][1]) {
      int fi = reg_field(r, kv[k][0]);
      cells[fi] = kv[k][1];
      lens[fi] = strlen(kv[k][1]);
    }
  int rc = 0;
  if(reg_parse(d.c, cells, lens, d.v))
    rc = rec_fail(&d);
  free(cells);
  free(lens);
  if(rc == 0 && !strcmp(rec_text(&d, "outsider"), "是") &&
     strcmp(rec_text(&d, "type"), "发包"))
    rc = db_fail(z, T(z, "outsider: applies to 发包 only (the 2/3 rule for "
                         "contracting land to a party from outside)"));
  if(rc == 0 && (!in->objects || !in->objects[0]))
    rc = db_fail(z, T(z, "objects: required (asset or resource codes, separated "
                        "by commas)"));
  /* The filing first (its code names the objects), then the objects; the
   * totals are written back at the end. */
  if(rc == 0)
    rc = reg_put(d.c, d.v, 0);
  if(rc == 0)
    snprintf(code, 80, "%s", rec_text(&d, "code"));
  int64_t book = 0, area = 0;
  int n = 0;
  if(rc == 0) {
    rec o;
    rec_open(z, &reg_disposal_object, NULL, &o);
    codes objs;
    rc = codes_split(z, N_("objects"), in->objects, &objs);
    for(int k = 0; rc == 0 && k < objs.n; k++)
      rc = add_object(z, &d, &o, objs.v[k], ++n, &book, &area);
    codes_free(&objs);
    rec_close(&o);
    if(rc == 0 && n == 0)
      rc = db_fail(z, T(z, "objects: required (asset or resource codes, "
                           "separated by commas)"));
  }
  if(rc == 0) {
    /* Values are known now: the totals, and the rule on 协议. */
    rec_close(&d);
    rec_open(z, &reg_disposal, code, &d);
    val_int(rec_val(&d, "book_value"), book);
    val_int(rec_val(&d, "area"), area);
    rc = public_method_check(z, &d, book, N_("the book value"));
    if(rc == 0)
      rc = public_method_check(z, &d, rec_int(&d, "price"), N_("the price"));
    if(rc == 0)
      rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_new(sz *z, const disposal_input *in, char code[80])
{
  if(may(z, STEP_DISPOSAL))
    return -1;
  if(in->date && db_not_future(z, "申报", in->date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, new_work(z, in, code));
}

/* ---- the steps before the review (the meetings: disposal_vote.c) ---- */

/* The filing can still take meetings, appraisal and publicity. */
int disposal_open_for_steps(sz *z, rec *d, const char *step)
{
  const char *st = rec_text(d, "status");
  if(strcmp(st, "申报中") && strcmp(st, "审核退回"))
    return db_fail(z,
                   T(z, "%s: filing %s is %s; the procedure before the review "
                        "is closed"),
                   step, rec_text(d, "code"), st);
  return 0;
}

/* ---- appraisal and publicity ---- */

static int appraise_work(sz *z, const char *code, const char *value,
                         const char *appraiser, const char *report,
                         const char *date)
{
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  int rc = disposal_open_for_steps(z, &d, "资产评估");
  int64_t v = 0;
  const char *e = money_parse(value, strlen(value), &v);
  if(rc == 0 && e)
    rc = db_fail(z, T(z, "--value: '%s': %s"), value, T(z, e));
  else if(rc == 0 && v < 0)
    rc = db_fail(z, T(z, "--value: '%s': must not be negative"), value);
  else if(rc == 0 && (!appraiser[0] || !report[0]))
    rc = db_fail(z, T(z, "资产评估: the appraiser and the report number are "
                         "required"));
  else if(rc == 0 && strcmp(date, rec_text(&d, "filed_on")) < 0)
    rc = db_fail(z, T(z, "资产评估 on %s: before the filing (%s)"), date,
                 rec_text(&d, "filed_on"));
  if(rc == 0) {
    val_int(rec_val(&d, "appraised_value"), v);
    val_text(rec_val(&d, "appraiser"), appraiser);
    val_text(rec_val(&d, "appraisal_report"), report);
    val_text(rec_val(&d, "appraised_on"), date);
    rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_appraise(sz *z, const char *code, const char *value,
                      const char *appraiser, const char *report,
                      const char *date)
{
  if(may(z, STEP_DISPOSAL))
    return -1;
  if(db_not_future(z, "资产评估", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, appraise_work(z, code, value, appraiser, report, date));
}

static int publicize_work(sz *z, const char *code, const char *kind,
                          const char *from, const char *to)
{
  int result = !strcmp(kind, "结果");
  if(!result && strcmp(kind, "决议"))
    return db_fail(z, T(z, "--kind: '%s' is not 决议 or 结果"), kind);
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  char step[32];
  snprintf(step, sizeof step, "%s公开", kind);
  int rc = 0;
  char date[11] = "";
  int ok = 0;
  const char *after;
  if(result) {
    const char *st = rec_text(&d, "status");
    if(strcmp(st, "已执行") && strcmp(st, "已公开"))
      rc = db_fail(z,
                   T(z, "%s: filing %s is %s; the result is published after "
                        "the execution"),
                   step, code, st);
    after = rec_text(&d, "executed_on");
  } else {
    rc = disposal_open_for_steps(z, &d, step);
    if(rc == 0 && (!disposal_latest_vote(z, code, "决议", date, &ok) || !ok))
      rc = db_fail(z, T(z, "%s: needs a passing 决议 first"), step);
    after = date;
  }
  int64_t min = config_int(z, result ? "disposal.result_days"
                                     : "disposal.resolution_days", 7);
  int64_t days = (int64_t)date_days(to) - date_days(from) + 1;
  if(rc == 0 && strcmp(from, after) < 0)
    rc = db_fail(z, T(z, "%s from %s: before the %s of %s"), step, from,
                 result ? T(z, "execution") : "决议", after);
  else if(rc == 0 && days < 1)
    rc = db_fail(z, T(z, "%s: it ends (%s) before it begins (%s)"), step, to,
                 from);
  else if(rc == 0 && days < min)
    rc = db_fail(z,
                 T(z, "%s: %lld day(s) (%s to %s, both days counted), at "
                      "least %lld required"),
                 step, (long long)days, from, to, (long long)min);
  if(rc == 0) {
    val_text(rec_val(&d, result ? "result_from" : "resolution_from"), from);
    val_text(rec_val(&d, result ? "result_to" : "resolution_to"), to);
    if(result)
      val_text(rec_val(&d, "status"), "已公开");
    rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_publicize(sz *z, const char *code, const char *kind,
                       const char *from, const char *to)
{
  if(may(z, STEP_DISPOSAL))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, publicize_work(z, code, kind, from, to));
}

/* ---- review ---- */

/* Everything the township checks before 同意. */
/* Everything the township review needs to agree, reviewed on `date`. */
static int complete(probe *p, rec *d, const char *date)
{
  sz *z = p->z;
  const char *code = rec_text(d, "code");
  char vd[11] = "";
  int ok;
  char prev[11] = "";
  for(int i = 0; i < 4; i++) {
    if(!disposal_latest_vote(z, code, disposal_steps[i], vd, &ok)) {
      if(flag(p, "CZ01", T(p->z, "乡镇审核: no %s is recorded"),
              disposal_steps[i]))
        return -1;
      continue;
    }
    if(!ok &&
       flag(p, "CZ01", T(p->z, "乡镇审核: the last %s (%s) did not pass"),
            disposal_steps[i], vd))
      return -1;
    /* After 退回 a step may have been held again: the steps that count
     * must still follow each other. */
    if(strcmp(vd, prev) < 0 &&
       flag(p, "CZ01",
            T(p->z, "乡镇审核: the %s of %s came before the %s of %s it must "
                    "follow; hold the %s again"),
            disposal_steps[i], vd, disposal_steps[i - 1], prev,
            disposal_steps[i]))
      return -1;
    snprintf(prev, sizeof prev, "%s", vd);
  }
  const char *rfrom = rec_text(d, "resolution_from");
  const char *rto = rec_text(d, "resolution_to");
  if(!rto[0]) {
    if(flag(p, "CZ01",
            T(p->z, "乡镇审核: the resolution has not been made public "
                    "(决议公开)")))
      return -1;
  } else {
    /* vd: the date of the 决议 that counts. After 退回 a new 决议 may have
     * been taken: the publicity must be of that one. */
    if(strcmp(rfrom, vd) < 0 &&
       flag(p, "CZ01",
            T(p->z,
              "乡镇审核: 决议公开 from %s was before the 决议 of %s; make "
              "that resolution public (决议公开)"),
            rfrom, vd))
      return -1;
    int64_t min = config_int(z, "disposal.resolution_days", 7);
    int64_t days = (int64_t)date_days(rto) - date_days(rfrom) + 1;
    if(days < min &&
       flag(p, "CZ03",
            T(p->z, "乡镇审核: 决议公开 lasted %lld day(s), at least %lld "
                    "required"),
            (long long)days, (long long)min))
      return -1;
    if(strcmp(date, rto) <= 0 &&
       flag(p, "CZ01",
            T(p->z, "乡镇审核 on %s: 决议公开 runs to %s and must end "
                    "before the review"),
            date, rto))
      return -1;
  }
  int64_t book = rec_int(d, "book_value");
  int64_t av = config_int(z, "disposal.appraisal_value", 5000000);
  char b1[32], b2[32];
  if(is_one_of(rec_text(d, "type"), needs_appraisal) && book >= av &&
     rec_val(d, "appraised_value")->t == V_NULL &&
     flag(p, "CZ04",
          T(p->z, "乡镇审核: 资产评估 required: %s with a book value of %s (at "
                  "least %s)"),
          rec_text(d, "type"), money_format_grouped(book, b1),
          money_format_grouped(av, b2)))
    return -1;
  /* The appraisal the township relies on was made before it decided. */
  const char *aon = rec_text(d, "appraised_on");
  if(aon[0] && strcmp(aon, date) > 0 &&
     flag(p, "CZ04",
          T(p->z, "乡镇审核 on %s: the 资产评估 is dated %s, after the "
                  "review"),
          date, aon))
    return -1;
  if(public_value_flag(p, d, book, N_("the book value")) ||
     public_area_flag(p, d) ||
     public_value_flag(p, d, rec_int(d, "price"), N_("the price")) ||
     public_value_flag(p, d, rec_int(d, "appraised_value"),
                       N_("the appraised value")))
    return -1;
  return 0;
}

int disposal_audit(sz *z, const char *code, const char *ref,
                   disposal_problem_fn fn, void *ctx)
{
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  probe p = {z, fn, ctx, 0};
  const char *rv = rec_text(&d, "reviewed_on");
  if(strcmp(rec_text(&d, "review_decision"), "同意") || !rv[0])
    flag(&p, "CZ01", T(z, "executed without the township's 同意 (乡镇审核)"));
  else if(!strcmp(rec_text(&d, "reviewer"), rec_text(&d, "filer")))
    flag(&p, "CZ01", T(z, "reviewed by its own filer %s"),
         rec_text(&d, "filer"));
  complete(&p, &d, rv[0] ? rv : rec_text(&d, "executed_on"));
  char b1[32], b2[32];
  const char *ex = rec_text(&d, "executed_on");
  if(rv[0] && strcmp(ex, rv) < 0)
    flag(&p, "CZ01", T(z, "executed on %s, before the review of %s"), ex, rv);
  val *apv = rec_val(&d, "appraised_value");
  int64_t price = rec_int(&d, "final_price");
  if(apv->t == V_INT && price < apv->i) {
    const char *lp = rec_text(&d, "lower_price_resolution");
    flag(&p, "CZ05", T(z, "sold for %s, below the appraised value %s (%s)"),
         money_format_grouped(price, b1), money_format_grouped(apv->i, b2),
         lp[0] ? lp : T(z, "no resolution for the lower price"));
  }
  public_value_flag(&p, &d, price, "the final price");
  /* A let, contracting out or share: its contracts over their terms, as
   * execute measured them. */
  sqlite3_stmt *q = db_prepare(z, "SELECT code FROM contract WHERE "
                                  "disposal = ?1 AND voided IS NULL ORDER "
                                  "BY code");
  sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
  int64_t total = 0;
  int nc = 0;
  while(db_step(z, q) == SQLITE_ROW) {
    schedule s;
    if(contract_schedule(z, (const char *)sqlite3_column_text(q, 0), NULL,
                         &s)) {
      total += s.total;
      nc++;
      schedule_free(&s);
    }
  }
  sqlite3_finalize(q);
  if(nc)
    public_value_flag(&p, &d, total, "the contracts' total over their terms");
  const char *rf = rec_text(&d, "result_from"), *rt = rec_text(&d, "result_to");
  int64_t min = config_int(z, "disposal.result_days", 7);
  if(!rt[0] || strcmp(rf, ref) > 0)
    flag(&p, "CZ01", T(z, "executed on %s; the result had not been made "
                          "public (结果公开) by %s"), ex, ref);
  else if((int64_t)date_days(rt) - date_days(rf) + 1 < min)
    flag(&p, "CZ03", T(z, "结果公开 %s to %s lasted %d day(s), at least "
                          "%lld required"), rf, rt, date_days(rt) - date_days(rf) + 1,
         (long long)min);
  rec_close(&d);
  return 0;
}

static int review_work(sz *z, const char *code, const char *decision,
                       const char *date, const char *opinion)
{
  static const char *const decisions[] = {"同意", "不同意", "退回", NULL};
  if(!is_one_of(decision, decisions))
    return db_fail(z,
                   T(z, "乡镇审核: the decision is 同意, 不同意 or 退回, not "
                        "'%s'"),
                   decision);
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  int rc = 0;
  const char *st = rec_text(&d, "status");
  if(strcmp(st, "申报中") && strcmp(st, "审核退回"))
    rc = db_fail(z, T(z, "乡镇审核: filing %s is %s, not waiting for a review"),
                 code, st);
  else if(!strcmp(rec_text(&d, "filer"), z->user))
    rc = db_fail(z,
                 T(z, "乡镇审核: %s filed %s and may not review it; another "
                      "person reviews (--user)"),
                 z->user, code);
  else if(strcmp(decision, "同意") && (!opinion || !opinion[0]))
    rc = db_fail(z, T(z, "乡镇审核: %s needs the reason (--opinion)"), decision);
  else if(strcmp(date, rec_text(&d, "filed_on")) < 0)
    rc = db_fail(z, T(z, "乡镇审核 on %s: before the filing (%s)"), date,
                 rec_text(&d, "filed_on"));
  else if(!strcmp(decision, "同意")) {
    probe p = {z, NULL, NULL, 0};
    rc = complete(&p, &d, date);
  }
  if(rc == 0 && rec_text(&d, "reviewed_on")[0] &&
     strcmp(date, rec_text(&d, "reviewed_on")) < 0)
    rc = db_fail(z, T(z, "乡镇审核 on %s: before the earlier review of %s"),
                 date, rec_text(&d, "reviewed_on"));
  if(rc == 0) {
    val_text(rec_val(&d, "status"), !strcmp(decision, "同意")     ? "审核同意"
                                    : !strcmp(decision, "不同意") ? "审核不同意"
                                                                  : "审核退回");
    val_text(rec_val(&d, "reviewed_on"), date);
    val_text(rec_val(&d, "review_decision"), decision);
    val_text(rec_val(&d, "reviewer"), z->user);
    if(opinion && opinion[0])
      val_text(rec_val(&d, "review_opinion"), opinion);
    else
      val_null(rec_val(&d, "review_opinion"));
    rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_review(sz *z, const char *code, const char *decision,
                    const char *date, const char *opinion)
{
  if(may(z, STEP_DISPOSAL_REVIEW))
    return -1;
  if(db_not_future(z, "乡镇审核", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, review_work(z, code, decision, date, opinion));
}

/* ---- execution ---- */

/* One contract of a 出租, 发包 or 入股: of the filing's village, one of its
 * objects, its kind and party, signed after the approval. Adds its yearly
 * amount and its total over the term. */
static int check_contract_for(sz *z, rec *d, const exec_input *in,
                              const char *ccode, int64_t *annual,
                              int64_t *total, char object[96])
{
  const char *code = rec_text(d, "code");
  const char *type = rec_text(d, "type");
  rec c;
  if(!rec_open(z, &reg_contract, ccode, &c)) {
    rec_close(&c);
    return db_fail(z,
                   T(z, "执行: no contract with code '%s' (register it with "
                        "'sanzi contract add')"),
                   ccode);
  }
  int rc = 0;
  sqlite3_stmt *q = db_prepare(z, "SELECT 1 FROM disposal_object WHERE "
                                  "disposal = ?1 AND object = ?2");
  sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, rec_text(&c, "object"), -1, SQLITE_STATIC);
  int has_object = db_step(z, q) == SQLITE_ROW;
  sqlite3_finalize(q);
  const char *member = rec_text(&c, "party_is_member");
  const char *signed_on = rec_text(&c, "signed_on");
  if(strcmp(rec_text(&c, "village"), rec_text(d, "village")))
    rc = db_fail(z, T(z, "执行: contract %s is of village %s"), ccode,
                 rec_text(&c, "village"));
  else if(!has_object)
    rc = db_fail(z,
                 T(z, "执行: contract %s lets %s, which this filing does not "
                      "name"),
                 ccode, rec_text(&c, "object"));
  else if(strcmp(rec_text(&c, "kind"), type))
    rc = db_fail(z, T(z, "执行: contract %s is a %s contract; the filing is %s"),
                ccode, rec_text(&c, "kind"), type);
  else if(strcmp(rec_text(&c, "party"), in->party))
    rc = db_fail(z, T(z, "执行: contract %s is with %s, not %s"), ccode,
                 rec_text(&c, "party"), in->party);
  else if(rec_text(&c, "disposal")[0] &&
          strcmp(rec_text(&c, "disposal"), code))
    rc = db_fail(z, T(z, "执行: contract %s belongs to filing %s"), ccode,
                 rec_text(&c, "disposal"));
  else if(!signed_on[0])
    rc = db_fail(z,
                 T(z, "执行: contract %s has no 签订日期: record when it was "
                      "signed (sanzi contract edit %s signed_on=D)"),
                 ccode, ccode);
  else if(strcmp(signed_on, rec_text(d, "reviewed_on")) < 0)
    rc = db_fail(z,
                 T(z, "执行: contract %s was signed on %s, before the "
                      "township approved the filing (%s)"),
                 ccode, signed_on, rec_text(d, "reviewed_on"));
  else if(!strcmp(type, "发包") && !member[0])
    rc = db_fail(z,
                 T(z, "执行: contract %s does not say whether the party is a "
                      "member of the collective (是否本集体成员): 发包 to an "
                      "outsider needs 2/3 of all in favour"),
                 ccode);
  else if(!strcmp(type, "发包") && !strcmp(member, "否") &&
          strcmp(rec_text(d, "outsider"), "是"))
    rc = db_fail(z,
                 T(z, "执行: contract %s is with a party from outside the "
                      "collective, but the filing's 决议 was not taken under "
                      "the 2/3 rule for that (outsider=是)"),
                 ccode);
  if(rc == 0) {
    schedule s;
    snprintf(object, 96, "%s", rec_text(&c, "object"));
    contract_schedule(z, ccode, NULL, &s);
    *annual += rec_int(&c, "annual_amount");
    *total += s.total;
    schedule_free(&s);
  }
  if(rc == 0 && !rec_text(&c, "disposal")[0]) {
    reg_set_workflow(c.c);
    val_text(rec_val(&c, "disposal"), code);
    rc = reg_put(c.c, c.v, 2);
  }
  rec_close(&c);
  return rc;
}

/* 出租, 发包, 入股 go with contracts (--contract A,B): one for each object
 * of the filing; for 出租 and 发包 the price is their yearly amount. Each
 * contract names the filing (处置申报编号) from then on. */
static int link_contracts(sz *z, rec *d, const exec_input *in, int64_t price)
{
  const char *code = rec_text(d, "code");
  const char *type = rec_text(d, "type");
  int64_t annual = 0, total = 0;
  codes cs;
  if(codes_split(z, "--contract", in->contract, &cs))
    return -1;
  char (*obj)[96] = xcalloc((size_t)cs.n + 1, sizeof *obj);
  int rc = 0;
  for(int i = 0; rc == 0 && i < cs.n; i++) {
    rc = check_contract_for(z, d, in, cs.v[i], &annual, &total, obj[i]);
    for(int k = 0; rc == 0 && k < i; k++)
      if(!strcmp(obj[k], obj[i]))
        rc = db_fail(z,
                     T(z, "执行: contracts %s and %s both let %s; an object "
                          "has one contract"),
                     cs.v[k], cs.v[i], obj[i]);
  }
  /* Every object of the filing has one of them. */
  sqlite3_stmt *q = db_prepare(z, "SELECT object FROM disposal_object WHERE "
                                  "disposal = ?1 ORDER BY id");
  sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
  while(rc == 0 && db_step(z, q) == SQLITE_ROW) {
    const char *o = (const char *)sqlite3_column_text(q, 0);
    int found = 0;
    for(int i = 0; i < cs.n && !found; i++)
      found = !strcmp(obj[i], o);
    if(!found)
      rc = db_fail(z,
                   T(z, "执行: %s of the filing has no contract among those "
                        "given (--contract A,B: one for each object)"),
                   o);
  }
  sqlite3_finalize(q);
  free(obj);
  codes_free(&cs);
  char b1[32], b2[32];
  if(rc == 0 && strcmp(type, "入股") && annual != price)
    rc = db_fail(z,
                 T(z, "执行: the price of a %s is the yearly amount of its "
                      "contracts: %s given, the contracts say %s"),
                 type, money_format_grouped(price, b1),
                 money_format_grouped(annual, b2));
  else if(rc == 0)
    rc = public_method_check(z, d, total,
                             N_("the contracts' total over "
                                "their terms"));
  return rc;
}

static int execute_work(sz *z, const char *code, const exec_input *in)
{
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  const char *type = rec_text(&d, "type");
  int rc = 0;
  int64_t price = 0;
  char b1[32], b2[32];
  const char *e = in->price ? money_parse(in->price, strlen(in->price), &price)
                            : N_("required");
  if(strcmp(rec_text(&d, "status"), "审核同意"))
    rc = db_fail(z,
                 T(z, "执行: filing %s is %s; it is executed after the "
                      "township's 同意"),
                 code, rec_text(&d, "status"));
  else if(strcmp(in->date, rec_text(&d, "reviewed_on")) < 0)
    rc = db_fail(z, T(z, "执行 on %s: before the review (%s)"), in->date,
                 rec_text(&d, "reviewed_on"));
  else if(!in->party || !in->party[0])
    rc = db_fail(z, T(z, "执行: the counterparty (--party) is required"));
  else if(e)
    rc = db_fail(z, T(z, "--price: '%s': %s"), in->price ? in->price : "",
                 T(z, e));
  else if(price < 0)
    rc = db_fail(z, T(z, "--price: must not be negative"));
  else if(rec_val(&d, "appraised_value")->t == V_INT &&
          price < rec_int(&d, "appraised_value") &&
          (!in->lower_price || !in->lower_price[0]))
    rc = db_fail(z,
                 T(z, "执行: the price %s is below the appraised value %s; "
                      "give the resolution that approved the lower price "
                      "(--lower-price-resolution)"),
                 money_format_grouped(price, b1),
                 money_format_grouped(rec_int(&d, "appraised_value"), b2));
  else
    rc = public_method_check(z, &d, price, N_("the final price"));
  static const char *const let[] = {"出租", "发包", "入股", NULL};
  if(rc == 0 && is_one_of(type, let)) {
    if(!in->contract || !in->contract[0])
      rc = db_fail(z, T(z, "执行: a %s needs its contract (--contract)"), type);
    else
      rc = link_contracts(z, &d, in, price);
  }
  char fcode[128] = "";
  if(rc == 0 && !strcmp(type, "出售") && (!in->voucher || !in->voucher[0]))
    rc = db_fail(z, T(z, "执行: a sale needs the voucher of its proceeds "
                         "(--voucher)"));
  if(rc == 0 && in->voucher && in->voucher[0]) {
    /* The proceeds are in the books: a receipt of the village that year. */
    snprintf(fcode, sizeof fcode, "%s-%.4s-%s", rec_text(&d, "village"),
             in->date, in->voucher);
    sqlite3_stmt *q = db_prepare(z, "SELECT direction, amount FROM fund "
                                    "WHERE code = ?1");
    sqlite3_bind_text(q, 1, fcode, -1, SQLITE_STATIC);
    if(db_step(z, q) != SQLITE_ROW)
      rc = db_fail(z,
                   T(z, "执行: no fund entry with voucher %s in %.4s for "
                        "village %s: record the proceeds first"),
                   in->voucher, in->date, rec_text(&d, "village"));
    else if(strcmp((const char *)sqlite3_column_text(q, 0), "收入"))
      rc = db_fail(z, T(z, "执行: fund entry %s is a 支出, not the proceeds"),
                   fcode);
    else if(!strcmp(type, "出售") && sqlite3_column_int64(q, 1) != price)
      rc = db_fail(z, T(z, "执行: fund entry %s records %s, the price is %s"),
                   fcode, money_format_grouped(sqlite3_column_int64(q, 1), b1),
                   money_format_grouped(price, b2));
    sqlite3_finalize(q);
    /* One receipt is the proceeds of one filing, not of two. */
    q = db_prepare(z, "SELECT code FROM disposal WHERE village = ?1 AND "
                      "voucher = ?2 AND substr(executed_on, 1, 4) = ?3 AND "
                      "code <> ?4");
    sqlite3_bind_text(q, 1, rec_text(&d, "village"), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, in->voucher, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, in->date, 4, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, code, -1, SQLITE_STATIC);
    if(rc == 0 && db_step(z, q) == SQLITE_ROW)
      rc = db_fail(z,
                   T(z, "执行: fund entry %s is already the proceeds of filing "
                        "%s"),
                   fcode, sqlite3_column_text(q, 0));
    sqlite3_finalize(q);
  }
  /* The objects change status. */
  const char *after = status_after(type);
  if(rc == 0 && after) {
    sqlite3_stmt *q = db_prepare(z, "SELECT object, register FROM "
                                    "disposal_object WHERE disposal = ?1 "
                                    "ORDER BY id");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    while(rc == 0 && db_step(z, q) == SQLITE_ROW) {
      rec o;
      const char *obj = (const char *)sqlite3_column_text(q, 0);
      if(rec_open(z, reg_find((const char *)sqlite3_column_text(q, 1)), obj, &o)) {
        reg_set_workflow(o.c);
        val_text(rec_val(&o, "status"), after);
        rc = reg_put(o.c, o.v, 2);
      } else
        rc = db_fail(z, T(z, "执行: object %s has gone from its register"), obj);
      rec_close(&o);
    }
    sqlite3_finalize(q);
  }
  if(rc == 0) {
    val_text(rec_val(&d, "status"), "已执行");
    val_text(rec_val(&d, "executed_on"), in->date);
    val_text(rec_val(&d, "party"), in->party);
    val_int(rec_val(&d, "final_price"), price);
    if(in->voucher && in->voucher[0])
      val_text(rec_val(&d, "voucher"), in->voucher);
    if(in->lower_price && in->lower_price[0])
      val_text(rec_val(&d, "lower_price_resolution"), in->lower_price);
    rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_execute(sz *z, const char *code, const exec_input *in)
{
  if(may(z, STEP_DISPOSAL))
    return -1;
  if(db_not_future(z, "执行", in->date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, execute_work(z, code, in));
}

static int withdraw_work(sz *z, const char *code, const char *date,
                         const char *reason)
{
  rec d;
  if(disposal_load(z, code, &d))
    return -1;
  static const char *const pending[] = {"申报中", "审核同意", "审核退回",
                                        NULL};
  const char *st = rec_text(&d, "status");
  int rc = 0;
  if(!is_one_of(st, pending))
    rc = db_fail(z,
                 T(z, "撤回: filing %s is %s; only a filing not yet executed "
                      "or refused is withdrawn"),
                 code, st);
  else if(!reason[0])
    rc = db_fail(z, T(z, "撤回: a reason (--reason) is required"));
  else if(strcmp(date, rec_text(&d, "filed_on")) < 0)
    rc = db_fail(z, T(z, "撤回 on %s: before the filing (%s)"), date,
                 rec_text(&d, "filed_on"));
  if(rc == 0) {
    val_text(rec_val(&d, "status"), "已撤回");
    val_text(rec_val(&d, "withdrawn_on"), date);
    val_text(rec_val(&d, "withdrawn"), reason);
    rc = reg_put(d.c, d.v, 2);
  }
  rec_close(&d);
  return rc;
}

int disposal_withdraw(sz *z, const char *code, const char *date,
                      const char *reason)
{
  if(may(z, STEP_DISPOSAL))
    return -1;
  if(db_not_future(z, "撤回", date))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, withdraw_work(z, code, date, reason));
}

int disposal_next(sz *z, const char *code, char *what, size_t n)
{
  rec d;
  int step = -1;
  what[0] = 0;
  if(!rec_open(z, &reg_disposal, code, &d)) {
    rec_close(&d);
    return -1;
  }
  const char *st = rec_text(&d, "status");
  char date[11];
  int ok;
  if(!strcmp(st, "申报中") || !strcmp(st, "审核退回")) {
    step = STEP_DISPOSAL;
    for(int i = 0; i < 4 && !what[0]; i++)
      if(!disposal_latest_vote(z, code, disposal_steps[i], date, &ok) || !ok)
        snprintf(what, n, "%s", disposal_steps[i]);
    int64_t av = config_int(z, "disposal.appraisal_value", 5000000);
    if(!what[0] && !rec_text(&d, "resolution_to")[0])
      snprintf(what, n, "决议公开");
    if(!what[0] && is_one_of(rec_text(&d, "type"), needs_appraisal) &&
       rec_int(&d, "book_value") >= av &&
       rec_val(&d, "appraised_value")->t == V_NULL)
      snprintf(what, n, "资产评估");
    if(!what[0]) {
      snprintf(what, n, "乡镇审核");
      step = STEP_DISPOSAL_REVIEW;
    }
  } else if(!strcmp(st, "审核同意")) {
    snprintf(what, n, "执行");
    step = STEP_DISPOSAL;
  } else if(!strcmp(st, "已执行")) {
    snprintf(what, n, "结果公开");
    step = STEP_DISPOSAL;
  }
  rec_close(&d);
  return step;
}

void disposal_next_step(sz *z, const char *code, char *out, size_t n)
{
  char what[32];
  int step = disposal_next(z, code, what, sizeof what);
  out[0] = 0;
  if(step == STEP_DISPOSAL_REVIEW)
    snprintf(out, n,
             T(z, "乡镇审核 by someone other than the filer (sanzi "
                  "disposal review %s ...)"),
             code);
  else if(!strcmp(what, "决议公开"))
    snprintf(out, n,
             T(z, "决议公开 (sanzi disposal publicize %s --kind 决议 "
                  "--from D --to D)"),
             code);
  else if(!strcmp(what, "资产评估"))
    snprintf(out, n, T(z, "资产评估 (sanzi disposal appraise %s ...)"), code);
  else if(!strcmp(what, "执行"))
    snprintf(out, n, T(z, "执行 (sanzi disposal execute %s ...)"), code);
  else if(!strcmp(what, "结果公开"))
    snprintf(out, n,
             T(z, "结果公开 (sanzi disposal publicize %s --kind 结果 "
                  "--from D --to D)"),
             code);
  else if(what[0])
    snprintf(out, n, T(z, "%s (sanzi disposal vote %s --step %s ...)"), what,
             code, what);
  else {
    rec d;
    const char *st = "";
    if(rec_open(z, &reg_disposal, code, &d))
      st = rec_text(&d, "status");
    if(!strcmp(st, "审核不同意"))
      snprintf(out, n, "%s", T(z, "none: the township did not agree"));
    else if(!strcmp(st, "已撤回"))
      snprintf(out, n, "%s", T(z, "none: withdrawn"));
    rec_close(&d);
  }
}

/* ---- the spec ---- */

static const field disposal_fields[] = {
  {"code", "申报编号", F_CODE, F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_FIXED, NULL},
  {"type", "处置类型", F_ENUM, F_REQ, "disposal_type"},
  {"reason", "处置理由", F_TEXT, F_REQ | F_LONG, NULL},
  {"method", "处置方式", F_ENUM, F_REQ, "disposal_method"},
  {"price", "拟定价格", F_MONEY, 0, NULL},
  {"outsider", "发包给本集体以外", F_ENUM, 0, "yes_no"},
  {"filed_on", "申报日期", F_DATE, F_REQ, NULL},
  {"filer", "申报人", F_TEXT, F_REQ, NULL},
  {"book_value", "账面价值", F_MONEY, F_REQ, NULL},
  {"area", "土地面积", F_AREA, F_REQ, NULL},
  {"status", "状态", F_TEXT, F_REQ, NULL},
  {"resolution_from", "决议公开起日", F_DATE, 0, NULL},
  {"resolution_to", "决议公开止日", F_DATE, 0, NULL},
  {"appraised_value", "评估价值", F_MONEY, 0, NULL},
  {"appraiser", "评估机构", F_TEXT, 0, NULL},
  {"appraisal_report", "评估报告号", F_TEXT, 0, NULL},
  {"appraised_on", "评估日期", F_DATE, 0, NULL},
  {"reviewed_on", "审核日期", F_DATE, 0, NULL},
  {"review_decision", "审核意见", F_TEXT, 0, NULL},
  {"reviewer", "审核人", F_TEXT, 0, NULL},
  {"review_opinion", "审核说明", F_TEXT, F_LONG, NULL},
  {"executed_on", "执行日期", F_DATE, 0, NULL},
  {"party", "受让方/承租方", F_TEXT, 0, NULL},
  {"final_price", "成交价格", F_MONEY, 0, NULL},
  {"voucher", "收款凭证号", F_TEXT, 0, NULL},
  {"lower_price_resolution", "低于评估价决议", F_TEXT, F_LONG, NULL},
  {"result_from", "结果公开起日", F_DATE, 0, NULL},
  {"result_to", "结果公开止日", F_DATE, 0, NULL},
  {"withdrawn_on", "撤回日期", F_DATE, 0, NULL},
  {"withdrawn", "撤回原因", F_TEXT, F_LONG, NULL},
};


static const field disposal_object_fields[] = {
  {"code", "编号", F_CODE, F_FIXED, NULL},
  {"disposal", "申报编号", F_TEXT, F_REQ, NULL},
  {"object", "标的编号", F_TEXT, F_REQ, NULL},
  {"register", "登记簿", F_TEXT, F_REQ, NULL},
  {"name", "名称", F_TEXT, F_REQ, NULL},
  {"status_before", "申报时状态", F_TEXT, F_REQ, NULL},
  {"book_value", "账面价值", F_MONEY, F_REQ, NULL},
  {"area", "面积", F_AREA, F_REQ, NULL},
};


static const field disposal_vote_fields[] = {
  {"code", "编号", F_CODE, F_FIXED, NULL},
  {"disposal", "申报编号", F_TEXT, F_REQ, NULL},
  {"step", "程序", F_TEXT, F_REQ, NULL},
  {"body", "会议", F_TEXT, F_REQ, NULL},
  {"held_on", "日期", F_DATE, F_REQ, NULL},
  {"unit", "计数", F_TEXT, F_REQ, NULL},
  {"due", "应到", F_INT, F_REQ, NULL},
  {"present", "实到", F_INT, F_REQ, NULL},
  {"votes_for", "赞成", F_INT, F_REQ, NULL},
  {"votes_against", "反对", F_INT, F_REQ, NULL},
  {"abstain", "弃权", F_INT, F_REQ, NULL},
  {"minutes", "会议记录", F_TEXT, F_LONG, NULL},
  {"need_present", "应实到至少", F_INT, F_REQ, NULL},
  {"need_for", "应赞成至少", F_INT, F_REQ, NULL},
  {"passed", "通过", F_INT, F_REQ, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_disposal = {"disposal", "处置申报", "CZ",
                                 SPEC(disposal_fields), 1, NULL, NULL, NULL};
const reg reg_disposal_object = {"disposal_object", "处置标的", NULL,
                                        SPEC(disposal_object_fields), 1, NULL, NULL,
                                        NULL};
const reg reg_disposal_vote = {"disposal_vote", "处置表决", NULL,
                                      SPEC(disposal_vote_fields), 1, NULL, NULL,
                                      NULL};

