/* workbook.c: the workbooks sanzi writes, one way (see workbook.h). */
#include "domain/workbook.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/util.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the workbook ---- */

static lxw_format *num_format(lxw_workbook *wb, const char *code, int bold)
{
  lxw_format *f = workbook_add_format(wb);
  format_set_num_format(f, code);
  if(bold)
    format_set_bold(f);
  return f;
}

int wbook_open(wbook *b, const char *path, int big, const char *tmpdir,
               time_t now, const tzone *tz)
{
  memset(b, 0, sizeof *b);
  lxw_workbook_options opt = {.constant_memory = big ? LXW_TRUE : LXW_FALSE,
                              .tmpdir = (char *)tmpdir,
                              .use_zip64 = big ? LXW_TRUE : LXW_FALSE};
  b->wb = workbook_new_opt(path, &opt);
  if(!b->wb)
    return -1;
  /* Each kind's number format; the text kinds are text ("@"), so that a
   * code typed into a template stays as typed. */
  static const char *const code[WB_KINDS] = {
      [K_TEXT] = "@",     [K_MONEY] = "#,##0.00", [K_INT] = "0",
      [K_AREA] = "#,##0.00##", [K_RATE] = "0.00##", [K_QTY] = "#,##0.##",
      [K_CODE] = "@",     [K_TIME] = "@",        [K_DATE] = "yyyy-mm-dd"};
  for(int k = 0; k < WB_KINDS; k++) {
    b->fmt[k] = num_format(b->wb, code[k], 0);
    b->total_num[k] = num_format(b->wb, code[k], 1);
  }
  b->head = workbook_add_format(b->wb);
  format_set_bold(b->head);
  format_set_bg_color(b->head, 0xDDEBF7);
  format_set_border(b->head, LXW_BORDER_THIN);
  format_set_text_wrap(b->head);
  format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
  b->title = workbook_add_format(b->wb);
  format_set_bold(b->title);
  format_set_font_size(b->title, 14);
  b->total = workbook_add_format(b->wb);
  format_set_bold(b->total);
  char when[20] = "";
  if(tz)
    tz_format_local(tz, (int64_t)now, when);
  else {
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", gmtime_r(&now, &tm));
  }
  snprintf(b->footer, sizeof b->footer,
           "&L导出时间：%.16s&C第 &P 页 共 &N 页", when);
  return 0;
}

int wbook_close(wbook *b, char *err, size_t n)
{
  if(!b->wb)
    return 0;
  lxw_error e = workbook_close(b->wb);
  b->wb = NULL;
  if(e != LXW_NO_ERROR) {
    snprintf(err, n, "libxlsxwriter: %s", lxw_strerror(e));
    return -1;
  }
  return 0;
}

int wbook_create(wbook *b, sz *z, const char *path, int big)
{
  sbuf p;
  sb_init(&p);
  sb_addf(&p, "%s.partial", path);
  /* libxlsxwriter's scratch files go beside the workbook (a server's
   * private directory), not into the system's. */
  const char *slash = strrchr(path, '/');
  char *dir = slash ? xstrndup(path, slash > path ? (size_t)(slash - path) : 1)
                    : xstrdup(".");
  tzone *tz = view_zone(z);
  int rc = wbook_open(b, p.buf, big, dir, z->now, tz);
  tz_free(tz);
  b->tmpdir = dir; /* the library may keep it until the workbook closes */
  if(rc) {
    sb_free(&p);
    free(b->tmpdir);
    b->tmpdir = NULL;
    return db_fail(z, T(z, "%s: cannot make the workbook"), path);
  }
  b->path = path;
  b->part = p.buf;
  return 0;
}

int wbook_finish(wbook *b, sz *z, int ok)
{
  char err[256];
  int rc = 0;
  if(wbook_close(b, err, sizeof err) && ok)
    rc = db_fail(z, T(z, "%s: cannot write the workbook (%s)"), b->path, err);
  if(ok && !rc && db_fault(z))
    rc = db_fail(z, "%s", z->fault_msg);
  if(ok && !rc && rename(b->part, b->path))
    rc = db_fail(z, "%s: %s", b->path, tr_errno(z->lang, errno));
  if(!ok || rc)
    remove(b->part); /* nothing half-written is left */
  free(b->part);
  b->part = NULL;
  free(b->tmpdir);
  b->tmpdir = NULL;
  return rc;
}

double wbook_width(const char *s)
{
  double w = 0;
  for(const unsigned char *p = (const unsigned char *)s; *p; p++)
    if(*p < 0x80)
      w += 1;
    else if(*p >= 0xc0)
      w += 2;
  return w;
}

/* "YYYY-MM-DD" as Excel's date; 0 when it is not one. */
static int iso_date(const char *s, lxw_datetime *d)
{
  int y, m, dd;
  char tail;
  if(!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
    return 0;
  if(y < 1900 || m < 1 || m > 12 || dd < 1 || dd > 31)
    return 0;
  memset(d, 0, sizeof *d);
  d->year = y;
  d->month = (uint8_t)m;
  d->day = (uint8_t)dd;
  return 1;
}

static double cell_at(wbook *b, lxw_worksheet *ws, lxw_row_t row,
                      lxw_col_t col, int kind, const acell *c, int bold)
{
  char buf[48];
  lxw_format *f = bold ? b->total_num[kind] : b->fmt[kind];
  lxw_datetime d;
  if(c->null)
    return 0;
  switch(kind) {
  case K_MONEY:
    worksheet_write_number(ws, row, col, (double)c->i / 100, f);
    return (double)strlen(money_format_grouped(c->i, buf)) + 1;
  case K_AREA:
  case K_QTY:
    worksheet_write_number(ws, row, col, (double)c->i / 10000, f);
    return (double)strlen(area_format_grouped(c->i, buf)) + 1;
  case K_RATE:
    if(c->i > 0 && c->i < 10000) {
      /* Below 1%: its sign too, or an import takes 0.5 for a slip. */
      char pct[48];
      snprintf(pct, sizeof pct, "%s%%", rate_format(c->i, buf));
      worksheet_write_string(ws, row, col, pct, b->fmt[K_TEXT]);
    } else
      worksheet_write_number(ws, row, col, (double)c->i / 10000, f);
    return (double)strlen(rate_format(c->i, buf)) + 1;
  case K_INT:
    worksheet_write_number(ws, row, col, (double)c->i, f);
    snprintf(buf, sizeof buf, "%lld", (long long)c->i);
    return (double)strlen(buf) + 1;
  case K_DATE:
    if(iso_date(c->s, &d)) {
      worksheet_write_datetime(ws, row, col, &d, f);
      return 11;
    }
    break;
  case K_CODE:
    if(c->s) {
      const char *s = tr(LANG_ZH, c->s);
      if(worksheet_write_string(ws, row, col, s, f) != LXW_NO_ERROR)
        return -1;
      return wbook_width(s);
    }
    return 0;
  case K_TIME:
    if(c->s && !tz_local_text(c->s, (long)c->i, buf)) {
      worksheet_write_string(ws, row, col, buf, f);
      return 19;
    }
    break;
  }
  if(!c->s)
    return 0;
  /* A value too long for a cell (32,767 characters: stored before sanzi
   * limited lengths, or behind its back) is an error, never an empty
   * cell. */
  if(worksheet_write_string(ws, row, col, c->s,
                            bold ? b->total : b->fmt[K_TEXT]) != LXW_NO_ERROR)
    return -1;
  return wbook_width(c->s);
}

double wbook_cell(wbook *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  int kind, const acell *c)
{
  return cell_at(b, ws, row, col, kind, c, 0);
}

void wbook_too_long(int lang, char *err, size_t n, const char *sheet,
                    lxw_row_t row, const char *col)
{
  set_err(err, n,
          tr(lang, "workbook: sheet %s, row %lu, column %s: the value does "
                   "not fit in a cell (at most 32,767 characters); shorten "
                   "it"),
          sheet, (unsigned long)row + 1, col);
}

/* s with '&' doubled (a header's codes start with '&'), appended. */
static void add_hf_text(sbuf *sb, const char *s, size_t max)
{
  for(size_t i = 0; s[i] && sb->len < max; i++) {
    if(s[i] == '&')
      sb_addch(sb, '&');
    sb_addch(sb, s[i]);
  }
}

/* A portrait A4 page holds about this many columns of width 1. */
#define PORTRAIT_WIDTH 95

void wbook_print(wbook *b, lxw_worksheet *ws, const char *title,
                 const char *scope, const double *w, int ncols,
                 lxw_row_t first, lxw_row_t last)
{
  double total = 0;
  for(int i = 0; i < ncols; i++)
    total += w[i];
  worksheet_set_paper(ws, 9); /* A4 */
  if(total > PORTRAIT_WIDTH)
    worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, first, last);
  worksheet_set_margins(ws, 0.4, 0.4, 0.75, 0.75);
  /* libxlsxwriter takes at most 255 characters: the scope is cut first. */
  sbuf h;
  sb_init(&h);
  sb_addstr(&h, "&L&\"-,Bold\"");
  add_hf_text(&h, title, 160);
  if(scope && *scope) {
    sb_addstr(&h, "&R");
    add_hf_text(&h, scope, 240);
  }
  if(h.len > 250) {
    h.len = 250; /* cut at a character's start */
    while(h.len && ((unsigned char)h.buf[h.len] & 0xc0) == 0x80)
      h.len--;
  }
  sb_addch(&h, 0);
  worksheet_set_header(ws, h.buf);
  worksheet_set_footer(ws, b->footer);
  sb_free(&h);
}

/* ---- the sink ---- */

#define WS(s) ((wsink *)(s))
#define OUT(s) ((wsink *)((char *)(s) - offsetof(wsink, out)))

/* A sheet's name: at most 31 characters, none of []:*?/\ */
static void sheet_name(const char *s, char *out, size_t n)
{
  size_t k = 0, chars = 0;
  for(size_t i = 0; s[i] && k + 5 < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if((ch & 0xc0) != 0x80 && ++chars > 31)
      break;
    out[k++] = strchr("[]:*?/\\", ch) ? '_' : (char)ch;
  }
  out[k] = 0;
}

static void widen(wsink *w, int col, double width)
{
  if(col >= w->wcap) {
    int n = col + 16;
    w->w = xrealloc(w->w, sizeof *w->w * (size_t)n);
    for(int i = w->wcap; i < n; i++)
      w->w[i] = 0;
    w->wcap = n;
  }
  if(width > w->w[col])
    w->w[col] = width;
}

static int total_kind(int kind)
{
  return kind == K_MONEY || kind == K_AREA;
}

static int ws_begin(asink *s, const atable *t)
{
  wsink *w = OUT(s);
  w->t = t;
  w->rows = 0;
  if(!w->ws || !(w->flags & WS_STACK)) {
    char name[128];
    sheet_name(w->flags & WS_STACK ? w->title : t->name, name, sizeof name);
    w->ws = workbook_add_worksheet(w->b.wb, name);
    if(!w->ws) {
      set_err(s->err, sizeof s->err,
              tr(w->z->lang, "workbook: cannot add sheet %s"), name);
      return -1;
    }
    w->row = 0;
    for(int i = 0; i < w->wcap; i++)
      w->w[i] = 0;
  } else if(w->row > 0)
    w->row++; /* a blank row between the parts */
  free(w->sum);
  w->sum = xcalloc((size_t)t->ncols + 1, sizeof *w->sum);
  w->ncols = t->ncols;
  if(w->flags & WS_STACK) {
    worksheet_write_string(w->ws, w->row, 0, t->name, w->b.title);
    worksheet_set_row(w->ws, w->row, 20, NULL);
    w->row++;
  }
  w->head = w->row;
  for(int i = 0; i < t->ncols; i++) {
    worksheet_write_string(w->ws, w->row, (lxw_col_t)i, t->cols[i].zh,
                           w->b.head);
    widen(w, i, wbook_width(t->cols[i].zh) + 2);
  }
  w->row++;
  return 0;
}

static int ws_row(asink *s, const acell *c)
{
  wsink *w = OUT(s);
  const atable *t = w->t;
  if(w->row >= 1048576) {
    set_err(s->err, sizeof s->err,
            tr(w->z->lang, "%s: more rows than a sheet holds (1,048,576)"),
            t->name);
    return -1;
  }
  /* A row of the view's own totals (合计, 收入合计) is bold. */
  size_t n0 = !c[0].null && c[0].s ? strlen(c[0].s) : 0;
  int bold = kind_text(t->cols[0].kind) && n0 >= strlen("合计") &&
             !strcmp(c[0].s + n0 - strlen("合计"), "合计");
  for(int i = 0; i < t->ncols; i++) {
    int kind = t->cols[i].kind;
    double width =
        cell_at(&w->b, w->ws, w->row, (lxw_col_t)i, kind, &c[i], bold);
    if(width < 0) {
      wbook_too_long(w->z->lang, s->err, sizeof s->err, t->name, w->row,
                     t->cols[i].zh);
      return -1;
    }
    widen(w, i, width);
    if(total_kind(kind) && !c[i].null)
      w->sum[i] += c[i].i;
  }
  w->row++;
  w->rows++;
  return 0;
}

void wbook_col(int c, char out[8])
{
  char tmp[8];
  int k = 0;
  c++;
  while(c > 0 && k < 7) {
    tmp[k++] = (char)('A' + (c - 1) % 26);
    c = (c - 1) / 26;
  }
  for(int i = 0; i < k; i++)
    out[i] = tmp[k - 1 - i];
  out[k] = 0;
}

/* The widths of the sheet's first n columns: what was written in them,
 * at most max. */
static void set_widths(wsink *w, int n, double max)
{
  for(int i = 0; i < n; i++) {
    double x = w->w[i] + 1;
    worksheet_set_column(w->ws, (lxw_col_t)i, (lxw_col_t)i, x > max ? max : x,
                         NULL);
  }
}

static int ws_end(asink *s)
{
  wsink *w = OUT(s);
  const atable *t = w->t;
  lxw_row_t last = w->row - 1; /* the last data row (or the header) */
  /* Before the row 合计: a streamed sheet takes no range above the row
   * written last. */
  if(!(w->flags & WS_STACK))
    worksheet_autofilter(w->ws, w->head, 0, last, (lxw_col_t)(w->ncols - 1));
  if(w->flags & WS_TOTALS) {
    worksheet_write_string(w->ws, w->row, 0, "合计", w->b.total);
    for(int i = 0; i < t->ncols; i++) {
      if(!total_kind(t->cols[i].kind))
        continue;
      char col[8], f[64];
      wbook_col(i, col);
      /* SUBTOTAL: what a filter leaves shown; the value as computed. */
      snprintf(f, sizeof f, "=SUBTOTAL(9,%s%u:%s%u)", col,
               (unsigned)w->head + 2, col, (unsigned)last + 1);
      double v = t->cols[i].kind == K_MONEY ? (double)w->sum[i] / 100
                                            : (double)w->sum[i] / 10000;
      worksheet_write_formula_num(w->ws, w->row, (lxw_col_t)i, f,
                                  w->b.total_num[t->cols[i].kind], v);
      char buf[48];
      widen(w, i,
            (double)strlen(t->cols[i].kind == K_MONEY
                               ? money_format_grouped(w->sum[i], buf)
                               : area_format_grouped(w->sum[i], buf)) + 1);
    }
    w->row++;
  }
  if(w->flags & WS_STACK)
    return 0;
  set_widths(w, w->ncols, 50);
  worksheet_freeze_panes(w->ws, w->head + 1, 0);
  wbook_print(&w->b, w->ws, w->title, w->scope, w->w, w->ncols, w->head,
              w->head);
  return 0;
}

/* The view writes to s: through the names, or straight to the sheets. */
static asink *ws_first(wsink *w)
{
  return w->flags & WS_NAMES ? &w->names.s : &w->out;
}

static int ws_pass(wsink *w, asink *to, int rc)
{
  if(rc)
    snprintf(w->s.err, sizeof w->s.err, "%s", to->err);
  return rc;
}

static int first_begin(asink *s, const atable *t)
{
  asink *f = ws_first(WS(s));
  return ws_pass(WS(s), f, f->begin(f, t));
}

static int first_row(asink *s, const acell *c)
{
  asink *f = ws_first(WS(s));
  return ws_pass(WS(s), f, f->row(f, c));
}

static int first_end(asink *s)
{
  asink *f = ws_first(WS(s));
  return ws_pass(WS(s), f, f->end(f));
}

int wsink_open(wsink *w, sz *z, const char *path, unsigned flags,
               const char *title, const char *scope)
{
  memset(w, 0, sizeof *w);
  w->s.begin = first_begin;
  w->s.row = first_row;
  w->s.end = first_end;
  w->out.begin = ws_begin;
  w->out.row = ws_row;
  w->out.end = ws_end;
  w->z = z;
  w->flags = flags;
  w->title = title;
  w->scope = scope;
  if(wbook_create(&w->b, z, path, !(flags & WS_STACK)))
    return -1;
  vnames_init(&w->names, z, &w->out);
  return 0;
}

void wsink_line(wsink *w, const char *text, int title)
{
  if(!w->ws) {
    char name[128];
    sheet_name(w->title, name, sizeof name);
    w->ws = workbook_add_worksheet(w->b.wb, name);
    if(!w->ws)
      return;
  } else if(!title)
    w->row++;
  worksheet_write_string(w->ws, w->row, 0, text,
                         title ? w->b.title : NULL);
  if(title)
    worksheet_set_row(w->ws, w->row, 24, NULL);
  w->row++;
}

int wsink_close(wsink *w, int ok)
{
  int rc = 0;
  if(ok && w->ws && (w->flags & WS_STACK)) {
    set_widths(w, w->wcap, 40);
    wbook_print(&w->b, w->ws, w->title, w->scope, w->w, w->wcap, 0, 0);
    worksheet_set_landscape(w->ws); /* a notice board's sheet */
  }
  rc = wbook_finish(&w->b, w->z, ok);
  vnames_free(&w->names);
  free(w->sum);
  free(w->w);
  return rc;
}

void wbook_scope(sz *z, const char *code, char *out, size_t n)
{
  if(!code) {
    snprintf(out, n, "全部");
    return;
  }
  sqlite3_stmt *st = db_prepare(z, "SELECT name FROM org WHERE code = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW && sqlite3_column_text(st, 0))
    snprintf(out, n, "%s（%s）", sqlite3_column_text(st, 0), code);
  else
    snprintf(out, n, "%s", code);
  sqlite3_finalize(st);
}
