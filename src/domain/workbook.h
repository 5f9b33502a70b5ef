/* workbook.h: the workbooks sanzi writes (a register's list or export, its
 * template, the notice sheet, the audit workbook), written one way with
 * libxlsxwriter: one set of cell formats by the kind of a column (money
 * #,##0.00, dates as Excel dates, codes and text as text), column widths
 * from what is written, and the print set-up every sheet gets (A4,
 * landscape when wide, one page wide, the header row on every page, the
 * title and scope above, "第 &P 页 共 &N 页" and the export time below).
 *
 * wsink is a sink (view.h) that writes each part of a view as a sheet, or
 * all the parts one below another on one sheet (the notice). The
 * workbooks are Chinese whatever the session's language. */
#ifndef SANZI_WORKBOOK_H
#define SANZI_WORKBOOK_H
#include <xlsxwriter.h>
#include "domain/view.h"

/* The kinds of view.h, one format each. */
#define WB_KINDS (K_DATE + 1)

typedef struct wbook {
  lxw_workbook *wb;
  lxw_format *fmt[WB_KINDS]; /* by kind; K_TEXT and K_CODE: text (@) */
  lxw_format *head;          /* a header cell */
  lxw_format *title;         /* a title above a part */
  lxw_format *total;         /* the totals row's label */
  lxw_format *total_num[WB_KINDS];
  char footer[128];          /* "&L导出时间：...&C第 &P 页 共 &N 页" */
  const char *path;          /* wbook_create: where it goes */
  char *part;                /* and where it is written until complete */
  char *tmpdir;              /* the library's scratch files: beside it */
} wbook;

/* Opens the workbook at path; big: rows are streamed (libxlsxwriter's
 * constant memory, temporary files in tmpdir; nothing can be written
 * above a row already written). now: the export time (UTC), shown in
 * the footer in the zone tz (NULL: UTC). 0, or -1. */
int wbook_open(wbook *b, const char *path, int big, const char *tmpdir,
               time_t now, const tzone *tz);
/* Closes (writes) it: 0, or -1 with libxlsxwriter's reason in err. */
int wbook_close(wbook *b, char *err, size_t n);
/* wbook_open for a file of the user's: written as PATH.partial, with the
 * time and zone of z; 0, or -1 with z->err. */
int wbook_create(wbook *b, sz *z, const char *path, int big);
/* ...and put in place at path when ok and complete; else removed, so
 * that nothing half-written is left. 0, or -1 with z->err. */
int wbook_finish(wbook *b, sz *z, int ok);
/* Column letters of c (0: "A"). */
void wbook_col(int c, char out[8]);

/* A cell of the given kind at (row, col); returns the width it takes.
 * Money is a number in 元, area and quantities in their units, a rate in
 * percent (one below 1% as its text "0.5%", as the importer reads it),
 * a date an Excel date. */
double wbook_cell(wbook *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                  int kind, const acell *c);
/* ...or -1 when a text does not fit in a cell (32,767 characters): then
 * this says so in err, in the language lang, naming the cell. */
void wbook_too_long(int lang, char *err, size_t n, const char *sheet,
                    lxw_row_t row, const char *col);
/* The display width of text: a CJK character is two columns. */
double wbook_width(const char *s);
/* The print set-up of a sheet whose columns are widths w[0..ncols) wide:
 * A4, landscape when they are wider than a portrait page, fitted to one
 * page wide, rows first..last (the header) repeated on every page, the
 * title (and scope, NULL: none) in the page header, the footer. */
void wbook_print(wbook *b, lxw_worksheet *ws, const char *title,
                 const char *scope, const double *w, int ncols,
                 lxw_row_t first, lxw_row_t last);

/* The scope of a workbook's pages: "哈乐镇（150125101）" for an
 * organisation's code, "全部" for NULL. */
void wbook_scope(sz *z, const char *code, char *out, size_t n);

/* ---- a sink that writes views ---- */

#define WS_STACK 1u   /* all parts on one sheet, each under its title,
                         printed landscape */
#define WS_TOTALS 2u  /* a row 合计 under each part: its money and areas */
#define WS_NAMES 4u   /* a column 村名称 beside each column of key
                         "village" (vnames) */

typedef struct wsink {
  asink s;             /* what a view writes to */
  asink out;           /* the sheets, behind the names (WS_NAMES) */
  vnames names;
  wbook b;
  sz *z;
  unsigned flags;
  const char *title, *scope; /* the page header; scope may be NULL */
  lxw_worksheet *ws;
  const atable *t;
  lxw_row_t row, head; /* the next row; the current part's header row */
  int ncols;           /* the part's columns */
  double *w;           /* widths of the output columns */
  int wcap;
  int64_t *sum;        /* the totals of the current part */
  long rows;
} wsink;

/* Opens a workbook sink on path (title: the sheets' page header; scope:
 * the scope under it, or NULL). 0, or -1 with z->err. */
int wsink_open(wsink *w, sz *z, const char *path, unsigned flags,
               const char *title, const char *scope);
/* A line of text on the stacked sheet (a date, signatures), after a
 * blank row; title: the sheet's title, in large type, with none. */
void wsink_line(wsink *w, const char *text, int title);
/* Writes the workbook and puts it in place (ok; else it is removed):
 * 0, or -1 with z->err. */
int wsink_close(wsink *w, int ok);

#endif
