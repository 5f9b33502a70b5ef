/* The number parsers (money, area, rate, whole numbers): any input is
 * accepted or refused with a reason; what is accepted formats back to text
 * that parses to the same value, plain and grouped. */
#include "fuzz.h"
#include "base/money.h"

#include <string.h>

static void roundtrip(const char *(*parse)(const char *, size_t, int64_t *),
                      char *(*fmt)(int64_t, char *), int64_t v)
{
  char buf[64];
  int64_t back = 0;
  fmt(v, buf);
  need(strlen(buf) < 48);
  need(parse(buf, strlen(buf), &back) == NULL);
  need(back == v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  int64_t v = 0;
  const char *why;

  why = money_parse(s, size, &v);
  if(!why) {
    roundtrip(money_parse, money_format, v);
    roundtrip(money_parse, money_format_grouped, v);
  } else {
    need(*why);
  }
  why = area_parse(s, size, &v);
  if(!why) {
    need(v >= 0);
    roundtrip(area_parse, area_format, v);
    roundtrip(area_parse, area_format_grouped, v);
  }
  why = rate_parse(s, size, &v);
  if(!why) {
    need(v >= 0);
    roundtrip(rate_parse, rate_format, v);
  }
  (void)int_parse(s, size, &v);
  return 0;
}
