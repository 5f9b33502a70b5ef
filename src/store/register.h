/* register.h: the registers described by data. One table of field specs per
 * register; import, export, template, list, show, add and edit are written
 * once over these specs. */
#ifndef SANZI_REGISTER_H
#define SANZI_REGISTER_H
#include <stdint.h>
#include <stdio.h>
#include "store/db.h"
#include "base/util.h"

enum ftype {
  F_TEXT,      /* free text */
  F_CODE,      /* the record's code (generated when empty) */
  F_VILLAGE,   /* a village-level organisation code */
  F_MONEY,     /* fen */
  F_AREA,      /* 1/10000 mu */
  F_QTY,       /* a quantity, 1/10000 of a unit */
  F_RATE,      /* ppm, given in percent */
  F_INT,       /* whole number >= 0 */
  F_DATE,      /* ISO date */
  F_MONTH,     /* YYYY-MM */
  F_ENUM,      /* a name from the code table `ref` */
  F_LANDCLASS, /* GB/T 21010 code, name or alias; stored as the code */
  F_ACCOUNT,   /* an account code of the same village */
  F_DERIVED,   /* computed on export, checked on import, not stored */
  F_IDNUM      /* 居民身份证号码 or 统一社会信用代码, check character checked;
                  masked in lists and exports */
};

#define F_REQ 1u    /* required */
#define F_LIST 2u   /* shown by `list` */
#define F_FIXED 4u  /* cannot change with `edit` */
#define F_POS 8u    /* a number > 0 */
#define F_DIGITS 16u /* an identifier written in digits, kept as text: a
                        spreadsheet may have turned it into 6.22848E+18 */

typedef struct field {
  const char *key; /* English key, also the column name */
  const char *zh;  /* Chinese column name */
  enum ftype type;
  unsigned flags;
  const char *ref; /* F_ENUM: the code table */
} field;

/* A typed value: what gets bound, stored and hashed. */
enum { V_NULL = 0, V_INT, V_TEXT };
typedef struct val {
  int t;
  int64_t i;
  const char *s; /* V_TEXT: not NUL-terminated; points into a row buffer */
  size_t n;
} val;

struct regctx;
typedef struct reg {
  const char *name;  /* "asset" */
  const char *zh;    /* "资产" */
  const char *infix; /* code infix "ZC"; NULL when the code is derived */
  const field *fields;
  int nfields;
  int internal;      /* org, setting: not a user register */
  /* Checks that span fields, and derives the code when infix is NULL.
   * Adds errors through reg_error; returns the number added. */
  int (*check)(struct regctx *c, val *v);
  /* Rules on changing a stored row (old) into v, checked by reg_write
   * before an update; NULL: none. Returns the number of errors added. */
  int (*guard)(struct regctx *c, const val *old, const val *v);
} reg;

extern const reg *const registers[]; /* NULL-terminated, user registers first */
const reg *reg_find(const char *name);
int reg_field(const reg *r, const char *key); /* index or -1 */
/* The column that names a record: code, or the first field (setting's key,
 * program's year). */
const char *reg_key(const reg *r);

/* Canonical JSON of a row: an array [id, field, ...] in spec order, derived
 * fields left out, appended to out. The same text is hashed on import and
 * on verify, and kept as the old value of a change. */
void reg_canon(const reg *r, int64_t id, const val *v, sbuf *out);
/* s[0..n) as a JSON string literal, appended to out. */
void json_string(sbuf *out, const char *s, size_t n);
/* A value as text the importer accepts back (money "1234.50", area trimmed,
 * rate "5"), appended to out; NULL appends nothing. */
void reg_format(const field *f, const val *v, sbuf *out);
void reg_format_grouped(const field *f, const val *v, sbuf *out);

/* Matches a header cell (full-width folded, trimmed, a trailing unit in
 * brackets and '*' marks dropped) against the Chinese names and English keys.
 * Returns the field index or -1. */
int reg_match_header(const reg *r, const char *cell, size_t n);
/* For a header matched to field fi: NULL when its unit in brackets (if
 * any) is the field's own, else the unit the field is entered in: a
 * column "原值（万元）" must not be read as 元. */
const char *reg_header_unit(const reg *r, int fi, const char *cell, size_t n);
/* "资产编号(code), 村代码(village), ..." for messages; caller frees. */
char *reg_accepted_names(const reg *r);

/* Per-operation state: caches of villages and code tables, the prepared
 * statements, and the error list. */
typedef struct regctx regctx;
regctx *reg_open(sz *z, const reg *r);
void reg_close(regctx *c);

/* Where errors are reported: FILE:ROW: COLUMN: message. */
void reg_set_place(regctx *c, const char *file, long row);
/* The column name printed for field i (the header as the file spells it). */
void reg_set_colname(regctx *c, int i, const char *name, size_t n);
void reg_error(regctx *c, int field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
long reg_nerrors(const regctx *c);
/* The database failed in a way that ends the operation (disk full, I/O
 * error, the transaction is gone): write nothing more. */
int reg_fatal(const regctx *c);
/* The first 100 messages, then "... and N more"; NUL-terminated lines. */
const char *reg_errors(regctx *c);

/* Parse cells (cells[i] NULL or absent = empty; valid UTF-8 without NUL,
 * as csvin delivers and the commands check) into v; text values point
 * into the cells or the context's scratch space (dates), until the next
 * call. Validates types, code tables and villages; no database access.
 * Returns the number of errors found in this row. */
int reg_parse(regctx *c, const char *const *cells, const size_t *lens,
              val *v);

/* The register's checks that span fields (and may read the database: a
 * fund entry's account); also derives a fund entry's code. Call after a
 * reg_parse without errors. Returns the number of errors added. */
int reg_check(regctx *c, val *v);

/* A context for another thread: it shares the caches (villages, code
 * tables, column names) and has its own errors and scratch space. Only
 * reg_parse and the header functions may be used on it; free with
 * reg_close. */
regctx *reg_fork(regctx *c);
/* Move the messages collected in `from` (a fork) to out, with their count. */
void reg_take_errors(regctx *from, sbuf *out, long *n);
/* Add n messages (whole lines) made elsewhere, keeping the first 100. */
void reg_add_errors(regctx *c, const char *text, size_t len, long n);

/* Write a parsed row. mode: 0 insert (a code that exists is an error),
 * 1 insert or update (--update), 2 update only. *updated: 0 inserted,
 * 1 updated, 2 unchanged (an update that changes nothing writes nothing). The change log entry is `log_id`: for a
 * batch, the batch's entry; for an update, a row entry is written here.
 * On success stores the row id and whether it updated; returns the number
 * of errors (constraint violations are reported against the row's place). */
int reg_write(regctx *c, val *v, int mode, int64_t log_id, int64_t *id,
              int *updated);

/* Load one row by code into v (text owned by the context until the next
 * load). Returns 1 found, 0 not found. */
int reg_load(regctx *c, const char *code, int64_t *id, val *v);

/* reg_load with a length, and the log entry that wrote the row. */
int reg_load_n(regctx *c, const char *code, size_t n, int64_t *id, val *v,
               int64_t *log_id);

/* Fill v from a statement's columns starting at col, in spec order (derived
 * fields are not columns). Text points into the statement. */
void reg_row_from_stmt(const reg *r, sqlite3_stmt *st, int col, val *v);
/* -1 when every column from col on holds the storage class its field
 * writes (INTEGER for numbers, TEXT else, or NULL); else the field index:
 * a BLOB that prints like the text it replaced is caught here. */
int reg_row_types(const reg *r, sqlite3_stmt *st, int col);
/* "SELECT id, log_id, <columns in spec order> FROM <table>" */
void reg_select_sql(const reg *r, sbuf *out);

/* Masks the identity numbers (F_IDNUM) of a row for lists and exports;
 * the masked text is kept in buf (19 bytes per field of r). */
void reg_mask(const reg *r, val *v, char *buf);

/* The context writes for a workflow step that may make the changes a
 * register's guard keeps from edits and imports (disposal execute). */
void reg_set_workflow(regctx *c);

/* Write one row as its own change-log entry: mode 0 insert, 2 update (as
 * reg_write). Returns 0, or -1 with the messages in the database's err. */
int reg_put(regctx *c, val *v, int mode);

/* Setting a value: text (NUL-terminated, not copied), an integer, empty. */
static inline void val_text(val *v, const char *s)
{
  v->t = V_TEXT;
  v->s = s;
  v->n = __builtin_strlen(s);
}
static inline void val_int(val *v, int64_t i)
{
  v->t = V_INT;
  v->i = i;
}
static inline void val_null(val *v)
{
  v->t = V_NULL;
}

/* One row of a register, loaded or being built: what the workflow modules
 * (subsidies, disposals) work with. */
typedef struct rec {
  const reg *r;
  regctx *c;
  val *v;
  int64_t id;
} rec;
/* Opens a context on register `name`; with a code, loads that row and
 * returns 0 when there is none. Close with rec_close either way. */
int rec_open(sz *z, const char *name, const char *code, rec *x);
void rec_close(rec *x);
/* A field by key (a key not in the spec aborts: a bug). */
val *rec_val(rec *x, const char *key);
/* A text field ("" when empty; loaded and val_text values end in NUL). */
const char *rec_text(rec *x, const char *key);
/* An integer field (0 when empty). */
int64_t rec_int(rec *x, const char *key);
/* The messages x's context collected, as the database's error; -1. */
int rec_fail(rec *x);

/* For the importer: the canonical text of the row just written. */
const sbuf *reg_last_canon(const regctx *c);

#endif
