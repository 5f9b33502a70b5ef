/* cmd_contract.c: contract schedule and contract overdue. */
#include "cli/cli.h"
#include "cli/commands.h"

#include <stdlib.h>
#include <string.h>

static const char *txt(const acell *c)
{
  return c->null || !c->s ? "" : c->s;
}

static void show_contract(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[48];
  printf("%s %s %s %s (%s), %s, 年金额 %s\n", txt(&c[0]), txt(&c[1]),
         txt(&c[2]), txt(&c[3]), txt(&c[4]), txt(&c[5]),
         out_cell(K_MONEY, &c[6], 1, b));
}

static void show_received(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[3][48];
  printf(_("received up to %s: %s; overdue: %s"), txt(&c[0]),
         out_cell(K_MONEY, &c[1], 1, b[0]), out_cell(K_MONEY, &c[2], 1, b[1]));
  if(!c[3].null)
    printf(_("; paid beyond the schedule: %s"),
           out_cell(K_MONEY, &c[3], 1, b[2]));
  putchar('\n');
}

/* The parts of `contract schedule` in the table format. */
static const layout schedule_layout[] = {
  {.part = "contract", .form = SHOW_EACH, .each = show_contract},
  {.part = "instalments", .form = SHOW_ROWS},
  {.part = "received", .form = SHOW_EACH, .each = show_received},
};

int cmd_contract_schedule(int argc, char **argv)
{
  args a;
  args_init(&a, "contract schedule", argc, argv);
  args_help(&a);
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  out o;
  out_init(&o, &a, out_formats, 1);
  out_layouts(&o, schedule_layout, (int)ARRAY_SIZE(schedule_layout));
  if(o.fmt == OUT_CSV && !o.part)
    o.part = "instalments";
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  sz *z = cli_db();
  if(contract_schedule_view(z, pos[0], as_of, &o.s))
    cli_fail(z, NULL);
  out_done(&o, &a);
  free(pos);
  cli_close(z);
  return 0;
}

int cmd_contract_overdue(int argc, char **argv)
{
  args a;
  args_init(&a, "contract overdue", argc, argv);
  args_help(&a);
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  const char *vil = args_value(&a, "--village");
  const char *town = args_value(&a, "--township");
  out o;
  out_init(&o, &a, out_formats, 0);
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, vil, town);
  if(contract_overdue_view(z, as_of, vil ? vil : town, &o.s))
    cli_fail(z, NULL);
  out_done(&o, &a);
  cli_close(z);
  return 0;
}
