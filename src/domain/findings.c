/* findings.c: the defects the annual audit finds (doc/domain.md "The annual
 * audit: findings"), computed from the data as of the reference date,
 * never stored: each with its code, village, record and a sentence with
 * the numbers. */
#include "domain/registers.h"
#include "domain/audit_impl.h"
#include "store/config.h"
#include "domain/contract.h"
#include "base/date.h"
#include "domain/disposal.h"
#include "base/money.h"

#include <stdarg.h>
#include <stdlib.h>

/* ---- findings ---- */

const finding_kind audit_finding_kinds[] = {
  {"CZ01", "处置程序不全"},       {"CZ02", "表决未达法定人数或多数"},
  {"CZ03", "公示期不足"},         {"CZ04", "未按规定评估"},
  {"CZ05", "低于评估价成交"},     {"CZ06", "应公开交易而协议处置"},
  {"HT01", "合同期限超限"},       {"HT02", "应收款逾期"},
  {"HT03", "合同到期标的仍出租发包"}, {"HT04", "出租发包无合同"},
  {"ZJ01", "库存现金超限"},       {"ZJ02", "账户余额为负"},
  {"ZJ03", "年末未结账"},
  {"ZC01", "资产零值"},           {"ZC02", "权证缺失"},
  {"ZC03", "权证号重复"},         {"TX01", "贴息无付息凭证"},
};
const int audit_nfinding_kinds = (int)ARRAY_SIZE(audit_finding_kinds);
#define kinds audit_finding_kinds

static const char *kind_code(const char *code)
{
  for(size_t i = 0; i < ARRAY_SIZE(kinds); i++)
    if(!strcmp(kinds[i].code, code))
      return kinds[i].code;
  abort(); /* layers: allow (a bug: a finding code not in the table) */
}

static const char *kind_name(const char *code)
{
  for(size_t i = 0; i < ARRAY_SIZE(kinds); i++)
    if(!strcmp(kinds[i].code, code))
      return kinds[i].name;
  return "";
}

static void found(audit *a, const char *code, const char *vil,
                  const char *record, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void found(audit *a, const char *code, const char *vil,
                  const char *record, const char *fmt, ...)
{
  if(!village(a, vil))
    return;
  a->f = xrealloc(a->f, sizeof *a->f * (size_t)(a->nf + 1));
  finding *f = &a->f[a->nf++];
  f->code = kind_code(code);
  snprintf(f->village, sizeof f->village, "%s", vil);
  f->record = xstrdup(record);
  sbuf sb;
  sb_init(&sb);
  va_list ap;
  va_start(ap, fmt);
  sb_vaddf(&sb, fmt, ap);
  va_end(ap);
  f->msg = sb_detach(&sb);
}

typedef struct filing_ctx {
  audit *a;
  const char *village, *code;
} filing_ctx;

static void filing_problem(void *ctx, const char *code, const char *msg)
{
  filing_ctx *c = ctx;
  found(c->a, code, c->village, c->code, "%s", msg);
}

static int check_filings(audit *a)
{
  /* Executed in the year: the procedure, re-checked as the review would. */
  sqlite3_stmt *st = q(a, "SELECT code, village FROM disposal d WHERE "
                          "executed_on BETWEEN :from AND :ref AND "
                          IN_SCOPE("village") " ORDER BY code");
  int rc;
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    char code[80], vil[13];
    snprintf(code, sizeof code, "%s", ct(st, 0));
    snprintf(vil, sizeof vil, "%s", ct(st, 1));
    filing_ctx c = {a, vil, code};
    if(disposal_audit(a->z, code, a->ref, filing_problem, &c)) {
      sqlite3_finalize(st);
      return -1;
    }
  }
  if(step_done(a, st, rc))
    return -1;
  /* Every meeting of the year that fell short. */
  st = q(a, "SELECT v.code, d.village, v.step, v.body, v.held_on, v.unit, "
            "v.due, v.present, v.votes_for, v.need_present, v.need_for FROM "
            "disposal_vote v JOIN disposal d ON d.code = v.disposal WHERE "
            "v.held_on BETWEEN :from AND :ref AND NOT v.passed AND "
            IN_SCOPE("d.village") " ORDER BY v.code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    int64_t due = sqlite3_column_int64(st, 6), pr = sqlite3_column_int64(st, 7);
    int64_t vf = sqlite3_column_int64(st, 8), np = sqlite3_column_int64(st, 9);
    int64_t nf = sqlite3_column_int64(st, 10);
    const char *unit = ct(st, 5);
    if(pr < np)
      found(a, "CZ02", ct(st, 1), ct(st, 0),
            T(a->z, "%s (%s) on %s: %lld of %lld %s present, at least %lld "
                    "required"),
            ct(st, 2), ct(st, 3), ct(st, 4), (long long)pr, (long long)due,
            unit, (long long)np);
    else
      found(a, "CZ02", ct(st, 1), ct(st, 0),
            T(a->z, "%s (%s) on %s: %lld in favour of %lld present (%lld "
                    "due), at least %lld required"), ct(st, 2), ct(st, 3), ct(st, 4),
            (long long)vf, (long long)pr, (long long)due, (long long)nf);
    (void)unit;
  }
  if(step_done(a, st, rc))
    return -1;
  /* A let, contracting out or share without a filing: the contract was
   * signed (or began) in the year and no executed filing stands behind it. */
  st = q(a, "SELECT code, village, kind, object, start_date FROM contract "
            "WHERE kind IN ('出租', '发包', '入股') AND disposal IS NULL AND "
            LIVE("contract") " AND "
            "coalesce(signed_on, start_date) BETWEEN :from AND :ref AND "
            IN_SCOPE("village") " ORDER BY code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW)
    found(a, "CZ01", ct(st, 1), ct(st, 0),
          T(a->z, "%s of %s from %s without a disposal filing (四议两公开): "
                  "no executed filing names this contract"), ct(st, 2), ct(st, 3),
          ct(st, 4));
  if(step_done(a, st, rc))
    return -1;
  /* The subsidy's publicity, against the parameter in force. */
  int64_t min = config_int(a->z, "subsidy.publicity_days", 7);
  st = q(a, "SELECT code, village, publicity_from, publicity_to, "
            "julianday(publicity_to) - julianday(publicity_from) + 1 FROM "
            "subsidy WHERE year = :year AND applied_on <= :ref AND "
            "publicity_to IS NOT NULL AND "
            "status <> '已撤回' AND julianday(publicity_to) - "
            "julianday(publicity_from) + 1 < :min AND " IN_SCOPE("village")
            " ORDER BY code");
  db_bind_int(st, ":min", min);
  while((rc = db_step(a->z, st)) == SQLITE_ROW)
    found(a, "CZ03", ct(st, 1), ct(st, 0),
          T(a->z, "贴息公示 %s to %s lasted %lld day(s), at least %lld "
                  "required"),
          ct(st, 2), ct(st, 3), (long long)sqlite3_column_int64(st, 4),
          (long long)min);
  return step_done(a, st, rc);
}

typedef struct overdue_ctx {
  audit *a;
  char code[256], village[16], oldest[11];
  int64_t amount;
  int n, days;
} overdue_ctx;

static void overdue_flush(overdue_ctx *o)
{
  char b[32];
  if(o->n)
    found(o->a, "HT02", o->village, o->code,
          T(o->a->z, "%d instalment(s) overdue at %s, %s outstanding; the "
                     "oldest was due on %s (%d days)"), o->n, o->a->ref,
          money_format_grouped(o->amount, b), o->oldest, o->days);
  o->n = 0;
  o->amount = 0;
}

static void overdue_one(const schedule *s, const instalment *i, int days,
                        void *ctx)
{
  overdue_ctx *o = ctx;
  if(strcmp(o->code, s->code)) {
    overdue_flush(o);
    snprintf(o->code, sizeof o->code, "%s", s->code);
    snprintf(o->village, sizeof o->village, "%s", s->village);
    snprintf(o->oldest, sizeof o->oldest, "%s", i->due);
    o->days = days;
  }
  o->n++;
  o->amount += i->outstanding;
}

static int check_contracts(audit *a)
{
  /* Terms over the limit, for the contracts in force in the year. */
  sqlite3_stmt *st = q(
      a, "SELECT c.code, c.village, c.kind, c.start_date, c.end_date, "
         "coalesce((SELECT g.name FROM resource r JOIN land_class l ON "
         "l.code = r.land_class JOIN land_class g ON g.code = l.group_code "
         "WHERE r.code = c.object), '') FROM contract c WHERE " LIVE("c")
         " AND c.start_date "
         "<= :ref AND c.end_date >= :from AND " IN_SCOPE("c.village")
         " ORDER BY c.code");
  int rc;
  char msg[256];
  while((rc = db_step(a->z, st)) == SQLITE_ROW)
    if(contract_term_over(a->z, ct(st, 2), ct(st, 5), ct(st, 3), ct(st, 4),
                          msg, sizeof msg))
      found(a, "HT01", ct(st, 1), ct(st, 0), "%s", msg);
  if(step_done(a, st, rc))
    return -1;
  /* Receivables overdue at the reference date. */
  overdue_ctx o;
  memset(&o, 0, sizeof o);
  o.a = a;
  if(contract_overdue(a->z, a->ref, a->scope, overdue_one, &o))
    return -1;
  overdue_flush(&o);
  /* Ended, and the object is still let or contracted out under it. */
  st = q(a, "SELECT c.code, c.village, c.object, c.end_date, x.status FROM "
            "contract c JOIN (SELECT code, status FROM asset WHERE "
            LIVE("asset") " UNION ALL SELECT code, status FROM resource "
            "WHERE " LIVE("resource") ") x ON x.code = c.object WHERE "
            LIVE("c") " AND "
            "c.end_date < :ref AND x.status IN ('出租', '发包', '入股') AND "
            "NOT EXISTS (SELECT 1 FROM contract n WHERE n.object = c.object "
            "AND " LIVE("n") " "
            "AND n.start_date <= :ref AND n.end_date >= :ref) AND c.end_date "
            "= (SELECT max(end_date) FROM contract m WHERE m.object = "
            "c.object AND " LIVE("m") " AND m.start_date <= :ref) AND "
            IN_SCOPE("c.village")
            " ORDER BY c.code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW)
    found(a, "HT03", ct(st, 1), ct(st, 0),
          T(a->z, "ended on %s, and %s is still %s with no contract in force "
                  "at %s"),
          ct(st, 3), ct(st, 2), ct(st, 4), a->ref);
  return step_done(a, st, rc);
}

static int check_funds(audit *a)
{
  int64_t limit = config_int(a->z, "cash_limit", 500000);
  sqlite3_stmt *st = q(a, balance_sql);
  int rc;
  /* Per village: cash on hand in all its 库存现金 accounts together. */
  char cur[13] = "", accts[256] = "";
  int64_t cash = 0;
  for(;;) {
    rc = db_step(a->z, st);
    const char *vil = rc == SQLITE_ROW ? ct(st, 1) : "";
    if(strcmp(vil, cur)) {
      char b1[32], b2[32];
      if(cur[0] && cash > limit)
        found(a, "ZJ01", cur, accts,
              T(a->z, "库存现金 %s at %s, above the limit of %s"),
              money_format_grouped(cash, b1), a->ref,
              money_format_grouped(limit, b2));
      snprintf(cur, sizeof cur, "%s", vil);
      cash = 0;
      accts[0] = 0;
    }
    if(rc != SQLITE_ROW)
      break;
    if(!strcmp(ct(st, 3), "库存现金")) {
      cash += sqlite3_column_int64(st, 9);
      size_t n = strlen(accts);
      snprintf(accts + n, sizeof accts - n, "%s%s", n ? ", " : "", ct(st, 0));
    }
  }
  if(step_done(a, st, rc))
    return -1;
  /* Every account and day of the year whose balance ends below zero: the
   * days with entries (the balance changes on no other). */
  st = q(a, "WITH d AS (SELECT account, date, sum(CASE direction WHEN "
            "'收入' THEN amount ELSE -amount END) AS net FROM fund WHERE "
            "date <= :ref GROUP BY account, date), b AS (SELECT a.code, "
            "a.village, d.date, a.opening_balance + sum(d.net) OVER (PARTITION "
            "BY d.account ORDER BY d.date) AS bal FROM d JOIN account a ON "
            "a.code = d.account WHERE " IN_SCOPE("a.village") ") SELECT "
            "code, village, date, bal FROM b WHERE bal < 0 AND date >= :from "
            "ORDER BY village, code, date");
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    char b1[32];
    found(a, "ZJ02", ct(st, 1), ct(st, 0),
          T(a->z, "balance %s at the end of %s"),
          money_format_grouped(sqlite3_column_int64(st, 3), b1), ct(st, 2));
  }
  if(step_done(a, st, rc))
    return -1;
  /* A year whose December has ended and is not closed (结账), for each
   * village with books in the year, once the county closes months with
   * sanzi (a month of some village closed). */
  if(strcmp(a->z->today, a->ref) <= 0 || strcmp(a->ref + 5, "12-31") ||
     !db_int(a->z, 0, "SELECT count(*) FROM fund_close WHERE ?1 IS NOT NULL",
             "any"))
    return 0;
  st = q(a, "SELECT o.code, (SELECT max(month) FROM fund_close c WHERE "
            "c.village = o.code AND c.closed = 1 AND c.month LIKE :year || "
            "'-%') FROM org o WHERE o.level = 'village' AND EXISTS (SELECT 1 "
            "FROM account a WHERE a.village = o.code AND a.opening_date <= "
            ":ref) AND NOT EXISTS (SELECT 1 FROM fund_close c WHERE "
            "c.village = o.code AND c.month = :year || '-12' AND c.closed = "
            "1) AND " IN_SCOPE("o.code") " ORDER BY o.code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    char dec[8];
    snprintf(dec, sizeof dec, "%d-12", a->year);
    if(sqlite3_column_type(st, 1) == SQLITE_NULL)
      found(a, "ZJ03", ct(st, 0), dec,
            T(a->z, "%s is not closed (结账); no month of %d is"), dec,
            a->year);
    else
      found(a, "ZJ03", ct(st, 0), dec,
            T(a->z, "%s is not closed (结账); the books are closed up to %s"),
            dec, ct(st, 1));
  }
  return step_done(a, st, rc);
}

/* The object was let, contracted out or put in as shares by a filing
 * executed after the reference date: not so at the reference date. */
#define LET_LATER(obj)                                                        \
  "EXISTS (SELECT 1 FROM disposal_object o JOIN disposal d ON d.code = "      \
  "o.disposal WHERE o.object = " obj " AND d.executed_on > :ref AND d.type "  \
  "IN ('出租', '发包', '入股'))"

/* A certificate number without spaces (half- or full-width), in capitals,
 * and those held by more than one record. */
#define CERT_KEY "upper(replace(replace(certificate, ' ', ''), '　', ''))"
#define DUP_KEYS                                                              \
  "(SELECT k FROM (SELECT " CERT_KEY " AS k FROM asset WHERE certificate "   \
  "IS NOT NULL AND " LIVE("asset") " UNION ALL SELECT " CERT_KEY " FROM "   \
  "resource WHERE certificate IS NOT NULL AND " LIVE("resource") ") GROUP " \
  "BY k HAVING count(*) > 1)"

static int check_assets(audit *a)
{
  /* Held at the reference date (as the inventory): zero value; buildings
   * and land without a certificate. */
  sqlite3_stmt *st = q(
      a, "SELECT code, village, name, category, original_value, certificate, "
         "status, status IN ('出租', '发包', '入股') AND NOT EXISTS (SELECT 1 "
         "FROM contract c WHERE c.object = asset.code AND " LIVE("c") " AND "
         "c.start_date <= "
         ":ref) AND NOT " LET_LATER("asset.code") " FROM asset WHERE "
         ASSET_HELD("asset", ":ref") " AND (original_value = 0 "
         "OR (certificate IS NULL AND category IN ('房屋及建筑物', '土地')) OR "
         "status IN ('出租', '发包', '入股')) AND "
         IN_SCOPE("village") " ORDER BY id");
  int rc;
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    if(!sqlite3_column_int64(st, 4))
      found(a, "ZC01", ct(st, 1), ct(st, 0),
            T(a->z, "%s (%s) is registered with an original value of 0.00"),
            ct(st, 2), ct(st, 3));
    if(!ct(st, 5) && (!strcmp(ct(st, 3), "房屋及建筑物") ||
                      !strcmp(ct(st, 3), "土地")))
      found(a, "ZC02", ct(st, 1), ct(st, 0),
            T(a->z, "%s (%s) has no certificate number (权证号)"), ct(st, 2),
            ct(st, 3));
    if(sqlite3_column_int(st, 7))
      found(a, "HT04", ct(st, 1), ct(st, 0),
            T(a->z, "%s is %s, and no contract of it began by %s: what it "
                    "earns cannot be followed"), ct(st, 2), ct(st, 6), a->ref);
  }
  if(step_done(a, st, rc))
    return -1;
  st = q(a, "SELECT code, village, name, certificate, status, status IN "
            "('出租', '发包', '入股') AND NOT EXISTS (SELECT 1 FROM contract c "
            "WHERE c.object = resource.code AND " LIVE("c") " AND c.start_date <= "
            ":ref) AND "
            "NOT " LET_LATER("resource.code") " FROM resource WHERE "
            RESOURCE_HELD("resource", ":ref") " AND "
            "(certificate IS NULL OR status IN ('出租', '发包', '入股')) AND "
            IN_SCOPE("village") " ORDER BY code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    if(!ct(st, 3))
      found(a, "ZC02", ct(st, 1), ct(st, 0),
            T(a->z, "land %s has no certificate number (权证号)"), ct(st, 2));
    if(sqlite3_column_int(st, 5))
      found(a, "HT04", ct(st, 1), ct(st, 0),
            T(a->z, "land %s is %s, and no contract of it began by %s: what "
                    "it earns cannot be followed"), ct(st, 2), ct(st, 4), a->ref);
  }
  if(step_done(a, st, rc))
    return -1;
  /* The same certificate on two records, in either register, compared
   * without spaces and case. The numbers alone (the certificate indexes)
   * show whether any is shared; only then are the records looked up. */
  if(db_int(a->z, 0, "SELECT count(*) FROM " DUP_KEYS, NULL) == 0)
    return 0;
  st = q(a, "WITH dk AS MATERIALIZED (SELECT k FROM " DUP_KEYS "), c AS "
            "(SELECT code, village, certificate, " CERT_KEY " AS k FROM asset "
            "WHERE certificate IS NOT NULL AND " LIVE("asset") " AND "
            CERT_KEY " IN dk UNION ALL "
            "SELECT code, village, certificate, " CERT_KEY " FROM resource "
            "WHERE certificate IS NOT NULL AND " LIVE("resource") " AND "
            CERT_KEY " IN dk) SELECT "
            "c.code, c.village, c.certificate, (SELECT group_concat(o.code, "
            "', ') FROM c o WHERE o.k = c.k AND o.code <> c.code) FROM c "
            "WHERE " IN_SCOPE("c.village") " ORDER BY c.code");
  while((rc = db_step(a->z, st)) == SQLITE_ROW)
    found(a, "ZC03", ct(st, 1), ct(st, 0),
          T(a->z, "certificate %s is also on %s"), ct(st, 2), ct(st, 3));
  return step_done(a, st, rc);
}

static int check_subsidies(audit *a)
{
  /* Each payment the year's live applications claim: the village paid it
   * out of its books (a 支出 under the voucher, in the year it was paid). */
  sqlite3_stmt *st = q(
      a, "SELECT s.code, s.village, i.code, i.voucher, i.paid_on, i.paid, "
         "(SELECT count(*) FROM fund f WHERE f.village = s.village AND "
         "f.voucher = i.voucher AND f.direction = '支出' AND substr(f.date, "
         "1, 4) = substr(i.paid_on, 1, 4)), (SELECT sum(f.amount) FROM fund "
         "f WHERE f.village = s.village AND f.voucher = i.voucher AND "
         "f.direction = '支出' AND substr(f.date, 1, 4) = substr(i.paid_on, "
         "1, 4)) FROM subsidy s JOIN subsidy_line l ON l.application = "
         "s.code JOIN interest i ON i.code = l.payment WHERE s.year = :year "
         "AND s.applied_on <= :ref AND s.status NOT IN ('已撤回', "
         "'初审不同意') AND " IN_SCOPE("s.village") " ORDER BY s.code, "
         "l.id");
  int rc;
  while((rc = db_step(a->z, st)) == SQLITE_ROW) {
    char b1[32], b2[32];
    int64_t paid = sqlite3_column_int64(st, 5);
    if(!sqlite3_column_int64(st, 6))
      found(a, "TX01", ct(st, 1), ct(st, 0),
            T(a->z, "interest payment %s (%s paid on %s, voucher %s) has no "
                    "支出 entry with that voucher in the village's %.4s books"),
            ct(st, 2), money_format_grouped(paid, b1), ct(st, 4), ct(st, 3),
            ct(st, 4));
    else if(sqlite3_column_int64(st, 7) < paid)
      found(a, "TX01", ct(st, 1), ct(st, 0),
            T(a->z, "interest payment %s: %s paid on %s, but the 支出 entries "
                    "under voucher %s come to %s"), ct(st, 2),
            money_format_grouped(paid, b1), ct(st, 4), ct(st, 3),
            money_format_grouped(sqlite3_column_int64(st, 7), b2));
  }
  return step_done(a, st, rc);
}

static int cmp_finding(const void *x, const void *y)
{
  const finding *a = x, *b = y;
  int c = strcmp(a->village, b->village);
  if(!c)
    c = strcmp(a->code, b->code);
  if(!c)
    c = strcmp(a->record, b->record);
  if(!c)
    c = strcmp(a->msg, b->msg);
  return c;
}

void audit_drop_findings(audit *a)
{
  for(long i = 0; i < a->nf; i++) {
    free(a->f[i].record);
    free(a->f[i].msg);
  }
  free(a->f);
  a->f = NULL;
  a->nf = 0;
  for(int i = 0; i < a->nv; i++)
    a->v[i].findings = 0;
  a->findings_done = 0;
}

void audit_set_lang(audit *a, int lang)
{
  if(a->lang != lang)
    audit_drop_findings(a);
  a->lang = lang;
}

static int compute_findings(audit *a)
{
  if(a->findings_done)
    return 0;
  /* The texts in the findings' language, those the disposal and contract
   * checks write too. */
  int lang = a->z->lang;
  a->z->lang = a->lang;
  int bad = check_filings(a) || check_contracts(a) || check_funds(a) ||
            check_assets(a) || check_subsidies(a);
  a->z->lang = lang;
  if(bad)
    return -1;
  if(a->nf > 1)
    qsort(a->f, (size_t)a->nf, sizeof *a->f, cmp_finding);
  for(long i = 0; i < a->nf; i++)
    village(a, a->f[i].village)->findings++;
  a->findings_done = 1;
  return 0;
}

static const acol finding_cols[] = {
  {"序号", K_INT}, {"代码", K_TEXT}, {"问题", K_TEXT}, {"村代码", K_TEXT},
  {"村名称", K_TEXT}, {"记录", K_TEXT}, {"说明", K_TEXT}};
const atable audit_findings_table = {"审计发现", finding_cols,
                                     (int)ARRAY_SIZE(finding_cols), 0, 0};

int audit_findings(audit *a, asink *s, long *count)
{
  if(compute_findings(a))
    return -1;
  int bad = s->begin(s, &audit_findings_table);
  for(long i = 0; i < a->nf && !bad; i++) {
    finding *f = &a->f[i];
    acell c[7] = {N(i + 1), TX(f->code), TX(kind_name(f->code)),
                  TX(f->village), TX(village(a, f->village)->name),
                  TX(f->record), TX(f->msg)};
    bad = s->row(s, c);
  }
  if(bad)
    return sink_fail(a, s);
  if(count)
    *count = a->nf;
  return s->end(s) ? sink_fail(a, s) : 0;
}

long audit_finding_count(audit *a)
{
  return compute_findings(a) ? -1 : a->nf;
}
