/* tz.h: times in a zone of the tz database ("Asia/Shanghai"), read from
 * its zoneinfo file, without the process's TZ (setting TZ and localtime
 * would be one zone for the whole process, and not thread-safe to change):
 * a loaded zone is a value of its own, any number at once. */
#ifndef SANZI_TZ_H
#define SANZI_TZ_H
#include <stdint.h>

typedef struct tzone tzone;

/* The zone `name`: a file of the tz database under $TZDIR or
 * /usr/share/zoneinfo ("Asia/Shanghai"; no "..", no leading '/'), else a
 * POSIX TZ string ("CST-8", "CET-1CEST,M3.5.0,M10.5.0/3"). NULL when it
 * is neither. Free with tz_free. */
tzone *tz_load(const char *name);
void tz_free(tzone *z);

/* The zone's offset from UTC, in seconds east, at the instant t (seconds
 * since 1970-01-01 00:00 UTC). */
long tz_offset(const tzone *z, int64_t t);

/* "YYYY-MM-DDTHH:MM:SSZ" (UTC) as seconds since 1970: 0, or -1 when it is
 * not such a time. */
int tz_parse_utc(const char *iso, int64_t *t);
/* The instant t as "YYYY-MM-DD HH:MM:SS" in the zone. */
void tz_format_local(const tzone *z, int64_t t, char out[20]);
/* The UTC time utc ("YYYY-MM-DDTHH:MM:SSZ") off seconds east of UTC, as
 * "YYYY-MM-DD HH:MM:SS": 0, or -1 when utc is not such a time. */
int tz_local_text(const char *utc, long off, char out[20]);
/* The first instant of the day `date` (YYYY-MM-DD) in the zone, as UTC
 * text "YYYY-MM-DDTHH:MM:SSZ"; -1 when date is not a date. */
int tz_day_start_utc(const tzone *z, const char *date, char out[21]);

#endif
