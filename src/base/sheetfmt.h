/* sheetfmt.h: what kind of file an import was given, told by its first
 * bytes, not by its name (a clerk's "资产.csv" may be a workbook saved
 * under the wrong name, a ".xls" may be an .xlsx). */
#ifndef SANZI_SHEETFMT_H
#define SANZI_SHEETFMT_H
#include <stddef.h>

enum sheet_fmt {
  SHEET_CSV = 0,  /* text: UTF-8, GB18030, or UTF-16 (with or without BOM) */
  SHEET_XLSX,     /* a ZIP file (PK\3\4, or the empty PK\5\6): xlsxin_open
                     tells a workbook from another ZIP by its members */
  SHEET_XLS,      /* an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1):
                     xlsin_open tells a workbook from another OLE file */
  SHEET_GZIP,     /* 1F 8B */
  SHEET_BINARY,   /* anything else with NUL bytes that is not UTF-16 text */
  SHEET_PDF,      /* %PDF- */
  SHEET_ARCHIVE   /* 7-Zip, RAR, bzip2, xz */
};

/* The kind of the file whose first n bytes are head (4,096 or more are
 * enough; fewer at the end of a short file). An empty file is CSV. */
enum sheet_fmt sheet_format(const unsigned char *head, size_t n);

/* What the kind is, as a msgid to translate with tr(): "a gzip file", ...
 * For the importer's "this is ..., not a spreadsheet" messages. */
const char *sheet_format_name(enum sheet_fmt fmt);

#endif
