/* view.c: the registers' read views written once over their specs (list,
 * show, history), the change log's listing, and what every view shares:
 * handing parts to a sink, and parts whose columns are a spec's fields. */
#include "domain/view.h"
#include "domain/held.h"
#include "store/config.h"
#include "domain/registers.h"
#include "domain/import.h"
#include "domain/asset.h"
#include "domain/search.h"
#include "base/money.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- parts and cells ---- */

const char *atable_key(const atable *t)
{
  return t->key ? t->key : t->name;
}

const char *acol_key(const atable *t, int i)
{
  return t->keys && t->keys[i] ? t->keys[i] : t->cols[i].zh;
}

static int sink_fail(sz *z, asink *s)
{
  set_err(z->err, sizeof z->err, "%s",
          s->err[0] ? s->err : T(z, "cannot write the output"));
  return -1;
}

int view_begin(sz *z, asink *s, const atable *t)
{
  return s->begin(s, t) ? sink_fail(z, s) : 0;
}

int view_row(sz *z, asink *s, const acell *c)
{
  return s->row(s, c) ? sink_fail(z, s) : 0;
}

int view_end(sz *z, asink *s)
{
  return s->end(s) ? sink_fail(z, s) : 0;
}

int view_done(sz *z, asink *s, sqlite3_stmt *st)
{
  sqlite3_finalize(st);
  if(db_fault(z)) {
    set_err(z->err, sizeof z->err, "%s", z->fault_msg);
    return -1;
  }
  return view_end(z, s);
}

acell view_col(sqlite3_stmt *st, int i, int kind)
{
  if(sqlite3_column_type(st, i) == SQLITE_NULL)
    return cell_nil();
  return kind_text(kind) ? cell_str((const char *)sqlite3_column_text(st, i))
                         : cell_int(sqlite3_column_int64(st, i));
}

int view_rows(sz *z, asink *s, const atable *t, sqlite3_stmt *st)
{
  acell c[16];
  tzone *tz = NULL;
  for(int i = 0; i < t->ncols && !tz; i++)
    if(t->cols[i].kind == K_TIME)
      tz = view_zone(z);
  int rc = view_begin(z, s, t);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    for(int i = 0; i < t->ncols && i < 16; i++)
      c[i] = t->cols[i].kind == K_TIME
                 ? cell_time(tz, (const char *)sqlite3_column_text(st, i))
                 : view_col(st, i, t->cols[i].kind);
    rc = view_row(z, s, c);
  }
  tz_free(tz);
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

/* ---- times ---- */

tzone *view_zone(sz *z)
{
  return config_zone(z);
}

acell cell_time(const tzone *tz, const char *utc)
{
  acell c = cell_str(utc);
  int64_t t;
  if(utc && !tz_parse_utc(utc, &t))
    c.i = tz_offset(tz, t);
  return c;
}

int field_kind(const field *f)
{
  switch(f->type) {
  case F_MONEY:
  case F_DERIVED:
    return K_MONEY;
  case F_AREA:
    return K_AREA;
  case F_QTY:
    return K_QTY;
  case F_RATE:
    return K_RATE;
  case F_INT:
    return K_INT;
  case F_DATE:
    return K_DATE;
  default:
    return K_TEXT;
  }
}

void vfields_init(vfields *x, const reg *r, const char *name,
                  const char *key, unsigned flags, const char *from,
                  const char *to)
{
  size_t n = (size_t)r->nfields + 1;
  memset(x, 0, sizeof *x);
  x->r = r;
  x->cols = xcalloc(n, sizeof *x->cols);
  x->keys = xcalloc(n, sizeof *x->keys);
  x->fi = xcalloc(n, sizeof *x->fi);
  x->off = xcalloc(n, sizeof *x->off);
  x->cells = xcalloc(n, sizeof *x->cells);
  int k = 0, on = from == NULL;
  /* Each column is named as export names it (reg_header), so that a
   * list saved as CSV imports back to the same values: a bare 使用年限
   * would be read as years. The names are kept in one buffer, placed
   * once it no longer grows. */
  size_t *name_at = xcalloc(n, sizeof *name_at);
  sb_init(&x->names);
  if(flags & VF_ID) {
    x->cols[k].zh = "id";
    x->cols[k].kind = K_INT;
    x->keys[k] = "id";
    x->fi[k++] = -1;
  }
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if(from && !strcmp(f->key, from))
      on = 1;
    if(to && !strcmp(f->key, to))
      break;
    if(!on || (f->type == F_DERIVED && !(flags & VF_DERIVED)) ||
       ((flags & VF_NOVOID) && (f->flags & F_VOID)) ||
       ((flags & VF_LIST) && !(f->flags & F_LIST) &&
        !((flags & VF_VOID) && reg_void_field(r) == i)) ||
       ((flags & VF_EXPORT) && f->type == F_CODE && !r->infix))
      continue;
    name_at[k] = x->names.len;
    reg_header(f, &x->names);
    sb_addch(&x->names, 0);
    x->cols[k].kind = field_kind(f);
    x->keys[k] = f->key;
    x->fi[k++] = i;
  }
  for(int i = 0; i < k; i++)
    if(x->fi[i] >= 0)
      x->cols[i].zh = x->names.buf + name_at[i];
  free(name_at);
  x->t.name = name;
  x->t.cols = x->cols;
  x->t.ncols = k;
  x->t.key = key;
  x->t.keys = x->keys;
  sb_init(&x->text);
}

int vfields_row(sz *z, vfields *x, asink *s, int64_t id, const val *v)
{
  int n = x->t.ncols;
  /* The text first, all of it, then the pointers into it. */
  sb_reset(&x->text);
  for(int k = 0; k < n; k++) {
    const val *e = x->fi[k] >= 0 ? &v[x->fi[k]] : NULL;
    x->off[k] = (size_t)-1;
    if(e && e->t == V_TEXT) {
      x->off[k] = x->text.len;
      sb_add(&x->text, e->s, e->n);
      sb_addch(&x->text, 0);
    } else if(e && e->t == V_INT && x->cols[k].kind == K_TEXT) {
      x->off[k] = x->text.len;
      sb_addf(&x->text, "%lld", (long long)e->i);
      sb_addch(&x->text, 0);
    }
  }
  for(int k = 0; k < n; k++) {
    const val *e = x->fi[k] >= 0 ? &v[x->fi[k]] : NULL;
    if(!e)
      x->cells[k] = cell_int(id);
    else if(x->off[k] != (size_t)-1)
      x->cells[k] = kind_text(x->cols[k].kind)
                        ? cell_str(x->text.buf + x->off[k])
                        : cell_nil(); /* text in a number's column */
    else if(e->t == V_INT)
      x->cells[k] = cell_int(e->i);
    else
      x->cells[k] = cell_nil();
  }
  return view_row(z, s, x->cells);
}

void vfields_free(vfields *x)
{
  free(x->cols);
  free(x->keys);
  free(x->fi);
  free(x->off);
  free(x->cells);
  sb_free(&x->text);
  sb_free(&x->names);
}

int reg_exists(sz *z, const reg *r, const char *code)
{
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1",
           r->name, reg_key(r));
  return db_int(z, 0, sql, code) > 0;
}

/* ---- list ---- */

/* The FROM-less tail of a list's statement: the rows of r that lq keeps,
 * in scope. Its parameters: ?1 the village or township, ?2 and ?3 the
 * search (find), :status, :asof. -1 with z->err for a status r does not
 * list. */
static int list_where(sz *z, const reg *r, const list_query *lq,
                      const search *find, sbuf *sql)
{
  sb_addstr(sql, scope_where(lq->village, lq->township));
  int scoped = reg_field(r, "village") >= 0 && z->scope[0];
  if(scoped)
    db_scope_sql(z, "village", lq->village || lq->township, sql);
  int where = lq->village || lq->township || scoped;
  size_t before = sql->len;
  held_where(r, lq->as_of != NULL, lq->voided, where ? " AND " : " WHERE ",
             sql);
  where = where || sql->len > before;
  if(lq->q) {
    sb_addstr(sql, where ? " AND " : " WHERE ");
    /* One village's rows: the filter's, or a village clerk's scope. */
    int narrow = lq->village || strlen(z->scope) == 12;
    search_where(r, find, narrow, 2, sql);
    where = 1;
  }
  if(lq->status) {
    int f = reg_field(r, "status");
    if(f < 0 || !(r->fields[f].flags & F_LIST))
      return db_fail(z, T(z, "%s has no status to filter by"), r->zh);
    sb_addstr(sql, where ? " AND status = :status" : " WHERE status = :status");
  }
  return 0;
}

/* The statement of sql over lq's rows, bound; NULL after a fault. */
static sqlite3_stmt *list_prepare(sz *z, const list_query *lq,
                                  const search *find, const char *sql)
{
  sqlite3_stmt *st = db_prepare(z, sql);
  if(!st)
    return NULL;
  if(lq->village || lq->township)
    sqlite3_bind_text(st, 1, lq->village ? lq->village : lq->township, -1,
                      SQLITE_STATIC);
  if(lq->q)
    search_bind(find, st, 2);
  if(lq->status)
    db_bind_text(st, ":status", lq->status);
  if(lq->as_of && sqlite3_bind_parameter_index(st, ":asof"))
    db_bind_text(st, ":asof", lq->as_of);
  return st;
}

static unsigned list_flags(const list_query *lq)
{
  return (lq->all ? VF_ID : VF_LIST) | (lq->voided ? VF_VOID : 0);
}

/* " ORDER BY ..." of lq: -1 with z->err for a key the list has not. */
static int list_order(sz *z, const reg *r, const list_query *lq,
                      const vfields *x, sbuf *sql)
{
  if(!lq->sort) {
    sb_addstr(sql, " ORDER BY id");
    return 0;
  }
  int desc = lq->sort[0] == '-';
  const char *key = lq->sort + desc;
  for(int k = 0; k < x->t.ncols; k++)
    if(x->fi[k] >= 0 && !strcmp(x->keys[k], key)) {
      sb_addf(sql, " ORDER BY \"%s\"%s, id", r->fields[x->fi[k]].key,
              desc ? " DESC" : "");
      return 0;
    }
  return db_fail(z, T(z, "%s cannot be sorted by '%s'"), r->zh, key);
}

int reg_list(sz *z, const reg *r, const list_query *lq, asink *s)
{
  search find;
  if(lq->q && search_init(z, r, lq->q, &find))
    return -1;
  vfields x;
  vfields_init(&x, r, r->zh, r->name, list_flags(lq), NULL, NULL);
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  int rc = 0;
  if(lq->ids)
    sb_addstr(&sql, " WHERE id = ?1");
  else
    rc = list_where(z, r, lq, &find, &sql) || list_order(z, r, lq, &x, &sql);
  if(!rc && !lq->ids && lq->limit > 0)
    sb_addf(&sql, " LIMIT %ld OFFSET %ld", lq->limit,
            lq->offset > 0 ? lq->offset : 0);
  sqlite3_stmt *st = rc        ? NULL
                     : lq->ids ? db_prepare(z, sql.buf)
                               : list_prepare(z, lq, &find, sql.buf);
  sb_free(&sql);
  if(!st)
    rc = -1;
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  char *mask = xcalloc((size_t)r->nfields, 19);
  if(!rc)
    rc = view_begin(z, s, &x.t);
  /* By the ids of the rows, kept from reg_list_totals: the page's only. */
  long at = lq->offset > 0 ? lq->offset : 0;
  long end = lq->limit > 0 && lq->limit < lq->nids - at ? at + lq->limit
                                                        : lq->nids;
  for(; !rc && lq->ids && at < end; at++) {
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, lq->ids[at]);
    if(db_step(z, st) != SQLITE_ROW)
      continue;
    reg_row_from_stmt(r, st, 2, v);
    reg_mask(r, v, mask);
    rc = vfields_row(z, &x, s, sqlite3_column_int64(st, 0), v);
  }
  while(!rc && !lq->ids && db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    reg_mask(r, v, mask);
    rc = vfields_row(z, &x, s, sqlite3_column_int64(st, 0), v);
  }
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  vfields_free(&x);
  free(mask);
  free(v);
  if(lq->q)
    search_free(&find);
  return rc;
}

int reg_list_totals(sz *z, const reg *r, const list_query *lq, long max_ids,
                    list_totals *t)
{
  memset(t, 0, sizeof *t);
  search find;
  if(lq->q && search_init(z, r, lq->q, &find))
    return -1;
  vfields x;
  vfields_init(&x, r, r->zh, r->name, list_flags(lq), NULL, NULL);
  t->ncols = x.t.ncols;
  t->sums = xcalloc((size_t)t->ncols + 1, sizeof *t->sums);
  /* One pass in the list's order: the count, the sums, and the ids while
   * they are few enough to keep. */
  sbuf sql;
  sb_init(&sql);
  sb_addstr(&sql, "SELECT id");
  for(int k = 0; k < x.t.ncols; k++)
    if(x.fi[k] >= 0 && kind_sums(x.cols[k].kind))
      sb_addf(&sql, ", \"%s\"", r->fields[x.fi[k]].key);
  sb_addf(&sql, " FROM \"%s\"", r->name);
  int rc = list_where(z, r, lq, &find, &sql) || list_order(z, r, lq, &x, &sql);
  sqlite3_stmt *st = rc ? NULL : list_prepare(z, lq, &find, sql.buf);
  sb_free(&sql);
  long cap = 0;
  int step;
  while(st && (step = db_step(z, st)) == SQLITE_ROW) {
    int c = 1;
    for(int k = 0; k < x.t.ncols; k++)
      if(x.fi[k] >= 0 && kind_sums(x.cols[k].kind))
        t->sums[k] += sqlite3_column_int64(st, c++);
    if(t->count < max_ids) {
      if(t->nids == cap) {
        cap = cap ? 2 * cap : 256;
        t->ids = xrealloc(t->ids, (size_t)cap * sizeof *t->ids);
      }
      t->ids[t->nids++] = sqlite3_column_int64(st, 0);
    } else if(t->ids) {
      free(t->ids);
      t->ids = NULL;
    }
    t->count++;
  }
  if(!st || step != SQLITE_DONE)
    rc = -1;
  if(t->count > t->nids) {
    free(t->ids);
    t->ids = NULL;
    t->nids = 0;
  }
  sqlite3_finalize(st);
  vfields_free(&x);
  if(lq->q)
    search_free(&find);
  if(rc)
    list_totals_free(t);
  return rc;
}

int reg_list_column(const reg *r, const char *key)
{
  list_query lq = {0};
  vfields x;
  vfields_init(&x, r, r->zh, r->name, list_flags(&lq), NULL, NULL);
  int at = -1;
  for(int k = 0; k < x.t.ncols && at < 0; k++)
    if(x.fi[k] >= 0 && !strcmp(x.keys[k], key))
      at = k;
  vfields_free(&x);
  return at;
}

void list_totals_free(list_totals *t)
{
  free(t->sums);
  free(t->ids);
  t->sums = NULL;
  t->ids = NULL;
  t->nids = 0;
}

int reg_list_view(sz *z, const reg *r, const char *village,
                  const char *township, const char *q, int all, int voided,
                  const char *as_of, asink *s)
{
  list_query lq = {.village = village, .township = township, .q = q,
                   .voided = voided, .as_of = as_of, .all = all};
  return reg_list(z, r, &lq, s);
}

/* ---- export ---- */

typedef struct view_export {
  sz *z;
  vfields x;
  asink *s;
} view_export;

static int view_export_row(void *ctx, int64_t id, val *v)
{
  view_export *e = ctx;
  return vfields_row(e->z, &e->x, e->s, id, v);
}

int reg_export_view(sz *z, const reg *r, const export_opts *o, asink *s)
{
  view_export e;
  e.z = z;
  e.s = s;
  vfields_init(&e.x, r, r->zh, r->name,
               VF_EXPORT | VF_NOVOID |
                   (r == &reg_asset && o->as_of ? VF_DERIVED : 0),
               NULL, NULL);
  int rc = view_begin(z, s, &e.x.t);
  if(rc == 0)
    rc = reg_export_rows(z, r, o, view_export_row, &e);
  if(rc == 0)
    rc = view_end(z, s);
  vfields_free(&e.x);
  return rc;
}

/* ---- show ---- */

static const acol dep_cols[] = {
  {"截至", K_TEXT}, {"累计折旧", K_MONEY}, {"净值", K_MONEY}};
static const char *const dep_keys[] = {"as_of", "accumulated", "net_value"};
static const atable t_depreciation = {"折旧", dep_cols, 3, "depreciation",
                                      dep_keys};

int reg_show_view(sz *z, const reg *r, const char *code, const char *as_of,
                  asink *s)
{
  regctx *c = reg_open(z, r);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int64_t id = 0;
  vfields x;
  int rc = 0;
  if(!reg_load(c, code, &id, v))
    rc = db_fail(z, T(z, "no %s with code '%s'"),
                 z->lang == LANG_EN ? r->name : r->zh, code);
  /* The void's reasons when there are any: a live record's show imports
   * back as it is. */
  unsigned flags = VF_NOVOID;
  for(int i = 0; i < r->nfields; i++)
    if((r->fields[i].flags & F_VOID) && v[i].t != V_NULL)
      flags = 0;
  vfields_init(&x, r, r->zh, "record", flags, NULL, NULL);
  if(!rc)
    rc = view_begin(z, s, &x.t);
  if(!rc)
    rc = vfields_row(z, &x, s, id, v);
  if(!rc)
    rc = view_end(z, s);
  if(!rc && r == &reg_asset) {
    char through[8];
    int64_t acc;
    asset_defaults *dflt = asset_defaults_load(z);
    asset_depreciation(dflt, v, as_of, &acc, through);
    asset_defaults_free(dflt);
    int64_t orig = v[AS_ORIGINAL].i;
    acell d[3] = {cell_str(as_of), cell_int(acc), cell_int(orig - acc)};
    rc = view_begin(z, s, &t_depreciation);
    if(!rc)
      rc = view_row(z, s, d);
    if(!rc)
      rc = view_end(z, s);
  }
  if(!rc && r == &reg_loan)
    rc = loan_payments_view(z, code, s);
  if(!rc)
    rc = reg_history_view(z, r, id, code, s);
  vfields_free(&x);
  free(v);
  reg_close(c);
  return rc;
}

/* ---- history ---- */

/* The note of a change-log entry as people read it: an import's file and
 * counts, the parameters' defaults. Row st has the action in column
 * `action`, the stored note (JSON) in column `json`, and from column
 * `parts` on the import's file, inserted and updated (ENTRY_PARTS). English
 * shows the JSON as it is stored. */
#define ENTRY_PARTS                                                        \
  "CASE WHEN h.action = 'import' AND json_valid(h.new) THEN "             \
  "json_extract(h.new, '$.file') END, "                                    \
  "CASE WHEN h.action = 'import' AND json_valid(h.new) THEN "             \
  "json_extract(h.new, '$.inserted') END, "                                \
  "CASE WHEN h.action = 'import' AND json_valid(h.new) THEN "             \
  "json_extract(h.new, '$.updated') END"
static const char *entry_note(sz *z, sqlite3_stmt *st, int action, int json,
                              int parts, sbuf *out)
{
  const char *a = (const char *)sqlite3_column_text(st, action);
  const char *j = (const char *)sqlite3_column_text(st, json);
  if(!a || !j || z->lang == LANG_EN)
    return j;
  sb_reset(out);
  if(!strcmp(a, "init"))
    sb_addstr(out, T(z, "the parameters' defaults"));
  else if(sqlite3_column_type(st, parts) == SQLITE_TEXT)
    sb_addf(out, T(z, "file %s: %lld inserted, %lld updated"),
            (const char *)sqlite3_column_text(st, parts),
            (long long)sqlite3_column_int64(st, parts + 1),
            (long long)sqlite3_column_int64(st, parts + 2));
  else
    return j;
  return out->buf;
}


static const acol hist_cols[] = {
  {"#", K_INT},     {"时间", K_TIME}, {"操作人", K_TEXT},
  {"操作", K_CODE}, {"说明", K_TEXT}, {"字段", K_TEXT},
  {"键", K_TEXT},   {"旧值", K_TEXT}, {"新值", K_TEXT}};
static const char *const hist_keys[] = {"entry", "at",  "operator",
                                        "action", "note", "field",
                                        "key",   "old", "new"};
static const atable t_history = {"变更记录", hist_cols, 9, "history",
                                 hist_keys};

/* The row's text after the version that entry log_id replaced: the next
 * replaced version, or the current row. Caller frees. */
static char *next_version(sz *z, const reg *r, int64_t id, int64_t log_id)
{
  sqlite3_stmt *nx = db_prepare(
      z, "SELECT old FROM superseded WHERE tbl = ?1 AND row_id = ?2 AND "
         "log_id > ?3 ORDER BY log_id LIMIT 1");
  sqlite3_bind_text(nx, 1, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64(nx, 2, id);
  sqlite3_bind_int64(nx, 3, log_id);
  char *next = NULL;
  if(db_step(z, nx) == SQLITE_ROW)
    next = xstrdup((const char *)sqlite3_column_text(nx, 0));
  sqlite3_finalize(nx);
  if(next)
    return next;
  sbuf q, cn;
  sb_init(&q);
  sb_init(&cn);
  reg_select_sql(r, &q);
  sb_addstr(&q, " WHERE id = ?1");
  sqlite3_stmt *cs = db_prepare(z, q.buf);
  sqlite3_bind_int64(cs, 1, id);
  if(db_step(z, cs) == SQLITE_ROW) {
    val *v = xcalloc((size_t)r->nfields, sizeof *v);
    reg_row_from_stmt(r, cs, 2, v);
    reg_canon(r, id, v, &cn);
    free(v);
  }
  sqlite3_finalize(cs);
  sb_free(&q);
  return sb_detach(&cn);
}

/* A value of the canonical JSON (column k of diff) as people read it, for
 * field fi (-1: the id); 0 when it is NULL. */
static int change_text(sqlite3_stmt *diff, int k, const reg *r, int fi,
                       sbuf *out)
{
  val x = {V_NULL, 0, NULL, 0};
  if(sqlite3_column_type(diff, k) == SQLITE_INTEGER) {
    x.t = V_INT;
    x.i = sqlite3_column_int64(diff, k);
  } else if(sqlite3_column_type(diff, k) != SQLITE_NULL) {
    x.t = V_TEXT;
    x.s = (const char *)sqlite3_column_text(diff, k);
    x.n = (size_t)sqlite3_column_bytes(diff, k);
  }
  if(x.t == V_NULL)
    return 0;
  if(fi >= 0)
    reg_format_grouped(&r->fields[fi], &x, out);
  else if(x.t == V_INT)
    sb_addf(out, "%lld", (long long)x.i);
  else
    sb_add(out, x.s, x.n);
  sb_addstr(out, "");
  return 1;
}

/* Where a row's changes go: part s, its cells c, the four cells from
 * c[at] (the field's name and key, the old and new values); *n counts
 * the rows. */
typedef struct change_ctx {
  sz *z;
  asink *s;
  acell *c;
  int at;
  int *n;
} change_ctx;

/* The diff statement: the fields whose values differ between two
 * canonical rows. */
/* A row may be longer than the one it replaced (the fields added later
 * are left out at the end while empty): a value one of them lacks is
 * NULL. */
#define DIFF_SQL                                                          \
  "SELECT k.key, (SELECT value FROM json_each(?1) WHERE key = k.key) "    \
  "AS o, (SELECT value FROM json_each(?2) WHERE key = k.key) AS n "       \
  "FROM (SELECT key FROM json_each(?1) UNION SELECT key FROM "            \
  "json_each(?2)) k WHERE o IS NOT n ORDER BY k.key"

/* Each field entry log_id changed in row id of r, whose text before it
 * was `old` (against the next version): a row of x's part. */
static int entry_changes(sz *z, const reg *r, int64_t id, int64_t log_id,
                         const char *old, sqlite3_stmt *diff, change_ctx *x)
{
  char *next = next_version(z, r, id, log_id);
  sqlite3_bind_text(diff, 1, old, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(diff, 2, next, -1, SQLITE_TRANSIENT);
  free(next);
  sbuf was, now;
  sb_init(&was);
  sb_init(&now);
  int rc = 0;
  acell *c = x->c + x->at;
  while(!rc && db_step(z, diff) == SQLITE_ROW) {
    /* Canonical rows are arrays: [id, stored fields in spec order]. */
    int pos = sqlite3_column_int(diff, 0), fi = -1;
    for(int k = 0, seen = 0; k < r->nfields && pos > 0; k++)
      if(r->fields[k].type != F_DERIVED && ++seen == pos)
        fi = k;
    sb_reset(&was);
    sb_reset(&now);
    c[0] = cell_str(fi >= 0 ? r->fields[fi].zh : "id");
    c[1] = cell_str(fi >= 0 ? r->fields[fi].key : "id");
    c[2] = change_text(diff, 1, r, fi, &was) ? cell_str(was.buf) : cell_nil();
    c[3] = change_text(diff, 2, r, fi, &now) ? cell_str(now.buf) : cell_nil();
    rc = view_row(z, x->s, x->c);
    (*x->n)++;
  }
  sqlite3_reset(diff);
  sb_free(&was);
  sb_free(&now);
  return rc;
}

int reg_history_view(sz *z, const reg *r, int64_t id, const char *code,
                     asink *s)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT h.id, h.at, h.operator, h.action, h.new, s.old, s.old_log, "
      ENTRY_PARTS " FROM history h LEFT JOIN superseded s ON s.log_id = h.id "
         "AND s.tbl = ?1 AND s.row_id = ?2 "
         "WHERE h.tbl = ?1 AND (h.key = ?3 OR s.row_id IS NOT NULL "
         "OR h.id IN (SELECT old_log FROM superseded WHERE tbl = ?1 AND "
         "row_id = ?2) OR h.id = ?4) ORDER BY h.id");
  sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, id);
  sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT log_id FROM \"%s\" WHERE id = ?1",
           r->name);
  sqlite3_stmt *cur = db_prepare(z, sql);
  sqlite3_bind_int64(cur, 1, id);
  int64_t curlog = db_step(z, cur) == SQLITE_ROW ? sqlite3_column_int64(cur, 0)
                                                   : 0;
  sqlite3_finalize(cur);
  sqlite3_bind_int64(st, 4, curlog);
  sqlite3_stmt *diff = db_prepare(z, DIFF_SQL);
  sbuf note;
  sb_init(&note);
  tzone *tz = view_zone(z);
  int rc = view_begin(z, s, &t_history);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    const char *action = (const char *)sqlite3_column_text(st, 3);
    acell c[9] = {
      cell_int(sqlite3_column_int64(st, 0)),
      cell_time(tz, (const char *)sqlite3_column_text(st, 1)),
      cell_str((const char *)sqlite3_column_text(st, 2)),
      cell_str(action),
      cell_str(action && !strcmp(action, "import")
                   ? entry_note(z, st, 3, 4, 7, &note)
                   : NULL),
      cell_nil(), cell_nil(), cell_nil(), cell_nil()};
    int changes = 0;
    if(sqlite3_column_type(st, 5) != SQLITE_NULL) {
      change_ctx x = {z, s, c, 5, &changes};
      rc = entry_changes(z, r, id, sqlite3_column_int64(st, 0),
                         (const char *)sqlite3_column_text(st, 5), diff, &x);
    }
    if(!rc && !changes) {
      for(int k = 5; k < 9; k++)
        c[k] = cell_nil();
      rc = view_row(z, s, c);
    }
  }
  tz_free(tz);
  sb_free(&note);
  sqlite3_finalize(diff);
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

/* ---- the change log ---- */

const char *const log_actions[] = {N_("init"), N_("import"), N_("insert"),
                                   N_("update"), NULL};

static const acol log_cols[] = {
  {"#", K_INT},     {"时间", K_TIME}, {"操作人", K_TEXT}, {"操作", K_CODE},
  {"说明", K_TEXT}, {"字段", K_TEXT}, {"字段键", K_TEXT}, {"旧值", K_TEXT},
  {"新值", K_TEXT}, {"表", K_CODE},   {"编号", K_TEXT},   {"写入", K_INT},
  {"替换", K_INT}};
static const char *const log_keys[] = {
  "entry", "at",    "operator", "action", "note",  "field",   "field_key",
  "old",   "new",   "table",    "key",    "rows",  "replaced"};
static const atable t_log = {"变更日志", log_cols, 13, "log", log_keys};

/* The code of row id of r, into out ("" when there is none). */
static void row_code(sz *z, const reg *r, int64_t id, char *out, size_t n)
{
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE id = ?1",
           reg_key(r), r->name);
  sqlite3_stmt *st = db_prepare(z, sql);
  sqlite3_bind_int64(st, 1, id);
  out[0] = 0;
  if(db_step(z, st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, n, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

/* The rows of entry c[0] of the log: one per field it changed in each row
 * it replaced (of the record `key` only, when given), else one with no
 * field. */
static int log_entry(sz *z, asink *s, acell *c, const char *key,
                     sqlite3_stmt *rows, sqlite3_stmt *diff)
{
  int rc = 0, changes = 0;
  char code[256];
  sqlite3_bind_int64(rows, 1, c[0].i);
  while(!rc && db_step(z, rows) == SQLITE_ROW) {
    const reg *r = reg_find((const char *)sqlite3_column_text(rows, 0));
    if(!r)
      continue;
    int64_t id = sqlite3_column_int64(rows, 1);
    row_code(z, r, id, code, sizeof code);
    if(key && strcmp(code, key))
      continue;
    acell was = c[10];
    if(c[10].null)
      c[10] = cell_str(code); /* a batch: the row's code */
    change_ctx x = {z, s, c, 5, &changes};
    rc = entry_changes(z, r, id, c[0].i,
                       (const char *)sqlite3_column_text(rows, 2), diff, &x);
    c[10] = was;
  }
  sqlite3_reset(rows);
  if(!rc && !changes) {
    for(int k = 5; k < 9; k++)
      c[k] = cell_nil();
    rc = view_row(z, s, c);
  }
  return rc;
}

/* With a scope S (a 县级 or 审计 user's county, in a database that may
 * hold several): the entries of records in S (every register's code
 * begins with its village's), of the database's own tables (parameters,
 * divisions, programme years), of users and logins except another
 * scope's users, and batches (imports) none of whose rows lies outside
 * S. Another county's records, their old and new values (an ID number)
 * and its users never reach the page. */
static void log_scope(sz *z, sbuf *q)
{
  /* The scope is digits only (db_set_scope): safe to write as a literal. */
  const char *s = z->scope;
  if(!s[0])
    return;
  char out[96]; /* a user of another scope */
  snprintf(out, sizeof out, "u.scope IS NOT NULL AND NOT (u.scope >= '%s' "
                            "AND u.scope < '%s:')", s, s);
  sb_addf(q, " AND (action = 'init' OR tbl IN ('setting', 'org', 'program') "
             "OR (key >= '%s' AND key < '%s:') OR (tbl = 'user' AND key NOT "
             "IN (SELECT u.name FROM user u WHERE %s)) OR (tbl = 'login' AND "
             "key NOT IN (SELECT l.code FROM login l JOIN user u ON u.name = "
             "l.user WHERE %s))",
          s, s, out, out);
  for(int i = 0; logged_tables[i]; i++) {
    const reg *r = logged_tables[i];
    const char *kc = reg_key(r);
    sb_addf(q, " OR (key IS NULL AND tbl = '%s' AND NOT EXISTS (SELECT 1 "
               "FROM \"%s\" t WHERE (t.log_id = h.id OR t.id IN (SELECT "
               "row_id FROM superseded WHERE tbl = '%s' AND old_log = h.id)) "
               "AND NOT (t.%s >= '%s' AND t.%s < '%s:')))",
            r->name, r->name, r->name, kc, s, kc, s);
  }
  sb_addstr(q, ")");
}

/* The WHERE clause of the log's entries that lq keeps (parameters ?1
 * table, ?2 key, ?3 since, ?4 operator), within the handle's scope. */
static void log_where(sz *z, sbuf *q)
{
  /* key finds the record's own entries and the batches that wrote it. */
  sb_addstr(q, " FROM history h WHERE (?1 IS NULL OR tbl = ?1) "
               "AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR operator = ?4) "
               "AND (?2 IS NULL OR key = ?2");
  for(int i = 0; logged_tables[i]; i++) {
    const reg *r = logged_tables[i];
    const char *kc = reg_key(r);
    sb_addf(q, " OR id IN (SELECT log_id FROM \"%s\" WHERE %s = ?2)"
               " OR id IN (SELECT s.old_log FROM superseded s JOIN \"%s\" t"
               " ON s.tbl = '%s' AND s.row_id = t.id WHERE t.%s = ?2)",
            r->name, kc, r->name, r->name, kc);
  }
  sb_addstr(q, ")");
  log_scope(z, q);
}

static void log_bind(sz *z, sqlite3_stmt *st, const log_query *lq)
{
  if(lq->table)
    sqlite3_bind_text(st, 1, lq->table, -1, SQLITE_STATIC);
  if(lq->key)
    sqlite3_bind_text(st, 2, lq->key, -1, SQLITE_STATIC);
  if(lq->since) {
    /* The day begins at midnight in the zone people read the times in. */
    char from[21];
    tzone *tz = view_zone(z);
    if(tz_day_start_utc(tz, lq->since, from))
      snprintf(from, sizeof from, "%s", lq->since);
    tz_free(tz);
    sqlite3_bind_text(st, 3, from, -1, SQLITE_TRANSIENT);
  }
  if(lq->operator_)
    sqlite3_bind_text(st, 4, lq->operator_, -1, SQLITE_STATIC);
}

int64_t log_count(sz *z, const log_query *lq)
{
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, "SELECT count(*)");
  log_where(z, &q);
  sqlite3_stmt *st = db_prepare(z, q.buf);
  sb_free(&q);
  log_bind(z, st, lq);
  int64_t n = db_step(z, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  return n;
}

int log_query_view(sz *z, const log_query *lq, asink *s)
{
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, "SELECT id, at, operator, action, "
                "CASE WHEN action IN ('import', 'init') THEN new END, "
                "tbl, key, nrows, nold, " ENTRY_PARTS);
  log_where(z, &q);
  sb_addf(&q, " ORDER BY id%s", lq->newest_first ? " DESC" : "");
  if(lq->limit > 0)
    sb_addf(&q, " LIMIT %ld OFFSET %ld", lq->limit, lq->offset);
  sqlite3_stmt *st = db_prepare(z, q.buf);
  sb_free(&q);
  log_bind(z, st, lq);
  const char *key = lq->key;
  sqlite3_stmt *rows = db_prepare(z, "SELECT tbl, row_id, old FROM "
                                     "superseded WHERE log_id = ?1 ORDER BY "
                                     "tbl, row_id");
  sqlite3_stmt *diff = db_prepare(z, DIFF_SQL);
  tzone *tz = view_zone(z);
  sbuf note;
  sb_init(&note);
  int rc = view_begin(z, s, &t_log);
  while(!rc && db_step(z, st) == SQLITE_ROW) {
    acell c[13];
    for(int i = 0; i < 13; i++)
      c[i] = i == 1 ? cell_time(tz, (const char *)sqlite3_column_text(st, 1))
             : i >= 5 && i < 9 ? cell_nil()
             : view_col(st, i < 5 ? i : i - 4, t_log.cols[i].kind);
    c[4] = cell_str(entry_note(z, st, 3, 4, 9, &note));
    rc = log_entry(z, s, c, key, rows, diff);
  }
  sb_free(&note);
  tz_free(tz);
  sqlite3_finalize(rows);
  sqlite3_finalize(diff);
  if(rc)
    sqlite3_finalize(st);
  else
    rc = view_done(z, s, st);
  return rc;
}

int log_view(sz *z, const char *table, const char *key, const char *since,
             asink *s)
{
  log_query lq = {.table = table, .key = key, .since = since};
  return log_query_view(z, &lq, s);
}

/* ---- cells as text ---- */

const char *cell_format(int kind, const acell *c, int grouped, int lang,
                      char *buf)
{
  char t[32];
  if(c->null)
    return "";
  switch(kind) {
  case K_MONEY:
    return grouped ? money_format_grouped(c->i, buf) : money_format(c->i, buf);
  case K_AREA:
  case K_QTY:
    return grouped ? area_format_grouped(c->i, buf) : area_format(c->i, buf);
  case K_RATE:
    /* For people, say it is a percentage; in a file, a rate below 1%
     * carries its sign too (the importer reads 0.5 as a slip). */
    snprintf(buf, 48, "%s%s", rate_format(c->i, t),
             grouped || (c->i > 0 && c->i < 10000) ? "%" : "");
    return buf;
  case K_INT:
    snprintf(buf, 48, "%lld", (long long)c->i);
    return buf;
  case K_CODE:
    return grouped && c->s ? tr(lang, c->s) : c->s ? c->s : "";
  case K_TIME:
    if(grouped && c->s && !tz_local_text(c->s, (long)c->i, buf))
      return buf;
    return c->s ? c->s : "";
  default:
    return c->s ? c->s : "";
  }
}

/* A cell as a JSON value: numbers bare, in the units people use (yuan,
 * mu, percent). */
void cell_json(sbuf *sb, int kind, const acell *c)
{
  char buf[48];
  if(c->null)
    sb_addstr(sb, "null");
  else if(kind_text(kind))
    json_string(sb, c->s ? c->s : "", c->s ? strlen(c->s) : 0);
  else if(kind == K_RATE)
    sb_addstr(sb, rate_format(c->i, buf));
  else
    sb_addstr(sb, cell_format(kind, c, 0, LANG_EN, buf));
}

/* ---- 村名称 beside 村代码 ---- */

#define VN(s) ((vnames *)(s))

static int vn_pass(vnames *x, int rc)
{
  if(rc)
    snprintf(x->s.err, sizeof x->s.err, "%s", x->next->err);
  return rc;
}

/* Column i of t holds village codes without their names after it. */
static int vn_codes(const atable *t, int i)
{
  const char *key = acol_key(t, i);
  return (!strcmp(key, "village") || (!t->keys && !strcmp(key, "村代码"))) &&
         !(i + 1 < t->ncols && !strcmp(t->cols[i + 1].zh, "村名称"));
}

static int vn_begin(asink *s, const atable *t)
{
  vnames *x = VN(s);
  int n = t->ncols;
  for(int i = 0; i < t->ncols; i++)
    n += vn_codes(t, i);
  free(x->cols);
  free(x->keys);
  free(x->src);
  free(x->cells);
  x->cols = xcalloc((size_t)n, sizeof *x->cols);
  x->keys = t->keys ? xcalloc((size_t)n, sizeof *x->keys) : NULL;
  x->src = xcalloc((size_t)n, sizeof *x->src);
  x->cells = xcalloc((size_t)n, sizeof *x->cells);
  int k = 0;
  for(int i = 0; i < t->ncols; i++) {
    x->cols[k] = t->cols[i];
    if(x->keys)
      x->keys[k] = t->keys[i];
    x->src[k++] = i;
    if(vn_codes(t, i)) {
      x->cols[k] = (acol){"村名称", K_TEXT};
      if(x->keys)
        x->keys[k] = "village_name";
      x->src[k++] = -1 - i;
    }
  }
  x->t = *t;
  x->t.cols = x->cols;
  x->t.keys = x->keys;
  x->t.ncols = n;
  return vn_pass(x, x->next->begin(x->next, &x->t));
}

/* The name of village code s: the last one's again, or from org. */
static const char *vn_name(vnames *x, const char *s)
{
  if(x->code.len && !strcmp(x->code.buf, s))
    return x->nm.buf ? x->nm.buf : "";
  sb_reset(&x->code);
  sb_addstr(&x->code, s);
  sb_reset(&x->nm);
  sqlite3_reset(x->name);
  sqlite3_bind_text(x->name, 1, s, -1, SQLITE_STATIC);
  if(db_step(x->z, x->name) == SQLITE_ROW && sqlite3_column_text(x->name, 0))
    sb_addstr(&x->nm, (const char *)sqlite3_column_text(x->name, 0));
  sqlite3_reset(x->name);
  return x->nm.buf ? x->nm.buf : "";
}

static int vn_row(asink *s, const acell *c)
{
  vnames *x = VN(s);
  for(int k = 0; k < x->t.ncols; k++) {
    int i = x->src[k];
    if(i >= 0)
      x->cells[k] = c[i];
    else if(c[-1 - i].null || !c[-1 - i].s)
      x->cells[k] = cell_nil();
    else {
      const char *nm = vn_name(x, c[-1 - i].s);
      x->cells[k] = *nm ? cell_str(nm) : cell_nil();
    }
  }
  return vn_pass(x, x->next->row(x->next, x->cells));
}

static int vn_end(asink *s)
{
  vnames *x = VN(s);
  return vn_pass(x, x->next->end(x->next));
}

void vnames_init(vnames *x, sz *z, asink *next)
{
  memset(x, 0, sizeof *x);
  x->s.begin = vn_begin;
  x->s.row = vn_row;
  x->s.end = vn_end;
  x->next = next;
  x->z = z;
  x->name = db_prepare(z, "SELECT name FROM org WHERE code = ?1");
  sb_init(&x->code);
  sb_init(&x->nm);
}

void vnames_free(vnames *x)
{
  sqlite3_finalize(x->name);
  free(x->cols);
  free(x->keys);
  free(x->src);
  free(x->cells);
  sb_free(&x->code);
  sb_free(&x->nm);
}
