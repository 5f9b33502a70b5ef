/* download.c: the register pages beyond the list and the forms
 * (doc/web.md): the voided records and their restoring, the .xlsx
 * downloads (the template and the export, written by the domain's
 * workbook writers like `sanzi REGISTER template|export --format xlsx`),
 * and the print page of the village notice board (the domain's notice,
 * as `sanzi notice`). Every read is in the user's scope: what is outside
 * it is 404. */
#include "web/web_impl.h"
#include "domain/import.h"
#include "domain/notice.h"
#include "domain/void.h"
#include "domain/workbook.h"
#include "store/record.h"

#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- voided records ---- */


int voided_note(req *r, const reg *g, const char *code)
{
  if(reg_void_field(g) < 0)
    return 0;
  rec x;
  int found = rec_open(r->z, g, code, &x);
  char *why = found && *rec_text(&x, "voided")
                  ? xstrdup(rec_text(&x, "voided"))
                  : NULL;
  rec_close(&x);
  sbuf *o = &r->out;
  if(!why) {
    if(r->field_err) { /* a refused restore of a live record */
      sb_addstr(o, "<p class=\"error\" role=\"alert\">");
      html_escs(o, r->field_err);
      sb_addstr(o, "</p>");
    }
    return 0;
  }
  sb_addstr(o, "<div class=\"voided\" role=\"status\"><p><strong>已作废</strong>"
               "。作废原因：");
  html_escs(o, why);
  sb_addstr(o, "</p>");
  free(why);
  if(writer(r)) {
    const char *err = r->field_err;
    sb_addf(o, "<form method=\"post\" action=\"/%s/", g->name);
    url_esc(o, code);
    sb_addstr(o, "/restore\" class=\"filters\"><input type=\"hidden\" "
                 "name=\"csrf\" value=\"");
    html_escs(o, r->u.csrf);
    sb_addf(o, "\"><span class=\"field%s\"><label for=\"restore-reason\">恢复"
               "原因</label><input id=\"restore-reason\" name=\"reason\" "
               "required maxlength=\"2000\"%s value=\"",
            err ? " bad" : "",
            err ? " aria-invalid=\"true\" aria-describedby=\"e-reason\"" : "");
    html_escs(o, r->field_value);
    sb_addstr(o, "\">");
    if(err) {
      sb_addstr(o, "<span class=\"field-error\" id=\"e-reason\">");
      html_escs(o, err);
      sb_addstr(o, "</span>");
    }
    sb_addstr(o, "</span><button type=\"submit\">恢复</button></form>");
  }
  sb_addstr(o, "</div>");
  return 1;
}

/* POST /{reg}/{code}/restore (field reason): a voided record back in the
 * lists, through the domain's reg_restore (`sanzi REGISTER restore`). */
void restore_post(req *r, const reg *g, const char *code)
{
  rec x;
  int found = reg_void_field(g) >= 0 && rec_open(r->z, g, code, &x);
  if(reg_void_field(g) >= 0)
    rec_close(&x);
  if(!found) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  const char *why = kvs_get(&r->f, "reason");
  char msg[sizeof r->z->err];
  if(!why || !*why)
    snprintf(msg, sizeof msg, "%s", "恢复须写明原因");
  else if(reg_restore(r->z, g, code, why))
    snprintf(msg, sizeof msg, "%s", r->z->err);
  else
    msg[0] = 0;
  if(msg[0]) {
    if(r->z->busy)
      return; /* the server answers 503 */
    if(r->json) {
      answer_error(r, 422, msg);
      return;
    }
    r->status = 422;
    r->field_err = msg;
    r->field_value = why;
    record_page(r, g, code);
    r->field_err = r->field_value = NULL;
    return;
  }
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"restored\":");
    json_string(&r->out, code, strlen(code));
    sb_addch(&r->out, '}');
    return;
  }
  answer_to_record(r, g, code);
}

/* ---- .xlsx downloads ---- */

/* The answer's Content-Disposition: an ASCII name for old browsers, the
 * Chinese one by RFC 6266 (filename*). */
void disposition(req *r, const char *ascii, const char *name)
{
  sbuf enc;
  sb_init(&enc);
  url_esc(&enc, name);
  snprintf(r->disposition, sizeof r->disposition,
           "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii,
           enc.buf);
  sb_free(&enc);
}

/* The answer is file path, open and already removed (the server sends it
 * from its descriptor, then closes it): 0, or -1. */
static int send_file(req *r, const char *path)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  unlink(path);
  if(fd < 0)
    return -1;
  r->outfd = fd;
  return 0;
}

/* The CSV template, or the export with the list's filters, into path. */
static int csv_file(req *r, const reg *g, int template, const char *village,
                    const char *township, const char *path)
{
  FILE *fp = fopen(path, "w");
  if(!fp)
    return -1;
  int rc = 0;
  if(template) {
    fputs("\xef\xbb\xbf", fp);
    reg_template(g, fp);
  } else {
    export_opts o;
    memset(&o, 0, sizeof o);
    o.village = village;
    o.township = township;
    o.bom = 1;
    rc = reg_export(r->z, g, &o, fp);
  }
  return fclose(fp) || rc ? -1 : 0;
}

/* The workbook: the template, or the export with the list's filters. */
static int xlsx_file(req *r, const reg *g, int template, const char *village,
                     const char *township, const char *path)
{
  sz *z = r->z;
  if(template) {
    /* The villages of the scope: a village clerk's own, within its
     * township (the template lists a township's or county's villages, cut
     * to the scope). */
    char in[13];
    snprintf(in, sizeof in, "%.*s", strlen(z->scope) > 9 ? 9 : 12, z->scope);
    return reg_template_xlsx(z, g, in[0] ? in : NULL, path);
  }
  export_opts o;
  memset(&o, 0, sizeof o);
  o.village = village;
  o.township = township;
  char title[64], scope[256];
  snprintf(title, sizeof title, "%s台账", g->zh);
  const char *code = village    ? village
                     : township ? township
                     : z->scope[0] ? z->scope
                                   : NULL;
  wbook_scope(z, code, scope, sizeof scope);
  wsink w;
  int rc = wsink_open(&w, z, path, WS_TOTALS | WS_NAMES, title, scope);
  if(rc == 0) {
    rc = reg_export_view(z, g, &o, &w.s);
    rc = wsink_close(&w, rc == 0) || rc ? -1 : 0;
  }
  return rc;
}

/* GET /{reg}/template.{csv,xlsx} and /{reg}/export.{csv,xlsx}: the file,
 * written by the domain (as `sanzi REGISTER template|export`) into the
 * server's private upload directory under a random name of the server's,
 * sent from its descriptor and removed: a county's export is never held
 * in memory. The template's drop-downs list the villages of the user's
 * scope; the export has the list's filters (village, township) within
 * the scope. */
void download(req *r, const reg *g, int template, int xlsx)
{
  const char *village = arg(r, "village"), *township = arg(r, "township");
  if(!template && !filter_ok(r, village, township)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  const char *ext = xlsx ? "xlsx" : "csv";
  unsigned char b[16];
  char hex[33], path[4200];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  snprintf(path, sizeof path, "%s/dl-%s.%s", web_upload_dir(r), hex, ext);
  sz *z = r->z;
  int rc = xlsx ? xlsx_file(r, g, template, village, township, path)
                : csv_file(r, g, template, village, township, path);
  if(rc || send_file(r, path)) {
    unlink(path);
    if(!z->busy)
      answer_error(r, 500, z->err[0] ? z->err : "无法生成文件");
    return;
  }
  r->ctype = xlsx ? "application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet"
                  : "text/csv; charset=utf-8";
  char ascii[64], name[128];
  snprintf(ascii, sizeof ascii, "%s%s.%s", g->name,
           template ? "-template" : "", ext);
  snprintf(name, sizeof name, "%s%s.%s", g->zh, template ? "模板" : "", ext);
  disposition(r, ascii, name);
}

void list_downloads(req *r, const reg *g, const char *village,
                    const char *township)
{
  sbuf *o = &r->out;
  sb_addf(o, " <a class=\"button\" href=\"/%s/export.xlsx", g->name);
  if(village || township) {
    sb_addstr(o, village ? "?village=" : "?township=");
    url_esc(o, village ? village : township);
  }
  sb_addf(o, "\">导出 Excel</a> <a class=\"button\" href=\"/%s/"
             "template.xlsx\">下载 Excel 模板</a>",
          g->name);
  if(reg_void_field(g) >= 0)
    sb_addf(o, " <a class=\"button\" href=\"/%s?voided=1\">已作废的记录</a>",
            g->name);
  sb_addf(o, " <a class=\"button\" href=\"/%s/print", g->name);
  /* a village's own clerk goes straight to the village's sheet */
  if(!village && strlen(r->z->scope) == 12)
    village = r->z->scope;
  if(village) {
    sb_addstr(o, "?village=");
    url_esc(o, village);
  }
  sb_addstr(o, "\">打印公开表</a>");
}

/* ---- the print page of the village notice board ---- */

/* The page for the villages in scope to choose from (status 400). */
static void print_choose(req *r, const reg *g, const char *msg)
{
  r->status = 400;
  html_begin(r, "村务公开：打印公开表");
  sbuf *o = &r->out;
  sb_addstr(o, "<p class=\"error\" role=\"alert\">");
  html_escs(o, msg);
  sb_addf(o, "</p><form method=\"get\" action=\"/%s/print\" class=\"filters\">"
             "<label for=\"village\">村</label><select id=\"village\" "
             "name=\"village\" required><option value=\"\">请选择</option>",
          g->name);
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, "SELECT code, name FROM org WHERE level = 'village'");
  db_scope_sql(r->z, "code", 1, &q);
  sb_addstr(&q, " ORDER BY code");
  sqlite3_stmt *st = db_prepare(r->z, q.buf);
  sb_free(&q);
  while(db_step(r->z, st) == SQLITE_ROW) {
    const char *c = (const char *)sqlite3_column_text(st, 0);
    const char *n = (const char *)sqlite3_column_text(st, 1);
    sb_addstr(o, "<option value=\"");
    html_escs(o, c);
    sb_addstr(o, "\">");
    html_escs(o, c);
    sb_addch(o, ' ');
    html_escs(o, n);
    sb_addstr(o, "</option>");
  }
  sqlite3_finalize(st);
  sb_addstr(o, "</select><label for=\"year\">年度</label><input id=\"year\" "
               "name=\"year\" inputmode=\"numeric\" maxlength=\"4\" value=\"");
  sb_add(o, r->z->today, 4);
  sb_addstr(o, "\"><button type=\"submit\">生成公开表</button></form>");
  html_end(r);
}

void notice_json(req *r, const char *village, int year, const char *as_of)
{
  json_sink j;
  json_sink_init(&j, r, 0);
  if(notice_view(r->z, village, year, as_of, &j.s)) {
    answer_error(r, 500, r->z->err);
    return;
  }
  json_sink_end(&j);
}

/* GET /{reg}/print?village=V[&year=Y]: the village's 村务公开 sheet (the
 * domain's notice, as `sanzi notice --village V --year Y`) as a page for
 * printing: A4, the title with the village's name and the date, no menu
 * and no buttons on paper. Only what the notice shows: no ID number. */
void print_page(req *r, const reg *g)
{
  sz *z = r->z;
  const char *village = arg(r, "village"), *year = arg(r, "year");
  if(!village) {
    print_choose(r, g, "请选择要公开的村");
    return;
  }
  if(org_scope_check(z, village, NULL) || strlen(village) != 12 ||
     !db_in_scope(z, village, strlen(village))) {
    answer_error(r, 404, "没有这个村，或不在您的管辖范围内");
    return;
  }
  char y[5];
  snprintf(y, sizeof y, "%.4s", z->today);
  if(year && (strlen(year) != 4 || strspn(year, "0123456789") != 4 ||
              strcmp(year, y) > 0 || strcmp(year, "2000") < 0)) {
    r->status = 422;
    print_choose(r, g, "年度应为 2000 年至今年之间的四位数字");
    r->status = 422;
    return;
  }
  if(year)
    snprintf(y, sizeof y, "%s", year);
  /* the year's end, or today while it runs (as `sanzi notice`) */
  char as_of[11];
  snprintf(as_of, sizeof as_of, "%s-12-31", y);
  if(strcmp(as_of, z->today) > 0)
    snprintf(as_of, sizeof as_of, "%s", z->today);
  if(r->json) {
    notice_json(r, village, atoi(y), as_of);
    return;
  }
  char title[256];
  notice_title(z, village, title, sizeof title);
  sbuf *o = &r->out;
  sb_addstr(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta "
               "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
               "device-width, initial-scale=1\"><title>");
  html_escs(o, title);
  sb_addstr(o, "</title><link rel=\"stylesheet\" href=\"/static/print.css\">"
               "</head><body><nav class=\"noprint\" aria-label=\"操作\">"
               "<a href=\"/\">返回首页</a> <button type=\"button\" "
               "id=\"print\" hidden>打印</button> <span class=\"hint\">用浏览器"
               "的“打印”（Ctrl+P）打印本页，纸张 A4。</span></nav>"
               "<main class=\"sheet\"><h1>");
  html_escs(o, title);
  sb_addf(o, "</h1><p class=\"period\">公开期间：%s 年（截至 %s）</p>", y,
          as_of);
  /* each part under its heading ("一、资产"), ending in its 合计 row */
  html_sink h;
  html_sink_init(&h, r, NULL, 0, 0);
  int rc = notice_view(z, village, atoi(y), as_of, &h.s);
  html_sink_free(&h);
  if(rc) {
    answer_error(r, 500, z->err);
    return;
  }
  public_qr_figure(r, village); /* the public page's QR code (public.c) */
  sb_addstr(o, "<p class=\"sign\"><span>村务监督委员会主任（签字）：＿＿＿＿＿＿"
               "</span>　<span>委员（签字）：＿＿＿＿＿＿　＿＿＿＿＿＿</span></p>"
               "<p class=\"sign\">公开日期：　　　　年　　月　　日</p></main>"
               "<script src=\"/static/print.js\"></script></body></html>\n");
}
