/* depreciation.c: straight-line monthly depreciation (doc/domain.md).
 *
 * depreciable = round_half_up(original * (1 - residual)), in fen;
 * monthly     = round_half_up(depreciable / life);
 * a month is charged when it lies between the start month (the month after
 * acquisition, or after opening_through) and the last month that ended on or
 * before "as of", and is not after the month of disposal. Each charged month
 * adds the monthly charge until the accumulated amount reaches the
 * depreciable amount; the charge that reaches it is the remainder. */
#include "base/depreciation.h"

#include "base/date.h"
#include "base/money.h"

#define PPM 1000000

/* Month number of an ISO date or month: year * 12 + month - 1. */
static int64_t month_index(const char *iso)
{
  int y, m;
  date_split(iso, &y, &m, NULL);
  return (int64_t)y * 12 + m - 1;
}

/* The last month that ended on or before the ISO date: its own month when
 * it is the month's last day, else the month before. */
static int64_t last_full_month(const char *iso)
{
  int y, m, d;
  date_split(iso, &y, &m, &d);
  if(d == date_month_days(y, m))
    return (int64_t)y * 12 + m - 1;
  return (int64_t)y * 12 + m - 2;
}

static int64_t depreciable(const depr_in *in)
{
  return muldiv_round(in->original, PPM - in->residual_ppm, PPM);
}

int64_t depr_monthly(const depr_in *in)
{
  if(in->life_months <= 0)
    return 0;
  return div_round(depreciable(in), in->life_months);
}

/* opening + months * monthly, never past total, never below opening. */
static int64_t charge(int64_t opening, int64_t months, int64_t monthly,
                      int64_t total)
{
  int64_t left;

  if(months <= 0 || monthly <= 0 || opening >= total)
    return opening;
  left = total - opening;
  if(months >= left / monthly + (left % monthly != 0))
    return total;
  return opening + months * monthly;
}

int64_t depr_accumulated(const depr_in *in, const char *asof)
{
  int has_opening = in->opening_through && in->opening_through[0];
  int64_t opening = in->opening_acc > 0 ? in->opening_acc : 0;
  int64_t total, monthly, first, last, acc;

  if(in->life_months <= 0)
    return opening;
  total = depreciable(in);
  monthly = depr_monthly(in);
  last = last_full_month(asof);
  if(in->disposed_on && in->disposed_on[0]) {
    int64_t gone = month_index(in->disposed_on);
    if(gone < last)
      last = gone;
  }
  if(has_opening) {
    first = month_index(in->opening_through) + 1;
    return charge(opening, last - first + 1, monthly, total);
  }
  /* An opening amount without the month it runs through cannot be placed
   * on the schedule: it is kept as a floor, never reduced. */
  first = month_index(in->acquired_on) + 1;
  acc = charge(0, last - first + 1, monthly, total);
  return acc > opening ? acc : opening;
}
