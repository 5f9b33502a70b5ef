/* xlsin.c: an .xls reader over FreeXL. See xlsin.h. */
#include "base/xlsin.h"
#include "base/i18n.h"
#include "base/text.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <freexl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct col {
  size_t off, n;
};

struct xlsin {
  int lang;
  const void *h;                /* FreeXL's handle */
  char **names;
  int nsh;
  int selected, sel;
  int state;                    /* 0 reading, 1 end, -1 error */
  unsigned rows, row;
  unsigned short cols;
  sbuf rowbuf;
  struct col *c;
  csvfield *out;
  int err;
  char errmsg[256];
};

static void fail(xlsin *r, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));

static void fail(xlsin *r, const char *fmt, ...)
{
  va_list ap;
  if(r->err)
    return;
  va_start(ap, fmt);
  vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
  va_end(ap);
  r->err = 1;
}

void xlsin_number(double v, char out[32])
{
  for(int prec = 15; prec <= 17; prec++) {
    snprintf(out, 32, "%.*g", prec, v);
    if(strtod(out, NULL) == v)
      break;
  }
  for(char *p = out; *p; p++)
    if(*p == 'e')
      *p = 'E';
}

/* FreeXL's error, in words for the clerk. */
static const char *reason(int lang, int rc)
{
  switch(rc) {
  case FREEXL_INSUFFICIENT_MEMORY:
    return tr_errno(lang, ENOMEM);
  case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
    return tr(lang, "an OLE file that holds no Excel workbook (a Word "
              "document?)");
  case FREEXL_BIFF_INVALID_BOF:
    return tr(lang, "an Excel file of a version this program cannot read "
              "(older than Excel 97?): save it as .xlsx");
  default:
    return tr(lang, "not an Excel 97-2003 file (.xls), or a damaged one");
  }
}

/* Does the file hold the UTF-16 name of the stream an encrypted Office
 * file keeps its data in ("EncryptedPackage", in an OLE directory)? Only
 * the first MiB are looked at (the directory sectors of a small file). */
static int encrypted(const char *path)
{
  static const char name[] = "EncryptedPackage";
  char pat[32], *buf = xmalloc(1 << 20);
  int fd = open(path, O_RDONLY | O_CLOEXEC), found = 0;
  ssize_t n = fd < 0 ? -1 : read(fd, buf, 1 << 20);
  for(int i = 0; i < 16; i++) {
    pat[2 * i] = name[i];
    pat[2 * i + 1] = 0;
  }
  if(n > 0)
    found = memmem(buf, (size_t)n, pat, sizeof pat) != NULL;
  if(fd >= 0)
    close(fd);
  free(buf);
  return found;
}

xlsin *xlsin_open(const char *path, int lang, char *err, size_t errlen)
{
  static const unsigned char ole[8] = {
    0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
  };
  unsigned char head[8];
  unsigned info = 0;
  xlsin *r;
  int fd = open(path, O_RDONLY | O_CLOEXEC), rc;
  if(fd < 0) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            tr_errno(lang, errno));
    return NULL;
  }
  rc = read(fd, head, sizeof head) == (ssize_t)sizeof head &&
       !memcmp(head, ole, sizeof ole);
  close(fd);
  if(!rc) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            reason(lang, FREEXL_INVALID_CFBF_HEADER));
    return NULL;
  }
  r = xcalloc(1, sizeof(*r));
  r->lang = lang;
  rc = freexl_open(path, &r->h);
  if(rc == FREEXL_OK &&
     freexl_get_info(r->h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
     info == FREEXL_BIFF_OBFUSCATED) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            tr(lang, "the workbook is protected by a password (remove it, "
               "or save the workbook as .xlsx)"));
    xlsin_close(r);
    return NULL;
  }
  if(rc == FREEXL_BIFF_WORKBOOK_NOT_FOUND && encrypted(path)) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            tr(lang, "the workbook is protected by a password (remove it, "
               "or save the workbook as .xlsx)"));
    xlsin_close(r);
    return NULL;
  }
  if(rc == FREEXL_OK)
    rc = freexl_get_info(r->h, FREEXL_BIFF_SHEET_COUNT, &info);
  if(rc != FREEXL_OK) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            reason(lang, rc));
    xlsin_close(r);
    return NULL;
  }
  if(!info || info > 65535) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            tr(lang, "the workbook has no sheets"));
    xlsin_close(r);
    return NULL;
  }
  r->names = xcalloc(info, sizeof(*r->names));
  for(unsigned i = 0; i < info; i++) {
    const char *name = NULL;
    if(freexl_get_worksheet_name(r->h, (unsigned short)i, &name) != FREEXL_OK
       || !name)
      name = "";
    r->names[i] = xstrdup(text_valid_utf8(name, strlen(name)) ? name : "?");
    r->nsh++;
  }
  return r;
}

int xlsin_sheets(const xlsin *r)
{
  return r->nsh;
}

const char *xlsin_sheet_name(const xlsin *r, int i)
{
  return i >= 0 && i < r->nsh ? r->names[i] : NULL;
}

int xlsin_select(xlsin *r, int i)
{
  int rc;
  r->err = 0;
  r->errmsg[0] = 0;
  r->selected = 1;
  r->sel = i;
  r->state = -1;
  r->row = r->rows = 0;
  r->cols = 0;
  if(i < 0 || i >= r->nsh) {
    fail(r, tr(r->lang, "the workbook has no sheet %d"), i + 1);
    return -1;
  }
  rc = freexl_select_active_worksheet(r->h, (unsigned short)i);
  if(rc == FREEXL_OK)
    rc = freexl_worksheet_dimensions(r->h, &r->rows, &r->cols);
  if(rc != FREEXL_OK) {
    fail(r, tr(r->lang, "sheet '%s': %s"), r->names[i], reason(r->lang, rc));
    return -1;
  }
  free(r->c);
  free(r->out);
  r->c = xcalloc((size_t)r->cols + 1, sizeof(*r->c));
  r->out = xcalloc((size_t)r->cols + 1, sizeof(*r->out));
  r->state = 0;
  return 0;
}

/* Appends the text of one cell to the row; -1 on an error. */
static int cell(xlsin *r, unsigned short col, struct col *c)
{
  FreeXL_CellValue v;
  char buf[32];
  const char *t = buf;
  size_t n;
  int rc = freexl_get_cell_value(r->h, r->row, col, &v);
  c->off = r->rowbuf.len;
  c->n = 0;
  if(rc != FREEXL_OK) {
    fail(r, tr(r->lang, "row %ld: %s"), (long)r->row + 1, reason(r->lang, rc));
    return -1;
  }
  switch(v.type) {
  case FREEXL_CELL_INT:
    snprintf(buf, sizeof buf, "%d", v.value.int_value);
    break;
  case FREEXL_CELL_DOUBLE:
    xlsin_number(v.value.double_value, buf);
    break;
  case FREEXL_CELL_TEXT:
  case FREEXL_CELL_SST_TEXT:
  case FREEXL_CELL_DATE:
  case FREEXL_CELL_DATETIME:
  case FREEXL_CELL_TIME:
    t = v.value.text_value ? v.value.text_value : "";
    break;
  default:
    return 0;
  }
  n = strlen(t);
  if(v.type == FREEXL_CELL_DATETIME && n == 19 &&
     !strcmp(t + 10, " 00:00:00"))
    n = 10;
  if(!text_valid_utf8(t, n)) {
    fail(r, tr(r->lang, "row %ld: a cell that is not valid text"),
         (long)r->row + 1);
    return -1;
  }
  sb_add(&r->rowbuf, t, n);
  c->n = n;
  return 0;
}

int xlsin_next(xlsin *r, csvrec *rec)
{
  int n = 0;
  if(!r->selected && xlsin_select(r, 0) < 0)
    return -1;
  if(r->state)
    return r->state > 0 ? 0 : -1;
  if(r->row >= r->rows) {
    r->state = 1;
    return 0;
  }
  sb_reset(&r->rowbuf);
  for(unsigned short k = 0; k < r->cols; k++) {
    if(cell(r, k, &r->c[k]) < 0) {
      r->state = -1;
      return -1;
    }
    if(r->c[k].n)
      n = k + 1;
  }
  for(int k = 0; k < n; k++) {
    r->out[k].p = r->rowbuf.buf + r->c[k].off;
    r->out[k].n = r->c[k].n;
  }
  if(!n) {
    r->out[0].p = "";
    r->out[0].n = 0;
    n = 1;
  }
  rec->row = (long)++r->row;
  rec->nfields = n;
  rec->f = r->out;
  rec->extra = NULL;
  rec->extra_len = 0;
  return 1;
}

const char *xlsin_error(const xlsin *r)
{
  return r->err ? r->errmsg : "";
}

void xlsin_close(xlsin *r)
{
  if(!r)
    return;
  if(r->h)
    freexl_close(r->h);
  for(int i = 0; i < r->nsh; i++)
    free(r->names[i]);
  free(r->names);
  sb_free(&r->rowbuf);
  free(r->c);
  free(r->out);
  free(r);
}
