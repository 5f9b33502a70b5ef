/* entry.h: one record entered by hand — `REGISTER add` and `edit` on the
 * command line, the add and edit forms of `sanzi serve`: the record
 * pipeline's parse and checks, then one write as its own change-log
 * entry. The caller fills the cells (one per field of the spec, NULL for
 * empty); for an edit, entry_load gives the stored row as the text an
 * export writes, so that a cell left as it was changes nothing. */
#ifndef SANZI_ENTRY_H
#define SANZI_ENTRY_H
#include "store/record.h"
#include "base/util.h"

/* The stored row of `code` as text: text[i] (an sbuf per field, which the
 * caller initialised) gets field i as export writes it. 1 found, 0 not
 * (or outside the handle's scope). */
int entry_load(regctx *c, const char *code, sbuf *text);

/* Parse, check and write one record: mode 0 adds, mode 2 edits the record
 * `code` (the cells are its whole row). Returns 0 written (the record's
 * code into out, 80 bytes), 1 nothing changed (edit), -1 refused: the
 * reasons are c's (reg_nerrors, c->errs: one per bad field), or a fault
 * of the database (z->err). */
int entry_write(regctx *c, const char *const *cells, const size_t *lens,
                int mode, const char *code, char out[80]);

#endif
