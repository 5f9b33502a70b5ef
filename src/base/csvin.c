/* csvin.c: a streaming CSV reader over libcsv that delivers UTF-8 records.
 *
 * The input is read in fixed chunks (CHUNK bytes). UTF-8 input is parsed in
 * place; GB18030 and UTF-16 are converted to UTF-8 with iconv first (a
 * multibyte sequence cut by the chunk end is carried to the next chunk).
 * The UTF-8 text is checked (well-formed, no NUL) and fed to libcsv in
 * slices of at most SLICE bytes. The callbacks append fields to one byte
 * buffer per batch (offsets, no per-field malloc) and complete records to a
 * queue; csvin_next hands the queued records out one at a time and parses
 * the next slice only when the queue is empty, so memory is bounded by the
 * chunk and slice sizes plus the longest record, not by the file.
 *
 * Row numbers: libcsv with CSV_REPALL_NL reports every unquoted CR or LF
 * that is not inside a record as an empty row (a cb2 call with no fields
 * before it). So "a\r\n" gives a row ending in CR, then an empty row ending
 * in LF: an empty LF row right after a CR row end is the second half of a
 * CRLF and is dropped. Every other empty row is a blank line and is returned
 * as a record with one empty field. Each record (blank or not) is one row,
 * as a spreadsheet counts them.
 *
 * libcsv trims spaces and tabs around an unquoted field; a quoted field
 * keeps them (csvout quotes a field with leading or trailing blanks).
 *
 * Threads: after csvin_open has read the first chunk and decided the
 * encoding, a reader thread does the reading, converting, checking and
 * parsing, and hands complete records over in blocks of about BLOCK_ROWS;
 * the caller takes them from the current block. Two blocks alternate, so a
 * large import parses on one core while it inserts on the other. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE                     /* O_CLOEXEC, ssize_t, iconv */
#endif
#include "base/csvin.h"
#include "base/i18n.h"
#include "base/util.h"

#include <csv.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define CHUNK (256 * 1024)        /* bytes read from the file at a time */
#define SLICE (64 * 1024)         /* bytes fed to libcsv at a time */
#define SNIFF (64 * 1024)         /* bytes looked at to tell UTF-8/GB18030 */
#define MAX_FIELD (16 * 1024 * 1024)
#define MAX_RECORD (64 * 1024 * 1024)
#define MAX_FIELDS 65536

struct qfield {
  size_t off;                     /* into qb */
  size_t n;
};

struct qrec {
  size_t f0;                      /* first field, index into qf */
  int nf;
  long row;
};

/* Complete records handed from the reader thread to the caller. */
struct block {
  char *qb;
  size_t qblen, qbcap;
  struct qfield *qf;
  size_t qfn, qfcap;
  struct qrec *qr;
  size_t qrn, qrcap, qhead;
  int err, finished;              /* what follows the records */
  long long done;
  sbuf extra;                     /* the hook's output, all records */
  size_t *xoff;                   /* per record: where its output starts */
  size_t xcap;
};

#define BLOCK_ROWS 4096
#define BLOCK_BYTES (1u << 20)

struct csvin {
  int lang; /* of the messages */
  /* the hand-over between the threads */
  pthread_t th;
  int threaded;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct block blk[2];
  struct block *ready;            /* filled, waiting for the caller */
  struct block *cur;              /* the caller's */
  int stop;                       /* the caller closes early */
  int started;
  csvin_hook hook;
  void *hook_ctx;
  char errcopy[256];
  long long donecopy;

  int fd;
  int own_fd;
  const char *encname;
  iconv_t cd;                     /* (iconv_t)-1 when the input is UTF-8 */
  int utf8;                       /* 1: UTF-8 input, parsed in place */

  unsigned char *raw;             /* bytes as read */
  size_t rpos, rlen;              /* iconv mode: [rpos, rlen) unconverted */
  int rwait;                      /* iconv mode: tail incomplete, read more */
  unsigned char *conv;            /* iconv output */
  size_t convcap;
  int firstconv;                  /* the next conversion is the first one */
  const unsigned char *t;         /* UTF-8 text ready to parse */
  size_t tpos, tlen;
  int twait;                      /* UTF-8 mode: tail incomplete, read more */
  int eof;
  int deferred;                   /* iconv error after the converted text */
  int deferred_errno;
  int finished;                   /* csv_fini has run */
  long long done, total;

  struct csv_parser p;

  char *qb;                       /* field bytes of the queued records */
  size_t qblen, qbcap;
  struct qfield *qf;
  size_t qfn, qfcap;
  struct qrec *qr;
  size_t qrn, qrcap, qhead;
  size_t curf0, curb0;            /* the record being parsed starts here */
  long rows;                      /* records completed so far */
  int lastterm;                   /* what ended the last row */

  csvfield *out;
  size_t outcap;
  csvfield *hookf;                /* the reader thread's view for the hook */
  size_t hookcap;

  int err;
  char errmsg[256];
};

/* The length of the longest prefix of s[0..n) that is well-formed UTF-8
 * (Unicode table 3-7: no overlongs, no surrogates, nothing above U+10FFFF)
 * without a NUL byte. When it stops short of n because s ends inside a
 * sequence that could still be completed, *trunc is set to 1. */
static size_t utf8_prefix(const unsigned char *s, size_t n, int *trunc)
{
  size_t i = 0;
  *trunc = 0;
  while(i < n) {
    unsigned c = s[i];
    if(c < 0x80) {
      /* ASCII: eight bytes at a time while there is no high bit, no NUL */
      while(n - i >= 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if((v & UINT64_C(0x8080808080808080)) ||
           ((v - UINT64_C(0x0101010101010101)) & ~v &
            UINT64_C(0x8080808080808080)))
          break;
        i += 8;
      }
      while(i < n && s[i] < 0x80) {
        if(!s[i])
          return i;
        i++;
      }
      continue;
    }
    /* runs of three-byte characters (CJK) */
    while(n - i >= 3 && (c & 0xF0) == 0xE0) {
      unsigned b1 = s[i + 1], b2 = s[i + 2], cp;
      if(((b1 | (b2 << 8)) & 0xC0C0) != 0x8080)
        return i;
      cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if(cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
        return i;
      i += 3;
      if(i >= n)
        return n;
      c = s[i];
    }
    if(c < 0x80 || ((c & 0xF0) == 0xE0 && n - i >= 3))
      continue;
    if(n - i >= 4) {
      /* a whole sequence is there: check it by its code point */
      unsigned b1 = s[i + 1], b2 = s[i + 2], b3 = s[i + 3], cp;
      if(c < 0xE0) {
        if(c < 0xC2 || (b1 & 0xC0) != 0x80)
          return i;
        i += 2;
        continue;
      }
      if(c > 0xF4 ||
         ((b1 | (b2 << 8) | (b3 << 16)) & 0xC0C0C0) != 0x808080)
        return i;
      cp = ((c & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) |
           (b3 & 0x3F);
      if(cp < 0x10000 || cp > 0x10FFFF)
        return i;
      i += 4;
      continue;
    }
    /* near the end: the sequence may be cut off */
    size_t len, k;
    unsigned lo = 0x80, hi = 0xBF;  /* range of the second byte */
    if(c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if(c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if(c == 0xE0)
        lo = 0xA0;
      else if(c == 0xED)
        hi = 0x9F;
    }
    else if(c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if(c == 0xF0)
        lo = 0x90;
      else if(c == 0xF4)
        hi = 0x8F;
    }
    else
      return i;
    for(k = 1; k < len; k++) {
      if(i + k >= n) {
        *trunc = 1;
        return i;
      }
      unsigned b = s[i + k];
      if(k == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
        return i;
    }
    i += len;
  }
  return n;
}

static void set_error(csvin *r, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));

static void set_error(csvin *r, const char *fmt, ...)
{
  va_list ap;
  if(r->err)
    return;                       /* keep the first error */
  va_start(ap, fmt);
  vsnprintf(r->errmsg, sizeof(r->errmsg), fmt, ap);
  va_end(ap);
  r->err = 1;
}

/* libcsv field callback: append the field to the current record. After an
 * error the parse cannot be stopped, so everything else is ignored. */
static void cb_field(void *s, size_t n, void *data)
{
  csvin *r = data;
  if(r->err)
    return;
  if(r->qfn - r->curf0 >= MAX_FIELDS) {
    set_error(r, tr(r->lang, "row %ld: more than %d fields"), r->rows + 1, MAX_FIELDS);
    return;
  }
  if(n > MAX_FIELD || r->qblen - r->curb0 + n > MAX_RECORD) {
    set_error(r, tr(r->lang, "row %ld: %s longer than %d MiB"), r->rows + 1,
              n > MAX_FIELD ? "field" : "record",
              (n > MAX_FIELD ? MAX_FIELD : MAX_RECORD) / (1024 * 1024));
    return;
  }
  if(r->qfn == r->qfcap) {
    r->qfcap = r->qfcap ? r->qfcap * 2 : 1024;
    r->qf = xrealloc(r->qf, r->qfcap * sizeof(*r->qf));
  }
  if(n > r->qbcap - r->qblen) {
    size_t cap = r->qbcap ? r->qbcap : 65536;
    while(n > cap - r->qblen)
      cap *= 2;
    r->qb = xrealloc(r->qb, cap);
    r->qbcap = cap;
  }
  if(n)
    memcpy(r->qb + r->qblen, s, n);
  r->qf[r->qfn].off = r->qblen;
  r->qf[r->qfn].n = n;
  r->qfn++;
  r->qblen += n;
}

/* libcsv row callback: c is the CR or LF that ended the row, -1 at EOF. */
static void cb_row(int c, void *data)
{
  csvin *r = data;
  size_t nf = r->qfn - r->curf0;
  if(r->err)
    return;
  if(!nf) {
    if(c == '\n' && r->lastterm == '\r') {
      r->lastterm = 0;            /* the LF of a CRLF */
      return;
    }
    cb_field(NULL, 0, r);         /* a blank line: one empty field */
    nf = 1;
    if(r->err)
      return;
  }
  r->lastterm = c;
  if(r->qrn == r->qrcap) {
    r->qrcap = r->qrcap ? r->qrcap * 2 : 256;
    r->qr = xrealloc(r->qr, r->qrcap * sizeof(*r->qr));
  }
  r->qr[r->qrn].f0 = r->curf0;
  r->qr[r->qrn].nf = (int)nf;
  r->qr[r->qrn].row = ++r->rows;
  r->qrn++;
  r->curf0 = r->qfn;
  r->curb0 = r->qblen;
}

/* Drop the records handed out; keep the record being parsed. Only called
 * when every queued record has been handed out. */
static void queue_reset(csvin *r)
{
  size_t nf = r->qfn - r->curf0, nb = r->qblen - r->curb0, i;
  if(r->curf0) {
    memmove(r->qf, r->qf + r->curf0, nf * sizeof(*r->qf));
    for(i = 0; i < nf; i++)
      r->qf[i].off -= r->curb0;
  }
  if(r->curb0 && nb)
    memmove(r->qb, r->qb + r->curb0, nb);
  r->qfn = nf;
  r->qblen = nb;
  r->curf0 = r->curb0 = 0;
  r->qrn = r->qhead = 0;
}

static void parse(csvin *r, const unsigned char *s, size_t n)
{
  size_t got = csv_parse(&r->p, s, n, cb_field, cb_row, r);
  if(r->err)
    return;                       /* a callback found an error first */
  if(got < n) {
    if(csv_error(&r->p) == CSV_EPARSE)
      set_error(r, tr(r->lang, "row %ld: malformed quotes"), r->rows + 1);
    else
      set_error(r, tr(r->lang, "row %ld: %s"), r->rows + 1,
                csv_strerror(csv_error(&r->p)));
    return;
  }
  /* the field libcsv is still collecting: stop a runaway quote before it
     takes the whole file into memory */
  if(r->p.entry_pos > MAX_FIELD)
    set_error(r, tr(r->lang, "row %ld: field longer than %d MiB "
              "(unterminated quoted field?)"), r->rows + 1,
              MAX_FIELD / (1024 * 1024));
}

/* The bytes at p (at most 4, up to the next ASCII byte, n available) as
 * hex for a message: "E4 BD". */
static void hex_bytes(const unsigned char *p, size_t n, char *out)
{
  size_t i, len = 0;
  out[0] = 0;
  for(i = 0; i < n && i < 4 && (i == 0 || p[i] >= 0x80); i++)
    len += (size_t)snprintf(out + len, 4, "%s%02X", i ? " " : "", p[i]);
}

/* The text at p (n bytes available) is not valid: say so for the row the
 * parser has reached (it has consumed everything before the bad bytes),
 * with the bytes. */
static void bad_text(csvin *r, const unsigned char *p, size_t n, int nul)
{
  char hex[16];
  hex_bytes(p, n, hex);
  if(nul)
    set_error(r, tr(r->lang, "row %ld: NUL character in data"), r->rows + 1);
  else if(r->utf8)
    set_error(r, tr(r->lang, "row %ld: invalid UTF-8 (bytes %s); if this "
                             "file is GBK, say --encoding gb18030"),
              r->rows + 1, hex);
  else
    set_error(r, tr(r->lang, "row %ld: invalid %s byte sequence (bytes %s)"),
              r->rows + 1, r->encname, hex);
}

/* Check and parse the next slice of text. */
static void feed(csvin *r)
{
  const unsigned char *s = r->t + r->tpos;
  size_t avail = r->tlen - r->tpos, n = avail < SLICE ? avail : SLICE, k;
  int trunc;
  if(n < avail) {
    /* end the slice on a character boundary (or give up after three
       continuation bytes: the checker will reject them) */
    size_t m = n;
    while(m > n - 3 && (s[m] & 0xC0) == 0x80)
      m--;
    n = m;
  }
  k = utf8_prefix(s, n, &trunc);
  if(k)
    parse(r, s, k);
  r->tpos += k;
  if(r->err || k == n)
    return;
  if(trunc && n == avail && r->utf8 && !r->eof) {
    r->twait = 1;                 /* the rest of it is in the next chunk */
    return;
  }
  bad_text(r, s + k, avail - k, s[k] == 0);
}

/* Convert raw[rpos..rlen) into conv. */
static void convert(csvin *r)
{
  char *in = (char *)r->raw + r->rpos, *out = (char *)r->conv;
  size_t inleft = r->rlen - r->rpos, outleft = r->convcap;
  size_t rc = iconv(r->cd, &in, &inleft, &out, &outleft);
  int e = errno;
  r->rpos = r->rlen - inleft;
  r->t = r->conv;
  r->tpos = 0;
  r->tlen = r->convcap - outleft;
  if(r->firstconv && r->tlen) {
    r->firstconv = 0;
    /* a BOM (U+FEFF) in the source encoding */
    if(r->tlen >= 3 && !memcmp(r->conv, "\xEF\xBB\xBF", 3))
      r->tpos = 3;
  }
  if(rc != (size_t)-1 || e == E2BIG)
    return;
  if(e == EINVAL)
    r->rwait = 1;
  else {
    r->deferred = 1;              /* after the text before it is parsed */
    r->deferred_errno = e;
  }
}

/* Fill raw[have..CHUNK) from the file; sets eof. Returns bytes read or -1
 * on a read error (errno set). */
static ssize_t fill(csvin *r, size_t have)
{
  size_t got = have;
  while(got < CHUNK) {
    ssize_t k = read(r->fd, r->raw + got, CHUNK - got);
    if(k < 0) {
      if(errno == EINTR)
        continue;
      return -1;
    }
    if(!k) {
      r->eof = 1;
      break;
    }
    got += (size_t)k;
  }
  r->done += (long long)(got - have);
  return (ssize_t)(got - have);
}

static void read_more(csvin *r)
{
  size_t keep;
  ssize_t got;
  if(r->utf8) {
    keep = r->tlen - r->tpos;
    memmove(r->raw, r->raw + r->tpos, keep);
    r->t = r->raw;
    r->tpos = 0;
    r->tlen = keep;
  }
  else {
    keep = r->rlen - r->rpos;
    memmove(r->raw, r->raw + r->rpos, keep);
    r->rpos = 0;
  }
  r->rlen = keep;
  r->twait = r->rwait = 0;
  got = fill(r, keep);
  if(got < 0) {
    set_error(r, tr(r->lang, "row %ld: read error: %s"), r->rows + 1, tr_errno(r->lang, errno));
    return;
  }
  r->rlen = keep + (size_t)got;
  if(r->utf8)
    r->tlen = r->rlen;
}

/* One step of work: parse a slice, convert, read, or finish. */
static void step(csvin *r)
{
  if(r->tpos < r->tlen && !r->twait) {
    feed(r);
    return;
  }
  if(r->deferred) {
    if(r->deferred_errno == EILSEQ)
      bad_text(r, r->raw + r->rpos, r->rlen - r->rpos, 0);
    else
      set_error(r, tr(r->lang, "row %ld: cannot convert from %s: %s"), r->rows + 1,
                r->encname, tr_errno(r->lang, r->deferred_errno));
    return;
  }
  if(!r->utf8 && r->rpos < r->rlen && !r->rwait) {
    convert(r);
    return;
  }
  if(!r->eof) {
    read_more(r);
    return;
  }
  if(!r->utf8 && r->rpos < r->rlen) {
    /* the file ends inside a character */
    bad_text(r, r->raw + r->rpos, r->rlen - r->rpos, 0);
    return;
  }
  if(csv_fini(&r->p, cb_field, cb_row, r) != 0 && !r->err) {
    if(csv_error(&r->p) == CSV_EPARSE)
      set_error(r, tr(r->lang, "row %ld: unterminated quoted field"), r->rows + 1);
    else
      set_error(r, tr(r->lang, "row %ld: %s"), r->rows + 1,
                csv_strerror(csv_error(&r->p)));
  }
  r->finished = 1;
}

/* Decide the encoding from the first chunk (raw[0..rlen)). Returns the
 * number of BOM bytes to skip. */
static size_t detect(csvin *r, enum csv_encoding enc)
{
  const unsigned char *b = r->raw;
  size_t n = r->rlen;
  int bom8 = n >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF;
  int le = n >= 2 && b[0] == 0xFF && b[1] == 0xFE;
  int be = n >= 2 && b[0] == 0xFE && b[1] == 0xFF;

  if(enc == ENC_AUTO) {
    if(bom8)
      enc = ENC_UTF8;
    else if(le || be)
      enc = ENC_UTF16;
    else {
      /* UTF-8 when the first SNIFF bytes (NUL aside) are, or when their
         valid multi-byte characters outnumber the bad bytes by far: one
         stray byte in a UTF-8 file is an error on its row, not a sign of
         GB18030, whose text is seldom valid UTF-8 for long */
      size_t w = n < SNIFF ? n : SNIFF, i = 0, multi = 0, bad = 0;
      int trunc = 0;
      while(i < w) {
        size_t k = utf8_prefix(b + i, w - i, &trunc);
        for(size_t j = i; j < i + k; j++)
          multi += (b[j] & 0xC0) == 0xC0;
        i += k;
        if(i >= w || (trunc && w < n))
          break;
        bad += b[i] != 0;
        i++;
      }
      enc = bad == 0 || multi >= 4 * bad ? ENC_UTF8 : ENC_GB18030;
    }
  }
  switch(enc) {
  case ENC_UTF16:
    if(le || be) {
      r->encname = le ? "UTF-16LE" : "UTF-16BE";
      return 2;
    }
    else {
      /* no BOM: ASCII text has its zero bytes at odd offsets in LE */
      size_t w = n < SNIFF ? n : SNIFF, i, even = 0, odd = 0;
      for(i = 0; i < w; i++)
        if(!b[i]) {
          if(i & 1)
            odd++;
          else
            even++;
        }
      r->encname = odd >= even ? "UTF-16LE" : "UTF-16BE";
    }
    return 0;
  case ENC_GB18030:
    r->encname = "GB18030";
    return 0;
  default:
    r->encname = "UTF-8";
    r->utf8 = 1;
    return bom8 ? 3 : 0;
  }
}

static void start_reader(csvin *r);

csvin *csvin_open(const char *path, enum csv_encoding enc, int lang,
                  char *err, size_t errlen)
{
  csvin *r;
  int fd;
  struct stat st;
  size_t skip;

  if(!strcmp(path, "-"))
    fd = 0;
  else {
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if(fd < 0) {
      set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
              tr_errno(lang, errno));
      return NULL;
    }
  }
  r = xcalloc(1, sizeof(*r));
  r->lang = lang;
  r->fd = fd;
  r->own_fd = strcmp(path, "-") != 0;
  r->cd = (iconv_t)-1;
  r->raw = xmalloc(CHUNK);
  if(!fstat(fd, &st) && S_ISREG(st.st_mode))
    r->total = (long long)st.st_size;
  if(fill(r, 0) < 0) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
              tr_errno(lang, errno));
    csvin_close(r);
    return NULL;
  }
  r->rlen = (size_t)r->done;
  skip = detect(r, enc);
  if(r->utf8) {
    r->t = r->raw;
    r->tpos = skip;
    r->tlen = r->rlen;
  }
  else {
    r->cd = iconv_open("UTF-8", r->encname);
    if(r->cd == (iconv_t)-1) {
      set_err(err, errlen, tr(lang, "cannot convert '%s' from %s: %s"), path,
              r->encname, tr_errno(r->lang, errno));
      csvin_close(r);
      return NULL;
    }
    r->rpos = skip;
    r->convcap = CHUNK * 2;       /* GB18030, UTF-16: at most 3/2 growth */
    r->conv = xmalloc(r->convcap);
    r->firstconv = !skip;         /* else the BOM is already skipped */
  }
  csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
  csv_set_realloc_func(&r->p, xrealloc);
  csv_set_blk_size(&r->p, 16384);
  return r;
}

/* The records parsed so far, copied into b; the record being parsed stays
 * behind. */
static void fill_block(csvin *r, struct block *b)
{
  size_t nb = r->curb0, nf = r->curf0, nr = r->qrn;
  if(nb > b->qbcap) {
    b->qbcap = nb * 2;
    b->qb = xrealloc(b->qb, b->qbcap);
  }
  if(nf > b->qfcap) {
    b->qfcap = nf * 2;
    b->qf = xrealloc(b->qf, b->qfcap * sizeof(*b->qf));
  }
  if(nr > b->qrcap) {
    b->qrcap = nr * 2;
    b->qr = xrealloc(b->qr, b->qrcap * sizeof(*b->qr));
  }
  if(nb)
    memcpy(b->qb, r->qb, nb);
  if(nf)
    memcpy(b->qf, r->qf, nf * sizeof(*b->qf));
  if(nr)
    memcpy(b->qr, r->qr, nr * sizeof(*b->qr));
  b->qblen = nb;
  b->qfn = nf;
  b->qrn = nr;
  b->qhead = 0;
  b->err = r->err;
  b->finished = r->finished;
  b->done = r->done;
  if(r->hook) {
    /* The records are where they will be handed out from: apply the hook. */
    csvrec rec;
    if(nr + 1 > b->xcap) {
      b->xcap = (nr + 1) * 2;
      b->xoff = xrealloc(b->xoff, b->xcap * sizeof(*b->xoff));
    }
    sb_reset(&b->extra);
    for(size_t i = 0; i < nr; i++) {
      const struct qrec *q = &b->qr[i];
      if((size_t)q->nf > r->hookcap) {
        r->hookcap = (size_t)q->nf * 2;
        r->hookf = xrealloc(r->hookf, r->hookcap * sizeof(*r->hookf));
      }
      for(int k = 0; k < q->nf; k++) {
        r->hookf[k].p = b->qb + b->qf[q->f0 + (size_t)k].off;
        r->hookf[k].n = b->qf[q->f0 + (size_t)k].n;
      }
      rec.row = q->row;
      rec.nfields = q->nf;
      rec.f = r->hookf;
      rec.extra = NULL;
      rec.extra_len = 0;
      b->xoff[i] = b->extra.len;
      r->hook(r->hook_ctx, &rec, &b->extra);
    }
    b->xoff[nr] = b->extra.len;
  }
  r->qhead = r->qrn;
  queue_reset(r);
}

static void *reader(void *arg)
{
  csvin *r = arg;
  struct block *b = &r->blk[1];
  for(;;) {
    while(!r->err && !r->finished && r->qrn < BLOCK_ROWS &&
          r->curb0 < BLOCK_BYTES)
      step(r);
    fill_block(r, b);
    pthread_mutex_lock(&r->mu);
    while(r->ready && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    if(r->stop) {
      pthread_mutex_unlock(&r->mu);
      break;
    }
    if(b->err)
      memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
    r->ready = b;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if(b->err || b->finished)
      break;
    /* The caller hands a spent block back by taking the ready one. */
    b = b == &r->blk[0] ? &r->blk[1] : &r->blk[0];
    pthread_mutex_lock(&r->mu);
    while(r->cur == b && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    int stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    if(stop)
      break;
  }
  return NULL;
}

static void start_reader(csvin *r)
{
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->cv, NULL);
  r->cur = &r->blk[0];
  r->cur->finished = 0;
  r->cur->qrn = r->cur->qhead = 0;
  if(pthread_create(&r->th, NULL, reader, r) == 0)
    r->threaded = 1;
}

void csvin_set_hook(csvin *r, csvin_hook fn, void *ctx)
{
  r->hook = fn;
  r->hook_ctx = ctx;
}

int csvin_next(csvin *r, csvrec *rec)
{
  if(!r->started) {
    r->started = 1;
    start_reader(r);
  }
  for(;;) {
    struct block *b = r->cur;
    if(b->qhead < b->qrn) {
      const struct qrec *q = &b->qr[b->qhead++];
      const struct qfield *f = b->qf + q->f0;
      int i;
      if((size_t)q->nf > r->outcap) {
        r->outcap = (size_t)q->nf * 2;
        r->out = xrealloc(r->out, r->outcap * sizeof(*r->out));
      }
      /* a block of empty fields has no text buffer at all */
      for(i = 0; i < q->nf; i++) {
        r->out[i].p = b->qb ? b->qb + f[i].off : "";
        r->out[i].n = f[i].n;
      }
      rec->row = q->row;
      rec->nfields = q->nf;
      rec->f = r->out;
      rec->extra = NULL;
      rec->extra_len = 0;
      if(r->hook) {
        size_t k = b->qhead - 1;
        rec->extra = b->extra.buf + b->xoff[k];
        rec->extra_len = b->xoff[k + 1] - b->xoff[k];
      }
      return 1;
    }
    if(b->err)
      return -1;
    if(b->finished)
      return 0;
    if(!r->threaded) {
      /* No thread could be started: parse here, a block at a time. */
      while(!r->err && !r->finished && r->qrn < BLOCK_ROWS)
        step(r);
      fill_block(r, b);
      if(b->err)
        memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
      r->donecopy = b->done;
      continue;
    }
    pthread_mutex_lock(&r->mu);
    while(!r->ready)
      pthread_cond_wait(&r->cv, &r->mu);
    r->cur = r->ready;
    r->ready = NULL;
    r->donecopy = r->cur->done;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
  }
}

const char *csvin_error(const csvin *r)
{
  return r->cur && r->cur->err ? r->errcopy : "";
}

const char *csvin_encoding_name(const csvin *r)
{
  return r->encname;
}

void csvin_progress(const csvin *r, long long *done, long long *total)
{
  *done = r->donecopy;
  *total = r->total;
}

void csvin_close(csvin *r)
{
  if(!r)
    return;
  if(r->threaded) {
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->th, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
  }
  for(int i = 0; i < 2; i++) {
    free(r->blk[i].qb);
    free(r->blk[i].qf);
    free(r->blk[i].qr);
    free(r->blk[i].xoff);
    sb_free(&r->blk[i].extra);
  }
  free(r->hookf);
  if(r->own_fd)
    close(r->fd);
  if(r->cd != (iconv_t)-1)
    iconv_close(r->cd);
  csv_free(&r->p);
  free(r->raw);
  free(r->conv);
  free(r->qb);
  free(r->qf);
  free(r->qr);
  free(r->out);
  free(r);
}
