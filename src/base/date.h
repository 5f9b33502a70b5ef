/* date.h: calendar dates as ISO text "YYYY-MM-DD" and months "YYYY-MM". */
#ifndef SANZI_DATE_H
#define SANZI_DATE_H
#include <stddef.h>

/* Accepts "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日" (full-width
 * digits too, surrounding space trimmed); years 1900..2999. Writes ISO into
 * out (11 bytes). Returns NULL or a static message; impossible dates such as
 * 2023-02-29 are errors ("no such date"). */
const char *date_parse(const char *s, size_t n, char out[11]);
/* Accepts "2023-12", "2023/12", "2023.12", "2023年12月". Writes "YYYY-MM". */
const char *month_parse(const char *s, size_t n, char out[8]);

/* Days since 1970-01-01 of an ISO date (assumed valid). */
int date_days(const char *iso);
/* Inverse of date_days. */
void date_from_days(int days, char out[11]);
/* Split an ISO date or month (day may be NULL for a month). */
void date_split(const char *iso, int *y, int *m, int *d);
int date_is_leap(int y);
int date_month_days(int y, int m);
/* Today's local date in ISO form. */
void date_today(char out[11]);
/* Add months to an ISO date, clamping the day to the month's end
 * (2024-01-31 + 1 month = 2024-02-29). */
void date_add_months(const char *iso, int months, char out[11]);

#endif
