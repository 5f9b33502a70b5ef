/* help.c: the commands' help, printed from the tables of help_data.c in
 * the command line's language, and the nearest name to a misspelt one. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

/* The placeholders of synopses and option names, translated word by
 * word: "--village CODE" is "--village 代码" in Chinese. */
static const char *const metavars[][2] = {
  {"AMOUNT", N_("AMOUNT")},     {"APP", N_("APP")},
  {"BODY", N_("BODY")},         {"DECISION", N_("DECISION")},
  {"KIND", N_("KIND")},         {"STEP", N_("STEP")},
  {"CODE", N_("CODE")},         {"COMMAND", N_("COMMAND")},
  {"COUNT", N_("COUNT")},
  {"D", N_("D")},               {"DATE", N_("DATE")},
  {"DIR", N_("DIR")},           {"FILE", N_("FILE")},
  {"HEAD", N_("HEAD")},         {"KEY", N_("KEY")},
  {"LOAN", N_("LOAN")},         {"METHOD", N_("METHOD")}, {"MONTH", N_("MONTH")},
  {"N", N_("N")},               {"NAME", N_("NAME")},
  {"PCT", N_("PCT")},           {"PLACE", N_("PLACE")},
  {"REF", N_("REF")},
  {"REGISTER", N_("REGISTER")}, {"TEXT", N_("TEXT")},
  {"TYPE", N_("TYPE")},         {"V", N_("V")},
  {"VALUE", N_("VALUE")},       {"VERB", N_("VERB")},
  {"Y", N_("Y")},
};

/* text with its placeholders translated, into sb. */
static const char *placeholders(sbuf *sb, const char *text)
{
  sb_reset(sb);
  const char *p = text;
  while(*p) {
    size_t n = 0;
    while(p[n] >= 'A' && p[n] <= 'Z')
      n++;
    int word = n && (p == text || !(p[-1] >= 'a' && p[-1] <= 'z')) &&
               !(p[n] >= 'a' && p[n] <= 'z');
    const char *to = NULL;
    for(size_t i = 0; word && i < ARRAY_SIZE(metavars); i++)
      if(strlen(metavars[i][0]) == n && !strncmp(p, metavars[i][0], n))
        to = _(metavars[i][1]);
    if(to) {
      sb_addstr(sb, to);
      p += n;
    } else if(n) {
      sb_addf(sb, "%.*s", (int)n, p);
      p += n;
    } else
      sb_addch(sb, *p++);
  }
  return sb->buf ? sb->buf : "";
}

const help_cmd *help_cmd_find(const char *name)
{
  for(size_t i = 0; name && i < help_ncmds; i++)
    if(!strcmp(help_cmds[i].name, name))
      return &help_cmds[i];
  return NULL;
}

const help_verb *help_verb_find(const help_cmd *c, const char *verb)
{
  const help_verb *const tables[] = {c ? c->verbs : NULL, c ? c->more : NULL};
  for(size_t t = 0; t < ARRAY_SIZE(tables); t++)
    for(const help_verb *v = tables[t]; v && v->verb; v++)
      if(!strcmp(v->verb, verb))
        return v;
  return NULL;
}

const char **help_verb_names(const help_cmd *c, size_t *n)
{
  const char **out = xcalloc(64, sizeof *out);
  *n = 0;
  const help_verb *const tables[] = {c ? c->verbs : NULL, c ? c->more : NULL};
  for(size_t t = 0; t < ARRAY_SIZE(tables); t++)
    for(const help_verb *v = tables[t]; v && v->verb && *n < 64; v++)
      if(*v->verb)
        out[(*n)++] = v->verb;
  return out;
}

/* Edit distance with adjacent transpositions (optimal string alignment),
 * byte by byte: the names are ASCII. */
static size_t distance(const char *a, const char *b)
{
  size_t la = strlen(a), lb = strlen(b);
  if(la > 63 || lb > 63)
    return (size_t)-1;
  size_t d[64][64];
  for(size_t i = 0; i <= la; i++)
    d[i][0] = i;
  for(size_t j = 0; j <= lb; j++)
    d[0][j] = j;
  for(size_t i = 1; i <= la; i++)
    for(size_t j = 1; j <= lb; j++) {
      size_t cost = a[i - 1] != b[j - 1];
      size_t m = d[i - 1][j] + 1;
      if(d[i][j - 1] + 1 < m)
        m = d[i][j - 1] + 1;
      if(d[i - 1][j - 1] + cost < m)
        m = d[i - 1][j - 1] + cost;
      if(i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
         d[i - 2][j - 2] + 1 < m)
        m = d[i - 2][j - 2] + 1;
      d[i][j] = m;
    }
  return d[la][lb];
}

const char *nearest(const char *word, const char *const *cand, size_t n)
{
  const char *best = NULL;
  size_t bd = (size_t)-1;
  for(size_t i = 0; i < n; i++) {
    size_t d = distance(word, cand[i]);
    if(d < bd) {
      bd = d;
      best = cand[i];
    }
  }
  /* Near enough: one slip in a short name, two in a longer one, and
   * never most of the word. */
  size_t len = strlen(word), most = len >= 5 ? 2 : 1;
  return best && bd <= most && bd * 2 < len ? best : NULL;
}

/* One line of a list: name in a column wide enough, then text, its
 * further lines under the first. */
static void item(FILE *fp, const char *name, const char *text, size_t col)
{
  size_t w = display_width(name);
  fprintf(fp, "  %s", name);
  if(w + 2 > col) {
    fputc('\n', fp);
    w = 0;
    for(size_t k = 0; k < col + 2; k++)
      fputc(' ', fp);
  } else
    for(size_t k = w; k < col; k++)
      fputc(' ', fp);
  for(const char *p = text; *p; p++) {
    fputc(*p, fp);
    if(*p == '\n' && p[1])
      for(size_t k = 0; k < col + 2; k++)
        fputc(' ', fp);
  }
  fputc('\n', fp);
}

/* text with the register's {cmd} {file} {code} {add} {edit}. */
static void examples(FILE *fp, const help_cmd *c, const char *text)
{
  const char *const keys[][2] = {{"{cmd}", c->name}, {"{file}", c->file},
                                 {"{code}", c->code}, {"{add}", c->add},
                                 {"{edit}", c->edit}};
  fputs("  ", fp);
  for(const char *p = text; *p;) {
    size_t i = 0;
    for(; i < ARRAY_SIZE(keys); i++)
      if(keys[i][1] && !strncmp(p, keys[i][0], strlen(keys[i][0])))
        break;
    if(i < ARRAY_SIZE(keys)) {
      fputs(keys[i][1], fp);
      p += strlen(keys[i][0]);
      continue;
    }
    fputc(*p, fp);
    if(*p++ == '\n' && *p)
      fputs("  ", fp);
  }
  if(text[strlen(text) - 1] != '\n')
    fputc('\n', fp);
}

/* "sanzi CMD VERB SYNOPSIS" in sb. */
static const char *usage_line(sbuf *sb, const help_cmd *c,
                              const help_verb *v)
{
  sbuf t;
  sb_init(&t);
  sb_reset(sb);
  sb_addf(sb, "sanzi %s%s%s%s%s", c->name, *v->verb ? " " : "", v->verb,
          *v->synopsis ? " " : "", placeholders(&t, v->synopsis));
  sb_free(&t);
  return sb->buf;
}

static void print_verb(FILE *fp, const help_cmd *c, const help_verb *v)
{
  sbuf sb, t;
  sb_init(&sb);
  sb_init(&t);
  fprintf(fp, _("usage: %s\n"), usage_line(&sb, c, v));
  fprintf(fp, "\n%s\n", _(v->what));
  if(v->opts[0].name) {
    size_t col = 0;
    for(const help_opt *o = v->opts; o < v->opts + 16 && o->name; o++) {
      size_t w = display_width(placeholders(&t, o->name)) + 2;
      if(w > col)
        col = w;
    }
    if(col > 26)
      col = 26;
    fprintf(fp, "\n%s\n", _("options:"));
    for(const help_opt *o = v->opts; o < v->opts + 16 && o->name; o++)
      item(fp, placeholders(&t, o->name), _(o->text), col);
  }
  if(v->examples) {
    fprintf(fp, "\n%s\n", _("examples:"));
    examples(fp, c, v->examples);
  }
  if(v->refuses)
    fprintf(fp, "\n%s\n", _(v->refuses));
  sb_free(&sb);
  sb_free(&t);
}

/* The first sentence of text, on one line. */
static const char *first_sentence(sbuf *sb, const char *text)
{
  sb_reset(sb);
  for(const char *p = text; *p; p++) {
    if(*p == '\n') {
      /* a line of Chinese goes on without a space */
      if(p > text && !((unsigned char)p[-1] & 0x80))
        sb_addch(sb, ' ');
      continue;
    }
    sb_addch(sb, *p);
    if(*p == '.' && (!p[1] || p[1] == ' ' || p[1] == '\n'))
      break;
    if(!strncmp(p - 2 >= text ? p - 2 : p, "。", 3) && p - 2 >= text)
      break;
  }
  return sb->buf ? sb->buf : "";
}

/* The list of a command's verbs: each one's usage and first line. */
static void print_verbs(FILE *fp, const help_cmd *c, int skip_self)
{
  sbuf sb, first;
  sb_init(&sb);
  sb_init(&first);
  const help_verb *const tables[] = {c->verbs, c->more};
  size_t col = 0;
  for(size_t t = 0; t < ARRAY_SIZE(tables); t++)
    for(const help_verb *v = tables[t]; v && v->verb; v++)
      if(display_width(v->verb) + 2 > col)
        col = display_width(v->verb) + 2;
  for(size_t t = 0; t < ARRAY_SIZE(tables); t++)
    for(const help_verb *v = tables[t]; v && v->verb; v++) {
      if(skip_self && !*v->verb)
        continue;
      item(fp, *v->verb ? v->verb : c->name,
           first_sentence(&first, _(v->what)), col);
    }
  sb_free(&sb);
  sb_free(&first);
}

static void print_cmd(FILE *fp, const help_cmd *c)
{
  const help_verb *self = help_verb_find(c, "");
  if(self) {
    /* log, init, summary ...: the command's own help, then its verbs */
    print_verb(fp, c, self);
    if(self[1].verb || c->more) {
      fprintf(fp, "\n%s\n", _("verbs:"));
      print_verbs(fp, c, 1);
      fprintf(fp, "\n");
      fprintf(fp, _("Each verb has its own help: sanzi %s VERB --help\n"),
              c->name);
    }
    return;
  }
  sbuf sb;
  sb_init(&sb);
  const char *u = _("usage: %s\n");
  size_t indent = display_width(u) - display_width("%s\n");
  const help_verb *const tables[] = {c->verbs, c->more};
  int first = 1;
  for(size_t t = 0; t < ARRAY_SIZE(tables); t++)
    for(const help_verb *v = tables[t]; v && v->verb; v++) {
      if(first)
        fprintf(fp, u, usage_line(&sb, c, v));
      else
        fprintf(fp, "%*s%s\n", (int)indent, "", usage_line(&sb, c, v));
      first = 0;
    }
  fprintf(fp, "\n%s\n\n%s\n", _(c->summary), _("verbs:"));
  print_verbs(fp, c, 0);
  if(c->notes)
    fprintf(fp, "\n%s\n", _(c->notes));
  fprintf(fp, "\n");
  fprintf(fp, _("Each verb has its own help: sanzi %s VERB --help\n"),
          c->name);
  sb_free(&sb);
}

int help_print(FILE *fp, const char *what)
{
  char name[64];
  snprintf(name, sizeof name, "%s", what);
  char *sp = strchr(name, ' ');
  if(sp)
    *sp++ = 0;
  const help_cmd *c = help_cmd_find(name);
  if(!c)
    return -1;
  if(!sp) {
    print_cmd(fp, c);
    return 0;
  }
  const help_verb *v = help_verb_find(c, sp);
  if(!v)
    return -1;
  print_verb(fp, c, v);
  return 0;
}

void help_print_all(FILE *fp)
{
  sbuf t;
  sb_init(&t);
  fprintf(fp, _("usage: %s\n"),
          placeholders(&t, "sanzi [--db FILE] [--user NAME] [--lang zh|en] "
                           "COMMAND ..."));
  fprintf(fp, "\n%s\n\n%s\n",
          _("The registry of village collective funds, assets and resources."),
          _("commands:"));
  for(size_t i = 0; i < help_ncmds; i++)
    item(fp, help_cmds[i].name, _(help_cmds[i].summary), 10);
  fprintf(fp, "\n%s\n",
          _("Database: --db, else $SANZI_DB, else ./sanzi.db. Operator: "
            "--user, else $SANZI_USER, else the login name.\n"
            "Language: --lang zh|en, else the locale's (Chinese unless it is "
            "English).\n"
            "Every command answers --help; sanzi help COMMAND [VERB] says the "
            "same."));
  sb_free(&t);
}
