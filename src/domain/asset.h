/* asset.h: the asset register's fields by position, and depreciation. */
#ifndef SANZI_ASSET_H
#define SANZI_ASSET_H
#include <stdint.h>
#include "store/db.h"
#include "store/spec.h"

/* The asset spec's fields, in spec order (asset.c checks the two agree). */
enum asset_field {
  AS_CODE, AS_VILLAGE, AS_NAME, AS_CATEGORY, AS_NATURE, AS_LOCATION,
  AS_QUANTITY, AS_UNIT, AS_ORIGINAL, AS_ACCUMULATED, AS_THROUGH, AS_LIFE,
  AS_RESIDUAL, AS_VIA, AS_ACQUIRED, AS_STATUS, AS_CUSTODIAN, AS_CERTIFICATE,
  AS_NOTE, AS_VOIDED, AS_RESTORED, AS_NET, AS_NFIELDS
};

/* The parameters depreciation falls back on when an asset has no life or
 * residual rate of its own: useful_life.<category> for every category
 * (however many, however long their names) and residual_rate. Read once
 * for one piece of work, so that a parameter changed in between is seen
 * by the next; nothing is kept beyond it. */
typedef struct asset_defaults asset_defaults;
asset_defaults *asset_defaults_load(sz *z);
void asset_defaults_free(asset_defaults *d);

/* An asset row's accumulated depreciation at as_of (v in spec order), and
 * the month it runs through then ("" when none). */
void asset_depreciation(const asset_defaults *d, const val *v,
                        const char *as_of, int64_t *acc, char through[8]);

#endif
