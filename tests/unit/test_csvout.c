/* test_csvout.c: CSV writing: RFC 4180 quoting, CRLF, the BOM, and that
 * what csvout writes csvin reads back unchanged. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvin.h"
#include "base/csvout.h"
#include "base/util.h"

/* Fields written and the exact bytes expected for each, worked out from
 * RFC 4180 and the rule "quote when a comma, quote, CR, LF or a leading or
 * trailing blank is present". */
static const struct {
  const char *in;
  const char *out;
} cases[] = {
  { "a", "a" },
  { "", "" },
  { "a b", "a b" },                     /* inner space: no quotes */
  { "b,c", "\"b,c\"" },
  { "say \"hi\"", "\"say \"\"hi\"\"\"" },
  { "\"", "\"\"\"\"" },
  { "\"\"", "\"\"\"\"\"\"" },
  { " x", "\" x\"" },
  { "y ", "\"y \"" },
  { "\tz", "\"\tz\"" },                 /* csvin trims tabs as well */
  { "line1\nline2", "\"line1\nline2\"" },
  { "cr\rx", "\"cr\rx\"" },
  { "a\r\nb", "\"a\r\nb\"" },
  { "中文", "中文" },
  { "原值（元）", "原值（元）" },
  { "1,200.00", "\"1,200.00\"" },
};

static char *capture_row(size_t from, size_t to, int bom)
{
  char *buf = NULL;
  size_t len = 0, i;
  FILE *fp = open_memstream(&buf, &len);
  assert_non_null(fp);
  if(bom)
    csvout_bom(fp);
  for(i = from; i < to; i++)
    csvout_field(fp, cases[i].in, strlen(cases[i].in), i == from);
  csvout_endrow(fp);
  assert_int_equal(fclose(fp), 0);
  return buf;
}

static void test_each_field(void **state)
{
  size_t i;
  (void)state;
  for(i = 0; i < ARRAY_SIZE(cases); i++) {
    char *got = capture_row(i, i + 1, 0);
    sbuf want = {0};
    sb_addf(&want, "%s\r\n", cases[i].out);
    assert_string_equal(got, want.buf);
    sb_free(&want);
    free(got);
  }
}

/* Text a spreadsheet would run as a formula gets one apostrophe in front
 * (OWASP); csv_unguard finds exactly that apostrophe again. */
static void test_formula_guard(void **state)
{
  (void)state;
  static const struct {
    const char *in, *out;
  } g[] = {
    {"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
    {"=HYPERLINK(\"http://x\",\"y\")",
     "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
    {"+1", "'+1"},
    {"-2+3", "'-2+3"},
    {"@SUM(1+1)", "'@SUM(1+1)"},
    {"\tx", "'\tx"},                      /* the tab is inside now */
    {"\rx", "\"'\rx\""},
    {"'=x", "''=x"},                      /* an apostrophe of its own */
    {"''-1", "'''-1"},
    {"'abc", "'abc"},                     /* not formula-like: as it is */
    {"a=b", "a=b"},
    {"1-2", "1-2"},
    {"", ""},
    {"'", "'"},
  };
  for(size_t i = 0; i < ARRAY_SIZE(g); i++) {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    csvout_text(fp, g[i].in, strlen(g[i].in), 1);
    fclose(fp);
    assert_string_equal(buf, g[i].out);
    free(buf);
    /* Unquoted as a reader would, the guard comes off again: the value
     * read is the value written. */
    sbuf cell = {0};
    const char *o = g[i].out;
    if(o[0] == '"') {
      for(size_t k = 1; o[k + 1]; k++) {
        sb_addch(&cell, o[k]);
        if(o[k] == '"')
          k++;
      }
    } else
      sb_addstr(&cell, o);
    const char *c = cell.buf ? cell.buf : "";
    assert_string_equal(c + csv_unguard(c, strlen(c)), g[i].in);
    sb_free(&cell);
  }
  /* Numbers are not text: csvout_field writes a negative amount as is. */
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  csvout_field(fp, "-330.00", 7, 1);
  fclose(fp);
  assert_string_equal(buf, "-330.00");
  free(buf);
}

static void test_row_and_bom(void **state)
{
  char *got;
  (void)state;
  /* fields 3..5: "b,c", say "hi", one quote; commas between, CRLF end */
  got = capture_row(3, 6, 1);
  assert_string_equal(got, "\xEF\xBB\xBF\"b,c\",\"say \"\"hi\"\"\","
                      "\"\"\"\"\r\n");
  free(got);
  /* a field is written by its length, not up to a NUL */
  {
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    csvout_field(fp, "abc,def", 3, 1);
    csvout_field(fp, "x\"yz", 2, 0);
    csvout_endrow(fp);
    fclose(fp);
    assert_string_equal(buf, "abc,\"x\"\"\"\r\n");
    free(buf);
  }
}

/* Write every case as a row, and all of them as one row, to a file with a
 * BOM; csvin gives back exactly the same fields with the right rows. */
static void test_round_trip(void **state)
{
  const char *dir = getenv("TMPDIR");
  sbuf path = {0};
  char err[256];
  FILE *fp;
  csvin *r;
  csvrec rec;
  size_t i;
  int fd, k;
  (void)state;
  sb_addf(&path, "%s/sanzi-csvout-XXXXXX", dir && *dir ? dir : "/tmp");
  fd = mkstemp(path.buf);
  assert_true(fd >= 0);
  fp = fdopen(fd, "wb");
  assert_non_null(fp);
  csvout_bom(fp);
  for(i = 0; i < ARRAY_SIZE(cases); i++) {
    csvout_field(fp, cases[i].in, strlen(cases[i].in), 1);
    csvout_field(fp, "tail", 4, 0);
    csvout_endrow(fp);
  }
  for(i = 0; i < ARRAY_SIZE(cases); i++)
    csvout_field(fp, cases[i].in, strlen(cases[i].in), i == 0);
  csvout_endrow(fp);
  assert_int_equal(fclose(fp), 0);

  r = csvin_open(path.buf, ENC_AUTO, LANG_EN, err, sizeof(err));
  assert_non_null(r);
  for(i = 0; i < ARRAY_SIZE(cases); i++) {
    assert_int_equal(csvin_next(r, &rec), 1);
    /* one record per row even where a field holds a line break */
    assert_int_equal(rec.row, (long)i + 1);
    assert_int_equal(rec.nfields, 2);
    assert_int_equal(rec.f[0].n, strlen(cases[i].in));
    assert_memory_equal(rec.f[0].p, cases[i].in, rec.f[0].n);
    assert_int_equal(rec.f[1].n, 4);
    assert_memory_equal(rec.f[1].p, "tail", 4);
  }
  assert_int_equal(csvin_next(r, &rec), 1);
  assert_int_equal(rec.row, (long)ARRAY_SIZE(cases) + 1);
  assert_int_equal(rec.nfields, (int)ARRAY_SIZE(cases));
  for(k = 0; k < rec.nfields; k++) {
    assert_int_equal(rec.f[k].n, strlen(cases[k].in));
    assert_memory_equal(rec.f[k].p, cases[k].in, rec.f[k].n);
  }
  assert_int_equal(csvin_next(r, &rec), 0);
  assert_string_equal(csvin_encoding_name(r), "UTF-8");
  csvin_close(r);
  unlink(path.buf);
  sb_free(&path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_each_field),
    cmocka_unit_test(test_row_and_bom),
    cmocka_unit_test(test_formula_guard),
    cmocka_unit_test(test_round_trip),
  };
  return cmocka_run_group_tests_name("csvout", tests, NULL, NULL);
}
