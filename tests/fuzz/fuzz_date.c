/* The date and month parsers: what is accepted is a real ISO date in the
 * accepted years, that parses back to itself and survives the day count. */
#include "fuzz.h"
#include "base/date.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  char iso[11], back[11], month[8];
  if(!date_parse(s, size, iso)) {
    need(strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
    int y, m, d;
    date_split(iso, &y, &m, &d);
    need(y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
         d <= date_month_days(y, m));
    need(!date_parse(iso, 10, back) && !strcmp(back, iso));
    date_from_days(date_days(iso), back);
    need(!strcmp(back, iso));
  }
  if(!month_parse(s, size, month)) {
    need(strlen(month) == 7 && month[4] == '-');
    need(!month_parse(month, 7, back) && !strcmp(back, month));
  }
  return 0;
}
