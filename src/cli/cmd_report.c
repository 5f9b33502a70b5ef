/* cmd_report.c: fund balance and summary. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

static void show_total(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char m[4][48];
  printf(_("总计: 期初 %s, 收入 %s, 支出 %s, 余额 %s\n"),
         out_cell(K_MONEY, &c[0], 1, m[0]), out_cell(K_MONEY, &c[1], 1, m[1]),
         out_cell(K_MONEY, &c[2], 1, m[2]), out_cell(K_MONEY, &c[3], 1, m[3]));
}

int cmd_fund_balance(int argc, char **argv)
{
  args a;
  args_init(&a, "fund balance", argc, argv);
  args_help(&a);
  const char *village = args_value(&a, "--village");
  const char *township = args_value(&a, "--township");
  const char *account = args_value(&a, "--account");
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  out o;
  out_init(&o, &a, out_formats, 1);
  char heading[64];
  snprintf(heading, sizeof heading, _("资金余额 as of %s\n"), as_of);
  const layout l[] = {
    {.part = "balances", .form = SHOW_ROWS, .heading = heading},
    {.part = "total", .form = SHOW_EACH, .each = show_total},
  };
  out_layouts(&o, l, (int)ARRAY_SIZE(l));
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, village, township);
  if(account && !reg_exists(z, &reg_account, account))
    die(1, _("--account: no account with code '%s'"), account);
  long flagged;
  if(fund_balance_view(z, village, township, account, as_of, &o.s,
                       &flagged))
    cli_fail(z, NULL);
  out_done(&o, &a);
  fflush(stdout);
  if(flagged)
    fprintf(stderr, NG_("%ld account flagged\n", "%ld accounts flagged\n",
                        (unsigned long)flagged),
            flagged);
  cli_close(z);
  return 0;
}

int cmd_summary(int argc, char **argv)
{
  args a;
  args_init(&a, "summary", argc, argv);
  args_help(&a);
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  out o;
  out_init(&o, &a, out_formats, 0);
  char heading[64];
  snprintf(heading, sizeof heading, _("乡镇汇总 as of %s\n"), as_of);
  const layout l[] = {{.part = "summary", .form = SHOW_ROWS,
                       .heading = heading}};
  out_layouts(&o, l, (int)ARRAY_SIZE(l));
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  if(summary_view(z, as_of, &o.s))
    cli_fail(z, NULL);
  out_done(&o, &a);
  cli_close(z);
  return 0;
}
