/* record.c: the one pipeline every register's rows go through (record.h). */
#include "store/record.h"
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

static void names_load(sz *z, names *nm, const char *sql)
{
  sqlite3_stmt *st = db_prepare(z, sql);
  while(db_step(z, st) == SQLITE_ROW) {
    nm->v = xrealloc(nm->v, sizeof *nm->v * (size_t)(nm->n + 1));
    nm->len = xrealloc(nm->len, sizeof *nm->len * (size_t)(nm->n + 1));
    nm->v[nm->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
    nm->len[nm->n] = strlen(nm->v[nm->n]);
    nm->n++;
  }
  sqlite3_finalize(st);
}

static void names_free(names *nm)
{
  for(int i = 0; i < nm->n; i++)
    free(nm->v[i]);
  free(nm->v);
  free(nm->len);
  nm->v = NULL;
  nm->len = NULL;
  nm->n = 0;
}

static int names_find(const names *nm, const char *s, size_t n)
{
  for(int i = 0; i < nm->n; i++)
    if(nm->len[i] == n && !memcmp(nm->v[i], s, n))
      return i;
  return -1;
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void build_sql(regctx *c)
{
  const reg *r = c->r;
  sbuf ins, vals, upd, get;
  sb_init(&ins);
  sb_init(&vals);
  sb_init(&upd);
  sb_init(&get);
  sb_addf(&ins, "INSERT INTO \"%s\"(", r->name);
  sb_addf(&upd, "UPDATE \"%s\" SET ", r->name);
  sb_addstr(&get, "SELECT id, log_id");
  int k = 0;
  for(int i = 0; i < r->nfields; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    k++;
    sb_addf(&ins, "\"%s\", ", r->fields[i].key);
    sb_addf(&vals, "?%d, ", k);
    sb_addf(&upd, "\"%s\" = ?%d, ", r->fields[i].key, k);
    sb_addf(&get, ", \"%s\"", r->fields[i].key);
  }
  sb_addf(&ins, "log_id) VALUES(%s?%d)", vals.buf, k + 1);
  sb_addf(&upd, "log_id = ?%d WHERE id = ?%d", k + 1, k + 2);
  sb_addf(&get, " FROM \"%s\" WHERE \"%s\" = ?1", r->name, reg_key(r));
  c->ins = db_prepare(c->z, ins.buf);
  c->upd = db_prepare(c->z, upd.buf);
  c->get = db_prepare(c->z, get.buf);
  /* A searched register (a view NAME_search) keeps its index in step. */
  sb_reset(&get);
  sb_addf(&get, "%s_search", r->name);
  if(db_int(c->z, 0, "SELECT count(*) FROM sqlite_schema WHERE type = "
                     "'view' AND name = ?1", get.buf)) {
    sb_reset(&ins);
    sb_addf(&ins, "INSERT INTO \"%s_fts\"(rowid, t) SELECT id, t FROM "
                  "\"%s_search\" WHERE id = ?1", r->name, r->name);
    c->fts_add = db_prepare(c->z, ins.buf);
    sb_reset(&upd);
    sb_addf(&upd, "INSERT INTO \"%s_fts\"(\"%s_fts\", rowid, t) SELECT "
                  "'delete', id, t FROM \"%s_search\" WHERE id = ?1",
            r->name, r->name, r->name);
    c->fts_del = db_prepare(c->z, upd.buf);
  }
  sb_free(&ins);
  sb_free(&vals);
  sb_free(&upd);
  sb_free(&get);
}

regctx *reg_open(sz *z, const reg *r)
{
  regctx *c = xcalloc(1, sizeof *c);
  c->z = z;
  c->r = r;
  c->colname = xcalloc((size_t)r->nfields, sizeof *c->colname);
  c->unit = xcalloc((size_t)r->nfields, sizeof *c->unit);
  c->enums = xcalloc((size_t)r->nfields, sizeof *c->enums);
  c->scratch = xcalloc((size_t)r->nfields, SCRATCH);
  c->ci = reg_field(r, "code") >= 0 ? reg_field(r, "code") : 0;
  c->vi = reg_field(r, "village");
  for(int i = 0; i < r->nfields; i++)
    c->ncols += r->fields[i].type != F_DERIVED;
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if(f->type == F_ENUM) {
      char sql[128];
      snprintf(sql, sizeof sql, "SELECT DISTINCT name FROM \"%s\" ORDER BY rowid",
               f->ref);
      names_load(z, &c->enums[i], sql);
    }
    if(f->type == F_LANDCLASS && !c->lc_code.n) {
      names_load(z, &c->lc_code, "SELECT code FROM land_class ORDER BY code");
      names_load(z, &c->lc_name, "SELECT name FROM land_class ORDER BY code");
      names_load(z, &c->lc_alias,
                 "SELECT alias FROM land_class_alias ORDER BY alias");
      names_load(z, &c->lc_alias_code,
                 "SELECT code FROM land_class_alias ORDER BY alias");
    }
  }
  int want_vil = reg_field(r, "village") >= 0 &&
                 r->fields[reg_field(r, "village")].type == F_VILLAGE;
  sqlite3_stmt *st = db_prepare(
      z, want_vil ? "SELECT code FROM org WHERE level = 'village' ORDER BY code"
                  : "SELECT 1 WHERE 0");
  size_t cap = 0;
  while(db_step(c->z, st) == SQLITE_ROW) {
    if(c->nvil == cap) {
      cap = cap ? cap * 2 : 256;
      c->vil = xrealloc(c->vil, cap * sizeof *c->vil);
    }
    c->vil[c->nvil++] = strtoull((const char *)sqlite3_column_text(st, 0),
                                 NULL, 10);
  }
  sqlite3_finalize(st);
  if(want_vil) {
/* The villages by name: the official name (福如东村民委员会) and the ones
 * people write (福如东村, 福如东; 新村 for 新村村民委员会; a 社区 without its
 * 居民委员会). */
#define BY_NAME(col)                                                         \
  "WITH v AS (SELECT v.code, v.name, coalesce(t.name, '') AS town FROM org " \
  "v LEFT JOIN org t ON t.code = v.parent_code WHERE v.level = 'village'), " \
  "k AS (SELECT name AS k, code, town FROM v UNION SELECT substr(name, 1, "  \
  "length(name) - 4), code, town FROM v WHERE name LIKE '%村民委员会' "       \
  "UNION SELECT substr(name, 1, length(name) - 5), code, town FROM v WHERE " \
  "name LIKE '_%村民委员会' "                                                 \
  "UNION SELECT substr(name, 1, length(name) - 5), code, town FROM v WHERE " \
  "name LIKE '%社区居民委员会') SELECT " col " FROM k ORDER BY k, code"
    names_load(z, &c->vn_name, BY_NAME("k"));
    names_load(z, &c->vn_code, BY_NAME("code"));
    names_load(z, &c->vn_town, BY_NAME("town"));
#undef BY_NAME
  }
  if(c->nvil)
    qsort(c->vil, c->nvil, sizeof *c->vil, cmp_u64);
  c->vil_next = xcalloc(c->nvil ? c->nvil : 1, sizeof *c->vil_next);
  build_sql(c);
  if(r->infix) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT max(CAST(substr(code, 17) AS INTEGER)) FROM \"%s\" "
             "WHERE village = ?1 AND code GLOB ?1 || '-%s-[0-9]*'",
             r->name, r->infix);
    c->maxno = db_prepare(z, sql);
  }
  return c;
}

regctx *reg_fork(regctx *c)
{
  regctx *f = xmalloc(sizeof *f);
  *f = *c;
  f->is_fork = 1;
  f->scratch = xcalloc((size_t)c->r->nfields, SCRATCH);
  memset(&f->errs, 0, sizeof f->errs);
  sb_init(&f->report);
  sb_init(&f->canon);
  sb_init(&f->loadbuf);
  sb_init(&f->oldbuf);
  f->ins = f->upd = f->get = f->maxno = f->fts_add = f->fts_del = NULL;
  f->dup = NULL;
  f->rowid = f->dmid = NULL;
  f->rowno = NULL;
  f->dmh = NULL;
  f->nrows = f->crows = f->dmcap = f->dmn = 0;
  memset(f->stmt, 0, sizeof f->stmt);
  memset(f->stmt_sql, 0, sizeof f->stmt_sql);
  return f;
}

void reg_close(regctx *c)
{
  if(!c)
    return;
  /* What every context owns. */
  free(c->scratch);
  errs_free(&c->errs);
  sb_free(&c->report);
  sb_free(&c->canon);
  sb_free(&c->loadbuf);
  sb_free(&c->oldbuf);
  free(c->rowid);
  free(c->rowno);
  free(c->dmh);
  free(c->dmid);
  if(!c->is_fork) {
    sqlite3_finalize(c->dup);
    /* The caches and statements a fork only borrows. */
    for(int i = 0; i < c->r->nfields; i++) {
      names_free(&c->enums[i]);
      free(c->colname[i]);
    }
    names_free(&c->lc_code);
    names_free(&c->lc_name);
    names_free(&c->lc_alias);
    names_free(&c->lc_alias_code);
    names_free(&c->vn_name);
    names_free(&c->vn_code);
    names_free(&c->vn_town);
    free(c->enums);
    free(c->colname);
    free(c->unit);
    free(c->vil);
    free(c->vil_next);
    sqlite3_finalize(c->ins);
    sqlite3_finalize(c->upd);
    sqlite3_finalize(c->get);
    sqlite3_finalize(c->maxno);
    sqlite3_finalize(c->fts_add);
    sqlite3_finalize(c->fts_del);
    for(int i = 0; i < REG_STMTS; i++)
      sqlite3_finalize(c->stmt[i]);
  }
  free(c);
}

/* ---- errors ---- */

/* No amount of a village comes near this, and sums of a million of them
 * still fit in int64. */
#define MONEY_MAX INT64_C(1000000000000000)

void reg_set_place(regctx *c, const char *file, long row)
{
  c->file = file;
  c->row = row;
}

void reg_set_colname(regctx *c, int i, const char *name, size_t n, int unit)
{
  c->unit[i] = unit;
  free(c->colname[i]);
  size_t tl;
  const char *t = text_trim(name, n, &tl);
  c->colname[i] = xstrndup(t, tl);
}

/* A reason at the context's place and field fi's column, into e. */
static void place(regctx *c, errlist *e, int fi, const char *fmt, va_list ap)
{
  errs_vadd(e, c->file, c->row, fi >= 0 ? c->r->fields[fi].key : NULL,
            fi < 0 ? NULL : c->colname[fi] ? c->colname[fi]
                                           : c->r->fields[fi].zh,
            fmt, ap);
}

void reg_error(regctx *c, int fi, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  place(c, &c->errs, fi, fmt, ap);
  va_end(ap);
}

void reg_warn(regctx *c, int fi, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  place(c, &c->z->warns, fi, fmt, ap);
  va_end(ap);
}

long reg_nerrors(const regctx *c)
{
  return c->errs.total;
}

int reg_fatal(const regctx *c)
{
  return c->fatal || sqlite3_get_autocommit(c->z->db);
}

const char *reg_errors(regctx *c)
{
  /* The listed messages, and how many more there were. */
  sb_reset(&c->report);
  errs_format(&c->errs, c->z->lang, &c->report);
  return c->report.buf ? c->report.buf : "";
}

/* ---- parsing ---- */

static int village_index(const regctx *c, const char *s, size_t n)
{
  if(n != 12)
    return -1;
  uint64_t v = 0;
  for(size_t i = 0; i < n; i++) {
    if(s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  const uint64_t *p = bsearch(&v, c->vil, c->nvil, sizeof v, cmp_u64);
  return p ? (int)(p - c->vil) : -2;
}

/* A village named s[0..n): 1 with its code in *v; else 0, with an error
 * when several villages have that name (listed) and nothing when none. */
static int text_is_digits(const char *s, size_t n)
{
  for(size_t i = 0; i < n; i++)
    if(s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int village_by_name(regctx *c, int fi, const char *s, size_t n, val *v)
{
  const names *nm = &c->vn_name;
  int lo = 0, hi = nm->n;
  while(lo < hi) { /* the first name not before s, as SQLite orders text */
    int mid = (lo + hi) / 2;
    size_t k = nm->len[mid] < n ? nm->len[mid] : n;
    int d = memcmp(nm->v[mid], s, k);
    if(d < 0 || (d == 0 && nm->len[mid] < n))
      lo = mid + 1;
    else
      hi = mid;
  }
  int end = lo;
  while(end < nm->n && nm->len[end] == n && !memcmp(nm->v[end], s, n))
    end++;
  if(end == lo)
    return 0;
  if(end - lo == 1) {
    v->t = V_TEXT;
    v->s = c->vn_code.v[lo];
    v->n = c->vn_code.len[lo];
    return 1;
  }
  sbuf list;
  sb_init(&list);
  for(int i = lo; i < end; i++)
    sb_addf(&list, "%s%s (%s)", i > lo ? T(c->z, ", ") : "",
            c->vn_code.v[i], c->vn_town.v[i]);
  reg_error(c, fi, T(c->z, "%d villages are named '%.*s': %s; give the "
                           "village code"), end - lo, (int)n, s, list.buf);
  sb_free(&list);
  return 1;
}

static void list_names(const names *nm, const char *sep, sbuf *out)
{
  for(int i = 0; i < nm->n; i++)
    sb_addf(out, "%s%s", i ? sep : "", nm->v[i]);
}

static int parse_landclass(regctx *c, int fi, const char *s, size_t n, val *v)
{
  /* "0103 旱地": a code and its name, as a template's drop-down offers
   * them. */
  const char *sp = memchr(s, ' ', n);
  if(sp) {
    int k = names_find(&c->lc_code, s, (size_t)(sp - s));
    size_t m;
    const char *nm = text_trim(sp, n - (size_t)(sp - s), &m);
    if(k >= 0 && strlen(c->lc_name.v[k]) == m &&
       !memcmp(c->lc_name.v[k], nm, m)) {
      val_text(v, c->lc_code.v[k]);
      return 0;
    }
  }
  int i = names_find(&c->lc_code, s, n);
  if(i < 0 && n >= 1 && n <= 3) {
    /* Excel drops leading zeros: 103 -> 0103, 1 -> 01. */
    char pad[5];
    int all_digits = 1;
    for(size_t k = 0; k < n; k++)
      all_digits &= s[k] >= '0' && s[k] <= '9';
    if(all_digits) {
      size_t want = n <= 2 ? 2 : 4;
      memset(pad, '0', sizeof pad);
      memcpy(pad + want - n, s, n);
      i = names_find(&c->lc_code, pad, want);
    }
  }
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_code.v[i];
    v->n = strlen(v->s);
    return 0;
  }
  i = names_find(&c->lc_name, s, n);
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_code.v[i]; /* lc_name is in code order, like lc_code */
    v->n = strlen(v->s);
    return 0;
  }
  i = names_find(&c->lc_alias, s, n);
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_alias_code.v[i];
    v->n = strlen(v->s);
    return 0;
  }
  reg_error(c, fi,
            T(c->z, "'%.*s' is not a GB/T 21010 land class (give a code such "
                    "as 0103 or a name such as 旱地)"), (int)n, s);
  return 1;
}

/* "6.22848E+18", "1.50125E+11": what Excel makes of a long digit string. */
static int sci_notation(const char *s, size_t n)
{
  size_t i = 0, digits = 0;
  while(i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
    digits += s[i++] != '.';
  if(!digits || i + 2 >= n || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
    return 0;
  for(i += 2; i < n; i++)
    if(s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

/* The one check of free text (spec_text_problem): 1 when refused. */
static int text_refused(regctx *c, int fi, const char *s, size_t n)
{
  const field *f = &c->r->fields[fi];
  size_t max = spec_max_chars(f);
  char buf[256];
  const char *m = max ? spec_text_problem(c->z->lang, max,
                                          (f->flags & F_LONG) != 0, s, n, buf,
                                          sizeof buf)
                      : NULL;
  if(m)
    reg_error(c, fi, "%s", m);
  return m != NULL;
}

static int parse_cell(regctx *c, int fi, const char *cell, size_t len, val *v)
{
  const field *f = &c->r->fields[fi];
  size_t n;
  const char *s = text_trim(cell ? cell : "", cell ? len : 0, &n);
  const char *e = NULL;
  v->t = V_NULL;
  if(n == 0) {
    if(f->flags & F_REQ) {
      reg_error(c, fi, "%s", T(c->z, "required, but empty"));
      return 1;
    }
    return 0;
  }
  if((f->flags & F_DIGITS) && sci_notation(s, n)) {
    reg_error(c, fi, T(c->z, "'%.*s' looks like a number the spreadsheet "
                             "rounded (format the column as text and export "
                             "again)"), (int)n, s);
    return 1;
  }
  switch(f->type) {
  case F_TEXT:
  case F_CODE:
  case F_ACCOUNT:
    v->t = V_TEXT;
    v->s = s;
    v->n = n;
    return text_refused(c, fi, s, n);
  case F_VILLAGE: {
    int k = village_index(c, s, n);
    if(k == -1 && village_by_name(c, fi, s, n, v))
      return v->t == V_TEXT ? 0 : 1;
    if(k == -1) {
      if(memchr(s, 'E', n) || memchr(s, 'e', n))
        reg_error(c, fi,
                  T(c->z, "'%.*s' is not a 12-digit village code: the "
                          "spreadsheet turned it into a number; format the "
                          "column as text"), (int)n, s);
      else if(text_is_digits(s, n))
        reg_error(c, fi, T(c->z, "'%.*s' is not a 12-digit village code"),
                  (int)n, s);
      else
        reg_error(c, fi, T(c->z, "'%.*s' is neither a 12-digit village code "
                                 "nor the name of a village (sanzi org list "
                                 "--q shows the names)"), (int)n, s);
      return 1;
    }
    if(k == -2) {
      reg_error(c, fi,
                T(c->z, "no village with code %.*s (load the divisions with "
                        "'sanzi org import')"), (int)n, s);
      return 1;
    }
    if(!db_in_scope(c->z, s, n)) {
      reg_error(c, fi, T(c->z, "village %.*s is outside your scope"), (int)n,
                s);
      return 1;
    }
    v->t = V_TEXT;
    v->s = s;
    v->n = n;
    return 0;
  }
  case F_MONEY:
  case F_DERIVED:
    e = c->unit[fi] == U_WAN ? money_parse_wan(s, n, &v->i)
                             : money_parse(s, n, &v->i);
    if(!e && (v->i > MONEY_MAX || v->i < -MONEY_MAX))
      e = N_("more than 10,000,000,000,000.00 (a typing error?)");
    break;
  case F_AREA:
  case F_QTY:
    e = area_parse(s, n, &v->i);
    break;
  case F_RATE:
    e = rate_parse(s, n, &v->i);
    if(!e && v->i > 1000000)
      e = N_("more than 100%");
    if(!e && v->i > 0 && v->i < 10000 && !memchr(s, '%', n) &&
       !memchr(s, 0xef, n))
      e = N_("less than 1%: a rate is given in percent (5 or 5% for five "
             "percent, 0.5% for a half)");
    break;
  case F_INT:
    if(c->unit[fi] == U_YEARS) {
      /* In years, kept in months: 2.5 is 30, 0.1 (1.2 months) is not. */
      e = years_parse(s, n, &v->i);
      if(!e && v->i % 10000) {
        char m[48];
        reg_error(c, fi,
                  T(c->z, "'%.*s' years are %s months, but %s is counted in "
                          "whole months (or give months, in a column "
                          "%s（月）)"),
                  (int)n, s, area_format(v->i, m), f->zh, f->zh);
        return 1;
      }
      if(!e)
        v->i /= 10000;
    } else
      e = int_parse(s, n, &v->i);
    if(!e && v->i < 0)
      e = N_("negative");
    break;
  case F_DATE:
  case F_MONTH: {
    char *out = c->scratch + SCRATCH * fi;
    e = f->type == F_DATE ? date_parse(s, n, out) : month_parse(s, n, out);
    if(!e) {
      v->t = V_TEXT;
      v->s = out;
      v->n = strlen(out);
      return 0;
    }
    break;
  }
  case F_ENUM: {
    int k = names_find(&c->enums[fi], s, n);
    if(k < 0) {
      sbuf l;
      sb_init(&l);
      list_names(&c->enums[fi], c->z->lang == LANG_EN ? ", " : "、", &l);
      reg_error(c, fi, T(c->z, "'%.*s' is not one of: %s"), (int)n, s, l.buf);
      sb_free(&l);
      return 1;
    }
    v->t = V_TEXT;
    v->s = c->enums[fi].v[k];
    v->n = c->enums[fi].len[k];
    return 0;
  }
  case F_LANDCLASS:
    return parse_landclass(c, fi, s, n, v);
  case F_IDNUM: {
    /* A masked number, as an export writes it, is resolved against the
     * stored record by the register's check. */
    if(idnum_is_masked(s, n)) {
      v->t = V_TEXT;
      v->s = s;
      v->n = n;
      return 0;
    }
    char *out = c->scratch + SCRATCH * fi, msg[IDNUM_MSG];
    e = idnum_check(s, n, c->z->today, c->z->lang, out, msg);
    if(!e) {
      v->t = V_TEXT;
      v->s = out;
      v->n = 18;
      return 0;
    }
    reg_error(c, fi, T(c->z, "'%.*s': %s"), (int)n, s, e);
    return 1;
  }
  }
  if(e) {
    reg_error(c, fi, T(c->z, "'%.*s': %s"), (int)n, s, T(c->z, e));
    return 1;
  }
  v->t = V_INT;
  if(v->i < 0 && (f->type == F_AREA || f->type == F_QTY ||
                  (f->type == F_MONEY && !(f->flags & F_SIGNED)))) {
    reg_error(c, fi, T(c->z, "'%.*s': must not be negative"), (int)n, s);
    return 1;
  }
  if((f->flags & F_POS) && v->i <= 0) {
    reg_error(c, fi, T(c->z, "'%.*s': must be greater than 0"), (int)n, s);
    return 1;
  }
  return 0;
}

int reg_parse(regctx *c, const char *const *cells, const size_t *lens, val *v)
{
  long before = c->errs.total;
  for(int i = 0; i < c->r->nfields; i++)
    parse_cell(c, i, cells[i], cells[i] ? lens[i] : 0, &v[i]);
  return (int)(c->errs.total - before);
}

int reg_check(regctx *c, val *v)
{
  return c->r->check ? c->r->check(c, v) : 0;
}

void reg_take_errors(regctx *from, sbuf *out, long *n)
{
  for(size_t i = 0; i < from->errs.n; i++) {
    const erritem *it = &from->errs.v[i];
    const char *parts[3] = {it->field, it->column, it->msg};
    for(int k = 0; k < 3; k++) {
      sb_addstr(out, parts[k] ? parts[k] : "");
      sb_addch(out, 0);
    }
  }
  *n = from->errs.total;
  errs_clear(&from->errs);
}

void reg_add_errors(regctx *c, const char *text, size_t len, long n)
{
  const char *p = text, *end = text + len;
  long added = 0;
  while(p < end && added < n) {
    const char *parts[3];
    for(int k = 0; k < 3; k++) {
      parts[k] = p;
      p += strnlen(p, (size_t)(end - p)) + 1;
    }
    errs_add(&c->errs, c->file, c->row, *parts[0] ? parts[0] : NULL,
             *parts[1] ? parts[1] : NULL, "%s", parts[2]);
    added++;
  }
  c->errs.total += n - added; /* counted but not kept by the fork */
}

void reg_set_workflow(regctx *c)
{
  c->workflow = 1;
}

int reg_put(regctx *c, val *v, int mode)
{
  int64_t id;
  int upd;
  if(reg_write(c, v, mode, 0, &id, &upd))
    return reg_fail(c);
  return 0;
}

/* ---- likely duplicates ---- */

static void bind_row(const regctx *c, sqlite3_stmt *st, const val *v)
{
  const reg *r = c->r;
  int k = 0;
  for(int i = 0; i < r->nfields; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    k++;
    if(v[i].t == V_INT)
      sqlite3_bind_int64(st, k, v[i].i);
    else if(v[i].t == V_TEXT)
      /* A length of -1 says the text ends in a NUL: a CHECK's length() or
       * date() then reads it in place rather than copying it to add one. */
      sqlite3_bind_text(st, k, v[i].s,
                        c->textz && !v[i].s[v[i].n] &&
                                !memchr(v[i].s, 0, v[i].n)
                            ? -1
                            : (int)v[i].n,
                        SQLITE_STATIC);
    else
      sqlite3_bind_null(st, k);
  }
}

/* Generates <village>-<infix>-NNNN, the next free number of the village. */
static void generate_code(regctx *c, val *v)
{
  int vi = c->vi;
  int k = village_index(c, v[vi].s, v[vi].n);
  if(k < 0)
    return;
  if(c->vil_next[k] == 0) {
    sqlite3_bind_text(c->maxno, 1, v[vi].s, (int)v[vi].n, SQLITE_STATIC);
    c->vil_next[k] = 1;
    if(db_step(c->z, c->maxno) == SQLITE_ROW)
      c->vil_next[k] = sqlite3_column_int64(c->maxno, 0) + 1;
    sqlite3_reset(c->maxno);
  }
  int n = snprintf(c->genbuf + 32, 32, "%.12s-%s-%04lld", v[vi].s,
                   c->r->infix, (long long)c->vil_next[k]++);
  int ci = c->ci;
  v[ci].t = V_TEXT;
  v[ci].s = c->genbuf + 32;
  v[ci].n = (size_t)n;
}

static const field *field_by_key(const reg *r, const char *key, int *idx)
{
  for(int i = 0; i < r->nfields; i++)
    if(!strcmp(r->fields[i].key, key)) {
      *idx = i;
      return &r->fields[i];
    }
  return NULL;
}

/* Reports a constraint failure against the field it names. Any other
 * failure (a full disk, an I/O error) is fatal: SQLite may have rolled the
 * whole transaction back, so nothing more may be written. */
static void constraint_error(regctx *c, val *v)
{
  int rc = sqlite3_extended_errcode(c->z->db);
  if((rc & 0xff) != SQLITE_CONSTRAINT) {
    c->fatal = 1;
    reg_error(c, -1, T(c->z, "cannot write to the database: %s"),
              db_errmsg(c->z));
    return;
  }
  if(!c->r->infix && !c->r->internal) {
    /* The derived code of a fund entry repeats: the voucher is taken. */
    int vo = reg_field(c->r, "voucher"), da = reg_field(c->r, "date");
    if(strstr(sqlite3_errmsg(c->z->db), ".code") ||
       !strstr(sqlite3_errmsg(c->z->db), "constraint")) {
      reg_error(c, vo, T(c->z, "voucher '%.*s' is already used by village "
                               "%.*s in %.4s"), (int)v[vo].n, v[vo].s,
                (int)v[c->vi].n, v[c->vi].s, v[da].s);
      return;
    }
  }
  const char *msg = sqlite3_errmsg(c->z->db);
  const char *dot = strrchr(msg, '.');
  int fi = -1;
  if(!strncmp(msg, "UNIQUE constraint failed: ", 26) && dot &&
     field_by_key(c->r, dot + 1, &fi)) {
    char other[128] = "";
    if(strcmp(dot + 1, "code")) {
      /* Which record has it. */
      char sql[160];
      snprintf(sql, sizeof sql, "SELECT code FROM \"%s\" WHERE \"%s\" = ?1",
               c->r->name, dot + 1);
      sqlite3_stmt *st = db_prepare(c->z, sql);
      sqlite3_bind_text(st, 1, v[fi].s, (int)v[fi].n, SQLITE_STATIC);
      if(db_step(c->z, st) == SQLITE_ROW)
        snprintf(other, sizeof other, "%s",
                 (const char *)sqlite3_column_text(st, 0));
      sqlite3_finalize(st);
    }
    if(other[0])
      reg_error(c, fi, T(c->z, "'%.*s' is already used by %s"), (int)v[fi].n,
                v[fi].s, other);
    else
      reg_error(c, fi, T(c->z, "'%.*s' is already used"), (int)v[fi].n,
                v[fi].s);
    return;
  }
  reg_error(c, -1, T(c->z, "refused by the database: %s"), msg);
}

int reg_load(regctx *c, const char *code, int64_t *id, val *v)
{
  return reg_load_n(c, code, strlen(code), id, v, NULL);
}

/* Loads into buf: the caller's rows live in loadbuf, the rows reg_write
 * looks up for itself in oldbuf, so that writing a loaded row (twice, or
 * more) never moves the bytes its values point to. */
static int load(regctx *c, const char *code, size_t n, int64_t *id, val *v,
                int64_t *log_id, sbuf *buf)
{
  sqlite3_stmt *st = c->get;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, code, (int)n, SQLITE_TRANSIENT);
  if(db_step(c->z, st) != SQLITE_ROW) {
    sqlite3_reset(st);
    return 0;
  }
  *id = sqlite3_column_int64(st, 0);
  if(log_id)
    *log_id = sqlite3_column_int64(st, 1);
  /* Copy text into buf first, then point into it (it may move). */
  sb_reset(buf);
  size_t *off = xcalloc((size_t)c->r->nfields, sizeof *off);
  int col = 2;
  for(int i = 0; i < c->r->nfields; i++) {
    v[i].t = V_NULL;
    if(c->r->fields[i].type == F_DERIVED)
      continue;
    int t = sqlite3_column_type(st, col);
    if(t == SQLITE_INTEGER) {
      v[i].t = V_INT;
      v[i].i = sqlite3_column_int64(st, col);
    } else if(t != SQLITE_NULL) {
      v[i].t = V_TEXT;
      off[i] = buf->len;
      v[i].n = (size_t)sqlite3_column_bytes(st, col);
      sb_add(buf, (const char *)sqlite3_column_text(st, col), v[i].n);
      sb_addch(buf, 0);
    }
    col++;
  }
  for(int i = 0; i < c->r->nfields; i++)
    if(v[i].t == V_TEXT)
      v[i].s = buf->buf + off[i];
  free(off);
  sqlite3_reset(st);
  /* A record of a village outside the caller's scope is not there for
   * them (doc/web.md: 404, never its data). */
  if(c->vi >= 0 && v[c->vi].t == V_TEXT &&
     !db_in_scope(c->z, v[c->vi].s, v[c->vi].n))
    return 0;
  return 1;
}


int reg_load_n(regctx *c, const char *code, size_t n, int64_t *id, val *v,
               int64_t *log_id)
{
  return load(c, code, n, id, v, log_id, &c->loadbuf);
}

/* The search index's statement st for row id (NULL: the register is not
 * searched). A failure ends the operation (fatal). Returns 0 or 1. */
static int fts_step(regctx *c, sqlite3_stmt *st, int64_t id)
{
  if(!st)
    return 0;
  sqlite3_bind_int64(st, 1, id);
  int rc = db_step(c->z, st);
  sqlite3_reset(st);
  if(rc == SQLITE_DONE)
    return 0;
  c->fatal = 1;
  reg_error(c, -1, "%s", sqlite3_errmsg(c->z->db));
  return 1;
}

void reg_defer_index(regctx *c)
{
  c->fts_defer = 1;
  c->fts_from = 0;
}

int reg_index_inserted(regctx *c)
{
  c->fts_defer = 0;
  if(!c->fts_add || !c->fts_from)
    return 0;
  /* The rows from the first one inserted on are this batch's: a row the
   * batch updated was there before it. */
  char sql[256];
  snprintf(sql, sizeof sql, "INSERT INTO \"%s_fts\"(rowid, t) SELECT id, t "
                            "FROM \"%s_search\" WHERE id >= ?1",
           c->r->name, c->r->name);
  sqlite3_stmt *st = db_prepare(c->z, sql);
  int bad = fts_step(c, st, c->fts_from);
  sqlite3_finalize(st);
  c->fts_from = 0;
  return bad;
}

int reg_write(regctx *c, val *v, int mode, int64_t log_id, int64_t *id,
              int *updated)
{
  const reg *r = c->r;
  int ci = c->ci;
  sz *z = c->z;
  int k = c->ncols;
  *updated = 0;
  if(!log_id) {
    /* A row not parsed from cells (a workflow step's --reason, --opinion,
     * --minutes) passes the same check as an imported cell; the parsed
     * ones pass it again, which costs nothing for one row. Generated
     * codes are the program's own. */
    int bad = 0;
    for(int i = 0; i < r->nfields; i++)
      if(r->fields[i].type == F_TEXT && v[i].t == V_TEXT)
        bad += text_refused(c, i, v[i].s, v[i].n);
    if(bad)
      return bad;
  }
  int64_t lid = log_id ? log_id : history_next_id(z);
  int nocode = ci >= 0 && v[ci].t == V_NULL && r->infix;
  if(nocode)
    generate_code(c, v);
  if(mode != 2) {
    for(int tries = 0;; tries++) {
      bind_row(c, c->ins, v);
      sqlite3_bind_int64(c->ins, k + 1, lid);
      int rc = db_step(c->z, c->ins);
      sqlite3_reset(c->ins);
      if(rc == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(z->db);
        /* Once it is in (a certificate's clash says it plainer) */
        if(nocode && check_duplicate(c, v, log_id, *id))
          return 1;
        if(c->dup)
          map_row(c, v, *id);
        if(nocode && log_id && r->dupkey && !c->allow_dup)
          note_batch_row(c, *id);
        if(c->fts_defer && c->fts_add) {
          if(!c->fts_from)
            c->fts_from = *id;
        } else if(fts_step(c, c->fts_add, *id))
          return 1;
        sb_reset(&c->canon);
        reg_canon(r, *id, v, &c->canon);
        int bad = 0;
        if(!log_id) { /* an import's batch has one entry, written at the end */
          char *key = xstrndup(v[ci].s, v[ci].n);
          bad = history_append_row(z, lid, r->name, key, "insert",
                                   c->canon.buf);
          free(key);
        }
        if(bad) {
          c->fatal = 1;
          reg_error(c, -1, "%s", z->err);
          return 1;
        }
        return 0;
      }
      if(rc != SQLITE_CONSTRAINT_UNIQUE) {
        constraint_error(c, v);
        return 1;
      }
      if(!strstr(sqlite3_errmsg(z->db), ".code")) {
        /* Another unique column (a certificate) clashed. With --update the
         * row may be this very record: then it is an update. */
        val *tmp = mode == 1 ? xcalloc((size_t)r->nfields, sizeof *tmp) : NULL;
        int64_t tid;
        int exists = tmp && v[ci].t == V_TEXT &&
                     load(c, v[ci].s, v[ci].n, &tid, tmp, NULL, &c->oldbuf);
        free(tmp);
        if(!exists) {
          constraint_error(c, v);
          return 1;
        }
        break;
      }
      /* The code exists. A generated one: take the next number. */
      if(r->infix && v[ci].s == c->genbuf + 32 && tries < 100000) {
        generate_code(c, v);
        continue;
      }
      break;
    }
    if(mode == 0) {
      if(!r->infix && !r->internal)
        constraint_error(c, v); /* a derived code: the voucher is taken */
      else {
        /* Written by this very batch: the file repeats the code. */
        val *tmp = xcalloc((size_t)r->nfields, sizeof *tmp);
        int64_t tid, tlog = 0;
        load(c, v[ci].s, v[ci].n, &tid, tmp, &tlog, &c->oldbuf);
        free(tmp);
        if(log_id && tlog == log_id)
          reg_error(c, ci, T(c->z, "'%.*s' appears twice in this file"),
                    (int)v[ci].n, v[ci].s);
        else if(log_id)
          reg_error(c, ci, T(c->z, "'%.*s' already exists (give --update to "
                                   "change it)"), (int)v[ci].n, v[ci].s);
        else
          reg_error(c, ci, T(c->z, "'%.*s' already exists"), (int)v[ci].n,
                    v[ci].s);
      }
      return 1;
    }
  }
  /* Update the record with this code. */
  val *old = xcalloc((size_t)r->nfields, sizeof *old);
  int64_t oldlog = 0;
  int found = load(c, v[ci].s, v[ci].n, id, old, &oldlog, &c->oldbuf);
  if(!found) {
    free(old);
    reg_error(c, ci, T(c->z, "no %s with code '%.*s'"),
              c->z->lang == LANG_EN ? r->name : r->zh, (int)v[ci].n, v[ci].s);
    return 1;
  }
  if(log_id && oldlog == log_id) {
    free(old);
    reg_error(c, ci, T(c->z, "'%.*s' appears twice in this file"),
              (int)v[ci].n, v[ci].s);
    return 1;
  }
  int vf = reg_void_field(r);
  if(vf >= 0 && !c->voiding && old[vf].t != V_NULL) {
    reg_error(c, ci, T(c->z, "'%.*s' is voided (作废: %.*s): a voided record "
                             "cannot be changed; restore it first (sanzi %s "
                             "restore)"), (int)v[ci].n, v[ci].s,
              (int)old[vf].n, old[vf].s, r->name);
    free(old);
    return 1;
  }
  if(r->guard && !c->workflow && r->guard(c, old, v)) {
    free(old);
    return 1;
  }
  sbuf oc;
  sb_init(&oc);
  reg_canon(r, *id, old, &oc);
  free(old);
  sb_reset(&c->canon);
  reg_canon(r, *id, v, &c->canon);
  if(!strcmp(oc.buf, c->canon.buf)) {
    sb_free(&oc);
    *updated = 2; /* nothing changes: no update, no entry */
    return 0;
  }
  if(fts_step(c, c->fts_del, *id)) {
    sb_free(&oc);
    return 1;
  }
  bind_row(c, c->upd, v);
  sqlite3_bind_int64(c->upd, k + 1, lid);
  sqlite3_bind_int64(c->upd, k + 2, *id);
  int rc = db_step(c->z, c->upd);
  sqlite3_reset(c->upd);
  if(rc != SQLITE_DONE) {
    sb_free(&oc);
    constraint_error(c, v);
    fts_step(c, c->fts_add, *id); /* the row stays as it was */
    return 1;
  }
  if(fts_step(c, c->fts_add, *id)) {
    sb_free(&oc);
    return 1;
  }
  *updated = 1;
  if(c->dup)
    map_row(c, v, *id); /* its new key; the old one no longer matches */
  char *key = xstrndup(v[ci].s, v[ci].n);
  int bad = history_supersede(z, lid, r->name, *id, oldlog, oc.buf) ||
            (!log_id && history_append_row(z, lid, r->name, key, "update",
                                           c->canon.buf));
  free(key);
  sb_free(&oc);
  if(bad) {
    c->fatal = 1;
    reg_error(c, -1, "%s", z->err);
    return 1;
  }
  return 0;
}

int rec_open(sz *z, const reg *r, const char *code, rec *x)
{
  x->r = r;
  x->c = reg_open(z, x->r);
  x->v = xcalloc((size_t)x->r->nfields, sizeof *x->v);
  x->id = 0;
  return code ? reg_load(x->c, code, &x->id, x->v) : 1;
}

void rec_close(rec *x)
{
  reg_close(x->c);
  free(x->v);
}

val *rec_val(rec *x, const char *key)
{
  int i = reg_field(x->r, key);
  if(i < 0)
    abort(); /* layers: allow (a bug: a key not in the spec) */
  return &x->v[i];
}

const char *rec_text(rec *x, const char *key)
{
  val *v = rec_val(x, key);
  return v->t == V_TEXT ? v->s : "";
}

int64_t rec_int(rec *x, const char *key)
{
  val *v = rec_val(x, key);
  return v->t == V_INT ? v->i : 0;
}

int reg_fail(regctx *c)
{
  sz *z = c->z;
  db_fail(z, "%s", reg_errors(c));
  size_t l = strlen(z->err);
  if(l && z->err[l - 1] == '\n')
    z->err[l - 1] = 0;
  errs_clear(&z->errs);
  errs_move(&z->errs, &c->errs);
  return -1;
}

int rec_fail(rec *x)
{
  return reg_fail(x->c);
}

const sbuf *reg_last_canon(const regctx *c)
{
  return &c->canon;
}

sqlite3_stmt *reg_stmt(regctx *c, const char *sql)
{
  int i;
  for(i = 0; i < REG_STMTS && c->stmt_sql[i]; i++)
    if(c->stmt_sql[i] == sql)
      return c->stmt[i];
  if(i == REG_STMTS) /* a bug: raise REG_STMTS */
    return db_prepare(c->z, "SELECT 'too many statements in one context'");
  c->stmt_sql[i] = sql;
  c->stmt[i] = db_prepare(c->z, sql);
  return c->stmt[i];
}
