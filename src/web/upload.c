/* upload.c: importing a sheet in the browser (doc/web.md): the upload (a
 * CSV, .xlsx or .xls, whatever `sanzi REGISTER import` takes) is checked
 * whole by the same import as the command line's --dry-run, and the
 * preview shows the rows to add and update and every bad cell; nothing is
 * written until the user confirms, when the same file is imported (all or
 * nothing, checked again). The file waits in the server's private upload
 * directory under a name of the server's, with the user's id and the
 * register in it, so that only they can confirm it, and only into the
 * register it was checked for. */
#include "web/web_impl.h"
#include "domain/import.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The upload's encoding from the form (auto when absent). */
static enum csv_encoding encoding_of(req *r)
{
  const char *e = kvs_get(&r->f, "encoding");
  if(e && !strcmp(e, "gb18030"))
    return ENC_GB18030;
  if(e && !strcmp(e, "utf-8"))
    return ENC_UTF8;
  return ENC_AUTO;
}

static void hidden(sbuf *o, const char *name, const char *value)
{
  sb_addf(o, "<input type=\"hidden\" name=\"%s\" value=\"", name);
  html_escs(o, value);
  sb_addstr(o, "\">");
}

void import_page(req *r, const reg *g)
{
  if(may(r->z, STEP_REGISTER))
    return; /* 403 with the domain's reason (web.c) */
  char title[64];
  snprintf(title, sizeof title, "导入%s", g->zh);
  html_begin(r, title);
  sbuf *o = &r->out;
  sb_addf(o, "<p>上传 Excel（.xlsx、.xls）或 CSV 表格，列名与<a href=\"/%s/"
             "template.csv\">模板</a>相同。先检查，全部无误后再确认导入；"
             "有错误时一行也不导入。</p>",
          g->name);
  sb_addf(o, "<form method=\"post\" action=\"/%s/import\" "
             "enctype=\"multipart/form-data\" class=\"record\">",
          g->name);
  hidden(o, "csrf", r->u.csrf);
  sb_addstr(o, "<div class=\"field\"><label for=\"f-file\"><span class=\"req\">*"
               "</span>表格文件</label><input id=\"f-file\" name=\"file\" "
               "type=\"file\" required accept=\".csv,.xlsx,.xls,text/csv\"></div>"
               "<div class=\"field\"><label for=\"f-encoding\">CSV 编码</label>"
               "<select id=\"f-encoding\" name=\"encoding\"><option value=\"auto\">"
               "自动识别</option><option value=\"utf-8\">UTF-8</option><option "
               "value=\"gb18030\">GBK / GB18030</option></select></div>"
               "<div class=\"field\"><label for=\"f-update\">已有编号的行</label>"
               "<select id=\"f-update\" name=\"update\"><option value=\"\">报错"
               "（只新增）</option><option value=\"1\">更新该记录</option>"
               "</select></div><p class=\"actions\"><button type=\"submit\">"
               "上传并检查</button></p></form>");
  html_end(r);
}

/* The reasons as a table (行, 列, 问题). */
static void errors_table(sbuf *o, const errlist *e)
{
  sb_addstr(o, "<div class=\"scroll\"><table class=\"list errors\"><thead><tr>"
               "<th scope=\"col\" class=\"num\">行</th><th scope=\"col\">列</th>"
               "<th scope=\"col\">问题</th></tr></thead><tbody>");
  for(size_t i = 0; i < e->n; i++) {
    sb_addf(o, "<tr><td class=\"num\">%ld</td><td>", e->v[i].row);
    html_escs(o, e->v[i].column ? e->v[i].column : "");
    sb_addstr(o, "</td><td>");
    html_escs(o, e->v[i].msg);
    sb_addstr(o, "</td></tr>");
  }
  if(e->total > (long)e->n)
    sb_addf(o, "<tr><td colspan=\"3\">……另有 %ld 处错误</td></tr>",
            e->total - (long)e->n);
  sb_addstr(o, "</tbody></table></div>");
}

/* The reasons name the file the user sent, never the server's path of
 * its copy (where the database lies is not the client's business). */
static void hide_path(errlist *e, const char *path, const char *name)
{
  size_t pl = strlen(path);
  if(!name || !*name)
    name = "上传的文件";
  for(size_t i = 0; pl && i < e->n; i++) {
    char *at;
    while((at = strstr(e->v[i].msg, path))) {
      sbuf m;
      sb_init(&m);
      sb_add(&m, e->v[i].msg, (size_t)(at - e->v[i].msg));
      sb_addstr(&m, name);
      sb_addstr(&m, at + pl);
      free(e->v[i].msg);
      e->v[i].msg = sb_detach(&m);
    }
  }
}

/* The answer in JSON: the reasons (ok 0), or the counts, the upload's id,
 * the earlier import of the same file and the likely duplicates (dups,
 * or NULL) that the confirmation must accept. */
static void result_json(req *r, const import_result *res, const char *id,
                        int ok, const errlist *dups)
{
  sbuf *o = &r->out;
  sb_reset(o);
  r->ctype = "application/json; charset=utf-8";
  if(!ok) {
    sb_addstr(o, "{\"errors\":[");
    for(size_t i = 0; i < res->errs.n; i++) {
      const erritem *it = &res->errs.v[i];
      const char *col = it->column ? it->column : "";
      sb_addf(o, "%s{\"row\":%ld,\"field\":", i ? "," : "", it->row);
      json_string(o, col, strlen(col));
      sb_addstr(o, ",\"message\":");
      json_string(o, it->msg, strlen(it->msg));
      sb_addch(o, '}');
    }
    sb_addf(o, "],\"total\":%ld}", res->nerrors);
    return;
  }
  sb_addf(o, "{\"inserted\":%ld,\"updated\":%ld,\"unchanged\":%ld,"
             "\"encoding\":\"%s\"",
          res->inserted, res->updated, res->unchanged, res->encoding);
  if(id)
    sb_addf(o, ",\"id\":\"%s\"", id);
  if(res->before) {
    sb_addf(o, ",\"again\":{\"entry\":%lld,\"at\":", (long long)res->before);
    json_string(o, res->before_at, strlen(res->before_at));
    sb_addstr(o, ",\"operator\":");
    json_string(o, res->before_by, strlen(res->before_by));
    sb_addstr(o, ",\"file\":");
    json_string(o, res->before_file, strlen(res->before_file));
    sb_addch(o, '}');
  }
  if(dups) {
    sb_addstr(o, ",\"duplicates\":[");
    for(size_t i = 0; i < dups->n; i++) {
      sb_addf(o, "%s{\"row\":%ld,\"message\":", i ? "," : "",
              dups->v[i].row);
      json_string(o, dups->v[i].msg, strlen(dups->v[i].msg));
      sb_addch(o, '}');
    }
    sb_addch(o, ']');
  }
  sb_addch(o, '}');
}

/* The earlier import of the same file, said in a sentence. */
static void before_text(sbuf *o, const import_result *res)
{
  sb_addf(o, "这个文件（内容完全相同）已于 %s 由 ", res->before_at);
  html_escs(o, res->before_by);
  sb_addf(o, " 导入过（变更日志第 %lld 条，当时的文件名“", (long long)res->before);
  html_escs(o, res->before_file);
  sb_addstr(o, "”）。");
}

void import_post(req *r, const reg *g)
{
  if(!r->upath[0] || r->ubytes == 0) {
    answer_error(r, 400, "请选择要上传的表格文件");
    return;
  }
  import_opts o;
  memset(&o, 0, sizeof o);
  o.file = r->upath;
  o.name = r->uname;
  o.enc = encoding_of(r);
  o.dry_run = 1;
  const char *upd = kvs_get(&r->f, "update");
  o.update = upd && !strcmp(upd, "1");
  /* A file imported before is checked all the same: the preview says
   * when and by whom, and the confirmation must say it is meant. */
  o.again = 1;
  import_result res, all;
  memset(&all, 0, sizeof all);
  int rc = reg_import(r->z, g, &o, &res);
  hide_path(&res.errs, r->upath, r->uname);
  /* Refused: when it is only for rows like live records (疑似重复), the
   * check with them let through passes; the preview lists them, and the
   * confirmation must say they are not duplicates. */
  const errlist *dups = NULL;
  if(rc && !r->z->busy) {
    o.allow_duplicates = 1;
    if(reg_import(r->z, g, &o, &all) == 0) {
      dups = &res.errs;
      res.inserted = all.inserted;
      res.updated = all.updated;
      res.unchanged = all.unchanged;
      rc = 0;
    }
    errs_free(&all.errs);
  }
  if(r->z->busy)
    goto done; /* the server answers 503 */
  /* Kept for the confirmation, under the user's id. */
  char id[33] = "";
  if(rc == 0) {
    const char *base = strrchr(r->upath, '/');
    snprintf(id, sizeof id, "%s", base ? base + 1 : "");
    char kept[4200];
    snprintf(kept, sizeof kept, "%s/%lld-%s-%s", web_upload_dir(r),
             (long long)r->u.id, g->name, id);
    if(rename(r->upath, kept) == 0)
      r->ukeep = 1;
    else
      rc = -1;
  }
  if(r->json) {
    r->status = rc ? 422 : 200;
    result_json(r, &res, rc ? NULL : id, rc == 0, dups);
    goto done;
  }
  char title[64];
  snprintf(title, sizeof title, "导入%s：检查结果", g->zh);
  html_begin(r, title);
  sbuf *o2 = &r->out;
  sb_addstr(o2, "<p>文件：");
  html_escs(o2, r->uname);
  sb_addf(o2, "（%s）</p>", res.encoding[0] ? res.encoding : "—");
  if(rc) {
    r->status = 422;
    sb_addf(o2, "<p class=\"error\" role=\"alert\">发现 %ld 处错误，一行也没有导入。"
                "请在表格中改正后重新上传。</p>",
            res.nerrors);
    errors_table(o2, &res.errs);
    sb_addf(o2, "<p><a href=\"/%s/import\">重新上传</a></p>", g->name);
    html_end(r);
    goto done;
  }
  if(res.before) {
    sb_addstr(o2, "<div class=\"warn\" role=\"status\" id=\"again\"><p>");
    before_text(o2, &res);
    sb_addstr(o2, "再次导入同一文件，通常会把同样的记录再登记一遍。</p></div>");
  }
  if(dups) {
    sb_addf(o2, "<div class=\"warn\" role=\"status\" id=\"duplicates\"><p>有 "
                "%ld 行与已有的记录相同（疑似重复）：</p>",
            dups->total);
    errors_table(o2, dups);
    sb_addstr(o2, "<p>如确是另外的记录，请勾选下面的“确认这些疑似重复的记录不是重复”"
                  "（即命令行的 --allow-duplicates）。</p></div>");
  }
  sb_addf(o2, "<p class=\"ok\" role=\"status\">%s：将新增 %ld 行，更新 %ld "
              "行，%ld 行未变。尚未写入，请确认。</p>",
          dups ? "除疑似重复外检查无误" : "检查无误", res.inserted,
          res.updated, res.unchanged);
  sb_addf(o2, "<form method=\"post\" action=\"/%s/import/%s/confirm\" "
              "class=\"record\">",
          g->name, id);
  hidden(o2, "csrf", r->u.csrf);
  hidden(o2, "encoding", kvs_get(&r->f, "encoding") ? kvs_get(&r->f, "encoding")
                                                    : "auto");
  hidden(o2, "update", o.update ? "1" : "");
  hidden(o2, "name", r->uname);
  if(res.before)
    sb_addstr(o2, "<p class=\"check\"><input type=\"checkbox\" id=\"f-again\" "
                  "name=\"again\" value=\"1\" required> <label for=\"f-again\">"
                  "确认再次导入同一文件</label></p>");
  if(dups)
    sb_addstr(o2, "<p class=\"check\"><input type=\"checkbox\" "
                  "id=\"f-duplicates\" name=\"duplicates\" value=\"1\" "
                  "required> <label for=\"f-duplicates\">确认这些疑似重复的"
                  "记录不是重复</label></p>");
  sb_addf(o2, "<p class=\"actions\"><button type=\"submit\">确认导入</button> "
              "<a href=\"/%s\">放弃</a></p></form>",
          g->name);
  html_end(r);
done:
  errs_free(&res.errs);
}

void import_confirm(req *r, const reg *g, const char *id)
{
  /* A role that writes no register is refused as such (403, the domain's
   * table), before whose upload it is. */
  if(may(r->z, STEP_REGISTER))
    return;
  char path[4200];
  if(strlen(id) != 32 || strspn(id, "0123456789abcdef") != 32) {
    answer_error(r, 404, "没有这次上传，或已过期，请重新上传");
    return;
  }
  snprintf(path, sizeof path, "%s/%lld-%s-%s", web_upload_dir(r),
           (long long)r->u.id, g->name, id);
  if(access(path, R_OK)) {
    answer_error(r, 404, "没有这次上传，或已过期，请重新上传");
    return;
  }
  import_opts o;
  memset(&o, 0, sizeof o);
  o.file = path;
  o.name = kvs_get(&r->f, "name");
  o.enc = encoding_of(r);
  const char *upd = kvs_get(&r->f, "update");
  o.update = upd && !strcmp(upd, "1");
  /* what the preview asked the user to confirm */
  const char *again = kvs_get(&r->f, "again");
  const char *dup = kvs_get(&r->f, "duplicates");
  o.again = again && !strcmp(again, "1");
  o.allow_duplicates = dup && !strcmp(dup, "1");
  import_result res;
  int rc = reg_import(r->z, g, &o, &res);
  if(r->z->busy) {
    errs_free(&res.errs); /* the server answers 503; the file waits */
    return;
  }
  hide_path(&res.errs, path, kvs_get(&r->f, "name"));
  /* Imported or refused, the file has served: the user uploads anew. */
  unlink(path);
  if(rc && res.before && !o.again) {
    /* said for the web: the domain's reason names the server's file */
    sbuf m;
    sb_init(&m);
    before_text(&m, &res);
    sb_addstr(&m, "未确认再次导入同一文件，一行也没有导入。");
    errs_clear(&res.errs);
    errs_add(&res.errs, NULL, 0, NULL, NULL, "%s", m.buf);
    res.nerrors = 1;
    sb_free(&m);
  }
  if(r->json) {
    r->status = rc ? 422 : 200;
    result_json(r, &res, NULL, rc == 0, NULL);
    errs_free(&res.errs);
    return;
  }
  char title[64];
  snprintf(title, sizeof title, "导入%s", g->zh);
  html_begin(r, title);
  sbuf *o2 = &r->out;
  if(rc) {
    r->status = 422;
    sb_addf(o2, "<p class=\"error\" role=\"alert\">导入时发现 %ld 处错误，一行也"
                "没有导入。</p>",
            res.nerrors);
    errors_table(o2, &res.errs);
    sb_addf(o2, "<p><a href=\"/%s/import\">重新上传</a></p>", g->name);
  } else
    sb_addf(o2, "<p class=\"ok\" role=\"status\">已导入：新增 %ld 行，更新 %ld 行，"
                "%ld 行未变（变更日志第 %lld 条）。</p><p><a href=\"/%s\">查看%s"
                "</a></p>",
            res.inserted, res.updated, res.unchanged, (long long)res.log_id,
            g->name, g->zh);
  html_end(r);
  errs_free(&res.errs);
}
