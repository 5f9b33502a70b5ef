/* errs.h: why something was refused, as a list of reasons. Each reason
 * says where (the file, its row as a spreadsheet shows it, the field) and
 * what rule was broken, so that the command line can print
 * `FILE:ROW: COLUMN: message` and a form can place each message at its
 * field. Row 0 is a rule over the whole record (or the whole operation);
 * a reason without a field belongs to no one column. */
#ifndef SANZI_ERRS_H
#define SANZI_ERRS_H
#include <stdarg.h>
#include <stddef.h>
#include "base/util.h"

/* At most this many reasons are kept; the rest are only counted. */
#define ERRS_LISTED 100

typedef struct erritem {
  const char *file; /* not owned: must outlive the list; NULL: none */
  long row;         /* 0: the whole record */
  char *field;      /* the field's English key, or NULL */
  char *column;     /* its name as the input spells it, or NULL */
  char *msg;        /* one line: control characters are shown escaped */
} erritem;

typedef struct errlist {
  erritem *v;
  size_t n, cap; /* the reasons kept (at most ERRS_LISTED) */
  long total;    /* how many there were */
} errlist;

/* Adds a reason (field and column may be NULL; both are copied). */
void errs_add(errlist *e, const char *file, long row, const char *field,
              const char *column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void errs_vadd(errlist *e, const char *file, long row, const char *field,
               const char *column, const char *fmt, va_list ap);
/* Moves every reason of from (and its count) to the end of to. */
void errs_move(errlist *to, errlist *from);
/* One line per reason, "FILE:ROW: COLUMN: message" with the parts it has,
 * then "... and N more errors" in lang (i18n.h) when some were not kept. */
void errs_format(const errlist *e, int lang, sbuf *out);
/* One reason as that line, without the newline: only the message is words
 * (already in the language it was made in); the rest is the place, in the
 * same ASCII structure in every language, so it needs no language. */
void errs_format_item(const erritem *it, sbuf *out);
void errs_clear(errlist *e);
void errs_free(errlist *e);

#endif
