/* org.c: the organisations (province ... village) by division code. */
#include "domain/registers.h"
#include "base/date.h"
#include "base/money.h"

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
                            check_org, NULL};

static int check_org(regctx *c, val *v)
{
  static const char *const levels[] = {"province", "city", "county",
                                       "township", "village"};
  static const size_t lens[] = {2, 4, 6, 9, 12};
  int bad = 0, lv = -1;
  for(int i = 0; i < 5; i++)
    if(strlen(levels[i]) == v[2].n && !memcmp(levels[i], v[2].s, v[2].n))
      lv = i;
  if(lv < 0) {
    reg_error(c, 2, "'%.*s' is not one of: province, city, county, township, "
                    "village", (int)v[2].n, v[2].s);
    return 1;
  }
  int digits = 1;
  for(size_t i = 0; i < v[0].n; i++)
    digits &= v[0].s[i] >= '0' && v[0].s[i] <= '9';
  if(!digits || v[0].n != lens[lv]) {
    reg_error(c, 0, "'%.*s' is not a %s code (%zu digits)", (int)v[0].n,
              v[0].s, levels[lv], lens[lv]);
    bad++;
  }
  if(lv == 0 && v[3].t != V_NULL) {
    reg_error(c, 3, "a province has no parent");
    bad++;
  } else if(lv > 0 && !bad) {
    if(v[3].t == V_NULL || v[3].n != lens[lv - 1] ||
       memcmp(v[3].s, v[0].s, v[3].n)) {
      reg_error(c, 3, "'%.*s' is not the %s code that %.*s begins with",
                (int)v[3].n, v[3].t == V_NULL ? "" : v[3].s, levels[lv - 1],
                (int)v[0].n, v[0].s);
      bad++;
    } else {
      sqlite3_stmt *st = db_prepare(c->z, "SELECT 1 FROM org WHERE code = ?1");
      sqlite3_bind_text(st, 1, v[3].s, (int)v[3].n, SQLITE_STATIC);
      if(db_step(c->z, st) != SQLITE_ROW) {
        reg_error(c, 3, "no organisation with code %.*s (list parents before "
                        "their children)", (int)v[3].n, v[3].s);
        bad++;
      }
      sqlite3_finalize(st);
    }
  }
  return bad;
}


