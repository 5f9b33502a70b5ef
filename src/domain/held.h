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
#include "store/db.h"
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

/* The statuses a filing's execution sets (status_after in disposal.c):
 * 已处置 for the types that take an object off the books, else the type. */
#define DISPOSAL_SETS "('出售', '报废', '核销', '无偿划转', '置换', '出租', '发包', '入股')"

/* The status of the asset or resource t (table tbl, whose versions
 * held_versions made) at the date d: that of the latest event on or before
 * d, either a version of the record the change log kept, dated by the day
 * of the entry that wrote it (its UTC time shifted by the modifier off,
 * held_zone_modifier), or the execution of a filing that set the status,
 * dated by its execution; the later entry first on one day. A record with
 * no event by d (entered later) has the status it was entered with. */
#define STATUS_AT(tbl, t, d, off)                                             \
  "coalesce((SELECT s FROM (SELECT v.status AS s, date(h.at, " off ") AS e, " \
  "v.written AS k FROM " tbl "_version v JOIN history h ON h.id = "          \
  "v.written WHERE v.id = " t ".id UNION ALL SELECT CASE WHEN hd.type IN "   \
  DISPOSAL_TYPES " THEN '已处置' ELSE hd.type END, hd.executed_on, 0 FROM "  \
  "disposal_object ho JOIN disposal hd ON hd.code = ho.disposal WHERE "      \
  "ho.object = " t ".code AND hd.type IN " DISPOSAL_SETS ") WHERE e <= " d   \
  " ORDER BY e DESC, k DESC LIMIT 1), (SELECT v.status FROM " tbl           \
  "_version v WHERE v.id = " t ".id ORDER BY v.written LIMIT 1))"

/* Every version a row of r has had, as the temporary view "<r>_version"
 * (id; written: the change-log entry that wrote it; replaced: the one
 * that replaced it, NULL for the row as it is; then r's stored fields):
 * the row, and the rows the change log kept when they were replaced.
 * Made once per connection. 0, or -1 with z->err. */
int held_versions(sz *z, const reg *r);

/* The offset from UTC of the zone of parameter `timezone` at the end of
 * day d, as an SQLite modifier ("+28800 seconds"): the day of a change-log
 * entry as people read it. */
void held_zone_modifier(sz *z, const char *d, char out[32]);

/* What a list or an export of r shows, appended to out after `join` (" WHERE "
 * or " AND "): with as_of, the rows held at the date bound to :asof; else
 * the live ones; with voided, only the voided ones. Nothing for a register
 * whose records are not voided. The table is named by r->name. */
void held_where(const reg *r, int as_of, int voided, const char *join,
                sbuf *out);

#endif
