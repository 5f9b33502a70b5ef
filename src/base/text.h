/* text.h: UTF-8 text helpers used at the edges (headers, cells). */
#ifndef SANZI_TEXT_H
#define SANZI_TEXT_H
#include <stddef.h>
#include "base/util.h"

/* Fold s[0..n) into out (appending): full-width ASCII forms U+FF01..U+FF5E
 * become their ASCII counterparts, U+3000 (ideographic space) becomes a
 * space, and leading/trailing white space (ASCII and U+3000) is trimmed.
 * Everything else is copied unchanged. */
void text_fold(const char *s, size_t n, sbuf *out);

/* Trim ASCII white space and U+3000 at both ends; returns the new start
 * and stores the new length in *len. Does not copy. */
const char *text_trim(const char *s, size_t n, size_t *len);

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF)
 * and holds no NUL byte, else 0. */
int text_valid_utf8(const char *s, size_t n);

/* Reads one character at *pp and advances past it: an ASCII byte, the
 * ASCII form of a full-width one (U+FF01..U+FF5E), a space for U+3000, or
 * else the code point (0xFFFD for a byte that is not UTF-8); -1 at end.
 * The number parsers walk their cells with it. */
int text_fold_next(const unsigned char **pp, const unsigned char *end);

/* Number of code points in a valid UTF-8 string. */
size_t text_width(const char *s, size_t n);
/* What text_check found wrong with a value. */
enum { TEXT_OK, TEXT_NOT_UTF8, TEXT_CONTROL, TEXT_LONG };
typedef struct textcheck {
  size_t chars; /* its length in characters (code points) */
  size_t at;    /* TEXT_CONTROL: the position (from 1) of the character */
  unsigned cp;  /* TEXT_CONTROL: its code point */
} textcheck;
/* The one check of a text value at the door: valid UTF-8, no control
 * character (C0, DEL, C1; a newline only when `lines`), at most max
 * characters. Returns TEXT_OK or the first problem, with the details in
 * *t. */
int text_check(const char *s, size_t n, size_t max, int lines, textcheck *t);
/* 1 when s[0..n) holds a control character (C0 or DEL). */
int text_has_controls(const char *s, size_t n);
/* s[0..n) for one line of a terminal, appended to out: a newline as \n, a
 * carriage return as \r, any other control character (an escape sequence
 * that would drive the terminal) as \xNN. */
void text_escape_controls(const char *s, size_t n, sbuf *out);

#endif
