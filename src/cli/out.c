/* out.c: the views on stdout, one renderer per format: the aligned table
 * (with the commands' layouts for the parts of a show), CSV and JSON. */
#include "cli/cli.h"
#include "base/text.h"
#include "base/csvout.h"
#include "base/money.h"
#include "base/tz.h"
#include "store/spec.h"
#include "domain/workbook.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const out_formats[] = {"table", "csv", "json", NULL};
const char *const out_formats_xlsx[] = {"table", "csv", "json", "xlsx", NULL};
int cli_keys;

void out_field(const char *indent, const char *zh, const char *key,
               const char *value)
{
  if(cli_lang == LANG_EN || cli_keys)
    printf("%s%s (%s): %s\n", indent, zh, key, value);
  else
    printf("%s%s：%s\n", indent, zh, value);
}

const char *out_cell(int kind, const acell *c, int grouped, char *buf)
{
  return cell_format(kind, c, grouped, cli_lang, buf);
}

static void json_value(sbuf *sb, int kind, const acell *c)
{
  cell_json(sb, kind, c);
}

static const char *txt(const acell *c)
{
  return c->null || !c->s ? "" : c->s;
}

/* Cell i as people read it (the table and show formats): its control
 * characters escaped, so that a value stored before sanzi refused them (a
 * name holding a newline or a terminal escape sequence) can neither break
 * the layout nor drive the terminal. s itself when it has none. */
static const char *for_people(out *o, int i, const char *s)
{
  size_t n = strlen(s);
  if(!text_has_controls(s, n))
    return s;
  sb_reset(&o->esc[i]);
  text_escape_controls(s, n, &o->esc[i]);
  return o->esc[i].buf;
}

static const layout *find_layout(const out *o, const char *key)
{
  static const layout rows = {NULL, SHOW_ROWS, NULL, NULL, NULL, NULL, 0,
                              NULL, NULL};
  for(int i = 0; i < o->nlay; i++)
    if(!strcmp(o->lay[i].part, key))
      return &o->lay[i];
  return &rows;
}

/* Table format: what comes before the part's first row (its heading and,
 * for a table, the table). */
static void first_row(out *o)
{
  if(o->cur->heading)
    fputs(_(o->cur->heading), stdout);
  if(o->cur->form == SHOW_ROWS) {
    for(int i = 0; i < o->t->ncols; i++)
      o->cells[i] = o->t->cols[i].zh;
    o->tb = table_new(stdout, o->t->ncols, o->cells);
  }
}

/* OUT_XLSX: the workbook's sink, its message copied. */
static int wb_call(out *o, int rc)
{
  if(rc)
    snprintf(o->s.err, sizeof o->s.err, "%s", o->wb->s.err);
  return rc;
}

static int out_begin(asink *s, const atable *t)
{
  out *o = (out *)s;
  if(o->fmt == OUT_XLSX) {
    o->nparts++;
    return wb_call(o, o->wb->s.begin(&o->wb->s, t));
  }
  const char *key = atable_key(t);
  sb_addf(&o->seen, "%s%s", o->seen.len ? _(", ") : "", key);
  if(o->part)
    o->on = !strcmp(key, o->part);
  else
    o->on = o->fmt != OUT_CSV || o->nparts == 0;
  if(!o->on)
    return 0;
  o->t = t;
  o->nrows = 0;
  o->tb = NULL;
  o->buf = xcalloc((size_t)t->ncols, sizeof *o->buf);
  o->esc = xcalloc((size_t)t->ncols, sizeof *o->esc);
  o->cells = xcalloc((size_t)t->ncols, sizeof *o->cells);
  if(o->fmt == OUT_CSV) {
    for(int i = 0; i < t->ncols; i++)
      csvout_field(stdout, t->cols[i].zh, strlen(t->cols[i].zh), i == 0);
    csvout_endrow(stdout);
  } else if(o->fmt == OUT_JSON) {
    if(o->multi && !o->part) {
      sb_reset(&o->line);
      json_string(&o->line, key, strlen(key));
      printf("%s\n%s:[", o->nparts ? "," : "{", o->line.buf);
    } else
      fputs("[", stdout);
  } else
    o->cur = find_layout(o, key);
  o->nparts++;
  return 0;
}

/* An import's note, {"file":"a.csv","inserted":2,"updated":0}, in words
 * (Chinese; English shows it as it is, as before). */
static const char *import_note(sbuf *sb, const char *note)
{
  const char *p = note;
  if(cli_lang == LANG_EN || strncmp(p, "{\"file\":\"", 9))
    return note;
  sbuf file;
  sb_init(&file);
  for(p += 9; *p && *p != '"'; p++) {
    if(*p == '\\' && p[1])
      p++; /* \" and \\ (a \uXXXX keeps its digits) */
    sb_addch(&file, *p);
  }
  long ins, upd;
  int end = 0;
  if(*p != '"' || sscanf(p, "\",\"inserted\":%ld,\"updated\":%ld}%n", &ins,
                         &upd, &end) != 2 || p[end]) {
    sb_free(&file);
    return note;
  }
  sb_reset(sb);
  sb_addf(sb, _("'%s': %ld new, %ld updated"), file.buf ? file.buf : "", ins,
          upd);
  sb_free(&file);
  return sb->buf;
}

static void history_row(out *o, const acell *c)
{
  if(o->nrows == 1 || c[0].i != o->entry) {
    char at[48], act[48];
    printf("  #%lld %s %s %s", (long long)c[0].i,
           out_cell(o->t->cols[1].kind, &c[1], 1, at),
           for_people(o, 2, txt(&c[2])),
           out_cell(o->t->cols[3].kind, &c[3], 1, act));
    /* The change log's entries say which table and record. */
    for(int i = 9; i < 11 && i < o->t->ncols; i++)
      if(!c[i].null)
        printf(" %s", for_people(o, i, out_cell(o->t->cols[i].kind, &c[i], 1,
                                                 o->buf[i])));
    if(!c[4].null)
      printf(" %s", for_people(o, 4, import_note(&o->line, txt(&c[4]))));
    putchar('\n');
    o->entry = c[0].i;
  }
  if(!c[5].null)
    printf(_("      %s: %s -> %s\n"), for_people(o, 5, txt(&c[5])),
           c[7].null ? _("(empty)") : for_people(o, 7, txt(&c[7])),
           c[8].null ? _("(empty)") : for_people(o, 8, txt(&c[8])));
}

static int out_row(asink *s, const acell *c)
{
  out *o = (out *)s;
  if(o->fmt == OUT_XLSX) {
    o->nrows++;
    return wb_call(o, o->wb->s.row(&o->wb->s, c));
  }
  if(!o->on)
    return 0;
  const atable *t = o->t;
  o->nrows++;
  if(o->fmt == OUT_CSV) {
    for(int i = 0; i < t->ncols; i++) {
      const char *x = out_cell(t->cols[i].kind, &c[i], 0, o->buf[i]);
      if(kind_text(t->cols[i].kind))
        csvout_text(stdout, x, strlen(x), i == 0);
      else
        csvout_field(stdout, x, strlen(x), i == 0);
    }
    csvout_endrow(stdout);
    return 0;
  }
  if(o->fmt == OUT_JSON) {
    sb_reset(&o->line);
    sb_addch(&o->line, '{');
    for(int i = 0; i < t->ncols; i++) {
      const char *k = acol_key(t, i);
      if(i)
        sb_addch(&o->line, ',');
      json_string(&o->line, k, strlen(k));
      sb_addch(&o->line, ':');
      json_value(&o->line, t->cols[i].kind, &c[i]);
    }
    sb_addch(&o->line, '}');
    printf("%s\n%s", o->nrows > 1 ? "," : "", o->line.buf);
    return 0;
  }
  if(o->nrows == 1)
    first_row(o);
  switch(o->cur->form) {
  case SHOW_ROWS:
    for(int i = 0; i < t->ncols; i++)
      o->cells[i] =
          for_people(o, i, out_cell(t->cols[i].kind, &c[i], 1, o->buf[i]));
    table_row(o->tb, o->cells);
    break;
  case SHOW_FIELDS:
    for(int i = 0; i < t->ncols; i++)
      if(!c[i].null || !o->cur->skip_null)
        out_field(o->cur->indent ? o->cur->indent : "", t->cols[i].zh,
                  acol_key(t, i),
                  for_people(o, i, out_cell(t->cols[i].kind, &c[i], 1,
                                            o->buf[i])));
    break;
  case SHOW_HISTORY:
    history_row(o, c);
    break;
  default:
    o->cur->each(t, c, o->cur->ctx);
  }
  return 0;
}

static int out_end(asink *s)
{
  out *o = (out *)s;
  if(o->fmt == OUT_XLSX)
    return wb_call(o, o->wb->s.end(&o->wb->s));
  if(!o->on)
    return 0;
  if(o->fmt == OUT_JSON)
    fputs(o->nrows ? (o->multi && !o->part ? "\n]" : "\n]\n")
                   : (o->multi && !o->part ? "]" : "]\n"),
          stdout);
  else if(o->fmt == OUT_TABLE) {
    if(!o->nrows && o->cur->empty)
      fputs(_(o->cur->empty), stdout);
    else {
      if(!o->nrows)
        first_row(o);
      if(o->tb)
        table_end(o->tb);
      if(!o->nrows && o->cur->none)
        fputs(_(o->cur->none), stdout);
    }
  }
  o->tb = NULL;
  for(int i = 0; i < o->t->ncols; i++)
    sb_free(&o->esc[i]);
  free(o->esc);
  free(o->buf);
  free(o->cells);
  o->esc = NULL;
  o->buf = NULL;
  o->cells = NULL;
  o->on = 0;
  return 0;
}

void out_init(out *o, args *a, const char *const *formats, int multi)
{
  memset(o, 0, sizeof *o);
  o->s.begin = out_begin;
  o->s.row = out_row;
  o->s.end = out_end;
  int given = 0; /* --format was given (looked at, not taken) */
  for(int i = 0; i < a->argc && strcmp(a->argv[i], "--"); i++)
    given |= !a->used[i] && (!strcmp(a->argv[i], "--format") ||
                             !strncmp(a->argv[i], "--format=", 9));
  const char *f = formats ? args_choice(a, "--format", formats) : "table";
  o->fmt = !strcmp(f, "csv") ? OUT_CSV : !strcmp(f, "json") ? OUT_JSON
           : !strcmp(f, "xlsx")                             ? OUT_XLSX
                                                            : OUT_TABLE;
  int xlsx = 0;
  for(const char *const *p = formats; p && *p; p++)
    xlsx |= !strcmp(*p, "xlsx");
  if(xlsx) {
    /* --out FILE.xlsx chooses the workbook by itself. */
    o->file = args_value(a, "--out");
    size_t n = o->file ? strlen(o->file) : 0;
    if(!given && n > 5 && !strcasecmp(o->file + n - 5, ".xlsx"))
      o->fmt = OUT_XLSX;
    if(o->fmt == OUT_XLSX && !o->file)
      usage_error(a, "%s", _("--format xlsx: give the workbook's name with "
                             "--out FILE"));
    if(o->fmt != OUT_XLSX && o->file)
      usage_error(a, "%s", _("--out is for a workbook (--format xlsx); the "
                             "other formats go to standard output"));
  }
  o->multi = multi;
  if(multi) {
    o->part = args_value(a, "--part");
    cli_keys = args_flag(a, "--keys");
  }
  sb_init(&o->line);
  sb_init(&o->seen);
}

void out_layouts(out *o, const layout *l, int n)
{
  o->lay = l;
  o->nlay = n;
}

void out_workbook(out *o, sz *z, unsigned flags, const char *title,
                  const char *scope)
{
  if(o->fmt != OUT_XLSX)
    return;
  o->wb = xcalloc(1, sizeof *o->wb);
  if(wsink_open(o->wb, z, o->file, flags, title, scope))
    cli_fail(z, NULL);
}

void out_fail(out *o, sz *z)
{
  if(o->wb)
    wsink_close(o->wb, 0);
  cli_fail(z, NULL);
}

void out_done(out *o, args *a)
{
  if(o->wb) {
    sz *z = o->wb->z;
    if(wsink_close(o->wb, 1))
      cli_fail(z, NULL);
    fprintf(stderr, NG_("wrote '%s': %ld row\n", "wrote '%s': %ld rows\n",
                        o->nrows),
            o->file, o->nrows);
    free(o->wb);
    o->wb = NULL;
  }
  if(o->part && !o->nparts) {
    char seen[512];
    snprintf(seen, sizeof seen, "%s", o->seen.buf ? o->seen.buf : "");
    sb_free(&o->line);
    sb_free(&o->seen);
    usage_error(a, _("--part: no part '%s' (%s)"), o->part, seen);
  }
  if(o->fmt == OUT_JSON && o->multi && !o->part)
    fputs(o->nparts ? "\n}\n" : "{}\n", stdout);
  sb_free(&o->line);
  sb_free(&o->seen);
}

int out_show(args *a, const layout *l, int nl, const char *csv_part,
             int (*view)(sz *z, const char *code, asink *s))
{
  out o;
  out_init(&o, a, out_formats, 1);
  out_layouts(&o, l, nl);
  if(o.fmt == OUT_CSV && !o.part)
    o.part = csv_part;
  int n;
  char **pos = args_rest(a, 1, 1, &n);
  sz *z = cli_db();
  if(view(z, pos[0], &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  free(pos);
  cli_close(z);
  return 0;
}

int out_list(args *a, int (*view)(sz *z, const char *year, const char *village,
                                  const char *township, asink *s))
{
  const char *year = args_value(a, "--year");
  const char *vil = args_value(a, "--village");
  const char *town = args_value(a, "--township");
  out o;
  out_init(&o, a, out_formats, 0);
  int n;
  free(args_rest(a, 0, 0, &n));
  sz *z = cli_db();
  cli_scope(z, vil, town);
  if(view(z, year, vil, town, &o.s))
    cli_fail(z, NULL);
  out_done(&o, a);
  cli_close(z);
  return 0;
}
