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
 * and the strict OOXML namespaces read the same.
 *
 * This file is the package half (the ZIP members, the workbook, shared
 * strings and styles); xlsxsheet.c is the sheet half; xlsxin_impl.h is
 * what they share. */
#include "base/xlsxin_impl.h"
#include "base/xlsxfmt.h"
#include "base/i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Keep the first error; stop the parser running, if any. */
void xlsxin_fail(xlsxin *r, const char *fmt, ...)
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

const char *xlsxin_attr(const char **atts, const char *want)
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
zip_file_t *xlsxin_member_open(xlsxin *r, const char *name)
{
  zip_stat_t st;
  zip_int64_t i = zip_name_locate(r->z, name, ZIP_FL_NOCASE);
  zip_file_t *f;
  if(i < 0)
    return NULL;
  if(zip_stat_index(r->z, (zip_uint64_t)i, 0, &st) == 0 &&
     (st.valid & ZIP_STAT_SIZE) && st.size > (zip_uint64_t)MAX_PART) {
    xlsxin_fail(r, tr(r->lang, "'%s' inside the workbook is %llu MiB uncompressed, "
               "more than the limit of %lld MiB (a damaged file?)"),
         name, (unsigned long long)(st.size >> 20), MAX_PART >> 20);
    return NULL;
  }
  f = zip_fopen_index(r->z, (zip_uint64_t)i, 0);
  if(!f)
    xlsxin_fail(r, tr(r->lang, "cannot read '%s' inside the workbook: %s"), name,
         zip_reason(r, zip_get_error(r->z)));
  return f;
}

/* Inflates up to n bytes of member f into buf: the count, or -1 with an
 * error set (a read error, or more than MAX_PART bytes in all). */
long xlsxin_member_read(xlsxin *r, zip_file_t *f, const char *name,
                        long long *total, char *buf, size_t n)
{
  zip_int64_t got = zip_fread(f, buf, n);
  if(got < 0) {
    xlsxin_fail(r, tr(r->lang, "cannot read '%s' inside the workbook: %s"), name,
         zip_reason(r, zip_file_get_error(f)));
    return -1;
  }
  *total += got;
  if(*total > MAX_PART) {
    xlsxin_fail(r, tr(r->lang, "'%s' inside the workbook is more than %lld MiB "
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
  xlsxin_fail(r, tr(r->lang, "'%s' inside the workbook has a document type "
             "declaration, which Excel never writes"), r->partname);
}

XML_Parser xlsxin_parser_new(xlsxin *r, XML_StartElementHandler start,
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
  xlsxin_fail(r, tr(r->lang, "'%s' inside the workbook is damaged: XML error at "
             "line %lu: %s"), name, (unsigned long)XML_GetCurrentLineNumber(p),
       XML_ErrorString(XML_GetErrorCode(p)));
}

/* Parses the whole member name with the handlers. 1: done; 0: there is
 * no such member; -1: error set. */
static int parse_part(xlsxin *r, const char *name,
                      XML_StartElementHandler start, XML_EndElementHandler end,
                      XML_CharacterDataHandler text)
{
  zip_file_t *f = xlsxin_member_open(r, name);
  long long total = 0;
  int rc = 1;
  if(!f)
    return r->err ? -1 : 0;
  r->partname = name;
  r->p = xlsxin_parser_new(r, start, end, text);
  for(;;) {
    void *buf = XML_GetBuffer(r->p, CHUNK);
    long n;
    if(!buf)
      abort();                  /* layers: allow (out of memory) */
    n = xlsxin_member_read(r, f, name, &total, buf, CHUNK);
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
  const char *type = xlsxin_attr(atts, "Type"), *target = xlsxin_attr(atts, "Target");
  if(is(name, "Relationship") && type && target && !r->wbpart &&
     type_is(type, "officeDocument"))
    r->wbpart = resolve("", target);
}

static void XMLCALL wb_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
  xlsxin *r = ud;
  if(is(name, "workbookPr")) {
    const char *v = xlsxin_attr(atts, "date1904");
    r->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
  }
  else if(is(name, "sheet")) {
    const char *n = xlsxin_attr(atts, "name"), *id = xlsxin_attr(atts, "id");
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
  const char *id = xlsxin_attr(atts, "Id"), *type = xlsxin_attr(atts, "Type");
  const char *target = xlsxin_attr(atts, "Target"), *mode = xlsxin_attr(atts, "TargetMode");
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
size_t xlsxin_unescape(char *s, size_t n)
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
size_t xlsxin_chars(const char *s, size_t n)
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
    /* an empty first string: no text buffer yet (found by the fuzzer) */
    char *text = r->ss ? r->ss + r->si0 : NULL;
    size_t n = text ? xlsxin_unescape(text, r->sslen - r->si0) : 0;
    r->in_si = 0;
    if(n && xlsxin_chars(text, n) > MAX_CELL) {
      xlsxin_fail(r, tr(r->lang, "shared string %zu is longer than %d characters, "
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
    xlsxin_fail(r, tr(r->lang, "shared string %zu is longer than %d characters, "
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
    const char *id = xlsxin_attr(atts, "numFmtId");
    if(r->nxf == r->xfcap) {
      r->xfcap = r->xfcap ? r->xfcap * 2 : 64;
      r->xfid = xrealloc(r->xfid, r->xfcap * sizeof(*r->xfid));
    }
    r->xfid[r->nxf++] = id ? (unsigned)strtoul(id, NULL, 10) : 0;
  }
  else if(!strcmp(l, "numFmt")) {
    const char *id = xlsxin_attr(atts, "numFmtId"), *code = xlsxin_attr(atts, "formatCode");
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
    xlsxin_fail(r, "%s", not_a_workbook(r));
    return -1;
  }
  if(!r->nsh) {
    xlsxin_fail(r, "%s", tr(r->lang, "the workbook has no sheets"));
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
  xlsxin_sheet_free(r);
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
  free(r);
}
