/* test_record.c: writing records, on a real database file. First,
 * writing a loaded record. A
 * workflow step loads a row, changes a field and writes it (reg_put),
 * then changes another and writes again: the second write must not move
 * the bytes the row's values point to (it reloaded the stored row into
 * the same buffer, so after a longer name every later field read shifted
 * bytes). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "domain/registers.h"
#include "store/history.h"
#include "testdb.h"

static void test_two_puts(void **state)
{
  (void)state;
  char path[64];
  sz *z = testdb_open(path, 1764892800); /* 2025-12-05 */
  assert_non_null(z);
  rec x;
  rec_open(z, &reg_asset, NULL, &x);
  val_text(rec_val(&x, "code"), "150125100201-ZC-0001");
  val_text(rec_val(&x, "village"), "150125100201");
  val_text(rec_val(&x, "name"), "库房");
  val_text(rec_val(&x, "category"), "房屋及建筑物");
  val_text(rec_val(&x, "nature"), "经营性");
  val_int(rec_val(&x, "original_value"), 5000000);
  val_text(rec_val(&x, "acquired_via"), "自建");
  val_text(rec_val(&x, "acquired_on"), "2020-06-15");
  val_text(rec_val(&x, "status"), "在用");
  val_text(rec_val(&x, "custodian"), "张建国");
  assert_int_equal(db_begin(z), 0);
  assert_int_equal(reg_put(x.c, x.v, 0), 0);
  assert_int_equal(db_end(z, 1), 0);
  rec_close(&x);

  /* Load, lengthen the name, write; then set the note, write again. */
  assert_int_equal(rec_open(z, &reg_asset, "150125100201-ZC-0001", &x), 1);
  assert_int_equal(db_begin(z), 0);
  val_text(rec_val(&x, "name"), "村集体库房及附属晒场（一九九八年建）");
  assert_int_equal(reg_put(x.c, x.v, 2), 0);
  val_text(rec_val(&x, "note"), "已修缮");
  assert_int_equal(reg_put(x.c, x.v, 2), 0);
  assert_int_equal(db_end(z, 1), 0);
  rec_close(&x);

  /* Every field as it was meant to be stored. */
  assert_int_equal(rec_open(z, &reg_asset, "150125100201-ZC-0001", &x), 1);
  assert_string_equal(rec_text(&x, "name"),
                      "村集体库房及附属晒场（一九九八年建）");
  assert_string_equal(rec_text(&x, "category"), "房屋及建筑物");
  assert_string_equal(rec_text(&x, "nature"), "经营性");
  assert_string_equal(rec_text(&x, "acquired_via"), "自建");
  assert_string_equal(rec_text(&x, "acquired_on"), "2020-06-15");
  assert_string_equal(rec_text(&x, "status"), "在用");
  assert_string_equal(rec_text(&x, "custodian"), "张建国");
  assert_string_equal(rec_text(&x, "note"), "已修缮");
  assert_int_equal(rec_int(&x, "original_value"), 5000000);
  rec_close(&x);
  /* Three entries (insert, two updates), stamped with the handle's clock
   * (1764892800 is 2025-12-05 00:00:00 UTC), and the chain verifies. */
  assert_int_equal(db_int(z, 0, "SELECT count(*) FROM history WHERE "
                                "tbl = 'asset' AND at = ?1",
                          "2025-12-05T00:00:00Z"), 3);
  char head[65];
  int64_t n;
  if(history_verify(z, logged_tables, NULL, head, &n))
    fail_msg("%s", z->err);
  testdb_close(z, path);
}

/* A statement that fails (here a table that is not there, as after a
 * damaged or foreign schema) is a fault of the handle: a transaction that
 * went on to write is rolled back, not committed, at any depth. */
static void test_fault_blocks_commit(void **state)
{
  (void)state;
  char path[64];
  sz *z = testdb_open(path, 1764892800);
  assert_non_null(z);
  /* The outermost transaction: a write that works is rolled back. */
  assert_int_equal(db_begin(z), 0);
  assert_null(db_prepare(z, "SELECT count(*) FROM no_such_table"));
  assert_true(db_fault(z));
  assert_non_null(strstr(z->fault_msg, "no such table: no_such_table"));
  assert_int_equal(db_exec(z, "CREATE TABLE scratch(x); "
                              "INSERT INTO scratch VALUES(1)"), 0);
  assert_int_equal(db_end(z, 1), -1);
  assert_non_null(strstr(z->err, "nothing was written"));
  assert_int_equal(db_int(z, -1, "SELECT count(*) FROM sqlite_schema WHERE "
                                 "name = 'scratch'", NULL), 0);
  db_clear_fault(z);
  /* A nested level (a savepoint, as every step takes): the parameter is
   * not set, and the outer level cannot commit either. */
  assert_int_equal(db_begin(z), 0);
  assert_null(db_prepare(z, "SELECT count(*) FROM no_such_table"));
  assert_int_equal(config_set(z, "cash_limit", "8000"), -1);
  assert_non_null(strstr(z->err, "nothing was written"));
  assert_int_equal(db_end(z, 1), -1);
  assert_int_equal(config_int(z, "cash_limit", 0), 500000);
  db_clear_fault(z);
  /* Once cleared (a new request), work commits again. */
  assert_int_equal(db_begin(z), 0);
  assert_int_equal(config_set(z, "cash_limit", "8000"), 0);
  assert_int_equal(db_end(z, 1), 0);
  assert_int_equal(config_int(z, "cash_limit", 0), 800000);
  testdb_close(z, path);
}

/* A handle whose clock was never set writes nothing to the change log. */
static void test_no_clock_no_write(void **state)
{
  (void)state;
  char path[64];
  sz *z = testdb_open(path, 1764892800);
  assert_non_null(z);
  z->now = 0; /* as if db_set_clock had never been called */
  assert_int_equal(db_begin(z), 0);
  assert_int_equal(config_set(z, "cash_limit", "8000"), -1);
  assert_non_null(strstr(z->err, "has no clock"));
  db_end(z, 0);
  assert_int_equal(config_int(z, "cash_limit", 0), 500000);
  testdb_close(z, path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_two_puts),
    cmocka_unit_test(test_fault_blocks_commit),
    cmocka_unit_test(test_no_clock_no_write),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
