/* notice.h: the village notice-board sheet (村务公开表, sanzi notice). */
#ifndef SANZI_NOTICE_H
#define SANZI_NOTICE_H
#include <stddef.h>
#include "domain/view.h"

/* The sheet's title: "福如东村集体“三资”公开表" (the village's name
 * without 民委员会). */
void notice_title(sz *z, const char *village, char *out, size_t n);

/* What the board shows of a village for a year, up to as_of (a day of
 * that year), read in one transaction, each part ending in a row 合计:
 * "assets" (held: name, category, location, original and net value,
 * status), "resources" (land class, area, status, the party and term of
 * the contracts in force), "contracts" in force (party by name, object,
 * term, yearly amount, received, overdue), "funds" (the year's income and
 * expense by category, with 收入合计 and 支出合计), "disposals" executed
 * in the year with their price, "subsidies" (interest subsidies paid in
 * the year). No identity number. A village that does not exist, or lies
 * outside the caller's scope (z->scope), is not found. 0, or -1 with
 * z->err. */
/* The parts, in that order: their tables (name: the heading, "一、资产";
 * key: the part's key, "assets"). */
extern const atable *const notice_parts[];
extern const int notice_nparts;

int notice_view(sz *z, const char *village, int year, const char *as_of,
                asink *s);

#endif
