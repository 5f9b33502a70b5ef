/* config.c: the parameters (doc/domain.md *defaults*) in the setting table. */
#include "store/config.h"
#include "store/history.h"
#include "base/date.h"
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
  {"note", "说明", F_TEXT, F_REQ | F_LIST | F_LONG, NULL},
};

#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_setting = {"setting", "参数", NULL, SPEC(setting_fields),
                                1, NULL, NULL, NULL};

static const struct {
  const char *key, *type, *value;
  const char *note; /* English: translated where it is shown */
  const char *name, *unit; /* in Chinese: the 参数 sheet and `config` in Chinese */
} defaults[] = {
  {"cash_limit", "money", "500000", N_("库存现金限额: cash on hand per village"),
   "库存现金限额", "元"},
  {"classify.weak_below", "money", "5000000",
   N_("薄弱村: operating income (经营收入 + 投资收益) below this; 空白村: none"),
   "薄弱村标准", "元"},
  {"classify.general_below", "money", "10000000",
   N_("一般村: operating income below this; 较强村: this or more"),
   "一般村标准", "元"},
  {"residual_rate", "rate", "50000", N_("净残值率: default residual rate"),
   "净残值率", "%"},
  {"useful_life.房屋及建筑物", "int", "240", N_("使用年限 in months"),
   "房屋及建筑物使用年限", "月"},
  {"useful_life.水利设施", "int", "240", N_("使用年限 in months"),
   "水利设施使用年限", "月"},
  {"useful_life.公益设施", "int", "240", N_("使用年限 in months"),
   "公益设施使用年限", "月"},
  {"useful_life.机器设备", "int", "120", N_("使用年限 in months"),
   "机器设备使用年限", "月"},
  {"useful_life.农业机械", "int", "120", N_("使用年限 in months"),
   "农业机械使用年限", "月"},
  {"useful_life.运输设备", "int", "48", N_("使用年限 in months"),
   "运输设备使用年限", "月"},
  {"useful_life.办公设备", "int", "60", N_("使用年限 in months"),
   "办公设备使用年限", "月"},
  {"useful_life.电子设备", "int", "36", N_("使用年限 in months"),
   "电子设备使用年限", "月"},
  {"useful_life.生产性生物资产", "int", "120", N_("使用年限 in months"),
   "生产性生物资产使用年限", "月"},
  {"subsidy.budget", "money", "100000000",
   N_("贴息引导资金: a new programme year's budget"),
   "贴息引导资金预算", "元"},
  {"subsidy.ratio", "rate", "500000",
   N_("贴息比例: a new programme year's share of the eligible interest"),
   "贴息比例", "%"},
  {"subsidy.rate_cap", "rate", "0",
   N_("利率上限: a new programme year's rate cap (0: none)"),
   "利率上限", "%"},
  {"subsidy.day_basis", "int", "360",
   N_("计息天数基准: a new programme year's day basis (360 or 365)"),
   "计息天数基准", "天"},
  {"subsidy.village_cap", "money", "10000000",
   N_("每村年度限额: a new programme year's cap per village"),
   "每村年度限额", "元"},
  {"subsidy.publicity_days", "int", "7",
   N_("贴息公示: days an application is publicised, at least"),
   "贴息公示天数", "天"},
  {"term.出租", "int", "20", N_("出租: longest lease in years (民法典 art. 705)"),
   "出租最长期限", "年"},
  {"term.发包", "int", "20", N_("发包: longest term in years, unless below"),
   "发包最长期限", "年"},
  {"term.发包.耕地", "int", "30", N_("发包 of 耕地: longest term in years"),
   "耕地发包最长期限", "年"},
  {"term.发包.草地", "int", "50", N_("发包 of 草地: longest term in years"),
   "草地发包最长期限", "年"},
  {"term.发包.林地", "int", "70", N_("发包 of 林地: longest term in years"),
   "林地发包最长期限", "年"},
  {"term.发包.其他土地", "int", "50",
   N_("发包 of 其他土地 (四荒地, 未利用地): longest term in years"),
   "其他土地发包最长期限", "年"},
  {"disposal.appraisal_value", "money", "5000000",
   N_("资产评估 required for 出售/入股/抵押/置换 from this book value"),
   "须评估的账面价值", "元"},
  {"disposal.public_value", "money", "20000000",
   N_("公开方式 required (not 协议) from this value"),
   "须公开处置的价值", "元"},
  {"disposal.public_area", "area", "500000",
   N_("公开方式 required (not 协议) from this land area (亩)"),
   "须公开处置的面积", "亩"},
  {"disposal.resolution_days", "int", "7", N_("决议公开: days at least"),
   "决议公开天数", "天"},
  {"disposal.result_days", "int", "7", N_("结果公开: days at least"),
   "结果公开天数", "天"},
  {"vote.提议.quorum", "text", "1/2",
   N_("提议 (党支部会议): more than this share of members present"),
   "提议到会比例", ""},
  {"vote.提议.pass", "text", "1/2",
   N_("提议: more than this share of those present in favour"),
   "提议通过比例", ""},
  {"vote.商议.quorum", "text", "1/2",
   N_("商议 (两委联席会议): more than this share present"),
   "商议到会比例", ""},
  {"vote.商议.pass", "text", "1/2",
   N_("商议: more than this share of those present in favour"),
   "商议通过比例", ""},
  {"vote.审议.quorum", "text", "2/3",
   N_("审议 (党员大会): at least this share of members present"),
   "审议到会比例", ""},
  {"vote.审议.pass", "text", "1/2",
   N_("审议: more than this share of members due in favour"),
   "审议通过比例", ""},
  {"vote.村民会议.quorum", "text", "1/2",
   N_("决议 by 村民会议: more than this share of adult villagers present"),
   "村民会议到会比例", ""},
  {"vote.村民会议.households", "text", "2/3",
   N_("决议 by 村民会议 counted in households: at least this share present"),
   "村民会议到会户数比例", ""},
  {"vote.村民会议.pass", "text", "1/2",
   N_("决议 by 村民会议: more than this share of those present in favour"),
   "村民会议通过比例", ""},
  {"vote.村民代表会议.quorum", "text", "2/3",
   N_("决议 by 村民代表会议: at least this share of representatives present"),
   "村民代表会议到会比例", ""},
  {"vote.村民代表会议.pass", "text", "1/2",
   N_("决议 by 村民代表会议: more than this share of those present in favour"),
   "村民代表会议通过比例", ""},
  {"vote.outsider.pass", "text", "2/3",
   N_("发包 to a party outside the collective: at least this share of all "
   "due in favour"),
   "向集体以外发包通过比例", ""},
  {"registry.start", "text", "2025-01-01",
   N_("启用日期: the day the county began using sanzi; a 出租/发包/入股 "
      "contract signed on or after it needs a disposal filing"),
   "启用日期", ""},
  {"timezone", "text", "Asia/Shanghai",
   N_("时区: the zone times are shown in (the change log keeps UTC)"),
   "时区", ""},
  {"web.idle_minutes", "int", "30",
   N_("会话空闲超时: minutes a web session lives unused"), "会话空闲超时", "分钟"},
  {"web.session_hours", "int", "8",
   N_("会话最长时间: hours a web session lives at most"), "会话最长时间", "小时"},
  {"web.lock_failures", "int", "5",
   N_("登录失败锁定次数: failed logins of one account before it is locked "
      "(of one address: four times as many)"),
   "登录失败锁定次数", "次"},
  {"web.lock_minutes", "int", "15",
   N_("登录锁定时间: minutes a locked account or address waits"),
   "登录锁定时间", "分钟"},
  {"busy_wait", "int", "10",
   N_("等待写入: seconds a write waits for another's (a long import) to end "
      "before it gives up"),
   "等待写入秒数", "秒"},
  {"public_pages", "int", "1",
   N_("村务公开页面: 1 shows each village's public page (/public/{village}) "
      "to anyone without login; 0 turns the public pages off"),
   "村务公开页面", ""},
  {"public_base_url", "text", "自动",
   N_("公开页面地址: the address villagers reach the server at, put in the "
      "notice board's QR code (such as http://192.168.1.10:8080); 自动: the "
      "address the browser used"),
   "公开页面地址", ""},
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
    db_fail(z, T(z, "parameter %s: '%s' is not a fraction "
                    "(set it with 'sanzi config %s 2/3')"), key, v, key);
    return -1;
  }
  return 0;
}

int64_t config_int(sz *z, const char *key, int64_t dflt)
{
  return db_int(z, dflt, "SELECT CAST(value AS INTEGER) FROM setting "
                         "WHERE key = ?1", key);
}

/* The default's row of a parameter, or NULL. */
static int find_default(const char *key)
{
  for(size_t i = 0; i < ARRAY_SIZE(defaults); i++)
    if(!strcmp(defaults[i].key, key))
      return (int)i;
  return -1;
}

/* Parses s as a value of type; NULL (out: the stored text) or the reason
 * (English, to translate). */
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
    e = N_("must not be negative");
  if(!e && !strcmp(type, "rate") && v > 1000000)
    e = N_("more than 100%");
  if(!e && !strcmp(type, "rate") && v > 0 && v < 10000 && !strchr(s, '%'))
    e = N_("less than 1%: a rate is given in percent (5 or 5% for five "
           "percent)");
  if(!e)
    snprintf(out, 32, "%lld", (long long)v);
  return e;
}

/* A stored value as shown: money 5000.00, a rate 5 (unit %), an area in
 * 亩, else as stored. */
static void show_value(const char *type, const char *value, char out[48])
{
  int64_t v = strtoll(value, NULL, 10);
  if(!strcmp(type, "money"))
    money_format(v, out);
  else if(!strcmp(type, "rate"))
    rate_format(v, out);
  else if(!strcmp(type, "area"))
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
    db_fail(z, T(z, "no parameter '%s' (see 'sanzi config' for the list)"),
            key);
    return -1;
  }
  char canon[32];
  const char *text = value;
  if(!strncmp(key, "vote.", 5)) {
    int64_t num, den;
    if(config_fraction(value, &num, &den)) {
      db_fail(z, T(z, "%s: '%s' is not a fraction such as 1/2 or 2/3"), key,
              value);
      return -1;
    }
  } else if(strcmp(type, "text")) {
    const char *e = parse_value(type, value, canon);
    if(e) {
      db_fail(z, T(z, "%s: '%s': %s"), key, value, T(z, e));
      return -1;
    }
    text = canon;
    int64_t v = strtoll(canon, NULL, 10);
    size_t kl = strlen(key);
    if(!strcmp(key, "subsidy.day_basis") && v != 360 && v != 365) {
      db_fail(z, T(z, "%s: '%s': the day basis is 360 or 365"), key, value);
      return -1;
    }
    if(!strcmp(key, "public_pages") && v != 0 && v != 1) {
      db_fail(z, T(z, "%s: '%s': 1 (on) or 0 (off)"), key, value);
      return -1;
    }
    if((!strncmp(key, "term.", 5) ||
        (kl > 5 && !strcmp(key + kl - 5, "_days"))) && v < 1) {
      db_fail(z, T(z, "%s: '%s': must be at least 1"), key, value);
      return -1;
    }
  }
  char day[11];
  if(!strcmp(key, "registry.start")) {
    const char *e = date_parse(value, strlen(value), day);
    if(e) {
      db_fail(z, T(z, "%s: '%s': %s"), key, value, T(z, e));
      return -1;
    }
    text = day;
  }
  if(!strcmp(key, "public_base_url") && strcmp(value, "自动") &&
     ((strncmp(value, "http://", 7) && strncmp(value, "https://", 8)) ||
      strlen(value) > 200 || strlen(value) < 9 ||
      strpbrk(value, " \t\r\n\"'<>\\"))) {
    db_fail(z, T(z, "%s: '%s' is not an address such as "
                    "http://192.168.1.10:8080 (or 自动)"), key, value);
    return -1;
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

/* A parameter in lang: its Chinese name and unit (none in English), its
 * note (the stored one for a parameter this program does not know). */
static void describe(int lang, const char *key, const char *stored,
                     config_param *p)
{
  int i = find_default(key);
  p->key = key;
  p->name = i >= 0 && lang == LANG_ZH && defaults[i].name ? defaults[i].name
                                                          : "";
  p->unit = i >= 0 && lang == LANG_ZH && defaults[i].unit ? defaults[i].unit
                                                          : "";
  p->note = i >= 0 ? tr(lang, defaults[i].note) : stored ? stored : "";
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
    const char *type = (const char *)sqlite3_column_text(st, 1);
    char shown[48];
    show_value(type, (const char *)sqlite3_column_text(st, 2), shown);
    config_param p;
    describe(z->lang, (const char *)sqlite3_column_text(st, 0),
             (const char *)sqlite3_column_text(st, 3), &p);
    /* KEY<TAB>VALUE<TAB>note; in Chinese the note begins with the name
     * and the unit: 库存现金限额（元）：... */
    fprintf(fp, "%s\t%s%s\t", p.key, shown, !strcmp(type, "rate") ? "%" : "");
    if(p.name[0])
      fprintf(fp, p.unit[0] ? "%s（%s）：" : "%s：", p.name, p.unit);
    fprintf(fp, "%s\n", p.note);
    n++;
  }
  sqlite3_finalize(st);
  if(key && !n) {
    db_fail(z, T(z, "no parameter '%s' (see 'sanzi config' for the list)"),
            key);
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
    config_param p;
    describe(LANG_ZH, defaults[i].key, NULL, &p);
    p.value = shown;
    fn(ctx, &p);
  }
  sqlite3_finalize(st);
}

tzone *config_zone(sz *z)
{
  char name[256] = "";
  sqlite3_stmt *st =
      db_prepare(z, "SELECT value FROM setting WHERE key = 'timezone'");
  if(db_step(z, st) == SQLITE_ROW)
    snprintf(name, sizeof name, "%s", sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  tzone *tz = tz_load(name[0] ? name : "Asia/Shanghai");
  /* A system without the tz database: China Standard Time. */
  return tz ? tz : tz_load("CST-8");
}

void config_local_time(sz *z, const char *utc, char out[20])
{
  tzone *tz = config_zone(z);
  int64_t t;
  if(tz && utc && !tz_parse_utc(utc, &t))
    tz_format_local(tz, t, out);
  else
    snprintf(out, 20, "%.19s", utc ? utc : "");
  tz_free(tz);
}
