/* void.c: voiding (作废) a record entered by mistake, and restoring it.
 * Both are updates of the record's fields voided and restored, written
 * through the register pipeline, so the change log, `log verify` and the
 * record's history cover them. */
#include "domain/may.h"
#include "domain/void.h"
#include "domain/registers.h"
#include "store/record.h"
#include "base/text.h"

#include <string.h>

/* What may refer to a record of each register: the rows, by SQL giving
 * the register's English name and the referring record's code. */
static const struct {
  const char *reg, *sql;
} refs[] = {
  {"asset", "SELECT 'contract', code FROM contract WHERE object = ?1 AND "
            "voided IS NULL UNION ALL SELECT DISTINCT 'disposal', disposal "
            "FROM disposal_object WHERE object = ?1"},
  {"resource", "SELECT 'contract', code FROM contract WHERE object = ?1 AND "
               "voided IS NULL UNION ALL SELECT DISTINCT 'disposal', "
               "disposal FROM disposal_object WHERE object = ?1"},
  {"account", "SELECT 'fund', code FROM fund WHERE account = ?1"},
  {"contract", "SELECT 'fund', code FROM fund WHERE contract = ?1"},
  {"loan", "SELECT 'interest', code FROM interest WHERE loan = ?1 UNION ALL "
           "SELECT 'subsidy', code FROM subsidy WHERE loan = ?1"},
};

/* The records that refer to code, as "合同 X, 处置申报 Y" (the first five,
 * then how many more), into out; 0 when none does. */
static int referred(sz *z, const reg *r, const char *code, sbuf *out)
{
  const char *sql = NULL;
  for(size_t i = 0; i < ARRAY_SIZE(refs); i++)
    if(!strcmp(refs[i].reg, r->name))
      sql = refs[i].sql;
  if(!sql)
    return 0;
  sbuf q;
  sb_init(&q);
  sb_addf(&q, "SELECT * FROM (%s) ORDER BY 1 DESC, 2", sql);
  sqlite3_stmt *st = db_prepare(z, q.buf);
  sb_free(&q);
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  int n = 0;
  while(db_step(z, st) == SQLITE_ROW) {
    if(n < 5)
      sb_addf(out, "%s%s %s", n ? T(z, ", ") : "",
              T(z, (const char *)sqlite3_column_text(st, 0)),
              (const char *)sqlite3_column_text(st, 1));
    n++;
  }
  sqlite3_finalize(st);
  if(n > 5)
    sb_addf(out, TN(z, " and %d more", " and %d more", n - 5), n - 5);
  return n;
}

static int void_work(sz *z, const reg *r, const char *code,
                     const char *reason, int restore)
{
  int vf = reg_void_field(r), rf = reg_field(r, "restored");
  if(vf < 0 || rf < 0)
    return db_fail(z, T(z, "%s records are not voided (作废): only assets, "
                           "resources, accounts, contracts and loans are"),
                   T(z, r->name));
  rec x;
  if(!rec_open(z, r, code, &x)) {
    rec_close(&x);
    return db_fail(z, T(z, "no %s with code '%s'"), T(z, r->name), code);
  }
  int rc = 0;
  const val *was = &x.v[vf];
  sbuf who;
  sb_init(&who);
  if(!restore && was->t != V_NULL)
    rc = db_fail(z, T(z, "%s is already voided (作废: %s)"), code, was->s);
  else if(restore && was->t == V_NULL)
    rc = db_fail(z, T(z, "%s is not voided: there is nothing to restore"),
                 code);
  else if(!restore && referred(z, r, code, &who))
    rc = db_fail(z, T(z, "%s cannot be voided: %s refer(s) to it. Void or "
                         "withdraw what refers to it first; property that "
                         "really left the collective leaves by a disposal "
                         "filing"), code, who.buf);
  if(rc == 0 && restore) {
    /* Back among the live records: it must not repeat one. */
    char other[128], which[256];
    int64_t lid, oid;
    if(reg_find_duplicate(x.c, x.v, x.id, other, sizeof other, &lid, &oid,
                          which, sizeof which))
      rc = db_fail(z, T(z, "%s cannot be restored: it is likely a duplicate "
                           "(疑似重复) of %s, which has the same %s; void "
                           "that one first"), code, other, which);
  }
  if(rc == 0) {
    x.c->voiding = 1;
    val_text(&x.v[vf], restore ? "" : reason);
    val_text(&x.v[rf], restore ? reason : "");
    if(restore)
      val_null(&x.v[vf]);
    else
      val_null(&x.v[rf]);
    rc = reg_put(x.c, x.v, 2);
  }
  sb_free(&who);
  rec_close(&x);
  return rc;
}

static int void_or_restore(sz *z, const reg *r, const char *code,
                           const char *reason, int restore)
{
  size_t n;
  text_trim(reason, strlen(reason), &n);
  if(n == 0)
    return db_fail(z, restore ? T(z, "a restore needs a reason (--reason)")
                              : T(z, "a void needs a reason (--reason)"));
  if(db_begin(z))
    return -1;
  return db_finish(z, void_work(z, r, code, reason, restore));
}

int reg_void(sz *z, const reg *r, const char *code, const char *reason)
{
  if(may(z, STEP_REGISTER))
    return -1;
  return void_or_restore(z, r, code, reason, 0);
}

int reg_restore(sz *z, const reg *r, const char *code, const char *reason)
{
  if(may(z, STEP_REGISTER))
    return -1;
  return void_or_restore(z, r, code, reason, 1);
}
