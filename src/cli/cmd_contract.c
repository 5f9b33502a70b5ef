/* cmd_contract.c: contract schedule and contract overdue. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/contract.h"
#include "base/date.h"
#include "base/idnum.h"
#include "base/money.h"

#include <stdlib.h>
#include <string.h>

static const char schedule_usage[] =
    "usage: sanzi contract schedule CODE [--as-of DATE]\n"
    "The receivables: each instalment's period, due date, amount, what the\n"
    "receipts citing the contract paid (oldest due first) and what is left.\n"
    "Receipts dated after --as-of (default today) are not counted.\n";

static const char overdue_usage[] =
    "usage: sanzi contract overdue [--as-of DATE] [--village CODE|--township "
    "CODE]\n"
    "Every instalment due before DATE (default today) and not fully paid.\n";

int cmd_contract_schedule(int argc, char **argv)
{
  args a;
  args_init(&a, "contract schedule", argc, argv);
  args_help(&a, schedule_usage);
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  sz *z = cli_db();
  schedule s;
  if(!contract_schedule(z, pos[0], as_of, &s))
    die(1, "no contract with code '%s'", pos[0]);
  char mask[19], b[4][32];
  idnum_mask(s.party_id, mask);
  printf("%s %s %s %s (%s), %s, 年金额 %s\n", s.code, s.kind, s.object,
         s.party, mask, s.payment, money_format_grouped(s.annual, b[0]));
  static const char *const h[] = {"期次", "期间", "应收日期", "应收金额",
                                  "已收", "未收", "逾期天数"};
  table *t = table_new(stdout, 7, h);
  int today = date_days(as_of);
  int64_t paid = 0, out = 0, overdue = 0;
  for(int i = 0; i < s.n; i++) {
    instalment *x = &s.v[i];
    char k[16], per[32], late[16] = "";
    snprintf(k, sizeof k, "%d", i + 1);
    snprintf(per, sizeof per, "%s..%s", x->from, x->to);
    if(x->outstanding > 0 && strcmp(x->due, as_of) < 0) {
      snprintf(late, sizeof late, "%d", today - date_days(x->due));
      overdue += x->outstanding;
    }
    const char *cells[7] = {k,
                            per,
                            x->due,
                            money_format_grouped(x->amount, b[0]),
                            money_format_grouped(x->paid, b[1]),
                            money_format_grouped(x->outstanding, b[2]),
                            late};
    table_row(t, cells);
    paid += x->paid;
    out += x->outstanding;
  }
  const char *tot[7] = {"合计", "", "", money_format_grouped(s.total, b[0]),
                        money_format_grouped(paid, b[1]),
                        money_format_grouped(out, b[2]), ""};
  table_row(t, tot);
  table_end(t);
  printf("received up to %s: %s; overdue: %s", as_of,
         money_format_grouped(s.received, b[0]),
         money_format_grouped(overdue, b[1]));
  if(s.credit)
    printf("; paid beyond the schedule: %s", money_format_grouped(s.credit, b[2]));
  putchar('\n');
  schedule_free(&s);
  free(pos);
  cli_close(z);
  return 0;
}

typedef struct od_ctx {
  table *t;
  int64_t due, paid, out;
  long n;
} od_ctx;

static void od_row(const schedule *s, const instalment *i, int days, void *p)
{
  od_ctx *c = p;
  char b[3][32], d[16];
  snprintf(d, sizeof d, "%d", days);
  const char *cells[9] = {s->code, s->village, s->party, s->object, i->due,
                          money_format_grouped(i->amount, b[0]),
                          money_format_grouped(i->paid, b[1]),
                          money_format_grouped(i->outstanding, b[2]), d};
  table_row(c->t, cells);
  c->due += i->amount;
  c->paid += i->paid;
  c->out += i->outstanding;
  c->n++;
}

int cmd_contract_overdue(int argc, char **argv)
{
  args a;
  args_init(&a, "contract overdue", argc, argv);
  args_help(&a, overdue_usage);
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  const char *vil = args_value(&a, "--village");
  const char *town = args_value(&a, "--township");
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, vil, town);
  static const char *const h[] = {"合同编号", "村代码", "对方名称", "标的编号",
                                  "应收日期", "应收金额", "已收", "未收",
                                  "逾期天数"};
  od_ctx c;
  memset(&c, 0, sizeof c);
  c.t = table_new(stdout, 9, h);
  contract_overdue(z, as_of, vil ? vil : town, od_row, &c);
  char b[3][32], cnt[32];
  snprintf(cnt, sizeof cnt, "%ld", c.n);
  const char *tot[9] = {"合计", cnt, "", "", "",
                        money_format_grouped(c.due, b[0]),
                        money_format_grouped(c.paid, b[1]),
                        money_format_grouped(c.out, b[2]), ""};
  table_row(c.t, tot);
  table_end(c.t);
  cli_close(z);
  return 0;
}
