/* commands.h: the command handlers main.c dispatches to. Each returns the
 * exit status. */
#ifndef SANZI_COMMANDS_H
#define SANZI_COMMANDS_H

#include "cli/cli.h"
#include "store/record.h"

int cmd_register(const char *name, int argc, char **argv);
/* `REGISTER import` for any register; org import always updates. */
int cmd_register_import(const reg *r, args *a, int always_update);
int cmd_init(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_fund_balance(int argc, char **argv);
/* fund reverse|close|reopen|balance, else the register's verbs. */
int cmd_fund(int argc, char **argv);
int cmd_summary(int argc, char **argv);
int cmd_program(int argc, char **argv);
int cmd_loan_interest(int argc, char **argv);
int cmd_loan_withdraw(int argc, char **argv);
int cmd_subsidy(int argc, char **argv);
int cmd_contract_schedule(int argc, char **argv);
int cmd_contract_overdue(int argc, char **argv);
int cmd_disposal(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_notice(int argc, char **argv);

#endif
