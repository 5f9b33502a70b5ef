/* fund.h: the procedures of the fund journal (doc/domain.md "Corrections
 * of fund entries"): reversal (红字冲销) and closed months (结账). Each
 * runs in one transaction; a refusal writes nothing and leaves the reason
 * on the handle (z->err, z->errs). */
#ifndef SANZI_FUND_H
#define SANZI_FUND_H
#include "store/db.h"

/* Reverse entry `code` on `date` (in an open month, not before the entry,
 * not after today): a new entry of the same village, account, direction,
 * category, counterparty and contract with the amount in red, under
 * voucher `voucher` (NULL: "冲" and the entry's voucher), its summary
 * citing the entry's voucher and the reason. An entry is reversed once; a
 * reversal is never reversed. The new entry's code goes into out.
 * Returns 0 or -1. */
int fund_reverse(sz *z, const char *code, const char *date,
                 const char *reason, const char *voucher, char out[256]);

/* Close month YYYY-MM of a village's books, or of every village of a
 * township (those already closed are left as they are): months close in
 * order, each after the last one closed, the first no later than the
 * village's first entry; a month closes once it has ended. *closed: how
 * many villages it closed. Returns 0 or -1 (nothing closed). */
int fund_close(sz *z, const char *village, const char *township,
               const char *month, int *closed);

/* Reopen (反结账) the last month closed of a village's books, with a reason,
 * by another user than the one who closed it. Returns 0 or -1. */
int fund_reopen(sz *z, const char *village, const char *month,
                const char *reason);

/* 1 when the village's books for the month of date (YYYY-MM...) are
 * closed. */
int fund_month_closed(sz *z, const char *village, const char *date);

#endif
