/* test_depreciation.c: straight-line monthly depreciation (doc/domain.md).
 * Every expected value is worked out by hand in the comment beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/depreciation.h"

static void acc_is(const depr_in *in, const char *asof, int64_t want)
{
  int64_t got = depr_accumulated(in, asof);
  if(got != want)
    fail_msg("as of %s: accumulated %lld, want %lld", asof, (long long)got,
             (long long)want);
}

/* doc/domain.md's worked example: original 120,000.00, life 120, residual 5%,
 * acquired 2020-06-15. depreciable = 12,000,000 fen * 95% = 11,400,000;
 * monthly = 11,400,000 / 120 = 95,000 fen = 950.00, from July 2020. */
static const depr_in example = {
  12000000, 50000, 120, "2020-06-15", 0, NULL, NULL
};

static void test_worked_example(void **state)
{
  (void)state;
  assert_true(depr_monthly(&example) == 95000);
  /* July..December 2020 = 6 months, 2021..2025 = 60 months: 66 months;
   * 66 * 95,000 = 6,270,000 fen = 62,700.00 */
  acc_is(&example, "2025-12-31", 6270000);
  /* net = 12,000,000 - 6,270,000 = 5,730,000 fen = 57,300.00 */
  assert_true(example.original - depr_accumulated(&example, "2025-12-31")
              == 5730000);
}

static void test_starts_month_after_acquisition(void **state)
{
  (void)state;
  /* the month of acquisition is not charged */
  acc_is(&example, "2020-06-30", 0);
  /* July has not ended on the 30th */
  acc_is(&example, "2020-07-30", 0);
  acc_is(&example, "2020-07-31", 95000);
  /* before acquisition */
  acc_is(&example, "2019-01-01", 0);
  /* 2020-12-31: July..December = 6 months = 570,000 */
  acc_is(&example, "2020-12-31", 570000);
  /* 2021-01-15: January has not ended, still 6 months */
  acc_is(&example, "2021-01-15", 570000);
}

/* Original 1000.00 = 100,000 fen, residual 5%, life 36:
 * depreciable = 95,000 fen; monthly = round(95,000 / 36 = 2638.89) = 2639. */
static void test_month_end_acquisition(void **state)
{
  depr_in in = { 100000, 50000, 36, "2020-01-31", 0, NULL, NULL };
  (void)state;
  assert_true(depr_monthly(&in) == 2639);
  /* acquired on the last day of January: January is not charged */
  acc_is(&in, "2020-01-31", 0);
  /* February 2020 has 29 days: not ended on the 28th */
  acc_is(&in, "2020-02-28", 0);
  /* one charge, February 2020 */
  acc_is(&in, "2020-02-29", 2639);
}

static void test_last_charge_is_remainder(void **state)
{
  /* 1000.00, 5%, 36 months, acquired 2021-01-10: first charge February
   * 2021. Month 35 is February 2021 + 34 months = December 2023;
   * 35 * 2639 = 92,365. Month 36 is January 2024 and charges the remainder
   * 95,000 - 92,365 = 2,635 (not 2,639), so the total is 95,000 exactly. */
  depr_in in = { 100000, 50000, 36, "2021-01-10", 0, NULL, NULL };
  (void)state;
  acc_is(&in, "2021-02-28", 2639);
  acc_is(&in, "2021-12-31", 11 * 2639);   /* Feb..Dec 2021 = 11 months */
  acc_is(&in, "2023-12-31", 92365);
  acc_is(&in, "2024-01-30", 92365);
  acc_is(&in, "2024-01-31", 95000);
  acc_is(&in, "2024-02-29", 95000);
  acc_is(&in, "2030-12-31", 95000);
}

static void test_rounded_down_charge(void **state)
{
  /* original 1.00 = 100 fen, no residual, life 3:
   * monthly = round(33.33) = 33. Charging goes on until the accumulated
   * amount reaches the depreciable amount: 33, 66, 99, then the remainder
   * 1 in the fourth month (doc/domain.md: "stops once the accumulated amount
   * reaches the depreciable amount"). Acquired 2023-05-20: first charge
   * June 2023. */
  depr_in in = { 100, 0, 3, "2023-05-20", 0, NULL, NULL };
  (void)state;
  assert_true(depr_monthly(&in) == 33);
  acc_is(&in, "2023-06-30", 33);
  acc_is(&in, "2023-08-31", 99);
  acc_is(&in, "2023-09-30", 100);
  acc_is(&in, "2024-12-31", 100);
}

static void test_depreciable_rounds_half_up(void **state)
{
  /* 30 fen * 95% = 28.5 fen -> 29; life 1 -> monthly 29 */
  depr_in in = { 30, 50000, 1, "2023-12-01", 0, NULL, NULL };
  (void)state;
  assert_true(depr_monthly(&in) == 29);
  acc_is(&in, "2024-01-31", 29);
  acc_is(&in, "2025-01-31", 29);
}

static void test_opening(void **state)
{
  /* 120,000.00, 5%, 120 months, acquired 2015-03-10, registered with
   * 50,000.00 accumulated through 2022-12. Charging resumes January 2023
   * at 95,000 a month. */
  depr_in in = { 12000000, 50000, 120, "2015-03-10", 5000000, "2022-12",
                 NULL };
  (void)state;
  acc_is(&in, "2022-12-31", 5000000);
  /* before the opening month: the opening amount is never reduced */
  acc_is(&in, "2016-06-30", 5000000);
  /* 2023: 12 months * 95,000 = 1,140,000 -> 6,140,000 */
  acc_is(&in, "2023-12-31", 6140000);
  /* left to charge: 11,400,000 - 5,000,000 = 6,400,000 = 67 * 95,000
   * (6,365,000) + 35,000. Month 67 from January 2023 is July 2028
   * (January 2023 + 66 months); month 68, August 2028, charges 35,000. */
  acc_is(&in, "2028-07-31", 5000000 + 6365000);
  acc_is(&in, "2028-08-31", 11400000);
  acc_is(&in, "2035-12-31", 11400000);
}

static void test_opening_over_depreciable(void **state)
{
  /* an opening amount above the depreciable amount stays as it is */
  depr_in in = { 12000000, 50000, 120, "2015-03-10", 11500000, "2022-12",
                 NULL };
  (void)state;
  acc_is(&in, "2030-12-31", 11500000);
  /* equal to it: nothing more */
  in.opening_acc = 11400000;
  acc_is(&in, "2030-12-31", 11400000);
}

static void test_opening_empty_through(void **state)
{
  /* "" means no opening month: charging starts after acquisition */
  depr_in in = example;
  in.opening_through = "";
  (void)state;
  acc_is(&in, "2025-12-31", 6270000);
}

static void test_life_zero(void **state)
{
  depr_in in = { 12000000, 50000, 0, "2020-06-15", 0, NULL, NULL };
  (void)state;
  assert_true(depr_monthly(&in) == 0);
  acc_is(&in, "2025-12-31", 0);
  /* land and the like with a registered amount keep it */
  in.opening_acc = 300000;
  in.opening_through = "2022-12";
  acc_is(&in, "2025-12-31", 300000);
}

static void test_disposal(void **state)
{
  /* the worked example disposed of on 2021-03-20: March 2021 is still
   * charged, then nothing. July 2020..March 2021 = 9 months = 855,000 */
  depr_in in = example;
  in.disposed_on = "2021-03-20";
  (void)state;
  acc_is(&in, "2025-12-31", 855000);
  /* July 2020..February 2021 = 8 months = 760,000 */
  acc_is(&in, "2021-02-28", 760000);
  /* March has not ended on the 25th */
  acc_is(&in, "2021-03-25", 760000);
  acc_is(&in, "2021-03-31", 855000);
  acc_is(&in, "2021-04-30", 855000);
}

static void test_disposal_in_acquisition_month(void **state)
{
  /* bought and disposed of in June 2020: no month is charged */
  depr_in in = example;
  in.disposed_on = "2020-06-28";
  (void)state;
  acc_is(&in, "2025-12-31", 0);
}

static void test_year_boundary(void **state)
{
  /* acquired 2020-12-31: first charge January 2021 */
  depr_in in = example;
  in.acquired_on = "2020-12-31";
  (void)state;
  acc_is(&in, "2020-12-31", 0);
  acc_is(&in, "2021-01-31", 95000);
  /* January 2021..December 2030 = 120 months = the whole life */
  acc_is(&in, "2030-11-30", 119 * 95000);
  acc_is(&in, "2030-12-31", 11400000);
  acc_is(&in, "2031-12-31", 11400000);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_worked_example),
    cmocka_unit_test(test_starts_month_after_acquisition),
    cmocka_unit_test(test_month_end_acquisition),
    cmocka_unit_test(test_last_charge_is_remainder),
    cmocka_unit_test(test_rounded_down_charge),
    cmocka_unit_test(test_depreciable_rounds_half_up),
    cmocka_unit_test(test_opening),
    cmocka_unit_test(test_opening_over_depreciable),
    cmocka_unit_test(test_opening_empty_through),
    cmocka_unit_test(test_life_zero),
    cmocka_unit_test(test_disposal),
    cmocka_unit_test(test_disposal_in_acquisition_month),
    cmocka_unit_test(test_year_boundary),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
