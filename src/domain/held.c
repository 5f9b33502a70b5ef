/* held.c: the one meaning of "held at D" for lists and exports (held.h). */
#include "domain/held.h"

#include <string.h>

void held_where(const reg *r, int as_of, int voided, const char *join,
                sbuf *out)
{
  if(reg_void_field(r) < 0)
    return;
  sb_addstr(out, join);
  if(voided)
    sb_addf(out, "\"%s\".voided IS NOT NULL", r->name);
  else if(as_of && !strcmp(r->name, "asset"))
    sb_addstr(out, ASSET_HELD("asset", ":asof"));
  else if(as_of && !strcmp(r->name, "account"))
    sb_addstr(out, ACCOUNT_HELD("account", ":asof"));
  else
    sb_addf(out, "\"%s\".voided IS NULL", r->name);
}
