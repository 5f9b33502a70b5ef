/* entry.c: one record entered by hand (entry.h). */
#include "domain/may.h"
#include "domain/entry.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int entry_load(regctx *c, const char *code, sbuf *text)
{
  const reg *r = c->r;
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int64_t id;
  int found = reg_load(c, code, &id, v);
  for(int i = 0; found && i < r->nfields; i++) {
    sb_reset(&text[i]);
    reg_format(&r->fields[i], &v[i], &text[i]);
  }
  free(v);
  return found;
}

int entry_write(regctx *c, const char *const *cells, const size_t *lens,
                int mode, const char *code, char out[80])
{
  if(may(c->z, STEP_REGISTER))
    return -1;
  const reg *r = c->r;
  sz *z = c->z;
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int rc = -1;
  if(!reg_parse(c, cells, lens, v))
    reg_check(c, v);
  int ci = reg_field(r, "code");
  /* An edit keeps the record's code: a fund entry's is derived from its
   * village, year and voucher, so the year cannot change. */
  if(mode == 2 && !reg_nerrors(c) && ci >= 0 &&
     (v[ci].n != strlen(code) || memcmp(v[ci].s, code, v[ci].n)))
    reg_error(c, reg_field(r, "date"),
              T(z, "the year cannot change: voucher numbers run within a "
                   "year (%s would become %.*s)"),
              code, (int)v[ci].n, v[ci].s);
  if(!reg_nerrors(c) && db_begin(z) == 0) {
    int64_t id;
    int upd = 0;
    int bad = reg_write(c, v, mode, 0, &id, &upd);
    if(db_end(z, !bad) == 0 && !bad) {
      rc = upd == 2 ? 1 : 0;
      if(ci >= 0 && v[ci].t == V_TEXT)
        snprintf(out, 80, "%.*s", (int)v[ci].n, v[ci].s);
      else
        snprintf(out, 80, "%s", code ? code : "");
    }
  }
  free(v);
  return rc;
}
