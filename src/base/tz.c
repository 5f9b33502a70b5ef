/* tz.c: a zone of the tz database read from its zoneinfo file (RFC 8536,
 * TZif versions 1 to 4), or a POSIX TZ string, and the offset from UTC at
 * an instant. After the file's last transition the zone follows the file's
 * footer (a POSIX TZ string with the rule of daylight saving, if any). */
#include "base/tz.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rule {
  char kind; /* 'J' (1..365, no 29 February), 'n' (0..365), 'M' */
  int a, b, c; /* J/n: a the day; M: a month, b week (1..5), c weekday */
  long time;   /* seconds after local midnight (may be negative or > 24h) */
} rule;

struct tzone {
  int n;           /* transitions */
  int64_t *at;     /* their instants, ascending */
  unsigned char *type; /* the local time type from each */
  int ntypes;
  long *off;       /* each type's offset, seconds east */
  int posix;       /* a POSIX rule holds after the last transition */
  int dst;         /* it has daylight saving */
  long std_off, dst_off;
  rule start, end;
};

/* ---- the calendar (proleptic Gregorian, days since 1970-01-01) ---- */

static int64_t days_from_civil(int64_t y, int m, int d)
{
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = yoe + era * 400 + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
  return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int is_leap(int64_t y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int m)
{
  static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return md[m - 1] + (m == 2 && is_leap(y));
}

/* ---- POSIX TZ strings ---- */

static const char *tz_name(const char *p)
{
  if(*p == '<') {
    while(*p && *p != '>')
      p++;
    return *p == '>' ? p + 1 : NULL;
  }
  const char *s = p;
  while((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
    p++;
  return p - s >= 3 ? p : NULL;
}

/* [+-]h[h][:mm[:ss]], hours up to 167: seconds. */
static const char *tz_hms(const char *p, long *out)
{
  int sign = 1;
  if(*p == '+' || *p == '-')
    sign = *p++ == '-' ? -1 : 1;
  long part[3] = {0, 0, 0};
  for(int k = 0; k < 3; k++) {
    if(k && *p != ':')
      break;
    if(k)
      p++;
    if(*p < '0' || *p > '9')
      return NULL;
    long v = 0;
    for(int i = 0; *p >= '0' && *p <= '9' && i < 3; i++)
      v = v * 10 + (*p++ - '0');
    part[k] = v;
  }
  if(part[0] > 167 || part[1] > 59 || part[2] > 59)
    return NULL;
  *out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
  return p;
}

static const char *tz_num(const char *p, int *v)
{
  if(*p < '0' || *p > '9')
    return NULL;
  *v = 0;
  for(int i = 0; *p >= '0' && *p <= '9' && i < 3; i++)
    *v = *v * 10 + (*p++ - '0');
  return p;
}

static const char *tz_rule(const char *p, rule *r)
{
  memset(r, 0, sizeof *r);
  r->time = 7200;
  if(*p == 'M') {
    r->kind = 'M';
    if(!(p = tz_num(p + 1, &r->a)) || *p != '.' ||
       !(p = tz_num(p + 1, &r->b)) || *p != '.' ||
       !(p = tz_num(p + 1, &r->c)))
      return NULL;
    if(r->a < 1 || r->a > 12 || r->b < 1 || r->b > 5 || r->c > 6)
      return NULL;
  } else {
    r->kind = *p == 'J' ? 'J' : 'n';
    if(!(p = tz_num(p + (*p == 'J'), &r->a)))
      return NULL;
    if(r->a > 365 || (r->kind == 'J' && r->a < 1))
      return NULL;
  }
  if(*p == '/')
    p = tz_hms(p + 1, &r->time);
  return p;
}

/* Parses s into z's rule: 0, or -1 when it is not a POSIX TZ string. */
static int tz_posix(tzone *z, const char *s)
{
  const char *p = tz_name(s);
  long off;
  if(!p || !(p = tz_hms(p, &off)))
    return -1;
  z->std_off = -off;
  z->dst_off = z->std_off;
  z->dst = 0;
  if(*p) {
    if(!(p = tz_name(p)))
      return -1;
    z->dst = 1;
    z->dst_off = z->std_off + 3600;
    if(*p && *p != ',') {
      if(!(p = tz_hms(p, &off)))
        return -1;
      z->dst_off = -off;
    }
    if(*p == ',') {
      if(!(p = tz_rule(p + 1, &z->start)) || *p != ',' ||
         !(p = tz_rule(p + 1, &z->end)))
        return -1;
    } else {
      /* No rule: the United States' (as glibc assumes). */
      tz_rule("M3.2.0", &z->start);
      tz_rule("M11.1.0", &z->end);
    }
  }
  if(*p)
    return -1;
  z->posix = 1;
  return 0;
}

/* The day (since 1970) on which rule r falls in year y. */
static int64_t rule_day(const rule *r, int64_t y)
{
  int64_t jan1 = days_from_civil(y, 1, 1);
  if(r->kind == 'J')
    return jan1 + r->a - 1 + (is_leap(y) && r->a >= 60);
  if(r->kind == 'n')
    return jan1 + r->a;
  int64_t first = days_from_civil(y, r->a, 1);
  int64_t wd = ((first + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
  int64_t d = first + (r->c - wd + 7) % 7 + (int64_t)(r->b - 1) * 7;
  while(d >= first + month_days(y, r->a))
    d -= 7;
  return d;
}

static long posix_offset(const tzone *z, int64_t t)
{
  if(!z->dst)
    return z->std_off;
  int64_t y;
  int m, d;
  civil_from_days(floor_div(t + z->std_off, 86400), &y, &m, &d);
  int64_t on = rule_day(&z->start, y) * 86400 + z->start.time - z->std_off;
  int64_t off = rule_day(&z->end, y) * 86400 + z->end.time - z->dst_off;
  int in_dst = on < off ? t >= on && t < off : !(t >= off && t < on);
  return in_dst ? z->dst_off : z->std_off;
}

/* ---- zoneinfo files ---- */

static uint32_t be32(const unsigned char *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
         p[3];
}

static int64_t be64(const unsigned char *p)
{
  return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Reads the zone from the TZif bytes p[0..n): 0, or -1 when they are not
 * one. */
static int tz_tzif(tzone *z, const unsigned char *p, size_t n)
{
  if(n < 44 || memcmp(p, "TZif", 4))
    return -1;
  int v2 = p[4] >= '2';
  size_t tsz = 4;
  for(int pass = 0; pass < 1 + v2; pass++) {
    if(n < 44 || memcmp(p, "TZif", 4))
      return -1;
    uint32_t isut = be32(p + 20), isstd = be32(p + 24), leap = be32(p + 28);
    uint32_t timecnt = be32(p + 32), typecnt = be32(p + 36);
    uint32_t charcnt = be32(p + 40);
    if(timecnt > 100000 || typecnt > 256 || typecnt == 0 || leap > 100000 ||
       isut > 256 || isstd > 256 || charcnt > 100000)
      return -1;
    size_t body = timecnt * tsz + timecnt + typecnt * 6u + charcnt +
                  leap * (tsz + 4) + isstd + isut;
    if(n - 44 < body)
      return -1;
    if(pass == v2) {
      const unsigned char *q = p + 44;
      z->n = (int)timecnt;
      z->at = xcalloc(timecnt + 1, sizeof *z->at);
      z->type = xcalloc(timecnt + 1, 1);
      z->ntypes = (int)typecnt;
      z->off = xcalloc(typecnt, sizeof *z->off);
      for(uint32_t i = 0; i < timecnt; i++)
        z->at[i] = tsz == 8 ? be64(q + i * 8) : (int32_t)be32(q + i * 4);
      q += timecnt * tsz;
      for(uint32_t i = 0; i < timecnt; i++)
        if((z->type[i] = q[i]) >= typecnt)
          return -1;
      q += timecnt;
      for(uint32_t i = 0; i < typecnt; i++)
        z->off[i] = (int32_t)be32(q + i * 6);
      if(v2) {
        /* The footer: "\n" TZ string "\n" (empty: no rule). */
        const unsigned char *f = p + 44 + body, *e = p + n;
        if(f < e && *f == '\n') {
          const unsigned char *nl = memchr(f + 1, '\n', (size_t)(e - f - 1));
          if(nl && nl > f + 1) {
            char *s = xstrndup((const char *)f + 1, (size_t)(nl - f - 1));
            int bad = tz_posix(z, s);
            free(s);
            if(bad)
              return -1;
          }
        }
      }
      return 0;
    }
    /* Skip the version 1 data to the 64-bit header. */
    p += 44 + body;
    n -= 44 + body;
    tsz = 8;
  }
  return -1;
}

static int zone_name_ok(const char *name)
{
  if(!name[0] || name[0] == '/' || strlen(name) > 200)
    return 0;
  for(const char *p = name; *p; p++)
    if(!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
         (*p >= '0' && *p <= '9') || strchr("/_+-", *p)))
      return 0;
  return !strstr(name, "..");
}

tzone *tz_load(const char *name)
{
  tzone *z = xcalloc(1, sizeof *z);
  if(zone_name_ok(name)) {
    const char *dir = getenv("TZDIR");
    sbuf path;
    sb_init(&path);
    sb_addf(&path, "%s/%s", dir && dir[0] ? dir : "/usr/share/zoneinfo",
            name);
    FILE *fp = fopen(path.buf, "rb");
    sb_free(&path);
    if(fp) {
      sbuf b;
      sb_init(&b);
      char chunk[4096];
      size_t k;
      while(b.len < (1u << 20) && (k = fread(chunk, 1, sizeof chunk, fp)) > 0)
        sb_add(&b, chunk, k);
      fclose(fp);
      int bad = tz_tzif(z, (const unsigned char *)b.buf, b.len);
      sb_free(&b);
      if(!bad)
        return z;
      tz_free(z);
      return NULL;
    }
  }
  if(!tz_posix(z, name))
    return z;
  tz_free(z);
  return NULL;
}

void tz_free(tzone *z)
{
  if(!z)
    return;
  free(z->at);
  free(z->type);
  free(z->off);
  free(z);
}

long tz_offset(const tzone *z, int64_t t)
{
  if(z->n == 0 || t < z->at[0]) {
    if(z->n == 0 && z->posix)
      return posix_offset(z, t);
    return z->ntypes ? z->off[0] : 0;
  }
  int lo = 0, hi = z->n - 1; /* the last transition at or before t */
  while(lo < hi) {
    int mid = lo + (hi - lo + 1) / 2;
    if(z->at[mid] <= t)
      lo = mid;
    else
      hi = mid - 1;
  }
  if(lo == z->n - 1 && z->posix)
    return posix_offset(z, t);
  return z->off[z->type[lo]];
}

/* ---- text ---- */

static int digits(const char *s, int n, int *v)
{
  *v = 0;
  for(int i = 0; i < n; i++) {
    if(s[i] < '0' || s[i] > '9')
      return -1;
    *v = *v * 10 + (s[i] - '0');
  }
  return 0;
}

static int parse_date(const char *s, int64_t *days)
{
  int y, m, d;
  if(digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' ||
     digits(s + 8, 2, &d) || m < 1 || m > 12 || d < 1 ||
     d > month_days(y, m))
    return -1;
  *days = days_from_civil(y, m, d);
  return 0;
}

int tz_parse_utc(const char *iso, int64_t *t)
{
  int64_t days;
  int h, mi, s;
  if(strlen(iso) != 20 || parse_date(iso, &days) || iso[10] != 'T' ||
     digits(iso + 11, 2, &h) || iso[13] != ':' || digits(iso + 14, 2, &mi) ||
     iso[16] != ':' || digits(iso + 17, 2, &s) || iso[19] != 'Z' || h > 23 ||
     mi > 59 || s > 60)
    return -1;
  *t = days * 86400 + h * 3600 + mi * 60 + s;
  return 0;
}

/* t as "YYYY-MM-DD?HH:MM:SS" with sep between, plus tail. */
static void format_time(int64_t t, char sep, const char *tail, char *out,
                        size_t n)
{
  int64_t y;
  int m, d;
  int64_t day = floor_div(t, 86400), s = t - day * 86400;
  civil_from_days(day, &y, &m, &d);
  char buf[64];
  snprintf(buf, sizeof buf, "%04lld-%02d-%02d%c%02d:%02d:%02d%s",
           (long long)y, m, d, sep, (int)(s / 3600), (int)(s / 60 % 60),
           (int)(s % 60), tail);
  snprintf(out, n, "%.*s", (int)n - 1, buf);
}

void tz_format_local(const tzone *z, int64_t t, char out[20])
{
  format_time(t + tz_offset(z, t), ' ', "", out, 20);
}

int tz_local_text(const char *utc, long off, char out[20])
{
  int64_t t;
  if(tz_parse_utc(utc, &t))
    return -1;
  format_time(t + off, ' ', "", out, 20);
  return 0;
}

int tz_day_start_utc(const tzone *z, const char *date, char out[21])
{
  int64_t days;
  if(strlen(date) != 10 || parse_date(date, &days))
    return -1;
  int64_t local = days * 86400;
  int64_t u = local - tz_offset(z, local);
  u = local - tz_offset(z, u);
  format_time(u, 'T', "Z", out, 21);
  return 0;
}
