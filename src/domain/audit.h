/* audit.h: the annual audit (doc/domain.md "The annual audit"): every table the
 * county auditors expect, as rows of typed cells that a sink writes (a CSV
 * file, a workbook sheet, a terminal table), the findings, and the export
 * of them all with a manifest.
 *
 * One mechanism, the views' (view.h): each table is a column list and a
 * producer that reads the database as of the reference date and hands its
 * rows to a sink. The commands `classify` and `audit findings` print one
 * table; `audit export` writes every table to CSV files and to one
 * workbook. */
#ifndef SANZI_AUDIT_H
#define SANZI_AUDIT_H
#include <stdint.h>
#include "store/db.h"
#include "domain/view.h"

/* The scope and reference date of one audit, and what the tables add up
 * per village for the summary. */
typedef struct audit audit;

/* Opens the audit of `year` for a village, a township, or (both NULL) every
 * village of the counties that hold records. The reference date is the
 * year's 31 December, or today while the year is not over. The audit
 * reads in one transaction, from here to audit_close, so that every table
 * sees the same database. Returns NULL with z->err. */
audit *audit_open(sz *z, int year, const char *village, const char *township);
void audit_close(audit *a);
const char *audit_ref_date(const audit *a);
sz *audit_db(const audit *a);
/* The audit's scope in Chinese words, for the manifest: "村 CODE 名称",
 * "乡镇 CODE 名称", "县 CODE 名称", or every village. */
void audit_scope_text(audit *a, char *out, size_t n);

/* The tables, in export order. Each producer writes its table to s. */
typedef struct audit_part {
  const char *file; /* "01-资产清单" */
  const atable *t;
  int (*fill)(audit *a, asink *s);
} audit_part;
extern const audit_part audit_parts[];
extern const int audit_nparts;

/* Single tables for the commands. */
int audit_classify(audit *a, asink *s);
int audit_findings(audit *a, asink *s, long *count);
/* The findings' codes and names, in their order (doc/domain.md
 * "Findings"): the filters of a findings page. */
typedef struct finding_kind {
  const char *code, *name;
} finding_kind;
extern const finding_kind audit_finding_kinds[];
extern const int audit_nfinding_kinds;
/* How many findings there are (computing them once); -1 with z->err. */
long audit_finding_count(audit *a);
/* The language of the findings' texts: the handle's at audit_open. The
 * export makes its files in Chinese (LANG_ZH) whatever the session's
 * language: findings made in another language are made again. */
void audit_set_lang(audit *a, int lang);

typedef struct audit_export_opts {
  const char *dir;
  int csv, xlsx;       /* which formats */
  const char *version; /* the program's version, for the manifest */
  const char *anchors; /* the anchors file the head is appended to, or NULL */
  /* Called after each table is written (done of total), or NULL: a
   * server shows the export's progress. */
  void (*progress)(void *ctx, int done, int total);
  void *progress_ctx;
} audit_export_opts;

/* Writes every table, then manifest.txt, all in Chinese whatever the
 * handle's language (its refusals follow it), into a hidden directory
 * beside o->dir that then replaces o->dir in one step (base/atomic.h):
 * the files of an earlier export are replaced, other files carried over.
 * The change log must verify first; its anchor line goes into the
 * manifest and is appended to o->anchors. *findings: how many findings
 * were written. Returns 0, or -1 with z->err. */
int audit_export(audit *a, const audit_export_opts *o, long *findings);

/* The band of an operating income (doc/domain.md "Village classification"),
 * from the parameters classify.weak_below and classify.general_below. */
const char *classify_band(int64_t weak_below, int64_t general_below,
                          int64_t income);

#endif
