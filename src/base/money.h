/* money.h: exact numbers: money in fen, area in 1/10000 mu, rates in ppm,
 * plain integers. Parsers take a cell as bytes (not NUL-terminated), accept
 * surrounding white space and full-width digits/punctuation, and return NULL
 * on success or a static English message (lower case) saying what is wrong:
 * a msgid (i18n.h), which the caller translates with tr(lang, reason). */
#ifndef SANZI_MONEY_H
#define SANZI_MONEY_H
#include <stddef.h>
#include <stdint.h>

/* Money: "1234.5", "1,234.56", "¥1234", "￥1,234", "１２３４．５６", "-12.00",
 * optional trailing "元". At most 2 decimals (more is an error, never rounded).
 * In 万元 when the cell says so ("3.5万", "3.5万元" = 35000.00): at most 6
 * decimals, the 6th being a fen (more is an error, never rounded).
 * Thousands separators must sit between groups of three digits.
 * Stores fen in *out. Empty input is an error ("empty"). */
const char *money_parse(const char *s, size_t n, int64_t *out);
/* The same for a column in 万元: a bare number is 万元 ("3.5" = 35000.00),
 * a cell that names 元 ("800元") is read in 元. */
const char *money_parse_wan(const char *s, size_t n, int64_t *out);
/* Formats fen as "-1234.50" (no separators), returns buf. buf >= 32 bytes. */
char *money_format(int64_t fen, char *buf);
/* Same with thousands separators "1,234.50" for human-readable tables. */
char *money_format_grouped(int64_t fen, char *buf);

/* Area in mu, up to 4 decimals, no negative; stores 1/10000 mu. */
const char *area_parse(const char *s, size_t n, int64_t *out);
/* Formats as mu with trailing zeros trimmed: 125000 -> "12.5", 120000 -> "12". */
char *area_format(int64_t v, char *buf);
/* The same with thousands separators: "81,052.7". */
char *area_format_grouped(int64_t v, char *buf);

/* Rate given in percent, "4.35" or "4.35%", up to 4 decimals of a percent,
 * not negative; stores parts per million (4.35% -> 43500). */
const char *rate_parse(const char *s, size_t n, int64_t *out);
/* Formats ppm as percent with trailing zeros trimmed: 43500 -> "4.35". */
char *rate_format(int64_t ppm, char *buf);

/* A whole number, optional sign, full-width digits accepted. */
const char *int_parse(const char *s, size_t n, int64_t *out);

/* A duration in years, up to 4 decimals, not negative, optional trailing
 * "年" ("5", "2.5年"), stored as months in 1/10000 in *out (5 -> 600000,
 * 0.1 -> 12000): the caller refuses what is not whole months. */
const char *years_parse(const char *s, size_t n, int64_t *out);

/* round_half_up(num / den) for num >= 0 or < 0 (half away from zero),
 * den > 0. Uses 128-bit intermediates where callers multiply first. */
int64_t div_round(int64_t num, int64_t den);
/* round_half_up(a * b / den) without overflow (128-bit intermediate). */
int64_t muldiv_round(int64_t a, int64_t b, int64_t den);

#endif
