/* cli.c: option parsing, messages and aligned tables for the commands. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "store/config.h"
#include "base/date.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

const char *cli_db_path;
const char *cli_user;
char cli_task[256];
int cli_lang;
/* The database the command opened (cli_db), until cli_close. */
static sz *open_db;

void die(int status, const char *fmt, ...)
{
  va_list ap;
  fflush(stdout);
  if(open_db && db_fault(open_db)) {
    /* A statement failed: that, not what it led to ("no such asset"), is
     * the reason. */
    fputs("sanzi: ", stderr);
    fprintf(stderr, _("database '%s' failed: %s"), cli_db_path,
            open_db->fault_msg);
    fputc('\n', stderr);
    exit(1);
  }
  fputs("sanzi: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(status);
}

void usage_error(args *a, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "sanzi %s: ", a->cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  fprintf(stderr, _("(see 'sanzi %s --help')"), a->cmd);
  fputc('\n', stderr);
  exit(2);
}

void args_init(args *a, const char *cmd, int argc, char **argv)
{
  a->argc = argc;
  a->argv = argv;
  memset(a->used, 0, sizeof a->used);
  a->cmd = cmd;
  a->nknown = 0;
  if(argc >= ARGS_MAX)
    usage_error(a, _("too many arguments (at most %d)"), ARGS_MAX - 1);
}

static void unknown_option(args *a, const char *opt) __attribute__((noreturn));

/* name is an option of the command (for the nearest to an unknown one). */
static void known(args *a, const char *name)
{
  for(int i = 0; i < a->nknown; i++)
    if(!strcmp(a->known[i], name))
      return;
  if(a->nknown < (int)ARRAY_SIZE(a->known))
    a->known[a->nknown++] = name;
}

const char *args_value(args *a, const char *name)
{
  size_t n = strlen(name);
  known(a, name);
  const char *found = NULL;
  for(int i = 0; i < a->argc; i++) {
    if(a->used[i])
      continue;
    if(!strcmp(a->argv[i], "--"))
      break;
    if(!strcmp(a->argv[i], name)) {
      if(i + 1 >= a->argc)
        usage_error(a, _("%s needs a value"), name);
      a->used[i] = a->used[i + 1] = 1;
      found = a->argv[i + 1];
      i++;
    } else if(!strncmp(a->argv[i], name, n) && a->argv[i][n] == '=') {
      a->used[i] = 1;
      found = a->argv[i] + n + 1;
    }
  }
  return found;
}

void args_missing(args *a, const char *name)
{
  /* "--presnet 15" was meant for --present: say so rather than that
   * --present is missing */
  for(int i = 0; i < a->argc && strcmp(a->argv[i], "--"); i++) {
    char opt[64];
    snprintf(opt, sizeof opt, "%.*s", (int)strcspn(a->argv[i], "="),
             a->argv[i]);
    if(!a->used[i] && opt[0] == '-' && nearest(opt, &name, 1))
      unknown_option(a, a->argv[i]);
  }
  usage_error(a, _("%s is required"), name);
}

const char *args_need(args *a, const char *name)
{
  const char *v = args_value(a, name);
  if(!v)
    args_missing(a, name);
  return v;
}

void args_date(args *a, const char *name, int dflt_today, char out[11])
{
  const char *d = args_value(a, name);
  if(!d && !dflt_today)
    args_missing(a, name);
  if(d)
    cli_date(name, d, out);
  else
    date_today(out);
}

int args_flag(args *a, const char *name)
{
  int found = 0;
  known(a, name);
  for(int i = 0; i < a->argc; i++) {
    if(!strcmp(a->argv[i], "--"))
      break;
    if(!a->used[i] && !strcmp(a->argv[i], name)) {
      a->used[i] = 1;
      found = 1;
    }
  }
  return found;
}

/* An unknown option: a usage error, naming the nearest option of the
 * command when one is near. */
static void unknown_option(args *a, const char *opt)
{
  char name[64];
  snprintf(name, sizeof name, "%.*s", (int)strcspn(opt, "="), opt);
  static const char *const always[] = {"--help"};
  const char *cand[ARRAY_SIZE(a->known) + 1];
  size_t n = 0;
  for(int i = 0; i < a->nknown; i++)
    cand[n++] = a->known[i];
  cand[n++] = always[0];
  const char *near = nearest(name, cand, n);
  if(near)
    usage_error(a, _("unknown option '%s'; did you mean '%s'?"), opt, near);
  usage_error(a, _("unknown option '%s'"), opt);
}

/* The last list args_rest made: a command that exits through die() or
 * usage_error() before freeing it has not leaked it (the sanitizers'
 * leak check would say so now and then, as the pointer left the stack). */
static char **last_rest;

char **args_rest(args *a, int want_min, int want_max, int *n)
{
  char **out = xcalloc((size_t)a->argc + 1, sizeof *out);
  last_rest = out;
  int k = 0, dashdash = 0;
  for(int i = 0; i < a->argc; i++) {
    if(a->used[i])
      continue;
    if(!dashdash && !strcmp(a->argv[i], "--")) {
      dashdash = 1;
      continue;
    }
    if(!dashdash && a->argv[i][0] == '-' && a->argv[i][1])
      unknown_option(a, a->argv[i]);
    out[k++] = a->argv[i];
  }
  if(k < want_min)
    usage_error(a, _("too few arguments"));
  if(want_max >= 0 && k > want_max)
    usage_error(a, _("unexpected argument '%s'"), out[want_max]);
  *n = k;
  return out;
}

void args_help(args *a)
{
  for(int i = 0; i < a->argc; i++) {
    if(!strcmp(a->argv[i], "--"))
      break;
    if(!strcmp(a->argv[i], "--help") || !strcmp(a->argv[i], "-h")) {
      help_print(stdout, a->cmd);
      exit(0);
    }
  }
}

int cli_verbs(const char *cmd, const verb *v, size_t n, const void *ctx,
              int argc, char **argv)
{
  if(argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
    help_print(argc < 1 ? stderr : stdout, cmd);
    return argc < 1 ? 2 : 0;
  }
  for(size_t i = 0; i < n; i++)
    if(!strcmp(argv[0], v[i].name)) {
      char name[64];
      snprintf(name, sizeof name, "%s %s", cmd, v[i].name);
      args a;
      args_init(&a, name, argc - 1, argv + 1);
      args_help(&a);
      return v[i].fn(&a, ctx);
    }
  size_t nv = 0;
  const char **names = help_verb_names(help_cmd_find(cmd), &nv);
  const char *near = nearest(argv[0], names, nv);
  fprintf(stderr, "sanzi %s: ", cmd);
  if(near) {
    fprintf(stderr, _("unknown command '%s'; did you mean '%s'?"), argv[0],
            near);
    fputc('\n', stderr);
    fprintf(stderr, _("(see 'sanzi %s --help')"), cmd);
    fputc('\n', stderr);
  } else {
    fprintf(stderr, _("unknown command '%s'"), argv[0]);
    fputc('\n', stderr);
    help_print(stderr, cmd);
  }
  free(names);
  return 2;
}

sz *cli_db(void)
{
  char err[1024];
  sz *z = db_open(cli_db_path, cli_user, cli_lang, 0, err, sizeof err);
  if(!z)
    die(1, "%s", err);
  db_set_clock(z, time(NULL));
  db_set_task(z, cli_task);
  db_set_busy_wait(z, config_int(z, "busy_wait", 10));
  open_db = z;
  return z;
}

const char *cli_anchors(args *a, int *given)
{
  static char def[4096];
  const char *f = args_value(a, "--anchors");
  if(!f || !*f)
    f = getenv("SANZI_ANCHORS");
  *given = f && *f;
  if(*given)
    return f;
  snprintf(def, sizeof def, "%s.anchors", cli_db_path);
  return def;
}

void cli_fail(sz *z, const char *what)
{
  if(what)
    die(1, _("%s: %s"), what, z->err);
  die(1, "%s", z->err);
}

void cli_close(sz *z)
{
  if(z && db_fault(z))
    die(1, "%s", _("the database failed")); /* die names the fault */
  if(z == open_db)
    open_db = NULL;
  db_close(z);
}

const char *cli_noun(const char *name)
{
  static const char *const nouns[][2] = {
    {"account", N_("account")},   {"asset", N_("asset")},
    {"contract", N_("contract")}, {"fund", N_("fund")},
    {"loan", N_("loan")},         {"org", N_("org")},
    {"resource", N_("resource")},
  };
  for(size_t i = 0; i < ARRAY_SIZE(nouns); i++)
    if(!strcmp(name, nouns[i][0]))
      return _(nouns[i][1]);
  return name;
}

void cli_scope(sz *z, const char *village, const char *township)
{
  if(village && township)
    die(2, "%s", _("give --village or --township, not both"));
  switch(org_scope_check(z, village, township)) {
  case 1:
    die(1, _("--village: no village with code '%s'"), village);
  case 2:
    die(1, _("--township: no township or county with code '%s'"), township);
  }
}

void cli_warnings(sz *z)
{
  sbuf line;
  sb_init(&line);
  for(size_t i = 0; i < z->warns.n; i++) {
    sb_reset(&line);
    errs_format_item(&z->warns.v[i], &line);
    fprintf(stderr, _("sanzi: warning: %s\n"), line.buf);
  }
  if(z->warns.total > (long)z->warns.n)
    fprintf(stderr, _("sanzi: warning: ... and %ld more\n"),
            z->warns.total - (long)z->warns.n);
  sb_free(&line);
  errs_clear(&z->warns);
}

void cli_date(const char *opt, const char *text, char out[11])
{
  const char *e = date_parse(text, strlen(text), out);
  if(e)
    die(1, _("%s: '%s': %s"), opt, text, _(e));
}

/* ---- tables ---- */

#define TABLE_HOLD 1000

struct table {
  FILE *fp;
  int ncols;
  size_t *w;
  char **held; /* TABLE_HOLD * ncols cells */
  int nheld;
  int flushed;
};

size_t display_width(const char *s)
{
  size_t w = 0;
  const unsigned char *p = (const unsigned char *)s;
  while(*p) {
    unsigned cp;
    int len;
    if(*p < 0x80) {
      cp = *p;
      len = 1;
    } else if((*p & 0xe0) == 0xc0) {
      cp = *p & 0x1f;
      len = 2;
    } else if((*p & 0xf0) == 0xe0) {
      cp = *p & 0x0f;
      len = 3;
    } else {
      cp = *p & 0x07;
      len = 4;
    }
    for(int i = 1; i < len && p[i]; i++)
      cp = (cp << 6) | (p[i] & 0x3f);
    for(int i = 0; i < len && *p; i++)
      p++;
    w += (cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) ||
                           (cp >= 0xac00 && cp <= 0xd7a3) ||
                           (cp >= 0xf900 && cp <= 0xfaff) ||
                           (cp >= 0xfe30 && cp <= 0xfe4f) ||
                           (cp >= 0xff00 && cp <= 0xff60) ||
                           (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000))
             ? 2
             : 1;
  }
  return w;
}

static void widen(table *t, const char *const *cells)
{
  for(int i = 0; i < t->ncols; i++) {
    size_t w = display_width(cells[i] ? cells[i] : "");
    if(w > t->w[i])
      t->w[i] = w;
  }
}

static void print_row(table *t, const char *const *cells)
{
  for(int i = 0; i < t->ncols; i++) {
    const char *c = cells[i] ? cells[i] : "";
    fputs(c, t->fp);
    if(i + 1 < t->ncols) {
      size_t w = display_width(c);
      for(size_t k = w; k < t->w[i] + 2; k++)
        fputc(' ', t->fp);
    }
  }
  fputc('\n', t->fp);
}

table *table_new(FILE *fp, int ncols, const char *const *headers)
{
  table *t = xcalloc(1, sizeof *t);
  t->fp = fp;
  t->ncols = ncols;
  t->w = xcalloc((size_t)ncols, sizeof *t->w);
  t->held = xcalloc((size_t)(TABLE_HOLD + 1) * (size_t)ncols, sizeof *t->held);
  table_row(t, headers);
  return t;
}

static void flush_held(table *t)
{
  for(int r = 0; r < t->nheld; r++) {
    print_row(t, (const char *const *)&t->held[r * t->ncols]);
    for(int i = 0; i < t->ncols; i++)
      free(t->held[r * t->ncols + i]);
  }
  t->nheld = 0;
  t->flushed = 1;
}

void table_row(table *t, const char *const *cells)
{
  if(t->flushed) {
    print_row(t, cells);
    return;
  }
  widen(t, cells);
  for(int i = 0; i < t->ncols; i++)
    t->held[t->nheld * t->ncols + i] = xstrdup(cells[i] ? cells[i] : "");
  if(++t->nheld > TABLE_HOLD)
    flush_held(t);
}

void table_end(table *t)
{
  flush_held(t);
  free(t->w);
  free(t->held);
  free(t);
}

const char *args_year(args *a)
{
  const char *y = args_need(a, "--year");
  if(strlen(y) != 4 || strspn(y, "0123456789") != 4)
    die(1, _("--year: '%s' is not a year"), y);
  return y;
}

const char *args_choice(args *a, const char *name,
                        const char *const *choices)
{
  const char *v = args_value(a, name);
  if(!v)
    return choices[0];
  sbuf list;
  sb_init(&list);
  for(const char *const *c = choices; *c; c++) {
    if(!strcmp(v, *c)) {
      sb_free(&list);
      return *c;
    }
    sb_addf(&list, "%s%s", c == choices ? "" : _(", "), *c);
  }
  usage_error(a, _("%s: unknown '%s' (%s)"), name, v, list.buf);
}
