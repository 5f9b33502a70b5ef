/* sheetfmt.c: telling CSV, .xlsx, .xls, gzip and other binary files apart
 * by their first bytes. */
#include "base/sheetfmt.h"
#include "base/i18n.h"

#include <string.h>

enum sheet_fmt sheet_format(const unsigned char *head, size_t n)
{
  static const unsigned char ole[8] = {
    0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
  };
  size_t i, even = 0, odd = 0;

  if(n >= 4 && head[0] == 'P' && head[1] == 'K' &&
     ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
    return SHEET_XLSX;
  if(n >= 8 && !memcmp(head, ole, 8))
    return SHEET_XLS;
  if(n >= 2 && head[0] == 0x1F && head[1] == 0x8B)
    return SHEET_GZIP;
  /* a PDF may start with text; archives by their signatures */
  if(n >= 5 && !memcmp(head, "%PDF-", 5))
    return SHEET_PDF;
  if((n >= 6 && !memcmp(head, "7z\xBC\xAF\x27\x1C", 6)) ||
     (n >= 6 && !memcmp(head, "Rar!\x1A\x07", 6)) ||
     (n >= 6 && !memcmp(head, "\xFD" "7zXZ\0", 6)) ||
     (n >= 4 && !memcmp(head, "BZh", 3) && head[3] >= '1' && head[3] <= '9'))
    return SHEET_ARCHIVE;
  /* a BOM says text, whatever follows */
  if(n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) ||
                (head[0] == 0xFE && head[1] == 0xFF)))
    return SHEET_CSV;
  if(n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
    return SHEET_CSV;
  /* Text has no NUL, but UTF-16 text without a BOM has: ASCII characters
     put theirs all at odd offsets (LE) or all at even ones (BE), and at
     most every other byte is one. A CJK character may have a NUL on
     either side, so a few on the other side are allowed. */
  for(i = 0; i < n; i++)
    if(!head[i]) {
      if(i & 1)
        odd++;
      else
        even++;
    }
  if(!odd && !even)
    return SHEET_CSV;
  if(odd + even <= n / 2 + 1 && (odd > 8 * even || even > 8 * odd))
    return SHEET_CSV;
  return SHEET_BINARY;
}

const char *sheet_format_name(enum sheet_fmt fmt)
{
  switch(fmt) {
  case SHEET_CSV:
    return N_("a CSV file");
  case SHEET_XLSX:
    return N_("an Excel workbook (.xlsx)");
  case SHEET_XLS:
    return N_("an Excel 97-2003 workbook (.xls)");
  case SHEET_GZIP:
    return N_("a gzip-compressed file");
  case SHEET_PDF:
    return N_("a PDF document");
  case SHEET_ARCHIVE:
    return N_("a compressed archive (7-Zip, RAR, bzip2 or xz)");
  default:
    return N_("a binary file that is not a spreadsheet");
  }
}
