/* main.c: global options, the command table and dispatch. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/i18n.h"
#include "store/spec.h"
#include "base/version.h"

#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static int reg_asset(int argc, char **argv)
{
  return cmd_register("asset", argc, argv);
}

static int reg_resource(int argc, char **argv)
{
  return cmd_register("resource", argc, argv);
}

static int reg_account(int argc, char **argv)
{
  return cmd_register("account", argc, argv);
}

static int reg_fund(int argc, char **argv)
{
  return cmd_fund(argc, argv);
}

static int reg_loan(int argc, char **argv)
{
  if(argc >= 1 && !strcmp(argv[0], "interest"))
    return cmd_loan_interest(argc - 1, argv + 1);
  if(argc >= 1 && !strcmp(argv[0], "withdraw"))
    return cmd_loan_withdraw(argc - 1, argv + 1);
  return cmd_register("loan", argc, argv);
}

static int reg_contract(int argc, char **argv)
{
  if(argc >= 1 && !strcmp(argv[0], "schedule"))
    return cmd_contract_schedule(argc - 1, argv + 1);
  if(argc >= 1 && !strcmp(argv[0], "overdue"))
    return cmd_contract_overdue(argc - 1, argv + 1);
  return cmd_register("contract", argc, argv);
}

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  printf("sanzi %s (SQLite %s, libsodium %s)\n", SANZI_VERSION,
         sqlite3_libversion(), sodium_version_string());
  return 0;
}

/* Sorted by name, like git's command table; their help is in
 * help_data.c. */
static const struct command {
  const char *name;
  int (*fn)(int, char **);
} commands[] = {
  {"account", reg_account},   {"asset", reg_asset},
  {"audit", cmd_audit},       {"backup", cmd_backup},
  {"classify", cmd_classify},
  {"config", cmd_config},     {"contract", reg_contract},
  {"disposal", cmd_disposal}, {"fund", reg_fund},
  {"help", cmd_help},         {"init", cmd_init},
  {"loan", reg_loan},         {"log", cmd_log},
  {"notice", cmd_notice},     {"org", cmd_org},
  {"program", cmd_program},   {"resource", reg_resource},
  {"restore", cmd_restore},   {"serve", cmd_serve},
  {"subsidy", cmd_subsidy},   {"summary", cmd_summary},
  {"user", cmd_user},
  {"version", cmd_version},
};

/* "'x' is not a command", naming the nearest command when one is near. */
static int not_a_command(const char *word)
{
  const char *names[ARRAY_SIZE(commands)];
  for(size_t i = 0; i < ARRAY_SIZE(commands); i++)
    names[i] = commands[i].name;
  const char *near = nearest(word, names, ARRAY_SIZE(names));
  fputs("sanzi: ", stderr);
  if(near)
    fprintf(stderr, _("'%s' is not a command; did you mean '%s'?"), word,
            near);
  else
    fprintf(stderr, _("'%s' is not a command (see 'sanzi help')"), word);
  fputc('\n', stderr);
  return 2;
}

/* sanzi help [COMMAND [VERB]] */
static int cmd_help(int argc, char **argv)
{
  if(argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")))
    argc = 0;
  if(argc < 1) {
    help_print_all(stdout);
    return 0;
  }
  const help_cmd *c = help_cmd_find(argv[0]);
  if(!c)
    return not_a_command(argv[0]);
  if(argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    help_print(stdout, argv[0]);
    return 0;
  }
  char what[64];
  snprintf(what, sizeof what, "%s %s", argv[0], argv[1]);
  if(help_print(stdout, what) == 0)
    return 0;
  size_t n;
  const char **names = help_verb_names(c, &n);
  const char *near = nearest(argv[1], names, n);
  fprintf(stderr, "sanzi %s: ", argv[0]);
  if(near)
    fprintf(stderr, _("unknown command '%s'; did you mean '%s'?"), argv[1],
            near);
  else
    fprintf(stderr, _("unknown command '%s'"), argv[1]);
  fputc('\n', stderr);
  free(names);
  return 2;
}

static const char *login_name(void)
{
  const char *u = getenv("SANZI_USER");
  if(u && *u)
    return u;
  struct passwd *pw = getpwuid(getuid());
  if(pw && pw->pw_name)
    return pw->pw_name;
  u = getenv("USER");
  return u && *u ? u : "unknown";
}

int main(int argc, char **argv)
{
  /* No allocation statistics: they cost a mutex on every malloc. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  /* The language: --lang anywhere on the line (taken out of it), else
   * the environment's, read before i18n_init sets LANGUAGE for gettext. */
  cli_lang = i18n_env_lang();
  i18n_init(NULL);
  if(sodium_init() < 0) {
    fprintf(stderr, "sanzi: %s\n", _("cannot initialise libsodium"));
    return 1;
  }
  int kept = 1, k = 1;
  for(; k < argc && strcmp(argv[k], "--"); k++) {
    const char *v;
    if(!strcmp(argv[k], "--lang")) {
      if(k + 1 >= argc) {
        fprintf(stderr, "sanzi: %s\n", _("--lang needs a value: zh or en"));
        return 2;
      }
      v = argv[++k];
    } else if(!strncmp(argv[k], "--lang=", 7)) {
      v = argv[k] + 7;
    } else {
      argv[kept++] = argv[k];
      continue;
    }
    int l = i18n_lang_parse(v);
    if(l < 0) {
      fputs("sanzi: ", stderr);
      fprintf(stderr, _("--lang: '%s' is not a language: zh (中文) or en "
                        "(English)"), v);
      fputc('\n', stderr);
      return 2;
    }
    cli_lang = l;
  }
  while(k < argc) /* from "--" on, as given */
    argv[kept++] = argv[k++];
  argc = kept;
  argv[argc] = NULL;
  const char *db = getenv("SANZI_DB");
  const char *user = NULL;
  int i = 1;
  while(i < argc && argv[i][0] == '-') {
    if(!strcmp(argv[i], "--db") && i + 1 < argc) {
      db = argv[i + 1];
      i += 2;
    } else if(!strncmp(argv[i], "--db=", 5)) {
      db = argv[i] + 5;
      i++;
    } else if(!strcmp(argv[i], "--user") && i + 1 < argc) {
      user = argv[i + 1];
      i += 2;
    } else if(!strncmp(argv[i], "--user=", 7)) {
      user = argv[i] + 7;
      i++;
    } else if(!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
      return cmd_help(0, NULL);
    } else if(!strcmp(argv[i], "--version")) {
      return cmd_version(0, NULL);
    } else {
      static const char *const global[] = {"--db", "--user", "--lang",
                                           "--help", "--version"};
      char name[64];
      snprintf(name, sizeof name, "%.*s", (int)strcspn(argv[i], "="),
               argv[i]);
      const char *near = nearest(name, global, ARRAY_SIZE(global));
      fputs("sanzi: ", stderr);
      if(near)
        fprintf(stderr, _("unknown option '%s'; did you mean '%s'?"), argv[i],
                near);
      else
        fprintf(stderr, _("unknown option '%s' (see 'sanzi help')"), argv[i]);
      fputc('\n', stderr);
      return 2;
    }
  }
  cli_db_path = db && *db ? db : "sanzi.db";
  cli_user = user && *user ? user : login_name();
  /* The operator goes into every change-log entry and is printed by
   * `sanzi log`: a newline could forge a log line, an escape sequence
   * drive the terminal. */
  char why[256];
  if(spec_text_problem(cli_lang, TEXT_ID_MAX, 0, cli_user, strlen(cli_user),
                       why, sizeof why)) {
    fprintf(stderr, "sanzi: %s: %s\n",
            user && *user ? "--user"
                          : _("the operator ($SANZI_USER or the login)"),
            why);
    return 2;
  }
  if(i >= argc) {
    cmd_help(0, NULL);
    return 2;
  }
  for(int k = i; k < argc && strlen(cli_task) < 200; k++)
    snprintf(cli_task + strlen(cli_task), sizeof cli_task - strlen(cli_task),
             "%s%.*s", k > i ? " " : "", 200, argv[k]);
  int rc = -1;
  for(size_t k = 0; k < ARRAY_SIZE(commands); k++)
    if(!strcmp(argv[i], commands[k].name)) {
      rc = commands[k].fn(argc - i - 1, argv + i + 1);
      break;
    }
  if(rc == -1)
    return not_a_command(argv[i]);
  /* Data went to stdout: a failed write (a full disk) is an error. */
  if(fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "sanzi: %s\n", _("error writing output"));
    return 1;
  }
  return rc;
}
