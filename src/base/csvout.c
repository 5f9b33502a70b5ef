/* csvout.c: CSV writing: RFC 4180 quoting, CRLF, optional UTF-8 BOM.
 *
 * Write errors are left in the stream's error flag: the caller checks
 * ferror (or the result of fflush/fclose) once at the end. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* fwrite_unlocked */
#endif
#include "base/csvout.h"

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

void csvout_endrow(FILE *fp)
{
  putc_unlocked('\r', fp);
  putc_unlocked('\n', fp);
}

void csvout_bom(FILE *fp)
{
  fwrite_unlocked("\xEF\xBB\xBF", 1, 3, fp);
}
