/* record.h: the one pipeline every register's rows go through: parsing
 * and validation against the spec, the register's checks, writing with the
 * change log, loading. A context (regctx) holds what one operation needs:
 * the villages and code tables, prepared statements and the error list. */
#ifndef SANZI_RECORD_H
#define SANZI_RECORD_H
#include <stdint.h>
#include "store/db.h"
#include "store/spec.h"
#include "base/errs.h"
#include "base/util.h"

/* Bytes of per-field scratch space (normalised dates, months, ID numbers). */
#define SCRATCH 24
/* Statements a register's checks prepare once per context (reg_stmt). */
#define REG_STMTS 8

typedef struct regctx regctx;

/* A list of names read from a code table. */
typedef struct names {
  int n;
  char **v;
  size_t *len;
} names;

struct regctx {
  sz *z;
  const reg *r;
  /* villages: sorted 12-digit codes as numbers, with code counters */
  uint64_t *vil;
  int64_t *vil_next; /* next generated code number, 0 = not looked up */
  size_t nvil;
  /* the villages by name (sorted as SQLite sorts text), with their codes
   * and townships' names: a sheet may name a village instead */
  names vn_name, vn_code, vn_town;
  names *enums;      /* per field, for F_ENUM */
  names lc_code, lc_name, lc_alias, lc_alias_code;
  sqlite3_stmt *ins, *upd, *get, *maxno;
  /* the search index (schema 004): a row's text added, and taken out
   * before it changes; NULL for a register that is not searched */
  sqlite3_stmt *fts_add, *fts_del;
  int fts_defer;    /* an import: inserted rows are indexed at the end */
  int64_t fts_from; /* the first row it inserted, 0 before one */
  /* the checks' own statements, by SQL text (reg_stmt) */
  const char *stmt_sql[REG_STMTS];
  sqlite3_stmt *stmt[REG_STMTS];
  char genbuf[64];
  char *scratch; /* SCRATCH bytes per field: normalised dates, months and
                   ID numbers */
  int ci, vi;    /* the code field (setting: its key) and the village */
  int ncols;     /* stored fields (not derived) */
  size_t *enum_len;
  char fundcode[288]; /* village-year-voucher: 18 + 64 characters of at
                         most 4 bytes */
  char named[72]; /* a code found by its record's name (an account's) */
  char org_found[5][16]; /* per level, the last organisation code found as a
                            parent (organisations are never deleted) */
  /* errors */
  const char *file;
  long row;
  char **colname;
  int *unit;     /* per field: the unit its column is in (enum unit) */
  errlist errs;  /* why the rows were refused */
  int is_fork;  /* shares the caches of the context it was forked from */
  int fatal;    /* the database failed (disk full, I/O): stop at once */
  int workflow; /* a workflow step: the register's guard does not apply */
  unsigned allow; /* what the caller let through with a warning (REG_*) */
  int textz;    /* every text value written points into a NUL-terminated
                   string (an import's rows): SQLite is told so, and its
                   CHECK constraints read them without a copy */
  sbuf canon;   /* canonical text of the last row written */
  sbuf report;  /* what reg_errors returns */
  sbuf loadbuf; /* text of the last row loaded for the caller */
  sbuf oldbuf;  /* text of the rows reg_write looks up for itself */
  /* likely duplicates (r->dupkey): */
  int allow_dup;     /* reg_allow_duplicates: not looked for */
  int voiding;       /* void or restore: may change a voided record */
  sqlite3_stmt *dup; /* a live row's key fields by id */
  int dupfi[16];     /* the key fields of the alternatives, in order */
  int altend[8];     /* where each alternative's fields end in dupfi */
  int ndup, nalt;
  /* the natural keys' hashes of the live rows and of those written since,
   * with the row ids: built with dup, on the first row without a code */
  uint64_t *dmh;
  int64_t *dmid;
  size_t dmcap, dmn;
  int64_t *rowid;    /* the rows this batch wrote without a code, and */
  long *rowno;       /* the rows of the file they came from */
  size_t nrows, crows;
};


/* Per-operation state: caches of villages and code tables, the prepared
 * statements, and the error list. */
regctx *reg_open(sz *z, const reg *r);
void reg_close(regctx *c);

/* Where errors are reported: FILE:ROW: COLUMN: message. */
void reg_set_place(regctx *c, const char *file, long row);
/* The column of field i: its name printed in messages (the header as the
 * file spells it) and the unit its cells are in (enum unit, from
 * reg_header_unit: a column in 万元 or in years is converted exactly). */
void reg_set_colname(regctx *c, int i, const char *name, size_t n, int unit);
void reg_error(regctx *c, int field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
long reg_nerrors(const regctx *c);
/* A warning at the context's place, into the handle's z->warns: the row
 * goes in, and the caller shows it. */
void reg_warn(regctx *c, int field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* What a caller may let through, with a warning (regctx.allow). */
#define REG_WITHOUT_FILING 1u /* a contract without its disposal filing */
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
/* Move the reasons collected in `from` (a fork) into out as bytes that
 * another thread can carry (field, column and message of each, NUL
 * terminated), with their count in *n. */
void reg_take_errors(regctx *from, sbuf *out, long *n);
/* Add the n reasons reg_take_errors wrote into text[0..len), at the
 * context's place (reg_set_place). */
void reg_add_errors(regctx *c, const char *text, size_t len, long n);

/* Write a parsed row. mode: 0 insert (a code that exists is an error),
 * 1 insert or update (--update), 2 update only. *updated: 0 inserted,
 * 1 updated, 2 unchanged (an update that changes nothing writes nothing). The change log entry is `log_id`: for a
 * batch, the batch's entry; for an update, a row entry is written here.
 * On success stores the row id and whether it updated; returns the number
 * of errors (constraint violations are reported against the row's place). */
int reg_write(regctx *c, val *v, int mode, int64_t log_id, int64_t *id,
              int *updated);

/* Rows that reg_write inserts are added to the search index together, by
 * reg_index_inserted, not one by one: FTS5 writes its pending terms out at
 * every statement inside a transaction, which made a million-row import
 * six times slower. */
void reg_defer_index(regctx *c);
/* Index the rows inserted since reg_defer_index. Returns the number of
 * errors added (the database failed). */
int reg_index_inserted(regctx *c);

/* Load one row by code into v (text owned by the context until the next
 * load). Returns 1 found, 0 not found. */
int reg_load(regctx *c, const char *code, int64_t *id, val *v);

/* reg_load with a length, and the log entry that wrote the row. */
int reg_load_n(regctx *c, const char *code, size_t n, int64_t *id, val *v,
               int64_t *log_id);

/* The context writes for a workflow step that may make the changes a
 * register's guard keeps from edits and imports (disposal execute). */
void reg_set_workflow(regctx *c);

/* A row without a code whose natural key (r->dupkey) equals a live
 * record's is refused by reg_write as a likely duplicate (疑似重复),
 * naming the record, unless this is called (--allow-duplicates). */
void reg_allow_duplicates(regctx *c);

/* The live record of c's register, other than the row `self` (0: none),
 * whose natural key equals v's (r->dupkey): returns 1 with its code in
 * code[n], the change-log entry that wrote it in *log_id, its row id in
 * *id and the names of the fields that agree ("村代码、资产名称、...") in
 * which[wn]; 0 when there is none or the register has no natural key. */
int reg_find_duplicate(regctx *c, const val *v, int64_t self, char *code,
                       size_t n, int64_t *log_id, int64_t *id, char *which,
                       size_t wn);

/* Write one row as its own change-log entry: mode 0 insert, 2 update (as
 * reg_write). Returns 0, or -1 with the messages in the database's err. */
int reg_put(regctx *c, val *v, int mode);

/* One row of a register, loaded or being built: what the workflow modules
 * (subsidies, disposals) work with. */
typedef struct rec {
  const reg *r;
  regctx *c;
  val *v;
  int64_t id;
} rec;
/* Opens a context on register r; with a code, loads that row and
 * returns 0 when there is none. Close with rec_close either way. */
int rec_open(sz *z, const reg *r, const char *code, rec *x);
void rec_close(rec *x);
/* A field by key (a key not in the spec aborts: a bug). */
val *rec_val(rec *x, const char *key);
/* A text field ("" when empty; loaded and val_text values end in NUL). */
const char *rec_text(rec *x, const char *key);
/* An integer field (0 when empty). */
int64_t rec_int(rec *x, const char *key);
/* The reasons c collected become the handle's: its structured list
 * z->errs (moved) and its text z->err. Returns -1. */
int reg_fail(regctx *c);
/* The messages x's context collected, as the database's error; -1. */
int rec_fail(rec *x);

/* For the importer: the canonical text of the row just written. */
const sbuf *reg_last_canon(const regctx *c);


/* A statement a register's check runs for each row, prepared on first use
 * in this context and finalised with it; sql must be a string constant
 * (it is remembered by address). Reset it after use. */
sqlite3_stmt *reg_stmt(regctx *c, const char *sql);

#endif
