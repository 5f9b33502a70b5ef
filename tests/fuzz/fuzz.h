/* tests/fuzz/fuzz.h: what the fuzz targets share. Each target defines
 * LLVMFuzzerTestOneInput; `make fuzz` links it with libFuzzer (clang,
 * ASan, UBSan), `make test` links it with replay.c and runs it over the
 * seed corpus in tests/fuzz/corpus/TARGET/. A target checks properties,
 * not only the absence of crashes: a broken one stops at need(). */
#ifndef SANZI_FUZZ_H
#define SANZI_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define need(cond)                                                        \
  do {                                                                    \
    if(!(cond)) {                                                         \
      fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, \
              #cond);                                                     \
      abort();                                                            \
    }                                                                     \
  } while(0)

#endif
