/* cmd_register.c: the verbs every register has (template, import, export,
 * list, show, add, edit), written once over the register specs. */
#include "domain/registers.h"
#include "domain/asset.h"
#include "cli/cli.h"
#include "base/csvout.h"
#include "cli/commands.h"
#include "base/date.h"
#include "store/history.h"
#include "domain/import.h"
#include "base/money.h"
#include "store/record.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char register_usage[] =
    "usage: sanzi REGISTER template\n"
    "       sanzi REGISTER import FILE [--dry-run] [--update] "
    "[--encoding auto|utf-8|gb18030|utf-16]\n"
    "       sanzi REGISTER export [--village CODE|--township CODE] "
    "[--as-of DATE] [--no-bom] [--full-ids]\n"
    "       sanzi REGISTER list [--village CODE|--township CODE] "
    "[--format table|csv|json]\n"
    "       sanzi REGISTER show CODE [--as-of DATE]\n"
    "       sanzi REGISTER add KEY=VALUE...\n"
    "       sanzi REGISTER edit CODE KEY=VALUE...\n"
    "REGISTER is asset, resource, account, fund, loan or contract. KEY is the\n"
    "English key or the Chinese column name. Lists and exports show ID\n"
    "numbers masked; --full-ids (for auditors) exports them whole.\n"
    "'sanzi REGISTER template' shows the columns. A fund entry's CODE is\n"
    "<village>-<year>-<voucher>.\n"
    "Loans also have: sanzi loan interest LOAN ...; sanzi loan withdraw CODE "
    "--reason TEXT\n"
    "Contracts also have: sanzi contract schedule CODE [--as-of D]\n"
    "                     sanzi contract overdue [--as-of D] [--village CODE|"
    "--township CODE]\n";

static void progress(long long done, long long total, long rows)
{
  if(total > 0)
    fprintf(stderr, "\r%ld rows (%lld%%)", rows, done * 100 / total);
  else
    fprintf(stderr, "\r%ld rows", rows);
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
  const char *enc = args_value(a, "--encoding");
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
    usage_error(a, "unknown encoding '%s' (auto, utf-8, gb18030, utf-16)",
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
    errs_format(&res.errs, &e);
    fputs(e.buf ? e.buf : "", stderr);
    sb_free(&e);
    fprintf(stderr, "sanzi: '%s': nothing imported (%ld error%s)\n", o.file,
            res.nerrors, res.nerrors == 1 ? "" : "s");
  } else {
    fprintf(stderr,
            "%s '%s' (%s): %ld new, %ld updated, %ld unchanged %s rows%s\n",
            o.dry_run ? "checked" : "imported", o.file, res.encoding,
            res.inserted, res.updated, res.unchanged, r->name,
            o.dry_run ? "; nothing written (--dry-run)" : "");
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
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, o.village, o.township);
  if(d) {
    cli_date("--as-of", d, as_of);
    o.as_of = as_of;
  }
  int rc = reg_export(z, r, &o, stdout);
  if(rc)
    cli_fail(z, NULL);
  cli_close(z);
  return 0;
}

static int do_template(args *a, const void *ctx)
{
  const reg *r = ctx;
  int n;
  free(args_rest(a, 0, 0, &n));
  fputs("\xef\xbb\xbf", stdout);
  reg_template(r, stdout);
  return 0;
}

static int do_list(args *a, const void *ctx)
{
  const reg *r = ctx;
  const char *village = args_value(a, "--village");
  const char *township = args_value(a, "--township");
  static const char *const formats[] = {"table", "csv", "json", NULL};
  const char *fmt = args_choice(a, "--format", formats);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, village, township);
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, scope_where(village, township));
  sb_addstr(&sql, " ORDER BY id");
  sqlite3_stmt *st = db_prepare(z, sql.buf);
  if(village || township)
    sqlite3_bind_text(st, 1, village ? village : township, -1, SQLITE_STATIC);
  int cols[64], nc = 0;
  const char *hdr[64];
  for(int i = 0; i < r->nfields && nc < 64; i++)
    if(r->fields[i].flags & F_LIST) {
      cols[nc] = i;
      hdr[nc++] = r->fields[i].zh;
    }
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  sbuf cell[64];
  for(int i = 0; i < nc; i++)
    sb_init(&cell[i]);
  table *t = NULL;
  if(!strcmp(fmt, "table"))
    t = table_new(stdout, nc, hdr);
  else if(!strcmp(fmt, "csv")) {
    for(int i = 0; i < nc; i++)
      csvout_field(stdout, hdr[i], strlen(hdr[i]), i == 0);
    csvout_endrow(stdout);
  } else
    fputs("[", stdout);
  long rows = 0;
  sbuf canon;
  sb_init(&canon);
  char *mask = xcalloc((size_t)r->nfields, 19);
  while(db_step(z, st) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    reg_mask(r, v, mask);
    if(!strcmp(fmt, "json")) {
      /* Every field by its key; amounts as exact decimal numbers. */
      sb_reset(&canon);
      sb_addstr(&canon, "{\"id\":");
      sb_addf(&canon, "%lld", (long long)sqlite3_column_int64(st, 0));
      for(int i = 0; i < r->nfields; i++) {
        const field *f = &r->fields[i];
        if(f->type == F_DERIVED)
          continue;
        sb_addch(&canon, ',');
        json_string(&canon, f->key, strlen(f->key));
        sb_addch(&canon, ':');
        if(v[i].t == V_NULL)
          sb_addstr(&canon, "null");
        else if(v[i].t == V_TEXT)
          json_string(&canon, v[i].s, v[i].n);
        else
          reg_format(f, &v[i], &canon);
      }
      sb_addch(&canon, '}');
      printf("%s\n%s", rows ? "," : "", canon.buf);
      rows++;
      continue;
    }
    const char *cells[64];
    for(int i = 0; i < nc; i++) {
      sb_reset(&cell[i]);
      if(t)
        reg_format_grouped(&r->fields[cols[i]], &v[cols[i]], &cell[i]);
      else
        reg_format(&r->fields[cols[i]], &v[cols[i]], &cell[i]);
      cells[i] = cell[i].buf ? cell[i].buf : "";
    }
    if(t)
      table_row(t, cells);
    else {
      for(int i = 0; i < nc; i++)
        csvout_field(stdout, cells[i], strlen(cells[i]), i == 0);
      csvout_endrow(stdout);
    }
    rows++;
  }
  if(t)
    table_end(t);
  if(!strcmp(fmt, "json"))
    fputs(rows ? "\n]\n" : "]\n", stdout);
  for(int i = 0; i < nc; i++)
    sb_free(&cell[i]);
  sb_free(&canon);
  sb_free(&sql);
  free(mask);
  free(v);
  sqlite3_finalize(st);
  cli_close(z);
  return 0;
}

/* KEY=VALUE arguments into cells by field; exits on a bad key. */
static void pairs_to_cells(const reg *r, args *a, char **pos, int from, int n,
                           const char **cells, size_t *lens, int editing)
{
  for(int i = from; i < n; i++) {
    char *eq = strchr(pos[i], '=');
    if(!eq)
      usage_error(a, "'%s' is not KEY=VALUE", pos[i]);
    int fi = reg_match_header(r, pos[i], (size_t)(eq - pos[i]));
    if(fi < 0) {
      char *acc = reg_accepted_names(r);
      die(1, "unknown field '%.*s'; accepted: %s", (int)(eq - pos[i]), pos[i],
          acc);
    }
    if(r->fields[fi].type == F_DERIVED)
      die(1, "%s: computed, not entered", r->fields[fi].zh);
    if(editing && (r->fields[fi].flags & F_FIXED))
      die(1, "%s: cannot be changed once registered", r->fields[fi].zh);
    if(!text_valid_utf8(eq + 1, strlen(eq + 1)))
      die(1, "%s: not valid UTF-8 text", r->fields[fi].zh);
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
  if(c->errs.total > (long)c->errs.n)
    fprintf(stderr, "sanzi: ... and %ld more errors\n",
            c->errs.total - (long)c->errs.n);
  sb_free(&line);
}

static int write_one(sz *z, regctx *c, val *v, int mode)
{
  if(reg_nerrors(c)) {
    print_errors(c);
    return 1;
  }
  if(db_begin(z))
    cli_fail(z, NULL);
  int64_t id;
  int upd;
  int bad = reg_write(c, v, mode, 0, &id, &upd);
  if(db_end(z, !bad) && !bad)
    cli_fail(z, NULL);
  if(bad) {
    print_errors(c);
    return 1;
  }
  return upd == 2 ? 3 : 0;
}

static int do_add(args *a, const void *ctx)
{
  const reg *r = ctx;
  int n;
  char **pos = args_rest(a, 1, -1, &n);
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  pairs_to_cells(r, a, pos, 0, n, cells, lens, 0);
  sz *z = cli_db();
  regctx *c = reg_open(z, r);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  if(!reg_parse(c, cells, lens, v))
    reg_check(c, v);
  int rc = write_one(z, c, v, 0);
  if(rc == 0) {
    int ci = reg_field(r, "code");
    printf("%.*s\n", (int)v[ci].n, v[ci].s);
  }
  reg_close(c);
  cli_close(z);
  free(v);
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
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int64_t id;
  if(!reg_load(c, pos[0], &id, v))
    die(1, "no %s with code '%s'", r->name, pos[0]);
  /* The stored row as text, as an export would write it. */
  sbuf *text = xcalloc((size_t)r->nfields, sizeof *text);
  const char **cells = xcalloc((size_t)r->nfields, sizeof *cells);
  size_t *lens = xcalloc((size_t)r->nfields, sizeof *lens);
  for(int i = 0; i < r->nfields; i++) {
    reg_format(&r->fields[i], &v[i], &text[i]);
    cells[i] = text[i].buf;
    lens[i] = text[i].len;
  }
  pairs_to_cells(r, a, pos, 1, n, cells, lens, 1);
  if(!reg_parse(c, cells, lens, v))
    reg_check(c, v);
  int ci = reg_field(r, "code");
  if(!reg_nerrors(c) &&
     (v[ci].n != strlen(pos[0]) || memcmp(v[ci].s, pos[0], v[ci].n)))
    die(1, "日期: the year cannot change: voucher numbers run within a year "
           "(%s would become %.*s)", pos[0], (int)v[ci].n, v[ci].s);
  int rc = write_one(z, c, v, 2);
  if(rc == 3)
    fprintf(stderr, "%s: nothing changed\n", pos[0]);
  for(int i = 0; i < r->nfields; i++)
    sb_free(&text[i]);
  free(text);
  free(cells);
  free(lens);
  free(v);
  free(pos);
  reg_close(c);
  cli_close(z);
  return rc == 1 ? 1 : 0;
}

void show_history(sz *z, const reg *r, int64_t id, const char *code)
{
  printf("\nhistory:\n");
  sqlite3_stmt *st = db_prepare(
      z, "SELECT h.id, h.at, h.operator, h.action, h.new, s.old, s.old_log "
         "FROM history h LEFT JOIN superseded s ON s.log_id = h.id "
         "AND s.tbl = ?1 AND s.row_id = ?2 "
         "WHERE h.tbl = ?1 AND (h.key = ?3 OR s.row_id IS NOT NULL "
         "OR h.id IN (SELECT old_log FROM superseded WHERE tbl = ?1 AND "
         "row_id = ?2) OR h.id = ?4) ORDER BY h.id");
  sqlite3_bind_text(st, 1, r->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 2, id);
  sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
  char sql[128];
  snprintf(sql, sizeof sql, "SELECT log_id FROM \"%s\" WHERE id = ?1",
           r->name);
  sqlite3_stmt *cur = db_prepare(z, sql);
  sqlite3_bind_int64(cur, 1, id);
  int64_t curlog = db_step(z, cur) == SQLITE_ROW ? sqlite3_column_int64(cur, 0)
                                                   : 0;
  sqlite3_finalize(cur);
  sqlite3_bind_int64(st, 4, curlog);
  sqlite3_stmt *diff = db_prepare(
      z, "SELECT o.key, o.value, n.value FROM json_each(?1) o "
         "JOIN json_each(?2) n ON n.key = o.key WHERE o.value IS NOT n.value");
  while(db_step(z, st) == SQLITE_ROW) {
    const char *action = (const char *)sqlite3_column_text(st, 3);
    printf("  #%lld %s %s %s", (long long)sqlite3_column_int64(st, 0),
           sqlite3_column_text(st, 1), sqlite3_column_text(st, 2), action);
    if(!strcmp(action, "import"))
      printf(" %s", sqlite3_column_text(st, 4));
    putchar('\n');
    if(sqlite3_column_type(st, 5) != SQLITE_NULL) {
      /* Changed fields: this entry's old row against the next version. */
      sqlite3_stmt *nx = db_prepare(
          z, "SELECT old FROM superseded WHERE tbl = ?1 AND row_id = ?2 AND "
             "log_id > ?3 ORDER BY log_id LIMIT 1");
      sqlite3_bind_text(nx, 1, r->name, -1, SQLITE_STATIC);
      sqlite3_bind_int64(nx, 2, id);
      sqlite3_bind_int64(nx, 3, sqlite3_column_int64(st, 0));
      char *next = NULL;
      if(db_step(z, nx) == SQLITE_ROW)
        next = xstrdup((const char *)sqlite3_column_text(nx, 0));
      sqlite3_finalize(nx);
      if(!next) {
        /* The current row. */
        sbuf q, cn;
        sb_init(&q);
        sb_init(&cn);
        reg_select_sql(r, &q);
        sb_addstr(&q, " WHERE id = ?1");
        sqlite3_stmt *cs = db_prepare(z, q.buf);
        sqlite3_bind_int64(cs, 1, id);
        if(db_step(z, cs) == SQLITE_ROW) {
          val *v = xcalloc((size_t)r->nfields, sizeof *v);
          reg_row_from_stmt(r, cs, 2, v);
          reg_canon(r, id, v, &cn);
          free(v);
        }
        sqlite3_finalize(cs);
        sb_free(&q);
        next = sb_detach(&cn);
      }
      sqlite3_bind_text(diff, 1, (const char *)sqlite3_column_text(st, 5), -1,
                        SQLITE_TRANSIENT);
      sqlite3_bind_text(diff, 2, next, -1, SQLITE_TRANSIENT);
      while(db_step(z, diff) == SQLITE_ROW) {
        /* Canonical rows are arrays: [id, stored fields in spec order]. */
        int pos = sqlite3_column_int(diff, 0), fi = -1;
        for(int k = 0, seen = 0; k < r->nfields && pos > 0; k++)
          if(r->fields[k].type != F_DERIVED && ++seen == pos)
            fi = k;
        const char *key = "id";
        sbuf was, now;
        sb_init(&was);
        sb_init(&now);
        for(int k = 1; k <= 2; k++) {
          sbuf *out = k == 1 ? &was : &now;
          val x = {V_NULL, 0, NULL, 0};
          if(sqlite3_column_type(diff, k) == SQLITE_INTEGER) {
            x.t = V_INT;
            x.i = sqlite3_column_int64(diff, k);
          } else if(sqlite3_column_type(diff, k) != SQLITE_NULL) {
            x.t = V_TEXT;
            x.s = (const char *)sqlite3_column_text(diff, k);
            x.n = (size_t)sqlite3_column_bytes(diff, k);
          }
          if(x.t == V_NULL)
            sb_addstr(out, "(empty)");
          else if(fi >= 0)
            reg_format_grouped(&r->fields[fi], &x, out);
          else
            sb_add(out, x.s ? x.s : "", x.n);
        }
        printf("      %s: %s -> %s\n", fi >= 0 ? r->fields[fi].zh : key,
               was.buf, now.buf);
        sb_free(&was);
        sb_free(&now);
      }
      sqlite3_reset(diff);
      free(next);
    }
  }
  sqlite3_finalize(diff);
  sqlite3_finalize(st);
}

static int do_show(args *a, const void *ctx)
{
  const reg *r = ctx;
  char as_of[11];
  args_date(a, "--as-of", 1, as_of);
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  regctx *c = reg_open(z, r);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int64_t id;
  if(!reg_load(c, pos[0], &id, v))
    die(1, "no %s with code '%s'", r->name, pos[0]);
  sbuf cell;
  sb_init(&cell);
  for(int i = 0; i < r->nfields; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    sb_reset(&cell);
    reg_format_grouped(&r->fields[i], &v[i], &cell);
    printf("%s (%s): %s\n", r->fields[i].zh, r->fields[i].key,
           cell.buf ? cell.buf : "");
  }
  if(!strcmp(r->name, "asset")) {
    char through[8], b1[32], b2[32];
    int64_t acc;
    asset_defaults *dflt = asset_defaults_load(z);
    asset_depreciation(dflt, v, as_of, &acc, through);
    asset_defaults_free(dflt);
    int64_t orig = v[reg_field(r, "original_value")].i;
    printf("\nas of %s:\n  累计折旧 (accumulated): %s\n  净值 (net value): %s\n",
           as_of, money_format_grouped(acc, b1),
           money_format_grouped(orig - acc, b2));
  }
  if(!strcmp(r->name, "loan"))
    loan_show_payments(z, pos[0]);
  show_history(z, r, id, pos[0]);
  sb_free(&cell);
  free(v);
  free(pos);
  reg_close(c);
  cli_close(z);
  return 0;
}

int cmd_register(const char *name, int argc, char **argv)
{
  static const verb verbs[] = {
    {"add", do_add},       {"edit", do_edit},     {"export", do_export},
    {"import", do_import}, {"list", do_list},     {"show", do_show},
    {"template", do_template},
  };
  return cli_verbs(name, verbs, ARRAY_SIZE(verbs), register_usage,
                   reg_find(name), argc, argv);
}
