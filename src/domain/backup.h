/* backup.h: copies of the live database, made with SQLite's online backup
 * API while others keep working, and putting one back. */
#ifndef SANZI_BACKUP_H
#define SANZI_BACKUP_H
#include <stddef.h>
#include <stdint.h>
#include "store/db.h"

/* Copies z's database into dir (made if missing) as
 * NAME-YYYYMMDDTHHMMSSZ-HEAD.db (NAME: the database's file name without
 * ".db", HEAD: the first 16 hex digits of the copy's chain head), private
 * (0600). The copy is checked (PRAGMA integrity_check, the change log)
 * under a hidden name and gets its own in one step (base/atomic.h): a
 * killed backup leaves no half file under a copy's name. keep > 0: only
 * the keep newest copies of this database in dir stay. out: the copy's
 * path; head and entries: its chain. Returns 0, or -1 with z->err. */
int backup_make(sz *z, const char *dir, int keep, char *out, size_t outlen,
                char head[65], int64_t *entries);

/* Replaces z's database with the copy `file`, which is read (never
 * written), copied beside the database and checked first: a copy that
 * does not verify is refused and nothing changes. The database replaced
 * is kept first as PATH.replaced-YYYYMMDDTHHMMSSZ (kept; empty when
 * keep_old is 0: a database just made). The replacement is one SQLite
 * transaction: the others see the old database or the restored one.
 * head and entries: the restored chain. Returns 0, or -1 with z->err. */
int backup_restore(sz *z, const char *file, int keep_old, char *kept,
                   size_t keptlen, char head[65], int64_t *entries);

#endif
