/* idnum.c: 居民身份证号码 and 统一社会信用代码 check characters. */
#include "base/idnum.h"
#include "base/date.h"
#include "base/i18n.h"
#include "base/text.h"

#include <stdio.h>
#include <string.h>

/* GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11,
 * written 0-9 or X for 10. */
static char resident_check(const char *s)
{
  static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static const char map[] = "10X98765432"; /* indexed by sum mod 11 */
  int sum = 0;
  for(int i = 0; i < 17; i++)
    sum += (s[i] - '0') * w[i];
  return map[sum % 11];
}

/* GB 32100-2015: the 31 characters (no I, O, Z, S, V), weights 3^i mod 31,
 * check = 31 - sum mod 31 (31 written as 0). */
static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int uscc_value(char c)
{
  const char *p = c ? strchr(uscc_chars, c) : NULL;
  return p ? (int)(p - uscc_chars) : -1;
}

static char uscc_check(const char *s)
{
  static const int w[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                            29, 25, 13, 8,  24, 10, 30, 28};
  int sum = 0;
  for(int i = 0; i < 17; i++)
    sum += uscc_value(s[i]) * w[i];
  int c = 31 - sum % 31;
  return uscc_chars[c == 31 ? 0 : c];
}

/* 1 when s[0..n) holds "E+" as a spreadsheet writes a long number it
 * turned into a floating-point one (1.10105E+17). */
static int spreadsheet_number(const char *s, size_t n)
{
  for(size_t i = 0; i + 1 < n; i++)
    if((s[i] == 'E' || s[i] == 'e') && s[i + 1] == '+')
      return 1;
  return 0;
}

const char *idnum_check(const char *s, size_t n, const char *today, int lang,
                        char out[19], char msg[IDNUM_MSG])
{
  /* Characters, not bytes: full-width digits and letters (as a Chinese
   * input method types them) are their ASCII forms; any other character
   * outside ASCII is kept aside for the message. */
  const unsigned char *p = (const unsigned char *)s, *end = p + n;
  const unsigned char *other = NULL, *other_end = NULL;
  size_t len = 0, other_at = 0;
  for(;;) {
    const unsigned char *at = p;
    int c = text_fold_next(&p, end);
    if(c < 0)
      break;
    if(c >= 0x80 && !other) {
      other = at;
      other_end = p;
      other_at = len + 1;
    }
    if(len < 18)
      out[len] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A')
                 : c < 0x80         ? (char)c
                                    : '?';
    len++;
  }
  if(len != 18)
    return spreadsheet_number(s, n)
               ? tr(lang, "an ID number has 18 characters; a spreadsheet "
                          "turned this one into a number (format the column "
                          "as text and type it again)")
               : tr(lang, "an ID number has 18 characters (居民身份证号码 or "
                          "统一社会信用代码)");
  out[18] = 0;
  if(other) {
    snprintf(msg, IDNUM_MSG,
             tr(lang, "not a valid ID number: character %zu ('%.*s') is "
                      "neither a digit nor a letter"), other_at,
             (int)(other_end - other), (const char *)other);
    return msg;
  }
  int uscc_chars_ok = 1;
  for(int i = 0; i < 18; i++)
    uscc_chars_ok &= uscc_value(out[i]) >= 0;
  /* The first character is the registering authority (1-9, A, N, Y). */
  int uscc_ok = uscc_chars_ok && strchr("123456789ANY", out[0]) &&
                uscc_check(out) == out[17];
  if(strspn(out, "0123456789") >= 17 &&
     (out[17] == 'X' || (out[17] >= '0' && out[17] <= '9'))) {
    /* Digits: a resident ID, whose birth date must be real; only when no
     * birth date can be read may it be a credit code written in digits
     * (else a mistyped ID would pass the other check 1 time in 31). */
    char date[11], iso[11];
    snprintf(date, sizeof date, "%.4s-%.2s-%.2s", out + 6, out + 10, out + 12);
    int birth_ok = !date_parse(date, 10, iso);
    int future = birth_ok && strcmp(iso, today) > 0;
    char want = resident_check(out);
    if(birth_ok ? !future && want == out[17] : uscc_ok)
      return NULL;
    if(!birth_ok)
      snprintf(msg, IDNUM_MSG,
               tr(lang, "not a valid 居民身份证号码: %.8s is not a birth date"),
               out + 6);
    else if(future)
      snprintf(msg, IDNUM_MSG,
               tr(lang, "not a valid 居民身份证号码: the birth date %.8s is "
                        "in the future"), out + 6);
    else
      snprintf(msg, IDNUM_MSG,
               tr(lang, "not a valid 居民身份证号码: the check character "
                        "should be %c, not %c"), want, out[17]);
    return msg;
  }
  if(uscc_ok)
    return NULL;
  if(!strchr("123456789ANY", out[0]))
    return tr(lang, "not a valid 统一社会信用代码: it begins with the "
                    "registering authority, one of 1-9, A, N, Y");
  for(int i = 0; i < 18; i++)
    if(uscc_value(out[i]) < 0) {
      snprintf(msg, IDNUM_MSG,
               tr(lang, "not a valid 统一社会信用代码: '%c' is not one of its "
                        "characters (digits and capitals except I O Z S V)"),
               out[i]);
      return msg;
    }
  snprintf(msg, IDNUM_MSG,
           tr(lang, "not a valid 统一社会信用代码: the check character should "
                    "be %c, not %c"), uscc_check(out), out[17]);
  return msg;
}

void idnum_mask(const char *id, char out[19])
{
  size_t n = strlen(id);
  if(n != 18) {
    snprintf(out, 19, "%s", n ? "******" : "");
    return;
  }
  memcpy(out, id, 6);
  memset(out + 6, '*', 8);
  memcpy(out + 14, id + 14, 4);
  out[18] = 0;
}

int idnum_is_masked(const char *s, size_t n)
{
  if(n != 18)
    return 0;
  for(size_t i = 6; i < 14; i++)
    if(s[i] != '*')
      return 0;
  return memchr(s, '*', 6) == NULL && memchr(s + 14, '*', 4) == NULL;
}
