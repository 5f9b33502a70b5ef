/* cmd_serve.c: `sanzi serve` (doc/web.md): checks there is a 管理员,
 * starts the server, logs each request on stderr, stops cleanly on
 * SIGTERM or SIGINT (the requests in flight finish). */
#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/user.h"
#include "web/web.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

static void access_log(void *ctx, const char *line)
{
  (void)ctx;
  pthread_mutex_lock(&log_mu);
  fprintf(stderr, "%s\n", line);
  fflush(stderr);
  pthread_mutex_unlock(&log_mu);
}

int cmd_serve(int argc, char **argv)
{
  args a;
  args_init(&a, "serve", argc, argv);
  args_help(&a);
  web_opts o;
  memset(&o, 0, sizeof o);
  o.listen = args_value(&a, "--listen");
  o.cert = args_value(&a, "--cert");
  o.key = args_value(&a, "--key");
  const char *th = args_value(&a, "--threads");
  int n;
  free(args_rest(&a, 0, 0, &n));
  if(!o.cert != !o.key)
    usage_error(&a, "%s", _("give --cert and --key together"));
  if(th) {
    char *end;
    long t = strtol(th, &end, 10);
    if(*end || t < 1 || t > 64)
      usage_error(&a, _("--threads: '%s' is not a number from 1 to 64"), th);
    o.threads = (int)t;
  }
  char err[512];
  /* A certificate or key that cannot serve is the command's mistake. */
  if(o.cert && web_tls_check(o.cert, o.key, err, sizeof err))
    die(2, "%s", err);
  sz *z = cli_db();
  if(user_count(z, 1) == 0)
    die(1, "%s", _("no enabled 管理员 yet: create one first with\n"
                   "  sanzi user add NAME --role 管理员"));
  cli_close(z);
  o.db = cli_db_path;
  o.log = access_log;
  /* The signals are taken by this thread only: block them before the
   * server's threads start, so that they inherit the mask. */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);
  web *w = web_start(&o, err, sizeof err);
  if(!w)
    die(1, "%s", err);
  fprintf(stderr, _("sanzi serve: listening on %s://%s (port %d); stop with "
                    "Ctrl-C\n"),
          o.cert ? "https" : "http", o.listen ? o.listen : "127.0.0.1:8080",
          web_port(w));
  fflush(stderr);
  int sig = 0;
  sigwait(&set, &sig);
  fprintf(stderr, "%s\n", _("sanzi serve: stopping; requests in flight "
                            "finish"));
  web_stop(w);
  return 0;
}
