/* cmd_subsidy.c: program, loan interest/withdraw, and subsidy. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/date.h"
#include "base/money.h"
#include "store/record.h"
#include "domain/subsidy.h"

#include <stdlib.h>
#include <string.h>

static const char program_usage[] =
    "usage: sanzi program set --year Y [--budget AMOUNT] [--ratio PCT] "
    "[--rate-cap PCT|none]\n"
    "                         [--day-basis 360|365] [--village-cap AMOUNT]\n"
    "       sanzi program show --year Y\n"
    "A new year takes the subsidy.* parameters of 'sanzi config' for what is "
    "not given.\n";

static void print_program(const program *p)
{
  char b[6][32], r[2][32];
  printf("年度 (year): %s\n", p->year);
  printf("年度预算 (budget): %s\n", money_format_grouped(p->budget, b[0]));
  printf("贴息比例 (ratio): %s%%\n", rate_format(p->ratio, r[0]));
  if(p->rate_cap)
    printf("利率上限 (rate cap): %s%%\n", rate_format(p->rate_cap, r[1]));
  else
    printf("利率上限 (rate cap): none\n");
  printf("计息天数基准 (day basis): %lld\n", (long long)p->day_basis);
  printf("每村年度限额 (village cap): %s\n",
         money_format_grouped(p->village_cap, b[1]));
  printf("已审定未拨付 (reserved): %s\n",
         money_format_grouped(p->reserved, b[2]));
  printf("已拨付 (paid): %s\n", money_format_grouped(p->paid, b[3]));
  printf("剩余 (remaining): %s\n",
         money_format_grouped(p->budget - p->reserved - p->paid, b[4]));
}

int cmd_program(int argc, char **argv)
{
  if(argc < 1 || (strcmp(argv[0], "set") && strcmp(argv[0], "show"))) {
    int help = argc >= 1 && (!strcmp(argv[0], "--help") ||
                             !strcmp(argv[0], "-h"));
    fputs(program_usage, help ? stdout : stderr);
    return help ? 0 : 2;
  }
  args a;
  char cmd[32];
  snprintf(cmd, sizeof cmd, "program %s", argv[0]);
  args_init(&a, cmd, argc - 1, argv + 1);
  args_help(&a, program_usage);
  const char *year = args_year(&a);
  int set = !strcmp(argv[0], "set");
  const char *budget = NULL, *ratio = NULL, *cap = NULL, *basis = NULL,
             *vcap = NULL;
  if(set) {
    budget = args_value(&a, "--budget");
    ratio = args_value(&a, "--ratio");
    cap = args_value(&a, "--rate-cap");
    basis = args_value(&a, "--day-basis");
    vcap = args_value(&a, "--village-cap");
  }
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  if(set && program_set(z, year, budget, ratio, cap, basis, vcap))
    cli_fail(z, NULL);
  program p;
  if(!program_get(z, year, &p))
    die(1, "no programme year %s (set it up with 'sanzi program set "
           "--year %s')", year, year);
  print_program(&p);
  cli_close(z);
  return 0;
}

/* ---- loan interest, loan withdraw ---- */

static const char interest_usage[] =
    "usage: sanzi loan interest LOAN --from D --to D --paid AMOUNT "
    "--paid-on D --voucher V\n"
    "Records an interest payment for the period from D up to D (days = to - "
    "from);\nprints the payment's code.\n";

static const char withdraw_usage[] =
    "usage: sanzi loan withdraw CODE --reason TEXT\n"
    "Withdraws a loan or an interest payment (never deleted; logged).\n";

int cmd_loan_interest(int argc, char **argv)
{
  args a;
  args_init(&a, "loan interest", argc, argv);
  args_help(&a, interest_usage);
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
  args_help(&a, withdraw_usage);
  const char *reason = args_need(&a, "--reason");
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  sz *z = cli_db();
  if(loan_withdraw(z, pos[0], reason))
    cli_fail(z, NULL);
  printf("%s: withdrawn\n", pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

/* The payments of a loan and their claims, for `loan show`. */
void loan_show_payments(sz *z, const char *loan)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT i.code, i.period_from, i.period_to, i.paid, i.paid_on, "
         "i.voucher, i.withdrawn, (SELECT group_concat(s.code || ' ' || "
         "s.status, ', ') FROM subsidy_line l JOIN subsidy s ON "
         "s.code = l.application WHERE l.payment = i.code) "
         "FROM interest i WHERE loan = ?1 ORDER BY period_from, id");
  sqlite3_bind_text(st, 1, loan, -1, SQLITE_STATIC);
  static const char *const h[] = {"付息编号", "计息起日", "计息止日", "天数",
                                  "实付利息", "付息日期", "凭证号", "贴息申请"};
  table *t = NULL;
  while(db_step(z, st) == SQLITE_ROW) {
    if(!t) {
      printf("\ninterest payments:\n");
      t = table_new(stdout, 8, h);
    }
    char days[16], paid[32], claim[256];
    const char *from = (const char *)sqlite3_column_text(st, 1);
    const char *to = (const char *)sqlite3_column_text(st, 2);
    snprintf(days, sizeof days, "%d", date_days(to) - date_days(from));
    money_format_grouped(sqlite3_column_int64(st, 3), paid);
    if(sqlite3_column_type(st, 6) != SQLITE_NULL)
      snprintf(claim, sizeof claim, "withdrawn: %s",
               sqlite3_column_text(st, 6));
    else
      snprintf(claim, sizeof claim, "%s",
               sqlite3_column_type(st, 7) == SQLITE_NULL
                   ? ""
                   : (const char *)sqlite3_column_text(st, 7));
    const char *cells[8] = {(const char *)sqlite3_column_text(st, 0), from, to,
                            days, paid, (const char *)sqlite3_column_text(st, 4),
                            (const char *)sqlite3_column_text(st, 5), claim};
    table_row(t, cells);
  }
  if(t)
    table_end(t);
  else
    printf("\ninterest payments: none\n");
  sqlite3_finalize(st);
}

/* ---- subsidy ---- */

/* A rate in ppm as "4.35%". */
static char *pct(int64_t ppm, char out[32])
{
  char t[32];
  snprintf(out, 32, "%s%%", rate_format(ppm, t));
  return out;
}

static const char subsidy_usage[] =
    "usage: sanzi subsidy apply --loan CODE --year Y [--date D]\n"
    "       sanzi subsidy review APP --decision 同意|不同意 --date D "
    "[--opinion TEXT]\n"
    "       sanzi subsidy publicize APP --from D --to D\n"
    "       sanzi subsidy approve APP --date D\n"
    "       sanzi subsidy pay APP --date D --voucher V\n"
    "       sanzi subsidy withdraw APP --reason TEXT [--date D]\n"
    "       sanzi subsidy show APP\n"
    "       sanzi subsidy list [--year Y] [--village CODE|--township CODE]\n"
    "       sanzi subsidy report --year Y\n"
    "The steps: 申请 → 乡镇初审 → 公示 → 县级审定 (reserves the money) → "
    "拨付.\nDates default to today where optional.\n";

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
  printf("%s: %s\n", pos[0], strcmp(dec, "同意") ? "初审不同意" : "初审通过");
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
  printf("%s: 公示 %s to %s\n", pos[0], from, to);
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
    printf("%s: 已审定 %s, cut from %s by the %s (%s, of which %s was "
           "already approved or paid)\n",
           pos[0], money_format_grouped(ap.approved, b1),
           money_format_grouped(ap.amount, b2), ap.cut_by,
           money_format_grouped(ap.cap, b3), money_format_grouped(ap.used, b4));
  else
    printf("%s: 已审定 %s\n", pos[0], money_format_grouped(ap.approved, b1));
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
  printf("%s: 已拨付\n", pos[0]);
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
  printf("%s: 已撤回\n", pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_show(args *a, const void *ctx)
{
  (void)ctx;
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  const reg *r = (&reg_subsidy);
  regctx *c = reg_open(z, r);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int64_t id;
  if(!reg_load(c, pos[0], &id, v))
    die(1, "no subsidy application with code '%s'", pos[0]);
  sbuf cell;
  sb_init(&cell);
  for(int i = 0; i < r->nfields; i++) {
    if(v[i].t == V_NULL)
      continue;
    sb_reset(&cell);
    reg_format_grouped(&r->fields[i], &v[i], &cell);
    printf("%s (%s): %s\n", r->fields[i].zh, r->fields[i].key, cell.buf);
  }
  /* Every fen: the lines and the formula. */
  sqlite3_stmt *st = db_prepare(
      z, "SELECT l.payment, i.period_from, i.period_to, l.days, l.principal, "
         "l.rate, l.rate_used, l.day_basis, l.computed, l.paid, l.eligible, "
         "l.ratio, l.subsidy FROM subsidy_line l JOIN interest i ON "
         "i.code = l.payment WHERE l.application = ?1 ORDER BY l.id");
  sqlite3_bind_text(st, 1, pos[0], -1, SQLITE_STATIC);
  static const char *const h[] = {"付息编号", "计息期间", "天数", "本金",
                                  "年利率", "计贴利率", "基准", "应计利息",
                                  "实付利息", "可贴息利息", "比例", "贴息"};
  printf("\nlines:\n");
  table *t = table_new(stdout, 12, h);
  int64_t total = 0;
  while(db_step(z, st) == SQLITE_ROW) {
    char per[32], days[16], pr[32], r1[32], r2[32], ba[16], co[32], pa[32],
        el[32], ra[32], su[32];
    snprintf(per, sizeof per, "%s..%s", sqlite3_column_text(st, 1),
             sqlite3_column_text(st, 2));
    snprintf(days, sizeof days, "%lld",
             (long long)sqlite3_column_int64(st, 3));
    money_format_grouped(sqlite3_column_int64(st, 4), pr);
    pct(sqlite3_column_int64(st, 5), r1);
    pct(sqlite3_column_int64(st, 6), r2);
    snprintf(ba, sizeof ba, "%lld", (long long)sqlite3_column_int64(st, 7));
    money_format_grouped(sqlite3_column_int64(st, 8), co);
    money_format_grouped(sqlite3_column_int64(st, 9), pa);
    money_format_grouped(sqlite3_column_int64(st, 10), el);
    pct(sqlite3_column_int64(st, 11), ra);
    money_format_grouped(sqlite3_column_int64(st, 12), su);
    total += sqlite3_column_int64(st, 12);
    const char *cells[12] = {(const char *)sqlite3_column_text(st, 0),
                             per, days, pr, r1, r2, ba, co, pa, el, ra, su};
    table_row(t, cells);
  }
  table_end(t);
  sqlite3_finalize(st);
  char tb[32];
  printf("total: %s\n", money_format_grouped(total, tb));
  printf("\n应计利息 = round(本金 × 计贴利率 × 天数 / 基准); 计贴利率 = "
         "min(年利率, 利率上限)\n可贴息利息 = min(实付利息, 应计利息); 贴息 = "
         "round(可贴息利息 × 比例); round = 四舍五入 to the fen\n");
  show_history(z, r, id, pos[0]);
  sb_free(&cell);
  free(v);
  reg_close(c);
  free(pos);
  cli_close(z);
  return 0;
}

static int sub_list(args *a, const void *ctx)
{
  (void)ctx;
  const char *year = args_value(a, "--year");
  const char *vil = args_value(a, "--village");
  const char *town = args_value(a, "--township");
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, vil, town);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT code, village, loan, year, applied_on, amount, status, "
         "approved, paid_on FROM subsidy WHERE (?1 IS NULL OR year = ?1) AND "
         "(?2 IS NULL OR village = ?2) AND (?3 IS NULL OR village GLOB ?3 || "
         "'*') ORDER BY code");
  if(year)
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  if(vil)
    sqlite3_bind_text(st, 2, vil, -1, SQLITE_STATIC);
  if(town)
    sqlite3_bind_text(st, 3, town, -1, SQLITE_STATIC);
  static const char *const h[] = {"申请编号", "村代码", "贷款编号", "年度",
                                  "申请日期", "申请贴息", "状态", "审定贴息",
                                  "拨付日期"};
  table *t = table_new(stdout, 9, h);
  table_rows(z, t, st, 9, 1u << 5 | 1u << 7); /* 申请贴息, 审定贴息 */
  table_end(t);
  cli_close(z);
  return 0;
}

/* The report: villages, a subtotal after each township, the county total. */
typedef struct rep {
  table *t;
  char town[16], town_name[128];
  int64_t tt[6], all[6];
} rep;

static void rep_line(rep *r, const char *code, const char *name,
                     const int64_t x[6])
{
  char b[6][32];
  snprintf(b[0], sizeof b[0], "%lld", (long long)x[0]);
  for(int i = 1; i < 6; i++)
    money_format_grouped(x[i], b[i]);
  const char *cells[8] = {code, name, b[0], b[1], b[2], b[3], b[4], b[5]};
  table_row(r->t, cells);
}

static void rep_town_end(rep *r)
{
  if(!r->town[0])
    return;
  char name[160];
  snprintf(name, sizeof name, "%s 合计", r->town_name);
  rep_line(r, r->town, name, r->tt);
  memset(r->tt, 0, sizeof r->tt);
}

static void rep_row(const subsidy_row *s, void *ctx)
{
  rep *r = ctx;
  if(strcmp(r->town, s->township ? s->township : "")) {
    rep_town_end(r);
    snprintf(r->town, sizeof r->town, "%s", s->township ? s->township : "");
    snprintf(r->town_name, sizeof r->town_name, "%s", s->township_name);
  }
  int64_t x[6] = {s->loans, s->principal, s->interest, s->applied,
                  s->approved, s->paid};
  for(int i = 0; i < 6; i++) {
    r->tt[i] += x[i];
    r->all[i] += x[i];
  }
  rep_line(r, s->village, s->village_name, x);
}

static int sub_report(args *a, const void *ctx)
{
  (void)ctx;
  const char *year = args_year(a);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  program p;
  int have = program_get(z, year, &p);
  static const char *const h[] = {"代码", "名称", "贷款笔数", "本金",
                                  "已付利息", "申请贴息", "审定贴息",
                                  "已拨付"};
  rep r;
  memset(&r, 0, sizeof r);
  r.t = table_new(stdout, 8, h);
  subsidy_report(z, year, rep_row, &r);
  rep_town_end(&r);
  rep_line(&r, "", "全县合计", r.all);
  table_end(r.t);
  char b[3][32];
  if(have)
    printf("\n%s: budget %s, approved or paid %s, remaining %s\n", year,
           money_format_grouped(p.budget, b[0]),
           money_format_grouped(p.reserved + p.paid, b[1]),
           money_format_grouped(p.budget - p.reserved - p.paid, b[2]));
  else
    printf("\n%s: no programme year set up\n", year);
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
  return cli_verbs("subsidy", verbs, ARRAY_SIZE(verbs), subsidy_usage, NULL,
                   argc, argv);
}
