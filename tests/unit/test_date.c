/* test_date.c: date and month parsing, day arithmetic, adding months.
 * Expected values are worked out by hand (see the comments). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "base/date.h"

static void date_ok(const char *in, const char *want)
{
  char out[11];
  const char *err;
  memset(out, 'x', sizeof(out));
  err = date_parse(in, strlen(in), out);
  if(err)
    fail_msg("'%s': unexpected error '%s'", in, err);
  assert_string_equal(out, want);
}

static void date_bad(const char *in, const char *msg)
{
  char out[11];
  const char *err;
  memset(out, 'x', sizeof(out));
  err = date_parse(in, strlen(in), out);
  if(!err)
    fail_msg("'%s': accepted, want '%s'", in, msg);
  if(strcmp(err, msg))
    fail_msg("'%s': error '%s', want '%s'", in, err, msg);
  /* nothing was written */
  for(size_t i = 0; i < sizeof(out); i++)
    assert_int_equal(out[i], 'x');
}

static void month_ok(const char *in, const char *want)
{
  char out[8];
  const char *err;
  memset(out, 'x', sizeof(out));
  err = month_parse(in, strlen(in), out);
  if(err)
    fail_msg("'%s': unexpected error '%s'", in, err);
  assert_string_equal(out, want);
}

static void month_bad(const char *in, const char *msg)
{
  char out[8];
  const char *err;
  memset(out, 'x', sizeof(out));
  err = month_parse(in, strlen(in), out);
  if(!err)
    fail_msg("'%s': accepted, want '%s'", in, msg);
  if(strcmp(err, msg))
    fail_msg("'%s': error '%s', want '%s'", in, err, msg);
  for(size_t i = 0; i < sizeof(out); i++)
    assert_int_equal(out[i], 'x');
}

static const char NOT_DATE[] = "not a date (use YYYY-MM-DD)";
static const char NO_DATE[] = "no such date";

static void test_date_forms(void **state)
{
  (void)state;
  date_ok("2024-03-05", "2024-03-05");
  date_ok("2024/3/5", "2024-03-05");
  date_ok("2024/03/05", "2024-03-05");
  date_ok("2024.3.5", "2024-03-05");
  date_ok("2024-3-5", "2024-03-05");
  date_ok("2024年3月5日", "2024-03-05");
  date_ok("2024年03月05日", "2024-03-05");
  date_ok("２０２４－０３－０５", "2024-03-05");
  date_ok("２０２４年３月５日", "2024-03-05");
  date_ok("２０２４／３／５", "2024-03-05");
  date_ok("  2024-03-05 ", "2024-03-05");
  date_ok("\xe3\x80\x80" "2024-03-05\xe3\x80\x80", "2024-03-05");
  date_ok("2024-12-31", "2024-12-31");
}

static void test_date_midnight(void **state)
{
  (void)state;
  /* Excel writes dates with a time of day of midnight */
  date_ok("2019/3/5 0:00", "2019-03-05");
  date_ok("2019-03-05 00:00:00", "2019-03-05");
  date_ok("2019-03-05 0:00:00", "2019-03-05");
  date_ok("2019/3/5  0:00", "2019-03-05");
  date_ok("2019年3月5日 0:00", "2019-03-05");
  date_ok("２０１９／３／５　０：００", "2019-03-05");
  date_bad("2019/3/5 0:01", "time of day other than 0:00");
  date_bad("2019/3/5 12:00", "time of day other than 0:00");
  date_bad("2019-03-05 00:00:01", "time of day other than 0:00");
  date_bad("2019/3/5 0:0", NOT_DATE);
  date_bad("2019/3/5 0:00 x", NOT_DATE);
  date_bad("2019/3/5 0:00:", NOT_DATE);
  date_bad("2019/3/5 0", NOT_DATE);
  date_bad("2019/3/5 0:60", NOT_DATE);
  date_bad("2019/3/5 000:00", NOT_DATE);
  date_bad("2019/3/5 abc", NOT_DATE);
  date_bad("2019/3/5T00:00", NOT_DATE);
}

static void test_date_leap(void **state)
{
  (void)state;
  /* 2000: divisible by 400, leap; 1900: by 100 not 400, not leap;
   * 2024: by 4, leap; 2023: not leap */
  date_ok("2000-02-29", "2000-02-29");
  date_bad("1900-02-29", NO_DATE);
  date_ok("1900-02-28", "1900-02-28");
  date_ok("2024-02-29", "2024-02-29");
  date_ok("2024年2月29日", "2024-02-29");
  date_bad("2023-02-29", NO_DATE);
  date_bad("2023年2月29日", NO_DATE);
  date_bad("2024-02-30", NO_DATE);
}

static void test_date_invalid(void **state)
{
  (void)state;
  date_bad("2023-13-01", NO_DATE);
  date_bad("2023-00-10", NO_DATE);
  date_bad("2023-01-00", NO_DATE);
  date_bad("2023-01-32", NO_DATE);
  date_bad("2023-04-31", NO_DATE);
  date_bad("2023-06-31", NO_DATE);
  date_bad("1899-12-31", "year out of range (1900-2999)");
  date_bad("3000-01-01", "year out of range (1900-2999)");
  date_ok("1900-01-01", "1900-01-01");
  date_ok("2999-12-31", "2999-12-31");
  date_bad("", "empty");
  date_bad("  ", "empty");
  date_bad("2024-3/5", NOT_DATE);
  date_bad("2024/3-5", NOT_DATE);
  date_bad("2024年3-5", NOT_DATE);
  date_bad("2024年3月5", NOT_DATE);
  date_bad("2024年3月5号", NOT_DATE);
  date_bad("24-3-5", NOT_DATE);
  date_bad("02024-03-05", NOT_DATE);
  date_bad("2024-003-05", NOT_DATE);
  date_bad("2024-03-005", NOT_DATE);
  date_bad("20240305", NOT_DATE);
  date_bad("2024-03", NOT_DATE);
  date_bad("2024-03-", NOT_DATE);
  date_bad("2024-03-05x", NOT_DATE);
  date_bad("2024-03-05-", NOT_DATE);
  date_bad("2024 03 05", NOT_DATE);
  date_bad("45356", NOT_DATE);
  date_bad("yesterday", NOT_DATE);
  {
    char out[11] = "xxxxxxxxxx";
    assert_string_equal(date_parse("2024-03-05\0", 11, out), NOT_DATE);
  }
}

static void test_month(void **state)
{
  (void)state;
  month_ok("2023-12", "2023-12");
  month_ok("2023/12", "2023-12");
  month_ok("2023.12", "2023-12");
  month_ok("2023年12月", "2023-12");
  month_ok("２０２３年１２月", "2023-12");
  month_ok("２０２３－１２", "2023-12");
  month_ok("2023-1", "2023-01");
  month_ok(" 2023/01 ", "2023-01");
  month_ok("1900-01", "1900-01");
  month_ok("2999-12", "2999-12");
  month_bad("2023-13", "no such month");
  month_bad("2023-00", "no such month");
  month_bad("1899-12", "year out of range (1900-2999)");
  month_bad("2023-12-01", "not a month (use YYYY-MM)");
  month_bad("2023年12", "not a month (use YYYY-MM)");
  month_bad("2023-123", "not a month (use YYYY-MM)");
  month_bad("2023", "not a month (use YYYY-MM)");
  month_bad("202312", "not a month (use YYYY-MM)");
  month_bad("2023-", "not a month (use YYYY-MM)");
  month_bad("", "empty");
}

static void test_leap_and_month_days(void **state)
{
  (void)state;
  assert_int_equal(date_is_leap(2000), 1);
  assert_int_equal(date_is_leap(1900), 0);
  assert_int_equal(date_is_leap(2024), 1);
  assert_int_equal(date_is_leap(2023), 0);
  assert_int_equal(date_is_leap(2100), 0);
  assert_int_equal(date_is_leap(2400), 1);
  assert_int_equal(date_month_days(2024, 2), 29);
  assert_int_equal(date_month_days(2023, 2), 28);
  assert_int_equal(date_month_days(1900, 2), 28);
  assert_int_equal(date_month_days(2000, 2), 29);
  assert_int_equal(date_month_days(2023, 1), 31);
  assert_int_equal(date_month_days(2023, 4), 30);
  assert_int_equal(date_month_days(2023, 12), 31);
}

static void test_days(void **state)
{
  char out[11];
  (void)state;
  assert_int_equal(date_days("1970-01-01"), 0);
  assert_int_equal(date_days("1970-01-02"), 1);
  assert_int_equal(date_days("1969-12-31"), -1);
  /* 1970..1999: 30 years, 7 leap (1972..1996): 30*365+7 = 10957;
   * then January 31 + February 29 = 60 days */
  assert_int_equal(date_days("2000-01-01"), 10957);
  assert_int_equal(date_days("2000-03-01"), 11017);
  /* 1900..1969: 70 years, 17 leap (1904..1968; 1900 is not):
   * 70*365+17 = 25567 days before 1970 */
  assert_int_equal(date_days("1900-01-01"), -25567);
  /* 1970..2023: 54 years, 13 leap (1972..2020): 19723; + 31 + 29 + 4 */
  assert_int_equal(date_days("2024-03-05"), 19787);

  date_from_days(0, out);
  assert_string_equal(out, "1970-01-01");
  date_from_days(-1, out);
  assert_string_equal(out, "1969-12-31");
  date_from_days(11017, out);
  assert_string_equal(out, "2000-03-01");
  date_from_days(11016, out);
  assert_string_equal(out, "2000-02-29");
  date_from_days(-25567, out);
  assert_string_equal(out, "1900-01-01");
  date_from_days(19787, out);
  assert_string_equal(out, "2024-03-05");
}

/* Walks every day from 1900-01-01 to 2999-12-31 by hand-rolled calendar
 * stepping and checks date_days and date_from_days against it. */
static void test_days_every_day(void **state)
{
  int y = 1900, m = 1, d = 1, n = -25567;
  char iso[11], out[11];
  (void)state;

  while(y < 3000) {
    iso[0] = (char)('0' + y / 1000);
    iso[1] = (char)('0' + y / 100 % 10);
    iso[2] = (char)('0' + y / 10 % 10);
    iso[3] = (char)('0' + y % 10);
    iso[4] = '-';
    iso[5] = (char)('0' + m / 10);
    iso[6] = (char)('0' + m % 10);
    iso[7] = '-';
    iso[8] = (char)('0' + d / 10);
    iso[9] = (char)('0' + d % 10);
    iso[10] = 0;
    if(date_days(iso) != n)
      fail_msg("%s: %d days, want %d", iso, date_days(iso), n);
    date_from_days(n, out);
    if(strcmp(out, iso))
      fail_msg("%d: %s, want %s", n, out, iso);
    if(++d > date_month_days(y, m)) {
      d = 1;
      if(++m > 12) {
        m = 1;
        y++;
      }
    }
    n++;
  }
  /* 1900..2999 is 1100 years; multiples of 4 from 1900 to 2996 are
   * (2996 - 1900) / 4 + 1 = 275, less the centuries not divisible by 400
   * (1900, 2100, 2200, 2300, 2500, 2600, 2700, 2900) = 267 leap years:
   * 1100 * 365 + 267 = 401767 days */
  assert_int_equal(n - (-25567), 401767);
}

static void test_split(void **state)
{
  int y = 0, m = 0, d = 0;
  (void)state;
  date_split("2024-03-05", &y, &m, &d);
  assert_int_equal(y, 2024);
  assert_int_equal(m, 3);
  assert_int_equal(d, 5);
  y = m = 0;
  date_split("2023-12", &y, &m, NULL);
  assert_int_equal(y, 2023);
  assert_int_equal(m, 12);
}

static void add_is(const char *iso, int months, const char *want)
{
  char out[11];
  date_add_months(iso, months, out);
  assert_string_equal(out, want);
}

static void test_add_months(void **state)
{
  (void)state;
  add_is("2024-01-31", 1, "2024-02-29");   /* clamped, leap year */
  add_is("2023-01-31", 1, "2023-02-28");   /* clamped */
  add_is("2024-03-31", -1, "2024-02-29");
  add_is("2024-03-31", 1, "2024-04-30");
  add_is("2024-05-15", 12, "2025-05-15");
  add_is("2024-01-15", -1, "2023-12-15");
  add_is("2024-12-31", 2, "2025-02-28");
  add_is("2024-02-29", 12, "2025-02-28");
  add_is("2024-02-29", 48, "2028-02-29");
  add_is("2024-03-05", 0, "2024-03-05");
  add_is("2020-06-15", 120, "2030-06-15");
  add_is("2020-06-15", -126, "2009-12-15");
}

static void test_today(void **state)
{
  char out[11], check[11];
  time_t t = time(NULL);
  int days = (int)(t / 86400);
  int got;
  (void)state;

  date_today(out);
  /* well-formed, and a real date */
  assert_null(date_parse(out, strlen(out), check));
  assert_string_equal(out, check);
  /* within a day of the UTC date, whatever the time zone */
  got = date_days(out);
  assert_true(got >= days - 1 && got <= days + 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_date_forms),
    cmocka_unit_test(test_date_midnight),
    cmocka_unit_test(test_date_leap),
    cmocka_unit_test(test_date_invalid),
    cmocka_unit_test(test_month),
    cmocka_unit_test(test_leap_and_month_days),
    cmocka_unit_test(test_days),
    cmocka_unit_test(test_days_every_day),
    cmocka_unit_test(test_split),
    cmocka_unit_test(test_add_months),
    cmocka_unit_test(test_today),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
