/* test_errs.c: a refusal is a list of reasons, each with its row and
 * field (errs.h), kept for a form and printed by the command line as
 * FILE:ROW: COLUMN: message. The last test takes them from a real
 * register refusal on a real database file. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/errs.h"
#include "domain/registers.h"
#include "testdb.h"

static char *formatted(const errlist *e)
{
  sbuf out;
  sb_init(&out);
  errs_format(e, LANG_EN, &out);
  return out.buf ? sb_detach(&out) : strdup("");
}

static void test_items_and_lines(void **state)
{
  (void)state;
  errlist e = {0};
  errs_add(&e, "资产.csv", 3, "original_value", "原值（元）",
           "'%s': not an amount", "3.5万");
  errs_add(&e, "资产.csv", 0, NULL, NULL, "no header row");
  errs_add(&e, NULL, 0, "status", "使用状态", "a disposed record stays disposed");
  assert_int_equal(e.n, 3);
  assert_int_equal(e.total, 3);
  assert_int_equal(e.v[0].row, 3);
  assert_string_equal(e.v[0].field, "original_value");
  assert_string_equal(e.v[0].msg, "'3.5万': not an amount");
  assert_null(e.v[1].field);
  char *s = formatted(&e);
  assert_string_equal(s, "资产.csv:3: 原值（元）: '3.5万': not an amount\n"
                         "资产.csv:0: no header row\n"
                         "使用状态: a disposed record stays disposed\n");
  free(s);
  errs_free(&e);
}

static void test_one_line(void **state)
{
  (void)state;
  errlist e = {0};
  /* A cell with a newline, a tab and DEL: each shown escaped. */
  errs_add(&e, NULL, 0, NULL, NULL, "'%s'", "a\nb\tc\x7f\r");
  assert_string_equal(e.v[0].msg, "'a\\nb\\x09c\\x7f\\r'");
  errs_free(&e);
}

static void test_cap_and_move(void **state)
{
  (void)state;
  errlist a = {0}, b = {0};
  for(int i = 1; i <= 130; i++)
    errs_add(&a, "f.csv", i + 1, NULL, NULL, "bad %d", i);
  assert_int_equal(a.n, ERRS_LISTED);
  assert_int_equal(a.total, 130);
  char *s = formatted(&a);
  /* 100 lines, then the count of the 30 not listed. */
  assert_non_null(strstr(s, "f.csv:101: bad 100\n... and 30 more errors\n"));
  assert_null(strstr(s, "bad 101"));
  free(s);
  errs_add(&b, NULL, 0, NULL, NULL, "first");
  errs_move(&b, &a);
  assert_int_equal(a.n, 0);
  assert_int_equal(a.total, 0);
  assert_int_equal(b.total, 131);
  assert_int_equal(b.n, ERRS_LISTED);
  assert_string_equal(b.v[0].msg, "first");
  assert_string_equal(b.v[1].msg, "bad 1");
  errs_free(&a);
  errs_free(&b);
}

/* A refused asset on a real database: one reason per bad field, each
 * with the field's key and the row it came from; a rule over the whole
 * handle (db_fail) is one reason without a field. */
static void test_register_refusal(void **state)
{
  (void)state;
  char path[64];
  sz *z = testdb_open(path, 1764892800); /* 2025-12-05 */
  assert_non_null(z);
  regctx *c = reg_open(z, &reg_asset);
  const char *cells[32] = {0};
  size_t lens[32] = {0};
  val v[32];
  const char *in[][2] = {{"village", "150125100202"},   /* no such village */
                         {"name", "拖拉机"},
                         {"category", "飞机"},          /* no such category */
                         {"nature", "经营性"},
                         {"original_value", "3.5亿"},     /* not an amount */
                         {"acquired_via", "购入"},
                         {"acquired_on", "2020-01-01"},
                         {"status", "在用"}};
  for(size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
    int fi = reg_field(&reg_asset, in[i][0]);
    cells[fi] = in[i][1];
    lens[fi] = strlen(in[i][1]);
  }
  reg_set_place(c, "资产.csv", 7);
  int bad = reg_parse(c, cells, lens, v);
  assert_int_equal(bad, 3);
  assert_int_equal(c->errs.total, 3);
  const char *want[] = {"village", "category", "original_value"};
  for(int i = 0; i < 3; i++) {
    assert_string_equal(c->errs.v[i].field, want[i]);
    assert_int_equal(c->errs.v[i].row, 7);
    assert_string_equal(c->errs.v[i].file, "资产.csv");
  }
  assert_string_equal(c->errs.v[2].column, "原值");
  /* The handle takes the reasons over, with a text for the command line. */
  assert_int_equal(reg_fail(c), -1);
  assert_int_equal(z->errs.total, 3);
  assert_int_equal(c->errs.total, 0);
  assert_string_equal(z->errs.v[2].field, "original_value");
  assert_non_null(strstr(z->err, "资产.csv:7: 原值: '3.5亿'"));
  reg_close(c);
  db_fail(z, "filing %s is not open", "X");
  assert_int_equal(z->errs.total, 1);
  assert_null(z->errs.v[0].field);
  assert_int_equal(z->errs.v[0].row, 0);
  assert_string_equal(z->errs.v[0].msg, "filing X is not open");
  testdb_close(z, path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_items_and_lines),
    cmocka_unit_test(test_one_line),
    cmocka_unit_test(test_cap_and_move),
    cmocka_unit_test(test_register_refusal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
