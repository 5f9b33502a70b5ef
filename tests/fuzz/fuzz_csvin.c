/* The CSV reader over any bytes, in each encoding (the first byte picks
 * it): it ends with the data or an error, never crashes, and every field
 * it gives is valid UTF-8 without NUL, on increasing rows. */
#include "fuzz.h"
#include "base/csvin.h"
#include "base/i18n.h"
#include "base/text.h"

#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if(size < 1)
    return 0;
  enum csv_encoding enc = (enum csv_encoding)(data[0] % 4);
  char path[] = "/tmp/sanzi-fuzz-csv.XXXXXX";
  int fd = mkstemp(path);
  need(fd >= 0);
  need(write(fd, data + 1, size - 1) == (ssize_t)(size - 1));
  close(fd);

  char err[512];
  csvin *r = csvin_open(path, enc, LANG_EN, err, sizeof err);
  if(r) {
    csvrec rec;
    long last = 0;
    int rc;
    while((rc = csvin_next(r, &rec)) == 1) {
      need(rec.row > last);
      last = rec.row;
      for(int i = 0; i < rec.nfields; i++) {
        need(text_valid_utf8(rec.f[i].p, rec.f[i].n));
        need(!rec.f[i].n || !memchr(rec.f[i].p, 0, rec.f[i].n));
      }
    }
    need(rc == 0 || *csvin_error(r));
    csvin_close(r);
  }
  unlink(path);
  return 0;
}
