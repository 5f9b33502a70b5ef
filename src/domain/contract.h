/* contract.h: a contract's receivables (doc/domain.md "Contracts"): the
 * schedule generated from its term, annual amount and payment method, paid
 * down oldest due first by the fund receipts (收入) that cite it, less the
 * refunds (支出) that cite it. */
#ifndef SANZI_CONTRACT_H
#define SANZI_CONTRACT_H
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"

typedef struct instalment {
  char due[11];          /* due date */
  char from[11], to[11]; /* the period it pays for, both days included */
  int64_t amount, paid, outstanding; /* fen */
} instalment;

typedef struct schedule {
  char *code, *party, *object; /* owned: schedule_free */
  char village[16], party_id[19];
  char kind[16], payment[16];
  int64_t annual;
  instalment *v;
  int n;
  int64_t total;    /* due over the whole term */
  int64_t received; /* receipts (收入) less refunds (支出) citing the
                       contract, dated on or before as_of */
  int64_t credit;   /* received beyond every instalment */
} schedule;

/* The schedule of contract `code`, receipts up to as_of (NULL: all).
 * Returns 1, or 0 when there is no such contract. Free with schedule_free.
 *
 * Instalments: every 12, 6 or 3 months from the start date (一次性: one),
 * due on the first due date and as many months after it. Each year's
 * instalments are the differences of round_half_up(annual × k / m), so they
 * add up to the annual amount exactly; a last, shorter period is charged
 * round_half_up(its instalment × its days / the full period's days). */
int contract_schedule(sz *z, const char *code, const char *as_of,
                      schedule *s);
void schedule_free(schedule *s);

/* For each contract in scope (village or township code, or NULL), in code
 * order, each instalment due before as_of and not fully paid. */
typedef void (*overdue_fn)(const schedule *s, const instalment *i, int days,
                           void *ctx);
int contract_overdue(sz *z, const char *as_of, const char *scope,
                     overdue_fn fn, void *ctx);

/* 1 when start..end is longer than the term allowed for a contract of this
 * kind (出租, 发包; group: the land-class group of a resource's object, or
 * "" / NULL), with the message in msg (naming the last day allowed); else 0.
 * The limits are the parameters term.*. */
int contract_term_over(sz *z, const char *kind, const char *group,
                       const char *start, const char *end, char *msg,
                       size_t n);

#endif
