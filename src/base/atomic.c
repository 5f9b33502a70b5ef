/* atomic.c: a new directory or file put in place in one step (atomic.h). */
#include "base/atomic.h"
#include "base/i18n.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(staged *s, char *err, size_t n, const char *what, int e)
{
  set_err(err, n, "%s: %s", what, tr_errno(s->lang, e));
  return -1;
}

static int rm_one(const char *p, const struct stat *st, int flag,
                  struct FTW *f)
{
  (void)st;
  (void)flag;
  (void)f;
  remove(p);
  return 0;
}

/* Removes a file or a whole tree, not following symbolic links. */
static void remove_all(const char *p)
{
  nftw(p, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The directory holding path ("." for a bare name) and the last name. */
static void split(const char *path, char parent[STAGED_PATH],
                  const char **base)
{
  const char *sl = strrchr(path, '/');
  if(!sl) {
    snprintf(parent, STAGED_PATH, ".");
    *base = path;
  } else if(sl == path) {
    snprintf(parent, STAGED_PATH, "/");
    *base = sl + 1;
  } else {
    snprintf(parent, STAGED_PATH, "%.*s", (int)(sl - path), path);
    *base = sl + 1;
  }
}

static int all_alnum(const char *p)
{
  for(; *p; p++)
    if(!((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
      return 0;
  return 1;
}

/* Where the old directory waits when the file system cannot exchange:
 * PREFIX "old." NAME beside it. */
static void aside_name(char out[STAGED_PATH], const char *parent,
                       const char *prefix, const char *base)
{
  int k = snprintf(out, STAGED_PATH, "%s/%sold.%s", parent, prefix, base);
  if(k < 0 || k >= STAGED_PATH)
    out[0] = 0;
}

/* A file a sqlite database beside it keeps: NAME-wal, NAME-journal ... */
static const char *const side[] = {"-wal", "-shm", "-journal"};

/* Removes what killed runs left in parent: PREFIX + 6 characters, whose
 * lock no process holds. */
static void sweep(const char *parent, const char *prefix)
{
  DIR *d = opendir(parent);
  if(!d)
    return;
  size_t pl = strlen(prefix);
  struct dirent *e;
  while((e = readdir(d))) {
    if(strncmp(e->d_name, prefix, pl) || strlen(e->d_name) != pl + 6 ||
       !all_alnum(e->d_name + pl))
      continue;
    char p[STAGED_PATH + 16];
    int pn = snprintf(p, sizeof p, "%s/%s", parent, e->d_name);
    if(pn < 0 || (size_t)pn >= sizeof p)
      continue; /* a path longer than any staged one: not ours */
    int fd = open(p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if(fd < 0)
      continue;
    if(flock(fd, LOCK_EX | LOCK_NB) == 0) {
      remove_all(p);
      for(size_t i = 0; i < ARRAY_SIZE(side); i++) {
        char q[STAGED_PATH + 32];
        int qn = snprintf(q, sizeof q, "%s%s", p, side[i]);
        if(qn > 0 && (size_t)qn < sizeof q)
          unlink(q);
      }
    }
    close(fd);
  }
  closedir(d);
}

static int begin(staged *s, const char *path, const char *prefix, int lang,
                 int is_dir, char *err, size_t n)
{
  memset(s, 0, sizeof *s);
  s->fd = -1;
  s->lang = lang;
  s->is_dir = is_dir;
  size_t len = strlen(path);
  while(len > 1 && path[len - 1] == '/')
    len--;
  if(len + strlen(prefix) + 64 >= STAGED_PATH)
    return fail(s, err, n, path, ENAMETOOLONG);
  snprintf(s->path, sizeof s->path, "%.*s", (int)len, path);
  /* A link to a directory: what is replaced is the directory it names. */
  struct stat st;
  char *real;
  if(is_dir && lstat(s->path, &st) == 0 && S_ISLNK(st.st_mode) &&
     (real = realpath(s->path, NULL))) {
    if(strlen(real) + strlen(prefix) + 64 < STAGED_PATH)
      snprintf(s->path, sizeof s->path, "%s", real);
    free(real);
  }
  char parent[STAGED_PATH];
  const char *base;
  split(s->path, parent, &base);
  if(!*base || !strcmp(base, ".") || !strcmp(base, "..")) {
    set_err(err, n, tr(lang, "%s: name the directory itself, not . or .."),
            path);
    return -1;
  }
  char aside[STAGED_PATH];
  aside_name(aside, parent, prefix, base);
  if(is_dir && aside[0] && lstat(aside, &st) == 0) {
    /* Killed between the two renames (see atomic.h): the old one goes
     * back first; killed after them, it was only not yet removed. */
    if(lstat(s->path, &st) && errno == ENOENT)
      rename(aside, s->path);
    else
      remove_all(aside);
  }
  if(lstat(s->path, &st) == 0) {
    if(is_dir && !S_ISDIR(st.st_mode))
      return fail(s, err, n, path, ENOTDIR);
    if(!is_dir && S_ISDIR(st.st_mode))
      return fail(s, err, n, path, EISDIR);
    /* Replacing it must be allowed to its owner, not only to the holder
     * of the directory around it. */
    if(is_dir && access(s->path, W_OK))
      return fail(s, err, n, path, errno);
  } else if(errno != ENOENT)
    return fail(s, err, n, path, errno);
  sweep(parent, prefix);
  int k = snprintf(s->tmp, sizeof s->tmp, "%s/%sXXXXXX", parent, prefix);
  if(k < 0 || (size_t)k >= sizeof s->tmp)
    return fail(s, err, n, path, ENAMETOOLONG);
  if(is_dir) {
    if(!mkdtemp(s->tmp))
      return fail(s, err, n, path, errno);
    s->fd = open(s->tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  } else
    s->fd = mkostemp(s->tmp, O_CLOEXEC);
  if(s->fd < 0) {
    int e = errno;
    if(is_dir)
      rmdir(s->tmp);
    return fail(s, err, n, path, e);
  }
  flock(s->fd, LOCK_EX);
  return 0;
}

int staged_dir(staged *s, const char *path, const char *prefix, int lang,
               char *err, size_t n)
{
  return begin(s, path, prefix, lang, 1, err, n);
}

int staged_file(staged *s, const char *path, const char *prefix, int lang,
                char *err, size_t n)
{
  return begin(s, path, prefix, lang, 0, err, n);
}

void staged_abort(staged *s)
{
  if(s->tmp[0]) {
    remove_all(s->tmp);
    for(size_t i = 0; !s->is_dir && i < ARRAY_SIZE(side); i++) {
      char q[STAGED_PATH + 32];
      snprintf(q, sizeof q, "%s%s", s->tmp, side[i]);
      unlink(q);
    }
  }
  if(s->fd >= 0)
    close(s->fd);
  s->fd = -1;
  s->tmp[0] = 0;
}

unsigned staged_umask(void)
{
  unsigned m = 022;
  FILE *fp = fopen("/proc/self/status", "r");
  char line[256];
  while(fp && fgets(line, sizeof line, fp))
    if(sscanf(line, "Umask: %o", &m) == 1)
      break;
  if(fp)
    fclose(fp);
  return m & 0777;
}

/* Flushes the file or every file of the directory, then the directory. */
static int flush(staged *s, char *err, size_t n)
{
  if(s->is_dir) {
    DIR *d = opendir(s->tmp);
    if(!d)
      return fail(s, err, n, s->tmp, errno);
    struct dirent *e;
    int rc = 0;
    while(rc == 0 && (e = readdir(d))) {
      char p[STAGED_PATH + 256];
      snprintf(p, sizeof p, "%s/%s", s->tmp, e->d_name);
      struct stat st;
      if(lstat(p, &st) || !S_ISREG(st.st_mode))
        continue;
      int fd = open(p, O_RDONLY | O_CLOEXEC);
      if(fd < 0 || fsync(fd))
        rc = fail(s, err, n, p, errno);
      if(fd >= 0)
        close(fd);
    }
    closedir(d);
    if(rc)
      return -1;
  }
  if(fsync(s->fd))
    return fail(s, err, n, s->path, errno);
  return 0;
}

static int copy_file(const char *from, const char *to)
{
  int in = open(from, O_RDONLY | O_CLOEXEC);
  if(in < 0)
    return -1;
  int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int rc = out < 0 ? -1 : 0;
  char buf[1 << 16];
  ssize_t r;
  while(rc == 0 && (r = read(in, buf, sizeof buf)) != 0) {
    if(r < 0 && errno == EINTR)
      continue;
    for(ssize_t w, off = 0; rc == 0 && r > 0 && off < r; off += w)
      if((w = write(out, buf + off, (size_t)(r - off))) < 0)
        rc = -1;
    if(r < 0)
      rc = -1;
  }
  struct stat st;
  if(rc == 0 && fstat(in, &st) == 0)
    fchmod(out, st.st_mode & 07777);
  int e = errno;
  close(in);
  if(out >= 0 && close(out))
    rc = -1;
  errno = e;
  return rc;
}

/* from's tree again under to: directories made anew, everything else
 * hard-linked (copied where the file system has no hard links). The old
 * tree stays whole until the swap, so a crash loses nothing of it. */
static int link_tree(const char *from, const char *to)
{
  struct stat st;
  if(lstat(from, &st))
    return -1;
  if(!S_ISDIR(st.st_mode))
    return link(from, to) && copy_file(from, to) ? -1 : 0;
  if(mkdir(to, st.st_mode & 07777))
    return -1;
  DIR *d = opendir(from);
  if(!d)
    return -1;
  struct dirent *e;
  int rc = 0;
  while(rc == 0 && (e = readdir(d))) {
    if(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char a[STAGED_PATH + 256], b[STAGED_PATH + 256];
    int k = snprintf(a, sizeof a, "%s/%s", from, e->d_name);
    int l = snprintf(b, sizeof b, "%s/%s", to, e->d_name);
    if(k < 0 || l < 0 || (size_t)k >= sizeof a || (size_t)l >= sizeof b) {
      errno = ENAMETOOLONG;
      rc = -1;
    } else
      rc = link_tree(a, b);
  }
  closedir(d);
  return rc;
}

/* What the old directory holds that the new one lacks goes into it. */
static int carry_over(staged *s, int (*drop)(const char *, void *), void *ctx,
                      const char *prefix, char *err, size_t n)
{
  DIR *d = opendir(s->path);
  if(!d)
    return fail(s, err, n, s->path, errno);
  struct dirent *e;
  int rc = 0;
  while(rc == 0 && (e = readdir(d))) {
    const char *nm = e->d_name;
    if(!strcmp(nm, ".") || !strcmp(nm, ".."))
      continue;
    char from[STAGED_PATH + 256], to[STAGED_PATH + 256];
    snprintf(from, sizeof from, "%s/%s", s->path, nm);
    snprintf(to, sizeof to, "%s/%s", s->tmp, nm);
    struct stat st, nw;
    if(lstat(from, &st))
      continue;
    int dir = S_ISDIR(st.st_mode);
    /* What an earlier version left inside: removed with the old one. */
    if(dir && !strncmp(nm, prefix, strlen(prefix)))
      continue;
    if(lstat(to, &nw) == 0) {
      if(dir) { /* in the way of a file the new one has */
        set_err(err, n,
                tr(s->lang, "%s: is a directory; the export did not replace it"),
                from);
        rc = -1;
      }
      continue;
    }
    if(!dir && drop && drop(nm, ctx))
      continue;
    if(link_tree(from, to))
      rc = fail(s, err, n, from, errno);
  }
  closedir(d);
  return rc;
}

int staged_commit(staged *s, int (*drop)(const char *name, void *ctx),
                  void *ctx, unsigned mode, char *err, size_t n)
{
  char parent[STAGED_PATH], prefix[STAGED_PATH];
  const char *base;
  split(s->path, parent, &base);
  const char *tb = strrchr(s->tmp, '/') + 1;
  snprintf(prefix, sizeof prefix, "%.*s", (int)(strlen(tb) - 6), tb);
  struct stat st;
  int exists = lstat(s->path, &st) == 0;
  if(exists && s->is_dir) {
    mode = st.st_mode & 07777;
    if(!S_ISDIR(st.st_mode) || access(s->path, W_OK)) {
      fail(s, err, n, s->path, S_ISDIR(st.st_mode) ? errno : ENOTDIR);
      staged_abort(s);
      return -1;
    }
    if(carry_over(s, drop, ctx, prefix, err, n)) {
      staged_abort(s);
      return -1;
    }
  }
  if(flush(s, err, n)) {
    staged_abort(s);
    return -1;
  }
  int rc = 0;
  char old[STAGED_PATH] = "";
  if(exists && s->is_dir) {
    if(renameat2(AT_FDCWD, s->tmp, AT_FDCWD, s->path, RENAME_EXCHANGE) == 0)
      snprintf(old, sizeof old, "%s", s->tmp); /* the old one is there now */
    else if(errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
      /* No exchange here: the old one aside, then the new one in. */
      aside_name(old, parent, prefix, base);
      if(!old[0] || rename(s->path, old)) {
        rc = fail(s, err, n, s->path, old[0] ? errno : ENAMETOOLONG);
        old[0] = 0;
      } else if(rename(s->tmp, s->path)) {
        rc = fail(s, err, n, s->path, errno);
        rename(old, s->path);
        old[0] = 0;
      }
    } else
      rc = fail(s, err, n, s->path, errno);
  } else if(rename(s->tmp, s->path))
    rc = fail(s, err, n, s->path, errno);
  if(rc) {
    staged_abort(s);
    return -1;
  }
  /* Done: the hidden name holds the old one (or nothing), private until
   * it is removed. */
  if(old[0])
    chmod(old, 0700);
  fchmod(s->fd, mode);
  int pd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if(pd < 0 || fsync(pd))
    rc = fail(s, err, n, parent, errno);
  if(pd >= 0)
    close(pd);
  if(old[0])
    remove_all(old);
  close(s->fd);
  s->fd = -1;
  s->tmp[0] = 0;
  return rc;
}
