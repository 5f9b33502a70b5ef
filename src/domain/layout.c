/* layout.c: rows of totals and footers in a sheet (layout.h). */
#include "domain/layout.h"
#include "base/i18n.h"
#include "base/money.h"
#include "base/text.h"

#include <stdlib.h>
#include <string.h>

/* The first filled cell of rec, folded (full-width forms as ASCII) and
 * without spaces ("合  计" is 合计), into out; 0 when there is none. */
static int first_cell(const csvrec *rec, sbuf *out)
{
  for(int i = 0; i < rec->nfields; i++) {
    size_t n;
    const char *s = text_trim(rec->f[i].p, rec->f[i].n, &n);
    if(!n)
      continue;
    sbuf f;
    sb_init(&f);
    text_fold(s, n, &f);
    for(size_t k = 0; k < f.len; k++)
      if(f.buf[k] != ' ' && f.buf[k] != '\t')
        sb_addch(out, f.buf[k]);
    sb_addstr(out, "");
    sb_free(&f);
    return 1;
  }
  return 0;
}

/* s begins with word, then ends or goes on with a colon. */
static int begins(const char *s, const char *word)
{
  size_t n = strlen(word);
  return !strncmp(s, word, n) && (s[n] == 0 || s[n] == ':');
}

enum line_kind layout_kind(const csvrec *rec)
{
  static const char *const footer[] = {
    "制表人", "制表", "制表日期", "审核人", "审核", "复核人", "复核",
    "填表人", "填报人", "填表", "填表日期", "报送日期", "负责人",
    "单位负责人", "主管领导", "会计", "记账", "出纳", "填表说明", "说明",
    "注", "备注"};
  sbuf c;
  sb_init(&c);
  enum line_kind k = LINE_DATA;
  if(first_cell(rec, &c)) {
    if(begins(c.buf, "小计"))
      k = LINE_SUBTOTAL;
    else if(begins(c.buf, "合计") || begins(c.buf, "总计"))
      k = LINE_TOTAL;
    for(size_t i = 0; i < ARRAY_SIZE(footer) && k == LINE_DATA; i++)
      if(begins(c.buf, footer[i]))
        k = LINE_FOOTER;
  }
  sb_free(&c);
  return k;
}

static int summed(const field *f)
{
  /* a derived field is an amount (净值) */
  return f->type == F_MONEY || f->type == F_AREA || f->type == F_DERIVED;
}

void totals_init(totals *t, const reg *r)
{
  t->sub = xcalloc((size_t)r->nfields, sizeof *t->sub);
  t->all = xcalloc((size_t)r->nfields, sizeof *t->all);
  t->bad_sub = t->bad_all = 0;
}

void totals_free(totals *t)
{
  free(t->sub);
  free(t->all);
}

void totals_add(totals *t, const reg *r, const val *v, int bad)
{
  if(bad) {
    t->bad_sub = t->bad_all = 1;
    return;
  }
  for(int i = 0; i < r->nfields; i++)
    if(summed(&r->fields[i]) && v[i].t == V_INT) {
      t->sub[i] += v[i].i;
      t->all[i] += v[i].i;
    }
}

void totals_check(totals *t, regctx *c, enum line_kind kind,
                  const csvrec *rec, const int *col2f, int ncols)
{
  const reg *r = c->r;
  int64_t *sum = kind == LINE_SUBTOTAL ? t->sub : t->all;
  int bad = kind == LINE_SUBTOTAL ? t->bad_sub : t->bad_all;
  sbuf label;
  sb_init(&label);
  first_cell(rec, &label);
  for(int i = 0; i < ncols && i < rec->nfields && !bad; i++) {
    int fi = col2f[i];
    if(fi < 0 || !summed(&r->fields[fi]))
      continue;
    size_t n;
    const char *s = text_trim(rec->f[i].p, rec->f[i].n, &n);
    if(!n)
      continue;
    int64_t x;
    const char *e = r->fields[fi].type == F_AREA ? area_parse(s, n, &x)
                    : c->unit[fi] == U_WAN       ? money_parse_wan(s, n, &x)
                                                 : money_parse(s, n, &x);
    char a[48], b[48];
    int area = r->fields[fi].type == F_AREA;
    if(e)
      reg_error(c, fi, T(c->z, "%s: '%.*s': %s"), label.buf, (int)n, s,
                tr(c->z->lang, e));
    else if(x != sum[fi])
      reg_error(c, fi, T(c->z, "%s is %s, but the rows it totals add up to "
                               "%s"), label.buf,
                area ? area_format_grouped(x, a) : money_format_grouped(x, a),
                area ? area_format_grouped(sum[fi], b)
                     : money_format_grouped(sum[fi], b));
  }
  sb_free(&label);
  memset(t->sub, 0, (size_t)r->nfields * sizeof *t->sub);
  t->bad_sub = 0;
  if(kind == LINE_TOTAL) {
    memset(t->all, 0, (size_t)r->nfields * sizeof *t->all);
    t->bad_all = 0;
  }
}
