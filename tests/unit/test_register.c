/* test_register.c: header matching and the canonical row form, over the
 * real register specs. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "domain/registers.h"

static int match(const char *reg_name, const char *cell)
{
  return reg_match_header(reg_find(reg_name), cell, strlen(cell));
}

static const char *key_of(const char *reg_name, const char *cell)
{
  int i = match(reg_name, cell);
  return i < 0 ? "(none)" : reg_find(reg_name)->fields[i].key;
}

static void test_header_names(void **state)
{
  (void)state;
  /* Chinese name, English key (any case), surrounding blanks. */
  assert_string_equal(key_of("asset", "原值"), "original_value");
  assert_string_equal(key_of("asset", "original_value"), "original_value");
  assert_string_equal(key_of("asset", "Original_Value"), "original_value");
  assert_string_equal(key_of("asset", "  资产名称 "), "name");
  /* U+3000 ideographic spaces around the name. */
  assert_string_equal(key_of("asset", "\xe3\x80\x80村代码\xe3\x80\x80"),
                      "village");
}

static void test_header_units_and_marks(void **state)
{
  (void)state;
  /* A trailing unit in full-width or ASCII brackets is dropped. */
  assert_string_equal(key_of("asset", "原值（元）"), "original_value");
  assert_string_equal(key_of("asset", "原值(元)"), "original_value");
  assert_string_equal(key_of("resource", "面积（亩）"), "area");
  assert_string_equal(key_of("asset", "使用年限（月）"), "useful_life_months");
  /* Required marks. */
  assert_string_equal(key_of("asset", "*村代码"), "village");
  assert_string_equal(key_of("asset", "村代码*"), "village");
  /* Full-width letters in an English key fold to ASCII. */
  assert_string_equal(key_of("fund", "ａｍｏｕｎｔ"), "amount");
}

/* The unit a header names: -1 when refused (with the unit to use). */
static int unit_of(const char *reg_name, const char *cell, const char **want)
{
  const reg *r = reg_find(reg_name);
  int fi = match(reg_name, cell), unit = -9;
  assert_true(fi >= 0);
  *want = reg_header_unit(r, fi, cell, strlen(cell), &unit);
  return *want ? -1 : unit;
}

static void test_header_unit(void **state)
{
  (void)state;
  const char *want;
  assert_int_equal(unit_of("asset", "原值", &want), U_OWN);
  assert_int_equal(unit_of("asset", "原值（元）", &want), U_OWN);
  assert_int_equal(unit_of("asset", "原值（万元）", &want), U_WAN);
  assert_int_equal(unit_of("asset", "*累计折旧(万元)", &want), U_WAN);
  assert_int_equal(unit_of("fund", "金额（万元）", &want), U_WAN);
  assert_int_equal(unit_of("asset", "原值（千元）", &want), -1);
  assert_string_equal(want, "元");
  /* 使用年限: years bare, months by its key or in brackets. */
  assert_int_equal(unit_of("asset", "使用年限", &want), U_YEARS);
  assert_int_equal(unit_of("asset", "使用年限（年）", &want), U_YEARS);
  assert_int_equal(unit_of("asset", "使用年限（月）", &want), U_OWN);
  assert_int_equal(unit_of("asset", "使用年限(个月)", &want), U_OWN);
  assert_int_equal(unit_of("asset", "useful_life_months", &want), U_OWN);
  assert_int_equal(unit_of("asset", "使用年限（天）", &want), -1);
  assert_string_equal(want, "月");
  assert_int_equal(unit_of("resource", "面积（亩）", &want), U_OWN);
  assert_int_equal(unit_of("resource", "面积（公顷）", &want), -1);
  assert_string_equal(want, "亩");
  /* Export and template write the unit where the bare name means another. */
  const reg *r = reg_find("asset");
  sbuf h;
  sb_init(&h);
  reg_header(&r->fields[reg_field(r, "useful_life_months")], &h);
  assert_string_equal(h.buf, "使用年限（月）");
  sb_reset(&h);
  reg_header(&r->fields[reg_field(r, "original_value")], &h);
  assert_string_equal(h.buf, "原值");
  sb_free(&h);
}

static void test_header_unknown(void **state)
{
  (void)state;
  assert_int_equal(match("asset", "原价"), -1);
  assert_int_equal(match("asset", ""), -1);
  assert_int_equal(match("asset", "（元）"), -1);
  /* A name of another register is not a column of this one. */
  assert_int_equal(match("asset", "面积"), -1);
  /* The fund entry's code is derived, never a column. */
  assert_int_equal(match("fund", "code"), -1);
  assert_string_equal(key_of("fund", "凭证号"), "voucher");
}

static void test_canon(void **state)
{
  (void)state;
  const reg *r = reg_find("account");
  val v[11]; /* ... note, voided, restored */
  assert_int_equal(r->nfields, 11);
  memset(v, 0, sizeof v);
  const char *code = "150125100201-ZH-0001", *vil = "150125100201";
  const char *name = "现金\"柜\"\n", *kind = "库存现金", *od = "2025-01-01";
  v[0] = (val){V_TEXT, 0, code, strlen(code)};
  v[1] = (val){V_TEXT, 0, vil, strlen(vil)};
  v[2] = (val){V_TEXT, 0, name, strlen(name)};
  v[3] = (val){V_TEXT, 0, kind, strlen(kind)};
  v[6] = (val){V_INT, -1250, NULL, 0};
  v[7] = (val){V_TEXT, 0, od, strlen(od)};
  sbuf out;
  sb_init(&out);
  reg_canon(r, 7, v, &out);
  /* [id, code, village, name, kind, bank, bank_account, opening_balance,
   * opening_date, note]: quotes and the newline escaped, NULL as null. */
  assert_string_equal(out.buf,
                      "[7,\"150125100201-ZH-0001\",\"150125100201\","
                      "\"现金\\\"柜\\\"\\u000a\",\"库存现金\",null,null,-1250,"
                      "\"2025-01-01\",null]");
  /* The void's fields at the end are left out while NULL (rows written
   * before they existed prove as they were); once set, they are there,
   * the one before them as null. */
  sb_reset(&out);
  const char *why = "重复录入";
  v[10] = (val){V_TEXT, 0, why, strlen(why)};
  reg_canon(r, 7, v, &out);
  assert_string_equal(out.buf,
                      "[7,\"150125100201-ZH-0001\",\"150125100201\","
                      "\"现金\\\"柜\\\"\\u000a\",\"库存现金\",null,null,-1250,"
                      "\"2025-01-01\",null,null,\"重复录入\"]");
  sb_reset(&out);
  v[9] = v[10];
  v[10].t = V_NULL;
  reg_canon(r, 7, v, &out);
  assert_string_equal(out.buf,
                      "[7,\"150125100201-ZH-0001\",\"150125100201\","
                      "\"现金\\\"柜\\\"\\u000a\",\"库存现金\",null,null,-1250,"
                      "\"2025-01-01\",null,\"重复录入\"]");
  /* Neither a column of a sheet nor a field of add. */
  assert_int_equal(reg_match_header(r, "作废原因", strlen("作废原因")), -1);
  assert_int_equal(reg_match_header(r, "voided", 6), -1);
  assert_int_equal(reg_void_field(r), 9);
  assert_int_equal(reg_void_field(reg_find("fund")), -1);
  sb_free(&out);
}

/* A field added by a later migration (F_ADDED) is left out of the
 * canonical row while empty, so that a row written before it hashes as it
 * did; filled in, it comes last. */
static void test_canon_added(void **state)
{
  (void)state;
  const reg *r = reg_find("fund");
  int n = r->nfields, rv = reg_field(r, "reverses");
  assert_int_equal(rv, n - 1);
  assert_true(r->fields[rv].flags & F_ADDED);
  val *v = calloc((size_t)n, sizeof *v);
  sbuf a, b;
  sb_init(&a);
  sb_init(&b);
  reg_canon(r, 3, v, &a);
  /* [id, then the 14 fields before it, all null] */
  assert_string_equal(a.buf, "[3,null,null,null,null,null,null,null,null,"
                             "null,null,null,null,null,null]");
  const char *code = "150125100201-2025-记-001";
  v[rv] = (val){V_TEXT, 0, code, strlen(code)};
  reg_canon(r, 3, v, &b);
  assert_string_equal(b.buf, "[3,null,null,null,null,null,null,null,null,"
                             "null,null,null,null,null,null,"
                             "\"150125100201-2025-记-001\"]");
  sb_free(&a);
  sb_free(&b);
  free(v);
}

static void test_format_round_trip(void **state)
{
  (void)state;
  const reg *r = reg_find("asset");
  sbuf out;
  sb_init(&out);
  val money = {V_INT, 1250050, NULL, 0};
  reg_format(&r->fields[reg_field(r, "original_value")], &money, &out);
  assert_string_equal(out.buf, "12500.50");
  sb_reset(&out);
  reg_format_grouped(&r->fields[reg_field(r, "original_value")], &money,
                     &out);
  assert_string_equal(out.buf, "12,500.50");
  sb_reset(&out);
  val rate = {V_INT, 50000, NULL, 0};
  reg_format(&r->fields[reg_field(r, "residual_rate")], &rate, &out);
  assert_string_equal(out.buf, "5");
  sb_reset(&out);
  val qty = {V_INT, 25000, NULL, 0};
  reg_format(&r->fields[reg_field(r, "quantity")], &qty, &out);
  assert_string_equal(out.buf, "2.5");
  sb_reset(&out);
  /* Shown to people: a rate says %, an area groups thousands. */
  reg_format_grouped(&r->fields[reg_field(r, "residual_rate")], &rate, &out);
  assert_string_equal(out.buf, "5%");
  sb_reset(&out);
  const reg *res = reg_find("resource");
  val area = {V_INT, 12345678901, NULL, 0}; /* 1,234,567.8901 mu */
  reg_format_grouped(&res->fields[reg_field(res, "area")], &area, &out);
  assert_string_equal(out.buf, "1,234,567.8901");
  sb_reset(&out);
  reg_format(&res->fields[reg_field(res, "area")], &area, &out);
  assert_string_equal(out.buf, "1234567.8901");
  sb_free(&out);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_header_names),
    cmocka_unit_test(test_header_units_and_marks),
    cmocka_unit_test(test_header_unit),
    cmocka_unit_test(test_header_unknown),
    cmocka_unit_test(test_canon),
    cmocka_unit_test(test_canon_added),
    cmocka_unit_test(test_format_round_trip),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
