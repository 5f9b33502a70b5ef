/* xlsxfmt.c: Excel's number formats and date serials. See xlsxfmt.h. */
#include "base/xlsxfmt.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* What a number format code shows: XF_DATE when it has a year, a day or a
 * month (m that is not minutes beside h or s), XF_TIME when it has only
 * hours, minutes or seconds, else XF_NUM. Quoted text ("年"), escaped
 * characters (\年), fill and padding characters (*x, _x), AM/PM and
 * brackets ([Red], [$-804], [DBNum1]) do not count, except the elapsed
 * times [h], [mm], [ss]. */
unsigned char xlsx_format_kind(const char *f)
{
  int y = 0, d = 0, m = 0, hs = 0;
  for(const char *p = f; *p; p++) {
    int c = *p | 0x20;
    if(*p == '"') {
      while(p[1] && p[1] != '"')
        p++;
      if(p[1])
        p++;
    }
    else if(*p == '\\' || *p == '*' || *p == '_') {
      if(p[1])
        p++;
    }
    else if(*p == '[') {
      const char *e = strchr(p, ']');
      size_t k, n;
      if(!e)
        break;
      n = (size_t)(e - p - 1);
      for(k = 0; k < n && strchr("hHmMsS", p[1 + k]); k++)
        ;
      if(n && k == n)
        hs = 1;
      p = e;
    }
    else if(!strncasecmp(p, "AM/PM", 5))
      p += 4;
    else if(!strncasecmp(p, "A/P", 3))
      p += 2;
    else if(c == 'y')
      y = 1;
    else if(c == 'd')
      d = 1;
    else if(c == 'm')
      m = 1;
    else if(c == 'h' || c == 's')
      hs = 1;
  }
  if(y || d || (m && !hs))
    return XF_DATE;
  return hs ? XF_TIME : XF_NUM;
}

/* Excel's built-in formats that show dates and times: 14-22 and 45-47,
 * and those of Chinese Excel (27-36, 50-58: 年月日, 时分秒). */
unsigned char xlsx_builtin_kind(unsigned id)
{
  if((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
     id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return XF_DATE;
  if((id >= 18 && id <= 21) || (id >= 45 && id <= 47) ||
     (id >= 32 && id <= 35) || id == 55 || id == 56)
    return XF_TIME;
  return XF_NUM;
}


/* The ISO text of the date serial s (text) into out: "YYYY-MM-DD", with
 * " HH:MM:SS" when it has a time of day; "HH:MM:SS" alone for a time
 * (kind XF_TIME, less than a day). Returns 0 when s is not a number Excel
 * shows as a date (negative, past 9999-12-31), to be given as it is. */
int xlsx_serial_iso(const char *s, int kind, int date1904, char out[32])
{
  char *end;
  double v = strtod(s, &end);
  long days, secs;
  char iso[11];
  if(end == s || *end || !(v >= 0) || v >= 2958466.0)
    return 0;
  days = (long)v;
  secs = (long)((v - (double)days) * 86400.0 + 0.5);
  if(secs >= 86400) {
    days++;
    secs -= 86400;
  }
  /* bounded, so that the compiler sees the text fits */
  unsigned hh = (unsigned)(secs / 3600) % 24u, mm = (unsigned)(secs / 60) % 60u,
           ss = (unsigned)secs % 60u;
  if(kind == XF_TIME && days == 0) {
    snprintf(out, 32, "%02u:%02u:%02u", hh, mm, ss);
    return 1;
  }
  if(date1904)
    date_from_days((int)days - 24107, iso);          /* 1904-01-01 */
  else if(days == 0)
    memcpy(iso, "1900-01-00", 11);                   /* as Excel shows */
  else if(days == 60)
    memcpy(iso, "1900-02-29", 11);                   /* Lotus's leap day */
  else
    date_from_days((int)days - (days < 60 ? 25568 : 25569), iso);
  if(secs)
    snprintf(out, 32, "%.10s %02u:%02u:%02u", iso, hh, mm, ss);
  else
    memcpy(out, iso, 11);
  return 1;
}

/* An ISO 8601 date cell (t="d": "2024-03-05T08:30:00Z") as "YYYY-MM-DD"
 * or "YYYY-MM-DD HH:MM:SS". Returns the new length (in place). */
size_t xlsx_iso_cell(char *s, size_t n)
{
  if(n >= 19 && s[10] == 'T') {
    s[10] = ' ';
    n = 19;
    if(!memcmp(s + 11, "00:00:00", 8))
      n = 10;
  }
  s[n] = 0;
  return n;
}


size_t xlsx_number_text(char *s, size_t n)
{
  size_t digits = 0, i;
  int lead = 1;
  char buf[40];
  double v;
  if(n >= sizeof buf)
    return n;
  for(i = 0; i < n; i++) {
    char c = s[i];
    if(c >= '0' && c <= '9') {
      if(c != '0')
        lead = 0;
      if(!lead)
        digits++;
    }
    else if(c != '.' && !(c == '-' && i == 0))
      return n;                 /* an exponent, or not a plain number */
  }
  if(digits <= 15)
    return n;
  s[n] = 0;
  v = strtod(s, NULL);
  for(int prec = 15; prec <= 16; prec++) {
    size_t k;
    snprintf(buf, sizeof buf, "%.*g", prec, v);
    k = strlen(buf);
    if(strtod(buf, NULL) == v && k < n && !strpbrk(buf, "eE")) {
      memcpy(s, buf, k + 1);
      return k;
    }
  }
  return n;
}
