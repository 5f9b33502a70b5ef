/* csvout.h: CSV writing: RFC 4180 quoting, CRLF, optional UTF-8 BOM. */
#ifndef SANZI_CSVOUT_H
#define SANZI_CSVOUT_H
#include <stdio.h>
#include <stddef.h>

/* Write one field, quoted when it holds a comma, quote, CR or LF, or leading
 * or trailing space. first: 1 for the first field of a row (no comma before). */
void csvout_field(FILE *fp, const char *s, size_t n, int first);
/* A text field, safe to open in a spreadsheet (OWASP's advice): a cell a
 * spreadsheet would run as a formula -- one that begins with =, +, -, @,
 * a tab or a CR, after any apostrophes -- is written with one more
 * apostrophe in front, which csv_unguard takes off again on import.
 * Numbers (money, areas, counts) go through csvout_field: "-330.00" stays
 * a number. */
void csvout_text(FILE *fp, const char *s, size_t n, int first);
/* How many bytes of the cell s[0..n) are the guard csvout_text put in
 * front: 1 when it is "'" + (apostrophes) + one of = + - @ tab CR, else
 * 0. */
size_t csv_unguard(const char *s, size_t n);
void csvout_endrow(FILE *fp);
void csvout_bom(FILE *fp);

#endif
