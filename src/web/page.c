/* page.c: the routes of doc/web.md and their pages: login and logout,
 * 首页, the registers' lists and records, the user's password (the
 * users, /admin/…, are admin.c's). Every read goes through the domain with the handle's
 * scope set to the user's: what is outside it is 404, never its data. */
#include "web/web_impl.h"
#include "web/subsidy_page.h"
#include "domain/registers.h"
#include "domain/import.h"
#include "domain/void.h"
#include "domain/todo.h"
#include "domain/contract.h"
#include "store/embed.h"
#include "base/i18n.h"
#include "base/text.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The registers the pages show, with the column a list sums for 首页. */
static const struct {
  const char *name, *money;
} page_regs[] = {
  {"asset", "original_value"}, {"resource", NULL},
  {"account", NULL},           {"fund", "amount"},
  {"contract", "annual_amount"}, {"loan", "principal"},
};

static const reg *page_reg(const char *name, size_t n)
{
  for(size_t i = 0; i < ARRAY_SIZE(page_regs); i++)
    if(strlen(page_regs[i].name) == n && !strncmp(page_regs[i].name, name, n))
      return reg_find(page_regs[i].name);
  return NULL;
}

int writer(const req *r)
{
  return role_may(r->u.role, STEP_REGISTER);
}

/* ---- cookies and tokens ---- */

static const char *session_cookie(const req *r)
{
  return r->tls ? "__Host-sanzi" : "sanzi";
}

static const char *pre_cookie(const req *r)
{
  return r->tls ? "__Host-sanzi-login" : "sanzi-login";
}

static void set_cookie(req *r, const char *name, const char *value,
                       int max_age)
{
  snprintf(r->cookie, sizeof r->cookie,
           "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", name, value,
           r->tls ? "; Secure" : "", max_age == 0 ? "; Max-Age=0" : "");
}

static const char *header_value(req *r, const char *name)
{
  return MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, name);
}

/* A state-changing request from another site (doc/web.md): refused. */
static int cross_site(req *r)
{
  const char *s = header_value(r, "Sec-Fetch-Site");
  return s && !strcmp(s, "cross-site");
}

/* The form of a POST (application/x-www-form-urlencoded). -1 when it is
 * not one or is malformed. */
static int read_form(req *r)
{
  const char *ct = header_value(r, "Content-Type");
  if(!ct || strncmp(ct, "application/x-www-form-urlencoded", 33))
    return r->body.len ? -1 : 0;
  return kvs_parse(&r->f, r->body.buf ? r->body.buf : "", r->body.len);
}

/* ---- static files ---- */

static int serve_static(req *r)
{
  char name[1100];
  snprintf(name, sizeof name, "src/web%s", r->path);
  for(const struct embedded_file *f = embedded_files; f->name; f++)
    if(!strcmp(f->name, name)) {
      sb_addstr(&r->out, f->text);
      size_t n = strlen(name);
      r->ctype = n > 4 && !strcmp(name + n - 4, ".css")
                     ? "text/css; charset=utf-8"
                     : "text/javascript; charset=utf-8";
      r->cacheable = 1;
      return 1;
    }
  return 0;
}

/* ---- login ---- */

static void login_page(req *r, const char *error, const char *name)
{
  /* The login form's token (a cookie and the same value in the form): the
   * one the browser has, if any, so that a page opened meanwhile (another
   * tab, a redirected favicon) does not spoil a form already shown. */
  char tok[33];
  const char *had =
      MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, pre_cookie(r));
  if(had && strlen(had) == 32 && strspn(had, "0123456789abcdef") == 32)
    snprintf(tok, sizeof tok, "%s", had);
  else {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    sodium_bin2hex(tok, sizeof tok, b, sizeof b);
  }
  set_cookie(r, pre_cookie(r), tok, -1);
  if(r->json) {
    /* A script reads the token here, and sends it with the cookie. */
    if(error) {
      answer_error(r, r->status >= 400 ? r->status : 401, error);
      return;
    }
    r->ctype = "application/json; charset=utf-8";
    sb_addf(&r->out, "{\"csrf\":\"%s\"}", tok);
    return;
  }
  html_begin(r, "用户登录");
  sbuf *o = &r->out;
  if(error) {
    sb_addstr(o, "<p class=\"error\" role=\"alert\" id=\"login-error\">");
    html_escs(o, error);
    sb_addstr(o, "</p>");
  }
  sb_addstr(o, "<form method=\"post\" action=\"/login\" class=\"login\">"
               "<input type=\"hidden\" name=\"csrf\" value=\"");
  sb_addstr(o, tok);
  sb_addstr(o, "\"><p><label for=\"user\">用户名</label>"
               "<input id=\"user\" name=\"user\" autocomplete=\"username\" "
               "required maxlength=\"64\" value=\"");
  html_escs(o, name);
  sb_addstr(o, "\"></p><p><label for=\"password\">密码</label>"
               "<input id=\"password\" name=\"password\" type=\"password\" "
               "autocomplete=\"current-password\" required></p>"
               "<p><button type=\"submit\">登录</button></p></form>");
  html_end(r);
}

static void login_post(req *r)
{
  const char *pre =
      MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, pre_cookie(r));
  const char *csrf = kvs_get(&r->f, "csrf");
  if(cross_site(r) || !pre || !csrf || strlen(pre) != 32 ||
     strcmp(pre, csrf)) {
    answer_error(r, 403, "登录表单已失效，请刷新页面后重新登录");
    return;
  }
  const char *name = kvs_get(&r->f, "user");
  const char *pw = kvs_get(&r->f, "password");
  if(!name || !pw || !*name || !*pw) {
    r->status = 401;
    login_page(r, "请输入用户名和密码", name ? name : "");
    return;
  }
  char token[TOKEN_LEN + 1];
  int delay = 0;
  if(auth_login(r->z, name, pw, r->addr, token, &r->u, &delay)) {
    if(delay > 0)
      sleep((unsigned)delay);
    char msg[sizeof r->z->err];
    snprintf(msg, sizeof msg, "%s", r->z->err);
    memset(&r->u, 0, sizeof r->u);
    r->status = 401;
    if(r->json)
      answer_error(r, 401, msg);
    else
      login_page(r, msg, name);
    return;
  }
  set_cookie(r, session_cookie(r), token, -1);
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"user\":");
    json_string(&r->out, r->u.name, strlen(r->u.name));
    sb_addstr(&r->out, ",\"csrf\":\"");
    sb_addstr(&r->out, r->u.csrf);
    sb_addstr(&r->out, "\"}");
    return;
  }
  answer_redirect(r, "/");
}

/* ---- 首页 ---- */

/* 首页's overdue rent: the instalments due before today and not fully
 * paid, of the contracts in scope (contract_overdue, as `sanzi contract
 * overdue`), counted and summed; the list itself is /contract/overdue. */
struct overdue_sum {
  long n;
  int64_t outstanding;
  char last[80]; /* the last contract counted */
  long contracts;
};

static void overdue_add(const schedule *s, const instalment *i, int days,
                        void *ctx)
{
  (void)days;
  struct overdue_sum *o = ctx;
  o->n++;
  o->outstanding += i->outstanding;
  if(strcmp(o->last, s->code))
    o->contracts++;
  snprintf(o->last, sizeof o->last, "%s", s->code); /* in code order */
}

static void overdue_summary(req *r)
{
  struct overdue_sum sum = {0};
  if(db_begin_read(r->z))
    return;
  int rc = contract_overdue(r->z, r->z->today,
                            r->z->scope[0] ? r->z->scope : NULL, overdue_add,
                            &sum);
  db_end(r->z, 0);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  sbuf *o = &r->out;
  acell c = cell_int(sum.outstanding);
  char buf[48];
  sb_addstr(o, "<h2>逾期租金</h2><p>");
  if(sum.n == 0)
    sb_addstr(o, "截至今天，没有逾期未收的合同款项。");
  else {
    sb_addf(o, "截至今天，%ld 份合同共 %ld 期款项逾期未收，合计 ",
            sum.contracts, sum.n);
    html_escs(o, cell_format(K_MONEY, &c, 1, LANG_ZH, buf));
    sb_addstr(o, " 元。<a href=\"/contract/overdue\">查看逾期明细</a>");
  }
  sb_addstr(o, "</p>");
}

/* 首页's count of last year's findings in scope (the audit's default
 * year), linked to them; remembered until the data changes, as the
 * totals are. */
static void findings_summary(req *r)
{
  int year = atoi(r->z->today) - 1;
  if(db_begin_read(r->z))
    return;
  long n = page_findings(r, year);
  db_end(r->z, 0);
  if(n < 0) {
    answer_error(r, 500, r->z->err);
    return;
  }
  sb_addf(&r->out, "<h2>审计发现</h2><p>%d 年度审计发现：<a href=\"/audit/%d/"
                   "findings\" id=\"findings-count\">%ld 项</a></p>",
          year, year, n);
}

/* 首页's 待办: the filings and applications whose next step is the
 * user's (domain/todo.h), oldest first, each linking to its page. */
static void todo(req *r)
{
  sbuf *o = &r->out;
  if(r->u.role == ROLE_AUDIT)
    return; /* an auditor takes no step */
  sb_addstr(o, "<section aria-labelledby=\"todo\"><h2 id=\"todo\">待办事项"
               "</h2><p class=\"hint\">下一步由您办理的处置申报与贴息申请，"
               "等待最久的在前。</p>");
  if(db_begin_read(r->z))
    return;
  /* A sink per part: each code links to its own pages. */
  html_sink h;
  html_sink_init(&h, r, "disposal", 0, 0);
  sb_addstr(o, "<h3>处置申报</h3>");
  int rc = todo_disposals(r->z, r->u.role, r->u.name, &h.s);
  html_sink_free(&h);
  if(rc == 0) {
    html_sink_init(&h, r, "subsidy", 0, 0);
    sb_addstr(o, "<h3>贴息申请</h3>");
    rc = todo_applications(r->z, r->u.role, &h.s);
    html_sink_free(&h);
  }
  db_end(r->z, 0);
  if(rc)
    answer_error(r, 500, r->z->err);
  sb_addstr(o, "</section>");
}

static void home(req *r)
{
  html_begin(r, "首页");
  sbuf *o = &r->out;
  sz *z = r->z;
  sb_addstr(o, "<p class=\"scope\">管辖范围：");
  if(r->u.scope[0]) {
    char *name = NULL;
    sqlite3_stmt *st = db_prepare(z, "SELECT name FROM org WHERE code = ?1");
    sqlite3_bind_text(st, 1, r->u.scope, -1, SQLITE_STATIC);
    if(db_step(z, st) == SQLITE_ROW)
      name = xstrdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    html_escs(o, name ? name : "");
    sb_addf(o, "（%s）", r->u.scope);
    free(name);
  } else
    sb_addstr(o, "全部");
  sb_addstr(o, "</p>");
  todo(r);
  sb_addstr(o, "<h2>台账概况</h2><div class=\"scroll\"><table class=\"list\"><thead><tr>"
               "<th scope=\"col\">登记簿</th><th scope=\"col\" class=\"num\">"
               "记录数</th><th scope=\"col\" class=\"num\">金额合计（元）</th>"
               "</tr></thead><tbody>");
  /* The lists' own totals: the same rows (live, in scope) and the same
   * memory of them. */
  for(size_t i = 0; i < ARRAY_SIZE(page_regs); i++) {
    const reg *g = reg_find(page_regs[i].name);
    list_query lq = {0};
    list_totals t;
    if(db_begin_read(z))
      break;
    if(page_totals(r, g, &lq, &t) == 0) {
      acell money = cell_nil();
      int mk = page_regs[i].money ? reg_list_column(g, page_regs[i].money)
                                  : -1;
      if(mk >= 0)
        money = cell_int(t.sums[mk]);
      char buf[48];
      sb_addf(o, "<tr><td><a href=\"/%s\">%s</a></td><td class=\"num\">"
                 "%lld</td><td class=\"num\">",
              g->name, g->zh, (long long)t.count);
      html_escs(o, cell_format(K_MONEY, &money, 1, LANG_ZH, buf));
      sb_addstr(o, "</td></tr>");
      list_totals_free(&t);
    }
    db_end(z, 0);
  }
  sb_addstr(o, "</tbody></table></div>");
  overdue_summary(r);
  findings_summary(r);
  html_end(r);
}

/* ---- registers ---- */

/* A list filter naming an organisation: it must exist and lie within the
 * user's scope (or contain it); else the answer is 404. */
int filter_ok(req *r, const char *village, const char *township)
{
  if(village && township)
    return 0;
  if(org_scope_check(r->z, village, township))
    return 0;
  const char *code = village ? village : township;
  if(!code)
    return 1;
  size_t n = strlen(code), k = strlen(r->z->scope);
  return db_in_scope(r->z, code, n) ||
         (township && n <= k && !strncmp(r->z->scope, code, n));
}

const char *arg(const req *r, const char *k)
{
  const char *v = kvs_get(&r->q, k);
  return v && *v ? v : NULL;
}

void page_window(const req *r, long *page, long *per)
{
  const char *p = arg(r, "page"), *pp = arg(r, "per");
  *page = p ? strtol(p, NULL, 10) - 1 : 0;
  *per = r->json && pp ? strtol(pp, NULL, 10) : 50;
  if(*per < 1 || *per > 1000)
    *per = 50;
  if(*page < 0)
    *page = 0;
}

void keep_args(const req *r, sbuf *url, const char *const *keys)
{
  for(; *keys; keys++) {
    const char *v = arg(r, *keys);
    if(!v)
      continue;
    sb_addf(url, "%s=", *keys);
    url_esc(url, v);
    sb_addstr(url, "&amp;");
  }
}

/* A list: its filters, its order (column heads sort), one page read from
 * the database, and the totals row of all the rows it keeps. JSON: the
 * same page (per=, at most 1,000 rows) with every stored field. */
static void list_page(req *r, const reg *g)
{
  list_query lq = {.village = arg(r, "village"),
                   .township = arg(r, "township"),
                   .q = arg(r, "q"),
                   .status = arg(r, "status"),
                   .sort = arg(r, "sort"),
                   .all = r->json};
  const char *vd = arg(r, "voided");
  lq.voided = vd && !strcmp(vd, "1");
  if(lq.voided && reg_void_field(g) < 0) {
    answer_error(r, 404, "这种台账的记录不作废");
    return;
  }
  if(!filter_ok(r, lq.village, lq.township)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  /* By village, then as entered: the order of the index that reads a
   * village's or a township's page (schema 009). */
  if(!lq.sort)
    lq.sort = "village";
  long page, per;
  page_window(r, &page, &per);
  sz *z = r->z;
  if(db_begin_read(z)) {
    answer_error(r, 503, z->err);
    return;
  }
  list_totals tot;
  if(page_totals(r, g, &lq, &tot)) {
    db_end(z, 0);
    answer_error(r, 400, z->err);
    return;
  }
  const list_totals *t = &tot;
  long pages = (long)((t->count + per - 1) / per);
  if(page >= pages && pages > 0)
    page = pages - 1;
  lq.offset = page * per;
  lq.limit = per;
  lq.ids = t->ids;
  lq.nids = t->nids;
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 1);
    j.tot = t;
    int rc = reg_list(z, g, &lq, &j.s);
    db_end(z, 0);
    list_totals_free(&tot);
    if(rc)
      answer_error(r, 500, z->err);
    return;
  }
  /* The list's URL with its filters, for the heads and the pages. */
  sbuf base;
  sb_init(&base);
  sb_addf(&base, "/%s?", g->name);
  static const char *const keep[] = {"q", "village", "township", "status",
                                     "voided", NULL};
  keep_args(r, &base, keep);
  char title[96];
  snprintf(title, sizeof title, "%s%s", g->zh, lq.voided ? "：已作废的记录" : "");
  html_begin(r, title);
  sbuf *o = &r->out;
  sb_addf(o, "<form method=\"get\" action=\"/%s\" class=\"filters\">"
             "<label for=\"q\">名称</label><input id=\"q\" name=\"q\" "
             "type=\"search\" maxlength=\"100\" value=\"",
          g->name);
  html_escs(o, lq.q);
  sb_addstr(o, "\"><label for=\"village\">村代码</label><input id=\"village\" "
             "name=\"village\" inputmode=\"numeric\" maxlength=\"12\" value=\"");
  html_escs(o, lq.village);
  sb_addstr(o, "\"><label for=\"township\">乡镇代码</label><input "
               "id=\"township\" name=\"township\" inputmode=\"numeric\" "
               "maxlength=\"12\" value=\"");
  html_escs(o, lq.township);
  sb_addstr(o, "\">");
  int sf = reg_field(g, "status");
  if(sf >= 0 && g->fields[sf].type == F_ENUM && (g->fields[sf].flags & F_LIST)) {
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT DISTINCT name, name FROM \"%s\"",
             g->fields[sf].ref);
    sb_addf(o, "<label for=\"status\">%s</label><select id=\"status\" "
               "name=\"status\"><option value=\"\">全部</option>",
            g->fields[sf].zh);
    form_options(r, sql, lq.status, 0, NULL);
    sb_addstr(o, "</select>");
  }
  if(lq.sort && strcmp(lq.sort, "village")) {
    sb_addstr(o, "<input type=\"hidden\" name=\"sort\" value=\"");
    html_escs(o, lq.sort);
    sb_addstr(o, "\">");
  }
  if(lq.voided)
    sb_addstr(o, "<input type=\"hidden\" name=\"voided\" value=\"1\">");
  sb_addstr(o, "<button type=\"submit\">查询</button>");
  if(writer(r) && !lq.voided)
    sb_addf(o, " <a class=\"button\" href=\"/%s/new\">新增%s</a>"
               " <a class=\"button\" href=\"/%s/import\">导入</a>",
            g->name, g->zh, g->name);
  sb_addf(o, " <a class=\"button\" href=\"/%s/export.csv", g->name);
  if(lq.village || lq.township) {
    sb_addstr(o, lq.village ? "?village=" : "?township=");
    html_escs(o, lq.village ? lq.village : lq.township);
  }
  sb_addf(o, "\">导出 CSV</a> <a class=\"button\" href=\"/%s/template.csv\">"
             "下载模板</a>",
          g->name);
  if(lq.voided)
    sb_addf(o, " <a class=\"button\" href=\"/%s\">返回%s列表</a></form>"
               "<p class=\"hint\">作废的记录保留编号和作废原因，不计入列表和合计；"
               "打开一条记录可以恢复它。</p>",
            g->name, g->zh);
  else {
    list_downloads(r, g, lq.village, lq.township);
    if(!strcmp(g->name, "contract"))
      sb_addstr(o, " <a class=\"button\" href=\"/contract/overdue\">逾期应收"
                   "</a>");
    sb_addstr(o, "</form>");
  }
  html_sink h;
  html_sink_init(&h, r, g->name, 0, 0);
  h.tot = t;
  h.sort_base = base.buf;
  h.sort = lq.sort;
  int rc = reg_list(z, g, &lq, &h.s);
  html_sink_free(&h);
  db_end(z, 0);
  list_totals_free(&tot);
  if(rc) {
    sb_free(&base);
    answer_error(r, 500, z->err);
    return;
  }
  if(strcmp(lq.sort, "village")) {
    sb_addstr(&base, "sort=");
    url_esc(&base, lq.sort);
    sb_addstr(&base, "&amp;");
  }
  html_pages(r, base.buf, page, pages);
  sb_free(&base);
  html_end(r);
}

void record_page(req *r, const reg *g, const char *code)
{
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 0);
    if(reg_show_view(r->z, g, code, r->z->today, &j.s)) {
      if(!db_fault(r->z))
        answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
      return;
    }
    if(!strcmp(g->name, "contract") && schedule_parts(r, code, &j.s)) {
      answer_error(r, 500, r->z->err);
      return;
    }
    json_sink_end(&j);
    return;
  }
  char title[200];
  snprintf(title, sizeof title, "%s %s", g->zh, code);
  html_begin(r, title);
  saved_note(r);
  if(!voided_note(r, g, code) && writer(r)) {
    sb_addf(&r->out, "<p class=\"actions\"><a class=\"button\" href=\"/%s/",
            g->name);
    url_esc(&r->out, code);
    sb_addstr(&r->out, "/edit\">修改</a></p>");
    if(reg_void_field(g) >= 0) {
      sb_addf(&r->out, "<form method=\"post\" action=\"/%s/", g->name);
      url_esc(&r->out, code);
      sb_addstr(&r->out, "/void\" class=\"filters\"><input type=\"hidden\" "
                         "name=\"csrf\" value=\"");
      html_escs(&r->out, r->u.csrf);
      sb_addstr(&r->out, "\"><label for=\"reason\">作废原因</label><input "
                         "id=\"reason\" name=\"reason\" required "
                         "maxlength=\"2000\"><button type=\"submit\">作废"
                         "（误录时用）</button></form>");
    }
  }
  html_sink h;
  html_sink_init(&h, r, NULL, 0, 0);
  int rc = reg_show_view(r->z, g, code, r->z->today, &h.s);
  html_sink_free(&h);
  if(rc) {
    if(!db_fault(r->z))
      answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  if(g == &reg_loan)
    loan_interest_form(r, code);
  if(!strcmp(g->name, "contract"))
    schedule_part(r, code); /* its receipts (overdue.c) */
  html_end(r);
}

/* ---- voiding ---- */

/* POST /{reg}/{code}/void (field reason): 作废 a record entered by
 * mistake, through the domain's reg_void (refused while anything refers
 * to it); back to the record, or the reason. */
static void void_post(req *r, const reg *g, const char *code)
{
  rec x;
  int found = rec_open(r->z, g, code, &x); /* in the user's scope */
  rec_close(&x);
  if(!found) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  const char *why = kvs_get(&r->f, "reason");
  if(!why || !*why) {
    answer_error(r, 422, "作废须写明原因");
    return;
  }
  if(reg_void(r->z, g, code, why)) {
    answer_error(r, 422, r->z->err);
    return;
  }
  sbuf to;
  sb_init(&to);
  sb_addf(&to, "/%s/", g->name);
  url_esc(&to, code);
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"voided\":");
    json_string(&r->out, code, strlen(code));
    sb_addch(&r->out, '}');
  } else
    answer_redirect(r, to.buf);
  sb_free(&to);
}


/* ---- the user's own password, the users ---- */

static void password_page(req *r, const char *error, int done)
{
  if(r->json && (error || done)) {
    if(error)
      answer_error(r, r->status >= 400 ? r->status : 400, error);
    else {
      r->ctype = "application/json; charset=utf-8";
      sb_addstr(&r->out, "{\"changed\":true}");
    }
    return;
  }
  html_begin(r, "修改密码");
  sbuf *o = &r->out;
  if(error) {
    sb_addstr(o, "<p class=\"error\" role=\"alert\">");
    html_escs(o, error);
    sb_addstr(o, "</p>");
  }
  if(done)
    sb_addstr(o, "<p class=\"ok\" role=\"status\">密码已修改，请用新密码重新登录。"
                 "</p>");
  sb_addstr(o, "<form method=\"post\" action=\"/password\"><input type=\"hidden\" "
               "name=\"csrf\" value=\"");
  html_escs(o, r->u.csrf);
  sb_addf(o, "\"><p><label for=\"old\">原密码</label><input id=\"old\" "
             "name=\"old\" type=\"password\" autocomplete=\"current-password\" "
             "required></p><p><label for=\"new\">新密码</label><input id=\"new\" "
             "name=\"new\" type=\"password\" autocomplete=\"new-password\" "
             "required minlength=\"%d\" aria-describedby=\"pw-rule\"> "
             "<span id=\"pw-rule\" class=\"hint\">至少 %d 位，含字母、数字、"
             "符号中的两类</span></p><p><label for=\"again\">再次输入新密码"
             "</label><input id=\"again\" name=\"again\" type=\"password\" "
             "autocomplete=\"new-password\" required></p><p><button "
             "type=\"submit\">修改</button></p></form>",
          PW_MIN, PW_MIN);
  html_end(r);
}

static void password_post(req *r)
{
  const char *old = kvs_get(&r->f, "old"), *nw = kvs_get(&r->f, "new"),
             *again = kvs_get(&r->f, "again");
  if(!old || !nw || !again) {
    r->status = 400;
    password_page(r, "请填写原密码和两次新密码", 0);
    return;
  }
  if(strcmp(nw, again)) {
    r->status = 400;
    password_page(r, "两次输入的新密码不一致", 0);
    return;
  }
  /* The old password is checked as a login checks it (a failure counts
   * towards the lock). */
  if(auth_verify(r->z, r->u.name, old, r->addr)) {
    r->status = 400;
    password_page(r, "原密码不正确", 0);
    return;
  }
  if(user_passwd(r->z, r->u.name, nw, r->addr)) {
    r->status = 400;
    password_page(r, r->z->err, 0);
    return;
  }
  set_cookie(r, session_cookie(r), "", 0);
  password_page(r, NULL, 1);
}

/* ---- the route ---- */

/* The logged-in user from the session cookie; 0, or -1 when there is
 * none (the answer is then 303 to /login, or 401 for JSON). */
static int logged_in(req *r)
{
  const char *tok =
      MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, session_cookie(r));
  if(tok && auth_session(r->z, tok, &r->u) == 0 &&
     db_set_scope(r->z, r->u.scope) == 0) {
    db_set_role(r->z, r->u.role);
    return 0;
  }
  memset(&r->u, 0, sizeof r->u);
  if(r->json)
    answer_error(r, 401, "请先登录");
  else
    answer_redirect(r, "/login");
  return -1;
}

/* A POST after login: the session's CSRF token, from the form or the
 * X-CSRF-Token header, and not from another site; else 403. */
static int post_ok(req *r)
{
  const char *t = kvs_get(&r->f, "csrf");
  if(!t)
    t = header_value(r, "X-CSRF-Token");
  if(cross_site(r) || !auth_csrf_ok(&r->u, t)) {
    answer_error(r, 403, "请求缺少有效的安全令牌（CSRF），未执行任何更改；"
                         "请刷新页面后重试");
    return 0;
  }
  return 1;
}

void route(req *r)
{
  const char *p = r->path;
  int get = !strcmp(r->method, "GET") || !strcmp(r->method, "HEAD");
  int post = !strcmp(r->method, "POST");
  if(!get && !post) {
    answer_error(r, 405, "不支持的请求方法");
    return;
  }
  if(get && !strcmp(p, "/healthz")) {
    r->ctype = "text/plain; charset=utf-8";
    sb_addstr(&r->out, "ok\n");
    return;
  }
  if(get && !strcmp(p, "/favicon.ico")) {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(get && !strncmp(p, "/static/", 8)) {
    if(!serve_static(r))
      answer_error(r, 404, "页面不存在");
    return;
  }
  if(!strncmp(p, "/public/", 8)) {
    public_route(r, get); /* no login: 村务公开 (public.c) */
    return;
  }
  if(post && read_form(r)) {
    answer_error(r, 400, "表单内容无法读取（编码错误或含控制字符）");
    return;
  }
  if(!strcmp(p, "/login")) {
    if(get)
      login_page(r, NULL, "");
    else
      login_post(r);
    return;
  }
  db_set_user(r->z, "sanzi serve");
  if(logged_in(r))
    return;
  db_set_user(r->z, r->u.name);
  if(post && !post_ok(r))
    return;
  if(post && !strcmp(p, "/logout")) {
    const char *tok =
        MHD_lookup_connection_value(r->c, MHD_COOKIE_KIND, session_cookie(r));
    auth_logout(r->z, tok, r->addr);
    set_cookie(r, session_cookie(r), "", 0);
    answer_redirect(r, "/login");
    return;
  }
  if(!strcmp(p, "/password")) {
    if(get)
      password_page(r, NULL, 0);
    else
      password_post(r);
    return;
  }
  if(get && !strcmp(p, "/")) {
    home(r);
    return;
  }
  if(!strcmp(p, "/admin") || !strncmp(p, "/admin/", 7)) {
    admin_route(r, post);
    return;
  }
  if(!strcmp(p, "/subsidy") || !strncmp(p, "/subsidy/", 9)) {
    subsidy_route(r, post);
    return;
  }
  if(!strcmp(p, "/program") || !strncmp(p, "/program/", 9)) {
    program_route(r, post);
    return;
  }
  if(!strcmp(p, "/audit") || !strncmp(p, "/audit/", 7)) {
    audit_route(r, post);
    return;
  }
  if(!strcmp(p, "/log") || !strncmp(p, "/log/", 5)) {
    log_route(r, post);
    return;
  }
  if(!strcmp(p, "/disposal") || !strncmp(p, "/disposal/", 10)) {
    disposal_route(r, post);
    return;
  }
  /* /{reg} and /{reg}/{code} */
  const char *s = p + 1, *slash = strchr(s, '/');
  const reg *g = page_reg(s, slash ? (size_t)(slash - s) : strlen(s));
  if(get && g && !slash) {
    list_page(r, g);
    return;
  }
  if(post && g && !slash) {
    form_post(r, g, NULL);
    return;
  }
  if(g && slash && !strcmp(slash, "/import")) {
    if(get)
      import_page(r, g);
    else
      import_post(r, g);
    return;
  }
  if(post && g && slash && !strncmp(slash, "/import/", 8)) {
    const char *id = slash + 8, *end = strchr(id, '/');
    if(end && !strcmp(end, "/confirm") && end - id < 40) {
      char buf[40];
      snprintf(buf, sizeof buf, "%.*s", (int)(end - id), id);
      import_confirm(r, g, buf);
      return;
    }
  }
  if(get && g && slash &&
      (!strcmp(slash, "/template.csv") || !strcmp(slash, "/export.csv") ||
       !strcmp(slash, "/template.xlsx") || !strcmp(slash, "/export.xlsx"))) {
    download(r, g, !strncmp(slash, "/template.", 10),
             !strcmp(strrchr(slash, '.'), ".xlsx"));
    return;
  }
  if(get && g && slash && !strcmp(slash, "/print")) {
    print_page(r, g);
    return;
  }
  if(get && g && !strcmp(g->name, "contract") && slash &&
     (!strcmp(slash, "/overdue") || !strcmp(slash, "/overdue.csv") ||
      !strcmp(slash, "/overdue.xlsx"))) {
    /* before /contract/{code} */
    overdue_page(r, !slash[8] ? 0 : slash[9] == 'c' ? 1 : 2);
    return;
  }
  if(get && g && slash && !strcmp(slash, "/new")) {
    form_page(r, g, NULL);
    return;
  }
  if(g && slash && slash[1] && !strchr(slash + 1, '/')) {
    if(get)
      record_page(r, g, slash + 1);
    else
      form_post(r, g, slash + 1);
    return;
  }
  if(post && g && slash && slash[1]) {
    const char *code = slash + 1, *end = strchr(code, '/');
    if(end && g == &reg_loan && !strcmp(end, "/interest")) {
      char *c = xstrndup(code, (size_t)(end - code));
      interest_post(r, c);
      free(c);
      return;
    }
    if(end && (!strcmp(end, "/void") || !strcmp(end, "/restore"))) {
      char *c = xstrndup(code, (size_t)(end - code));
      if(!strcmp(end, "/void"))
        void_post(r, g, c);
      else
        restore_post(r, g, c);
      free(c);
      return;
    }
  }
  if(get && g && slash && slash[1]) {
    const char *code = slash + 1, *end = strchr(code, '/');
    if(!strcmp(end, "/edit")) {
      char *c = xstrndup(code, (size_t)(end - code));
      form_page(r, g, c);
      free(c);
      return;
    }
  }
  answer_error(r, 404, "页面不存在");
}
