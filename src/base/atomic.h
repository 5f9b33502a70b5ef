/* atomic.h: putting a new directory or file in place in one step.
 *
 * The new one is built under a hidden name beside its final name (PREFIX
 * and six random characters, e.g. ".sanzi-export-Xa81Qz"), private (0700,
 * or 0600 for a file), flushed to disk, then put in place by one rename: a
 * directory that exists is swapped with renameat2(RENAME_EXCHANGE), and
 * the old one, now under the hidden name, is removed only after. A crash
 * at any step leaves the old directory or the new one under the final
 * name, never a mix.
 *
 * Where the file system refuses RENAME_EXCHANGE (vfat, some network file
 * systems), the old directory is first renamed to PREFIX "old." NAME and
 * the new one then to the final name: a crash between the two leaves no
 * directory under the final name, and the old one whole under that hidden
 * name, which the next run puts back before it starts; never a mix.
 *
 * The hidden name stays locked (flock) while its process works on it; the
 * next run removes what a killed run left (names PREFIX + 6 characters
 * beside the final name whose lock is free) and nothing another run is
 * still building. */
#ifndef SANZI_ATOMIC_H
#define SANZI_ATOMIC_H
#include <stddef.h>

#define STAGED_PATH 4096

typedef struct staged {
  char path[STAGED_PATH]; /* the final name */
  char tmp[STAGED_PATH];  /* the hidden sibling being built */
  int fd;                 /* the hidden sibling, open and locked */
  int is_dir;
  int lang; /* of the error messages */
} staged;

/* Removes what killed runs left beside path, then makes the hidden
 * directory to build in (s->tmp). path, when it exists, must be a
 * directory the caller may write. Returns 0, or -1 with err. */
int staged_dir(staged *s, const char *path, const char *prefix, int lang,
               char *err, size_t n);

/* The same for a file: s->tmp is an empty file, 0600. */
int staged_file(staged *s, const char *path, const char *prefix, int lang,
                char *err, size_t n);

/* Flushes what was built (every file of a directory, then the directory),
 * puts it in place, flushes the directory holding it and removes the old
 * one. For a directory that exists, what the old one holds that the new
 * one lacks is carried over (hard links, else copies; a subdirectory as a
 * tree of them), except the files for which drop(name, ctx) says 1 (what
 * an earlier run wrote that this one did not); a directory in the way of
 * a new file is refused, naming it. mode:
 * the permissions of the result (a directory that existed keeps its own).
 * Returns 0, or -1 with err and the old one as it was; s is finished
 * either way. */
int staged_commit(staged *s, int (*drop)(const char *name, void *ctx),
                  void *ctx, unsigned mode, char *err, size_t n);

/* Removes what was built; the final name is not touched. */
void staged_abort(staged *s);

/* The process's umask, read without changing it for good. */
unsigned staged_umask(void);

#endif
