/* idnum.c: 居民身份证号码 and 统一社会信用代码 check characters. */
#include "idnum.h"
#include "date.h"

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

const char *idnum_check(const char *s, size_t n, char out[19], char msg[160])
{
  if(n != 18)
    return "an ID number has 18 characters (居民身份证号码 or 统一社会信用代码)";
  for(size_t i = 0; i < 18; i++) {
    char c = s[i];
    out[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
  }
  out[18] = 0;
  int uscc_chars_ok = 1;
  for(int i = 0; i < 18; i++)
    uscc_chars_ok &= uscc_value(out[i]) >= 0;
  int uscc_ok = uscc_chars_ok && uscc_check(out) == out[17];
  if(strspn(out, "0123456789") >= 17 &&
     (out[17] == 'X' || (out[17] >= '0' && out[17] <= '9'))) {
    /* Digits: a resident ID, whose birth date must be real, or a credit
     * code that happens to be all digits. */
    char date[11], iso[11];
    snprintf(date, sizeof date, "%.4s-%.2s-%.2s", out + 6, out + 10, out + 12);
    int birth_ok = !date_parse(date, 10, iso);
    char want = resident_check(out);
    if((birth_ok && want == out[17]) || uscc_ok)
      return NULL;
    if(!birth_ok)
      snprintf(msg, 160, "not a valid 居民身份证号码: %.8s is not a birth "
                         "date", out + 6);
    else
      snprintf(msg, 160, "not a valid 居民身份证号码: the check character "
                         "should be %c, not %c", want, out[17]);
    return msg;
  }
  if(uscc_ok)
    return NULL;
  for(int i = 0; i < 18; i++)
    if(uscc_value(out[i]) < 0) {
      snprintf(msg, 160, "not a valid 统一社会信用代码: '%c' is not one of its "
                         "characters (digits and capitals except I O Z S V)",
               out[i]);
      return msg;
    }
  snprintf(msg, 160, "not a valid 统一社会信用代码: the check character should "
                     "be %c, not %c", uscc_check(out), out[17]);
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
