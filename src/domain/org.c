/* org.c: the organisations (province ... village) by division code. */
#include "domain/registers.h"
#include "domain/view.h"
#include "base/date.h"
#include "base/money.h"
#include "base/i18n.h"
#include "base/text.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int check_org(struct regctx *c, val *v);

static const field org_fields[] = {
  {"code", "代码", F_CODE, F_REQ | F_LIST, NULL},
  {"name", "名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"level", "级别", F_TEXT, F_REQ | F_LIST, NULL},
  {"parent_code", "上级代码", F_TEXT, F_LIST, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_org = {"org", "组织", NULL, SPEC(org_fields), 1,
                            check_org, NULL, NULL};

static int check_org(regctx *c, val *v)
{
  /* The codes of the levels; their names (省, 乡镇 ...) in the catalog. */
  static const char *const levels[] = {N_("province"), N_("city"),
                                       N_("county"), N_("township"),
                                       N_("village")};
  /* A file may name them in Chinese; the code is stored. */
  static const char *const names[] = {"省", "市", "县", "乡镇", "村"};
  static const size_t lens[] = {2, 4, 6, 9, 12};
  int bad = 0, lv = -1;
  for(int i = 0; i < 5; i++) {
    if(strlen(names[i]) == v[2].n && !memcmp(names[i], v[2].s, v[2].n)) {
      v[2].s = levels[i];
      v[2].n = strlen(levels[i]);
    }
    if(strlen(levels[i]) == v[2].n && !memcmp(levels[i], v[2].s, v[2].n))
      lv = i;
  }
  if(lv < 0) {
    reg_error(c, 2, T(c->z, "'%.*s' is not one of: province, city, county, "
                            "township, village"), (int)v[2].n, v[2].s);
    return 1;
  }
  int digits = 1;
  for(size_t i = 0; i < v[0].n; i++)
    digits &= v[0].s[i] >= '0' && v[0].s[i] <= '9';
  if(!digits || v[0].n != lens[lv]) {
    reg_error(c, 0, T(c->z, "'%.*s' is not a %s code (%zu digits)"),
              (int)v[0].n, v[0].s, T(c->z, levels[lv]), lens[lv]);
    bad++;
  }
  if(lv == 0 && v[3].t != V_NULL) {
    reg_error(c, 3, T(c->z, "a province has no parent"));
    bad++;
  } else if(lv > 0 && !bad) {
    if(v[3].t == V_NULL || v[3].n != lens[lv - 1] ||
       memcmp(v[3].s, v[0].s, v[3].n)) {
      reg_error(c, 3, T(c->z, "'%.*s' is not the %s code that %.*s begins "
                              "with"),
                (int)v[3].n, v[3].t == V_NULL ? "" : v[3].s,
                T(c->z, levels[lv - 1]), (int)v[0].n, v[0].s);
      bad++;
    } else if(strlen(c->org_found[lv - 1]) != v[3].n ||
              memcmp(c->org_found[lv - 1], v[3].s, v[3].n)) {
      /* Looked up once per parent: the villages of a township follow it
       * (665,276 rows nationally, 43,339 parents). Prepared once. */
      sqlite3_stmt *st = reg_stmt(c, "SELECT 1 FROM org WHERE code = ?1");
      sqlite3_bind_text(st, 1, v[3].s, (int)v[3].n, SQLITE_STATIC);
      if(db_step(c->z, st) != SQLITE_ROW) {
        reg_error(c, 3, T(c->z, "no organisation with code %.*s (list "
                                "parents before their children)"),
                  (int)v[3].n, v[3].s);
        bad++;
      } else {
        memcpy(c->org_found[lv - 1], v[3].s, v[3].n);
        c->org_found[lv - 1][v[3].n] = 0;
      }
      sqlite3_reset(st);
    }
  }
  return bad;
}

/* ---- views ---- */

static const acol org_cols[] = {
  {"代码", K_TEXT}, {"名称", K_TEXT}, {"级别", K_CODE}, {"上级代码", K_TEXT}};
static const char *const org_keys[] = {"code", "name", "level",
                                       "parent_code"};
static const atable t_orgs = {"组织", org_cols, 4, "orgs", org_keys};

int org_list_view(sz *z, const char *under, const char *q, asink *s)
{
  size_t n = 0;
  const char *t = q ? text_trim(q, strlen(q), &n) : NULL;
  if(q && !n)
    return db_fail(z, "%s", T(z, "the text to search for is empty"));
  sqlite3_stmt *st = db_prepare(
      z, "SELECT code, name, level, parent_code FROM org "
         "WHERE (?1 IS NULL OR (code BETWEEN ?1 AND ?1 || 'z')) "
         "AND (?2 IS NULL OR instr(name, ?2)) ORDER BY code");
  if(under)
    sqlite3_bind_text(st, 1, under, -1, SQLITE_STATIC);
  if(q)
    sqlite3_bind_text(st, 2, t, (int)n, SQLITE_STATIC);
  int rc = view_begin(z, s, &t_orgs);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    acell c[4];
    for(int i = 0; i < 4; i++)
      c[i] = view_col(st, i, t_orgs.cols[i].kind);
    rc = view_row(z, s, c);
  }
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

int org_scope_check(sz *z, const char *village, const char *township)
{
  /* Outside the caller's scope is not there for them (doc/web.md), as
   * for a record; a township or county may contain the scope. */
  if(village && (!db_in_scope(z, village, strlen(village)) ||
                 !db_org_level(z, village, "village")))
    return 1;
  if(township) {
    size_t n = strlen(township), k = strlen(z->scope);
    if(!db_in_scope(z, township, n) &&
       !(n <= k && !strncmp(z->scope, township, n)))
      return 2;
    if(!db_int(z, 0,
               "SELECT count(*) FROM org WHERE code = ?1 "
               "AND level <> 'village'", township))
      return 2;
  }
  return 0;
}

int org_scope_fail(sz *z, const char *village, const char *township)
{
  switch(org_scope_check(z, village, township)) {
  case 1:
    return db_fail(z, T(z, "no village with code '%s'"), village);
  case 2:
    return db_fail(z, T(z, "no township or county with code '%s'"),
                   township);
  }
  return 0;
}
