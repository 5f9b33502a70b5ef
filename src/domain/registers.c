/* registers.c: the list of registers (registers.h). */
#include "domain/registers.h"
#include "base/i18n.h"

#include <string.h>

const reg *const registers[] = {
  &reg_asset, &reg_resource, &reg_account, &reg_fund, &reg_loan,
  &reg_contract, &reg_org, &reg_setting, &reg_interest, &reg_program,
  &reg_subsidy, &reg_subsidy_line, &reg_disposal, &reg_disposal_object,
  &reg_disposal_vote, &reg_fund_close, &reg_user, &reg_login, NULL};

const reg *const logged_tables[] = {
  &reg_setting, &reg_org, &reg_asset, &reg_resource, &reg_account,
  &reg_fund, &reg_loan, &reg_interest, &reg_program, &reg_subsidy,
  &reg_subsidy_line, &reg_contract, &reg_disposal, &reg_disposal_object,
  &reg_disposal_vote, &reg_fund_close, &reg_user, &reg_login, NULL};

const char *const register_names[] = {
  N_("setting"),  N_("org"),          N_("asset"),    N_("resource"),
  N_("account"),  N_("fund"),         N_("loan"),     N_("interest"),
  N_("program"),  N_("subsidy"),      N_("subsidy_line"), N_("contract"),
  N_("disposal"), N_("disposal_object"), N_("disposal_vote"),
  N_("fund_close"), N_("user"), N_("login"), NULL};

const reg *reg_find(const char *name)
{
  for(int i = 0; registers[i]; i++)
    if(!strcmp(registers[i]->name, name))
      return registers[i];
  return NULL;
}
