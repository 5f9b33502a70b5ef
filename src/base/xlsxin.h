/* xlsxin.h: a streaming reader of Excel workbooks (.xlsx, Office Open
 * XML) over libzip and expat that delivers the rows of one sheet as
 * csvin does the records of a CSV file: UTF-8 fields, one row at a time,
 * with the row number Excel shows.
 *
 * The shared strings and the styles are read at open; the sheet is parsed
 * as it is inflated, a row at a time, so memory does not grow with the
 * sheet (only with its shared strings).
 *
 * A cell's field is its stored value, not the text Excel displays:
 *   - text (shared, inline, a formula's string result) as written;
 *   - numbers as stored ("12500.123" in a cell formatted 0.00,
 *     "6.22848E+18"), never reformatted;
 *   - a number whose format is a date or time: "YYYY-MM-DD", or
 *     "YYYY-MM-DD HH:MM:SS" when it has a time of day, "HH:MM:SS" under a
 *     time-only format (1900 and 1904 date systems; Excel's 1900-02-29 is
 *     serial 60, given as "1900-02-29" so that the date checks refuse it);
 *   - booleans as 是 and 否;
 *   - formulas by their cached value (empty when the file has none);
 *   - error values as Excel writes them ("#DIV/0!", "#N/A").
 * A cell missing inside a row is an empty field; empty fields at the end
 * of a row are dropped; a row the sheet has but with no value is one empty
 * field, as a blank line from csvin. Rows the sheet does not have at all
 * are not given (the row numbers jump over them). */
#ifndef SANZI_XLSXIN_H
#define SANZI_XLSXIN_H
#include <stddef.h>
#include "base/csvin.h"

typedef struct xlsxin xlsxin;

/* Open the workbook at path and read its sheet list, shared strings and
 * styles. On failure returns NULL and writes "cannot open 'x': reason"
 * into err (not a ZIP file or a damaged one, a ZIP file that is not a
 * workbook, a part too large, damaged XML). lang: the language of the
 * messages (LANG_ZH, LANG_EN). */
xlsxin *xlsxin_open(const char *path, int lang, char *err, size_t errlen);
/* The number of sheets (at least 1), and the name of sheet i (0-based, in
 * the workbook's order, hidden sheets included). */
int xlsxin_sheets(const xlsxin *r);
const char *xlsxin_sheet_name(const xlsxin *r, int i);
/* Start reading sheet i from its first row (again, if it was read
 * before). 0, or -1 with the reason in xlsxin_error. xlsxin_next without
 * a sheet selected reads the first. */
int xlsxin_select(xlsxin *r, int i);
/* 1: *rec holds the next row of the selected sheet (fields valid until the
 * next call; rec->extra is NULL); 0: end of the sheet; -1: error, message
 * in xlsxin_error ("row 12: ..." or "sheet 'x': ...", without the file
 * name). The end and an error are sticky. */
int xlsxin_next(xlsxin *r, csvrec *rec);
const char *xlsxin_error(const xlsxin *r);
void xlsxin_close(xlsxin *r);

#endif
