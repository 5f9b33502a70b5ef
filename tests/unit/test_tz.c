/* test_tz.c: zones of the tz database and POSIX TZ strings, without the
 * process's TZ. Expected values worked out from the rules: China Standard
 * Time is UTC+8 (with daylight saving from 1986 to 1991); Germany's summer
 * time runs from the last Sunday of March, 01:00 UTC, to the last Sunday
 * of October, 01:00 UTC (2100-03-28 and 2100-10-31 are Sundays: 2100-01-01
 * is a Friday); Sydney is UTC+10, +11 in the southern summer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/tz.h"

static void local_is(const char *zone, const char *utc, const char *want)
{
  tzone *z = tz_load(zone);
  if(!z)
    fail_msg("%s: not loaded", zone);
  int64_t t;
  assert_int_equal(tz_parse_utc(utc, &t), 0);
  char out[20];
  tz_format_local(z, t, out);
  if(strcmp(out, want))
    fail_msg("%s %s: %s, want %s", zone, utc, out, want);
  tz_free(z);
}

static void shanghai(void **state)
{
  (void)state;
  local_is("Asia/Shanghai", "2025-12-05T12:00:00Z", "2025-12-05 20:00:00");
  local_is("Asia/Shanghai", "2025-12-31T16:00:00Z", "2026-01-01 00:00:00");
  local_is("Asia/Shanghai", "2100-06-01T00:00:00Z", "2100-06-01 08:00:00");
  /* daylight saving in 1990 */
  local_is("Asia/Shanghai", "1990-07-01T00:00:00Z", "1990-07-01 09:00:00");
  local_is("Asia/Shanghai", "1990-12-01T00:00:00Z", "1990-12-01 08:00:00");
}

static void berlin(void **state)
{
  (void)state;
  local_is("Europe/Berlin", "2025-01-15T12:00:00Z", "2025-01-15 13:00:00");
  local_is("Europe/Berlin", "2025-03-30T00:59:59Z", "2025-03-30 01:59:59");
  local_is("Europe/Berlin", "2025-03-30T01:00:00Z", "2025-03-30 03:00:00");
  /* beyond the file's transitions: the footer's rule */
  local_is("Europe/Berlin", "2100-03-28T00:59:59Z", "2100-03-28 01:59:59");
  local_is("Europe/Berlin", "2100-03-28T01:00:00Z", "2100-03-28 03:00:00");
  local_is("Europe/Berlin", "2100-10-31T00:59:59Z", "2100-10-31 02:59:59");
  local_is("Europe/Berlin", "2100-10-31T01:00:00Z", "2100-10-31 02:00:00");
  local_is("Australia/Sydney", "2100-01-15T00:00:00Z", "2100-01-15 11:00:00");
  local_is("Australia/Sydney", "2100-07-15T00:00:00Z", "2100-07-15 10:00:00");
}

static void posix_strings(void **state)
{
  (void)state;
  local_is("CST-8", "2025-12-05T12:00:00Z", "2025-12-05 20:00:00");
  local_is("CET-1CEST,M3.5.0,M10.5.0/3", "2025-03-30T01:00:00Z",
           "2025-03-30 03:00:00");
  local_is("<+0530>-5:30", "2025-01-01T00:00:00Z", "2025-01-01 05:30:00");
  local_is("UTC0", "2025-01-01T00:00:00Z", "2025-01-01 00:00:00");
}

static void refused(void **state)
{
  (void)state;
  const char *bad[] = {"Nowhere/City", "../../etc/passwd", "/etc/passwd",
                       "", "Asia", "CST", "CST-8x"};
  for(size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tzone *z = tz_load(bad[i]);
    if(z)
      fail_msg("'%s' accepted", bad[i]);
  }
  int64_t t;
  assert_int_equal(tz_parse_utc("2025-12-05 12:00:00", &t), -1);
  assert_int_equal(tz_parse_utc("2025-02-29T12:00:00Z", &t), -1);
}

static void day_start(void **state)
{
  (void)state;
  tzone *z = tz_load("Asia/Shanghai");
  char out[21];
  assert_int_equal(tz_day_start_utc(z, "2025-12-06", out), 0);
  assert_string_equal(out, "2025-12-05T16:00:00Z");
  assert_int_equal(tz_day_start_utc(z, "2025-13-01", out), -1);
  tz_free(z);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(shanghai), cmocka_unit_test(berlin),
    cmocka_unit_test(posix_strings), cmocka_unit_test(refused),
    cmocka_unit_test(day_start)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
