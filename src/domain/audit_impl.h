/* audit_impl.h: what the audit's two halves share: audit.c (opening,
 * the tables, the summary) and findings.c (the defects found). Not for
 * other modules: they use audit.h.
 * private to: audit.c findings.c */
#ifndef SANZI_AUDIT_IMPL_H
#define SANZI_AUDIT_IMPL_H
#include "domain/asset.h"
#include "domain/audit.h"
#include "domain/held.h"
#include "store/record.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

/* What one village adds up to, for the summary. */
typedef struct vsum {
  char code[13], township[10];
  char *name;
  int64_t assets, original, accumulated;
  int64_t resources, area;
  int64_t opening, opened, income, expense, closing;
  int had_books; /* an account opened before the last day of the year
                    before (one opened on it carries only the balances it
                    started with) */
  int64_t op_income, op_prev;
  int64_t contracts, c_due, c_received, c_overdue;
  int64_t s_approved, s_paid;
  long findings;
  int band; /* index into bands[] */
} vsum;

typedef struct finding {
  const char *code; /* static */
  char village[16];
  char *record, *msg;
} finding;

struct audit {
  sz *z;
  asset_defaults *dflt; /* depreciation's parameters, read at the start */
  int year;
  char from[24], ref[24], prev_to[24], prev_from[24];
  char *scope; /* a village or township code, or NULL: everything */
  vsum *v;
  int nv;
  vsum *last; /* the last village looked up */
  int64_t weak_below, general_below;
  finding *f;
  long nf;
  int findings_done;
  int lang; /* of the findings' texts (audit_set_lang) */
  int txn; /* the read transaction is open */
};

/* ---- cells ---- */

static inline acell TX(const char *s)
{
  acell c = {!s || !*s, 0, s ? s : ""};
  return c;
}

static inline acell N(int64_t i)
{
  acell c = {0, i, NULL};
  return c;
}

static inline acell NIL(void)
{
  acell c = {1, 0, ""};
  return c;
}

/* The text fields fi[0..n) of a row (fi[i] < 0: none, left alone) as
 * cells, made NUL-terminated in one buffer that lives until the next row;
 * other fields become empty cells. */
static inline void row_texts(sbuf *sb, const val *v, const int *fi, int n, acell *c)
{
  size_t off[16];
  sb_reset(sb);
  for(int i = 0; i < n && i < 16; i++) {
    off[i] = (size_t)-1;
    if(fi[i] >= 0 && v[fi[i]].t == V_TEXT) {
      off[i] = sb->len;
      sb_add(sb, v[fi[i]].s, v[fi[i]].n);
      sb_addch(sb, 0);
    }
  }
  for(int i = 0; i < n && i < 16; i++)
    if(fi[i] >= 0)
      c[i] = off[i] == (size_t)-1 ? NIL() : TX(sb->buf + off[i]);
}

/* Column text of a statement (NULL for SQL NULL). */
static inline const char *ct(sqlite3_stmt *st, int i)
{
  return (const char *)sqlite3_column_text(st, i);
}

/* A column that may be NULL: a number or an empty cell. */
static inline acell cn(sqlite3_stmt *st, int i)
{
  return sqlite3_column_type(st, i) == SQLITE_NULL
             ? NIL()
             : N(sqlite3_column_int64(st, i));
}

static inline int step_done(audit *a, sqlite3_stmt *st, int rc)
{
  if(rc != SQLITE_DONE && rc != SQLITE_ROW) {
    set_err(a->z->err, sizeof a->z->err, "%s", sqlite3_errmsg(a->z->db));
    sqlite3_finalize(st);
    return -1;
  }
  sqlite3_finalize(st);
  return 0;
}

static inline int sink_fail(audit *a, asink *s)
{
  set_err(a->z->err, sizeof a->z->err, "%s", s->err);
  return -1;
}

/* The end of a table read by st: the sink failed (bad), the query failed
 * (rc), or the table is complete. */
static inline int finish(audit *a, asink *s, sqlite3_stmt *st, int rc, int bad)
{
  if(bad) {
    sqlite3_finalize(st);
    return sink_fail(a, s);
  }
  if(step_done(a, st, rc))
    return -1;
  return s->end(s) ? sink_fail(a, s) : 0;
}

/* A statement with the audit's parameters bound by name, where the SQL
 * uses them: :scope (NULL or a code prefix), :from, :ref, :year,
 * :prev_from, :prev_to. */
static inline sqlite3_stmt *q(audit *a, const char *sql)
{
  sqlite3_stmt *st = db_prepare(a->z, sql);
  char year[8];
  snprintf(year, sizeof year, "%d", a->year);
  const char *const p[][2] = {
    {":scope", a->scope},         {":from", a->from},
    {":ref", a->ref},             {":year", year},
    {":prev_from", a->prev_from}, {":prev_to", a->prev_to}};
  for(size_t i = 0; i < ARRAY_SIZE(p); i++) {
    int k = sqlite3_bind_parameter_index(st, p[i][0]);
    if(k && p[i][1])
      sqlite3_bind_text(st, k, p[i][1], -1, SQLITE_TRANSIENT);
  }
  return st;
}

#define IN_SCOPE(col) "(:scope IS NULL OR " col " GLOB :scope || '*')"

static inline vsum *village(audit *a, const char *code)
{
  if(a->last && !strcmp(a->last->code, code))
    return a->last;
  int lo = 0, hi = a->nv - 1;
  while(lo <= hi) {
    int mid = (lo + hi) / 2;
    int c = strcmp(code, a->v[mid].code);
    if(!c)
      return a->last = &a->v[mid];
    if(c < 0)
      hi = mid - 1;
    else
      lo = mid + 1;
  }
  return NULL;
}

/* A table's columns and the table, as file-local constants. */
#define COLS(var, zh, ...)                                                    \
  static const acol var##_cols[] = {__VA_ARGS__};                             \
  static const atable var = {zh, var##_cols, (int)ARRAY_SIZE(var##_cols), 0, 0}

/* Per account of the scope: code, village, name, kind, opening date,
 * the year's opening balance, one opened in the year, income, expense,
 * closing (audit.c's 04-账户余额 and findings.c's cash checks). */
static const char balance_sql[] =
    "SELECT code, village, name, kind, opening_date, CASE WHEN opening_date "
    "<= :from THEN open END, CASE WHEN opening_date > :from THEN open END, "
    "income, expense, open + income - expense FROM (SELECT a.code, "
    "a.village, a.name, a.kind, a.opening_date, a.opening_balance + "
    "coalesce(sum(CASE WHEN f.date < :from THEN CASE f.direction WHEN '收入' "
    "THEN f.amount ELSE -f.amount END END), 0) AS open, coalesce(sum(CASE "
    "WHEN f.date >= :from AND f.direction = '收入' THEN f.amount END), 0) AS "
    "income, coalesce(sum(CASE WHEN f.date >= :from AND f.direction = '支出' "
    "THEN f.amount END), 0) AS expense FROM account a LEFT JOIN fund f ON "
    "f.account = a.code AND f.date <= :ref WHERE " ACCOUNT_HELD("a", ":ref")
    " AND "
    IN_SCOPE("a.village") " GROUP BY a.id) ORDER BY village, code";

/* Frees the findings made, to be made again (findings.c). */
void audit_drop_findings(audit *a);

/* The findings' table (findings.c). */
extern const atable audit_findings_table;

#endif
