/* cmd_disposal.c: sanzi disposal new|vote|appraise|publicize|review|execute|
 * show|list. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/date.h"
#include "domain/disposal.h"
#include "base/money.h"
#include "store/record.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: sanzi disposal new village=CODE type=TYPE objects=CODE[,CODE...] "
    "reason=TEXT\n"
    "                          method=METHOD [price=AMOUNT] [outsider=是|否] "
    "[date=D] [code=CODE]\n"
    "       sanzi disposal vote CODE --step 提议|商议|审议|决议 --date D --due N "
    "--present N\n"
    "                           --for N --against N [--abstain N] "
    "[--body 村民会议|村民代表会议]\n"
    "                           [--households] [--minutes REF]\n"
    "       sanzi disposal appraise CODE --value AMOUNT --appraiser NAME "
    "--report REF --date D\n"
    "       sanzi disposal publicize CODE --kind 决议|结果 --from D --to D\n"
    "       sanzi disposal review CODE --decision 同意|不同意|退回 --date D "
    "[--opinion TEXT]\n"
    "       sanzi disposal execute CODE --date D --party NAME --price AMOUNT\n"
    "                              [--contract CODE[,CODE...]] [--voucher V]\n"
    "                              [--lower-price-resolution REF]\n"
    "       sanzi disposal withdraw CODE --reason TEXT [--date D]\n"
    "       sanzi disposal show CODE\n"
    "       sanzi disposal list [--year Y] [--village CODE|--township CODE]\n"
    "TYPE: 出售 出租 发包 入股 抵押 报废 核销 无偿划转 置换. METHOD: 公开竞价 招标 "
    "拍卖 协议.\n"
    "The order: 提议 → 商议 → 审议 → 决议 → 决议公开 → (资产评估) → 乡镇审核 "
    "(not by the filer) →\n执行 → 结果公开. date= defaults to today.\n";

static int64_t count_opt(args *a, const char *opt, int required)
{
  const char *v = args_value(a, opt);
  if(!v) {
    if(required)
      usage_error(a, "%s is required", opt);
    return -1;
  }
  char *end;
  long long n = strtoll(v, &end, 10);
  if(end == v || *end || n < 0 || n > 100000000)
    die(1, "%s: '%s' is not a number of people", opt, v);
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
      usage_error(a, "'%s' is not KEY=VALUE", pos[i]);
    *eq = 0;
    int k = -1;
    for(int j = 0; j < 9; j++)
      if(!strcmp(pos[i], keys[j]))
        k = j;
    if(k < 0)
      die(1, "unknown key '%s'; accepted: village, type, objects, reason, "
             "method, price, outsider, date, code", pos[i]);
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
  printf("%s: %s passed\n", pos[0], in.step);
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
  printf("%s: 资产评估 recorded\n", pos[0]);
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
  printf("%s: %s公开 %s to %s\n", pos[0], kind, from, to);
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
  printf("%s: 乡镇审核 %s\n", pos[0], dec);
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
  printf("%s: 已执行\n", pos[0]);
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
  printf("%s: 已撤回\n", pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

/* One line "中文 (key): value" for each filled field of the filing in
 * [from, to). */
static void fields(rec *d, const char *from, const char *to)
{
  int on = 0;
  sbuf cell;
  sb_init(&cell);
  for(int i = 0; i < d->r->nfields; i++) {
    const field *f = &d->r->fields[i];
    if(!strcmp(f->key, from))
      on = 1;
    if(to && !strcmp(f->key, to))
      break;
    if(!on || d->v[i].t == V_NULL)
      continue;
    sb_reset(&cell);
    reg_format_grouped(f, &d->v[i], &cell);
    printf("  %s (%s): %s\n", f->zh, f->key, cell.buf);
  }
  sb_free(&cell);
}

static int d_show(args *a, const void *ctx)
{
  (void)ctx;
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  rec d;
  if(!rec_open(z, &reg_disposal, pos[0], &d))
    die(1, "no disposal filing with code '%s'", pos[0]);
  const char *code = pos[0];
  char vname[256] = "";
  sqlite3_stmt *st = db_prepare(z, "SELECT v.name, t.name FROM org v LEFT "
                                   "JOIN org t ON t.code = v.parent_code "
                                   "WHERE v.code = ?1");
  sqlite3_bind_text(st, 1, rec_text(&d, "village"), -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(vname, sizeof vname, "%s %s", sqlite3_column_text(st, 1),
             sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  printf("处置申报 %s  %s\n\n申报 (filing):\n", code, vname);
  fields(&d, "code", "resolution_from");

  printf("\n标的 (objects):\n");
  st = db_prepare(z, "SELECT object, register, name, status_before, "
                     "book_value, area FROM disposal_object WHERE disposal = "
                     "?1 ORDER BY id");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  static const char *const oh[] = {"编号", "登记簿", "名称", "申报时状态",
                                   "账面价值", "面积(亩)"};
  table *t = table_new(stdout, 6, oh);
  while(db_step(z, st) == SQLITE_ROW) {
    char bv[32], ar[32];
    const char *cells[6] = {
      (const char *)sqlite3_column_text(st, 0),
      strcmp((const char *)sqlite3_column_text(st, 1), "asset") ? "资源" : "资产",
      (const char *)sqlite3_column_text(st, 2),
      (const char *)sqlite3_column_text(st, 3),
      money_format_grouped(sqlite3_column_int64(st, 4), bv),
      sqlite3_column_int64(st, 5) ? area_format_grouped(
                                        sqlite3_column_int64(st, 5), ar)
                                  : ""};
    table_row(t, cells);
  }
  table_end(t);
  sqlite3_finalize(st);

  printf("\n四议 (meetings):\n");
  st = db_prepare(z, "SELECT step, body || CASE unit WHEN '户' THEN '(户)' "
                     "ELSE '' END, held_on, due, present, votes_for, "
                     "votes_against, abstain, need_present, need_for, passed, "
                     "coalesce(minutes, '') FROM disposal_vote WHERE "
                     "disposal = ?1 ORDER BY id");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  static const char *const vh[] = {"程序", "会议", "日期", "应到", "实到",
                                   "赞成", "反对", "弃权", "实到至少",
                                   "赞成至少", "结果", "会议记录"};
  t = table_new(stdout, 12, vh);
  int nv = 0;
  while(db_step(z, st) == SQLITE_ROW) {
    const char *cells[12];
    for(int i = 0; i < 12; i++)
      cells[i] = (const char *)sqlite3_column_text(st, i);
    cells[10] = sqlite3_column_int(st, 10) ? "通过" : "未通过";
    table_row(t, cells);
    nv++;
  }
  table_end(t);
  sqlite3_finalize(st);
  if(!nv)
    printf("  none yet\n");

  printf("\n公开、评估、审核、执行 (publicity, appraisal, review, execution):\n");
  fields(&d, "resolution_from", NULL);
  st = db_prepare(z, "SELECT code, object, party, annual_amount, start_date, "
                     "end_date, payment FROM contract WHERE disposal = ?1 "
                     "ORDER BY code");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  for(int k = 0; db_step(z, st) == SQLITE_ROW; k++) {
    char am[32];
    if(!k)
      printf("\n合同 (contracts):\n");
    printf("  %s: %s, %s, 年金额 %s, %s to %s, %s\n", sqlite3_column_text(st, 0),
           sqlite3_column_text(st, 1), sqlite3_column_text(st, 2),
           money_format_grouped(sqlite3_column_int64(st, 3), am),
           sqlite3_column_text(st, 4), sqlite3_column_text(st, 5),
           sqlite3_column_text(st, 6));
  }
  sqlite3_finalize(st);
  char next[256];
  disposal_next_step(z, code, next, sizeof next);
  printf("\nstatus: %s%s%s\n", rec_text(&d, "status"),
         next[0] ? "; next: " : "", next);
  show_history(z, d.r, d.id, code);
  rec_close(&d);
  free(pos);
  cli_close(z);
  return 0;
}

static int d_list(args *a, const void *ctx)
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
      z, "SELECT d.code, d.village, d.type, d.filed_on, (SELECT count(*) FROM "
         "disposal_object o WHERE o.disposal = d.code), d.book_value, "
         "d.method, d.status, coalesce(d.executed_on, '') FROM disposal d "
         "WHERE (?1 IS NULL OR substr(d.filed_on, 1, 4) = ?1) AND "
         "(?2 IS NULL OR d.village GLOB ?2 || '*') ORDER BY d.code");
  if(year)
    sqlite3_bind_text(st, 1, year, -1, SQLITE_STATIC);
  if(vil || town)
    sqlite3_bind_text(st, 2, vil ? vil : town, -1, SQLITE_STATIC);
  static const char *const h[] = {"申报编号", "村代码", "处置类型", "申报日期",
                                  "标的数", "账面价值", "处置方式", "状态",
                                  "执行日期"};
  table *t = table_new(stdout, 9, h);
  table_rows(z, t, st, 9, 1u << 5); /* 账面价值 */
  table_end(t);
  cli_close(z);
  return 0;
}

int cmd_disposal(int argc, char **argv)
{
  static const verb verbs[] = {
    {"appraise", d_appraise}, {"execute", d_execute}, {"list", d_list},
    {"new", d_new},           {"publicize", d_publicize},
    {"review", d_review},     {"show", d_show},       {"vote", d_vote},
    {"withdraw", d_withdraw},
  };
  return cli_verbs("disposal", verbs, ARRAY_SIZE(verbs), usage, NULL, argc,
                   argv);
}
