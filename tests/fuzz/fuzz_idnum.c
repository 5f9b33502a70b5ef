/* The identity numbers: any input is accepted or refused with a reason;
 * an accepted number is 18 characters that check again, and its mask has
 * the masked shape. */
#include "fuzz.h"
#include "base/i18n.h"
#include "base/idnum.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char out[19], again[19], msg[IDNUM_MSG], mask[19];
  const char *why = idnum_check((const char *)data, size, "2026-12-05", LANG_EN,
                                out, msg);
  if(why) {
    need(*why);
    return 0;
  }
  need(strlen(out) == 18);
  need(!idnum_check(out, 18, "2026-12-05", LANG_EN, again, msg));
  need(!strcmp(out, again));
  idnum_mask(out, mask);
  need(idnum_is_masked(mask, strlen(mask)));
  return 0;
}
