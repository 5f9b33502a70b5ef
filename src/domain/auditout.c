/* auditout.c: the audit export: every table of audit.c as a CSV file
 * (UTF-8 with BOM, Chinese headers) and as a sheet of one workbook
 * (libxlsxwriter), then manifest.txt with each file's SHA-256 and rows, the
 * change log's verified chain head, the version and the time.
 *
 * The files are written into a hidden directory beside the target, which
 * replaces the target in one step only when every one is complete and on
 * disk (base/atomic.h): a failed or killed export leaves what was there
 * before. */
#include "domain/may.h"
#include "domain/registers.h"
#include "domain/audit.h"
#include "domain/workbook.h"
#include "base/csvout.h"
#include "store/history.h"
#include "base/money.h"
#include "base/util.h"
#include "base/atomic.h"

#include <stddef.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#define PATHLEN 4096

/* dir/name (and ext): a path, cut short (and so not found) if too long. */
static char *join(char out[PATHLEN], const char *dir, const char *name,
                  const char *ext)
{
  sbuf sb;
  sb_init(&sb);
  sb_addstr(&sb, dir);
  sb_addch(&sb, '/');
  sb_addstr(&sb, name);
  if(ext)
    sb_addstr(&sb, ext);
  size_t n = sb.len < PATHLEN - 1 ? sb.len : PATHLEN - 1;
  memcpy(out, sb.buf, n);
  out[n] = 0;
  sb_free(&sb);
  return out;
}

/* A cell as text, the way the CSV writes it (and a reader compares). */
static const char *cell_text(int kind, const acell *c, char buf[48])
{
  if(c->null)
    return "";
  switch(kind) {
  case K_MONEY:
    return money_format(c->i, buf);
  case K_AREA:
  case K_QTY:
    return area_format(c->i, buf);
  case K_RATE:
    return rate_format(c->i, buf);
  case K_INT:
    snprintf(buf, 48, "%lld", (long long)c->i);
    return buf;
  default:
    return c->s;
  }
}

/* The table's file name for this part ("01-资产清单"). */
typedef struct out {
  asink csv, xlsx;
  const char *dir; /* where the files are written */
  int lang;        /* of the errors: the session's */
  const char *file;
  /* CSV */
  FILE *fp;
  int want_csv, want_xlsx;
  /* The workbook: one sheet per table, made up front in display order. */
  wbook b;
  char scope[512]; /* the pages' header: the audit's scope */
  struct sheet {
    const atable *t;
    lxw_worksheet *ws;
    int part; /* 2, 3, ... when the table ran past a sheet's rows */
  } *sheets;
  int nsheets;
  struct sheet *cur;
  const atable *t;   /* the current table, as written (with 村名称) */
  lxw_row_t row;
  double *width;
  long rows;        /* data rows of the current table */
  long xlsx_rows;   /* data rows of the whole workbook */
  /* Both sinks are fed by one producer through `both`. */
  asink both;
  /* manifest */
  sbuf files;
} out;

#define OUT(s, member) ((out *)((char *)(s) - offsetof(out, member)))

/* ---- CSV ---- */

static int csv_begin(asink *s, const atable *t)
{
  out *o = OUT(s, csv);
  char path[PATHLEN];
  join(path, o->dir, o->file, ".csv");
  o->fp = fopen(path, "wb");
  if(!o->fp) {
    set_err(s->err, sizeof s->err, "%s: %s", path, tr_errno(o->lang, errno));
    return -1;
  }
  csvout_bom(o->fp);
  for(int i = 0; i < t->ncols; i++)
    csvout_field(o->fp, t->cols[i].zh, strlen(t->cols[i].zh), i == 0);
  csvout_endrow(o->fp);
  return 0;
}

static const atable *cur_table(out *o);

static int csv_row(asink *s, const acell *c)
{
  out *o = OUT(s, csv);
  const atable *t = cur_table(o);
  char buf[48];
  for(int i = 0; i < t->ncols; i++) {
    const char *x = cell_text(t->cols[i].kind, &c[i], buf);
    if(t->cols[i].kind == K_TEXT)
      csvout_text(o->fp, x, strlen(x), i == 0);
    else
      csvout_field(o->fp, x, strlen(x), i == 0);
  }
  csvout_endrow(o->fp);
  return 0;
}

static int csv_end(asink *s)
{
  out *o = OUT(s, csv);
  int bad = ferror(o->fp);
  if(fclose(o->fp))
    bad = 1;
  o->fp = NULL;
  if(bad) {
    set_err(s->err, sizeof s->err, "%s/%s.csv: %s", o->dir, o->file,
            tr_errno(o->lang, errno));
    return -1;
  }
  return 0;
}

/* ---- the workbook ---- */

/* Excel's rows per sheet, the header included. */
#define SHEET_ROWS 1048576

static const atable *cur_table(out *o)
{
  return o->t;
}

static void xlsx_header(out *o)
{
  const atable *t = o->t;
  for(int i = 0; i < t->ncols; i++) {
    worksheet_write_string(o->cur->ws, 0, (lxw_col_t)i, t->cols[i].zh,
                           o->b.head);
    double w = wbook_width(t->cols[i].zh) + 2;
    if(w > o->width[i])
      o->width[i] = w;
  }
  worksheet_freeze_panes(o->cur->ws, 1, 0);
  o->row = 1;
}

static void xlsx_finish_sheet(out *o)
{
  const atable *t = o->t;
  for(int i = 0; i < t->ncols; i++) {
    double w = o->width[i] + 1;
    o->width[i] = w > 60 ? 60 : w;
    worksheet_set_column(o->cur->ws, (lxw_col_t)i, (lxw_col_t)i, o->width[i],
                         NULL);
  }
  worksheet_autofilter(o->cur->ws, 0, 0, o->row - 1,
                       (lxw_col_t)(t->ncols - 1));
  wbook_print(&o->b, o->cur->ws, t->name, o->scope, o->width, t->ncols, 0, 0);
}

static int xlsx_begin(asink *s, const atable *t)
{
  out *o = OUT(s, xlsx);
  o->cur = NULL;
  /* t: the table as vnames hands it on, under the name of its sheet */
  for(int i = 0; i < o->nsheets; i++)
    if(o->sheets[i].part == 1 && !strcmp(o->sheets[i].t->name, t->name))
      o->cur = &o->sheets[i];
  if(!o->cur) {
    set_err(s->err, sizeof s->err, tr(o->lang, "workbook: no sheet for %s"),
            t->name);
    return -1;
  }
  free(o->width);
  o->width = xcalloc((size_t)t->ncols, sizeof *o->width);
  xlsx_header(o);
  return 0;
}

static int xlsx_row(asink *s, const acell *c)
{
  out *o = OUT(s, xlsx);
  const atable *t = o->t;
  if(o->row == SHEET_ROWS) {
    /* The table goes on in a sheet of its own: "资产清单 (2)". */
    xlsx_finish_sheet(o);
    int part = o->cur->part + 1;
    char name[64];
    snprintf(name, sizeof name, "%s (%d)", t->name, part);
    o->sheets = xrealloc(o->sheets, sizeof *o->sheets * (size_t)(o->nsheets + 1));
    o->cur = &o->sheets[o->nsheets++];
    o->cur->t = t;
    o->cur->part = part;
    o->cur->ws = workbook_add_worksheet(o->b.wb, name);
    if(!o->cur->ws) {
      set_err(s->err, sizeof s->err,
              tr(o->lang, "workbook: cannot add sheet %s"), name);
      return -1;
    }
    xlsx_header(o);
  }
  for(int i = 0; i < t->ncols; i++) {
    double w = wbook_cell(&o->b, o->cur->ws, o->row, (lxw_col_t)i,
                          t->cols[i].kind, &c[i]);
    if(w < 0) {
      wbook_too_long(o->lang, s->err, sizeof s->err, t->name, o->row,
                     t->cols[i].zh);
      return -1;
    }
    if(w > o->width[i])
      o->width[i] = w;
  }
  o->row++;
  o->xlsx_rows++;
  return 0;
}

static int xlsx_end(asink *s)
{
  out *o = OUT(s, xlsx);
  xlsx_finish_sheet(o);
  return 0;
}

static int xlsx_open(out *o, const char *path, time_t now, const tzone *tz)
{
  if(wbook_open(&o->b, path, 1, o->dir, now, tz))
    return -1;
  /* The summary first, then the tables in their order. */
  o->sheets = xcalloc((size_t)audit_nparts, sizeof *o->sheets);
  for(int k = 0; k < audit_nparts; k++) {
    int i = (k + audit_nparts - 1) % audit_nparts;
    struct sheet *sh = &o->sheets[o->nsheets++];
    sh->t = audit_parts[i].t;
    sh->part = 1;
    sh->ws = workbook_add_worksheet(o->b.wb, sh->t->name);
    if(!sh->ws)
      return -1;
  }
  return 0;
}

/* ---- both at once ---- */

static int both_begin(asink *s, const atable *t)
{
  out *o = OUT(s, both);
  o->rows = 0;
  o->t = t; /* cur_table(): for the CSV sink too */
  if(o->want_xlsx && xlsx_begin(&o->xlsx, t)) {
    snprintf(s->err, sizeof s->err, "%s", o->xlsx.err);
    return -1;
  }
  if(o->want_csv && csv_begin(&o->csv, t)) {
    snprintf(s->err, sizeof s->err, "%s", o->csv.err);
    return -1;
  }
  return 0;
}

static int both_row(asink *s, const acell *c)
{
  out *o = OUT(s, both);
  o->rows++;
  const atable *t = o->t;
  if(o->want_csv && csv_row(&o->csv, c))
    return -1;
  if(o->want_xlsx && xlsx_row(&o->xlsx, c)) {
    snprintf(s->err, sizeof s->err, "%s", o->xlsx.err);
    return -1;
  }
  (void)t;
  return 0;
}

static int sha256_file(const char *path, char hex[65])
{
  FILE *fp = fopen(path, "rb");
  if(!fp)
    return -1;
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  unsigned char buf[1 << 16];
  size_t n;
  while((n = fread(buf, 1, sizeof buf, fp)) > 0)
    crypto_hash_sha256_update(&st, buf, n);
  int bad = ferror(fp);
  fclose(fp);
  unsigned char h[32];
  crypto_hash_sha256_final(&st, h);
  sodium_bin2hex(hex, 65, h, 32);
  return bad ? -1 : 0;
}

/* A finished file goes into the manifest's list. */
static int list_file(out *o, const char *name, long rows, char *err,
                     size_t errlen)
{
  char path[PATHLEN], hex[65];
  join(path, o->dir, name, NULL);
  if(sha256_file(path, hex)) {
    set_err(err, errlen, "%s: %s", path, tr_errno(o->lang, errno));
    return -1;
  }
  sb_addf(&o->files, "%s\t%ld\t%s\n", name, rows, hex);
  return 0;
}

static int both_end(asink *s)
{
  out *o = OUT(s, both);
  if(o->want_xlsx && xlsx_end(&o->xlsx))
    return -1;
  if(o->want_csv) {
    if(csv_end(&o->csv)) {
      snprintf(s->err, sizeof s->err, "%s", o->csv.err);
      return -1;
    }
    char name[256];
    snprintf(name, sizeof name, "%s.csv", o->file);
    return list_file(o, name, o->rows, s->err, sizeof s->err);
  }
  return 0;
}

/* ---- the export ---- */

/* A file an earlier export wrote (a workbook of another year, CSV files
 * when only the workbook was asked for): not carried over, so that the
 * directory holds one export, the one its manifest lists. */
static int ours(const char *name, void *ctx)
{
  (void)ctx;
  size_t len = strlen(name);
  /* 年度审计-YYYY.xlsx: what an export names its workbook */
  size_t pre = strlen("年度审计-");
  int is = len == pre + 9 && !strncmp(name, "年度审计-", pre) &&
           strspn(name + pre, "0123456789") == 4 &&
           !strcmp(name + pre + 4, ".xlsx");
  for(int k = 0; k < audit_nparts && !is; k++)
    is = !strncmp(name, audit_parts[k].file, strlen(audit_parts[k].file)) &&
         !strcmp(name + strlen(audit_parts[k].file), ".csv");
  return is;
}

/* The change log's verification reads every row again: it runs on a
 * connection of its own in a second thread while the tables are written.
 * Every change to the database adds a log entry, so when both read
 * transactions saw the same last entry they saw the same database. */
typedef struct verifier {
  sz *main;
  int rc;
  char anchor[HIST_ANCHOR_LINE];
  int64_t last, entries;
  char head[65];
  char err[2048];
} verifier;

static int64_t last_entry(sz *z)
{
  return db_int(z, 0, "SELECT max(id) FROM history", NULL);
}

static void *verify_thread(void *arg)
{
  verifier *v = arg;
  v->rc = -1;
  sz *z = db_open(v->main->path, v->main->user, v->main->lang, 0, v->err, sizeof v->err);
  if(!z)
    return NULL;
  db_set_clock(z, v->main->now);
  if(db_exec(z, "BEGIN") == 0) {
    v->last = last_entry(z);
    v->rc = history_verify(z, logged_tables, NULL, v->head, &v->entries);
    if(v->rc)
      snprintf(v->err, sizeof v->err, "%s", z->err);
    db_exec(z, "COMMIT");
  } else
    snprintf(v->err, sizeof v->err, "%s", z->err);
  db_close(z);
  return NULL;
}

static int verified(sz *z, verifier *v, int64_t last)
{
  if(v->rc == 0 && v->last != last) {
    /* A change came in between the two: verify what this export read. */
    v->rc = history_verify(z, logged_tables, NULL, v->head, &v->entries);
    if(v->rc)
      snprintf(v->err, sizeof v->err, "%s", z->err);
  }
  if(v->rc)
    return db_fail(z, T(z, "the change log does not verify, so the export "
                           "would not be trustworthy: %s"), v->err);
  return 0;
}

static int export_work(audit *a, sz *z, const audit_export_opts *o,
                       const char *tmp, long *nfind, char *anchor)
{
  verifier ver;
  memset(&ver, 0, sizeof ver);
  ver.main = z;
  int64_t last = last_entry(z); /* in the audit's snapshot */
  pthread_t th;
  int threaded = pthread_create(&th, NULL, verify_thread, &ver) == 0;
  if(!threaded)
    verify_thread(&ver);
  out w;
  memset(&w, 0, sizeof w);
  w.dir = tmp;
  w.lang = z->lang;
  w.want_csv = o->csv;
  w.want_xlsx = o->xlsx;
  w.csv.begin = csv_begin;
  w.csv.row = csv_row;
  w.csv.end = csv_end;
  w.xlsx.begin = xlsx_begin;
  w.xlsx.row = xlsx_row;
  w.xlsx.end = xlsx_end;
  w.both.begin = both_begin;
  w.both.row = both_row;
  w.both.end = both_end;
  sb_init(&w.files);
  char xname[64], xpath[PATHLEN];
  snprintf(xname, sizeof xname, "年度审计-%.4s.xlsx", audit_ref_date(a));
  join(xpath, tmp, xname, NULL);
  int rc = 0;
  audit_scope_text(a, w.scope, sizeof w.scope);
  tzone *tz = view_zone(z);
  if(o->xlsx && xlsx_open(&w, xpath, z->now, tz))
    rc = db_fail(z, T(z, "%s: cannot make the workbook"), xpath);
  tz_free(tz);
  /* 村名称 beside each 村代码 that has none */
  vnames names;
  vnames_init(&names, z, &w.both);
  for(int i = 0; rc == 0 && i < audit_nparts; i++) {
    w.file = audit_parts[i].file;
    rc = audit_parts[i].fill(a, &names.s);
    if(rc == 0 && o->progress)
      o->progress(o->progress_ctx, i + 1, audit_nparts);
  }
  vnames_free(&names);
  if(w.fp)
    fclose(w.fp);
  char err[256];
  if(wbook_close(&w.b, err, sizeof err) && rc == 0)
    rc = db_fail(z, T(z, "%s: cannot write the workbook (%s)"), xpath, err);
  free(w.width);
  free(w.sheets);
  if(threaded)
    pthread_join(th, NULL);
  if(rc == 0)
    rc = verified(z, &ver, last);
  if(rc == 0)
    history_anchor_line(z, ver.entries, ver.head, anchor);
  if(rc == 0 && o->xlsx)
    rc = list_file(&w, xname, w.xlsx_rows, z->err, sizeof z->err);
  /* The findings' count, for the caller and the manifest. */
  long nf = 0;
  if(rc == 0 && (nf = audit_finding_count(a)) < 0)
    rc = -1;
  *nfind = nf;
  if(rc == 0) {
    char path[PATHLEN], now[32];
    join(path, tmp, "manifest.txt", NULL);
    struct tm tm;
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&z->now, &tm));
    FILE *fp = fopen(path, "wb");
    if(!fp)
      rc = db_fail(z, "%s: %s", path, tr_errno(z->lang, errno));
    else {
      char scope[512];
      audit_scope_text(a, scope, sizeof scope);
      fprintf(fp, "sanzi 年度审计导出\n"
                  "程序版本：sanzi %s\n"
                  "导出时间：%s\n"
                  "年度：%.4s\n"
                  "参考日期：%s\n"
                  "范围：%s\n"
                  "审计发现：%ld 项\n"
                  "证件号：完整显示（审计专用导出；列表和台账导出中证件号"
                  "部分隐去）\n"
                  "变更日志：已验证，共 %lld 条，链头 %s\n"
                  "链头锚点：%s\n"
                  "\n"
                  "文件\t行数\tSHA-256\n%s",
              o->version, now, audit_ref_date(a), audit_ref_date(a), scope,
              nf, (long long)ver.entries, ver.head, anchor,
              w.files.buf ? w.files.buf : "");
      if(ferror(fp) | fclose(fp))
        rc = db_fail(z, "%s: %s", path, tr_errno(z->lang, errno));
    }
  }
  sb_free(&w.files);
  return rc;
}

int audit_export(audit *a, const audit_export_opts *o, long *findings)
{
  sz *z = audit_db(a);
  if(may(z, STEP_AUDIT_EXPORT))
    return -1;
  audit_set_lang(a, LANG_ZH); /* the files are Chinese */
  /* Room for the hidden directory and the longest name in it. */
  if(strlen(o->dir) + 128 > PATHLEN)
    return db_fail(z, T(z, "--out: the path is too long (%zu bytes; at "
                           "most %d)"), strlen(o->dir), PATHLEN - 128);
  staged st;
  char err[1024], anchor[HIST_ANCHOR_LINE];
  if(staged_dir(&st, o->dir, ".sanzi-export-", z->lang, err, sizeof err))
    return db_fail(z, "%s", err);
  /* The audit's read transaction holds: every table, and the log's
   * verification, see the same database. */
  int rc = export_work(a, z, o, st.tmp, findings, anchor);
  /* A read that failed (a damaged page, an I/O error) leaves a table
   * short: nothing of it goes into place. */
  if(rc == 0 && db_fault(z))
    rc = db_fail(z, T(z, "the database cannot be read: %s"), z->fault_msg);
  /* The head is witnessed before the export shows it. */
  if(rc == 0 && o->anchors)
    rc = history_anchor_append(z, o->anchors, anchor);
  if(rc == 0 && staged_commit(&st, ours, NULL, 0777 & ~staged_umask(), err,
                              sizeof err))
    rc = db_fail(z, "%s", err);
  if(rc)
    staged_abort(&st);
  return rc;
}
