/* cmd_report.c: fund balance and summary. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/csvout.h"
#include "base/date.h"
#include "base/money.h"
#include "domain/report.h"

#include <stdlib.h>
#include <string.h>

typedef struct bal_ctx {
  table *t;
  int csv;
  char village[16];
  int64_t v_open, v_in, v_out, v_close;
  int64_t v_cash;   /* the village's 库存现金 accounts together */
  int v_ncash;
  int64_t t_open, t_in, t_out, t_close;
  long flagged;
  int64_t limit;
} bal_ctx;

static void row_out(bal_ctx *c, const char *const *cells, int n)
{
  if(c->t) {
    table_row(c->t, cells);
    return;
  }
  for(int i = 0; i < n; i++)
    csvout_field(stdout, cells[i], strlen(cells[i]), i == 0);
  csvout_endrow(stdout);
}

static void village_total(bal_ctx *c)
{
  if(!c->village[0])
    return;
  char b[4][32], flag[128] = "", lim[32], cash[32];
  /* The limit is per village (DOMAIN.md): several cash accounts together
   * may pass it when none does alone. */
  if(c->v_ncash > 1 && c->v_cash > c->limit) {
    snprintf(flag, sizeof flag, "库存现金合计 %s 超过限额 %s",
             money_format_grouped(c->v_cash, cash),
             money_format_grouped(c->limit, lim));
    c->flagged++;
  }
  const char *cells[] = {
    c->village, "", "", "合计", "",
    c->csv ? money_format(c->v_open, b[0]) : money_format_grouped(c->v_open, b[0]),
    c->csv ? money_format(c->v_in, b[1]) : money_format_grouped(c->v_in, b[1]),
    c->csv ? money_format(c->v_out, b[2]) : money_format_grouped(c->v_out, b[2]),
    c->csv ? money_format(c->v_close, b[3]) : money_format_grouped(c->v_close, b[3]),
    flag};
  row_out(c, cells, 10);
  c->v_open = c->v_in = c->v_out = c->v_close = c->v_cash = 0;
  c->v_ncash = 0;
}

static void on_balance(const balance *b, void *ctx)
{
  bal_ctx *c = ctx;
  if(strcmp(c->village, b->village)) {
    village_total(c);
    snprintf(c->village, sizeof c->village, "%s", b->village);
  }
  char m[4][32], flag[96] = "";
  if(b->over_limit) {
    char lim[32];
    snprintf(flag, sizeof flag, "超过库存现金限额 %s",
             money_format_grouped(c->limit, lim));
    c->flagged++;
  } else if(b->closing < 0) {
    snprintf(flag, sizeof flag, "余额为负");
    c->flagged++;
  }
  int64_t v[4] = {b->opening, b->income, b->expense, b->closing};
  for(int i = 0; i < 4; i++)
    c->csv ? money_format(v[i], m[i]) : money_format_grouped(v[i], m[i]);
  const char *cells[] = {b->village, b->village_name, b->account, b->name,
                         b->kind, m[0], m[1], m[2], m[3], flag};
  row_out(c, cells, 10);
  if(!strcmp(b->kind, "库存现金")) {
    c->v_cash += b->closing;
    c->v_ncash++;
  }
  c->v_open += b->opening;
  c->v_in += b->income;
  c->v_out += b->expense;
  c->v_close += b->closing;
  c->t_open += b->opening;
  c->t_in += b->income;
  c->t_out += b->expense;
  c->t_close += b->closing;
}

int cmd_fund_balance(int argc, char **argv)
{
  args a;
  args_init(&a, "fund balance", argc, argv);
  args_help(&a, "usage: sanzi fund balance [--village CODE|--township CODE] "
                "[--account CODE] [--as-of DATE] [--format table|csv]\n"
                "Per account: opening + income - expense up to the date "
                "(default today), with a total per village; a 库存现金 "
                "account above the cash limit is flagged.\n");
  const char *village = args_value(&a, "--village");
  const char *township = args_value(&a, "--township");
  const char *account = args_value(&a, "--account");
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  static const char *const formats[] = {"table", "csv", NULL};
  const char *fmt = args_choice(&a, "--format", formats);
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, village, township);
  if(account && !db_int(z, 0, "SELECT count(*) FROM account WHERE code = ?1",
                        account))
    die(1, "--account: no account with code '%s'", account);
  bal_ctx c;
  memset(&c, 0, sizeof c);
  c.csv = fmt && !strcmp(fmt, "csv");
  c.limit = db_int(z, 500000, "SELECT CAST(value AS INTEGER) FROM setting "
                              "WHERE key = 'cash_limit'", NULL);
  const char *hdr[] = {"村代码", "村名", "账户编号", "账户名称", "类型",
                       "期初余额", "收入", "支出", "余额", "提示"};
  if(c.csv)
    row_out(&c, hdr, 10);
  else {
    printf("资金余额 as of %s\n", as_of);
    c.t = table_new(stdout, 10, hdr);
  }
  if(fund_balances(z, village, township, account, as_of, on_balance, &c))
    cli_fail(z, NULL);
  village_total(&c);
  if(c.t)
    table_end(c.t);
  if(!c.csv) {
    char m[4][32];
    printf("总计: 期初 %s, 收入 %s, 支出 %s, 余额 %s\n",
           money_format_grouped(c.t_open, m[0]),
           money_format_grouped(c.t_in, m[1]),
           money_format_grouped(c.t_out, m[2]),
           money_format_grouped(c.t_close, m[3]));
  }
  fflush(stdout);
  if(c.flagged)
    fprintf(stderr, "%ld account%s flagged\n", c.flagged,
            c.flagged == 1 ? "" : "s");
  cli_close(z);
  return 0;
}

int cmd_summary(int argc, char **argv)
{
  args a;
  args_init(&a, "summary", argc, argv);
  args_help(&a, "usage: sanzi summary [--as-of DATE]\n"
                "Per township: villages, assets with original and net value "
                "(net of depreciation at the date), resources and their "
                "area, fund balances.\n");
  char as_of[11];
  args_date(&a, "--as-of", 1, as_of);
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  township_total *t;
  int nt;
  if(township_summary(z, as_of, &t, &nt))
    cli_fail(z, NULL);
  printf("乡镇汇总 as of %s\n", as_of);
  const char *hdr[] = {"乡镇代码", "乡镇", "村数", "资产数", "原值", "净值",
                       "资源数", "面积(亩)", "资金余额"};
  table *tb = table_new(stdout, 9, hdr);
  township_total all;
  memset(&all, 0, sizeof all);
  for(int i = 0; i <= nt; i++) {
    township_total *x = i < nt ? &t[i] : &all;
    char b[8][32];
    snprintf(b[0], 32, "%ld", x->villages);
    snprintf(b[1], 32, "%ld", x->assets);
    money_format_grouped(x->original, b[2]);
    money_format_grouped(x->original - x->accumulated, b[3]);
    snprintf(b[4], 32, "%ld", x->resources);
    area_format_grouped(x->area, b[5]);
    money_format_grouped(x->funds, b[6]);
    const char *cells[] = {i < nt ? x->code : "", i < nt ? x->name : "合计",
                           b[0], b[1], b[2], b[3], b[4], b[5], b[6]};
    table_row(tb, cells);
    if(i < nt) {
      all.villages += x->villages;
      all.assets += x->assets;
      all.original += x->original;
      all.accumulated += x->accumulated;
      all.resources += x->resources;
      all.area += x->area;
      all.funds += x->funds;
    }
  }
  table_end(tb);
  summary_free(t, nt);
  cli_close(z);
  return 0;
}
