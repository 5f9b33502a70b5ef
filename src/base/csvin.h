/* csvin.h: a streaming CSV reader over libcsv that delivers UTF-8 records.
 * Memory does not grow with the file: records are handed out one at a time
 * from a fixed-size read buffer and a queue of parsed records. */
#ifndef SANZI_CSVIN_H
#define SANZI_CSVIN_H
#include <stddef.h>
#include "base/util.h"
#include "base/i18n.h"

enum csv_encoding { ENC_AUTO = 0, ENC_UTF8, ENC_GB18030, ENC_UTF16 };

typedef struct csvfield {
  const char *p; /* UTF-8, NOT NUL-terminated, may contain any byte but NUL */
  size_t n;
} csvfield;

typedef struct csvrec {
  long row;          /* the row number a spreadsheet shows: 1-based, blank
                        lines count, a record with quoted newlines is one row */
  int nfields;
  csvfield *f;       /* valid until the next csvin_next call */
  const void *extra; /* what the hook made of this record, or NULL */
  size_t extra_len;
} csvrec;

typedef struct csvin csvin;

/* Open path ("-" for stdin) with the given encoding (ENC_AUTO: a BOM decides
 * UTF-8 or UTF-16LE/BE; else valid UTF-8; else GB18030). On failure returns
 * NULL and writes "cannot open 'x': reason" into err. lang: the language
 * of the messages (LANG_ZH, LANG_EN). */
csvin *csvin_open(const char *path, enum csv_encoding enc, int lang,
                  char *err, size_t errlen);
/* 1: *rec holds the next record (blank lines come as records with one empty
 * field); 0: end of file; -1: error, message in csvin_error ("ROW: message"
 * form without the file name, e.g. "unterminated quoted field starting at
 * row 7", or "row 12: invalid GB18030 byte sequence"). */
int csvin_next(csvin *r, csvrec *rec);
const char *csvin_error(const csvin *r);

/* A function the reader thread applies to every record, in order, before
 * handing it out; what it appends to out comes with the record as extra
 * (valid as long as the record). The record's fields stay where the hook
 * saw them, so it may keep pointers to them. Set it before the first
 * csvin_next. */
typedef void (*csvin_hook)(void *ctx, const csvrec *rec, sbuf *out);
void csvin_set_hook(csvin *r, csvin_hook fn, void *ctx);
/* The encoding that auto-detection chose, for messages. */
const char *csvin_encoding_name(const csvin *r);
/* Bytes of the input consumed so far and total size (0 if unknown), for a
 * progress display. */
void csvin_progress(const csvin *r, long long *done, long long *total);
void csvin_close(csvin *r);

#endif
