/* The .xlsx reader over any bytes: it ends each sheet with its rows or an
 * error, never crashes, and every field it gives is valid UTF-8 without
 * NUL, at most 16,384 to a row, on increasing rows.
 *
 * The first byte picks how the rest is read. Even: the rest is the file
 * itself (a damaged ZIP). Odd: the rest is the text of the parts, split at
 * each "\x01\x02", that the target packs into a ZIP (stored, so that the
 * fuzzer reaches the XML instead of breaking checksums): the workbook, its
 * relationships, sheet 1, the shared strings, the styles, sheet 2. */
#include "fuzz.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/xlsxin.h"

#include <string.h>
#include <unistd.h>
#include <zip.h>

static const char *const parts[] = {
  "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/sheet1.xml",
  "xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet2.xml",
};

static void pack(const char *path, const uint8_t *d, size_t n)
{
  int ze;
  zip_t *z = zip_open(path, ZIP_TRUNCATE, &ze);
  need(z);
  for(size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
    const uint8_t *e = memmem(d, n, "\x01\x02", 2);
    size_t len = e ? (size_t)(e - d) : n;
    zip_source_t *s = zip_source_buffer(z, d, len, 0);
    zip_int64_t k;
    need(s);
    k = zip_file_add(z, parts[i], s, ZIP_FL_ENC_UTF_8);
    need(k >= 0);
    zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0);
    if(!e)
      break;
    d = e + 2;
    n -= len + 2;
  }
  need(zip_close(z) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char path[] = "/tmp/sanzi-fuzz-xlsx.XXXXXX";
  char err[512];
  int fd;
  xlsxin *r;
  if(size < 1)
    return 0;
  fd = mkstemp(path);
  need(fd >= 0);
  if(data[0] & 1) {
    close(fd);
    pack(path, data + 1, size - 1);
  }
  else {
    need(write(fd, data + 1, size - 1) == (ssize_t)(size - 1));
    close(fd);
  }
  r = xlsxin_open(path, LANG_EN, err, sizeof err);
  if(r) {
    need(xlsxin_sheets(r) >= 1);
    for(int s = 0; s < xlsxin_sheets(r); s++) {
      csvrec rec;
      long last = 0;
      int rc;
      need(xlsxin_sheet_name(r, s));
      if(xlsxin_select(r, s) < 0) {
        need(*xlsxin_error(r));
        continue;
      }
      while((rc = xlsxin_next(r, &rec)) == 1) {
        need(rec.row > last);
        last = rec.row;
        need(rec.nfields >= 1 && rec.nfields <= 16384);
        for(int i = 0; i < rec.nfields; i++)
          need(text_valid_utf8(rec.f[i].p, rec.f[i].n) ||
               (!rec.f[i].n && rec.f[i].p));
      }
      need(rc == 0 || *xlsxin_error(r));
      need(xlsxin_next(r, &rec) == rc);
    }
    xlsxin_close(r);
  }
  else
    need(*err);
  unlink(path);
  return 0;
}
