/* registers.h: every register the domain keeps, by its spec. Each is
 * defined in its own file (asset.c, fund.c, ...) with its checks and
 * guards; this is the list the commands and the change log go by. */
#ifndef SANZI_REGISTERS_H
#define SANZI_REGISTERS_H
#include "store/config.h"
#include "store/record.h"

extern const reg reg_asset, reg_resource, reg_account, reg_fund, reg_loan,
    reg_interest, reg_contract, reg_org, reg_program, reg_subsidy,
    reg_subsidy_line, reg_disposal, reg_disposal_object, reg_disposal_vote,
    reg_fund_close, reg_user, reg_login;

/* NULL-terminated: the user registers first, then the internal ones. */
extern const reg *const registers[];
/* The tables whose rows the change log proves, in the order verify reads
 * them; NULL-terminated. */
extern const reg *const logged_tables[];
/* The tables' English names, marked for the catalog, which gives each
 * its register's Chinese name (the spec's zh): people read them where a
 * table's name is shown as a code (K_CODE, the change log's 表). */
extern const char *const register_names[];
/* A register by its English name ("asset"), or NULL. */
const reg *reg_find(const char *name);

#endif
