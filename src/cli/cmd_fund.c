/* cmd_fund.c: the fund journal's procedures: reverse, close, reopen. */
#include "domain/registers.h"
#include "domain/fund.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/date.h"

#include <stdlib.h>
#include <string.h>

/* --month YYYY-MM, required: parsed, or exit 1. */
static void need_month(args *a, char out[8])
{
  const char *m = args_need(a, "--month");
  const char *e = month_parse(m, strlen(m), out);
  if(e)
    die(1, _("%s: '%s': %s"), "--month", m, _(e));
}

static int fund_reverse_cmd(args *a, const void *ctx)
{
  (void)ctx;
  char date[11], code[256];
  args_date(a, "--date", 0, date);
  const char *reason = args_need(a, "--reason");
  const char *voucher = args_value(a, "--voucher");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(fund_reverse(z, pos[0], date, reason, voucher, code))
    cli_fail(z, NULL);
  printf("%s\n", code);
  cli_warnings(z);
  free(pos);
  cli_close(z);
  return 0;
}

static int fund_close_cmd(args *a, const void *ctx)
{
  (void)ctx;
  const char *village = args_value(a, "--village");
  const char *township = args_value(a, "--township");
  char month[8];
  need_month(a, month);
  int n;
  free(args_rest(a, 0, 0, &n));
  if(!village && !township)
    usage_error(a, "%s", _("give --village or --township"));
  sz *z = cli_db();
  cli_scope(z, village, township);
  int closed;
  if(fund_close(z, village, township, month, &closed))
    cli_fail(z, NULL);
  fprintf(stderr,
          NG_("%s: closed for %d village\n", "%s: closed for %d villages\n",
              (unsigned long)closed),
          month, closed);
  cli_close(z);
  return 0;
}

static int fund_reopen_cmd(args *a, const void *ctx)
{
  (void)ctx;
  const char *village = args_need(a, "--village");
  const char *reason = args_need(a, "--reason");
  char month[8];
  need_month(a, month);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, village, NULL);
  if(fund_reopen(z, village, month, reason))
    cli_fail(z, NULL);
  fprintf(stderr, _("%s: %s reopened\n"), village, month);
  cli_close(z);
  return 0;
}

int cmd_fund(int argc, char **argv)
{
  static const struct {
    const char *name;
    int (*fn)(args *a, const void *ctx);
  } procs[] = {{"close", fund_close_cmd},
               {"reopen", fund_reopen_cmd},
               {"reverse", fund_reverse_cmd}};
  if(argc >= 1 && !strcmp(argv[0], "balance"))
    return cmd_fund_balance(argc - 1, argv + 1);
  for(size_t i = 0; argc >= 1 && i < ARRAY_SIZE(procs); i++)
    if(!strcmp(argv[0], procs[i].name)) {
      char cmd[32];
      snprintf(cmd, sizeof cmd, "fund %s", procs[i].name);
      args a;
      args_init(&a, cmd, argc - 1, argv + 1);
      args_help(&a);
      return procs[i].fn(&a, NULL);
    }
  return cmd_register("fund", argc, argv);
}
