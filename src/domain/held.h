/* held.h: one meaning of "held at D" (issue 12, part 7). Which assets,
 * resources and accounts exist at a date: acquired (opened) by then, not
 * disposed of by then, and not voided. A void says the record was entered
 * by mistake, so a voided record is held at no date. summary, list,
 * export --as-of, the classification and every audit table and finding
 * select their rows through these conditions, and so agree.
 *
 * Each is an SQL condition over the table (or alias) t, at the date d: an
 * SQL expression, usually a parameter (":ref", "?2"). t and d are string
 * literals pasted in: identifiers and parameters, never values. */
#ifndef SANZI_HELD_H
#define SANZI_HELD_H
#include "base/util.h"
#include "store/spec.h"

/* Not voided: for the registers without dates (contracts, loans) and for
 * lists of what is live today. */
#define LIVE(t) "(" t ".voided IS NULL)"

/* The disposal types that take an object off the books (domain.md). */
#define DISPOSAL_TYPES "('出售', '报废', '核销', '无偿划转', '置换')"

/* An asset held at d: acquired by d, live, and not 已处置 by d. An asset
 * 已处置 now was still held at d when the filing that disposed of it was
 * executed after d; one registered as 已处置 with no such filing was
 * disposed of at a date unknown, and is held at no date. */
#define ASSET_HELD(t, d)                                                      \
  "(" t ".voided IS NULL AND " t ".acquired_on <= " d " AND (" t ".status "  \
  "<> '已处置' OR EXISTS (SELECT 1 FROM disposal_object ho JOIN disposal hd " \
  "ON hd.code = ho.disposal WHERE ho.object = " t ".code AND "               \
  "hd.executed_on > " d " AND hd.type IN " DISPOSAL_TYPES ")))"

/* A resource held at d: live (land has no acquisition date, and leaves the
 * books by no filing). d is named for symmetry. */
#define RESOURCE_HELD(t, d) LIVE(t)

/* An account held at d: opened by d and live. */
#define ACCOUNT_HELD(t, d)                                                    \
  "(" t ".voided IS NULL AND " t ".opening_date <= " d ")"

/* What a list or an export of r shows, appended to out after `join` (" WHERE "
 * or " AND "): with as_of, the rows held at the date bound to :asof; else
 * the live ones; with voided, only the voided ones. Nothing for a register
 * whose records are not voided. The table is named by r->name. */
void held_where(const reg *r, int as_of, int voided, const char *join,
                sbuf *out);

#endif
