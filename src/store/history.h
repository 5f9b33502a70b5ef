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


#endif
