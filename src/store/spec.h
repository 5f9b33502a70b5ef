/* spec.h: registers described by data. A register is a table of field
 * specs (key, Chinese name, type, flags, code table); import, export,
 * template, list, show, add, edit and the change log are written once over
 * these specs. The specs themselves live with their domain (src/domain/). */
#ifndef SANZI_SPEC_H
#define SANZI_SPEC_H
#include <sqlite3.h>
#include <stdint.h>
#include "base/util.h"

struct regctx;
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
#define F_ADDED 64u  /* added by a later migration, after every other
                        field: left out of the canonical row while empty,
                        so that the rows written before it still prove */
#define F_SIGNED 128u /* F_MONEY that may be negative (an opening balance,
                         a reversal's amount) */
#define F_YEARS 32u  /* F_INT: a duration kept in months that a clerk
                        names in years: a bare Chinese header (使用年限) is
                        in years, "使用年限（月）" and the key in months */
#define F_LONG 256u  /* F_TEXT: a remark, a reason, minutes: TEXT_LONG_MAX
                        characters over several lines */

/* The longest text a field takes, in characters (spec_max_chars): an
 * identifier (a code, an account, F_DIGITS: certificate, voucher and
 * contract numbers), a one-line text (names, places, parties, people,
 * banks, units) and a long one (F_LONG). Well below the 32,767 characters
 * of a workbook cell, even with a finding quoting a name. */
#define TEXT_ID_MAX 64
#define TEXT_MAX 100
#define TEXT_LONG_MAX 2000
#define F_VOID 512u  /* voided (作废) and restored: the reasons of the last
                        void and the last restore, NULL when none; set by
                        void and restore only, never imported, exported or
                        entered. The last stored fields, left out of the
                        canonical text while NULL (rows written before they
                        existed prove as they were). A voided record (the
                        first set) cannot be changed. */

/* The unit a column's cells are written in, from its header
 * (reg_header_unit): the field's own (元, 亩, %, 月), or another that
 * import converts exactly. */
enum unit {
  U_OWN = 0, /* as stored */
  U_WAN,     /* money in 万元: x 10000 */
  U_YEARS    /* an F_YEARS field in years: x 12 months */
};

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
  /* The natural key that tells a likely duplicate (疑似重复) of a live
   * record when a row comes without a code: field keys separated by
   * spaces, alternatives by '|' ("village name|bank_account"); NULL:
   * none. */
  const char *dupkey;
} reg;
int reg_field(const reg *r, const char *key); /* index or -1 */
/* 1 for a field that holds a number (money, area, quantity, rate, count,
 * a derived amount): written as a number, never guarded as text. */
int spec_numeric(const field *f);
/* The most characters a value of f may have (0: not free text: its type
 * checks it), and whether it may hold newlines. */
size_t spec_max_chars(const field *f);
/* NULL when s[0..n) is valid UTF-8 of at most max characters without a
 * control character (a newline only when lines); else what is wrong, in
 * lang, written into buf. The one check of every text at the door:
 * imported cells, add and edit, a workflow's options, the operator. */
const char *spec_text_problem(int lang, size_t max, int lines, const char *s,
                              size_t n, char *buf, size_t len);

/* The index of the first F_VOID field (voided), or -1 when r's records
 * are not voided. */
int reg_void_field(const reg *r);
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
/* 1 when a header cell names the column 村名称 (village_name) that
 * sanzi's workbooks write beside 村代码 for people to read: an import
 * passes over it (the code is what counts). */
int reg_name_column(const reg *r, const char *cell, size_t n);
/* For a header matched to field fi: the unit its cells are in (enum unit)
 * into *unit and NULL; or, when its unit in brackets is none the field
 * takes, the unit the field is entered in ("元"): a column "原值（千元）"
 * must not be read as 元. Money takes 元 and 万元; an F_YEARS field 年 and
 * 月 (bare: years, or months under its English key); area 亩, a rate %. */
const char *reg_header_unit(const reg *r, int fi, const char *cell, size_t n,
                            int *unit);
/* The header export and the template write for f: its Chinese name, with
 * the unit when the bare name would mean another ("使用年限（月）"). */
void reg_header(const field *f, sbuf *out);
/* The accepted columns, for messages: in English "*资产名称 (name), 坐落位置
 * (location), ...", in Chinese "*资产名称、坐落位置、..." ('*': required).
 * Caller frees. */
char *reg_accepted_names(const reg *r, int lang);

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

#endif
