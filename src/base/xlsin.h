/* xlsin.h: a reader of Excel 97-2003 workbooks (.xls, BIFF8, what WPS and
 * old Excel save) over FreeXL, with the API of xlsxin: the rows of one
 * sheet as UTF-8 fields, with the row number Excel shows.
 *
 * FreeXL reads the whole workbook at open (an .xls holds at most 65,536
 * rows of 256 columns). A cell's field:
 *   - text as it is (FreeXL converts it to UTF-8);
 *   - whole numbers as integers ("1200000"); other numbers with the
 *     fewest digits that give back the same double ("12500.123", "0.1",
 *     "6.22848E+18", with Excel's capital E), never rounded to what the
 *     cell's format shows;
 *   - dates and times by FreeXL's reading of the cell format: "YYYY-MM-DD",
 *     "YYYY-MM-DD HH:MM:SS" when there is a time of day, "HH:MM:SS";
 *   - formulas by their cached value (FreeXL gives the numeric ones; a
 *     formula with a text result reads as empty).
 * Empty fields at the end of a row are dropped; a row with no value is one
 * empty field, as a blank line from csvin; every row up to the last one
 * used is given (FreeXL cannot tell a missing row from an empty one). */
#ifndef SANZI_XLSIN_H
#define SANZI_XLSIN_H
#include <stddef.h>
#include "base/csvin.h"

typedef struct xlsin xlsin;

/* Open the workbook at path. On failure returns NULL and writes "cannot
 * open 'x': reason" into err (not an .xls file, an OLE file that holds no
 * workbook, a password-protected one, damaged). */
xlsin *xlsin_open(const char *path, int lang, char *err, size_t errlen);
int xlsin_sheets(const xlsin *r);
const char *xlsin_sheet_name(const xlsin *r, int i);
/* Start reading sheet i (0-based) from its first row. 0, or -1 with the
 * reason in xlsin_error. xlsin_next without a sheet selected reads the
 * first. */
int xlsin_select(xlsin *r, int i);
/* 1: the next row in *rec (valid until the next call); 0: end; -1: error
 * (xlsin_error). The end and an error are sticky. */
int xlsin_next(xlsin *r, csvrec *rec);
const char *xlsin_error(const xlsin *r);
void xlsin_close(xlsin *r);

/* The text of a number as xlsin gives it, into out: the shortest of
 * %.15g, %.16g and %.17g that reads back as v, with E for the exponent. */
void xlsin_number(double v, char out[32]);

#endif
