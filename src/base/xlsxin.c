/* xlsxin.c: a streaming .xlsx reader over libzip and expat.
 *
 * An .xlsx file is a ZIP archive of XML parts. At open: _rels/.rels names
 * the workbook part (xl/workbook.xml), which lists the sheets (name and
 * relationship id) and the date system; the workbook's relationships
 * (xl/_rels/workbook.xml.rels) give each sheet's part and those of the
 * shared strings and the styles. The shared strings are kept in one arena
 * (the text end to end, and an offset per string); the styles are reduced
 * to one byte per cell format: number, date or time.
 *
 * A sheet is read by inflating its part in CHUNK-sized pieces into expat.
 * At the end of each <row> the handler suspends the parser
 * (XML_StopParser(p, XML_TRUE)) and the row is copied out; parsing resumes
 * where it stopped. So only a chunk of XML, libzip's inflate state and the
 * rows waiting to be handed out are in memory, whatever the sheet's size.
 * As in csvin, a reader thread started by xlsxin_select does the parsing
 * and hands complete rows over in blocks of about BLOCK_ROWS (two blocks
 * alternate), so that the caller's work on one core overlaps the
 * inflating and parsing on the other.
 *
 * Every part is read with a limit on its uncompressed size (MAX_PART; the
 * size the ZIP directory declares is checked first, the bytes actually
 * inflated are counted too, since a declared size can lie), a cell may
 * hold at most MAX_CELL characters (Excel's own limit) and a row at most
 * MAX_COLS columns (XFD). A document type declaration is refused: Excel
 * never writes one, and entities are how XML bombs work.
 *
 * Element and attribute names are matched by their local name (after the
 * last ':'), so prefixed parts (<x:row>, as some .NET writers make them)
 * and the strict OOXML namespaces read the same. */
#include "base/xlsxin.h"
#include "base/xlsxfmt.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <expat.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define CHUNK (64 * 1024)
#define MAX_PART (1024LL * 1024 * 1024)   /* uncompressed bytes per part */
#define MAX_CELL 32767                    /* characters per cell */
#define MAX_COLS 16384                    /* A..XFD */
#define MAX_ROWS 1048576L

enum { T_N, T_S, T_STR, T_INLINE, T_B, T_E, T_D };  /* a cell's t= */

struct sheet {
  char *name;
  char *rid;
  char *part;                   /* the sheet's member in the ZIP, or NULL */
};

struct rel {
  char *id, *type, *target;
};

struct numfmt {
  unsigned id;
  unsigned char kind;
};

struct col {
  size_t off, n;                /* into rowbuf, or a block's text */
};

/* Complete rows handed from the reader thread to the caller. */
struct rrow {
  long row;
  size_t f0;                    /* first field, index into f */
  int nf;
};

struct block {
  sbuf text;
  struct col *f;
  size_t nf, fcap;
  struct rrow *r;
  size_t nr, rcap, head;
  int status;                   /* after the rows: 0 more, 1 end, -1 error */
};

#define BLOCK_ROWS 4096
#define BLOCK_BYTES (1u << 20)

struct xlsxin {
  int lang;
  zip_t *z;
  int date1904;
  char *wbpart;                 /* the workbook part */
  struct sheet *sh;
  int nsh, shcap;
  struct rel *rels;
  size_t nrels, relcap;

  /* shared strings: string i is ss[ssoff[i] .. ssoff[i + 1]) */
  char *ss;
  size_t sslen, sscap;
  uint32_t *ssoff;
  size_t nss, ssoffcap;
  size_t si0;                   /* where the string being read starts */

  /* styles: the kind of each cell format (cellXfs) */
  unsigned *xfid;               /* numFmtId per xf, while reading */
  unsigned char *xfkind;
  size_t nxf, xfcap;
  struct numfmt *nf;
  size_t nnf, nfcap;

  /* the part being parsed: where the handlers are */
  const char *partname;
  int depth_xfs;                /* inside <cellXfs> */
  int in_si, in_t, in_rph, in_v, in_is, in_cell, in_row;

  /* the selected sheet */
  int selected, sel;
  zip_file_t *zf;
  XML_Parser p;
  long long inflated;
  int suspended, fed_final, rowready;
  long row, lastrow;
  int ctype, ckind, ccol, nextcol;
  sbuf cell;                    /* the text of the current cell */
  sbuf rowbuf;                  /* the fields of the current row */
  struct col *cols;
  int ncols, colcap;
  csvfield *out;
  int outcap;

  /* the reader thread and the hand-over, as in csvin */
  pthread_t th;
  int threaded;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct block blk[2];
  struct block *ready;          /* filled, waiting for the caller */
  struct block *cur;            /* the caller's */
  int stop;                     /* the caller stops the thread */

  int err;                      /* the parsing side's error */
  char errmsg[512];
  int failed;                   /* the caller's side: errcopy is the error */
  char errcopy[512];
};

static void fail(xlsxin *r, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));

/* Keep the first error; stop the parser running, if any. */
static void fail(xlsxin *r, const char *fmt, ...)
{
  va_list ap;
  if(r->err)
    return;
  va_start(ap, fmt);
  vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
  va_end(ap);
  r->err = 1;
  if(r->p)
    XML_StopParser(r->p, XML_FALSE);
}

/* ---------------------------------------------------------------------- */
/* names, attributes, paths */

static const char *local(const char *name)
{
  const char *c = strrchr(name, ':');
  return c ? c + 1 : name;
}

static int is(const char *name, const char *want)
{
  return !strcmp(local(name), want);
}

static const char *attr(const char **atts, const char *want)
{
  for(; *atts; atts += 2)
    if(is(atts[0], want))
      return atts[1];
  return NULL;
}

/* Does s end with "/" suffix (a relationship type)? */
static int type_is(const char *s, const char *suffix)
{
  size_t n = strlen(s), k = strlen(suffix);
  return n > k && s[n - k - 1] == '/' && !strcmp(s + n - k, suffix);
}

/* The member a relationship target names, relative to the directory of
 * the part base ("xl/workbook.xml" + "worksheets/sheet1.xml"), or absolute
 * ("/xl/worksheets/sheet1.xml"); "." and ".." resolved. Caller frees. */
static char *resolve(const char *base, const char *target)
{
  sbuf sb = {0};
  const char *slash = strrchr(base, '/'), *p;
  if(*target == '/')
    target++;
  else if(slash)
    sb_add(&sb, base, (size_t)(slash - base + 1));
  for(p = target; *p;) {
    const char *e = strchr(p, '/');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    if(n == 2 && p[0] == '.' && p[1] == '.') {
      /* drop the last directory of sb */
      if(sb.len) {
        sb.len--;
        while(sb.len && sb.buf[sb.len - 1] != '/')
          sb.len--;
        sb.buf[sb.len] = 0;
      }
    }
    else if(n && !(n == 1 && p[0] == '.')) {
      sb_add(&sb, p, n);
      if(e)
        sb_addch(&sb, '/');
    }
    p = e ? e + 1 : p + n;
  }
  if(!sb.buf)
    sb_addstr(&sb, "");
  return sb_detach(&sb);
}

/* ---------------------------------------------------------------------- */
/* the ZIP members */

/* libzip's reason, in the reader's language where it matters. */
static const char *zip_reason(xlsxin *r, zip_error_t *ze)
{
  switch(zip_error_code_zip(ze)) {
  case ZIP_ER_NOZIP:
  case ZIP_ER_INCONS:
  case ZIP_ER_EOF:
    return tr(r->lang, "not a ZIP file, or a damaged or truncated one");
  case ZIP_ER_CRC:
  case ZIP_ER_ZLIB:
  case ZIP_ER_COMPRESSED_DATA:
    return tr(r->lang, "damaged ZIP file (the compressed data is corrupt)");
  case ZIP_ER_COMPNOTSUPP:
    return tr(r->lang, "compressed with a method this program cannot read");
  case ZIP_ER_ENCRNOTSUPP:
  case ZIP_ER_NOPASSWD:
  case ZIP_ER_WRONGPASSWD:
    return tr(r->lang, "the workbook is encrypted (remove its password)");
  case ZIP_ER_OPEN:
  case ZIP_ER_READ:
  case ZIP_ER_SEEK:
    if(zip_error_system_type(ze) == ZIP_ET_SYS)
      return tr_errno(r->lang, zip_error_code_system(ze));
    break;
  case ZIP_ER_MEMORY:
    return tr_errno(r->lang, ENOMEM);
  }
  return zip_error_strerror(ze);
}

/* Opens member name (case-insensitively). Returns NULL: absent (no
 * error), or an error set (too large, unreadable). */
static zip_file_t *member_open(xlsxin *r, const char *name)
{
  zip_stat_t st;
  zip_int64_t i = zip_name_locate(r->z, name, ZIP_FL_NOCASE);
  zip_file_t *f;
  if(i < 0)
    return NULL;
  if(zip_stat_index(r->z, (zip_uint64_t)i, 0, &st) == 0 &&
     (st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)MAX_PART) {
    fail(r, tr(r->lang, "'%s' inside the workbook is %llu MiB uncompressed, "
               "more than the limit of %lld MiB (a damaged file?)"),
         name, (unsigned long long)(st.size >> 20), MAX_PART >> 20);
    return NULL;
  }
  f = zip_fopen_index(r->z, (zip_uint64_t)i, 0);
  if(!f)
    fail(r, tr(r->lang, "cannot read '%s' inside the workbook: %s"), name,
         zip_reason(r, zip_get_error(r->z)));
  return f;
}

/* Inflates up to n bytes of member f into buf: the count, or -1 with an
 * error set (a read error, or more than MAX_PART bytes in all). */
static long member_read(xlsxin *r, zip_file_t *f, const char *name,
                        long long *total, char *buf, size_t n)
{
  zip_int64_t got = zip_fread(f, buf, n);
  if(got < 0) {
    fail(r, tr(r->lang, "cannot read '%s' inside the workbook: %s"), name,
         zip_reason(r, zip_file_get_error(f)));
    return -1;
  }
  *total += got;
  if(*total > MAX_PART) {
    fail(r, tr(r->lang, "'%s' inside the workbook is more than %lld MiB "
               "uncompressed (a damaged file?)"), name, MAX_PART >> 20);
    return -1;
  }
  return (long)got;
}

static void XMLCALL no_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
  xlsxin *r = ud;
  (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
  fail(r, tr(r->lang, "'%s' inside the workbook has a document type "
             "declaration, which Excel never writes"), r->partname);
}

static XML_Parser parser_new(xlsxin *r, XML_StartElementHandler start,
                             XML_EndElementHandler end,
                             XML_CharacterDataHandler text)
{
  XML_Parser p = XML_ParserCreate(NULL);
  if(!p)
    abort();                    /* layers: allow (out of memory) */
  XML_SetUserData(p, r);
  XML_SetElementHandler(p, start, end);
  XML_SetCharacterDataHandler(p, text);
  XML_SetStartDoctypeDeclHandler(p, no_doctype);
  return p;
}

static void xml_failed(xlsxin *r, XML_Parser p, const char *name)
{
  fail(r, tr(r->lang, "'%s' inside the workbook is damaged: XML error at "
             "line %lu: %s"), name, (unsigned long)XML_GetCurrentLineNumber(p),
       XML_ErrorString(XML_GetErrorCode(p)));
}

/* Parses the whole member name with the handlers. 1: done; 0: there is
 * no such member; -1: error set. */
static int parse_part(xlsxin *r, const char *name,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text)
{
  zip_file_t *f = member_open(r, name);
  long long total = 0;
  int rc = 1;
  if(!f)
    return r->err ? -1 : 0;
  r->partname = name;
  r->p = parser_new(r, start, end, text);
  for(;;) {
    void *buf = XML_GetBuffer(r->p, CHUNK);
    long n;
    if(!buf)
      abort();                  /* layers: allow (out of memory) */
    n = member_read(r, f, name, &total, buf, CHUNK);
    if(n < 0 || XML_ParseBuffer(r->p, (int)n, n == 0) != XML_STATUS_OK) {
      if(!r->err)
        xml_failed(r, r->p, name);
      rc = -1;
      break;
    }
    if(n == 0)
      break;
  }
  XML_ParserFree(r->p);
  r->p = NULL;
  zip_fclose(f);
  return rc;
}

/* ---------------------------------------------------------------------- */
/* the package, the workbook and its relationships */

static void XMLCALL pkg_start(void *ud, const XML_Char *name,
                              const XML_Char **atts)
{
  xlsxin *r = ud;
  const char *type = attr(atts, "Type"), *target = attr(atts, "Target");
  if(is(name, "Relationship") && type && target && !r->wbpart &&
     type_is(type, "officeDocument"))
    r->wbpart = resolve("", target);
}

static void XMLCALL wb_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
  xlsxin *r = ud;
  if(is(name, "workbookPr")) {
    const char *v = attr(atts, "date1904");
    r->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
  }
  else if(is(name, "sheet")) {
    const char *n = attr(atts, "name"), *id = attr(atts, "id");
    if(r->nsh == r->shcap) {
      r->shcap = r->shcap ? r->shcap * 2 : 8;
      r->sh = xrealloc(r->sh, (size_t)r->shcap * sizeof(*r->sh));
    }
    r->sh[r->nsh].name = xstrdup(n ? n : "");
    r->sh[r->nsh].rid = id ? xstrdup(id) : NULL;
    r->sh[r->nsh].part = NULL;
    r->nsh++;
  }
}

static void XMLCALL rels_start(void *ud, const XML_Char *name,
                               const XML_Char **atts)
{
  xlsxin *r = ud;
  const char *id = attr(atts, "Id"), *type = attr(atts, "Type");
  const char *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
  if(!is(name, "Relationship") || !id || !type || !target ||
     (mode && !strcmp(mode, "External")))
    return;
  if(r->nrels == r->relcap) {
    r->relcap = r->relcap ? r->relcap * 2 : 16;
    r->rels = xrealloc(r->rels, r->relcap * sizeof(*r->rels));
  }
  r->rels[r->nrels].id = xstrdup(id);
  r->rels[r->nrels].type = xstrdup(type);
  r->rels[r->nrels].target = resolve(r->wbpart, target);
  r->nrels++;
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
  (void)ud, (void)name;
}

static void XMLCALL no_text(void *ud, const XML_Char *s, int len)
{
  (void)ud, (void)s, (void)len;
}

/* The target of the first relationship of the workbook of this type. */
static const char *rel_of_type(const xlsxin *r, const char *type)
{
  for(size_t i = 0; i < r->nrels; i++)
    if(type_is(r->rels[i].type, type))
      return r->rels[i].target;
  return NULL;
}

/* ---------------------------------------------------------------------- */
/* the shared strings */

/* Decodes Excel's escapes of characters XML cannot hold, "_xHHHH_" (a
 * carriage return is "_x000D_", a literal "_x" is written "_x005F_x"), in
 * place; returns the new length. NUL and surrogates stay as written. */
static size_t unescape(char *s, size_t n)
{
  size_t i = 0, o = 0;
  if(!memchr(s, '_', n))
    return n;
  while(i < n) {
    unsigned cp = 0;
    int k;
    if(s[i] == '_' && n - i >= 7 && s[i + 1] == 'x' && s[i + 6] == '_') {
      for(k = 2; k < 6; k++) {
        int c = (unsigned char)s[i + k], v;
        if(c >= '0' && c <= '9')
          v = c - '0';
        else if((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
          v = (c | 0x20) - 'a' + 10;
        else
          break;
        cp = cp * 16 + (unsigned)v;
      }
      if(k == 6 && cp && (cp < 0xD800 || cp > 0xDFFF)) {
        if(cp < 0x80)
          s[o++] = (char)cp;
        else if(cp < 0x800) {
          s[o++] = (char)(0xC0 | (cp >> 6));
          s[o++] = (char)(0x80 | (cp & 0x3F));
        }
        else {
          s[o++] = (char)(0xE0 | (cp >> 12));
          s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
          s[o++] = (char)(0x80 | (cp & 0x3F));
        }
        i += 7;
        continue;
      }
    }
    s[o++] = s[i++];
  }
  return o;
}

/* The number of characters of UTF-8 text (expat gives only valid UTF-8). */
static size_t chars(const char *s, size_t n)
{
  size_t c = 0;
  for(size_t i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

static void XMLCALL sst_start(void *ud, const XML_Char *name,
                              const XML_Char **atts)
{
  xlsxin *r = ud;
  const char *l = local(name);
  (void)atts;
  if(!strcmp(l, "si")) {
    r->in_si = 1;
    r->si0 = r->sslen;
  }
  else if(!strcmp(l, "t"))
    r->in_t = 1;
  else if(!strcmp(l, "rPh"))
    r->in_rph = 1;
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
  xlsxin *r = ud;
  const char *l = local(name);
  if(!strcmp(l, "t"))
    r->in_t = 0;
  else if(!strcmp(l, "rPh"))
    r->in_rph = 0;
  else if(!strcmp(l, "si") && r->in_si) {
    size_t n = unescape(r->ss + r->si0, r->sslen - r->si0);
    r->in_si = 0;
    if(chars(r->ss + r->si0, n) > MAX_CELL) {
      fail(r, tr(r->lang, "shared string %zu is longer than %d characters, "
                 "Excel's limit for a cell"), r->nss, MAX_CELL);
      return;
    }
    r->sslen = r->si0 + n;
    if(r->nss + 2 > r->ssoffcap) {
      r->ssoffcap = r->ssoffcap ? r->ssoffcap * 2 : 1024;
      r->ssoff = xrealloc(r->ssoff, r->ssoffcap * sizeof(*r->ssoff));
    }
    r->ssoff[r->nss++] = (uint32_t)r->si0;
    r->ssoff[r->nss] = (uint32_t)r->sslen;
  }
}

static void XMLCALL sst_text(void *ud, const XML_Char *s, int len)
{
  xlsxin *r = ud;
  size_t n = (size_t)len;
  if(!r->in_si || !r->in_t || r->in_rph)
    return;
  if(r->sslen - r->si0 + n > 4 * (size_t)MAX_CELL + 64) {
    fail(r, tr(r->lang, "shared string %zu is longer than %d characters, "
               "Excel's limit for a cell"), r->nss, MAX_CELL);
    return;
  }
  if(n > r->sscap - r->sslen) {
    size_t cap = r->sscap ? r->sscap : 65536;
    while(n > cap - r->sslen)
      cap *= 2;
    r->ss = xrealloc(r->ss, cap);
    r->sscap = cap;
  }
  memcpy(r->ss + r->sslen, s, n);
  r->sslen += n;
}

/* ---------------------------------------------------------------------- */
/* the styles: which cell formats show dates */

static void XMLCALL styles_start(void *ud, const XML_Char *name,
                                 const XML_Char **atts)
{
  xlsxin *r = ud;
  const char *l = local(name);
  if(!strcmp(l, "cellXfs"))
    r->depth_xfs++;
  else if(!strcmp(l, "xf") && r->depth_xfs) {
    const char *id = attr(atts, "numFmtId");
    if(r->nxf == r->xfcap) {
      r->xfcap = r->xfcap ? r->xfcap * 2 : 64;
      r->xfid = xrealloc(r->xfid, r->xfcap * sizeof(*r->xfid));
    }
    r->xfid[r->nxf++] = id ? (unsigned)strtoul(id, NULL, 10) : 0;
  }
  else if(!strcmp(l, "numFmt")) {
    const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
    if(!id || !code)
      return;
    if(r->nnf == r->nfcap) {
      r->nfcap = r->nfcap ? r->nfcap * 2 : 16;
      r->nf = xrealloc(r->nf, r->nfcap * sizeof(*r->nf));
    }
    r->nf[r->nnf].id = (unsigned)strtoul(id, NULL, 10);
    r->nf[r->nnf].kind = xlsx_format_kind(code);
    r->nnf++;
  }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
  xlsxin *r = ud;
  if(is(name, "cellXfs") && r->depth_xfs)
    r->depth_xfs--;
}

/* Reduces the cell formats to their kinds (a format the file defines
 * overrides a built-in one of the same number). */
static void styles_done(xlsxin *r)
{
  r->xfkind = xmalloc(r->nxf ? r->nxf : 1);
  for(size_t i = 0; i < r->nxf; i++) {
    unsigned id = r->xfid[i];
    size_t k;
    for(k = r->nnf; k > 0 && r->nf[k - 1].id != id; k--)
      ;
    r->xfkind[i] = k ? r->nf[k - 1].kind : xlsx_builtin_kind(id);
  }
  free(r->xfid);
  r->xfid = NULL;
  free(r->nf);
  r->nf = NULL;
}

/* ---------------------------------------------------------------------- */
/* the sheet, a row at a time */

/* "C5" for column index 2 (0-based) of row 5. */
static const char *cellref(long row, int col, char buf[24])
{
  char l[4];
  int n = 0, i = 0;
  col++;
  while(col > 0 && n < 3) {
    l[n++] = (char)('A' + (col - 1) % 26);
    col = (col - 1) / 26;
  }
  while(n)
    buf[i++] = l[--n];
  snprintf(buf + i, (size_t)(24 - i), "%ld", row);
  return buf;
}

/* The elements of a sheet that matter, by their local names; called for
 * every element, so without a library call. */
enum { E_OTHER, E_C, E_V, E_IS, E_T, E_RPH, E_ROW };

static int elem(const char *name)
{
  const char *l = name;
  for(const char *p = name; *p; p++)
    if(*p == ':')
      l = p + 1;
  switch(l[0]) {
  case 'c':
    return l[1] ? E_OTHER : E_C;
  case 'v':
    return l[1] ? E_OTHER : E_V;
  case 't':
    return l[1] ? E_OTHER : E_T;
  case 'i':
    return l[1] == 's' && !l[2] ? E_IS : E_OTHER;
  case 'r':
    if(l[1] == 'o' && l[2] == 'w' && !l[3])
      return E_ROW;
    return l[1] == 'P' && l[2] == 'h' && !l[3] ? E_RPH : E_OTHER;
  }
  return E_OTHER;
}

static void cell_start(xlsxin *r, const XML_Char **atts)
{
  const char *ra = NULL, *ta = NULL, *sa = NULL;
  int col = 0;
  for(; *atts; atts += 2) {
    const char *n = atts[0];
    for(const char *p = n; *p; p++)
      if(*p == ':')
        n = p + 1;
    if(n[0] && !n[1]) {
      if(n[0] == 'r')
        ra = atts[1];
      else if(n[0] == 't')
        ta = atts[1];
      else if(n[0] == 's')
        sa = atts[1];
    }
  }
  r->in_cell = 1;
  r->ctype = T_N;
  r->ckind = XF_NUM;
  sb_reset(&r->cell);
  if(ra && *ra >= 'A' && *ra <= 'Z') {
    for(; *ra >= 'A' && *ra <= 'Z' && col <= MAX_COLS; ra++)
      col = col * 26 + (*ra - 'A' + 1);
    col--;
  }
  else
    col = r->nextcol;
  if(col >= MAX_COLS) {
    fail(r, tr(r->lang, "row %ld: a cell beyond column XFD, the last "
               "Excel has"), r->row);
    return;
  }
  r->ccol = col;
  r->nextcol = col + 1;
  if(ta) {
    if(!strcmp(ta, "s"))
      r->ctype = T_S;
    else if(!strcmp(ta, "str"))
      r->ctype = T_STR;
    else if(!strcmp(ta, "inlineStr"))
      r->ctype = T_INLINE;
    else if(!strcmp(ta, "b"))
      r->ctype = T_B;
    else if(!strcmp(ta, "e"))
      r->ctype = T_E;
    else if(!strcmp(ta, "d"))
      r->ctype = T_D;
  }
  if(sa) {
    unsigned long k = strtoul(sa, NULL, 10);
    if(k < r->nxf)
      r->ckind = r->xfkind[k];
  }
}

static void row_start(xlsxin *r, const XML_Char **atts)
{
  const char *a = attr(atts, "r");
  long row = r->lastrow + 1;
  if(a) {
    char *end;
    row = strtol(a, &end, 10);
    if(end == a || *end)
      row = 0;
  }
  if(row <= r->lastrow || row > MAX_ROWS) {
    if(a && row > 0 && row <= MAX_ROWS)
      fail(r, tr(r->lang, "row %ld comes after row %ld (the rows are out "
                 "of order)"), row, r->lastrow);
    else
      fail(r, tr(r->lang, "after row %ld: a row numbered '%s'"),
           r->lastrow, a ? a : "");
    return;
  }
  r->row = row;
  r->in_row = 1;
  r->ncols = 0;
  r->nextcol = 0;
  sb_reset(&r->rowbuf);
}

static void XMLCALL sheet_start(void *ud, const XML_Char *name,
                                const XML_Char **atts)
{
  xlsxin *r = ud;
  switch(elem(name)) {
  case E_C:
    if(r->in_row)
      cell_start(r, atts);
    break;
  case E_V:
    r->in_v = r->in_cell;
    break;
  case E_IS:
    r->in_is = r->in_cell;
    break;
  case E_T:
    r->in_t = 1;
    break;
  case E_RPH:
    r->in_rph = 1;
    break;
  case E_ROW:
    row_start(r, atts);
    break;
  }
}

/* The current cell's text becomes its field. */
static void cell_done(xlsxin *r)
{
  char *s = r->cell.buf ? r->cell.buf : (char *)"";
  size_t n = r->cell.len;
  char ref[24], iso[32];
  const char *text = s;

  switch(r->ctype) {
  case T_S: {
    char *end;
    unsigned long i = strtoul(s, &end, 10);
    if(end == s || *end || i >= r->nss) {
      fail(r, tr(r->lang, "row %ld: cell %s refers to shared string '%s', "
                 "which the workbook does not have"),
           r->row, cellref(r->row, r->ccol, ref), s);
      return;
    }
    text = r->ss + r->ssoff[i];
    n = r->ssoff[i + 1] - r->ssoff[i];
    break;
  }
  case T_STR:
  case T_INLINE:
    n = unescape(s, n);
    if(chars(s, n) > MAX_CELL) {
      fail(r, tr(r->lang, "row %ld: cell %s is longer than %d characters, "
                 "Excel's limit"), r->row, cellref(r->row, r->ccol, ref),
           MAX_CELL);
      return;
    }
    break;
  case T_B:
    if(n == 1 && (*s == '0' || *s == '1')) {
      text = *s == '1' ? "是" : "否";
      n = strlen(text);
    }
    break;
  case T_D:
    n = xlsx_iso_cell(s, n);
    break;
  case T_E:
    break;
  default:
    if(n && r->ckind != XF_NUM &&
       xlsx_serial_iso(s, r->ckind, r->date1904, iso)) {
      text = iso;
      n = strlen(iso);
    }
    else
      n = xlsx_number_text(s, n);
  }
  if(r->ccol >= r->colcap) {
    int cap = r->colcap ? r->colcap : 64;
    while(cap <= r->ccol)
      cap *= 2;
    r->cols = xrealloc(r->cols, (size_t)cap * sizeof(*r->cols));
    r->colcap = cap;
  }
  while(r->ncols <= r->ccol) {
    r->cols[r->ncols].off = 0;
    r->cols[r->ncols++].n = 0;
  }
  r->cols[r->ccol].off = r->rowbuf.len;
  r->cols[r->ccol].n = n;
  sb_add(&r->rowbuf, text, n);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
  xlsxin *r = ud;
  switch(elem(name)) {
  case E_C:
    if(r->in_cell) {
      r->in_cell = r->in_v = r->in_is = 0;
      cell_done(r);
    }
    break;
  case E_V:
    r->in_v = 0;
    break;
  case E_IS:
    r->in_is = 0;
    break;
  case E_T:
    r->in_t = 0;
    break;
  case E_RPH:
    r->in_rph = 0;
    break;
  case E_ROW:
    if(r->in_row) {
      r->in_row = 0;
      r->lastrow = r->row;
      r->rowready = 1;
      if(!r->err)
        XML_StopParser(r->p, XML_TRUE);
    }
    break;
  }
}

static void XMLCALL sheet_text(void *ud, const XML_Char *s, int len)
{
  xlsxin *r = ud;
  char ref[24];
  if(!r->in_v && !(r->in_is && r->in_t && !r->in_rph))
    return;
  if(r->cell.len + (size_t)len > 4 * (size_t)MAX_CELL + 64) {
    fail(r, tr(r->lang, "row %ld: cell %s is longer than %d characters, "
               "Excel's limit"), r->row, cellref(r->row, r->ccol, ref),
         MAX_CELL);
    return;
  }
  sb_add(&r->cell, s, (size_t)len);
}

static void sheet_stop(xlsxin *r)
{
  if(r->p)
    XML_ParserFree(r->p);
  r->p = NULL;
  if(r->zf)
    zip_fclose(r->zf);
  r->zf = NULL;
}

/* Parses until a row is complete (1), the sheet ends (0) or an error. */
static int pump(xlsxin *r)
{
  r->rowready = 0;
  for(;;) {
    enum XML_Status st;
    if(r->suspended) {
      r->suspended = 0;
      st = XML_ResumeParser(r->p);
    }
    else if(r->fed_final)
      return 0;
    else {
      void *buf = XML_GetBuffer(r->p, CHUNK);
      long n;
      if(!buf)
        abort();                /* layers: allow (out of memory) */
      n = member_read(r, r->zf, r->partname, &r->inflated, buf, CHUNK);
      if(n < 0)
        return -1;
      r->fed_final = n == 0;
      st = XML_ParseBuffer(r->p, (int)n, n == 0);
    }
    if(st == XML_STATUS_ERROR || r->err) {
      if(!r->err)
        fail(r, tr(r->lang, "sheet '%s' is damaged: XML error at line %lu: "
                   "%s"), r->sh[r->sel].name,
             (unsigned long)XML_GetCurrentLineNumber(r->p),
             XML_ErrorString(XML_GetErrorCode(r->p)));
      return -1;
    }
    if(st == XML_STATUS_SUSPENDED)
      r->suspended = 1;
    if(r->rowready)
      return 1;
  }
}

/* Parses rows into b until it is full or the sheet ends. */
static void fill(xlsxin *r, struct block *b)
{
  sb_reset(&b->text);
  b->nf = b->nr = b->head = 0;
  b->status = 0;
  while(b->nr < BLOCK_ROWS && b->text.len < BLOCK_BYTES) {
    int rc = pump(r), n;
    if(rc <= 0) {
      b->status = rc ? -1 : 1;
      sheet_stop(r);
      return;
    }
    /* empty fields at the end are dropped; an empty row is one field */
    for(n = r->ncols; n > 0 && !r->cols[n - 1].n; n--)
      ;
    if(b->nf + (size_t)n + 1 > b->fcap) {
      b->fcap = (b->nf + (size_t)n + 1) * 2;
      b->f = xrealloc(b->f, b->fcap * sizeof(*b->f));
    }
    if(b->nr == b->rcap) {
      b->rcap = b->rcap ? b->rcap * 2 : 1024;
      b->r = xrealloc(b->r, b->rcap * sizeof(*b->r));
    }
    b->r[b->nr].row = r->row;
    b->r[b->nr].f0 = b->nf;
    b->r[b->nr].nf = n ? n : 1;
    b->nr++;
    if(!n) {
      b->f[b->nf].off = b->text.len;
      b->f[b->nf++].n = 0;
    }
    for(int i = 0; i < n; i++) {
      b->f[b->nf].off = b->text.len;
      b->f[b->nf++].n = r->cols[i].n;
      sb_add(&b->text, r->rowbuf.buf + r->cols[i].off, r->cols[i].n);
    }
  }
}

static void *reader(void *arg)
{
  xlsxin *r = arg;
  struct block *b = &r->blk[1];
  for(;;) {
    int stop;
    fill(r, b);
    pthread_mutex_lock(&r->mu);
    while(r->ready && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    if(r->stop) {
      pthread_mutex_unlock(&r->mu);
      break;
    }
    if(b->status < 0)
      memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
    r->ready = b;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if(b->status)
      break;
    /* the caller hands the other block back by taking this one */
    b = b == &r->blk[0] ? &r->blk[1] : &r->blk[0];
    pthread_mutex_lock(&r->mu);
    while(r->cur == b && !r->stop)
      pthread_cond_wait(&r->cv, &r->mu);
    stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    if(stop)
      break;
  }
  return NULL;
}

/* Stops the reader thread, if any, and closes the sheet. */
static void reader_stop(xlsxin *r)
{
  if(r->threaded) {
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->th, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    r->threaded = 0;
  }
  sheet_stop(r);
}

/* An error before any row: the caller's side sees it at once. */
static int select_failed(xlsxin *r)
{
  memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
  r->failed = 1;
  return -1;
}

int xlsxin_select(xlsxin *r, int i)
{
  reader_stop(r);
  r->err = r->failed = 0;
  r->errmsg[0] = r->errcopy[0] = 0;
  r->selected = 1;
  r->sel = i;
  if(i < 0 || i >= r->nsh) {
    fail(r, tr(r->lang, "the workbook has no sheet %d"), i + 1);
    return select_failed(r);
  }
  if(!r->sh[i].part ||
     !(r->zf = member_open(r, r->sh[i].part))) {
    if(!r->err)
      fail(r, tr(r->lang, "sheet '%s' is missing from the file (a damaged "
                 "workbook?)"), r->sh[i].name);
    return select_failed(r);
  }
  r->partname = r->sh[i].part;
  r->p = parser_new(r, sheet_start, sheet_end, sheet_text);
  r->inflated = 0;
  r->suspended = r->fed_final = r->rowready = 0;
  r->in_t = r->in_rph = r->in_v = r->in_is = r->in_cell = r->in_row = 0;
  r->row = r->lastrow = 0;
  for(int k = 0; k < 2; k++) {
    r->blk[k].nr = r->blk[k].head = 0;
    r->blk[k].status = 0;
  }
  r->cur = &r->blk[0];
  r->ready = NULL;
  r->stop = 0;
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->cv, NULL);
  if(pthread_create(&r->th, NULL, reader, r) == 0)
    r->threaded = 1;
  else {
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
  }
  return 0;
}

int xlsxin_next(xlsxin *r, csvrec *rec)
{
  if(!r->selected && xlsxin_select(r, 0) < 0)
    return -1;
  if(r->failed)
    return -1;
  for(;;) {
    struct block *b = r->cur;
    if(b->head < b->nr) {
      const struct rrow *q = &b->r[b->head++];
      if(q->nf > r->outcap) {
        r->outcap = q->nf * 2;
        r->out = xrealloc(r->out, (size_t)r->outcap * sizeof(*r->out));
      }
      for(int i = 0; i < q->nf; i++) {
        const struct col *f = &b->f[q->f0 + (size_t)i];
        r->out[i].p = b->text.buf ? b->text.buf + f->off : "";
        r->out[i].n = f->n;
      }
      rec->row = q->row;
      rec->nfields = q->nf;
      rec->f = r->out;
      rec->extra = NULL;
      rec->extra_len = 0;
      return 1;
    }
    if(b->status < 0) {
      r->failed = 1;
      return -1;
    }
    if(b->status > 0)
      return 0;
    if(!r->threaded) {
      /* no thread could be started: parse here, a block at a time */
      fill(r, b);
      if(b->status < 0)
        memcpy(r->errcopy, r->errmsg, sizeof r->errcopy);
      continue;
    }
    pthread_mutex_lock(&r->mu);
    while(!r->ready)
      pthread_cond_wait(&r->cv, &r->mu);
    r->cur = r->ready;
    r->ready = NULL;
    pthread_cond_broadcast(&r->cv);
    pthread_mutex_unlock(&r->mu);
  }
}

const char *xlsxin_error(const xlsxin *r)
{
  return r->failed ? r->errcopy : "";
}

int xlsxin_sheets(const xlsxin *r)
{
  return r->nsh;
}

const char *xlsxin_sheet_name(const xlsxin *r, int i)
{
  return i >= 0 && i < r->nsh ? r->sh[i].name : NULL;
}

/* ---------------------------------------------------------------------- */
/* opening */

/* What a ZIP file without a workbook part is, for the message. */
static const char *not_a_workbook(xlsxin *r)
{
  if(zip_name_locate(r->z, "xl/workbook.bin", ZIP_FL_NOCASE) >= 0)
    return tr(r->lang, "an Excel binary workbook (.xlsb), which this program "
              "cannot read: save it as .xlsx");
  if(zip_name_locate(r->z, "content.xml", 0) >= 0 &&
     zip_name_locate(r->z, "mimetype", 0) >= 0)
    return tr(r->lang, "an OpenDocument file (.ods), not an Excel workbook: "
              "save it as .xlsx");
  return tr(r->lang, "a ZIP file that is not an Excel workbook (it has no "
            "xl/workbook.xml)");
}

static int load(xlsxin *r)
{
  const char *part;
  if(parse_part(r, "_rels/.rels", pkg_start, no_end, no_text) < 0)
    return -1;
  if(!r->wbpart ||
     zip_name_locate(r->z, r->wbpart, ZIP_FL_NOCASE) < 0) {
    free(r->wbpart);
    r->wbpart = xstrdup("xl/workbook.xml");
  }
  switch(parse_part(r, r->wbpart, wb_start, no_end, no_text)) {
  case -1:
    return -1;
  case 0:
    fail(r, "%s", not_a_workbook(r));
    return -1;
  }
  if(!r->nsh) {
    fail(r, "%s", tr(r->lang, "the workbook has no sheets"));
    return -1;
  }
  {
    /* xl/_rels/workbook.xml.rels beside xl/workbook.xml */
    const char *slash = strrchr(r->wbpart, '/');
    sbuf sb = {0};
    size_t dir = slash ? (size_t)(slash - r->wbpart + 1) : 0;
    int rc;
    sb_add(&sb, r->wbpart, dir);
    sb_addf(&sb, "_rels/%s.rels", r->wbpart + dir);
    rc = parse_part(r, sb.buf, rels_start, no_end, no_text);
    sb_free(&sb);
    if(rc < 0)
      return -1;
  }
  for(int i = 0; i < r->nsh; i++)
    for(size_t k = 0; r->sh[i].rid && k < r->nrels; k++)
      if(!strcmp(r->rels[k].id, r->sh[i].rid)) {
        r->sh[i].part = xstrdup(r->rels[k].target);
        break;
      }
  part = rel_of_type(r, "styles");
  if(parse_part(r, part ? part : "xl/styles.xml", styles_start, styles_end,
                no_text) < 0)
    return -1;
  styles_done(r);
  part = rel_of_type(r, "sharedStrings");
  if(parse_part(r, part ? part : "xl/sharedStrings.xml", sst_start, sst_end,
                sst_text) < 0)
    return -1;
  r->in_t = r->in_rph = 0;
  return 0;
}

xlsxin *xlsxin_open(const char *path, int lang, char *err, size_t errlen)
{
  xlsxin *r;
  int fd, ze = 0;
  fd = open(path, O_RDONLY | O_CLOEXEC);
  if(fd < 0) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            tr_errno(lang, errno));
    return NULL;
  }
  r = xcalloc(1, sizeof(*r));
  r->lang = lang;
  r->z = zip_fdopen(fd, ZIP_RDONLY, &ze);
  if(!r->z) {
    zip_error_t e;
    zip_error_init_with_code(&e, ze);
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path,
            zip_reason(r, &e));
    zip_error_fini(&e);
    close(fd);
    xlsxin_close(r);
    return NULL;
  }
  if(load(r) < 0) {
    set_err(err, errlen, tr(lang, "cannot open '%s': %s"), path, r->errmsg);
    xlsxin_close(r);
    return NULL;
  }
  return r;
}

void xlsxin_close(xlsxin *r)
{
  if(!r)
    return;
  reader_stop(r);
  for(int k = 0; k < 2; k++) {
    sb_free(&r->blk[k].text);
    free(r->blk[k].f);
    free(r->blk[k].r);
  }
  if(r->z)
    zip_discard(r->z);
  for(int i = 0; i < r->nsh; i++) {
    free(r->sh[i].name);
    free(r->sh[i].rid);
    free(r->sh[i].part);
  }
  free(r->sh);
  for(size_t i = 0; i < r->nrels; i++) {
    free(r->rels[i].id);
    free(r->rels[i].type);
    free(r->rels[i].target);
  }
  free(r->rels);
  free(r->wbpart);
  free(r->ss);
  free(r->ssoff);
  free(r->xfid);
  free(r->xfkind);
  free(r->nf);
  sb_free(&r->cell);
  sb_free(&r->rowbuf);
  free(r->cols);
  free(r->out);
  free(r);
}
