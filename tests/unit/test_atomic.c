/* test_atomic.c: a directory or a file put in place in one step
 * (base/atomic.h): the hidden sibling is private and locked; what a killed
 * run left is removed by the next, what a live run holds is not; an
 * existing directory is swapped whole, the user's files and directories
 * carried over, an earlier run's own files dropped, a directory in the way
 * of a new file refused with the old one left as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/atomic.h"
#include "base/i18n.h"

static char top[64];

static int setup(void **state)
{
  (void)state;
  snprintf(top, sizeof top, "/tmp/sanzi-atomic-XXXXXX");
  return mkdtemp(top) ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", top);
  return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *dir, const char *name, const char *text)
{
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  FILE *fp = fopen(p, "w");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

/* The text of dir/name, "" when there is no such file. */
static const char *got(const char *dir, const char *name)
{
  static char buf[64];
  char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  buf[0] = 0;
  FILE *fp = fopen(p, "r");
  if(fp) {
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = 0;
    fclose(fp);
  }
  return buf;
}

static int exists(const char *dir, const char *name)
{
  char p[256];
  struct stat st;
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return lstat(p, &st) == 0;
}

static int old_csv(const char *name, void *ctx)
{
  (void)ctx;
  return strstr(name, ".csv") != NULL;
}

static void test_new_directory(void **state)
{
  (void)state;
  char dir[128], err[512];
  snprintf(dir, sizeof dir, "%s/out", top);
  staged s;
  assert_int_equal(staged_dir(&s, dir, ".t-", LANG_EN, err, sizeof err), 0);
  struct stat st;
  assert_int_equal(stat(s.tmp, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0700);
  put(s.tmp, "a.csv", "new");
  assert_int_equal(staged_commit(&s, NULL, NULL, 0750, err, sizeof err), 0);
  assert_string_equal(got(dir, "a.csv"), "new");
  assert_int_equal(stat(dir, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0750);
}

static void test_swap_carries_files_over(void **state)
{
  (void)state;
  char dir[128], err[512];
  snprintf(dir, sizeof dir, "%s/swap", top);
  mkdir(dir, 0755);
  put(dir, "a.csv", "old");
  put(dir, "b.csv", "an earlier run's");
  put(dir, "notes.txt", "mine");
  staged s;
  assert_int_equal(staged_dir(&s, dir, ".t-", LANG_EN, err, sizeof err), 0);
  put(s.tmp, "a.csv", "new");
  char tmp[STAGED_PATH];
  snprintf(tmp, sizeof tmp, "%s", s.tmp);
  assert_int_equal(staged_commit(&s, old_csv, NULL, 0700, err, sizeof err), 0);
  assert_string_equal(got(dir, "a.csv"), "new");
  assert_false(exists(dir, "b.csv"));
  assert_string_equal(got(dir, "notes.txt"), "mine");
  struct stat st;
  assert_int_equal(stat(dir, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0755); /* its own, not the 0700 */
  /* nothing hidden left beside it: the old one went with the name */
  assert_int_not_equal(lstat(tmp, &st), 0);
}

static void test_subdirectories(void **state)
{
  (void)state;
  char dir[128], sub[160], err[512];
  snprintf(dir, sizeof dir, "%s/sub", top);
  mkdir(dir, 0755);
  put(dir, "a.csv", "old");
  snprintf(sub, sizeof sub, "%s/keep", dir);
  mkdir(sub, 0750);
  put(sub, "mine.txt", "mine");
  /* one of the user's, carried over whole */
  staged s;
  assert_int_equal(staged_dir(&s, dir, ".t-", LANG_EN, err, sizeof err), 0);
  put(s.tmp, "a.csv", "new");
  assert_int_equal(staged_commit(&s, NULL, NULL, 0700, err, sizeof err), 0);
  assert_string_equal(got(dir, "a.csv"), "new");
  assert_string_equal(got(sub, "mine.txt"), "mine");
  struct stat st;
  assert_int_equal(stat(sub, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0750);
  /* one in the way of a new file: refused, the old one as it was */
  char inway[160];
  snprintf(inway, sizeof inway, "%s/b.csv", dir);
  mkdir(inway, 0755);
  assert_int_equal(staged_dir(&s, dir, ".t-", LANG_EN, err, sizeof err), 0);
  char tmp[STAGED_PATH];
  snprintf(tmp, sizeof tmp, "%s", s.tmp);
  put(s.tmp, "a.csv", "newer");
  put(s.tmp, "b.csv", "newer");
  assert_int_equal(staged_commit(&s, NULL, NULL, 0700, err, sizeof err), -1);
  assert_non_null(strstr(err, "sub/b.csv: is a directory"));
  assert_string_equal(got(dir, "a.csv"), "new");
  assert_int_not_equal(lstat(tmp, &st), 0); /* the hidden one is gone */
}

static void test_leftovers(void **state)
{
  (void)state;
  char dir[128], dead[160], err[512];
  snprintf(dir, sizeof dir, "%s/left", top);
  /* a killed run's: no process holds its lock */
  snprintf(dead, sizeof dead, "%s/.t-Ab12Cd", top);
  mkdir(dead, 0700);
  put(dead, "ids.csv", "150125198001010012");
  /* not ours: another name, or not six letters and digits */
  mkdir(dir, 0755);
  put(top, ".t-old.x", "x");
  put(top, ".t-abc", "x");
  staged live;
  char other[128];
  snprintf(other, sizeof other, "%s/other", top);
  assert_int_equal(staged_dir(&live, other, ".t-", LANG_EN, err, sizeof err), 0);
  assert_false(exists(top, ".t-Ab12Cd"));
  assert_true(exists(top, ".t-old.x"));
  assert_true(exists(top, ".t-abc"));
  /* a run still working keeps its directory */
  staged s;
  assert_int_equal(staged_dir(&s, dir, ".t-", LANG_EN, err, sizeof err), 0);
  struct stat st;
  assert_int_equal(lstat(live.tmp, &st), 0);
  char tmp[STAGED_PATH];
  snprintf(tmp, sizeof tmp, "%s", live.tmp);
  staged_abort(&s);
  staged_abort(&live);
  assert_int_not_equal(lstat(tmp, &st), 0);
}

static void test_file(void **state)
{
  (void)state;
  char path[128], err[512];
  snprintf(path, sizeof path, "%s/copy.db", top);
  staged s;
  assert_int_equal(staged_file(&s, path, ".f-", LANG_EN, err, sizeof err), 0);
  struct stat st;
  assert_int_equal(stat(s.tmp, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0600);
  FILE *fp = fopen(s.tmp, "w");
  fputs("whole", fp);
  fclose(fp);
  assert_false(exists(top, "copy.db"));
  assert_int_equal(staged_commit(&s, NULL, NULL, 0600, err, sizeof err), 0);
  assert_string_equal(got(top, "copy.db"), "whole");
}

static void test_refusals(void **state)
{
  (void)state;
  char path[128], err[512];
  staged s;
  assert_int_equal(staged_dir(&s, ".", ".t-", LANG_EN, err, sizeof err), -1);
  assert_string_equal(err, ".: name the directory itself, not . or ..");
  snprintf(path, sizeof path, "%s/plain", top);
  put(top, "plain", "x");
  assert_int_equal(staged_dir(&s, path, ".t-", LANG_EN, err, sizeof err), -1);
  assert_non_null(strstr(err, "plain: Not a directory"));
  snprintf(path, sizeof path, "%s/plain/sub", top);
  assert_int_equal(staged_dir(&s, path, ".t-", LANG_EN, err, sizeof err), -1);
  assert_non_null(strstr(err, "plain/sub: Not a directory"));
}

static void test_link_to_directory(void **state)
{
  (void)state;
  char dir[128], link[128], err[512];
  snprintf(dir, sizeof dir, "%s/real", top);
  snprintf(link, sizeof link, "%s/link", top);
  mkdir(dir, 0755);
  put(dir, "a.csv", "old");
  assert_int_equal(symlink("real", link), 0);
  staged s;
  assert_int_equal(staged_dir(&s, link, ".t-", LANG_EN, err, sizeof err), 0);
  put(s.tmp, "a.csv", "new");
  assert_int_equal(staged_commit(&s, NULL, NULL, 0700, err, sizeof err), 0);
  struct stat st;
  assert_int_equal(lstat(link, &st), 0);
  assert_true(S_ISLNK(st.st_mode)); /* still the link */
  assert_string_equal(got(link, "a.csv"), "new");
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_new_directory),
      cmocka_unit_test(test_swap_carries_files_over),
      cmocka_unit_test(test_subdirectories),
      cmocka_unit_test(test_leftovers),
      cmocka_unit_test(test_file),
      cmocka_unit_test(test_refusals),
      cmocka_unit_test(test_link_to_directory),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
