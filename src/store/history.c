/* history.c: the change log chained with SHA-256, and its verification. */
#include "store/history.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* A digest hashes in the caller's thread, or, when made with
 * digest_new_async, in a worker thread fed through a ring buffer, so that a
 * large import hashes its rows on the second core while it inserts. */
#define RING (1u << 20)

struct digest {
  struct sha256_ctx st;
  int async;
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t more, room;
  unsigned char *ring;
  size_t head, tail; /* bytes written and hashed, counted forever */
  int done;
  unsigned char *stage; /* filled without locking, handed over when full */
  size_t staged;
};

#define STAGE (64u << 10)

digest *digest_new(void)
{
  digest *d = xcalloc(1, sizeof *d);
  sha256_init(&d->st);
  return d;
}

static void *digest_worker(void *arg)
{
  digest *d = arg;
  pthread_mutex_lock(&d->mu);
  for(;;) {
    while(d->head == d->tail && !d->done)
      pthread_cond_wait(&d->more, &d->mu);
    if(d->head == d->tail && d->done)
      break;
    size_t at = d->tail % RING;
    size_t n = d->head - d->tail;
    if(n > RING - at)
      n = RING - at;
    pthread_mutex_unlock(&d->mu);
    sha256_update(&d->st, n, d->ring + at);
    pthread_mutex_lock(&d->mu);
    d->tail += n;
    pthread_cond_signal(&d->room);
  }
  pthread_mutex_unlock(&d->mu);
  return NULL;
}

digest *digest_new_async(void)
{
  digest *d = digest_new();
  d->ring = xmalloc(RING);
  d->stage = xmalloc(STAGE);
  pthread_mutex_init(&d->mu, NULL);
  pthread_cond_init(&d->more, NULL);
  pthread_cond_init(&d->room, NULL);
  if(pthread_create(&d->th, NULL, digest_worker, d) == 0)
    d->async = 1;
  return d;
}

static void hand_over(digest *d, const unsigned char *p, size_t n)
{
  pthread_mutex_lock(&d->mu);
  while(n) {
    while(d->head - d->tail == RING)
      pthread_cond_wait(&d->room, &d->mu);
    size_t at = d->head % RING;
    size_t k = RING - (d->head - d->tail);
    if(k > RING - at)
      k = RING - at;
    if(k > n)
      k = n;
    memcpy(d->ring + at, p, k);
    d->head += k;
    p += k;
    n -= k;
    pthread_cond_signal(&d->more);
  }
  pthread_mutex_unlock(&d->mu);
}

void digest_add(digest *d, const char *p, size_t n)
{
  if(!d->async) {
    sha256_update(&d->st, n, (const unsigned char *)p);
    return;
  }
  if(d->staged + n > STAGE) {
    hand_over(d, d->stage, d->staged);
    d->staged = 0;
  }
  if(n > STAGE) {
    hand_over(d, (const unsigned char *)p, n);
    return;
  }
  memcpy(d->stage + d->staged, p, n);
  d->staged += n;
}

void digest_final(digest *d, unsigned char out[32])
{
  if(d->async) {
    hand_over(d, d->stage, d->staged);
    pthread_mutex_lock(&d->mu);
    d->done = 1;
    pthread_cond_signal(&d->more);
    pthread_mutex_unlock(&d->mu);
    pthread_join(d->th, NULL);
    pthread_mutex_destroy(&d->mu);
    pthread_cond_destroy(&d->more);
    pthread_cond_destroy(&d->room);
  }
  free(d->ring);
  free(d->stage);
  sha256_digest(&d->st, 32, out);
  free(d);
}

int64_t history_next_id(sz *z)
{
  return db_int(z, 0, "SELECT max(id) FROM history", NULL) + 1;
}

int history_supersede(sz *z, int64_t id, const char *tbl, int64_t row_id,
                      int64_t old_log, const char *old)
{
  sqlite3_stmt *st = db_prepare(
      z, "INSERT INTO superseded(log_id, tbl, row_id, old_log, old) "
         "VALUES(?1, ?2, ?3, ?4, ?5)");
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, tbl, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 3, row_id);
  sqlite3_bind_int64(st, 4, old_log);
  sqlite3_bind_text(st, 5, old, -1, SQLITE_STATIC);
  int rc = db_run(z, st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* One field of an entry into the hash: a tag byte, a length, the bytes.
 * NULL has its own tag, so NULL and "" differ. */
static void hfield(struct sha256_ctx *h, const void *p, size_t n)
{
  unsigned char hdr[9];
  uint64_t len = n;
  hdr[0] = p ? 1 : 0;
  for(int i = 0; i < 8; i++)
    hdr[1 + i] = (unsigned char)(len >> (8 * i));
  sha256_update(h, sizeof hdr, hdr);
  if(p && n)
    sha256_update(h, n, p);
}

static void hint(struct sha256_ctx *h, int64_t v)
{
  char buf[32];
  int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
  hfield(h, buf, (size_t)n);
}

static void hstr(struct sha256_ctx *h, const char *s)
{
  hfield(h, s, s ? strlen(s) : 0);
}

typedef struct entry {
  int64_t id;
  const char *at, *op, *tbl, *key, *action, *newv;
  int64_t nrows, nold;
  const unsigned char *dig, *odig, *prev;
} entry;

static void entry_hash(const entry *e, unsigned char out[32])
{
  struct sha256_ctx h;
  sha256_init(&h);
  hfield(&h, e->prev, 32);
  hint(&h, e->id);
  hstr(&h, e->at);
  hstr(&h, e->op);
  hstr(&h, e->tbl);
  hstr(&h, e->key);
  hstr(&h, e->action);
  hstr(&h, e->newv);
  hint(&h, e->nrows);
  hfield(&h, e->dig, 32);
  hint(&h, e->nold);
  hfield(&h, e->odig, 32);
  sha256_digest(&h, 32, out);
}

/* The handle's clock (the core does not read the real one), in UTC. */
static void now_utc(const sz *z, char out[32])
{
  struct tm tm;
  gmtime_r(&z->now, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int history_append(sz *z, int64_t id, const char *tbl, const char *key,
                   const char *action, const char *newv, int64_t nrows,
                   const unsigned char dig[32])
{
  if(id != history_next_id(z)) {
    db_fail(z, T(z, "internal error: change-log entry %lld out of order"),
            (long long)id);
    return -1;
  }
  if(z->now <= 0) /* a bug of the caller, which must set the clock */
    return db_fail(z, "%s", T(z, "internal error: the database handle has no "
                                 "clock (db_set_clock): nothing is written"));
  unsigned char prev[32] = {0}, hash[32], odig[32];
  sqlite3_stmt *st =
      db_prepare(z, "SELECT hash FROM history ORDER BY id DESC LIMIT 1");
  if(db_step(z, st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32)
    memcpy(prev, sqlite3_column_blob(st, 0), 32);
  sqlite3_finalize(st);

  /* The replaced rows, in row id order, as verify will see them. */
  digest *od = digest_new();
  int64_t nold = 0;
  st = db_prepare(z, "SELECT old FROM superseded WHERE log_id = ?1 "
                     "ORDER BY row_id");
  sqlite3_bind_int64(st, 1, id);
  while(db_step(z, st) == SQLITE_ROW) {
    digest_add(od, (const char *)sqlite3_column_text(st, 0),
               (size_t)sqlite3_column_bytes(st, 0));
    digest_add(od, "\n", 1);
    nold++;
  }
  sqlite3_finalize(st);
  digest_final(od, odig);

  char at[32];
  now_utc(z, at);
  /* Never before the entry before (a clock set back): the log's times
   * only go forward, and verify relies on it. */
  st = db_prepare(z, "SELECT at FROM history ORDER BY id DESC LIMIT 1");
  if(db_step(z, st) == SQLITE_ROW &&
     strcmp((const char *)sqlite3_column_text(st, 0), at) > 0)
    snprintf(at, sizeof at, "%s", (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  entry e = {id, at, z->user, tbl, key, action, newv, nrows, nold,
             dig, odig, prev};
  entry_hash(&e, hash);
  st = db_prepare(z, "INSERT INTO history(id, at, operator, tbl, key, action,"
                     " new, nrows, digest, nold, old_digest, prev, hash) "
                     "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
  sqlite3_bind_int64(st, 1, id);
  sqlite3_bind_text(st, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, z->user, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, tbl, -1, SQLITE_STATIC);
  if(key)
    sqlite3_bind_text(st, 5, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 7, newv, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 8, nrows);
  sqlite3_bind_blob(st, 9, dig, 32, SQLITE_STATIC);
  sqlite3_bind_int64(st, 10, nold);
  sqlite3_bind_blob(st, 11, odig, 32, SQLITE_STATIC);
  sqlite3_bind_blob(st, 12, prev, 32, SQLITE_STATIC);
  sqlite3_bind_blob(st, 13, hash, 32, SQLITE_STATIC);
  int rc = db_run(z, st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

int history_append_row(sz *z, int64_t id, const char *tbl, const char *key,
                       const char *action, const char *canon)
{
  unsigned char dig[32];
  digest *d = digest_new();
  digest_add(d, canon, strlen(canon));
  digest_add(d, "\n", 1);
  digest_final(d, dig);
  return history_append(z, id, tbl, key, action, canon, 1, dig);
}

/* ---- verification ---- */

typedef struct vent {
  char *tbl, *key, *action, *at, *op;
  int64_t nrows, nold;
  unsigned char dig[32], odig[32];
  struct sha256_ctx *w, *o; /* recomputed: written and replaced */
  int64_t wn, on;
} vent;

static void hex(const unsigned char *b, char out[65])
{
  static const char x[] = "0123456789abcdef";
  for(int i = 0; i < 32; i++) {
    out[2 * i] = x[b[i] >> 4];
    out[2 * i + 1] = x[b[i] & 15];
  }
  out[64] = 0;
}

static void feed(struct sha256_ctx **h, int64_t *n, const char *p,
                 size_t len)
{
  if(!*h) {
    *h = xmalloc(sizeof **h);
    sha256_init(*h);
  }
  sha256_update(*h, len, (const unsigned char *)p);
  sha256_update(*h, 1, (const unsigned char *)"\n");
  (*n)++;
}

static void describe(sz *z, int64_t id, const vent *e, const char *what)
{
  db_fail(z, T(z, "change-log entry %lld (%s %s%s%s, %s by %s): %s"),
          (long long)id, e->tbl, e->action, e->key ? " " : "",
          e->key ? e->key : "", e->at, e->op, what);
}

/* Feeds every row of one table, and the rows it superseded, into the
 * recomputed digests of the entries that wrote them. */
static int verify_table(sz *z, const reg *r, vent *ents, int64_t n)
{
  sbuf sql, canon;
  sb_init(&sql);
  sb_init(&canon);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, " ORDER BY id");
  sqlite3_stmt *cur = db_prepare(z, sql.buf);
  sqlite3_stmt *old = db_prepare(
      z, "SELECT row_id, old_log, log_id, old FROM superseded WHERE tbl = ?1 "
         "ORDER BY row_id, old_log");
  sqlite3_bind_text(old, 1, r->name, -1, SQLITE_STATIC);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int rc = 0;
  int orc = db_step(z, old);
  int crc = db_step(z, cur);
  while(rc == 0 && (orc == SQLITE_ROW || crc == SQLITE_ROW)) {
    int take_old = orc == SQLITE_ROW &&
                   (crc != SQLITE_ROW || sqlite3_column_int64(old, 0) <=
                                             sqlite3_column_int64(cur, 0));
    if(take_old) {
      int64_t wrote = sqlite3_column_int64(old, 1);
      int64_t by = sqlite3_column_int64(old, 2);
      const char *t = (const char *)sqlite3_column_text(old, 3);
      size_t tn = (size_t)sqlite3_column_bytes(old, 3);
      /* The old row names its own id first: [id, ...]. */
      char idtxt[32];
      int il = snprintf(idtxt, sizeof idtxt, "[%lld,",
                        (long long)sqlite3_column_int64(old, 0));
      if(sqlite3_column_type(old, 3) != SQLITE_TEXT || tn < (size_t)il ||
         memcmp(t, idtxt, (size_t)il)) {
        db_fail(z, T(z, "a replaced %s row is filed under row id %lld but is "
                        "another row: the change log was changed outside "
                        "sanzi"), r->name,
                (long long)sqlite3_column_int64(old, 0));
        rc = -1;
        break;
      }
      if(wrote < 1 || wrote > n || by < 1 || by > n ||
         strcmp(ents[wrote].tbl, r->name) || strcmp(ents[by].tbl, r->name)) {
        db_fail(z, T(z, "a replaced %s row (id %lld) cites change-log entries "
                        "%lld and %lld, which do not record that table"),
                r->name, (long long)sqlite3_column_int64(old, 0),
                (long long)wrote, (long long)by);
        rc = -1;
        break;
      }
      feed(&ents[wrote].w, &ents[wrote].wn, t, tn);
      feed(&ents[by].o, &ents[by].on, t, tn);
      orc = db_step(z, old);
      continue;
    }
    int64_t id = sqlite3_column_int64(cur, 0);
    int64_t lid = sqlite3_column_int64(cur, 1);
    int badf = reg_row_types(r, cur, 2);
    if(badf >= 0 || sqlite3_column_type(cur, 1) != SQLITE_INTEGER) {
      db_fail(z, T(z, "%s row id %lld: %s holds a value of the wrong type: "
                      "the row was changed outside sanzi"), r->name,
              (long long)id,
              badf >= 0 ? r->fields[badf].key : "log_id");
      rc = -1;
      break;
    }
    reg_row_from_stmt(r, cur, 2, v);
    if(lid < 1 || lid > n || strcmp(ents[lid].tbl, r->name)) {
      sb_reset(&canon);
      reg_canon(r, id, v, &canon);
      db_fail(z, T(z, "%s row %s cites change-log entry %lld, which does not "
                      "record it: the row was written outside sanzi"),
              r->name, canon.buf, (long long)lid);
      rc = -1;
      break;
    }
    sb_reset(&canon);
    reg_canon(r, id, v, &canon);
    feed(&ents[lid].w, &ents[lid].wn, canon.buf, canon.len);
    crc = db_step(z, cur);
  }
  sqlite3_finalize(cur);
  sqlite3_finalize(old);
  free(v);
  sb_free(&sql);
  sb_free(&canon);
  return rc;
}

static int known_table(const reg *const *tables, const char *tbl)
{
  for(int i = 0; tables[i]; i++)
    if(!strcmp(tables[i]->name, tbl))
      return 1;
  return 0;
}

int history_rows_digest(sz *z, const reg *r, int64_t log_id,
                        unsigned char out[32], int64_t *nrows)
{
  sbuf sql, canon;
  sb_init(&sql);
  sb_init(&canon);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, " WHERE log_id = ?1 ORDER BY id");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  sqlite3_bind_int64(st, 1, log_id);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  digest *d = digest_new();
  *nrows = 0;
  while(db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    sb_reset(&canon);
    reg_canon(r, sqlite3_column_int64(st, 0), v, &canon);
    digest_add(d, canon.buf, canon.len);
    digest_add(d, "\n", 1);
    (*nrows)++;
  }
  digest_final(d, out);
  sqlite3_finalize(st);
  free(v);
  sb_free(&sql);
  sb_free(&canon);
  return 0;
}

/* 1 with z->err when the table is not in the file. */
static int table_missing(sz *z, const char *name)
{
  if(db_int(z, 0, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
                  "AND name = ?1", name))
    return 0;
  db_fail(z, T(z, "the schema was changed outside sanzi: table '%s' is "
                  "missing"), name);
  return 1;
}

int history_verify(sz *z, const reg *const *tables, const char *expect_head, char head[65],
                   int64_t *entries)
{
  return history_verify_anchors(z, tables, expect_head, NULL, 0, NULL, head,
                                entries);
}

static int by_entries(const void *a, const void *b)
{
  const hist_anchor *x = a, *y = b;
  return x->entries < y->entries ? -1 : x->entries > y->entries;
}

/* The anchor does not hold: the chain's hash at its entry is another. */
static void anchor_fails(sz *z, const char *file, const hist_anchor *a,
                         const char *found)
{
  if(found)
    db_fail(z, T(z, "%s:%ld: entry %lld of the chain is %s, not the head %s "
                    "recorded on %s: the log was rewritten"),
            file, a->line, (long long)a->entries, found, a->head, a->at);
  else
    db_fail(z, T(z, "%s:%ld: the head recorded on %s is entry %lld, but the "
                    "log now ends before it: the log was cut (or restored "
                    "from an older copy)"),
            file, a->line, a->at, (long long)a->entries);
}

int history_verify_anchors(sz *z, const reg *const *tables,
                           const char *expect_head, const hist_anchor *anchors,
                           int nanchors, const char *file, char head[65],
                           int64_t *entries)
{
  char id_prev_at[32] = "";
  hist_anchor *an = NULL;
  int ai = 0;
  if(nanchors > 0) {
    an = xcalloc((size_t)nanchors, sizeof *an);
    memcpy(an, anchors, sizeof *an * (size_t)nanchors);
    qsort(an, (size_t)nanchors, sizeof *an, by_entries);
  }
  /* The chain of no entries: its head is all zeros. */
  char zeros[65];
  memset(zeros, '0', 64);
  zeros[64] = 0;
  for(; ai < nanchors && an[ai].entries == 0; ai++)
    if(strcmp(an[ai].head, zeros)) {
      anchor_fails(z, file, &an[ai], zeros);
      free(an);
      return -1;
    }
  int found_expected = 0;
  /* A table dropped behind sanzi's back cannot be read: name it first
   * (the rest of the schema is compared last). */
  if(table_missing(z, "history") || table_missing(z, "superseded"))
    return -1;
  for(int i = 0; tables[i]; i++)
    if(table_missing(z, tables[i]->name))
      return -1;
  int64_t n = db_int(z, 0, "SELECT count(*) FROM history", NULL);
  vent *ents = xcalloc((size_t)n + 1, sizeof *ents);
  unsigned char prev[32] = {0};
  int rc = 0;
  int64_t expect = 1;
  sqlite3_stmt *st = db_prepare(
      z, "SELECT id, at, operator, tbl, key, action, new, nrows, digest, "
         "nold, old_digest, prev, hash FROM history ORDER BY id");
  while(rc == 0 && db_step(z, st) == SQLITE_ROW) {
    entry e;
    unsigned char h[32];
    e.id = sqlite3_column_int64(st, 0);
    e.at = (const char *)sqlite3_column_text(st, 1);
    e.op = (const char *)sqlite3_column_text(st, 2);
    e.tbl = (const char *)sqlite3_column_text(st, 3);
    e.key = (const char *)sqlite3_column_text(st, 4);
    e.action = (const char *)sqlite3_column_text(st, 5);
    e.newv = (const char *)sqlite3_column_text(st, 6);
    e.nrows = sqlite3_column_int64(st, 7);
    e.nold = sqlite3_column_int64(st, 9);
    if(e.id != expect || e.id > n) {
      db_fail(z, T(z, "change-log entry %lld is missing: the log was cut"),
              (long long)expect);
      rc = -1;
      break;
    }
    expect++;
    if(sqlite3_column_bytes(st, 8) != 32 || sqlite3_column_bytes(st, 10) != 32 ||
       sqlite3_column_bytes(st, 11) != 32 || sqlite3_column_bytes(st, 12) != 32) {
      db_fail(z, T(z, "change-log entry %lld is damaged (a hash is not 32 "
                      "bytes)"), (long long)e.id);
      rc = -1;
      break;
    }
    e.dig = sqlite3_column_blob(st, 8);
    e.odig = sqlite3_column_blob(st, 10);
    e.prev = prev;
    vent *v = &ents[e.id];
    v->tbl = xstrdup(e.tbl ? e.tbl : "");
    v->key = e.key ? xstrdup(e.key) : NULL;
    v->action = xstrdup(e.action ? e.action : "");
    v->at = xstrdup(e.at ? e.at : "");
    v->op = xstrdup(e.op ? e.op : "");
    v->nrows = e.nrows;
    v->nold = e.nold;
    memcpy(v->dig, e.dig, 32);
    memcpy(v->odig, e.odig, 32);
    if(memcmp(sqlite3_column_blob(st, 11), prev, 32)) {
      describe(z, e.id, v, T(z, "does not follow the entry before it: the "
                                "log was changed or cut"));
      rc = -1;
      break;
    }
    entry_hash(&e, h);
    if(memcmp(h, sqlite3_column_blob(st, 12), 32)) {
      describe(z, e.id, v, T(z, "its hash does not match its contents: the "
                                "entry was changed"));
      rc = -1;
      break;
    }
    if(!known_table(tables, v->tbl)) {
      describe(z, e.id, v, T(z, "records an unknown table"));
      rc = -1;
      break;
    }
    if(id_prev_at[0] && e.at && strcmp(e.at, id_prev_at) < 0) {
      describe(z, e.id, v, T(z, "is dated before the entry before it"));
      rc = -1;
      break;
    }
    snprintf(id_prev_at, sizeof id_prev_at, "%s", e.at ? e.at : "");
    memcpy(prev, h, 32);
    char hx[65];
    hex(h, hx);
    if(expect_head && !strcasecmp(hx, expect_head))
      found_expected = 1;
    for(; rc == 0 && ai < nanchors && an[ai].entries == e.id; ai++)
      if(strcasecmp(hx, an[ai].head)) {
        anchor_fails(z, file, &an[ai], hx);
        rc = -1;
      }
  }
  sqlite3_finalize(st);
  if(rc == 0 && ai < nanchors) {
    anchor_fails(z, file, &an[ai], NULL);
    rc = -1;
  }
  free(an);
  if(rc == 0 && expect_head && !found_expected) {
    db_fail(z, T(z, "the chain no longer holds the head %s recorded "
                    "earlier: the log was cut or rewritten"), expect_head);
    rc = -1;
  }
  if(rc == 0 && expect != n + 1) {
    db_fail(z, "%s", T(z, "the change log has gaps"));
    rc = -1;
  }
  for(int i = 0; rc == 0 && tables[i]; i++)
    rc = verify_table(z, tables[i], ents, n);
  for(int64_t id = 1; rc == 0 && id <= n; id++) {
    vent *v = &ents[id];
    unsigned char w[32], o[32];
    digest_final(digest_new(), w); /* the digest of no rows */
    memcpy(o, w, 32);
    if(v->w)
      sha256_digest(v->w, 32, w);
    if(v->o)
      sha256_digest(v->o, 32, o);
    char what[512];
    if(v->wn != v->nrows || memcmp(w, v->dig, 32)) {
      snprintf(what, sizeof what,
               T(z, "the %lld row(s) it wrote no longer match (%lld found as "
                    "written): a row was changed, added or removed outside "
                    "sanzi"),
               (long long)v->nrows, (long long)v->wn);
      describe(z, id, v, what);
      rc = -1;
    } else if(v->on != v->nold || memcmp(o, v->odig, 32)) {
      snprintf(what, sizeof what,
               T(z, "the %lld old row(s) it replaced no longer match (%lld "
                    "found)"), (long long)v->nold, (long long)v->on);
      describe(z, id, v, what);
      rc = -1;
    }
  }
  /* Last: a dropped trigger matters less than the rows it guarded. */
  if(rc == 0 && db_schema_check(z))
    rc = -1;
  /* What could not be read is damage, not a proof of tampering. */
  if(db_fault(z))
    rc = db_fail(z, T(z, "the database cannot be read: %s"), z->fault_msg);
  if(rc == 0) {
    hex(prev, head);
    *entries = n;
  }
  for(int64_t id = 0; id <= n; id++) {
    vent *v = &ents[id];
    free(v->tbl);
    free(v->key);
    free(v->action);
    free(v->at);
    free(v->op);
    free(v->w);
    free(v->o);
  }
  free(ents);
  return rc;
}

/* ---- anchors: heads kept outside the database ---- */

void history_anchor_line(sz *z, int64_t entries, const char *head,
                         char line[HIST_ANCHOR_LINE])
{
  char at[32];
  struct tm tm;
  strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&z->now, &tm));
  snprintf(line, HIST_ANCHOR_LINE, "sanzi anchor %s %lld %s", at,
           (long long)entries, head);
}

int history_anchor_append(sz *z, const char *file, const char *line)
{
  int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if(fd < 0)
    return db_fail(z, "%s: %s", file, tr_errno(z->lang, errno));
  char buf[HIST_ANCHOR_LINE + 2];
  int len = snprintf(buf, sizeof buf, "%s\n", line);
  /* One write: lines appended at once by two processes do not mix. */
  ssize_t w = write(fd, buf, (size_t)len);
  int rc = 0;
  if(w != len || fsync(fd))
    rc = db_fail(z, "%s: %s", file,
                 tr_errno(z->lang, w >= 0 && w != len ? ENOSPC : errno));
  if(close(fd) && rc == 0)
    rc = db_fail(z, "%s: %s", file, tr_errno(z->lang, errno));
  return rc;
}

int history_anchor(sz *z, const reg *const *tables, const char *file,
                   char line[HIST_ANCHOR_LINE])
{
  char head[65];
  int64_t n = 0;
  if(history_verify(z, tables, NULL, head, &n))
    return -1;
  history_anchor_line(z, n, head, line);
  return file ? history_anchor_append(z, file, line) : 0;
}

static int all_of(const char *s, size_t n, const char *set)
{
  return n > 0 && strspn(s, set) >= n;
}

int history_anchors_read(sz *z, const char *file, hist_anchor **out)
{
  *out = NULL;
  FILE *fp = fopen(file, "r");
  if(!fp)
    return db_fail(z, "%s: %s", file, tr_errno(z->lang, errno));
  hist_anchor *a = NULL;
  int n = 0, rc = 0;
  long ln = 0;
  char buf[1024];
  while(rc == 0 && fgets(buf, sizeof buf, fp)) {
    ln++;
    size_t len = strlen(buf);
    if(len == sizeof buf - 1 && buf[len - 1] != '\n') {
      rc = db_fail(z, T(z, "%s:%ld: the line is too long for an anchor"),
                   file, ln);
      break;
    }
    hist_anchor x = {.entries = -1, .line = ln};
    int heads = 0, counts = 0;
    char *save = NULL;
    char *tok = strtok_r(buf, " \t\r\n", &save);
    if(!tok || tok[0] == '#')
      continue;
    for(; tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
      size_t tl = strlen(tok);
      if(tl == 64 && all_of(tok, 64, "0123456789abcdefABCDEF")) {
        heads++;
        for(int i = 0; i < 64; i++)
          x.head[i] = (char)(tok[i] | 0x20); /* lower case */
      } else if(tl <= 18 && all_of(tok, tl, "0123456789")) {
        counts++;
        x.entries = strtoll(tok, NULL, 10);
      } else if(tl >= 10 && tl < sizeof x.at && tok[4] == '-' &&
                all_of(tok, 4, "0123456789"))
        snprintf(x.at, sizeof x.at, "%s", tok);
    }
    if(heads != 1 || counts != 1) {
      rc = db_fail(z, T(z, "%s:%ld: not an anchor: a line holds the entry "
                           "count and the head (64 hex digits), as 'sanzi "
                           "log anchor' prints them"), file, ln);
      break;
    }
    if(!x.at[0])
      snprintf(x.at, sizeof x.at, "?");
    a = xrealloc(a, sizeof *a * (size_t)(n + 1));
    a[n++] = x;
  }
  if(rc == 0 && ferror(fp))
    rc = db_fail(z, "%s: %s", file, tr_errno(z->lang, errno));
  fclose(fp);
  if(rc) {
    free(a);
    return -1;
  }
  *out = a;
  return n;
}
