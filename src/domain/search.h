/* search.h: finding records by any part of their name, location, party and
 * remarks: `list --q`, `show NAME`, and the web's `q`. What is searched is
 * the text of the view REG_search (schema 004), through the full-text
 * index REG_fts (trigrams; the record layer keeps it in step). A query of
 * three characters or more asks the index for each of its trigrams; one or
 * two characters, for the trigrams they begin (every character of the text
 * is followed by two more). Either way each hit is checked against the
 * text, so the index only narrows the rows down. */
#ifndef SANZI_SEARCH_H
#define SANZI_SEARCH_H
#include "store/db.h"
#include "store/spec.h"
#include "base/util.h"

/* 1 when r is searched (has a view REG_search). */
int search_has(sz *z, const reg *r);

typedef struct search {
  char *match; /* the index query; NULL when nothing can match */
  char *text;  /* the text looked for, ASCII letters in lower case */
  int few;     /* it has fewer than three characters: no trigram */
} search;

/* Prepares the search of r for q (trimmed; not empty). Returns 0, or -1
 * with z->err (r is not searched, q is empty). Free with search_free. */
int search_init(sz *z, const reg *r, const char *q, search *s);
void search_free(search *s);
/* The condition that keeps the rows of r (a statement over r's own table,
 * unaliased) whose text holds the query, appended to sql with its
 * parameters numbered k and k + 1, which search_bind binds. narrow: the
 * statement already keeps one village's rows (a few thousand at most);
 * a query of one or two characters then checks each of them, which is
 * quicker than asking the index for the county's rows holding the
 * character (a common one is in tens of thousands). */
void search_where(const reg *r, const search *s, int narrow, int k,
                  sbuf *sql);
void search_bind(const search *s, sqlite3_stmt *st, int k);

/* The record of r that arg names in scope (a village's or township's code,
 * or neither): the code itself, else the one record whose name is arg,
 * else the one whose text holds it. Returns 0 with the code in *code
 * (caller frees), or -1 with z->err: none, or several (listed with their
 * codes, names and villages). */
int search_resolve(sz *z, const reg *r, const char *arg, const char *village,
                   const char *township, char **code);

#endif
