/* form.c: the add and edit forms of a register, generated from its field
 * spec: a drop-down for every coded field (its code table, the land
 * classes, the villages and accounts in the user's scope), date inputs,
 * the unit beside every number; and their submission through the same
 * domain function as `sanzi REGISTER add|edit` (entry_write). A refused
 * record is shown again as it was typed, each reason at its field;
 * nothing is saved. */
#include "web/web_impl.h"
#include "domain/entry.h"
#include "domain/registers.h"
#include "store/record.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The label of field f: its column name with the unit it is entered in. */
static void label(const field *f, sbuf *o)
{
  sbuf h;
  sb_init(&h);
  reg_header(f, &h);
  html_escs(o, h.buf);
  if(!strstr(h.buf, "（"))
    switch(f->type) {
    case F_MONEY: sb_addstr(o, "（元）"); break;
    case F_AREA: sb_addstr(o, "（亩）"); break;
    case F_RATE: sb_addstr(o, "（%）"); break;
    default: break;
    }
  sb_free(&h);
}

/* <option>s from a query of (value, label); the one equal to cur chosen. */
void form_options(req *r, const char *sql, const char *cur, int scoped,
                  const char *col)
{
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, sql);
  if(scoped)
    db_scope_sql(r->z, col, 1, &q);
  sb_addstr(&q, " ORDER BY 1");
  sqlite3_stmt *st = db_prepare(r->z, q.buf);
  sb_free(&q);
  sbuf *o = &r->out;
  while(db_step(r->z, st) == SQLITE_ROW) {
    const char *v = (const char *)sqlite3_column_text(st, 0);
    const char *l = (const char *)sqlite3_column_text(st, 1);
    sb_addstr(o, "<option value=\"");
    html_escs(o, v);
    sb_addch(o, '"');
    if(cur && v && !strcmp(cur, v))
      sb_addstr(o, " selected");
    sb_addch(o, '>');
    html_escs(o, l ? l : v);
    sb_addstr(o, "</option>");
  }
  sqlite3_finalize(st);
}

/* The reason for field key among the errors, or NULL. */
static const char *error_of(const errlist *e, const char *key)
{
  for(size_t i = 0; e && i < e->n; i++)
    if(e->v[i].field && !strcmp(e->v[i].field, key))
      return e->v[i].msg;
  return NULL;
}

/* A field naming a record of another register that the browser offers
 * from the registers in scope (a <datalist>, no script): a contract's
 * 标的编号 (the assets and resources still held) and a fund entry's
 * 合同编号; 0 for any other field. Typing any code stays possible: the
 * domain checks it. */
static int picks(const reg *g, const field *f)
{
  if(g == &reg_contract && !strcmp(f->key, "object"))
    return 1;
  if(g == &reg_fund && !strcmp(f->key, "contract"))
    return 2;
  return 0;
}

static void pick_list(req *r, const field *f, int pick)
{
  sb_addf(&r->out, "<datalist id=\"l-%s\">", f->key);
  if(pick == 1) {
    form_options(r, "SELECT code, name || '（资产，' || category || '）' FROM asset "
                    "WHERE voided IS NULL AND status <> '已处置'",
                 NULL, 1, "village");
    form_options(r, "SELECT code, name || '（资源）' FROM resource "
                    "WHERE voided IS NULL",
                 NULL, 1, "village");
  } else
    form_options(r, "SELECT code, party || '（' || kind || '，' || start_date || "
                    "'至' || end_date || '）' FROM contract WHERE voided IS NULL",
                 NULL, 1, "village");
  sb_addstr(&r->out, "</datalist>");
}

/* One field's input. */
static void input(req *r, const reg *g, const field *f, const char *cur,
                  int fixed, const char *err)
{
  sbuf *o = &r->out;
  char sql[256];
  sb_addf(o, "<div class=\"field%s\"><label for=\"f-%s\">%s", err ? " bad" : "",
          f->key, f->flags & F_REQ ? "<span class=\"req\" title=\"必填\">*</span>"
                                   : "");
  label(f, o);
  sb_addstr(o, "</label>");
  const char *desc = err ? " aria-invalid=\"true\" aria-describedby=\"e-" : "";
  if(fixed) {
    sb_addf(o, "<input id=\"f-%s\" value=\"", f->key);
    html_escs(o, cur);
    sb_addstr(o, "\" readonly>");
  } else if(f->type == F_ENUM || f->type == F_LANDCLASS ||
            f->type == F_VILLAGE || f->type == F_ACCOUNT) {
    sb_addf(o, "<select id=\"f-%s\" name=\"%s\"%s", f->key, f->key, desc);
    if(err)
      sb_addf(o, "%s\"", f->key);
    sb_addstr(o, "><option value=\"\">请选择</option>");
    if(f->type == F_ENUM) {
      snprintf(sql, sizeof sql, "SELECT DISTINCT name, name FROM \"%s\"",
               f->ref);
      form_options(r, sql, cur, 0, NULL);
    } else if(f->type == F_LANDCLASS)
      form_options(r, "SELECT code, code || ' ' || name FROM land_class WHERE 1",
              cur, 0, NULL);
    else if(f->type == F_VILLAGE)
      form_options(r, "SELECT code, code || ' ' || name FROM org "
                 "WHERE level = 'village'", cur, 1, "code");
    else
      form_options(r, "SELECT code, code || ' ' || name FROM account WHERE 1", cur,
              1, "village");
    sb_addstr(o, "</select>");
  } else {
    const char *type = f->type == F_DATE    ? "date"
                       : f->type == F_MONTH ? "month"
                                            : "text";
    int number = spec_numeric(f);
    sb_addf(o, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"%s%s", f->key,
            f->key, type, number ? " inputmode=\"decimal\"" : "", desc);
    if(err)
      sb_addf(o, "%s\"", f->key);
    if(f->type == F_CODE)
      sb_addstr(o, " placeholder=\"留空则自动编号\"");
    int pick = picks(g, f);
    if(pick)
      sb_addf(o, " list=\"l-%s\"", f->key);
    sb_addstr(o, " value=\"");
    html_escs(o, cur);
    sb_addstr(o, "\">");
    if(pick)
      pick_list(r, f, pick);
  }
  if(err) {
    sb_addf(o, "<span class=\"field-error\" id=\"e-%s\">", f->key);
    html_escs(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</div>");
  (void)g;
}

/* 1 when the user types field f: not a derived value, nor the reasons of
 * a void and a restore (F_VOID), which only POST /{reg}/{code}/void sets,
 * with its checks. */
static int entered(const field *f)
{
  return f->type != F_DERIVED && !(f->flags & F_VOID);
}

/* The form: values from `vals` (by field; NULL empty), reasons from e. */
static void form_html(req *r, const reg *g, const char *code,
                      const char *const *vals, const errlist *e)
{
  char title[200];
  if(code)
    snprintf(title, sizeof title, "修改%s %s", g->zh, code);
  else
    snprintf(title, sizeof title, "新增%s", g->zh);
  html_begin(r, title);
  sbuf *o = &r->out;
  if(e && e->n) {
    sb_addf(o, "<div class=\"error\" role=\"alert\" id=\"form-errors\">"
               "<p>有 %ld 处错误，未保存，请修改后再提交：</p><ul>",
            e->total);
    for(size_t i = 0; i < e->n; i++) {
      sb_addstr(o, "<li>");
      if(e->v[i].field)
        sb_addf(o, "<a href=\"#f-%s\">", e->v[i].field);
      if(e->v[i].column) {
        html_escs(o, e->v[i].column);
        sb_addstr(o, "：");
      }
      html_escs(o, e->v[i].msg);
      if(e->v[i].field)
        sb_addstr(o, "</a>");
      sb_addstr(o, "</li>");
    }
    sb_addstr(o, "</ul></div>");
  }
  sb_addf(o, "<form method=\"post\" action=\"/%s%s", g->name, code ? "/" : "");
  if(code)
    url_esc(o, code);
  sb_addstr(o, "\" class=\"record\"><input type=\"hidden\" name=\"csrf\" "
               "value=\"");
  html_escs(o, r->u.csrf);
  sb_addstr(o, "\">");
  for(int i = 0; i < g->nfields; i++) {
    const field *f = &g->fields[i];
    if(!entered(f))
      continue;
    int fixed = code && (f->flags & F_FIXED);
    input(r, g, f, vals[i], fixed, error_of(e, f->key));
  }
  sb_addf(o, "<p class=\"actions\"><button type=\"submit\">保存</button> "
             "<a href=\"/%s", g->name);
  if(code) {
    sb_addch(o, '/');
    url_esc(o, code);
  }
  sb_addstr(o, "\">取消</a></p></form>");
  html_end(r);
}

/* 1 when the user may write; else 0 and the answer is 403 (web.c). */
static int may_write(req *r)
{
  return may(r->z, STEP_REGISTER) == 0;
}

void form_page(req *r, const reg *g, const char *code)
{
  if(!may_write(r))
    return;
  const char **vals = xcalloc((size_t)g->nfields, sizeof *vals);
  sbuf *text = xcalloc((size_t)g->nfields, sizeof *text);
  regctx *c = reg_open(r->z, g);
  int ok = 1;
  if(code)
    ok = entry_load(c, code, text);
  else {
    /* A village clerk's village is theirs. */
    int vi = reg_field(g, "village");
    if(vi >= 0 && strlen(r->u.scope) == 12)
      sb_addstr(&text[vi], r->u.scope);
  }
  for(int i = 0; i < g->nfields; i++)
    vals[i] = text[i].buf;
  if(ok)
    form_html(r, g, code, vals, NULL);
  else
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
  reg_close(c);
  for(int i = 0; i < g->nfields; i++)
    sb_free(&text[i]);
  free(text);
  free(vals);
}

/* The reasons of e as a JSON array of {"row","field","key","message"}. */
static void errs_json(sbuf *o, const errlist *e)
{
  sb_addch(o, '[');
  for(size_t i = 0; i < e->n; i++) {
    sb_addf(o, "%s{\"row\":%ld,\"field\":", i ? "," : "", e->v[i].row);
    const char *col = e->v[i].column ? e->v[i].column : "";
    json_string(o, col, strlen(col));
    sb_addstr(o, ",\"key\":");
    if(e->v[i].field)
      json_string(o, e->v[i].field, strlen(e->v[i].field));
    else
      sb_addstr(o, "null");
    sb_addstr(o, ",\"message\":");
    json_string(o, e->v[i].msg, strlen(e->v[i].msg));
    sb_addch(o, '}');
  }
  sb_addch(o, ']');
}

void errors_json(req *r, const errlist *e)
{
  sbuf *o = &r->out;
  sb_reset(o);
  r->ctype = "application/json; charset=utf-8";
  sb_addstr(o, "{\"errors\":");
  errs_json(o, e);
  sb_addch(o, '}');
}

void form_post(req *r, const reg *g, const char *code)
{
  /* The domain refuses a role that may not write (entry_write; 403). */
  int n = g->nfields;
  const char **cells = xcalloc((size_t)n, sizeof *cells);
  size_t *lens = xcalloc((size_t)n, sizeof *lens);
  sbuf *text = xcalloc((size_t)n, sizeof *text);
  regctx *c = reg_open(r->z, g);
  if(code && !entry_load(c, code, text)) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    goto done;
  }
  for(int i = 0; i < n; i++) {
    const field *f = &g->fields[i];
    const char *v = kvs_get(&r->f, f->key);
    /* An edit keeps what cannot change; a derived field or a void's
     * reason is never taken. */
    if(!entered(f) || (code && (f->flags & F_FIXED)) || !v)
      v = code ? text[i].buf : NULL;
    cells[i] = v && *v ? v : NULL;
    lens[i] = cells[i] ? strlen(cells[i]) : 0;
    reg_set_colname(c, i, f->zh, strlen(f->zh), 0);
  }
  char out[80];
  int rc = entry_write(c, cells, lens, code ? 2 : 0, code, out);
  if(rc < 0 && c->errs.n == 0) {
    answer_error(r, 500, r->z->err);
    goto done;
  }
  if(rc < 0) {
    r->status = 422;
    if(r->json)
      errors_json(r, &c->errs);
    else
      form_html(r, g, code, cells, &c->errs);
    goto done;
  }
  /* What the rules said without refusing (an account below zero): the
   * user sees it with the saved record, on the page the save answers. */
  errlist warns;
  memset(&warns, 0, sizeof warns);
  errs_move(&warns, &r->z->warns);
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"code\":");
    json_string(&r->out, out, strlen(out));
    sb_addf(&r->out, ",\"changed\":%s,\"warnings\":", rc == 0 ? "true" : "false");
    errs_json(&r->out, &warns);
    sb_addch(&r->out, '}');
  } else if(warns.n) {
    r->warns = &warns;
    record_page(r, g, out);
    r->warns = NULL;
  } else
    answer_to_record(r, g, out);
  errs_free(&warns);
done:
  reg_close(c);
  for(int i = 0; i < n; i++)
    sb_free(&text[i]);
  free(text);
  free(cells);
  free(lens);
}

void saved_note(req *r)
{
  const errlist *w = r->warns;
  if(!w)
    return;
  sbuf *o = &r->out;
  sb_addstr(o, "<div class=\"warn\" role=\"status\" id=\"saved\"><p>已保存。"
               "请注意：</p><ul>");
  for(size_t i = 0; i < w->n; i++) {
    sb_addstr(o, "<li>");
    if(w->v[i].column) {
      html_escs(o, w->v[i].column);
      sb_addstr(o, "：");
    }
    html_escs(o, w->v[i].msg);
    sb_addstr(o, "</li>");
  }
  sb_addstr(o, "</ul></div>");
}
