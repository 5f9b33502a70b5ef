/* config.h: the parameters of doc/domain.md (*defaults*), kept in the setting
 * table; every change goes through the change log. */
#ifndef SANZI_CONFIG_H
#define SANZI_CONFIG_H
#include <stdint.h>
#include <stdio.h>
#include "store/db.h"
#include "base/tz.h"
#include "store/spec.h"

/* The setting table's spec: parameters go through the change log too. */
extern const reg reg_setting;

/* Insert the parameters the database does not have yet, with their
 * defaults, as one change-log entry. Returns 0 or -1 (z->err). */
int config_init(sz *z);
/* An integer parameter (money in fen, rate in ppm, area, int). */
int64_t config_int(sz *z, const char *key, int64_t dflt);
/* A fraction "n/d" (0 < n <= d): 0, or -1 when s is not one. */
int config_fraction(const char *s, int64_t *num, int64_t *den);
/* The fraction parameter key; 0, or -1 with z->err. */
int config_get_fraction(sz *z, const char *key, int64_t *num, int64_t *den);
/* Set a parameter from user text, parsed by its type. 0 or -1 (z->err). */
int config_set(sz *z, const char *key, const char *value);
/* Print one parameter, or all, as "key<TAB>value<TAB>note", the note in
 * the handle's language (in Chinese after the name and unit:
 * "库存现金限额（元）：..."). 0, or -1 when the key is unknown (z->err). */
int config_show(sz *z, const char *key, FILE *fp);

/* A parameter as the audit's 参数 sheet shows it, in Chinese: the key,
 * its name, its value by its type (money 5000.00, a rate 5, an area in 亩,
 * a fraction 2/3), its unit (元, %, 月, 天, 年, 亩; none for a fraction)
 * and the note. */
typedef struct config_param {
  const char *key, *name, *value, *unit, *note;
} config_param;

/* Every parameter in force (the stored value, else the default), in the
 * order of the defaults table, in Chinese. */
typedef void (*config_fn)(void *ctx, const config_param *p);
void config_each(sz *z, config_fn fn, void *ctx);

/* The time zone times are shown in (the parameter timezone, by default
 * Asia/Shanghai; China Standard Time on a system without the tz
 * database). Free with tz_free. */
tzone *config_zone(sz *z);
/* A UTC time of the change log ("2025-03-01T02:00:00Z") as local time
 * "2025-03-01 10:00:00" in out. */
void config_local_time(sz *z, const char *utc, char out[20]);

#endif
