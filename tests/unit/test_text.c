/* test_text.c: full-width folding, trimming, UTF-8 validation, width. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/text.h"
#include "base/util.h"

/* Folds s and checks the result. */
static void fold_is(const char *s, const char *want)
{
  sbuf sb = {0};
  text_fold(s, strlen(s), &sb);
  assert_non_null(sb.buf);
  assert_string_equal(sb.buf, want);
  assert_int_equal(sb.len, strlen(want));
  sb_free(&sb);
}

static void test_fold_fullwidth(void **state)
{
  (void)state;
  /* U+FF21 'Ａ' .. U+FF10 '０': each becomes its ASCII counterpart */
  fold_is("ＡＢＣ１２３", "ABC123");
  /* the first and last of the range: U+FF01 '！' and U+FF5E '～' */
  fold_is("！～", "!~");
  /* U+FF3F '＿' and U+FF40 '｀' sit either side of the EF BC / EF BD split */
  fold_is("＿｀", "_`");
  /* punctuation used in numbers: '．' '，' '－' '％' */
  fold_is("１，２３４．５６", "1,234.56");
  fold_is("－４％", "-4%");
}

static void test_fold_space_and_trim(void **state)
{
  (void)state;
  /* U+3000 inside becomes a space; at the ends it is trimmed */
  fold_is("\xe3\x80\x80甲\xe3\x80\x80乙\xe3\x80\x80", "甲 乙");
  fold_is(" \t abc \r\n", "abc");
  fold_is("   ", "");
  fold_is("", "");
}

static void test_fold_keeps_other_text(void **state)
{
  (void)state;
  /* CJK, other symbols and U+FF5F (just past the range) are left alone */
  fold_is("福如东村", "福如东村");
  fold_is("\xef\xbd\x9f", "\xef\xbd\x9f");   /* U+FF5F */
  fold_is("\xef\xbc\x80", "\xef\xbc\x80");   /* U+FF00, unassigned */
  fold_is("￥元", "￥元");
  /* invalid bytes are copied as they are */
  fold_is("a\xff" "b", "a\xff" "b");
  /* a truncated sequence at the end */
  fold_is("a\xef\xbc", "a\xef\xbc");
}

static void test_fold_appends(void **state)
{
  sbuf sb = {0};
  (void)state;
  sb_addstr(&sb, "x=");
  text_fold("　１　", strlen("　１　"), &sb);
  assert_string_equal(sb.buf, "x=1");
  sb_free(&sb);
}

static void test_trim(void **state)
{
  const char *s = "  abc  ";
  const char *t;
  size_t len = 99;
  (void)state;

  t = text_trim(s, strlen(s), &len);
  assert_ptr_equal(t, s + 2);
  assert_int_equal(len, 3);

  /* U+3000 is 3 bytes: "　x　" trims to the one byte in the middle */
  s = "\xe3\x80\x80x\xe3\x80\x80";
  t = text_trim(s, strlen(s), &len);
  assert_ptr_equal(t, s + 3);
  assert_int_equal(len, 1);

  s = " \xe3\x80\x80\t";
  text_trim(s, strlen(s), &len);
  assert_int_equal(len, 0);

  text_trim("", 0, &len);
  assert_int_equal(len, 0);

  /* only the length given counts: "ab" of "ab  cd" */
  s = "ab  cd";
  t = text_trim(s, 4, &len);
  assert_ptr_equal(t, s);
  assert_int_equal(len, 2);

  /* 0x80 0x80 ending a different character is not a space */
  s = "\xe4\x80\x80";
  t = text_trim(s, strlen(s), &len);
  assert_int_equal(len, 3);
}

static int valid(const char *s)
{
  return text_valid_utf8(s, strlen(s));
}

static void test_valid_utf8(void **state)
{
  (void)state;
  assert_int_equal(valid(""), 1);
  assert_int_equal(valid("plain ascii"), 1);
  assert_int_equal(valid("武川县"), 1);
  assert_int_equal(valid("\xc2\x80"), 1);             /* U+0080 */
  assert_int_equal(valid("\xef\xbf\xbf"), 1);         /* U+FFFF */
  assert_int_equal(valid("\xf0\x9f\x98\x80"), 1);     /* U+1F600 */
  assert_int_equal(valid("\xf4\x8f\xbf\xbf"), 1);     /* U+10FFFF */
  assert_int_equal(valid("\xed\x9f\xbf"), 1);         /* U+D7FF */

  assert_int_equal(valid("\xc0\x80"), 0);             /* overlong NUL */
  assert_int_equal(valid("\xc1\xbf"), 0);             /* overlong */
  assert_int_equal(valid("\xe0\x80\x80"), 0);         /* overlong */
  assert_int_equal(valid("\xe0\x9f\xbf"), 0);         /* overlong */
  assert_int_equal(valid("\xf0\x8f\xbf\xbf"), 0);     /* overlong */
  assert_int_equal(valid("\xed\xa0\x80"), 0);         /* U+D800 */
  assert_int_equal(valid("\xed\xbf\xbf"), 0);         /* U+DFFF */
  assert_int_equal(valid("\xf4\x90\x80\x80"), 0);     /* U+110000 */
  assert_int_equal(valid("\xf5\x80\x80\x80"), 0);
  assert_int_equal(valid("\xff"), 0);
  assert_int_equal(valid("\x80"), 0);                 /* stray continuation */
  assert_int_equal(valid("\xe4\xb8"), 0);             /* truncated */
  assert_int_equal(valid("\xe4\xb8z"), 0);            /* broken */
  assert_int_equal(valid("\xf0\x9f\x98"), 0);         /* truncated */

  /* a NUL byte inside the length is refused */
  assert_int_equal(text_valid_utf8("a\0b", 3), 0);
  /* the length bounds the check: the truncated tail is not looked at */
  assert_int_equal(text_valid_utf8("ab\xe4\xb8", 2), 1);
}

/* text_check: characters counted, not bytes; the first control character
 * named by place and code point (C0, DEL, C1); a newline only in text of
 * several lines; bytes that are not UTF-8 refused. */
static void test_check(void **state)
{
  textcheck t;
  (void)state;
  assert_int_equal(text_check("仓库", 6, 2, 0, &t), TEXT_OK);
  assert_int_equal(t.chars, 2);
  assert_int_equal(text_check("仓库a", 7, 2, 0, &t), TEXT_LONG);
  assert_int_equal(t.chars, 3);
  assert_int_equal(text_check("a\tb", 3, 10, 1, &t), TEXT_CONTROL);
  assert_int_equal(t.at, 2);
  assert_int_equal(t.cp, 9);
  assert_int_equal(text_check("仓\x7f", 4, 10, 0, &t), TEXT_CONTROL);
  assert_int_equal(t.cp, 0x7f);
  assert_int_equal(text_check("仓库\xc2\x9b", 8, 10, 0, &t), TEXT_CONTROL);
  assert_int_equal(t.at, 3);
  assert_int_equal(t.cp, 0x9b);
  assert_int_equal(text_check("\xc2\xa0", 2, 10, 0, &t), TEXT_OK); /* NBSP */
  assert_int_equal(text_check("a\nb", 3, 10, 0, &t), TEXT_CONTROL);
  assert_int_equal(t.cp, '\n');
  assert_int_equal(text_check("a\nb", 3, 10, 1, &t), TEXT_OK);
  assert_int_equal(text_check("a\r\nb", 4, 10, 1, &t), TEXT_CONTROL);
  assert_int_equal(t.cp, '\r');
  assert_int_equal(text_check("\xe4\xbd", 2, 10, 0, &t), TEXT_NOT_UTF8);
  assert_int_equal(text_check("", 0, 0, 0, &t), TEXT_OK);
}

static void test_width(void **state)
{
  (void)state;
  assert_int_equal(text_width("", 0), 0);
  assert_int_equal(text_width("abc", 3), 3);
  /* 福如东村 is four code points in 12 bytes */
  assert_int_equal(text_width("福如东村", strlen("福如东村")), 4);
  assert_int_equal(text_width("a中b", strlen("a中b")), 3);
  assert_int_equal(text_width("\xf0\x9f\x98\x80", 4), 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_fold_fullwidth),
    cmocka_unit_test(test_fold_space_and_trim),
    cmocka_unit_test(test_fold_keeps_other_text),
    cmocka_unit_test(test_fold_appends),
    cmocka_unit_test(test_trim),
    cmocka_unit_test(test_valid_utf8),
    cmocka_unit_test(test_width),
    cmocka_unit_test(test_check),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
