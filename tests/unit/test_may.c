/* test_may.c: what each role may do (doc/web.md "Roles and scope"),
 * written out here from the contract's table, step by step, against the
 * one table the domain asks (domain/may.c); and a refusal through a real
 * domain write, which leaves the database as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testdb.h"
#include "domain/may.h"
#include "domain/subsidy.h"

/* Per step, whether 村报账员, 乡镇, 县级, 审计, 管理员 may take it:
 * 村报账员 writes its village's registers, files disposals, records votes
 * and publicity, loans and interest, applies for the subsidy; 乡镇 all of
 * that plus the 乡镇审核 of disposals and the 乡镇初审 (and publicity) of
 * applications; 县级 programme years, 县级审定 and 拨付, parameters, the
 * audit export, reading the change log (县级 reads everything); 审计 the
 * audit export, the change log and its verification, nothing written;
 * 管理员 everything. */
static const struct {
  enum step s;
  int may[5];
} table[] = {
    {STEP_REGISTER, {1, 1, 0, 0, 1}},
    {STEP_DISPOSAL, {1, 1, 0, 0, 1}},
    {STEP_DISPOSAL_REVIEW, {0, 1, 0, 0, 1}},
    {STEP_LOAN, {1, 1, 0, 0, 1}},
    {STEP_SUBSIDY_REVIEW, {0, 1, 0, 0, 1}},
    {STEP_SUBSIDY_APPROVE, {0, 0, 1, 0, 1}},
    {STEP_SUBSIDY_PAY, {0, 0, 1, 0, 1}},
    {STEP_PROGRAM, {0, 0, 1, 0, 1}},
    {STEP_PARAM, {0, 0, 1, 0, 1}},
    {STEP_AUDIT_EXPORT, {0, 0, 1, 1, 1}},
    {STEP_LOG_VERIFY, {0, 0, 0, 1, 1}},
    {STEP_LOG_READ, {0, 0, 1, 1, 1}},
    {STEP_USERS, {0, 0, 0, 0, 1}},
};

static void test_table(void **state)
{
  (void)state;
  assert_int_equal(sizeof table / sizeof table[0], STEP_COUNT);
  for(size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    for(int role = ROLE_VILLAGE; role <= ROLE_ADMIN; role++)
      if(role_may(role, table[i].s) != table[i].may[role])
        fail_msg("%s: %s %s", step_name(table[i].s), role_name(role),
                 table[i].may[role] ? "may, but is refused" : "may not, but is let");
}

/* The command line has no role: every step. An unknown role: none. */
static void test_no_role(void **state)
{
  (void)state;
  for(int s = 0; s < STEP_COUNT; s++) {
    assert_true(role_may(-1, (enum step)s));
    assert_false(role_may(ROLE_ADMIN + 1, (enum step)s));
  }
}

static void test_names(void **state)
{
  (void)state;
  const char *names[] = {"村报账员", "乡镇", "县级", "审计", "管理员"};
  for(int i = 0; i < 5; i++) {
    assert_int_equal(role_parse(names[i]), i);
    assert_string_equal(role_name(i), names[i]);
  }
  assert_int_equal(role_parse("村长"), -1);
  assert_int_equal(role_parse(NULL), -1);
}

/* A 乡镇 user cannot set up a programme year: refused with the reason,
 * forbidden set, nothing written; the 县级 user can. */
static void test_refusal(void **state)
{
  (void)state;
  char path[64];
  sz *z = testdb_open(path, 1764900000); /* 2025-12-05 */
  assert_non_null(z);
  program p;
  db_set_role(z, ROLE_TOWNSHIP);
  assert_int_equal(program_set(z, "2025", NULL, NULL, NULL, NULL, NULL), -1);
  assert_true(z->forbidden);
  assert_string_equal(z->err, "your role (乡镇) may not set up a programme year");
  assert_int_equal(program_get(z, "2025", &p), 0);
  db_set_role(z, ROLE_COUNTY);
  assert_false(z->forbidden);
  assert_int_equal(program_set(z, "2025", NULL, NULL, NULL, NULL, NULL), 0);
  assert_int_equal(program_get(z, "2025", &p), 1);
  db_close(z);
  unlink(path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_no_role),
      cmocka_unit_test(test_names),
      cmocka_unit_test(test_refusal),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
