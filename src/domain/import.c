/* import.c: the one import pipeline for all registers (streaming, all or
 * nothing, every bad cell named), and the CSV export that imports back. */
#include "domain/may.h"
#include "domain/registers.h"
#include "domain/asset.h"
#include "domain/import.h"
#include "domain/layout.h"
#include "domain/held.h"
#include "base/sheetfmt.h"
#include "base/xlsin.h"
#include "base/xlsxin.h"
#include "store/config.h"
#include "base/csvout.h"
#include "base/date.h"
#include "base/depreciation.h"
#include "store/history.h"
#include "base/money.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

static int cell_blank(const csvfield *f)
{
  size_t n;
  text_trim(f->p, f->n, &n);
  return n == 0;
}

static int row_blank(const csvrec *rec)
{
  for(int i = 0; i < rec->nfields; i++)
    if(!cell_blank(&rec->f[i]))
      return 0;
  return 1;
}

/* Maps header cells to fields. Returns the number of errors added. */
static int map_header(regctx *c, const reg *r, const csvrec *h, int *col2f,
                      int *ncols)
{
  int bad = 0, nunknown = 0;
  sbuf unknown;
  sb_init(&unknown);
  int *seen = xcalloc((size_t)r->nfields, sizeof *seen);
  sz *z = c->z;
  char *acc = reg_accepted_names(r, z->lang);
  *ncols = h->nfields;
  while(*ncols > 0 && cell_blank(&h->f[*ncols - 1]))
    (*ncols)--; /* trailing empty header cells: Excel's, ignored */
  for(int i = 0; i < *ncols; i++) {
    col2f[i] = -1;
    if(cell_blank(&h->f[i]))
      continue;
    int fi = reg_match_header(r, h->f[i].p, h->f[i].n), unit = U_OWN;
    if(fi < 0 && reg_name_column(r, h->f[i].p, h->f[i].n)) {
      col2f[i] = -2; /* read by people, passed over */
      continue;
    }
    const char *want =
        fi < 0 ? NULL : reg_header_unit(r, fi, h->f[i].p, h->f[i].n, &unit);
    if(fi < 0) {
      /* Said once, with the accepted names, after the loop. */
      char *name = xstrndup(h->f[i].p, h->f[i].n);
      if(nunknown)
        sb_addstr(&unknown, T(z, ", "));
      sb_addf(&unknown, T(z, "'%s'"), name);
      free(name);
      nunknown++;
    } else if(want) {
      reg_error(c, -1, T(z, "column '%.*s': %s is entered in %s; convert the "
                            "column or name it %s（%s）"), (int)h->f[i].n,
                h->f[i].p, r->fields[fi].zh, want, r->fields[fi].zh, want);
      seen[fi] = 1; /* said once: not "missing" as well */
      bad++;
    } else if(seen[fi]) {
      reg_error(c, -1, T(z, "column '%.*s' appears twice (as %s)"),
                (int)h->f[i].n, h->f[i].p, r->fields[fi].zh);
      bad++;
    } else {
      seen[fi] = 1;
      col2f[i] = fi;
      reg_set_colname(c, fi, h->f[i].p, h->f[i].n, unit);
    }
  }
  if(nunknown == 1)
    reg_error(c, -1, T(z, "unknown column %s; accepted: %s"), unknown.buf,
              acc);
  else if(nunknown)
    reg_error(c, -1, T(z, "unknown columns %s; accepted: %s"), unknown.buf,
              acc);
  bad += nunknown > 0;
  sb_free(&unknown);
  int nmissing = 0;
  for(int fi = 0; fi < r->nfields; fi++)
    nmissing += (r->fields[fi].flags & F_REQ) && !seen[fi];
  for(int fi = 0, k = 0; fi < r->nfields; fi++)
    if((r->fields[fi].flags & F_REQ) && !seen[fi]) {
      /* The column by its Chinese name (and its key, in English); in
       * Chinese a list of them in quotes. */
      if(k++)
        sb_addstr(&unknown, T(z, ", "));
      if(z->lang == LANG_EN)
        sb_addf(&unknown, "%s (%s)", r->fields[fi].zh, r->fields[fi].key);
      else
        sb_addf(&unknown, nmissing > 1 ? T(z, "'%s'") : "%s",
                r->fields[fi].zh);
    }
  if(nmissing == 1)
    reg_error(c, -1, T(z, "missing required column %s; accepted: %s"),
              unknown.buf, acc);
  else if(nmissing)
    reg_error(c, -1, T(z, "missing required columns %s; accepted: %s"),
              unknown.buf, acc);
  bad += nmissing > 0;
  sb_free(&unknown);
  free(acc);
  free(seen);
  return bad;
}

/* Is this record a line above the header: one that names no column (a
 * title, 填报单位, 填表日期, a unit line)? */
static int is_title(const reg *r, const csvrec *rec)
{
  for(int i = 0; i < rec->nfields; i++)
    if(!cell_blank(&rec->f[i]) &&
       reg_match_header(r, rec->f[i].p, rec->f[i].n) >= 0)
      return 0;
  return 1;
}

/* ---- the reader thread's half ----
 *
 * csvin applies parse_hook to every record in its reader thread: blank and
 * title rows are recognised, the header is mapped, and each data row's
 * cells are parsed and validated (reg_parse on a forked context). What it
 * makes of a record is a prow followed by its values and messages; the main
 * thread then runs the checks that need the database and writes the row. */

enum { P_BLANK, P_TITLE, P_HEADER, P_ROW, P_AFTER_BAD_HEADER };

typedef struct prow {
  int kind;
  long nerr;     /* messages, whole lines */
  size_t erroff; /* where they start, from the prow */
  size_t errlen;
} prow;

typedef struct hookctx {
  const reg *r;
  regctx *fork;
  const char *file;
  int header, bad_header, ncols;
  int short_ok; /* a workbook stores no trailing empty cells: a short row
                   is not a misaligned one */
  int *col2f;
  int footer;  /* the footer began: the rest is skipped */
  totals tot;  /* what the rows of totals are checked against */
  const char **cells;
  size_t *lens;
  val *v;
  sbuf errs;
} hookctx;

static size_t align8(size_t n)
{
  return (n + 7) & ~(size_t)7;
}

static void put_row(hookctx *h, sbuf *out, int kind, int with_vals)
{
  size_t start = out->len, nf = (size_t)h->r->nfields;
  prow p = {kind, 0, 0, 0};
  sb_reset(&h->errs);
  reg_take_errors(h->fork, &h->errs, &p.nerr);
  p.errlen = h->errs.len;
  sb_add(out, (const char *)&p, sizeof p);
  if(with_vals) {
    size_t voff = out->len;
    sb_add(out, (const char *)h->v, nf * sizeof *h->v);
    /* Dates and ID numbers live in the fork's scratch, which the next row
     * overwrites, and cells end where the next begins: copy every text
     * after the values, each with a NUL (reg_write tells SQLite so), and
     * mark them (s = NULL, i = offset from the prow). */
    for(size_t i = 0; i < nf; i++) {
      if(h->v[i].t != V_TEXT)
        continue;
      val x = h->v[i];
      x.i = (int64_t)(out->len - start);
      sb_add(out, h->v[i].s, h->v[i].n);
      sb_addch(out, 0);
      x.s = NULL;
      memcpy(out->buf + voff + i * sizeof x, &x, sizeof x);
    }
  }
  p.erroff = out->len - start;
  memcpy(out->buf + start, &p, sizeof p);
  sb_add(out, h->errs.buf ? h->errs.buf : "", h->errs.len);
  sb_grow(out, 8);
  while(out->len != align8(out->len))
    out->buf[out->len++] = 0;
}

static void parse_hook(void *ctx, const csvrec *rec, sbuf *out)
{
  hookctx *h = ctx;
  regctx *c = h->fork;
  const reg *r = h->r;
  reg_set_place(c, h->file, rec->row);
  if(h->bad_header) {
    put_row(h, out, P_AFTER_BAD_HEADER, 0);
    return;
  }
  if(row_blank(rec)) {
    put_row(h, out, P_BLANK, 0);
    return;
  }
  if(!h->header) {
    if(is_title(r, rec)) {
      put_row(h, out, P_TITLE, 0);
      return;
    }
    h->header = 1;
    h->col2f = xcalloc((size_t)rec->nfields + 1, sizeof *h->col2f);
    h->bad_header = map_header(c, r, rec, h->col2f, &h->ncols) > 0;
    put_row(h, out, P_HEADER, 0);
    return;
  }
  enum line_kind kind = h->footer ? LINE_FOOTER : layout_kind(rec);
  if(kind != LINE_DATA) {
    h->footer = kind == LINE_FOOTER;
    if(kind != LINE_FOOTER)
      totals_check(&h->tot, c, kind, rec, h->col2f, h->ncols);
    put_row(h, out, P_TITLE, 0);
    return;
  }
  int ok = 1;
  int extra = 0;
  for(int i = h->ncols; i < rec->nfields; i++)
    extra |= !cell_blank(&rec->f[i]);
  if((rec->nfields < h->ncols && !h->short_ok) || extra) {
    reg_error(c, -1, T(c->z, "%d cells, but the header has %d columns"),
              rec->nfields, h->ncols);
    ok = 0;
  }
  if(ok) {
    for(int i = 0; i < r->nfields; i++)
      h->cells[i] = NULL;
    for(int i = 0; i < h->ncols; i++) {
      if(i >= rec->nfields) { /* a workbook's empty cells at the end */
        if(h->col2f[i] >= 0) {
          h->cells[h->col2f[i]] = "";
          h->lens[h->col2f[i]] = 0;
        }
      } else if(h->col2f[i] >= 0) {
        /* The apostrophe an export put before a formula-like text
         * (csvout_text) comes off again: export -> import is exact. */
        size_t guard = csv_unguard(rec->f[i].p, rec->f[i].n);
        h->cells[h->col2f[i]] = rec->f[i].p + guard;
        h->lens[h->col2f[i]] = rec->f[i].n - guard;
      } else if(h->col2f[i] == -1 && !cell_blank(&rec->f[i])) {
        reg_error(c, -1, T(c->z, "a value in column %d, which has no header"),
                  i + 1);
        ok = 0;
      }
    }
  }
  int bad = ok ? reg_parse(c, h->cells, h->lens, h->v) : 1;
  totals_add(&h->tot, r, h->v, bad);
  put_row(h, out, P_ROW, 1);
}

/* ---- the main thread's half ---- */

/* csvin's message "row N: message", as csvin writes it in lang (the
 * catalog's "row %ld: %s"): N, and the message after it in *msg; 0 when
 * the message names no row. */
static long csv_error_row(int lang, const char *m, const char **msg)
{
  const char *fmt = tr(lang, "row %ld: %s");
  const char *num = strstr(fmt, "%ld"), *str = strstr(fmt, "%s");
  if(!num || !str || str < num)
    return 0;
  size_t pre = (size_t)(num - fmt), sep = (size_t)(str - num - 3);
  char *end;
  if(strncmp(m, fmt, pre) || m[pre] < '0' || m[pre] > '9')
    return 0;
  long row = strtol(m + pre, &end, 10);
  if(row <= 0 || strncmp(end, num + 3, sep))
    return 0;
  *msg = end + sep;
  return row;
}

/* ---- what an import reads: CSV text or a sheet of a workbook ----
 *
 * The kind of file is told by its first bytes, not its name: a clerk's
 * "资产.csv" may be a workbook saved under the wrong name. A workbook's
 * rows come through the same hook as CSV records, run here row by row
 * (csvin runs it in its reader thread). */

typedef struct source {
  csvin *csv;
  xlsxin *xlsx;
  xlsin *xls;
  hookctx *h;
  sbuf extra; /* the hook's output for the current workbook row */
  const char *kind; /* for the summary: the encoding, or xlsx / xls */
} source;

static int book_sheets(const source *s)
{
  return s->xlsx ? xlsxin_sheets(s->xlsx) : xlsin_sheets(s->xls);
}

static const char *book_sheet_name(const source *s, int i)
{
  return s->xlsx ? xlsxin_sheet_name(s->xlsx, i) : xlsin_sheet_name(s->xls, i);
}

static int book_select(source *s, int i)
{
  return s->xlsx ? xlsxin_select(s->xlsx, i) : xlsin_select(s->xls, i);
}

static int book_next(source *s, csvrec *rec)
{
  return s->xlsx ? xlsxin_next(s->xlsx, rec) : xlsin_next(s->xls, rec);
}

static const char *src_error(const source *s)
{
  if(s->csv)
    return csvin_error(s->csv);
  return s->xlsx ? xlsxin_error(s->xlsx) : xlsin_error(s->xls);
}

static void src_close(source *s)
{
  if(s->csv)
    csvin_close(s->csv);
  if(s->xlsx)
    xlsxin_close(s->xlsx);
  if(s->xls)
    xlsin_close(s->xls);
  sb_free(&s->extra);
}

/* Does the selected sheet start (after blank and title rows) with a header
 * of r's columns? The number of its cells that name a column of r. */
static int sheet_header_score(source *s, const reg *r)
{
  csvrec rec;
  for(int n = 0; n < 50 && book_next(s, &rec) == 1; n++) {
    if(row_blank(&rec) || is_title(r, &rec))
      continue;
    int score = 0;
    for(int i = 0; i < rec.nfields; i++)
      score += !cell_blank(&rec.f[i]) &&
               reg_match_header(r, rec.f[i].p, rec.f[i].n) >= 0;
    return score;
  }
  return 0;
}

/* The sheet to read: --sheet NAME or N (from 1), else the only sheet, else
 * the one sheet whose header names r's columns (two of them at least).
 * Selects it and returns 0, or writes why not into msg and returns -1. */
static int choose_sheet(sz *z, source *s, const reg *r, const char *file,
                        const char *want, char *msg, size_t len)
{
  int n = book_sheets(s), pick = -1;
  sbuf names;
  sb_init(&names);
  for(int i = 0; i < n; i++) {
    if(i)
      sb_addstr(&names, T(z, ", "));
    sb_addf(&names, T(z, "'%s'"), book_sheet_name(s, i));
  }
  if(want) {
    char *end;
    long k = strtol(want, &end, 10);
    for(int i = 0; i < n && pick < 0; i++)
      if(!strcmp(book_sheet_name(s, i), want))
        pick = i;
    if(pick < 0 && *want && !*end && k >= 1 && k <= n)
      pick = (int)k - 1;
    if(pick < 0)
      snprintf(msg, len, T(z, "%s: no sheet '%s'; the sheets are %s"), file,
               want, names.buf);
  } else if(n == 1) {
    pick = 0;
  } else {
    int found = 0;
    sbuf hits;
    sb_init(&hits);
    for(int i = 0; i < n; i++) {
      if(book_select(s, i) == 0 && sheet_header_score(s, r) >= 2) {
        if(found++)
          sb_addstr(&hits, T(z, ", "));
        sb_addf(&hits, T(z, "'%s'"), book_sheet_name(s, i));
        if(pick < 0)
          pick = i;
      }
    }
    if(found == 0)
      snprintf(msg, len,
               T(z, "%s: no sheet has a header of %s columns (the sheets are "
                    "%s); name one with --sheet"),
               file, T(z, r->name), names.buf);
    else if(found > 1)
      snprintf(msg, len,
               T(z, "%s: the sheets %s all have a header of %s columns; name "
                    "the one to import with --sheet"),
               file, hits.buf, T(z, r->name));
    if(found != 1)
      pick = -1;
    sb_free(&hits);
  }
  sb_free(&names);
  if(pick < 0)
    return -1;
  if(book_select(s, pick)) {
    snprintf(msg, len, "%s: %s", file, src_error(s));
    return -1;
  }
  return 0;
}

/* Opens what o->file holds. Returns 0, or -1 with the reason in msg: a
 * gzip or binary file, a damaged ZIP or OLE file, a sheet not found.
 * Standard input is read as CSV. */
static int src_open(sz *z, const reg *r, const import_opts *o, source *s,
                    char *msg, size_t len)
{
  memset(s, 0, sizeof *s);
  sb_init(&s->extra);
  enum sheet_fmt fmt = SHEET_CSV;
  if(strcmp(o->file, "-")) {
    unsigned char head[4096];
    FILE *fp = fopen(o->file, "rb");
    if(fp) {
      size_t n = fread(head, 1, sizeof head, fp);
      fclose(fp);
      fmt = sheet_format(head, n);
    }
  }
  switch(fmt) {
  case SHEET_CSV:
    s->csv = csvin_open(o->file, o->enc, z->lang, msg, len);
    if(!s->csv)
      return -1;
    if(o->sheet) {
      snprintf(msg, len, T(z, "%s: --sheet: a CSV file has no sheets"),
               o->file);
      return -1;
    }
    s->kind = csvin_encoding_name(s->csv);
    return 0;
  case SHEET_XLSX:
    s->xlsx = xlsxin_open(o->file, z->lang, msg, len);
    s->kind = "xlsx";
    break;
  case SHEET_XLS:
    s->xls = xlsin_open(o->file, z->lang, msg, len);
    s->kind = "xls";
    break;
  default:
    snprintf(msg, len, T(z, "'%s' is %s, not CSV text%s"), o->file,
             T(z, sheet_format_name(fmt)),
             fmt == SHEET_GZIP      ? T(z, ": unpack it first (gunzip)")
             : fmt == SHEET_ARCHIVE ? T(z, ": unpack it first")
                                    : "");
    return -1;
  }
  if(!s->xlsx && !s->xls)
    return -1;
  return choose_sheet(z, s, r, o->file, o->sheet, msg, len);
}

/* The next record, with what the hook made of it in rec->extra. */
static int src_next(source *s, csvrec *rec)
{
  if(s->csv)
    return csvin_next(s->csv, rec);
  int rc = book_next(s, rec);
  if(rc == 1) {
    sb_reset(&s->extra);
    parse_hook(s->h, rec, &s->extra);
    rec->extra = s->extra.buf;
    rec->extra_len = s->extra.len;
  }
  return rc;
}

/* The SHA-256 of a file's bytes, in hex: 0, or -1 when it cannot be read
 * (the reader says why) or is standard input, which cannot be read twice. */
static int file_sha256(const char *file, char hex[65])
{
  if(!strcmp(file, "-"))
    return -1;
  FILE *fp = fopen(file, "rb");
  if(!fp)
    return -1;
  digest *d = digest_new();
  char *buf = xmalloc(1 << 20);
  size_t n;
  while((n = fread(buf, 1, 1 << 20, fp)) > 0)
    digest_add(d, buf, n);
  int bad = ferror(fp);
  fclose(fp);
  free(buf);
  unsigned char out[32];
  digest_final(d, out);
  for(int i = 0; i < 32; i++)
    snprintf(hex + 2 * i, 3, "%02x", out[i]);
  return bad ? -1 : 0;
}

/* A file whose bytes were imported into r before (the import's entry
 * keeps their SHA-256): the reason, naming that import, in msg; 0 when
 * there was none. */
static int imported_before(sz *z, const reg *r, const char *file,
                           const char *hex, char *msg, size_t len,
                           import_result *res)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT id, at, operator, json_extract(new, '$.file') FROM history "
         "WHERE tbl = ?1 AND action = 'import' AND json_extract(new, "
         "'$.sha256') = ?2 ORDER BY id DESC LIMIT 1");
  sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, hex, -1, SQLITE_STATIC);
  int found = db_step(z, st) == SQLITE_ROW;
  if(found) {
    char at[20];
    config_local_time(z, (const char *)sqlite3_column_text(st, 1), at);
    const char *by = (const char *)sqlite3_column_text(st, 2);
    const char *name = (const char *)sqlite3_column_text(st, 3);
    res->before = sqlite3_column_int64(st, 0);
    snprintf(res->before_at, sizeof res->before_at, "%s", at);
    snprintf(res->before_by, sizeof res->before_by, "%s", by ? by : "");
    snprintf(res->before_file, sizeof res->before_file, "%s",
             name ? name : "");
    snprintf(msg, len,
             T(z, "%s: this file was already imported into the %s register "
                  "on %s by %s (log entry %lld, as '%s'); nothing imported. "
                  "To import it again, give --again"),
             file, T(z, r->name), at,
             (const char *)sqlite3_column_text(st, 2),
             (long long)sqlite3_column_int64(st, 0),
             (const char *)sqlite3_column_text(st, 3));
  }
  sqlite3_finalize(st);
  return found;
}

int reg_import(sz *z, const reg *r, const import_opts *o, import_result *res)
{
  memset(res, 0, sizeof *res);
  if(may(z, STEP_REGISTER))
    return -1;
  char err[1024], sha[65] = "";
  if(file_sha256(o->file, sha))
    sha[0] = 0;
  if(sha[0] &&
     imported_before(z, r, o->name && *o->name ? o->name : o->file, sha, err,
                     sizeof err, res) &&
     !o->again) {
    errs_add(&res->errs, NULL, 0, NULL, NULL, "%s", err);
    res->nerrors = 1;
    return -1;
  }
  source in;
  if(src_open(z, r, o, &in, err, sizeof err)) {
    src_close(&in);
    errs_add(&res->errs, NULL, 0, NULL, NULL, "%s", err);
    res->nerrors = 1;
    return -1;
  }
  regctx *c = reg_open(z, r);
  c->allow = o->allow;
  c->textz = 1; /* put_row copies every text with a NUL */
  if(o->allow_duplicates)
    reg_allow_duplicates(c);
  int nf = r->nfields;
  hookctx h;
  memset(&h, 0, sizeof h);
  h.r = r;
  h.fork = reg_fork(c);
  h.file = o->file;
  h.cells = xcalloc((size_t)nf, sizeof *h.cells);
  h.lens = xcalloc((size_t)nf, sizeof *h.lens);
  h.v = xcalloc((size_t)nf, sizeof *h.v);
  totals_init(&h.tot, r);
  if(in.csv)
    csvin_set_hook(in.csv, parse_hook, &h);
  in.h = &h;
  h.short_ok = in.csv == NULL;
  val *v = xcalloc((size_t)nf, sizeof *v);
  digest *dg = digest_new_async();
  int64_t batch = 0;
  int header = 0, rc, began = 0;
  csvrec rec;
  long rows = 0;

  if(db_begin(z)) {
    reg_set_place(c, NULL, 0);
    /* A busy database: db_begin names who is writing, and how long it
     * waited. */
    reg_error(c, -1, T(z, "%s: cannot start writing: %s"), o->file, z->err);
    goto done;
  }
  began = 1;
  batch = history_next_id(z);
  reg_defer_index(c);
  int ci = reg_field(r, "code");
  /* With --update a repeated code would update its own row; the database
   * cannot tell, so the import remembers the codes. */
  strset seen;
  strset_init(&seen);
  while((rc = src_next(&in, &rec)) == 1) {
    const prow *p = rec.extra;
    const char *base = rec.extra;
    reg_set_place(c, o->file, rec.row);
    if(p->nerr)
      reg_add_errors(c, base + p->erroff, p->errlen, p->nerr);
    if(p->kind == P_BLANK) {
      res->blank++;
      continue;
    }
    if(p->kind == P_TITLE)
      continue;
    if(p->kind == P_HEADER) {
      header = 1;
      if(p->nerr)
        break;
      continue;
    }
    if(p->kind != P_ROW || p->nerr)
      continue;
    memcpy(v, base + sizeof *p, (size_t)nf * sizeof *v);
    for(int i = 0; i < nf; i++)
      if(v[i].t == V_TEXT && !v[i].s)
        v[i].s = base + v[i].i;
    if(reg_check(c, v))
      continue;
    if(o->update && ci >= 0 && v[ci].t == V_TEXT &&
       !strset_add(&seen, v[ci].s, v[ci].n)) {
      reg_error(c, ci, T(z, "'%.*s' appears twice in this file"),
                (int)v[ci].n, v[ci].s);
      continue;
    }
    int64_t id;
    int upd;
    if(reg_write(c, v, o->update ? 1 : 0, batch, &id, &upd)) {
      if(reg_fatal(c))
        break; /* the transaction may be gone: write nothing more */
      continue;
    }
    if(upd == 0) {
      const sbuf *cn = reg_last_canon(c);
      digest_add(dg, cn->buf, cn->len);
      digest_add(dg, "\n", 1);
      res->inserted++;
    } else if(upd == 1) {
      res->updated++;
    } else {
      res->unchanged++;
    }
    if(o->progress && in.csv && (++rows & 0xffff) == 0) {
      long long done, total;
      csvin_progress(in.csv, &done, &total);
      o->progress(done, total, rows);
    }
  }
  if(rc < 0) {
    /* the reader says "row N: message": make it FILE:N: message. */
    const char *m = src_error(&in), *msg;
    long row = csv_error_row(z->lang, m, &msg);
    reg_set_place(c, o->file, row);
    if(row > 0)
      reg_error(c, -1, "%s", msg);
    else {
      reg_set_place(c, NULL, 0);
      reg_error(c, -1, "%s: %s", o->file, m);
    }
  } else if(!header && reg_nerrors(c) == 0) {
    reg_set_place(c, NULL, 0);
    reg_error(c, -1, T(z, "%s: no header row (accepted columns: see 'sanzi "
                          "%s template')"), o->file, r->name);
  }
  strset_free(&seen);
  if(reg_nerrors(c) == 0 && !o->dry_run)
    reg_index_inserted(c);
  snprintf(res->encoding, sizeof res->encoding, "%s", in.kind);
  if(reg_nerrors(c) == 0 && !o->dry_run &&
     res->inserted + res->updated > 0) {
    unsigned char d[32];
    int64_t n = res->inserted + res->updated;
    digest_final(dg, d);
    dg = NULL;
    if(res->updated)
      history_rows_digest(z, r, batch, d, &n);
    sbuf sum;
    sb_init(&sum);
    sb_addstr(&sum, "{\"file\":");
    const char *shown = o->name && *o->name ? o->name : o->file;
    json_string(&sum, shown, strlen(shown));
    if(sha[0])
      sb_addf(&sum, ",\"sha256\":\"%s\"", sha);
    sb_addf(&sum, ",\"inserted\":%ld,\"updated\":%ld}", res->inserted,
            res->updated);
    if(history_append(z, batch, r->name, NULL, "import", sum.buf, n, d)) {
      reg_set_place(c, NULL, 0);
      reg_error(c, -1, "%s", z->err);
    } else {
      res->log_id = batch;
    }
    sb_free(&sum);
  }
done:
  if(dg) {
    unsigned char d[32];
    digest_final(dg, d);
  }
  res->nerrors = reg_nerrors(c);
  if(began) {
    int commit = res->nerrors == 0 && !o->dry_run;
    if(db_end(z, commit) && commit) {
      reg_set_place(c, NULL, 0);
      reg_error(c, -1, T(z, "%s: cannot commit: %s"), o->file, z->err);
      res->nerrors = reg_nerrors(c);
      res->log_id = 0;
    }
  }
  errs_move(&res->errs, &c->errs);
  src_close(&in); /* stops the reader thread before its context goes */
  reg_close(h.fork);
  reg_close(c);
  free(h.col2f);
  free(h.cells);
  free(h.lens);
  free(h.v);
  totals_free(&h.tot);
  sb_free(&h.errs);
  free(v);
  return res->nerrors ? -1 : 0;
}

/* ---- export ---- */

/* " WHERE ..." restricting rows to a village or everything under an
 * organisation code (township or county); binds ?1. */
const char *scope_where(const char *village, const char *township)
{
  if(village)
    return " WHERE village = ?1";
  if(township)
    return " WHERE village BETWEEN ?1 AND ?1 || 'z'";
  return "";
}

int reg_export_rows(sz *z, const reg *r, const export_opts *o,
                    int (*row)(void *ctx, int64_t id, val *v), void *ctx)
{
  int is_asset = r == &reg_asset;
  int with_net = is_asset && o->as_of;
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, scope_where(o->village, o->township));
  int scoped = reg_field(r, "village") >= 0 && z->scope[0];
  if(scoped)
    db_scope_sql(z, "village", o->village || o->township, &sql);
  held_where(r, o->as_of != NULL, 0,
             o->village || o->township || scoped ? " AND " : " WHERE ", &sql);
  sb_addstr(&sql, " ORDER BY id");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sb_free(&sql);
  if(o->village || o->township)
    sqlite3_bind_text(st, 1, o->village ? o->village : o->township, -1,
                      SQLITE_STATIC);
  if(o->as_of && sqlite3_bind_parameter_index(st, ":asof"))
    db_bind_text(st, ":asof", o->as_of);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  char through[8];
  char *mask = xcalloc((size_t)r->nfields, 19);
  asset_defaults *dflt = with_net ? asset_defaults_load(z) : NULL;
  int rc = 0;
  while(rc == 0 && db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    if(!o->full_ids)
      reg_mask(r, v, mask);
    if(with_net) {
      int64_t acc;
      asset_depreciation(dflt, v, o->as_of, &acc, through);
      val_int(&v[AS_ACCUMULATED], acc);
      if(through[0])
        val_text(&v[AS_THROUGH], through);
      else
        val_null(&v[AS_THROUGH]);
      val_int(&v[AS_NET], v[AS_ORIGINAL].i - acc);
    }
    rc = row(ctx, sqlite3_column_int64(st, 0), v);
  }
  if(rc == 0 && db_fault(z))
    rc = db_fail(z, "%s", z->fault_msg);
  asset_defaults_free(dflt);
  sqlite3_finalize(st);
  free(mask);
  free(v);
  return rc;
}

/* The columns of an export: every field an import takes back (not a
 * derived code), and an asset's net value with as_of. */
static int export_column(const reg *r, const field *f, const export_opts *o)
{
  if(f->type == F_CODE && !r->infix)
    return 0;
  if(f->flags & F_VOID)
    return 0;
  return f->type != F_DERIVED || (r == &reg_asset && o->as_of);
}

typedef struct csv_export {
  const reg *r;
  const export_opts *o;
  FILE *fp;
  sbuf cell;
} csv_export;

static int csv_export_row(void *ctx, int64_t id, val *v)
{
  csv_export *x = ctx;
  int first = 1;
  (void)id;
  for(int i = 0; i < x->r->nfields; i++) {
    const field *f = &x->r->fields[i];
    if(!export_column(x->r, f, x->o))
      continue;
    sb_reset(&x->cell);
    reg_format(f, &v[i], &x->cell);
    if(spec_numeric(f))
      csvout_field(x->fp, x->cell.buf ? x->cell.buf : "", x->cell.len, first);
    else
      csvout_text(x->fp, x->cell.buf ? x->cell.buf : "", x->cell.len, first);
    first = 0;
  }
  csvout_endrow(x->fp);
  return 0;
}

int reg_export(sz *z, const reg *r, const export_opts *o, FILE *fp)
{
  csv_export x = {r, o, fp, {0}};
  sb_init(&x.cell);
  if(o->bom)
    csvout_bom(fp);
  int first = 1;
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if(!export_column(r, f, o))
      continue;
    sb_reset(&x.cell);
    reg_header(f, &x.cell);
    csvout_field(fp, x.cell.buf, x.cell.len, first);
    first = 0;
  }
  csvout_endrow(fp);
  int rc = reg_export_rows(z, r, o, csv_export_row, &x);
  sb_free(&x.cell);
  return rc;
}
