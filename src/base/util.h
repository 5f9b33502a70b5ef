/* util.h: allocation that aborts on failure, and a growable string buffer. */
#ifndef SANZI_UTIL_H
#define SANZI_UTIL_H
#include <stddef.h>
#include <stdarg.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable, always NUL-terminated byte buffer. Zero-initialise or sb_init. */
typedef struct sbuf {
  char *buf;
  size_t len;
  size_t cap;
} sbuf;

void sb_init(sbuf *sb);
void sb_free(sbuf *sb);
void sb_reset(sbuf *sb);
void sb_grow(sbuf *sb, size_t extra);
void sb_add(sbuf *sb, const char *p, size_t n);
void sb_addstr(sbuf *sb, const char *s);
void sb_addch(sbuf *sb, char c);
void sb_addf(sbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vaddf(sbuf *sb, const char *fmt, va_list ap);
/* Returns the string and leaves sb empty; the caller frees it. */
char *sb_detach(sbuf *sb);

/* A set of byte strings in memory (the codes an import has seen): about
 * 30 bytes an entry of 11 bytes, 20 MiB for the 665,276 national codes. */
typedef struct strset {
  size_t n, cap;  /* entries; slots, a power of two */
  uint64_t *slot; /* entry number + 1 (low half; 0: empty), hash (high) */
  size_t *end;    /* where entry i ends in keys (it starts at end[i - 1]) */
  sbuf keys;      /* the bytes of every entry, one after another */
} strset;

void strset_init(strset *s);
void strset_free(strset *s);
/* Adds p[0..n): 1 when it was not there, 0 when it was. */
int strset_add(strset *s, const char *p, size_t n);

/* Write a message into a caller's fixed buffer (snprintf, truncating). */
void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
