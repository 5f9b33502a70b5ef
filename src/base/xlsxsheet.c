/* xlsxsheet.c: the sheet half of the .xlsx reader: a sheet streamed a
 * row at a time by a reader thread (see xlsxin.c). */
#include "base/xlsxin_impl.h"
#include "base/xlsxfmt.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* the sheet, a row at a time */

/* "C5" for column index 2 (0-based) of row 5. */
static const char *cellref(long row, int col, char buf[24])
{
  char l[4];
  int n = 0, i = 0;
  col++;
  while(col > 0 && n < 3) {
    l[n++] = (char)('A' + (col - 1) % 26);
    col = (col - 1) / 26;
  }
  while(n)
    buf[i++] = l[--n];
  snprintf(buf + i, (size_t)(24 - i), "%ld", row);
  return buf;
}

/* The elements of a sheet that matter, by their local names; called for
 * every element, so without a library call. */
enum { E_OTHER, E_C, E_V, E_IS, E_T, E_RPH, E_ROW };

static int elem(const char *name)
{
  const char *l = name;
  for(const char *p = name; *p; p++)
    if(*p == ':')
      l = p + 1;
  switch(l[0]) {
  case 'c':
    return l[1] ? E_OTHER : E_C;
  case 'v':
    return l[1] ? E_OTHER : E_V;
  case 't':
    return l[1] ? E_OTHER : E_T;
  case 'i':
    return l[1] == 's' && !l[2] ? E_IS : E_OTHER;
  case 'r':
    if(l[1] == 'o' && l[2] == 'w' && !l[3])
      return E_ROW;
    return l[1] == 'P' && l[2] == 'h' && !l[3] ? E_RPH : E_OTHER;
  }
  return E_OTHER;
}

static void cell_start(xlsxin *r, const XML_Char **atts)
{
  const char *ra = NULL, *ta = NULL, *sa = NULL;
  int col = 0;
  for(; *atts; atts += 2) {
    const char *n = atts[0];
    for(const char *p = n; *p; p++)
      if(*p == ':')
        n = p + 1;
    if(n[0] && !n[1]) {
      if(n[0] == 'r')
        ra = atts[1];
      else if(n[0] == 't')
        ta = atts[1];
      else if(n[0] == 's')
        sa = atts[1];
    }
  }
  r->in_cell = 1;
  r->ctype = T_N;
  r->ckind = XF_NUM;
  sb_reset(&r->cell);
  if(ra && *ra >= 'A' && *ra <= 'Z') {
    for(; *ra >= 'A' && *ra <= 'Z' && col <= MAX_COLS; ra++)
      col = col * 26 + (*ra - 'A' + 1);
    col--;
  }
  else
    col = r->nextcol;
  if(col >= MAX_COLS) {
    xlsxin_fail(r, tr(r->lang, "row %ld: a cell beyond column XFD, the last "
               "Excel has"), r->row);
    return;
  }
  r->ccol = col;
  r->nextcol = col + 1;
  if(ta) {
    if(!strcmp(ta, "s"))
      r->ctype = T_S;
    else if(!strcmp(ta, "str"))
      r->ctype = T_STR;
    else if(!strcmp(ta, "inlineStr"))
      r->ctype = T_INLINE;
    else if(!strcmp(ta, "b"))
      r->ctype = T_B;
    else if(!strcmp(ta, "e"))
      r->ctype = T_E;
    else if(!strcmp(ta, "d"))
      r->ctype = T_D;
  }
  if(sa) {
    unsigned long k = strtoul(sa, NULL, 10);
    if(k < r->nxf)
      r->ckind = r->xfkind[k];
  }
}

static void row_start(xlsxin *r, const XML_Char **atts)
{
  const char *a = xlsxin_attr(atts, "r");
  long row = r->lastrow + 1;
  if(a) {
    char *end;
    row = strtol(a, &end, 10);
    if(end == a || *end)
      row = 0;
  }
  if(row <= r->lastrow || row > MAX_ROWS) {
    if(a && row > 0 && row <= MAX_ROWS)
      xlsxin_fail(r, tr(r->lang, "row %ld comes after row %ld (the rows are out "
                 "of order)"), row, r->lastrow);
    else
      xlsxin_fail(r, tr(r->lang, "after row %ld: a row numbered '%s'"),
           r->lastrow, a ? a : "");
    return;
  }
  r->row = row;
  r->in_row = 1;
  r->ncols = 0;
  r->nextcol = 0;
  sb_reset(&r->rowbuf);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name,
                                const XML_Char **atts)
{
  xlsxin *r = ud;
  switch(elem(name)) {
  case E_C:
    if(r->in_row)
      cell_start(r, atts);
    break;
  case E_V:
    r->in_v = r->in_cell;
    break;
  case E_IS:
    r->in_is = r->in_cell;
    break;
  case E_T:
    r->in_t = 1;
    break;
  case E_RPH:
    r->in_rph = 1;
    break;
  case E_ROW:
    row_start(r, atts);
    break;
  }
}

/* The current cell's text becomes its field. */
static void cell_done(xlsxin *r)
{
  char *s = r->cell.buf ? r->cell.buf : (char *)"";
  size_t n = r->cell.len;
  char ref[24], iso[32];
  const char *text = s;

  switch(r->ctype) {
  case T_S: {
    char *end;
    unsigned long i = strtoul(s, &end, 10);
    if(end == s || *end || i >= r->nss) {
      xlsxin_fail(r, tr(r->lang, "row %ld: cell %s refers to shared string '%s', "
                 "which the workbook does not have"),
           r->row, cellref(r->row, r->ccol, ref), s);
      return;
    }
    text = r->ss ? r->ss + r->ssoff[i] : ""; /* all strings empty: none */
    n = r->ssoff[i + 1] - r->ssoff[i];
    break;
  }
  case T_STR:
  case T_INLINE:
    n = xlsxin_unescape(s, n);
    if(xlsxin_chars(s, n) > MAX_CELL) {
      xlsxin_fail(r, tr(r->lang, "row %ld: cell %s is longer than %d characters, "
                 "Excel's limit"), r->row, cellref(r->row, r->ccol, ref),
           MAX_CELL);
      return;
    }
    break;
  case T_B:
    if(n == 1 && (*s == '0' || *s == '1')) {
      text = *s == '1' ? "是" : "否";
      n = strlen(text);
    }
    break;
  case T_D:
    n = xlsx_iso_cell(s, n);
    break;
  case T_E:
    break;
  default:
    if(n && r->ckind != XF_NUM &&
       xlsx_serial_iso(s, r->ckind, r->date1904, iso)) {
      text = iso;
      n = strlen(iso);
    }
    else
      n = xlsx_number_text(s, n);
  }
  if(r->ccol >= r->colcap) {
    int cap = r->colcap ? r->colcap : 64;
    while(cap <= r->ccol)
      cap *= 2;
    r->cols = xrealloc(r->cols, (size_t)cap * sizeof(*r->cols));
    r->colcap = cap;
  }
  while(r->ncols <= r->ccol) {
    r->cols[r->ncols].off = 0;
    r->cols[r->ncols++].n = 0;
  }
  r->cols[r->ccol].off = r->rowbuf.len;
  r->cols[r->ccol].n = n;
  sb_add(&r->rowbuf, text, n);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
  xlsxin *r = ud;
  switch(elem(name)) {
  case E_C:
    if(r->in_cell) {
      r->in_cell = r->in_v = r->in_is = 0;
      cell_done(r);
    }
    break;
  case E_V:
    r->in_v = 0;
    break;
  case E_IS:
    r->in_is = 0;
    break;
  case E_T:
    r->in_t = 0;
    break;
  case E_RPH:
    r->in_rph = 0;
    break;
  case E_ROW:
    if(r->in_row) {
      r->in_row = 0;
      r->lastrow = r->row;
      r->rowready = 1;
      if(!r->err)
        XML_StopParser(r->p, XML_TRUE);
    }
    break;
  }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
  xlsxin *r = ud;
  char ref[24];
  if(!r->in_v && !(r->in_is && r->in_t && !r->in_rph))
    return;
  if(r->cell.len + (size_t)len > 4 * (size_t)MAX_CELL + 64) {
    xlsxin_fail(r, tr(r->lang, "row %ld: cell %s is longer than %d characters, "
               "Excel's limit"), r->row, cellref(r->row, r->ccol, ref),
         MAX_CELL);
    return;
  }
  sb_add(&r->cell, s, (size_t)len);
}

static void sheet_stop(xlsxin *r)
{
  if(r->p)
    XML_ParserFree(r->p);
  r->p = NULL;
  if(r->zf)
    zip_fclose(r->zf);
  r->zf = NULL;
}

/* Parses until a row is complete (1), the sheet ends (0) or an error. */
static int pump(xlsxin *r)
{
  r->rowready = 0;
  for(;;) {
    enum XML_Status st;
    if(r->suspended) {
      r->suspended = 0;
      st = XML_ResumeParser(r->p);
    }
    else if(r->fed_final)
      return 0;
    else {
      void *buf = XML_GetBuffer(r->p, CHUNK);
      long n;
      if(!buf)
        abort();                /* layers: allow (out of memory) */
      n = xlsxin_member_read(r, r->zf, r->partname, &r->inflated, buf, CHUNK);
      if(n < 0)
        return -1;
      r->fed_final = n == 0;
      st = XML_ParseBuffer(r->p, (int)n, n == 0);
    }
    if(st == XML_STATUS_ERROR || r->err) {
      if(!r->err)
        xlsxin_fail(r, tr(r->lang, "sheet '%s' is damaged: XML error at line %lu: "
                   "%s"), r->sh[r->sel].name,
             (unsigned long)XML_GetCurrentLineNumber(r->p),
             XML_ErrorString(XML_GetErrorCode(r->p)));
      return -1;
    }
    if(st == XML_STATUS_SUSPENDED)
      r->suspended = 1;
    if(r->rowready)
      return 1;
  }
}

/* Parses rows into b until it is full or the sheet ends. */
static void fill(xlsxin *r, struct block *b)
{
  sb_reset(&b->text);
  b->nf = b->nr = b->head = 0;
  b->status = 0;
  while(b->nr < BLOCK_ROWS && b->text.len < BLOCK_BYTES) {
    int rc = pump(r), n;
    if(rc <= 0) {
      b->status = rc ? -1 : 1;
      sheet_stop(r);
      return;
    }
    /* empty fields at the end are dropped; an empty row is one field */
    for(n = r->ncols; n > 0 && !r->cols[n - 1].n; n--)
      ;
    if(b->nf + (size_t)n + 1 > b->fcap) {
      b->fcap = (b->nf + (size_t)n + 1) * 2;
      b->f = xrealloc(b->f, b->fcap * sizeof(*b->f));
    }
    if(b->nr == b->rcap) {
      b->rcap = b->rcap ? b->rcap * 2 : 1024;
      b->r = xrealloc(b->r, b->rcap * sizeof(*b->r));
    }
    b->r[b->nr].row = r->row;
    b->r[b->nr].f0 = b->nf;
    b->r[b->nr].nf = n ? n : 1;
    b->nr++;
    if(!n) {
      b->f[b->nf].off = b->text.len;
      b->f[b->nf++].n = 0;
    }
    for(int i = 0; i < n; i++) {
      b->f[b->nf].off = b->text.len;
      b->f[b->nf++].n = r->cols[i].n;
      sb_add(&b->text, r->rowbuf.buf + r->cols[i].off, r->cols[i].n);
    }
  }
}

static void *reader(void *arg)
{
  xlsxin *r = arg;
  struct block *b = &r->blk[1];
  for(;;) {
    int stop;
    fill(r, b);
    pthread_mutex_lock(&r->mu);
    while(r->ready && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    if(r->stop) {
      pthread_mutex_unlock(&r->mu);
      break;
    }
    if(b->status < 0)
      memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
    r->ready = b;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if(b->status)
      break;
    /* the caller hands the other block back by taking this one */
    b = b == &r->blk[0] ? &r->blk[1] : &r->blk[0];
    pthread_mutex_lock(&r->mu);
    while(r->cur == b && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    if(stop)
      break;
  }
  return NULL;
}

/* Stops the reader thread, if any, and closes the sheet. */
void xlsxin_sheet_close(xlsxin *r)
{
  if(r->threaded) {
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->th, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    r->threaded = 0;
  }
  sheet_stop(r);
}

/* An error before any row: the caller's side sees it at once. */
static int select_failed(xlsxin *r)
{
  memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
  r->failed = 1;
  return -1;
}

int xlsxin_select(xlsxin *r, int i)
{
  xlsxin_sheet_close(r);
  r->err = r->failed = 0;
  r->errmsg[0] = r->errcopy[0] = 0;
  r->selected = 1;
  r->sel = i;
  if(i < 0 || i >= r->nsh) {
    xlsxin_fail(r, tr(r->lang, "the workbook has no sheet %d"), i + 1);
    return select_failed(r);
  }
  if(!r->sh[i].part ||
     !(r->zf = xlsxin_member_open(r, r->sh[i].part))) {
    if(!r->err)
      xlsxin_fail(r, tr(r->lang, "sheet '%s' is missing from the file (a damaged "
                 "workbook?)"), r->sh[i].name);
    return select_failed(r);
  }
  r->partname = r->sh[i].part;
  r->p = xlsxin_parser_new(r, sheet_start, sheet_end, sheet_text);
  r->inflated = 0;
  r->suspended = r->fed_final = r->rowready = 0;
  r->in_t = r->in_rph = r->in_v = r->in_is = r->in_cell = r->in_row = 0;
  r->row = r->lastrow = 0;
  for(int k = 0; k < 2; k++) {
    r->blk[k].nr = r->blk[k].head = 0;
    r->blk[k].status = 0;
  }
  r->cur = &r->blk[0];
  r->ready = NULL;
  r->stop = 0;
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->cv, NULL);
  if(pthread_create(&r->th, NULL, reader, r) == 0)
    r->threaded = 1;
  else {
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
  }
  return 0;
}

int xlsxin_next(xlsxin *r, csvrec *rec)
{
  if(!r->selected && xlsxin_select(r, 0) < 0)
    return -1;
  if(r->failed)
    return -1;
  for(;;) {
    struct block *b = r->cur;
    if(b->head < b->nr) {
      const struct rrow *q = &b->r[b->head++];
      if(q->nf > r->outcap) {
        r->outcap = q->nf * 2;
        r->out = xrealloc(r->out, (size_t)r->outcap * sizeof(*r->out));
      }
      for(int i = 0; i < q->nf; i++) {
        const struct col *f = &b->f[q->f0 + (size_t)i];
        r->out[i].p = b->text.buf ? b->text.buf + f->off : "";
        r->out[i].n = f->n;
      }
      rec->row = q->row;
      rec->nfields = q->nf;
      rec->f = r->out;
      rec->extra = NULL;
      rec->extra_len = 0;
      return 1;
    }
    if(b->status < 0) {
      r->failed = 1;
      return -1;
    }
    if(b->status > 0)
      return 0;
    if(!r->threaded) {
      /* no thread could be started: parse here, a block at a time */
      fill(r, b);
      if(b->status < 0)
        memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
      continue;
    }
    pthread_mutex_lock(&r->mu);
    while(!r->ready)
      pthread_cond_wait(&r->cv, &r->mu);
    r->cur = r->ready;
    r->ready = NULL;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
  }
}

const char *xlsxin_error(const xlsxin *r)
{
  return r->failed ? r->errcopy : "";
}

int xlsxin_sheets(const xlsxin *r)
{
  return r->nsh;
}

const char *xlsxin_sheet_name(const xlsxin *r, int i)
{
  return i >= 0 && i < r->nsh ? r->sh[i].name : NULL;
}

/* Stops the reader and frees what reading sheets took. */
void xlsxin_sheet_free(xlsxin *r)
{
  xlsxin_sheet_close(r);
  for(int k = 0; k < 2; k++) {
    sb_free(&r->blk[k].text);
    free(r->blk[k].f);
    free(r->blk[k].r);
  }
  sb_free(&r->cell);
  sb_free(&r->rowbuf);
  free(r->cols);
  free(r->out);
}
