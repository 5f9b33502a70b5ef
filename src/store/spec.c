/* spec.c: what is known of a register from its spec alone: field lookup,
 * the canonical form that is hashed and logged, formatting for export,
 * header matching, masking, reading a row from a statement. */
#include "store/spec.h"
#include "base/i18n.h"
#include "base/idnum.h"
#include "base/money.h"
#include "base/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *reg_key(const reg *r)
{
  int i = reg_field(r, "code");
  return r->fields[i >= 0 ? i : 0].key;
}

int spec_numeric(const field *f)
{
  switch(f->type) {
  case F_MONEY: case F_AREA: case F_QTY: case F_RATE: case F_INT:
  case F_DERIVED:
    return 1;
  default:
    return 0;
  }
}

size_t spec_max_chars(const field *f)
{
  switch(f->type) {
  case F_CODE: case F_ACCOUNT:
    return TEXT_ID_MAX;
  case F_TEXT:
    return f->flags & F_DIGITS ? TEXT_ID_MAX
           : f->flags & F_LONG ? TEXT_LONG_MAX
                               : TEXT_MAX;
  default:
    return 0;
  }
}

const char *spec_text_problem(int lang, size_t max, int lines, const char *s,
                              size_t n, char *buf, size_t len)
{
  textcheck t;
  switch(text_check(s, n, max, lines, &t)) {
  case TEXT_NOT_UTF8:
    snprintf(buf, len, "%s", tr(lang, "not valid UTF-8 text"));
    break;
  case TEXT_CONTROL:
    if(t.cp == '\n')
      snprintf(buf, len, tr(lang, "a line break at character %zu: this is "
                                  "one line of text"), t.at);
    else
      snprintf(buf, len, tr(lang, "a control character (U+%04X) at character "
                                  "%zu: a tab, an escape or the like is not "
                                  "allowed"), t.cp, t.at);
    break;
  case TEXT_LONG:
    snprintf(buf, len, tr(lang, "%zu characters long; at most %zu are "
                                "allowed"), t.chars, max);
    break;
  default:
    return NULL;
  }
  return buf;
}

int reg_field(const reg *r, const char *key)
{
  for(int i = 0; i < r->nfields; i++)
    if(!strcmp(r->fields[i].key, key))
      return i;
  return -1;
}

/* ---- canonical form and formatting ---- */

void json_string(sbuf *out, const char *s, size_t n)
{
  static const char hx[] = "0123456789abcdef";
  sb_grow(out, n + 2);
  out->buf[out->len++] = '"';
  size_t run = 0;
  for(size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if(ch >= 0x20 && ch != '"' && ch != '\\')
      continue;
    sb_add(out, s + run, i - run);
    run = i + 1;
    if(ch == '"' || ch == '\\') {
      char e[2] = {'\\', (char)ch};
      sb_add(out, e, 2);
    } else {
      char e[6] = {'\\', 'u', '0', '0', hx[ch >> 4], hx[ch & 15]};
      sb_add(out, e, 6);
    }
  }
  sb_add(out, s + run, n - run);
  sb_addch(out, '"');
}

static void json_int(sbuf *out, int64_t v)
{
  char buf[24];
  char *p = buf + sizeof buf;
  uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
  do {
    *--p = (char)('0' + u % 10);
    u /= 10;
  } while(u);
  if(v < 0)
    *--p = '-';
  sb_add(out, p, (size_t)(buf + sizeof buf - p));
}

void reg_canon(const reg *r, int64_t id, const val *v, sbuf *out)
{
  sb_addch(out, '[');
  json_int(out, id);
  /* The fields added by later migrations (F_ADDED, the void's F_VOID),
   * the last of the spec, are left out at the end while NULL: the rows
   * written before them prove as they were. */
  int end = r->nfields;
  while(end > 0 && (r->fields[end - 1].type == F_DERIVED ||
                    ((r->fields[end - 1].flags & (F_ADDED | F_VOID)) &&
                     v[end - 1].t == V_NULL)))
    end--;
  for(int i = 0; i < end; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    sb_addch(out, ',');
    if(v[i].t == V_INT)
      json_int(out, v[i].i);
    else if(v[i].t == V_TEXT)
      json_string(out, v[i].s, v[i].n);
    else
      sb_add(out, "null", 4);
  }
  sb_addch(out, ']');
}

static void format(const field *f, const val *v, sbuf *out, int grouped)
{
  char buf[48];
  if(v->t == V_TEXT) {
    sb_add(out, v->s, v->n);
    return;
  }
  if(v->t != V_INT)
    return;
  switch(f->type) {
  case F_MONEY:
  case F_DERIVED:
    sb_addstr(out, grouped ? money_format_grouped(v->i, buf)
                           : money_format(v->i, buf));
    break;
  case F_AREA:
  case F_QTY:
    sb_addstr(out, grouped ? area_format_grouped(v->i, buf)
                           : area_format(v->i, buf));
    break;
  case F_RATE:
    sb_addstr(out, rate_format(v->i, buf));
    /* Shown to people: say it is a percentage. In a file, a rate below 1%
     * carries its sign too, or the importer would take 0.5 for a slip. */
    if(grouped || (v->i > 0 && v->i < 10000))
      sb_addch(out, '%');
    break;
  default:
    json_int(out, v->i);
  }
}

void reg_format(const field *f, const val *v, sbuf *out)
{
  format(f, v, out, 0);
}

void reg_format_grouped(const field *f, const val *v, sbuf *out)
{
  format(f, v, out, 1);
}

/* ---- header matching ---- */

/* Fold, then drop '*' marks and a trailing unit in brackets:
 * "原值（元）" -> "原值", "*村代码" -> "村代码". */
/* Split a header cell into its name and a trailing unit in brackets,
 * dropping '*' marks and blanks, full-width forms folded:
 * "原值（元） *" -> "原值" and "元"; "* 原值" -> "原值" and "". */
static void header_key(const char *cell, size_t n, sbuf *out, sbuf *unit)
{
  sbuf t;
  sb_init(&t);
  text_fold(cell, n, &t);
  const char *p = t.buf ? t.buf : "";
  size_t len = t.len;
  for(int changed = 1; changed;) {
    changed = 0;
    while(len && (*p == '*' || *p == ' ')) {
      p++;
      len--;
      changed = 1;
    }
    while(len && (p[len - 1] == '*' || p[len - 1] == ' ')) {
      len--;
      changed = 1;
    }
    if(len && p[len - 1] == ')') {
      size_t i = len - 1;
      while(i > 0 && p[i] != '(')
        i--;
      if(p[i] == '(' && i > 0) {
        if(unit) {
          sb_reset(unit);
          sb_add(unit, p + i + 1, len - i - 2);
        }
        len = i;
        changed = 1;
      }
    }
  }
  sb_add(out, p, len);
  sb_free(&t);
}

const char *reg_header_unit(const reg *r, int fi, const char *cell, size_t n,
                            int *unit)
{
  /* The units a kind of field takes in brackets. */
  static const struct {
    enum ftype type;
    unsigned flag;   /* the field must have this flag, or 0 */
    const char *name;
    int unit;
  } units[] = {
    {F_MONEY, 0, "元", U_OWN},        {F_MONEY, 0, "万元", U_WAN},
    {F_DERIVED, 0, "元", U_OWN},      {F_DERIVED, 0, "万元", U_WAN},
    {F_AREA, 0, "亩", U_OWN},         {F_RATE, 0, "%", U_OWN},
    {F_INT, F_YEARS, "月", U_OWN},    {F_INT, F_YEARS, "个月", U_OWN},
    {F_INT, F_YEARS, "年", U_YEARS},
  };
  const field *f = &r->fields[fi];
  sbuf name, u;
  sb_init(&name);
  sb_init(&u);
  header_key(cell, n, &name, &u);
  /* Bare: the field's own unit, but years for a duration named in
   * Chinese (使用年限); its English key says months. */
  *unit = (f->flags & F_YEARS) && strcasecmp(name.buf ? name.buf : "", f->key)
              ? U_YEARS
              : U_OWN;
  const char *bad = NULL;
  if(u.len) {
    int checked = 0, found = 0;
    for(size_t i = 0; i < ARRAY_SIZE(units); i++) {
      if(units[i].type != f->type || (f->flags & units[i].flag) != units[i].flag)
        continue;
      if(!checked)
        bad = units[i].name; /* the first is the field's own */
      checked = 1;
      if(!strcmp(u.buf, units[i].name)) {
        found = 1;
        *unit = units[i].unit;
      }
    }
    if(found)
      bad = NULL;
  }
  sb_free(&name);
  sb_free(&u);
  return bad;
}

void reg_header(const field *f, sbuf *out)
{
  sb_addstr(out, f->zh);
  if(f->flags & F_YEARS)
    sb_addstr(out, "（月）");
}

int reg_match_header(const reg *r, const char *cell, size_t n)
{
  sbuf k;
  sb_init(&k);
  header_key(cell, n, &k, NULL);
  int found = -1;
  for(int i = 0; k.len && i < r->nfields && found < 0; i++) {
    const field *f = &r->fields[i];
    if((r->infix == NULL && f->type == F_CODE && !r->internal) ||
       (f->flags & F_VOID))
      continue; /* a derived code is not a column, nor a void's reason */
    if(!strcmp(k.buf, f->zh) || !strcasecmp(k.buf, f->key))
      found = i;
  }
  sb_free(&k);
  return found;
}

int reg_name_column(const reg *r, const char *cell, size_t n)
{
  int vi = reg_field(r, "village");
  if(vi < 0 || r->fields[vi].type != F_VILLAGE)
    return 0;
  sbuf k;
  sb_init(&k);
  header_key(cell, n, &k, NULL);
  int yes = k.len && (!strcmp(k.buf, "村名称") || !strcasecmp(k.buf, "village_name"));
  sb_free(&k);
  return yes;
}

char *reg_accepted_names(const reg *r, int lang)
{
  sbuf s;
  sb_init(&s);
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if((r->infix == NULL && f->type == F_CODE && !r->internal) ||
       (f->flags & F_VOID))
      continue;
    if(lang == LANG_EN)
      sb_addf(&s, "%s%s%s (%s)", i ? ", " : "", f->flags & F_REQ ? "*" : "",
              f->zh, f->key);
    else
      sb_addf(&s, "%s%s%s", s.len ? "、" : "", f->flags & F_REQ ? "*" : "", f->zh);
  }
  return sb_detach(&s);
}


void reg_mask(const reg *r, val *v, char *buf)
{
  for(int i = 0; i < r->nfields; i++)
    if(r->fields[i].type == F_IDNUM && v[i].t == V_TEXT) {
      char id[19];
      snprintf(id, sizeof id, "%.*s", (int)v[i].n, v[i].s);
      idnum_mask(id, buf + 19 * i);
      v[i].s = buf + 19 * i;
      v[i].n = strlen(v[i].s);
    }
}

void reg_row_from_stmt(const reg *r, sqlite3_stmt *st, int col, val *v)
{
  for(int i = 0; i < r->nfields; i++) {
    v[i].t = V_NULL;
    if(r->fields[i].type == F_DERIVED)
      continue;
    switch(sqlite3_column_type(st, col)) {
    case SQLITE_NULL:
      break;
    case SQLITE_INTEGER:
      v[i].t = V_INT;
      v[i].i = sqlite3_column_int64(st, col);
      break;
    default:
      v[i].t = V_TEXT;
      v[i].s = (const char *)sqlite3_column_text(st, col);
      v[i].n = (size_t)sqlite3_column_bytes(st, col);
    }
    col++;
  }
}

int reg_row_types(const reg *r, sqlite3_stmt *st, int col)
{
  for(int i = 0; i < r->nfields; i++) {
    enum ftype t = r->fields[i].type;
    if(t == F_DERIVED)
      continue;
    int want = t == F_MONEY || t == F_AREA || t == F_QTY || t == F_RATE ||
                       t == F_INT
                   ? SQLITE_INTEGER
                   : SQLITE_TEXT;
    int got = sqlite3_column_type(st, col++);
    if(got != SQLITE_NULL && got != want)
      return i;
  }
  return -1;
}

int reg_void_field(const reg *r)
{
  for(int i = 0; i < r->nfields; i++)
    if(r->fields[i].flags & F_VOID)
      return i;
  return -1;
}

void reg_select_sql(const reg *r, sbuf *out)
{
  sb_addstr(out, "SELECT id, log_id");
  for(int i = 0; i < r->nfields; i++)
    if(r->fields[i].type != F_DERIVED)
      sb_addf(out, ", \"%s\"", r->fields[i].key);
  sb_addf(out, " FROM \"%s\"", r->name);
}

