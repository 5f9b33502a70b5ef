/* report.h: fund balances and the per-township summary. */
#ifndef SANZI_REPORT_H
#define SANZI_REPORT_H
#include <stdint.h>
#include "store/db.h"

typedef struct balance {
  const char *village, *village_name, *account, *name, *kind;
  int64_t opening, income, expense, closing;
  int over_limit; /* a 库存现金 account above the cash limit */
} balance;

/* Every account in scope opened on or before as_of, with its entries dated
 * on or before as_of: closing = opening + income - expense. Calls cb per
 * account in village, code order. Returns 0 or -1 (z->err). */
int fund_balances(sz *z, const char *village, const char *township,
                  const char *account, const char *as_of,
                  void (*cb)(const balance *b, void *ctx), void *ctx);

typedef struct township_total {
  char code[16];
  char *name;
  long villages, assets, resources;
  int64_t original, accumulated, area, funds;
} township_total;

/* One row per township that has villages with records, in code order;
 * assets acquired after as_of are left out, net values are at as_of.
 * The caller frees with summary_free. */
int township_summary(sz *z, const char *as_of, township_total **out, int *n);
void summary_free(township_total *t, int n);

#endif
