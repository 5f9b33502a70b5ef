/* text.c: UTF-8 text helpers used at the edges (headers, cells). */
#include "base/text.h"

/* Byte length of the white space (ASCII, or U+3000 = E3 80 80) starting at
 * p, or 0 when p does not start with white space. */
static size_t space_at(const unsigned char *p, const unsigned char *end)
{
  if(p >= end)
    return 0;
  switch(p[0]) {
  case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    return 1;
  case 0xE3:
    if(end - p >= 3 && p[1] == 0x80 && p[2] == 0x80)
      return 3;
    return 0;
  default:
    return 0;
  }
}

/* Byte length of the white space ending just before end, or 0. */
static size_t space_before(const unsigned char *start,
                           const unsigned char *end)
{
  if(end <= start)
    return 0;
  switch(end[-1]) {
  case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    return 1;
  case 0x80:
    if(end - start >= 3 && end[-3] == 0xE3 && end[-2] == 0x80)
      return 3;
    return 0;
  default:
    return 0;
  }
}

const char *text_trim(const char *s, size_t n, size_t *len)
{
  const unsigned char *p = (const unsigned char *)s;
  const unsigned char *end = p + n;
  size_t k;

  if(!n) {
    *len = 0;
    return s;
  }
  while((k = space_at(p, end)) != 0)
    p += k;
  while((k = space_before(p, end)) != 0)
    end -= k;
  *len = (size_t)(end - p);
  return (const char *)p;
}

void text_fold(const char *s, size_t n, sbuf *out)
{
  size_t len;
  const unsigned char *p = (const unsigned char *)text_trim(s, n, &len);
  const unsigned char *end = p + len;
  const unsigned char *run = p; /* start of bytes still to copy as they are */

  sb_grow(out, len);
  while(p < end) {
    char c = 0;
    if(p[0] < 0x80) {
      p++;
      continue;
    }
    if(end - p >= 3) {
      if(p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
        c = (char)(p[2] - 0x60);             /* U+FF01..U+FF3F */
      else if(p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
        c = (char)(p[2] - 0x20);             /* U+FF40..U+FF5E */
      else if(p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        c = ' ';                             /* U+3000 */
    }
    if(!c) {
      p++;
      continue;
    }
    sb_add(out, (const char *)run, (size_t)(p - run));
    sb_addch(out, c);
    p += 3;
    run = p;
  }
  sb_add(out, (const char *)run, (size_t)(p - run));
}

int text_valid_utf8(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  const unsigned char *end = p + n;

  while(p < end) {
    unsigned char c = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */

    if(c < 0x80) {
      if(!c)
        return 0;
      p++;
      continue;
    }
    if(c >= 0xC2 && c <= 0xDF)
      need = 1;
    else if(c >= 0xE0 && c <= 0xEF) {
      need = 2;
      if(c == 0xE0)
        lo = 0xA0;                  /* overlong */
      else if(c == 0xED)
        hi = 0x9F;                  /* surrogates */
    }
    else if(c >= 0xF0 && c <= 0xF4) {
      need = 3;
      if(c == 0xF0)
        lo = 0x90;                  /* overlong */
      else if(c == 0xF4)
        hi = 0x8F;                  /* above U+10FFFF */
    }
    else
      return 0;
    if((size_t)(end - p) <= need)
      return 0;
    if(p[1] < lo || p[1] > hi)
      return 0;
    for(size_t i = 2; i <= need; i++)
      if((p[i] & 0xC0) != 0x80)
        return 0;
    p += need + 1;
  }
  return 1;
}

size_t text_width(const char *s, size_t n)
{
  size_t w = 0;
  for(size_t i = 0; i < n; i++)
    if(((unsigned char)s[i] & 0xC0) != 0x80)
      w++;
  return w;
}

int text_fold_next(const unsigned char **pp, const unsigned char *end)
{
  const unsigned char *p = *pp;
  if(p >= end)
    return -1;
  if(p[0] < 0x80) {
    *pp = p + 1;
    return p[0];
  }
  int len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
  if(len == 0 || end - p < len) {
    *pp = p + 1;
    return 0xFFFD;
  }
  int c = p[0] & (0x7F >> len);
  for(int i = 1; i < len; i++) {
    if((p[i] & 0xC0) != 0x80) {
      *pp = p + 1;
      return 0xFFFD;
    }
    c = (c << 6) | (p[i] & 0x3F);
  }
  *pp = p + len;
  if(c >= 0xFF01 && c <= 0xFF5E)
    return c - 0xFEE0;
  return c == 0x3000 ? ' ' : c;
}

int text_check(const char *s, size_t n, size_t max, int lines, textcheck *t)
{
  const unsigned char *p = (const unsigned char *)s;
  t->chars = t->at = 0;
  t->cp = 0;
  if(!text_valid_utf8(s, n))
    return TEXT_NOT_UTF8;
  for(size_t i = 0; i < n; i++) {
    unsigned char b = p[i];
    if((b & 0xc0) == 0x80)
      continue;
    t->chars++;
    unsigned cp = b;
    if(b == 0xc2 && p[i + 1] < 0xa0) /* C1: U+0080..U+009F */
      cp = p[i + 1];
    else if(b >= 0x20 && b != 0x7f)
      continue;
    if(cp == '\n' && lines)
      continue;
    t->at = t->chars;
    t->cp = cp;
    return TEXT_CONTROL;
  }
  return t->chars > max ? TEXT_LONG : TEXT_OK;
}

int text_has_controls(const char *s, size_t n)
{
  for(size_t i = 0; i < n; i++)
    if((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
      return 1;
  return 0;
}

void text_escape_controls(const char *s, size_t n, sbuf *out)
{
  for(size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if(ch == '\n')
      sb_add(out, "\\n", 2);
    else if(ch == '\r')
      sb_add(out, "\\r", 2);
    else if(ch < 0x20 || ch == 0x7f)
      sb_addf(out, "\\x%02x", ch);
    else
      sb_addch(out, (char)ch);
  }
}
