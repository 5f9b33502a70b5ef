/* db.c: opening the database defensively, migrations, statements and
 * nested transactions (after Fossil's db.c). */
#include "store/db.h"
#include "base/date.h"
#include "store/embed.h"
#include "base/text.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int migration_number(const char *name)
{
  /* "schema/007-x.sql" -> 7 */
  const char *p = strrchr(name, '/');
  p = p ? p + 1 : name;
  return atoi(p);
}

int db_schema_latest(void)
{
  int n = 0;
  for(const struct embedded_file *f = embedded_files; f->name; f++)
    if(!strncmp(f->name, "schema/", 7) && migration_number(f->name) > n)
      n = migration_number(f->name);
  return n;
}

int db_schema_version(sz *z)
{
  return (int)db_int(z, 0, "PRAGMA user_version", NULL);
}

void db_set_clock(sz *z, time_t t)
{
  struct tm tm;
  z->now = t;
  if(!localtime_r(&t, &tm))
    memset(&tm, 0, sizeof tm);
  strftime(z->today, sizeof z->today, "%Y-%m-%d", &tm);
}

/* Records the first fault of the handle: the database's message and the
 * statement it came from. */
static void fault(sz *z, const char *sql)
{
  if(z->fault)
    return;
  z->fault = 1;
  snprintf(z->fault_msg, sizeof z->fault_msg, T(z, "%s (in: %.120s)"),
           db_errmsg(z), sql ? sql : "?");
}

/* SQLite's reason in the handle's language: SQLite's own words are the
 * msgids of the failures a user meets (the English text is unchanged). */
static const char *sqlite_reason(int lang, sqlite3 *db, int code)
{
  const char *own = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if(lang == LANG_EN)
    return own;
  switch(code & 0xff) {
  case SQLITE_FULL: return tr(lang, "database or disk is full");
  case SQLITE_IOERR: return tr(lang, "disk I/O error");
  case SQLITE_BUSY: return tr(lang, "database is locked");
  case SQLITE_LOCKED: return tr(lang, "database table is locked");
  case SQLITE_READONLY: return tr(lang, "attempt to write a readonly database");
  case SQLITE_CORRUPT: return tr(lang, "database disk image is malformed");
  case SQLITE_NOTADB: return tr(lang, "file is not a database");
  case SQLITE_CANTOPEN: return tr(lang, "unable to open database file");
  case SQLITE_NOMEM: return tr(lang, "out of memory");
  case SQLITE_PERM: return tr(lang, "access permission denied");
  default: return own;
  }
}

const char *db_errmsg(sz *z)
{
  return sqlite_reason(z->lang, z->db, sqlite3_extended_errcode(z->db));
}

int db_fault(const sz *z)
{
  return z->fault;
}

void db_clear_fault(sz *z)
{
  z->fault = 0;
  z->fault_msg[0] = 0;
}

sqlite3_stmt *db_prepare(sz *z, const char *sql)
{
  sqlite3_stmt *st = NULL;
  if(sqlite3_prepare_v2(z->db, sql, -1, &st, NULL) != SQLITE_OK) {
    fault(z, sql);
    sqlite3_finalize(st);
    return NULL;
  }
  return st;
}

int db_step(sz *z, sqlite3_stmt *st)
{
  int rc = st ? sqlite3_step(st) : SQLITE_MISUSE;
  if(rc != SQLITE_ROW && rc != SQLITE_DONE && (rc & 0xff) != SQLITE_CONSTRAINT) {
    if((rc & 0xff) == SQLITE_BUSY)
      z->busy = 1;
    if(st)
      fault(z, sqlite3_sql(st));
    else if(!z->fault) /* prepared with a fault already recorded */
      fault(z, NULL);
  }
  return rc;
}

int db_exec(sz *z, const char *sql)
{
  char *msg = NULL;
  if(sqlite3_exec(z->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    db_fail(z, "%s", z->lang == LANG_EN && msg ? msg : db_errmsg(z));
    sqlite3_free(msg);
    return -1;
  }
  return 0;
}

int db_run(sz *z, sqlite3_stmt *st)
{
  int rc = db_step(z, st);
  while(rc == SQLITE_ROW)
    rc = db_step(z, st);
  if(rc != SQLITE_DONE)
    db_fail(z, "%s", db_errmsg(z));
  sqlite3_reset(st);
  return rc;
}

/* The index of :name. A statement that lacks it is a bug in sanzi's own
 * SQL text, like a failed assertion: it stops the program. (A statement
 * that failed to prepare is NULL and binds nothing.) */
static int param(sqlite3_stmt *st, const char *name)
{
  int i = sqlite3_bind_parameter_index(st, name);
  if(!i && st) {
    fprintf(stderr, "sanzi: bug: no parameter %s in %s\n", name, /* layers: allow (a bug) */
            sqlite3_sql(st));
    abort(); /* layers: allow (a bug) */
  }
  return i;
}

void db_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
  if(v)
    sqlite3_bind_text(st, param(st, name), v, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, param(st, name));
}

void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v)
{
  sqlite3_bind_int64(st, param(st, name), v);
}

int64_t db_int(sz *z, int64_t dflt, const char *sql, const char *arg)
{
  sqlite3_stmt *st = db_prepare(z, sql);
  if(arg)
    sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
  int64_t v = dflt;
  if(db_step(z, st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

int db_not_future(sz *z, const char *what, const char *date)
{
  if(strcmp(date, z->today) > 0)
    return db_fail(z, T(z, "%s on %s: that day has not come yet (today is "
                           "%s)"), what, date, z->today);
  return 0;
}

int db_finish(sz *z, int rc)
{
  if(db_end(z, rc == 0) && rc == 0)
    return -1;
  return rc;
}

int db_vfail(sz *z, const char *fmt, va_list ap)
{
  vsnprintf(z->err, sizeof z->err, fmt, ap);
  errs_clear(&z->errs);
  errs_add(&z->errs, NULL, 0, NULL, NULL, "%s", z->err);
  return -1;
}

int db_fail(sz *z, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  db_vfail(z, fmt, ap);
  va_end(ap);
  return -1;
}

void db_set_task(sz *z, const char *task)
{
  free(z->task);
  z->task = task ? xstrdup(task) : NULL;
}

void db_set_busy_wait(sz *z, int64_t seconds)
{
  if(seconds < 0)
    seconds = 0;
  if(seconds > 86400)
    seconds = 86400;
  z->busy_seconds = (int)seconds;
  sqlite3_busy_timeout(z->db, (int)seconds * 1000);
}

/* The holder record: while a sanzi holds the write lock, the file
 * DB-holder next to the database says who it is ("pid<TAB>user<TAB>task"),
 * so that a process that waited in vain can name it. It is written just
 * after the lock is taken and removed just before it is given up, so it
 * never names a process that no longer holds the lock, but one killed
 * (a stale record, whose process is gone, is ignored). Best effort: a
 * directory that cannot take it costs only the name in the message. */
static void holder_path(const sz *z, char *buf, size_t len)
{
  snprintf(buf, len, "%s-holder", z->path);
}

static void holder_write(sz *z)
{
  char path[4096];
  holder_path(z, path, sizeof path);
  sbuf t;
  sb_init(&t);
  sb_addf(&t, "%ld\t%s\t%s\n", (long)getpid(), z->user ? z->user : "",
          z->task ? z->task : "");
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if(fd >= 0) {
    z->holding = write(fd, t.buf, t.len) == (ssize_t)t.len;
    close(fd);
  }
  sb_free(&t);
}

static void holder_remove(sz *z)
{
  char path[4096];
  if(!z->holding)
    return;
  z->holding = 0;
  holder_path(z, path, sizeof path);
  unlink(path);
}

/* The write lock is busy: say who holds it, if a live sanzi said so. */
static void busy_fail(sz *z)
{
  char path[4096], buf[1024];
  z->busy = 1;
  holder_path(z, path, sizeof path);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
  if(fd >= 0)
    close(fd);
  buf[n > 0 ? n : 0] = 0;
  char *user = strchr(buf, '\t'), *task = user ? strchr(user + 1, '\t') : NULL;
  long pid = strtol(buf, NULL, 10);
  if(task && pid > 0 && pid != (long)getpid() &&
     (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
    *user++ = 0;
    *task++ = 0;
    task[strcspn(task, "\n")] = 0;
    sbuf u, t;
    sb_init(&u);
    sb_init(&t);
    text_escape_controls(user, strlen(user), &u);
    text_escape_controls(task, strlen(task), &t);
    db_fail(z, T(z, "the database is busy: 'sanzi %s' by %s (process %ld) is "
                    "writing to it; gave up after waiting %d s (the parameter "
                    "busy_wait); try again when it is done"),
            t.buf ? t.buf : "", u.buf ? u.buf : "", pid, z->busy_seconds);
    sb_free(&u);
    sb_free(&t);
  } else
    db_fail(z, T(z, "the database is busy: another program is writing to it; "
                    "gave up after waiting %d s (the parameter busy_wait)"),
            z->busy_seconds);
}

static int begin(sz *z, const char *outer)
{
  int rc;
  if(z->txn_depth == 0) {
    rc = db_exec(z, outer);
    if(rc && (sqlite3_errcode(z->db) & 0xff) == SQLITE_BUSY)
      busy_fail(z);
    else if(rc == 0 && !strcmp(outer, "BEGIN IMMEDIATE"))
      holder_write(z);
  }
  else {
    char sql[64];
    snprintf(sql, sizeof sql, "SAVEPOINT sz%d", z->txn_depth);
    rc = db_exec(z, sql);
  }
  if(rc == 0)
    z->txn_depth++;
  return rc;
}

int db_begin(sz *z)
{
  return begin(z, "BEGIN IMMEDIATE");
}

int db_begin_read(sz *z)
{
  return begin(z, "BEGIN");
}

int db_end(sz *z, int commit)
{
  char sql[96];
  if(z->txn_depth <= 0)
    return -1;
  z->txn_depth--;
  if(z->txn_depth == 0) {
    holder_remove(z); /* while the lock is still held */
    if(commit && z->fault)
      db_fail(z, T(z, "the database failed, nothing was written: %s"),
              z->fault_msg);
    else if(commit && db_exec(z, "COMMIT") == 0)
      return 0;
    char keep[sizeof z->err];
    memcpy(keep, z->err, sizeof keep);
    sqlite3_exec(z->db, "ROLLBACK", NULL, NULL, NULL);
    memcpy(z->err, keep, sizeof keep);
    return commit ? -1 : 0;
  }
  if(commit && z->fault) {
    db_fail(z, T(z, "the database failed, nothing was written: %s"),
            z->fault_msg);
    return -1;
  }
  if(commit)
    snprintf(sql, sizeof sql, "RELEASE sz%d", z->txn_depth);
  else
    snprintf(sql, sizeof sql, "ROLLBACK TO sz%d; RELEASE sz%d", z->txn_depth,
             z->txn_depth);
  return db_exec(z, sql);
}

int db_org_level(sz *z, const char *code, const char *level)
{
  sqlite3_stmt *st =
      db_prepare(z, "SELECT 1 FROM org WHERE code = ?1 AND level = ?2");
  sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, level, -1, SQLITE_STATIC);
  int ok = db_step(z, st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return ok;
}

/* One integer, or -1 when the file cannot be read as a database. */
static int64_t probe(sz *z, const char *sql)
{
  sqlite3_stmt *st = NULL;
  int64_t v = -1;
  if(sqlite3_prepare_v2(z->db, sql, -1, &st, NULL) == SQLITE_OK &&
     sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

static int configure(sz *z)
{
  sqlite3 *h = z->db;
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config(h, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  return db_exec(z, "PRAGMA foreign_keys = ON;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA cache_size = -16384;"
                    "PRAGMA temp_store = MEMORY;");
}

/* Migration v in one transaction with the version bump, the foreign keys
 * checked before it commits: 0 or -1 (z->err). */
static int migrate_one(sz *z, int v)
{
  const struct embedded_file *m = NULL;
  for(const struct embedded_file *f = embedded_files; f->name; f++)
    if(!strncmp(f->name, "schema/", 7) && migration_number(f->name) == v)
      m = f;
  if(!m) {
    db_fail(z, T(z, "migration %d is missing"), v);
    return -1;
  }
  if(db_begin(z))
    return -1;
  char pragma[64];
  snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v);
  if(db_exec(z, m->text) || db_exec(z, pragma) ||
     (db_int(z, 0, "SELECT count(*) FROM pragma_foreign_key_check", NULL) &&
      db_fail(z, "%s", T(z, "a foreign key no longer holds")))) {
    char keep[sizeof z->err];
    memcpy(keep, z->err, sizeof keep);
    db_end(z, 0);
    db_fail(z, "%s: %s", m->name, keep);
    return -1;
  }
  return db_end(z, 1);
}

/* Apply every migration newer than the file's version, each in one
 * transaction with the version bump. Foreign keys are off meanwhile (a
 * migration may rebuild a table others refer to, as SQLite documents it)
 * and checked before each migration commits. */
static int migrate(sz *z)
{
  int have = db_schema_version(z);
  int latest = db_schema_latest();
  if(have >= latest)
    return 0;
  if(db_exec(z, "PRAGMA foreign_keys = OFF"))
    return -1;
  int rc = 0;
  for(int v = have + 1; v <= latest && rc == 0; v++)
    rc = migrate_one(z, v);
  if(db_exec(z, "PRAGMA foreign_keys = ON"))
    rc = -1;
  return rc;
}

sz *db_open(const char *path, const char *user, int lang, int create,
            char *err, size_t errlen)
{
  if(!create && access(path, F_OK) != 0) {
    set_err(err, errlen,
            tr(lang, "cannot open '%s': no such database (create it with "
                     "'sanzi init')"),
            path);
    return NULL;
  }
  sz *z = xcalloc(1, sizeof *z);
  z->lang = lang;
  z->role = -1;
  z->path = xstrdup(path);
  z->user = xstrdup(user);
  /* No clock until the caller sets one (db_set_clock): every date is
   * then "in the future", so a forgotten clock cannot pass unnoticed. */
  /* One connection per thread: SQLite's own mutexes are not needed. */
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
              (create ? SQLITE_OPEN_CREATE : 0);
  if(sqlite3_open_v2(path, &z->db, flags, NULL) != SQLITE_OK) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            z->db ? db_errmsg(z) : tr(lang, "out of memory"));
    db_close(z);
    return NULL;
  }
  sqlite3_extended_result_codes(z->db, 1);
  /* Another sanzi may be closing the file (its last close checkpoints):
   * wait for it rather than fail. */
  db_set_busy_wait(z, 10);
  /* Reading the header tells a foreign or damaged file apart. */
  int64_t app = probe(z, "PRAGMA application_id");
  int64_t tables = probe(z, "SELECT count(*) FROM sqlite_schema");
  if(app == -1 || tables == -1) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            sqlite3_errcode(z->db) == SQLITE_NOTADB
                ? tr(lang, "not a database file")
                : db_errmsg(z));
    db_close(z);
    return NULL;
  }
  if(app != SANZI_APP_ID && !(app == 0 && tables == 0 && create)) {
    if(create)
      set_err(err, errlen,
              tr(lang, "'%s' is not a sanzi database; refusing to change it"),
              path);
    else
      set_err(err, errlen, tr(lang, "'%s' is not a sanzi database"), path);
    db_close(z);
    return NULL;
  }
  if(configure(z))
    goto fail;
  /* A new file: 8 KiB pages (fewer, fuller b-tree pages for rows of a
   * few hundred bytes), then WAL. */
  if(app == 0 && db_exec(z, "PRAGMA page_size = 8192") == 0 &&
     db_exec(z, "PRAGMA journal_mode = WAL") == 0) {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA application_id = %d", SANZI_APP_ID);
    if(db_exec(z, sql))
      goto fail;
  }
  int have = db_schema_version(z);
  if(have > db_schema_latest()) {
    set_err(err, errlen,
            tr(lang, "'%s' has schema version %d, newer than this sanzi "
                     "(%d): upgrade sanzi"), path, have, db_schema_latest());
    db_close(z);
    return NULL;
  }
  if(create) {
    if(migrate(z))
      goto fail;
  } else if(have < db_schema_latest()) {
    set_err(err, errlen,
            tr(lang, "'%s' has schema version %d, older than this sanzi "
                     "(%d): run 'sanzi init' to upgrade it"), path, have,
            db_schema_latest());
    db_close(z);
    return NULL;
  }
  return z;
fail:
  set_err(err, errlen, "%s", z->err);
  db_close(z);
  return NULL;
}

void db_close(sz *z)
{
  if(!z)
    return;
  if(z->db)
    sqlite3_close_v2(z->db);
  free(z->path);
  free(z->user);
  free(z->task);
  errs_free(&z->errs);
  errs_free(&z->warns);
  free(z);
}

/* A schema object's type (sqlite_schema.type) in the handle's language. */
static const char *schema_kind(sz *z, const unsigned char *type)
{
  static const char *const kinds[] = {N_("table"), N_("index"), N_("trigger"),
                                      N_("view")};
  for(size_t i = 0; i < ARRAY_SIZE(kinds); i++)
    if(type && !strcmp((const char *)type, kinds[i]))
      return T(z, kinds[i]);
  return type ? (const char *)type : "";
}

int db_schema_check(sz *z)
{
  /* The schema the migrations make, built in memory, against the file's. */
  sqlite3 *mem = NULL;
  int rc = 0, v = db_schema_version(z);
  if(sqlite3_open(":memory:", &mem) != SQLITE_OK)
    return -1;
  for(int k = 1; k <= v && rc == 0; k++)
    for(const struct embedded_file *f = embedded_files; f->name; f++)
      if(!strncmp(f->name, "schema/", 7) && migration_number(f->name) == k &&
         sqlite3_exec(mem, f->text, NULL, NULL, NULL) != SQLITE_OK)
        rc = -1;
  const char *q = "SELECT type, name, coalesce(sql, '') FROM sqlite_schema "
                  "WHERE name NOT LIKE 'sqlite_%' ORDER BY name";
  sqlite3_stmt *a = NULL, *b = NULL;
  if(rc == 0 && (sqlite3_prepare_v2(mem, q, -1, &a, NULL) != SQLITE_OK ||
                 sqlite3_prepare_v2(z->db, q, -1, &b, NULL) != SQLITE_OK))
    rc = -1;
  while(rc == 0) {
    int ra = sqlite3_step(a), rb = sqlite3_step(b);
    if(ra != SQLITE_ROW && rb != SQLITE_ROW)
      break;
    const char *na = ra == SQLITE_ROW ? (const char *)sqlite3_column_text(a, 1)
                                      : NULL;
    const char *nb = rb == SQLITE_ROW ? (const char *)sqlite3_column_text(b, 1)
                                      : NULL;
    int cmp = !na ? 1 : !nb ? -1 : strcmp(na, nb);
    if(cmp < 0)
      db_fail(z, T(z, "the schema was changed outside sanzi: %s '%s' is "
                      "missing"), schema_kind(z, sqlite3_column_text(a, 0)), na);
    else if(cmp > 0)
      db_fail(z, T(z, "the schema was changed outside sanzi: %s '%s' is not "
                      "sanzi's"), schema_kind(z, sqlite3_column_text(b, 0)), nb);
    else if(strcmp((const char *)sqlite3_column_text(a, 2),
                   (const char *)sqlite3_column_text(b, 2)))
      db_fail(z, T(z, "the schema was changed outside sanzi: %s '%s' "
                      "differs"), schema_kind(z, sqlite3_column_text(b, 0)), nb);
    else
      continue;
    rc = -1;
  }
  sqlite3_finalize(a);
  sqlite3_finalize(b);
  sqlite3_close(mem);
  return rc;
}

void db_set_user(sz *z, const char *user)
{
  char *u = xstrdup(user);
  free(z->user);
  z->user = u;
}

/* ---- scope ---- */

int db_set_scope(sz *z, const char *code)
{
  size_t n = code ? strlen(code) : 0;
  if(n > 12 || (n && strspn(code, "0123456789") != n) || n == 1)
    return -1;
  memcpy(z->scope, code ? code : "", n);
  z->scope[n] = 0;
  return 0;
}

void db_set_role(sz *z, int role)
{
  z->role = role;
  z->forbidden = 0;
}

int db_in_scope(const sz *z, const char *v, size_t n)
{
  size_t k = strlen(z->scope);
  return k == 0 || (v && n >= k && !memcmp(v, z->scope, k));
}

void db_scope_sql(const sz *z, const char *col, int and, sbuf *out)
{
  /* The scope is digits only (db_set_scope): safe to write as a literal,
   * and a range an index on col can serve. */
  if(z->scope[0])
    sb_addf(out, " %s %s >= '%s' AND %s < '%s:'", and ? "AND" : "WHERE", col,
            z->scope, col, z->scope);
}
