/* tests/fuzz/replay.c: runs a fuzz target over files, without libFuzzer:
 * `replay_TARGET FILE|DIR...` feeds each file (each file of a directory)
 * to LLVMFuzzerTestOneInput once. Built with the normal compiler, so
 * `make test` replays the corpora (and `make check` under the sanitizers). */
#include "fuzz.h"

#include <dirent.h>
#include <string.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if(!f) {
    perror(path);
    return 1;
  }
  size_t cap = 1 << 16, n = 0, got;
  uint8_t *buf = malloc(cap);
  while(buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if(n == cap)
      buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  if(!buf)
    return 1;
  /* an exact-size copy, so that ASan sees a read past the end */
  uint8_t *in = malloc(n ? n : 1);
  memcpy(in, buf, n);
  free(buf);
  LLVMFuzzerTestOneInput(in, n);
  free(in);
  return 0;
}

int main(int argc, char **argv)
{
  int bad = 0;
  long files = 0;
  for(int i = 1; i < argc; i++) {
    struct stat st;
    if(stat(argv[i], &st) != 0) {
      perror(argv[i]);
      return 1;
    }
    if(!S_ISDIR(st.st_mode)) {
      bad |= run_file(argv[i]);
      files++;
      continue;
    }
    struct dirent **ents;
    int n = scandir(argv[i], &ents, NULL, alphasort);
    if(n < 0) {
      perror(argv[i]);
      return 1;
    }
    for(int k = 0; k < n; k++) {
      if(ents[k]->d_name[0] != '.') {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[i], ents[k]->d_name);
        bad |= run_file(path);
        files++;
      }
      free(ents[k]);
    }
    free(ents);
  }
  printf("%ld inputs\n", files);
  return bad;
}
