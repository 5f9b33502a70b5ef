/* test_xlsxin.c: the .xlsx reader: cells of every kind, dates in both date
 * systems, sparse and empty rows, several sheets, and every error path;
 * and the sniffing of file formats (sheetfmt).
 *
 * Workbooks are made in the test: with libxlsxwriter, as a program writes
 * them, and by hand with libzip for what libxlsxwriter cannot write (the
 * 1904 date system, inline strings, string formulas, errors, prefixed
 * elements) and for damaged files. Rows are compared as a dump: one line
 * per row, "ROW<f1><f2>...", then "EOF" or "ERR:message". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "base/sheetfmt.h"
#include "base/util.h"
#include "sheetdump.h"
#include "base/xlsxfmt.h"
#include "base/xlsxin.h"

static char *tmp_path(void)
{
  const char *dir = getenv("TMPDIR");
  sbuf sb = {0};
  int fd;
  sb_addf(&sb, "%s/sanzi-xlsxin-XXXXXX", dir && *dir ? dir : "/tmp");
  fd = mkstemp(sb.buf);
  assert_true(fd >= 0);
  close(fd);
  return sb_detach(&sb);
}

/* The rows of sheet `sheet` (-1: without selecting one). */
static char *dump_sheet(xlsxin *r, int sheet)
{
  sbuf sb = {0};
  if(sheet >= 0 && xlsxin_select(r, sheet) < 0) {
    sb_addf(&sb, "ERR:%s", xlsxin_error(r));
    return sb_detach(&sb);
  }
  DUMP_ROWS(&sb, r, xlsxin_next, xlsxin_error);
  return sb_detach(&sb);
}

/* Opens path and dumps its first sheet, or "OPEN:message". */
static char *dump_path(const char *path)
{
  char err[512];
  xlsxin *r = xlsxin_open(path, LANG_EN, err, sizeof err);
  char *out;
  if(!r) {
    sbuf sb = {0};
    sb_addf(&sb, "OPEN:%s", err);
    return sb_detach(&sb);
  }
  out = dump_sheet(r, -1);
  xlsxin_close(r);
  return out;
}

/* A ZIP file of the members given as name, text, ..., NULL. */
static char *make_zip(const char *name, ...)
{
  char *path = tmp_path();
  int ze;
  zip_t *z = zip_open(path, ZIP_TRUNCATE, &ze);
  va_list ap;
  assert_non_null(z);
  va_start(ap, name);
  for(const char *n = name; n; n = va_arg(ap, const char *)) {
    const char *text = va_arg(ap, const char *);
    zip_source_t *s = zip_source_buffer(z, text, strlen(text), 0);
    assert_non_null(s);
    assert_true(zip_file_add(z, n, s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  va_end(ap);
  assert_int_equal(zip_close(z), 0);
  return path;
}

#define WB(sheets)                                                        \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"       \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"    \
  "2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/"              \
  "officeDocument/2006/relationships\">" sheets "</workbook>"
#define RELS(rels)                                                        \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Relationships xmlns=\""   \
  "http://schemas.openxmlformats.org/package/2006/relationships\">"       \
  rels "</Relationships>"
#define REL(id, type, target)                                             \
  "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/" \
  "officeDocument/2006/relationships/" type "\" Target=\"" target "\"/>"
#define SHEET(rows)                                                       \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\""       \
  "http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"          \
  "<sheetData>" rows "</sheetData></worksheet>"
#define ONE_SHEET WB("<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>")
#define ONE_REL RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml"))

/* A one-sheet workbook with the given sheet XML rows, and optionally
 * shared strings and styles. */
static char *one_sheet(const char *rows_xml, const char *sst,
                       const char *styles)
{
  sbuf rels = {0};
  char *path;
  sb_addstr(&rels, RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
                        REL("rId2", "sharedStrings", "sharedStrings.xml")
                        REL("rId3", "styles", "/xl/styles.xml")));
  if(sst && styles)
    path = make_zip("xl/workbook.xml", ONE_SHEET,
                    "xl/_rels/workbook.xml.rels", rels.buf,
                    "xl/worksheets/sheet1.xml", rows_xml,
                    "xl/sharedStrings.xml", sst, "xl/styles.xml", styles,
                    NULL);
  else if(sst)
    path = make_zip("xl/workbook.xml", ONE_SHEET,
                    "xl/_rels/workbook.xml.rels", rels.buf,
                    "xl/worksheets/sheet1.xml", rows_xml,
                    "xl/sharedStrings.xml", sst, NULL);
  else if(styles)
    path = make_zip("xl/workbook.xml", ONE_SHEET,
                    "xl/_rels/workbook.xml.rels", rels.buf,
                    "xl/worksheets/sheet1.xml", rows_xml,
                    "xl/styles.xml", styles, NULL);
  else
    path = make_zip("xl/workbook.xml", ONE_SHEET,
                    "xl/_rels/workbook.xml.rels", rels.buf,
                    "xl/worksheets/sheet1.xml", rows_xml, NULL);
  sb_free(&rels);
  return path;
}

static void check_sheet(const char *rows_xml, const char *sst,
                        const char *styles, const char *want)
{
  char *path = one_sheet(rows_xml, sst, styles);
  char *got = dump_path(path);
  assert_string_equal(got, want);
  free(got);
  unlink(path);
  free(path);
}

/* ---------------------------------------------------------------------- */

/* A workbook as a program writes it with libxlsxwriter (shared strings,
 * styles with built-in and custom formats, a merged title, two sheets). */
static char *write_workbook(void)
{
  char *path = tmp_path();
  lxw_workbook *wb = workbook_new(path);
  lxw_worksheet *ws = workbook_add_worksheet(wb, "资产");
  lxw_worksheet *ws2 = workbook_add_worksheet(wb, "说明");
  lxw_format *money = workbook_add_format(wb);
  lxw_format *iso = workbook_add_format(wb);
  lxw_format *cn = workbook_add_format(wb);
  lxw_format *builtin = workbook_add_format(wb);
  lxw_format *stamp = workbook_add_format(wb);
  lxw_format *clock = workbook_add_format(wb);
  lxw_format *bold = workbook_add_format(wb);
  lxw_format *cnclock = workbook_add_format(wb);
  lxw_datetime d1 = {2020, 6, 15, 0, 0, 0};
  lxw_datetime d2 = {2024, 3, 5, 8, 30, 0};
  lxw_datetime d3 = {1900, 1, 1, 0, 0, 0};
  lxw_datetime d4 = {1900, 2, 28, 0, 0, 0};
  lxw_datetime d5 = {1900, 3, 1, 0, 0, 0};
  lxw_datetime d6 = {2023, 12, 31, 0, 0, 0};

  format_set_num_format(money, "#,##0.00");
  format_set_num_format(iso, "yyyy-mm-dd");
  format_set_num_format(cn, "yyyy\"年\"m\"月\"d\"日\"");
  format_set_num_format_index(builtin, 14);
  format_set_num_format(stamp, "yyyy-mm-dd hh:mm:ss");
  format_set_num_format(clock, "[h]:mm:ss");
  format_set_num_format(cnclock, "h\"时\"mm\"分\"");
  format_set_bold(bold);

  worksheet_merge_range(ws, 0, 0, 0, 4, "某某村集体资产台账", bold);
  worksheet_write_string(ws, 1, 0, "资产编号", NULL);
  worksheet_write_string(ws, 1, 1, "资产名称", NULL);
  worksheet_write_string(ws, 1, 2, "原值（元）", NULL);
  worksheet_write_string(ws, 1, 3, "购建日期", NULL);
  worksheet_write_string(ws, 1, 4, "在用", NULL);
  /* row 3: money shown as 12,500.12 but stored with three decimals */
  worksheet_write_string(ws, 2, 0, "ZC001", NULL);
  worksheet_write_string(ws, 2, 1, "办公楼", NULL);
  worksheet_write_number(ws, 2, 2, 12500.123, money);
  worksheet_write_datetime(ws, 2, 3, &d1, iso);
  worksheet_write_boolean(ws, 2, 4, 1, NULL);
  /* row 4: the same string again (one shared string), a Chinese date, a
     date with a time of day */
  worksheet_write_string(ws, 3, 0, "ZC002", NULL);
  worksheet_write_string(ws, 3, 1, "办公楼", NULL);
  worksheet_write_number(ws, 3, 2, 1200000, NULL);
  worksheet_write_datetime(ws, 3, 3, &d6, cn);
  worksheet_write_boolean(ws, 3, 4, 0, NULL);
  worksheet_write_datetime(ws, 3, 5, &d2, stamp);
  /* row 5: only a formatted blank cell: a row with no value */
  worksheet_write_blank(ws, 4, 2, money);
  /* row 6 is not there at all; row 7 is sparse */
  worksheet_write_string(ws, 6, 0, "0012", NULL);
  worksheet_write_number(ws, 6, 3, 6.22848e18, NULL);
  /* row 8: formulas by their cached values */
  worksheet_write_formula_num(ws, 7, 0, "=C3*2", NULL, 25000.246);
  worksheet_write_formula_num(ws, 7, 1, "=D3", iso, 44000);
  worksheet_write_formula(ws, 7, 2, "=1+1", NULL);
  /* row 9: Excel's 1900 dates around its phantom leap day */
  worksheet_write_datetime(ws, 8, 0, &d3, builtin);
  worksheet_write_datetime(ws, 8, 1, &d4, builtin);
  worksheet_write_number(ws, 8, 2, 60, builtin);
  worksheet_write_datetime(ws, 8, 3, &d5, builtin);
  worksheet_write_number(ws, 8, 4, 0.5, clock);
  worksheet_write_number(ws, 8, 5, 0.75, cnclock);
  /* row 10: a line break; "_x000D_", which libxlsxwriter 1.1.4 writes
     unescaped, so that Excel too reads a carriage return */
  worksheet_write_string(ws, 9, 0, "第一行\n第二行", NULL);
  worksheet_write_string(ws, 9, 1, "_x000D_", NULL);
  worksheet_write_string(ws, 9, 2, " 两边有空格 ", NULL);
  worksheet_write_number(ws, 9, 3, -0.5, NULL);
  worksheet_write_number(ws, 9, 4, 1e-7, NULL);
  /* written "92548.96000000001" (%.16G): the same double as 92548.96 */
  worksheet_write_number(ws, 9, 5, 92548.96, money);

  worksheet_write_string(ws2, 0, 0, "说明", NULL);
  worksheet_write_number(ws2, 2, 1, 3, NULL);
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

static void test_libxlsxwriter(void **state)
{
  char err[512];
  char *path = write_workbook(), *got;
  xlsxin *r = xlsxin_open(path, LANG_EN, err, sizeof err);
  (void)state;
  if(!r)
    fail_msg("%s", err);
  assert_int_equal(xlsxin_sheets(r), 2);
  assert_string_equal(xlsxin_sheet_name(r, 0), "资产");
  assert_string_equal(xlsxin_sheet_name(r, 1), "说明");
  assert_null(xlsxin_sheet_name(r, 2));
  got = dump_sheet(r, -1);
  assert_string_equal(got,
    "1<某某村集体资产台账>\n"
    "2<资产编号><资产名称><原值（元）><购建日期><在用>\n"
    "3<ZC001><办公楼><12500.123><2020-06-15><是>\n"
    "4<ZC002><办公楼><1200000><2023-12-31><否><2024-03-05 08:30:00>\n"
    "5<>\n"
    "7<0012><><><6.22848E+18>\n"
    "8<25000.246><2020-06-18><0>\n"
    "9<1900-01-01><1900-02-28><1900-02-29><1900-03-01><12:00:00>"
    "<18:00:00>\n"
    "10<第一行\n第二行><\r>< 两边有空格 ><-0.5><1E-07><92548.96>\n"
    "EOF");
  free(got);
  got = dump_sheet(r, 1);
  assert_string_equal(got, "1<说明>\n3<><3>\nEOF");
  free(got);
  /* a sheet can be read again */
  got = dump_sheet(r, 1);
  assert_string_equal(got, "1<说明>\n3<><3>\nEOF");
  free(got);
  got = dump_sheet(r, 2);
  assert_string_equal(got, "ERR:the workbook has no sheet 3");
  free(got);
  xlsxin_close(r);
  unlink(path);
  free(path);
}

/* The 1904 date system, and cells libxlsxwriter does not write. */
static void test_handmade(void **state)
{
  (void)state;
  static const char wb1904[] =
    WB("<workbookPr date1904=\"1\"/><sheets>"
       "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets>");
  static const char styles[] =
    "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\"><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"yyyy&quot;年&quot;m&quot;月"
    "&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00&quot;元&quot;\"/>"
    "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"165\"/><xf numFmtId=\"31\"/><xf numFmtId=\"22\"/>"
    "</cellXfs></styleSheet>";
  static const char sheet[] = SHEET(
    "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c>"
    "<c r=\"B1\" s=\"1\"><v>43830</v></c><c r=\"C1\" s=\"3\"><v>43830</v></c>"
    "<c r=\"D1\" s=\"4\"><v>43830.25</v></c><c r=\"E1\" s=\"2\"><v>43830</v></c>"
    "<c r=\"F1\" s=\"0\"><v>43830</v></c></row>");
  char *path = make_zip("xl/workbook.xml", wb1904,
                        "xl/_rels/workbook.xml.rels",
                        RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")
                             REL("rId3", "styles", "styles.xml")),
                        "xl/worksheets/sheet1.xml", sheet,
                        "xl/styles.xml", styles, NULL);
  char *got = dump_path(path);
  assert_string_equal(got, "1<1904-01-01><2024-01-01><2024-01-01>"
                      "<2024-01-01 06:00:00><43830><43830>\nEOF");
  free(got);
  unlink(path);
  free(path);

  /* the same serials in the 1900 system, with the same styles */
  check_sheet(sheet, NULL, styles,
              "1<1900-01-00><2019-12-31><2019-12-31><2019-12-31 06:00:00>"
              "<43830><43830>\nEOF");

  /* inline strings with runs, string formulas, errors, booleans, ISO
     dates; cells without r, rows without r; a prefixed namespace */
  check_sheet(
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
    "spreadsheetml/2006/main\"><x:sheetData>"
    "<x:row><x:c t=\"inlineStr\"><x:is><x:t>甲</x:t></x:is></x:c>"
    "<x:c t=\"inlineStr\"><x:is><x:r><x:t>乙</x:t></x:r><x:r><x:t xml:space="
    "\"preserve\"> 丙</x:t></x:r></x:is></x:c>"
    "<x:c t=\"str\"><x:f>A1&amp;B1</x:f><x:v>甲乙 丙</x:v></x:c>"
    "<x:c t=\"e\"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>"
    "<x:c t=\"b\"><x:v>1</x:v></x:c><x:c t=\"b\"><x:v>0</x:v></x:c>"
    "<x:c t=\"d\"><x:v>2024-03-05T00:00:00Z</x:v></x:c>"
    "<x:c t=\"d\"><x:v>2024-03-05T08:30:15.250</x:v></x:c></x:row>"
    "<x:row><x:c t=\"n\"><x:v>1.5</x:v></x:c><x:c/><x:c r=\"D2\">"
    "<x:f>A2</x:f></x:c></x:row>"
    "<x:row r=\"5\" spans=\"1:3\"/><x:row><x:c r=\"C6\" t=\"e\"><x:v>#N/A</x:v>"
    "</x:c></x:row>"
    "</x:sheetData></x:worksheet>",
    NULL, NULL,
    "1<甲><乙 丙><甲乙 丙><#DIV/0!><是><否><2024-03-05>"
    "<2024-03-05 08:30:15>\n"
    "2<1.5>\n5<>\n6<><><#N/A>\nEOF");

  /* shared strings: rich text runs joined, phonetic runs left out,
     Excel's escapes decoded */
  check_sheet(
    SHEET("<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\">"
          "<v>1</v></c><c r=\"D2\" t=\"s\"><v>2</v></c>"
          "<c r=\"E2\" t=\"s\"><v>3</v></c></row>"),
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
    "main\" count=\"4\" uniqueCount=\"4\">"
    "<si><t>张三</t></si>"
    "<si><r><rPr><b/></rPr><t>承包</t></r><r><t>合同</t></r>"
    "<rPh sb=\"0\" eb=\"2\"><t>chengbao</t></rPh><phoneticPr fontId=\"1\"/></si>"
    "<si><t>a_x000D_b_x005F_x0041_</t></si>"
    "<si><t/></si></sst>",
    NULL, "2<><张三><承包合同><a\rb_x0041_>\nEOF");
}

/* Shared strings that are all empty (found by the fuzzer): the string
 * table has no text at all, and a cell naming one is an empty field. */
static void test_empty_shared_strings(void **state)
{
  (void)state;
  check_sheet(SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                    "<c r=\"B1\" t=\"s\"><v>1</v></c>"
                    "<c r=\"C1\"><v>7</v></c></row>"),
              "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
              "2006/main\"><si><t></t></si><si/></sst>",
              NULL, "1<><><7>\nEOF");
}

static void test_limits(void **state)
{
  sbuf sb = {0}, want = {0};
  char *path, *got;
  (void)state;
  /* 32,767 characters is the most a cell holds */
  sb_addstr(&sb, "<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\">"
            "<c t=\"inlineStr\"><is><t>");
  sb_addstr(&want, "1<");
  for(int i = 0; i < 32767; i++) {
    sb_addstr(&sb, "资");
    sb_addstr(&want, "资");
  }
  sb_addstr(&sb, "</t></is></c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>");
  sb_addstr(&want, ">\nERR:row 2: cell A2 is longer than 32767 characters, "
            "Excel's limit");
  for(int i = 0; i < 32768; i++)
    sb_addstr(&sb, "a");
  sb_addstr(&sb, "</t></is></c></row></sheetData></worksheet>");
  check_sheet(sb.buf, NULL, NULL, want.buf);
  sb_free(&sb);
  sb_free(&want);

  /* XFD is the last column */
  path = one_sheet(SHEET("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"
                         "<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>"),
                   NULL, NULL);
  {
    char err[512];
    csvrec rec;
    xlsxin *r = xlsxin_open(path, LANG_EN, err, sizeof err);
    assert_non_null(r);
    assert_int_equal(xlsxin_next(r, &rec), 1);
    assert_int_equal(rec.nfields, 16384);
    assert_int_equal(rec.f[16383].n, 1);
    assert_int_equal(rec.f[16382].n, 0);
    assert_int_equal(xlsxin_next(r, &rec), -1);
    assert_string_equal(xlsxin_error(r),
                        "row 2: a cell beyond column XFD, the last Excel has");
    xlsxin_close(r);
  }
  unlink(path);
  free(path);
  (void)got;
}

static char *slurp(const char *path, size_t *n)
{
  FILE *f = fopen(path, "rb");
  sbuf sb = {0};
  char buf[65536];
  size_t got;
  assert_non_null(f);
  while((got = fread(buf, 1, sizeof buf, f)) > 0)
    sb_add(&sb, buf, got);
  fclose(f);
  *n = sb.len;
  return sb_detach(&sb);
}

static void spill(const char *path, const char *data, size_t n)
{
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
}

/* The dump of path is want, with PATH in it standing for the path. */
static void check_open(const char *path, const char *want)
{
  char *got = dump_path(path);
  sbuf w = {0};
  const char *p = strstr(want, "PATH");
  if(p) {
    sb_add(&w, want, (size_t)(p - want));
    sb_addstr(&w, path);
    sb_addstr(&w, p + 4);
  }
  else
    sb_addstr(&w, want);
  assert_string_equal(got, w.buf);
  sb_free(&w);
  free(got);
}

static void test_damaged(void **state)
{
  char *path = write_workbook(), *data, *p;
  size_t n;
  (void)state;
  data = slurp(path, &n);

  /* cut in half: the ZIP directory at the end is gone */
  spill(path, data, n / 2);
  check_open(path, "OPEN:cannot open 'PATH': not a ZIP file, or a damaged "
             "or truncated one");
  /* a few bytes short */
  spill(path, data, n - 5);
  check_open(path, "OPEN:cannot open 'PATH': not a ZIP file, or a damaged "
             "or truncated one");
  /* empty */
  spill(path, data, 0);
  check_open(path, "OPEN:cannot open 'PATH': not a ZIP file, or a damaged "
             "or truncated one");

  /* the sheet's compressed data damaged: found when the sheet is read */
  p = memmem(data, n, "xl/worksheets/sheet1.xml", 24);
  assert_non_null(p);
  {
    /* the local header: name length at 26, extra length at 28 */
    unsigned char *h = (unsigned char *)p - 30;
    size_t off = (size_t)(p - data) + 24 + (size_t)(h[28] | h[29] << 8);
    size_t csize = (size_t)(h[18] | h[19] << 8 | h[20] << 16);
    assert_true(csize > 64);
    for(size_t i = csize / 2; i < csize / 2 + 16; i++)
      data[off + i] ^= 0x55;
  }
  spill(path, data, n);
  {
    char *got = dump_path(path);
    assert_non_null(strstr(got, "ERR:cannot read 'xl/worksheets/sheet1.xml' "
                           "inside the workbook: damaged ZIP file (the "
                           "compressed data is corrupt)"));
    free(got);
  }
  free(data);
  unlink(path);

  check_open(path, "OPEN:cannot open 'PATH': No such file or directory");
  free(path);
}

static void test_not_a_workbook(void **state)
{
  char *path;
  (void)state;
  path = make_zip("word/document.xml", "<document/>", NULL);
  check_open(path, "OPEN:cannot open 'PATH': a ZIP file that is not an Excel "
             "workbook (it has no xl/workbook.xml)");
  unlink(path);
  free(path);
  path = make_zip("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                  "content.xml", "<office:document-content/>", NULL);
  check_open(path, "OPEN:cannot open 'PATH': an OpenDocument file (.ods), not "
             "an Excel workbook: save it as .xlsx");
  unlink(path);
  free(path);
  path = make_zip("xl/workbook.bin", "x", NULL);
  check_open(path, "OPEN:cannot open 'PATH': an Excel binary workbook "
             "(.xlsb), which this program cannot read: save it as .xlsx");
  unlink(path);
  free(path);
  /* a workbook without sheets; a sheet whose part is missing */
  path = make_zip("xl/workbook.xml", WB("<sheets/>"), NULL);
  check_open(path, "OPEN:cannot open 'PATH': the workbook has no sheets");
  unlink(path);
  free(path);
  path = make_zip("xl/workbook.xml", ONE_SHEET, "xl/_rels/workbook.xml.rels",
                  ONE_REL, NULL);
  check_open(path, "ERR:sheet 'S' is missing from the file (a damaged "
             "workbook?)");
  unlink(path);
  free(path);
  /* the workbook part is damaged */
  path = make_zip("xl/workbook.xml", "<workbook><sheets>", NULL);
  check_open(path, "OPEN:cannot open 'PATH': 'xl/workbook.xml' inside the "
             "workbook is damaged: XML error at line 1: no element found");
  unlink(path);
  free(path);
  /* the workbook part named by _rels/.rels */
  path = make_zip("_rels/.rels",
                  RELS(REL("rId1", "officeDocument", "book/wb.xml")),
                  "book/wb.xml", ONE_SHEET, "book/_rels/wb.xml.rels",
                  RELS(REL("rId1", "worksheet", "../sheets/s.xml")),
                  "sheets/s.xml", SHEET("<row><c><v>7</v></c></row>"), NULL);
  check_open(path, "1<7>\nEOF");
  unlink(path);
  free(path);
}

static void test_bad_sheet(void **state)
{
  (void)state;
  /* the rows before the damage come first */
  check_sheet(SHEET("<row r=\"1\"><c><v>1</v></c></row><row r=\"2\"><c><v>2"
                    "</c></row>"), NULL, NULL,
              "1<1>\nERR:sheet 'S' is damaged: XML error at line 2: "
              "mismatched tag");
  /* cut off */
  check_sheet("<worksheet><sheetData><row r=\"1\"><c><v>1</v></c></row>"
              "<row r=\"2\"><c><v>2</v>", NULL, NULL,
              "1<1>\nERR:sheet 'S' is damaged: XML error at line 1: "
              "no element found");
  /* not UTF-8 */
  check_sheet("<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>"
              "\xD7\xCA</t></is></c></row></sheetData></worksheet>", NULL,
              NULL, "ERR:sheet 'S' is damaged: XML error at line 1: "
              "not well-formed (invalid token)");
  check_sheet("<!DOCTYPE lol [<!ENTITY a \"aaaa\">]><worksheet/>", NULL, NULL,
              "ERR:'xl/worksheets/sheet1.xml' inside the workbook has a "
              "document type declaration, which Excel never writes");
  check_sheet(SHEET("<row r=\"3\"/><row r=\"2\"/>"), NULL, NULL,
              "3<>\nERR:row 2 comes after row 3 (the rows are out of order)");
  check_sheet(SHEET("<row r=\"1048577\"/>"), NULL, NULL,
              "ERR:after row 0: a row numbered '1048577'");
  check_sheet(SHEET("<row r=\"x\"/>"), NULL, NULL,
              "ERR:after row 0: a row numbered 'x'");
  check_sheet(SHEET("<row r=\"4\"><c r=\"C4\" t=\"s\"><v>1</v></c></row>"),
              "<sst><si><t>a</t></si></sst>", NULL,
              "ERR:row 4: cell C4 refers to shared string '1', which the "
              "workbook does not have");
  check_sheet(SHEET("<row r=\"4\"><c r=\"AA4\" t=\"s\"><v>x</v></c></row>"),
              NULL, NULL, "ERR:row 4: cell AA4 refers to shared string 'x', "
              "which the workbook does not have");
  /* a number in a date format that is no date stays as it is */
  check_sheet(SHEET("<row r=\"1\"><c s=\"1\"><v>-1</v></c><c s=\"1\"><v>"
                    "3000000</v></c><c s=\"1\"><v>abc</v></c></row>"),
              NULL, "<styleSheet><cellXfs><xf/><xf numFmtId=\"14\"/>"
              "</cellXfs></styleSheet>", "1<-1><3000000><abc>\nEOF");
}

/* Rows across many blocks of the reader thread, a sheet read again from
 * the middle, a reader closed with its thread half-way. */
static void test_many_rows(void **state)
{
  char *path = tmp_path(), err[512], want[64];
  lxw_workbook_options o = {.constant_memory = 1, .tmpdir = NULL};
  lxw_workbook *wb = workbook_new_opt(path, &o);
  lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
  xlsxin *r;
  csvrec rec;
  long n = 0, last;
  (void)state;
  for(int i = 0; i < 20000; i++) {
    char code[32];
    snprintf(code, sizeof code, "ZC%06d", i);
    if(i % 7 == 3)
      continue;                 /* missing rows */
    worksheet_write_string(ws, (lxw_row_t)i, 0, code, NULL);
    worksheet_write_number(ws, (lxw_row_t)i, 2, i + 0.5, NULL);
  }
  assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
  r = xlsxin_open(path, LANG_EN, err, sizeof err);
  assert_non_null(r);
  for(int pass = 0; pass < 2; pass++) {
    assert_int_equal(xlsxin_select(r, 0), 0);
    n = last = 0;
    while(xlsxin_next(r, &rec) == 1) {
      assert_int_not_equal((rec.row - 1) % 7, 3);
      assert_true(rec.row > last);
      last = rec.row;
      assert_int_equal(rec.nfields, 3);
      snprintf(want, sizeof want, "ZC%06ld", rec.row - 1);
      assert_int_equal(rec.f[0].n, strlen(want));
      assert_memory_equal(rec.f[0].p, want, rec.f[0].n);
      assert_int_equal(rec.f[1].n, 0);
      snprintf(want, sizeof want, "%ld.5", rec.row - 1);
      assert_int_equal(rec.f[2].n, strlen(want));
      assert_memory_equal(rec.f[2].p, want, rec.f[2].n);
      n++;
      if(pass == 1 && n == 5000)
        break;
    }
    /* 20,000 rows less the 2,857 whose index is 3 modulo 7 */
    assert_int_equal(n, pass ? 5000 : 17143);
  }
  xlsxin_close(r);              /* the thread still has rows to give */
  unlink(path);
  free(path);
}

static void test_number_text(void **state)
{
  (void)state;
  check_sheet(SHEET("<row r=\"1\"><c><v>92548.96000000001</v></c>"
                    "<c><v>0.30000000000000004</v></c><c><v>12500.123</v></c>"
                    "<c><v>-92548.96000000001</v></c><c><v>1.5000000000000002E+20"
                    "</v></c><c><v>0.000012345678901234567</v></c>"
                    "<c><v>9007199254740993</v></c><c><v>1.50</v></c></row>"),
              NULL, NULL, "1<92548.96><0.30000000000000004><12500.123>"
              "<-92548.96><1.5000000000000002E+20><0.000012345678901234567>"
              "<9007199254740993><1.50>\nEOF");
}

static void test_format_kind(void **state)
{
  (void)state;
  assert_int_equal(xlsx_format_kind("yyyy\"年\"m\"月\"d\"日\""), XF_DATE);
  assert_int_equal(xlsx_format_kind("yyyy-mm-dd hh:mm:ss"), XF_DATE);
  assert_int_equal(xlsx_format_kind("[$-804]yyyy/m/d;@"), XF_DATE);
  assert_int_equal(xlsx_format_kind("d-mmm"), XF_DATE);
  assert_int_equal(xlsx_format_kind("mmm"), XF_DATE);
  assert_int_equal(xlsx_format_kind("mm:ss"), XF_TIME);
  assert_int_equal(xlsx_format_kind("[h]:mm"), XF_TIME);
  assert_int_equal(xlsx_format_kind("h:mm AM/PM"), XF_TIME);
  assert_int_equal(xlsx_format_kind("h\"时\"mm\"分\""), XF_TIME);
  assert_int_equal(xlsx_format_kind("General"), XF_NUM);
  assert_int_equal(xlsx_format_kind("G/通用格式"), XF_NUM);
  assert_int_equal(xlsx_format_kind("0.00E+00"), XF_NUM);
  assert_int_equal(xlsx_format_kind("#,##0.00\"元\";[Red]-#,##0.00"), XF_NUM);
  assert_int_equal(xlsx_format_kind("\"days\" 0"), XF_NUM);
  assert_int_equal(xlsx_format_kind("0_);(0)"), XF_NUM);
  assert_int_equal(xlsx_format_kind("@"), XF_NUM);
  assert_int_equal(xlsx_builtin_kind(14), XF_DATE);
  assert_int_equal(xlsx_builtin_kind(31), XF_DATE);
  assert_int_equal(xlsx_builtin_kind(20), XF_TIME);
  assert_int_equal(xlsx_builtin_kind(4), XF_NUM);
  assert_int_equal(xlsx_builtin_kind(49), XF_NUM);
}

static void test_sheet_format(void **state)
{
  (void)state;
#define FMT(lit) sheet_format((const unsigned char *)(lit), sizeof(lit) - 1)
  assert_int_equal(FMT(""), SHEET_CSV);
  assert_int_equal(FMT("资产编号,名称\r\nZC001,办公楼\r\n"), SHEET_CSV);
  assert_int_equal(FMT("\xD7\xCA\xB2\xFA,x\n"), SHEET_CSV);   /* GB18030 */
  assert_int_equal(FMT("\xEF\xBB\xBF" "a,b\n"), SHEET_CSV);
  assert_int_equal(FMT("\xFF\xFE" "a\0,\0b\0"), SHEET_CSV);
  assert_int_equal(FMT("a\0,\0b\0\n\0"), SHEET_CSV);          /* UTF-16LE */
  assert_int_equal(FMT("\0a\0,\0b\0\n"), SHEET_CSV);          /* UTF-16BE */
  assert_int_equal(FMT("PK\3\4\x14\0\0\0\x08\0"), SHEET_XLSX);
  assert_int_equal(FMT("PK\5\6\0\0\0\0"), SHEET_XLSX);
  assert_int_equal(FMT("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0"), SHEET_XLS);
  assert_int_equal(FMT("\x1F\x8B\x08\0\0\0"), SHEET_GZIP);
  assert_int_equal(FMT("%PDF-1.4\n\0\0\0\x01\x02\0\0"), SHEET_PDF);
  /* a PDF whose first bytes hold no NUL, archives by their signatures */
  assert_int_equal(FMT("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj"), SHEET_PDF);
  assert_int_equal(FMT("7z\xBC\xAF\x27\x1C\0\x04"), SHEET_ARCHIVE);
  assert_int_equal(FMT("Rar!\x1A\x07\x01\0"), SHEET_ARCHIVE);
  assert_int_equal(FMT("BZh91AY&SY"), SHEET_ARCHIVE);
  assert_int_equal(FMT("\xFD" "7zXZ\0\0"), SHEET_ARCHIVE);
  assert_int_equal(FMT("BZh,x\n"), SHEET_CSV);
  assert_int_equal(FMT("\x7F" "ELF\2\1\1\0\0\0\0\0\0\0\0\0"), SHEET_BINARY);
  assert_string_equal(sheet_format_name(SHEET_GZIP), "a gzip-compressed file");
#undef FMT
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_libxlsxwriter),
    cmocka_unit_test(test_handmade),
    cmocka_unit_test(test_limits),
    cmocka_unit_test(test_empty_shared_strings),
    cmocka_unit_test(test_damaged),
    cmocka_unit_test(test_not_a_workbook),
    cmocka_unit_test(test_bad_sheet),
    cmocka_unit_test(test_many_rows),
    cmocka_unit_test(test_number_text),
    cmocka_unit_test(test_format_kind),
    cmocka_unit_test(test_sheet_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
