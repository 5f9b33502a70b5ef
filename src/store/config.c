/* config.c: the parameters (doc/domain.md *defaults*) in the setting table. */
#include "store/config.h"
#include "store/history.h"
#include "base/money.h"
#include "base/tz.h"
#include "store/record.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const field setting_fields[] = {
  {"key", "参数", F_TEXT, F_REQ | F_LIST, NULL},
  {"type", "类型", F_TEXT, F_REQ, NULL},
  {"value", "值", F_TEXT, F_REQ | F_LIST, NULL},
  {"note", "说明", F_TEXT, F_REQ | F_LIST, NULL},
};

#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_setting = {"setting", "参数", NULL, SPEC(setting_fields),
                                1, NULL, NULL};

static const struct {
  const char *key, *type, *value, *note;
} defaults[] = {
  {"cash_limit", "money", "500000", "库存现金限额: cash on hand per village"},
  {"classify.weak_below", "money", "5000000",
   "薄弱村: operating income (经营收入 + 投资收益) below this; 空白村: none"},
  {"classify.general_below", "money", "10000000",
   "一般村: operating income below this; 较强村: this or more"},
  {"residual_rate", "rate", "50000", "净残值率: default residual rate"},
  {"useful_life.房屋及建筑物", "int", "240", "使用年限 in months"},
  {"useful_life.水利设施", "int", "240", "使用年限 in months"},
  {"useful_life.公益设施", "int", "240", "使用年限 in months"},
  {"useful_life.机器设备", "int", "120", "使用年限 in months"},
  {"useful_life.农业机械", "int", "120", "使用年限 in months"},
  {"useful_life.运输设备", "int", "48", "使用年限 in months"},
  {"useful_life.办公设备", "int", "60", "使用年限 in months"},
  {"useful_life.电子设备", "int", "36", "使用年限 in months"},
  {"useful_life.生产性生物资产", "int", "120", "使用年限 in months"},
  {"subsidy.budget", "money", "100000000",
   "贴息引导资金: a new programme year's budget"},
  {"subsidy.ratio", "rate", "500000",
   "贴息比例: a new programme year's share of the eligible interest"},
  {"subsidy.rate_cap", "rate", "0",
   "利率上限: a new programme year's rate cap (0: none)"},
  {"subsidy.day_basis", "int", "360",
   "计息天数基准: a new programme year's day basis (360 or 365)"},
  {"subsidy.village_cap", "money", "10000000",
   "每村年度限额: a new programme year's cap per village"},
  {"subsidy.publicity_days", "int", "7",
   "贴息公示: days an application is publicised, at least"},
  {"term.出租", "int", "20", "出租: longest lease in years (民法典 art. 705)"},
  {"term.发包", "int", "20", "发包: longest term in years, unless below"},
  {"term.发包.耕地", "int", "30", "发包 of 耕地: longest term in years"},
  {"term.发包.草地", "int", "50", "发包 of 草地: longest term in years"},
  {"term.发包.林地", "int", "70", "发包 of 林地: longest term in years"},
  {"term.发包.其他土地", "int", "50",
   "发包 of 其他土地 (四荒地, 未利用地): longest term in years"},
  {"disposal.appraisal_value", "money", "5000000",
   "资产评估 required for 出售/入股/抵押/置换 from this book value"},
  {"disposal.public_value", "money", "20000000",
   "公开方式 required (not 协议) from this value"},
  {"disposal.public_area", "area", "500000",
   "公开方式 required (not 协议) from this land area (亩)"},
  {"disposal.resolution_days", "int", "7", "决议公开: days at least"},
  {"disposal.result_days", "int", "7", "结果公开: days at least"},
  {"vote.提议.quorum", "text", "1/2",
   "提议 (党支部会议): more than this share of members present"},
  {"vote.提议.pass", "text", "1/2",
   "提议: more than this share of those present in favour"},
  {"vote.商议.quorum", "text", "1/2",
   "商议 (两委联席会议): more than this share present"},
  {"vote.商议.pass", "text", "1/2",
   "商议: more than this share of those present in favour"},
  {"vote.审议.quorum", "text", "2/3",
   "审议 (党员大会): at least this share of members present"},
  {"vote.审议.pass", "text", "1/2",
   "审议: more than this share of members due in favour"},
  {"vote.村民会议.quorum", "text", "1/2",
   "决议 by 村民会议: more than this share of adult villagers present"},
  {"vote.村民会议.households", "text", "2/3",
   "决议 by 村民会议 counted in households: at least this share present"},
  {"vote.村民会议.pass", "text", "1/2",
   "决议 by 村民会议: more than this share of those present in favour"},
  {"vote.村民代表会议.quorum", "text", "2/3",
   "决议 by 村民代表会议: at least this share of representatives present"},
  {"vote.村民代表会议.pass", "text", "1/2",
   "决议 by 村民代表会议: more than this share of those present in favour"},
  {"vote.outsider.pass", "text", "2/3",
   "发包 to a party outside the collective: at least this share of all "
   "due in favour"},
  {"timezone", "text", "Asia/Shanghai",
   "时区: the zone times are shown in (the change log keeps UTC)"},
};

int config_init(sz *z)
{
  const reg *r = (&reg_setting);
  regctx *c = reg_open(z, r);
  int64_t batch = history_next_id(z);
  digest *d = digest_new();
  int64_t n = 0;
  int bad = 0;
  for(size_t i = 0; i < ARRAY_SIZE(defaults) && !bad; i++) {
    if(db_int(z, 0, "SELECT count(*) FROM setting WHERE key = ?1",
              defaults[i].key))
      continue;
    val v[4] = {
      {V_TEXT, 0, defaults[i].key, strlen(defaults[i].key)},
      {V_TEXT, 0, defaults[i].type, strlen(defaults[i].type)},
      {V_TEXT, 0, defaults[i].value, strlen(defaults[i].value)},
      {V_TEXT, 0, defaults[i].note, strlen(defaults[i].note)},
    };
    int64_t id;
    int upd;
    if(reg_write(c, v, 0, batch, &id, &upd)) {
      db_fail(z, "%s", reg_errors(c));
      bad = 1;
      break;
    }
    const sbuf *cn = reg_last_canon(c);
    digest_add(d, cn->buf, cn->len);
    digest_add(d, "\n", 1);
    n++;
  }
  unsigned char dg[32];
  digest_final(d, dg);
  reg_close(c);
  if(bad)
    return -1;
  if(n == 0)
    return 0;
  return history_append(z, batch, "setting", NULL, "init",
                        "{\"defaults\":true}", n, dg);
}

int config_fraction(const char *s, int64_t *num, int64_t *den)
{
  char *end;
  long long n = strtoll(s, &end, 10);
  if(end == s || *end != '/' || n <= 0)
    return -1;
  const char *d = end + 1;
  long long m = strtoll(d, &end, 10);
  if(end == d || *end || m <= 0 || n > m || m > 1000)
    return -1;
  *num = n;
  *den = m;
  return 0;
}

int config_get_fraction(sz *z, const char *key, int64_t *num, int64_t *den)
{
  char v[64] = "";
  sqlite3_stmt *st = db_prepare(z, "SELECT value FROM setting WHERE key = ?1");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(v, sizeof v, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if(config_fraction(v, num, den)) {
    db_fail(z, "parameter %s: '%s' is not a fraction "
            "(set it with 'sanzi config %s 2/3')", key, v, key);
    return -1;
  }
  return 0;
}

int64_t config_int(sz *z, const char *key, int64_t dflt)
{
  return db_int(z, dflt, "SELECT CAST(value AS INTEGER) FROM setting "
                         "WHERE key = ?1", key);
}

static const char *parse_value(const char *type, const char *s, char out[32])
{
  int64_t v;
  const char *e = NULL;
  size_t n = strlen(s);
  if(!strcmp(type, "money"))
    e = money_parse(s, n, &v);
  else if(!strcmp(type, "rate"))
    e = rate_parse(s, n, &v);
  else if(!strcmp(type, "area"))
    e = area_parse(s, n, &v);
  else if(!strcmp(type, "int"))
    e = int_parse(s, n, &v);
  else
    return NULL;
  if(!e && v < 0)
    e = "must not be negative";
  if(!e && !strcmp(type, "rate") && v > 1000000)
    e = "more than 100%";
  if(!e && !strcmp(type, "rate") && v > 0 && v < 10000 && !strchr(s, '%'))
    e = "less than 1%: a rate is given in percent (5 or 5% for five percent)";
  if(!e)
    snprintf(out, 32, "%lld", (long long)v);
  return e;
}

static void show_value(const char *type, const char *value, char out[48])
{
  int64_t v = strtoll(value, NULL, 10);
  if(!strcmp(type, "money"))
    money_format(v, out);
  else if(!strcmp(type, "rate")) {
    char tmp[32];
    snprintf(out, 48, "%s%%", rate_format(v, tmp));
  } else if(!strcmp(type, "area"))
    area_format(v, out);
  else
    snprintf(out, 48, "%s", value);
}

int config_set(sz *z, const char *key, const char *value)
{
  const reg *r = (&reg_setting);
  char type[16] = "", note[256] = "";
  sqlite3_stmt *st =
      db_prepare(z, "SELECT type, note FROM setting WHERE key = ?1");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW) {
    snprintf(type, sizeof type, "%s", sqlite3_column_text(st, 0));
    snprintf(note, sizeof note, "%s", sqlite3_column_text(st, 1));
  }
  sqlite3_finalize(st);
  if(!type[0]) {
    db_fail(z, "no parameter '%s' (see 'sanzi config' for the list)", key);
    return -1;
  }
  char canon[32];
  const char *text = value;
  if(!strncmp(key, "vote.", 5)) {
    int64_t num, den;
    if(config_fraction(value, &num, &den)) {
      db_fail(z, "%s: '%s' is not a fraction such as "
              "1/2 or 2/3", key, value);
      return -1;
    }
  } else if(strcmp(type, "text")) {
    const char *e = parse_value(type, value, canon);
    if(e) {
      db_fail(z, "%s: '%s': %s", key, value, e);
      return -1;
    }
    text = canon;
    int64_t v = strtoll(canon, NULL, 10);
    size_t kl = strlen(key);
    if(!strcmp(key, "subsidy.day_basis") && v != 360 && v != 365) {
      db_fail(z, "%s: '%s': the day basis is 360 or 365",
              key, value);
      return -1;
    }
    if((!strncmp(key, "term.", 5) ||
        (kl > 5 && !strcmp(key + kl - 5, "_days"))) && v < 1) {
      db_fail(z, "%s: '%s': must be at least 1", key,
              value);
      return -1;
    }
  }
  if(!strcmp(key, "timezone")) {
    tzone *tz = tz_load(value);
    if(!tz) {
      db_fail(z, T(z, "%s: '%s' is not a time zone of the tz database "
                      "(such as Asia/Shanghai)"), key, value);
      return -1;
    }
    tz_free(tz);
  }
  if(db_begin(z))
    return -1;
  regctx *c = reg_open(z, r);
  val v[4] = {
    {V_TEXT, 0, key, strlen(key)},
    {V_TEXT, 0, type, strlen(type)},
    {V_TEXT, 0, text, strlen(text)},
    {V_TEXT, 0, note, strlen(note)},
  };
  int64_t id;
  int upd;
  int bad = reg_write(c, v, 2, 0, &id, &upd);
  if(bad)
    db_fail(z, "%s", reg_errors(c));
  reg_close(c);
  return db_end(z, !bad) || bad ? -1 : 0;
}

int config_show(sz *z, const char *key, FILE *fp)
{
  sqlite3_stmt *st = db_prepare(
      z, "SELECT key, type, value, note FROM setting "
         "WHERE ?1 IS NULL OR key = ?1 ORDER BY id");
  if(key)
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  int n = 0;
  while(db_step(z, st) == SQLITE_ROW) {
    char shown[48];
    show_value((const char *)sqlite3_column_text(st, 1),
               (const char *)sqlite3_column_text(st, 2), shown);
    fprintf(fp, "%s\t%s\t%s\n", sqlite3_column_text(st, 0), shown,
            sqlite3_column_text(st, 3));
    n++;
  }
  sqlite3_finalize(st);
  if(key && !n) {
    db_fail(z, "no parameter '%s' (see 'sanzi config' for the list)", key);
    return -1;
  }
  return 0;
}

void config_each(sz *z, config_fn fn, void *ctx)
{
  sqlite3_stmt *st =
      db_prepare(z, "SELECT value FROM setting WHERE key = ?1");
  for(size_t i = 0; i < ARRAY_SIZE(defaults); i++) {
    const char *value = defaults[i].value;
    char stored[64] = "", shown[48];
    sqlite3_bind_text(st, 1, defaults[i].key, -1, SQLITE_STATIC);
    if(db_step(z, st) == SQLITE_ROW) {
      snprintf(stored, sizeof stored, "%s", sqlite3_column_text(st, 0));
      value = stored;
    }
    sqlite3_reset(st);
    show_value(defaults[i].type, value, shown);
    fn(ctx, defaults[i].key, shown, defaults[i].note);
  }
  sqlite3_finalize(st);
}
