/* depreciation.h: straight-line monthly depreciation (doc/domain.md). */
#ifndef SANZI_DEPRECIATION_H
#define SANZI_DEPRECIATION_H
#include <stdint.h>

typedef struct depr_in {
  int64_t original;        /* fen */
  int64_t residual_ppm;    /* residual rate, ppm (5% = 50000) */
  int64_t life_months;     /* 0 = not depreciated */
  const char *acquired_on; /* ISO date */
  int64_t opening_acc;     /* registered accumulated depreciation, fen */
  const char *opening_through; /* "YYYY-MM" the opening amount runs through,
                                  or NULL/"" when none is registered */
  const char *disposed_on; /* ISO date of disposal, or NULL: charging
                              continues in the month of disposal, then stops */
} depr_in;

/* Accumulated depreciation as of asof (ISO date): every month that ended
 * on or before asof counts. Charging starts the month after acquisition, or
 * the month after opening_through when an opening amount is given. The
 * monthly charge is round_half_up(original*(1-residual)/life); the total never
 * passes the depreciable amount (the last charge is the remainder).
 * An opening amount is never reduced. Returns fen. */
int64_t depr_accumulated(const depr_in *in, const char *asof);
/* The monthly charge in fen (0 when life is 0). */
int64_t depr_monthly(const depr_in *in);

#endif
