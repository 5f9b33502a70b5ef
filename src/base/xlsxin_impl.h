/* xlsxin_impl.h: what the two halves of the .xlsx reader share: the
 * reader itself and the helpers of the package half (xlsxin.c: the ZIP
 * members, the workbook, shared strings and styles) that the sheet half
 * (xlsxsheet.c: a sheet streamed a row at a time by a reader thread) uses.
 * private to: xlsxin.c xlsxsheet.c */
#ifndef SANZI_XLSXIN_IMPL_H
#define SANZI_XLSXIN_IMPL_H
#include "base/xlsxin.h"
#include "base/util.h"

#include <expat.h>
#include <pthread.h>
#include <stdint.h>
#include <zip.h>

#define CHUNK (64 * 1024)
#define MAX_PART (1024LL * 1024 * 1024)   /* uncompressed bytes per part */
#define MAX_CELL 32767                    /* characters per cell */
#define MAX_COLS 16384                    /* A..XFD */
#define MAX_ROWS 1048576L

enum { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };  /* a cell's t= */

struct sheet {
  char *name;
  char *rid;
  char *part;                   /* the sheet's member in the ZIP, or NULL */
};

struct rel {
  char *id, *type, *target;
};

struct numfmt {
  unsigned id;
  unsigned char kind;
};

struct col {
  size_t off, n;                /* into rowbuf, or a block's text */
};

/* Complete rows handed from the reader thread to the caller. */
struct rrow {
  long row;
  size_t f0;                    /* first field, index into f */
  int nf;
};

struct block {
  sbuf text;
  struct col *f;
  size_t nf, fcap;
  struct rrow *r;
  size_t nr, rcap, head;
  int status;                   /* after the rows: 0 more, 1 end, -1 error */
};

#define BLOCK_ROWS 4096
#define BLOCK_BYTES (1u << 20)

struct xlsxin {
  int lang;
  zip_t *z;
  int date1904;
  char *wbpart;                 /* the workbook part */
  struct sheet *sh;
  int nsh, shcap;
  struct rel *rels;
  size_t nrels, relcap;

  /* shared strings: string i is ss[ssoff[i] .. ssoff[i + 1]) */
  char *ss;
  size_t sslen, sscap;
  uint32_t *ssoff;
  size_t nss, ssoffcap;
  size_t si0;                   /* where the string being read starts */

  /* styles: the kind of each cell format (cellXfs) */
  unsigned *xfid;               /* numFmtId per xf, while reading */
  unsigned char *xfkind;
  size_t nxf, xfcap;
  struct numfmt *nf;
  size_t nnf, nfcap;

  /* the part being parsed: where the handlers are */
  const char *partname;
  int depth_xfs;                /* inside <cellXfs> */
  int in_si, in_t, in_rph, in_v, in_is, in_cell, in_row;

  /* the selected sheet */
  int selected, sel;
  zip_file_t *zf;
  XML_Parser p;
  long long inflated;
  int suspended, fed_final, rowready;
  long row, lastrow;
  int ctype, ckind, ccol, nextcol;
  sbuf cell;                    /* the text of the current cell */
  sbuf rowbuf;                  /* the fields of the current row */
  struct col *cols;
  int ncols, colcap;
  csvfield *out;
  int outcap;

  /* the reader thread and the hand-over, as in csvin */
  pthread_t th;
  int threaded;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct block blk[2];
  struct block *ready;          /* filled, waiting for the caller */
  struct block *cur;            /* the caller's */
  int stop;                     /* the caller stops the thread */

  int err;                      /* the parsing side's error */
  char errmsg[512];
  int failed;                   /* the caller's side: errcopy is the error */
  char errcopy[512];
};

/* Keeps the first error (in errmsg, the parsing side's); stops the parser
 * running, if any. */
void xlsxin_fail(xlsxin *r, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));
/* The value of the attribute with local name want, or NULL. */
const char *xlsxin_attr(const char **atts, const char *want);
/* Opens ZIP member name (case-insensitively): NULL when it is absent (no
 * error) or on an error (set). */
zip_file_t *xlsxin_member_open(xlsxin *r, const char *name);
/* Inflates up to n bytes of member f into buf, counting them in *total:
 * the count, or -1 with an error set (unreadable, more than MAX_PART). */
long xlsxin_member_read(xlsxin *r, zip_file_t *f, const char *name,
                        long long *total, char *buf, size_t n);
/* A parser with these handlers and r as user data that refuses a DTD. */
XML_Parser xlsxin_parser_new(xlsxin *r, XML_StartElementHandler start,
                             XML_EndElementHandler end,
                             XML_CharacterDataHandler text);
/* Decodes Excel's _xHHHH_ escapes in place; returns the new length. */
size_t xlsxin_unescape(char *s, size_t n);
/* The number of characters of valid UTF-8 text. */
size_t xlsxin_chars(const char *s, size_t n);

/* The sheet half: stops the reader thread and closes the sheet; and that
 * plus freeing what reading sheets took. */
void xlsxin_sheet_close(xlsxin *r);
void xlsxin_sheet_free(xlsxin *r);

#endif
