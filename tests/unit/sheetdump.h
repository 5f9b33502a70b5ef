/* sheetdump.h: the rows a reader gives, as text for one comparison: a
 * line "ROW<f1><f2>..." per row, then "EOF" or "ERR:message". Shared by
 * the tests of the workbook readers. */
#ifndef SANZI_TEST_SHEETDUMP_H
#define SANZI_TEST_SHEETDUMP_H
#include "base/csvin.h"
#include "base/util.h"

static inline void dump_rec(sbuf *sb, const csvrec *rec)
{
  sb_addf(sb, "%ld", rec->row);
  for(int i = 0; i < rec->nfields; i++) {
    sb_addch(sb, '<');
    sb_add(sb, rec->f[i].p, rec->f[i].n);
    sb_addch(sb, '>');
  }
  sb_addch(sb, '\n');
}

/* Every row NEXT(r, &rec) gives, then the end or ERROR(r); the end and an
 * error must be sticky. */
#define DUMP_ROWS(sb, r, NEXT, ERROR)                                     \
  do {                                                                    \
    csvrec rec_;                                                          \
    int rc_;                                                              \
    while((rc_ = NEXT(r, &rec_)) == 1)                                    \
      dump_rec(sb, &rec_);                                                \
    if(rc_ < 0)                                                           \
      sb_addf(sb, "ERR:%s", ERROR(r));                                    \
    else                                                                  \
      sb_addstr(sb, "EOF");                                               \
    assert_int_equal(NEXT(r, &rec_), rc_);                                \
    assert_int_equal(NEXT(r, &rec_), rc_);                                \
  } while(0)

#endif
