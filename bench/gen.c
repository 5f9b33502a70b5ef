/* gen.c: deterministic test data for sanzi.
 *
 *   gen assets N DIVISIONS > assets.csv
 *       N asset cards as a clerk's UTF-8 CSV (LF, header row, no BOM),
 *       grouped by village in code order.
 *   gen divisions > divisions.csv
 *       a national division file of the real one's size (665,276 codes:
 *       31 provinces, 341 cities, 3,069 counties, 39,897 townships and
 *       621,938 villages, each under its parent, parents first), names
 *       as long as the real ones (街道办事处, 村民委员会), for the import
 *       benchmark of `sanzi org import`.
 *   gen demo DIVISIONS OUTDIR [LANDCLASSES]
 *       the sample county for `make demo`: OUTDIR/assets.csv (GB18030, CRLF,
 *       an Excel export with a title line), resources.csv, accounts.csv and
 *       funds.csv (UTF-8, LF). LANDCLASSES defaults to land-classes.csv
 *       next to DIVISIONS.
 *
 * DIVISIONS is a code,name,level,parent_code file. The villages are the rows
 * of level "village" with a 12-digit code whose name ends in 村民委员会 (the
 * village collectives; residents' committees and virtual communities are
 * left out); if there are none, every village-level row is used.
 *
 * Every random choice comes from a splitmix64 generator seeded from the
 * village code and a constant per file, so the output is the same on every
 * run and on every machine, and one village's data does not depend on the
 * others'. No floating point: money is counted in fen, area in 1/100 mu.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------- */
/* errors and memory */

static void die(const char *what, const char *subject)
{
  if(subject)
    fprintf(stderr, "gen: %s '%s'\n", what, subject);
  else
    fprintf(stderr, "gen: %s\n", what);
  exit(1);
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if(!p)
    die("out of memory", NULL);
  return p;
}

static void *xrealloc(void *p, size_t n)
{
  p = realloc(p, n ? n : 1);
  if(!p)
    die("out of memory", NULL);
  return p;
}

static char *xstrndup(const char *s, size_t n)
{
  char *p = xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

/* ---------------------------------------------------------------------- */
/* the random generator */

struct rng {
  uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/* A number in [0, n). The modulo bias is far below anything that matters
 * for test data, and it keeps the stream simple to reproduce. */
static uint64_t rnd(struct rng *r, uint64_t n)
{
  return n ? rng_next(r) % n : 0;
}

/* A number in [lo, hi]. */
static int64_t rnd_range(struct rng *r, int64_t lo, int64_t hi)
{
  return lo + (int64_t)rnd(r, (uint64_t)(hi - lo + 1));
}

/* 1 with probability pct/100. */
static int chance(struct rng *r, unsigned pct)
{
  return rnd(r, 100) < pct;
}

static uint64_t fnv1a(const char *s)
{
  uint64_t h = 0xcbf29ce484222325ULL;
  for(; *s; s++) {
    h ^= (unsigned char)*s;
    h *= 0x100000001b3ULL;
  }
  return h;
}

static void rng_seed(struct rng *r, const char *code, uint64_t salt)
{
  r->s = fnv1a(code) ^ salt;
  (void)rng_next(r);
}

static const char *pick(struct rng *r, const char *const *list, size_t n)
{
  return list[rnd(r, n)];
}
#define PICK(r, list) pick((r), (list), ARRAY_SIZE(list))

/* Weighted choice: w[i] is the weight of choice i. */
static size_t pick_weighted(struct rng *r, const unsigned *w, size_t n)
{
  uint64_t total = 0;
  uint64_t x;
  size_t i;
  for(i = 0; i < n; i++)
    total += w[i];
  x = rnd(r, total);
  for(i = 0; i < n; i++) {
    if(x < w[i])
      return i;
    x -= w[i];
  }
  return n - 1;
}

/* ---------------------------------------------------------------------- */
/* dates as day numbers (days since 1970-01-01), proleptic Gregorian */

static long days_from_civil(int y, int m, int d)
{
  long era;
  unsigned yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (unsigned)(y - era * 400);
  doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
  long era;
  unsigned doe, yoe, doy, mp;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (unsigned)(z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int)(doy - (153 * mp + 2) / 5 + 1);
  *m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *y = (int)((long)yoe + era * 400 + (*m <= 2));
}

/* ---------------------------------------------------------------------- */
/* number and date formatting into small buffers; each returns the length */

/* v in decimal, zero-padded to at least width digits. buf >= 24 bytes. */
static size_t fmt_uint(char *buf, uint64_t v, int width)
{
  char tmp[24];
  size_t n = 0, i;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while(v);
  while((int)n < width && n < sizeof(tmp))
    tmp[n++] = '0';
  for(i = 0; i < n; i++)
    buf[i] = tmp[n - 1 - i];
  buf[n] = '\0';
  return n;
}

/* fen as "125000.50", or "125,000.50" when grouped. buf >= 40 bytes. */
static size_t fmt_money(char *buf, int64_t fen, int grouped)
{
  char digits[24];
  size_t nd, i, n = 0;
  uint64_t v;
  if(fen < 0) {
    buf[n++] = '-';
    v = (uint64_t)(-(fen + 1)) + 1;
  }
  else
    v = (uint64_t)fen;
  nd = fmt_uint(digits, v / 100, 1);
  for(i = 0; i < nd; i++) {
    if(grouped && i && (nd - i) % 3 == 0)
      buf[n++] = ',';
    buf[n++] = digits[i];
  }
  buf[n++] = '.';
  n += fmt_uint(buf + n, v % 100, 2);
  return n;
}

/* An area in 1/100 mu as "12.5", "12.05" or "12" (trailing zeros trimmed). */
static size_t fmt_area(char *buf, int64_t hundredths)
{
  size_t n = fmt_uint(buf, (uint64_t)hundredths / 100, 1);
  unsigned frac = (unsigned)((uint64_t)hundredths % 100);
  if(frac) {
    buf[n++] = '.';
    buf[n++] = (char)('0' + frac / 10);
    if(frac % 10)
      buf[n++] = (char)('0' + frac % 10);
    buf[n] = '\0';
  }
  return n;
}

/* "2019-03-05" (iso) or "2019/3/5" (Excel on a Chinese Windows). */
static size_t fmt_date(char *buf, long day, int iso)
{
  int y, m, d;
  size_t n;
  civil_from_days(day, &y, &m, &d);
  n = fmt_uint(buf, (uint64_t)y, 4);
  buf[n++] = iso ? '-' : '/';
  n += fmt_uint(buf + n, (uint64_t)m, iso ? 2 : 1);
  buf[n++] = iso ? '-' : '/';
  n += fmt_uint(buf + n, (uint64_t)d, iso ? 2 : 1);
  return n;
}

/* Concatenate NULL-terminated parts into buf (bounded, always terminated). */
static size_t join(char *buf, size_t size, ...)
{
  va_list ap;
  const char *s;
  size_t n = 0;
  va_start(ap, size);
  while((s = va_arg(ap, const char *)) != NULL) {
    size_t k = strlen(s);
    if(n + k >= size)
      k = size - 1 - n;
    memcpy(buf + n, s, k);
    n += k;
  }
  va_end(ap);
  buf[n] = '\0';
  return n;
}

/* ---------------------------------------------------------------------- */
/* CSV output: a buffer that either streams to a FILE or grows in memory */

struct out {
  char *buf;
  size_t len;
  size_t cap;
  FILE *fp;        /* NULL: keep everything in memory */
  const char *eol; /* "\n" or "\r\n" */
  int col;         /* cells written on the current row */
};

static void out_init(struct out *o, FILE *fp, const char *eol)
{
  o->cap = 1 << 20;
  o->buf = xmalloc(o->cap);
  o->len = 0;
  o->fp = fp;
  o->eol = eol;
  o->col = 0;
}

static void out_flush(struct out *o)
{
  if(o->fp && o->len) {
    if(fwrite(o->buf, 1, o->len, o->fp) != o->len)
      die("cannot write the output:", strerror(errno));
    o->len = 0;
  }
}

static void out_mem(struct out *o, const char *p, size_t n)
{
  if(o->len + n > o->cap) {
    if(o->fp) {
      out_flush(o);
      if(n > o->cap) {
        if(fwrite(p, 1, n, o->fp) != n)
          die("cannot write the output:", strerror(errno));
        return;
      }
    }
    else {
      while(o->len + n > o->cap)
        o->cap *= 2;
      o->buf = xrealloc(o->buf, o->cap);
    }
  }
  memcpy(o->buf + o->len, p, n);
  o->len += n;
}

static void out_str(struct out *o, const char *s)
{
  out_mem(o, s, strlen(s));
}

/* One cell of the current row, quoted when it holds a comma, a quote or a
 * line break (quotes inside doubled). */
static void cell_n(struct out *o, const char *s, size_t n)
{
  size_t i, start;
  if(o->col++)
    out_mem(o, ",", 1);
  for(i = 0; i < n; i++)
    if(s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
      break;
  if(i == n) {
    out_mem(o, s, n);
    return;
  }
  out_mem(o, "\"", 1);
  for(start = 0, i = 0; i < n; i++) {
    if(s[i] == '"') {
      out_mem(o, s + start, i + 1 - start);
      out_mem(o, "\"", 1);
      start = i + 1;
    }
  }
  out_mem(o, s + start, n - start);
  out_mem(o, "\"", 1);
}

static void cell(struct out *o, const char *s)
{
  cell_n(o, s ? s : "", s ? strlen(s) : 0);
}

static void cell_uint(struct out *o, uint64_t v)
{
  char buf[24];
  cell_n(o, buf, fmt_uint(buf, v, 1));
}

static void cell_money(struct out *o, int64_t fen, int grouped)
{
  char buf[40];
  cell_n(o, buf, fmt_money(buf, fen, grouped));
}

static void cell_date(struct out *o, long day, int iso)
{
  char buf[24];
  cell_n(o, buf, fmt_date(buf, day, iso));
}

static void end_row(struct out *o)
{
  out_str(o, o->eol);
  o->col = 0;
}

static void header(struct out *o, const char *const *names, size_t n)
{
  size_t i;
  for(i = 0; i < n; i++)
    cell(o, names[i]);
  end_row(o);
}

/* Write an in-memory buffer to dir/name, converted from UTF-8 to tocode
 * with iconv when tocode is not NULL. */
static void write_file(const char *dir, const char *name, struct out *o,
                       const char *tocode)
{
  char path[4096];
  FILE *fp;
  char *data = o->buf;
  size_t len = o->len;
  char *conv = NULL;

  join(path, sizeof(path), dir, "/", name, (const char *)NULL);
  if(tocode) {
    iconv_t cd = iconv_open(tocode, "UTF-8");
    char *in = o->buf, *outp;
    size_t inleft = o->len, outleft, cap = o->len * 2 + 16;
    if(cd == (iconv_t)-1)
      die("cannot convert to", tocode);
    conv = xmalloc(cap);
    outp = conv;
    outleft = cap;
    if(iconv(cd, &in, &inleft, &outp, &outleft) == (size_t)-1 ||
       iconv(cd, NULL, NULL, &outp, &outleft) == (size_t)-1)
      die("cannot convert the output to", tocode);
    iconv_close(cd);
    data = conv;
    len = cap - outleft;
  }
  fp = fopen(path, "wb");
  if(!fp)
    die("cannot create", path);
  if(fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
    die("cannot write", path);
  free(conv);
}

/* ---------------------------------------------------------------------- */
/* reading the divisions and land classes */

struct town {
  char code[10];
  char *name;
};

struct village {
  char code[13];
  char *name;  /* 圪料坝村民委员会 */
  char *short_name; /* 圪料坝村 */
  int town;    /* index into towns, -1 if the township is not in the file */
};

static struct town *towns;
static size_t ntowns;
static struct village *villages;
static size_t nvillages;
static char county_name[64] = "武川县";

static char *read_all(const char *path, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  char *buf;
  size_t cap = 1 << 16, n = 0, k;
  if(!fp)
    die("cannot open", path);
  buf = xmalloc(cap);
  while((k = fread(buf + n, 1, cap - n - 1, fp)) > 0) {
    n += k;
    if(cap - n - 1 == 0) {
      cap *= 2;
      buf = xrealloc(buf, cap);
    }
  }
  if(ferror(fp))
    die("cannot read", path);
  fclose(fp);
  buf[n] = '\0';
  *len = n;
  return buf;
}

/* Split one CSV record starting at *p in place into at most max fields
 * (quotes handled, no line breaks inside quotes); advances *p past the
 * line end. Returns the number of fields. */
static int split_line(char **p, char **f, int max)
{
  char *s = *p;
  int n = 0;
  for(;;) {
    char *start = s, *w = s, term;
    if(*s == '"') {
      s++;
      while(*s && *s != '\n') {
        if(*s == '"') {
          if(s[1] != '"') {
            s++;
            break;
          }
          s++;
        }
        *w++ = *s++;
      }
      while(*s && *s != ',' && *s != '\n' && *s != '\r')
        s++;
    }
    else {
      while(*s && *s != ',' && *s != '\n' && *s != '\r')
        s++;
      w = s;
    }
    term = *s;
    *w = '\0';
    if(n < max)
      f[n++] = start;
    if(term == ',') {
      s++;
      continue;
    }
    if(term == '\r') {
      s++;
      if(*s == '\n')
        s++;
    }
    else if(term == '\n')
      s++;
    break;
  }
  *p = s;
  return n;
}

static int ends_with(const char *s, const char *suffix)
{
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && !memcmp(s + a - b, suffix, b);
}

static int all_digits(const char *s, size_t n)
{
  size_t i;
  if(strlen(s) != n)
    return 0;
  for(i = 0; i < n; i++)
    if(s[i] < '0' || s[i] > '9')
      return 0;
  return 1;
}

static int cmp_village(const void *a, const void *b)
{
  return strcmp(((const struct village *)a)->code,
                ((const struct village *)b)->code);
}

static void load_divisions(const char *path)
{
  size_t len, i, cap_t = 16, cap_v = 128, nall = 0, nvc = 0;
  char *text = read_all(path, &len);
  char *p = text;
  struct village *all;
  static const char vc[] = "村民委员会";

  if(len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
    p += 3;
  towns = xmalloc(cap_t * sizeof(*towns));
  all = xmalloc(cap_v * sizeof(*all));
  while(*p) {
    char *f[8];
    int n = split_line(&p, f, 8);
    if(n < 4)
      continue;
    if(!strcmp(f[2], "county") && strlen(f[1]) < sizeof(county_name))
      join(county_name, sizeof(county_name), f[1], (const char *)NULL);
    else if(!strcmp(f[2], "township") && all_digits(f[0], 9)) {
      if(ntowns == cap_t)
        towns = xrealloc(towns, (cap_t *= 2) * sizeof(*towns));
      memcpy(towns[ntowns].code, f[0], 10);
      towns[ntowns].name = xstrndup(f[1], strlen(f[1]));
      ntowns++;
    }
    else if(!strcmp(f[2], "village") && all_digits(f[0], 12)) {
      struct village *v;
      size_t nl = strlen(f[1]);
      if(nall == cap_v)
        all = xrealloc(all, (cap_v *= 2) * sizeof(*all));
      v = &all[nall++];
      memcpy(v->code, f[0], 13);
      v->name = xstrndup(f[1], nl);
      if(ends_with(f[1], vc)) {
        char buf[256];
        nl -= sizeof(vc) - 1;
        if(nl > 200)
          nl = 200;
        memcpy(buf, f[1], nl);
        join(buf + nl, sizeof(buf) - nl, "村", (const char *)NULL);
        v->short_name = xstrndup(buf, strlen(buf));
        nvc++;
      }
      else
        v->short_name = NULL;
      v->town = -1;
    }
  }
  free(text);

  villages = xmalloc((nall ? nall : 1) * sizeof(*villages));
  for(i = 0; i < nall; i++) {
    if(nvc && !all[i].short_name) {
      free(all[i].name);
      continue;
    }
    if(!all[i].short_name)
      all[i].short_name = xstrndup(all[i].name, strlen(all[i].name));
    villages[nvillages++] = all[i];
  }
  free(all);
  if(!nvillages)
    die("no village-level rows in", path);
  qsort(villages, nvillages, sizeof(*villages), cmp_village);
  for(i = 0; i < nvillages; i++) {
    size_t t;
    for(t = 0; t < ntowns; t++)
      if(!memcmp(villages[i].code, towns[t].code, 9))
        villages[i].town = (int)t;
  }
}

/* Land classes: code,name,group_code,group_name. */
struct land {
  char code[8];
  char *name;
};
static struct land *lands;
static size_t nlands;

static void load_lands(const char *path)
{
  size_t len, cap = 128;
  char *text = read_all(path, &len);
  char *p = text;
  if(len >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
    p += 3;
  lands = xmalloc(cap * sizeof(*lands));
  while(*p) {
    char *f[6];
    int n = split_line(&p, f, 6);
    if(n < 2 || !all_digits(f[0], 4))
      continue;
    if(nlands == cap)
      lands = xrealloc(lands, (cap *= 2) * sizeof(*lands));
    memcpy(lands[nlands].code, f[0], 5);
    lands[nlands].name = xstrndup(f[1], strlen(f[1]));
    nlands++;
  }
  free(text);
}

static const struct land *land_find(const char *code)
{
  size_t i;
  for(i = 0; i < nlands; i++)
    if(!strcmp(lands[i].code, code))
      return &lands[i];
  die("land class not in the land-classes file:", code);
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* people and places */

static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
  "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
  "唐", "许", "韩", "冯", "邓", "曹", "彭", "田", "董", "袁", "潘", "于",
  "蒋", "杜", "程", "苏", "魏", "吕", "丁", "任", "姚", "卢", "姜", "崔",
  "贾", "白", "孟", "秦", "薛", "闫", "段", "雷", "侯", "史", "贺", "郝",
  "武", "云", "乔", "常", "温", "康", "樊", "霍", "尚", "岳"
};

static const char *const given_names[] = {
  "建国", "建军", "海", "军", "平", "志强", "秀英", "桂兰", "玉兰", "文",
  "明", "俊", "丽", "红梅", "二虎", "三喜", "满仓", "金山", "银柱", "福元",
  "有才", "永强", "利军", "晓东", "海军", "春花", "秀梅", "凤英", "翠花",
  "润生", "存旺", "拴柱", "根喜", "来福", "兰英", "志军", "卫东", "宝山",
  "铁柱", "金花", "玉珍", "俊峰", "向东", "国庆", "建平", "慧敏", "鹏",
  "磊", "静", "艳", "瑞", "亮", "刚", "勇", "强", "华", "敏", "燕", "伟"
};

/* Mongolian names, written without a surname. */
static const char *const mongolian_names[] = {
  "巴特尔", "其木格", "乌云", "额尔敦", "苏日娜", "斯琴", "那日苏",
  "格日勒", "宝音", "阿拉坦"
};

static const char *const group_numerals[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"
};

/* A personal name into buf (>= 32 bytes). */
static void person(struct rng *r, char *buf, size_t size)
{
  const char *family;
  if(chance(r, 3)) {
    join(buf, size, PICK(r, mongolian_names), (const char *)NULL);
    return;
  }
  family = PICK(r, surnames);
  join(buf, size, family, PICK(r, given_names), (const char *)NULL);
}

/* ---------------------------------------------------------------------- */
/* assets */

enum {
  C_HOUSE, C_WATER, C_PUBLIC, C_MACHINE, C_AGRI, C_TRANSPORT, C_OFFICE,
  C_ELEC, C_BIO, C_WIP, C_LAND, C_OTHER
};

static const struct {
  const char *name;
  int life; /* default useful life in months, 0 none */
} cats[] = {
  {"房屋及建筑物", 240}, {"水利设施", 240}, {"公益设施", 240},
  {"机器设备", 120}, {"农业机械", 120}, {"运输设备", 48},
  {"办公设备", 60}, {"电子设备", 36}, {"生产性生物资产", 120},
  {"在建工程", 0}, {"土地", 0}, {"其他", 0}
};

struct item {
  const char *name;
  int cat;
  const char *unit;
  int qmax;   /* quantity 1..qmax */
  int lo, hi; /* unit price in yuan */
  int oper;   /* 1 经营性, 0 非经营性 */
  unsigned w; /* weight */
};

static const struct item items[] = {
  {"村委会办公楼", C_HOUSE, "座", 1, 150000, 1500000, 0, 6},
  {"党群服务中心", C_HOUSE, "座", 1, 200000, 1800000, 0, 3},
  {"文化活动室", C_HOUSE, "座", 1, 30000, 400000, 0, 5},
  {"卫生室", C_HOUSE, "座", 1, 30000, 300000, 0, 4},
  {"粮食仓库", C_HOUSE, "座", 1, 50000, 600000, 1, 3},
  {"冷库", C_HOUSE, "座", 1, 200000, 2000000, 1, 2},
  {"养殖棚圈", C_HOUSE, "座", 10, 20000, 150000, 1, 4},
  {"温室大棚", C_HOUSE, "座", 20, 15000, 90000, 1, 4},
  {"互助幸福院", C_HOUSE, "座", 1, 100000, 900000, 0, 2},
  {"门市房", C_HOUSE, "座", 3, 60000, 500000, 1, 2},
  {"公共厕所", C_HOUSE, "座", 3, 8000, 60000, 0, 2},
  {"扶贫车间", C_HOUSE, "座", 1, 150000, 1200000, 1, 2},
  {"机井", C_WATER, "眼", 5, 30000, 180000, 0, 6},
  {"蓄水池", C_WATER, "座", 3, 10000, 120000, 0, 3},
  {"人饮工程", C_WATER, "套", 1, 50000, 600000, 0, 2},
  {"滴灌设施", C_WATER, "套", 5, 8000, 60000, 1, 3},
  {"扬水站", C_WATER, "座", 1, 80000, 500000, 0, 1},
  {"路灯", C_PUBLIC, "个", 20, 800, 4500, 0, 6},
  {"健身器材", C_PUBLIC, "套", 5, 3000, 20000, 0, 4},
  {"文化广场", C_PUBLIC, "个", 1, 50000, 600000, 0, 3},
  {"篮球场", C_PUBLIC, "个", 1, 20000, 150000, 0, 2},
  {"戏台", C_PUBLIC, "座", 1, 30000, 300000, 0, 1},
  {"垃圾收集箱", C_PUBLIC, "个", 20, 500, 3000, 0, 3},
  {"公交候车亭", C_PUBLIC, "个", 2, 5000, 30000, 0, 1},
  {"光伏电站", C_MACHINE, "座", 1, 300000, 2000000, 1, 2},
  {"水泵", C_MACHINE, "台", 10, 800, 12000, 0, 5},
  {"变压器", C_MACHINE, "台", 2, 20000, 150000, 0, 3},
  {"饲料加工机组", C_MACHINE, "套", 1, 20000, 200000, 1, 2},
  {"发电机组", C_MACHINE, "台", 2, 8000, 80000, 0, 1},
  {"粉碎机", C_MACHINE, "台", 3, 2000, 30000, 1, 2},
  {"拖拉机", C_AGRI, "台", 3, 30000, 280000, 1, 4},
  {"马铃薯收获机", C_AGRI, "台", 2, 20000, 160000, 1, 2},
  {"播种机", C_AGRI, "台", 3, 8000, 80000, 1, 2},
  {"旋耕机", C_AGRI, "台", 3, 5000, 40000, 1, 2},
  {"联合收割机", C_AGRI, "台", 1, 80000, 400000, 1, 1},
  {"打捆机", C_AGRI, "台", 2, 10000, 90000, 1, 1},
  {"农用运输车", C_TRANSPORT, "辆", 2, 30000, 120000, 1, 2},
  {"垃圾清运车", C_TRANSPORT, "辆", 2, 40000, 180000, 0, 2},
  {"洒水车", C_TRANSPORT, "辆", 1, 60000, 200000, 0, 1},
  {"皮卡车", C_TRANSPORT, "辆", 1, 80000, 180000, 0, 1},
  {"办公桌椅", C_OFFICE, "套", 20, 600, 3000, 0, 5},
  {"文件柜", C_OFFICE, "个", 10, 600, 2500, 0, 4},
  {"会议桌椅", C_OFFICE, "套", 2, 3000, 20000, 0, 2},
  {"空调", C_OFFICE, "台", 6, 2500, 9000, 0, 3},
  {"档案密集柜", C_OFFICE, "套", 2, 8000, 40000, 0, 1},
  {"电脑", C_ELEC, "台", 10, 3000, 8000, 0, 6},
  {"打印机", C_ELEC, "台", 5, 800, 3500, 0, 4},
  {"复印机", C_ELEC, "台", 2, 6000, 25000, 0, 2},
  {"监控系统", C_ELEC, "套", 2, 8000, 80000, 0, 3},
  {"投影仪", C_ELEC, "台", 2, 2000, 9000, 0, 2},
  {"广播设备", C_ELEC, "套", 2, 3000, 20000, 0, 2},
  {"LED显示屏", C_ELEC, "套", 1, 10000, 80000, 0, 1},
  {"沙棘经济林", C_BIO, "亩", 20, 2000, 8000, 1, 1},
  {"果树经济林", C_BIO, "亩", 20, 1500, 6000, 1, 1},
  {"基础母牛", C_BIO, "头", 20, 6000, 15000, 1, 2},
  {"在建村级活动场所", C_WIP, "座", 1, 100000, 900000, 0, 1},
  {"在建冷库", C_WIP, "座", 1, 200000, 1500000, 1, 1},
  {"在建养殖小区", C_WIP, "座", 1, 100000, 1200000, 1, 1},
  {"集体建设用地", C_LAND, "亩", 20, 20000, 80000, 1, 2},
  {"村委会院落用地", C_LAND, "亩", 5, 10000, 50000, 0, 1},
  {"宣传栏", C_OTHER, "个", 10, 500, 5000, 0, 2},
  {"消防器材", C_OTHER, "套", 10, 500, 4000, 0, 2},
  {"村史展陈物品", C_OTHER, "套", 1, 3000, 50000, 0, 1}
};

static unsigned item_weights[ARRAY_SIZE(items)];

static const char *const acquire_ways[] = {
  "购入", "自建", "接受捐赠", "扶贫投资形成", "政府划拨", "投资转入", "盘盈",
  "其他"
};
static const unsigned acquire_w_build[] = {10, 35, 4, 20, 20, 5, 1, 5};
static const unsigned acquire_w_buy[] = {70, 0, 6, 10, 10, 2, 1, 1};
static const unsigned acquire_w_land[] = {0, 0, 5, 5, 40, 15, 10, 25};

static const char *const notes[] = {
  "2018年维修,更换屋顶", "原\"老队部\"改建", "村民俗称\"大井\"",
  "扶贫项目形成,产权归村集体", "已办理移交手续", "待报废",
  "承包给本村农户,年租金另计", "与邻村共用,按比例分摊", "位于村南,靠近公路",
  "含配套设备", "2020年盘点核实", "\"一事一议\"项目",
  "账外资产,2019年清产核资补登"
};

/* The certificate numbers: k-th certificate gets a distinct 7-digit number
 * (multiplying by a unit modulo 10^7 is a bijection). */
static uint64_t cert_seq;

static void certificate(struct rng *r, char *buf, size_t size)
{
  char year[8], num[16];
  uint64_t k = cert_seq++;
  fmt_uint(year, (uint64_t)rnd_range(r, 2016, 2025), 4);
  fmt_uint(num, (k * 3967493ULL + 1000003ULL) % 10000000ULL, 7);
  join(buf, size, "蒙(", year, ")", county_name, "不动产权第", num, "号",
       (const char *)NULL);
}

struct asset {
  const struct item *it;
  const char *nature;
  char location[128];
  int qty;
  int64_t value; /* fen */
  int life;      /* months, 0 empty */
  int residual;  /* percent, -1 empty */
  const char *way;
  long acquired;
  const char *status;
  char custodian[48];
  char cert[128];
  const char *note;
};

static void make_asset(struct rng *r, const struct village *v, struct asset *a)
{
  const struct item *it = &items[pick_weighted(r, item_weights,
                                                ARRAY_SIZE(items))];
  int cat = it->cat;
  int64_t unit;
  long lo = days_from_civil(2005, 1, 1), hi = days_from_civil(2025, 12, 31);

  a->it = it;
  a->nature = chance(r, 3) ? "待界定" : it->oper ? "经营性" : "非经营性";
  if(cat == C_OFFICE || cat == C_ELEC)
    join(a->location, sizeof(a->location), v->short_name, "村委会",
         (const char *)NULL);
  else
    join(a->location, sizeof(a->location), v->short_name,
         group_numerals[rnd(r, 8)], "组", (const char *)NULL);

  a->qty = 1;
  if(it->qmax > 1) {
    int q1 = (int)rnd_range(r, 1, it->qmax);
    int q2 = (int)rnd_range(r, 1, it->qmax);
    a->qty = q1 < q2 ? q1 : q2;
  }
  unit = rnd_range(r, (int64_t)it->lo * 100, (int64_t)it->hi * 100);
  if(unit >= 10000000 && chance(r, 60))
    unit -= unit % 10000;        /* a round hundred yuan */
  else if(chance(r, 70))
    unit -= unit % 100;          /* whole yuan */
  a->value = unit * a->qty;
  if(a->value < 50000)
    a->value = 50000;
  if(a->value > 200000000)
    a->value = 200000000;

  a->life = cats[cat].life && chance(r, 85) ? cats[cat].life : 0;
  a->residual = cats[cat].life && chance(r, 70) ? 5 : -1;

  if(cat == C_LAND)
    a->way = acquire_ways[pick_weighted(r, acquire_w_land,
                                        ARRAY_SIZE(acquire_w_land))];
  else if(cat == C_HOUSE || cat == C_WATER || cat == C_PUBLIC ||
          cat == C_WIP)
    a->way = acquire_ways[pick_weighted(r, acquire_w_build,
                                        ARRAY_SIZE(acquire_w_build))];
  else
    a->way = acquire_ways[pick_weighted(r, acquire_w_buy,
                                        ARRAY_SIZE(acquire_w_buy))];

  if(cat == C_WIP)
    lo = days_from_civil(2023, 1, 1);
  else if(cat == C_ELEC)
    lo = days_from_civil(2012, 1, 1);
  a->acquired = rnd_range(r, lo, hi);

  if(it->oper) {
    static const char *const st[] = {"在用", "闲置", "出租"};
    static const unsigned w[] = {80, 8, 12};
    a->status = st[pick_weighted(r, w, 3)];
  }
  else
    a->status = chance(r, 92) ? "在用" : "闲置";

  person(r, a->custodian, sizeof(a->custodian));
  a->cert[0] = '\0';
  if((cat == C_HOUSE || cat == C_LAND) && chance(r, 60))
    certificate(r, a->cert, sizeof(a->cert));
  a->note = chance(r, 15) ? PICK(r, notes) : "";
}

static const char *const asset_cols[] = {
  "资产编号", "村代码", "资产名称", "资产类别", "资产性质", "坐落位置", "数量",
  "计量单位", "原值", "累计折旧", "折旧截至", "使用年限（月）", "净残值率",
  "取得方式", "取得日期", "使用状态", "管护责任人", "权证号", "备注"
};

/* The same columns as an Excel export shows them, units in brackets. */
static const char *const asset_cols_excel[] = {
  "资产编号", "村代码", "资产名称", "资产类别", "资产性质", "坐落位置", "数量",
  "计量单位", "原值（元）", "累计折旧（元）", "折旧截至", "使用年限（月）",
  "净残值率",
  "取得方式", "取得日期", "使用状态", "管护责任人", "权证号", "备注"
};

static void asset_code(char *buf, size_t size, const char *village,
                       uint64_t seq, int width)
{
  char num[24];
  fmt_uint(num, seq, width);
  join(buf, size, village, "-ZC-", num, (const char *)NULL);
}

static void init_weights(void)
{
  size_t i;
  for(i = 0; i < ARRAY_SIZE(items); i++)
    item_weights[i] = items[i].w;
}

static int gen_assets(long n)
{
  struct out o;
  size_t i;
  long per = n / (long)nvillages, extra = n % (long)nvillages;

  if(per + (extra ? 1 : 0) > 999999)
    die("too many rows per village for a 6-digit sequence", NULL);
  out_init(&o, stdout, "\n");
  header(&o, asset_cols, ARRAY_SIZE(asset_cols));
  for(i = 0; i < nvillages; i++) {
    const struct village *v = &villages[i];
    struct rng r;
    long k, count = per + ((long)i < extra ? 1 : 0);
    rng_seed(&r, v->code, 0x6173736574735f31ULL);
    for(k = 1; k <= count; k++) {
      struct asset a;
      char code[64];
      make_asset(&r, v, &a);
      asset_code(code, sizeof(code), v->code, (uint64_t)k, 6);
      cell(&o, code);
      cell(&o, v->code);
      cell(&o, a.it->name);
      cell(&o, cats[a.it->cat].name);
      cell(&o, a.nature);
      cell(&o, a.location);
      cell_uint(&o, (uint64_t)a.qty);
      cell(&o, a.it->unit);
      cell_money(&o, a.value, 0);
      cell(&o, "");
      cell(&o, "");
      if(a.life)
        cell_uint(&o, (uint64_t)a.life);
      else
        cell(&o, "");
      if(a.residual >= 0)
        cell_uint(&o, (uint64_t)a.residual);
      else
        cell(&o, "");
      cell(&o, a.way);
      cell_date(&o, a.acquired, 1);
      cell(&o, a.status);
      cell(&o, a.custodian);
      cell(&o, a.cert);
      cell(&o, a.note);
      end_row(&o);
    }
  }
  out_flush(&o);
  if(fflush(stdout) != 0 || ferror(stdout))
    die("cannot write the output:", strerror(errno));
  free(o.buf);
  return 0;
}

/* ---------------------------------------------------------------------- */
/* the demo county */

static int64_t div_round(int64_t num, int64_t den)
{
  return (num + den / 2) / den;
}

/* Opening accumulated depreciation through December 2024 by doc/domain.md's
 * straight-line rule, for an asset card carried over from the old books. */
static int64_t opening_depreciation(const struct asset *a, int life,
                                    int residual)
{
  int y, m, d;
  int64_t depreciable, monthly, months, acc;
  civil_from_days(a->acquired, &y, &m, &d);
  (void)d;
  months = (2024 * 12 + 12) - ((int64_t)y * 12 + m);
  if(months <= 0)
    return 0;
  depreciable = div_round(a->value * (100 - residual), 100);
  monthly = div_round(depreciable, life);
  acc = monthly * months;
  return acc > depreciable ? depreciable : acc;
}

static void demo_assets(struct out *o)
{
  size_t i, k;
  static const char title[] = "武川县农村集体资产登记表";

  /* a merged title cell exports as the title followed by empty cells */
  cell(o, title);
  for(k = 1; k < ARRAY_SIZE(asset_cols_excel); k++)
    cell(o, "");
  end_row(o);
  header(o, asset_cols_excel, ARRAY_SIZE(asset_cols_excel));
  for(i = 0; i < nvillages; i++) {
    const struct village *v = &villages[i];
    struct rng r;
    long count;
    rng_seed(&r, v->code, 0x64656d6f5f617331ULL);
    count = (long)rnd_range(&r, 10, 30);
    for(k = 1; k <= (size_t)count; k++) {
      struct asset a;
      char code[64];
      int life, residual;
      make_asset(&r, v, &a);
      life = a.life ? a.life : cats[a.it->cat].life;
      residual = a.residual >= 0 ? a.residual : 5;
      asset_code(code, sizeof(code), v->code, (uint64_t)k, 4);
      cell(o, code);
      cell(o, v->code);
      cell(o, a.it->name);
      cell(o, cats[a.it->cat].name);
      cell(o, a.nature);
      cell(o, a.location);
      cell_uint(o, (uint64_t)a.qty);
      cell(o, a.it->unit);
      cell_money(o, a.value, 1);
      /* about one card in ten comes from the old books with depreciation
         already charged through December 2024 */
      if(life && a.acquired < days_from_civil(2024, 1, 1) && chance(&r, 10)) {
        cell_money(o, opening_depreciation(&a, life, residual), 1);
        cell(o, "2024/12");
      }
      else {
        cell(o, "");
        cell(o, "");
      }
      if(a.life)
        cell_uint(o, (uint64_t)a.life);
      else
        cell(o, "");
      if(a.residual >= 0)
        cell_uint(o, (uint64_t)a.residual);
      else
        cell(o, "");
      cell(o, a.way);
      cell_date(o, a.acquired, 0);
      cell(o, a.status);
      cell(o, a.custodian);
      cell(o, a.cert);
      cell(o, a.note);
      end_row(o);
    }
  }
  /* Excel keeps two formatted but empty rows below the table */
  for(i = 0; i < 2; i++) {
    for(k = 0; k < ARRAY_SIZE(asset_cols_excel); k++)
      cell(o, "");
    end_row(o);
  }
}

/* Resources: the land classes a village on the Yinshan foothills holds. */
struct res_kind {
  const char *land;   /* GB/T 21010 code */
  const char *suffix; /* of the resource's name */
  int lo, hi;         /* area in mu */
  unsigned w;
  unsigned st[6];     /* weights of the statuses below */
};

static const char *const res_status[] = {
  "未利用", "集体自营", "家庭承包", "发包", "出租", "入股"
};

static const struct res_kind res_kinds[] = {
  {"0103", "旱地", 50, 3000, 10, {0, 5, 70, 15, 5, 5}},
  {"0102", "水浇地", 20, 800, 5, {0, 10, 50, 25, 10, 5}},
  {"0401", "草场", 200, 12000, 8, {5, 10, 40, 35, 10, 0}},
  {"0403", "人工草地", 30, 600, 2, {0, 30, 20, 30, 20, 0}},
  {"0305", "灌木林地", 50, 2500, 4, {10, 40, 30, 20, 0, 0}},
  {"0301", "乔木林地", 30, 1500, 3, {10, 50, 20, 20, 0, 0}},
  {"1104", "坑塘", 2, 60, 2, {20, 30, 0, 30, 20, 0}},
  {"1202", "设施农用地", 5, 120, 3, {0, 30, 0, 20, 30, 20}},
  {"1201", "空闲地", 1, 30, 3, {50, 10, 0, 10, 30, 0}},
  {"1205", "沙地", 20, 800, 2, {80, 0, 0, 20, 0, 0}},
  {"1206", "裸土地", 10, 400, 1, {80, 0, 0, 20, 0, 0}},
  {"0604", "仓储用地", 1, 15, 1, {10, 50, 0, 0, 40, 0}}
};

static const char *const places[] = {
  "东梁", "西滩", "南沟", "北坡", "后山", "前滩", "大西沟", "小南梁",
  "二道沟", "三道湾", "黑石崖", "柳树湾", "红土坡", "羊场沟", "井子滩"
};

static const char *const bounds[] = {
  "村道", "乡道", "河沟", "山梁", "防护林带", "农户承包地", "国有林场",
  "机耕路", "水渠", "集体草场", "旱地", "村庄"
};

static void demo_resources(struct out *o)
{
  static const char *const cols[] = {
    "资源编号", "村代码", "资源名称", "地类", "坐落位置", "面积", "东至",
    "西至", "南至", "北至", "权证号", "经营状态", "备注"
  };
  static const char *const rnotes[] = {
    "2019年确权登记", "边界与邻村有争议,待调处", "含\"退耕还林\"地块",
    "第二轮土地承包", "高标准农田项目区"
  };
  unsigned w[ARRAY_SIZE(res_kinds)];
  size_t i, k;

  for(k = 0; k < ARRAY_SIZE(res_kinds); k++) {
    w[k] = res_kinds[k].w;
    (void)land_find(res_kinds[k].land);
  }
  header(o, cols, ARRAY_SIZE(cols));
  for(i = 0; i < nvillages; i++) {
    const struct village *v = &villages[i];
    struct rng r;
    long count;
    rng_seed(&r, v->code, 0x64656d6f5f726573ULL);
    count = (long)rnd_range(&r, 3, 8);
    for(k = 0; k < (size_t)count; k++) {
      const struct res_kind *rk = &res_kinds[pick_weighted(&r, w,
                                                           ARRAY_SIZE(w))];
      const struct land *ld = land_find(rk->land);
      const char *place = PICK(&r, places);
      char name[128], loc[128], area[32], cert[128];
      size_t an;
      int64_t a = rnd_range(&r, (int64_t)rk->lo * 100, (int64_t)rk->hi * 100);
      if(chance(&r, 50))
        a -= a % 100;          /* whole mu */
      join(name, sizeof(name), place, rk->suffix, (const char *)NULL);
      join(loc, sizeof(loc), v->short_name, place, (const char *)NULL);
      an = fmt_area(area, a);
      cell(o, "");
      cell(o, v->code);
      cell(o, name);
      cell(o, chance(&r, 50) ? ld->code : ld->name);
      cell(o, loc);
      cell_n(o, area, an);
      cell(o, PICK(&r, bounds));
      cell(o, PICK(&r, bounds));
      cell(o, PICK(&r, bounds));
      cell(o, PICK(&r, bounds));
      cert[0] = '\0';
      if(chance(&r, 40))
        certificate(&r, cert, sizeof(cert));
      cell(o, cert);
      cell(o, res_status[pick_weighted(&r, rk->st, 6)]);
      cell(o, chance(&r, 20) ? PICK(&r, rnotes) : "");
      end_row(o);
    }
  }
}

/* Each village's money: the opening balances and its kind of year. The
 * same for accounts.csv and funds.csv. */
struct profile {
  int64_t cash, bank;   /* opening balances, fen */
  int64_t operating;    /* the year's operating income target, fen */
  int blank;            /* no operating income at all (空白村) */
  int overcash;         /* ends the year over the cash limit */
  const char *bank_name;
  char bank_account[24];
  char handler[48], approver[48];
};

static const char *const banks[] = {
  "武川县农村信用合作联社", "武川县农村信用合作联社", "武川县农村信用合作联社",
  "中国农业银行武川县支行", "中国邮政储蓄银行武川县支行"
};

static void village_profile(size_t i, struct profile *p)
{
  const struct village *v = &villages[i];
  struct rng r;
  unsigned band;
  size_t k;
  rng_seed(&r, v->code, 0x70726f66696c6531ULL);
  p->blank = i % 17 == 11;
  p->overcash = (i == 5 || i == 40 % nvillages) && !p->blank;
  p->cash = rnd_range(&r, 300, 4500) * 100;
  if(p->overcash && i == 5)
    p->cash = rnd_range(&r, 5200, 6800) * 100;
  p->bank = rnd_range(&r, 20000, 800000) * 100;
  p->bank += rnd_range(&r, 0, 99);
  band = (unsigned)rnd(&r, 100);
  if(p->blank)
    p->operating = 0;
  else if(band < 35)
    p->operating = rnd_range(&r, 5000, 45000) * 100;
  else if(band < 70)
    p->operating = rnd_range(&r, 52000, 95000) * 100;
  else
    p->operating = rnd_range(&r, 105000, 400000) * 100;
  p->bank_name = PICK(&r, banks);
  p->bank_account[0] = '\0';
  for(k = 0; k < 19; k++)
    p->bank_account[k] = (char)('0' + (k == 0 ? 6 : rnd(&r, 10)));
  p->bank_account[19] = '\0';
  person(&r, p->handler, sizeof(p->handler));
  person(&r, p->approver, sizeof(p->approver));
}

static void account_code(char *buf, size_t size, const char *village, int n)
{
  join(buf, size, village, n == 1 ? "-ZH-0001" : "-ZH-0002",
       (const char *)NULL);
}

static void demo_accounts(struct out *o)
{
  static const char *const cols[] = {
    "账户编号", "村代码", "账户名称", "账户类型", "开户银行", "银行账号",
    "期初余额", "期初日期", "备注"
  };
  long open = days_from_civil(2025, 1, 1);
  size_t i;
  header(o, cols, ARRAY_SIZE(cols));
  for(i = 0; i < nvillages; i++) {
    const struct village *v = &villages[i];
    struct profile p;
    char code[64], name[256];
    village_profile(i, &p);
    account_code(code, sizeof(code), v->code, 1);
    cell(o, code);
    cell(o, v->code);
    cell(o, "库存现金");
    cell(o, "库存现金");
    cell(o, "");
    cell(o, "");
    cell_money(o, p.cash, 0);
    cell_date(o, open, 1);
    cell(o, "");
    end_row(o);
    account_code(code, sizeof(code), v->code, 2);
    join(name, sizeof(name), v->short_name, "股份经济合作社基本存款账户",
         (const char *)NULL);
    cell(o, code);
    cell(o, v->code);
    cell(o, name);
    cell(o, "银行存款");
    cell(o, p.bank_name);
    cell(o, p.bank_account);
    cell_money(o, p.bank, 0);
    cell_date(o, open, 1);
    cell(o, "");
    end_row(o);
  }
}

/* One village's journal, written in date order with vouchers 记-001... */
struct journal {
  struct out *o;
  const struct village *v;
  const struct profile *p;
  struct rng *r;
  int voucher;
  long day;
  int64_t cash, bank;
};

enum { ACC_CASH = 1, ACC_BANK = 2 };

static void entry(struct journal *j, int acc, int income, int64_t amount,
                  const char *category, const char *party,
                  const char *summary, const char *note)
{
  char num[24], v[32], code[64];
  if(amount <= 0)
    return;
  fmt_uint(num, (uint64_t)++j->voucher, 3);
  join(v, sizeof(v), "记-", num, (const char *)NULL);
  account_code(code, sizeof(code), j->v->code, acc);
  cell(j->o, v);
  cell(j->o, j->v->code);
  cell_date(j->o, j->day, 1);
  cell(j->o, code);
  cell(j->o, income ? "收入" : "支出");
  cell_money(j->o, amount, 0);
  cell(j->o, category);
  cell(j->o, party);
  cell(j->o, summary);
  cell(j->o, "");
  cell(j->o, j->p->handler);
  cell(j->o, j->p->approver);
  cell(j->o, note ? note : "");
  end_row(j->o);
  if(acc == ACC_CASH)
    j->cash += income ? amount : -amount;
  else
    j->bank += income ? amount : -amount;
}

/* A bank payment, made only when the account can cover it. */
static void bank_pay(struct journal *j, int64_t amount, const char *category,
                     const char *party, const char *summary)
{
  if(amount > 0 && j->bank - amount >= 100000)
    entry(j, ACC_BANK, 0, amount, category, party, summary,
          chance(j->r, 8) ? "附发票,已公示" : NULL);
}

/* A small cash payment; the cash box is topped up from the bank first
 * when it runs low, never above the cash limit. */
static void cash_pay(struct journal *j, int64_t amount, const char *category,
                     const char *party, const char *summary)
{
  if(j->cash < amount + 20000) {
    int64_t target = rnd_range(j->r, 30, 48) * 10000;
    int64_t w = target - j->cash;
    w -= w % 10000;
    if(w > 0 && j->bank - w >= 100000) {
      entry(j, ACC_BANK, 0, w, "内部转账", "库存现金", "提取备用金", NULL);
      entry(j, ACC_CASH, 1, w, "内部转账", j->p->bank_name, "提取备用金",
            NULL);
    }
  }
  if(j->cash >= amount)
    entry(j, ACC_CASH, 0, amount, category, party, summary, NULL);
}

static int64_t money_between(struct rng *r, int64_t lo_yuan, int64_t hi_yuan)
{
  int64_t v = rnd_range(r, lo_yuan * 100, hi_yuan * 100);
  if(chance(r, 60))
    v -= v % 100;
  return v > 0 ? v : 100;
}

static void demo_funds(struct out *o)
{
  static const char *const cols[] = {
    "凭证号", "村代码", "日期", "账户编号", "收支方向", "金额", "收支类别",
    "对方单位", "摘要", "合同编号", "经办人", "审批人", "备注"
  };
  static const char *const subsidy_what[] = {
    "收到村级组织运转经费", "收到村干部基本报酬补贴", "收到高标准农田管护补助",
    "收到人居环境整治奖补资金"
  };
  static const char *const oper_what[] = {
    "收取集体耕地发包费", "收取门市房租金", "收取冷库租赁费", "收取草场承包费",
    "收取养殖棚圈租金", "收取温室大棚租金"
  };
  static const char *const coops[] = {
    "武川县丰盛马铃薯种植专业合作社", "武川县绿源农牧业专业合作社",
    "武川县金穗燕麦种植专业合作社", "呼和浩特市塞北牧业有限公司"
  };
  static const char *const public_what[] = {
    "村内道路维修", "环境卫生整治", "重阳节慰问老人", "购置防火物资",
    "巷道硬化", "冬季清雪"
  };
  static const char *const builders[] = {
    "武川县诚信建筑工程队", "武川县宏达建材店", "武川县顺通劳务服务部"
  };
  static const char *const office_what[] = {
    "购买办公用品", "购买打印纸和墨盒", "订阅报刊", "会议用水", "购买清洁用品"
  };
  static const char *const shops[] = {
    "武川县兴旺文具店", "武川县福源超市", "武川县文华书店", "武川县惠民便利店"
  };
  long jan1 = days_from_civil(2025, 1, 1);
  size_t i;

  header(o, cols, ARRAY_SIZE(cols));
  for(i = 0; i < nvillages; i++) {
    const struct village *v = &villages[i];
    struct profile p;
    struct rng r;
    struct journal j;
    char gov[256];
    long opday[8];
    int64_t opamt[8];
    int nop = 0, k, d;

    village_profile(i, &p);
    rng_seed(&r, v->code, 0x64656d6f5f66756eULL);
    j.o = o;
    j.v = v;
    j.p = &p;
    j.r = &r;
    j.voucher = 0;
    j.cash = p.cash;
    j.bank = p.bank;
    join(gov, sizeof(gov),
         v->town >= 0 ? towns[v->town].name : county_name, "人民政府",
         (const char *)NULL);

    /* operating income in a few instalments on fixed days */
    if(p.operating) {
      int64_t left = p.operating;
      nop = (int)rnd_range(&r, 2, 6);
      for(k = 0; k < nop; k++) {
        opday[k] = rnd_range(&r, 20, 350);
        opamt[k] = k == nop - 1 ? left :
                   left / (nop - k) - (left / (nop - k)) % 100;
        left -= opamt[k];
      }
    }

    for(d = 0; d < 365; d++) {
      int y, m, dd;
      int64_t amt;
      const char *party, *what;
      j.day = jan1 + d;
      civil_from_days(j.day, &y, &m, &dd);
      (void)y;

      /* C leaves the order of a call's arguments open, so every random
         choice is made in its own statement: the output must not depend
         on the compiler */
      if(m % 3 == 0 && dd == 18) {
        amt = money_between(&r, 15000, 60000);
        party = chance(&r, 50) ? gov : "武川县财政局";
        what = PICK(&r, subsidy_what);
        entry(&j, ACC_BANK, 1, amt, "补助收入", party, what, NULL);
      }
      for(k = 0; k < nop; k++) {
        if(opday[k] != d)
          continue;
        if(k == nop - 1 && chance(&r, 40))
          entry(&j, ACC_BANK, 1, opamt[k], "投资收益",
                "武川县光伏扶贫电站运维中心", "收到光伏电站收益分配", NULL);
        else {
          char who[48];
          if(chance(&r, 50))
            person(&r, who, sizeof(who));
          else
            join(who, sizeof(who), PICK(&r, coops), (const char *)NULL);
          what = PICK(&r, oper_what);
          entry(&j, ACC_BANK, 1, opamt[k], "经营收入", who, what, NULL);
        }
      }
      if(m % 3 == 0 && dd == 21)
        entry(&j, ACC_BANK, 1, j.bank * 35 / 40000, "其他收入", p.bank_name,
              "银行存款利息收入", NULL);
      if(dd == 8) {
        amt = money_between(&r, 200, 1500);
        bank_pay(&j, amt, "管理费用", "武川供电分局", "支付村委会电费");
      }
      if((m == 10 || m == 11) && dd == 12) {
        amt = money_between(&r, 5000, 20000);
        bank_pay(&j, amt, "管理费用", "武川县鑫源煤炭经销部",
                 "购买冬季取暖用煤");
      }
      if(chance(&r, 2)) {
        amt = money_between(&r, 2000, 30000);
        party = PICK(&r, builders);
        what = PICK(&r, public_what);
        bank_pay(&j, amt, "公益支出", party, what);
      }
      if(!p.blank && chance(&r, 2)) {
        amt = money_between(&r, 1000, 20000);
        bank_pay(&j, amt, "经营支出", "武川供电分局", "支付机井灌溉电费");
      }
      if(m == 12 && dd == 28) {
        amt = money_between(&r, 10, 80);
        bank_pay(&j, amt, "其他支出", p.bank_name, "银行手续费");
      }
      if(rnd(&r, 1000) < 5 && j.bank > 5000000) {
        int computer = chance(&r, 50);
        amt = money_between(&r, 10000, 80000);
        if(j.bank > 2 * amt)
          bank_pay(&j, amt, "购建资产",
                   computer ? "呼和浩特市华联电脑城" : "武川县顺达农机销售部",
                   computer ? "购置办公电脑" : "购置小型农机具");
      }
      if(chance(&r, 5)) {
        amt = money_between(&r, 50, 600);
        party = PICK(&r, shops);
        what = PICK(&r, office_what);
        cash_pay(&j, amt, "管理费用", party, what);
      }
      if(p.overcash && m == 12 && dd == 10) {
        amt = money_between(&r, 6000, 9000);
        party = PICK(&r, coops);
        entry(&j, ACC_CASH, 1, amt, "经营收入", party, "收取场地租金(现金)",
              "未及时存入银行");
      }
    }
  }
}

static void gen_demo(const char *dir)
{
  struct out o;

  out_init(&o, NULL, "\r\n");
  demo_assets(&o);
  write_file(dir, "assets.csv", &o, "GB18030");
  free(o.buf);

  out_init(&o, NULL, "\n");
  demo_resources(&o);
  write_file(dir, "resources.csv", &o, NULL);
  free(o.buf);

  out_init(&o, NULL, "\n");
  demo_accounts(&o);
  write_file(dir, "accounts.csv", &o, NULL);
  free(o.buf);

  out_init(&o, NULL, "\n");
  demo_funds(&o);
  write_file(dir, "funds.csv", &o, NULL);
  free(o.buf);
}

/* ---------------------------------------------------------------------- */

/* The national divisions: every level's codes under their parent, the
 * villages spread evenly over the townships (Bresenham). */
static int gen_divisions(void)
{
  static const char *const digits[] = {"零", "一", "二", "三", "四", "五",
                                       "六", "七", "八", "九"};
  const long townships = 39897, villages = 621938;
  long t = 0;
  char name[64];
  printf("code,name,level,parent_code\n");
  for(int p = 1; p <= 31; p++) {
    printf("%02d,第%s%s省,province,\n", 10 + p, digits[p / 10], digits[p % 10]);
    for(int c = 1; c <= 11; c++) {
      printf("%02d%02d,第%s%s市,city,%02d\n", 10 + p, c, digits[c / 10],
             digits[c % 10], 10 + p);
      for(int k = 1; k <= 9; k++) {
        printf("%02d%02d%02d,第%s县,county,%02d%02d\n", 10 + p, c, k,
               digits[k], 10 + p, c);
        for(int w = 1; w <= 13; w++, t++) {
          snprintf(name, sizeof name, "第%s%s%s", digits[w / 10],
                   digits[w % 10], w % 4 ? "镇" : "街道办事处");
          printf("%02d%02d%02d%03d,%s,township,%02d%02d%02d\n", 10 + p, c, k,
                 w, name, 10 + p, c, k);
          long nv = (t + 1) * villages / townships - t * villages / townships;
          for(long v = 1; v <= nv; v++)
            printf("%02d%02d%02d%03d%03ld,%s第%s%s%s村民委员会,village,"
                   "%02d%02d%02d%03d\n",
                   10 + p, c, k, w, v, name, digits[v / 100 % 10],
                   digits[v / 10 % 10], digits[v % 10], 10 + p, c, k, w);
        }
      }
    }
  }
  return fflush(stdout) ? 1 : 0;
}

static void usage(void)
{
  fputs("usage: gen assets N DIVISIONS > assets.csv\n"
        "       gen divisions > divisions.csv\n"
        "       gen demo DIVISIONS OUTDIR [LANDCLASSES]\n", stderr);
  exit(2);
}

int main(int argc, char **argv)
{
  init_weights();
  if(argc == 4 && !strcmp(argv[1], "assets")) {
    char *end;
    long n;
    errno = 0;
    n = strtol(argv[2], &end, 10);
    if(errno || *end || end == argv[2] || n < 0)
      usage();
    load_divisions(argv[3]);
    return gen_assets(n);
  }
  if(argc == 2 && !strcmp(argv[1], "divisions"))
    return gen_divisions();
  if((argc == 4 || argc == 5) && !strcmp(argv[1], "demo")) {
    char lpath[4096];
    if(argc == 5)
      join(lpath, sizeof(lpath), argv[4], (const char *)NULL);
    else {
      const char *slash = strrchr(argv[2], '/');
      size_t dl = slash ? (size_t)(slash - argv[2]) + 1 : 0;
      if(dl >= sizeof(lpath) - 32)
        usage();
      memcpy(lpath, argv[2], dl);
      join(lpath + dl, sizeof(lpath) - dl, "land-classes.csv",
           (const char *)NULL);
    }
    load_divisions(argv[2]);
    load_lands(lpath);
    gen_demo(argv[3]);
    return 0;
  }
  usage();
  return 2;
}
