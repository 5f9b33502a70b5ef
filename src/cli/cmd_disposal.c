/* cmd_disposal.c: sanzi disposal new|vote|appraise|publicize|review|execute|
 * show|list. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/date.h"
#include "domain/disposal.h"

#include <stdlib.h>
#include <string.h>

static int64_t count_opt(args *a, const char *opt, int required)
{
  const char *v = args_value(a, opt);
  if(!v) {
    if(required)
      args_missing(a, opt);
    return -1;
  }
  char *end;
  long long n = strtoll(v, &end, 10);
  if(end == v || *end || n < 0 || n > 100000000)
    die(1, _("%s: '%s' is not a number of people"), opt, v);
  return n;
}

static int d_new(args *a, const void *ctx)
{
  (void)ctx;
  int n;
  char **pos = args_rest(a, 1, -1, &n);
  disposal_input in;
  memset(&in, 0, sizeof in);
  static const char *const keys[] = {"village", "type", "objects", "reason",
                                     "method", "price", "code", "outsider",
                                     "date"};
  const char *vals[9] = {0};
  for(int i = 0; i < n; i++) {
    char *eq = strchr(pos[i], '=');
    if(!eq)
      usage_error(a, _("'%s' is not KEY=VALUE"), pos[i]);
    *eq = 0;
    int k = -1;
    for(int j = 0; j < 9; j++)
      if(!strcmp(pos[i], keys[j]))
        k = j;
    if(k < 0)
      die(1, _("unknown key '%s'; accepted: village, type, objects, reason, "
               "method, price, outsider, date, code"), pos[i]);
    vals[k] = eq + 1;
  }
  in.village = vals[0];
  in.type = vals[1];
  in.objects = vals[2];
  in.reason = vals[3];
  in.method = vals[4];
  in.price = vals[5];
  in.code = vals[6];
  in.outsider = vals[7];
  char date[11];
  if(vals[8])
    cli_date("date", vals[8], date);
  else
    date_today(date);
  in.date = date;
  sz *z = cli_db();
  char code[80];
  if(disposal_new(z, &in, code))
    cli_fail(z, NULL);
  printf("%s\n", code);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_vote(args *a, const void *ctx)
{
  (void)ctx;
  vote_input in;
  memset(&in, 0, sizeof in);
  in.step = args_need(a, "--step");
  in.body = args_value(a, "--body");
  in.minutes = args_value(a, "--minutes");
  char date[11];
  args_date(a, "--date", 0, date);
  in.date = date;
  in.due = count_opt(a, "--due", 1);
  in.present = count_opt(a, "--present", 1);
  in.vfor = count_opt(a, "--for", 1);
  in.against = count_opt(a, "--against", 1);
  in.abstain = count_opt(a, "--abstain", 0);
  in.households = args_flag(a, "--households");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  int passed;
  if(disposal_vote(z, pos[0], &in, &passed))
    cli_fail(z, NULL);
  if(!passed)
    cli_fail(z, NULL); /* recorded, but the step is not done */
  printf(_("%s: %s passed\n"), pos[0], in.step);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_appraise(args *a, const void *ctx)
{
  (void)ctx;
  const char *value = args_need(a, "--value");
  const char *who = args_need(a, "--appraiser");
  const char *report = args_need(a, "--report");
  char date[11];
  args_date(a, "--date", 0, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(disposal_appraise(z, pos[0], value, who, report, date))
    cli_fail(z, NULL);
  printf(_("%s: 资产评估 recorded\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_publicize(args *a, const void *ctx)
{
  (void)ctx;
  const char *kind = args_need(a, "--kind");
  char from[11], to[11];
  args_date(a, "--from", 0, from);
  args_date(a, "--to", 0, to);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(disposal_publicize(z, pos[0], kind, from, to))
    cli_fail(z, NULL);
  printf(_("%s: %s公开 %s to %s\n"), pos[0], kind, from, to);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_review(args *a, const void *ctx)
{
  (void)ctx;
  const char *dec = args_need(a, "--decision");
  const char *op = args_value(a, "--opinion");
  char date[11];
  args_date(a, "--date", 0, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(disposal_review(z, pos[0], dec, date, op))
    cli_fail(z, NULL);
  printf(_("%s: 乡镇审核 %s\n"), pos[0], dec);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_execute(args *a, const void *ctx)
{
  (void)ctx;
  exec_input in;
  memset(&in, 0, sizeof in);
  char date[11];
  args_date(a, "--date", 0, date);
  in.date = date;
  in.party = args_need(a, "--party");
  in.price = args_need(a, "--price");
  in.contract = args_value(a, "--contract");
  in.voucher = args_value(a, "--voucher");
  in.lower_price = args_value(a, "--lower-price-resolution");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(disposal_execute(z, pos[0], &in))
    cli_fail(z, NULL);
  printf(_("%s: 已执行\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_withdraw(args *a, const void *ctx)
{
  (void)ctx;
  const char *reason = args_need(a, "--reason");
  char date[11];
  args_date(a, "--date", 1, date);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(disposal_withdraw(z, pos[0], date, reason))
    cli_fail(z, NULL);
  printf(_("%s: 已撤回\n"), pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static const char *txt(const acell *c)
{
  return c->null || !c->s ? "" : c->s;
}

static void show_heading(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  /* The township and the village, when the village is known. */
  printf("处置申报 %s  %s%s%s\n", txt(&c[0]), txt(&c[1]),
         c[1].null && c[2].null ? "" : " ", txt(&c[2]));
}

static void show_contract(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char am[48];
  printf(_("  %s: %s, %s, 年金额 %s, %s to %s, %s\n"), txt(&c[0]),
         txt(&c[1]), txt(&c[2]), out_cell(K_MONEY, &c[3], 1, am), txt(&c[4]),
         txt(&c[5]), txt(&c[6]));
}

static void show_status(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  if(c[1].null)
    printf(_("\nstatus: %s\n"), txt(&c[0]));
  else
    printf(_("\nstatus: %s; next: %s\n"), txt(&c[0]), txt(&c[1]));
}

/* The parts of `disposal show` (disposal_show_view) in the table format. */
static const layout show_layout[] = {
  {.part = "heading", .form = SHOW_EACH, .each = show_heading},
  {.part = "filing", .form = SHOW_FIELDS, .heading = N_("\n申报 (filing):\n"),
   .indent = "  ", .skip_null = 1},
  {.part = "objects", .form = SHOW_ROWS, .heading = N_("\n标的 (objects):\n")},
  {.part = "meetings", .form = SHOW_ROWS, .heading = N_("\n四议 (meetings):\n"),
   .none = N_("  none yet\n")},
  {.part = "steps", .form = SHOW_FIELDS,
   .heading = N_("\n公开、评估、审核、执行 (publicity, appraisal, review, "
                 "execution):\n"),
   .indent = "  ", .skip_null = 1},
  {.part = "contracts", .form = SHOW_EACH, .heading = N_("\n合同 (contracts):\n"),
   .empty = "", .each = show_contract},
  {.part = "status", .form = SHOW_EACH, .each = show_status},
  {.part = "history", .form = SHOW_HISTORY, .heading = N_("\nhistory:\n")},
};

static int d_show(args *a, const void *ctx)
{
  (void)ctx;
  return out_show(a, show_layout, (int)ARRAY_SIZE(show_layout), "filing",
                  disposal_show_view);
}

static int d_list(args *a, const void *ctx)
{
  (void)ctx;
  return out_list(a, disposal_list_view);
}

int cmd_disposal(int argc, char **argv)
{
  static const verb verbs[] = {
    {"appraise", d_appraise}, {"execute", d_execute}, {"list", d_list},
    {"new", d_new},           {"publicize", d_publicize},
    {"review", d_review},     {"show", d_show},       {"vote", d_vote},
    {"withdraw", d_withdraw},
  };
  return cli_verbs("disposal", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}
