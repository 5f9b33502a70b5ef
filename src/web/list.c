/* list.c: a list's totals row, kept while the data stays as it was, with
 * the ids of a short list's rows.
 *
 * A township's list counts and sums a hundred thousand rows for its
 * totals row, while its page is fifty rows read from an index: the sums
 * would cost a hundred times the page. Every change of a register is an
 * entry of the change log (store/history.c), so the head of the log names
 * the state of the data: totals computed at a head hold until the head
 * moves. A search's page would cost its whole search again (its order is
 * the list's, not the index's): the ids of a list of at most MEMO_IDS rows
 * are kept with its totals, and its pages are read by id.
 *
 * The workers share one memo under a lock. The sums are computed outside
 * it, once: a worker that needs totals another is computing at the same
 * head waits for them. The least recently used entry makes room. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "web/web_impl.h"
#include "store/db.h"
#include "domain/audit.h"

#define MEMO_N 64
/* A list of at most this many rows keeps their ids (80 KB at most). */
#define MEMO_IDS 10000

typedef struct memo_entry {
  char *key;      /* the register, the scope, the filters and the order */
  int64_t head;   /* the change log's head they were computed at */
  int busy;       /* being computed by a worker */
  list_totals t;
  uint64_t used;  /* when last asked for */
} memo_entry;

struct memo {
  pthread_mutex_t mu;
  pthread_cond_t done;
  memo_entry e[MEMO_N];
  uint64_t tick;
};

memo *memo_new(void)
{
  memo *m = xcalloc(1, sizeof(memo));
  pthread_mutex_init(&m->mu, NULL);
  pthread_cond_init(&m->done, NULL);
  return m;
}

void memo_free(memo *m)
{
  if(!m)
    return;
  for(int i = 0; i < MEMO_N; i++) {
    free(m->e[i].key);
    list_totals_free(&m->e[i].t);
  }
  pthread_mutex_destroy(&m->mu);
  pthread_cond_destroy(&m->done);
  free(m);
}

/* One part of the key: the text, or a mark for none; then a separator
 * (request values never hold control characters: kvs_parse). */
static void key_part(sbuf *k, const char *s)
{
  if(s)
    sb_addstr(k, s);
  else
    sb_addch(k, '\x1e');
  sb_addch(k, '\x1f');
}

static void totals_copy(list_totals *to, const list_totals *from)
{
  *to = *from;
  to->sums = xcalloc((size_t)from->ncols + 1, sizeof *to->sums);
  if(from->ncols) /* memcpy from NULL is undefined, even of 0 bytes */
    memcpy(to->sums, from->sums, (size_t)from->ncols * sizeof *to->sums);
  to->ids = NULL;
  if(from->ids) {
    to->ids = xcalloc((size_t)from->nids + 1, sizeof *to->ids);
    memcpy(to->ids, from->ids, (size_t)from->nids * sizeof *to->ids);
  }
}

/* The totals of key (taken: kept or freed), from the memo when it holds
 * them at this request's head, else computed by fn(r, ctx, t) and kept. */
typedef int (*memo_fn)(req *r, const void *ctx, list_totals *t);

static int memo_get(req *r, sbuf *key, memo_fn fn, const void *ctx,
                    list_totals *t)
{
  memo *m = r->memo;
  sbuf k = *key;
  /* The head of this request's reading (the caller holds a read
   * transaction): totals computed at it are the totals of what it reads. */
  int64_t head = db_int(r->z, 0, "SELECT max(id) FROM history", NULL);
  pthread_mutex_lock(&m->mu);
  memo_entry *e;
  for(;;) {
    e = NULL;
    for(int i = 0; i < MEMO_N && !e; i++)
      if(m->e[i].key && !strcmp(m->e[i].key, k.buf))
        e = &m->e[i];
    if(!e || e->head != head || !e->busy)
      break;
    pthread_cond_wait(&m->done, &m->mu);
  }
  if(e && e->head == head) {
    e->used = ++m->tick;
    totals_copy(t, &e->t);
    pthread_mutex_unlock(&m->mu);
    sb_free(&k);
    return 0;
  }
  /* Computed here. A request reading an older state than the entry's
   * keeps its totals to itself; else they replace the entry's, or take
   * the least recently used one that no worker is computing. */
  memo_entry *slot = NULL;
  if(e && e->head < head && !e->busy)
    slot = e;
  for(int i = 0; i < MEMO_N && !e; i++) {
    memo_entry *c = &m->e[i];
    if(c->busy)
      continue;
    if(!c->key) {
      slot = c;
      break;
    }
    if(!slot || c->used < slot->used)
      slot = c;
  }
  if(slot) {
    free(slot->key);
    list_totals_free(&slot->t);
    slot->key = sb_detach(&k);
    slot->head = head;
    slot->busy = 1;
  }
  pthread_mutex_unlock(&m->mu);
  sb_free(&k);
  int rc = fn(r, ctx, t);
  if(slot) {
    pthread_mutex_lock(&m->mu);
    slot->busy = 0;
    if(rc) {
      free(slot->key);
      slot->key = NULL;
    } else {
      totals_copy(&slot->t, t);
      slot->used = ++m->tick;
    }
    pthread_cond_broadcast(&m->done);
    pthread_mutex_unlock(&m->mu);
  }
  return rc;
}

/* A list's totals: its register and its query. */
struct list_ctx {
  const reg *g;
  const list_query *lq;
};

static int list_fn(req *r, const void *ctx, list_totals *t)
{
  const struct list_ctx *c = ctx;
  return reg_list_totals(r->z, c->g, c->lq, MEMO_IDS, t);
}

int page_totals(req *r, const reg *g, const list_query *lq, list_totals *t)
{
  sbuf k;
  sb_init(&k);
  key_part(&k, g->name);
  key_part(&k, r->z->scope);
  key_part(&k, lq->village);
  key_part(&k, lq->township);
  key_part(&k, lq->q);
  key_part(&k, lq->status);
  key_part(&k, lq->as_of);
  key_part(&k, lq->sort);
  sb_addf(&k, "%d%d", lq->voided, lq->all);
  struct list_ctx c = {g, lq};
  return memo_get(r, &k, list_fn, &c, t);
}

/* The findings of year in the user's scope, counted (audit.h). */
static int findings_fn(req *r, const void *ctx, list_totals *t)
{
  const int *year = ctx;
  const char *sc = r->u.scope;
  audit *a = audit_open(r->z, *year, strlen(sc) == 12 ? sc : NULL,
                        sc[0] && strlen(sc) < 12 ? sc : NULL);
  long n = a ? audit_finding_count(a) : -1;
  if(a)
    audit_close(a);
  memset(t, 0, sizeof *t);
  t->count = n;
  return n < 0 ? -1 : 0;
}

long page_findings(req *r, int year)
{
  sbuf k;
  sb_init(&k);
  sb_addf(&k, "\x1d" "findings\x1f%d\x1f", year);
  key_part(&k, r->z->scope);
  list_totals t;
  if(memo_get(r, &k, findings_fn, &year, &t))
    return -1;
  long n = (long)t.count;
  list_totals_free(&t);
  return n;
}
