/* test_idnum.c: the two ID numbers a contract party has (doc/domain.md
 * "Contracts"): 居民身份证号码 (GB 11643) and 统一社会信用代码 (GB 32100).
 * Every check character below is worked out by hand in the comment beside
 * it: the weighted sum, its remainder and the character it gives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/i18n.h"
#include "base/idnum.h"

/* The clock the checks are given: birth dates after it are refused. */
static const char today[] = "2026-12-05";

/* in is accepted and stored as want. */
static void valid(const char *in, const char *want)
{
  char out[19], msg[IDNUM_MSG];
  memset(out, '#', sizeof out);
  const char *err = idnum_check(in, strlen(in), today, LANG_EN, out, msg);
  if(err)
    fail_msg("'%s': unexpected error '%s'", in, err);
  if(memcmp(out, want, 19))
    fail_msg("'%s': stored as '%.18s', want '%s'", in, out, want);
}

/* in is refused with exactly this message. */
static void invalid(const char *in, const char *want)
{
  char out[19], msg[IDNUM_MSG];
  const char *err = idnum_check(in, strlen(in), today, LANG_EN, out, msg);
  if(!err)
    fail_msg("'%s': accepted, want '%s'", in, want);
  if(strcmp(err, want))
    fail_msg("'%s': error '%s', want '%s'", in, err, want);
}

/* GB 11643: the weights are 2^(17-i) mod 11 for positions i = 1..17:
 *   7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
 * and the check character is (12 - sum mod 11) mod 11, 10 written X;
 * as a table indexed by sum mod 11: 0→1 1→0 2→X 3→9 4→8 5→7 6→6 7→5 8→4
 * 9→3 10→2. */

static void test_resident_valid(void **state)
{
  (void)state;
  /* GB 11643's own example, 11010519491231002X:
   *   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 4·6 + 9·3
   *   + 1·7 + 2·9 + 3·10 + 1·5 + 0·8 + 0·4 + 2·2
   *   = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 24 + 27 + 7 + 18 + 30 + 5 + 0
   *     + 0 + 4 = 167;  167 = 15·11 + 2;  (12 - 2) mod 11 = 10 → X */
  valid("11010519491231002X", "11010519491231002X");
  /* lower-case x is what many people type: stored upper-case */
  valid("11010519491231002x", "11010519491231002X");
  /* 150125 19900307 002 (born 7 March 1990 in 武川县):
   *   1·7 + 5·9 + 0·10 + 1·5 + 2·8 + 5·4 + 1·2 + 9·1 + 9·6 + 0·3
   *   + 0·7 + 3·9 + 0·10 + 7·5 + 0·8 + 0·4 + 2·2
   *   = 7 + 45 + 0 + 5 + 16 + 20 + 2 + 9 + 54 + 0 + 0 + 27 + 0 + 35 + 0
   *     + 0 + 4 = 224;  224 = 20·11 + 4;  (12 - 4) mod 11 = 8 */
  valid("150125199003070028", "150125199003070028");
  /* born 29 February 2000 (2000 is a leap year: divisible by 400):
   *   7 + 45 + 0 + 5 + 16 + 20 + 2·2 + 0·1 + 0·6 + 0·3 + 0·7 + 2·9
   *   + 2·10 + 9·5 + 0·8 + 0·4 + 1·2
   *   = 7 + 45 + 5 + 16 + 20 + 4 + 18 + 20 + 45 + 2 = 182;
   *   182 = 16·11 + 6;  (12 - 6) mod 11 = 6 */
  valid("150125200002290016", "150125200002290016");
  /* full-width digits, as a Chinese input method types them, are the
   * digits: the number above */
  valid("１５０１２５１９９００３０７００２８", "150125199003070028");
}

static void test_resident_invalid(void **state)
{
  (void)state;
  /* the example with 1 in place of X: the sum is still 167, remainder 2,
   * so the message names X */
  invalid("110105194912310021", "not a valid 居民身份证号码: the check "
                                "character should be X, not 1");
  /* 150125199003070028 with the last digit 9: it should be 8 (above) */
  invalid("150125199003070029", "not a valid 居民身份证号码: the check "
                                "character should be 8, not 9");
  /* 150125 19900230 002: 30 February is no date. The check character is
   * right, so only the date is wrong:
   *   7 + 45 + 0 + 5 + 16 + 20 + 1·2 + 9·1 + 9·6 + 0·3 + 0·7 + 2·9
   *   + 3·10 + 0·5 + 0·8 + 0·4 + 2·2
   *   = 7 + 45 + 5 + 16 + 20 + 2 + 9 + 54 + 18 + 30 + 4 = 210;
   *   210 = 19·11 + 1;  (12 - 1) mod 11 = 0.
   * (As a credit code it would need G, see below, so it is not one.) */
  invalid("150125199002300020", "not a valid 居民身份证号码: 19900230 is "
                                "not a birth date");
  /* 29 February 1900: 1900 is not a leap year (divisible by 100, not by
   * 400). Check character right:
   *   7 + 45 + 0 + 5 + 16 + 20 + 1·2 + 9·1 + 0·6 + 0·3 + 0·7 + 2·9
   *   + 2·10 + 9·5 + 0 + 0 + 1·2 = 189;  189 = 17·11 + 2  → X */
  invalid("15012519000229001X", "not a valid 居民身份证号码: 19000229 is "
                                "not a birth date");
  /* born 1 January 2099: a real day, but not yet. Check character right:
   *   7 + 45 + 0 + 5 + 16 + 20 + 2·2 + 0·1 + 9·6 + 9·3 + 0·7 + 1·9
   *   + 0·10 + 1·5 + 0 + 0 + 1·2
   *   = 7 + 45 + 5 + 16 + 20 + 4 + 54 + 27 + 9 + 5 + 2 = 194;
   *   194 = 17·11 + 7;  (12 - 7) mod 11 = 5 */
  invalid("150125209901010015", "not a valid 居民身份证号码: the birth date "
                                "20990101 is in the future");
  /* the old 15-digit card and 17 digits: not 18 characters */
  invalid("110105491231002", "an ID number has 18 characters "
                             "(居民身份证号码 or 统一社会信用代码)");
  invalid("11010519491231002", "an ID number has 18 characters "
                               "(居民身份证号码 or 统一社会信用代码)");
  invalid("11010519491231002XX", "an ID number has 18 characters "
                                 "(居民身份证号码 or 统一社会信用代码)");
  invalid("", "an ID number has 18 characters "
              "(居民身份证号码 or 统一社会信用代码)");
  /* what a spreadsheet makes of an 18-digit number typed into a General
   * cell */
  invalid("1.10105E+17", "an ID number has 18 characters; a spreadsheet "
                         "turned this one into a number (format the column "
                         "as text and type it again)");
  /* six Chinese characters are 18 bytes, but not 18 characters */
  invalid("张三李四王五", "an ID number has 18 characters "
                         "(居民身份证号码 or 统一社会信用代码)");
  /* a Chinese character among 17 digits */
  invalid("11010519491231002号", "not a valid ID number: character 18 "
                                 "('号') is neither a digit nor a letter");
}

/* GB 32100: the characters are 0-9 then A-Y without I O Z S V, valued
 * 0..30 (A 10 B 11 C 12 D 13 E 14 F 15 G 16 H 17 J 18 K 19 L 20 M 21 N 22
 * P 23 Q 24 R 25 T 26 U 27 W 28 X 29 Y 30); the weights are 3^(i-1) mod 31:
 *   1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
 * and the check character is the one valued 31 - sum mod 31 (31 → 0). */

static void test_credit_code(void **state)
{
  (void)state;
  /* 9 1 150125 MA0123456 (a company registered in 武川县):
   *   9·1 + 1·3 + 1·9 + 5·27 + 0·19 + 1·26 + 2·16 + 5·17 + M21·20
   *   + A10·29 + 0·25 + 1·13 + 2·8 + 3·24 + 4·10 + 5·30 + 6·28
   *   = 9 + 3 + 9 + 135 + 0 + 26 + 32 + 85 + 420 + 290 + 0 + 13 + 16
   *     + 72 + 40 + 150 + 168 = 1468;
   *   1468 = 47·31 + 11;  31 - 11 = 20 → L */
  valid("91150125MA0123456L", "91150125MA0123456L");
  valid("91150125ma0123456l", "91150125MA0123456L");
  valid("９１１５０１２５ＭＡ０１２３４５６Ｌ", "91150125MA0123456L");
  invalid("91150125MA0123456K", "not a valid 统一社会信用代码: the check "
                                "character should be L, not K");
  invalid("91150125MA01234560", "not a valid 统一社会信用代码: the check "
                                "character should be L, not 0");
  /* 1 2 150125 000000005 (a 事业单位), digits only:
   *   1·1 + 2·3 + 1·9 + 5·27 + 0·19 + 1·26 + 2·16 + 5·17
   *   + 0·20 + 0·29 + 0·25 + 0·13 + 0·8 + 0·24 + 0·10 + 0·30 + 5·28
   *   = 1 + 6 + 9 + 135 + 26 + 32 + 85 + 140 = 434;
   *   434 = 14·31 + 0;  31 - 0 = 31 → 0.
   * As a 居民身份证号码 its "birth date" 25000000 is no date, but it is a
   * good credit code, and that is what it is taken for. */
  valid("121501250000000050", "121501250000000050");
}

static void test_credit_code_letters(void **state)
{
  (void)state;
  /* I O Z S V are left out (they look like 1 0 2 5 U) */
  invalid("91150125MI0123456L", "not a valid 统一社会信用代码: 'I' is not "
          "one of its characters (digits and capitals except I O Z S V)");
  invalid("91150125MO0123456L", "not a valid 统一社会信用代码: 'O' is not "
          "one of its characters (digits and capitals except I O Z S V)");
  invalid("91150125MZ0123456L", "not a valid 统一社会信用代码: 'Z' is not "
          "one of its characters (digits and capitals except I O Z S V)");
  invalid("91150125MS0123456L", "not a valid 统一社会信用代码: 'S' is not "
          "one of its characters (digits and capitals except I O Z S V)");
  /* lower case is upper-cased first, so 'v' is named as 'V' */
  invalid("91150125mv0123456l", "not a valid 统一社会信用代码: 'V' is not "
          "one of its characters (digits and capitals except I O Z S V)");
  invalid("91150125-A0123456L", "not a valid 统一社会信用代码: '-' is not "
          "one of its characters (digits and capitals except I O Z S V)");
}

static void test_only_n_bytes(void **state)
{
  (void)state;
  /* the 18 characters are followed by more in memory: only n are read */
  const char *s = "11010519491231002X9999";
  char out[19], msg[IDNUM_MSG];
  assert_null(idnum_check(s, 18, today, LANG_EN, out, msg));
  assert_string_equal(out, "11010519491231002X");
  assert_non_null(idnum_check(s, 19, today, LANG_EN, out, msg));
}

/* Found in review: an 18-digit number whose digits 7-14 are a real birth
 * date is a resident ID and nothing else; before, a mistyped one could
 * pass as a credit code written in digits (1 chance in 31). */
static void test_digits_are_resident(void **state)
{
  (void)state;
  /* 110105 19800101 123 + check:
   *   1·7 + 1·9 + 0·10 + 1·5 + 0·8 + 5·4 + 1·2 + 9·1 + 8·6 + 0·3
   *   + 0·7 + 1·9 + 0·10 + 1·5 + 1·8 + 2·4 + 3·2
   *   = 7 + 9 + 0 + 5 + 0 + 20 + 2 + 9 + 48 + 0 + 0 + 9 + 0 + 5 + 8 + 8
   *     + 6 = 136;  136 = 12·11 + 4;  (12 - 4) mod 11 = 8 */
  valid("110105198001011238", "110105198001011238");
  invalid("110105198001011231", "not a valid 居民身份证号码: the check "
                                "character should be 8, not 1");
  /* all zeros, the clerks' placeholder: no birth date 00000000 */
  invalid("000000000000000000", "not a valid 居民身份证号码: 00000000 is "
                                "not a birth date");
}

/* A credit code begins with its registering authority: 1-9, A, N or Y. */
static void test_credit_code_authority(void **state)
{
  (void)state;
  invalid("0135010000000100Y4", "not a valid 统一社会信用代码: it begins with "
                                "the registering authority, one of 1-9, A, "
                                "N, Y");
}

static void test_mask(void **state)
{
  (void)state;
  char out[19];
  /* the first 6 (the area) and the last 4, 8 stars between */
  idnum_mask("11010519491231002X", out);
  assert_string_equal(out, "110105********002X");
  idnum_mask("91150125MA0123456L", out);
  assert_string_equal(out, "911501********456L");
  assert_int_equal(strlen(out), 18);
  /* a masked number is recognised as one; a full one or another shape
   * is not */
  assert_true(idnum_is_masked("110105********002X", 18));
  assert_false(idnum_is_masked("11010519491231002X", 18));
  assert_false(idnum_is_masked("110105*******1002X", 18));
  assert_false(idnum_is_masked("*10105********002X", 18));
  assert_false(idnum_is_masked("110105********00*X", 18));
  assert_false(idnum_is_masked("110105********002", 17));
  /* a masked number is no valid number */
  char msg[IDNUM_MSG];
  assert_non_null(idnum_check("110105********002X", 18, today, LANG_EN, out, msg));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_resident_valid),
    cmocka_unit_test(test_resident_invalid),
    cmocka_unit_test(test_credit_code),
    cmocka_unit_test(test_credit_code_letters),
    cmocka_unit_test(test_only_n_bytes),
    cmocka_unit_test(test_digits_are_resident),
    cmocka_unit_test(test_credit_code_authority),
    cmocka_unit_test(test_mask),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
