/* test_money.c: money, area, rate and integer parsing and formatting,
 * and the rounding helpers. Expected values are worked out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/money.h"

typedef const char *(*parse_fn)(const char *, size_t, int64_t *);

/* A value no parser produces from the inputs below: proves that a failed
 * parse left the output alone. */
#define UNTOUCHED ((int64_t)-777777)

static void parses(parse_fn fn, const char *in, int64_t want)
{
  int64_t v = UNTOUCHED;
  const char *err = fn(in, strlen(in), &v);
  if(err)
    fail_msg("'%s': unexpected error '%s'", in, err);
  if(v != want)
    fail_msg("'%s': got %lld, want %lld", in, (long long)v, (long long)want);
}

static void fails(parse_fn fn, const char *in, const char *msg)
{
  int64_t v = UNTOUCHED;
  const char *err = fn(in, strlen(in), &v);
  if(!err)
    fail_msg("'%s': accepted as %lld, want '%s'", in, (long long)v, msg);
  if(strcmp(err, msg))
    fail_msg("'%s': error '%s', want '%s'", in, err, msg);
  assert_true(v == UNTOUCHED);
}

static void test_money_valid(void **state)
{
  (void)state;
  parses(money_parse, "1234.5", 123450);
  parses(money_parse, "1,234.56", 123456);
  parses(money_parse, "¥1234", 123400);
  parses(money_parse, "￥1,234", 123400);
  parses(money_parse, "１２３４．５６", 123456);
  parses(money_parse, "-12.00", -1200);
  parses(money_parse, "12元", 1200);
  parses(money_parse, "12.5 元", 1250);
  parses(money_parse, "  12.3  ", 1230);
  parses(money_parse, "\t12\r\n", 1200);
  /* U+3000 around the number */
  parses(money_parse, "\xe3\x80\x80１２３\xe3\x80\x80", 12300);
  parses(money_parse, "１，２３４．５６元", 123456);
  parses(money_parse, "－５", -500);
  parses(money_parse, "-¥5", -500);
  parses(money_parse, "¥-5", -500);
  parses(money_parse, "¥ 5", 500);
  parses(money_parse, "+5", 500);
  parses(money_parse, "0", 0);
  parses(money_parse, "-0", 0);
  parses(money_parse, "0.01", 1);
  parses(money_parse, "0.1", 10);
  parses(money_parse, "007", 700);
  parses(money_parse, "1,000,000", 100000000);
  parses(money_parse, "999,999.99", 99999999);
}

static void test_money_limits(void **state)
{
  (void)state;
  /* INT64_MAX fen = 9223372036854775807 = 92233720368547758.07 yuan */
  parses(money_parse, "92233720368547758.07", INT64_MAX);
  parses(money_parse, "92,233,720,368,547,758.07", INT64_MAX);
  parses(money_parse, "-92233720368547758.07", -INT64_MAX);
  fails(money_parse, "92233720368547758.08", "number too large");
  /* 10^17 yuan = 10^19 fen > 9.22 * 10^18 */
  fails(money_parse, "100000000000000000", "number too large");
  fails(money_parse, "99999999999999999999999999", "number too large");
}

static void test_money_invalid(void **state)
{
  (void)state;
  fails(money_parse, "", "empty");
  fails(money_parse, "   ", "empty");
  fails(money_parse, "\xe3\x80\x80", "empty");
  fails(money_parse, "12.345", "more than 2 decimals");
  fails(money_parse, "12.340", "more than 2 decimals");
  fails(money_parse, "１２．３４５", "more than 2 decimals");
  fails(money_parse, "abc", "not an amount");
  fails(money_parse, "12a", "not an amount");
  fails(money_parse, "12.", "not an amount");
  fails(money_parse, ".5", "not an amount");
  fails(money_parse, "1.2.3", "not an amount");
  fails(money_parse, "--5", "not an amount");
  fails(money_parse, "-¥-5", "not an amount");
  fails(money_parse, "1 234", "not an amount");
  fails(money_parse, "¥", "not an amount");
  fails(money_parse, "-", "not an amount");
  fails(money_parse, "元", "not an amount");
  fails(money_parse, "12元元", "not an amount");
  fails(money_parse, "12元3", "not an amount");
  fails(money_parse, "1e5", "not an amount");
  fails(money_parse, "12%", "not an amount");
  fails(money_parse, "5¥", "not an amount");
  fails(money_parse, "一百", "not an amount");
  fails(money_parse, "0x10", "not an amount");
  /* a NUL byte inside the cell */
  {
    int64_t v = UNTOUCHED;
    assert_string_equal(money_parse("1\0" "2", 3, &v), "not an amount");
    assert_true(v == UNTOUCHED);
  }
  fails(money_parse, "1,23", "misplaced thousands separator");
  fails(money_parse, "12,34.5", "misplaced thousands separator");
  fails(money_parse, "1234,567", "misplaced thousands separator");
  fails(money_parse, "1,2345", "misplaced thousands separator");
  fails(money_parse, ",123", "misplaced thousands separator");
  fails(money_parse, "1,,234", "misplaced thousands separator");
  fails(money_parse, "1,234,", "misplaced thousands separator");
  fails(money_parse, "1,234,56", "misplaced thousands separator");
  fails(money_parse, "1.2,3", "misplaced thousands separator");
  fails(money_parse, "１，２３", "misplaced thousands separator");
}

/* 万元: 1万元 = 10^6 fen, so 6 decimals of 万元 are whole fen. */
static void test_money_wan(void **state)
{
  (void)state;
  parses(money_parse, "3.5万", 3500000);
  parses(money_parse, "3.5万元", 3500000);
  parses(money_parse, " 3.5 万元 ", 3500000);
  parses(money_parse, "１２万", 12000000);
  parses(money_parse, "0.000001万", 1);
  parses(money_parse, "-2万", -2000000);
  parses(money_parse, "1,234.567891万", 1234567891);
  fails(money_parse, "1.2345678万",
        "more than 6 decimals of 万元 (0.000001万元 is one fen): not rounded");
  fails(money_parse, "1.0000000万",
        "more than 6 decimals of 万元 (0.000001万元 is one fen): not rounded");
  fails(money_parse, "3.5万万", "not an amount");
  fails(money_parse, "3.5元万", "not an amount");
  fails(money_parse, "万", "not an amount");
  /* 922337203685.4775807万 is INT64_MAX fen, but has 7 decimals */
  parses(money_parse, "9223372036854.775807万", INT64_MAX);
  fails(money_parse, "9223372036854.775808万", "number too large");
  /* A column in 万元: a bare number is 万元, a cell naming 元 is 元. */
  parses(money_parse_wan, "3.5", 3500000);
  parses(money_parse_wan, "3.5万元", 3500000);
  parses(money_parse_wan, "800元", 80000);
  parses(money_parse_wan, "0.000001", 1);
  fails(money_parse_wan, "0.0000001",
        "more than 6 decimals of 万元 (0.000001万元 is one fen): not rounded");
  fails(money_parse_wan, "800.001元", "more than 2 decimals");
}

/* Years as months in 1/10000: the caller refuses what is not whole. */
static void test_years(void **state)
{
  (void)state;
  parses(years_parse, "5", 600000);
  parses(years_parse, "2.5", 300000);
  parses(years_parse, "2.5年", 300000);
  parses(years_parse, "0.25", 30000);
  parses(years_parse, "0.1", 12000); /* 1.2 months */
  parses(years_parse, "0", 0);
  fails(years_parse, "-1", "negative");
  fails(years_parse, "五年", "not a number of years");
  fails(years_parse, "1.23456", "more than 4 decimals");
  fails(years_parse, "", "empty");
}

static void test_money_only_n_bytes(void **state)
{
  int64_t v = 0;
  (void)state;
  /* the cell is "12" of "12.345": bytes past n are not read */
  assert_null(money_parse("12.345", 2, &v));
  assert_true(v == 1200);
}

static void test_area(void **state)
{
  (void)state;
  /* 1/10000 mu */
  parses(area_parse, "12.5", 125000);
  parses(area_parse, "12", 120000);
  parses(area_parse, "12.3456", 123456);
  parses(area_parse, "0.0001", 1);
  parses(area_parse, "0", 0);
  parses(area_parse, "１２．５", 125000);
  parses(area_parse, "12.5亩", 125000);
  parses(area_parse, "1,234.5", 12345000);
  parses(area_parse, " 3.25 ", 32500);
  /* INT64_MAX / 10000 = 922337203685477.5807 */
  parses(area_parse, "922337203685477.5807", INT64_MAX);
  fails(area_parse, "922337203685477.5808", "number too large");
  fails(area_parse, "12.34567", "more than 4 decimals");
  fails(area_parse, "-1", "negative area");
  fails(area_parse, "－0.5", "negative area");
  fails(area_parse, "abc", "not a number");
  fails(area_parse, "12元", "not a number");
  fails(area_parse, "¥12", "not a number");
  fails(area_parse, "", "empty");
  fails(area_parse, "1,23", "misplaced thousands separator");
}

static void test_rate(void **state)
{
  (void)state;
  /* percent * 10000 = ppm */
  parses(rate_parse, "4.35", 43500);
  parses(rate_parse, "4.35%", 43500);
  parses(rate_parse, "4.35 %", 43500);
  parses(rate_parse, "４．３５％", 43500);
  parses(rate_parse, "5", 50000);
  parses(rate_parse, "100", 1000000);
  parses(rate_parse, "0.0001", 1);
  parses(rate_parse, "0", 0);
  fails(rate_parse, "4.35001", "more than 4 decimals");
  fails(rate_parse, "-1", "negative rate");
  fails(rate_parse, "4.35%%", "not a number");
  fails(rate_parse, "%", "not a number");
  fails(rate_parse, "%5", "not a number");
  fails(rate_parse, "five", "not a number");
  fails(rate_parse, "", "empty");
}

static void test_int(void **state)
{
  (void)state;
  parses(int_parse, "42", 42);
  parses(int_parse, "-7", -7);
  parses(int_parse, "+7", 7);
  parses(int_parse, "４２", 42);
  parses(int_parse, "－４２", -42);
  parses(int_parse, " 120 ", 120);
  parses(int_parse, "1,000", 1000);
  parses(int_parse, "0", 0);
  parses(int_parse, "9223372036854775807", INT64_MAX);
  parses(int_parse, "-9223372036854775807", -INT64_MAX);
  fails(int_parse, "9223372036854775808", "number too large");
  fails(int_parse, "12.5", "not a whole number");
  fails(int_parse, "12.0", "not a whole number");
  fails(int_parse, "x", "not a number");
  fails(int_parse, "12个", "not a number");
  fails(int_parse, "¥12", "not a number");
  fails(int_parse, "12%", "not a number");
  fails(int_parse, "", "empty");
  fails(int_parse, "1,00", "misplaced thousands separator");
}

static void formats(char *(*fn)(int64_t, char *), int64_t v, const char *want)
{
  char buf[32];
  memset(buf, 'x', sizeof(buf));
  assert_ptr_equal(fn(v, buf), buf);
  assert_string_equal(buf, want);
}

static void test_format(void **state)
{
  (void)state;
  formats(money_format, 123450, "1234.50");
  formats(money_format, 0, "0.00");
  formats(money_format, 5, "0.05");
  formats(money_format, -5, "-0.05");
  formats(money_format, -123456, "-1234.56");
  formats(money_format, INT64_MAX, "92233720368547758.07");
  formats(money_format, INT64_MIN, "-92233720368547758.08");

  formats(money_format_grouped, 123456789, "1,234,567.89");
  formats(money_format_grouped, 100000, "1,000.00");
  formats(money_format_grouped, 99999, "999.99");
  formats(money_format_grouped, 0, "0.00");
  formats(money_format_grouped, -123456789, "-1,234,567.89");
  formats(money_format_grouped, -100, "-1.00");
  formats(money_format_grouped, INT64_MIN, "-92,233,720,368,547,758.08");

  formats(area_format, 125000, "12.5");
  formats(area_format, 120000, "12");
  formats(area_format, 123456, "12.3456");
  formats(area_format, 1, "0.0001");
  formats(area_format, 0, "0");
  formats(area_format, 10, "0.001");
  formats(area_format, 100000000, "10000");

  formats(rate_format, 43500, "4.35");
  formats(rate_format, 1000000, "100");
  formats(rate_format, 50000, "5");
  formats(rate_format, 1, "0.0001");
  formats(rate_format, 0, "0");
}

static void test_round_trip(void **state)
{
  static const int64_t money[] = {
    0, 1, -1, 9, 10, 99, 100, 101, 123450, -123456, 99999999, 100000000,
    123456789012, INT64_MAX, -INT64_MAX
  };
  static const int64_t area[] = {
    0, 1, 10, 9999, 10000, 125000, 123456, 100000000, INT64_MAX
  };
  char buf[32];
  (void)state;

  /* format first: the order arguments are evaluated in is unspecified */
  for(size_t i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
    int64_t v = 0;
    money_format(money[i], buf);
    assert_null(money_parse(buf, strlen(buf), &v));
    assert_true(v == money[i]);
    v = 0;
    money_format_grouped(money[i], buf);
    assert_null(money_parse(buf, strlen(buf), &v));
    assert_true(v == money[i]);
  }
  for(size_t i = 0; i < sizeof(area) / sizeof(area[0]); i++) {
    int64_t v = -1;
    area_format(area[i], buf);
    assert_null(area_parse(buf, strlen(buf), &v));
    assert_true(v == area[i]);
    v = -1;
    rate_format(area[i], buf);
    assert_null(rate_parse(buf, strlen(buf), &v));
    assert_true(v == area[i]);
  }
}

static void test_div_round(void **state)
{
  (void)state;
  assert_true(div_round(5, 2) == 3);       /* 2.5 -> 3 */
  assert_true(div_round(-5, 2) == -3);     /* -2.5 -> -3, away from zero */
  assert_true(div_round(4, 3) == 1);       /* 1.33 */
  assert_true(div_round(5, 3) == 2);       /* 1.67 */
  assert_true(div_round(-4, 3) == -1);
  assert_true(div_round(-5, 3) == -2);
  assert_true(div_round(1, 2) == 1);       /* 0.5 -> 1 */
  assert_true(div_round(-1, 2) == -1);
  assert_true(div_round(1, 3) == 0);
  assert_true(div_round(0, 7) == 0);
  assert_true(div_round(95000, 36) == 2639);    /* 2638.89 */
  assert_true(div_round(11400000, 120) == 95000);
  assert_true(div_round(INT64_MAX, 1) == INT64_MAX);
  /* (2^63 - 1) / 2 = 2^62 - 0.5 -> 2^62 */
  assert_true(div_round(INT64_MAX, 2) == ((int64_t)1 << 62));
  assert_true(div_round(-INT64_MAX, 2) == -((int64_t)1 << 62));
}

static void test_muldiv_round(void **state)
{
  (void)state;
  /* 120,000.00 yuan * 95% = 114,000.00 yuan */
  assert_true(muldiv_round(12000000, 950000, 1000000) == 11400000);
  assert_true(muldiv_round(3, 1, 2) == 2);       /* 1.5 -> 2 */
  assert_true(muldiv_round(-3, 1, 2) == -2);
  assert_true(muldiv_round(3, -1, 2) == -2);
  assert_true(muldiv_round(1, 43500, 1000000) == 0);   /* 0.0435 */
  /* 30 fen * 95% = 28.5 fen -> 29 */
  assert_true(muldiv_round(30, 950000, 1000000) == 29);
  /* 10^14 * 10^8 = 10^22 overflows int64 in between; / 10^6 = 10^16 */
  assert_true(muldiv_round(100000000000000, 100000000, 1000000)
              == 10000000000000000);
  assert_true(muldiv_round(INT64_MAX, INT64_MAX, INT64_MAX) == INT64_MAX);
  /* (2^63 - 1) * 2 / 4 = 2^62 - 0.5 -> 2^62 */
  assert_true(muldiv_round(INT64_MAX, 2, 4) == ((int64_t)1 << 62));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_money_valid),
    cmocka_unit_test(test_money_limits),
    cmocka_unit_test(test_money_invalid),
    cmocka_unit_test(test_money_wan),
    cmocka_unit_test(test_years),
    cmocka_unit_test(test_money_only_n_bytes),
    cmocka_unit_test(test_area),
    cmocka_unit_test(test_rate),
    cmocka_unit_test(test_int),
    cmocka_unit_test(test_format),
    cmocka_unit_test(test_round_trip),
    cmocka_unit_test(test_div_round),
    cmocka_unit_test(test_muldiv_round),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
