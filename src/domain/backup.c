/* backup.c: backup and restore of the live database (backup.h). */
#include "domain/backup.h"
#include "domain/registers.h"
#include "store/history.h"
#include "base/atomic.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Copies database `from` into `to` in one step of SQLite's backup API:
 * what it copies is one snapshot of `from`. Returns 0, or -1 with z->err. */
static int copy_db(sz *z, sqlite3 *to, sqlite3 *from, const char *what)
{
  sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
  if(!b)
    return db_fail(z, "%s: %s", what, sqlite3_errmsg(to));
  int rc;
  /* Busy or locked: another connection is in the way; wait for it. */
  for(int tries = 0; (rc = sqlite3_backup_step(b, -1)) != SQLITE_DONE &&
                     (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < 300;
      tries++)
    sqlite3_sleep(100);
  sqlite3_backup_finish(b);
  if(rc != SQLITE_DONE)
    return db_fail(z, "%s: %s", what, sqlite3_errstr(rc));
  return 0;
}

/* Opens path for the backup API: read-only for a copy never written. */
static sqlite3 *open_raw(sz *z, const char *path, int ro)
{
  sqlite3 *db = NULL;
  if(sqlite3_open_v2(path, &db,
                     ro ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE,
                     NULL) != SQLITE_OK) {
    db_fail(z, T(z, "cannot open '%s': %s"), path,
            db ? sqlite3_errmsg(db) : T(z, "out of memory"));
    sqlite3_close(db);
    return NULL;
  }
  sqlite3_busy_timeout(db, 10000);
  return db;
}

/* Checks the database at path as sanzi would before trusting it: it
 * opens as a sanzi database of this schema, PRAGMA integrity_check says
 * ok and the change log verifies. what: how the messages name it. */
static int check_copy(sz *z, const char *path, const char *what,
                      char head[65], int64_t *entries)
{
  char err[2048];
  sz *c = db_open(path, z->user, z->lang, 0, err, sizeof err);
  if(!c)
    return db_fail(z, "%s: %s", what, err);
  db_set_clock(c, z->now);
  int rc = 0;
  sqlite3_stmt *st = db_prepare(c, "PRAGMA integrity_check");
  sbuf bad;
  sb_init(&bad);
  while(db_step(c, st) == SQLITE_ROW) {
    const char *r = (const char *)sqlite3_column_text(st, 0);
    if(r && strcmp(r, "ok"))
      sb_addf(&bad, "%s%s", bad.len ? "; " : "", r);
  }
  sqlite3_finalize(st);
  if(bad.len || db_fault(c))
    rc = db_fail(z, T(z, "%s: the integrity check fails: %s"), what,
                 bad.len ? bad.buf : c->fault_msg);
  else if(history_verify(c, logged_tables, NULL, head, entries))
    rc = db_fail(z, T(z, "%s: the change log does not verify: %s"), what,
                 c->err);
  sb_free(&bad);
  db_close(c);
  return rc;
}

/* The database's file name without its directory and ".db". */
static void db_name(const char *path, char out[256])
{
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t n = strlen(b);
  if(n > 3 && !strcmp(b + n - 3, ".db"))
    n -= 3;
  snprintf(out, 256, "%.*s", (int)(n > 200 ? 200 : n), b);
}

/* NAME-YYYYMMDDTHHMMSSZ-HEAD16.db: a copy backup_make names. */
static int is_copy(const char *f, const char *name)
{
  size_t n = strlen(name), len = strlen(f);
  return len == n + 1 + 16 + 1 + 16 + 3 && !strncmp(f, name, n) &&
         f[n] == '-' && strspn(f + n + 1, "0123456789") == 8 &&
         f[n + 9] == 'T' && strspn(f + n + 10, "0123456789") == 6 &&
         f[n + 16] == 'Z' && f[n + 17] == '-' &&
         strspn(f + n + 18, "0123456789abcdef") == 16 &&
         !strcmp(f + n + 34, ".db");
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Removes all but the keep newest copies of name in dir. */
static int prune(sz *z, const char *dir, const char *name, int keep)
{
  DIR *d = opendir(dir);
  if(!d)
    return db_fail(z, "%s: %s", dir, tr_errno(z->lang, errno));
  char **f = NULL;
  size_t n = 0;
  struct dirent *e;
  while((e = readdir(d)))
    if(is_copy(e->d_name, name)) {
      f = xrealloc(f, sizeof *f * (n + 1));
      f[n++] = xstrdup(e->d_name);
    }
  closedir(d);
  qsort(f, n, sizeof *f, by_name);
  int rc = 0;
  for(size_t i = 0; i < n; i++) {
    if(i + (size_t)keep < n && rc == 0) {
      char p[STAGED_PATH + 256];
      snprintf(p, sizeof p, "%s/%s", dir, f[i]);
      if(unlink(p))
        rc = db_fail(z, "%s: %s", p, tr_errno(z->lang, errno));
    }
    free(f[i]);
  }
  free(f);
  return rc;
}

static void stamp(sz *z, char out[32])
{
  struct tm tm;
  strftime(out, 32, "%Y%m%dT%H%M%SZ", gmtime_r(&z->now, &tm));
}

/* Copies `from` (named `what` in the messages) into the hidden file of a
 * new file `path` (st); the caller checks it, names it and commits. */
static int copy_to(sz *z, sqlite3 *from, const char *what, const char *path,
                   const char *prefix, staged *st)
{
  char err[1024];
  if(staged_file(st, path, prefix, z->lang, err, sizeof err))
    return db_fail(z, "%s", err);
  sqlite3 *to = open_raw(z, st->tmp, 0);
  int rc = to ? copy_db(z, to, from, what) : -1;
  if(to && sqlite3_close(to) != SQLITE_OK && rc == 0)
    rc = db_fail(z, "%s: %s", path, sqlite3_errmsg(to));
  if(rc)
    staged_abort(st);
  return rc;
}

static int commit(sz *z, staged *st)
{
  char err[1024];
  if(staged_commit(st, NULL, NULL, 0600, err, sizeof err))
    return db_fail(z, "%s", err);
  return 0;
}

int backup_make(sz *z, const char *dir, int keep, char *out, size_t outlen,
                char head[65], int64_t *entries)
{
  if(mkdir(dir, 0777) && errno != EEXIST)
    return db_fail(z, "%s: %s", dir, tr_errno(z->lang, errno));
  char name[256], at[32];
  db_name(z->path, name);
  stamp(z, at);
  staged st;
  char path[STAGED_PATH + 512];
  snprintf(path, sizeof path, "%s/%s.db", dir, name);
  if(strlen(path) + 40 >= STAGED_PATH)
    return db_fail(z, "%s: %s", dir, tr_errno(z->lang, ENAMETOOLONG));
  if(copy_to(z, z->db, z->path, path, ".sanzi-backup-", &st))
    return -1;
  if(check_copy(z, st.tmp, path, head, entries)) {
    staged_abort(&st);
    return -1;
  }
  snprintf(st.path, sizeof st.path, "%s/%s-%s-%.16s.db", dir, name, at, head);
  snprintf(out, outlen, "%s", st.path);
  if(commit(z, &st))
    return -1;
  return keep > 0 ? prune(z, dir, name, keep) : 0;
}

int backup_restore(sz *z, const char *file, int keep_old, char *kept,
                   size_t keptlen, char head[65], int64_t *entries)
{
  kept[0] = 0;
  if(access(file, R_OK))
    return db_fail(z, "%s: %s", file, tr_errno(z->lang, errno));
  /* The copy is read once, into a file of our own beside the database,
   * and that is what is checked and put in. */
  sqlite3 *src = open_raw(z, file, 1);
  if(!src)
    return -1;
  staged in;
  int rc = copy_to(z, src, file, z->path, ".sanzi-restore-", &in);
  sqlite3_close(src);
  if(rc)
    return -1;
  if(check_copy(z, in.tmp, file, head, entries)) {
    staged_abort(&in);
    return -1;
  }
  if(keep_old) {
    char at[32];
    stamp(z, at);
    snprintf(kept, keptlen, "%s.replaced-%s", z->path, at);
    staged old;
    if(copy_to(z, z->db, z->path, kept, ".sanzi-backup-", &old) ||
       commit(z, &old)) {
      kept[0] = 0;
      staged_abort(&in);
      return -1;
    }
  }
  sqlite3 *from = open_raw(z, in.tmp, 1);
  rc = from ? copy_db(z, z->db, from, z->path) : -1;
  sqlite3_close(from);
  staged_abort(&in);
  return rc;
}
