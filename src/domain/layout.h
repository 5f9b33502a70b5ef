/* layout.h: the lines of a sheet as Excel makes them that are not records:
 * the rows of totals (合计, 小计, 总计), which an import checks instead of
 * importing, and the footer (制表人, 审核人, 填表说明 ...), which it skips
 * with everything after it. (Lines above the header that name no column,
 * such as titles, 填报单位 and unit lines, are skipped by the importer.) */
#ifndef SANZI_LAYOUT_H
#define SANZI_LAYOUT_H
#include "base/csvin.h"
#include "store/record.h"

enum line_kind {
  LINE_DATA,
  LINE_SUBTOTAL, /* 小计: the rows since the last total of either kind */
  LINE_TOTAL,    /* 合计, 总计: the rows since the last 合计 or 总计 */
  LINE_FOOTER
};

/* What a row after the header is, by its first filled cell. */
enum line_kind layout_kind(const csvrec *rec);

/* The sums of the money and area columns since the last totals. */
typedef struct totals {
  int64_t *sub, *all; /* per field */
  int bad_sub, bad_all; /* a row in the range did not parse: no check */
} totals;
void totals_init(totals *t, const reg *r);
void totals_free(totals *t);
/* A record's parsed values (bad: it had errors). */
void totals_add(totals *t, const reg *r, const val *v, int bad);
/* Checks a row of totals (kind LINE_SUBTOTAL or LINE_TOTAL) whose column
 * i is field col2f[i] (-1: none), for ncols columns: each money or area
 * cell filled must equal the sum; errors through c. Starts the next
 * range. */
void totals_check(totals *t, regctx *c, enum line_kind kind,
                  const csvrec *rec, const int *col2f, int ncols);

#endif
