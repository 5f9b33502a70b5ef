/* subsidy_page.c: the interest-subsidy applications in the browser
 * (doc/web.md "贷款贴息"): the list, applying, one application with every
 * amount explained and the forms of the steps the user's role may take
 * (乡镇初审, 公示, 县级审定, 拨付, 撤回), and the year's report with its CSV.
 * Every step is the domain's (subsidy_apply … subsidy_withdraw, the same
 * functions as `sanzi subsidy`), which refuses a role that may not take
 * it (403, domain/may.h); a record outside the user's scope is 404. The
 * programme years and a loan's interest payments are program_page.c's. */
#include "web/web_impl.h"
#include "web/subsidy_page.h"
#include "domain/registers.h"
#include "domain/subsidy.h"
#include "store/record.h"
#include "base/date.h"
#include "base/money.h"
#include "base/csvout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the pieces of the forms (shared with program_page.c) ---- */

void sub_csrf(req *r)
{
  sb_addstr(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_escs(&r->out, r->u.csrf);
  sb_addstr(&r->out, "\">");
}

void sub_field(req *r, const sub_input *in)
{
  sbuf *o = &r->out;
  sb_addf(o, "<div class=\"field%s\"><label for=\"f-%s\">%s%s</label>",
          in->err ? " bad" : "", in->id,
          in->required ? "<span class=\"req\" title=\"必填\">*</span>" : "",
          in->label);
  if(in->type && !strcmp(in->type, "textarea")) {
    sb_addf(o, "<textarea id=\"f-%s\" name=\"%s\" rows=\"2\" maxlength=\"2000\"",
            in->id, in->name);
  } else
    sb_addf(o, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", in->id, in->name,
            in->type ? in->type : "text");
  if(in->required)
    sb_addstr(o, " required");
  if(in->err || in->hint)
    sb_addf(o, " aria-describedby=\"%s%s%s%s%s\"", in->hint ? "h-" : "",
            in->hint ? in->id : "", in->hint && in->err ? " " : "",
            in->err ? "e-" : "", in->err ? in->id : "");
  if(in->err)
    sb_addstr(o, " aria-invalid=\"true\"");
  if(in->type && !strcmp(in->type, "textarea")) {
    sb_addch(o, '>');
    html_escs(o, in->value);
    sb_addstr(o, "</textarea>");
  } else {
    sb_addstr(o, " value=\"");
    html_escs(o, in->value);
    sb_addstr(o, "\">");
  }
  if(in->hint) {
    sb_addf(o, "<span class=\"hint\" id=\"h-%s\">", in->id);
    html_escs(o, in->hint);
    sb_addstr(o, "</span>");
  }
  if(in->err) {
    sb_addf(o, "<span class=\"field-error\" id=\"e-%s\">", in->id);
    html_escs(o, in->err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</div>");
}

void sub_reasons(req *r, const char *what, const char *not_done,
                 const errlist *e)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><p>");
  html_escs(o, what);
  sb_addf(o, "%s，请修改后再提交：</p><ul>", not_done);
  for(size_t i = 0; i < e->n; i++) {
    sb_addstr(o, "<li>");
    if(e->v[i].field)
      sb_addf(o, "<a href=\"#f-%s\">", e->v[i].field);
    html_escs(o, e->v[i].msg);
    if(e->v[i].field)
      sb_addstr(o, "</a>");
    sb_addstr(o, "</li>");
  }
  sb_addstr(o, "</ul></div>");
}

/* A step's one reason, linked to field id (NULL: none). */
static void refused_at(req *r, const char *what, const char *msg,
                       const char *id)
{
  errlist e;
  memset(&e, 0, sizeof e);
  errs_add(&e, NULL, 0, id, NULL, "%s", msg);
  sub_reasons(r, what, "未办理", &e);
  errs_free(&e);
}

void sub_view_json(req *r, int (*view)(sz *, const char *, asink *),
                   const char *code)
{
  json_sink j;
  json_sink_init(&j, r, 0);
  if(view(r->z, code, &j.s))
    answer_error(r, 500, r->z->err);
  else
    json_sink_end(&j);
}

const char *sub_date(req *r, const char *name, char out[11])
{
  const char *v = kvs_get(&r->f, name);
  if(!v || !*v)
    return "请填写日期";
  return date_parse(v, strlen(v), out) ? "日期格式应为 2025-03-05" : NULL;
}

const char *sub_money(int64_t fen, char buf[48])
{
  return money_format_grouped(fen, buf);
}

void sub_json2(req *r, const char *k1, const char *v1, const char *k2,
               const char *v2)
{
  r->ctype = "application/json; charset=utf-8";
  sb_addf(&r->out, "{\"%s\":", k1);
  json_string(&r->out, v1, strlen(v1));
  sb_addf(&r->out, ",\"%s\":", k2);
  json_string(&r->out, v2, strlen(v2));
  sb_addch(&r->out, '}');
}

/* A step done: JSON says so, a page goes back to the application. */
static void step_done(req *r, const char *code, const char *done)
{
  if(r->json) {
    sub_json2(r, "code", code, "done", done);
    return;
  }
  sbuf to;
  sb_init(&to);
  sb_addstr(&to, "/subsidy/");
  url_esc(&to, code);
  sb_addf(&to, "?done=%s", done);
  answer_redirect(r, to.buf);
  sb_free(&to);
}

/* ---- the list ---- */

/* A sink passing on the rows whose status (column 6) is the one asked. */
typedef struct status_sink {
  asink s;
  asink *to;
  const char *status;
} status_sink;

static int ss_begin(asink *s, const atable *t)
{
  status_sink *f = (status_sink *)s;
  return f->to->begin(f->to, t);
}

static int ss_row(asink *s, const acell *c)
{
  status_sink *f = (status_sink *)s;
  if(f->status && (c[6].null || !c[6].s || strcmp(c[6].s, f->status)))
    return 0;
  return f->to->row(f->to, c);
}

static int ss_end(asink *s)
{
  status_sink *f = (status_sink *)s;
  return f->to->end(f->to);
}

static const char *const statuses[] = {"已申请", "初审通过", "初审不同意",
                                       "公示中", "已审定",   "已拨付",
                                       "已撤回"};

static void list_page(req *r)
{
  const char *year = arg(r, "year"), *village = arg(r, "village"),
             *township = arg(r, "township"), *status = arg(r, "status");
  if(!filter_ok(r, village, township)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  status_sink f;
  memset(&f, 0, sizeof f);
  f.s.begin = ss_begin;
  f.s.row = ss_row;
  f.s.end = ss_end;
  f.status = status;
  json_sink j;
  html_sink h;
  if(r->json) {
    json_sink_init(&j, r, 1);
    f.to = &j.s;
  } else {
    html_begin(r, "贴息申请");
    sbuf *o = &r->out;
    sb_addstr(o, "<form method=\"get\" action=\"/subsidy\" class=\"filters\">"
                 "<label for=\"year\">年度</label><input id=\"year\" "
                 "name=\"year\" inputmode=\"numeric\" maxlength=\"4\" "
                 "size=\"5\" value=\"");
    html_escs(o, year);
    sb_addstr(o, "\"><label for=\"village\">村代码</label><input "
                 "id=\"village\" name=\"village\" inputmode=\"numeric\" "
                 "maxlength=\"12\" value=\"");
    html_escs(o, village);
    sb_addstr(o, "\"><label for=\"township\">乡镇代码</label><input "
                 "id=\"township\" name=\"township\" inputmode=\"numeric\" "
                 "maxlength=\"12\" value=\"");
    html_escs(o, township);
    sb_addstr(o, "\"><label for=\"status\">状态</label><select id=\"status\" "
                 "name=\"status\"><option value=\"\">全部</option>");
    for(size_t i = 0; i < ARRAY_SIZE(statuses); i++)
      sb_addf(o, "<option%s>%s</option>",
              status && !strcmp(status, statuses[i]) ? " selected" : "",
              statuses[i]);
    sb_addstr(o, "</select><button type=\"submit\">查询</button>");
    if(role_may(r->u.role, STEP_LOAN))
      sb_addstr(o, " <a class=\"button\" href=\"/subsidy/new\">申请贴息</a>");
    sb_addstr(o, " <a class=\"button\" href=\"/program\">贴息年度</a>"
                 " <a class=\"button\" href=\"/subsidy/report\">贴息汇总</a>"
                 "</form>");
    html_sink_init(&h, r, "subsidy", 0, 0);
    f.to = &h.s;
  }
  if(db_begin_read(r->z)) {
    answer_error(r, 503, r->z->err);
    return;
  }
  int rc = subsidy_list_view(r->z, year, village, township, &f.s);
  db_end(r->z, 0);
  if(!r->json)
    html_sink_free(&h);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  if(!r->json)
    html_end(r);
}

/* ---- applying ---- */

static void new_page(req *r, const char *err, const char *err_id)
{
  if(may(r->z, STEP_LOAN))
    return;
  const char *loan = r->f.n ? kvs_get(&r->f, "loan") : arg(r, "loan");
  const char *year = r->f.n ? kvs_get(&r->f, "year") : arg(r, "year");
  const char *date = r->f.n ? kvs_get(&r->f, "date") : NULL;
  char y[5];
  snprintf(y, sizeof y, "%.4s", r->z->today);
  html_begin(r, "申请贴息");
  sbuf *o = &r->out;
  if(err)
    refused_at(r, "贴息申请", err, err_id);
  sb_addstr(o, "<p class=\"hint\">申请本年度内已付、尚未申请过的全部付息。每笔付息按"
               "“应计利息 = 本金 × 计贴利率 × 天数 ÷ 基准，可贴息利息 = 实付利息与"
               "应计利息中较小者，贴息 = 可贴息利息 × 贴息比例”计算（四舍五入到分）。"
               "</p><form method=\"post\" action=\"/subsidy\" class=\"record\">");
  sub_csrf(r);
  int bad = err && err_id && !strcmp(err_id, "loan");
  sb_addf(o, "<div class=\"field%s\"><label for=\"f-loan\"><span class=\"req\" "
             "title=\"必填\">*</span>贷款</label><select id=\"f-loan\" "
             "name=\"loan\" required%s><option value=\"\">请选择</option>",
          bad ? " bad" : "",
          bad ? " aria-invalid=\"true\" aria-describedby=\"e-loan\"" : "");
  form_options(r, "SELECT code, code || ' ' || project || '（' || village || "
                  "'，' || lender || '）' FROM loan WHERE withdrawn IS NULL "
                  "AND voided IS NULL",
               loan, 1, "village");
  sb_addstr(o, "</select>");
  if(bad) {
    sb_addstr(o, "<span class=\"field-error\" id=\"e-loan\">");
    html_escs(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</div>");
  sub_input in = {"year", "year", "年度", "text", year ? year : y, 1,
                  "付息日期所在的年度", err_id && !strcmp(err_id, "year") ? err
                                                                      : NULL};
  sub_field(r, &in);
  sub_input d = {"date", "date", "申请日期", "date", date ? date : r->z->today,
                 1, NULL, err_id && !strcmp(err_id, "date") ? err : NULL};
  sub_field(r, &d);
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">提交申请</button> "
               "<a class=\"button\" href=\"/subsidy\">返回</a></p></form>");
  html_end(r);
}

static void apply_post(req *r)
{
  const char *loan = kvs_get(&r->f, "loan"), *year = kvs_get(&r->f, "year");
  char date[11];
  const char *bad = sub_date(r, "date", date);
  if(bad) {
    r->status = 422;
    new_page(r, bad, "date");
    return;
  }
  if(!loan || !*loan || !year || !*year) {
    r->status = 422;
    new_page(r, !loan || !*loan ? "请选择贷款" : "请填写年度",
             !loan || !*loan ? "loan" : "year");
    return;
  }
  /* The loan must be within the user's scope: else it does not exist. */
  rec x;
  int found = rec_open(r->z, &reg_loan, loan, &x);
  rec_close(&x);
  if(!found) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  char code[80];
  if(subsidy_apply(r->z, loan, year, date, code)) {
    if(db_fault(r->z) || r->z->forbidden)
      return;
    r->status = 422;
    if(r->json)
      errors_json(r, &r->z->errs);
    else
      new_page(r, r->z->err, "loan");
    r->status = 422;
    return;
  }
  step_done(r, code, "apply");
}

/* ---- one application ---- */

/* What the application's page shows of a refused step. */
typedef struct refusal {
  const char *step; /* review publicize approve pay withdraw */
  const char *id;   /* the field to mark */
  const char *msg;
} refusal;

/* The application's fields the page needs. */
typedef struct app {
  char code[80], village[16], loan[80], year[8], status[32];
  char applied_on[11], reviewed_on[11], publicity_to[11], approved_on[11];
  char cut_by[32];
  int64_t amount, approved;
} app;

/* The views of `subsidy show`, with the application as name/value pairs
 * (its empty fields left out) and each line of the formula spelled out;
 * before the history, the approval's result and the steps' forms. */
typedef struct app_sink {
  asink s;
  html_sink h;
  req *r;
  const atable *t;
  int fields;
  sbuf why; /* the lines spelled out */
  const app *a;
  const refusal *w;
} app_sink;

static void approval_note(req *r, const app *a);
static void step_forms(req *r, const app *a, const refusal *w);

static int as_begin(asink *s, const atable *t)
{
  app_sink *a = (app_sink *)s;
  a->t = t;
  a->fields = !strcmp(atable_key(t), "application");
  if(a->fields) {
    sb_addstr(&a->r->out, "<table class=\"fields\"><tbody>");
    return 0;
  }
  if(!strcmp(atable_key(t), "total"))
    return 0;
  if(!strcmp(atable_key(t), "history")) {
    approval_note(a->r, a->a);
    step_forms(a->r, a->a, a->w);
  }
  return a->h.s.begin(&a->h.s, t);
}

static const char *txt(const atable *t, const acell *c, int i, char *buf)
{
  return cell_format(t->cols[i].kind, &c[i], 1, LANG_ZH, buf);
}

static int as_row(asink *s, const acell *c)
{
  app_sink *a = (app_sink *)s;
  sbuf *o = &a->r->out;
  const char *key = atable_key(a->t);
  char b[12][48];
  if(a->fields) {
    for(int i = 0; i < a->t->ncols; i++) {
      if(c[i].null)
        continue;
      sb_addstr(o, "<tr><th scope=\"row\">");
      html_escs(o, a->t->cols[i].zh);
      sb_addstr(o, "</th><td>");
      const char *k = acol_key(a->t, i);
      if(!strcmp(k, "loan")) {
        sb_addstr(o, "<a href=\"/loan/");
        url_esc(o, c[i].s);
        sb_addstr(o, "\">");
      }
      html_escs(o, txt(a->t, c, i, b[0]));
      if(!strcmp(k, "loan"))
        sb_addstr(o, "</a>");
      sb_addstr(o, "</td></tr>");
    }
    return 0;
  }
  if(!strcmp(key, "total")) {
    sb_addstr(o, "<p class=\"total-line\">贴息合计：<strong>");
    html_escs(o, txt(a->t, c, 0, b[0]));
    sb_addstr(o, " 元</strong></p><h2>每一笔贴息的计算</h2><ol class=\"why\">");
    sb_add(o, a->why.buf ? a->why.buf : "", a->why.len);
    sb_addstr(o, "</ol><p class=\"hint\">应计利息 = 本金 × 计贴利率 × 天数 ÷ "
                 "计息天数基准，计贴利率 = min(年利率, 利率上限)；可贴息利息 = "
                 "min(实付利息, 应计利息)；贴息 = 可贴息利息 × 贴息比例；均四舍五入"
                 "到分。天数 = 止日 − 起日（算头不算尾）。</p>");
    return 0;
  }
  if(!strcmp(key, "lines")) {
    const char *v[12];
    for(int i = 0; i < 12; i++)
      v[i] = txt(a->t, c, i, b[i]);
    /* payment period days principal rate rate_used basis computed paid
     * eligible ratio subsidy */
    sb_addstr(&a->why, "<li>");
    html_escs(&a->why, v[0]);
    sb_addstr(&a->why, "（");
    html_escs(&a->why, v[1]);
    sb_addf(&a->why, "，%s 天）：应计利息 = %s × %s × %s ÷ %s = %s 元；"
                     "可贴息利息 = min(实付 %s, 应计 %s) = %s 元；贴息 = %s × "
                     "%s = <strong>%s 元</strong>",
            v[2], v[3], v[5], v[2], v[6], v[7], v[8], v[7], v[9], v[9],
            v[10], v[11]);
    if(strcmp(v[4], v[5]))
      sb_addf(&a->why, "（年利率 %s 高于利率上限，按 %s 计）", v[4], v[5]);
    sb_addstr(&a->why, "</li>");
  }
  return a->h.s.row(&a->h.s, c);
}

static int as_end(asink *s)
{
  app_sink *a = (app_sink *)s;
  const char *key = atable_key(a->t);
  if(a->fields) {
    sb_addstr(&a->r->out, "</tbody></table>");
    return 0;
  }
  if(!strcmp(key, "total"))
    return 0;
  return a->h.s.end(&a->h.s);
}

static void copy(char *to, size_t n, rec *x, const char *key)
{
  snprintf(to, n, "%s", rec_text(x, key) ? rec_text(x, key) : "");
}

/* 1 and *a filled when the application is within the user's scope. */
static int app_load(req *r, const char *code, app *a)
{
  rec x;
  int found = rec_open(r->z, &reg_subsidy, code, &x);
  if(found) {
    memset(a, 0, sizeof *a);
    copy(a->code, sizeof a->code, &x, "code");
    copy(a->village, sizeof a->village, &x, "village");
    copy(a->loan, sizeof a->loan, &x, "loan");
    copy(a->year, sizeof a->year, &x, "year");
    copy(a->status, sizeof a->status, &x, "status");
    copy(a->applied_on, sizeof a->applied_on, &x, "applied_on");
    copy(a->reviewed_on, sizeof a->reviewed_on, &x, "reviewed_on");
    copy(a->publicity_to, sizeof a->publicity_to, &x, "publicity_to");
    copy(a->approved_on, sizeof a->approved_on, &x, "approved_on");
    copy(a->cut_by, sizeof a->cut_by, &x, "cut_by");
    a->amount = rec_int(&x, "amount");
    a->approved = rec_int(&x, "approved");
  }
  rec_close(&x);
  return found;
}

/* The next step of an application in status st, and whose it is. */
static const char *next_step(const char *st)
{
  static const struct {
    const char *status, *next;
  } next[] = {
    {"已申请", "乡镇初审（由乡镇办理）"},
    {"初审通过", "公示（由乡镇办理，不少于 7 天）"},
    {"公示中", "公示期满后县级审定（由县级办理）"},
    {"已审定", "拨付（由县级办理）"},
    {"已拨付", "已办结"},
    {"初审不同意", "已办结（初审不同意）"},
    {"已撤回", "已办结（已撤回）"},
  };
  for(size_t i = 0; i < ARRAY_SIZE(next); i++)
    if(!strcmp(st, next[i].status))
      return next[i].next;
  return "";
}

/* The approval's result: the amount, and which cap cut it. */
static void approval_note(req *r, const app *a)
{
  if(strcmp(a->status, "已审定") && strcmp(a->status, "已拨付"))
    return;
  sbuf *o = &r->out;
  char b1[48], b2[48], b3[48], b4[48];
  sb_addf(o, "<h2>县级审定结果</h2><p class=\"ok\">申请贴息 %s 元，审定贴息 "
             "<strong>%s 元</strong>",
          sub_money(a->amount, b1), sub_money(a->approved, b2));
  program p;
  if(a->cut_by[0] && program_get(r->z, a->year, &p)) {
    int vcap = !strcmp(a->cut_by, "村年度限额");
    int64_t cap = vcap ? p.village_cap : p.budget;
    /* At the approval the grant was what the cap had left. */
    sb_addf(o, "；按<strong>%s</strong>核减：%s %s 元，审定前%s已审定或拨付 %s 元，"
               "剩余 %s 元全部审定",
            a->cut_by, vcap ? "每村年度限额" : "年度预算", sub_money(cap, b3),
            vcap ? "本村本年" : "本年", sub_money(cap - a->approved, b4),
            sub_money(a->approved, b1));
  } else if(!a->cut_by[0])
    sb_addstr(o, "，未核减");
  sb_addstr(o, "。</p>");
}

/* What 县级审定 would grant today: the caps and what they have left. */
static void approve_preview(req *r, const app *a)
{
  program p;
  if(!program_get(r->z, a->year, &p))
    return;
  char key[24];
  snprintf(key, sizeof key, "%s%s", a->year, a->village);
  int64_t vused = db_int(r->z, 0, "SELECT coalesce(sum(approved), 0) FROM subsidy "
                          "WHERE year = substr(?1, 1, 4) AND village = "
                          "substr(?1, 5) AND status IN ('已审定', '已拨付')",
                 key);
  int64_t vleft = p.village_cap - vused, bleft = p.budget - p.reserved - p.paid;
  char b[5][48];
  sb_addf(&r->out, "<p class=\"hint\" id=\"h-approve\">申请贴息 %s 元；每村年度限额 "
                   "%s 元，本村本年已审定或拨付 %s 元，尚余 %s 元；年度预算剩余 "
                   "%s 元。审定时按两者中较少的核减。</p>",
          sub_money(a->amount, b[0]), sub_money(p.village_cap, b[1]),
          sub_money(vused, b[2]), sub_money(vleft, b[3]),
          sub_money(bleft, b[4]));
}

/* The value typed in field name when the refused step was `step`. */
static const char *typed(req *r, const refusal *w, const char *step,
                         const char *name, const char *dflt)
{
  if(w && !strcmp(w->step, step)) {
    const char *v = kvs_get(&r->f, name);
    if(v)
      return v;
  }
  return dflt;
}

static const char *err_for(const refusal *w, const char *step,
                           const char *id)
{
  return w && !strcmp(w->step, step) && w->id && !strcmp(w->id, id) ? w->msg
                                                                     : NULL;
}

/* One input of step's form (required unless a textarea): what was typed
 * when the step was refused (else dflt), and the refusal's reason when it
 * is this field's. */
static void step_input(req *r, const refusal *w, const char *step,
                       const char *id, const char *name, const char *label,
                       const char *type, const char *dflt, const char *hint)
{
  sub_input in = {id,   name, label, type, typed(r, w, step, name, dflt),
                  !!strcmp(type, "textarea"), hint, err_for(w, step, id)};
  sub_field(r, &in);
}

/* A step's form: its heading, a refusal's summary, the action. */
static void step_open(req *r, const app *a, const refusal *w,
                      const char *step, const char *title)
{
  sbuf *o = &r->out;
  sb_addf(o, "<section class=\"step\" aria-labelledby=\"s-%s\"><h2 "
             "id=\"s-%s\">%s</h2>",
          step, step, title);
  if(w && !strcmp(w->step, step))
    refused_at(r, title, w->msg, w->id);
  sb_addstr(o, "<form method=\"post\" action=\"/subsidy/");
  url_esc(o, a->code);
  sb_addf(o, "/%s\" class=\"record\">", step);
  sub_csrf(r);
}

static void step_close(req *r, const char *button)
{
  sb_addf(&r->out, "<p class=\"actions\"><button type=\"submit\">%s</button>"
                   "</p></form></section>",
          button);
}

static void step_forms(req *r, const app *a, const refusal *w)
{
  sbuf *o = &r->out;
  const char *st = a->status;
  const char *today = r->z->today;
  int role = r->u.role;
  if(!strcmp(st, "已申请") && role_may(role, STEP_SUBSIDY_REVIEW)) {
    step_open(r, a, w, "review", "乡镇初审");
    const char *dec = typed(r, w, "review", "decision", "同意");
    sb_addstr(o, "<fieldset class=\"choice\"><legend>初审意见</legend>");
    static const char *const d[] = {"同意", "不同意"};
    for(int i = 0; i < 2; i++)
      sb_addf(o, "<label><input type=\"radio\" "
                 "name=\"decision\" value=\"%s\"%s> %s</label>",
              d[i], !strcmp(dec, d[i]) ? " checked" : "", d[i]);
    sb_addstr(o, "</fieldset>");
    step_input(r, w, "review", "review-date", "date", "初审日期", "date", today,
               NULL);
    step_input(r, w, "review", "review-opinion", "opinion", "意见说明",
               "textarea", "", "不同意时请写明理由");
    step_close(r, "提交初审");
  }
  if((!strcmp(st, "初审通过") || !strcmp(st, "公示中")) &&
     role_may(role, STEP_SUBSIDY_REVIEW)) {
    step_open(r, a, w, "publicize",
              !strcmp(st, "公示中") ? "公示（重新公示）" : "公示");
    char to[11];
    date_from_days(date_days(today) + 6, to);
    step_input(r, w, "publicize", "pub-from", "from", "公示起日", "date", today,
               NULL);
    step_input(r, w, "publicize", "pub-to", "to", "公示止日", "date", to,
               "公示期不少于 7 天（含起止日）");
    step_close(r, "登记公示");
  }
  if(!strcmp(st, "公示中") && role_may(role, STEP_SUBSIDY_APPROVE)) {
    step_open(r, a, w, "approve", "县级审定");
    approve_preview(r, a);
    sb_addstr(o, "<p class=\"hint\">公示止日 ");
    html_escs(o, a->publicity_to);
    sb_addstr(o, "；审定日期须在公示期满之后。</p>");
    step_input(r, w, "approve", "approve-date", "date", "审定日期", "date", today,
               NULL);
    step_close(r, "审定");
  }
  if(!strcmp(st, "已审定") && role_may(role, STEP_SUBSIDY_PAY)) {
    step_open(r, a, w, "pay", "拨付");
    step_input(r, w, "pay", "pay-date", "date", "拨付日期", "date", today,
               NULL);
    step_input(r, w, "pay", "pay-voucher", "voucher", "拨付凭证号", "text", "",
               NULL);
    step_close(r, "拨付");
  }
  if(strcmp(st, "已拨付") && strcmp(st, "已撤回") && strcmp(st, "初审不同意") &&
     role_may(role, STEP_LOAN)) {
    step_open(r, a, w, "withdraw", "撤回申请");
    step_input(r, w, "withdraw", "wd-date", "date", "撤回日期", "date", today,
               NULL);
    step_input(r, w, "withdraw", "wd-reason", "reason", "撤回原因", "text", "",
               NULL);
    step_close(r, "撤回");
  }
}

static const struct {
  const char *done, *says;
} dones[] = {
  {"apply", "已提交贴息申请。"}, {"review", "已登记乡镇初审。"},
  {"publicize", "已登记公示。"}, {"approve", "已县级审定。"},
  {"pay", "已拨付。"},           {"withdraw", "已撤回申请。"},
};

static void app_page(req *r, const char *code, const refusal *w)
{
  app a;
  if(!app_load(r, code, &a)) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  if(r->json && !w) {
    sub_view_json(r, subsidy_show_view, code);
    return;
  }
  char title[120];
  snprintf(title, sizeof title, "贴息申请 %s", a.code);
  html_begin(r, title);
  sbuf *o = &r->out;
  const char *done = kvs_get(&r->q, "done");
  for(size_t i = 0; done && !w && i < ARRAY_SIZE(dones); i++)
    if(!strcmp(done, dones[i].done))
      sb_addf(o, "<p class=\"ok\" role=\"status\">%s</p>", dones[i].says);
  sqlite3_stmt *st = db_prepare(r->z, "SELECT name FROM org WHERE code = ?1");
  sqlite3_bind_text(st, 1, a.village, -1, SQLITE_STATIC);
  sb_addstr(o, "<p class=\"next\">");
  if(db_step(r->z, st) == SQLITE_ROW) {
    html_escs(o, (const char *)sqlite3_column_text(st, 0));
    sb_addstr(o, "　");
  }
  sqlite3_finalize(st);
  html_escs(o, a.year);
  sb_addstr(o, " 年度　状态：<strong>");
  html_escs(o, a.status);
  sb_addf(o, "</strong>　下一步：%s</p>", next_step(a.status));
  app_sink s;
  memset(&s, 0, sizeof s);
  s.s.begin = as_begin;
  s.s.row = as_row;
  s.s.end = as_end;
  s.r = r;
  s.a = &a;
  s.w = w;
  html_sink_init(&s.h, r, NULL, 0, 0);
  sb_init(&s.why);
  sb_addstr(o, "<h2>申请信息</h2>");
  /* The history comes last: the steps' forms go before it. */
  int rc = subsidy_show_view(r->z, code, &s.s);
  html_sink_free(&s.h);
  sb_free(&s.why);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  sb_addstr(o, "<p class=\"actions\"><a class=\"button\" href=\"/subsidy\">"
               "返回贴息申请列表</a></p>");
  html_end(r);
}

/* POST /subsidy/{code}/{step} */
static void step_post(req *r, const char *code, const char *step)
{
  app a;
  if(!app_load(r, code, &a)) {
    answer_error(r, 404, "没有这条记录，或不在您的管辖范围内");
    return;
  }
  sz *z = r->z;
  char d1[11], d2[11];
  const char *bad = NULL, *id = NULL;
  int rc = -1;
  approval ap;
  memset(&ap, 0, sizeof ap);
  if(!strcmp(step, "review")) {
    const char *dec = kvs_get(&r->f, "decision");
    if(!(bad = sub_date(r, "date", d1)))
      rc = subsidy_review(z, code, dec ? dec : "", d1,
                          kvs_get(&r->f, "opinion"));
    id = "review-date";
  } else if(!strcmp(step, "publicize")) {
    if((bad = sub_date(r, "from", d1)))
      id = "pub-from";
    else if((bad = sub_date(r, "to", d2)))
      id = "pub-to";
    else {
      rc = subsidy_publicize(z, code, d1, d2);
      id = "pub-to";
    }
  } else if(!strcmp(step, "approve")) {
    if(!(bad = sub_date(r, "date", d1)))
      rc = subsidy_approve(z, code, d1, &ap);
    id = "approve-date";
  } else if(!strcmp(step, "pay")) {
    const char *v = kvs_get(&r->f, "voucher");
    if(!(bad = sub_date(r, "date", d1)))
      rc = subsidy_pay(z, code, d1, v ? v : "");
    id = v && *v ? "pay-date" : "pay-voucher";
  } else if(!strcmp(step, "withdraw")) {
    const char *why = kvs_get(&r->f, "reason");
    if(!(bad = sub_date(r, "date", d1)))
      rc = subsidy_withdraw(z, code, d1, why ? why : "");
    id = why && *why ? "wd-date" : "wd-reason";
  } else {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(rc == 0) {
    if(r->json && !strcmp(step, "approve")) {
      r->ctype = "application/json; charset=utf-8";
      char b[4][48];
      sb_addstr(&r->out, "{\"code\":");
      json_string(&r->out, code, strlen(code));
      sb_addf(&r->out, ",\"done\":\"approve\",\"amount\":%s,\"approved\":%s,"
                       "\"cut_by\":",
              money_format(ap.amount, b[0]), money_format(ap.approved, b[1]));
      if(ap.cut_by) {
        json_string(&r->out, ap.cut_by, strlen(ap.cut_by));
        sb_addf(&r->out, ",\"cap\":%s,\"used\":%s}", money_format(ap.cap, b[2]),
                money_format(ap.used, b[3]));
      } else
        sb_addstr(&r->out, "null}");
      return;
    }
    step_done(r, code, step);
    return;
  }
  if(!bad && (db_fault(z) || z->forbidden))
    return; /* 500 or 403 with the reason (web.c) */
  r->status = 422;
  if(r->json) {
    answer_error(r, 422, bad ? bad : z->err);
    return;
  }
  /* The domain's reason: a date's rule at the date. */
  char msg[sizeof z->err];
  snprintf(msg, sizeof msg, "%s", bad ? bad : z->err);
  refusal w = {step, id, msg};
  app_page(r, code, &w);
  if(r->status < 400)
    r->status = 422;
}

/* ---- the report ---- */

/* A sink writing CSV (UTF-8 with a BOM, money as 1234.50) into a FILE. */
typedef struct csv_sink {
  asink s;
  FILE *fp;
  const atable *t;
  int skip; /* a part other than the report's table */
} csv_sink;

static int cs_begin(asink *s, const atable *t)
{
  csv_sink *c = (csv_sink *)s;
  c->t = t;
  c->skip = strcmp(atable_key(t), "report") != 0;
  if(c->skip)
    return 0;
  for(int i = 0; i < t->ncols; i++)
    csvout_field(c->fp, t->cols[i].zh, strlen(t->cols[i].zh), i == 0);
  csvout_endrow(c->fp);
  return 0;
}

static int cs_row(asink *s, const acell *v)
{
  csv_sink *c = (csv_sink *)s;
  if(c->skip)
    return 0;
  for(int i = 0; i < c->t->ncols; i++) {
    char buf[48];
    const char *x = cell_format(c->t->cols[i].kind, &v[i], 0, LANG_ZH, buf);
    csvout_text(c->fp, x, strlen(x), i == 0);
  }
  csvout_endrow(c->fp);
  return 0;
}

static int cs_end(asink *s)
{
  (void)s;
  return 0;
}

static void report_page(req *r, int csv)
{
  char y[5];
  snprintf(y, sizeof y, "%.4s", r->z->today);
  const char *year = arg(r, "year") ? arg(r, "year") : y;
  if(strlen(year) != 4 || strspn(year, "0123456789") != 4) {
    answer_error(r, 400, "年度应为四位数字，如 2025");
    return;
  }
  if(db_begin_read(r->z)) {
    answer_error(r, 503, r->z->err);
    return;
  }
  int rc;
  if(csv) {
    char *buf = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&buf, &n);
    csvout_bom(fp);
    csv_sink c;
    memset(&c, 0, sizeof c);
    c.s.begin = cs_begin;
    c.s.row = cs_row;
    c.s.end = cs_end;
    c.fp = fp;
    rc = subsidy_report_view(r->z, year, &c.s);
    fclose(fp);
    db_end(r->z, 0);
    if(rc) {
      free(buf);
      answer_error(r, 500, r->z->err);
      return;
    }
    sb_add(&r->out, buf, n);
    free(buf);
    r->ctype = "text/csv; charset=utf-8";
    char ascii[40], name[64];
    snprintf(ascii, sizeof ascii, "subsidy-report-%s.csv", year);
    snprintf(name, sizeof name, "贴息汇总-%s.csv", year);
    disposition(r, ascii, name);
    return;
  }
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 0);
    rc = subsidy_report_view(r->z, year, &j.s);
    db_end(r->z, 0);
    if(rc)
      answer_error(r, 500, r->z->err);
    else
      json_sink_end(&j);
    return;
  }
  char title[64];
  snprintf(title, sizeof title, "%s 年度贷款贴息汇总", year);
  html_begin(r, title);
  sb_addf(&r->out, "<form method=\"get\" action=\"/subsidy/report\" "
                   "class=\"filters\"><label for=\"year\">年度</label><input "
                   "id=\"year\" name=\"year\" inputmode=\"numeric\" "
                   "maxlength=\"4\" size=\"5\" value=\"%s\"><button "
                   "type=\"submit\">查询</button> <a class=\"button\" "
                   "href=\"/subsidy/report.csv?year=%s\">导出 CSV</a> <a "
                   "class=\"button\" href=\"/program/%s\">贴息年度</a></form>"
                   "<p class=\"hint\">按村列出，每个乡镇之后是乡镇合计，最后是合计；"
                   "申请贴息不含已撤回和初审不同意的申请，审定贴息含已拨付。</p>",
          year, year, year);
  html_sink h;
  html_sink_init(&h, r, NULL, 0, 0);
  rc = subsidy_report_view(r->z, year, &h.s);
  db_end(r->z, 0);
  html_sink_free(&h);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  html_end(r);
}

/* ---- the route ---- */

void subsidy_route(req *r, int post)
{
  const char *p = r->path;
  if(!strcmp(p, "/subsidy")) {
    if(post)
      apply_post(r);
    else
      list_page(r);
    return;
  }
  const char *rest = p + 9; /* after "/subsidy/" */
  if(!post && !strcmp(rest, "new")) {
    new_page(r, NULL, NULL);
    return;
  }
  if(!post && (!strcmp(rest, "report") || !strcmp(rest, "report.csv"))) {
    report_page(r, !strcmp(rest, "report.csv"));
    return;
  }
  const char *slash = strchr(rest, '/');
  if(!post && *rest && !slash) {
    app_page(r, rest, NULL);
    return;
  }
  if(post && slash && slash > rest && !strchr(slash + 1, '/')) {
    char *code = xstrndup(rest, (size_t)(slash - rest));
    step_post(r, code, slash + 1);
    free(code);
    return;
  }
  answer_error(r, 404, "页面不存在");
}
