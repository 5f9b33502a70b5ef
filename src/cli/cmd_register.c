/* cmd_register.c: the verbs every register has (template, import, export,
 * list, show, add, edit), written once over the register specs. */
#include "domain/registers.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/import.h"
#include "domain/entry.h"
#include "domain/search.h"
#include "domain/void.h"
#include "domain/workbook.h"
#include "store/record.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void progress(long long done, long long total, long rows)
{
  fputc('\r', stderr);
  if(total > 0)
    fprintf(stderr, _("%ld rows (%lld%%)"), rows, done * 100 / total);
  else
    fprintf(stderr, _("%ld rows"), rows);
}

/* What the options let through with a warning (REG_*): a contract's
 * --without-filing. */
static unsigned allowed(args *a, const reg *r)
{
  return r == &reg_contract && args_flag(a, "--without-filing")
             ? REG_WITHOUT_FILING
             : 0;
}

static int do_import(args *a, const void *ctx)
{
  const reg *r = ctx;
  return cmd_register_import(r, a, 0);
}

int cmd_register_import(const reg *r, args *a, int always_update)
{
  import_opts o;
  memset(&o, 0, sizeof o);
  o.dry_run = args_flag(a, "--dry-run");
  o.update = args_flag(a, "--update") || always_update;
  o.allow = allowed(a, r);
  /* The organisations' import updates as it goes: the same file again
   * changes nothing, and is no mistake. */
  o.again = always_update || args_flag(a, "--again");
  if(!always_update)
    o.allow_duplicates = args_flag(a, "--allow-duplicates");
  const char *enc = args_value(a, "--encoding");
  o.sheet = args_value(a, "--sheet");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  o.file = pos[0];
  if(!enc || !strcmp(enc, "auto"))
    o.enc = ENC_AUTO;
  else if(!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
    o.enc = ENC_UTF8;
  else if(!strcasecmp(enc, "gb18030") || !strcasecmp(enc, "gbk") ||
          !strcasecmp(enc, "gb2312"))
    o.enc = ENC_GB18030;
  else if(!strcasecmp(enc, "utf-16") || !strcasecmp(enc, "utf16"))
    o.enc = ENC_UTF16;
  else
    usage_error(a, _("unknown encoding '%s' (auto, utf-8, gb18030, utf-16)"),
                enc);
  if(isatty(2))
    o.progress = progress;
  sz *z = cli_db();
  import_result res;
  int rc = reg_import(z, r, &o, &res);
  if(o.progress)
    fputs("\r\033[K", stderr);
  if(rc) {
    sbuf e;
    sb_init(&e);
    errs_format(&res.errs, cli_lang, &e);
    fputs(e.buf ? e.buf : "", stderr);
    sb_free(&e);
    fputs("sanzi: ", stderr);
    fprintf(stderr, NG_("'%s': nothing imported (%ld error)",
                        "'%s': nothing imported (%ld errors)", res.nerrors),
            o.file, res.nerrors);
    fputc('\n', stderr);
  } else {
    /* "imported 'a.csv' (UTF-8): 3 new, 0 updated, 0 unchanged asset rows" */
    fprintf(stderr,
            o.dry_run ? _("checked '%s' (%s): %ld new, %ld updated, %ld "
                          "unchanged %s rows; nothing written (--dry-run)")
                      : _("imported '%s' (%s): %ld new, %ld updated, %ld "
                          "unchanged %s rows"),
            o.file, res.encoding, res.inserted, res.updated, res.unchanged,
            cli_noun(r->name));
    fputc('\n', stderr);
    cli_warnings(z);
  }
  errs_free(&res.errs);
  free(pos);
  cli_close(z);
  return rc ? 1 : 0;
}

static int do_export(args *a, const void *ctx)
{
  const reg *r = ctx;
  export_opts o;
  char as_of[11];
  memset(&o, 0, sizeof o);
  o.village = args_value(a, "--village");
  o.township = args_value(a, "--township");
  const char *d = args_value(a, "--as-of");
  o.bom = !args_flag(a, "--no-bom");
  o.full_ids = args_flag(a, "--full-ids");
  static const char *const formats[] = {"csv", "xlsx", NULL};
  out w;
  out_init(&w, a, formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, o.village, o.township);
  if(d) {
    cli_date("--as-of", d, as_of);
    o.as_of = as_of;
  }
  if(w.fmt == OUT_XLSX) {
    char title[64], scope[256];
    snprintf(title, sizeof title, "%s台账", r->zh);
    wbook_scope(z, o.village ? o.village : o.township, scope, sizeof scope);
    out_workbook(&w, z, WS_TOTALS | WS_NAMES, title, scope);
    if(reg_export_view(z, r, &o, &w.s))
      out_fail(&w, z);
    out_done(&w, a);
  } else if(reg_export(z, r, &o, stdout))
    cli_fail(z, NULL);
  cli_close(z);
  return 0;
}

static int do_template(args *a, const void *ctx)
{
  const reg *r = ctx;
  const char *township = args_value(a, "--township");
  static const char *const formats[] = {"csv", "xlsx", NULL};
  out w;
  out_init(&w, a, formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  if(w.fmt != OUT_XLSX) {
    if(township)
      usage_error(a, "%s", _("--township: the villages go into the "
                             "drop-down lists of a workbook (--format xlsx)"));
    fputs("\xef\xbb\xbf", stdout);
    reg_template(r, stdout);
    return 0;
  }
  sz *z = cli_db();
  cli_scope(z, NULL, township);
  if(reg_template_xlsx(z, r, township, w.file))
    cli_fail(z, NULL);
  fprintf(stderr, _("wrote '%s'\n"), w.file);
  cli_close(z);
  return 0;
}

static int do_list(args *a, const void *ctx)
{
  const reg *r = ctx;
  const char *village = args_value(a, "--village");
  const char *township = args_value(a, "--township");
  const char *q = args_value(a, "--q");
  int voided = args_flag(a, "--voided");
  const char *d = args_value(a, "--as-of");
  char as_of[11];
  out o;
  out_init(&o, a, out_formats_xlsx, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  if(d)
    cli_date("--as-of", d, as_of);
  if(d && voided)
    usage_error(a, _("--voided and --as-of: a voided record is held at no "
                     "date"));
  if(d && strcmp(r->name, "asset") && strcmp(r->name, "resource") &&
     strcmp(r->name, "account"))
    usage_error(a, _("--as-of: only assets, resources and accounts are held "
                     "at a date"));
  sz *z = cli_db();
  cli_scope(z, village, township);
  char title[64], scope[256];
  snprintf(title, sizeof title, "%s清单", r->zh);
  wbook_scope(z, village ? village : township, scope, sizeof scope);
  out_workbook(&o, z, WS_TOTALS | WS_NAMES, title, scope);
  /* JSON has every field, for programs; the others the main ones. */
  if(reg_list_view(z, r, village, township, q, o.fmt == OUT_JSON, voided,
                   d ? as_of : NULL, &o.s))
    out_fail(&o, z);
  out_done(&o, a);
  cli_close(z);
  return 0;
}

/* KEY=VALUE arguments into cells by field; exits on a bad key. */
static void pairs_to_cells(regctx *c, const reg *r, args *a, char **pos,
                           int from, int n, const char **cells, size_t *lens,
                           int editing)
{
  for(int i = from; i < n; i++) {
    char *eq = strchr(pos[i], '=');
    if(!eq)
      usage_error(a, _("'%s' is not KEY=VALUE"), pos[i]);
    int fi = reg_match_header(r, pos[i], (size_t)(eq - pos[i]));
    if(fi < 0) {
      char *acc = reg_accepted_names(r, cli_lang);
      die(1, _("unknown field '%.*s'; accepted: %s"), (int)(eq - pos[i]),
          pos[i], acc);
    }
    if(r->fields[fi].type == F_DERIVED)
      die(1, _("%s: computed, not entered"), r->fields[fi].zh);
    if(editing && (r->fields[fi].flags & F_FIXED))
      die(1, _("%s: cannot be changed once registered"), r->fields[fi].zh);
    if(!text_valid_utf8(eq + 1, strlen(eq + 1)))
      die(1, _("%s: not valid UTF-8 text"), r->fields[fi].zh);
    /* A key is read as a sheet's header: 使用年限=5 is years,
     * 原值（万元）=3.5 is 35,000.00, the English key the stored unit. */
    int unit = 0;
    const char *want =
        reg_header_unit(r, fi, pos[i], (size_t)(eq - pos[i]), &unit);
    if(want)
      die(1, _("'%.*s': %s is entered in %s"), (int)(eq - pos[i]), pos[i],
          r->fields[fi].zh, want);
    reg_set_colname(c, fi, r->fields[fi].zh, strlen(r->fields[fi].zh), unit);
    cells[fi] = eq + 1;
    lens[fi] = strlen(eq + 1);
  }
}

/* The messages of a refused add or edit, each as "sanzi: COLUMN: ...". */
static void print_errors(regctx *c)
{
  sbuf line;
  sb_init(&line);
  for(size_t i = 0; i < c->errs.n; i++) {
    sb_reset(&line);
    errs_format_item(&c->errs.v[i], &line);
    fprintf(stderr, "sanzi: %s\n", line.buf);
  }
  if(c->errs.total > (long)c->errs.n) {
    fputs("sanzi: ", stderr);
    fprintf(stderr, _("... and %ld more errors"),
            c->errs.total - (long)c->errs.n);
    fputc('\n', stderr);
  }
  sb_free(&line);
}

/* Enter the record (entry_write) and say why when it is refused: each
 * reason "sanzi: COLUMN: message", or the database's fault. */
static int enter(sz *z, regctx *c, const char **cells, size_t *lens,
                 int mode, const char *code, char out[80])
{
  int rc = entry_write(c, cells, lens, mode, code, out);
  if(rc < 0 && reg_nerrors(c) == 0)
    cli_fail(z, NULL);
  if(rc < 0)
    print_errors(c);
  return rc;
}

static int do_add(args *a, const void *ctx)
{
  const reg *r = ctx;
  unsigned allow = allowed(a, r);
  int allow_dup = args_flag(a, "--allow-duplicates");
  int n;
  char **pos = args_rest(a, 1, -1, &n);
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  sz *z = cli_db();
  regctx *c = reg_open(z, r);
  c->allow = allow;
  pairs_to_cells(c, r, a, pos, 0, n, cells, lens, 0);
  if(allow_dup)
    reg_allow_duplicates(c);
  char code[80];
  int rc = enter(z, c, cells, lens, 0, NULL, code);
  if(rc == 0) {
    printf("%s\n", code);
    cli_warnings(z);
  }
  reg_close(c);
  cli_close(z);
  free(cells);
  free(lens);
  free(pos);
  return rc ? 1 : 0;
}

static int do_edit(args *a, const void *ctx)
{
  const reg *r = ctx;
  int n;
  char **pos = args_rest(a, 2, -1, &n);
  sz *z = cli_db();
  regctx *c = reg_open(z, r);
  /* The stored row as text, as an export would write it. */
  sbuf *text = xcalloc((size_t)r->nfields, sizeof *text);
  if(!entry_load(c, pos[0], text))
    die(1, _("no %s with code '%s'"), cli_noun(r->name), pos[0]);
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  for(int i = 0; i < r->nfields; i++) {
    cells[i] = text[i].buf;
    lens[i] = text[i].len;
  }
  pairs_to_cells(c, r, a, pos, 1, n, cells, lens, 1);
  char code[80];
  int rc = enter(z, c, cells, lens, 2, pos[0], code);
  if(rc == 1)
    fprintf(stderr, _("%s: nothing changed\n"), pos[0]);
  if(rc != 1)
    cli_warnings(z);
  for(int i = 0; i < r->nfields; i++)
    sb_free(&text[i]);
  free(text);
  free(cells);
  free(lens);
  free(pos);
  reg_close(c);
  cli_close(z);
  return rc < 0 ? 1 : 0;
}

static void show_depreciation(const atable *t, const acell *c, void *ctx)
{
  (void)t;
  (void)ctx;
  char b[2][48];
  putchar('\n');
  printf(_("as of %s:\n"), c[0].s);
  out_field("  ", "累计折旧", "accumulated", out_cell(K_MONEY, &c[1], 1, b[0]));
  out_field("  ", "净值", "net value", out_cell(K_MONEY, &c[2], 1, b[1]));
}

/* The parts of `show` (reg_show_view) in the table format. */
static const layout show_layout[] = {
  {.part = "record", .form = SHOW_FIELDS},
  {.part = "depreciation", .form = SHOW_EACH, .each = show_depreciation},
  {.part = "payments", .form = SHOW_ROWS,
   .heading = N_("\ninterest payments:\n"),
   .empty = N_("\ninterest payments: none\n")},
  {.part = "history", .form = SHOW_HISTORY, .heading = N_("\nhistory:\n")},
};

static int do_show(args *a, const void *ctx)
{
  const reg *r = ctx;
  char as_of[11];
  args_date(a, "--as-of", 1, as_of);
  out o;
  out_init(&o, a, out_formats, 1);
  out_layouts(&o, show_layout, (int)ARRAY_SIZE(show_layout));
  const char *village = args_value(a, "--village");
  const char *township = args_value(a, "--township");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  cli_scope(z, village, township);
  /* A code, or a name that is one record's in scope. */
  char *code;
  if(search_resolve(z, r, pos[0], village, township, &code))
    cli_fail(z, NULL);
  if(reg_show_view(z, r, code, as_of, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  free(code);
  free(pos);
  cli_close(z);
  return 0;
}

/* void and restore: CODE --reason TEXT. */
static int void_verb(args *a, const reg *r, int restore)
{
  const char *reason = args_need(a, "--reason");
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(restore ? reg_restore(z, r, pos[0], reason)
             : reg_void(z, r, pos[0], reason))
    cli_fail(z, NULL);
  fprintf(stderr, restore ? _("%s: restored\n") : _("%s: voided (作废)\n"),
          pos[0]);
  free(pos);
  cli_close(z);
  return 0;
}

static int do_void(args *a, const void *ctx)
{
  return void_verb(a, ctx, 0);
}

static int do_restore(args *a, const void *ctx)
{
  return void_verb(a, ctx, 1);
}

int cmd_register(const char *name, int argc, char **argv)
{
  static const verb verbs[] = {
    {"add", do_add},       {"edit", do_edit},       {"export", do_export},
    {"import", do_import}, {"list", do_list},       {"restore", do_restore},
    {"show", do_show},     {"template", do_template}, {"void", do_void},
  };
  return cli_verbs(name, verbs, ARRAY_SIZE(verbs), reg_find(name), argc,
                   argv);
}
