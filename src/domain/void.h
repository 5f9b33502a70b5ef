/* void.h: voiding (作废) a record entered by mistake, and restoring it
 * (doc/domain.md "Voiding"). */
#ifndef SANZI_VOID_H
#define SANZI_VOID_H
#include "store/db.h"
#include "store/spec.h"

/* Voids the record of r with this code, for the reason given: refused
 * (-1, the reasons on the handle) when r's records are not voided, the
 * record is not there or is voided already, or anything refers to it (a
 * contract, a disposal filing, a fund entry, an interest payment, a subsidy
 * application: each is named). The record stays, with its code, and the
 * void is a change-log entry. Returns 0. */
int reg_void(sz *z, const reg *r, const char *code, const char *reason);

/* Restores a voided record, keeping the reason in its field restored:
 * refused when it is not voided, or when a live record has taken its
 * natural key meanwhile (a likely duplicate, named). Returns 0 or -1. */
int reg_restore(sz *z, const reg *r, const char *code, const char *reason);

#endif
