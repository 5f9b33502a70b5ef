/* template.c: a register's templates, from its spec: the CSV one (the
 * header and an example row) and the workbook that teaches (the header
 * with required columns marked '*' and units, a drop-down list on every
 * column whose values come from a code table, number and date formats, a
 * comment on each header cell with its rule; a sheet 填写说明 with every
 * column; a sheet 代码表 with the lists). A filled template imports as it
 * is: the importer reads '*' and the units off the header, passes over
 * 村名称, and takes a land class as "0103 旱地". */
#include "domain/import.h"
#include "domain/workbook.h"
#include "base/csvout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An example value of each field, by key; every register's required
 * fields are filled. */
static const struct {
  const char *reg, *key, *value;
} examples[] = {
  {"asset", "village", "150125100201"}, {"asset", "name", "村委会办公楼"},
  {"asset", "category", "房屋及建筑物"}, {"asset", "nature", "非经营性"},
  {"asset", "location", "福如东村一组"}, {"asset", "quantity", "1"},
  {"asset", "unit", "座"}, {"asset", "original_value", "120000.00"},
  {"asset", "acquired_via", "自建"}, {"asset", "acquired_on", "2020-06-15"},
  {"asset", "status", "在用"}, {"asset", "custodian", "张建国"},
  {"resource", "village", "150125100201"},
  {"resource", "name", "村东旱地"}, {"resource", "land_class", "0103"},
  {"resource", "location", "村东"}, {"resource", "area", "120.5"},
  {"resource", "east", "公路"}, {"resource", "west", "王家地"},
  {"resource", "south", "河滩"}, {"resource", "north", "林带"},
  {"resource", "status", "发包"},
  {"account", "village", "150125100201"},
  {"account", "name", "现金"}, {"account", "kind", "库存现金"},
  {"account", "opening_balance", "1200.00"},
  {"account", "opening_date", "2025-01-01"},
  {"fund", "voucher", "记-001"}, {"fund", "village", "150125100201"},
  {"fund", "date", "2025-01-15"}, {"fund", "account", "150125100201-ZH-0001"},
  {"fund", "direction", "收入"}, {"fund", "amount", "5000.00"},
  {"fund", "category", "经营收入"}, {"fund", "counterparty", "武川县某合作社"},
  {"fund", "summary", "收取机井承包费"},
  {"contract", "village", "150125100201"}, {"contract", "kind", "发包"},
  {"contract", "object", "150125100201-ZY-0001"},
  {"contract", "party", "李永平"}, {"contract", "party_id", "11010519491231002X"},
  {"contract", "party_is_member", "是"},
  {"contract", "start_date", "2025-01-01"},
  {"contract", "end_date", "2034-12-31"},
  {"contract", "annual_amount", "12000.00"}, {"contract", "payment", "年付"},
  {"contract", "first_due", "2025-01-15"},
  {"contract", "signed_on", "2024-12-20"},
  {"loan", "village", "150125100201"},
  {"loan", "lender", "中国农业银行武川县支行"},
  {"loan", "contract_no", "NH2025-001"}, {"loan", "project", "肉牛养殖场"},
  {"loan", "principal", "500000.00"}, {"loan", "rate", "4.35"},
  {"loan", "start_date", "2025-03-01"}, {"loan", "maturity", "2028-02-29"},
};

static const char *example(const reg *r, const field *f)
{
  for(size_t k = 0; k < ARRAY_SIZE(examples); k++)
    if(!strcmp(examples[k].reg, r->name) && !strcmp(examples[k].key, f->key))
      return examples[k].value;
  return "";
}

/* The columns of a template: what an import takes (not a derived code,
 * not a derived value, not the void's fields). */
static int template_column(const reg *r, const field *f)
{
  return f->type != F_DERIVED && (f->type != F_CODE || r->infix) &&
         !(f->flags & F_VOID);
}

void reg_template(const reg *r, FILE *fp)
{
  sbuf head;
  sb_init(&head);
  for(int row = 0; row < 2; row++) {
    int first = 1;
    for(int i = 0; i < r->nfields; i++) {
      const field *f = &r->fields[i];
      if(!template_column(r, f))
        continue;
      if(row == 0) {
        sb_reset(&head);
        reg_header(f, &head);
        csvout_field(fp, head.buf, head.len, first);
      } else
        csvout_text(fp, example(r, f), strlen(example(r, f)), first);
      first = 0;
    }
    csvout_endrow(fp);
  }
  sb_free(&head);
}

/* ---- the workbook ---- */

/* What a column of each type holds, and its unit. */
static const struct {
  enum ftype type;
  const char *meaning, *unit;
} kinds[] = {
  {F_TEXT, "文字", ""},
  {F_CODE, "编号；留空由系统按村编流水号（村代码-类别-0001）", ""},
  {F_VILLAGE, "12 位村代码（统计用区划代码），按文本填写", ""},
  {F_MONEY, "金额，最多两位小数，不能为负", "元"},
  {F_AREA, "面积，最多四位小数", "亩"},
  {F_QTY, "数量，最多四位小数", ""},
  {F_RATE, "百分数，填 4.35 表示 4.35%", "%"},
  {F_INT, "整数，不能为负", ""},
  {F_DATE, "日期，如 2025-01-15", ""},
  {F_MONTH, "年月，如 2025-01", ""},
  {F_ENUM, "从下拉列表中选择", ""},
  {F_LANDCLASS, "地类（GB/T 21010），从下拉列表中选择，或填代码（0103）"
                "或名称（旱地）", ""},
  {F_ACCOUNT, "本村的账户编号（村代码-ZH-0001）", ""},
  {F_IDNUM, "18 位居民身份证号码或统一社会信用代码，按文本填写", ""},
  {F_DERIVED, "系统计算", ""},
};

static int kind_of(const field *f)
{
  for(size_t k = 0; k < ARRAY_SIZE(kinds); k++)
    if(kinds[k].type == f->type)
      return (int)k;
  return 0;
}

/* The unit in a field's header: 元, 亩, %, or 年 for a duration in
 * years (reg_header names months). */
static const char *field_unit(const field *f)
{
  return f->flags & F_YEARS ? "月" : kinds[kind_of(f)].unit;
}

/* A list of values on the sheet 代码表, column col, rows 2.. */
typedef struct vlist {
  int col, n;
} vlist;

typedef struct tpl {
  sz *z;
  const reg *r;
  wbook b;
  lxw_worksheet *data, *help, *codes;
  int ncodes;       /* columns used on 代码表 */
  int nrows;        /* longest list */
  const char *township;
  double w[64];
  vlist villages;   /* code, name beside it */
  sbuf rule;
  lxw_format *wrap; /* 填写说明's cells */
} tpl;

/* Fills a column of 代码表 with the first column of sql's rows (the
 * second, when given, joined to it with a space: "0103 旱地"). */
static vlist code_list(tpl *t, const char *title, const char *sql,
                       const char *bind, int pair)
{
  vlist l = {t->ncodes++, 0};
  /* "可选地类": not a column's name, or an import would take this sheet
   * for the data */
  char head[128];
  snprintf(head, sizeof head, "可选%s", title);
  worksheet_write_string(t->codes, 0, (lxw_col_t)l.col, head, t->b.head);
  double w = wbook_width(head) + 2;
  sqlite3_stmt *st = db_prepare(t->z, sql);
  if(bind)
    sqlite3_bind_text(st, 1, bind, -1, SQLITE_STATIC);
  sbuf s;
  sb_init(&s);
  while(db_step(t->z, st) == SQLITE_ROW) {
    sb_reset(&s);
    sb_addstr(&s, (const char *)sqlite3_column_text(st, 0));
    if(pair == 1) {
      sb_addch(&s, ' ');
      sb_addstr(&s, (const char *)sqlite3_column_text(st, 1));
    }
    l.n++;
    worksheet_write_string(t->codes, (lxw_row_t)l.n, (lxw_col_t)l.col, s.buf,
                           t->b.fmt[K_TEXT]);
    if(wbook_width(s.buf) > w)
      w = wbook_width(s.buf);
    if(pair == 2) {
      /* the name in the next column, for 村名称 */
      const char *nm = (const char *)sqlite3_column_text(st, 1);
      worksheet_write_string(t->codes, (lxw_row_t)l.n, (lxw_col_t)l.col + 1,
                             nm ? nm : "", NULL);
    }
  }
  sqlite3_finalize(st);
  sb_free(&s);
  worksheet_set_column(t->codes, (lxw_col_t)l.col, (lxw_col_t)l.col, w + 1,
                       NULL);
  if(pair == 2) {
    worksheet_write_string(t->codes, 0, (lxw_col_t)l.col + 1, "村名称",
                           t->b.head);
    worksheet_set_column(t->codes, (lxw_col_t)l.col + 1,
                         (lxw_col_t)l.col + 1, 20, NULL);
    t->ncodes++;
  }
  if(l.n > t->nrows)
    t->nrows = l.n;
  return l;
}

/* The range of a list, as a formula: 代码表!$A$2:$A$9 (col_off: a
 * column further, the last: to it). */
static void list_ref(const vlist *l, int col_off, char *out, size_t n)
{
  char a[8], b[8];
  wbook_col(l->col, a);
  wbook_col(l->col + col_off, b);
  snprintf(out, n, "代码表!$%s$2:$%s$%d", a, b, l->n + 1);
}

/* The rows a template's drop-downs and formats cover. */
#define TPL_ROWS 5000

/* The rule of field f, as the comment and the 填写说明 say it. */
static const char *rule_of(tpl *t, const field *f, const vlist *l,
                           int named)
{
  sb_reset(&t->rule);
  if(named)
    sb_addf(&t->rule, "%s%s：", f->flags & F_REQ ? "（必填）" : "", f->zh);
  sb_addstr(&t->rule, kinds[kind_of(f)].meaning);
  if(f->flags & F_POS)
    sb_addstr(&t->rule, "，须大于 0");
  if(f->flags & F_YEARS)
    sb_addstr(&t->rule, "；本列按月填写，列名写“使用年限”则按年");
  if(f->flags & F_DIGITS)
    sb_addstr(&t->rule, "；按文本填写，不要让表格改成科学计数");
  if(f->flags & F_FIXED)
    sb_addstr(&t->rule, "；登记后不能修改");
  if(l && l->n)
    sb_addf(&t->rule, "；可选值见“代码表”（%d 项）", l->n);
  else if(f->type == F_VILLAGE)
    sb_addstr(&t->rule, "；导出模板时加 --township 可列出本乡镇各村");
  sb_addstr(&t->rule, "。");
  return t->rule.buf;
}

/* The allowed values of a field, for 填写说明: all of them when few. */
static void allowed(tpl *t, const field *f, const vlist *l, sbuf *out)
{
  if(!l->n)
    sb_addstr(out, f->type == F_DATE    ? "日期"
                   : spec_numeric(f)    ? "数字"
                   : f->type == F_MONTH ? "年月"
                                        : "");
  else if(l->n > 30 || f->type != F_ENUM)
    sb_addf(out, "见“代码表”（%d 项）", l->n);
  else {
    char sql[160];
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT name FROM \"%s\" ORDER BY rowid", f->ref);
    sqlite3_stmt *st = db_prepare(t->z, sql);
    while(db_step(t->z, st) == SQLITE_ROW)
      sb_addf(out, "%s%s", out->len ? "、" : "",
              (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
}

/* The widths of 填写说明's columns. */
static const double help_w[6] = {16, 6, 60, 6, 40, 22};

static void help_row(tpl *t, lxw_row_t row, const char *const cells[6])
{
  int lines = 1;
  for(int c = 0; c < 6; c++) {
    worksheet_write_string(t->help, row, (lxw_col_t)c, cells[c],
                           row == 0 ? t->b.head : t->wrap);
    /* wrapped: as many lines as it takes (no program fits them) */
    int n = (int)(wbook_width(cells[c]) / (help_w[c] - 1)) + 1;
    if(n > lines)
      lines = n;
  }
  worksheet_set_row(t->help, row, 15.0 * lines, NULL);
}

static void validate(tpl *t, lxw_col_t col, const field *f, const vlist *l)
{
  lxw_data_validation v;
  memset(&v, 0, sizeof v);
  char ref[128];
  v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
  v.error_title = (char *)f->zh;
  const char *msg;
  if(l && l->n) {
    list_ref(l, 0, ref, sizeof ref);
    v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    v.value_formula = ref;
    msg = "请从下拉列表中选择（可选值见“代码表”）。";
  } else if(f->type == F_MONEY || f->type == F_AREA || f->type == F_QTY ||
            f->type == F_RATE) {
    v.validate = LXW_VALIDATION_TYPE_DECIMAL;
    v.criteria = f->flags & F_POS ? LXW_VALIDATION_CRITERIA_GREATER_THAN
                                  : LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    msg = f->flags & F_POS ? "请填写大于 0 的数。"
                                       : "请填写不小于 0 的数。";
  } else if(f->type == F_INT) {
    v.validate = LXW_VALIDATION_TYPE_INTEGER;
    v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    v.value_number = 0;
    msg = "请填写不小于 0 的整数。";
  } else if(f->type == F_DATE) {
    v.validate = LXW_VALIDATION_TYPE_DATE;
    v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
    v.minimum_datetime = (lxw_datetime){1950, 1, 1, 0, 0, 0};
    v.maximum_datetime = (lxw_datetime){2099, 12, 31, 0, 0, 0};
    msg = "请填写日期，如 2025-01-15。";
  } else
    return;
  v.error_message = (char *)msg;
  worksheet_data_validation_range(t->data, 1, col, TPL_ROWS, col, &v);
}

/* code_list of the township's rows of sql within the caller's scope
 * (over column col), by code. */
static vlist scoped_list(tpl *t, const char *title, const char *sql,
                         const char *col, int pair)
{
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, sql);
  db_scope_sql(t->z, col, 1, &q);
  sb_addstr(&q, " ORDER BY code");
  vlist l = code_list(t, title, q.buf, t->township, pair);
  sb_free(&q);
  return l;
}

/* The list of a field's values on 代码表, or none. */
static vlist field_list(tpl *t, const field *f)
{
  vlist none = {0, 0};
  char sql[160];
  switch(f->type) {
  case F_ENUM:
    snprintf(sql, sizeof sql,
             "SELECT DISTINCT name FROM \"%s\" ORDER BY rowid", f->ref);
    return code_list(t, f->zh, sql, NULL, 0);
  case F_LANDCLASS:
    return code_list(t, f->zh,
                     "SELECT code, name FROM land_class ORDER BY code", NULL,
                     1);
  case F_ACCOUNT:
    if(!t->township)
      return none;
    return scoped_list(t, f->zh,
                       "SELECT code FROM account WHERE village IN (SELECT "
                       "code FROM org WHERE level = 'village' AND code LIKE "
                       "?1 || '%')",
                       "village", 0);
  case F_VILLAGE:
    if(!t->township)
      return none;
    if(!t->villages.n)
      t->villages = scoped_list(t, "村代码",
                                "SELECT code, name FROM org WHERE level = "
                                "'village' AND code LIKE ?1 || '%'",
                                "code", 2);
    return t->villages;
  default:
    return none;
  }
}

static int template_sheets(tpl *t)
{
  const reg *r = t->r;
  t->data = workbook_add_worksheet(t->b.wb, r->zh);
  t->help = workbook_add_worksheet(t->b.wb, "填写说明");
  t->codes = workbook_add_worksheet(t->b.wb, "代码表");
  if(!t->data || !t->help || !t->codes)
    return -1;
  t->wrap = workbook_add_format(t->b.wb);
  format_set_text_wrap(t->wrap);
  format_set_align(t->wrap, LXW_ALIGN_VERTICAL_TOP);
  static const char *const help_head[6] = {"列名", "必填", "含义和规则",
                                           "单位", "可选值", "示例"};
  help_row(t, 0, help_head);
  int col = 0;
  lxw_row_t hrow = 1;
  sbuf head, vals;
  sb_init(&head);
  sb_init(&vals);
  for(int i = 0; i < r->nfields && col < 60; i++) {
    const field *f = &r->fields[i];
    if(!template_column(r, f))
      continue;
    vlist l = field_list(t, f);
    const char *unit = field_unit(f);
    sb_reset(&head);
    if(f->flags & F_REQ)
      sb_addch(&head, '*');
    sb_addstr(&head, f->zh);
    if(*unit)
      sb_addf(&head, "（%s）", unit);
    int kind = field_kind(f);
    worksheet_write_string(t->data, 0, (lxw_col_t)col, head.buf, t->b.head);
    const char *rule = rule_of(t, f, &l, 1);
    lxw_comment_options co = {.width = 300, .height = 120};
    worksheet_write_comment_opt(t->data, 0, (lxw_col_t)col, (char *)rule,
                                &co);
    double w = wbook_width(head.buf) + 3;
    if(kind == K_DATE || kind == K_MONEY)
      w = w < 13 ? 13 : w;
    if(f->type == F_VILLAGE || f->type == F_ACCOUNT || f->type == F_IDNUM ||
       f->type == F_LANDCLASS)
      w = w < 22 ? 22 : w;
    t->w[col] = w;
    worksheet_set_column(t->data, (lxw_col_t)col, (lxw_col_t)col, w,
                         t->b.fmt[kind]);
    validate(t, (lxw_col_t)col, f, &l);
    /* 填写说明 */
    sb_reset(&vals);
    allowed(t, f, &l, &vals);
    const char *cells[6] = {f->zh, f->flags & F_REQ ? "是" : "",
                            rule_of(t, f, &l, 0), unit, vals.buf ? vals.buf : "",
                            example(r, f)};
    help_row(t, hrow++, cells);
    col++;
    if(f->type == F_VILLAGE && t->villages.n) {
      /* 村名称 beside the code, looked up on 代码表: for people */
      worksheet_write_string(t->data, 0, (lxw_col_t)col, "村名称", t->b.head);
      worksheet_write_comment(t->data, 0, (lxw_col_t)col,
                              "村名称：按村代码自动显示，不必填写，导入时不读。");
      char ref[128], fm[256], code[8];
      list_ref(&t->villages, 1, ref, sizeof ref);
      wbook_col(col - 1, code);
      for(lxw_row_t rr = 1; rr <= 1000; rr++) {
        snprintf(fm, sizeof fm, "=IFERROR(VLOOKUP(%s%u,%s,2,FALSE),\"\")",
                 code, (unsigned)rr + 1, ref);
        worksheet_write_formula_str(t->data, rr, (lxw_col_t)col, fm, NULL, "");
      }
      t->w[col] = 20;
      worksheet_set_column(t->data, (lxw_col_t)col, (lxw_col_t)col, 20, NULL);
      const char *vc[6] = {"村名称", "", "按村代码自动显示，不必填写，导入时不读",
                           "", "", ""};
      help_row(t, hrow++, vc);
      col++;
    }
  }
  worksheet_set_row(t->data, 0, 32, NULL);
  worksheet_freeze_panes(t->data, 1, 0);
  char title[64];
  snprintf(title, sizeof title, "%s导入模板", r->zh);
  wbook_print(&t->b, t->data, title, NULL, t->w, col, 0, 0);
  /* Printed, it is a blank form of one page (the 村名称 formulas below
   * would print as empty pages). */
  worksheet_print_area(t->data, 0, 0, 30, (lxw_col_t)(col - 1));
  /* 填写说明: what each column takes, one per row */
  for(int c = 0; c < 6; c++)
    worksheet_set_column(t->help, (lxw_col_t)c, (lxw_col_t)c, help_w[c], NULL);
  snprintf(title, sizeof title, "%s导入模板 填写说明", r->zh);
  wbook_print(&t->b, t->help, title, NULL, help_w, 6, 0, 0);
  worksheet_write_string(t->help, hrow + 1, 0,
                         "带 * 的列必填。每行一条记录；“代码表”列出下拉列表"
                         "的可选值。填好后用 sanzi 导入（先加 --dry-run 检查）。",
                         NULL);
  worksheet_activate(t->data);
  sb_free(&head);
  sb_free(&vals);
  return 0;
}

int reg_template_xlsx(sz *z, const reg *r, const char *township,
                      const char *path)
{
  tpl t;
  memset(&t, 0, sizeof t);
  t.z = z;
  t.r = r;
  t.township = township;
  if(township && org_scope_fail(z, NULL, township))
    return -1;
  sb_init(&t.rule);
  int rc = wbook_create(&t.b, z, path, 0);
  if(rc == 0) {
    if(template_sheets(&t))
      rc = db_fail(z, T(z, "%s: cannot make the workbook"), path);
    rc = wbook_finish(&t.b, z, rc == 0) || rc ? -1 : 0;
  }
  sb_free(&t.rule);
  return rc;
}
