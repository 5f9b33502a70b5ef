/* xlsxfmt.h: Excel's number formats and date serials, for the workbook
 * readers: which formats show dates, and the ISO text of a serial. */
#ifndef SANZI_XLSXFMT_H
#define SANZI_XLSXFMT_H
#include <stddef.h>

enum { XF_NUM = 0, XF_DATE, XF_TIME };    /* what a cell format shows */

/* What a number format code shows: XF_DATE when it has a year, a day or a
 * month (m that is not minutes beside h or s), XF_TIME when it has only
 * hours, minutes or seconds, else XF_NUM. Quoted text ("年"), escaped
 * characters (\年), fill and padding characters (*x, _x), AM/PM and
 * brackets ([Red], [$-804], [DBNum1]) do not count, except the elapsed
 * times [h], [mm], [ss]. */
unsigned char xlsx_format_kind(const char *code);
/* The same for Excel's built-in format numbers: 14-22 and 45-47, and
 * those of Chinese Excel (27-36, 50-58: 年月日, 时分秒). */
unsigned char xlsx_builtin_kind(unsigned id);

/* The ISO text of the date serial s (NUL-terminated text) into out:
 * "YYYY-MM-DD", with " HH:MM:SS" when it has a time of day (rounded to the
 * second); "HH:MM:SS" alone for a time (kind XF_TIME, less than a day).
 * date1904: the workbook's date system. In the 1900 system serial 0 is
 * "1900-01-00" and 60 is "1900-02-29", as Excel shows them (Lotus's leap
 * day), so that a date check refuses them. Returns 0 when s is not a
 * number Excel shows as a date (negative, past 9999-12-31), to be given
 * as it is. */
int xlsx_serial_iso(const char *s, int kind, int date1904, char out[32]);

/* The stored text of a number, s[0..n) (with room for a NUL at s[n]), made
 * the shortest text of the same double when it has more than 15
 * significant digits and a shorter text reads back as the same double:
 * libxlsxwriter 1.1.4 writes 92548.96 as "92548.96000000001" (%.16G),
 * where Excel writes "92548.96". The value is the same, so a money cell
 * is judged by what it holds, not by the writer's way of printing it;
 * "0.30000000000000004" (a different double from 0.3), "12500.123" and
 * anything with an exponent ("6.22848E+18") stay as written. Returns the
 * new length (in place). */
size_t xlsx_number_text(char *s, size_t n);

/* An ISO 8601 date cell (t="d": "2024-03-05T08:30:00Z") as "YYYY-MM-DD"
 * or "YYYY-MM-DD HH:MM:SS", in place (s must have room for a NUL at
 * s[n]). Returns the new length. */
size_t xlsx_iso_cell(char *s, size_t n);

#endif
