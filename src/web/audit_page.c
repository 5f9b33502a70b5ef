/* audit_page.c: /audit/… (doc/web.md "The audit"): the village
 * classification and the findings of a year for every role in its scope,
 * each finding linked to its record; the export for 县级, 审计 and 管理员
 * as one ZIP (the CSV files, the workbook, manifest.txt: what `sanzi audit
 * export --format both` writes), built in a job of its own (web_job) into
 * the server's private directory, its progress on a page that reloads
 * itself, then the download and the manifest's chain head. Only its
 * starter sees it; it is swept after an hour, like the uploads.
 *
 * Every figure is the domain's (domain/audit.h): audit_open with the
 * user's scope, or a village or township within it; the export is
 * audit_export, refused by the domain to the other roles (403). */
#include "web/web_impl.h"
#include "domain/audit.h"
#include "domain/registers.h"
#include "base/version.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

/* The year of the path ("/audit/2025…"): 0 when it is not four digits. */
static int path_year(const char *s, const char **rest)
{
  if(strspn(s, "0123456789") != 4 || (s[4] && s[4] != '/'))
    return 0;
  *rest = s + 4;
  return atoi(s);
}

/* The audit's scope: the filter village or township, narrowed to the
 * user's scope when the township contains it (filter_ok lets a list name
 * the township of a clerk's village: the audit reads by the code it is
 * given, so it is given the user's), or the user's whole scope. */
static void audit_scope(req *r, const char **vil, const char **town)
{
  const char *sc = r->u.scope;
  if(*town && sc[0] && strlen(*town) < strlen(sc))
    *town = NULL;
  if(!*vil && !*town && sc[0]) {
    if(strlen(sc) == 12)
      *vil = sc;
    else
      *town = sc;
  }
}

/* The audit of year for the filters village or township (within the
 * user's scope: else 404), or for the user's whole scope. NULL when it
 * was answered (404, or 422 with the domain's reason: a year not begun). */
static audit *open_for(req *r, int year, const char *vil, const char *town)
{
  if((vil || town) && !filter_ok(r, vil, town)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return NULL;
  }
  audit_scope(r, &vil, &town);
  audit *a = audit_open(r->z, year, vil, town);
  if(!a && !db_fault(r->z))
    answer_error(r, 422, r->z->err);
  return a;
}

/* The filter form of the pages: village, township (and the finding's
 * code on the findings page). */
static void filters(req *r, int year, int findings)
{
  sbuf *o = &r->out;
  sb_addf(o, "<form method=\"get\" action=\"/audit/%d%s\" class=\"filters\">",
          year, findings ? "/findings" : "");
  if(findings) {
    const char *code = arg(r, "code");
    sb_addstr(o, "<label for=\"code\">问题类别</label><select id=\"code\" "
                 "name=\"code\"><option value=\"\">全部</option>");
    for(int i = 0; i < audit_nfinding_kinds; i++) {
      const finding_kind *k = &audit_finding_kinds[i];
      sb_addf(o, "<option value=\"%s\"%s>%s %s</option>", k->code,
              code && !strcmp(code, k->code) ? " selected" : "", k->code,
              k->name);
    }
    sb_addstr(o, "</select>");
  }
  sb_addstr(o, "<label for=\"township\">乡镇代码</label><input id=\"township\" "
               "name=\"township\" inputmode=\"numeric\" maxlength=\"12\" "
               "value=\"");
  html_escs(o, arg(r, "township"));
  sb_addstr(o, "\"><label for=\"village\">村代码</label><input id=\"village\" "
               "name=\"village\" inputmode=\"numeric\" maxlength=\"12\" "
               "value=\"");
  html_escs(o, arg(r, "village"));
  sb_addstr(o, "\"><button type=\"submit\">查询</button></form>");
}

/* The tabs of a year: 村级分类, 审计发现, and the export for its roles. */
static void year_nav(req *r, int year, int at)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<nav class=\"tabs\" aria-label=\"审计\"><ul>");
  static const char *const name[] = {"村级分类", "审计发现"};
  static const char *const path[] = {"", "/findings"};
  for(int i = 0; i < 2; i++)
    sb_addf(o, "<li><a href=\"/audit/%d%s\"%s>%s</a></li>", year, path[i],
            i == at ? " aria-current=\"page\"" : "", name[i]);
  sb_addf(o, "<li><a href=\"/audit/%d\">上一年度</a></li>"
             "<li><a href=\"/audit/%d\">下一年度</a></li></ul></nav>",
          year - 1, year + 1);
}

/* ---- the classification ---- */

/* How many villages in each band (the column 本年类别 of the table). */
typedef struct bands {
  asink s;
  int col;
  long n[4];
} bands;

static const char *const band_names[] = {"空白村", "薄弱村", "一般村", "较强村"};

static int bands_begin(asink *s, const atable *t)
{
  bands *b = (bands *)s;
  b->col = -1;
  for(int i = 0; i < t->ncols; i++)
    if(!strcmp(t->cols[i].zh, "本年类别"))
      b->col = i;
  return 0;
}

static int bands_row(asink *s, const acell *c)
{
  bands *b = (bands *)s;
  for(int k = 0; b->col >= 0 && k < 4; k++)
    if(!c[b->col].null && c[b->col].s && !strcmp(c[b->col].s, band_names[k]))
      b->n[k]++;
  return 0;
}

static int bands_end(asink *s)
{
  (void)s;
  return 0;
}

static void classify_page(req *r, int year)
{
  const char *vil = arg(r, "village"), *town = arg(r, "township");
  audit *a = open_for(r, year, vil, town);
  if(!a)
    return;
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 0);
    int rc = audit_classify(a, &j.s);
    long nf = rc ? -1 : audit_finding_count(a);
    if(rc || nf < 0) {
      audit_close(a);
      answer_error(r, 500, r->z->err);
      return;
    }
    sb_addf(&r->out, ",\"as_of\":\"%s\",\"findings\":%ld", audit_ref_date(a),
            nf);
    json_sink_end(&j);
    audit_close(a);
    return;
  }
  char title[64], scope[512];
  snprintf(title, sizeof title, "%d 年度审计：村级分类", year);
  html_begin(r, title);
  sbuf *o = &r->out;
  year_nav(r, year, 0);
  audit_scope_text(a, scope, sizeof scope);
  long nf = audit_finding_count(a);
  sb_addstr(o, "<p class=\"scope\">范围：");
  html_escs(o, scope);
  sb_addf(o, "；参考日期 %s；审计发现 <a href=\"/audit/%d/findings",
          audit_ref_date(a), year);
  if(vil || town) {
    sb_addstr(o, vil ? "?village=" : "?township=");
    url_esc(o, vil ? vil : town);
  }
  sb_addf(o, "\">%ld 项</a></p>", nf < 0 ? 0 : nf);
  filters(r, year, 0);
  if(role_may(r->u.role, STEP_AUDIT_EXPORT)) {
    sb_addf(o, "<form method=\"post\" action=\"/audit/%d/export\" "
               "class=\"filters\"><input type=\"hidden\" name=\"csrf\" "
               "value=\"",
            year);
    html_escs(o, r->u.csrf);
    sb_addstr(o, "\">");
    if(vil || town) {
      sb_addf(o, "<input type=\"hidden\" name=\"%s\" value=\"",
              vil ? "village" : "township");
      html_escs(o, vil ? vil : town);
      sb_addstr(o, "\">");
    }
    sb_addstr(o, "<button type=\"submit\">导出审计资料（ZIP）</button> "
                 "<span class=\"hint\">各表 CSV 文件、工作簿和清单"
                 "（manifest.txt），在后台生成</span></form>");
  }
  sb_addstr(o, "<p class=\"hint\">经营收入 = 经营收入 + 投资收益；空白村：无经营收入；"
               "薄弱村、一般村、较强村按参数 classify.weak_below、"
               "classify.general_below 划分。</p>");
  bands b = {{bands_begin, bands_row, bands_end, ""}, -1, {0}};
  int rc = audit_classify(a, &b.s);
  if(rc == 0) {
    sb_addstr(o, "<table class=\"list bands\"><caption class=\"hint\">各类村个数"
                 "</caption><thead><tr>");
    for(int k = 0; k < 4; k++)
      sb_addf(o, "<th scope=\"col\" class=\"num\">%s</th>", band_names[k]);
    sb_addstr(o, "</tr></thead><tbody><tr>");
    for(int k = 0; k < 4; k++)
      sb_addf(o, "<td class=\"num\">%ld</td>", b.n[k]);
    sb_addstr(o, "</tr></tbody></table>");
  }
  html_sink h;
  html_sink_init(&h, r, NULL, 0, 0);
  if(rc == 0)
    rc = audit_classify(a, &h.s);
  html_sink_free(&h);
  audit_close(a);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  html_end(r);
}

/* ---- the findings ---- */

/* A finding's record: the page it is on ("/asset/CODE"), found by its
 * code in the registers and the procedures, or "" (a month, several
 * accounts). */
static void record_href(req *r, sqlite3_stmt *st, const char *code, sbuf *to)
{
  sb_reset(to);
  if(!code || !*code)
    return;
  sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
  if(db_step(r->z, st) == SQLITE_ROW) {
    sb_addf(to, "/%s/", (const char *)sqlite3_column_text(st, 0));
    url_esc(to, code);
  }
  sqlite3_reset(st);
}

static sqlite3_stmt *href_stmt(req *r)
{
  static const char *const regs[] = {"asset", "resource", "account",
                                     "contract", "loan", "fund"};
  sbuf q;
  sb_init(&q);
  for(size_t i = 0; i < ARRAY_SIZE(regs); i++) {
    const reg *g = reg_find(regs[i]);
    if(g)
      sb_addf(&q, "SELECT '%s' FROM \"%s\" WHERE \"%s\" = ?1 UNION ALL ",
              g->name, g->name, reg_key(g));
  }
  sb_addstr(&q, "SELECT 'disposal' FROM disposal WHERE code = ?1 UNION ALL "
                "SELECT 'subsidy' FROM subsidy WHERE code = ?1 LIMIT 1");
  sqlite3_stmt *st = db_prepare(r->z, q.buf);
  sb_free(&q);
  return st;
}

/* The findings as the page shows them: those of code (NULL: all),
 * numbered again, each record linked. */
typedef struct finds {
  asink s;
  req *r;
  const char *code;
  sqlite3_stmt *href;
  sbuf to;
  long n;
} finds;

static int finds_begin(asink *s, const atable *t)
{
  finds *f = (finds *)s;
  (void)t;
  if(f->r->json)
    sb_addstr(&f->r->out, "{\"rows\":[");
  else
    sb_addstr(&f->r->out,
              "<div class=\"scroll\"><table class=\"list\"><thead><tr>"
              "<th scope=\"col\" class=\"num\">序号</th><th scope=\"col\">代码"
              "</th><th scope=\"col\">问题</th><th scope=\"col\">村代码</th>"
              "<th scope=\"col\">村名称</th><th scope=\"col\">记录</th>"
              "<th scope=\"col\">说明</th></tr></thead><tbody>");
  return 0;
}

/* The cells of audit_findings: 序号, 代码, 问题, 村代码, 村名称, 记录, 说明. */
static int finds_row(asink *s, const acell *c)
{
  finds *f = (finds *)s;
  const char *code = c[1].s ? c[1].s : "";
  if(f->code && strcmp(code, f->code))
    return 0;
  f->n++;
  sbuf *o = &f->r->out;
  record_href(f->r, f->href, c[5].null ? NULL : c[5].s, &f->to);
  if(f->r->json) {
    static const char *const keys[] = {"", "code", "name", "village",
                                       "village_name", "record", "message"};
    sb_addf(o, "%s{\"no\":%ld", f->n > 1 ? "," : "", f->n);
    for(int i = 1; i < 7; i++) {
      sb_addf(o, ",\"%s\":", keys[i]);
      cell_json(o, K_TEXT, &c[i]);
    }
    sb_addstr(o, ",\"href\":");
    if(f->to.len)
      json_string(o, f->to.buf, f->to.len);
    else
      sb_addstr(o, "null");
    sb_addch(o, '}');
    return 0;
  }
  sb_addf(o, "<tr><td class=\"num\">%ld</td>", f->n);
  for(int i = 1; i < 7; i++) {
    sb_addstr(o, "<td>");
    if(i == 5 && f->to.len) {
      sb_addf(o, "<a href=\"%s\">", f->to.buf);
      html_escs(o, c[i].s);
      sb_addstr(o, "</a>");
    } else
      html_escs(o, c[i].null ? "" : c[i].s);
    sb_addstr(o, "</td>");
  }
  sb_addstr(o, "</tr>");
  return 0;
}

static int finds_end(asink *s)
{
  finds *f = (finds *)s;
  if(f->r->json)
    sb_addf(&f->r->out, "],\"total\":%ld}", f->n);
  else {
    if(!f->n)
      sb_addstr(&f->r->out, "<tr><td colspan=\"7\" class=\"none\">没有审计发现"
                            "</td></tr>");
    sb_addf(&f->r->out, "</tbody><tfoot><tr class=\"total\"><th scope=\"row\" "
                        "colspan=\"7\">共 %ld 项</th></tr></tfoot></table>"
                        "</div>",
            f->n);
  }
  return 0;
}

static void findings_page(req *r, int year)
{
  const char *vil = arg(r, "village"), *town = arg(r, "township");
  const char *code = arg(r, "code");
  int known = !code;
  for(int i = 0; code && i < audit_nfinding_kinds; i++)
    known |= !strcmp(code, audit_finding_kinds[i].code);
  if(!known) {
    answer_error(r, 400, "没有这个审计发现代码");
    return;
  }
  audit *a = open_for(r, year, vil, town);
  if(!a)
    return;
  char title[64], scope[512];
  finds f = {{finds_begin, finds_row, finds_end, ""}, r, code, NULL, {0}, 0};
  sb_init(&f.to);
  if(r->json)
    r->ctype = "application/json; charset=utf-8";
  else {
    snprintf(title, sizeof title, "%d 年度审计：审计发现", year);
    html_begin(r, title);
    year_nav(r, year, 1);
    audit_scope_text(a, scope, sizeof scope);
    sb_addstr(&r->out, "<p class=\"scope\">范围：");
    html_escs(&r->out, scope);
    sb_addf(&r->out, "；参考日期 %s。每项发现链接到它的记录。</p>",
            audit_ref_date(a));
    filters(r, year, 1);
  }
  f.href = href_stmt(r);
  long n;
  int rc = audit_findings(a, &f.s, &n);
  sqlite3_finalize(f.href);
  sb_free(&f.to);
  audit_close(a);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  if(!r->json)
    html_end(r);
}

/* ---- the export ---- */

/* An export's files in the private directory: ID.job (its state, one
 * "key=value" a line: user, year, state running|done|failed, done,
 * total, head, findings, error), ID.zip, and ID.d while it is built. */
typedef struct xjob {
  char id[33];
  int year;
  char village[16], township[16];
  char dir[2048];    /* the private directory */
  char anchors[4096]; /* DB.anchors */
  int64_t user;
  int done, total;
} xjob;

/* The exports one user may have kept at a time (each an hour). */
#define EXPORTS_KEPT 10
#define EXPORTS_KEPT_S "10"

static void job_path(char *out, size_t n, const char *dir, const char *id,
                     const char *ext)
{
  snprintf(out, n, "%s/%s%s", dir, id, ext);
}

/* Writes the job's state (replacing it in one step). */
static void job_state(const xjob *j, const char *state, const char *head,
                      long findings, const char *error)
{
  char path[2200], tmp[2200];
  job_path(path, sizeof path, j->dir, j->id, ".job");
  job_path(tmp, sizeof tmp, j->dir, j->id, ".job.tmp");
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
  if(!fp) {
    if(fd >= 0)
      close(fd);
    return;
  }
  fprintf(fp, "user=%lld\nyear=%d\nstate=%s\ndone=%d\ntotal=%d\n",
          (long long)j->user, j->year, state, j->done, j->total);
  if(head)
    fprintf(fp, "head=%s\n", head);
  if(findings >= 0)
    fprintf(fp, "findings=%ld\n", findings);
  if(error) {
    fputs("error=", fp);
    for(const char *p = error; *p; p++)
      fputc(*p == '\n' || *p == '\r' ? ' ' : *p, fp);
    fputc('\n', fp);
  }
  if(fclose(fp) == 0)
    rename(tmp, path);
  else
    unlink(tmp);
}

/* The tables written (of total, and one more step: the ZIP). */
static void job_progress(void *ctx, int done, int total)
{
  xjob *j = ctx;
  j->done = done;
  j->total = total + 1;
  job_state(j, "running", NULL, -1, NULL);
}

/* The manifest's chain head ("链头 HEX"), into head (65 bytes). */
static int manifest_head(const char *path, char head[65])
{
  FILE *fp = fopen(path, "r");
  if(!fp)
    return -1;
  char line[1024];
  int rc = -1;
  while(rc && fgets(line, sizeof line, fp)) {
    const char *p = strstr(line, "链头 ");
    if(p && !strncmp(line, "变更日志", strlen("变更日志"))) {
      p += strlen("链头 ");
      if(strspn(p, "0123456789abcdef") == 64) {
        memcpy(head, p, 64);
        head[64] = 0;
        rc = 0;
      }
    }
  }
  fclose(fp);
  return rc;
}

/* Every file of directory d into zip file path (made anew, then renamed
 * into place), and the directory removed. 0, or -1 with err. */
static int zip_dir(const char *d, const char *path, char *err, size_t n)
{
  char tmp[2300];
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  unlink(tmp);
  int ze = 0;
  zip_t *za = zip_open(tmp, ZIP_CREATE | ZIP_EXCL, &ze);
  if(!za) {
    snprintf(err, n, "无法建立 ZIP 文件（libzip 错误 %d）", ze);
    return -1;
  }
  /* In the order of their names: 00-汇总.csv first, manifest.txt last. */
  struct dirent **list = NULL;
  int nl = scandir(d, &list, NULL, alphasort);
  int rc = nl < 0 ? -1 : 0;
  if(rc)
    snprintf(err, n, "无法读取导出目录：%s", strerror(errno));
  for(int i = 0; i < nl; i++) {
    struct dirent *e = list[i];
    if(rc || e->d_name[0] == '.')
      continue;
    char f[2600];
    snprintf(f, sizeof f, "%s/%s", d, e->d_name);
    zip_source_t *src = zip_source_file(za, f, 0, -1);
    if(!src || zip_file_add(za, e->d_name, src, ZIP_FL_ENC_UTF_8) < 0) {
      if(src)
        zip_source_free(src);
      snprintf(err, n, "无法把 %s 加入 ZIP：%s", e->d_name, zip_strerror(za));
      rc = -1;
    }
  }
  for(int i = 0; i < nl; i++)
    free(list[i]);
  free(list);
  if(rc == 0 && zip_close(za)) {
    snprintf(err, n, "无法写出 ZIP 文件：%s", zip_strerror(za));
    zip_discard(za);
    rc = -1;
  } else if(rc)
    zip_discard(za);
  if(rc == 0 && (chmod(tmp, 0600) || rename(tmp, path))) {
    snprintf(err, n, "无法完成 ZIP 文件：%s", strerror(errno));
    rc = -1;
  }
  if(rc)
    unlink(tmp);
  return rc;
}

/* Removes directory d and the files in it. */
static void remove_dir(const char *d)
{
  DIR *dir = opendir(d);
  if(!dir)
    return;
  struct dirent *e;
  while((e = readdir(dir)))
    if(strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      unlinkat(dirfd(dir), e->d_name, 0);
  closedir(dir);
  rmdir(d);
}

/* The job: the export into ID.d, zipped into ID.zip. */
static void export_job(sz *z, void *arg)
{
  xjob *j = arg;
  if(!z) {
    job_state(j, "failed", NULL, -1, "无法打开数据库");
    return;
  }
  char d[2200], zpath[2200], man[2400], err[1024];
  job_path(d, sizeof d, j->dir, j->id, ".d");
  job_path(zpath, sizeof zpath, j->dir, j->id, ".zip");
  audit *a = audit_open(z, j->year, j->village[0] ? j->village : NULL,
                        j->township[0] ? j->township : NULL);
  if(!a) {
    job_state(j, "failed", NULL, -1, z->err);
    return;
  }
  audit_export_opts o = {d, 1, 1, SANZI_VERSION, j->anchors, job_progress, j};
  long nf = 0;
  int rc = audit_export(a, &o, &nf);
  audit_close(a);
  if(rc) {
    job_state(j, "failed", NULL, -1, z->err);
    remove_dir(d);
    return;
  }
  char head[65] = "";
  snprintf(man, sizeof man, "%s/manifest.txt", d);
  if(manifest_head(man, head)) {
    job_state(j, "failed", NULL, -1, "清单（manifest.txt）中没有链头");
    remove_dir(d);
    return;
  }
  rc = zip_dir(d, zpath, err, sizeof err);
  remove_dir(d);
  j->done = j->total;
  if(rc)
    job_state(j, "failed", NULL, -1, err);
  else
    job_state(j, "done", head, nf, NULL);
}

static int jobs_kept(req *r);

/* POST /audit/{year}/export (fields village or township, optional): the
 * domain refuses the roles that may not export (403); the job starts and
 * the answer is its page (303), or for JSON 202 {"id":…,"url":…}. */
static void export_post(req *r, int year)
{
  if(may(r->z, STEP_AUDIT_EXPORT))
    return;
  const char *vil = kvs_get(&r->f, "village"), *town = kvs_get(&r->f, "township");
  vil = vil && *vil ? vil : NULL;
  town = town && *town ? town : NULL;
  if((vil || town) && !filter_ok(r, vil, town)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  audit_scope(r, &vil, &town);
  /* The year is checked now, so that a year not begun is said at once. */
  audit *a = audit_open(r->z, year, vil, town);
  if(!a) {
    if(!db_fault(r->z))
      answer_error(r, 422, r->z->err);
    return;
  }
  audit_close(a);
  web_sweep(r);
  /* A bound on what one user keeps the server doing and storing. */
  if(jobs_kept(r) >= EXPORTS_KEPT) {
    answer_error(r, 429, "您在一小时内发起的导出已达 " EXPORTS_KEPT_S " 次，"
                         "请使用已生成的导出，或一小时后再试");
    return;
  }
  xjob *j = xcalloc(1, sizeof *j);
  unsigned char b[16];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(j->id, sizeof j->id, b, sizeof b);
  j->year = year;
  snprintf(j->village, sizeof j->village, "%s", vil ? vil : "");
  snprintf(j->township, sizeof j->township, "%s", town ? town : "");
  snprintf(j->dir, sizeof j->dir, "%s", web_upload_dir(r));
  snprintf(j->anchors, sizeof j->anchors, "%s.anchors", r->z->path);
  j->user = r->u.id;
  j->total = audit_nparts + 1;
  job_state(j, "running", NULL, -1, NULL);
  char id[33];
  snprintf(id, sizeof id, "%s", j->id);
  if(web_job(r, export_job, j)) {
    char p[2200];
    job_path(p, sizeof p, j->dir, j->id, ".job");
    unlink(p);
    free(j);
    answer_error(r, 503, "服务器上同时进行的导出已达上限，请稍后再试");
    return;
  }
  char to[128];
  snprintf(to, sizeof to, "/audit/%d/export/%s", year, id);
  if(r->json) {
    r->status = 202;
    r->ctype = "application/json; charset=utf-8";
    sb_addf(&r->out, "{\"id\":\"%s\",\"url\":\"%s\"}", id, to);
    return;
  }
  answer_redirect(r, to);
}

/* The state of export id as its file says, when the user started it. */
typedef struct xstate {
  char state[16], head[65], error[1024];
  int year, done, total;
  long findings;
  int64_t user;
} xstate;

/* The state file of export id; 0, or -1 when there is none. */
static int read_job(req *r, const char *id, xstate *x)
{
  if(strlen(id) != 32 || strspn(id, "0123456789abcdef") != 32)
    return -1;
  char path[2200];
  job_path(path, sizeof path, web_upload_dir(r), id, ".job");
  FILE *fp = fopen(path, "r");
  if(!fp)
    return -1;
  memset(x, 0, sizeof *x);
  x->findings = -1;
  char line[1200];
  while(fgets(line, sizeof line, fp)) {
    line[strcspn(line, "\n")] = 0;
    char *v = strchr(line, '=');
    if(!v)
      continue;
    *v++ = 0;
    if(!strcmp(line, "user"))
      x->user = strtoll(v, NULL, 10);
    else if(!strcmp(line, "year"))
      x->year = atoi(v);
    else if(!strcmp(line, "state"))
      snprintf(x->state, sizeof x->state, "%s", v);
    else if(!strcmp(line, "done"))
      x->done = atoi(v);
    else if(!strcmp(line, "total"))
      x->total = atoi(v);
    else if(!strcmp(line, "head"))
      snprintf(x->head, sizeof x->head, "%s", v);
    else if(!strcmp(line, "findings"))
      x->findings = atol(v);
    else if(!strcmp(line, "error"))
      snprintf(x->error, sizeof x->error, "%s", v);
  }
  fclose(fp);
  return 0;
}

/* The state of export id for year, when the user started it. */
static int read_state(req *r, const char *id, int year, xstate *x)
{
  if(read_job(r, id, x))
    return -1;
  /* Only its starter sees it; anyone else is told there is none. */
  return x->user == r->u.id && x->year == year ? 0 : -1;
}

/* The exports the user started that are still kept (an hour: web_sweep). */
static int jobs_kept(req *r)
{
  DIR *d = opendir(web_upload_dir(r));
  if(!d)
    return 0;
  int n = 0;
  struct dirent *e;
  while((e = readdir(d))) {
    xstate x;
    char id[33];
    if(strlen(e->d_name) != 36 || strcmp(e->d_name + 32, ".job"))
      continue;
    snprintf(id, sizeof id, "%.32s", e->d_name);
    if(!read_job(r, id, &x) && x.user == r->u.id)
      n++;
  }
  closedir(d);
  return n;
}

static void export_page(req *r, int year, const char *id)
{
  xstate x;
  if(read_state(r, id, year, &x)) {
    answer_error(r, 404, "没有这次导出（导出只给发起人看，一小时后删除）");
    return;
  }
  int done = !strcmp(x.state, "done"), failed = !strcmp(x.state, "failed");
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sbuf *o = &r->out;
    sb_addf(o, "{\"id\":\"%s\",\"year\":%d,\"state\":\"%s\",\"done\":%d,"
               "\"total\":%d",
            id, year, x.state, x.done, x.total);
    if(done)
      sb_addf(o, ",\"head\":\"%s\",\"findings\":%ld,\"zip\":"
                 "\"/audit/%d/export/%s/zip\"",
              x.head, x.findings, year, id);
    if(failed) {
      sb_addstr(o, ",\"error\":");
      json_string(o, x.error, strlen(x.error));
    }
    sb_addch(o, '}');
    return;
  }
  if(!done && !failed)
    r->refresh = 2;
  char title[64];
  snprintf(title, sizeof title, "%d 年度审计资料导出", year);
  html_begin(r, title);
  sbuf *o = &r->out;
  if(failed) {
    sb_addstr(o, "<p class=\"error\" role=\"alert\">导出失败：");
    html_escs(o, x.error);
    sb_addf(o, "</p><p><a href=\"/audit/%d\">返回审计</a></p>", year);
  } else if(!done) {
    sb_addf(o, "<p role=\"status\">正在生成：已完成 %d / %d 步（各表，然后打包）。"
               "本页每 2 秒自动刷新。</p><p><progress max=\"%d\" "
               "value=\"%d\" aria-label=\"导出进度\">%d / %d</progress></p>",
            x.done, x.total, x.total, x.done, x.done, x.total);
  } else {
    sb_addf(o, "<p class=\"ok\" role=\"status\">已生成：审计发现 %ld 项。</p>"
               "<p><a class=\"button\" href=\"/audit/%d/export/%s/zip\" "
               "download>下载审计资料（ZIP）</a></p>"
               "<table class=\"fields\"><tbody><tr><th scope=\"row\">"
               "变更日志链头</th><td><code id=\"head\">%s</code></td></tr>"
               "</tbody></table><p class=\"hint\">ZIP 内有各表的 CSV 文件、"
               "工作簿和 manifest.txt（每个文件的行数和 SHA-256、变更日志的"
               "链头）。链头可与“变更日志 → 立即校验”或 sanzi log verify 的"
               "结果核对。文件一小时后从服务器删除。</p>",
            x.findings, year, id, x.head);
  }
  html_end(r);
}

static void export_zip(req *r, int year, const char *id)
{
  xstate x;
  if(read_state(r, id, year, &x) || strcmp(x.state, "done")) {
    answer_error(r, 404, "没有这次导出（导出只给发起人看，一小时后删除）");
    return;
  }
  char path[2200];
  job_path(path, sizeof path, web_upload_dir(r), id, ".zip");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if(fd < 0) {
    answer_error(r, 404, "没有这次导出（导出只给发起人看，一小时后删除）");
    return;
  }
  r->outfd = fd;
  r->ctype = "application/zip";
  char ascii[32], name[64];
  snprintf(ascii, sizeof ascii, "audit-%d.zip", year);
  snprintf(name, sizeof name, "年度审计-%d.zip", year);
  disposition(r, ascii, name);
}

/* ---- the route ---- */

void audit_route(req *r, int post)
{
  const char *p = r->path + strlen("/audit");
  if(!post && (!*p || !strcmp(p, "/"))) {
    /* Last year: the one audited at the year's start. */
    char to[32];
    snprintf(to, sizeof to, "/audit/%.4d", atoi(r->z->today) - 1);
    answer_redirect(r, to);
    return;
  }
  const char *rest;
  int year = path_year(p + 1, &rest);
  if(!year) {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(!post && !*rest) {
    classify_page(r, year);
    return;
  }
  if(!post && !strcmp(rest, "/findings")) {
    findings_page(r, year);
    return;
  }
  if(post && !strcmp(rest, "/export")) {
    export_post(r, year);
    return;
  }
  if(!post && !strncmp(rest, "/export/", 8)) {
    char id[40];
    const char *s = rest + 8, *slash = strchr(s, '/');
    size_t n = slash ? (size_t)(slash - s) : strlen(s);
    if(n < sizeof id) {
      snprintf(id, sizeof id, "%.*s", (int)n, s);
      if(!slash) {
        export_page(r, year, id);
        return;
      }
      if(!strcmp(slash, "/zip")) {
        export_zip(r, year, id);
        return;
      }
    }
  }
  answer_error(r, 404, "页面不存在");
}
