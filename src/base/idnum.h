/* idnum.h: the two 18-character identity numbers a contract party has:
 * 居民身份证号码 (GB 11643: 17 digits, the birth date in 7-14, and a check
 * character by ISO 7064 MOD 11-2) and 统一社会信用代码 (GB 32100: 17
 * characters and a check character, modulus 31). */
#ifndef SANZI_IDNUM_H
#define SANZI_IDNUM_H
#include <stddef.h>

/* Bytes of idnum_check's message buffer. */
#define IDNUM_MSG 320

/* Checks s[0..n) (surrounding space trimmed by the caller; full-width
 * digits and letters count as their ASCII forms). On success writes the
 * number with letters upper-cased into out (19 bytes) and returns NULL;
 * else a message in lang (i18n.h; static, or in msg) saying what is wrong
 * and, when only the check character is, which one it should be. A
 * 居民身份证号码's birth date must be a real day, not after today (ISO, the
 * caller's clock). */
const char *idnum_check(const char *s, size_t n, const char *today, int lang,
                        char out[19], char msg[IDNUM_MSG]);

/* The number as lists and exports show it: the first 6 and the last 4
 * characters, the 8 between as '*'. out: 19 bytes. */
void idnum_mask(const char *id, char out[19]);

/* 1 when s[0..n) has the shape of a masked number (6 + 8 '*' + 4). */
int idnum_is_masked(const char *s, size_t n);

#endif
