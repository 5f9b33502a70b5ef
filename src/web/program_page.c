/* program_page.c: the guide fund's programme years (/program, /program/
 * {year}: budget, reserved, paid and remaining as a bar, the formula's
 * parameters, and for 县级 and 管理员 the form setting the year up) and a
 * loan's interest payments (the form on the loan's page, POST /loan/{code}/
 * interest). Every write is the domain's (program_set, interest_add: the
 * same functions as `sanzi program set` and `sanzi loan interest`), which
 * refuses a role that may not (403). */
#include "web/web_impl.h"
#include "web/subsidy_page.h"
#include "domain/registers.h"
#include "domain/subsidy.h"
#include "store/record.h"
#include "base/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reason for field key among e, or NULL. */
static const char *reason(const errlist *e, const char *key)
{
  for(size_t i = 0; e && i < e->n; i++)
    if(e->v[i].field && !strcmp(e->v[i].field, key))
      return e->v[i].msg;
  return NULL;
}

/* ---- a programme year ---- */

static int year_ok(const char *y)
{
  return y && strlen(y) == 4 && strspn(y, "0123456789") == 4;
}

/* The bar: paid, reserved and remaining of the budget, drawn in SVG
 * (its widths are attributes: the page's CSP allows no inline style),
 * with the same numbers as text for a screen reader and for print. */
static void bar(req *r, const program *p)
{
  sbuf *o = &r->out;
  int64_t rest = p->budget - p->reserved - p->paid;
  double b = p->budget > 0 ? (double)p->budget : 1;
  double wp = 100.0 * (double)p->paid / b, wr = 100.0 * (double)p->reserved / b;
  if(wp > 100)
    wp = 100;
  if(wp + wr > 100)
    wr = 100 - wp;
  char m[4][48];
  sub_money(p->budget, m[0]);
  sub_money(p->paid, m[1]);
  sub_money(p->reserved, m[2]);
  sub_money(rest, m[3]);
  sb_addf(o, "<figure class=\"bar\"><svg role=\"img\" aria-labelledby=\"bar-text\" "
             "width=\"100%%\" height=\"34\" focusable=\"false\">"
             "<rect x=\"0\" y=\"0\" width=\"100%%\" height=\"34\" fill=\"#e3e8ef\" "
             "stroke=\"#8a99ad\"/>"
             "<rect x=\"0\" y=\"0\" width=\"%.2f%%\" height=\"34\" fill=\"#1f4e8c\"/>"
             "<rect x=\"%.2f%%\" y=\"0\" width=\"%.2f%%\" height=\"34\" "
             "fill=\"#d08a1a\"/></svg>",
          wp, wp, wr);
  sb_addf(o, "<figcaption id=\"bar-text\"><span class=\"key paid\"></span>已拨付 "
             "%s 元（%.1f%%）　<span class=\"key reserved\"></span>已审定未拨付 "
             "%s 元（%.1f%%）　<span class=\"key rest\"></span>剩余 %s 元"
             "（%.1f%%）　年度预算 %s 元</figcaption></figure>",
          m[1], wp, m[2], wr, m[3], 100.0 - wp - wr, m[0]);
}

static void program_form(req *r, const char *year, const program *p,
                         const errlist *e)
{
  sbuf *o = &r->out;
  const kvs *t = e ? &r->f : NULL;
  char v[5][48];
  const char *val[5] = {NULL};
  if(p) {
    money_format(p->budget, v[0]);
    rate_format(p->ratio, v[1]);
    if(p->rate_cap)
      rate_format(p->rate_cap, v[2]);
    else
      v[2][0] = 0;
    snprintf(v[3], sizeof v[3], "%lld", (long long)p->day_basis);
    money_format(p->village_cap, v[4]);
    for(int i = 0; i < 5; i++)
      val[i] = v[i];
  }
  static const char *const keys[5] = {"budget", "ratio", "rate_cap",
                                      "day_basis", "village_cap"};
  for(int i = 0; t && i < 5; i++)
    if(kvs_get(t, keys[i]))
      val[i] = kvs_get(t, keys[i]);
  sb_addf(o, "<h2 id=\"set\">%s</h2>", p ? "修改本年度设置" : "设立本年度");
  if(e && e->n)
    sub_reasons(r, "贴息年度", "未保存", e);
  sb_addf(o, "<form method=\"post\" action=\"/program/%s\" class=\"record\">",
          year);
  sub_csrf(r);
  sub_input in[5] = {
    {"budget", "budget", "年度预算（元）", "text", val[0], !p,
     p ? NULL : "留空则取参数 subsidy.budget（默认 1,000,000.00）",
     reason(e, "budget")},
    {"ratio", "ratio", "贴息比例（%）", "text", val[1], 0,
     "如 50，即贴息为可贴息利息的 50%；有在办申请时不能修改", reason(e, "ratio")},
    {"rate_cap", "rate_cap", "利率上限（%）", "text", val[2], 0,
     "留空或 0 表示不设上限", reason(e, "rate_cap")},
    {"day_basis", "day_basis", "计息天数基准", "text", val[3], 0, "360 或 365",
     reason(e, "day_basis")},
    {"village_cap", "village_cap", "每村年度限额（元）", "text", val[4], 0,
     "不能低于某村已审定或拨付的金额", reason(e, "village_cap")},
  };
  for(int i = 0; i < 5; i++) {
    if(!in[i].value)
      in[i].value = "";
    sub_field(r, &in[i]);
  }
  sb_addf(o, "<p class=\"actions\"><button type=\"submit\">%s</button></p>"
             "</form>",
          p ? "保存修改" : "设立");
}

static void program_page(req *r, const char *year, const errlist *e)
{
  if(!year_ok(year)) {
    answer_error(r, 404, "年度应为四位数字，如 /program/2025");
    return;
  }
  program p;
  int set = program_get(r->z, year, &p);
  int may_set = role_may(r->u.role, STEP_PROGRAM);
  if(!set && !may_set) {
    answer_error(r, 404, "该年度尚未设立贴息计划（由县级设立）");
    return;
  }
  if(r->json && !e) {
    if(!set) {
      answer_error(r, 404, "该年度尚未设立贴息计划");
      return;
    }
    sub_view_json(r, program_view, year);
    return;
  }
  char title[64];
  snprintf(title, sizeof title, "%s 年度贴息资金", year);
  html_begin(r, title);
  sbuf *o = &r->out;
  const char *done = kvs_get(&r->q, "done");
  if(done && !strcmp(done, "set") && !e)
    sb_addstr(o, "<p class=\"ok\" role=\"status\">已保存本年度设置。</p>");
  if(!set)
    sb_addstr(o, "<p class=\"warn\">该年度尚未设立。设立后各村才能申请贴息。</p>");
  else {
    bar(r, &p);
    char b[9][48];
    sb_addf(o, "<table class=\"fields narrow\"><tbody>"
               "<tr><th scope=\"row\">年度预算</th><td class=\"num\">%s 元</td></tr>"
               "<tr><th scope=\"row\">已审定未拨付</th><td class=\"num\">%s 元</td></tr>"
               "<tr><th scope=\"row\">已拨付</th><td class=\"num\">%s 元</td></tr>"
               "<tr><th scope=\"row\">剩余</th><td class=\"num\">%s 元</td></tr>"
               "<tr><th scope=\"row\">贴息比例</th><td>%s%%</td></tr>"
               "<tr><th scope=\"row\">利率上限</th><td>%s%s</td></tr>"
               "<tr><th scope=\"row\">计息天数基准</th><td>%lld 天</td></tr>"
               "<tr><th scope=\"row\">每村年度限额</th><td class=\"num\">%s 元"
               "</td></tr></tbody></table>",
            sub_money(p.budget, b[0]), sub_money(p.reserved, b[1]),
            sub_money(p.paid, b[2]),
            sub_money(p.budget - p.reserved - p.paid, b[3]),
            rate_format(p.ratio, b[4]),
            p.rate_cap ? rate_format(p.rate_cap, b[5]) : "不设上限",
            p.rate_cap ? "%" : "", (long long)p.day_basis,
            sub_money(p.village_cap, b[6]));
    sb_addstr(o, "<p class=\"hint\">每笔付息：应计利息 = 本金 × min(年利率, 利率上限) "
                 "× 天数 ÷ 计息天数基准；可贴息利息 = min(实付利息, 应计利息)；贴息 = "
                 "可贴息利息 × 贴息比例（均四舍五入到分）。县级审定时，申请额按本村"
                 "年度限额和年度预算的剩余核减；已审定与已拨付之和不超过预算。</p>");
    sb_addf(o, "<p class=\"actions\"><a class=\"button\" href=\"/subsidy?year=%s\">"
               "本年度贴息申请</a> <a class=\"button\" href=\"/subsidy/report?"
               "year=%s\">贴息汇总</a></p>",
            year, year);
  }
  if(may_set)
    program_form(r, year, set ? &p : NULL, e);
  html_end(r);
}

/* POST /program/{year} (or /program with field year). */
static void program_post(req *r, const char *year)
{
  if(!year_ok(year)) {
    answer_error(r, 404, "年度应为四位数字，如 2025");
    return;
  }
  static const char *const keys[5] = {"budget", "ratio", "rate_cap",
                                      "day_basis", "village_cap"};
  const char *v[5];
  program p;
  int set = program_get(r->z, year, &p);
  for(int i = 0; i < 5; i++) {
    v[i] = kvs_get(&r->f, keys[i]);
    /* An empty field keeps the value (a new year: the parameter's); an
     * empty rate cap is none. */
    if(v[i] && !*v[i])
      v[i] = i == 2 && set ? "none" : NULL;
  }
  if(program_set(r->z, year, v[0], v[1], v[2], v[3], v[4])) {
    if(db_fault(r->z) || r->z->forbidden)
      return;
    r->status = 422;
    if(r->json)
      errors_json(r, &r->z->errs);
    else
      program_page(r, year, &r->z->errs);
    r->status = 422;
    return;
  }
  if(r->json) {
    sub_view_json(r, program_view, year);
    return;
  }
  char to[64];
  snprintf(to, sizeof to, "/program/%s?done=set", year);
  answer_redirect(r, to);
}

/* GET /program: the years set up, newest first. */
static void program_list(req *r)
{
  sqlite3_stmt *st =
      db_prepare(r->z, "SELECT year FROM program ORDER BY year DESC");
  sbuf *o = &r->out;
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(o, "{\"rows\":[");
  } else {
    html_begin(r, "贴息年度");
    sb_addstr(o, "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
                 "<th scope=\"col\">年度</th><th scope=\"col\" class=\"num\">年度预算"
                 "</th><th scope=\"col\" class=\"num\">已审定未拨付</th><th "
                 "scope=\"col\" class=\"num\">已拨付</th><th scope=\"col\" "
                 "class=\"num\">剩余</th><th scope=\"col\">贴息比例</th>"
                 "</tr></thead><tbody>");
  }
  int n = 0;
  while(db_step(r->z, st) == SQLITE_ROW) {
    char year[8], b[5][48];
    snprintf(year, sizeof year, "%s", sqlite3_column_text(st, 0));
    program p;
    if(!program_get(r->z, year, &p))
      continue;
    int64_t rest = p.budget - p.reserved - p.paid;
    if(r->json)
      sb_addf(o, "%s{\"year\":\"%s\",\"budget\":%s,\"reserved\":%s,\"paid\":%s,"
                 "\"remaining\":%s,\"ratio\":%s}",
              n ? "," : "", year, money_format(p.budget, b[0]),
              money_format(p.reserved, b[1]), money_format(p.paid, b[2]),
              money_format(rest, b[3]), rate_format(p.ratio, b[4]));
    else
      sb_addf(o, "<tr><td><a href=\"/program/%s\">%s</a></td><td class=\"num\">%s"
                 "</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td "
                 "class=\"num\">%s</td><td>%s%%</td></tr>",
              year, year, sub_money(p.budget, b[0]), sub_money(p.reserved, b[1]),
              sub_money(p.paid, b[2]), sub_money(rest, b[3]),
              rate_format(p.ratio, b[4]));
    n++;
  }
  sqlite3_finalize(st);
  if(r->json) {
    sb_addf(o, "],\"total\":%d}", n);
    return;
  }
  if(!n)
    sb_addstr(o, "<tr><td colspan=\"6\" class=\"none\">还没有设立贴息年度</td></tr>");
  sb_addstr(o, "</tbody></table></div>");
  if(role_may(r->u.role, STEP_PROGRAM)) {
    sb_addf(o, "<h2>设立年度</h2><form method=\"post\" action=\"/program\" "
               "class=\"filters\">");
    sub_csrf(r);
    sb_addf(o, "<label for=\"f-year\">年度</label><input id=\"f-year\" "
               "name=\"year\" required inputmode=\"numeric\" maxlength=\"4\" "
               "size=\"5\" value=\"%.4s\"><button type=\"submit\">设立（按参数默认值）"
               "</button><span class=\"hint\">设立后可在该年度页面修改预算和比例"
               "</span></form>",
            r->z->today);
  }
  html_end(r);
}

void program_route(req *r, int post)
{
  const char *p = r->path;
  if(!strcmp(p, "/program")) {
    if(post)
      program_post(r, kvs_get(&r->f, "year"));
    else
      program_list(r);
    return;
  }
  const char *year = p + 9; /* after "/program/" */
  if(strchr(year, '/')) {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(post)
    program_post(r, year);
  else
    program_page(r, year, NULL);
}

/* ---- a loan's interest payments ---- */

void loan_interest_form(req *r, const char *code)
{
  if(!role_may(r->u.role, STEP_LOAN))
    return;
  sbuf *o = &r->out;
  int refused = r->status == 422 && !strcmp(r->method, "POST");
  const errlist *e = refused ? &r->z->errs : NULL;
  const kvs *t = refused ? &r->f : NULL;
  sb_addstr(o, "<section class=\"step\" aria-labelledby=\"s-interest\">"
               "<h2 id=\"s-interest\">登记付息</h2>");
  if(e && e->n)
    sub_reasons(r, "付息", "未保存", e);
  sb_addstr(o, "<form method=\"post\" action=\"/loan/");
  url_esc(o, code);
  sb_addstr(o, "/interest\" class=\"record\">");
  sub_csrf(r);
  static const struct {
    const char *key, *label, *type, *hint;
  } f[] = {
    {"period_from", "计息起日", "date", NULL},
    {"period_to", "计息止日", "date", "天数 = 止日 − 起日（算头不算尾）"},
    {"paid", "实付利息（元）", "text", NULL},
    {"paid_on", "付息日期", "date", "付息日期所在年度即申请贴息的年度"},
    {"voucher", "付息凭证号", "text",
     "资金收支中这笔利息支出的凭证号，如 记-2025-031；审计核对本村当年账内"
     "有此凭证号的支出"},
  };
  for(size_t i = 0; i < ARRAY_SIZE(f); i++) {
    const char *v = t ? kvs_get(t, f[i].key) : NULL;
    if(!v && !strcmp(f[i].key, "paid_on"))
      v = r->z->today;
    sub_input in = {f[i].key, f[i].key, f[i].label, f[i].type, v ? v : "", 1,
                    f[i].hint, reason(e, f[i].key)};
    sub_field(r, &in);
  }
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">登记付息</button> "
               "<a class=\"button\" href=\"/subsidy/new?loan=");
  url_esc(o, code);
  sb_addstr(o, "\">申请贴息</a></p></form></section>");
}

void interest_post(req *r, const char *code)
{
  rec x;
  int found = rec_open(r->z, &reg_loan, code, &x); /* in the user's scope */
  rec_close(&x);
  if(!found) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  const char *k[5] = {"period_from", "period_to", "paid", "paid_on",
                      "voucher"};
  const char *v[5];
  char d[3][11];
  for(int i = 0; i < 5; i++) {
    v[i] = kvs_get(&r->f, k[i]);
    if(!v[i])
      v[i] = "";
  }
  /* Dates as people type them (2025/3/5) become ISO; the register's own
   * check says what is wrong with one that is not a date. */
  for(int i = 0, j = 0; i < 4; i++)
    if(i != 2 && *v[i] && !sub_date(r, k[i], d[j]))
      v[i] = d[j++];
  char pay[80];
  if(interest_add(r->z, code, v[0], v[1], v[2], v[3], v[4], pay)) {
    if(db_fault(r->z) || r->z->forbidden)
      return;
    if(r->json) {
      errors_json(r, &r->z->errs);
      r->status = 422;
      return;
    }
    r->status = 422;
    record_page(r, &reg_loan, code);
    if(r->status < 400)
      r->status = 422;
    return;
  }
  if(r->json) {
    sub_json2(r, "loan", code, "payment", pay);
    return;
  }
  answer_to_record(r, &reg_loan, code);
}
