/* web.h: `sanzi serve` (doc/web.md): GNU libmicrohttpd in its thread-pool
 * mode, one database handle per worker thread, sessions and roles from
 * domain/user, pages rendered from the domain's read views (HTML for
 * people, JSON for other systems). Nothing here re-implements a rule: the
 * scope, the checks and the change log are the domain's.
 *
 * Like the domain, this layer neither prints nor exits: the access log
 * goes to the caller's function, and the caller owns signals. */
#ifndef SANZI_WEB_H
#define SANZI_WEB_H
#include <stddef.h>
#include <time.h>

typedef struct web_opts {
  const char *db;      /* the database file */
  const char *listen;  /* "ADDR:PORT"; NULL: 127.0.0.1:8080 */
  const char *cert;    /* PEM files for HTTPS, or NULL */
  const char *key;
  int threads;         /* worker threads (and database handles) */
  size_t max_body;     /* bytes of a request body (an upload) at most */
  /* One line per request (time, user, method, path, status, ms), without
   * its newline; called from the worker threads. */
  void (*log)(void *ctx, const char *line);
  void *log_ctx;
  /* The clock: NULL for time(); tests may give their own. */
  time_t (*clock)(void);
} web_opts;

typedef struct web web;

/* Start serving. NULL with the reason in err (in Chinese) when the
 * address cannot be bound, a certificate cannot be read or the database
 * cannot be opened. */
web *web_start(const web_opts *o, char *err, size_t errlen);
/* The certificate and key files of --cert and --key: readable, and PEM
 * text of a certificate and of a private key. 0, or -1 with the reason,
 * naming the file, in err (in Chinese). */
int web_tls_check(const char *cert, const char *key, char *err, size_t errlen);
/* The port it listens on (for a listen address with port 0). */
int web_port(const web *w);
/* Stop accepting, let the requests in flight finish, close. */
void web_stop(web *w);

#endif
