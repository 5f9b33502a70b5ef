/* config.h: the parameters of doc/domain.md (*defaults*), kept in the setting
 * table; every change goes through the change log. */
#ifndef SANZI_CONFIG_H
#define SANZI_CONFIG_H
#include <stdint.h>
#include <stdio.h>
#include "store/db.h"
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
/* Print one parameter, or all, as "key<TAB>value<TAB>note". 0, or -1 when
 * the key is unknown (z->err). */
int config_show(sz *z, const char *key, FILE *fp);

/* Every parameter in force (the stored value, else the default), in the
 * order of the defaults table, with its value as `config` shows it. */
typedef void (*config_fn)(void *ctx, const char *key, const char *value,
                          const char *note);
void config_each(sz *z, config_fn fn, void *ctx);

#endif
