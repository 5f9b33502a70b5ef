/* cmd_misc.c: init, config, org, log, backup and restore. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "store/config.h"
#include "base/date.h"
#include "store/history.h"
#include "domain/import.h"
#include "domain/backup.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int cmd_init(int argc, char **argv)
{
  args a;
  args_init(&a, "init", argc, argv);
  args_help(&a);
  int given;
  const char *anchors = cli_anchors(&a, &given);
  int n;
  free(args_rest(&a, 0, 0, &n));
  int fresh = access(cli_db_path, F_OK) != 0;
  char err[1024];
  /* Open without migrating first, to tell the user what happens. */
  sz *z = db_open(cli_db_path, cli_user, cli_lang, 1, err, sizeof err);
  if(!z)
    die(1, "%s", err);
  db_set_clock(z, time(NULL));
  if(db_begin(z) || config_init(z) || db_end(z, 1))
    cli_fail(z, NULL);
  printf(_("%s: schema version %d\n"), cli_db_path, db_schema_version(z));
  /* Heads of a database that was here before: log verify checks them. */
  if(fresh && access(anchors, F_OK) == 0)
    fprintf(stderr, _("warning: %s holds the heads of an earlier database; "
                      "log verify checks them against this new one: move "
                      "it aside\n"), anchors);
  cli_close(z);
  return 0;
}

int cmd_config(int argc, char **argv)
{
  args a;
  args_init(&a, "config", argc, argv);
  args_help(&a);
  int n;
  char **pos = args_rest(&a, 0, 2, &n);
  sz *z = cli_db();
  int rc = 0;
  if(n == 2)
    rc = config_set(z, pos[0], pos[1]);
  if(rc == 0)
    rc = config_show(z, n ? pos[0] : NULL, stdout);
  if(rc)
    cli_fail(z, NULL);
  cli_close(z);
  free(pos);
  return 0;
}

static int org_list(args *a)
{
  const char *under = args_value(a, "--under");
  const char *q = args_value(a, "--q");
  out o;
  out_init(&o, a, out_formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  if(under && !reg_exists(z, &reg_org, under))
    die(1, _("--under: no organisation with code '%s'"), under);
  if(org_list_view(z, under, q, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  cli_close(z);
  return 0;
}

static int org_import(args *a, const void *ctx)
{
  (void)ctx;
  return cmd_register_import(&reg_org, a, 1);
}

static int org_list_verb(args *a, const void *ctx)
{
  (void)ctx;
  return org_list(a);
}

int cmd_org(int argc, char **argv)
{
  static const verb verbs[] = {{"import", org_import},
                               {"list", org_list_verb}};
  return cli_verbs("org", verbs, ARRAY_SIZE(verbs), NULL, argc, argv);
}

static int log_verify(args *a)
{
  const char *expect = args_value(a, "--expect");
  int given;
  const char *file = cli_anchors(a, &given);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  char head[65];
  int64_t entries = 0;
  hist_anchor *an = NULL;
  int na = 0;
  /* The default file is read when it is there; one named must be. */
  if((given || access(file, F_OK) == 0) &&
     (na = history_anchors_read(z, file, &an)) < 0)
    cli_fail(z, "log verify");
  if(history_verify_anchors(z, logged_tables, expect, an, na, file, head,
                            &entries))
    cli_fail(z, "log verify");
  free(an);
  printf("%s\n", head);
  fprintf(stderr, _("%lld change-log entries verified; every register row "
                    "is proven by its entry\n"), (long long)entries);
  if(given || na > 0)
    fprintf(stderr, NG_("%d anchor in %s holds\n", "%d anchors in %s hold\n",
                        (unsigned long)na), na, file);
  cli_close(z);
  return 0;
}

static int log_anchor(args *a)
{
  int given;
  const char *file = cli_anchors(a, &given);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  char line[HIST_ANCHOR_LINE];
  if(history_anchor(z, logged_tables, file, line))
    cli_fail(z, "log anchor");
  printf("%s\n", line);
  fprintf(stderr, _("appended to %s; keep this line outside the database "
                    "too (on paper, in an e-mail)\n"), file);
  cli_close(z);
  return 0;
}

int cmd_log(int argc, char **argv)
{
  args a;
  if(argc >= 1 && !strcmp(argv[0], "verify")) {
    args_init(&a, "log verify", argc - 1, argv + 1);
    args_help(&a);
    return log_verify(&a);
  }
  if(argc >= 1 && !strcmp(argv[0], "anchor")) {
    args_init(&a, "log anchor", argc - 1, argv + 1);
    args_help(&a);
    return log_anchor(&a);
  }
  args_init(&a, "log", argc, argv);
  args_help(&a);
  const char *tbl = args_value(&a, "--table");
  const char *key = args_value(&a, "--key");
  const char *since = args_value(&a, "--since");
  out o;
  out_init(&o, &a, out_formats, 0);
  /* Each entry, then each field it changed: "字段: old -> new". */
  static const layout l[] = {{.part = "log", .form = SHOW_HISTORY}};
  out_layouts(&o, l, (int)ARRAY_SIZE(l));
  int n;
  free(args_rest(&a, 0, 0, &n));
  char sd[11];
  if(since)
    cli_date("--since", since, sd);
  sz *z = cli_db();
  if(log_view(z, tbl, key, since ? sd : NULL, &o.s))
    cli_fail(z, NULL);
  out_done(&o, &a);
  cli_close(z);
  return 0;
}

int cmd_backup(int argc, char **argv)
{
  args a;
  args_init(&a, "backup", argc, argv);
  args_help(&a);
  const char *dir = args_need(&a, "--out");
  const char *k = args_value(&a, "--keep");
  int keep = 0;
  if(k) {
    char *end;
    errno = 0;
    long v = strtol(k, &end, 10);
    if(*end || end == k || errno || v < 1 || v > 100000)
      usage_error(&a, _("--keep: '%s' is not a number of copies (1 or more)"),
                  k);
    keep = (int)v;
  }
  int n;
  free(args_rest(&a, 0, 0, &n));
  sz *z = cli_db();
  char path[8192], head[65];
  int64_t entries = 0;
  if(backup_make(z, dir, keep, path, sizeof path, head, &entries))
    cli_fail(z, "backup");
  printf("%s\n", path);
  fprintf(stderr, _("checked: the database is whole and its %lld change-log "
                    "entries verify (head %s)\n"), (long long)entries, head);
  cli_close(z);
  return 0;
}

int cmd_restore(int argc, char **argv)
{
  args a;
  args_init(&a, "restore", argc, argv);
  args_help(&a);
  int given;
  const char *file = cli_anchors(&a, &given);
  int n;
  char **pos = args_rest(&a, 1, 1, &n);
  /* A database lost altogether is made anew, then filled from the copy. */
  int fresh = access(cli_db_path, F_OK) != 0;
  sz *z;
  if(fresh) {
    char err[1024];
    z = db_open(cli_db_path, cli_user, cli_lang, 1, err, sizeof err);
    if(!z)
      die(1, "%s", err);
    db_set_clock(z, time(NULL));
  } else
    z = cli_db();
  char kept[8192], head[65];
  int64_t entries = 0;
  if(backup_restore(z, pos[0], !fresh, kept, sizeof kept, head, &entries)) {
    if(fresh) { /* the database made for it goes again */
      char why[sizeof z->err];
      snprintf(why, sizeof why, "%s", z->err);
      db_close(z);
      unlink(cli_db_path);
      die(1, _("%s: %s"), "restore", why);
    }
    cli_fail(z, "restore");
  }
  printf("%s\n", head);
  if(kept[0])
    fprintf(stderr, _("the database replaced is kept as %s\n"), kept);
  fprintf(stderr, _("%s restored from %s: %lld change-log entries, head %s\n"),
          cli_db_path, pos[0], (long long)entries, head);
  /* Heads witnessed after the copy was made: those changes are lost, and
   * log verify will say the log was cut. */
  int na, later = 0;
  hist_anchor *an = NULL;
  if(access(file, F_OK) == 0 && (na = history_anchors_read(z, file, &an)) > 0)
    for(int i = 0; i < na; i++)
      later += an[i].entries > entries;
  free(an);
  if(later)
    fprintf(stderr, NG_("warning: %d anchor in %s records a later head: the "
                        "changes made after the copy are lost, and log "
                        "verify will report the log cut\n",
                        "warning: %d anchors in %s record a later head: the "
                        "changes made after the copy are lost, and log "
                        "verify will report the log cut\n",
                        (unsigned long)later), later, file);
  free(pos);
  cli_close(z);
  return 0;
}
