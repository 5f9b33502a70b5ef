/* history.h: the change log, chained with SHA-256.
 *
 * An entry records who changed which table when, the canonical rows it
 * wrote (one row's JSON in `new`, or a batch summary) with their digest,
 * and the rows it replaced (table superseded) with theirs. Each entry's hash
 * covers the previous hash and every field, so the chain proves the log, and
 * the digests prove the registers: `history_verify` recomputes both. */
#ifndef SANZI_HISTORY_H
#define SANZI_HISTORY_H
#include <stdint.h>
#include "store/db.h"
#include "store/spec.h"
#include "base/util.h"

/* A running SHA-256 over canonical rows. */
typedef struct digest digest;
digest *digest_new(void);
/* The same, hashing in a worker thread: for a large batch. */
digest *digest_new_async(void);
void digest_add(digest *d, const char *p, size_t n);
/* Writes the digest and frees d. */
void digest_final(digest *d, unsigned char out[32]);

/* The id the next entry will get. Call inside the write transaction: rows
 * written under that id must be followed by history_append with it. */
int64_t history_next_id(sz *z);

/* Record that entry `id` replaced row `row_id` of tbl, whose canonical text
 * was `old`, written by entry old_log. */
int history_supersede(sz *z, int64_t id, const char *tbl, int64_t row_id,
                      int64_t old_log, const char *old);

/* Append entry `id` (must equal history_next_id). key: the record's code or
 * NULL; newv: canonical JSON or a batch summary; digest of the nrows rows
 * written, in row id order. The old digest is computed here from the
 * superseded rows recorded for this entry. Returns 0 or -1 (z->err). */
int history_append(sz *z, int64_t id, const char *tbl, const char *key,
                   const char *action, const char *newv, int64_t nrows,
                   const unsigned char dig[32]);

/* Convenience for one row: digest of canon, then append. */
int history_append_row(sz *z, int64_t id, const char *tbl, const char *key,
                       const char *action, const char *canon);

/* The digest of the rows of r that entry log_id wrote, in id order: what
 * a batch records when it updated rows as well as inserting them. */
int history_rows_digest(sz *z, const reg *r, int64_t log_id,
                        unsigned char out[32], int64_t *nrows);

/* Recompute the chain and every digest from the tables, and compare the
 * schema with the one the migrations make. tables: the registers whose
 * rows the log proves (NULL-terminated; the domain's logged_tables).
 * expect_head: a head printed
 * earlier (hex) that the chain must still contain, or NULL. On success
 * returns 0 and writes the head hash (hex, 65 bytes) and the entry count;
 * on failure returns -1 with z->err naming the first bad entry or row. */
int history_verify(sz *z, const reg *const *tables, const char *expect_head, char head[65],
                   int64_t *entries);

/* A head kept outside the database (an anchor): the chain's hash after
 * `entries` entries, written at `at` (UTC), read from line `line` of its
 * file. */
typedef struct hist_anchor {
  int64_t entries;
  char head[65];
  char at[32];
  long line;
} hist_anchor;

/* The line to keep on paper, in an e-mail and in the anchors file:
 * "sanzi anchor 2026-12-05T21:49:16Z 1234 3f9a...": the time (the
 * handle's clock), the entry count and the head. */
#define HIST_ANCHOR_LINE 128
void history_anchor_line(sz *z, int64_t entries, const char *head,
                         char line[HIST_ANCHOR_LINE]);

/* Appends line and a newline to file (made 0644 if missing), flushed to
 * disk. Returns 0, or -1 with z->err. */
int history_anchor_append(sz *z, const char *file, const char *line);

/* Verifies the log (history_verify), makes its anchor line and appends it
 * to file (none when NULL): `log anchor`, and the server once a day.
 * Returns 0 with line, or -1 with z->err. */
int history_anchor(sz *z, const reg *const *tables, const char *file,
                   char line[HIST_ANCHOR_LINE]);

/* Reads an anchors file: one anchor a line, blank lines and lines that
 * begin with # aside. A line holds the entry count (a whole number) and
 * the head (64 hex digits), in any order among other words (the time,
 * "sanzi anchor", a note), so a line copied back by hand reads too.
 * Returns the number of anchors with *out (the caller frees it), or -1
 * with z->err naming FILE:LINE. */
int history_anchors_read(sz *z, const char *file, hist_anchor **out);

/* history_verify, which also checks that the chain's hash at each
 * anchor's entry is the anchor's head: a chain cut below an anchor, or
 * recomputed from the start, is named with the anchor's FILE:LINE. */
int history_verify_anchors(sz *z, const reg *const *tables,
                           const char *expect_head, const hist_anchor *anchors,
                           int nanchors, const char *file, char head[65],
                           int64_t *entries);

#endif
