/* Header matching: any header cell matches a field of a register or none,
 * and the unit of a matched one is one the field takes, or refused with
 * the unit it is entered in. */
#include "fuzz.h"
#include "domain/registers.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  for(size_t i = 0; registers[i]; i++) {
    const reg *r = registers[i];
    int fi = reg_match_header(r, s, size);
    need(fi >= -1 && fi < r->nfields);
    if(fi >= 0) {
      int unit = -1;
      const char *want = reg_header_unit(r, fi, s, size, &unit);
      need(want ? *want != 0 : (unit == U_OWN || unit == U_WAN ||
                                unit == U_YEARS));
    }
  }
  return 0;
}
