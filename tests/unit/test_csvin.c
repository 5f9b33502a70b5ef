/* test_csvin.c: the streaming CSV reader: quoting, line ends, row numbers,
 * encodings, chunk boundaries and every error message.
 *
 * Records are compared as a dump: one line per record, "ROW<f1><f2>...",
 * then "EOF" or "ERR:message". Fixtures are read from tests/data/ relative
 * to the working directory (the repository root, where `make test` runs). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/csvin.h"
#include "base/util.h"

/* csvin.c reads 256 KiB at a time; the boundary tests put characters
 * across this offset (and the pattern tests across every offset). */
#define CHUNK (256 * 1024)

/* The fixtures hold the same three rows in four encodings; the same
 * text in UTF-8 as this source file is written. */
static const char fixture_rows[] =
  "1<资产编号><资产名称><原值（元）>\n"
  "2<ZC001><办公楼,一号><1200000>\n"
  "3<ZC002><说\"明\"><😀>\n"
  "EOF";

static char *tmp_write(const void *data, size_t n)
{
  const char *dir = getenv("TMPDIR");
  sbuf sb = {0};
  int fd;
  sb_addf(&sb, "%s/sanzi-csvin-XXXXXX", dir && *dir ? dir : "/tmp");
  fd = mkstemp(sb.buf);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, data, n), (ssize_t)n);
  close(fd);
  return sb_detach(&sb);
}

/* Read the whole file and describe what csvin returned. */
static char *dump_file(const char *path, enum csv_encoding enc,
                       const char **encname)
{
  char err[256];
  sbuf sb = {0};
  csvrec rec;
  int rc, i;
  csvin *r = csvin_open(path, enc, LANG_EN, err, sizeof(err));
  if(!r) {
    sb_addf(&sb, "OPEN:%s", err);
    return sb_detach(&sb);
  }
  if(encname)
    *encname = csvin_encoding_name(r);
  while((rc = csvin_next(r, &rec)) == 1) {
    sb_addf(&sb, "%ld", rec.row);
    for(i = 0; i < rec.nfields; i++) {
      sb_addch(&sb, '<');
      sb_add(&sb, rec.f[i].p, rec.f[i].n);
      sb_addch(&sb, '>');
    }
    sb_addch(&sb, '\n');
  }
  if(rc < 0)
    sb_addf(&sb, "ERR:%s", csvin_error(r));
  else
    sb_addstr(&sb, "EOF");
  /* the end and an error are sticky */
  assert_int_equal(csvin_next(r, &rec), rc);
  assert_int_equal(csvin_next(r, &rec), rc);
  csvin_close(r);
  return sb_detach(&sb);
}

static char *dump_mem(const char *data, size_t n, enum csv_encoding enc,
                      const char **encname)
{
  char *path = tmp_write(data, n);
  char *out = dump_file(path, enc, encname);
  unlink(path);
  free(path);
  return out;
}

/* A string literal with its length (it may hold NUL bytes). */
#define CHECK(lit, enc, want) check(lit, sizeof(lit) - 1, enc, want)

static void check(const char *data, size_t n, enum csv_encoding enc,
                  const char *want)
{
  char *got = dump_mem(data, n, enc, NULL);
  assert_string_equal(got, want);
  free(got);
}

static void test_quotes(void **state)
{
  (void)state;
  CHECK("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\n", ENC_AUTO,
        "1<a><b,c><say \"hi\"><>\nEOF");
  /* a quoted field keeps its blanks; an unquoted one is trimmed */
  CHECK("\" x \",y\n p , q \n", ENC_AUTO, "1< x ><y>\n2<p><q>\nEOF");
  /* fields that are only doubled quotes: one quote, two quotes */
  CHECK("\"\"\"\",\"\"\"\"\"\"\n", ENC_AUTO, "1<\"><\"\">\nEOF");
  /* commas and quotes inside a field with CRLF */
  CHECK("\"1,2\",\"a\"\"b\"\r\n", ENC_AUTO, "1<1,2><a\"b>\nEOF");
}

static void test_embedded_newlines(void **state)
{
  (void)state;
  /* a record spanning three lines is one row; the next one is row 3 */
  CHECK("h1,h2\n\"x\ny\nz\",1\nnext,2\n", ENC_AUTO,
        "1<h1><h2>\n2<x\ny\nz><1>\n3<next><2>\nEOF");
  CHECK("\"a\r\nb\r\n\",c\r\nd,e\r\n", ENC_AUTO,
        "1<a\r\nb\r\n><c>\n2<d><e>\nEOF");
}

static void test_crlf(void **state)
{
  (void)state;
  /* CRLF ends one row, not two */
  CHECK("a,b\r\nc,d\r\n\"e\r\nf\",g\r\n", ENC_AUTO,
        "1<a><b>\n2<c><d>\n3<e\r\nf><g>\nEOF");
  /* a quoted last field before CRLF */
  CHECK("a,\"b\"\r\nc,\"d\"\r\n", ENC_AUTO, "1<a><b>\n2<c><d>\nEOF");
}

static void test_lf(void **state)
{
  (void)state;
  CHECK("a,b\nc,d\n", ENC_AUTO, "1<a><b>\n2<c><d>\nEOF");
  CHECK("a,\nc,\n", ENC_AUTO, "1<a><>\n2<c><>\nEOF");
}

static void test_last_row_without_newline(void **state)
{
  (void)state;
  CHECK("a,b\nc,d", ENC_AUTO, "1<a><b>\n2<c><d>\nEOF");
  CHECK("a\r\n\"b\"", ENC_AUTO, "1<a>\n2<b>\nEOF");
  CHECK("a,b\nc,", ENC_AUTO, "1<a><b>\n2<c><>\nEOF");
  CHECK("a", ENC_AUTO, "1<a>\nEOF");
}

static void test_unterminated_quote(void **state)
{
  (void)state;
  CHECK("a,b\nc,\"d\ne,f\n", ENC_AUTO,
        "1<a><b>\nERR:row 2: unterminated quoted field");
  /* the row named is the one where the open field starts, counted in
     records */
  CHECK("a\n\"x\ny\",2\n\nz,\"open\n\n", ENC_AUTO,
        "1<a>\n2<x\ny><2>\n3<>\nERR:row 4: unterminated quoted field");
  CHECK("\"", ENC_AUTO, "ERR:row 1: unterminated quoted field");
}

static void test_stray_quote(void **state)
{
  (void)state;
  CHECK("a,b\nc,d\"e\n", ENC_AUTO, "1<a><b>\nERR:row 2: malformed quotes");
  /* text after a closing quote */
  CHECK("\"ab\"c,d\n", ENC_AUTO, "ERR:row 1: malformed quotes");
  CHECK("x\n\n\"p\nq\",r\ns\"t\nu\n", ENC_AUTO,
        "1<x>\n2<>\n3<p\nq><r>\nERR:row 4: malformed quotes");
}

static void test_varying_field_counts(void **state)
{
  (void)state;
  CHECK("a,b,c\nd\ne,f\n,,,\n", ENC_AUTO,
        "1<a><b><c>\n2<d>\n3<e><f>\n4<><><><>\nEOF");
}

static void test_blank_lines(void **state)
{
  (void)state;
  /* LF, CRLF and blanks-only lines are rows of one empty field */
  CHECK("a\n\nb\r\n\r\n  \nc", ENC_AUTO,
        "1<a>\n2<>\n3<b>\n4<>\n5<>\n6<c>\nEOF");
  CHECK("\n\n", ENC_AUTO, "1<>\n2<>\nEOF");
  CHECK("\r\n\r\nx\r\n", ENC_AUTO, "1<>\n2<>\n3<x>\nEOF");
  CHECK("", ENC_AUTO, "EOF");
  CHECK("\xEF\xBB\xBF", ENC_AUTO, "EOF");
}

static void check_fixture(const char *path, enum csv_encoding enc,
                          const char *want_enc)
{
  const char *name = NULL;
  char *got = dump_file(path, enc, &name);
  assert_string_equal(got, fixture_rows);
  assert_non_null(name);
  assert_string_equal(name, want_enc);
  free(got);
}

static void test_utf8_bom(void **state)
{
  (void)state;
  check_fixture("tests/data/csv-utf8-bom.csv", ENC_AUTO, "UTF-8");
  check_fixture("tests/data/csv-utf8-bom.csv", ENC_UTF8, "UTF-8");
  CHECK("\xEF\xBB\xBF编号,名称\n", ENC_AUTO, "1<编号><名称>\nEOF");
  /* only the first BOM is one */
  CHECK("\xEF\xBB\xBF\xEF\xBB\xBF" "a\n", ENC_AUTO, "1<\xEF\xBB\xBF" "a>\nEOF");
}

static void test_utf8_without_bom(void **state)
{
  static const char data[] = "编号,名称\r\nZC001,办公楼\r\n";
  const char *name = NULL;
  char *got;
  (void)state;
  got = dump_mem(data, sizeof(data) - 1, ENC_AUTO, &name);
  assert_string_equal(got, "1<编号><名称>\n2<ZC001><办公楼>\nEOF");
  assert_string_equal(name, "UTF-8");
  free(got);
  /* é (C3 A9) is valid UTF-8, so auto takes UTF-8 */
  got = dump_mem("caf\xC3\xA9\n", 6, ENC_AUTO, &name);
  assert_string_equal(got, "1<café>\nEOF");
  assert_string_equal(name, "UTF-8");
  free(got);
  /* the edges of the valid ranges */
  CHECK("\xC2\x80,\xDF\xBF,\xE0\xA0\x80,\xED\x9F\xBF,\xEE\x80\x80,"
        "\xEF\xBF\xBF,\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF\n", ENC_UTF8,
        "1<\xC2\x80><\xDF\xBF><\xE0\xA0\x80><\xED\x9F\xBF><\xEE\x80\x80>"
        "<\xEF\xBF\xBF><\xF0\x90\x80\x80><\xF4\x8F\xBF\xBF>\nEOF");
}

static void test_gb18030(void **state)
{
  (void)state;
  check_fixture("tests/data/csv-gb18030.csv", ENC_AUTO, "GB18030");
  check_fixture("tests/data/csv-gb18030.csv", ENC_GB18030, "GB18030");
  /* 中文 is D6D0 CEC4; U+1F600 is the four bytes 94 39 FC 36 */
  CHECK("\xD6\xD0,\xCE\xC4\n\x94\x39\xFC\x36\n", ENC_AUTO,
        "1<中><文>\n2<😀>\nEOF");
  /* the GB18030 BOM (U+FEFF = 84 31 95 33) is dropped */
  CHECK("\x84\x31\x95\x33\xD6\xD0\n", ENC_GB18030, "1<中>\nEOF");
}

static void test_gb18030_invalid(void **state)
{
  (void)state;
  CHECK("a\n\xD6\xD0,\xFF\nb\n", ENC_AUTO,
        "1<a>\nERR:row 2: invalid GB18030 byte sequence (bytes FF)");
  /* the file ends inside a character */
  CHECK("a\n\xD6\xD0\n\xD6", ENC_AUTO,
        "1<a>\n2<中>\nERR:row 3: invalid GB18030 byte sequence (bytes D6)");
  /* a bad trail byte inside a quoted field that began on row 2 */
  CHECK("\xD6\xD0\n\"x\ny\xD6\x20\"\n", ENC_GB18030,
        "1<中>\nERR:row 2: invalid GB18030 byte sequence (bytes D6)");
}

static void test_utf16le(void **state)
{
  (void)state;
  check_fixture("tests/data/csv-utf16le.csv", ENC_AUTO, "UTF-16LE");
  check_fixture("tests/data/csv-utf16le.csv", ENC_UTF16, "UTF-16LE");
  /* an odd byte at the end is half a character */
  CHECK("\xFF\xFE" "a\0\n\0b", ENC_AUTO,
        "1<a>\nERR:row 2: invalid UTF-16LE byte sequence (bytes 62)");
  /* a lone surrogate */
  CHECK("\xFF\xFE" "a\0\n\0\x00\xD8" "b\0", ENC_AUTO,
        "1<a>\nERR:row 2: invalid UTF-16LE byte sequence (bytes 00 D8)");
  /* a second BOM is text (U+FEFF), as in UTF-8 */
  CHECK("\xFF\xFE\xFF\xFE" "a\0\n\0", ENC_AUTO, "1<\xEF\xBB\xBF" "a>\nEOF");
  /* U+0000 in the data */
  CHECK("\xFF\xFE" "a\0\0\0\n\0", ENC_AUTO,
        "ERR:row 1: NUL character in data");
}

static void test_utf16be(void **state)
{
  (void)state;
  check_fixture("tests/data/csv-utf16be.csv", ENC_AUTO, "UTF-16BE");
  check_fixture("tests/data/csv-utf16be.csv", ENC_UTF16, "UTF-16BE");
}

static void test_explicit_encoding(void **state)
{
  const char *name = NULL;
  char *got;
  (void)state;
  /* UTF-16 without a BOM: only when asked for; the zero bytes tell the
     byte order */
  got = dump_mem("a\0,\0\x2D\x4E\n\0", 8, ENC_UTF16, &name);
  assert_string_equal(got, "1<a><中>\nEOF");
  assert_string_equal(name, "UTF-16LE");
  free(got);
  got = dump_mem("\0a\0,\x4E\x2D\0\n", 8, ENC_UTF16, &name);
  assert_string_equal(got, "1<a><中>\nEOF");
  assert_string_equal(name, "UTF-16BE");
  free(got);
  /* D1 A7 is 学 in GB18030 and also valid UTF-8 (U+0467 ѧ): auto takes
     UTF-8, an explicit GB18030 is obeyed */
  got = dump_mem("\xD1\xA7\n", 3, ENC_AUTO, &name);
  assert_string_equal(got, "1<ѧ>\nEOF");
  assert_string_equal(name, "UTF-8");
  free(got);
  got = dump_mem("\xD1\xA7\n", 3, ENC_GB18030, &name);
  assert_string_equal(got, "1<学>\nEOF");
  assert_string_equal(name, "GB18030");
  free(got);
  /* UTF-8 when asked for: GB18030 bytes are an error naming the row */
  CHECK("a\n\xC4\xE3\n", ENC_UTF8,
        "1<a>\nERR:row 2: invalid UTF-8 (bytes C4 E3); if this file is GBK, "
        "say --encoding gb18030");
}

static void test_invalid_utf8(void **state)
{
  /* each with the bytes the message names: up to 4, to the next ASCII */
  static const char *bad[][2] = {
    {"\xFF", "FF"}, {"\x80", "80"}, {"\xC0\x80", "C0 80"},
    {"\xC1\xBF", "C1 BF"}, {"\xE0\x80\x80", "E0 80 80"},
    {"\xE0\x9F\xBF", "E0 9F BF"}, {"\xED\xA0\x80", "ED A0 80"},
    {"\xED\xBF\xBF", "ED BF BF"}, {"\xF0\x80\x80\x80", "F0 80 80 80"},
    {"\xF4\x90\x80\x80", "F4 90 80 80"}, {"\xF5\x80\x80\x80", "F5 80 80 80"},
    {"\xE4\xB8" "x", "E4 B8"}, {"\xC3", "C3"}
  };
  size_t i;
  (void)state;
  for(i = 0; i < ARRAY_SIZE(bad); i++) {
    sbuf in = {0};
    sbuf want = {0};
    sb_addf(&in, "a\nb\n\"c\nd\",%s\ne\n", bad[i][0]);
    sb_addf(&want, "1<a>\n2<b>\nERR:row 3: invalid UTF-8 (bytes %s); if this "
            "file is GBK, say --encoding gb18030", bad[i][1]);
    check(in.buf, in.len, ENC_UTF8, want.buf);
    sb_free(&in);
    sb_free(&want);
  }
  /* the file ends inside a character */
  CHECK("a\n\xE4\xB8", ENC_UTF8,
        "1<a>\nERR:row 2: invalid UTF-8 (bytes E4 B8); if this file is GBK, "
        "say --encoding gb18030");
  CHECK("a\nb\0c\n", ENC_UTF8, "1<a>\nERR:row 2: NUL character in data");
}

/* One bad byte in a UTF-8 file (on row 3, in the first 64 KiB) is
 * reported as invalid UTF-8 on its row, with its bytes; it does not turn
 * the file into GB18030 (whose row 1 would then be the error). A GBK file
 * with a few characters that happen to be valid UTF-8 is still GB18030. */
static void test_utf8_stray_byte(void **state)
{
  (void)state;
  CHECK("名称,村\n仓库,福如东村\n\xE4\xBD,x\n", ENC_AUTO,
        "1<名称><村>\n2<仓库><福如东村>\nERR:row 3: invalid UTF-8 (bytes E4 "
        "BD); if this file is GBK, say --encoding gb18030");
  /* 中文 D6D0 CEC4 invalid; C4E3 (你) is too, D1A7 (学) valid UTF-8 */
  CHECK("\xD6\xD0\xCE\xC4,\xD1\xA7\n\xC4\xE3\n", ENC_AUTO,
        "1<中文><学>\n2<你>\nEOF");
}

/* Auto decides from the first 64 KiB: bad bytes after that are a UTF-8
 * error for the row they are in. */
static void test_invalid_utf8_late(void **state)
{
  sbuf in = {0}, want = {0};
  int i;
  (void)state;
  /* 14 bytes a row: the 64 KiB window ends inside a 中 (65536 = 4681 * 14
     + 2), which does not count against UTF-8 */
  for(i = 0; i < 10000; i++) {
    sb_addstr(&in, "中文,abcdef\n");
    sb_addf(&want, "%d<中文><abcdef>\n", i + 1);
  }
  sb_addstr(&in, "x,\xD6\xD0\ny\n");
  sb_addstr(&want, "ERR:row 10001: invalid UTF-8 (bytes D6 D0); if this file "
            "is GBK, say --encoding gb18030");
  check(in.buf, in.len, ENC_AUTO, want.buf);
  sb_free(&in);
  sb_free(&want);
}

/* Memory stays bounded: a quote that is never closed does not swallow the
 * whole file, and a record cannot have more than 65536 fields. */
/* A blank line then a NUL (found by the fuzzer): the blank line's one
 * empty field points at text, not at NULL (a block of empty fields has no
 * text buffer; the reader once added an offset to NULL there). */
static void test_blank_line_then_nul(void **state)
{
  (void)state;
  char *path = tmp_write("\n\0", 2);
  char err[256];
  csvrec rec;
  csvin *r = csvin_open(path, ENC_AUTO, LANG_EN, err, sizeof(err));
  assert_non_null(r);
  assert_int_equal(csvin_next(r, &rec), 1);
  assert_int_equal(rec.row, 1);
  assert_int_equal(rec.nfields, 1);
  assert_non_null(rec.f[0].p);
  assert_int_equal(rec.f[0].n, 0);
  assert_int_equal(csvin_next(r, &rec), -1);
  assert_string_equal(csvin_error(r), "row 2: NUL character in data");
  csvin_close(r);
  unlink(path);
  free(path);
}

static void test_limits(void **state)
{
  sbuf in = {0};
  size_t i;
  (void)state;
  sb_addstr(&in, "a\n\"");
  for(i = 0; i < 17 * 1024 * 1024 / 8; i++)
    sb_add(&in, "xxxxxxx\n", 8);
  check(in.buf, in.len, ENC_AUTO, "1<a>\nERR:row 2: field longer than 16 MiB "
        "(unterminated quoted field?)");
  sb_reset(&in);
  sb_addstr(&in, "a\n");
  for(i = 0; i < 65535; i++)
    sb_addch(&in, ',');
  sb_addstr(&in, "\nb\n");
  for(i = 0; i < 65536; i++)
    sb_addch(&in, ',');
  sb_addstr(&in, "\nc\n");
  /* 65536 fields are fine (the dump of row 2 is 65536 "<>") */
  {
    sbuf want = {0};
    sb_addstr(&want, "1<a>\n2");
    for(i = 0; i < 65536; i++)
      sb_addstr(&want, "<>");
    sb_addstr(&want, "\n3<b>\nERR:row 4: more than 65536 fields");
    check(in.buf, in.len, ENC_AUTO, want.buf);
    sb_free(&want);
  }
  sb_free(&in);
}

static void test_open_errors(void **state)
{
  (void)state;
  char *got = dump_file("/nonexistent-sanzi-dir/x.csv", ENC_AUTO, NULL);
  assert_string_equal(got, "OPEN:cannot open '/nonexistent-sanzi-dir/x.csv':"
                      " No such file or directory");
  free(got);
}

/* A quoted field and a multibyte character across the first chunk end,
 * in GB18030 and in UTF-8; and a CRLF split by it. */
static void boundary_case(const char *ch, size_t chlen, size_t before,
                          enum csv_encoding enc, const char *lead,
                          const char *want_lead, const char *want_ch)
{
  sbuf in = {0}, want = {0};
  size_t pad;
  char *got;
  /* row 1: LEAD,xxx...x  row 2: 2,"A<ch>\nB",end  so that `before` bytes
     of ch lie before the boundary */
  sb_addstr(&in, lead);
  sb_addch(&in, ',');
  pad = CHUNK - before - strlen("\n2,\"A") - in.len;
  sb_grow(&in, pad);
  memset(in.buf + in.len, 'x', pad);
  in.len += pad;
  sb_addstr(&in, "\n2,\"A");
  assert_int_equal(in.len, CHUNK - before);
  sb_add(&in, ch, chlen);
  sb_addstr(&in, "\nB\",end\r\n3,q\r\n4,last");

  sb_addf(&want, "1<%s><", want_lead);
  sb_grow(&want, pad);
  memset(want.buf + want.len, 'x', pad);
  want.len += pad;
  want.buf[want.len] = 0;
  sb_addf(&want, ">\n2<2><A%s\nB><end>\n3<3><q>\n4<4><last>\nEOF", want_ch);
  got = dump_mem(in.buf, in.len, enc, NULL);
  assert_string_equal(got, want.buf);
  free(got);
  sb_free(&in);
  sb_free(&want);
}

static void test_chunk_boundary(void **state)
{
  size_t k;
  (void)state;
  /* GB18030: 中 (2 bytes), 😀 (4 bytes) cut after each byte */
  boundary_case("\xD6\xD0", 2, 1, ENC_AUTO, "\xD6\xD0", "中", "中");
  for(k = 1; k <= 3; k++)
    boundary_case("\x94\x39\xFC\x36", 4, k, ENC_AUTO, "\xD6\xD0", "中",
                  "😀");
  /* UTF-8: 中 (3 bytes), 😀 (4 bytes) */
  for(k = 1; k <= 2; k++)
    boundary_case("\xE4\xB8\xAD", 3, k, ENC_AUTO, "中", "中", "中");
  for(k = 1; k <= 3; k++)
    boundary_case("\xF0\x9F\x98\x80", 4, k, ENC_UTF8, "a", "a", "😀");
  /* a CR in the quoted field just before the boundary */
  boundary_case("\r", 1, 1, ENC_AUTO, "a", "a", "\r");
}

/* A CRLF row end cut by the chunk end is one row end, not two. */
static void crlf_case(const char *lead, const char *want_lead)
{
  sbuf in = {0}, want = {0};
  size_t pad;
  char *got;
  sb_addf(&in, "%s,", lead);
  pad = CHUNK - 1 - in.len;
  sb_grow(&in, pad);
  memset(in.buf + in.len, 'y', pad);
  in.len += pad;
  sb_addstr(&in, "\r\nb\r\n");
  assert_int_equal(in.buf[CHUNK - 1], '\r');
  sb_addf(&want, "1<%s><", want_lead);
  sb_grow(&want, pad);
  memset(want.buf + want.len, 'y', pad);
  want.len += pad;
  want.buf[want.len] = 0;
  sb_addstr(&want, ">\n2<b>\nEOF");
  got = dump_mem(in.buf, in.len, ENC_AUTO, NULL);
  assert_string_equal(got, want.buf);
  free(got);
  sb_free(&in);
  sb_free(&want);
}

static void test_crlf_across_chunks(void **state)
{
  (void)state;
  crlf_case("a", "a");
  crlf_case("\xD6\xD0", "中");
}

/* Many records of mixed width and encoding: every chunk and slice
 * boundary falls somewhere inside a character or a quoted field. */
static void pattern_case(const char *to, const char *want_enc)
{
  sbuf in = {0};
  char err[256];
  csvin *r;
  csvrec rec;
  long i, n = 60000;
  long long done, total;
  char *path;

  for(i = 0; i < n; i++)
    sb_addf(&in, "%ld,\"中\n文,\"\"%ld\"\"\",😀%s\r\n", i, i % 7,
            i % 3 ? "x" : "");
  if(to) {
    /* with a BOM written by hand for UTF-16LE */
    int bom = !strcmp(to, "UTF-16LE");
    iconv_t cd = iconv_open(to, "UTF-8");
    size_t cap = in.len * 2 + 2, inleft = in.len, outleft = cap - 2 * bom;
    char *out = xmalloc(cap), *ip = in.buf, *op = out + 2 * bom;
    assert_true(cd != (iconv_t)-1);
    memcpy(out, "\xFF\xFE", 2);
    assert_true(iconv(cd, &ip, &inleft, &op, &outleft) != (size_t)-1);
    iconv_close(cd);
    path = tmp_write(out, (size_t)(op - out));
    free(out);
  }
  else
    path = tmp_write(in.buf, in.len);
  assert_true(in.len > 3 * CHUNK);

  r = csvin_open(path, ENC_AUTO, LANG_EN, err, sizeof(err));
  assert_non_null(r);
  assert_string_equal(csvin_encoding_name(r), want_enc);
  for(i = 0; i < n; i++) {
    char want[64];
    int m;
    assert_int_equal(csvin_next(r, &rec), 1);
    assert_int_equal(rec.row, i + 1);
    assert_int_equal(rec.nfields, 3);
    m = snprintf(want, sizeof(want), "%ld", i);
    assert_int_equal(rec.f[0].n, (size_t)m);
    assert_memory_equal(rec.f[0].p, want, (size_t)m);
    m = snprintf(want, sizeof(want), "中\n文,\"%ld\"", i % 7);
    assert_int_equal(rec.f[1].n, (size_t)m);
    assert_memory_equal(rec.f[1].p, want, (size_t)m);
    m = snprintf(want, sizeof(want), "😀%s", i % 3 ? "x" : "");
    assert_int_equal(rec.f[2].n, (size_t)m);
    assert_memory_equal(rec.f[2].p, want, (size_t)m);
  }
  assert_int_equal(csvin_next(r, &rec), 0);
  csvin_progress(r, &done, &total);
  assert_true(total > 0);
  assert_true(done == total);
  csvin_close(r);
  unlink(path);
  free(path);
  sb_free(&in);
}

static void test_pattern_utf8(void **state)
{
  (void)state;
  pattern_case(NULL, "UTF-8");
}

static void test_pattern_gb18030(void **state)
{
  (void)state;
  pattern_case("GB18030", "GB18030");
}

static void test_pattern_utf16le(void **state)
{
  (void)state;
  pattern_case("UTF-16LE", "UTF-16LE");
}

static void test_stdin(void **state)
{
  static const char data[] = "a,b\r\n\"c\nd\",e\r\n";
  char *path = tmp_write(data, sizeof(data) - 1), *got;
  int saved = dup(0);
  FILE *fp;
  (void)state;
  fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_true(dup2(fileno(fp), 0) == 0);
  fclose(fp);
  got = dump_file("-", ENC_AUTO, NULL);
  assert_true(dup2(saved, 0) == 0);
  close(saved);
  assert_string_equal(got, "1<a><b>\n2<c\nd><e>\nEOF");
  free(got);
  unlink(path);
  free(path);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_quotes),
    cmocka_unit_test(test_embedded_newlines),
    cmocka_unit_test(test_crlf),
    cmocka_unit_test(test_lf),
    cmocka_unit_test(test_last_row_without_newline),
    cmocka_unit_test(test_unterminated_quote),
    cmocka_unit_test(test_stray_quote),
    cmocka_unit_test(test_varying_field_counts),
    cmocka_unit_test(test_blank_lines),
    cmocka_unit_test(test_utf8_bom),
    cmocka_unit_test(test_utf8_without_bom),
    cmocka_unit_test(test_gb18030),
    cmocka_unit_test(test_gb18030_invalid),
    cmocka_unit_test(test_utf16le),
    cmocka_unit_test(test_utf16be),
    cmocka_unit_test(test_explicit_encoding),
    cmocka_unit_test(test_invalid_utf8),
    cmocka_unit_test(test_invalid_utf8_late),
    cmocka_unit_test(test_utf8_stray_byte),
    cmocka_unit_test(test_limits),
    cmocka_unit_test(test_blank_line_then_nul),
    cmocka_unit_test(test_open_errors),
    cmocka_unit_test(test_chunk_boundary),
    cmocka_unit_test(test_crlf_across_chunks),
    cmocka_unit_test(test_pattern_utf8),
    cmocka_unit_test(test_pattern_gb18030),
    cmocka_unit_test(test_pattern_utf16le),
    cmocka_unit_test(test_stdin),
  };
  return cmocka_run_group_tests_name("csvin", tests, NULL, NULL);
}
