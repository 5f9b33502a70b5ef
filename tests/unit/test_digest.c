/* test_digest.c: the SHA-256 of the change log and of imported files
 * (store/history.h digest_*), in the caller's thread and in the worker
 * thread of a large import, against the published answers of FIPS 180-2
 * (appendix B): "abc", the 448-bit message, and a million 'a's fed in
 * pieces of every size across the worker's ring buffer. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "store/history.h"

static void hexof(const unsigned char d[32], char out[65])
{
  for(int i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check(digest *d, const char *want)
{
  unsigned char out[32];
  char hex[65];
  digest_final(d, out);
  hexof(out, hex);
  assert_string_equal(hex, want);
}

static const char *const abc =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char *const two_blocks =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
static const char *const million =
    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
static const char *const empty =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

static void test_known_answers(void **state)
{
  (void)state;
  for(int async = 0; async < 2; async++) {
    digest *d = async ? digest_new_async() : digest_new();
    digest_add(d, "abc", 3);
    check(d, abc);
    d = async ? digest_new_async() : digest_new();
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    digest_add(d, m, strlen(m));
    check(d, two_blocks);
    check(async ? digest_new_async() : digest_new(), empty);
  }
}

/* A million 'a's in pieces of 1, 2, ... 70,000 bytes: through the staging
 * buffer, past it, and round the ring more than once. */
static void test_pieces(void **state)
{
  (void)state;
  size_t total = 1000000;
  char *a = malloc(total);
  memset(a, 'a', total);
  for(int async = 0; async < 2; async++) {
    digest *d = async ? digest_new_async() : digest_new();
    size_t done = 0, step = 1;
    while(done < total) {
      size_t n = step < total - done ? step : total - done;
      digest_add(d, a + done, n);
      done += n;
      step = step < 70000 ? step * 3 + 1 : 1;
    }
    check(d, million);
  }
  free(a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_known_answers),
    cmocka_unit_test(test_pieces),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
