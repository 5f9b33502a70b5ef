/* log_page.c: /log (doc/web.md "The change log"): the change log, newest
 * first, a page of entries at a time, with the filters of `sanzi log`
 * (table, record code, since a day) and the operator; each entry with
 * the fields it changed, old → new. POST /log/verify (立即校验): the
 * domain's verification, as `sanzi log verify` (with the anchors file
 * beside the database when there is one): the chain head, or the first
 * bad entry and why.
 *
 * The log is the whole database's, not a scope's: the domain lets 县级,
 * 审计 and 管理员 read it (STEP_LOG_READ) and 审计 and 管理员 verify it
 * (STEP_LOG_VERIFY); every other role gets 403. */
#include "web/web_impl.h"
#include "domain/registers.h"
#include "store/history.h"
#include "base/date.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The entries as the page shows them: one row per entry, its fields
 * changed as a list old → new in the last cell. The cells of log_view:
 * 0 #, 1 时间, 2 操作人, 3 操作, 4 说明, 5 字段, 6 字段键, 7 旧值,
 * 8 新值, 9 表, 10 编号, 11 写入, 12 替换. */
typedef struct entries {
  asink s;
  req *r;
  const atable *t;
  int64_t cur; /* the entry whose row is open, or 0 */
  int fields;  /* the fields of it listed so far */
  long n;
} entries;

static void cell(sbuf *o, const atable *t, int i, const acell *c)
{
  char buf[48];
  html_escs(o, cell_format(t->cols[i].kind, &c[i], 1, LANG_ZH, buf));
}

static void close_entry(entries *e)
{
  if(e->cur)
    sb_addstr(&e->r->out, e->fields ? "</ul></td></tr>" : "</td></tr>");
  e->cur = 0;
  e->fields = 0;
}

static int ent_begin(asink *s, const atable *t)
{
  entries *e = (entries *)s;
  e->t = t;
  sb_addstr(&e->r->out,
            "<div class=\"scroll\" tabindex=\"0\" role=\"region\" "
            "aria-label=\"变更记录\"><table class=\"list log\"><thead><tr>"
            "<th scope=\"col\" class=\"num\">序号</th><th scope=\"col\">时间</th>"
            "<th scope=\"col\">操作人</th><th scope=\"col\">操作</th>"
            "<th scope=\"col\">表</th><th scope=\"col\">编号</th>"
            "<th scope=\"col\">说明</th><th scope=\"col\">修改的字段（原值 → "
            "新值）</th></tr></thead><tbody>");
  return 0;
}

static int ent_row(asink *s, const acell *c)
{
  entries *e = (entries *)s;
  sbuf *o = &e->r->out;
  const atable *t = e->t;
  if(c[0].i != e->cur) {
    close_entry(e);
    e->cur = c[0].i;
    e->n++;
    sb_addf(o, "<tr id=\"e%lld\"><td class=\"num\">%lld</td><td class=\"nw\">",
            (long long)c[0].i, (long long)c[0].i);
    cell(o, t, 1, c);
    sb_addstr(o, "</td><td>");
    cell(o, t, 2, c);
    sb_addstr(o, "</td><td class=\"nw\">");
    cell(o, t, 3, c);
    sb_addstr(o, "</td><td class=\"nw\">");
    cell(o, t, 9, c);
    sb_addstr(o, "</td><td class=\"nw\">");
    /* A record of the pages links to its page (404 outside the scope). */
    static const char *const paged[] = {"asset", "resource", "account",
                                        "fund", "contract", "loan",
                                        "disposal", "subsidy"};
    int link = 0;
    for(size_t i = 0; i < ARRAY_SIZE(paged) && !c[9].null && !c[10].null; i++)
      link |= c[9].s && c[10].s && c[10].s[0] && !strcmp(c[9].s, paged[i]);
    if(link) {
      sb_addf(o, "<a href=\"/%s/", c[9].s);
      url_esc(o, c[10].s);
      sb_addstr(o, "\">");
    }
    cell(o, t, 10, c);
    if(link)
      sb_addstr(o, "</a>");
    sb_addstr(o, "</td><td>");
    cell(o, t, 4, c);
    if(!c[11].null && c[11].i > 1)
      sb_addf(o, "（写入 %lld 行）", (long long)c[11].i);
    sb_addstr(o, "</td><td>");
  }
  if(!c[5].null) {
    if(!e->fields++)
      sb_addstr(o, "<ul class=\"diff\">");
    sb_addstr(o, "<li><span class=\"field\">");
    cell(o, t, 5, c);
    sb_addstr(o, "</span>：<del>");
    if(c[7].null)
      sb_addstr(o, "（空）");
    else
      cell(o, t, 7, c);
    sb_addstr(o, "</del> → <ins>");
    if(c[8].null)
      sb_addstr(o, "（空）");
    else
      cell(o, t, 8, c);
    sb_addstr(o, "</ins></li>");
  }
  return 0;
}

static int ent_end(asink *s)
{
  entries *e = (entries *)s;
  close_entry(e);
  if(!e->n)
    sb_addstr(&e->r->out, "<tr><td colspan=\"8\" class=\"none\">没有记录</td></tr>");
  sb_addstr(&e->r->out, "</tbody></table></div>");
  return 0;
}

/* The result of a verification, shown above the log: the head and the
 * count, or the first bad entry. */
typedef struct verdict {
  int done, ok;
  char head[65];
  int64_t entries;
  const char *err;
} verdict;

static void input(sbuf *o, const char *id, const char *label, const char *v,
                  const char *extra)
{
  sb_addf(o, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" %s "
             "value=\"",
          id, label, id, id, extra);
  html_escs(o, v);
  sb_addstr(o, "\">");
}

static void log_page(req *r, const verdict *v)
{
  if(may(r->z, STEP_LOG_READ))
    return;
  log_query lq = {.table = arg(r, "table"),
                  .key = arg(r, "key"),
                  .since = arg(r, "since"),
                  .operator_ = arg(r, "operator"),
                  .newest_first = 1};
  char sd[11];
  if(lq.since) {
    if(date_parse(lq.since, strlen(lq.since), sd)) {
      answer_error(r, 400, "“起始日期”不是日期（应为 2026-01-31 这样的日期）");
      return;
    }
    lq.since = sd;
  }
  if(lq.table && !reg_find(lq.table)) {
    answer_error(r, 400, "没有这个表");
    return;
  }
  long page, per;
  page_window(r, &page, &per);
  sz *z = r->z;
  if(db_begin_read(z)) {
    answer_error(r, 503, z->err);
    return;
  }
  int64_t total = log_count(z, &lq);
  long pages = (long)((total + per - 1) / per);
  if(page >= pages && pages > 0)
    page = pages - 1;
  lq.offset = page * per;
  lq.limit = per;
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 1);
    list_totals t = {.count = total};
    j.tot = &t;
    int rc = log_query_view(z, &lq, &j.s);
    db_end(z, 0);
    if(rc)
      answer_error(r, 500, z->err);
    return;
  }
  html_begin(r, "变更日志");
  sbuf *o = &r->out;
  if(v && v->done) {
    if(v->ok)
      sb_addf(o, "<div class=\"ok verify\" role=\"status\"><p>校验通过：共 %lld "
                 "条变更记录，链条完整，每一行台账数据都与其记录相符。</p>"
                 "<p>链头 <code id=\"head\">%s</code></p></div>",
              (long long)v->entries, v->head);
    else {
      sb_addstr(o, "<div class=\"error verify\" role=\"alert\"><p>校验未通过："
                   "<span id=\"bad\">");
      html_escs(o, v->err);
      sb_addstr(o, "</span></p></div>");
    }
  }
  if(role_may(r->u.role, STEP_LOG_VERIFY)) {
    sb_addstr(o, "<form method=\"post\" action=\"/log/verify\" "
                 "class=\"filters\"><input type=\"hidden\" name=\"csrf\" "
                 "value=\"");
    html_escs(o, r->u.csrf);
    sb_addstr(o, "\"><button type=\"submit\">立即校验</button> <span "
                 "class=\"hint\">重新计算整条哈希链和每一行台账数据的摘要，"
                 "与 sanzi log verify 相同</span></form>");
  }
  sb_addstr(o, "<form method=\"get\" action=\"/log\" class=\"filters\">"
               "<label for=\"table\">表</label><select id=\"table\" "
               "name=\"table\"><option value=\"\">全部</option>");
  for(int i = 0; logged_tables[i]; i++) {
    const reg *g = logged_tables[i];
    sb_addf(o, "<option value=\"%s\"%s>", g->name,
            lq.table && !strcmp(lq.table, g->name) ? " selected" : "");
    html_escs(o, g->zh ? g->zh : g->name);
    sb_addstr(o, "</option>");
  }
  sb_addstr(o, "</select>");
  input(o, "key", "记录编号", lq.key, "maxlength=\"64\"");
  input(o, "since", "起始日期", arg(r, "since"), "type=\"date\"");
  input(o, "operator", "操作人", lq.operator_, "maxlength=\"64\"");
  sb_addstr(o, "<button type=\"submit\">查询</button></form>");
  sb_addf(o, "<p class=\"hint\">共 %lld 条，最新的在前。", (long long)total);
  sb_addstr(o, "时间为北京时间。</p>");
  entries e = {{ent_begin, ent_row, ent_end, ""}, r, NULL, 0, 0, 0};
  int rc = log_query_view(z, &lq, &e.s);
  db_end(z, 0);
  if(rc) {
    answer_error(r, 500, z->err);
    return;
  }
  sbuf base;
  sb_init(&base);
  sb_addstr(&base, "/log?");
  static const char *const keep[] = {"table", "key", "since", "operator",
                                     NULL};
  keep_args(r, &base, keep);
  html_pages(r, base.buf, page, pages);
  sb_free(&base);
  html_end(r);
}

/* POST /log/verify: 审计 and 管理员 (the domain refuses the others, 403). */
static void verify_post(req *r)
{
  if(may(r->z, STEP_LOG_VERIFY))
    return;
  sz *z = r->z;
  verdict v = {.done = 1};
  char file[4200];
  snprintf(file, sizeof file, "%s.anchors", z->path);
  hist_anchor *an = NULL;
  int na = 0, rc = 0;
  char err[sizeof z->err];
  if(access(file, F_OK) == 0 && (na = history_anchors_read(z, file, &an)) < 0)
    rc = -1;
  if(rc == 0)
    rc = history_verify_anchors(z, logged_tables, NULL, an, na, file, v.head,
                                &v.entries);
  free(an);
  if(db_fault(z))
    return; /* 500, from routed() */
  snprintf(err, sizeof err, "%s", z->err);
  v.ok = rc == 0;
  v.err = err;
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    if(v.ok)
      sb_addf(&r->out, "{\"ok\":true,\"entries\":%lld,\"head\":\"%s\"}",
              (long long)v.entries, v.head);
    else {
      r->status = 409;
      sb_addstr(&r->out, "{\"ok\":false,\"error\":");
      json_string(&r->out, err, strlen(err));
      sb_addch(&r->out, '}');
    }
    return;
  }
  if(!v.ok)
    r->status = 409;
  log_page(r, &v);
}

void log_route(req *r, int post)
{
  const char *p = r->path;
  if(!post && !strcmp(p, "/log")) {
    log_page(r, NULL);
    return;
  }
  if(post && !strcmp(p, "/log/verify")) {
    verify_post(r);
    return;
  }
  answer_error(r, 404, "页面不存在");
}
