/* date.c: calendar dates as ISO text "YYYY-MM-DD" and months "YYYY-MM".
 * The parsers run on every cell of an import: they never allocate and never
 * consult the locale; they walk the bytes once, folding full-width forms. */
#include "base/date.h"

#include <time.h>

#include "base/i18n.h"
#include "base/text.h"

/* Characters the parsers look for besides ASCII (text_fold_next). */
#define FC_END   (-1)
#define FC_NIAN  0x5E74  /* 年 */
#define FC_YUE   0x6708  /* 月 */
#define FC_RI    0x65E5  /* 日 */

#define fold_next text_fold_next

/* The parsers' reasons are msgids: the caller translates them (tr). */
static const char *const msg_empty = N_("empty");
static const char *const msg_date = N_("not a date (use YYYY-MM-DD)");
static const char *const msg_month = N_("not a month (use YYYY-MM)");
static const char *const msg_nodate = N_("no such date");
static const char *const msg_nomonth = N_("no such month");
static const char *const msg_year = N_("year out of range (1900-2999)");
static const char *const msg_time = N_("time of day other than 0:00");

/* A cursor: c is the current (folded) character, p the bytes after it. */
typedef struct cursor {
  const unsigned char *p;
  const unsigned char *end;
  int c;
} cursor;

static void advance(cursor *cur)
{
  cur->c = fold_next(&cur->p, cur->end);
}

/* Reads a run of digits; returns how many there were and stores the value
 * of the first nine in *v. */
static int number(cursor *cur, int *v)
{
  int nd = 0, val = 0;
  while(cur->c >= '0' && cur->c <= '9') {
    if(nd < 9)
      val = val * 10 + (cur->c - '0');
    nd++;
    advance(cur);
  }
  *v = val;
  return nd;
}

static int is_space(int c)
{
  return c == ' ' || c == '\t';
}

/* A trailing " H:MM" or " H:MM:SS" (as Excel writes dates): NULL when it
 * is midnight, an error otherwise. The cursor sits on the first space. */
static const char *midnight(cursor *cur)
{
  int h, mi, se = 0, nd;

  while(is_space(cur->c))
    advance(cur);
  nd = number(cur, &h);
  if(nd < 1 || nd > 2 || cur->c != ':')
    return msg_date;
  advance(cur);
  if(number(cur, &mi) != 2 || mi > 59)
    return msg_date;
  if(cur->c == ':') {
    advance(cur);
    if(number(cur, &se) != 2 || se > 59)
      return msg_date;
  }
  if(cur->c != FC_END)
    return msg_date;
  if(h || mi || se)
    return msg_time;
  return NULL;
}

/* Parses a date (want_day) or a month in any of the accepted forms and
 * checks that it exists. */
static const char *parse_ymd(const char *s, size_t n, int want_day,
                             int *y, int *m, int *d)
{
  const char *bad = want_day ? msg_date : msg_month;
  size_t len;
  const unsigned char *p = (const unsigned char *)text_trim(s, n, &len);
  cursor cur;
  int sep, nd;

  if(!len)
    return msg_empty;
  cur.p = p;
  cur.end = p + len;
  advance(&cur);

  if(number(&cur, y) != 4)
    return bad;
  sep = cur.c;
  if(sep != '-' && sep != '/' && sep != '.' && sep != FC_NIAN)
    return bad;
  advance(&cur);
  nd = number(&cur, m);
  if(nd < 1 || nd > 2)
    return bad;
  if(sep == FC_NIAN) {
    if(cur.c != FC_YUE)
      return bad;
    advance(&cur);
  }
  *d = 1;
  if(want_day) {
    if(sep != FC_NIAN) {
      if(cur.c != sep)
        return bad;
      advance(&cur);
    }
    nd = number(&cur, d);
    if(nd < 1 || nd > 2)
      return bad;
    if(sep == FC_NIAN) {
      if(cur.c != FC_RI)
        return bad;
      advance(&cur);
    }
    if(is_space(cur.c)) {
      const char *err = midnight(&cur);
      if(err)
        return err;
    }
  }
  if(cur.c != FC_END)
    return bad;

  if(*y < 1900 || *y > 2999)
    return msg_year;
  if(*m < 1 || *m > 12)
    return want_day ? msg_nodate : msg_nomonth;
  if(want_day && (*d < 1 || *d > date_month_days(*y, *m)))
    return msg_nodate;
  return NULL;
}

/* Writes n as exactly w digits. */
static void put_digits(char *out, int n, int w)
{
  for(int i = w - 1; i >= 0; i--) {
    out[i] = (char)('0' + n % 10);
    n /= 10;
  }
}

static void put_iso(int y, int m, int d, char out[11])
{
  put_digits(out, y, 4);
  out[4] = '-';
  put_digits(out + 5, m, 2);
  out[7] = '-';
  put_digits(out + 8, d, 2);
  out[10] = 0;
}

const char *date_parse(const char *s, size_t n, char out[11])
{
  int y, m, d;
  const char *err = parse_ymd(s, n, 1, &y, &m, &d);
  if(err)
    return err;
  put_iso(y, m, d, out);
  return NULL;
}

const char *month_parse(const char *s, size_t n, char out[8])
{
  int y, m, d;
  const char *err = parse_ymd(s, n, 0, &y, &m, &d);
  if(err)
    return err;
  put_digits(out, y, 4);
  out[4] = '-';
  put_digits(out + 5, m, 2);
  out[7] = 0;
  return NULL;
}

int date_is_leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_month_days(int y, int m)
{
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if(m < 1 || m > 12)
    return 0;
  if(m == 2 && date_is_leap(y))
    return 29;
  return days[m - 1];
}

static int two(const char *p)
{
  return (p[0] - '0') * 10 + (p[1] - '0');
}

void date_split(const char *iso, int *y, int *m, int *d)
{
  *y = two(iso) * 100 + two(iso + 2);
  *m = two(iso + 5);
  if(d)
    *d = iso[7] == '-' ? two(iso + 8) : 1;
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
static int days_from_civil(int y, int m, int d)
{
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int date_days(const char *iso)
{
  int y, m, d;
  date_split(iso, &y, &m, &d);
  return days_from_civil(y, m, d);
}

void date_from_days(int days, char out[11])
{
  int z = days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int d = doy - (153 * mp + 2) / 5 + 1;
  int m = mp < 10 ? mp + 3 : mp - 9;

  put_iso(y + (m <= 2), m, d, out);
}

void date_today(char out[11])
{
  time_t t = time(NULL);
  struct tm tm;

  if(!localtime_r(&t, &tm)) {
    put_iso(1970, 1, 1, out);
    return;
  }
  put_iso(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, out);
}

void date_add_months(const char *iso, int months, char out[11])
{
  int y, m, d, total, md;

  date_split(iso, &y, &m, &d);
  total = y * 12 + (m - 1) + months;
  y = total >= 0 ? total / 12 : -((-total + 11) / 12);
  m = total - y * 12 + 1;
  md = date_month_days(y, m);
  put_iso(y, m, d > md ? md : d, out);
}
