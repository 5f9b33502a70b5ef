/* public.c: 村务公开 without login (doc/web.md "Public pages"): what one
 * village must make public, as the domain's notice (`sanzi notice`, names
 * only, no identity number) with its current figures; the QR code of the
 * page's address for the notice board, and the board's print page with
 * it. GET only; no cookie read or set, no link into the logged-in site.
 * The handle's scope is the village itself and its role one that writes
 * nothing, so no other village's data can be read here. The parameter
 * public_pages 0 turns them off (404). */
#include "web/web_impl.h"
#include "domain/notice.h"
#include "store/config.h"
#include "base/i18n.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The village's name and its township's, from the divisions; 0 when code
 * is not a village. */
static int village_names(sz *z, const char *code, char *name, size_t n,
                         char *town, size_t tn)
{
  name[0] = town[0] = 0;
  if(strlen(code) != 12 || strspn(code, "0123456789") != 12)
    return 0;
  sqlite3_stmt *st = db_prepare(
      z, "SELECT v.name, coalesce(t.name, '') FROM org v LEFT JOIN org t ON "
         "t.code = substr(v.code, 1, 9) WHERE v.code = ?1 AND "
         "v.level = 'village'");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  int found = db_step(z, st) == SQLITE_ROW;
  if(found) {
    snprintf(name, n, "%s", (const char *)sqlite3_column_text(st, 0));
    snprintf(town, tn, "%s", (const char *)sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  return found;
}

/* ---- the address in the QR code ---- */

/* 1 when h is a host[:port] as a URL has it: a host name (labels of
 * letters, digits and inner hyphens, joined by dots), an IPv4 address, or
 * an IPv6 address in brackets; a port of 1 to 5 digits up to 65535. */
static int host_ok(const char *h)
{
  static const char alnum[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRST"
                              "UVWXYZ0123456789";
  size_t n = strlen(h);
  if(!n || n > 255)
    return 0;
  const char *p = h;
  if(*p == '[') {
    size_t k = strspn(p + 1, "0123456789abcdefABCDEF:.");
    if(k < 2 || p[1 + k] != ']')
      return 0;
    p += k + 2;
  } else {
    for(;;) { /* one label */
      size_t l = strspn(p, alnum);
      while(p[l] == '-' || strspn(p + l, alnum))
        l += p[l] == '-' ? 1 : strspn(p + l, alnum);
      if(!l || l > 63 || p[0] == '-' || p[l - 1] == '-')
        return 0;
      p += l;
      if(*p != '.')
        break;
      p++;
    }
  }
  if(!*p)
    return 1;
  if(*p != ':')
    return 0;
  p++;
  size_t d = strspn(p, "0123456789");
  return d >= 1 && d <= 5 && !p[d] && atol(p) >= 1 && atol(p) <= 65535;
}

/* The address villagers reach the server at: the parameter
 * public_base_url when it is set (an http:// or https:// address, such as
 * http://192.168.1.10:8080), else the scheme and Host of this request.
 * 0, or -1 when neither gives one (a Host with characters no host name
 * has). */
static int public_base(req *r, sbuf *o)
{
  const char *cfg = NULL;
  sqlite3_stmt *st = db_prepare(
      r->z, "SELECT value FROM setting WHERE key = 'public_base_url'");
  if(db_step(r->z, st) == SQLITE_ROW)
    cfg = (const char *)sqlite3_column_text(st, 0);
  int rc = 0;
  if(cfg && (!strncmp(cfg, "http://", 7) || !strncmp(cfg, "https://", 8))) {
    size_t n = strlen(cfg);
    while(n && cfg[n - 1] == '/')
      n--;
    sb_add(o, cfg, n);
  } else {
    const char *host =
        MHD_lookup_connection_value(r->c, MHD_HEADER_KIND, "Host");
    if(!host || !host_ok(host))
      rc = -1;
    else
      sb_addf(o, "%s://%s", r->tls ? "https" : "http", host);
  }
  sqlite3_finalize(st);
  return rc;
}

/* The public page's full address into o. */
static int public_url(req *r, const char *village, sbuf *o)
{
  if(public_base(r, o))
    return -1;
  sb_addf(o, "/public/%s", village);
  return 0;
}

/* GET /public/{village}/qr.svg: the page's address as a QR code (error
 * correction M), its dark modules one <path>, four modules of quiet zone
 * around. */
static void qr_svg(req *r, const char *village)
{
  sbuf url;
  sb_init(&url);
  if(public_url(r, village, &url)) {
    sb_free(&url);
    answer_error(r, 400, "请求的主机名无效");
    return;
  }
  QRcode *q = QRcode_encodeString(url.buf, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  sb_free(&url);
  if(!q) {
    answer_error(r, 500, "无法生成二维码");
    return;
  }
  int w = q->width, m = w + 8;
  sbuf *o = &r->out;
  sb_addf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\""
             "http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
             "height=\"%d\" shape-rendering=\"crispEdges\"><title>村务公开"
             "页面地址二维码</title><rect width=\"%d\" height=\"%d\" "
             "fill=\"#fff\"/><path fill=\"#000\" d=\"",
          m, m, m * 8, m * 8, m, m);
  /* each run of dark modules in a row: one rectangle */
  for(int y = 0; y < w; y++)
    for(int x = 0; x < w;) {
      if(!(q->data[y * w + x] & 1)) {
        x++;
        continue;
      }
      int k = x;
      while(k < w && (q->data[y * w + k] & 1))
        k++;
      sb_addf(o, "M%d %dh%dv1h-%dz", x + 4, y + 4, k - x, k - x);
      x = k;
    }
  sb_addstr(o, "\"/></svg>\n");
  QRcode_free(q);
  r->ctype = "image/svg+xml";
}

void public_qr_figure(req *r, const char *village)
{
  if(!config_int(r->z, "public_pages", 1))
    return;
  sbuf url;
  sb_init(&url);
  int bad = public_url(r, village, &url);
  sbuf *o = &r->out;
  sb_addstr(o, "<figure class=\"qr\"><img src=\"/public/");
  url_esc(o, village);
  sb_addstr(o, "/qr.svg\" width=\"160\" height=\"160\" alt=\"本村三资公开信息"
               "页面的二维码\"><figcaption><strong>扫码查看本村三资公开信息"
               "</strong>");
  if(!bad) {
    sb_addstr(o, "<br><span class=\"url\">");
    html_escs(o, url.buf);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</figcaption></figure>");
  sb_free(&url);
}

/* ---- the page: each part a table that a phone shows as cards ---- */

typedef struct pub_sink {
  asink s;
  sbuf *o;
  const atable *t;
  long rows;
} pub_sink;

static int ps_begin(asink *s, const atable *t)
{
  pub_sink *p = (pub_sink *)s;
  sbuf *o = p->o;
  p->t = t;
  p->rows = 0;
  sb_addf(o, "<section class=\"part\" aria-labelledby=\"part-%s\"><h2 id=\""
             "part-%s\">",
          atable_key(t), atable_key(t));
  html_escs(o, t->name);
  sb_addstr(o, "</h2><table class=\"list pub\"><thead><tr>");
  html_heads(o, t);
  sb_addstr(o, "</tr></thead><tbody>");
  return 0;
}

static int ps_row(asink *s, const acell *c)
{
  pub_sink *p = (pub_sink *)s;
  const atable *t = p->t;
  sbuf *o = p->o;
  const char *first = c[0].null ? "" : c[0].s ? c[0].s : "";
  size_t fl = strlen(first);
  int total = fl >= 6 && !strcmp(first + fl - 6, "合计");
  if(!total)
    p->rows++;
  else if(!p->rows)
    sb_addf(o, "<tr><td colspan=\"%d\" class=\"none\">没有记录</td></tr>",
            t->ncols);
  sb_addstr(o, total ? "<tr class=\"total\">" : "<tr>");
  for(int i = 0; i < t->ncols; i++) {
    char buf[48];
    const char *v = cell_format(t->cols[i].kind, &c[i], 1, LANG_ZH, buf);
    /* a 合计 row's empty cells: not on a phone's card (public.css) */
    int blank = total && i > 0 && (!v || !*v);
    sb_addf(o, "<td%s data-label=\"",
            blank ? " class=\"blank\""
            : kind_text(t->cols[i].kind) ? "" : " class=\"num\"");
    if(!total || i > 0) /* 合计 stands alone on a card */
      html_escs(o, t->cols[i].zh);
    sb_addstr(o, "\">");
    html_escs(o, v);
    sb_addstr(o, "</td>");
  }
  sb_addstr(o, "</tr>");
  return 0;
}

static int ps_end(asink *s)
{
  pub_sink *p = (pub_sink *)s;
  sb_addstr(p->o, "</tbody></table></section>");
  return 0;
}

/* The head of a public page: no menu, no user, nothing of the logged-in
 * site. */
static void pub_begin(req *r, const char *title, const char *css)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta "
               "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
               "device-width, initial-scale=1\"><title>");
  html_escs(o, title);
  sb_addf(o, "</title><link rel=\"stylesheet\" href=\"/static/%s\">"
             "</head><body>",
          css);
}

/* GET /public/{village}: the parts of the notice for this year up to
 * today. */
static void public_page(req *r, const char *village, const char *name,
                        const char *town)
{
  sz *z = r->z;
  int year = atoi(z->today);
  if(r->json) {
    notice_json(r, village, year, z->today);
    return;
  }
  char title[256];
  notice_title(z, village, title, sizeof title);
  pub_begin(r, title, "public.css");
  sbuf *o = &r->out;
  sb_addstr(o, "<header class=\"pub-top\"><p class=\"org\">");
  html_escs(o, town);
  sb_addstr(o, "　");
  html_escs(o, name);
  sb_addstr(o, "</p><h1>");
  html_escs(o, title);
  sb_addf(o, "</h1><p class=\"asof\">数据截至 <strong>%s</strong>，为本村"
             "集体“三资”台账的当前数据；收支、处置、贴息为 %d 年 1 月 1 日"
             "以来的数字。</p></header><main id=\"main\">",
          z->today, year);
  pub_sink p = {{ps_begin, ps_row, ps_end, ""}, o, NULL, 0};
  if(notice_view(z, village, year, z->today, &p.s)) {
    answer_error(r, 500, z->err);
    return;
  }
  sb_addstr(o, "</main><footer class=\"pub-foot\">本页只公开集体“三资”信息："
               "合同对方只列姓名或名称，不公开身份证号、银行账号。如有疑问，"
               "请向村务监督委员会反映。</footer></body></html>\n");
}

/* GET /public/{village}/print: the QR code for the notice board, A4. */
static void public_print(req *r, const char *village)
{
  char title[256];
  notice_title(r->z, village, title, sizeof title);
  pub_begin(r, title, "print.css");
  sbuf *o = &r->out;
  sb_addstr(o, "<nav class=\"noprint\" aria-label=\"操作\"><span class=\""
               "hint\">用浏览器的“打印”（Ctrl+P）打印本页，张贴在村务公开栏。"
               "</span></nav><main class=\"sheet qr-sheet\"><h1>");
  html_escs(o, title);
  sb_addf(o, "</h1><p class=\"period\">打印日期：%s。扫码看到的是打印之后"
             "随时更新的当前数据。</p>",
          r->z->today);
  public_qr_figure(r, village);
  sb_addstr(o, "</main></body></html>\n");
}

void public_route(req *r, int get)
{
  if(!get) {
    answer_error(r, 405, "公开页面只能查看");
    return;
  }
  sz *z = r->z;
  if(!config_int(z, "public_pages", 1)) {
    answer_error(r, 404, "页面不存在");
    return;
  }
  const char *s = r->path + 8, *slash = strchr(s, '/');
  char code[16];
  size_t n = slash ? (size_t)(slash - s) : strlen(s);
  char name[256], town[256];
  if(n >= sizeof code) {
    answer_error(r, 404, "没有这个村");
    return;
  }
  memcpy(code, s, n);
  code[n] = 0;
  if(!village_names(z, code, name, sizeof name, town, sizeof town)) {
    answer_error(r, 404, "没有这个村");
    return;
  }
  /* one village, read only */
  db_set_scope(z, code);
  db_set_role(z, ROLE_AUDIT);
  if(!slash)
    public_page(r, code, name, town);
  else if(!strcmp(slash, "/qr.svg"))
    qr_svg(r, code);
  else if(!strcmp(slash, "/print"))
    public_print(r, code);
  else
    answer_error(r, 404, "页面不存在");
}
