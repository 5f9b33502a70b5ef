/* cmd_subsidy.c: program, loan interest/withdraw, and subsidy. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/money.h"
#include "domain/subsidy.h"

#include <stdlib.h>
#include <string.h>

static const char *txt(const acell *c)
{
  return c->null || !c->s ? "" : c->s;
}

static void show_program(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[9][48];
  out_field("", "年度", "year", txt(&c[0]));
  out_field("", "年度预算", "budget", out_cell(K_MONEY, &c[1], 1, b[1]));
  out_field("", "贴息比例", "ratio", out_cell(K_RATE, &c[2], 1, b[2]));
  out_field("", "利率上限", "rate cap",
            c[3].null ? _("none") : out_cell(K_RATE, &c[3], 1, b[3]));
  out_field("", "计息天数基准", "day basis", out_cell(K_INT, &c[4], 1, b[4]));
  out_field("", "每村年度限额", "village cap",
            out_cell(K_MONEY, &c[5], 1, b[5]));
  out_field("", "已审定未拨付", "reserved", out_cell(K_MONEY, &c[6], 1, b[6]));
  out_field("", "已拨付", "paid", out_cell(K_MONEY, &c[7], 1, b[7]));
  out_field("", "剩余", "remaining", out_cell(K_MONEY, &c[8], 1, b[8]));
}

static const layout program_layout[] = {
  {.part = "program", .form = SHOW_EACH, .each = show_program},
};

/* program set and program show */
static int program_verb(args *a, int set)
{
  const char *year = args_year(a);
  const char *budget = NULL, *ratio = NULL, *cap = NULL, *basis = NULL,
             *vcap = NULL;
  if(set) {
    budget = args_value(a, "--budget");
    ratio = args_value(a, "--ratio");
    cap = args_value(a, "--rate-cap");
    basis = args_value(a, "--day-basis");
    vcap = args_value(a, "--village-cap");
  }
  out o;
  out_init(&o, a, set ? NULL : out_formats, 1);
  out_layouts(&o, program_layout, (int)ARRAY_SIZE(program_layout));
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  if(set && program_set(z, year, budget, ratio, cap, basis, vcap))
    cli_fail(z, NULL);
  if(!reg_exists(z, &reg_program, year))
    die(1, _("no programme year %s (set it up with 'sanzi program set "
             "--year %s')"), year, year);
  if(program_view(z, year, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  cli_close(z);
  return 0;
}

static int program_set_verb(args *a, const void *ctx)
{
  (void)ctx;
  return program_verb(a, 1);
}

static int program_show(args *a, const void *ctx)
{
  (void)ctx;
  return program_verb(a, 0);
}

int cmd_program(int argc, char **argv)
{
  static const verb verbs[] = {{"set", program_set_verb},
                               {"show", program_show}};
  return cli_verbs("program", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}

/* ---- loan interest, loan withdraw ---- */

int cmd_loan_interest(int argc, char **argv)
{
  args a;
  args_init(&a, "loan interest", argc, argv);
  args_help(&a);
  const char *from = args_need(&a, "--from");
  const char *to = args_need(&a, "--to");
  const char *paid = args_need(&a, "--paid");
  const char *on = args_need(&a, "--paid-on");
  const char *voucher = args_need(&a, "--voucher");
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  sz *z = cli_db();
  char code[80];
  if(interest_add(z, pos[0], from, to, paid, on, voucher, code))
    cli_fail(z, NULL);
  printf("%s\n", code);
  free(pos);
  cli_close(z);
  return 0;
}

int cmd_loan_withdraw(int argc, char **argv)
{
  args a;
  args_init(&a, "loan withdraw", argc, argv);
  args_help(&a);
  const char *reason = args_need(&a, "--reason");
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  sz *z = cli_db();
  if(loan_withdraw(z, pos[0], reason))
    cli_fail(z, NULL);
  printf(_("%s: withdrawn\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

/* ---- subsidy ---- */

static int sub_apply(args *a, const void *ctx)
{
  (void)ctx;
  const char *loan = args_need(a, "--loan");
  const char *year = args_year(a);
  char date[11];
  args_date(a, "--date", 1, date);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  char code[80];
  if(subsidy_apply(z, loan, year, date, code))
    cli_fail(z, NULL);
  printf("%s\n", code);
  cli_close(z);
  return 0;
}

static int sub_review(args *a, const void *ctx)
{
  (void)ctx;
  const char *dec = args_need(a, "--decision");
  const char *op = args_value(a, "--opinion");
  char date[11];
  args_date(a, "--date", 0, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(subsidy_review(z, pos[0], dec, date, op))
    cli_fail(z, NULL);
  printf(_("%s: %s\n"), pos[0], strcmp(dec, "同意") ? "初审不同意" : "初审通过");
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_publicize(args *a, const void *ctx)
{
  (void)ctx;
  char from[11], to[11];
  args_date(a, "--from", 0, from);
  args_date(a, "--to", 0, to);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(subsidy_publicize(z, pos[0], from, to))
    cli_fail(z, NULL);
  printf(_("%s: 公示 %s to %s\n"), pos[0], from, to);
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_approve(args *a, const void *ctx)
{
  (void)ctx;
  char date[11];
  args_date(a, "--date", 0, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  approval ap;
  if(subsidy_approve(z, pos[0], date, &ap))
    cli_fail(z, NULL);
  char b1[32], b2[32], b3[32], b4[32];
  if(ap.cut_by)
    printf(_("%s: 已审定 %s, cut from %s by the %s (%s, of which %s was "
             "already approved or paid)\n"),
           pos[0], money_format_grouped(ap.approved, b1),
           money_format_grouped(ap.amount, b2), ap.cut_by,
           money_format_grouped(ap.cap, b3), money_format_grouped(ap.used, b4));
  else
    printf(_("%s: 已审定 %s\n"), pos[0], money_format_grouped(ap.approved, b1));
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_pay(args *a, const void *ctx)
{
  (void)ctx;
  char date[11];
  args_date(a, "--date", 0, date);
  const char *voucher = args_need(a, "--voucher");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(subsidy_pay(z, pos[0], date, voucher))
    cli_fail(z, NULL);
  printf(_("%s: 已拨付\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_withdraw(args *a, const void *ctx)
{
  (void)ctx;
  const char *reason = args_need(a, "--reason");
  char date[11];
  args_date(a, "--date", 1, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(subsidy_withdraw(z, pos[0], date, reason))
    cli_fail(z, NULL);
  printf(_("%s: 已撤回\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static void show_total(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[48];
  printf(_("total: %s\n"), out_cell(K_MONEY, &c[0], 1, b));
  fputs(_("\n应计利息 = round(本金 × 计贴利率 × 天数 / 基准); 计贴利率 = "
          "min(年利率, 利率上限)\n可贴息利息 = min(实付利息, 应计利息); 贴息 = "
          "round(可贴息利息 × 比例); round = 四舍五入 to the fen\n"),
        stdout);
}

/* The parts of `subsidy show` (subsidy_show_view) in the table format. */
static const layout sub_show_layout[] = {
  {.part = "application", .form = SHOW_FIELDS, .skip_null = 1},
  {.part = "lines", .form = SHOW_ROWS, .heading = N_("\nlines:\n")},
  {.part = "total", .form = SHOW_EACH, .each = show_total},
  {.part = "history", .form = SHOW_HISTORY, .heading = N_("\nhistory:\n")},
};

static int sub_show(args *a, const void *ctx)
{
  (void)ctx;
  return out_show(a, sub_show_layout, (int)ARRAY_SIZE(sub_show_layout), NULL,
                  subsidy_show_view);
}

static int sub_list(args *a, const void *ctx)
{
  (void)ctx;
  return out_list(a, subsidy_list_view);
}

static void show_budget(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[3][48];
  printf(_("\n%s: budget %s, approved or paid %s, remaining %s\n"),
         txt(&c[0]), out_cell(K_MONEY, &c[1], 1, b[0]),
         out_cell(K_MONEY, &c[2], 1, b[1]), out_cell(K_MONEY, &c[3], 1, b[2]));
}

static int sub_report(args *a, const void *ctx)
{
  (void)ctx;
  const char *year = args_year(a);
  out o;
  out_init(&o, a, out_formats, 1);
  char none[64];
  snprintf(none, sizeof none, _("\n%s: no programme year set up\n"), year);
  const layout l[] = {
    {.part = "budget", .form = SHOW_EACH, .each = show_budget, .empty = none},
  };
  out_layouts(&o, l, (int)ARRAY_SIZE(l));
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  if(subsidy_report_view(z, year, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  cli_close(z);
  return 0;
}

int cmd_subsidy(int argc, char **argv)
{
  static const verb verbs[] = {
    {"apply", sub_apply},         {"approve", sub_approve},
    {"list", sub_list},           {"pay", sub_pay},
    {"publicize", sub_publicize}, {"report", sub_report},
    {"review", sub_review},       {"show", sub_show},
    {"withdraw", sub_withdraw},
  };
  return cli_verbs("subsidy", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}
