/* test_asset.c: depreciation falls back on the parameters in force when
 * the work starts (domain/asset.h), on a real database file: a default
 * changed on the same handle is seen by the next piece of work (it used
 * to stay cached per connection), and any number of categories with long
 * names each get their own default life (the old cache had 24 slots of 48
 * bytes: the 25th category, or a longer name, got a life of 0).
 *
 * The asset: original 120,000.00, residual 5% (the default), acquired
 * 2024-12-15; as of 2025-12-31 the twelve months of 2025 have ended.
 *   life 120 months: monthly 12,000,000 x 0.95 / 120 = 95,000 fen,
 *                    12 months = 1,140,000 fen (11,400.00)
 *   life  60 months: monthly 190,000 fen, 12 months = 2,280,000 fen */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "domain/asset.h"
#include "domain/registers.h"
#include "testdb.h"

static char path[64];

static int setup(void **state)
{
  *state = testdb_open(path, 1767139200); /* 2025-12-31 */
  return *state ? 0 : -1;
}

static int teardown(void **state)
{
  testdb_close(*state, path);
  return 0;
}

/* The accumulated depreciation of the asset above, in category cat. */
static int64_t accumulated(sz *z, const char *cat)
{
  val v[AS_NFIELDS];
  memset(v, 0, sizeof v);
  val_text(&v[AS_CATEGORY], cat);
  val_int(&v[AS_ORIGINAL], 12000000);
  val_text(&v[AS_ACQUIRED], "2024-12-15");
  asset_defaults *d = asset_defaults_load(z);
  int64_t acc;
  char through[8];
  asset_depreciation(d, v, "2025-12-31", &acc, through);
  asset_defaults_free(d);
  assert_string_equal(through, acc ? "2025-12" : "");
  return acc;
}

static void test_changed_default_is_seen(void **state)
{
  sz *z = *state;
  assert_int_equal(accumulated(z, "机器设备"), 1140000);
  assert_int_equal(db_begin(z), 0);
  assert_int_equal(config_set(z, "useful_life.机器设备", "60"), 0);
  assert_int_equal(db_end(z, 1), 0);
  assert_int_equal(accumulated(z, "机器设备"), 2280000);
}

static void test_many_long_categories(void **state)
{
  sz *z = *state;
  /* 30 more categories, each name 25 characters (75 bytes), each with a
   * default life of 60 months. */
  for(int i = 0; i < 30; i++) {
    char name[128], sql[512];
    snprintf(name, sizeof name, "村集体经营性设施设备第%02d类（含附属构筑物及配套设施）",
             i);
    snprintf(sql, sizeof sql,
             "INSERT INTO asset_category(name, depreciates) VALUES('%s', 1);"
             "INSERT INTO setting(key, type, value, note, log_id) VALUES("
             "'useful_life.%s', 'int', '60', 'test', 0)", name, name);
    assert_int_equal(db_exec(z, sql), 0);
  }
  char last[128];
  snprintf(last, sizeof last, "村集体经营性设施设备第%02d类（含附属构筑物及配套设施）",
           29);
  assert_true(strlen(last) > 48);
  assert_int_equal(accumulated(z, last), 2280000);
  /* A category without a default life is not depreciated. */
  assert_int_equal(db_exec(z, "INSERT INTO asset_category(name, depreciates) "
                              "VALUES('无年限类', 1)"), 0);
  assert_int_equal(accumulated(z, "无年限类"), 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test_setup_teardown(test_changed_default_is_seen, setup,
                                    teardown),
    cmocka_unit_test_setup_teardown(test_many_long_categories, setup,
                                    teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
