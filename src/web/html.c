/* html.c: HTML for the pages: escaping, the frame every page has, and the
 * sinks that render the domain's views as tables (HTML) or JSON. */
#include "web/web_impl.h"
#include "store/spec.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void html_esc(sbuf *o, const char *s, size_t n)
{
  for(size_t i = 0; i < n; i++)
    switch(s[i]) {
    case '<': sb_addstr(o, "&lt;"); break;
    case '>': sb_addstr(o, "&gt;"); break;
    case '&': sb_addstr(o, "&amp;"); break;
    case '"': sb_addstr(o, "&quot;"); break;
    case '\'': sb_addstr(o, "&#39;"); break;
    default: sb_addch(o, s[i]);
    }
}

void html_escs(sbuf *o, const char *s)
{
  if(s)
    html_esc(o, s, strlen(s));
}

void url_esc(sbuf *o, const char *s)
{
  for(const unsigned char *p = (const unsigned char *)s; p && *p; p++)
    if((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
       (*p >= 'a' && *p <= 'z') || *p == '-' || *p == '_' || *p == '.')
      sb_addch(o, (char)*p);
    else
      sb_addf(o, "%%%02X", *p);
}

/* The menu: the registers a user reads, in the order clerks keep them. */
static const struct {
  const char *href, *name;
} menu[] = {
  {"/", "首页"},          {"/asset", "资产"},    {"/resource", "资源"},
  {"/account", "账户"},   {"/fund", "资金收支"}, {"/contract", "合同"},
  {"/loan", "贷款"},       {"/disposal", "处置申报"}, {"/subsidy", "贴息"},
};

void html_begin(req *r, const char *title)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, "
               "initial-scale=1\">");
  if(r->refresh > 0)
    sb_addf(o, "<meta http-equiv=\"refresh\" content=\"%d\">", r->refresh);
  sb_addstr(o, "<title>");
  html_escs(o, title);
  sb_addstr(o, " - 农村集体“三资”管理系统</title>"
               "<link rel=\"stylesheet\" href=\"/static/sanzi.css\"></head>"
               "<body><a class=\"skip\" href=\"#main\">跳到正文</a>"
               "<header class=\"top\"><span class=\"brand\">农村集体“三资”管理系统"
               "</span>");
  if(r->u.id) {
    sb_addstr(o, "<span class=\"who\">");
    html_escs(o, r->u.name);
    sb_addstr(o, "（");
    html_escs(o, role_name(r->u.role));
    sb_addstr(o, "）<a href=\"/password\">修改密码</a>"
                 "<form method=\"post\" action=\"/logout\" class=\"inline\">"
                 "<input type=\"hidden\" name=\"csrf\" value=\"");
    html_escs(o, r->u.csrf);
    sb_addstr(o, "\"><button type=\"submit\">退出</button></form></span>");
  }
  sb_addstr(o, "</header>");
  if(r->u.id) {
    sb_addstr(o, "<nav class=\"menu\" aria-label=\"主菜单\"><ul>");
    for(size_t i = 0; i < ARRAY_SIZE(menu); i++) {
      size_t hl = strlen(menu[i].href);
      int cur = !strcmp(r->path, menu[i].href) ||
                (hl > 1 && !strncmp(r->path, menu[i].href, hl) &&
                 (r->path[hl] == '/' || r->path[hl] == 0));
      sb_addf(o, "<li><a href=\"%s\"%s>%s</a></li>", menu[i].href,
              cur ? " aria-current=\"page\"" : "", menu[i].name);
    }
    sb_addf(o, "<li><a href=\"/audit\"%s>审计</a></li>",
            !strncmp(r->path, "/audit", 6) ? " aria-current=\"page\"" : "");
    if(role_may(r->u.role, STEP_LOG_READ))
      sb_addf(o, "<li><a href=\"/log\"%s>变更日志</a></li>",
              !strcmp(r->path, "/log") || !strncmp(r->path, "/log/", 5) ? " aria-current=\"page\"" : "");
    if(r->u.role == ROLE_ADMIN)
      sb_addstr(o, "<li><a href=\"/admin/users\">用户管理</a></li>");
    sb_addstr(o, "</ul></nav>");
  }
  sb_addstr(o, "<main id=\"main\"><h1>");
  html_escs(o, title);
  sb_addstr(o, "</h1>");
}

void html_end(req *r)
{
  sb_addstr(&r->out, "</main><footer class=\"foot\">sanzi · 数据以本系统"
                     "变更日志为准</footer></body></html>\n");
}

void html_pages(req *r, const char *base, long page, long pages)
{
  if(pages <= 1)
    return;
  sbuf *o = &r->out;
  sb_addf(o, "<nav class=\"pages\" aria-label=\"分页\">第 %ld 页，共 %ld 页",
          page + 1, pages);
  static const char *const word[] = {"首页", "上一页", "下一页", "末页"};
  long to[] = {0, page - 1, page + 1, pages - 1};
  for(int d = 0; d < 4; d++)
    if(to[d] >= 0 && to[d] < pages && to[d] != page)
      sb_addf(o, " <a href=\"%spage=%ld\">%s</a>", base, to[d] + 1, word[d]);
  sb_addstr(o, "</nav>");
}

void html_heads(sbuf *o, const atable *t)
{
  for(int i = 0; i < t->ncols; i++) {
    sb_addf(o, "<th scope=\"col\"%s>",
            kind_text(t->cols[i].kind) ? "" : " class=\"num\"");
    html_escs(o, t->cols[i].zh);
    sb_addstr(o, "</th>");
  }
}

/* ---- the HTML sink ---- */

static void cell_html(sbuf *o, int kind, const acell *c)
{
  char buf[48];
  const char *t = cell_format(kind, c, 1, LANG_ZH, buf);
  html_escs(o, t);
}

static int hs_begin(asink *s, const atable *t)
{
  html_sink *h = (html_sink *)s;
  sbuf *o = &h->r->out;
  h->t = t;
  h->rows = 0;
  free(h->sums);
  h->sums = xcalloc((size_t)t->ncols, sizeof *h->sums);
  h->fields = !strcmp(atable_key(t), "record");
  const char *key = atable_key(t);
  if(strcmp(key, "record") && strcmp(key, h->link ? h->link : "")) {
    sb_addstr(o, "<h2>");
    html_escs(o, !strcmp(key, "history") ? "变更记录" : t->name);
    sb_addstr(o, "</h2>");
  }
  if(h->fields) {
    sb_addstr(o, "<table class=\"fields\"><tbody>");
    return 0;
  }
  sb_addstr(o, "<div class=\"scroll\"><table class=\"list\"><thead><tr>");
  for(int i = 0; i < t->ncols; i++) {
    const char *key = acol_key(t, i);
    const char *now = h->sort ? h->sort + (h->sort[0] == '-') : "";
    int on = !strcmp(key, now), desc = on && h->sort[0] == '-';
    sb_addf(o, "<th scope=\"col\"%s%s>",
            kind_text(t->cols[i].kind) ? "" : " class=\"num\"",
            !on ? "" : desc ? " aria-sort=\"descending\""
                            : " aria-sort=\"ascending\"");
    if(h->sort_base && strcmp(key, "id")) {
      /* A head sorts by its column, and again the other way. */
      sb_addf(o, "<a href=\"%ssort=%s%s\">", h->sort_base,
              on && !desc ? "-" : "", key);
      html_escs(o, t->cols[i].zh);
      sb_addstr(o, on ? (desc ? " ▼" : " ▲") : "");
      sb_addstr(o, "</a>");
    } else
      html_escs(o, t->cols[i].zh);
    sb_addstr(o, "</th>");
  }
  sb_addstr(o, "</tr></thead><tbody>");
  return 0;
}

static int hs_row(asink *s, const acell *c)
{
  html_sink *h = (html_sink *)s;
  const atable *t = h->t;
  sbuf *o = &h->r->out;
  if(h->fields) {
    for(int i = 0; i < t->ncols; i++) {
      sb_addstr(o, "<tr><th scope=\"row\">");
      html_escs(o, t->cols[i].zh);
      sb_addstr(o, "</th><td>");
      cell_html(o, t->cols[i].kind, &c[i]);
      sb_addstr(o, "</td></tr>");
    }
    return 0;
  }
  for(int i = 0; i < t->ncols; i++)
    if(kind_sums(t->cols[i].kind) && !c[i].null)
      h->sums[i] += c[i].i;
  long k = h->rows++;
  if(h->per && (k < h->page * h->per || k >= (h->page + 1) * h->per))
    return 0;
  sb_addstr(o, "<tr>");
  for(int i = 0; i < t->ncols; i++) {
    sb_addstr(o, kind_text(t->cols[i].kind) ? "<td>" : "<td class=\"num\">");
    const char *key = acol_key(t, i);
    if(h->link && !strcmp(key, "code") && !c[i].null && c[i].s) {
      sb_addf(o, "<a href=\"/%s/", h->link);
      url_esc(o, c[i].s);
      sb_addstr(o, "\">");
      cell_html(o, t->cols[i].kind, &c[i]);
      sb_addstr(o, "</a>");
    } else
      cell_html(o, t->cols[i].kind, &c[i]);
    sb_addstr(o, "</td>");
  }
  sb_addstr(o, "</tr>");
  return 0;
}

static int hs_end(asink *s)
{
  html_sink *h = (html_sink *)s;
  const atable *t = h->t;
  sbuf *o = &h->r->out;
  if(h->fields) {
    sb_addstr(o, "</tbody></table>");
    return 0;
  }
  long count = h->tot ? (long)h->tot->count : h->rows;
  const int64_t *sums = h->tot ? h->tot->sums : h->sums;
  if(h->rows == 0)
    sb_addf(o, "<tr><td colspan=\"%d\" class=\"none\">没有记录</td></tr>",
            t->ncols);
  sb_addstr(o, "</tbody>");
  int any = 0;
  for(int i = 0; i < t->ncols; i++)
    any |= kind_sums(t->cols[i].kind);
  if(h->link && count && any) {
    sb_addstr(o, "<tfoot><tr class=\"total\">");
    for(int i = 0; i < t->ncols; i++) {
      if(i == 0)
        sb_addf(o, "<th scope=\"row\">合计（%ld 条）</th>", count);
      else if(kind_sums(t->cols[i].kind)) {
        acell c = cell_int(sums[i]);
        sb_addstr(o, "<td class=\"num\">");
        cell_html(o, t->cols[i].kind, &c);
        sb_addstr(o, "</td>");
      } else
        sb_addstr(o, "<td></td>");
    }
    sb_addstr(o, "</tr></tfoot>");
  }
  sb_addstr(o, "</table></div>");
  return 0;
}

void html_sink_init(html_sink *h, req *r, const char *link, long page,
                    long per)
{
  memset(h, 0, sizeof *h);
  h->s.begin = hs_begin;
  h->s.row = hs_row;
  h->s.end = hs_end;
  h->r = r;
  h->link = link;
  h->page = page;
  h->per = per;
}

void html_sink_free(html_sink *h)
{
  free(h->sums);
  h->sums = NULL;
}

/* ---- the JSON sink ---- */

static int js_begin(asink *s, const atable *t)
{
  json_sink *j = (json_sink *)s;
  sbuf *o = &j->r->out;
  j->t = t;
  j->rows = 0;
  if(j->single)
    sb_addstr(o, "{\"rows\":[");
  else {
    sb_addstr(o, j->parts++ ? "," : "{");
    const char *k = atable_key(t);
    json_string(o, k, strlen(k));
    sb_addstr(o, ":[");
  }
  return 0;
}

static int js_row(asink *s, const acell *c)
{
  json_sink *j = (json_sink *)s;
  sbuf *o = &j->r->out;
  sb_addstr(o, j->rows++ ? ",{" : "{");
  for(int i = 0; i < j->t->ncols; i++) {
    const char *k = acol_key(j->t, i);
    if(i)
      sb_addch(o, ',');
    json_string(o, k, strlen(k));
    sb_addch(o, ':');
    cell_json(o, j->t->cols[i].kind, &c[i]);
  }
  sb_addch(o, '}');
  return 0;
}

static int js_end(asink *s)
{
  json_sink *j = (json_sink *)s;
  if(j->single)
    sb_addf(&j->r->out, "],\"total\":%lld}",
            j->tot ? (long long)j->tot->count : (long long)j->rows);
  else
    sb_addch(&j->r->out, ']');
  return 0;
}

void json_sink_init(json_sink *j, req *r, int single)
{
  memset(j, 0, sizeof *j);
  j->s.begin = js_begin;
  j->s.row = js_row;
  j->s.end = js_end;
  j->r = r;
  j->single = single;
  r->ctype = "application/json; charset=utf-8";
}

void json_sink_end(json_sink *j)
{
  if(!j->single)
    sb_addstr(&j->r->out, j->parts ? "}" : "{}");
}

/* ---- answers ---- */

void answer_error(req *r, int status, const char *msg)
{
  sb_reset(&r->out);
  if(r->outfd >= 0) {
    close(r->outfd);
    r->outfd = -1;
  }
  r->disposition[0] = 0;
  r->status = status;
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"errors\":[{\"message\":");
    json_string(&r->out, msg, strlen(msg));
    sb_addstr(&r->out, "}]}");
    return;
  }
  r->ctype = "text/html; charset=utf-8";
  char title[32];
  snprintf(title, sizeof title, "%s",
           status == 404   ? "页面不存在"
           : status == 403 ? "拒绝访问"
           : status == 413 ? "请求过大"
           : status == 401 ? "请先登录"
           : status == 503 ? "系统繁忙"
                           : "出错了");
  html_begin(r, title);
  sb_addstr(&r->out, "<p class=\"error\" role=\"alert\">");
  html_escs(&r->out, msg);
  sb_addstr(&r->out, "</p><p><a href=\"/\">返回首页</a></p>");
  html_end(r);
}

void answer_redirect(req *r, const char *to)
{
  r->status = 303;
  snprintf(r->location, sizeof r->location, "%s", to);
  sb_reset(&r->out);
}

void answer_to_record(req *r, const reg *g, const char *code)
{
  sbuf to;
  sb_init(&to);
  sb_addf(&to, "/%s/", g->name);
  url_esc(&to, code);
  answer_redirect(r, to.buf);
  sb_free(&to);
}
