/* import.h: the one import pipeline for every register, and export. */
#ifndef SANZI_IMPORT_H
#define SANZI_IMPORT_H
#include <stdio.h>
#include "base/csvin.h"
#include "store/db.h"
#include "store/record.h"

typedef struct import_opts {
  const char *file;  /* CSV text, an .xlsx or an .xls workbook, "-" */
  const char *name;  /* the file's name as its user knows it (a web
                        upload's), for the change log; NULL: file */
  enum csv_encoding enc; /* of CSV text */
  const char *sheet; /* of a workbook: its name, or its place from 1;
                        NULL: the only one, or the one whose header names
                        the register's columns */
  int dry_run;
  int update;
  unsigned allow; /* what the rows may do with a warning (REG_*) */
  int again;            /* a file imported before is imported again */
  int allow_duplicates; /* rows like a live record are not refused */
  /* Called now and then with bytes done and total (0 = unknown). */
  void (*progress)(long long done, long long total, long rows);
} import_opts;

typedef struct import_result {
  long inserted, updated, unchanged, blank;
  char encoding[16];
  long nerrors;
  errlist errs; /* why nothing went in; the caller frees (errs_free) */
  int64_t log_id; /* the batch entry, 0 if nothing was written */
  /* The same file (its SHA-256) was imported into r before (refused
   * unless again): that import's log entry (0: never), when (local
   * time), by whom, and the file's name then. */
  int64_t before;
  char before_at[20], before_by[64], before_file[256];
} import_result;

/* All or nothing: returns 0 when every row went in (or would, for a dry
 * run), -1 when nothing did; the reasons are in res->errs, each with its row and field. */
int reg_import(sz *z, const reg *r, const import_opts *o, import_result *res);

typedef struct export_opts {
  const char *village;  /* or NULL */
  const char *township; /* or NULL */
  const char *as_of;    /* assets: depreciation at this date, or NULL */
  int bom;
  int full_ids;         /* ID numbers whole, not masked (for auditors) */
} export_opts;

/* CSV with Chinese headers to fp. Returns 0, or -1 with z->err. */
int reg_export(sz *z, const reg *r, const export_opts *o, FILE *fp);
/* The rows an export writes: each record of r in scope, by id, its ID
 * numbers masked (unless full_ids), an asset's depreciation at as_of in
 * its derived fields; row(ctx, id, v) for each, until one returns
 * nonzero. 0, or -1 with z->err. */
int reg_export_rows(sz *z, const reg *r, const export_opts *o,
                    int (*row)(void *ctx, int64_t id, val *v), void *ctx);
/* The template (template.c): header and one example row. */
void reg_template(const reg *r, FILE *fp);
/* The workbook that teaches (template.c) at path: drop-downs from the code
 * tables and, with township (a township's or county's code, or NULL),
 * its villages and their accounts within the caller's scope (z->scope);
 * a township outside the scope, neither in it nor containing it, is not
 * found. 0, or -1 with z->err. */
int reg_template_xlsx(sz *z, const reg *r, const char *township,
                      const char *path);



/* Shared by the commands that take --village/--township. */
const char *scope_where(const char *village, const char *township);
#endif
