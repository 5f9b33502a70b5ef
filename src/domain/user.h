/* user.h: the people who log in to `sanzi serve` (doc/web.md): users
 * with a role and a scope, their passwords (argon2id, libsodium), their
 * sessions, and the record of every login, failure, lock and logout.
 *
 * Users and login events are registers the change log proves; password
 * hashes, sessions and failure counters are kept beside them, outside the
 * log (a hash does not belong in the log auditors read). */
#ifndef SANZI_USER_H
#define SANZI_USER_H
#include <stdint.h>
#include "store/db.h"
#include "store/record.h"
#include "domain/view.h"
#include "domain/may.h"

/* The registers (registers.h lists them): reg_user, reg_login. */

/* The roles: domain/may.h. */

/* Who is logged in: the user and the scope the core applies. */
typedef struct who {
  int64_t id;
  char name[128];
  int role;
  char scope[13]; /* an org code; "" for 管理员 (everything) */
  char csrf[65];  /* the session's token for state-changing requests */
} who;

/* The shortest password accepted, and the rule: at least PW_MIN
 * characters of at least two kinds (letters, digits, other). */
#define PW_MIN 8
/* 0, or -1 with the reason in z->err. */
int password_check(sz *z, const char *pw);

/* Add a user (role by its name; scope an org code of the level the role
 * needs, none for 管理员) with a password. 0, or -1 (z->err; the reason
 * in z->errs placed at its field: name, role, scope or password). */
int user_add(sz *z, const char *name, const char *role, const char *scope,
             const char *password);
/* A new password for a user, recorded (修改密码) as done from `addr`.
 * Ends the user's sessions. 0, or -1 (z->err; a password the rule refuses
 * is placed at field "password"). */
int user_passwd(sz *z, const char *name, const char *password,
                const char *addr);
/* 启用 (enabled 1) or 停用 a user; disabling ends their sessions. The
 * last enabled 管理员 cannot be disabled. */
int user_set_enabled(sz *z, const char *name, int enabled);
/* How many users the database has (a first serve needs one 管理员). */
int64_t user_count(sz *z, int admins_only);
/* Part "users": name, role, scope and its name, status, last login. */
int user_list_view(sz *z, asink *s);

/* The limits of logging in, from the parameters (web.*). */
typedef struct auth_limits {
  int64_t idle;         /* seconds a session lives unused */
  int64_t absolute;     /* seconds a session lives at most */
  int64_t lock_after;   /* failures of one account before it is locked */
  int64_t lock_addr;    /* failures from one address before it is locked */
  int64_t lock_seconds; /* how long a lock lasts */
} auth_limits;
void auth_limits_get(sz *z, auth_limits *l);

/* A session id as the cookie carries it: 64 hex digits. */
#define TOKEN_LEN 64

/* Log in: on success 0, a new session (its id into token, NUL-terminated)
 * and w filled; else -1 and z->err says 用户名或密码错误 (the same for an
 * unknown user and a wrong password), or that the account or address is
 * locked and until when. *delay: seconds the caller should wait before
 * answering a failure (repeated failures are slowed). Every outcome is a
 * login record. */
int auth_login(sz *z, const char *name, const char *password,
               const char *addr, char token[TOKEN_LEN + 1], who *w,
               int *delay);
/* The password of an enabled user, checked as a login checks it (a
 * failure counts towards the lock and is recorded) but opening no
 * session: 0, or -1 (z->err). For a password change. */
int auth_verify(sz *z, const char *name, const char *password,
                const char *addr);
/* The session of token, if it is live (not past its idle or absolute
 * limit, its user enabled): 0 and w filled, its last use now; else -1. */
int auth_session(sz *z, const char *token, who *w);
/* End the session of token (退出, recorded). 0, or -1 when there was
 * none. */
int auth_logout(sz *z, const char *token, const char *addr);
/* 1 when text equals the session's CSRF token (compared in constant
 * time). */
int auth_csrf_ok(const who *w, const char *text);

#endif
