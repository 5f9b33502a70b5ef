/* main.c: global options, the command table and dispatch. */
#include "cli/cli.h"
#include "cli/commands.h"
#include "base/i18n.h"
#include "base/text.h"
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
  if(argc >= 1 && !strcmp(argv[0], "balance"))
    return cmd_fund_balance(argc - 1, argv + 1);
  return cmd_register("fund", argc, argv);
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

/* Sorted by name, like git's command table. */
static const struct command {
  const char *name;
  int (*fn)(int, char **);
  const char *help;
} commands[] = {
  {"account", reg_account, "accounts (库存现金, 银行存款): template import "
                           "export list show add edit"},
  {"asset", reg_asset, "assets (资产): template import export list show add "
                       "edit"},
  {"audit", cmd_audit, "the annual audit: audit findings --year Y; audit "
                       "export --year Y --out DIR"},
  {"classify", cmd_classify, "village classification (空白村 薄弱村 一般村 "
                             "较强村): classify --year Y"},
  {"config", cmd_config, "show or set a parameter: config [KEY [VALUE]]"},
  {"contract", reg_contract, "contracts (合同): template import export list "
                             "show add edit; contract schedule; contract "
                             "overdue"},
  {"disposal", cmd_disposal, "disposal filings (处置申报, 四议两公开): new "
                             "vote appraise publicize review execute "
                             "withdraw show list"},
  {"fund", reg_fund, "fund entries (资金收支): template import export list "
                     "show add edit; fund balance"},
  {"help", cmd_help, "list the commands"},
  {"init", cmd_init, "create or upgrade the database"},
  {"loan", reg_loan, "loans (贷款): template import export list show add "
                     "edit; loan interest; loan withdraw"},
  {"log", cmd_log, "the change log: log [--table T] [--key CODE] "
                   "[--since DATE]; log verify"},
  {"org", cmd_org, "organisations: org import FILE; org list [--under CODE]"},
  {"program", cmd_program, "the interest-subsidy fund's year: program set|show "
                            "--year Y"},
  {"resource", reg_resource, "resources (资源): template import export list "
                             "show add edit"},
  {"subsidy", cmd_subsidy, "interest subsidies (贷款贴息): apply review "
                            "publicize approve pay withdraw show list report"},
  {"summary", cmd_summary, "per-township totals: summary [--as-of DATE]"},
  {"version", cmd_version, "print the version"},
};

static int cmd_help(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  printf("usage: sanzi [--db FILE] [--user NAME] COMMAND ...\n\n"
         "The registry of village collective funds, assets and resources.\n\n"
         "commands:\n");
  for(size_t i = 0; i < ARRAY_SIZE(commands); i++)
    printf("  %-9s %s\n", commands[i].name, commands[i].help);
  printf("\nDatabase: --db, else $SANZI_DB, else ./sanzi.db. Operator: "
         "--user, else $SANZI_USER, else the login name.\n"
         "Every command answers --help.\n");
  return 0;
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

/* Why name cannot be the operator, or NULL: valid UTF-8 of at most 64
 * characters, no control characters. */
static const char *operator_problem(const char *name)
{
  size_t n = strlen(name), chars = 0;
  if(!text_valid_utf8(name, n))
    return "not valid UTF-8 text";
  for(size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)name[i];
    if(c < 0x20 || c == 0x7f)
      return "a control character (a newline, a tab, an escape) is not "
             "allowed in a name";
    chars += (c & 0xc0) != 0x80;
  }
  if(chars > 64)
    return "names are at most 64 characters";
  return NULL;
}

int main(int argc, char **argv)
{
  /* No allocation statistics: they cost a mutex on every malloc. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  if(sodium_init() < 0) {
    fprintf(stderr, "sanzi: cannot initialise libsodium\n");
    return 1;
  }
  /* The language: --lang anywhere on the line (taken out of it), else
   * the environment's, read before i18n_init sets LANGUAGE for gettext. */
  cli_lang = i18n_env_lang();
  int kept = 1, k = 1;
  for(; k < argc && strcmp(argv[k], "--"); k++) {
    const char *v;
    if(!strcmp(argv[k], "--lang")) {
      if(k + 1 >= argc) {
        fprintf(stderr, "sanzi: --lang needs a value: zh or en\n");
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
      fprintf(stderr, "sanzi: --lang: '%s' is not a language: zh (中文) or "
                      "en (English)\n", v);
      return 2;
    }
    cli_lang = l;
  }
  while(k < argc) /* from "--" on, as given */
    argv[kept++] = argv[k++];
  argc = kept;
  argv[argc] = NULL;
  i18n_init(NULL);
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
      fprintf(stderr, "sanzi: unknown option '%s' (see 'sanzi help')\n",
              argv[i]);
      return 2;
    }
  }
  cli_db_path = db && *db ? db : "sanzi.db";
  cli_user = user && *user ? user : login_name();
  /* The operator goes into every change-log entry and is printed by
   * `sanzi log`: a newline could forge a log line, an escape sequence
   * drive the terminal. */
  const char *bad = operator_problem(cli_user);
  if(bad) {
    fprintf(stderr, "sanzi: %s: %s\n",
            user && *user ? "--user" : "the operator ($SANZI_USER or the login)",
            bad);
    return 2;
  }
  if(i >= argc) {
    cmd_help(0, NULL);
    return 2;
  }
  int rc = -1;
  for(size_t k = 0; k < ARRAY_SIZE(commands); k++)
    if(!strcmp(argv[i], commands[k].name)) {
      rc = commands[k].fn(argc - i - 1, argv + i + 1);
      break;
    }
  if(rc == -1) {
    fprintf(stderr, "sanzi: '%s' is not a command (see 'sanzi help')\n",
            argv[i]);
    return 2;
  }
  /* Data went to stdout: a failed write (a full disk) is an error. */
  if(fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "sanzi: error writing output\n");
    return 1;
  }
  return rc;
}
