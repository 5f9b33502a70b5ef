/* cli.h: what the command handlers share: options, output, the open
 * database. Only main.c and cmd_*.c use it: they alone print and exit. */
#ifndef SANZI_CLI_H
#define SANZI_CLI_H
#include <stdio.h>
#include "store/db.h"
#include "domain/view.h"
#include "base/util.h"
#include "base/i18n.h"

/* Options are consumed as they are read; leftovers are rejected. */
#define ARGS_MAX 256

typedef struct args {
  int argc;
  char **argv;
  char used[ARGS_MAX];
  const char *cmd; /* "asset import", for messages and its help */
  /* The options the command asked for, so far: an unknown one is told
   * the nearest of them. */
  const char *known[48];
  int nknown;
} args;

void args_init(args *a, const char *cmd, int argc, char **argv);
/* --name VALUE or --name=VALUE; NULL when absent. */
const char *args_value(args *a, const char *name);
int args_flag(args *a, const char *name);
/* A required option's value: a usage error when it is absent. */
const char *args_need(args *a, const char *name);
/* The required option name is absent: a usage error, naming the option
 * given instead when one is a slip for it (--presnet for --present). */
void args_missing(args *a, const char *name) __attribute__((noreturn));
/* A date option, ISO into out: exit 1 when it is not a date; when absent,
 * today if dflt_today, else a usage error. */
void args_date(args *a, const char *name, int dflt_today, char out[11]);
/* An option that takes one of a few words (choices: NULL-terminated, the
 * first is the default): the word given, or a usage error naming them. */
const char *args_choice(args *a, const char *name,
                        const char *const *choices);
/* --year Y, required: four digits, else exit 1. */
const char *args_year(args *a);
/* The positional arguments left; an unknown option is a usage error.
 * want_min/want_max: how many positionals are accepted (-1: any). */
char **args_rest(args *a, int want_min, int want_max, int *n);
/* `--help` (or -h) was given: print the help of a->cmd and exit 0. */
void args_help(args *a);

/* A command's verbs ("subsidy apply", "asset import", ...): each gets the
 * options after the verb and the command's context. */
typedef struct verb {
  const char *name;
  int (*fn)(args *a, const void *ctx);
} verb;
/* Runs the verb argv[0] of command cmd: --help (or no verb) prints the
 * command's help, an unknown verb is a usage error naming the nearest.
 * Returns the exit status. */
int cli_verbs(const char *cmd, const verb *v, size_t n, const void *ctx,
              int argc, char **argv);

/* ---- help (help.c, the texts in help_data.c) ----
 * Each command's help is a table: one entry per verb (verb "" for the
 * command itself: init, log, summary ...), with what it does, each option
 * and its meaning, real examples and what it refuses. The texts are
 * English msgids (N_), translated when printed; in synopses and option
 * names the upper-case placeholders (CODE, DATE, FILE ...) are translated
 * word by word. */
typedef struct help_opt {
  const char *name; /* "--village CODE" */
  const char *text; /* N_: its meaning and unit */
} help_opt;

typedef struct help_verb {
  const char *verb;     /* "" for the command itself; NULL ends a table */
  const char *synopsis; /* after "sanzi CMD VERB " */
  const char *what;     /* N_: what it does; the first line is its summary */
  help_opt opts[16];
  /* command lines, one per line, not translated; in a register's table
   * {cmd} {file} {code} {add} {edit} stand for the register's own */
  const char *examples;
  const char *refuses;  /* N_: what it refuses (NULL: nothing to say) */
} help_verb;

typedef struct help_cmd {
  const char *name;
  const char *summary;    /* N_: its line in `sanzi help` */
  const help_verb *verbs; /* the verbs */
  const help_verb *more;  /* a register's own verbs (fund balance ...) */
  const char *notes;      /* N_: after the list of verbs, or NULL */
  /* a register's examples: file name, a record's code, add's and edit's
   * KEY=VALUE */
  const char *file, *code, *add, *edit;
} help_cmd;

extern const help_cmd help_cmds[];
extern const size_t help_ncmds;
/* The command named name, or NULL. */
const help_cmd *help_cmd_find(const char *name);
/* Its verb named verb ("" the command itself), or NULL. */
const help_verb *help_verb_find(const help_cmd *c, const char *verb);
/* The help of "CMD" or "CMD VERB" on fp; -1 when there is none. */
int help_print(FILE *fp, const char *what);
/* `sanzi help`: the commands. */
void help_print_all(FILE *fp);
/* The candidate nearest to word by edit distance (transpositions count
 * one), when near enough to be what was meant; else NULL. */
const char *nearest(const char *word, const char *const *cand, size_t n);
/* The verbs of cmd (for nearest); n set to their number. Free the array. */
const char **help_verb_names(const help_cmd *c, size_t *n);

/* Print "sanzi: message" to stderr and exit with status; when a statement
 * failed on the open database, its fault is printed instead (exit 1). */
void die(int status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));
void usage_error(args *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3), noreturn));

/* The database named by --db / $SANZI_DB / ./sanzi.db, opened for work. */
sz *cli_db(void);
/* The work on z was refused: print z->err (after "what: " when what is
 * not NULL) and exit 1. */
void cli_fail(sz *z, const char *what) __attribute__((noreturn));
/* Closes it; when a statement failed on it (a damaged file, an I/O error:
 * what was printed may be incomplete), says so and exits 1. */
void cli_close(sz *z);
extern const char *cli_db_path;
extern const char *cli_user;
/* The command line from the command on ("asset import big.csv"), cut at
 * 200 bytes: what a process waiting for this one's write is told. */
extern char cli_task[256];
/* The anchors file: --anchors FILE, else $SANZI_ANCHORS, else the
 * database's path with ".anchors" (*given: 0 then). */
const char *cli_anchors(args *a, int *given);
/* The language of what the command line prints (--lang, else the
 * environment's; LANG_ZH or LANG_EN): _("message") translates into it. */
extern int cli_lang;
#define _(msgid) tr(cli_lang, msgid)
#define NG_(one, many, n) trn(cli_lang, one, many, n)

/* A register's name ("asset") as a noun in the command line's language. */
const char *cli_noun(const char *name);

/* Validate a --village (12 digits, exists) or --township (an organisation
 * code above village level) option; exits 1 with a message when wrong. */
void cli_scope(sz *z, const char *village, const char *township);
/* The warnings the work on z left (z->warns), one line each on stderr as
 * "sanzi: warning: FILE:ROW: COLUMN: message"; then forgets them. */
void cli_warnings(sz *z);
/* A date option: parsed, or exit 1 naming the option. */
void cli_date(const char *opt, const char *text, char out[11]);

/* An aligned text table: rows are kept until widths are known (the first
 * 1000 rows), then streamed. */
typedef struct table table;
table *table_new(FILE *fp, int ncols, const char *const *headers);
void table_row(table *t, const char *const *cells);
void table_end(table *t);
/* Display width of UTF-8 text (CJK counts 2). */
size_t display_width(const char *s);

/* ---- views on stdout (out.c) ----
 * One renderer per format over the views' sink (domain/view.h): an aligned
 * table, CSV or JSON, chosen by --format. In the table format a command
 * may lay out each part of a show its own way (layout); CSV writes one
 * part (the first, or --part NAME), JSON every part. Where a command
 * offers xlsx (--format xlsx, or --out FILE.xlsx), the view goes into a
 * workbook (domain/workbook.h), each part a sheet. */

enum { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_XLSX };

/* How the table format shows one part. */
enum {
  SHOW_ROWS,    /* an aligned table, its header the columns' names */
  SHOW_FIELDS,  /* each column of each row as "中文：value" ("中文 (key):
                   value" in English or with --keys) */
  SHOW_HISTORY, /* a history part (reg_history_view): each entry, then
                   "字段: old -> new" for each field it changed */
  SHOW_EACH     /* each row printed by the command's function */
};
typedef struct layout {
  const char *part;    /* the part's key */
  int form;
  /* heading, empty, none: English msgids (N_), translated when printed */
  const char *heading; /* printed before the part's first row */
  const char *empty;   /* a part without rows prints this alone; NULL: its
                          heading (and header, for SHOW_ROWS), then none */
  const char *none;    /* see empty */
  const char *indent;  /* SHOW_FIELDS: before each line */
  int skip_null;       /* SHOW_FIELDS: leave out the empty fields */
  void (*each)(const atable *t, const acell *c, void *ctx);
  void *ctx;
} layout;

typedef struct out {
  asink s;
  int fmt;
  int multi;          /* a show (several parts): JSON writes an object */
  const char *part;   /* --part: the one part written */
  const layout *lay;  /* the table format's layouts, by part */
  int nlay;
  /* the part being written */
  const atable *t;
  const layout *cur;
  int on;             /* it is written */
  long nrows;
  int nparts;         /* parts written */
  table *tb;
  char (*buf)[48];
  sbuf *esc;          /* a cell with its control characters escaped */
  const char **cells;
  int64_t entry;      /* SHOW_HISTORY: the entry printed last */
  int keys;           /* --keys: the fields' English keys beside the
                         Chinese names (always in English) */
  sbuf line, seen;
  const char *file;   /* --out: the workbook's path */
  struct wsink *wb;   /* OUT_XLSX: the workbook, from out_workbook */
} out;

/* --format (formats: NULL-terminated, the first the default; NULL: no
 * --format, the table) and, for a show (multi), --part. */
void out_init(out *o, args *a, const char *const *formats, int multi);
/* The formats most commands take: table, csv, json. */
extern const char *const out_formats[];
/* The same and xlsx (with --out FILE). */
extern const char *const out_formats_xlsx[];
/* With OUT_XLSX, after cli_db: opens the workbook (flags WS_*, the title
 * and scope of its pages); exits on failure. Nothing otherwise. */
void out_workbook(out *o, sz *z, unsigned flags, const char *title,
                  const char *scope);
/* A view into o failed: the workbook is not left half-written; exits. */
void out_fail(out *o, sz *z) __attribute__((noreturn));
void out_layouts(out *o, const layout *l, int n);
/* The view is written: ends the JSON, puts the workbook in place (and
 * says so on stderr); a --part the view did not have is a usage error. */
void out_done(out *o, args *a);
/* `... show CODE`: the record's view in the --format asked for, the table
 * with layouts l[0..nl); csv_part: the part CSV writes when --part is not
 * given (NULL: the first). Returns the exit status. */
int out_show(args *a, const layout *l, int nl, const char *csv_part,
             int (*view)(sz *z, const char *code, asink *s));
/* `... list [--year Y] [--village CODE|--township CODE]`: the view of the
 * scope, in the --format asked for. Returns the exit status. */
int out_list(args *a, int (*view)(sz *z, const char *year, const char *village,
                                  const char *township, asink *s));

/* --keys was given (out_init): field labels carry the English key. */
extern int cli_keys;
/* A field of a show in the table format: "indent中文：value", or
 * "indent中文 (key): value" in English or with --keys. */
void out_field(const char *indent, const char *zh, const char *key,
               const char *value);

/* A cell as text: grouped for people ("1,234.50", "5%") or as CSV writes
 * it ("1234.50", "5"). buf: at least 48 bytes. */
const char *out_cell(int kind, const acell *c, int grouped, char *buf);

#endif
