/* register.c: the register specs and the one pipeline every register's
 * rows go through: header matching, parsing and validation, writing with
 * the change log, canonical form and formatting. */
#include "store/register.h"
#include "base/date.h"
#include "store/config.h"
#include "domain/contract.h"
#include "store/history.h"
#include "base/idnum.h"
#include "base/money.h"
#include "base/text.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define SCRATCH 24

/* ---- the specs ---- */

static int check_asset(struct regctx *c, val *v);
static int check_fund(struct regctx *c, val *v);
static int check_org(struct regctx *c, val *v);
static int check_loan(struct regctx *c, val *v);
static int check_interest(struct regctx *c, val *v);
static int check_program(struct regctx *c, val *v);
static int check_contract(struct regctx *c, val *v);
static int guard_status(struct regctx *c, const val *old, const val *v);
static int guard_withdrawn(struct regctx *c, const val *old, const val *v);
static int guard_contract(struct regctx *c, const val *old, const val *v);

static const field asset_fields[] = {
  {"code", "资产编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "资产名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"category", "资产类别", F_ENUM, F_REQ | F_LIST, "asset_category"},
  {"nature", "资产性质", F_ENUM, F_REQ, "asset_nature"},
  {"location", "坐落位置", F_TEXT, 0, NULL},
  {"quantity", "数量", F_QTY, 0, NULL},
  {"unit", "计量单位", F_TEXT, 0, NULL},
  {"original_value", "原值", F_MONEY, F_REQ | F_LIST, NULL},
  {"accumulated_depreciation", "累计折旧", F_MONEY, 0, NULL},
  {"depreciated_through", "折旧截至", F_MONTH, 0, NULL},
  {"useful_life_months", "使用年限", F_INT, 0, NULL},
  {"residual_rate", "净残值率", F_RATE, 0, NULL},
  {"acquired_via", "取得方式", F_ENUM, F_REQ, "asset_source"},
  {"acquired_on", "取得日期", F_DATE, F_REQ | F_LIST, NULL},
  {"status", "使用状态", F_ENUM, F_REQ | F_LIST, "asset_status"},
  {"custodian", "管护责任人", F_TEXT, 0, NULL},
  {"certificate", "权证号", F_TEXT, F_DIGITS, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
  {"net_value", "净值", F_DERIVED, 0, NULL},
};

static const field resource_fields[] = {
  {"code", "资源编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "资源名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"land_class", "地类", F_LANDCLASS, F_REQ | F_LIST, NULL},
  {"location", "坐落位置", F_TEXT, 0, NULL},
  {"area", "面积", F_AREA, F_REQ | F_LIST | F_POS, NULL},
  {"east", "东至", F_TEXT, 0, NULL},
  {"west", "西至", F_TEXT, 0, NULL},
  {"south", "南至", F_TEXT, 0, NULL},
  {"north", "北至", F_TEXT, 0, NULL},
  {"certificate", "权证号", F_TEXT, F_DIGITS, NULL},
  {"status", "经营状态", F_ENUM, F_REQ | F_LIST, "resource_status"},
  {"note", "备注", F_TEXT, 0, NULL},
};

static const field account_fields[] = {
  {"code", "账户编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "账户名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"kind", "账户类型", F_ENUM, F_REQ | F_LIST, "account_kind"},
  {"bank", "开户银行", F_TEXT, 0, NULL},
  {"bank_account", "银行账号", F_TEXT, F_DIGITS, NULL},
  {"opening_balance", "期初余额", F_MONEY, F_REQ | F_LIST, NULL},
  {"opening_date", "期初日期", F_DATE, F_REQ | F_LIST, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
};

static const field fund_fields[] = {
  {"voucher", "凭证号", F_TEXT, F_REQ | F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"date", "日期", F_DATE, F_REQ | F_LIST, NULL},
  {"account", "账户编号", F_ACCOUNT, F_REQ | F_LIST | F_DIGITS, NULL},
  {"direction", "收支方向", F_ENUM, F_REQ | F_LIST, "fund_direction"},
  {"amount", "金额", F_MONEY, F_REQ | F_LIST | F_POS, NULL},
  {"category", "收支类别", F_ENUM, F_REQ | F_LIST, "fund_category"},
  {"counterparty", "对方单位", F_TEXT, 0, NULL},
  {"summary", "摘要", F_TEXT, F_REQ | F_LIST, NULL},
  {"contract", "合同编号", F_TEXT, 0, NULL},
  {"handler", "经办人", F_TEXT, 0, NULL},
  {"approver", "审批人", F_TEXT, 0, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
  /* Derived from village, year and voucher; stored, never in a file. */
  {"code", "编号", F_CODE, F_FIXED, NULL},
};

static const field loan_fields[] = {
  {"code", "贷款编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"lender", "贷款银行", F_TEXT, F_REQ | F_LIST, NULL},
  {"contract_no", "贷款合同号", F_TEXT, F_REQ | F_DIGITS, NULL},
  {"project", "项目名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"principal", "本金", F_MONEY, F_REQ | F_LIST | F_POS, NULL},
  {"rate", "年利率", F_RATE, F_REQ | F_LIST | F_POS, NULL},
  {"start_date", "放款日期", F_DATE, F_REQ | F_LIST, NULL},
  {"maturity", "到期日期", F_DATE, F_REQ | F_LIST, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
  /* Set by `loan withdraw`; a withdrawn loan takes no payments or claims. */
  {"withdrawn", "撤回原因", F_TEXT, F_LIST, NULL},
};

/* The workflow tables below are written by their commands, not imported;
 * their specs give them the same canonical form, log and verification. */
static const field interest_fields[] = {
  {"code", "付息编号", F_CODE, F_FIXED, NULL},
  {"loan", "贷款编号", F_TEXT, F_REQ | F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_FIXED, NULL}, /* the loan's */
  {"period_from", "计息起日", F_DATE, F_REQ, NULL},
  {"period_to", "计息止日", F_DATE, F_REQ, NULL},
  {"paid", "实付利息", F_MONEY, F_REQ | F_POS, NULL},
  {"paid_on", "付息日期", F_DATE, F_REQ, NULL},
  {"voucher", "付息凭证号", F_TEXT, F_REQ | F_DIGITS, NULL},
  {"withdrawn", "撤回原因", F_TEXT, 0, NULL},
};

static const field program_fields[] = {
  {"year", "年度", F_CODE, F_REQ | F_FIXED, NULL},
  {"budget", "年度预算", F_MONEY, F_REQ, NULL},
  {"ratio", "贴息比例", F_RATE, F_REQ | F_POS, NULL},
  {"rate_cap", "利率上限", F_RATE, F_POS, NULL},
  {"day_basis", "计息天数基准", F_INT, F_REQ, NULL},
  {"village_cap", "每村年度限额", F_MONEY, F_REQ, NULL},
};

static const field subsidy_fields[] = {
  {"code", "申请编号", F_CODE, F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_FIXED, NULL},
  {"loan", "贷款编号", F_TEXT, F_REQ | F_FIXED, NULL},
  {"year", "年度", F_TEXT, F_REQ | F_FIXED, NULL},
  {"applied_on", "申请日期", F_DATE, F_REQ, NULL},
  {"amount", "申请贴息", F_MONEY, F_REQ, NULL},
  {"status", "状态", F_TEXT, F_REQ, NULL},
  {"reviewed_on", "初审日期", F_DATE, 0, NULL},
  {"review_opinion", "初审意见", F_TEXT, 0, NULL},
  {"publicity_from", "公示起日", F_DATE, 0, NULL},
  {"publicity_to", "公示止日", F_DATE, 0, NULL},
  {"approved_on", "审定日期", F_DATE, 0, NULL},
  {"approved", "审定贴息", F_MONEY, 0, NULL},
  {"cut_by", "核减依据", F_TEXT, 0, NULL},
  {"paid_on", "拨付日期", F_DATE, 0, NULL},
  {"paid_voucher", "拨付凭证号", F_TEXT, 0, NULL},
  {"withdrawn_on", "撤回日期", F_DATE, 0, NULL},
  {"withdrawn", "撤回原因", F_TEXT, 0, NULL},
};

static const field subsidy_line_fields[] = {
  {"code", "明细编号", F_CODE, F_FIXED, NULL},
  {"application", "申请编号", F_TEXT, F_REQ, NULL},
  {"payment", "付息编号", F_TEXT, F_REQ, NULL},
  {"days", "天数", F_INT, F_REQ, NULL},
  {"principal", "本金", F_MONEY, F_REQ, NULL},
  {"rate", "年利率", F_RATE, F_REQ, NULL},
  {"rate_used", "计贴利率", F_RATE, F_REQ, NULL},
  {"day_basis", "计息天数基准", F_INT, F_REQ, NULL},
  {"computed", "应计利息", F_MONEY, F_REQ, NULL},
  {"paid", "实付利息", F_MONEY, F_REQ, NULL},
  {"eligible", "可贴息利息", F_MONEY, F_REQ, NULL},
  {"ratio", "贴息比例", F_RATE, F_REQ, NULL},
  {"subsidy", "贴息金额", F_MONEY, F_REQ, NULL},
};

static const field contract_fields[] = {
  {"code", "合同编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"kind", "合同类型", F_ENUM, F_REQ | F_LIST, "contract_kind"},
  {"object", "标的编号", F_TEXT, F_REQ | F_LIST | F_DIGITS, NULL},
  {"party", "对方名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"party_id", "对方证件号", F_IDNUM, F_REQ | F_LIST, NULL},
  {"party_is_member", "是否本集体成员", F_ENUM, 0, "yes_no"},
  {"start_date", "起始日期", F_DATE, F_REQ | F_LIST, NULL},
  {"end_date", "终止日期", F_DATE, F_REQ | F_LIST, NULL},
  {"annual_amount", "年金额", F_MONEY, F_REQ | F_LIST, NULL},
  {"payment", "付款方式", F_ENUM, F_REQ, "payment_method"},
  {"first_due", "首次应付日期", F_DATE, F_REQ, NULL},
  {"signed_on", "签订日期", F_DATE, 0, NULL},
  {"disposal", "处置申报编号", F_TEXT, 0, NULL},
  {"note", "备注", F_TEXT, 0, NULL},
};

static const field disposal_fields[] = {
  {"code", "申报编号", F_CODE, F_FIXED, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_FIXED, NULL},
  {"type", "处置类型", F_ENUM, F_REQ, "disposal_type"},
  {"reason", "处置理由", F_TEXT, F_REQ, NULL},
  {"method", "处置方式", F_ENUM, F_REQ, "disposal_method"},
  {"price", "拟定价格", F_MONEY, 0, NULL},
  {"outsider", "发包给本集体以外", F_ENUM, 0, "yes_no"},
  {"filed_on", "申报日期", F_DATE, F_REQ, NULL},
  {"filer", "申报人", F_TEXT, F_REQ, NULL},
  {"book_value", "账面价值", F_MONEY, F_REQ, NULL},
  {"area", "土地面积", F_AREA, F_REQ, NULL},
  {"status", "状态", F_TEXT, F_REQ, NULL},
  {"resolution_from", "决议公开起日", F_DATE, 0, NULL},
  {"resolution_to", "决议公开止日", F_DATE, 0, NULL},
  {"appraised_value", "评估价值", F_MONEY, 0, NULL},
  {"appraiser", "评估机构", F_TEXT, 0, NULL},
  {"appraisal_report", "评估报告号", F_TEXT, 0, NULL},
  {"appraised_on", "评估日期", F_DATE, 0, NULL},
  {"reviewed_on", "审核日期", F_DATE, 0, NULL},
  {"review_decision", "审核意见", F_TEXT, 0, NULL},
  {"reviewer", "审核人", F_TEXT, 0, NULL},
  {"review_opinion", "审核说明", F_TEXT, 0, NULL},
  {"executed_on", "执行日期", F_DATE, 0, NULL},
  {"party", "受让方/承租方", F_TEXT, 0, NULL},
  {"final_price", "成交价格", F_MONEY, 0, NULL},
  {"voucher", "收款凭证号", F_TEXT, 0, NULL},
  {"lower_price_resolution", "低于评估价决议", F_TEXT, 0, NULL},
  {"result_from", "结果公开起日", F_DATE, 0, NULL},
  {"result_to", "结果公开止日", F_DATE, 0, NULL},
  {"withdrawn_on", "撤回日期", F_DATE, 0, NULL},
  {"withdrawn", "撤回原因", F_TEXT, 0, NULL},
};

static const field disposal_object_fields[] = {
  {"code", "编号", F_CODE, F_FIXED, NULL},
  {"disposal", "申报编号", F_TEXT, F_REQ, NULL},
  {"object", "标的编号", F_TEXT, F_REQ, NULL},
  {"register", "登记簿", F_TEXT, F_REQ, NULL},
  {"name", "名称", F_TEXT, F_REQ, NULL},
  {"status_before", "申报时状态", F_TEXT, F_REQ, NULL},
  {"book_value", "账面价值", F_MONEY, F_REQ, NULL},
  {"area", "面积", F_AREA, F_REQ, NULL},
};

static const field disposal_vote_fields[] = {
  {"code", "编号", F_CODE, F_FIXED, NULL},
  {"disposal", "申报编号", F_TEXT, F_REQ, NULL},
  {"step", "程序", F_TEXT, F_REQ, NULL},
  {"body", "会议", F_TEXT, F_REQ, NULL},
  {"held_on", "日期", F_DATE, F_REQ, NULL},
  {"unit", "计数", F_TEXT, F_REQ, NULL},
  {"due", "应到", F_INT, F_REQ, NULL},
  {"present", "实到", F_INT, F_REQ, NULL},
  {"votes_for", "赞成", F_INT, F_REQ, NULL},
  {"votes_against", "反对", F_INT, F_REQ, NULL},
  {"abstain", "弃权", F_INT, F_REQ, NULL},
  {"minutes", "会议记录", F_TEXT, 0, NULL},
  {"need_present", "应实到至少", F_INT, F_REQ, NULL},
  {"need_for", "应赞成至少", F_INT, F_REQ, NULL},
  {"passed", "通过", F_INT, F_REQ, NULL},
};

static const field org_fields[] = {
  {"code", "代码", F_CODE, F_REQ | F_LIST, NULL},
  {"name", "名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"level", "级别", F_TEXT, F_REQ | F_LIST, NULL},
  {"parent_code", "上级代码", F_TEXT, F_LIST, NULL},
};

static const field setting_fields[] = {
  {"key", "参数", F_TEXT, F_REQ | F_LIST, NULL},
  {"type", "类型", F_TEXT, F_REQ, NULL},
  {"value", "值", F_TEXT, F_REQ | F_LIST, NULL},
  {"note", "说明", F_TEXT, F_REQ | F_LIST, NULL},
};

#define SPEC(f) f, (int)ARRAY_SIZE(f)
static const reg asset_reg = {"asset", "资产", "ZC", SPEC(asset_fields), 0,
                              check_asset, guard_status};
static const reg resource_reg = {"resource", "资源", "ZY",
                                 SPEC(resource_fields), 0, NULL, guard_status};
static const reg account_reg = {"account", "账户", "ZH", SPEC(account_fields),
                                0, NULL, NULL};
static const reg fund_reg = {"fund", "资金收支", NULL, SPEC(fund_fields), 0,
                             check_fund, NULL};
static const reg loan_reg = {"loan", "贷款", "DK", SPEC(loan_fields), 0,
                             check_loan, guard_withdrawn};
static const reg interest_reg = {"interest", "付息", "LX",
                                 SPEC(interest_fields), 1, check_interest, NULL};
static const reg program_reg = {"program", "贴息年度", NULL,
                                SPEC(program_fields), 1, check_program, NULL};
static const reg subsidy_reg = {"subsidy", "贴息申请", "TX",
                                SPEC(subsidy_fields), 1, NULL, NULL};
static const reg subsidy_line_reg = {"subsidy_line", "贴息明细", NULL,
                                     SPEC(subsidy_line_fields), 1, NULL, NULL};
static const reg contract_reg = {"contract", "合同", "HT",
                                 SPEC(contract_fields), 0, check_contract,
                                 guard_contract};
static const reg disposal_reg = {"disposal", "处置申报", "CZ",
                                 SPEC(disposal_fields), 1, NULL, NULL};
static const reg disposal_object_reg = {"disposal_object", "处置标的", NULL,
                                        SPEC(disposal_object_fields), 1, NULL, NULL};
static const reg disposal_vote_reg = {"disposal_vote", "处置表决", NULL,
                                      SPEC(disposal_vote_fields), 1, NULL, NULL};
static const reg org_reg = {"org", "组织", NULL, SPEC(org_fields), 1,
                            check_org, NULL};
static const reg setting_reg = {"setting", "参数", NULL, SPEC(setting_fields),
                                1, NULL, NULL};

const reg *const registers[] = {
  &asset_reg, &resource_reg, &account_reg, &fund_reg, &loan_reg,
  &contract_reg, &org_reg, &setting_reg, &interest_reg, &program_reg,
  &subsidy_reg, &subsidy_line_reg, &disposal_reg, &disposal_object_reg,
  &disposal_vote_reg, NULL};
const reg *const logged_tables[] = {
  &setting_reg, &org_reg, &asset_reg, &resource_reg, &account_reg,
  &fund_reg, &loan_reg, &interest_reg, &program_reg, &subsidy_reg,
  &subsidy_line_reg, &contract_reg, &disposal_reg, &disposal_object_reg,
  &disposal_vote_reg, NULL};

const reg *reg_find(const char *name)
{
  for(int i = 0; registers[i]; i++)
    if(!strcmp(registers[i]->name, name))
      return registers[i];
  return NULL;
}

const char *reg_key(const reg *r)
{
  int i = reg_field(r, "code");
  return r->fields[i >= 0 ? i : 0].key;
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
  for(int i = 0; i < r->nfields; i++) {
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

const char *reg_header_unit(const reg *r, int fi, const char *cell, size_t n)
{
  static const struct {
    enum ftype type;
    const char *units; /* accepted, separated by '|' */
    const char *say;
  } fixed[] = {
    {F_MONEY, "|元|", "元"},   {F_DERIVED, "|元|", "元"},
    {F_AREA, "|亩|", "亩"},    {F_RATE, "|%|", "%"},
    {F_INT, "|月|个月|", "月"},
  };
  sbuf name, unit;
  sb_init(&name);
  sb_init(&unit);
  header_key(cell, n, &name, &unit);
  const char *bad = NULL;
  if(unit.len)
    for(size_t i = 0; i < ARRAY_SIZE(fixed); i++) {
      if(fixed[i].type != r->fields[fi].type)
        continue;
      sbuf w;
      sb_init(&w);
      sb_addf(&w, "|%s|", unit.buf);
      if(!strstr(fixed[i].units, w.buf))
        bad = fixed[i].say;
      sb_free(&w);
    }
  sb_free(&name);
  sb_free(&unit);
  return bad;
}

int reg_match_header(const reg *r, const char *cell, size_t n)
{
  sbuf k;
  sb_init(&k);
  header_key(cell, n, &k, NULL);
  int found = -1;
  for(int i = 0; k.len && i < r->nfields && found < 0; i++) {
    const field *f = &r->fields[i];
    if(r->infix == NULL && f->type == F_CODE && !r->internal)
      continue; /* a derived code is not a column */
    if(!strcmp(k.buf, f->zh) || !strcasecmp(k.buf, f->key))
      found = i;
  }
  sb_free(&k);
  return found;
}

char *reg_accepted_names(const reg *r)
{
  sbuf s;
  sb_init(&s);
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if(r->infix == NULL && f->type == F_CODE && !r->internal)
      continue;
    sb_addf(&s, "%s%s%s (%s)", i ? ", " : "", f->flags & F_REQ ? "*" : "",
            f->zh, f->key);
  }
  return sb_detach(&s);
}

/* ---- the per-operation context ---- */

typedef struct names {
  int n;
  char **v;
  size_t *len;
} names;

struct regctx {
  sz *z;
  const reg *r;
  /* villages: sorted 12-digit codes as numbers, with code counters */
  uint64_t *vil;
  int64_t *vil_next; /* next generated code number, 0 = not looked up */
  size_t nvil;
  names *enums;      /* per field, for F_ENUM */
  names lc_code, lc_name, lc_alias, lc_alias_code;
  sqlite3_stmt *ins, *upd, *get, *acct, *maxno, *fcat, *fcon;
  char genbuf[64];
  char *scratch; /* SCRATCH bytes per field: normalised dates, months and
                   ID numbers */
  int ci, vi;    /* the code field (setting: its key) and the village */
  int ncols;     /* stored fields (not derived) */
  size_t *enum_len;
  char fundcode[256];
  /* errors */
  const char *file;
  long row;
  char **colname;
  sbuf errs;
  long nerr;
  int is_fork;  /* shares the caches of the context it was forked from */
  int fatal;    /* the database failed (disk full, I/O): stop at once */
  int workflow; /* a workflow step: the register's guard does not apply */
  sbuf canon;   /* canonical text of the last row written */
  sbuf report;  /* what reg_errors returns */
  sbuf loadbuf; /* text of the last loaded row */
};

static void names_load(sz *z, names *nm, const char *sql)
{
  sqlite3_stmt *st = db_prepare(z, sql);
  while(sqlite3_step(st) == SQLITE_ROW) {
    nm->v = xrealloc(nm->v, sizeof *nm->v * (size_t)(nm->n + 1));
    nm->len = xrealloc(nm->len, sizeof *nm->len * (size_t)(nm->n + 1));
    nm->v[nm->n] = xstrdup((const char *)sqlite3_column_text(st, 0));
    nm->len[nm->n] = strlen(nm->v[nm->n]);
    nm->n++;
  }
  sqlite3_finalize(st);
}

static void names_free(names *nm)
{
  for(int i = 0; i < nm->n; i++)
    free(nm->v[i]);
  free(nm->v);
  free(nm->len);
  nm->v = NULL;
  nm->len = NULL;
  nm->n = 0;
}

static int names_find(const names *nm, const char *s, size_t n)
{
  for(int i = 0; i < nm->n; i++)
    if(nm->len[i] == n && !memcmp(nm->v[i], s, n))
      return i;
  return -1;
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void build_sql(regctx *c)
{
  const reg *r = c->r;
  sbuf ins, vals, upd, get;
  sb_init(&ins);
  sb_init(&vals);
  sb_init(&upd);
  sb_init(&get);
  sb_addf(&ins, "INSERT INTO \"%s\"(", r->name);
  sb_addf(&upd, "UPDATE \"%s\" SET ", r->name);
  sb_addstr(&get, "SELECT id, log_id");
  int k = 0;
  for(int i = 0; i < r->nfields; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    k++;
    sb_addf(&ins, "\"%s\", ", r->fields[i].key);
    sb_addf(&vals, "?%d, ", k);
    sb_addf(&upd, "\"%s\" = ?%d, ", r->fields[i].key, k);
    sb_addf(&get, ", \"%s\"", r->fields[i].key);
  }
  sb_addf(&ins, "log_id) VALUES(%s?%d)", vals.buf, k + 1);
  sb_addf(&upd, "log_id = ?%d WHERE id = ?%d", k + 1, k + 2);
  sb_addf(&get, " FROM \"%s\" WHERE \"%s\" = ?1", r->name, reg_key(r));
  c->ins = db_prepare(c->z, ins.buf);
  c->upd = db_prepare(c->z, upd.buf);
  c->get = db_prepare(c->z, get.buf);
  sb_free(&ins);
  sb_free(&vals);
  sb_free(&upd);
  sb_free(&get);
}

regctx *reg_open(sz *z, const reg *r)
{
  regctx *c = xcalloc(1, sizeof *c);
  c->z = z;
  c->r = r;
  c->colname = xcalloc((size_t)r->nfields, sizeof *c->colname);
  c->enums = xcalloc((size_t)r->nfields, sizeof *c->enums);
  c->scratch = xcalloc((size_t)r->nfields, SCRATCH);
  c->ci = reg_field(r, "code") >= 0 ? reg_field(r, "code") : 0;
  c->vi = reg_field(r, "village");
  for(int i = 0; i < r->nfields; i++)
    c->ncols += r->fields[i].type != F_DERIVED;
  for(int i = 0; i < r->nfields; i++) {
    const field *f = &r->fields[i];
    if(f->type == F_ENUM) {
      char sql[128];
      snprintf(sql, sizeof sql, "SELECT DISTINCT name FROM \"%s\" ORDER BY rowid",
               f->ref);
      names_load(z, &c->enums[i], sql);
    }
    if(f->type == F_LANDCLASS && !c->lc_code.n) {
      names_load(z, &c->lc_code, "SELECT code FROM land_class ORDER BY code");
      names_load(z, &c->lc_name, "SELECT name FROM land_class ORDER BY code");
      names_load(z, &c->lc_alias,
                 "SELECT alias FROM land_class_alias ORDER BY alias");
      names_load(z, &c->lc_alias_code,
                 "SELECT code FROM land_class_alias ORDER BY alias");
    }
  }
  int want_vil = reg_field(r, "village") >= 0 &&
                 r->fields[reg_field(r, "village")].type == F_VILLAGE;
  sqlite3_stmt *st = db_prepare(
      z, want_vil ? "SELECT code FROM org WHERE level = 'village' ORDER BY code"
                  : "SELECT 1 WHERE 0");
  size_t cap = 0;
  while(sqlite3_step(st) == SQLITE_ROW) {
    if(c->nvil == cap) {
      cap = cap ? cap * 2 : 256;
      c->vil = xrealloc(c->vil, cap * sizeof *c->vil);
    }
    c->vil[c->nvil++] = strtoull((const char *)sqlite3_column_text(st, 0),
                                 NULL, 10);
  }
  sqlite3_finalize(st);
  if(c->nvil)
    qsort(c->vil, c->nvil, sizeof *c->vil, cmp_u64);
  c->vil_next = xcalloc(c->nvil ? c->nvil : 1, sizeof *c->vil_next);
  build_sql(c);
  if(r == &fund_reg) {
    c->acct = db_prepare(z, "SELECT village, opening_date FROM account "
                            "WHERE code = ?1");
    c->fcat = db_prepare(z, "SELECT 1 FROM fund_category WHERE name = ?1 "
                            "AND direction = ?2");
  }
  if(r->infix) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT max(CAST(substr(code, 17) AS INTEGER)) FROM \"%s\" "
             "WHERE village = ?1 AND code GLOB ?1 || '-%s-[0-9]*'",
             r->name, r->infix);
    c->maxno = db_prepare(z, sql);
  }
  return c;
}

regctx *reg_fork(regctx *c)
{
  regctx *f = xmalloc(sizeof *f);
  *f = *c;
  f->is_fork = 1;
  f->scratch = xcalloc((size_t)c->r->nfields, SCRATCH);
  sb_init(&f->errs);
  sb_init(&f->report);
  sb_init(&f->canon);
  sb_init(&f->loadbuf);
  f->nerr = 0;
  f->ins = f->upd = f->get = f->acct = f->maxno = f->fcat = f->fcon = NULL;
  return f;
}

void reg_close(regctx *c)
{
  if(!c)
    return;
  /* What every context owns. */
  free(c->scratch);
  sb_free(&c->errs);
  sb_free(&c->report);
  sb_free(&c->canon);
  sb_free(&c->loadbuf);
  if(!c->is_fork) {
    /* The caches and statements a fork only borrows. */
    for(int i = 0; i < c->r->nfields; i++) {
      names_free(&c->enums[i]);
      free(c->colname[i]);
    }
    names_free(&c->lc_code);
    names_free(&c->lc_name);
    names_free(&c->lc_alias);
    names_free(&c->lc_alias_code);
    free(c->enums);
    free(c->colname);
    free(c->vil);
    free(c->vil_next);
    sqlite3_finalize(c->ins);
    sqlite3_finalize(c->upd);
    sqlite3_finalize(c->get);
    sqlite3_finalize(c->acct);
    sqlite3_finalize(c->maxno);
    sqlite3_finalize(c->fcat);
    sqlite3_finalize(c->fcon);
  }
  free(c);
}

/* ---- errors ---- */

#define MAX_LISTED 100
/* No amount of a village comes near this, and sums of a million of them
 * still fit in int64. */
#define MONEY_MAX INT64_C(1000000000000000)

void reg_set_place(regctx *c, const char *file, long row)
{
  c->file = file;
  c->row = row;
}

void reg_set_colname(regctx *c, int i, const char *name, size_t n)
{
  free(c->colname[i]);
  size_t tl;
  const char *t = text_trim(name, n, &tl);
  c->colname[i] = xstrndup(t, tl);
}

void reg_error(regctx *c, int fi, const char *fmt, ...)
{
  c->nerr++;
  if(c->nerr > MAX_LISTED)
    return;
  if(c->file)
    sb_addf(&c->errs, "%s:%ld: ", c->file, c->row);
  if(fi >= 0)
    sb_addf(&c->errs, "%s: ",
            c->colname[fi] ? c->colname[fi] : c->r->fields[fi].zh);
  /* A cell may hold newlines or other control characters: show them
   * escaped, so that one message stays one line. */
  sbuf m;
  sb_init(&m);
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&m, fmt, ap);
  va_end(ap);
  for(size_t i = 0; i < m.len; i++) {
    unsigned char ch = (unsigned char)m.buf[i];
    if(ch == '\n')
      sb_add(&c->errs, "\\n", 2);
    else if(ch == '\r')
      sb_add(&c->errs, "\\r", 2);
    else if(ch < 0x20 || ch == 0x7f)
      sb_addf(&c->errs, "\\x%02x", ch);
    else
      sb_addch(&c->errs, (char)ch);
  }
  sb_free(&m);
  sb_addch(&c->errs, '\n');
}

long reg_nerrors(const regctx *c)
{
  return c->nerr;
}

int reg_fatal(const regctx *c)
{
  return c->fatal || sqlite3_get_autocommit(c->z->db);
}

const char *reg_errors(regctx *c)
{
  /* The listed messages, and how many more there were. */
  sb_reset(&c->report);
  sb_add(&c->report, c->errs.buf ? c->errs.buf : "", c->errs.len);
  if(c->nerr > MAX_LISTED)
    sb_addf(&c->report, "... and %ld more errors\n", c->nerr - MAX_LISTED);
  return c->report.buf ? c->report.buf : "";
}

/* ---- parsing ---- */

static int village_index(const regctx *c, const char *s, size_t n)
{
  if(n != 12)
    return -1;
  uint64_t v = 0;
  for(size_t i = 0; i < n; i++) {
    if(s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (uint64_t)(s[i] - '0');
  }
  const uint64_t *p = bsearch(&v, c->vil, c->nvil, sizeof v, cmp_u64);
  return p ? (int)(p - c->vil) : -2;
}

static void list_names(const names *nm, sbuf *out)
{
  for(int i = 0; i < nm->n; i++)
    sb_addf(out, "%s%s", i ? ", " : "", nm->v[i]);
}

static int parse_landclass(regctx *c, int fi, const char *s, size_t n, val *v)
{
  int i = names_find(&c->lc_code, s, n);
  if(i < 0 && n >= 1 && n <= 3) {
    /* Excel drops leading zeros: 103 -> 0103, 1 -> 01. */
    char pad[5];
    int all_digits = 1;
    for(size_t k = 0; k < n; k++)
      all_digits &= s[k] >= '0' && s[k] <= '9';
    if(all_digits) {
      size_t want = n <= 2 ? 2 : 4;
      memset(pad, '0', sizeof pad);
      memcpy(pad + want - n, s, n);
      i = names_find(&c->lc_code, pad, want);
    }
  }
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_code.v[i];
    v->n = strlen(v->s);
    return 0;
  }
  i = names_find(&c->lc_name, s, n);
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_code.v[i]; /* lc_name is in code order, like lc_code */
    v->n = strlen(v->s);
    return 0;
  }
  i = names_find(&c->lc_alias, s, n);
  if(i >= 0) {
    v->t = V_TEXT;
    v->s = c->lc_alias_code.v[i];
    v->n = strlen(v->s);
    return 0;
  }
  reg_error(c, fi,
            "'%.*s' is not a GB/T 21010 land class (give a code such as 0103 "
            "or a name such as 旱地)", (int)n, s);
  return 1;
}

/* "6.22848E+18", "1.50125E+11": what Excel makes of a long digit string. */
static int sci_notation(const char *s, size_t n)
{
  size_t i = 0, digits = 0;
  while(i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
    digits += s[i++] != '.';
  if(!digits || i + 2 >= n || (s[i] != 'E' && s[i] != 'e') || s[i + 1] != '+')
    return 0;
  for(i += 2; i < n; i++)
    if(s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int parse_cell(regctx *c, int fi, const char *cell, size_t len, val *v)
{
  const field *f = &c->r->fields[fi];
  size_t n;
  const char *s = text_trim(cell ? cell : "", cell ? len : 0, &n);
  const char *e = NULL;
  v->t = V_NULL;
  if(n == 0) {
    if(f->flags & F_REQ) {
      reg_error(c, fi, "required, but empty");
      return 1;
    }
    return 0;
  }
  if((f->flags & F_DIGITS) && sci_notation(s, n)) {
    reg_error(c, fi, "'%.*s' looks like a number the spreadsheet rounded "
                     "(format the column as text and export again)",
              (int)n, s);
    return 1;
  }
  switch(f->type) {
  case F_TEXT:
  case F_CODE:
  case F_ACCOUNT:
    v->t = V_TEXT;
    v->s = s;
    v->n = n;
    if(f->type != F_TEXT && n > 64) {
      reg_error(c, fi, "a code is at most 64 bytes long");
      return 1;
    }
    return 0;
  case F_VILLAGE: {
    int k = village_index(c, s, n);
    if(k == -1) {
      if(memchr(s, 'E', n) || memchr(s, 'e', n))
        reg_error(c, fi,
                  "'%.*s' is not a 12-digit village code: the spreadsheet "
                  "turned it into a number; format the column as text",
                  (int)n, s);
      else
        reg_error(c, fi, "'%.*s' is not a 12-digit village code", (int)n, s);
      return 1;
    }
    if(k == -2) {
      reg_error(c, fi,
                "no village with code %.*s (load the divisions with 'sanzi "
                "org import')", (int)n, s);
      return 1;
    }
    v->t = V_TEXT;
    v->s = s;
    v->n = n;
    return 0;
  }
  case F_MONEY:
  case F_DERIVED:
    e = money_parse(s, n, &v->i);
    if(!e && (v->i > MONEY_MAX || v->i < -MONEY_MAX))
      e = "more than 10,000,000,000,000.00 (a typing error?)";
    break;
  case F_AREA:
  case F_QTY:
    e = area_parse(s, n, &v->i);
    break;
  case F_RATE:
    e = rate_parse(s, n, &v->i);
    if(!e && v->i > 1000000)
      e = "more than 100%";
    if(!e && v->i > 0 && v->i < 10000 && !memchr(s, '%', n) &&
       !memchr(s, 0xef, n))
      e = "less than 1%: a rate is given in percent (5 or 5% for five "
          "percent, 0.5% for a half)";
    break;
  case F_INT:
    e = int_parse(s, n, &v->i);
    if(!e && v->i < 0)
      e = "negative";
    break;
  case F_DATE:
  case F_MONTH: {
    char *out = c->scratch + SCRATCH * fi;
    e = f->type == F_DATE ? date_parse(s, n, out) : month_parse(s, n, out);
    if(!e) {
      v->t = V_TEXT;
      v->s = out;
      v->n = strlen(out);
      return 0;
    }
    break;
  }
  case F_ENUM: {
    int k = names_find(&c->enums[fi], s, n);
    if(k < 0) {
      sbuf l;
      sb_init(&l);
      list_names(&c->enums[fi], &l);
      reg_error(c, fi, "'%.*s' is not one of: %s", (int)n, s, l.buf);
      sb_free(&l);
      return 1;
    }
    v->t = V_TEXT;
    v->s = c->enums[fi].v[k];
    v->n = c->enums[fi].len[k];
    return 0;
  }
  case F_LANDCLASS:
    return parse_landclass(c, fi, s, n, v);
  case F_IDNUM: {
    /* A masked number, as an export writes it, is resolved against the
     * stored record by the register's check. */
    if(idnum_is_masked(s, n)) {
      v->t = V_TEXT;
      v->s = s;
      v->n = n;
      return 0;
    }
    char *out = c->scratch + SCRATCH * fi, msg[160];
    e = idnum_check(s, n, out, msg);
    if(!e) {
      v->t = V_TEXT;
      v->s = out;
      v->n = 18;
      return 0;
    }
    reg_error(c, fi, "'%.*s': %s", (int)n, s, e);
    return 1;
  }
  }
  if(e) {
    reg_error(c, fi, "'%.*s': %s", (int)n, s, e);
    return 1;
  }
  v->t = V_INT;
  if(v->i < 0 && (f->type == F_AREA || f->type == F_QTY ||
                  (f->type == F_MONEY && strcmp(f->key, "opening_balance")))) {
    reg_error(c, fi, "'%.*s': must not be negative", (int)n, s);
    return 1;
  }
  if((f->flags & F_POS) && v->i <= 0) {
    reg_error(c, fi, "'%.*s': must be greater than 0", (int)n, s);
    return 1;
  }
  return 0;
}

int reg_parse(regctx *c, const char *const *cells, const size_t *lens, val *v)
{
  long before = c->nerr;
  for(int i = 0; i < c->r->nfields; i++)
    parse_cell(c, i, cells[i], cells[i] ? lens[i] : 0, &v[i]);
  return (int)(c->nerr - before);
}

int reg_check(regctx *c, val *v)
{
  return c->r->check ? c->r->check(c, v) : 0;
}

void reg_take_errors(regctx *from, sbuf *out, long *n)
{
  sb_add(out, from->errs.buf ? from->errs.buf : "", from->errs.len);
  *n = from->nerr;
  sb_reset(&from->errs);
  from->nerr = 0;
}

void reg_add_errors(regctx *c, const char *text, size_t len, long n)
{
  /* The lines are whole messages; keep the first MAX_LISTED overall. */
  const char *p = text, *end = text + len;
  for(long i = 0; i < n; i++) {
    const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
    c->nerr++;
    if(c->nerr <= MAX_LISTED && nl)
      sb_add(&c->errs, p, (size_t)(nl - p + 1));
    p = nl ? nl + 1 : end;
  }
}

/* ---- checks that span fields ---- */

static int check_asset(regctx *c, val *v)
{
  /* check_asset serves only the asset spec: look the fields up once. */
  static int ov = -1, ad, dt, aq, nv;
  if(ov < 0) {
    ad = reg_field(c->r, "accumulated_depreciation");
    dt = reg_field(c->r, "depreciated_through");
    aq = reg_field(c->r, "acquired_on");
    nv = reg_field(c->r, "net_value");
    ov = reg_field(c->r, "original_value");
  }
  int bad = 0;
  int64_t acc = v[ad].t == V_INT ? v[ad].i : 0;
  char b1[32], b2[32];
  if(acc > v[ov].i) {
    reg_error(c, ad, "%s is more than the original value %s",
              money_format(acc, b1), money_format(v[ov].i, b2));
    bad++;
  }
  if(acc > 0 && v[dt].t == V_NULL) {
    reg_error(c, dt, "required when 累计折旧 is given: the month the "
                     "registered depreciation runs through");
    bad++;
  }
  if(v[dt].t == V_TEXT && memcmp(v[dt].s, v[aq].s, 7) < 0) {
    reg_error(c, dt, "%.7s is before the acquisition month %.7s", v[dt].s,
              v[aq].s);
    bad++;
  }
  if(v[nv].t == V_INT && v[nv].i != v[ov].i - acc) {
    reg_error(c, nv, "%s does not equal 原值 - 累计折旧 = %s",
              money_format(v[nv].i, b1), money_format(v[ov].i - acc, b2));
    bad++;
  }
  v[nv].t = V_NULL; /* derived: never stored */
  return bad;
}

static int check_fund(regctx *c, val *v)
{
  static int vi = -1, ac, dt, di, ca, vo, co;
  if(vi < 0) {
    ac = reg_field(c->r, "account");
    dt = reg_field(c->r, "date");
    di = reg_field(c->r, "direction");
    ca = reg_field(c->r, "category");
    vo = reg_field(c->r, "voucher");
    co = reg_field(c->r, "code");
    vi = reg_field(c->r, "village");
  }
  int bad = 0;
  sqlite3_bind_text(c->acct, 1, v[ac].s, (int)v[ac].n, SQLITE_STATIC);
  if(sqlite3_step(c->acct) != SQLITE_ROW) {
    reg_error(c, ac, "no account with code '%.*s'", (int)v[ac].n, v[ac].s);
    bad++;
  } else {
    const char *av = (const char *)sqlite3_column_text(c->acct, 0);
    const char *od = (const char *)sqlite3_column_text(c->acct, 1);
    if(strlen(av) != v[vi].n || memcmp(av, v[vi].s, v[vi].n)) {
      reg_error(c, ac, "account '%.*s' belongs to village %s, not %.*s",
                (int)v[ac].n, v[ac].s, av, (int)v[vi].n, v[vi].s);
      bad++;
    } else if(memcmp(v[dt].s, od, 10) < 0) {
      reg_error(c, dt, "%.10s is before the account's opening date %s",
                v[dt].s, od);
      bad++;
    }
  }
  sqlite3_reset(c->acct);
  /* The category must exist for this direction. */
  sqlite3_stmt *st = c->fcat;
  sqlite3_bind_text(st, 1, v[ca].s, (int)v[ca].n, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, v[di].s, (int)v[di].n, SQLITE_STATIC);
  if(sqlite3_step(st) != SQLITE_ROW) {
    reg_error(c, ca, "'%.*s' is not a %.*s category", (int)v[ca].n, v[ca].s,
              (int)v[di].n, v[di].s);
    bad++;
  }
  sqlite3_reset(st);
  static int ct = -1;
  if(ct < 0)
    ct = reg_field(c->r, "contract");
  if(v[ct].t == V_TEXT) {
    /* A receipt that cites a contract pays down its receivables. */
    if(!c->fcon)
      c->fcon = db_prepare(c->z, "SELECT village FROM contract WHERE code = ?1");
    sqlite3_bind_text(c->fcon, 1, v[ct].s, (int)v[ct].n, SQLITE_STATIC);
    if(sqlite3_step(c->fcon) != SQLITE_ROW) {
      reg_error(c, ct, "no contract with code '%.*s'", (int)v[ct].n, v[ct].s);
      bad++;
    } else if((size_t)sqlite3_column_bytes(c->fcon, 0) != v[vi].n ||
              memcmp(sqlite3_column_text(c->fcon, 0), v[vi].s, v[vi].n)) {
      reg_error(c, ct, "contract '%.*s' belongs to village %s", (int)v[ct].n,
                v[ct].s, sqlite3_column_text(c->fcon, 0));
      bad++;
    }
    sqlite3_reset(c->fcon);
  }
  if(v[vo].n > 64) {
    reg_error(c, vo, "a voucher number is at most 64 bytes long");
    return bad + 1;
  }
  int k = snprintf(c->fundcode, sizeof c->fundcode, "%.*s-%.4s-%.*s",
                   (int)v[vi].n, v[vi].s, v[dt].s, (int)v[vo].n, v[vo].s);
  v[co].t = V_TEXT;
  v[co].s = c->fundcode;
  v[co].n = (size_t)k;
  return bad;
}

static int check_org(regctx *c, val *v)
{
  static const char *const levels[] = {"province", "city", "county",
                                       "township", "village"};
  static const size_t lens[] = {2, 4, 6, 9, 12};
  int bad = 0, lv = -1;
  for(int i = 0; i < 5; i++)
    if(strlen(levels[i]) == v[2].n && !memcmp(levels[i], v[2].s, v[2].n))
      lv = i;
  if(lv < 0) {
    reg_error(c, 2, "'%.*s' is not one of: province, city, county, township, "
                    "village", (int)v[2].n, v[2].s);
    return 1;
  }
  int digits = 1;
  for(size_t i = 0; i < v[0].n; i++)
    digits &= v[0].s[i] >= '0' && v[0].s[i] <= '9';
  if(!digits || v[0].n != lens[lv]) {
    reg_error(c, 0, "'%.*s' is not a %s code (%zu digits)", (int)v[0].n,
              v[0].s, levels[lv], lens[lv]);
    bad++;
  }
  if(lv == 0 && v[3].t != V_NULL) {
    reg_error(c, 3, "a province has no parent");
    bad++;
  } else if(lv > 0 && !bad) {
    if(v[3].t == V_NULL || v[3].n != lens[lv - 1] ||
       memcmp(v[3].s, v[0].s, v[3].n)) {
      reg_error(c, 3, "'%.*s' is not the %s code that %.*s begins with",
                (int)v[3].n, v[3].t == V_NULL ? "" : v[3].s, levels[lv - 1],
                (int)v[0].n, v[0].s);
      bad++;
    } else {
      sqlite3_stmt *st = db_prepare(c->z, "SELECT 1 FROM org WHERE code = ?1");
      sqlite3_bind_text(st, 1, v[3].s, (int)v[3].n, SQLITE_STATIC);
      if(sqlite3_step(st) != SQLITE_ROW) {
        reg_error(c, 3, "no organisation with code %.*s (list parents before "
                        "their children)", (int)v[3].n, v[3].s);
        bad++;
      }
      sqlite3_finalize(st);
    }
  }
  return bad;
}

/* A field's value as a NUL-terminated copy in buf (truncated to n-1). */
static const char *vstr(const val *v, char *buf, size_t n)
{
  snprintf(buf, n, "%.*s", v->t == V_TEXT ? (int)v->n : 0,
           v->t == V_TEXT ? v->s : "");
  return buf;
}

static int check_loan(regctx *c, val *v)
{
  int st = reg_field(c->r, "start_date"), ma = reg_field(c->r, "maturity");
  int wd = reg_field(c->r, "withdrawn");
  int bad = 0;
  if(memcmp(v[ma].s, v[st].s, 10) <= 0) {
    reg_error(c, ma, "%.10s is not after 放款日期 %.10s", v[ma].s, v[st].s);
    bad++;
  }
  char code[80];
  vstr(&v[c->ci], code, sizeof code);
  if(!code[0])
    return bad;
  /* A loan already registered: its payments must stay within its life. */
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT code, period_from, period_to FROM interest WHERE loan = ?1 "
            "AND withdrawn IS NULL AND (period_from < ?2 OR period_to > ?3) "
            "ORDER BY period_from LIMIT 1");
  sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[st].s, (int)v[st].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[ma].s, (int)v[ma].n, SQLITE_STATIC);
  if(sqlite3_step(q) == SQLITE_ROW) {
    reg_error(c, st, "interest payment %s (%s to %s) would lie outside the "
                     "loan's life %.10s to %.10s",
              sqlite3_column_text(q, 0), sqlite3_column_text(q, 1),
              sqlite3_column_text(q, 2), v[st].s, v[ma].s);
    bad++;
  }
  sqlite3_finalize(q);
  if(v[wd].t == V_TEXT) {
    q = db_prepare(c->z, "SELECT code, status FROM subsidy WHERE loan = ?1 AND "
                         "status <> '已撤回' AND status <> '初审不同意' "
                         "ORDER BY id LIMIT 1");
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    if(sqlite3_step(q) == SQLITE_ROW) {
      reg_error(c, wd, "the loan has subsidy application %s (%s): withdraw "
                       "that first", sqlite3_column_text(q, 0),
                sqlite3_column_text(q, 1));
      bad++;
    }
    sqlite3_finalize(q);
  }
  return bad;
}

static int check_interest(regctx *c, val *v)
{
  int lo = reg_field(c->r, "loan"), vi = c->vi;
  int fr = reg_field(c->r, "period_from"), to = reg_field(c->r, "period_to");
  int po = reg_field(c->r, "paid_on");
  int bad = 0;
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT village, start_date, maturity, withdrawn FROM loan "
            "WHERE code = ?1");
  sqlite3_bind_text(q, 1, v[lo].s, (int)v[lo].n, SQLITE_STATIC);
  if(sqlite3_step(q) != SQLITE_ROW) {
    reg_error(c, lo, "no loan with code '%.*s'", (int)v[lo].n, v[lo].s);
    sqlite3_finalize(q);
    return 1;
  }
  char start[11], mat[11];
  snprintf(start, sizeof start, "%s", sqlite3_column_text(q, 1));
  snprintf(mat, sizeof mat, "%s", sqlite3_column_text(q, 2));
  if(sqlite3_column_type(q, 3) != SQLITE_NULL) {
    reg_error(c, lo, "loan %.*s is withdrawn (%s): it takes no payments",
              (int)v[lo].n, v[lo].s, sqlite3_column_text(q, 3));
    bad++;
  }
  snprintf(c->genbuf, 32, "%s", sqlite3_column_text(q, 0));
  v[vi].t = V_TEXT;
  v[vi].s = c->genbuf;
  v[vi].n = strlen(c->genbuf);
  sqlite3_finalize(q);
  if(memcmp(v[to].s, v[fr].s, 10) <= 0) {
    reg_error(c, to, "%.10s is not after 计息起日 %.10s: days are counted "
                     "from the first day to the last, not counting the last",
              v[to].s, v[fr].s);
    return bad + 1;
  }
  if(memcmp(v[fr].s, start, 10) < 0) {
    reg_error(c, fr, "%.10s is before the loan was paid out (%s)", v[fr].s,
              start);
    bad++;
  }
  if(memcmp(v[to].s, mat, 10) > 0) {
    reg_error(c, to, "%.10s is after the loan's maturity (%s)", v[to].s, mat);
    bad++;
  }
  if(memcmp(v[po].s, v[fr].s, 10) < 0) {
    reg_error(c, po, "%.10s is before the period it pays for begins (%.10s)",
              v[po].s, v[fr].s);
    bad++;
  }
  char today[11];
  date_today(today);
  if(memcmp(v[po].s, today, 10) > 0) {
    reg_error(c, po, "%.10s: that day has not come yet (today is %s)",
              v[po].s, today);
    bad++;
  }
  char code[80];
  vstr(&v[c->ci], code, sizeof code);
  q = db_prepare(c->z,
                 "SELECT code, period_from, period_to FROM interest WHERE "
                 "loan = ?1 AND withdrawn IS NULL AND period_from < ?3 AND "
                 "?2 < period_to AND code IS NOT ?4 ORDER BY period_from "
                 "LIMIT 1");
  sqlite3_bind_text(q, 1, v[lo].s, (int)v[lo].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[fr].s, (int)v[fr].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[to].s, (int)v[to].n, SQLITE_STATIC);
  if(code[0])
    sqlite3_bind_text(q, 4, code, -1, SQLITE_STATIC);
  if(sqlite3_step(q) == SQLITE_ROW) {
    reg_error(c, fr, "%.10s to %.10s overlaps payment %s for %s to %s of the "
                     "same loan", v[fr].s, v[to].s, sqlite3_column_text(q, 0),
              sqlite3_column_text(q, 1), sqlite3_column_text(q, 2));
    bad++;
  }
  sqlite3_finalize(q);
  return bad;
}

static int check_program(regctx *c, val *v)
{
  int db = reg_field(c->r, "day_basis");
  int bad = 0;
  const val *y = &v[0];
  if(y->n != 4 || !isdigit((unsigned char)y->s[0]) ||
     !isdigit((unsigned char)y->s[1]) || !isdigit((unsigned char)y->s[2]) ||
     !isdigit((unsigned char)y->s[3]) || memcmp(y->s, "1900", 4) < 0 ||
     memcmp(y->s, "2999", 4) > 0) {
    reg_error(c, 0, "'%.*s' is not a year", (int)y->n, y->s);
    bad++;
  }
  if(v[db].i != 360 && v[db].i != 365) {
    reg_error(c, db, "%lld: the day basis is 360 or 365", (long long)v[db].i);
    bad++;
  }
  return bad;
}

/* The stored value of field fi of the record with this code, into out. */
static int stored_text(regctx *c, const val *v, int fi, char *out, size_t n)
{
  char sql[160];
  snprintf(sql, sizeof sql, "SELECT \"%s\" FROM \"%s\" WHERE code = ?1",
           c->r->fields[fi].key, c->r->name);
  sqlite3_stmt *q = db_prepare(c->z, sql);
  sqlite3_bind_text(q, 1, v[c->ci].s, (int)v[c->ci].n, SQLITE_STATIC);
  int found = v[c->ci].t == V_TEXT && sqlite3_step(q) == SQLITE_ROW &&
              sqlite3_column_type(q, 0) == SQLITE_TEXT;
  if(found && out)
    snprintf(out, n, "%s", sqlite3_column_text(q, 0));
  sqlite3_finalize(q);
  return found;
}

static int check_contract(regctx *c, val *v)
{
  int vi = c->vi, ki = reg_field(c->r, "kind"), ob = reg_field(c->r, "object");
  int pi = reg_field(c->r, "party_id"), sd = reg_field(c->r, "start_date");
  int ed = reg_field(c->r, "end_date"), fd = reg_field(c->r, "first_due");
  int di = reg_field(c->r, "disposal");
  int bad = 0;
  if(idnum_is_masked(v[pi].s, v[pi].n)) {
    /* An export's masked number stands for the one on record. */
    char *out = c->scratch + SCRATCH * pi, mask[19];
    if(!stored_text(c, v, pi, out, SCRATCH) ||
       (idnum_mask(out, mask), memcmp(mask, v[pi].s, 18))) {
      reg_error(c, pi, "'%.*s' is masked: give the full number (an export "
                       "with --full-ids has it)", (int)v[pi].n, v[pi].s);
      bad++;
    } else {
      v[pi].s = out;
      v[pi].n = strlen(out);
    }
  }
  /* The object: an asset or resource of the same village, not disposed. */
  char ovil[16] = "", ostatus[32] = "", group[64] = "";
  sqlite3_stmt *q = db_prepare(
      c->z, "SELECT village, status, '' FROM asset WHERE code = ?1 UNION ALL "
            "SELECT r.village, r.status, g.name FROM resource r JOIN "
            "land_class l ON l.code = r.land_class JOIN land_class g ON "
            "g.code = l.group_code WHERE r.code = ?1");
  sqlite3_bind_text(q, 1, v[ob].s, (int)v[ob].n, SQLITE_STATIC);
  if(sqlite3_step(q) == SQLITE_ROW) {
    snprintf(ovil, sizeof ovil, "%s", sqlite3_column_text(q, 0));
    snprintf(ostatus, sizeof ostatus, "%s", sqlite3_column_text(q, 1));
    snprintf(group, sizeof group, "%s", sqlite3_column_text(q, 2));
  }
  sqlite3_finalize(q);
  if(!ovil[0]) {
    reg_error(c, ob, "no asset or resource with code '%.*s'", (int)v[ob].n,
              v[ob].s);
    bad++;
  } else if(strlen(ovil) != v[vi].n || memcmp(ovil, v[vi].s, v[vi].n)) {
    reg_error(c, ob, "'%.*s' belongs to village %s, not %.*s", (int)v[ob].n,
              v[ob].s, ovil, (int)v[vi].n, v[vi].s);
    bad++;
  } else if(!strcmp(ostatus, "已处置")) {
    reg_error(c, ob, "'%.*s' is 已处置 (disposed of)", (int)v[ob].n, v[ob].s);
    bad++;
  }
  if(memcmp(v[ed].s, v[sd].s, 10) <= 0) {
    reg_error(c, ed, "%.10s is not after 起始日期 %.10s", v[ed].s, v[sd].s);
    return bad + 1;
  }
  if(memcmp(v[fd].s, v[ed].s, 10) > 0) {
    reg_error(c, fd, "%.10s is after 终止日期 %.10s", v[fd].s, v[ed].s);
    bad++;
  }
  char kind[16], start[11], end[11], msg[256];
  snprintf(kind, sizeof kind, "%.*s", (int)v[ki].n, v[ki].s);
  snprintf(start, sizeof start, "%.10s", v[sd].s);
  snprintf(end, sizeof end, "%.10s", v[ed].s);
  if(contract_term_over(c->z, kind, group, start, end, msg, sizeof msg)) {
    reg_error(c, ed, "%s", msg);
    bad++;
  }
  /* One contract at a time for an object. */
  char code[80];
  snprintf(code, sizeof code, "%.*s", v[c->ci].t == V_TEXT ? (int)v[c->ci].n : 0,
           v[c->ci].t == V_TEXT ? v[c->ci].s : "");
  q = db_prepare(c->z, "SELECT code, start_date, end_date FROM contract WHERE "
                       "object = ?1 AND start_date <= ?3 AND ?2 <= end_date "
                       "AND code IS NOT ?4 ORDER BY start_date LIMIT 1");
  sqlite3_bind_text(q, 1, v[ob].s, (int)v[ob].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 2, v[sd].s, (int)v[sd].n, SQLITE_STATIC);
  sqlite3_bind_text(q, 3, v[ed].s, (int)v[ed].n, SQLITE_STATIC);
  if(code[0])
    sqlite3_bind_text(q, 4, code, -1, SQLITE_STATIC);
  if(sqlite3_step(q) == SQLITE_ROW) {
    reg_error(c, sd, "%.10s to %.10s overlaps contract %s (%s to %s) on the "
                     "same object %.*s", v[sd].s, v[ed].s,
              sqlite3_column_text(q, 0), sqlite3_column_text(q, 1),
              sqlite3_column_text(q, 2), (int)v[ob].n, v[ob].s);
    bad++;
  }
  sqlite3_finalize(q);
  if(v[di].t == V_TEXT) {
    q = db_prepare(c->z, "SELECT village, executed_on FROM disposal WHERE "
                         "code = ?1");
    sqlite3_bind_text(q, 1, v[di].s, (int)v[di].n, SQLITE_STATIC);
    if(sqlite3_step(q) != SQLITE_ROW) {
      reg_error(c, di, "no disposal filing with code '%.*s'", (int)v[di].n,
                v[di].s);
      bad++;
    } else if(strlen((const char *)sqlite3_column_text(q, 0)) != v[vi].n ||
              memcmp(sqlite3_column_text(q, 0), v[vi].s, v[vi].n)) {
      reg_error(c, di, "filing '%.*s' is of village %s", (int)v[di].n,
                v[di].s, sqlite3_column_text(q, 0));
      bad++;
    } else if(sqlite3_column_type(q, 1) != SQLITE_NULL &&
              !stored_text(c, v, di, NULL, 0)) {
      /* Only execute names an executed filing's contracts. */
      reg_error(c, di, "filing '%.*s' was executed on %s; its contracts "
                       "were named then", (int)v[di].n, v[di].s,
                sqlite3_column_text(q, 1));
      bad++;
    }
    sqlite3_finalize(q);
  }
  return bad;
}

void reg_set_workflow(regctx *c)
{
  c->workflow = 1;
}

/* Letting (出租, 发包, 入股) and disposal (已处置) happen through a disposal
 * filing: an edit or import may register them for a new record, but not
 * move a registered one into or out of them. */
static int guard_status(regctx *c, const val *old, const val *v)
{
  static const char *const filed[] = {"出租", "发包", "入股", "已处置"};
  int si = reg_field(c->r, "status");
  const val *o = &old[si], *n = &v[si];
  if(o->t != V_TEXT || n->t != V_TEXT ||
     (o->n == n->n && !memcmp(o->s, n->s, n->n)))
    return 0;
  int into = 0;
  for(size_t i = 0; i < ARRAY_SIZE(filed); i++)
    into |= strlen(filed[i]) == n->n && !memcmp(filed[i], n->s, n->n);
  int was_gone = o->n == strlen("已处置") && !memcmp(o->s, "已处置", o->n);
  if(was_gone) {
    reg_error(c, si, "%.*s -> %.*s: a disposed record (已处置) stays disposed",
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  if(into) {
    reg_error(c, si, "%.*s -> %.*s: letting and disposal go through a "
                     "disposal filing (sanzi disposal new), not an edit",
              (int)o->n, o->s, (int)n->n, n->s);
    return 1;
  }
  return 0;
}

/* A withdrawal is made (and stays) with its verb, not by an edit. */
static int guard_withdrawn(regctx *c, const val *old, const val *v)
{
  int wi = reg_field(c->r, "withdrawn");
  const val *o = &old[wi], *n = &v[wi];
  if(o->t == n->t && (o->t != V_TEXT || (o->n == n->n &&
                                         !memcmp(o->s, n->s, n->n))))
    return 0;
  if(o->t == V_TEXT)
    reg_error(c, wi, "the %s was withdrawn ('%.*s'); a withdrawal is not "
                     "undone or reworded", c->r->name, (int)o->n, o->s);
  else
    reg_error(c, wi, "a %s is withdrawn with 'sanzi %s withdraw CODE "
                     "--reason TEXT'", c->r->name, c->r->name);
  return 1;
}

static int same(const val *a, const val *b)
{
  return a->t == b->t &&
         (a->t == V_NULL || (a->t == V_INT && a->i == b->i) ||
          (a->t == V_TEXT && a->n == b->n && !memcmp(a->s, b->s, a->n)));
}

/* Once the filing a contract names is executed, the link and the terms it
 * approved change only through a new filing. */
static int guard_contract(regctx *c, const val *old, const val *v)
{
  static const char *const terms[] = {"kind", "object", "party", "party_id",
                                      "party_is_member", "start_date",
                                      "end_date", "annual_amount", "payment",
                                      "first_due", "signed_on"};
  int di = reg_field(c->r, "disposal");
  if(old[di].t != V_TEXT)
    return 0; /* a new link is checked by check_contract */
  char filing[80];
  snprintf(filing, sizeof filing, "%.*s", (int)old[di].n, old[di].s);
  if(!db_int(c->z, 0, "SELECT count(*) FROM disposal WHERE code = ?1 AND "
                      "executed_on IS NOT NULL", filing))
    return 0; /* named ahead of its execution: may still change */
  if(!same(&old[di], &v[di])) {
    reg_error(c, di, "set when its disposal filing is executed (sanzi "
                     "disposal execute --contract), not by an edit");
    return 1;
  }
  for(size_t k = 0; k < ARRAY_SIZE(terms); k++) {
    int fi = reg_field(c->r, terms[k]);
    if(!same(&old[fi], &v[fi])) {
      reg_error(c, fi, "the contract was approved and executed under filing "
                       "%s; its terms change only through a new filing",
                filing);
      return 1;
    }
  }
  return 0;
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

int reg_put(regctx *c, val *v, int mode)
{
  int64_t id;
  int upd;
  if(reg_write(c, v, mode, 0, &id, &upd)) {
    set_err(c->z->err, sizeof c->z->err, "%s", reg_errors(c));
    size_t n = strlen(c->z->err);
    if(n && c->z->err[n - 1] == '\n')
      c->z->err[n - 1] = 0;
    return -1;
  }
  return 0;
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

void reg_select_sql(const reg *r, sbuf *out)
{
  sb_addstr(out, "SELECT id, log_id");
  for(int i = 0; i < r->nfields; i++)
    if(r->fields[i].type != F_DERIVED)
      sb_addf(out, ", \"%s\"", r->fields[i].key);
  sb_addf(out, " FROM \"%s\"", r->name);
}

/* ---- writing ---- */

static void bind_row(sqlite3_stmt *st, const reg *r, const val *v)
{
  int k = 0;
  for(int i = 0; i < r->nfields; i++) {
    if(r->fields[i].type == F_DERIVED)
      continue;
    k++;
    if(v[i].t == V_INT)
      sqlite3_bind_int64(st, k, v[i].i);
    else if(v[i].t == V_TEXT)
      sqlite3_bind_text(st, k, v[i].s, (int)v[i].n, SQLITE_STATIC);
    else
      sqlite3_bind_null(st, k);
  }
}

/* Generates <village>-<infix>-NNNN, the next free number of the village. */
static void generate_code(regctx *c, val *v)
{
  int vi = c->vi;
  int k = village_index(c, v[vi].s, v[vi].n);
  if(k < 0)
    return;
  if(c->vil_next[k] == 0) {
    sqlite3_bind_text(c->maxno, 1, v[vi].s, (int)v[vi].n, SQLITE_STATIC);
    c->vil_next[k] = 1;
    if(sqlite3_step(c->maxno) == SQLITE_ROW)
      c->vil_next[k] = sqlite3_column_int64(c->maxno, 0) + 1;
    sqlite3_reset(c->maxno);
  }
  int n = snprintf(c->genbuf + 32, 32, "%.12s-%s-%04lld", v[vi].s,
                   c->r->infix, (long long)c->vil_next[k]++);
  int ci = c->ci;
  v[ci].t = V_TEXT;
  v[ci].s = c->genbuf + 32;
  v[ci].n = (size_t)n;
}

static const field *field_by_key(const reg *r, const char *key, int *idx)
{
  for(int i = 0; i < r->nfields; i++)
    if(!strcmp(r->fields[i].key, key)) {
      *idx = i;
      return &r->fields[i];
    }
  return NULL;
}

/* Reports a constraint failure against the field it names. Any other
 * failure (a full disk, an I/O error) is fatal: SQLite may have rolled the
 * whole transaction back, so nothing more may be written. */
static void constraint_error(regctx *c, val *v)
{
  int rc = sqlite3_extended_errcode(c->z->db);
  if((rc & 0xff) != SQLITE_CONSTRAINT) {
    c->fatal = 1;
    reg_error(c, -1, "cannot write to the database: %s",
              sqlite3_errmsg(c->z->db));
    return;
  }
  if(!c->r->infix && !c->r->internal) {
    /* The derived code of a fund entry repeats: the voucher is taken. */
    int vo = reg_field(c->r, "voucher"), da = reg_field(c->r, "date");
    if(strstr(sqlite3_errmsg(c->z->db), ".code") ||
       !strstr(sqlite3_errmsg(c->z->db), "constraint")) {
      reg_error(c, vo, "voucher '%.*s' is already used by village %.*s in "
                       "%.4s", (int)v[vo].n, v[vo].s, (int)v[c->vi].n,
                v[c->vi].s, v[da].s);
      return;
    }
  }
  const char *msg = sqlite3_errmsg(c->z->db);
  const char *dot = strrchr(msg, '.');
  int fi = -1;
  if(!strncmp(msg, "UNIQUE constraint failed: ", 26) && dot &&
     field_by_key(c->r, dot + 1, &fi)) {
    char other[128] = "";
    if(strcmp(dot + 1, "code")) {
      char sql[160];
      snprintf(sql, sizeof sql, "SELECT code FROM \"%s\" WHERE \"%s\" = ?1",
               c->r->name, dot + 1);
      sqlite3_stmt *st = db_prepare(c->z, sql);
      sqlite3_bind_text(st, 1, v[fi].s, (int)v[fi].n, SQLITE_STATIC);
      if(sqlite3_step(st) == SQLITE_ROW)
        snprintf(other, sizeof other, " by %s",
                 (const char *)sqlite3_column_text(st, 0));
      sqlite3_finalize(st);
    }
    reg_error(c, fi, "'%.*s' is already used%s", (int)v[fi].n, v[fi].s, other);
    return;
  }
  reg_error(c, -1, "refused by the database: %s", msg);
}

int reg_load(regctx *c, const char *code, int64_t *id, val *v)
{
  return reg_load_n(c, code, strlen(code), id, v, NULL);
}

int reg_load_n(regctx *c, const char *code, size_t n, int64_t *id, val *v,
               int64_t *log_id)
{
  sqlite3_stmt *st = c->get;
  sqlite3_reset(st);
  sqlite3_bind_text(st, 1, code, (int)n, SQLITE_TRANSIENT);
  if(sqlite3_step(st) != SQLITE_ROW) {
    sqlite3_reset(st);
    return 0;
  }
  *id = sqlite3_column_int64(st, 0);
  if(log_id)
    *log_id = sqlite3_column_int64(st, 1);
  /* Copy text into loadbuf first, then point into it (it may move). */
  sb_reset(&c->loadbuf);
  size_t *off = xcalloc((size_t)c->r->nfields, sizeof *off);
  int col = 2;
  for(int i = 0; i < c->r->nfields; i++) {
    v[i].t = V_NULL;
    if(c->r->fields[i].type == F_DERIVED)
      continue;
    int t = sqlite3_column_type(st, col);
    if(t == SQLITE_INTEGER) {
      v[i].t = V_INT;
      v[i].i = sqlite3_column_int64(st, col);
    } else if(t != SQLITE_NULL) {
      v[i].t = V_TEXT;
      off[i] = c->loadbuf.len;
      v[i].n = (size_t)sqlite3_column_bytes(st, col);
      sb_add(&c->loadbuf, (const char *)sqlite3_column_text(st, col), v[i].n);
      sb_addch(&c->loadbuf, 0);
    }
    col++;
  }
  for(int i = 0; i < c->r->nfields; i++)
    if(v[i].t == V_TEXT)
      v[i].s = c->loadbuf.buf + off[i];
  free(off);
  sqlite3_reset(st);
  return 1;
}


int reg_write(regctx *c, val *v, int mode, int64_t log_id, int64_t *id,
              int *updated)
{
  const reg *r = c->r;
  int ci = c->ci;
  sz *z = c->z;
  int k = c->ncols;
  *updated = 0;
  int64_t lid = log_id ? log_id : history_next_id(z);
  if(ci >= 0 && v[ci].t == V_NULL && r->infix)
    generate_code(c, v);
  if(mode != 2) {
    for(int tries = 0;; tries++) {
      bind_row(c->ins, r, v);
      sqlite3_bind_int64(c->ins, k + 1, lid);
      int rc = sqlite3_step(c->ins);
      sqlite3_reset(c->ins);
      if(rc == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(z->db);
        sb_reset(&c->canon);
        reg_canon(r, *id, v, &c->canon);
        char *key = xstrndup(v[ci].s, v[ci].n);
        int bad = !log_id && history_append_row(z, lid, r->name, key,
                                                "insert", c->canon.buf);
        free(key);
        if(bad) {
          c->fatal = 1;
          reg_error(c, -1, "%s", z->err);
          return 1;
        }
        return 0;
      }
      if(rc != SQLITE_CONSTRAINT_UNIQUE) {
        constraint_error(c, v);
        return 1;
      }
      if(!strstr(sqlite3_errmsg(z->db), ".code")) {
        /* Another unique column (a certificate) clashed. With --update the
         * row may be this very record: then it is an update. */
        val *tmp = mode == 1 ? xcalloc((size_t)r->nfields, sizeof *tmp) : NULL;
        int64_t tid;
        int exists = tmp && v[ci].t == V_TEXT &&
                     reg_load_n(c, v[ci].s, v[ci].n, &tid, tmp, NULL);
        free(tmp);
        if(!exists) {
          constraint_error(c, v);
          return 1;
        }
        break;
      }
      /* The code exists. A generated one: take the next number. */
      if(r->infix && v[ci].s == c->genbuf + 32 && tries < 100000) {
        generate_code(c, v);
        continue;
      }
      break;
    }
    if(mode == 0) {
      if(!r->infix && !r->internal)
        constraint_error(c, v); /* a derived code: the voucher is taken */
      else {
        /* Written by this very batch: the file repeats the code. */
        val *tmp = xcalloc((size_t)r->nfields, sizeof *tmp);
        int64_t tid, tlog = 0;
        reg_load_n(c, v[ci].s, v[ci].n, &tid, tmp, &tlog);
        free(tmp);
        if(log_id && tlog == log_id)
          reg_error(c, ci, "'%.*s' appears twice in this file", (int)v[ci].n,
                    v[ci].s);
        else
          reg_error(c, ci, "'%.*s' already exists%s", (int)v[ci].n, v[ci].s,
                    log_id ? " (give --update to change it)" : "");
      }
      return 1;
    }
  }
  /* Update the record with this code. */
  val *old = xcalloc((size_t)r->nfields, sizeof *old);
  int64_t oldlog = 0;
  int found = reg_load_n(c, v[ci].s, v[ci].n, id, old, &oldlog);
  if(!found) {
    free(old);
    reg_error(c, ci, "no %s with code '%.*s'", r->name, (int)v[ci].n, v[ci].s);
    return 1;
  }
  if(log_id && oldlog == log_id) {
    free(old);
    reg_error(c, ci, "'%.*s' appears twice in this file", (int)v[ci].n,
              v[ci].s);
    return 1;
  }
  if(r->guard && !c->workflow && r->guard(c, old, v)) {
    free(old);
    return 1;
  }
  sbuf oc;
  sb_init(&oc);
  reg_canon(r, *id, old, &oc);
  free(old);
  sb_reset(&c->canon);
  reg_canon(r, *id, v, &c->canon);
  if(!strcmp(oc.buf, c->canon.buf)) {
    sb_free(&oc);
    *updated = 2; /* nothing changes: no update, no entry */
    return 0;
  }
  bind_row(c->upd, r, v);
  sqlite3_bind_int64(c->upd, k + 1, lid);
  sqlite3_bind_int64(c->upd, k + 2, *id);
  int rc = sqlite3_step(c->upd);
  sqlite3_reset(c->upd);
  if(rc != SQLITE_DONE) {
    sb_free(&oc);
    constraint_error(c, v);
    return 1;
  }
  *updated = 1;
  char *key = xstrndup(v[ci].s, v[ci].n);
  int bad = history_supersede(z, lid, r->name, *id, oldlog, oc.buf) ||
            (!log_id && history_append_row(z, lid, r->name, key, "update",
                                           c->canon.buf));
  free(key);
  sb_free(&oc);
  if(bad) {
    c->fatal = 1;
    reg_error(c, -1, "%s", z->err);
    return 1;
  }
  return 0;
}

int rec_open(sz *z, const char *name, const char *code, rec *x)
{
  x->r = reg_find(name);
  x->c = reg_open(z, x->r);
  x->v = xcalloc((size_t)x->r->nfields, sizeof *x->v);
  x->id = 0;
  return code ? reg_load(x->c, code, &x->id, x->v) : 1;
}

void rec_close(rec *x)
{
  reg_close(x->c);
  free(x->v);
}

val *rec_val(rec *x, const char *key)
{
  int i = reg_field(x->r, key);
  if(i < 0)
    abort();
  return &x->v[i];
}

const char *rec_text(rec *x, const char *key)
{
  val *v = rec_val(x, key);
  return v->t == V_TEXT ? v->s : "";
}

int64_t rec_int(rec *x, const char *key)
{
  val *v = rec_val(x, key);
  return v->t == V_INT ? v->i : 0;
}

int rec_fail(rec *x)
{
  sz *z = x->c->z;
  set_err(z->err, sizeof z->err, "%s", reg_errors(x->c));
  size_t l = strlen(z->err);
  if(l && z->err[l - 1] == '\n')
    z->err[l - 1] = 0;
  return -1;
}

const sbuf *reg_last_canon(const regctx *c)
{
  return &c->canon;
}
