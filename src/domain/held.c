/* held.c: the one meaning of "held at D" for lists and exports (held.h). */
#include "domain/held.h"
#include "store/config.h"
#include "base/date.h"
#include "base/tz.h"

#include <stdio.h>
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

int held_versions(sz *z, const reg *r)
{
  /* The change log keeps a row as a JSON array [id, field, ...] of the
   * stored fields in the order of the spec. */
  sbuf sql;
  sb_init(&sql);
  sb_addf(&sql, "CREATE TEMP VIEW IF NOT EXISTS \"%s_version\" AS SELECT id, "
                "log_id AS written, NULL AS replaced", r->name);
  for(int i = 0; i < r->nfields; i++)
    if(r->fields[i].type != F_DERIVED)
      sb_addf(&sql, ", \"%s\"", r->fields[i].key);
  sb_addf(&sql, " FROM main.\"%s\" UNION ALL SELECT row_id, old_log, log_id",
          r->name);
  for(int i = 0, k = 1; i < r->nfields; i++)
    if(r->fields[i].type != F_DERIVED)
      sb_addf(&sql, ", json_extract(old, '$[%d]')", k++);
  sb_addf(&sql, " FROM main.superseded WHERE tbl = '%s'", r->name);
  int rc = db_exec(z, sql.buf);
  sb_free(&sql);
  return rc;
}

void held_zone_modifier(sz *z, const char *d, char out[32])
{
  char next[11], start[21];
  int64_t t = 0;
  tzone *tz = config_zone(z);
  date_from_days(date_days(d) + 1, next);
  long off = 0;
  if(!tz_day_start_utc(tz, next, start) && !tz_parse_utc(start, &t))
    off = tz_offset(tz, t - 1);
  tz_free(tz);
  snprintf(out, 32, "%+ld seconds", off);
}
