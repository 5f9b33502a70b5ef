/* view.h: the read views. Everything the commands print, and the web
 * pages will show, is read here, in the domain, and handed over as tables
 * of typed cells to a sink; the sink renders them (an aligned terminal
 * table, CSV, JSON, an HTML page, an audit file or workbook sheet) and
 * knows nothing of the database.
 *
 * A view is a sequence of parts, each a table: its columns (a Chinese name,
 * an English key, a kind) and its rows. A list is one part. A show is
 * several in a fixed order: the record (one row whose columns are its
 * fields), then what belongs to it (depreciation, payments, lines,
 * meetings), then its history. Every part is begun even when it has no
 * rows, so a renderer knows its columns.
 *
 * Each view function returns 0, or -1 with the message in z->err: the
 * record does not exist, a statement failed (z's fault is set too, and
 * rows may be missing), or the sink failed (its s->err is copied). */
#ifndef SANZI_VIEW_H
#define SANZI_VIEW_H
#include <stdint.h>
#include "store/db.h"
#include "store/spec.h"
#include "base/util.h"
#include "base/tz.h"

/* ---- the tables ---- */

enum acol_kind {
  K_TEXT,  /* text */
  K_MONEY, /* fen; "1234.50" in CSV, a number formatted #,##0.00 in XLSX */
  K_INT,   /* a count */
  K_AREA,  /* 1/10000 mu */
  K_RATE,  /* ppm, shown in percent */
  K_QTY,   /* a quantity, 1/10000 of its unit */
  K_CODE,  /* text, a code ("insert", "township"): files carry the code,
              people read its name in their language, tr(lang, code) (the
              codes are marked N_ where they are listed) */
  K_TIME,  /* text, a UTC time "YYYY-MM-DDTHH:MM:SSZ" as the change log
              keeps it, and in the cell's i the offset from UTC (seconds)
              of the zone of parameter `timezone` at that instant: files
              carry the UTC text, people read the local time
              "YYYY-MM-DD HH:MM:SS" (tz_local_text) */
  K_DATE   /* text, a date "YYYY-MM-DD": an Excel date in a workbook */
};

/* A kind whose cells are text (the others are integers). */
static inline int kind_text(int kind)
{
  return kind == K_TEXT || kind == K_CODE || kind == K_TIME ||
         kind == K_DATE;
}

/* A kind whose column a list sums in its totals row: money and areas. */
static inline int kind_sums(int kind)
{
  return kind == K_MONEY || kind == K_AREA;
}

typedef struct acol {
  const char *zh;
  int kind;
} acol;

typedef struct atable {
  const char *name; /* its title: the audit's file and sheet name ("资产清单"),
                       a part's heading */
  const acol *cols;
  int ncols;
  const char *key;         /* a part's English name ("history"): JSON, the
                              commands' --part; NULL: the name */
  const char *const *keys; /* the columns' English keys ("original_value"),
                              for JSON and `show`; NULL: their names */
} atable;

/* A cell: NULL (empty), a number, or text (NUL-terminated). Text lives
 * until the sink's row function returns. */
typedef struct acell {
  int null;
  int64_t i;
  const char *s;
} acell;

typedef struct asink asink;
struct asink {
  int (*begin)(asink *s, const atable *t);
  int (*row)(asink *s, const acell *cells);
  int (*end)(asink *s);
  char err[512];
};

/* The key of part t and of its column i. */
const char *atable_key(const atable *t);
const char *acol_key(const atable *t, int i);

/* ---- registers (view.c) ---- */

/* A list's rows: its filters, its order and its page. */
typedef struct list_query {
  const char *village, *township; /* a village's or township's code */
  const char *q;      /* name search (search.h) */
  const char *status; /* the records in this status (a register with one) */
  int voided;         /* the voided records, with the reason, not the live */
  const char *as_of;  /* those held at this date (held.h), not today's */
  /* The order: a listed field's key, "-key" for descending, ties by id;
   * NULL: by id. */
  const char *sort;
  long offset, limit; /* the page; limit 0: every row */
  int all;            /* the columns "id" and every stored field */
  /* The rows by id, in this order (a list's, kept by reg_list_totals):
   * the filters and the order above are then not read again. */
  const int64_t *ids;
  long nids;
} list_query;

/* Part "list": the records of r in scope (the handle's, and a village's or
 * township's code) that lq keeps, in lq's order, lq's page of them. The
 * columns are the fields marked F_LIST or, with all, "id" and every stored
 * field. ID numbers are masked. NULL fields of lq keep every row. -1 with
 * z->err for a sort key or status filter the register does not list. */
int reg_list(sz *z, const reg *r, const list_query *lq, asink *s);

/* The same rows' count, and the sum of each column of the list whose kind
 * sums (kind_sums), all of them, whatever lq's page: the totals row. With
 * them, when there are at most max_ids rows, their ids in lq's order, so
 * that a page can be read by id (lq->ids) without the search again. */
typedef struct list_totals {
  int64_t count;
  int ncols;     /* the list's columns */
  int64_t *sums; /* per column; 0 for one that does not sum */
  int64_t *ids;  /* or NULL */
  long nids;
} list_totals;
int reg_list_totals(sz *z, const reg *r, const list_query *lq, long max_ids,
                    list_totals *t);
void list_totals_free(list_totals *t);
/* The column of field key in the list of r (not all), or -1. */
int reg_list_column(const reg *r, const char *key);

/* reg_list of every row by id, for the command line. */
int reg_list_view(sz *z, const reg *r, const char *village,
                  const char *township, const char *q, int all, int voided,
                  const char *as_of, asink *s);

/* The rows of an export (reg_export_rows) as part r->zh (key r->name):
 * the columns of the CSV export, as the workbook writes them (money and
 * areas as numbers, dates as dates). */
struct export_opts;
int reg_export_view(sz *z, const reg *r, const struct export_opts *o,
                    asink *s);

/* One record by its code ("no asset with code 'X'" when there is none):
 * part "record" (every stored field, ID numbers whole); for an asset,
 * "depreciation" as of as_of (as_of, accumulated, net_value); for a loan,
 * "payments" (loan_payments_view); then "history". */
int reg_show_view(sz *z, const reg *r, const char *code, const char *as_of,
                  asink *s);

/* Part "history": the change-log entries that wrote row `id` of r (whose
 * code is `code`), oldest first. One row per field an entry changed
 * (entry, at, operator, action, note, field, key, old, new), or one row
 * with no field for an entry that changed none (an insert, an import; note
 * is an import's summary). old and new are the values as people read them
 * ("1,234.50", "5%"); NULL is empty. */
int reg_history_view(sz *z, const reg *r, int64_t id, const char *code,
                     asink *s);

/* Part "log": the change log's entries, oldest first: of one table, on or
 * after a day (YYYY-MM-DD, in the zone of parameter `timezone`), and for
 * key those that wrote or replaced a row with that code (or whose key it
 * is); NULL for no filter. Its times are K_TIME, its actions K_CODE. */
int log_view(sz *z, const char *table, const char *key, const char *since,
             asink *s);

/* The same, with the operator (the user's name) as a filter too, newest
 * first when asked, and a page of entries (limit 0: all). log_count: how
 * many entries lq keeps, whatever its page (-1 with z->err). */
typedef struct log_query {
  const char *table, *key, *since, *operator_;
  int newest_first;
  long offset, limit;
} log_query;
int log_query_view(sz *z, const log_query *lq, asink *s);
int64_t log_count(sz *z, const log_query *lq);

/* The change log's actions (history.action), marked for the catalog:
 * people read them translated (K_CODE). NULL-terminated. */
extern const char *const log_actions[];

/* 1 when r has a record with this code. */
int reg_exists(sz *z, const reg *r, const char *code);

/* ---- organisations (org.c) ---- */

/* Part "orgs": the organisations, by code; under: only that code and the
 * codes below it; q: only those whose name holds q (NULL: all; the
 * organisations are few: no index). */
int org_list_view(sz *z, const char *under, const char *q, asink *s);
/* The scope of a list: 0 when village (NULL or a village's code) and
 * township (NULL or the code of a township, county or above) exist and
 * are within the caller's scope (z->scope; a township or county may
 * contain it); 1 when the village does not, 2 when the township does not
 * (outside the scope is "not found", as for a record). */
int org_scope_check(sz *z, const char *village, const char *township);
/* The same as 0, or -1 with "no village with code 'X'" (or township) in
 * z->err. */
int org_scope_fail(sz *z, const char *village, const char *township);

/* ---- loans and subsidies (loan.c, subsidy_view.c) ---- */

/* Part "payments": a loan's interest payments by period, with the days,
 * the applications that claim each (`code status`, comma-separated) or
 * "withdrawn: REASON". */
int loan_payments_view(sz *z, const char *loan, asink *s);
/* Part "program": the programme year with what is reserved (approved, not
 * yet paid), paid and remaining; rate_cap empty when there is none. */
int program_view(sz *z, const char *year, asink *s);
/* An application: "application" (its filled fields), "lines" (every fen
 * of the formula), "total" (the subsidy of the lines), "history". */
int subsidy_show_view(sz *z, const char *code, asink *s);
/* Part "subsidies": the applications in the caller's scope, by code; NULL
 * for no filter. */
int subsidy_list_view(sz *z, const char *year, const char *village,
                      const char *township, asink *s);
/* "report": each village with loans, payments or applications in the
 * year, a subtotal after each township's villages ("NAME 合计"), the
 * county's total ("全县合计"); "budget": the year's budget, what is
 * approved or paid and what remains (no row without a programme year). */
int subsidy_report_view(sz *z, const char *year, asink *s);

/* ---- contracts (contract.c) ---- */

/* A contract's receivables, receipts up to as_of: "contract" (code, kind,
 * object, party, party_id masked, payment, annual amount), "instalments"
 * (each with its overdue days, then a row 合计), "received" (received,
 * overdue, paid beyond the schedule). */
int contract_schedule_view(sz *z, const char *code, const char *as_of,
                           asink *s);
/* Part "overdue": every instalment due before as_of and not fully paid,
 * in scope (a village or township code, or NULL), then a row 合计 (its
 * 村代码 the number of instalments). */
int contract_overdue_view(sz *z, const char *as_of, const char *scope,
                          asink *s);

/* ---- disposal filings (disposal_view.c) ---- */

/* A filing as a township files it: "heading" (code, township and village
 * names), "filing" (the filled fields up to the resolution's publicity),
 * "objects", "meetings", "steps" (the filled fields from the publicity
 * on), "contracts", "status" (status and the next step), "history". */
int disposal_show_view(sz *z, const char *code, asink *s);
/* Part "disposals": the filings, by code; NULL for no filter. */
int disposal_list_view(sz *z, const char *year, const char *village,
                       const char *township, asink *s);
/* The same part in the handle's scope, filtered (NULL: no filter) by year
 * filed, village or township and status; newest: the latest filed first. */
typedef struct disposal_filter {
  const char *year, *village, *township, *status;
  int newest;
} disposal_filter;
int disposal_filter_view(sz *z, const disposal_filter *f, asink *s);
/* Part "candidates": what village may file: its live assets not yet
 * disposed of, with their net value at as_of as the book value, and its
 * resources with their area; "filing" names the open filing that already
 * holds one. */
int disposal_candidates_view(sz *z, const char *village, const char *as_of,
                             asink *s);

/* ---- reports (report.c) ---- */

/* "balances": each account in scope at as_of, a total row after each
 * village's accounts (账户名称 合计) and a note (提示) where the cash limit
 * is passed or a balance is negative; "total": the sums of every account.
 * *flagged: how many notes. */
int fund_balance_view(sz *z, const char *village, const char *township,
                      const char *account, const char *as_of, asink *s,
                      long *flagged);
/* Part "summary": per township (township_summary), then a row 合计. */
int summary_view(sz *z, const char *as_of, asink *s);

/* ---- for the views' own files: parts built from a register's spec ---- */

/* A cell as text (buf: 48 bytes): for people (grouped 1: money grouped
 * "1,234.50", a rate with "%", a code's name in lang, a time local), or
 * as a file carries it (grouped 0). */
const char *cell_format(int kind, const acell *c, int grouped, int lang,
                      char *buf);
/* A cell as a JSON value appended to sb: numbers bare, in the units people
 * use (yuan, mu, percent); text as a string; empty as null. */
void cell_json(sbuf *sb, int kind, const acell *c);

/* Cells. */
static inline acell cell_nil(void)
{
  acell c = {1, 0, NULL};
  return c;
}
static inline acell cell_int(int64_t i)
{
  acell c = {0, i, NULL};
  return c;
}
/* Text; NULL is an empty cell. */
static inline acell cell_str(const char *s)
{
  acell c = {s == NULL, 0, s};
  return c;
}

/* Hand a part to the sink: 0, or -1 with s->err in z->err. */
int view_begin(sz *z, asink *s, const atable *t);
int view_row(sz *z, asink *s, const acell *c);
int view_end(sz *z, asink *s);
/* The end of a part read through a statement: finalizes it; -1 (z->err)
 * when a statement failed on z. */
int view_done(sz *z, asink *s, sqlite3_stmt *st);
/* Column i of st's row as a cell: NULL as empty, a text kind as text, any
 * other kind as an integer. */
acell view_col(sqlite3_stmt *st, int i, int kind);
/* Every row of st as part t (at most 16 columns, in the part's order: a
 * text kind as text, the others as integers, NULL as empty; a K_TIME
 * column with its offset), then view_done. */
int view_rows(sz *z, asink *s, const atable *t, sqlite3_stmt *st);

/* ---- 村名称 beside 村代码 ---- */

/* A sink that hands every part on to `next` with a column 村名称 (key
 * "village_name") right after each column of village codes (key
 * "village"; in a part without keys, named 村代码) that has none after it
 * already: the village's name from org, empty when there is none. The
 * workbooks' lists and exports and the audit's tables go through it. */
typedef struct vnames {
  asink s;
  asink *next;
  sz *z;
  sqlite3_stmt *name;
  atable t;          /* the part as handed on */
  acol *cols;
  const char **keys;
  int *src;          /* each column's cell in the part's row; a name:
                        -1 - the cell of its code */
  acell *cells;
  sbuf code, nm;     /* the code looked up last and its name */
} vnames;
void vnames_init(vnames *x, sz *z, asink *next);
void vnames_free(vnames *x);

/* The zone of parameter `timezone` (default Asia/Shanghai; China Standard
 * Time, UTC+8, when the system has no file for it). Free with tz_free. */
tzone *view_zone(sz *z);
/* A K_TIME cell: the UTC text utc (NULL: empty) with tz's offset then. */
acell cell_time(const tzone *tz, const char *utc);

/* The kind of a field's values. */
int field_kind(const field *f);

/* A part whose columns are fields of a register. */
#define VF_LIST 1u /* only the fields marked F_LIST */
#define VF_ID 2u   /* first a column "id" */
#define VF_VOID 4u /* with VF_LIST, the void's reason (作废原因) too */
#define VF_NOVOID 8u /* without the void's fields (F_VOID) */
#define VF_EXPORT 16u  /* no derived code: the columns an import takes */
#define VF_DERIVED 32u /* the derived fields too */
typedef struct vfields {
  atable t;
  const reg *r;
  acol *cols;
  const char **keys;
  int *fi; /* each column's field, -1 for "id" */
  size_t *off;
  acell *cells;
  sbuf text; /* the row's text, NUL-terminated */
  sbuf names; /* the column names that carry a unit ("使用年限（月）") */
} vfields;
/* The stored fields of r (not derived), those marked F_LIST with VF_LIST,
 * from the field `from` up to the field `to` (NULL: the first, the
 * last). */
void vfields_init(vfields *x, const reg *r, const char *name,
                  const char *key, unsigned flags, const char *from,
                  const char *to);
/* One row: the values v of the fields (and id, for VF_ID). */
int vfields_row(sz *z, vfields *x, asink *s, int64_t id, const val *v);
void vfields_free(vfields *x);

#endif
