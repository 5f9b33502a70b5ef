/* audit.c: the annual audit's tables and findings (doc/domain.md "The annual
 * audit", "Village classification"). Every table is read as of the
 * reference date; the per-village figures the summary needs are added up
 * from the very rows the detail tables write, so the summary's totals are
 * the sums of the detail rows. */
#include "domain/registers.h"
#include "domain/asset.h"
#include "domain/audit.h"
#include "domain/audit_impl.h"
#include "store/config.h"
#include "domain/contract.h"
#include "base/date.h"
#include "domain/disposal.h"
#include "domain/import.h"
#include "base/money.h"
#include "store/record.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const bands[] = {"空白村", "薄弱村", "一般村", "较强村"};

const char *classify_band(int64_t weak_below, int64_t general_below,
                          int64_t income)
{
  if(income <= 0)
    return bands[0];
  if(income < weak_below)
    return bands[1];
  if(income < general_below)
    return bands[2];
  return bands[3];
}

static int band_index(const char *b)
{
  for(int i = 0; i < 4; i++)
    if(!strcmp(b, bands[i]))
      return i;
  return 0;
}

/* ---- opening ---- */

audit *audit_open(sz *z, int year, const char *vil, const char *township)
{
  const char *today = z->today;
  int ty, tm, td;
  date_split(today, &ty, &tm, &td);
  if(year > ty) {
    db_fail(z, T(z, "year %d has not begun (today is %s): there is nothing "
                    "to audit yet"), year, today);
    return NULL;
  }
  if(year < 1900) {
    db_fail(z, T(z, "year %d: dates before 1900 are not kept"), year);
    return NULL;
  }
  /* One read transaction for the whole audit: every table sees the same
   * database. */
  if(db_begin_read(z))
    return NULL;
  audit *a = xcalloc(1, sizeof *a);
  a->z = z;
  a->lang = z->lang;
  a->txn = 1;
  a->dflt = asset_defaults_load(z);
  a->year = year;
  snprintf(a->from, sizeof a->from, "%04d-01-01", year);
  snprintf(a->ref, sizeof a->ref, "%04d-12-31", year);
  if(strcmp(a->ref, today) > 0)
    snprintf(a->ref, sizeof a->ref, "%s", today);
  snprintf(a->prev_from, sizeof a->prev_from, "%04d-01-01", year - 1);
  snprintf(a->prev_to, sizeof a->prev_to, "%04d-12-31", year - 1);
  a->scope = vil ? xstrdup(vil) : township ? xstrdup(township) : NULL;
  a->weak_below = config_int(z, "classify.weak_below", 5000000);
  a->general_below = config_int(z, "classify.general_below", 10000000);
  if(a->weak_below > a->general_below) {
    char b1[32], b2[32];
    db_fail(z, T(z, "parameters: classify.weak_below %s is above "
                    "classify.general_below %s"),
            money_format_grouped(a->weak_below, b1),
            money_format_grouped(a->general_below, b2));
    audit_close(a);
    return NULL;
  }
  /* The villages: those in the scope, or every village of the counties
   * that hold records. */
  sqlite3_stmt *st = q(
      a, "SELECT v.code, v.name, v.parent_code FROM org v WHERE "
         "v.level = 'village' AND " IN_SCOPE("v.code") " AND (:scope IS NOT "
         "NULL OR substr(v.code, 1, 6) IN (SELECT substr(village, 1, 6) FROM "
         "(SELECT DISTINCT village FROM asset UNION SELECT village FROM "
         "resource UNION SELECT village FROM account UNION SELECT village "
         "FROM contract UNION SELECT village FROM loan UNION SELECT village "
         "FROM disposal))) ORDER BY v.code");
  int rc;
  while((rc = db_step(z, st)) == SQLITE_ROW) {
    a->v = xrealloc(a->v, sizeof *a->v * (size_t)(a->nv + 1));
    vsum *x = &a->v[a->nv++];
    memset(x, 0, sizeof *x);
    snprintf(x->code, sizeof x->code, "%s", ct(st, 0));
    x->name = xstrdup(ct(st, 1) ? ct(st, 1) : "");
    snprintf(x->township, sizeof x->township, "%.9s", x->code);
  }
  if(step_done(a, st, rc)) {
    audit_close(a);
    return NULL;
  }
  /* Which villages keep books (for the classification's year before). */
  st = q(a, "SELECT village, min(opening_date) FROM account WHERE "
            LIVE("account") " AND " IN_SCOPE("village") " GROUP BY village");
  while((rc = db_step(z, st)) == SQLITE_ROW) {
    vsum *x = village(a, ct(st, 0));
    if(x) {
      x->had_books = strcmp(ct(st, 1), a->prev_to) < 0;
    }
  }
  if(step_done(a, st, rc)) {
    audit_close(a);
    return NULL;
  }
  return a;
}

void audit_close(audit *a)
{
  if(!a)
    return;
  if(a->txn)
    db_end(a->z, 1); /* only read: ends the transaction or savepoint */
  asset_defaults_free(a->dflt);
  audit_drop_findings(a);
  for(int i = 0; i < a->nv; i++)
    free(a->v[i].name);
  free(a->v);
  free(a->scope);
  free(a);
}

const char *audit_ref_date(const audit *a)
{
  return a->ref;
}

sz *audit_db(const audit *a)
{
  return a->z;
}

void audit_scope_text(audit *a, char *out, size_t n)
{
  if(!a->scope) {
    snprintf(out, n, "全部（有台账记录的县的每一个村）");
    return;
  }
  sqlite3_stmt *st = db_prepare(a->z, "SELECT level, name FROM org WHERE "
                                      "code = ?1");
  sqlite3_bind_text(st, 1, a->scope, -1, SQLITE_STATIC);
  const char *level = "", *name = "";
  if(db_step(a->z, st) == SQLITE_ROW) {
    level = ct(st, 0) ? ct(st, 0) : "";
    name = ct(st, 1) ? ct(st, 1) : "";
  }
  snprintf(out, n, "%s %s%s%s",
           !strcmp(level, "village")    ? "村"
           : !strcmp(level, "township") ? "乡镇"
           : !strcmp(level, "county")   ? "县"
                                        : "乡镇/县",
           a->scope, name[0] ? " " : "", name);
  sqlite3_finalize(st);
}

/* ---- the tables ---- */

/* 资产清单: what the village holds at the reference date. */
static const acol asset_cols[] = {
  {"资产编号", K_TEXT}, {"村代码", K_TEXT},   {"资产名称", K_TEXT},
  {"资产类别", K_TEXT}, {"资产性质", K_TEXT}, {"使用状态", K_TEXT},
  {"取得方式", K_TEXT}, {"取得日期", K_DATE}, {"原值", K_MONEY},
  {"累计折旧", K_MONEY}, {"净值", K_MONEY},   {"权证号", K_TEXT},
};
static const atable t_assets = {"资产清单", asset_cols, 12, NULL, NULL};

/* The status of an object at the reference date, for one whose status
 * now (已处置, 出租, 发包, 入股) a filing may have set: the status recorded
 * on the first filing executed after the reference date that changed it,
 * else the status now. Returns 0, or -1 for an object 已处置 by then (or
 * at a date unknown: registered so). */
static int status_at_ref(audit *a, sqlite3_stmt **st, const char *code,
                         const char *now, char out[32])
{
  if(!*st)
    *st = q(a, "SELECT o.status_before FROM disposal_object o JOIN "
               "disposal d ON d.code = o.disposal WHERE o.object = ?1 AND "
               "d.executed_on > :ref AND d.type IN " DISPOSAL_SETS " ORDER BY "
               "d.executed_on, d.id LIMIT 1");
  sqlite3_bind_text(*st, 1, code, -1, SQLITE_STATIC);
  int later = db_step(a->z, *st) == SQLITE_ROW;
  snprintf(out, 32, "%s", later ? ct(*st, 0) : now);
  sqlite3_reset(*st);
  return !later && !strcmp(now, "已处置") ? -1 : 0;
}

/* Statuses a filing sets. */
static int filing_status(const val *x)
{
  static const char *const set[] = {"已处置", "出租", "发包", "入股"};
  for(size_t i = 0; i < ARRAY_SIZE(set); i++)
    if(x->t == V_TEXT && x->n == strlen(set[i]) && !memcmp(x->s, set[i], x->n))
      return 1;
  return 0;
}

static int fill_assets(audit *a, asink *s)
{
  const reg *r = (&reg_asset);
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  sb_addstr(&sql, " WHERE " ASSET_HELD("asset", ":ref") " AND "
                  IN_SCOPE("village") " ORDER BY id");
  sqlite3_stmt *st = q(a, sql.buf);
  sb_free(&sql);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int fi[12];
  static const char *const keys[] = {
    "code", "village", "name", "category", "nature", "status",
    "acquired_via", "acquired_on", "original_value", NULL, NULL,
    "certificate"};
  for(int i = 0; i < 12; i++)
    fi[i] = keys[i] ? reg_field(r, keys[i]) : -1;
  sqlite3_stmt *dq = NULL;
  int rc = SQLITE_DONE, bad = 0;
  sbuf rowbuf;
  sb_init(&rowbuf);
  if(s->begin(s, &t_assets))
    bad = 1;
  while(!bad && (rc = db_step(a->z, st)) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 2, v);
    char before[32] = "";
    if(filing_status(&v[fi[5]])) {
      /* Gone by the reference date is not held; one disposed of or let
       * later was held, in the status it had then. */
      sbuf code, now;
      sb_init(&code);
      sb_init(&now);
      sb_add(&code, v[fi[0]].s, v[fi[0]].n);
      sb_add(&now, v[fi[5]].s, v[fi[5]].n);
      int gone = status_at_ref(a, &dq, code.buf, now.buf, before);
      sb_free(&code);
      sb_free(&now);
      if(gone)
        continue;
    }
    int64_t acc;
    char through[8];
    asset_depreciation(a->dflt, v, a->ref, &acc, through);
    acell c[12];
    row_texts(&rowbuf, v, fi, 12, c);
    if(before[0])
      c[5] = TX(before);
    int64_t orig = v[fi[8]].i;
    c[8] = N(orig);
    c[9] = N(acc);
    c[10] = N(orig - acc);
    vsum *x = village(a, c[1].s);
    if(x) {
      x->assets++;
      x->original += orig;
      x->accumulated += acc;
    }
    if(s->row(s, c))
      bad = 1;
  }
  free(v);
  sb_free(&rowbuf);
  if(dq)
    sqlite3_finalize(dq);
  return finish(a, s, st, rc, bad);
}

/* Runs a query and writes each row: column i of the result is cell i,
 * read as the table's column kind says. */
static int rows_of(audit *a, asink *s, const atable *t, sqlite3_stmt *st,
                   void (*each)(audit *a, sqlite3_stmt *st))
{
  int rc = SQLITE_DONE, bad = s->begin(s, t);
  acell *c = xcalloc((size_t)t->ncols, sizeof *c);
  while(!bad && (rc = db_step(a->z, st)) == SQLITE_ROW) {
    for(int i = 0; i < t->ncols; i++)
      c[i] = kind_text(t->cols[i].kind) ? TX(ct(st, i)) : cn(st, i);
    if(each)
      each(a, st);
    bad = s->row(s, c);
  }
  free(c);
  return finish(a, s, st, rc, bad);
}

/* 资产增减: assets acquired in the year, and those a filing executed in
 * the year took off the books (depreciated through the month of the
 * disposal). */
COLS(t_changes, "资产增减",
     {"变动", K_TEXT}, {"日期", K_DATE}, {"资产编号", K_TEXT},
     {"村代码", K_TEXT}, {"资产名称", K_TEXT}, {"资产类别", K_TEXT},
     {"原值", K_MONEY}, {"累计折旧", K_MONEY}, {"净值", K_MONEY},
     {"处置申报编号", K_TEXT}, {"处置类型", K_TEXT}, {"成交价", K_MONEY});

static int fill_changes(audit *a, asink *s)
{
  const reg *r = (&reg_asset);
  sbuf sql;
  sb_init(&sql);
  reg_select_sql(r, &sql);
  /* One query: the additions, then the disposals with their filing. */
  sbuf all;
  sb_init(&all);
  sb_addf(&all, "SELECT 0, '', '', NULL, acquired_on, x.* FROM (%s) x WHERE "
                "acquired_on BETWEEN :from AND :ref AND " LIVE("x") " AND "
                IN_SCOPE("village")
                " UNION ALL SELECT 1, d.code, d.type, d.final_price, "
                "d.executed_on, x.* FROM disposal d JOIN disposal_object o ON "
                "o.disposal = d.code JOIN (%s) x ON x.code = o.object WHERE "
                LIVE("x") " AND "
                "d.executed_on BETWEEN :from AND :ref AND d.type IN ('出售', "
                "'报废', '核销', '无偿划转', '置换') AND " IN_SCOPE("d.village")
                " ORDER BY 1, 5, 8",
          sql.buf, sql.buf);
  sb_free(&sql);
  sqlite3_stmt *st = q(a, all.buf);
  sb_free(&all);
  val *v = xcalloc((size_t)r->nfields, sizeof *v);
  int code = reg_field(r, "code"), vil = reg_field(r, "village"),
      name = reg_field(r, "name"), cat = reg_field(r, "category"),
      ov = reg_field(r, "original_value");
  int rc = SQLITE_DONE, bad = s->begin(s, &t_changes);
  sbuf rowbuf;
  sb_init(&rowbuf);
  while(!bad && (rc = db_step(a->z, st)) == SQLITE_ROW) {
    reg_row_from_stmt(r, st, 7, v);
    int gone = sqlite3_column_int(st, 0);
    char when[11], end[11];
    snprintf(when, sizeof when, "%s", ct(st, 4));
    /* Charged in the month of the disposal: as of that month's end. */
    int y, m, d;
    date_split(when, &y, &m, &d);
    snprintf(end, sizeof end, "%04d-%02d-%02d", y, m, date_month_days(y, m));
    int64_t acc;
    char through[8];
    asset_depreciation(a->dflt, v, gone ? end : a->ref, &acc, through);
    const int f[6] = {-1, -1, code, vil, name, cat};
    acell c[12] = {
      TX(gone ? "减少" : "增加"), TX(when), NIL(), NIL(), NIL(), NIL(),
      N(v[ov].i), N(acc), N(v[ov].i - acc), TX(ct(st, 1)), TX(ct(st, 2)),
      cn(st, 3)};
    row_texts(&rowbuf, v, f, 6, c);
    bad = s->row(s, c);
  }
  free(v);
  sb_free(&rowbuf);
  return finish(a, s, st, rc, bad);
}

/* 资源清单 */
COLS(t_resources, "资源清单",
     {"资源编号", K_TEXT}, {"村代码", K_TEXT},
     {"资源名称", K_TEXT}, {"地类代码", K_TEXT}, {"地类", K_TEXT},
     {"坐落位置", K_TEXT}, {"面积(亩)", K_AREA}, {"权证号", K_TEXT},
     {"经营状态", K_TEXT}, {"现行合同", K_TEXT});

static void add_resource(audit *a, sqlite3_stmt *st)
{
  vsum *x = village(a, ct(st, 1));
  if(x) {
    x->resources++;
    x->area += sqlite3_column_int64(st, 6);
  }
}

static int fill_resources(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT r.code, r.village, r.name, r.land_class, l.name, "
         "r.location, r.area, r.certificate, r.status, (SELECT "
         "group_concat(c.code, ', ') FROM contract c WHERE c.object = r.code "
         "AND c.start_date <= :ref AND c.end_date >= :ref AND " LIVE("c")
         ") FROM resource r "
         "JOIN land_class l ON l.code = r.land_class WHERE "
         RESOURCE_HELD("r", ":ref") " AND " IN_SCOPE("r.village")
         " ORDER BY r.village, r.code");
  return rows_of(a, s, &t_resources, st, add_resource);
}

/* 账户余额: the year's opening balance (an account opened by 1 January:
 * its opening balance and every entry before the year), the opening
 * balance of an account opened later in the year, income, expense, and the
 * closing balance at the reference date: 年初 + 开户 + 收入 − 支出. */
COLS(t_balances, "账户余额",
     {"账户编号", K_TEXT}, {"村代码", K_TEXT},
     {"账户名称", K_TEXT}, {"账户类型", K_TEXT}, {"开户日期", K_DATE},
     {"年初余额", K_MONEY}, {"本年开户余额", K_MONEY}, {"本年收入", K_MONEY},
     {"本年支出", K_MONEY}, {"期末余额", K_MONEY});

static void add_balance(audit *a, sqlite3_stmt *st)
{
  vsum *x = village(a, ct(st, 1));
  if(!x)
    return;
  x->opening += sqlite3_column_int64(st, 5);
  x->opened += sqlite3_column_int64(st, 6);
  x->income += sqlite3_column_int64(st, 7);
  x->expense += sqlite3_column_int64(st, 8);
  x->closing += sqlite3_column_int64(st, 9);
}


static int fill_balances(audit *a, asink *s)
{
  return rows_of(a, s, &t_balances, q(a, balance_sql), add_balance);
}

/* 收支分类: the year's entries by village, direction and category. */
COLS(t_categories, "收支分类",
     {"村代码", K_TEXT}, {"收支方向", K_TEXT},
     {"收支类别", K_TEXT}, {"科目代码", K_TEXT}, {"笔数", K_INT},
     {"金额", K_MONEY});

static int fill_categories(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT f.village, f.direction, f.category, c.acct_code, count(*), "
         "sum(f.amount) FROM fund f JOIN account a ON a.code = f.account "
         "LEFT JOIN fund_category c ON c.name = f.category AND c.direction = "
         "f.direction WHERE f.date BETWEEN :from AND :ref AND "
         ACCOUNT_HELD("a", ":ref") " AND " IN_SCOPE("f.village")
         " GROUP BY f.village, f.direction, f.category ORDER BY f.village, "
         "f.direction DESC, c.acct_code, f.category");
  return rows_of(a, s, &t_categories, st, NULL);
}

/* 结账: each village with books, the months of the year closed (in
 * order, so their count and the last say which), and who closed the
 * last, as the books stand at the export. */
COLS(t_closes, "结账",
     {"村代码", K_TEXT}, {"村名称", K_TEXT}, {"本年已结账月数", K_INT},
     {"已结账至", K_TEXT}, {"结账人", K_TEXT}, {"结账日期", K_TEXT});

static int fill_closes(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT o.code, o.name, (SELECT count(*) FROM fund_close c WHERE "
         "c.village = o.code AND c.closed = 1 AND c.month LIKE :year || "
         "'-%'), l.month, l.closed_by, l.closed_on FROM org o LEFT JOIN "
         "fund_close l ON l.village = o.code AND l.closed = 1 AND l.month = "
         "(SELECT max(month) FROM fund_close m WHERE m.village = o.code AND "
         "m.closed = 1) WHERE o.level = 'village' AND EXISTS (SELECT 1 FROM "
         "account a WHERE a.village = o.code AND a.opening_date <= :ref) AND "
         IN_SCOPE("o.code") " ORDER BY o.code");
  return rows_of(a, s, &t_closes, st, NULL);
}

/* 合同: every contract in force in the year or still owed on, with what
 * fell due by the reference date, what was received and what is overdue. */
COLS(t_contracts, "合同",
     {"合同编号", K_TEXT}, {"村代码", K_TEXT},
     {"合同类型", K_TEXT}, {"标的编号", K_TEXT}, {"对方名称", K_TEXT},
     {"对方证件号", K_TEXT}, {"起始日期", K_DATE}, {"终止日期", K_DATE},
     {"年金额", K_MONEY}, {"付款方式", K_TEXT}, {"处置申报编号", K_TEXT},
     {"本年应收", K_MONEY}, {"累计应收", K_MONEY}, {"累计已收", K_MONEY},
     {"逾期未收", K_MONEY}, {"最早逾期应付日", K_DATE});

static int fill_contracts(audit *a, asink *s)
{
  sqlite3_stmt *st = q(a, "SELECT code, disposal, start_date, end_date FROM "
                          "contract WHERE start_date <= :ref AND "
                          LIVE("contract") " AND "
                          IN_SCOPE("village") " ORDER BY village, code");
  int rc = SQLITE_DONE, bad = s->begin(s, &t_contracts);
  while(!bad && (rc = db_step(a->z, st)) == SQLITE_ROW) {
    schedule sc;
    if(!contract_schedule(a->z, ct(st, 0), a->ref, &sc))
      continue;
    int64_t year_due = 0, due = 0, overdue = 0;
    const char *oldest = NULL;
    for(int i = 0; i < sc.n; i++) {
      const instalment *in = &sc.v[i];
      if(strcmp(in->due, a->ref) > 0)
        continue;
      due += in->amount;
      if(strcmp(in->due, a->from) >= 0)
        year_due += in->amount;
      if(in->outstanding > 0 && strcmp(in->due, a->ref) < 0) {
        overdue += in->outstanding;
        if(!oldest)
          oldest = in->due;
      }
    }
    /* Ended before the year and settled: not this year's business. */
    if(strcmp(ct(st, 3), a->from) < 0 && !overdue) {
      schedule_free(&sc);
      continue;
    }
    acell c[16] = {
      TX(sc.code), TX(sc.village), TX(sc.kind), TX(sc.object), TX(sc.party),
      TX(sc.party_id), TX(ct(st, 2)), TX(ct(st, 3)), N(sc.annual), TX(sc.payment),
      TX(ct(st, 1)), N(year_due), N(due), N(sc.received), N(overdue),
      TX(oldest)};
    vsum *x = village(a, sc.village);
    if(x) {
      x->contracts++;
      x->c_due += due;
      x->c_received += sc.received;
      x->c_overdue += overdue;
    }
    bad = s->row(s, c);
    schedule_free(&sc);
  }
  return finish(a, s, st, rc, bad);
}

/* The filings the year's audit looks at: filed in the year, executed in
 * it, or still open during it. */
#define FILINGS                                                               \
  "d.filed_on <= :ref AND (d.filed_on >= :from OR d.executed_on >= :from OR " \
  "(d.executed_on IS NULL AND (d.withdrawn_on IS NULL OR d.withdrawn_on >= "  \
  ":from) AND NOT coalesce(d.review_decision = '不同意' AND d.reviewed_on < " \
  ":from, 0))) AND " IN_SCOPE("d.village")

/* A field of the filing shown only when the event it records (dated by
 * `when`) had happened by the reference date. */
#define BY_REF(when, expr) "CASE WHEN " when " <= :ref THEN " expr " END"

/* The latest vote of a step as one cell: "2025-03-01 通过 18/20 (赞成 15)". */
#define STEP(s)                                                               \
  "(SELECT held_on || ' ' || CASE passed WHEN 1 THEN '通过' ELSE '未通过' "   \
  "END || ' 实到' || present || '/' || due || unit || ' 赞成' || votes_for "  \
  "FROM disposal_vote WHERE disposal = d.code AND step = '" s "' AND "      \
  "held_on <= :ref ORDER BY id DESC LIMIT 1)"

/* Each as it stood at the reference date: what came later is left out
 * and the status is the one it had then. */
COLS(t_disposals, "处置申报",
     {"申报编号", K_TEXT}, {"村代码", K_TEXT},
     {"处置类型", K_TEXT}, {"处置方式", K_TEXT}, {"申报日期", K_DATE},
     {"申报人", K_TEXT}, {"处置标的", K_TEXT}, {"账面价值", K_MONEY},
     {"面积(亩)", K_AREA}, {"拟定价格", K_MONEY}, {"提议", K_TEXT},
     {"商议", K_TEXT}, {"审议", K_TEXT}, {"决议", K_TEXT},
     {"决议公开", K_TEXT}, {"评估价", K_MONEY}, {"评估报告", K_TEXT},
     {"乡镇审核", K_TEXT}, {"审核人", K_TEXT}, {"执行日期", K_DATE},
     {"受让方", K_TEXT}, {"成交价", K_MONEY}, {"收款凭证", K_TEXT},
     {"低价决议", K_TEXT}, {"结果公开", K_TEXT}, {"状态", K_TEXT});

/* Every version a filing has had (held_versions): a 退回 in one year and
 * a 同意 in the next leave the first in the log only. */
static int versions_view(audit *a)
{
  return held_versions(a->z, &reg_disposal);
}

/* A field of the filing's latest version whose date field `when` is on or
 * before the reference date. */
#define AS_OF(when, expr)                                                     \
  "(SELECT " expr " FROM disposal_version v WHERE v.id = d.id AND v." when  \
  " <= :ref ORDER BY v." when " DESC LIMIT 1)"

static int fill_disposals(audit *a, asink *s)
{
  if(versions_view(a))
    return -1;
  sqlite3_stmt *st = q(
      a, "SELECT d.code, d.village, d.type, d.method, d.filed_on, d.filer, "
         "(SELECT group_concat(object, ', ') FROM disposal_object WHERE "
         "disposal = d.code), d.book_value, d.area, d.price, " STEP("提议")
         ", " STEP("商议") ", " STEP("审议") ", " STEP("决议") ", "
         AS_OF("resolution_from", "v.resolution_from || ' 至 ' || "
               "v.resolution_to") ", "
         AS_OF("appraised_on", "v.appraised_value") ", "
         AS_OF("appraised_on", "v.appraisal_report") ", "
         AS_OF("reviewed_on", "v.reviewed_on || ' ' || v.review_decision")
         ", " AS_OF("reviewed_on", "v.reviewer") ", "
         BY_REF("d.executed_on", "d.executed_on") ", "
         BY_REF("d.executed_on", "d.party") ", "
         BY_REF("d.executed_on", "d.final_price") ", "
         BY_REF("d.executed_on", "d.voucher") ", "
         BY_REF("d.executed_on", "d.lower_price_resolution") ", "
         BY_REF("d.result_from", "d.result_from || ' 至 ' || d.result_to")
         ", CASE WHEN d.withdrawn_on <= :ref THEN '已撤回' WHEN "
         "d.executed_on <= :ref THEN CASE WHEN d.result_from <= :ref THEN "
         "'已公开' ELSE '已执行' END ELSE coalesce('审核' || "
         AS_OF("reviewed_on", "v.review_decision") ", '申报中') END FROM "
         "disposal d WHERE " FILINGS " ORDER BY d.village, d.code");
  return rows_of(a, s, &t_disposals, st, NULL);
}

/* 处置表决: every meeting of those filings, passed or not. */
COLS(t_votes, "处置表决",
     {"申报编号", K_TEXT}, {"村代码", K_TEXT}, {"步骤", K_TEXT},
     {"会议", K_TEXT}, {"日期", K_DATE}, {"计数单位", K_TEXT},
     {"应到", K_INT}, {"实到", K_INT}, {"赞成", K_INT}, {"反对", K_INT},
     {"弃权", K_INT}, {"实到至少", K_INT}, {"赞成至少", K_INT},
     {"结果", K_TEXT}, {"会议记录", K_TEXT});

static int fill_votes(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT v.disposal, d.village, v.step, v.body, v.held_on, v.unit, "
         "v.due, v.present, v.votes_for, v.votes_against, v.abstain, "
         "v.need_present, v.need_for, CASE v.passed WHEN 1 THEN '通过' ELSE "
         "'未通过' END, v.minutes FROM disposal_vote v JOIN disposal d ON "
         "d.code = v.disposal WHERE v.held_on <= :ref AND " FILINGS
         " ORDER BY d.village, d.code, v.id");
  return rows_of(a, s, &t_votes, st, NULL);
}

/* 贷款: loans running in the year, with the interest paid in it. */
COLS(t_loans, "贷款",
     {"贷款编号", K_TEXT}, {"村代码", K_TEXT}, {"贷款银行", K_TEXT},
     {"贷款合同号", K_TEXT}, {"项目名称", K_TEXT}, {"本金", K_MONEY},
     {"年利率(%)", K_RATE}, {"放款日期", K_DATE}, {"到期日期", K_DATE},
     {"本年付息", K_MONEY}, {"撤回原因", K_TEXT});

static int fill_loans(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT l.code, l.village, l.lender, l.contract_no, l.project, "
         "l.principal, l.rate, l.start_date, l.maturity, coalesce((SELECT "
         "sum(paid) FROM interest i WHERE i.loan = l.code AND i.withdrawn IS "
         "NULL AND i.paid_on BETWEEN :from AND :ref), 0), l.withdrawn FROM "
         "loan l WHERE " LIVE("l") " AND l.start_date <= :ref AND "
         "(l.maturity >= :from OR "
         "EXISTS (SELECT 1 FROM interest i WHERE i.loan = l.code AND "
         "i.paid_on BETWEEN :from AND :ref)) AND " IN_SCOPE("l.village")
         " ORDER BY l.village, l.code");
  return rows_of(a, s, &t_loans, st, NULL);
}

/* 付息: the interest paid in the year, and the application claiming it. */
COLS(t_interest, "付息",
     {"付息编号", K_TEXT}, {"贷款编号", K_TEXT},
     {"村代码", K_TEXT}, {"计息起", K_DATE}, {"计息止", K_DATE},
     {"天数", K_INT}, {"实付利息", K_MONEY}, {"付息日期", K_DATE},
     {"付息凭证", K_TEXT}, {"贴息申请", K_TEXT}, {"撤回原因", K_TEXT});

static int fill_interest(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT i.code, i.loan, i.village, i.period_from, i.period_to, "
         "julianday(i.period_to) - julianday(i.period_from), i.paid, "
         "i.paid_on, i.voucher, (SELECT group_concat(x.code, ', ') FROM "
         "subsidy_line sl JOIN subsidy x ON x.code = sl.application WHERE "
         "sl.payment = i.code AND x.status NOT IN ('已撤回', '初审不同意')), "
         "i.withdrawn FROM interest i WHERE i.paid_on BETWEEN :from AND :ref "
         "AND " IN_SCOPE("i.village") " ORDER BY i.village, i.loan, "
         "i.period_from");
  return rows_of(a, s, &t_interest, st, NULL);
}

/* 贴息申请: the year's applications; 审定 and 拨付 count when made by the
 * reference date. */
COLS(t_subsidies, "贴息申请",
     {"申请编号", K_TEXT}, {"村代码", K_TEXT},
     {"贷款编号", K_TEXT}, {"申请日期", K_TEXT}, {"申请金额", K_MONEY},
     {"状态", K_TEXT}, {"审定日期", K_TEXT}, {"审定金额", K_MONEY},
     {"限额", K_TEXT}, {"拨付日期", K_TEXT}, {"拨付金额", K_MONEY},
     {"拨付凭证", K_TEXT});

/* Granted (县级审定) and paid (拨付) by the reference date; a grant
 * withdrawn by then does not count. */
#define GRANTED                                                               \
  "CASE WHEN approved_on <= :ref AND NOT coalesce(withdrawn_on <= :ref, 0) " \
  "THEN approved END"
#define PAID "CASE WHEN paid_on <= :ref THEN approved END"

static void add_subsidy(audit *a, sqlite3_stmt *st)
{
  vsum *x = village(a, ct(st, 1));
  if(x) {
    x->s_approved += sqlite3_column_int64(st, 7);
    x->s_paid += sqlite3_column_int64(st, 10);
  }
}

static int fill_subsidies(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT code, village, loan, applied_on, amount, status, "
         "approved_on, " GRANTED ", cut_by, paid_on, " PAID ", paid_voucher "
         "FROM subsidy WHERE year = :year AND applied_on <= :ref "
         "AND " IN_SCOPE("village") " ORDER BY village, code");
  return rows_of(a, s, &t_subsidies, st, add_subsidy);
}

/* 贴息资金: the year's guide fund against its budget (county-wide), at
 * the reference date. */
COLS(t_program, "贴息资金",
     {"年度", K_TEXT}, {"预算", K_MONEY}, {"补贴比例(%)", K_RATE},
     {"利率上限(%)", K_RATE}, {"计息天数基础", K_INT}, {"村年度限额", K_MONEY},
     {"已审定未拨付", K_MONEY}, {"已拨付", K_MONEY}, {"预算结余", K_MONEY});

static int fill_program(audit *a, asink *s)
{
  sqlite3_stmt *st = q(
      a, "SELECT p.year, p.budget, p.ratio, p.rate_cap, p.day_basis, "
         "p.village_cap, g - d, d, p.budget - g FROM program p, (SELECT "
         "coalesce(sum(" GRANTED "), 0) AS g, coalesce(sum(" PAID "), 0) AS d "
         "FROM subsidy WHERE year = :year) WHERE p.year = :year");
  return rows_of(a, s, &t_program, st, NULL);
}

/* 村级分类 */
COLS(t_classify, "村级分类",
     {"村代码", K_TEXT}, {"村名称", K_TEXT},
     {"乡镇代码", K_TEXT}, {"经营收入", K_MONEY}, {"投资收益", K_MONEY},
     {"本年经营性收入", K_MONEY}, {"本年类别", K_TEXT},
     {"上年经营性收入", K_MONEY}, {"上年类别", K_TEXT}, {"增减额", K_MONEY},
     {"变化", K_TEXT});

int audit_classify(audit *a, asink *s)
{
  int64_t *biz = xcalloc((size_t)a->nv + 1, sizeof *biz);
  int64_t *inv = xcalloc((size_t)a->nv + 1, sizeof *inv);
  sqlite3_stmt *st = q(
      a, "SELECT village, date >= :from, coalesce(sum(CASE category WHEN "
         "'经营收入' THEN amount END), 0), coalesce(sum(CASE category WHEN "
         "'投资收益' THEN amount END), 0) FROM fund WHERE direction = '收入' "
         "AND category IN ('经营收入', '投资收益') AND date BETWEEN "
         ":prev_from AND :ref AND EXISTS (SELECT 1 FROM account a WHERE "
         "a.code = fund.account AND " ACCOUNT_HELD("a", ":ref") ") AND "
         IN_SCOPE("village")
         " GROUP BY village, date >= :from");
  int rc;
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    vsum *x = village(a, ct(st, 0));
    if(!x)
      continue;
    int64_t b = sqlite3_column_int64(st, 2), i = sqlite3_column_int64(st, 3);
    if(sqlite3_column_int(st, 1)) {
      biz[x - a->v] = b;
      inv[x - a->v] = i;
      x->op_income = b + i;
    } else
      x->op_prev = b + i;
  }
  if(step_done(a, st, rc)) {
    free(biz);
    free(inv);
    return -1;
  }
  int bad = s->begin(s, &t_classify);
  for(int k = 0; k < a->nv && !bad; k++) {
    vsum *x = &a->v[k];
    const char *now = classify_band(a->weak_below, a->general_below,
                                    x->op_income);
    x->band = band_index(now);
    const char *before = NULL, *change = "无上年账";
    if(x->had_books) {
      before = classify_band(a->weak_below, a->general_below, x->op_prev);
      int d = x->band - band_index(before);
      change = d > 0 ? "升档" : d < 0 ? "降档" : "持平";
    }
    acell c[11] = {TX(x->code), TX(x->name), TX(x->township), N(biz[k]),
                   N(inv[k]), N(x->op_income), TX(now),
                   x->had_books ? N(x->op_prev) : NIL(), TX(before),
                   x->had_books ? N(x->op_income - x->op_prev) : NIL(),
                   TX(change)};
    bad = s->row(s, c);
  }
  free(biz);
  free(inv);
  if(bad)
    return sink_fail(a, s);
  return s->end(s) ? sink_fail(a, s) : 0;
}

static int fill_findings(audit *a, asink *s)
{
  return audit_findings(a, s, NULL);
}

/* 参数: every parameter in force, in Chinese: its key (scripts read it),
 * name, value by its type, unit and note. */
COLS(t_params, "参数",
     {"参数", K_TEXT}, {"名称", K_TEXT}, {"值", K_TEXT}, {"单位", K_TEXT},
     {"说明", K_TEXT});

typedef struct param_ctx {
  asink *s;
  int bad;
} param_ctx;

static void param_row(void *ctx, const config_param *x)
{
  param_ctx *p = ctx;
  acell c[5] = {TX(x->key), TX(x->name), TX(x->value), TX(x->unit),
                TX(x->note)};
  if(!p->bad)
    p->bad = p->s->row(p->s, c);
}

static int fill_params(audit *a, asink *s)
{
  param_ctx p = {s, s->begin(s, &t_params)};
  if(!p.bad)
    config_each(a->z, param_row, &p);
  if(p.bad)
    return sink_fail(a, s);
  return s->end(s) ? sink_fail(a, s) : 0;
}

/* 汇总: one row per village, a 合计 row after each township's villages and
 * 全县合计 at the end; every figure is the sum of the detail tables' rows. */
COLS(t_summary, "汇总",
     {"层级", K_TEXT}, {"代码", K_TEXT}, {"名称", K_TEXT},
     {"资产数", K_INT}, {"资产原值", K_MONEY}, {"累计折旧", K_MONEY},
     {"资产净值", K_MONEY}, {"资源数", K_INT}, {"资源面积(亩)", K_AREA},
     {"年初余额", K_MONEY}, {"本年开户余额", K_MONEY}, {"本年收入", K_MONEY},
     {"本年支出", K_MONEY}, {"期末余额", K_MONEY}, {"经营性收入", K_MONEY}, {"空白村", K_INT},
     {"薄弱村", K_INT}, {"一般村", K_INT}, {"较强村", K_INT},
     {"合同数", K_INT}, {"合同累计应收", K_MONEY}, {"合同累计已收", K_MONEY},
     {"逾期未收", K_MONEY}, {"贴息审定", K_MONEY}, {"贴息拨付", K_MONEY},
     {"审计发现", K_INT});

static void vsum_add(vsum *t, const vsum *x)
{
  t->assets += x->assets;
  t->original += x->original;
  t->accumulated += x->accumulated;
  t->resources += x->resources;
  t->area += x->area;
  t->opening += x->opening;
  t->opened += x->opened;
  t->income += x->income;
  t->expense += x->expense;
  t->closing += x->closing;
  t->op_income += x->op_income;
  t->contracts += x->contracts;
  t->c_due += x->c_due;
  t->c_received += x->c_received;
  t->c_overdue += x->c_overdue;
  t->s_approved += x->s_approved;
  t->s_paid += x->s_paid;
  t->findings += x->findings;
}

static int summary_row(asink *s, const char *level, const char *code,
                       const char *name, const vsum *x, const int64_t nb[4])
{
  acell c[26] = {
    TX(level), TX(code), TX(name), N(x->assets), N(x->original),
    N(x->accumulated), N(x->original - x->accumulated), N(x->resources),
    N(x->area), N(x->opening), N(x->opened), N(x->income), N(x->expense),
    N(x->closing),
    N(x->op_income), N(nb[0]), N(nb[1]), N(nb[2]), N(nb[3]),
    N(x->contracts), N(x->c_due), N(x->c_received), N(x->c_overdue),
    N(x->s_approved), N(x->s_paid), N(x->findings)};
  return s->row(s, c);
}

static int fill_summary(audit *a, asink *s)
{
  int bad = s->begin(s, &t_summary);
  vsum town, all;
  memset(&all, 0, sizeof all);
  int64_t nt[4] = {0}, na[4] = {0};
  sqlite3_stmt *tn = db_prepare(a->z, "SELECT name FROM org WHERE code = ?1");
  for(int i = 0; i < a->nv && !bad; i++) {
    vsum *x = &a->v[i];
    if(i == 0 || strcmp(x->township, a->v[i - 1].township)) {
      memset(&town, 0, sizeof town);
      memset(nt, 0, sizeof nt);
    }
    int64_t nb[4] = {0};
    nb[x->band] = 1;
    bad = summary_row(s, "村", x->code, x->name, x, nb);
    vsum_add(&town, x);
    vsum_add(&all, x);
    nt[x->band]++;
    na[x->band]++;
    if(!bad && (i + 1 == a->nv || strcmp(x->township, a->v[i + 1].township))) {
      sqlite3_bind_text(tn, 1, x->township, -1, SQLITE_STATIC);
      char name[256] = "";
      if(db_step(a->z, tn) == SQLITE_ROW && ct(tn, 0))
        snprintf(name, sizeof name, "%s合计", ct(tn, 0));
      sqlite3_reset(tn);
      bad = summary_row(s, "乡镇", x->township, name, &town, nt);
    }
  }
  sqlite3_finalize(tn);
  if(!bad)
    bad = summary_row(s, "全部", "", a->scope ? "合计" : "全县合计", &all, na);
  if(bad)
    return sink_fail(a, s);
  return s->end(s) ? sink_fail(a, s) : 0;
}

/* The order the tables are made in: the summary last, as it adds up the
 * others (its file is 00, so it comes first in a listing and the workbook). */
const audit_part audit_parts[] = {
  {"01-资产清单", &t_assets, fill_assets},
  {"02-资产增减", &t_changes, fill_changes},
  {"03-资源清单", &t_resources, fill_resources},
  {"04-账户余额", &t_balances, fill_balances},
  {"05-收支分类", &t_categories, fill_categories},
  {"06-合同", &t_contracts, fill_contracts},
  {"07-处置申报", &t_disposals, fill_disposals},
  {"08-处置表决", &t_votes, fill_votes},
  {"09-贷款", &t_loans, fill_loans},
  {"10-付息", &t_interest, fill_interest},
  {"11-贴息申请", &t_subsidies, fill_subsidies},
  {"12-贴息资金", &t_program, fill_program},
  {"13-村级分类", &t_classify, audit_classify},
  {"14-审计发现", &audit_findings_table, fill_findings},
  {"15-参数", &t_params, fill_params},
  {"16-结账", &t_closes, fill_closes},
  {"00-汇总", &t_summary, fill_summary},
};
const int audit_nparts = (int)ARRAY_SIZE(audit_parts);
