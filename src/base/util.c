/* util.c: allocation that aborts on failure, and a growable string buffer. */
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(size_t n)
{
  fprintf(stderr, "sanzi: out of memory (%zu bytes)\n", n); /* layers: allow */
  abort(); /* layers: allow: allocation failure */
}

void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if(!p)
    oom(n);
  return p;
}

void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if(!p)
    oom(n * size);
  return p;
}

void *xrealloc(void *p, size_t n)
{
  p = realloc(p, n ? n : 1);
  if(!p)
    oom(n);
  return p;
}

char *xstrndup(const char *s, size_t n)
{
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

char *xstrdup(const char *s)
{
  return xstrndup(s, strlen(s));
}

void sb_init(sbuf *sb)
{
  sb->buf = NULL;
  sb->len = 0;
  sb->cap = 0;
}

void sb_free(sbuf *sb)
{
  free(sb->buf);
  sb_init(sb);
}

void sb_reset(sbuf *sb)
{
  sb->len = 0;
  if(sb->buf)
    sb->buf[0] = 0;
}

void sb_grow(sbuf *sb, size_t extra)
{
  size_t need = sb->len + extra + 1;
  if(need <= sb->cap)
    return;
  size_t cap = sb->cap ? sb->cap : 64;
  while(cap < need)
    cap *= 2;
  sb->buf = xrealloc(sb->buf, cap);
  sb->cap = cap;
}

void sb_add(sbuf *sb, const char *p, size_t n)
{
  if(sb->len + n + 1 > sb->cap)
    sb_grow(sb, n);
  if(n)
    memcpy(sb->buf + sb->len, p, n);
  sb->len += n;
  sb->buf[sb->len] = 0;
}

void sb_addstr(sbuf *sb, const char *s)
{
  sb_add(sb, s, strlen(s));
}

void sb_addch(sbuf *sb, char c)
{
  if(sb->len + 2 > sb->cap)
    sb_grow(sb, 1);
  sb->buf[sb->len++] = c;
  sb->buf[sb->len] = 0;
}

void sb_vaddf(sbuf *sb, const char *fmt, va_list ap)
{
  /* Format into the room there is; grow and format again if short. */
  va_list cp;
  sb_grow(sb, 64);
  va_copy(cp, ap);
  int n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
  va_end(cp);
  if(n < 0) {
    sb->buf[sb->len] = 0;
    return;
  }
  if((size_t)n >= sb->cap - sb->len) {
    sb_grow(sb, (size_t)n);
    vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
  }
  sb->len += (size_t)n;
}

void sb_addf(sbuf *sb, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(sb, fmt, ap);
  va_end(ap);
}

char *sb_detach(sbuf *sb)
{
  char *p = sb->buf ? sb->buf : xstrdup("");
  sb_init(sb);
  return p;
}

void strset_init(strset *s)
{
  memset(s, 0, sizeof *s);
  sb_init(&s->keys);
}

void strset_free(strset *s)
{
  free(s->slot);
  free(s->end);
  sb_free(&s->keys);
  strset_init(s);
}

static uint32_t strset_hash(const char *p, size_t n)
{
  uint32_t h = 2166136261u; /* FNV-1a */
  for(size_t i = 0; i < n; i++)
    h = (h ^ (unsigned char)p[i]) * 16777619u;
  return h;
}

/* The slot of p[0..n) with hash h: its entry, or the empty slot where it
 * goes. */
static size_t strset_find(const strset *s, const char *p, size_t n,
                          uint32_t h)
{
  size_t k = h & (s->cap - 1);
  for(;; k = (k + 1) & (s->cap - 1)) {
    uint64_t e = s->slot[k];
    if(!e)
      return k;
    size_t i = (size_t)(uint32_t)e - 1;
    size_t from = i ? s->end[i - 1] : 0;
    if((uint32_t)(e >> 32) == h && s->end[i] - from == n &&
       (n == 0 || !memcmp(s->keys.buf + from, p, n)))
      return k;
  }
}

int strset_add(strset *s, const char *p, size_t n)
{
  if(4 * (s->n + 1) > 3 * s->cap) { /* at most three quarters full */
    size_t cap = s->cap ? 2 * s->cap : 1024;
    uint64_t *old = s->slot;
    s->slot = xcalloc(cap, sizeof *s->slot);
    s->end = xrealloc(s->end, cap * sizeof *s->end);
    size_t was = s->cap;
    s->cap = cap;
    for(size_t i = 0; i < was; i++)
      if(old[i]) {
        size_t k = (old[i] >> 32) & (cap - 1);
        while(s->slot[k])
          k = (k + 1) & (cap - 1);
        s->slot[k] = old[i];
      }
    free(old);
  }
  uint32_t h = strset_hash(p, n);
  size_t k = strset_find(s, p, n, h);
  if(s->slot[k])
    return 0;
  if(s->n >= UINT32_MAX - 1)
    abort(); /* layers: allow (four thousand million codes) */
  sb_add(&s->keys, p, n);
  s->end[s->n] = s->keys.len;
  s->n++;
  s->slot[k] = (uint64_t)h << 32 | (uint64_t)s->n;
  return 1;
}

void set_err(char *err, size_t errlen, const char *fmt, ...)
{
  if(!err || !errlen)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}
