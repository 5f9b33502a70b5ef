/* money.c: exact numbers: money in fen, area in 1/10000 mu, rates in ppm,
 * plain integers. The parsers run on every cell of an import: they never
 * allocate and never consult the locale; they walk the bytes once, folding
 * full-width forms as they go. */
#include "base/money.h"

#include <string.h>

#include "base/i18n.h"
#include "base/text.h"

__extension__ typedef __int128 i128;

/* Characters the parsers look for besides ASCII (text_fold_next). */
#define FC_END   (-1)
#define FC_YEN   0xA5    /* ¥, and ￥ U+FFE5 */
#define FC_YUAN  0x5143  /* 元 */
#define FC_MU    0x4EA9  /* 亩 */
#define FC_WAN   0x4E07  /* 万 */
#define FC_NIAN  0x5E74  /* 年 */

static int fold_next(const unsigned char **pp, const unsigned char *end)
{
  int c = text_fold_next(pp, end);
  return c == 0xFFE5 ? FC_YEN : c;
}

static int is_space(int c)
{
  return c == ' ' || c == '\t';
}

/* What a number may look like, and what to say when it does not. */
typedef struct numspec {
  int decimals;          /* decimals allowed; the result is scaled by 10^d */
  int yen;               /* a leading yen sign is allowed */
  int suffix;            /* a trailing 元, 亩, 年 or '%' allowed, or 0 */
  int negative;          /* negative values allowed */
  int wan;               /* money: 万 before the suffix ("3.5万", "3.5万元") */
  const char *nan;       /* "not an amount" */
  const char *decimals_msg; /* "more than 2 decimals" */
  const char *negative_msg; /* "negative area" */
} numspec;

/* The parsers' reasons are msgids: the caller translates them (tr). */
static const char *const msg_empty = N_("empty");
static const char *const msg_sep = N_("misplaced thousands separator");
static const char *const msg_large = N_("number too large");
static const char *const msg_wan = N_("more than 6 decimals of 万元 "
                                      "(0.000001万元 is one fen): not "
                                      "rounded");

/* Fraction digits kept: enough for any scale (万元 to the fen). */
#define FRAC_KEPT 6

/* Parses [sign] [yen [sign]] digits[,ddd...] [.digits] [万] [suffix] after
 * trimming. The value is scaled by 10^decimals, or by 10^6 when in 万元 (a
 * cell "3.5万", or wan set by the caller and the cell naming no unit):
 * 1万元 is 10^6 fen. Checked against INT64_MAX. */
static const char *num_parse(const numspec *spec, int wan, const char *s,
                             size_t n, int64_t *out)
{
  size_t len;
  const unsigned char *p = (const unsigned char *)text_trim(s, n, &len);
  const unsigned char *end = p + len;
  int c, neg = 0, signs = 0;
  int ndigits = 0, group = 0, commas = 0, badsep = 0, big = 0;
  int fdigits = 0;
  int64_t v = 0, frac = 0;

  if(!len)
    return msg_empty;
  c = fold_next(&p, end);
  if(c == '-' || c == '+') {
    neg = c == '-';
    signs++;
    c = fold_next(&p, end);
  }
  if(spec->yen && c == FC_YEN) {
    c = fold_next(&p, end);
    while(is_space(c))
      c = fold_next(&p, end);
    if(c == '-' || c == '+') {
      neg = c == '-';
      signs++;
      c = fold_next(&p, end);
    }
  }
  if(signs > 1)
    return spec->nan;

  /* integer part, with optional thousands separators */
  for(;; c = fold_next(&p, end)) {
    if(c >= '0' && c <= '9') {
      int d = c - '0';
      if(v > (INT64_MAX - d) / 10)
        big = 1;
      else
        v = v * 10 + d;
      ndigits++;
      group++;
    }
    else if(c == ',') {
      if(!ndigits || group > 3 || (commas && group != 3))
        badsep = 1;
      commas++;
      group = 0;
    }
    else
      break;
  }
  if(commas && group != 3)
    badsep = 1;
  if(!ndigits)
    return spec->nan;

  /* fraction */
  if(c == '.') {
    for(c = fold_next(&p, end);; c = fold_next(&p, end)) {
      if(c >= '0' && c <= '9') {
        if(++fdigits <= FRAC_KEPT)
          frac = frac * 10 + (c - '0');
      }
      else if(c == ',')
        badsep = 1;
      else
        break;
    }
    if(!fdigits)
      return spec->nan;
  }

  /* 万, the suffix, then nothing; a cell naming its unit (元) is read in
   * it whatever the column's */
  while(is_space(c))
    c = fold_next(&p, end);
  int cell_wan = spec->wan && c == FC_WAN;
  if(cell_wan)
    c = fold_next(&p, end);
  if(spec->suffix && c == spec->suffix) {
    c = fold_next(&p, end);
    if(!cell_wan)
      wan = 0;
  }
  if(c != FC_END)
    return spec->nan;
  wan = (wan && spec->wan) || cell_wan;

  int decimals = wan ? FRAC_KEPT : spec->decimals;
  if(badsep)
    return msg_sep;
  if(fdigits > decimals)
    return wan ? msg_wan : spec->decimals_msg;
  for(int i = 0; i < decimals; i++) {
    if(v > INT64_MAX / 10)
      big = 1;
    else
      v *= 10;
    if(i >= fdigits)
      frac *= 10;
  }
  if(v > INT64_MAX - frac)
    big = 1;
  else
    v += frac;
  if(big)
    return msg_large;
  if(neg && v && !spec->negative)
    return spec->negative_msg;
  *out = neg ? -v : v;
  return NULL;
}

static const numspec money_spec = {
  2, 1, FC_YUAN, 1, 1, N_("not an amount"), N_("more than 2 decimals"), NULL
};
static const numspec area_spec = {
  4, 0, FC_MU, 0, 0, N_("not a number"), N_("more than 4 decimals"),
  N_("negative area")
};
static const numspec rate_spec = {
  4, 0, '%', 0, 0, N_("not a number"), N_("more than 4 decimals"),
  N_("negative rate")
};
static const numspec int_spec = {
  0, 0, 0, 1, 0, N_("not a number"), N_("not a whole number"), NULL
};
static const numspec years_spec = {
  4, 0, FC_NIAN, 0, 0, N_("not a number of years"), N_("more than 4 decimals"),
  N_("negative")
};

const char *money_parse(const char *s, size_t n, int64_t *out)
{
  return num_parse(&money_spec, 0, s, n, out);
}

const char *money_parse_wan(const char *s, size_t n, int64_t *out)
{
  return num_parse(&money_spec, 1, s, n, out);
}

const char *area_parse(const char *s, size_t n, int64_t *out)
{
  return num_parse(&area_spec, 0, s, n, out);
}

const char *rate_parse(const char *s, size_t n, int64_t *out)
{
  return num_parse(&rate_spec, 0, s, n, out);
}

const char *int_parse(const char *s, size_t n, int64_t *out)
{
  return num_parse(&int_spec, 0, s, n, out);
}

const char *years_parse(const char *s, size_t n, int64_t *out)
{
  int64_t y;
  const char *e = num_parse(&years_spec, 0, s, n, &y);
  if(e)
    return e;
  if(y > INT64_MAX / 12)
    return msg_large;
  *out = y * 12;
  return NULL;
}

/* Writes v / 10^decimals into buf (>= 32 bytes): sign, integer part (with
 * commas every three digits when grouped), then the decimals; trailing zeros
 * of the fraction (and the point) are dropped when trim is set. */
static char *fmt_fixed(int64_t v, int decimals, int grouped, int trim,
                       char *buf)
{
  char tmp[48];
  size_t i = sizeof(tmp);
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  int started = 0, digits = 0;

  tmp[--i] = 0;
  for(int k = 0; k < decimals; k++) {
    char d = (char)('0' + u % 10);
    u /= 10;
    if(trim && !started && d == '0')
      continue;
    started = 1;
    tmp[--i] = d;
  }
  if(started || (decimals && !trim))
    tmp[--i] = '.';
  do {
    if(grouped && digits && digits % 3 == 0)
      tmp[--i] = ',';
    tmp[--i] = (char)('0' + u % 10);
    u /= 10;
    digits++;
  } while(u);
  if(v < 0)
    tmp[--i] = '-';
  memcpy(buf, tmp + i, sizeof(tmp) - i);
  return buf;
}

char *money_format(int64_t fen, char *buf)
{
  return fmt_fixed(fen, 2, 0, 0, buf);
}

char *money_format_grouped(int64_t fen, char *buf)
{
  return fmt_fixed(fen, 2, 1, 0, buf);
}

char *area_format(int64_t v, char *buf)
{
  return fmt_fixed(v, 4, 0, 1, buf);
}

char *area_format_grouped(int64_t v, char *buf)
{
  return fmt_fixed(v, 4, 1, 1, buf);
}

char *rate_format(int64_t ppm, char *buf)
{
  return fmt_fixed(ppm, 4, 0, 1, buf);
}

/* round_half_up(num / den), half away from zero. |num| <= 2^126 (a product
 * of two int64), den != INT64_MIN; a zero den gives 0. The remainder is below
 * |den| < 2^63, so doubling it cannot overflow. */
static int64_t round128(i128 num, int64_t den)
{
  i128 q, r, d = den;

  if(!den)
    return 0;
  if(d < 0) {
    d = -d;
    num = -num;
  }
  q = num / d;                 /* truncates toward zero */
  r = num % d;                 /* same sign as num */
  if(r < 0) {
    if(-2 * r >= d)
      q--;
  }
  else if(2 * r >= d)
    q++;
  return (int64_t)q;
}

int64_t div_round(int64_t num, int64_t den)
{
  return round128(num, den);
}

int64_t muldiv_round(int64_t a, int64_t b, int64_t den)
{
  return round128((i128)a * b, den);
}
