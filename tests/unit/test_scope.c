/* test_scope.c: the notice-board sheet and the workbook template honour
 * the handle's scope, as the web sets it for a village clerk
 * (db_set_scope): a village or township outside the scope is not found,
 * as a record is not, and the template's drop-down lists hold only the
 * villages and accounts within it. The same calls without a scope
 * succeed, so what fails is the scope and nothing else. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include "testdb.h"
#include "sheetdump.h"
#include "base/i18n.h"
#include "base/xlsxin.h"
#include "domain/import.h"
#include "domain/notice.h"
#include "store/record.h"

/* A sink that counts what it is handed. */
typedef struct count {
  asink s;
  int parts, rows;
} count;

static int c_begin(asink *s, const atable *t)
{
  (void)t;
  ((count *)s)->parts++;
  return 0;
}

static int c_row(asink *s, const acell *c)
{
  (void)c;
  ((count *)s)->rows++;
  return 0;
}

static int c_end(asink *s)
{
  (void)s;
  return 0;
}

static void put(sz *z, const reg *r, const char *const kv[][2], int n)
{
  rec x;
  rec_open(z, r, NULL, &x);
  for(int i = 0; i < n; i++)
    val_text(rec_val(&x, kv[i][0]), kv[i][1]);
  if(r == &reg_account)
    val_int(rec_val(&x, "opening_balance"), 0);
  assert_int_equal(db_begin(z), 0);
  assert_int_equal(reg_put(x.c, x.v, 0), 0);
  assert_int_equal(db_end(z, 1), 0);
  rec_close(&x);
}

/* The county of testdb with a second township and its village, and an
 * account in each village. */
static sz *two_townships(char path[64])
{
  sz *z = testdb_open(path, 1764892800); /* 2025-12-05 */
  assert_non_null(z);
  const char *const town[][2] = {{"code", "150125101"},
                                 {"name", "哈乐镇"},
                                 {"level", "township"},
                                 {"parent_code", "150125"}};
  put(z, &reg_org, town, 4);
  const char *const vil[][2] = {{"code", "150125101201"},
                                {"name", "圪料坝村"},
                                {"level", "village"},
                                {"parent_code", "150125101"}};
  put(z, &reg_org, vil, 4);
  const char *const acct[2][5][2] = {
      {{"code", "150125100201-ZH-0001"}, {"village", "150125100201"},
       {"name", "现金"}, {"kind", "库存现金"}, {"opening_date", "2025-01-01"}},
      {{"code", "150125101201-ZH-0001"}, {"village", "150125101201"},
       {"name", "现金"}, {"kind", "库存现金"}, {"opening_date", "2025-01-01"}}};
  for(int i = 0; i < 2; i++)
    put(z, &reg_account, acct[i], 5);
  return z;
}

static int notice(sz *z, const char *village, count *n)
{
  memset(n, 0, sizeof *n);
  n->s.begin = c_begin;
  n->s.row = c_row;
  n->s.end = c_end;
  return notice_view(z, village, 2025, "2025-12-05", &n->s);
}

static void test_notice_scope(void **state)
{
  (void)state;
  char path[64];
  sz *z = two_townships(path);
  count n;
  /* No scope (the command line): both villages. */
  assert_int_equal(notice(z, "150125101201", &n), 0);
  assert_int_equal(n.parts, 6);
  /* A village clerk's: their village, and not the other. */
  assert_int_equal(db_set_scope(z, "150125100201"), 0);
  assert_int_equal(notice(z, "150125100201", &n), 0);
  assert_int_equal(n.parts, 6);
  assert_int_equal(notice(z, "150125101201", &n), -1);
  assert_string_equal(z->err, "no village with code '150125101201'");
  assert_int_equal(n.parts, 0);
  assert_int_equal(n.rows, 0);
  /* The title names no village outside the scope. */
  char title[256];
  notice_title(z, "150125101201", title, sizeof title);
  assert_null(strstr(title, "圪料坝"));
  /* A township's clerk: its villages. */
  assert_int_equal(db_set_scope(z, "150125101"), 0);
  assert_int_equal(notice(z, "150125101201", &n), 0);
  assert_int_equal(notice(z, "150125100201", &n), -1);
  /* Not a village at all, in scope or not. */
  assert_int_equal(notice(z, "150125101", &n), -1);
  /* In Chinese, as a web page says it. */
  z->lang = LANG_ZH;
  assert_int_equal(notice(z, "150125100201", &n), -1);
  assert_string_equal(z->err, "没有代码为“150125100201”的村");
  z->lang = LANG_EN;
  testdb_close(z, path);
}

/* The rows of the sheet 代码表 of the workbook at file. */
static char *code_sheet(const char *file)
{
  char err[512];
  xlsxin *r = xlsxin_open(file, LANG_EN, err, sizeof err);
  assert_non_null(r);
  int k = -1;
  for(int i = 0; i < xlsxin_sheets(r); i++)
    if(!strcmp(xlsxin_sheet_name(r, i), "代码表"))
      k = i;
  assert_true(k >= 0);
  assert_int_equal(xlsxin_select(r, k), 0);
  sbuf sb;
  sb_init(&sb);
  DUMP_ROWS(&sb, r, xlsxin_next, xlsxin_error);
  xlsxin_close(r);
  return sb_detach(&sb);
}

static void test_template_scope(void **state)
{
  (void)state;
  char path[64], file[80];
  sz *z = two_townships(path);
  snprintf(file, sizeof file, "%s.xlsx", path);
  /* No scope: the county's villages and accounts. */
  assert_int_equal(reg_template_xlsx(z, &reg_fund, "150125", file), 0);
  char *rows = code_sheet(file);
  assert_non_null(strstr(rows, "<150125100201>"));
  assert_non_null(strstr(rows, "<150125101201>"));
  assert_non_null(strstr(rows, "<150125101201-ZH-0001>"));
  free(rows);
  unlink(file);
  /* A village clerk: the county (which holds the scope) lists theirs
   * alone; the other township is not found, and no file is left. */
  assert_int_equal(db_set_scope(z, "150125100201"), 0);
  assert_int_equal(reg_template_xlsx(z, &reg_fund, "150125", file), 0);
  rows = code_sheet(file);
  assert_non_null(strstr(rows, "<150125100201>"));
  assert_non_null(strstr(rows, "<150125100201-ZH-0001>"));
  assert_null(strstr(rows, "150125101201"));
  free(rows);
  unlink(file);
  assert_int_equal(reg_template_xlsx(z, &reg_fund, "150125101", file), -1);
  assert_string_equal(z->err,
                      "no township or county with code '150125101'");
  assert_int_equal(access(file, F_OK), -1);
  /* A township's clerk: its own township, not the other. */
  assert_int_equal(db_set_scope(z, "150125101"), 0);
  assert_int_equal(reg_template_xlsx(z, &reg_asset, "150125101", file), 0);
  unlink(file);
  z->lang = LANG_ZH;
  assert_int_equal(reg_template_xlsx(z, &reg_asset, "150125100", file), -1);
  assert_string_equal(z->err, "没有代码为“150125100”的乡镇或县");
  assert_int_equal(access(file, F_OK), -1);
  testdb_close(z, path);
}

int main(int argc, char **argv)
{
  /* The catalog of the build tree: build/locale beside build/tests. */
  (void)argc;
  char exe[4096];
  const char *slash = strrchr(argv[0], '/');
  snprintf(exe, sizeof exe, "%.*s/../test", slash ? (int)(slash - argv[0]) : 1,
           slash ? argv[0] : ".");
  i18n_init(exe);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_notice_scope),
    cmocka_unit_test(test_template_scope),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
