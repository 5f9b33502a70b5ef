/* contract.c: receivable schedules and what is overdue. */
#include "domain/contract.h"
#include "store/config.h"
#include "base/date.h"
#include "base/money.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(schedule *s, const char *due, const char *from,
                const char *to, int64_t amount)
{
  s->v = xrealloc(s->v, sizeof *s->v * (size_t)(s->n + 1));
  instalment *i = &s->v[s->n++];
  memset(i, 0, sizeof *i);
  snprintf(i->due, sizeof i->due, "%s", due);
  snprintf(i->from, sizeof i->from, "%s", from);
  snprintf(i->to, sizeof i->to, "%s", to);
  i->amount = amount;
  s->total += amount;
}

/* The instalments of every `months` months over [start, end]. */
static void periods(schedule *s, const char *start, const char *end,
                    const char *first_due, int months)
{
  int per_year = 12 / months;
  int end_excl = date_days(end) + 1;
  for(int k = 0;; k++) {
    char from[11], next[11], last[11], due[11];
    date_add_months(start, k * months, from);
    if(date_days(from) >= end_excl)
      break;
    date_add_months(start, (k + 1) * months, next);
    int j = k % per_year;
    int64_t amount = div_round(s->annual * (j + 1), per_year) -
                     div_round(s->annual * j, per_year);
    int full_days = date_days(next) - date_days(from);
    int days = full_days;
    if(date_days(next) > end_excl) {
      days = end_excl - date_days(from);
      amount = muldiv_round(amount, days, full_days);
    }
    date_from_days(date_days(from) + days - 1, last);
    date_add_months(first_due, k * months, due);
    add(s, due, from, last, amount);
  }
}

int contract_schedule(sz *z, const char *code, const char *as_of, schedule *s)
{
  memset(s, 0, sizeof *s);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT c.code, c.village, c.party, c.party_id, c.object, c.kind, "
         "c.payment, c.annual_amount, c.start_date, c.end_date, c.first_due, "
         "p.months FROM contract c JOIN payment_method p ON p.name = c.payment "
         "WHERE c.code = ?1");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_finalize(st);
    return 0;
  }
  s->code = xstrdup((const char *)sqlite3_column_text(st, 0));
  snprintf(s->village, sizeof s->village, "%s", sqlite3_column_text(st, 1));
  s->party = xstrdup((const char *)sqlite3_column_text(st, 2));
  snprintf(s->party_id, sizeof s->party_id, "%s", sqlite3_column_text(st, 3));
  s->object = xstrdup((const char *)sqlite3_column_text(st, 4));
  snprintf(s->kind, sizeof s->kind, "%s", sqlite3_column_text(st, 5));
  snprintf(s->payment, sizeof s->payment, "%s", sqlite3_column_text(st, 6));
  s->annual = sqlite3_column_int64(st, 7);
  char start[11], end[11], first[11];
  snprintf(start, sizeof start, "%s", sqlite3_column_text(st, 8));
  snprintf(end, sizeof end, "%s", sqlite3_column_text(st, 9));
  snprintf(first, sizeof first, "%s", sqlite3_column_text(st, 10));
  int months = sqlite3_column_int(st, 11);
  sqlite3_finalize(st);
  if(months > 0)
    periods(s, start, end, first, months);
  else {
    /* 一次性: the whole term, as yearly instalments would add up, at once. */
    periods(s, start, end, first, 12);
    int64_t total = s->total;
    free(s->v);
    s->v = NULL;
    s->n = 0;
    s->total = 0;
    add(s, first, start, end, total);
  }
  /* Receipts less refunds (支出 citing the contract), up to as_of. */
  st = db_prepare(z, "SELECT coalesce(sum(CASE direction WHEN '收入' THEN "
                     "amount ELSE -amount END), 0) FROM fund WHERE "
                     "contract = ?1 AND (?2 IS NULL OR date <= ?2)");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  if(as_of)
    sqlite3_bind_text(st, 2, as_of, -1, SQLITE_STATIC);
  s->received = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0)
                                               : 0;
  sqlite3_finalize(st);
  if(s->received < 0)
    s->received = 0;
  /* Oldest due first. */
  int64_t left = s->received;
  for(int i = 0; i < s->n; i++) {
    instalment *x = &s->v[i];
    x->paid = left < x->amount ? left : x->amount;
    left -= x->paid;
    x->outstanding = x->amount - x->paid;
  }
  s->credit = left;
  return 1;
}

void schedule_free(schedule *s)
{
  free(s->code);
  free(s->party);
  free(s->object);
  s->code = s->party = s->object = NULL;
  free(s->v);
  s->v = NULL;
  s->n = 0;
}

int contract_overdue(sz *z, const char *as_of, const char *scope,
                     overdue_fn fn, void *ctx)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT code FROM contract WHERE ?1 IS NULL OR village GLOB ?1 || '*' "
         "ORDER BY code");
  if(scope)
    sqlite3_bind_text(st, 1, scope, -1, SQLITE_STATIC);
  int today = date_days(as_of);
  while(sqlite3_step(st) == SQLITE_ROW) {
    schedule s;
    if(!contract_schedule(z, (const char *)sqlite3_column_text(st, 0), as_of,
                          &s))
      continue;
    for(int i = 0; i < s.n; i++)
      if(s.v[i].outstanding > 0 && strcmp(s.v[i].due, as_of) < 0)
        fn(&s, &s.v[i], today - date_days(s.v[i].due), ctx);
    schedule_free(&s);
  }
  sqlite3_finalize(st);
  return 0;
}

/* 出租 and 发包 terms (DOMAIN.md): the years allowed, from the parameters,
 * and what the limit is called in messages. */
static int64_t term_limit(sz *z, const char *kind, const char *group,
                          char what[96])
{
  char key[96];
  int64_t y = -1;
  if(!strcmp(kind, "发包") && group && group[0]) {
    snprintf(key, sizeof key, "term.发包.%s", group);
    y = config_int(z, key, -1);
    if(y >= 0)
      snprintf(what, 96, "发包 of %s", group);
  }
  if(y < 0) {
    snprintf(key, sizeof key, "term.%s", kind);
    y = config_int(z, key, -1);
    snprintf(what, 96, "%s", kind);
  }
  return y;
}

int contract_term_over(sz *z, const char *kind, const char *group,
                       const char *start, const char *end, char *msg,
                       size_t n)
{
  char what[96];
  int64_t years = term_limit(z, kind, group, what);
  if(years <= 0)
    return 0;
  char limit[11], last[11];
  date_add_months(start, (int)(12 * years), limit);
  /* The anniversary of 29 February in a common year is 1 March. */
  if(strcmp(limit + 8, start + 8) < 0)
    date_from_days(date_days(limit) + 1, limit);
  date_from_days(date_days(limit) - 1, last);
  if(strcmp(end, limit) < 0)
    return 0;
  snprintf(msg, n, "%s to %s is longer than the %lld years allowed for %s "
                   "(it may end on %s at the latest)", start, end,
           (long long)years, what, last);
  return 1;
}
