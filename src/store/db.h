/* db.h: the database: opening it defensively, migrations, statements,
 * nested transactions. */
#ifndef SANZI_DB_H
#define SANZI_DB_H
#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "base/errs.h"
#include "base/i18n.h"
#include "base/util.h"

#define SANZI_APP_ID 0x53414e5a /* "SANZ" */

/* One open database and who is working on it. Core modules take this. */
typedef struct sz {
  sqlite3 *db;
  char *path;
  char *user;
  int txn_depth;
  char err[2048]; /* the last error, for the caller to print */
  /* The same refusal as a list of reasons, each with its row and field,
   * for a form to place (db_fail makes one reason of the whole record;
   * a register's refusal keeps one per field). */
  errlist errs;
  /* What the last operation said without refusing (a rule that speaks at
   * entry: an account below zero, a contract without its filing), each
   * with its place as errs; the caller shows them once it succeeded. */
  errlist warns;
  /* The clock: what "today" is for every rule (dates not in the future,
   * the running year, interest to date) and the time the change log
   * records. The caller sets it with db_set_clock (the CLI from the real
   * clock; a server per request, a test to a fixed day): the core never
   * reads the clock. Until it is set, every date is in the future and
   * the change log refuses to write. */
  time_t now;
  char today[11];
  /* A statement failed other than by a constraint (a damaged file, an I/O
   * error, the disk full, a foreign schema): what was read is incomplete,
   * so nothing may be committed and the command must fail. db_fault()
   * tells; fault_msg says what failed, with the SQL. */
  int fault;
  char fault_msg[1024];
  /* The language of the messages and views made for the caller (LANG_ZH,
   * the default, or LANG_EN): T(z, "message") translates into it. */
  int lang;
  /* The scope of the caller (doc/web.md): an organisation's code, whose
   * villages alone it may read and write; "" for everything (the command
   * line, a 管理员). Set with db_set_scope; every read by code (reg_load),
   * every list and export, and every village a row names go through
   * db_in_scope or db_scope_sql. */
  char scope[13];
  /* The role of the caller (enum role of domain/user.h), or -1 for none
   * (the command line: every step). What each role may do is the
   * domain's (domain/may.h); a step refused by it sets forbidden, which a
   * server answers 403. Set with db_set_role, cleared with the scope. */
  int role;
  int forbidden;
  /* Who is writing, for another process that waits for the database: the
   * task (db_set_task), how long a write waits for another to finish
   * (db_set_busy_wait), and whether this handle's holder record is out
   * (a write transaction is open). */
  char *task;
  int busy_seconds;
  int holding;
  /* A write gave up waiting for another's (SQLITE_BUSY after
   * busy_seconds): a server answers "busy, try again" (503), not the
   * failure; the caller clears it before each request. */
  int busy;
} sz;

/* A message in the handle's language; xgettext knows T as a keyword. */
#define T(z, msgid) tr((z)->lang, msgid)
#define TN(z, one, many, n) trn((z)->lang, one, many, n)

/* The task this handle works on ("asset import big.csv"), named to a
 * process that has to wait for one of its writes. */
void db_set_task(sz *z, const char *task);
/* How long a write waits for another process's write to end before it
 * gives up (the parameter busy_wait; 10 s by default). */
void db_set_busy_wait(sz *z, int64_t seconds);

/* Open path. create: 1 for `sanzi init` (creates the file and migrates);
 * 0 refuses a missing file, a foreign file or a newer schema.
 * lang: the language of its messages (z->lang).
 * Returns NULL and writes the reason into err. */
sz *db_open(const char *path, const char *user, int lang, int create,
            char *err, size_t errlen);
void db_close(sz *z);

/* The schema version this program writes, and the file's. */
int db_schema_latest(void);
int db_schema_version(sz *z);

/* Set the clock: t (seconds since the epoch); today is its local date. */
void db_set_clock(sz *z, time_t t);

/* The operator the change log records from now on (a server: the
 * logged-in user of each request). */
void db_set_user(sz *z, const char *user);

/* Limit the handle to the villages under org code `code` (NULL or "":
 * none). 0, or -1 when code is not 2 to 12 digits. */
int db_set_scope(sz *z, const char *code);
/* The caller's role (-1: none) for domain/may.h; clears forbidden. */
void db_set_role(sz *z, int role);
/* 1 when village code v[0..n) is within the handle's scope. */
int db_in_scope(const sz *z, const char *v, size_t n);
/* The scope as SQL over column col, appended to out: " WHERE col ..." (or
 * " AND col ..." when and is 1); nothing when the handle has no scope. */
void db_scope_sql(const sz *z, const char *col, int and, sbuf *out);

/* Prepare a statement. On failure (a damaged or foreign database, a
 * table dropped behind sanzi's back) the handle records the fault, with
 * the SQL quoted, and NULL is returned: every sqlite3_ call takes NULL
 * harmlessly (a step on it fails and reports through db_step). */
sqlite3_stmt *db_prepare(sz *z, const char *sql);
/* Step a statement: SQLITE_ROW or SQLITE_DONE, or the error code. Any
 * error but a constraint's is recorded on the handle as its fault, so a
 * loop `while(db_step(z, st) == SQLITE_ROW)` that ends on an I/O error
 * does not pass for the end of the data: the transaction will not commit
 * and the caller's db_fault() is set. */
int db_step(sz *z, sqlite3_stmt *st);
/* Why the last call on the handle failed, in its language: the failures
 * a user meets (a full disk, an I/O error, a locked, read-only or damaged
 * file) translated, else SQLite's own message. */
const char *db_errmsg(sz *z);
/* 1 when a statement failed on this handle (fault_msg says how). */
int db_fault(const sz *z);
/* Forget the fault, for a handle that lives on (a server, between
 * requests): what was read before it is not used again. */
void db_clear_fault(sz *z);
/* Run SQL without results; returns 0, or -1 with the message in z->err. */
int db_exec(sz *z, const char *sql);
/* Step a statement that returns no rows (or ignores them), then reset it.
 * Returns the sqlite result code (SQLITE_DONE on success); on failure the
 * message is in z->err. */
int db_run(sz *z, sqlite3_stmt *st);
/* Bind helpers by parameter name (":name"); text is copied. */
void db_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void db_bind_int(sqlite3_stmt *st, const char *name, int64_t v);
/* The single integer (or default) a query returns. */
int64_t db_int(sz *z, int64_t dflt, const char *sql, const char *arg);

/* The refusal: the message into z->err, and as the one reason (of the
 * whole record) of z->errs; returns -1. */
int db_fail(sz *z, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int db_vfail(sz *z, const char *fmt, va_list ap);

/* Nested transactions: the outermost is BEGIN IMMEDIATE, inner ones are
 * savepoints. end(commit=0) rolls back to where that level began; a
 * commit after a fault rolls back instead and fails (z->err). */
int db_begin(sz *z);
/* The same for work that only reads (the audit): the outermost is a
 * deferred BEGIN, which takes no write lock; inner ones are savepoints. */
int db_begin_read(sz *z);
int db_end(sz *z, int commit);

/* What happened is dated on or before the handle's today: 0, or -1 with
 * "WHAT on DATE: that day has not come yet" in z->err. */
int db_not_future(sz *z, const char *what, const char *date);

/* Ends the transaction a unit of work began: commits when rc is 0, else
 * rolls back. Returns rc, or -1 when the commit fails (z->err). */
int db_finish(sz *z, int rc);

/* 0 when the file's tables, indexes and triggers are exactly those the
 * migrations make; else -1 and z->err names the first difference. */
int db_schema_check(sz *z);

/* Returns 1 if the organisation exists with the given level ("village",...). */
int db_org_level(sz *z, const char *code, const char *level);

#endif
