/* duplicate.c: rows that look like a live record (疑似重复, issue 12):
 * the natural keys of a register (its spec's dupkey), a map of them built
 * for a batch, and the check after each insert. */
#include "store/record_impl.h"
#include "base/date.h"
#include "store/history.h"
#include "base/i18n.h"
#include "base/idnum.h"
#include "base/money.h"
#include "base/text.h"
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void reg_allow_duplicates(regctx *c)
{
  c->allow_dup = 1;
}

/* The alternatives of r->dupkey: the fields of each, in c->dupfi and
 * c->altend. */
static void dup_parse(regctx *c)
{
  const char *p = c->r->dupkey;
  c->ndup = c->nalt = 0;
  while(*p) {
    size_t n = strcspn(p, " |");
    if(n) {
      char key[64];
      snprintf(key, sizeof key, "%.*s", (int)n, p);
      int fi = reg_field(c->r, key);
      if(fi < 0 || c->ndup == (int)ARRAY_SIZE(c->dupfi) ||
         c->nalt == (int)ARRAY_SIZE(c->altend))
        abort(); /* layers: allow (a bug: a dupkey field not in the spec) */
      c->dupfi[c->ndup++] = fi;
    }
    p += n;
    if(*p != ' ' && c->ndup && (c->nalt == 0 || c->altend[c->nalt - 1] <
                                                    c->ndup))
      c->altend[c->nalt++] = c->ndup;
    if(*p)
      p++;
  }
}

/* The hash of alternative a of the key values x[0..ndup) (FNV-1a over
 * each value's type and bytes); 0 when one of its values is empty. */
static uint64_t alt_hash(const regctx *c, const val *const *x, int a)
{
  uint64_t h = 1469598103934665603u;
  for(int k = a ? c->altend[a - 1] : 0; k < c->altend[a]; k++) {
    unsigned char buf[9];
    const unsigned char *p = buf;
    size_t n = 9;
    if(x[k]->t == V_NULL)
      return 0;
    if(x[k]->t == V_INT) {
      buf[0] = 'i';
      for(int i = 0; i < 8; i++)
        buf[1 + i] = (unsigned char)((uint64_t)x[k]->i >> (8 * i));
    } else {
      h = (h ^ 's') * 1099511628211u;
      p = (const unsigned char *)x[k]->s;
      n = x[k]->n;
    }
    for(size_t i = 0; i < n; i++)
      h = (h ^ p[i]) * 1099511628211u;
    h = (h ^ 0xff) * 1099511628211u; /* the end of a value */
  }
  return h | 1; /* 0 marks an empty slot */
}

static void map_put(regctx *c, uint64_t h, int64_t id)
{
  if(2 * (c->dmn + 1) > c->dmcap) {
    size_t cap = c->dmcap ? 2 * c->dmcap : 1024;
    uint64_t *mh = xcalloc(cap, sizeof *mh);
    int64_t *mi = xcalloc(cap, sizeof *mi);
    for(size_t i = 0; i < c->dmcap; i++)
      if(c->dmh[i]) {
        size_t j = c->dmh[i] & (cap - 1);
        while(mh[j])
          j = (j + 1) & (cap - 1);
        mh[j] = c->dmh[i];
        mi[j] = c->dmid[i];
      }
    free(c->dmh);
    free(c->dmid);
    c->dmh = mh;
    c->dmid = mi;
    c->dmcap = cap;
  }
  size_t j = h & (c->dmcap - 1);
  while(c->dmh[j])
    j = (j + 1) & (c->dmcap - 1);
  c->dmh[j] = h;
  c->dmid[j] = id;
  c->dmn++;
}

/* Row id has the values v: its keys go into the map. */
void map_row(regctx *c, const val *v, int64_t id)
{
  const val *x[16];
  for(int k = 0; k < c->ndup; k++)
    x[k] = &v[c->dupfi[k]];
  for(int a = 0; a < c->nalt; a++) {
    uint64_t h = alt_hash(c, x, a);
    if(h)
      map_put(c, h, id);
  }
}

/* The map of the live rows' keys, and c->dup that reads a row's by id. */
static void map_build(regctx *c)
{
  const reg *r = c->r;
  sbuf sql, cols;
  sb_init(&sql);
  sb_init(&cols);
  dup_parse(c);
  for(int k = 0; k < c->ndup; k++)
    sb_addf(&cols, ", \"%s\"", r->fields[c->dupfi[k]].key);
  sb_addf(&sql, "SELECT code, log_id, id%s FROM \"%s\" WHERE id = ?1 AND "
                "voided IS NULL", cols.buf, r->name);
  c->dup = db_prepare(c->z, sql.buf);
  sb_reset(&sql);
  sb_addf(&sql, "SELECT id%s FROM \"%s\" WHERE voided IS NULL", cols.buf,
          r->name);
  sqlite3_stmt *st = db_prepare(c->z, sql.buf);
  val kv[16];
  const val *x[16];
  while(db_step(c->z, st) == SQLITE_ROW) {
    for(int k = 0; k < c->ndup; k++) {
      kv[k].t = V_NULL;
      if(sqlite3_column_type(st, 1 + k) == SQLITE_INTEGER) {
        kv[k].t = V_INT;
        kv[k].i = sqlite3_column_int64(st, 1 + k);
      } else if(sqlite3_column_type(st, 1 + k) != SQLITE_NULL) {
        kv[k].t = V_TEXT;
        kv[k].s = (const char *)sqlite3_column_text(st, 1 + k);
        kv[k].n = (size_t)sqlite3_column_bytes(st, 1 + k);
      }
      x[k] = &kv[k];
    }
    for(int a = 0; a < c->nalt; a++) {
      uint64_t h = alt_hash(c, x, a);
      if(h)
        map_put(c, h, sqlite3_column_int64(st, 0));
    }
  }
  sqlite3_finalize(st);
  sb_free(&sql);
  sb_free(&cols);
}

/* Does live row id have the values v in alternative a? Leaves its code
 * and log entry in out/log_id. */
static int row_matches(regctx *c, int64_t id, const val *v, int a,
                       char *code, size_t n, int64_t *log_id)
{
  sqlite3_stmt *st = c->dup;
  sqlite3_bind_int64(st, 1, id);
  int same = db_step(c->z, st) == SQLITE_ROW;
  for(int k = a ? c->altend[a - 1] : 0; same && k < c->altend[a]; k++) {
    const val *x = &v[c->dupfi[k]];
    int col = 3 + k;
    same = x->t == V_INT
               ? sqlite3_column_type(st, col) == SQLITE_INTEGER &&
                     sqlite3_column_int64(st, col) == x->i
               : x->t == V_TEXT &&
                     sqlite3_column_type(st, col) == SQLITE_TEXT &&
                     (size_t)sqlite3_column_bytes(st, col) == x->n &&
                     !memcmp(sqlite3_column_text(st, col), x->s, x->n);
  }
  if(same) {
    snprintf(code, n, "%s", (const char *)sqlite3_column_text(st, 0));
    *log_id = sqlite3_column_int64(st, 1);
  }
  sqlite3_reset(st);
  return same;
}

int reg_find_duplicate(regctx *c, const val *v, int64_t self, char *code,
                       size_t n, int64_t *log_id, int64_t *id, char *which,
                       size_t wn)
{
  const reg *r = c->r;
  if(!r->dupkey || reg_void_field(r) < 0)
    return 0;
  if(!c->dup)
    map_build(c);
  const val *x[16];
  for(int k = 0; k < c->ndup; k++)
    x[k] = &v[c->dupfi[k]];
  for(int a = 0; a < c->nalt; a++) {
    uint64_t h = alt_hash(c, x, a);
    if(!h || !c->dmcap)
      continue;
    for(size_t j = h & (c->dmcap - 1); c->dmh[j]; j = (j + 1) & (c->dmcap - 1))
      if(c->dmh[j] == h && c->dmid[j] != self &&
         row_matches(c, c->dmid[j], v, a, code, n, log_id)) {
        *id = c->dmid[j];
        /* The fields that agree, by their Chinese names. */
        sbuf w;
        sb_init(&w);
        for(int k = a ? c->altend[a - 1] : 0; k < c->altend[a]; k++)
          sb_addf(&w, "%s%s", w.len ? T(c->z, ", ") : "",
                  r->fields[c->dupfi[k]].zh);
        snprintf(which, wn, "%s", w.buf ? w.buf : "");
        sb_free(&w);
        return 1;
      }
  }
  return 0;
}

/* The file's row of a row this batch wrote without a code, else 0. */
static long batch_row(const regctx *c, int64_t id)
{
  size_t lo = 0, hi = c->nrows;
  while(lo < hi) {
    size_t mid = (lo + hi) / 2;
    if(c->rowid[mid] == id)
      return c->rowno[mid];
    if(c->rowid[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* A row without a code, just written as row `self`, that is a likely
 * duplicate: refused, naming the record (or the row of this file) it
 * repeats. Returns the errors added. */
int check_duplicate(regctx *c, const val *v, int64_t log_id,
                           int64_t self)
{
  char code[128], which[256];
  int64_t lid, id;
  if(c->allow_dup || !reg_find_duplicate(c, v, self, code, sizeof code,
                                         &lid, &id, which, sizeof which))
    return 0;
  long row = log_id && lid == log_id ? batch_row(c, id) : 0;
  if(row)
    reg_error(c, -1, T(c->z, "likely a duplicate (疑似重复) of row %ld of "
                             "this file: the same %s; if it is another, give "
                             "--allow-duplicates"), row, which);
  else if(log_id && lid == log_id)
    reg_error(c, -1, T(c->z, "likely a duplicate (疑似重复) of %s, earlier in "
                             "this file: the same %s; if it is another, give "
                             "--allow-duplicates"), code, which);
  else
    reg_error(c, -1, T(c->z, "likely a duplicate (疑似重复) of %s: the same "
                             "%s; if it is another, give --allow-duplicates"),
              code, which);
  return 1;
}

/* Remember that the batch wrote row id from the file's row c->row. */
void note_batch_row(regctx *c, int64_t id)
{
  if(c->nrows == c->crows) {
    c->crows = c->crows ? 2 * c->crows : 256;
    c->rowid = xrealloc(c->rowid, c->crows * sizeof *c->rowid);
    c->rowno = xrealloc(c->rowno, c->crows * sizeof *c->rowno);
  }
  c->rowid[c->nrows] = id;
  c->rowno[c->nrows++] = c->row;
}

/* ---- writing ---- */

