/* disposal_impl.h: what the disposal procedure's files share: disposal.c
 * (filing, appraisal, publicity, review, execution) and disposal_vote.c
 * (the four meetings of 四议两公开). Not for other modules: they use
 * disposal.h.
 * private to: disposal.c disposal_vote.c */
#ifndef SANZI_DISPOSAL_IMPL_H
#define SANZI_DISPOSAL_IMPL_H
#include "store/db.h"
#include "store/record.h"

/* 提议, 商议, 审议, 决议, in order. */
extern const char *const disposal_steps[4];

/* Opens filing `code` into d: 0, or -1 (z->err) when there is none (d is
 * closed then). */
int disposal_load(sz *z, const char *code, rec *d);
/* The latest meeting of `step` for the filing: 1 with its date and
 * whether it passed, 0 when none is recorded. */
int disposal_latest_vote(sz *z, const char *code, const char *step,
                         char date[11], int *passed);
/* The filing can still take meetings, appraisal and publicity: 0, or -1
 * with z->err naming the step and the filing's status. */
int disposal_open_for_steps(sz *z, rec *d, const char *step);

#endif
