/* user.c: users, passwords, sessions and the record of logins (user.h). */
#include "domain/may.h"
#include "domain/user.h"
#include "store/config.h"
#include "store/history.h"
#include "base/i18n.h"
#include "base/text.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const field user_fields[] = {
  {"name", "用户名", F_TEXT, F_REQ | F_LIST | F_FIXED, NULL},
  {"role", "角色", F_ENUM, F_REQ | F_LIST, "user_role"},
  {"scope", "管辖范围", F_TEXT, F_LIST, NULL},
  {"status", "状态", F_ENUM, F_REQ | F_LIST, "user_status"},
};
static const field login_fields[] = {
  {"code", "编号", F_CODE, F_REQ | F_LIST, NULL},
  {"user", "用户名", F_TEXT, F_REQ | F_LIST, NULL},
  {"event", "事件", F_ENUM, F_REQ | F_LIST, "login_event"},
  {"address", "地址", F_TEXT, F_REQ | F_LIST, NULL},
};

#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_user = {"user", "用户", NULL, SPEC(user_fields), 1, NULL, NULL,
                      NULL};
const reg reg_login = {"login", "登录记录", NULL, SPEC(login_fields), 1,
                       NULL, NULL, NULL};

/* The level of organisation each role's scope is. */
static const char *const role_levels[] = {"village", "township", "county",
                                          "county", NULL};

/* s for a message, or "?" when it is not one line of text. */
static const char *shown(const char *s)
{
  size_t n = s ? strlen(s) : 0;
  return s && n <= 64 && text_valid_utf8(s, n) && !text_has_controls(s, n)
             ? s
             : "?";
}

int password_check(sz *z, const char *pw)
{
  size_t chars = 0;
  int letter = 0, digit = 0, other = 0;
  for(const unsigned char *p = (const unsigned char *)pw; *p; p++) {
    if((*p & 0xc0) != 0x80)
      chars++;
    if(*p < 0x20 || *p == 0x7f)
      return db_fail(z, "%s", T(z, "a password cannot hold control "
                                   "characters"));
    if((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
      letter = 1;
    else if(*p >= '0' && *p <= '9')
      digit = 1;
    else
      other = 1;
  }
  if(!text_valid_utf8(pw, strlen(pw)))
    return db_fail(z, "%s", T(z, "a password must be UTF-8 text"));
  if(chars < PW_MIN || letter + digit + other < 2)
    return db_fail(z, T(z, "a password needs at least %d characters, of at "
                           "least two kinds (letters, digits, others)"),
                   PW_MIN);
  if(strlen(pw) > 1024)
    return db_fail(z, "%s", T(z, "a password is at most 1024 bytes long"));
  return 0;
}

/* A user name: 1 to 32 characters, no control characters, spaces or
 * the characters of markup. */
static int name_check(sz *z, const char *name)
{
  size_t chars = 0;
  for(const unsigned char *p = (const unsigned char *)name; *p; p++) {
    if((*p & 0xc0) != 0x80)
      chars++;
    if(*p <= 0x20 || *p == 0x7f || strchr("<>&\"'/\\", *p))
      return db_fail(z, T(z, "user name '%s': no spaces, control "
                             "characters or any of < > & \" ' / \\"),
                     shown(name));
  }
  if(chars == 0 || chars > 32 || !text_valid_utf8(name, strlen(name)))
    return db_fail(z, "%s", T(z, "a user name has 1 to 32 characters"));
  return 0;
}

static int hash_password(sz *z, const char *pw, char out[crypto_pwhash_STRBYTES])
{
  if(crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                       crypto_pwhash_MEMLIMIT_INTERACTIVE))
    return db_fail(z, "%s", T(z, "out of memory while hashing the password"));
  return 0;
}

static int set_credential(sz *z, int64_t uid, const char *pw)
{
  char h[crypto_pwhash_STRBYTES];
  if(hash_password(z, pw, h))
    return -1;
  sqlite3_stmt *st = db_prepare(
      z, "INSERT INTO credential(user_id, pwhash) VALUES (?1, ?2) "
         "ON CONFLICT(user_id) DO UPDATE SET pwhash = excluded.pwhash");
  sqlite3_bind_int64(st, 1, uid);
  sqlite3_bind_text(st, 2, h, -1, SQLITE_TRANSIENT);
  int rc = db_run(z, st);
  sqlite3_finalize(st);
  sodium_memzero(h, sizeof h);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Write a register row from key/value text through the record pipeline
 * (parse, check, write, log). mode as reg_write. */
static int put_kv(sz *z, const reg *r, const char *const kv[][2], int n,
                  int mode)
{
  rec x;
  rec_open(z, r, NULL, &x);
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  for(int k = 0; k < n; k++) {
    int fi = reg_field(r, kv[k][0]);
    cells[fi] = kv[k][1];
    lens[fi] = kv[k][1] ? strlen(kv[k][1]) : 0;
  }
  int rc = 0;
  if(reg_parse(x.c, cells, lens, x.v) || reg_check(x.c, x.v))
    rc = reg_fail(x.c);
  if(rc == 0)
    rc = reg_put(x.c, x.v, mode);
  free(cells);
  free(lens);
  rec_close(&x);
  return rc;
}

/* A login record: who (as typed), what, from where. */
static int record_event(sz *z, const char *name, const char *event,
                        const char *addr)
{
  char code[32];
  snprintf(code, sizeof code, "DL%08lld",
           (long long)db_int(z, 0, "SELECT coalesce(max(id), 0) + 1 FROM login",
                             NULL));
  /* A name typed into the form may be anything: keep it, without control
   * characters, at most 64 bytes of whole characters. */
  char nm[80];
  size_t k = 0;
  for(const unsigned char *p = (const unsigned char *)name; *p && k < 64; p++)
    nm[k++] = (char)(*p < 0x20 || *p == 0x7f ? '?' : *p);
  while(k > 0 && ((unsigned char)nm[k - 1] & 0xc0) == 0x80)
    k--;
  if(k > 0 && ((unsigned char)nm[k - 1] & 0xc0) == 0xc0)
    k--;
  nm[k] = 0;
  if(!text_valid_utf8(nm, k) || k == 0)
    snprintf(nm, sizeof nm, "?");
  const char *kv[][2] = {{"code", code}, {"user", nm}, {"event", event},
                         {"address", addr && *addr ? addr : "-"}};
  return put_kv(z, &reg_login, kv, 4, 0);
}

static int scope_check(sz *z, int role, const char *scope)
{
  if(role == ROLE_ADMIN) {
    if(scope && *scope)
      return db_fail(z, "%s", T(z, "a 管理员 has no scope (--scope): leave "
                                   "it empty"));
    return 0;
  }
  const char *level = role_levels[role];
  if(!scope || !*scope)
    return db_fail(z, T(z, "role %s needs a scope (--scope): the code of "
                           "its %s"),
                   role_name(role), T(z, level));
  if(!db_org_level(z, scope, level))
    return db_fail(z, T(z, "scope (--scope) '%s' is not the code of a %s"),
                   shown(scope), T(z, level));
  return 0;
}

/* The refusal just made (db_fail) placed at the field `key` of the form
 * that adds a user (column: its name on the form), as a register's
 * refusal is placed at its field; returns -1. */
static int at_field(sz *z, const char *key, const char *column)
{
  if(z->errs.n == 1 && !z->errs.v[0].field) {
    z->errs.v[0].field = xstrdup(key);
    z->errs.v[0].column = xstrdup(column);
  }
  return -1;
}

static int user_add_work(sz *z, const char *name, const char *role,
                         const char *scope, const char *password)
{
  int ro = role_parse(role);
  if(name_check(z, name))
    return at_field(z, "name", "用户名");
  if(ro < 0) {
    db_fail(z, T(z, "unknown role '%s' (村报账员, 乡镇, 县级, 审计, 管理员)"),
            shown(role));
    return at_field(z, "role", "角色");
  }
  if(scope_check(z, ro, scope))
    return at_field(z, "scope", "管辖范围");
  if(password_check(z, password))
    return at_field(z, "password", "密码");
  if(db_int(z, 0, "SELECT count(*) FROM user WHERE name = ?1", name)) {
    db_fail(z, T(z, "user '%s' already exists"), name);
    return at_field(z, "name", "用户名");
  }
  const char *kv[][2] = {{"name", name}, {"role", role},
                         {"scope", ro == ROLE_ADMIN ? NULL : scope},
                         {"status", "启用"}};
  if(put_kv(z, &reg_user, kv, 4, 0))
    return -1;
  return set_credential(z, db_int(z, 0, "SELECT id FROM user WHERE name = ?1",
                                  name),
                        password);
}

int user_add(sz *z, const char *name, const char *role, const char *scope,
             const char *password)
{
  if(may(z, STEP_USERS))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, user_add_work(z, name, role, scope, password));
}

static int end_sessions(sz *z, int64_t uid)
{
  char id[24];
  snprintf(id, sizeof id, "%lld", (long long)uid);
  sqlite3_stmt *st = db_prepare(z, "DELETE FROM session WHERE user_id = ?1");
  sqlite3_bind_int64(st, 1, uid);
  int rc = db_run(z, st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

static int64_t user_id(sz *z, const char *name)
{
  return db_int(z, 0, "SELECT id FROM user WHERE name = ?1", name);
}

static int user_passwd_work(sz *z, const char *name, const char *pw,
                            const char *addr)
{
  int64_t uid = user_id(z, name);
  if(!uid)
    return db_fail(z, T(z, "no user '%s'"), shown(name));
  if(password_check(z, pw))
    return at_field(z, "password", "密码");
  if(set_credential(z, uid, pw) || end_sessions(z, uid))
    return -1;
  return record_event(z, name, "修改密码", addr);
}

int user_passwd(sz *z, const char *name, const char *password,
                const char *addr)
{
  if(db_begin(z))
    return -1;
  return db_finish(z, user_passwd_work(z, name, password, addr));
}

static int user_status_work(sz *z, const char *name, int enabled)
{
  rec x;
  int rc = 0;
  if(!rec_open(z, &reg_user, name, &x))
    rc = db_fail(z, T(z, "no user '%s'"), shown(name));
  else if(!enabled && !strcmp(rec_text(&x, "role"), "管理员") &&
          !strcmp(rec_text(&x, "status"), "启用") &&
          user_count(z, 1) <= 1)
    /* Someone must be left to manage the users. */
    rc = db_fail(z, T(z, "'%s' is the last enabled 管理员: add or enable "
                         "another 管理员 first"),
                 shown(name));
  else {
    val_text(rec_val(&x, "status"), enabled ? "启用" : "停用");
    rc = reg_put(x.c, x.v, 2);
  }
  int64_t uid = x.id;
  rec_close(&x);
  if(rc == 0 && !enabled)
    rc = end_sessions(z, uid);
  return rc;
}

int user_set_enabled(sz *z, const char *name, int enabled)
{
  if(may(z, STEP_USERS))
    return -1;
  if(db_begin(z))
    return -1;
  return db_finish(z, user_status_work(z, name, enabled));
}

int64_t user_count(sz *z, int admins_only)
{
  return db_int(z, 0,
                admins_only ? "SELECT count(*) FROM user WHERE role = '管理员' "
                              "AND status = '启用' AND ?1 IS NULL"
                            : "SELECT count(*) FROM user WHERE ?1 IS NULL",
                NULL);
}

static const acol users_cols[] = {
  {"用户名", K_TEXT}, {"角色", K_TEXT}, {"管辖范围", K_TEXT},
  {"范围名称", K_TEXT}, {"状态", K_TEXT}, {"最近登录", K_TIME}};
static const char *const users_keys[] = {"name", "role", "scope",
                                         "scope_name", "status",
                                         "last_login"};

int user_list_view(sz *z, asink *s)
{
  static const atable t = {"用户", users_cols, (int)ARRAY_SIZE(users_cols),
                           "users", users_keys};
  sqlite3_stmt *st = db_prepare(
      z, "SELECT u.name, u.role, u.scope, o.name, u.status, "
         "(SELECT max(h.at) FROM login l JOIN history h ON h.id = l.log_id "
         " WHERE l.user = u.name AND l.event = '登录') "
         "FROM user u LEFT JOIN org o ON o.code = u.scope ORDER BY u.id");
  return view_rows(z, s, &t, st);
}

void auth_limits_get(sz *z, auth_limits *l)
{
  l->idle = config_int(z, "web.idle_minutes", 30) * 60;
  l->absolute = config_int(z, "web.session_hours", 8) * 3600;
  l->lock_after = config_int(z, "web.lock_failures", 5);
  l->lock_addr = l->lock_after * 4;
  l->lock_seconds = config_int(z, "web.lock_minutes", 15) * 60;
}

/* The lock on key ('u:NAME', 'a:ADDR'): seconds it still lasts, or 0. */
static int64_t locked_for(sz *z, const char *key)
{
  int64_t until =
      db_int(z, 0, "SELECT locked_until FROM throttle WHERE key = ?1", key);
  return until > (int64_t)z->now ? until - (int64_t)z->now : 0;
}

/* Count a failure on key; returns the failures counted (within the lock
 * period), locking the key when they reach `limit`. */
static int64_t count_failure(sz *z, const char *key, int64_t limit,
                             const auth_limits *l)
{
  sqlite3_stmt *st = db_prepare(
      z, "INSERT INTO throttle(key, failures, last, locked_until) "
         "VALUES (?1, 1, ?2, 0) ON CONFLICT(key) DO UPDATE SET "
         "failures = CASE WHEN last < ?2 - ?3 OR locked_until > 0 AND "
         "locked_until <= ?2 THEN 1 ELSE failures + 1 END, last = ?2, "
         "locked_until = CASE WHEN locked_until > 0 AND locked_until <= ?2 "
         "THEN 0 ELSE locked_until END RETURNING failures");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, (int64_t)z->now);
  sqlite3_bind_int64(st, 3, l->lock_seconds);
  int64_t n = db_step(z, st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  if(n >= limit) {
    st = db_prepare(z, "UPDATE throttle SET locked_until = ?2 WHERE key = ?1");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, (int64_t)z->now + l->lock_seconds);
    db_run(z, st);
    sqlite3_finalize(st);
  }
  return n;
}

static void clear_failures(sz *z, const char *key)
{
  sqlite3_stmt *st = db_prepare(z, "DELETE FROM throttle WHERE key = ?1");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  db_run(z, st);
  sqlite3_finalize(st);
}

static int new_session(sz *z, int64_t uid, char token[TOKEN_LEN + 1])
{
  unsigned char id[32], h[32], c[32];
  char csrf[65];
  randombytes_buf(id, sizeof id);
  randombytes_buf(c, sizeof c);
  sodium_bin2hex(token, TOKEN_LEN + 1, id, sizeof id);
  sodium_bin2hex(csrf, sizeof csrf, c, sizeof c);
  crypto_hash_sha256(h, (const unsigned char *)token, TOKEN_LEN);
  sqlite3_stmt *st = db_prepare(
      z, "INSERT INTO session(id, user_id, csrf, created, seen) "
         "VALUES (?1, ?2, ?3, ?4, ?4)");
  sqlite3_bind_blob(st, 1, h, 32, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 2, uid);
  sqlite3_bind_text(st, 3, csrf, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(st, 4, (int64_t)z->now);
  int rc = db_run(z, st);
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? 0 : -1;
}

/* Fill w from a user row's id. */
static int load_who(sz *z, int64_t uid, who *w)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT name, role, coalesce(scope, '') FROM user "
         "WHERE id = ?1 AND status = '启用'");
  sqlite3_bind_int64(st, 1, uid);
  int found = db_step(z, st) == SQLITE_ROW;
  if(found) {
    memset(w, 0, sizeof *w);
    w->id = uid;
    snprintf(w->name, sizeof w->name, "%s", sqlite3_column_text(st, 0));
    w->role = role_parse((const char *)sqlite3_column_text(st, 1));
    snprintf(w->scope, sizeof w->scope, "%s", sqlite3_column_text(st, 2));
  }
  sqlite3_finalize(st);
  return found ? 0 : -1;
}

static int login_work(sz *z, const char *name, const char *pw,
                      const char *addr, char token[TOKEN_LEN + 1], who *w,
                      int *delay, int *refused)
{
  auth_limits l;
  auth_limits_get(z, &l);
  char ukey[200], akey[80];
  snprintf(ukey, sizeof ukey, "u:%.150s", name);
  snprintf(akey, sizeof akey, "a:%.60s", addr);
  *delay = 0;
  int64_t left = locked_for(z, ukey);
  if(!left)
    left = locked_for(z, akey);
  if(left) {
    *refused = 1;
    if(record_event(z, name, "登录失败", addr))
      return -1;
    return db_fail(z, T(z, "too many failed logins: locked, try again in %lld "
                           "minutes"),
                   (long long)((left + 59) / 60));
  }
  /* The stored hash, or a dummy one: an unknown user costs the same time
   * as a wrong password and gets the same answer. */
  char stored[crypto_pwhash_STRBYTES] = "";
  int64_t uid = 0;
  int enabled = 0;
  sqlite3_stmt *st = db_prepare(
      z, "SELECT u.id, c.pwhash, u.status = '启用' FROM user u "
         "JOIN credential c ON c.user_id = u.id WHERE u.name = ?1");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW) {
    uid = sqlite3_column_int64(st, 0);
    snprintf(stored, sizeof stored, "%s", sqlite3_column_text(st, 1));
    enabled = sqlite3_column_int(st, 2);
  }
  sqlite3_finalize(st);
  int ok = 0;
  if(uid)
    ok = crypto_pwhash_str_verify(stored, pw, strlen(pw)) == 0;
  else {
    char dummy[crypto_pwhash_STRBYTES];
    hash_password(z, "-", dummy);
  }
  if(!ok || !enabled) {
    *refused = 1;
    int64_t nu = count_failure(z, ukey, l.lock_after, &l);
    int64_t na = count_failure(z, akey, l.lock_addr, &l);
    /* From the third failure on, each answer waits a second more. */
    int64_t worst = nu > na / 4 ? nu : na / 4;
    *delay = worst > 2 ? (int)(worst - 2 > 5 ? 5 : worst - 2) : 0;
    if(record_event(z, name, "登录失败", addr))
      return -1;
    if(nu == l.lock_after || na == l.lock_addr) {
      if(record_event(z, nu == l.lock_after ? name : addr, "锁定", addr))
        return -1;
      return db_fail(z, T(z, "wrong user name or password; too many failed "
                             "logins: locked for %lld minutes"),
                     (long long)(l.lock_seconds / 60));
    }
    return db_fail(z, "%s", T(z, "wrong user name or password"));
  }
  if(crypto_pwhash_str_needs_rehash(stored, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                    crypto_pwhash_MEMLIMIT_INTERACTIVE) &&
     set_credential(z, uid, pw))
    return -1;
  clear_failures(z, ukey);
  if(new_session(z, uid, token) || load_who(z, uid, w) ||
     record_event(z, name, "登录", addr))
    return -1;
  return auth_session(z, token, w);
}

int auth_login(sz *z, const char *name, const char *password,
               const char *addr, char token[TOKEN_LEN + 1], who *w,
               int *delay)
{
  if(db_begin(z))
    return -1;
  int refused = 0;
  char msg[sizeof z->err];
  int rc = login_work(z, name, password, addr, token, w, delay, &refused);
  /* A refusal is still written: the failure, its count and the lock. */
  if(rc && refused && !db_fault(z)) {
    snprintf(msg, sizeof msg, "%s", z->err);
    if(db_end(z, 1))
      return -1;
    db_fail(z, "%s", msg);
    return -1;
  }
  return db_finish(z, rc);
}

static int verify_work(sz *z, const char *name, const char *pw,
                       const char *addr, int *refused)
{
  auth_limits l;
  auth_limits_get(z, &l);
  char ukey[200];
  snprintf(ukey, sizeof ukey, "u:%.150s", name);
  char stored[crypto_pwhash_STRBYTES] = "";
  sqlite3_stmt *st = db_prepare(
      z, "SELECT c.pwhash FROM user u JOIN credential c ON c.user_id = u.id "
         "WHERE u.name = ?1 AND u.status = '启用'");
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(stored, sizeof stored, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if(stored[0] && !locked_for(z, ukey) &&
     crypto_pwhash_str_verify(stored, pw, strlen(pw)) == 0)
    return 0;
  *refused = 1;
  count_failure(z, ukey, l.lock_after, &l);
  if(record_event(z, name, "登录失败", addr))
    return -1;
  return db_fail(z, "%s", T(z, "wrong user name or password"));
}

int auth_verify(sz *z, const char *name, const char *password,
                const char *addr)
{
  if(db_begin(z))
    return -1;
  int refused = 0;
  int rc = verify_work(z, name, password, addr, &refused);
  if(rc && refused && !db_fault(z)) {
    char msg[sizeof z->err];
    snprintf(msg, sizeof msg, "%s", z->err);
    if(db_end(z, 1))
      return -1;
    db_fail(z, "%s", msg);
    return -1;
  }
  return db_finish(z, rc);
}

int auth_session(sz *z, const char *token, who *w)
{
  if(!token || strlen(token) != TOKEN_LEN)
    return -1;
  auth_limits l;
  auth_limits_get(z, &l);
  unsigned char h[32];
  crypto_hash_sha256(h, (const unsigned char *)token, TOKEN_LEN);
  sqlite3_stmt *st = db_prepare(
      z, "SELECT user_id, csrf, created, seen FROM session WHERE id = ?1");
  sqlite3_bind_blob(st, 1, h, 32, SQLITE_STATIC);
  int64_t uid = 0, created = 0, seen = 0;
  char csrf[65] = "";
  if(db_step(z, st) == SQLITE_ROW) {
    uid = sqlite3_column_int64(st, 0);
    snprintf(csrf, sizeof csrf, "%s", sqlite3_column_text(st, 1));
    created = sqlite3_column_int64(st, 2);
    seen = sqlite3_column_int64(st, 3);
  }
  sqlite3_finalize(st);
  int64_t now = (int64_t)z->now;
  if(!uid || now - seen > l.idle || now - created > l.absolute ||
     load_who(z, uid, w))
    return -1;
  snprintf(w->csrf, sizeof w->csrf, "%s", csrf);
  /* Note the use at most once a minute: a page of reads writes nothing.
   * A note, not a write to wait for: while another process holds the
   * database (a long import), it is left for the next request, and the
   * read goes on. */
  if(now - seen >= 60) {
    st = db_prepare(z, "UPDATE session SET seen = ?2 WHERE id = ?1");
    sqlite3_bind_blob(st, 1, h, 32, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_busy_timeout(z->db, 0);
    if((db_step(z, st) & 0xff) == SQLITE_BUSY) {
      db_clear_fault(z); /* the only one: a fault before returned above */
      z->busy = 0;
    }
    db_set_busy_wait(z, z->busy_seconds);
    sqlite3_finalize(st);
  }
  return 0;
}

static int logout_work(sz *z, const char *token, const char *addr)
{
  who w;
  if(auth_session(z, token, &w))
    return -1;
  unsigned char h[32];
  crypto_hash_sha256(h, (const unsigned char *)token, TOKEN_LEN);
  sqlite3_stmt *st = db_prepare(z, "DELETE FROM session WHERE id = ?1");
  sqlite3_bind_blob(st, 1, h, 32, SQLITE_STATIC);
  int rc = db_run(z, st) == SQLITE_DONE ? 0 : -1;
  sqlite3_finalize(st);
  return rc ? rc : record_event(z, w.name, "退出", addr);
}

int auth_logout(sz *z, const char *token, const char *addr)
{
  if(db_begin(z))
    return -1;
  return db_finish(z, logout_work(z, token, addr));
}

int auth_csrf_ok(const who *w, const char *text)
{
  return text && strlen(text) == 64 && w->csrf[0] &&
         sodium_memcmp(text, w->csrf, 64) == 0;
}
