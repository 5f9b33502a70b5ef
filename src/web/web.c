/* web.c: the server (web.h): libmicrohttpd's thread pool, a database
 * handle per worker, the request's body and limits, the security headers
 * every answer carries, the access log. The pages are page.c's. */
#include "web/web_impl.h"
#include "store/db.h"
#include "store/config.h"
#include "base/i18n.h"
#include "base/text.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <unistd.h>

/* The body of a form (not an upload) at most. */
#define FORM_MAX (1u << 20)

/* A worker thread's database handle. */
typedef struct slot {
  pthread_t t;
  sz *z;
} slot;

struct web {
  struct MHD_Daemon *d;
  web_opts o;
  char *cert, *key; /* the PEM texts, kept while the daemon runs */
  pthread_mutex_t mu;
  slot *slots;
  int nslots, cap;
  memo *memo; /* the lists' totals (list.c), shared by the workers */
  int nbg;              /* requests routed in a thread of their own */
  pthread_cond_t bg_done;
  int port;
  char updir[2048]; /* uploads: DB.uploads, mode 0700 */
};

const char *web_upload_dir(const req *r)
{
  return r->w->updir;
}

/* ---- name/value pairs ---- */

const char *kvs_get(const kvs *f, const char *k)
{
  for(int i = 0; i < f->n; i++)
    if(!strcmp(f->v[i].k, k))
      return f->v[i].v;
  return NULL;
}

static void kvs_add(kvs *f, char *k, char *v)
{
  if(f->n == f->cap) {
    f->cap = f->cap ? f->cap * 2 : 8;
    f->v = xrealloc(f->v, (size_t)f->cap * sizeof *f->v);
  }
  f->v[f->n].k = k;
  f->v[f->n].v = v;
  f->n++;
}

void kvs_free(kvs *f)
{
  for(int i = 0; i < f->n; i++) {
    free(f->v[i].k);
    free(f->v[i].v);
  }
  free(f->v);
  memset(f, 0, sizeof *f);
}

static int hexval(int c)
{
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Decode s[0..n) (+ as space, %XX) into a new string; NULL when an escape
 * is malformed, the text is not UTF-8 or holds a control character other
 * than tab, CR, LF (a form's text area). */
static char *url_decode(const char *s, size_t n)
{
  char *o = xmalloc(n + 1);
  size_t k = 0;
  for(size_t i = 0; i < n; i++) {
    if(s[i] == '+')
      o[k++] = ' ';
    else if(s[i] == '%') {
      int a = i + 2 < n ? hexval((unsigned char)s[i + 1]) : -1;
      int b = i + 2 < n ? hexval((unsigned char)s[i + 2]) : -1;
      if(a < 0 || b < 0) {
        free(o);
        return NULL;
      }
      o[k++] = (char)(a * 16 + b);
      i += 2;
    } else
      o[k++] = s[i];
  }
  o[k] = 0;
  for(size_t i = 0; i < k; i++) {
    unsigned char c = (unsigned char)o[i];
    if((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f) {
      free(o);
      return NULL;
    }
  }
  if(!text_valid_utf8(o, k)) {
    free(o);
    return NULL;
  }
  return o;
}

int kvs_parse(kvs *f, const char *s, size_t n)
{
  size_t i = 0;
  while(i < n) {
    size_t e = i;
    while(e < n && s[e] != '&')
      e++;
    const char *eq = memchr(s + i, '=', e - i);
    size_t kl = eq ? (size_t)(eq - (s + i)) : e - i;
    if(e > i) {
      char *k = url_decode(s + i, kl);
      char *v = eq ? url_decode(eq + 1, (size_t)(s + e - eq - 1)) : xstrdup("");
      if(!k || !v) {
        free(k);
        free(v);
        return -1;
      }
      kvs_add(f, k, v);
    }
    i = e + 1;
  }
  return 0;
}

/* ---- handles ---- */

static time_t now(const web *w)
{
  return w->o.clock ? w->o.clock() : time(NULL);
}

/* A handle for the server: the page cache of each worker small and its
 * sorts in temporary files, so that the server's memory stays bounded
 * whatever the threads and the lists (the operating system caches the
 * file for all of them). */
static sz *server_db(web *w, char *err, size_t len)
{
  sz *z = db_open(w->o.db, "web", LANG_ZH, 0, err, len);
  if(z && db_exec(z, "PRAGMA cache_size = -4096; PRAGMA temp_store = FILE")) {
    snprintf(err, len, "%s", z->err);
    db_close(z);
    return NULL;
  }
  return z;
}

/* This thread's handle, opened on first use; NULL when it cannot be
 * opened (the reason into err). */
static sz *thread_db(web *w, char *err, size_t len)
{
  pthread_t self = pthread_self();
  sz *z = NULL;
  pthread_mutex_lock(&w->mu);
  for(int i = 0; i < w->nslots; i++)
    if(pthread_equal(w->slots[i].t, self))
      z = w->slots[i].z;
  pthread_mutex_unlock(&w->mu);
  if(z)
    return z;
  z = server_db(w, err, len);
  if(!z)
    return NULL;
  /* A write waits this long for another's (a long import) to end. */
  db_set_busy_wait(z, config_int(z, "busy_wait", 10));
  pthread_mutex_lock(&w->mu);
  if(w->nslots == w->cap) {
    w->cap = w->cap ? w->cap * 2 : 8;
    w->slots = xrealloc(w->slots, (size_t)w->cap * sizeof *w->slots);
  }
  w->slots[w->nslots].t = self;
  w->slots[w->nslots].z = z;
  w->nslots++;
  pthread_mutex_unlock(&w->mu);
  return z;
}

/* ---- requests ---- */

static void client_addr(req *r)
{
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(r->c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(r->addr, sizeof r->addr, "-");
  if(!ci || !ci->client_addr)
    return;
  const struct sockaddr *sa = ci->client_addr;
  if(sa->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
              r->addr, sizeof r->addr);
  else if(sa->sa_family == AF_INET6)
    inet_ntop(AF_INET6,
              &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
              r->addr, sizeof r->addr);
}

static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind,
                                   const char *key, const char *value)
{
  (void)kind;
  req *r = cls;
  size_t kl = strlen(key), vl = value ? strlen(value) : 0;
  if(!text_valid_utf8(key, kl) || text_has_controls(key, kl) ||
     (value && (!text_valid_utf8(value, vl) || text_has_controls(value, vl))))
    return MHD_YES; /* dropped: a query is only ever a filter */
  kvs_add(&r->q, xstrdup(key), xstrdup(value ? value : ""));
  return MHD_YES;
}

static void header(struct MHD_Response *res, const char *k, const char *v)
{
  MHD_add_response_header(res, k, v);
}

static enum MHD_Result send_answer(req *r)
{
  struct MHD_Response *res;
  struct stat st;
  if(r->outfd >= 0 && fstat(r->outfd, &st) == 0) {
    /* a file (a workbook) streamed from its descriptor, closed with the
     * response */
    res = MHD_create_response_from_fd((uint64_t)st.st_size, r->outfd);
    if(res)
      r->outfd = -1;
  } else
    res = MHD_create_response_from_buffer(
        r->out.len, r->out.buf ? r->out.buf : (char *)"",
        MHD_RESPMEM_MUST_COPY);
  if(!res)
    return MHD_NO;
  header(res, "Content-Type",
         r->ctype ? r->ctype : "text/html; charset=utf-8");
  header(res, "Content-Security-Policy",
         "default-src 'none'; script-src 'self'; style-src 'self'; "
         "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
         "base-uri 'none'");
  header(res, "X-Content-Type-Options", "nosniff");
  header(res, "X-Frame-Options", "DENY");
  header(res, "Referrer-Policy", "same-origin");
  header(res, "Cache-Control", r->cacheable ? "max-age=3600" : "no-store");
  if(r->tls)
    header(res, "Strict-Transport-Security", "max-age=31536000");
  if(r->location[0])
    header(res, "Location", r->location);
  if(r->cookie[0])
    header(res, "Set-Cookie", r->cookie);
  if(r->disposition[0])
    header(res, "Content-Disposition", r->disposition);
  if(r->retry_after > 0) {
    char n[24];
    snprintf(n, sizeof n, "%d", r->retry_after);
    header(res, "Retry-After", n);
  }
  enum MHD_Result rc = MHD_queue_response(r->c, (unsigned)r->status, res);
  MHD_destroy_response(res);
  return rc;
}

static void req_free(req *r)
{
  if(r->pp)
    MHD_destroy_post_processor(r->pp);
  if(r->upfd >= 0)
    close(r->upfd);
  if(r->outfd >= 0)
    close(r->outfd);
  if(r->upath[0] && !r->ukeep)
    unlink(r->upath);
  sb_free(&r->body);
  sb_free(&r->out);
  kvs_free(&r->q);
  kvs_free(&r->f);
  if(r->own)
    db_close(r->own);
  free(r);
}

/* Remove the uploads older than max_age seconds (0: all): previews never
 * confirmed, the left-overs of a server that was killed. */
static void sweep_uploads(const char *dir, time_t now_, time_t max_age)
{
  DIR *d = opendir(dir);
  if(!d)
    return;
  struct dirent *e;
  while((e = readdir(d))) {
    struct stat st;
    size_t n = strlen(e->d_name);
    /* An audit export's directory left by a server that was stopped
     * while writing it (audit_page.c: ID.d, and the hidden directory it
     * is staged in): its files, then itself. */
    int export_dir = (n > 2 && !strcmp(e->d_name + n - 2, ".d")) ||
                     !strncmp(e->d_name, ".sanzi-export-", 14);
    if((e->d_name[0] == '.' && !export_dir) ||
       fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
       !(S_ISREG(st.st_mode) || (export_dir && S_ISDIR(st.st_mode))))
      continue;
    if(max_age && now_ - st.st_mtime <= max_age)
      continue;
    if(S_ISDIR(st.st_mode)) {
      int fd = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      DIR *sub = fd >= 0 ? fdopendir(fd) : NULL;
      struct dirent *f;
      while(sub && (f = readdir(sub)))
        if(strcmp(f->d_name, ".") && strcmp(f->d_name, ".."))
          unlinkat(fd, f->d_name, 0);
      if(sub)
        closedir(sub);
      else if(fd >= 0)
        close(fd);
      unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR);
    } else
      unlinkat(dirfd(d), e->d_name, 0);
  }
  closedir(d);
}

/* A part of a multipart/form-data body: the field "file" is written to a
 * new file of the upload directory, the others kept as form fields. */
static enum MHD_Result part(void *cls, enum MHD_ValueKind kind,
                            const char *key, const char *filename,
                            const char *ctype, const char *encoding,
                            const char *data, uint64_t off, size_t size)
{
  (void)kind;
  (void)ctype;
  (void)encoding;
  req *r = cls;
  if(key && !strcmp(key, "file")) {
    if(off == 0 && r->ubytes > 0)
      return MHD_NO; /* a second file: one upload is one sheet */
    if(r->upfd < 0 && !r->upath[0]) {
      sweep_uploads(r->w->updir, time(NULL), 3600);
      unsigned char b[16];
      randombytes_buf(b, sizeof b);
      char hexid[33];
      sodium_bin2hex(hexid, sizeof hexid, b, sizeof b);
      snprintf(r->upath, sizeof r->upath, "%s/%s", r->w->updir, hexid);
      r->upfd = open(r->upath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if(r->upfd < 0) {
        r->upath[0] = 0;
        return MHD_NO;
      }
      /* Shown on the preview: one line of whole UTF-8 characters. */
      size_t n = filename ? strlen(filename) : 0;
      if(n >= sizeof r->uname)
        for(n = sizeof r->uname - 1;
            n > 0 && ((unsigned char)filename[n] & 0xc0) == 0x80; n--)
          ;
      if(n && text_valid_utf8(filename, n) && !text_has_controls(filename, n))
        snprintf(r->uname, sizeof r->uname, "%.*s", (int)n, filename);
    }
    r->ubytes += (long long)size;
    if(r->ubytes > (long long)r->w->o.max_body) {
      r->too_big = 1;
      return MHD_NO;
    }
    for(size_t done = 0; done < size;) {
      ssize_t k = write(r->upfd, data + done, size - done);
      if(k <= 0)
        return MHD_NO;
      done += (size_t)k;
    }
    return MHD_YES;
  }
  if(!key || off + size > 64 * 1024)
    return MHD_NO;
  const char *old = kvs_get(&r->f, key);
  if(old && off > 0) {
    /* the rest of a value that came in pieces */
    for(int i = 0; i < r->f.n; i++)
      if(!strcmp(r->f.v[i].k, key)) {
        size_t n = strlen(old);
        r->f.v[i].v = xrealloc(r->f.v[i].v, n + size + 1);
        memcpy(r->f.v[i].v + n, data, size);
        r->f.v[i].v[n + size] = 0;
      }
    return MHD_YES;
  }
  char *v = xstrndup(data, size);
  if(!text_valid_utf8(v, size) || text_has_controls(v, size)) {
    free(v);
    return MHD_NO;
  }
  kvs_add(&r->f, xstrdup(key), v);
  return MHD_YES;
}

/* What the answer becomes after its route: a write that gave up waiting
 * for another is 503, a step the role may not take 403, a page asked for
 * as JSON that has none 406, a fault 500. */
static void routed(req *r)
{
  if((r->z->busy || db_fault(r->z)) && r->outfd >= 0) {
    close(r->outfd); /* what was written may be incomplete */
    r->outfd = -1;
  }
  if(r->z->busy) {
    /* A write gave up waiting for another (a long import): nothing of
     * it was written; the user is told to try again, not "locked". */
    sb_reset(&r->out);
    r->location[0] = 0;
    r->disposition[0] = 0;
    r->retry_after = r->z->busy_seconds > 0 ? r->z->busy_seconds : 10;
    char msg[512];
    snprintf(msg, sizeof msg,
             "数据库正忙：另一项写入（通常是一次较大的导入）正在进行，"
             "已等待 %d 秒仍未结束。本次操作没有执行，未保存任何内容；"
             "请稍后再试。",
             r->z->busy_seconds);
    answer_error(r, 503, msg);
    db_clear_fault(r->z);
    r->z->busy = 0;
  } else {
    /* A page that exists only as HTML (a form, 首页) asked for as JSON:
     * a JSON client gets JSON, never a page it cannot read. */
    if(r->json && r->status < 300 && strcmp(r->method, "POST") &&
       (!r->ctype || !strncmp(r->ctype, "text/html", 9)))
      answer_error(r, 406, "此页面只有网页形式，没有 JSON 形式");
  }
  if(!r->z->busy && !db_fault(r->z) && r->z->forbidden) {
    /* A step the user's role may not take (domain/may.h), refused by
     * the domain: nothing was written; 403 with the reason. */
    if(r->outfd >= 0) {
      close(r->outfd);
      r->outfd = -1;
    }
    sb_reset(&r->out);
    r->location[0] = 0;
    r->disposition[0] = 0;
    answer_error(r, 403, r->z->err);
  }
  if(!r->z->busy && db_fault(r->z)) {
    /* What was read may be incomplete: answer nothing of it. */
    sb_reset(&r->out);
    r->location[0] = 0;
    answer_error(r, 500, r->z->fault_msg);
    db_clear_fault(r->z);
  }
}

static int ends_with(const char *s, const char *end)
{
  size_t n = strlen(s), k = strlen(end);
  return n >= k && !strcmp(s + n - k, end);
}

/* A request routed in a thread of its own (an import), at a lower
 * priority (nice 10, for this thread and the threads the import starts):
 * the pages of the other users go on while a large sheet is read, checked
 * and written. Its connection is resumed when it is done, and handle()
 * then sends the answer. */
static void *background_run(void *arg)
{
  req *r = arg;
  web *w = r->w;
  (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
  route(r);
  routed(r);
  pthread_mutex_lock(&w->mu);
  r->bg = 2;
  pthread_mutex_unlock(&w->mu);
  MHD_resume_connection(r->c);
  pthread_mutex_lock(&w->mu);
  w->nbg--;
  pthread_cond_broadcast(&w->bg_done);
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

static int background(req *r)
{
  web *w = r->w;
  pthread_attr_t a;
  pthread_t t;
  pthread_attr_init(&a);
  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
  pthread_mutex_lock(&w->mu);
  r->bg = 1;
  w->nbg++;
  MHD_suspend_connection(r->c);
  int rc = pthread_create(&t, &a, background_run, r);
  if(rc) {
    r->bg = 0;
    w->nbg--;
  }
  pthread_mutex_unlock(&w->mu);
  pthread_attr_destroy(&a);
  if(rc)
    MHD_resume_connection(r->c);
  return rc ? -1 : 0;
}

/* ---- jobs: work that outlives its request (an audit export) ---- */

typedef struct job {
  web *w;
  void (*fn)(sz *z, void *arg);
  void *arg;
  time_t now;
  who u;
} job;

static void *job_run(void *p)
{
  job *j = p;
  web *w = j->w;
  (void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
  char err[512];
  sz *z = server_db(w, err, sizeof err);
  if(z) {
    db_set_clock(z, j->now);
    db_set_user(z, j->u.name);
    if(db_set_scope(z, j->u.scope) == 0) {
      db_set_role(z, j->u.role);
      j->fn(z, j->arg);
    }
    db_close(z);
  } else
    j->fn(NULL, j->arg);
  free(j->arg);
  free(j);
  pthread_mutex_lock(&w->mu);
  w->nbg--;
  pthread_cond_broadcast(&w->bg_done);
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

int web_job(req *r, void (*fn)(sz *z, void *arg), void *arg)
{
  web *w = r->w;
  job *j = xcalloc(1, sizeof *j);
  j->w = w;
  j->fn = fn;
  j->arg = arg;
  j->now = now(w);
  j->u = r->u;
  pthread_attr_t a;
  pthread_t t;
  pthread_attr_init(&a);
  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
  pthread_mutex_lock(&w->mu);
  w->nbg++;
  int rc = pthread_create(&t, &a, job_run, j);
  if(rc)
    w->nbg--;
  pthread_mutex_unlock(&w->mu);
  pthread_attr_destroy(&a);
  if(rc)
    free(j); /* arg stays the caller's */
  return rc ? -1 : 0;
}

void web_sweep(req *r)
{
  sweep_uploads(r->w->updir, time(NULL), 3600);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upsize, void **ptr)
{
  (void)version;
  web *w = cls;
  req *r = *ptr;
  if(r && r->bg) {
    /* Resumed: its thread is done (or MHD asks again before: wait). */
    pthread_mutex_lock(&w->mu);
    int done = r->bg == 2;
    pthread_mutex_unlock(&w->mu);
    return done ? send_answer(r) : MHD_YES;
  }
  if(!r) {
    r = xcalloc(1, sizeof *r);
    *ptr = r;
    r->w = w;
    r->c = c;
    r->method = method;
    r->tls = w->cert != NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->t0);
    /* A path cut short could name another page: refused whole. */
    r->long_url = strlen(url) >= sizeof r->path;
    snprintf(r->path, sizeof r->path, "%s", r->long_url ? "-" : url);
    client_addr(r);
    sb_init(&r->body);
    sb_init(&r->out);
    r->status = 200;
    r->upfd = -1;
    r->outfd = -1;
    const char *cl =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    const char *ct =
        MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
    int multipart = ct && !strncasecmp(ct, "multipart/form-data", 19);
    /* A form is small; only an upload (a sheet) may be large. */
    size_t limit = multipart ? w->o.max_body : FORM_MAX;
    if(cl && strtoull(cl, NULL, 10) > limit)
      r->too_big = 1;
    else if(multipart && !strcmp(method, "POST"))
      r->pp = MHD_create_post_processor(c, 64 * 1024, part, r);
    if(!r->too_big && !r->long_url)
      return MHD_YES;
    /* Refused before its body: answered at once (no "100 Continue"),
     * the body is never read. */
  } else if(*upsize) {
    if(r->too_big)
      ;
    else if(r->pp) {
      if(MHD_post_process(r->pp, upload, *upsize) != MHD_YES && !r->too_big)
        r->bad_upload = 1;
    } else if(r->body.len + *upsize <= FORM_MAX)
      sb_add(&r->body, upload, *upsize);
    else
      r->too_big = 1;
    *upsize = 0;
    return MHD_YES;
  }
  if(r->upfd >= 0) {
    close(r->upfd);
    r->upfd = -1;
  }
  /* The whole request is here. */
  const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
  r->json = accept && strstr(accept, "application/json") != NULL;
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_arg, r);
  char err[512];
  /* An import (its check or its write) may take seconds: it runs in a
   * thread of its own with a handle of its own, the connection suspended,
   * so that the worker goes on serving the other connections it holds. */
  r->slow = !strcmp(method, "POST") && (ends_with(r->path, "/import") ||
                                        ends_with(r->path, "/confirm"));
  r->z = r->slow ? (r->own = server_db(w, err, sizeof err))
                 : thread_db(w, err, sizeof err);
  r->memo = w->memo;
  if(r->long_url)
    answer_error(r, 414, "请求的地址过长");
  else if(r->too_big)
    answer_error(r, 413, "请求过大：上传的文件不能超过 32 MiB，表单不能超过 1 MiB");
  else if(r->bad_upload)
    answer_error(r, 400, "上传的内容无法读取（表单格式错误或含控制字符）");
  else if(!r->z)
    answer_error(r, 503, err);
  else {
    db_set_clock(r->z, now(w));
    db_clear_fault(r->z);
    errs_clear(&r->z->warns);
    db_set_scope(r->z, NULL);
    db_set_role(r->z, -1);
    r->z->busy = 0;
    if(r->slow && background(r) == 0)
      return MHD_YES; /* answered when the thread is done */
    route(r);
    routed(r);
  }
  return send_answer(r);
}

static void completed(void *cls, struct MHD_Connection *c, void **ptr,
                      enum MHD_RequestTerminationCode toe)
{
  (void)c;
  (void)toe;
  web *w = cls;
  req *r = *ptr;
  if(!r)
    return;
  if(w->o.log) {
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (long)((t1.tv_sec - r->t0.tv_sec) * 1000 +
                     (t1.tv_nsec - r->t0.tv_nsec) / 1000000);
    time_t t = now(w);
    struct tm tm;
    gmtime_r(&t, &tm);
    char line[1400], when[32], path[1100];
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    /* The method and the path as one line of text (the client's bytes):
     * their control characters escaped. */
    sbuf p, m;
    sb_init(&p);
    sb_init(&m);
    text_escape_controls(r->path, strlen(r->path), &p);
    text_escape_controls(r->method, strlen(r->method), &m);
    snprintf(path, sizeof path, "%s", p.buf ? p.buf : "");
    snprintf(line, sizeof line, "%s %s %s %.32s %s %d %ldms", when, r->addr,
             r->u.id ? r->u.name : "-", m.buf ? m.buf : "", path, r->status,
             ms);
    sb_free(&p);
    sb_free(&m);
    w->o.log(w->o.log_ctx, line);
  }
  req_free(r);
  *ptr = NULL;
}

/* ---- starting and stopping ---- */

/* The whole file, or NULL (errno) when it cannot be read (a directory
 * cannot). */
static char *read_file(const char *path)
{
  FILE *fp = fopen(path, "rb");
  if(!fp)
    return NULL;
  sbuf b;
  sb_init(&b);
  char buf[4096];
  size_t n;
  while((n = fread(buf, 1, sizeof buf, fp)) > 0)
    sb_add(&b, buf, n);
  int bad = ferror(fp);
  int e = errno;
  fclose(fp);
  if(bad) {
    sb_free(&b);
    errno = e;
    return NULL;
  }
  sb_addch(&b, 0);
  return b.buf;
}

/* The PEM text of file `path` (what: 证书 or 私钥), holding `marker`; NULL
 * with the reason, naming the file, in err. */
static char *read_pem(const char *path, const char *what, const char *marker,
                      char *err, size_t errlen)
{
  char *t = read_file(path);
  if(!t)
    snprintf(err, errlen, "无法读取%s文件 %s：%s", what, path,
             tr_errno(LANG_ZH, errno));
  else if(!strstr(t, "-----BEGIN ") || !strstr(t, marker)) {
    snprintf(err, errlen, "%s文件 %s 不是 PEM 格式的%s", what, path, what);
    free(t);
    t = NULL;
  }
  return t;
}

int web_tls_check(const char *cert, const char *key, char *err, size_t errlen)
{
  char *c = read_pem(cert, "证书", "CERTIFICATE-----", err, errlen);
  char *k = c ? read_pem(key, "私钥", "PRIVATE KEY-----", err, errlen) : NULL;
  if(k)
    sodium_memzero(k, strlen(k));
  free(c);
  free(k);
  return c && k ? 0 : -1;
}

static int parse_listen(const char *s, struct sockaddr_in *sa)
{
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  const char *colon = strrchr(s, ':');
  if(!colon || colon == s || strlen(colon + 1) == 0 ||
     strspn(colon + 1, "0123456789") != strlen(colon + 1))
    return -1;
  char host[64];
  if((size_t)(colon - s) >= sizeof host)
    return -1;
  memcpy(host, s, (size_t)(colon - s));
  host[colon - s] = 0;
  long port = strtol(colon + 1, NULL, 10);
  if(port < 0 || port > 65535 || inet_pton(AF_INET, host, &sa->sin_addr) != 1)
    return -1;
  sa->sin_port = htons((uint16_t)port);
  return 0;
}

web *web_start(const web_opts *o, char *err, size_t errlen)
{
  web *w = xcalloc(1, sizeof *w);
  w->o = *o;
  if(!w->o.listen)
    w->o.listen = "127.0.0.1:8080";
  if(w->o.threads <= 0)
    w->o.threads = 4;
  if(!w->o.max_body)
    w->o.max_body = 32u << 20;
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->bg_done, NULL);
  struct sockaddr_in sa;
  if(parse_listen(w->o.listen, &sa)) {
    snprintf(err, errlen, "--listen '%s'：应为“地址:端口”，如 127.0.0.1:8080",
             w->o.listen);
    goto fail;
  }
  /* Uploads wait in a private directory beside the database (the
   * database's temporary area), never under a name the client chose. */
  snprintf(w->updir, sizeof w->updir, "%s.uploads", w->o.db);
  struct stat us;
  if((mkdir(w->updir, 0700) && errno != EEXIST) || lstat(w->updir, &us) ||
     !S_ISDIR(us.st_mode) || chmod(w->updir, 0700)) {
    snprintf(err, errlen, "无法建立上传目录 %s", w->updir);
    goto fail;
  }
  sweep_uploads(w->updir, 0, 0);
  /* The database opens now, so that a wrong file is said at once. */
  sz *z0 = server_db(w, err, errlen);
  if(!z0)
    goto fail;
  db_close(z0);
  w->memo = memo_new();
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
                   MHD_ALLOW_SUSPEND_RESUME |
                   MHD_USE_ERROR_LOG;
  if(o->cert || o->key) {
    if(!o->cert || !o->key) {
      snprintf(err, errlen, "%s", "须同时给出证书（--cert）和私钥（--key）");
      goto fail;
    }
    w->cert = read_pem(o->cert, "证书", "CERTIFICATE-----", err, errlen);
    w->key = w->cert ? read_pem(o->key, "私钥", "PRIVATE KEY-----", err,
                                errlen)
                     : NULL;
    if(!w->key)
      goto fail;
    flags |= MHD_USE_TLS;
  }
  struct MHD_OptionItem tls[] = {
    {MHD_OPTION_HTTPS_MEM_CERT, 0, w->cert},
    {MHD_OPTION_HTTPS_MEM_KEY, 0, w->key},
    {MHD_OPTION_END, 0, NULL}};
  w->d = MHD_start_daemon(
      flags, 0, NULL, NULL, handle, w,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)w->o.threads,
      MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
      MHD_OPTION_NOTIFY_COMPLETED, completed, w,
      MHD_OPTION_ARRAY, w->cert ? tls : tls + 2,
      MHD_OPTION_END);
  if(!w->d) {
    snprintf(err, errlen,
             w->cert ? "无法在 %s 上以 HTTPS 监听（端口已被占用，地址不属于本机，"
                       "或证书与私钥无效、不匹配）"
                     : "无法在 %s 上监听（端口已被占用，或地址不属于本机）",
             w->o.listen);
    goto fail;
  }
  const union MHD_DaemonInfo *di =
      MHD_get_daemon_info(w->d, MHD_DAEMON_INFO_BIND_PORT);
  w->port = di ? di->port : ntohs(sa.sin_port);
  return w;
fail:
  web_stop(w);
  return NULL;
}

int web_port(const web *w)
{
  return w->port;
}

void web_stop(web *w)
{
  if(!w)
    return;
  if(w->d) {
    /* Stop accepting; the imports in their own threads finish (their
     * connections resumed); MHD_stop_daemon waits for the requests in
     * flight. */
    MHD_quiesce_daemon(w->d);
    pthread_mutex_lock(&w->mu);
    while(w->nbg > 0)
      pthread_cond_wait(&w->bg_done, &w->mu);
    pthread_mutex_unlock(&w->mu);
    MHD_stop_daemon(w->d);
  }
  for(int i = 0; i < w->nslots; i++)
    db_close(w->slots[i].z);
  memo_free(w->memo);
  free(w->slots);
  pthread_mutex_destroy(&w->mu);
  pthread_cond_destroy(&w->bg_done);
  free(w->cert);
  free(w->key);
  free(w);
}
