/* errs.c: lists of reasons (errs.h). */
#include "base/errs.h"
#include "base/i18n.h"
#include "base/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* A message stays one line: newlines and other control characters of the
 * cells it quotes are shown escaped. */
static char *one_line(const char *m, size_t n)
{
  sbuf out;
  sb_init(&out);
  text_escape_controls(m, n, &out);
  if(!out.buf)
    sb_addstr(&out, "");
  return sb_detach(&out);
}

static void push(errlist *e, const char *file, long row, char *field,
                 char *column, char *msg)
{
  e->total++;
  if(e->n >= ERRS_LISTED) {
    free(field);
    free(column);
    free(msg);
    return;
  }
  if(e->n == e->cap) {
    e->cap = e->cap ? e->cap * 2 : 8;
    e->v = xrealloc(e->v, e->cap * sizeof *e->v);
  }
  e->v[e->n++] = (erritem){file, row, field, column, msg};
}

void errs_add(errlist *e, const char *file, long row, const char *field,
              const char *column, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  errs_vadd(e, file, row, field, column, fmt, ap);
  va_end(ap);
}

void errs_vadd(errlist *e, const char *file, long row, const char *field,
               const char *column, const char *fmt, va_list ap)
{
  if(e->n >= ERRS_LISTED) {
    e->total++;
    return;
  }
  sbuf m;
  sb_init(&m);
  sb_vaddf(&m, fmt, ap);
  char *msg = one_line(m.buf ? m.buf : "", m.len);
  sb_free(&m);
  push(e, file, row, field ? xstrdup(field) : NULL,
       column ? xstrdup(column) : NULL, msg);
}

void errs_move(errlist *to, errlist *from)
{
  for(size_t i = 0; i < from->n; i++) {
    erritem *it = &from->v[i];
    push(to, it->file, it->row, it->field, it->column, it->msg);
  }
  /* Those counted but not kept by from stay counted. */
  to->total += from->total - (long)from->n;
  from->n = 0;
  from->total = 0;
}

void errs_format_item(const erritem *it, sbuf *out)
{
  if(it->file)
    sb_addf(out, "%s:%ld: ", it->file, it->row);
  if(it->column)
    sb_addf(out, "%s: ", it->column);
  sb_addstr(out, it->msg);
}

void errs_format(const errlist *e, int lang, sbuf *out)
{
  for(size_t i = 0; i < e->n; i++) {
    errs_format_item(&e->v[i], out);
    sb_addch(out, '\n');
  }
  if(e->total > (long)e->n)
    sb_addf(out, tr(lang, "... and %ld more errors\n"),
            e->total - (long)e->n);
}

void errs_clear(errlist *e)
{
  for(size_t i = 0; i < e->n; i++) {
    free(e->v[i].field);
    free(e->v[i].column);
    free(e->v[i].msg);
  }
  e->n = 0;
  e->total = 0;
}

void errs_free(errlist *e)
{
  errs_clear(e);
  free(e->v);
  e->v = NULL;
  e->cap = 0;
}
