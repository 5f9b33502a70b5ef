/* csvout.c: CSV writing: RFC 4180 quoting, CRLF, optional UTF-8 BOM.
 *
 * Write errors are left in the stream's error flag: the caller checks
 * ferror (or the result of fflush/fclose) once at the end. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* fwrite_unlocked */
#endif
#include "base/csvout.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* 1 for the bytes that force quoting anywhere in a field */
static const unsigned char special[256] = {
  ['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1
};

static int needs_quotes(const unsigned char *s, size_t n)
{
  size_t i;
  if(!n)
    return 0;
  /* libcsv trims blanks around an unquoted field: keep them by quoting */
  if(s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
    return 1;
  for(i = 0; i < n; i++)
    if(special[s[i]])
      return 1;
  return 0;
}

void csvout_field(FILE *fp, const char *s, size_t n, int first)
{
  const char *end = s + n, *q;
  if(!first)
    putc_unlocked(',', fp);
  if(!needs_quotes((const unsigned char *)s, n)) {
    if(n)
      fwrite_unlocked(s, 1, n, fp);
    return;
  }
  putc_unlocked('"', fp);
  while((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
    fwrite_unlocked(s, 1, (size_t)(q - s) + 1, fp);
    putc_unlocked('"', fp);             /* the quote doubled */
    s = q + 1;
  }
  if(end > s)
    fwrite_unlocked(s, 1, (size_t)(end - s), fp);
  putc_unlocked('"', fp);
}

/* 1 when s[0..n), after its leading apostrophes, begins as a formula. */
static int formula_like(const char *s, size_t n)
{
  size_t i = 0;
  while(i < n && s[i] == '\'')
    i++;
  return i < n && (s[i] == '=' || s[i] == '+' || s[i] == '-' || s[i] == '@' ||
                   s[i] == '\t' || s[i] == '\r');
}

void csvout_text(FILE *fp, const char *s, size_t n, int first)
{
  if(!formula_like(s, n)) {
    csvout_field(fp, s, n, first);
    return;
  }
  char small[256];
  char *buf = n + 1 <= sizeof small ? small : xmalloc(n + 1);
  buf[0] = '\'';
  memcpy(buf + 1, s, n);
  csvout_field(fp, buf, n + 1, first);
  if(buf != small)
    free(buf);
}

size_t csv_unguard(const char *s, size_t n)
{
  return n >= 2 && s[0] == '\'' && formula_like(s + 1, n - 1) ? 1 : 0;
}

void csvout_endrow(FILE *fp)
{
  putc_unlocked('\r', fp);
  putc_unlocked('\n', fp);
}

void csvout_bom(FILE *fp)
{
  fwrite_unlocked("\xEF\xBB\xBF", 1, 3, fp);
}
