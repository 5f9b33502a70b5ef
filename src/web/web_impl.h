/* web_impl.h: what the server (web.c) and the pages share: one request and
 * its answer.
 * private to: web.c page.c html.c form.c upload.c list.c download.c admin.c subsidy_page.c program_page.c subsidy_page.h audit_page.c log_page.c public.c overdue.c disposal_page.c disposal_form.c disposal_web.h */
#ifndef SANZI_WEB_IMPL_H
#define SANZI_WEB_IMPL_H
#include <microhttpd.h>
#include <stdint.h>
#include "web/web.h"
#include "domain/user.h"
#include "domain/view.h"
#include "domain/may.h"
#include "base/util.h"

/* Name/value pairs: a query string or a form. */
typedef struct kv {
  char *k, *v;
} kv;
typedef struct kvs {
  kv *v;
  int n, cap;
} kvs;
/* The value of key k, or NULL. */
const char *kvs_get(const kvs *f, const char *k);
void kvs_free(kvs *f);
/* Parse application/x-www-form-urlencoded text into f: -1 on a malformed
 * escape or text that is not UTF-8 or holds control characters other than
 * tab, CR and LF. */
int kvs_parse(kvs *f, const char *s, size_t n);

/* The server's memory of its lists' totals (list.c). */
typedef struct memo memo;
memo *memo_new(void);
void memo_free(memo *m);

typedef struct req {
  web *w;
  struct MHD_Connection *c;
  const char *method;
  char path[1024];   /* the URL's path, decoded */
  sbuf body;         /* a POST's body */
  int too_big;       /* the body passed the limit */
  int bad_upload;    /* a multipart body that could not be read */
  int long_url;      /* the path did not fit in path[] (414) */
  struct timespec t0;
  kvs q;             /* query arguments */
  kvs f;             /* form fields of a POST */
  int json;          /* the client asked for JSON */
  int tls;
  char addr[64];     /* the client's address */
  sz *z;             /* this worker's database handle, or own */
  sz *own;           /* a handle of the request's own (an import) */
  int slow;          /* routed in a thread of its own (web.c) */
  int bg;            /* 1 while that thread runs, 2 when it is done */
  memo *memo;        /* and its totals */
  who u;             /* the user, when logged (u.id != 0) */
  /* the answer */
  int status;
  sbuf out;
  const char *ctype;
  char location[512];
  char cookie[512];       /* Set-Cookie, or "" */
  char disposition[256];  /* Content-Disposition, or "" */
  int cacheable;          /* a static file: may be cached */
  int refresh;            /* a progress page reloads itself after this
                             many seconds (a meta refresh, no script) */
  int retry_after;        /* seconds for Retry-After (503), or 0 */
  int outfd;              /* a file's answer: its open file (already
                             unlinked), sent in place of out; -1: none */
  /* a refused one-field form on a page (restore): the reason at the
   * field, and what was typed */
  const char *field_err, *field_value;
  /* a save's warnings, shown with the saved record (form.c), or NULL */
  const errlist *warns;
  /* a multipart upload: its file, written as it arrives into the
   * server's private upload directory under a name of the server's */
  struct MHD_PostProcessor *pp;
  int upfd;               /* -1 when none */
  char upath[4096];       /* its path */
  char uname[256];        /* the name the client gave (shown, never used) */
  long long ubytes;
  int ukeep;              /* the route keeps the file (a preview) */
} req;

/* The server's private directory for uploads (0700). */
const char *web_upload_dir(const req *r);

/* Work that outlives its request (an audit export): fn(z, arg) in a
 * thread of its own at nice 10, with a database handle of its own (NULL
 * when it cannot be opened) carrying the user's name, role and scope and
 * the request's clock; arg is freed after. A stop waits for it, as for
 * the imports. 0, or -1 when it could not start (arg is then the
 * caller's). */
int web_job(req *r, void (*fn)(sz *z, void *arg), void *arg);
/* Removes the files of the private directory older than an hour. */
void web_sweep(req *r);

/* /audit/… (audit_page.c) and /log… (log_page.c). */
void audit_route(req *r, int post);
void log_route(req *r, int post);

/* The route: fills the answer. */
void route(req *r);

/* ---- HTML (html.c) ---- */

/* s[0..n) escaped for HTML text and attribute values, appended. */
void html_esc(sbuf *o, const char *s, size_t n);
void html_escs(sbuf *o, const char *s);
/* s as one segment of a URL path: letters, digits and - _ . kept, every
 * other byte (a 记 of a voucher) percent-encoded. */
void url_esc(sbuf *o, const char *s);
/* The page's head, the bar with the user and the menu, the main element;
 * title escaped. */
void html_begin(req *r, const char *title);
void html_end(req *r);
/* The links to the pages of a list (none when there is one page): base is
 * its URL with its filters, ending in "?" or "&amp;" (HTML-escaped). */
void html_pages(req *r, const char *base, long page, long pages);
/* The <th scope="col"> cells of part t's columns (class num where the
 * column is not text), for a table a page writes itself. */
void html_heads(sbuf *o, const atable *t);
/* A sink rendering a view's parts as tables into r->out. link: the
 * register whose code column links to its record, or NULL; page, per:
 * the window of rows shown (per 0: all); the totals row sums money and
 * area columns over every row. */
typedef struct html_sink {
  asink s;
  req *r;
  const char *link;
  long page, per, rows;
  const atable *t;
  int64_t *sums;
  int fields; /* a record: one row shown as name/value pairs */
  /* A list read a page at a time: its totals (the rows shown are the
   * page; per is 0), and the links of its column heads: the list's URL
   * with its filters ("/asset?village=...&amp;"), and the order now. */
  const list_totals *tot;
  const char *sort_base, *sort;
} html_sink;
void html_sink_init(html_sink *h, req *r, const char *link, long page,
                    long per);
void html_sink_free(html_sink *h);
/* A sink writing the view as JSON into r->out: a list's part as
 * {"rows":[...],"total":N}, several parts as {"part":[...],...}. */
typedef struct json_sink {
  asink s;
  req *r;
  int parts, rows;
  const atable *t;
  int single; /* one part: {"rows":[...],"total":N} */
  const list_totals *tot; /* a page of a list: the total is its count */
} json_sink;
void json_sink_init(json_sink *j, req *r, int single);
void json_sink_end(json_sink *j);

/* The totals of the list of g that lq keeps (list.c), remembered by the
 * server until the data changes, into t (list_totals_free): 0, or -1 with
 * z->err. Call within a read transaction. */
int page_totals(req *r, const reg *g, const list_query *lq, list_totals *t);

/* The number of findings of the audit of year in the user's scope
 * (list.c), remembered as the totals are; -1 with z->err. Call within a
 * read transaction. */
long page_findings(req *r, int year);

/* The <option>s of a drop-down: sql's rows (value, label), the one equal
 * to cur selected; scoped: limited to the user's scope by column col. */
void form_options(req *r, const char *sql, const char *cur, int scoped,
                  const char *col);

/* A query argument, NULL when absent or empty. */
const char *arg(const req *r, const char *k);
/* The page of a list the query asks for (page, from 1; per, for JSON
 * only, 1 to 1,000): from 0, and 50 rows unless per. */
void page_window(const req *r, long *page, long *per);
/* Appends to url "k=v&amp;" for each key of keys (NULL-terminated) the
 * query has: a list's URL with its filters. */
void keep_args(const req *r, sbuf *url, const char *const *keys);

/* 1 when the user's role writes the registers (村报账员, 乡镇, 管理员). */
int writer(const req *r);

/* The add (code NULL) or edit form of register g, and its submission. */
void form_page(req *r, const reg *g, const char *code);
void form_post(req *r, const reg *g, const char *code);
/* On a record's page answering a save: 已保存 and the save's warnings. */
void saved_note(req *r);

/* Importing a sheet: the upload form, its check (a preview), and the
 * confirmation of upload `id`. */
void import_page(req *r, const reg *g);
void import_post(req *r, const reg *g);
void import_confirm(req *r, const reg *g, const char *id);

/* A list filter naming an organisation (village or township, NULL:
 * none): 1 when it exists and lies within the user's scope (or contains
 * it), else 0 (the answer is then 404). */
int filter_ok(req *r, const char *village, const char *township);

/* One record's page (HTML or JSON): 404 outside the scope. */
void record_page(req *r, const reg *g, const char *code);

/* ---- download.c ---- */

/* On a record's page: when the record is voided, 已作废 with its reason
 * and, for a writer, the form to restore it; returns 1 then, else 0. */
int voided_note(req *r, const reg *g, const char *code);
/* POST /{reg}/{code}/restore. */
void restore_post(req *r, const reg *g, const char *code);
/* GET /{reg}/template.csv|xlsx (template 1) and /{reg}/export.csv|xlsx
 * (xlsx 1: the workbook). */
void download(req *r, const reg *g, int template, int xlsx);
/* The list toolbar's links (for list_page, after 导出 CSV): the .xlsx
 * downloads (the export with the filter village or township), the voided
 * records, the notice board's print page (of the village filtered). */
void list_downloads(req *r, const reg *g, const char *village,
                    const char *township);
/* The village's notice (notice.h) for year up to as_of, as JSON. */
void notice_json(req *r, const char *village, int year, const char *as_of);
/* GET /{reg}/print?village=V: the notice board's print page. */
void print_page(req *r, const reg *g);
/* Content-Disposition: attachment, with an ASCII file name and the real
 * (Chinese) one by RFC 6266. */
void disposition(req *r, const char *ascii, const char *name);

/* A refusal's reasons as JSON, replacing the answer:
 * {"errors":[{"row":R,"field":"原值","key":"original_value","message":"…"}]}. */
void errors_json(req *r, const errlist *e);

/* /admin/…: the users (管理员 only; every other role 403). */
void admin_route(req *r, int post);

/* /public/…: 村务公开 without login (public.c); get: a GET or HEAD. */
void public_route(req *r, int get);
/* On a print page: the QR code of village's public page with 扫码查看本村
 * 三资公开信息 and the address (nothing when public_pages is 0). */
void public_qr_figure(req *r, const char *village);

/* /contract/overdue[.csv|.xlsx] (file 0, 1, 2): the overdue receivables
 * (overdue.c); on a contract's page, its schedule with receipts. */
void overdue_page(req *r, int file);
void schedule_part(req *r, const char *code);
/* The same parts ("instalments", "received") into sink to: 0 or -1. */
int schedule_parts(req *r, const char *code, asink *to);
/* /disposal…: disposal filings (disposal_page.c). */
void disposal_route(req *r, int post);

/* Answers: an error page (or JSON error) with status and message; a
 * redirect (303). */
void answer_error(req *r, int status, const char *msg);
void answer_redirect(req *r, const char *to);
/* A redirect (303) to the page of record code of register g. */
void answer_to_record(req *r, const reg *g, const char *code);

#endif
