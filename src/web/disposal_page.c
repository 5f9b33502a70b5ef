/* disposal_page.c: /disposal…, disposal filings (处置申报) through 四议两公开
 * in the browser: the list, the filing form with the objects picked from
 * the village's registers, one filing's whole record with the forms of the
 * steps the user's role may take now, and the township's 处置申报表 to
 * print. Every step is the domain's (disposal_new, disposal_vote, …: the
 * functions `sanzi disposal` calls), which refuses a role that may not
 * take it (403, web.c) and the filer's own review; a refusal shows the
 * page again with the reason at the field and what was typed. A filing
 * outside the user's scope is not found (404). */
#include "web/disposal_web.h"
#include "domain/disposal.h"
#include "domain/registers.h"
#include "store/config.h"
#include "store/record.h"
#include "base/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND "没有这条记录，或不在您的管辖范围内"

/* ---- the list ---- */

static const char *const statuses[] = {"申报中", "审核退回", "审核同意",
                                       "审核不同意", "已执行", "已公开", "已撤回",
                                       NULL};

static void list_page(req *r)
{
  disposal_filter f = {arg(r, "year"), arg(r, "village"), arg(r, "township"),
                       arg(r, "status"), 1};
  if(!filter_ok(r, f.village, f.township)) {
    answer_error(r, 404, "没有这个村或乡镇，或不在您的管辖范围内");
    return;
  }
  if(r->json) {
    json_sink j;
    json_sink_init(&j, r, 1);
    if(disposal_filter_view(r->z, &f, &j.s))
      answer_error(r, 500, r->z->err);
    return;
  }
  html_begin(r, "处置申报");
  sbuf *o = &r->out;
  if(role_may(r->u.role, STEP_DISPOSAL))
    sb_addstr(o, "<p class=\"actions\"><a class=\"button\" href=\"/disposal/"
                 "new\">新建处置申报</a></p>");
  sb_addstr(o, "<form method=\"get\" action=\"/disposal\" class=\"filters\">"
               "<label for=\"year\">申报年度</label><input id=\"year\" "
               "name=\"year\" inputmode=\"numeric\" maxlength=\"4\" size=\"5\" "
               "value=\"");
  html_escs(o, f.year);
  sb_addstr(o, "\"><label for=\"village\">村代码</label><input id=\"village\" "
               "name=\"village\" inputmode=\"numeric\" maxlength=\"12\" "
               "value=\"");
  html_escs(o, f.village);
  sb_addstr(o, "\"><label for=\"township\">乡镇代码</label><input "
               "id=\"township\" name=\"township\" inputmode=\"numeric\" "
               "maxlength=\"12\" value=\"");
  html_escs(o, f.township);
  sb_addstr(o, "\"><label for=\"status\">状态</label><select id=\"status\" "
               "name=\"status\"><option value=\"\">全部</option>");
  dsp_name_options(o, statuses, f.status);
  sb_addstr(o, "</select><button type=\"submit\">查询</button></form>");
  html_sink h;
  html_sink_init(&h, r, "disposal", 0, 0);
  int rc = disposal_filter_view(r->z, &f, &h.s);
  html_sink_free(&h);
  if(rc) {
    answer_error(r, 500, r->z->err);
    return;
  }
  sb_addstr(o, "<p class=\"hint\">按申报日期排列，最新的在前；点击申报编号查看"
               "全部记录和下一步。</p>");
  html_end(r);
}

static void new_page(req *r)
{
  if(may(r->z, STEP_DISPOSAL))
    return;
  const char *v = r->u.role == ROLE_VILLAGE ? r->u.scope : arg(r, "village");
  if(!v) {
    dsp_choose_village(r);
    return;
  }
  if(strlen(v) != 12 || org_scope_check(r->z, v, NULL) ||
     !db_in_scope(r->z, v, strlen(v))) {
    answer_error(r, 404, "没有这个村，或不在您的管辖范围内");
    return;
  }
  dsp_new_form(r, v, NULL);
}

/* The values of every field `key` of the form, joined by commas. */
static char *joined(const kvs *f, const char *key)
{
  sbuf s;
  sb_init(&s);
  for(int i = 0; i < f->n; i++)
    if(!strcmp(f->v[i].k, key) && f->v[i].v[0]) {
      if(s.len)
        sb_addch(&s, ',');
      sb_addstr(&s, f->v[i].v);
    }
  sb_addch(&s, 0);
  return sb_detach(&s);
}

/* The answer after a step: JSON, or back to the filing's page. */
static void to_filing(req *r, const char *code, const char *done)
{
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"code\":");
    json_string(&r->out, code, strlen(code));
    sb_addstr(&r->out, ",\"done\":");
    json_string(&r->out, done, strlen(done));
    sb_addch(&r->out, '}');
    return;
  }
  sbuf to;
  sb_init(&to);
  sb_addstr(&to, "/disposal/");
  url_esc(&to, code);
  sb_addf(&to, "?done=%s", done);
  answer_redirect(r, to.buf);
  sb_free(&to);
}

static void new_post(req *r)
{
  sz *z = r->z;
  disposal_input in;
  memset(&in, 0, sizeof in);
  const kvs *f = &r->f;
  in.village = kvs_get(f, "village");
  if(!in.village && r->u.role == ROLE_VILLAGE)
    in.village = r->u.scope;
  in.type = kvs_get(f, "type");
  in.reason = kvs_get(f, "reason");
  in.method = kvs_get(f, "method");
  in.price = kvs_get(f, "price");
  in.outsider = kvs_get(f, "outsider");
  in.date = kvs_get(f, "date");
  if(in.date && !in.date[0])
    in.date = NULL;
  char *objs = joined(f, "objects");
  in.objects = objs;
  if(!in.date)
    in.date = z->today;
  char code[80];
  int rc = disposal_new(z, &in, code);
  free(objs);
  if(rc == 0) {
    to_filing(r, code, "filed");
    return;
  }
  if(db_fault(z) || z->forbidden)
    return; /* 500 or 403: web.c answers */
  static const cue cues[] = {{"标的", "objects"},   {"处置方式", "method"},
                             {"outsider", "outsider"}, {"申报", "filed_on"},
                             {"日期", "filed_on"}};
  const errlist *e = &z->errs;
  const char *field = e->n && e->v[0].field ? e->v[0].field
                      : dsp_field_of(z->err, cues, ARRAY_SIZE(cues), NULL);
  shown w = {"new", e->n ? e->v[0].msg : z->err, field, 0};
  r->status = 422;
  if(r->json) {
    errors_json(r, e);
    r->status = 422;
    return;
  }
  const char *v = in.village;
  if(!v || strlen(v) != 12 || !db_in_scope(z, v, strlen(v))) {
    /* a village outside the scope: the reason, never its registers */
    html_begin(r, "新建处置申报");
    dsp_refusal(r, &w, "new");
    sb_addstr(&r->out, "<p><a href=\"/disposal/new\">重新填写</a></p>");
    html_end(r);
    r->status = 422;
    return;
  }
  dsp_new_form(r, v, &w);
  if(r->status != 500 && r->status != 404)
    r->status = 422;
}

/* ---- one filing ---- */

static int filing_load(req *r, const char *code, filing *f)
{
  rec d;
  memset(f, 0, sizeof *f);
  int found = rec_open(r->z, &reg_disposal, code, &d);
  if(found) {
    snprintf(f->code, sizeof f->code, "%s", rec_text(&d, "code"));
    snprintf(f->village, sizeof f->village, "%s", rec_text(&d, "village"));
    snprintf(f->type, sizeof f->type, "%s", rec_text(&d, "type"));
    snprintf(f->status, sizeof f->status, "%s", rec_text(&d, "status"));
    snprintf(f->filer, sizeof f->filer, "%s", rec_text(&d, "filer"));
    snprintf(f->method, sizeof f->method, "%s", rec_text(&d, "method"));
    f->appraised = rec_val(&d, "appraised_value")->t != V_NULL;
    f->resolution = rec_text(&d, "resolution_to")[0] != 0;
    f->result = rec_text(&d, "result_to")[0] != 0;
    f->executed = rec_text(&d, "executed_on")[0] != 0;
  }
  rec_close(&d);
  if(!found)
    return -1;
  sqlite3_stmt *st = db_prepare(r->z, "SELECT v.name, t.name FROM org v LEFT "
                                      "JOIN org t ON t.code = v.parent_code "
                                      "WHERE v.code = ?1");
  sqlite3_bind_text(st, 1, f->village, -1, SQLITE_STATIC);
  if(db_step(r->z, st) == SQLITE_ROW) {
    snprintf(f->vname, sizeof f->vname, "%s",
             (const char *)sqlite3_column_text(st, 0));
    const char *t = (const char *)sqlite3_column_text(st, 1);
    snprintf(f->township, sizeof f->township, "%s", t ? t : "");
  }
  sqlite3_finalize(st);
  return 0;
}

/* The filing's view on the page: its fields as name/value pairs, the
 * meetings with the reason of each that failed, the forms in place of the
 * status part (shown above), the rest as tables. */
typedef struct show_sink {
  asink s;
  html_sink h;
  req *r;
  const atable *t;
  int part; /* 0: to h; 1: fields; 2: skipped; 3: meetings; 4: contracts */
  int begun; /* parts 1 and 4: the table is open (not when empty) */
  sbuf failed; /* the reasons of failed meetings */
  void (*at_status)(struct show_sink *);
  const filing *f;
  const char *next;
  const shown *w;
} show_sink;

static int ss_begin(asink *s, const atable *t)
{
  show_sink *x = (show_sink *)s;
  const char *k = atable_key(t);
  x->t = t;
  x->part = !strcmp(k, "filing") || !strcmp(k, "steps")        ? 1
            : !strcmp(k, "heading") || !strcmp(k, "status")    ? 2
            : !strcmp(k, "meetings")                           ? 3
            : !strcmp(k, "contracts")                          ? 4
                                                               : 0;
  x->begun = 0;
  if(!strcmp(k, "status") && x->at_status)
    x->at_status(x);
  if(x->part == 1 || x->part == 2 || x->part == 4)
    return 0;
  return x->h.s.begin(&x->h.s, t);
}

static int ss_row(asink *s, const acell *c)
{
  show_sink *x = (show_sink *)s;
  sbuf *o = &x->r->out;
  if(x->part == 2)
    return 0;
  if(x->part == 4 && !x->begun++ && x->h.s.begin(&x->h.s, x->t))
    return -1;
  if(x->part == 1) {
    for(int i = 0; i < x->t->ncols; i++) {
      if(c[i].null || (x->t->cols[i].kind == K_AREA && c[i].i == 0))
        continue; /* the land area of a filing of assets: none */
      if(!x->begun++)
        sb_addf(o, "<h2>%s</h2><table class=\"fields\"><tbody>",
                !strcmp(atable_key(x->t), "filing") ? "申报"
                                                    : "公示、评估、审核、执行");
      char buf[48];
      sb_addstr(o, "<tr><th scope=\"row\">");
      html_escs(o, x->t->cols[i].zh);
      sb_addf(o, "</th><td%s>", kind_text(x->t->cols[i].kind) ? ""
                                                              : " class=\"num\"");
      html_escs(o, cell_format(x->t->cols[i].kind, &c[i], 1, LANG_ZH, buf));
      sb_addstr(o, "</td></tr>");
    }
    return 0;
  }
  if(x->part == 3 && !c[10].null && c[10].s && strcmp(c[10].s, "通过")) {
    /* step, body, date, due, present, for, …, need present, need for */
    sb_addstr(&x->failed, "<li>");
    html_escs(&x->failed, c[2].s);
    sb_addch(&x->failed, ' ');
    html_escs(&x->failed, c[0].s);
    sb_addstr(&x->failed, "（");
    html_escs(&x->failed, c[1].s);
    if(c[4].i < c[8].i)
      sb_addf(&x->failed, "）未通过：实到 %lld，不足规定的 %lld",
              (long long)c[4].i, (long long)c[8].i);
    else
      sb_addf(&x->failed, "）未通过：赞成 %lld，不足规定的 %lld",
              (long long)c[5].i, (long long)c[9].i);
    sb_addstr(&x->failed, "</li>");
  }
  return x->h.s.row(&x->h.s, c);
}

static int ss_end(asink *s)
{
  show_sink *x = (show_sink *)s;
  if(x->part == 1 && x->begun)
    sb_addstr(&x->r->out, "</tbody></table>");
  if(x->part == 2 || x->part == 1 || (x->part == 4 && !x->begun))
    return 0;
  int rc = x->h.s.end(&x->h.s);
  if(x->part == 3 && x->failed.len) {
    sb_addstr(&x->r->out, "<div class=\"warn\"><p>未通过的会议（保留在记录中，"
                          "须重新开会并通过后才能继续）：</p><ul>");
    sb_add(&x->r->out, x->failed.buf, x->failed.len);
    sb_addstr(&x->r->out, "</ul></div>");
  }
  return rc;
}

static void forms_here(show_sink *x)
{
  dsp_step_forms(x->r, x->f, x->next, x->w);
}

/* Filing code into f: 0, or -1 answered (404 outside the scope). */
static int filing_found(req *r, const char *code, filing *f)
{
  if(!filing_load(r, code, f))
    return 0;
  if(!db_fault(r->z))
    answer_error(r, 404, NOT_FOUND);
  return -1;
}

/* The filing's view as the page shows it (print: without the forms). */
static int record_view(req *r, const filing *f, const char *next,
                       const shown *w, int print)
{
  show_sink x;
  memset(&x, 0, sizeof x);
  x.s.begin = ss_begin;
  x.s.row = ss_row;
  x.s.end = ss_end;
  x.r = r;
  html_sink_init(&x.h, r, NULL, 0, 0);
  sb_init(&x.failed);
  x.at_status = print ? NULL : forms_here;
  x.f = f;
  x.next = next;
  x.w = w;
  int rc = disposal_show_view(r->z, f->code, &x.s);
  html_sink_free(&x.h);
  sb_free(&x.failed);
  return rc;
}

static void done_note(req *r)
{
  static const struct {
    const char *what, *says;
  } dones[] = {{"filed", "已提交申报。"},   {"vote", "已登记会议，表决通过。"},
               {"appraise", "已登记资产评估。"}, {"publicize", "已登记公示。"},
               {"review", "已登记乡镇审核意见。"}, {"execute", "已登记执行。"},
               {"withdraw", "已撤回申报。"}};
  const char *d = arg(r, "done");
  for(size_t i = 0; d && i < ARRAY_SIZE(dones); i++)
    if(!strcmp(d, dones[i].what))
      sb_addf(&r->out, "<p class=\"ok\" role=\"status\">%s</p>",
              dones[i].says);
}

static void filing_page(req *r, const char *code, const shown *w)
{
  sz *z = r->z;
  filing f;
  if(filing_found(r, code, &f))
    return;
  if(r->json && !w) {
    json_sink j;
    json_sink_init(&j, r, 0);
    if(disposal_show_view(z, f.code, &j.s))
      answer_error(r, 500, z->err);
    else
      json_sink_end(&j);
    return;
  }
  char next[256], title[160];
  disposal_next_step(z, f.code, next, sizeof next);
  snprintf(title, sizeof title, "处置申报 %s", f.code);
  html_begin(r, title);
  sbuf *o = &r->out;
  done_note(r);
  sb_addstr(o, "<div class=\"summary\"><p>");
  html_escs(o, f.township);
  sb_addch(o, ' ');
  html_escs(o, f.vname);
  sb_addstr(o, "　处置类型：");
  html_escs(o, f.type);
  sb_addstr(o, "　状态：<strong>");
  html_escs(o, f.status);
  sb_addstr(o, "</strong></p><p>下一步：<strong>");
  if(next[0])
    dsp_plain(o, next);
  else
    sb_addstr(o, "无（程序已完成）");
  sb_addstr(o, "</strong></p>");
  if(role_may(r->u.role, STEP_DISPOSAL_REVIEW) && !strcmp(f.filer, r->u.name))
    sb_addstr(o, "<p class=\"warn\">您是本申报的申报人：乡镇审核须由乡镇"
                 "其他人员进行。</p>");
  sb_addstr(o, "<p><a class=\"button\" href=\"/disposal/");
  url_esc(o, f.code);
  sb_addstr(o, "/print\">打印处置申报表</a> <a href=\"/disposal\">返回列表"
               "</a></p></div>");
  int rc = record_view(r, &f, next, w, 0);
  if(rc) {
    answer_error(r, 500, z->err);
    return;
  }
  html_end(r);
}

/* ---- the steps ---- */

/* A count typed into the form: -1 when empty (abstain: the rest), -2
 * when not a number. */
static int64_t count_of(const kvs *f, const char *key)
{
  const char *v = kvs_get(f, key);
  if(!v || !*v)
    return -1;
  char *end;
  long long n = strtoll(v, &end, 10);
  return *end || n < 0 || n > 100000000 ? -2 : n;
}

static void step_post(req *r, const char *code, const char *step)
{
  sz *z = r->z;
  filing f;
  if(filing_found(r, code, &f))
    return;
  const kvs *fm = &r->f;
  const char *date = kvs_get(fm, "date");
  if(!date || !*date)
    date = z->today;
  int rc = -1, passed = 1;
  const char *field = NULL;
  if(!strcmp(step, "vote")) {
    vote_input in;
    memset(&in, 0, sizeof in);
    in.step = kvs_get(fm, "step");
    const char *b = kvs_get(fm, "body");
    in.households = b && !strcmp(b, "村民会议（按户）");
    in.body = in.households ? "村民会议" : b && *b ? b : NULL;
    in.date = date;
    in.minutes = kvs_get(fm, "minutes");
    in.due = count_of(fm, "due");
    in.present = count_of(fm, "present");
    in.vfor = count_of(fm, "for");
    in.against = count_of(fm, "against");
    in.abstain = count_of(fm, "abstain");
    static const char *const keys[] = {"due", "present", "for", "against",
                                       "abstain"};
    int64_t nums[] = {in.due, in.present, in.vfor, in.against, in.abstain};
    for(int i = 0; i < 5 && !field; i++)
      if(nums[i] == -2 || (i < 4 && nums[i] < 0)) {
        field = keys[i];
        db_fail(z, "%s：请填写人数（非负整数）",
                i == 0 ? "应到" : i == 1 ? "实到" : i == 2 ? "赞成"
                        : i == 3 ? "反对" : "弃权");
      }
    /* a role that may not take the step is refused before its numbers */
    if(field && may(z, STEP_DISPOSAL))
      return;
    if(!field && !in.step)
      field = "step", db_fail(z, "请选择程序");
    if(!field)
      rc = disposal_vote(z, f.code, &in, &passed);
    if(!field && rc == 0 && !passed) {
      static const cue cues[] = {{"实到", "present"}, {"赞成", "for"}};
      field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "present");
    } else if(!field && rc) {
      static const cue cues[] = {
          {"应到（", "due"},   {"不可能", "present"}, {"合计超过", "for"},
          {"应由", "body"},    {"按户", "body"},      {"会议", "body"},
          {"早于", "date"},    {"日期", "date"},      {"须先有", "step"},
          {"已于", "step"},    {"程序", "step"}};
      field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "step");
    }
  } else if(!strcmp(step, "appraise")) {
    const char *v = kvs_get(fm, "value"), *who = kvs_get(fm, "appraiser"),
               *rep = kvs_get(fm, "report");
    rc = disposal_appraise(z, f.code, v ? v : "", who ? who : "",
                           rep ? rep : "", date);
    static const cue cues[] = {{"--value", "value"}, {"评估机构", "appraiser"},
                               {"日期", "date"}};
    field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "value");
  } else if(!strcmp(step, "publicize")) {
    const char *kind = kvs_get(fm, "kind"), *from = kvs_get(fm, "from"),
               *to = kvs_get(fm, "to");
    if(!from || !*from || !to || !*to) {
      if(may(z, STEP_DISPOSAL))
        return;
      db_fail(z, "请填写公示起日和止日");
      field = !from || !*from ? "from" : "to";
    } else {
      rc = disposal_publicize(z, f.code, kind ? kind : "", from, to);
      static const cue cues[] = {{"止日", "to"}, {"天", "to"}, {"起日", "from"}};
      field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "from");
    }
  } else if(!strcmp(step, "review")) {
    const char *dec = kvs_get(fm, "decision"), *op = kvs_get(fm, "opinion");
    rc = disposal_review(z, f.code, dec ? dec : "", date, op);
    static const cue cues[] = {{"理由", "opinion"}, {"审核日期", "date"},
                               {"审核意见应为", "decision"}};
    field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "decision");
  } else if(!strcmp(step, "execute")) {
    exec_input in;
    memset(&in, 0, sizeof in);
    in.date = date;
    in.party = kvs_get(fm, "party");
    in.price = kvs_get(fm, "price");
    char *contracts = joined(fm, "contract");
    in.contract = contracts;
    in.voucher = kvs_get(fm, "voucher");
    in.lower_price = kvs_get(fm, "lower");
    rc = disposal_execute(z, f.code, &in);
    free(contracts);
    static const cue cues[] = {
        {"低于评估价值", "lower"}, {"合同", "contract"}, {"凭证", "voucher"},
        {"资金", "voucher"},       {"对方", "party"},    {"--price", "price"},
        {"成交价格", "price"},     {"日期", "date"}};
    field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "price");
  } else if(!strcmp(step, "withdraw")) {
    const char *why = kvs_get(fm, "reason");
    rc = disposal_withdraw(z, f.code, date, why ? why : "");
    static const cue cues[] = {{"原因", "reason"}, {"日期", "date"}};
    field = dsp_field_of(z->err, cues, ARRAY_SIZE(cues), "reason");
  } else {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(db_fault(z) || z->forbidden)
    return; /* web.c answers 500 or 403 with the reason */
  if(rc == 0 && passed) {
    to_filing(r, f.code, step);
    return;
  }
  char msg[sizeof z->err];
  snprintf(msg, sizeof msg, "%s", z->err);
  shown w = {step, msg, field, rc == 0};
  if(r->json) {
    r->status = rc == 0 ? 200 : 422;
    r->ctype = "application/json; charset=utf-8";
    if(rc == 0) {
      sb_addstr(&r->out, "{\"code\":");
      json_string(&r->out, f.code, strlen(f.code));
      sb_addstr(&r->out, ",\"recorded\":true,\"passed\":false,\"message\":");
      json_string(&r->out, msg, strlen(msg));
      sb_addch(&r->out, '}');
    } else
      errors_json(r, &z->errs);
    return;
  }
  /* A failed meeting is recorded (200: the page shows it with its
   * reason); a refusal saved nothing (422). */
  filing_page(r, f.code, &w);
  if(r->status != 500 && r->status != 404)
    r->status = rc == 0 ? 200 : 422;
}

/* ---- the township's 处置申报表 ---- */

static void print_filing(req *r, const char *code)
{
  sz *z = r->z;
  filing f;
  if(filing_found(r, code, &f))
    return;
  char title[200];
  snprintf(title, sizeof title, "%s农村集体资产处置申报表", f.township);
  sbuf *o = &r->out;
  sb_addstr(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta "
               "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
               "device-width, initial-scale=1\"><title>");
  html_escs(o, title);
  sb_addstr(o, "</title><link rel=\"stylesheet\" href=\"/static/print.css\">"
               "</head><body><nav class=\"noprint\" aria-label=\"操作\">"
               "<a href=\"/disposal/");
  url_esc(o, f.code);
  sb_addstr(o, "\">返回申报</a> <span class=\"hint\">用浏览器的“打印”"
               "（Ctrl+P）打印本页，纸张 A4。</span></nav><main "
               "class=\"sheet\"><h1>");
  html_escs(o, title);
  sb_addstr(o, "</h1><p class=\"period\">申报编号：");
  html_escs(o, f.code);
  sb_addstr(o, "　申报单位：");
  html_escs(o, f.vname);
  sb_addstr(o, "　状态：");
  html_escs(o, f.status);
  sb_addstr(o, "</p>");
  int rc = record_view(r, &f, "", NULL, 1);
  if(rc) {
    answer_error(r, 500, z->err);
    return;
  }
  /* The change log is the system's, not the form's. */
  char *h = strstr(o->buf, "<h2>变更记录</h2>");
  if(h)
    o->len = (size_t)(h - o->buf);
  sb_addstr(o, "<p class=\"sign\"><span>申报单位（盖章）：＿＿＿＿＿＿＿＿"
               "</span>　<span>村党组织书记（签字）：＿＿＿＿＿＿</span>　"
               "<span>村委会主任（签字）：＿＿＿＿＿＿</span></p><p "
               "class=\"sign\">申报日期：　　　　年　　月　　日</p><p "
               "class=\"sign\"><span>乡镇审核意见：＿＿＿＿＿＿＿＿＿＿＿＿"
               "＿＿＿＿＿＿＿＿＿＿</span></p><p class=\"sign\"><span>审核人"
               "（签字）：＿＿＿＿＿＿</span>　<span>乡镇（盖章）："
               "＿＿＿＿＿＿＿＿</span>　<span>日期：　　　　年　　月　　日"
               "</span></p></main></body></html>\n");
}

/* ---- the route ---- */

void disposal_route(req *r, int post)
{
  const char *p = r->path;
  if(!strcmp(p, "/disposal")) {
    if(post)
      new_post(r);
    else
      list_page(r);
    return;
  }
  const char *code = p + 10, *slash = strchr(code, '/');
  if(!post && !strcmp(code, "new")) {
    new_page(r);
    return;
  }
  if(!*code || slash == code) {
    answer_error(r, 404, "页面不存在");
    return;
  }
  char *c = xstrndup(code, slash ? (size_t)(slash - code) : strlen(code));
  if(!slash && !post)
    filing_page(r, c, NULL);
  else if(slash && !post && !strcmp(slash, "/print"))
    print_filing(r, c);
  else if(slash && post && !strchr(slash + 1, '/'))
    step_post(r, c, slash + 1);
  else
    answer_error(r, 404, "页面不存在");
  free(c);
}
