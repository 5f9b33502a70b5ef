/* record_impl.h: what record.c and duplicate.c share: the check of rows
 * that look like a live record (疑似重复). private to: record.c duplicate.c */
#ifndef SANZI_RECORD_IMPL_H
#define SANZI_RECORD_IMPL_H
#include "store/record.h"

/* A row without a code just inserted as id: refused (an error on c, 1)
 * when it looks like a live record or an earlier row of the batch. */
int check_duplicate(regctx *c, const val *v, int64_t log_id, int64_t id);
/* Keep row id's natural key in the map of the batch, once it is built. */
void map_row(regctx *c, const val *v, int64_t id);
/* Remember that row id of the batch came without a code. */
void note_batch_row(regctx *c, int64_t id);

#endif
