/* overdue.c: the contracts' receivables in the browser: on a contract's
 * page its schedule with the receipts (`sanzi contract schedule`), and
 * GET /contract/overdue[.csv|.xlsx]: what is overdue at a date (`sanzi contract
 * overdue`) per village and township, with the days and amounts, in the
 * user's scope (another village or township: 404). */
#include "web/web_impl.h"
#include "base/csvout.h"
#include "base/date.h"
#include "base/i18n.h"
#include "domain/workbook.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the schedule on a contract's page ---- */

/* The schedule's parts through another sink (the page's, or its JSON),
 * under headings of their own; its first part (the contract's head) is
 * left out: the page shows the contract already. */
typedef struct sched_sink {
  asink s;
  asink *to;
  atable t;
  int skip;
} sched_sink;

static int ss_begin(asink *s, const atable *t)
{
  sched_sink *x = (sched_sink *)s;
  const char *k = atable_key(t);
  x->skip = !strcmp(k, "contract");
  if(x->skip)
    return 0;
  x->t = *t;
  x->t.name = !strcmp(k, "instalments") ? "收款计划（按应收日期，先到期先收）"
                                         : "收款情况";
  return x->to->begin(x->to, &x->t);
}

static int ss_row(asink *s, const acell *c)
{
  sched_sink *x = (sched_sink *)s;
  return x->skip ? 0 : x->to->row(x->to, c);
}

static int ss_end(asink *s)
{
  sched_sink *x = (sched_sink *)s;
  return x->skip ? 0 : x->to->end(x->to);
}

int schedule_parts(req *r, const char *code, asink *to)
{
  sched_sink x = {{ss_begin, ss_row, ss_end, ""}, to, {0}, 0};
  return contract_schedule_view(r->z, code, r->z->today, &x.s);
}

void schedule_part(req *r, const char *code)
{
  html_sink h;
  html_sink_init(&h, r, NULL, 0, 0);
  if(schedule_parts(r, code, &h.s))
    sb_addstr(&r->out, "<p class=\"error\">无法计算这份合同的收款计划</p>");
  html_sink_free(&h);
}

/* ---- the overdue list ---- */

/* The overdue view's rows, kept (cells 0..3 and 4 text, 5..8 numbers). */
typedef struct od_line {
  char *text[5];
  int64_t num[4];
} od_line;

typedef struct od_keep {
  asink s;
  const atable *t;
  od_line *v;
  long n, cap;
} od_keep;

static int ok_begin(asink *s, const atable *t)
{
  ((od_keep *)s)->t = t;
  return 0;
}

static int ok_row(asink *s, const acell *c)
{
  od_keep *k = (od_keep *)s;
  if(c[0].s && !strcmp(c[0].s, "合计"))
    return 0; /* the page adds up its own */
  if(k->n == k->cap) {
    k->cap = k->cap ? 2 * k->cap : 32;
    k->v = xrealloc(k->v, (size_t)k->cap * sizeof *k->v);
  }
  od_line *l = &k->v[k->n++];
  for(int i = 0; i < 5; i++)
    l->text[i] = xstrdup(c[i].null || !c[i].s ? "" : c[i].s);
  for(int i = 0; i < 4; i++)
    l->num[i] = c[5 + i].null ? 0 : c[5 + i].i;
  return 0;
}

static int ok_end(asink *s)
{
  (void)s;
  return 0;
}

static void keep_free(od_keep *k)
{
  for(long i = 0; i < k->n; i++)
    for(int j = 0; j < 5; j++)
      free(k->v[i].text[j]);
  free(k->v);
}

/* One village's or township's sums. */
typedef struct od_sum {
  char code[16];
  long n;
  int64_t out;
  int64_t days; /* the longest */
} od_sum;

static od_sum *sum_of(od_sum **v, long *n, const char *code)
{
  for(long i = 0; i < *n; i++)
    if(!strcmp((*v)[i].code, code))
      return &(*v)[i];
  *v = xrealloc(*v, (size_t)(*n + 1) * sizeof **v);
  od_sum *s = &(*v)[(*n)++];
  memset(s, 0, sizeof *s);
  snprintf(s->code, sizeof s->code, "%s", code);
  return s;
}

static int sum_cmp(const void *a, const void *b)
{
  return strcmp(((const od_sum *)a)->code, ((const od_sum *)b)->code);
}

static void money(sbuf *o, int64_t v)
{
  char buf[48];
  acell c = cell_int(v);
  html_escs(o, cell_format(K_MONEY, &c, 1, LANG_ZH, buf));
}

static void org_name(req *r, const char *code)
{
  sqlite3_stmt *st = db_prepare(r->z, "SELECT name FROM org WHERE code = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(db_step(r->z, st) == SQLITE_ROW)
    html_escs(&r->out, (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
}

static void add_sum(od_sum *s, const od_line *l)
{
  s->n++;
  s->out += l->num[2];
  if(l->num[3] > s->days)
    s->days = l->num[3];
}

/* The summary: a row per village, a row per township after its villages,
 * then 合计. */
static void summary(req *r, const od_keep *k, const char *as_of)
{
  od_sum *vil = NULL, *town = NULL, all;
  long nv = 0, nt = 0;
  memset(&all, 0, sizeof all);
  for(long i = 0; i < k->n; i++) {
    char t[10];
    snprintf(t, sizeof t, "%.9s", k->v[i].text[1]);
    add_sum(sum_of(&vil, &nv, k->v[i].text[1]), &k->v[i]);
    add_sum(sum_of(&town, &nt, t), &k->v[i]);
    add_sum(&all, &k->v[i]);
  }
  qsort(vil, (size_t)nv, sizeof *vil, sum_cmp);
  qsort(town, (size_t)nt, sizeof *town, sum_cmp);
  sbuf *o = &r->out;
  sb_addstr(o, "<h2>按村、乡镇汇总</h2><div class=\"scroll\"><table class=\""
               "list\"><thead><tr><th scope=\"col\">乡镇</th><th scope=\"col\">"
               "村</th><th scope=\"col\" class=\"num\">逾期笔数</th><th scope="
               "\"col\" class=\"num\">逾期未收金额</th><th scope=\"col\" class="
               "\"num\">最长逾期天数</th></tr></thead><tbody>");
  for(long ti = 0; ti < nt; ti++) {
    for(long i = 0; i < nv; i++) {
      od_sum *s = &vil[i];
      if(strncmp(s->code, town[ti].code, 9))
        continue;
      sb_addstr(o, "<tr><td></td><td><a href=\"/contract/overdue?village=");
      url_esc(o, s->code);
      sb_addstr(o, "&amp;as_of=");
      url_esc(o, as_of);
      sb_addstr(o, "\">");
      org_name(r, s->code);
      sb_addf(o, "</a>（%s）</td><td class=\"num\">%ld</td><td class=\"num\">",
              s->code, s->n);
      money(o, s->out);
      sb_addf(o, "</td><td class=\"num\">%lld</td></tr>", (long long)s->days);
    }
    od_sum *s = &town[ti];
    sb_addstr(o, "<tr class=\"subtotal\"><th scope=\"row\">");
    org_name(r, s->code);
    sb_addf(o, "（%s）</th><td>乡镇小计</td><td class=\"num\">%ld</td><td "
               "class=\"num\">",
            s->code, s->n);
    money(o, s->out);
    sb_addf(o, "</td><td class=\"num\">%lld</td></tr>", (long long)s->days);
  }
  if(!nv)
    sb_addstr(o, "<tr><td colspan=\"5\" class=\"none\">没有逾期的应收款</td></tr>");
  sb_addf(o, "</tbody><tfoot><tr class=\"total\"><th scope=\"row\" colspan="
             "\"2\">合计</th><td class=\"num\">%ld</td><td class=\"num\">",
          all.n);
  money(o, all.out);
  sb_addf(o, "</td><td class=\"num\">%lld</td></tr></tfoot></table></div>",
          (long long)all.days);
  free(vil);
  free(town);
}

/* The instalments, oldest due first within each contract. */
static void detail(req *r, const od_keep *k)
{
  sbuf *o = &r->out;
  const atable *t = k->t;
  sb_addstr(o, "<h2>逾期明细</h2><div class=\"scroll\"><table class=\"list\">"
               "<thead><tr>");
  html_heads(o, t);
  sb_addstr(o, "</tr></thead><tbody>");
  int64_t sum[3] = {0, 0, 0};
  for(long i = 0; i < k->n; i++) {
    const od_line *l = &k->v[i];
    sb_addstr(o, "<tr><td><a href=\"/contract/");
    url_esc(o, l->text[0]);
    sb_addstr(o, "\">");
    html_escs(o, l->text[0]);
    sb_addstr(o, "</a></td>");
    for(int j = 1; j < 5; j++) {
      sb_addstr(o, "<td>");
      html_escs(o, l->text[j]);
      sb_addstr(o, "</td>");
    }
    for(int j = 0; j < 3; j++) {
      sb_addstr(o, "<td class=\"num\">");
      money(o, l->num[j]);
      sb_addstr(o, "</td>");
      sum[j] += l->num[j];
    }
    sb_addf(o, "<td class=\"num\">%lld</td></tr>", (long long)l->num[3]);
  }
  if(!k->n)
    sb_addf(o, "<tr><td colspan=\"%d\" class=\"none\">没有记录</td></tr>",
            t->ncols);
  sb_addf(o, "</tbody><tfoot><tr class=\"total\"><th scope=\"row\">合计（%ld "
             "笔）</th><td></td><td></td><td></td><td></td>",
          k->n);
  for(int j = 0; j < 3; j++) {
    sb_addstr(o, "<td class=\"num\">");
    money(o, sum[j]);
    sb_addstr(o, "</td>");
  }
  sb_addstr(o, "<td></td></tr></tfoot></table></div>");
}

/* The view as CSV (UTF-8 with a BOM, for a spreadsheet): the heads, the
 * rows, the 合计 row; numbers as a file carries them (1234.50). */
typedef struct csv_sink {
  asink s;
  FILE *fp;
  const atable *t;
} csv_sink;

static int cs_begin(asink *s, const atable *t)
{
  csv_sink *c = (csv_sink *)s;
  c->t = t;
  csvout_bom(c->fp);
  for(int i = 0; i < t->ncols; i++)
    csvout_text(c->fp, t->cols[i].zh, strlen(t->cols[i].zh), i == 0);
  csvout_endrow(c->fp);
  return 0;
}

static int cs_row(asink *s, const acell *x)
{
  csv_sink *c = (csv_sink *)s;
  for(int i = 0; i < c->t->ncols; i++) {
    char buf[48];
    int kind = c->t->cols[i].kind;
    const char *v = cell_format(kind, &x[i], 0, LANG_ZH, buf);
    v = v ? v : "";
    if(kind_text(kind))
      csvout_text(c->fp, v, strlen(v), i == 0);
    else
      csvout_field(c->fp, v, strlen(v), i == 0);
  }
  csvout_endrow(c->fp);
  return 0;
}

static int cs_end(asink *s)
{
  (void)s;
  return 0;
}

/* The view as a workbook (the sheets sanzi writes, a 村名称 beside each
 * village code), written into the server's private upload directory
 * under a random name and sent from its descriptor. 0, or -1 with
 * z->err. */
static int overdue_xlsx(req *r, const char *as_of, const char *scope)
{
  sz *z = r->z;
  unsigned char b[16];
  char hex[33], path[4200];
  randombytes_buf(b, sizeof b);
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  snprintf(path, sizeof path, "%s/dl-%s.xlsx", web_upload_dir(r), hex);
  char title[64];
  snprintf(title, sizeof title, "逾期应收（截至 %s）", as_of);
  char where[300] = "";
  if(scope)
    wbook_scope(z, scope, where, sizeof where);
  wsink w;
  if(wsink_open(&w, z, path, WS_NAMES, title, scope ? where : NULL))
    return -1;
  int rc = contract_overdue_view(z, as_of, scope, &w.s);
  if(wsink_close(&w, !rc) || rc)
    return -1;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  unlink(path);
  if(fd < 0)
    return db_fail(z, "%s", "无法生成文件");
  r->outfd = fd;
  return 0;
}

void overdue_page(req *r, int file)
{
  sz *z = r->z;
  const char *village = arg(r, "village"), *township = arg(r, "township");
  const char *a = arg(r, "as_of");
  char as_of[11];
  if(a && date_parse(a, strlen(a), as_of)) {
    answer_error(r, 422, "截至日期应为 YYYY-MM-DD 格式的日期，如 2026-03-31");
    return;
  }
  if(!a)
    snprintf(as_of, sizeof as_of, "%s", z->today);
  if(!filter_ok(r, village, township)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  /* the filter within the scope, or the scope within the filter (a
   * village clerk asking for its township): the narrower */
  const char *scope = village ? village : township;
  if(r->u.scope[0] && (!scope || strlen(r->u.scope) > strlen(scope)))
    scope = r->u.scope;
  if(db_begin_read(z)) {
    answer_error(r, 503, z->err);
    return;
  }
  if(file == 2) {
    int rc = overdue_xlsx(r, as_of, scope);
    db_end(z, 0);
    if(rc) {
      answer_error(r, 500, z->err[0] ? z->err : "无法生成文件");
      return;
    }
    r->ctype = "application/vnd.openxmlformats-officedocument."
               "spreadsheetml.sheet";
    char ascii[64], name[64];
    snprintf(ascii, sizeof ascii, "overdue-%s.xlsx", as_of);
    snprintf(name, sizeof name, "逾期应收-%s.xlsx", as_of);
    disposition(r, ascii, name);
    return;
  }
  if(file == 1) {
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    csv_sink c = {{cs_begin, cs_row, cs_end, ""}, fp, NULL};
    int rc = !fp || contract_overdue_view(z, as_of, scope, &c.s);
    if(fp)
      fclose(fp);
    db_end(z, 0);
    if(rc) {
      free(buf);
      answer_error(r, 500, z->err[0] ? z->err : "无法生成文件");
      return;
    }
    sb_add(&r->out, buf, n);
    free(buf);
    r->ctype = "text/csv; charset=utf-8";
    char ascii[64], name[64];
    snprintf(ascii, sizeof ascii, "overdue-%s.csv", as_of);
    snprintf(name, sizeof name, "逾期应收-%s.csv", as_of);
    disposition(r, ascii, name);
    return;
  }
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 0);
    int rc = contract_overdue_view(z, as_of, scope, &j.s);
    db_end(z, 0);
    if(rc) {
      answer_error(r, 500, z->err);
      return;
    }
    json_sink_end(&j);
    return;
  }
  od_keep k;
  memset(&k, 0, sizeof k);
  k.s.begin = ok_begin;
  k.s.row = ok_row;
  k.s.end = ok_end;
  int rc = contract_overdue_view(z, as_of, scope, &k.s);
  if(rc) {
    db_end(z, 0);
    keep_free(&k);
    answer_error(r, 500, z->err);
    return;
  }
  html_begin(r, "逾期应收");
  sbuf *o = &r->out;
  sb_addstr(o, "<form method=\"get\" action=\"/contract/overdue\" class=\""
               "filters\"><label for=\"as_of\">截至日期</label><input id=\""
               "as_of\" name=\"as_of\" type=\"date\" value=\"");
  html_escs(o, as_of);
  sb_addstr(o, "\"><label for=\"village\">村代码</label><input id=\"village\" "
               "name=\"village\" inputmode=\"numeric\" maxlength=\"12\" "
               "value=\"");
  html_escs(o, village);
  sb_addstr(o, "\"><label for=\"township\">乡镇代码</label><input id=\""
               "township\" name=\"township\" inputmode=\"numeric\" maxlength="
               "\"12\" value=\"");
  html_escs(o, township);
  sb_addstr(o, "\"><button type=\"submit\">查询</button>");
  static const char *const ext[][2] = {{"csv", "CSV"}, {"xlsx", "Excel"}};
  for(int i = 0; i < 2; i++) {
    sb_addf(o, " <a class=\"button\" href=\"/contract/overdue.%s?as_of=",
            ext[i][0]);
    url_esc(o, as_of);
    if(village || township) {
      sb_addstr(o, village ? "&amp;village=" : "&amp;township=");
      url_esc(o, village ? village : township);
    }
    sb_addf(o, "\">导出 %s</a>", ext[i][1]);
  }
  sb_addstr(o, " <a class=\"button\" href=\"/contract\">返回合同"
               "列表</a></form><p class=\"hint\">应收日期在截至日期之前、尚未"
               "收足的各期租金（承包费）；收款按先到期先收冲抵；逾期天数算到"
               "截至日期。</p>");
  summary(r, &k, as_of);
  detail(r, &k);
  db_end(z, 0);
  keep_free(&k);
  html_end(r);
}
