/* search.c: finding records by any part of their text (search.h). */
#include "domain/search.h"
#include "domain/import.h"
#include "base/i18n.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int search_has(sz *z, const reg *r)
{
  char view[64];
  snprintf(view, sizeof view, "%s_search", r->name);
  return db_int(z, 0, "SELECT count(*) FROM sqlite_schema WHERE type = "
                      "'view' AND name = ?1", view) > 0;
}

/* s[0..n) as an FTS5 string (in double quotes, a quote doubled). */
static void fts_quote(sbuf *out, const char *s, size_t n)
{
  sb_addch(out, '"');
  for(size_t i = 0; i < n; i++) {
    if(s[i] == '"')
      sb_addch(out, '"');
    sb_addch(out, s[i]);
  }
  sb_addch(out, '"');
}

/* One or two characters: the index's terms (trigrams, case folded as the
 * text is) that begin with them, joined by OR; NULL when there are none. */
static char *prefix_query(sz *z, const reg *r, const char *text)
{
  sbuf sql, m;
  sb_init(&sql);
  sb_init(&m);
  sb_addf(&sql, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"%s_fts_terms\" "
                "USING fts5vocab(main, \"%s_fts\", 'row')", r->name, r->name);
  db_exec(z, sql.buf);
  sb_reset(&sql);
  sb_addf(&sql, "SELECT term FROM temp.\"%s_fts_terms\" WHERE term >= ?1 "
                "AND term < ?1 || char(1114111)", r->name);
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
  while(db_step(z, st) == SQLITE_ROW) {
    if(m.len)
      sb_addstr(&m, " OR ");
    fts_quote(&m, (const char *)sqlite3_column_text(st, 0),
              (size_t)sqlite3_column_bytes(st, 0));
  }
  sqlite3_finalize(st);
  sb_free(&sql);
  if(!m.len) {
    sb_free(&m);
    return NULL;
  }
  return sb_detach(&m);
}

int search_init(sz *z, const reg *r, const char *q, search *s)
{
  memset(s, 0, sizeof *s);
  if(!search_has(z, r))
    return db_fail(z, T(z, "%s records cannot be searched"),
                   z->lang == LANG_EN ? r->name : r->zh);
  size_t n;
  const char *t = text_trim(q, strlen(q), &n);
  if(n == 0)
    return db_fail(z, "%s", T(z, "the text to search for is empty"));
  s->text = xstrndup(t, n);
  for(char *p = s->text; *p; p++)
    if(*p >= 'A' && *p <= 'Z')
      *p = (char)(*p - 'A' + 'a');
  /* Where each character begins. */
  size_t *at = xcalloc(n + 1, sizeof *at), k = 0;
  for(size_t i = 0; i < n; i++)
    if(((unsigned char)s->text[i] & 0xc0) != 0x80)
      at[k++] = i;
  at[k] = n;
  if(k >= 3) {
    /* At most SEARCH_TERMS trigrams, spread from the first to the last:
     * the index only narrows the rows down, instr() then checks the whole
     * text, so a long text costs no more than a short one. */
    enum { SEARCH_TERMS = 8 };
    size_t m3 = k - 2, terms = m3 < SEARCH_TERMS ? m3 : SEARCH_TERMS;
    sbuf m;
    sb_init(&m);
    for(size_t j = 0; j < terms; j++) {
      size_t i = terms > 1 ? j * (m3 - 1) / (terms - 1) : 0;
      if(j)
        sb_addstr(&m, " AND ");
      fts_quote(&m, s->text + at[i], at[i + 3] - at[i]);
    }
    s->match = sb_detach(&m);
  } else {
    s->few = 1;
    s->match = prefix_query(z, r, s->text);
  }
  free(at);
  if(db_fault(z)) {
    search_free(s);
    memset(s, 0, sizeof *s);
    return db_fail(z, "%s", z->fault_msg);
  }
  return 0;
}

void search_free(search *s)
{
  free(s->match);
  free(s->text);
}

void search_where(const reg *r, const search *s, int narrow, int k,
                  sbuf *sql)
{
  sb_addf(sql, "?%d IS NOT NULL AND ", k);
  if(!(narrow && s->few))
    sb_addf(sql, "id IN (SELECT rowid FROM \"%s_fts\" WHERE \"%s_fts\" "
                 "MATCH ?%d) AND ", r->name, r->name, k);
  sb_addf(sql, "instr(lower((SELECT t FROM \"%s_search\" s WHERE s.id = "
               "\"%s\".id)), ?%d)",
          r->name, r->name, k + 1);
}

void search_bind(const search *s, sqlite3_stmt *st, int k)
{
  if(s->match)
    sqlite3_bind_text(st, k, s->match, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, k);
  sqlite3_bind_text(st, k + 1, s->text, -1, SQLITE_STATIC);
}

/* ---- a record by its name ---- */

int search_resolve(sz *z, const reg *r, const char *arg, const char *village,
                   const char *township, char **code)
{
  *code = NULL;
  const char *what = z->lang == LANG_EN ? r->name : r->zh;
  char sql0[160];
  snprintf(sql0, sizeof sql0, "SELECT count(*) FROM \"%s\" WHERE \"%s\" = ?1",
           r->name, reg_key(r));
  if(db_int(z, 0, sql0, arg) > 0) {
    *code = xstrdup(arg);
    return 0;
  }
  if(!search_has(z, r))
    return db_fail(z, T(z, "no %s with code '%s'"), what, arg);
  search s;
  if(search_init(z, r, arg, &s))
    return -1;
  size_t n;
  const char *t = text_trim(arg, strlen(arg), &n);
  /* Each hit with its name (the first field of its text) and village. */
  sbuf sql;
  sb_init(&sql);
  sb_addf(&sql, "SELECT \"%s\", (SELECT substr(t, 1, instr(t, char(10)) - 1) "
                "FROM \"%s_search\" s WHERE s.id = \"%s\".id), "
                "(SELECT name FROM org WHERE org.code = village) FROM \"%s\"",
          reg_key(r), r->name, r->name, r->name);
  sb_addstr(&sql, scope_where(village, township));
  sb_addstr(&sql, village || township ? " AND " : " WHERE ");
  search_where(r, &s, village != NULL, 2, &sql);
  sb_addstr(&sql, " ORDER BY id");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  if(village || township)
    sqlite3_bind_text(st, 1, village ? village : township, -1, SQLITE_STATIC);
  search_bind(&s, st, 2);
  /* Those named exactly arg, and all the hits: the first ten of each. */
  sbuf list[2];
  long count[2] = {0, 0};
  char *only[2] = {NULL, NULL};
  sb_init(&list[0]);
  sb_init(&list[1]);
  while(db_step(z, st) == SQLITE_ROW) {
    const char *c = (const char *)sqlite3_column_text(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    const char *vname = (const char *)sqlite3_column_text(st, 2);
    int exact = name && strlen(name) == n && !memcmp(name, t, n);
    for(int e = 0; e < 2; e++) {
      if(e == 0 && !exact)
        continue;
      if(count[e]++ == 0)
        only[e] = xstrdup(c);
      if(count[e] <= 10)
        sb_addf(&list[e], "\n  %s  %s  %s", c, name ? name : "",
                vname ? vname : "");
    }
  }
  sqlite3_finalize(st);
  int e = count[0] ? 0 : 1, rc = 0;
  if(db_fault(z))
    rc = db_fail(z, "%s", z->fault_msg);
  else if(count[e] == 1) {
    *code = only[e];
    only[e] = NULL;
  } else if(count[e] == 0)
    rc = db_fail(z, T(z, "no %s with code or name '%s'"), what, arg);
  else {
    if(count[e] > 10)
      sb_addf(&list[e], "\n  ");
    if(count[e] > 10)
      sb_addf(&list[e], T(z, "... and %ld more"), count[e] - 10);
    rc = db_fail(z, e == 0 ? T(z, "%ld %s records are named '%s'; give the "
                                  "code of one:%s")
                           : T(z, "%ld %s records hold '%s'; give the code "
                                  "of one:%s"),
                 count[e], what, arg, list[e].buf);
  }
  free(only[0]);
  free(only[1]);
  sb_free(&list[0]);
  sb_free(&list[1]);
  search_free(&s);
  return rc;
}
