/* csvout.h: CSV writing: RFC 4180 quoting, CRLF, optional UTF-8 BOM. */
#ifndef SANZI_CSVOUT_H
#define SANZI_CSVOUT_H
#include <stdio.h>
#include <stddef.h>

/* Write one field, quoted when it holds a comma, quote, CR or LF, or leading
 * or trailing space. first: 1 for the first field of a row (no comma before). */
void csvout_field(FILE *fp, const char *s, size_t n, int first);
void csvout_endrow(FILE *fp);
void csvout_bom(FILE *fp);

#endif
