/* disposal_form.c: the forms of disposal filings (disposal_page.c): the
 * filing form with the objects picked from the village's registers and
 * the method's threshold beside it; on a filing's page the forms of the
 * steps the user's role may take now, the meetings with the numbers the
 * rules require beside their counts. A refused form shows what was typed
 * and the reason at its field. */
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

void dsp_csrf(req *r)
{
  sb_addstr(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_escs(&r->out, r->u.csrf);
  sb_addstr(&r->out, "\">");
}

/* A domain message as the page says it: without the command line's
 * options and commands in brackets ("（--opinion）", "（sanzi …）"). */
void dsp_plain(sbuf *o, const char *s)
{
  static const struct {
    const char *opt, *name;
  } opts[] = {{"--value", "评估价值"}, {"--price", "成交价格"},
              {"--kind", "公示类别"},  {"--step", "程序"},
              {"--body", "会议"},      {"--households", "按户计数"},
              {"--due", "应到"}};
  sbuf t;
  sb_init(&t);
  for(const char *p = s ? s : ""; *p;) {
    const char *open = NULL;
    size_t ol = 0;
    if(!strncmp(p, "（--", 5) || !strncmp(p, "（sanzi", 8))
      open = "）", ol = 3;
    else if(!strncmp(p, " (--", 4) || !strncmp(p, " (sanzi", 7))
      open = ")", ol = 1;
    if(!open && !strncmp(p, "（", 3)) {
      /* a key of the command line: "（objects=）" */
      size_t k = 3;
      while((p[k] >= 'a' && p[k] <= 'z') || p[k] == '_')
        k++;
      if(k > 3 && !strncmp(p + k, "=）", 4)) {
        p += k + 4;
        continue;
      }
    }
    const char *end = open ? strstr(p, open) : NULL;
    if(end) {
      p = end + ol;
      continue;
    }
    size_t k;
    for(k = 0; k < ARRAY_SIZE(opts); k++)
      if(!strncmp(p, opts[k].opt, strlen(opts[k].opt))) {
        sb_addstr(&t, opts[k].name);
        p += strlen(opts[k].opt);
        break;
      }
    if(k == ARRAY_SIZE(opts))
      sb_addch(&t, *p++);
  }
  html_escs(o, t.buf ? t.buf : "");
  sb_free(&t);
}

/* The value typed into field key of form, when the page shows that form
 * refused; else dflt. */
const char *dsp_typed(req *r, const shown *w, const char *form,
                         const char *key, const char *dflt)
{
  if(w && w->form && !strcmp(w->form, form)) {
    const char *v = kvs_get(&r->f, key);
    return v ? v : "";
  }
  return dflt;
}

/* The reason at field key of form, or NULL. */
const char *dsp_err_at(const shown *w, const char *form, const char *key)
{
  return w && w->form && !strcmp(w->form, form) && w->field &&
                 !strcmp(w->field, key)
             ? w->msg
             : NULL;
}

/* A field: its label, then the caller's input, then field_end. */
static void field_begin(sbuf *o, const char *id, const char *label, int req,
                        const char *err)
{
  sb_addf(o, "<div class=\"field%s\"><label for=\"%s\">%s%s</label>",
          err ? " bad" : "", id,
          req ? "<span class=\"req\" title=\"必填\">*</span>" : "", label);
}

static void field_end(sbuf *o, const char *id, const char *err,
                      const char *hint)
{
  if(hint) {
    sb_addf(o, "<span class=\"hint\" id=\"h-%s\">", id);
    sb_addstr(o, hint);
    sb_addstr(o, "</span>");
  }
  if(err) {
    sb_addf(o, "<span class=\"field-error\" id=\"e-%s\">", id);
    dsp_plain(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</div>");
}

/* The attributes an input has for its hint and its error. */
static void described(sbuf *o, const char *id, const char *err, int hint)
{
  if(err)
    sb_addf(o, " aria-invalid=\"true\"");
  if(err || hint)
    sb_addf(o, " aria-describedby=\"%s%s%s%s%s\"", hint ? "h-" : "",
            hint ? id : "", hint && err ? " " : "", err ? "e-" : "",
            err ? id : "");
}

/* <input id=ID name=NAME type=TYPE value=V ...>, its field around it. */
static void text_field(sbuf *o, const char *form, const char *name,
                       const char *label, const char *type, const char *v,
                       int req, const char *err, const char *hint,
                       const char *extra)
{
  char id[64];
  snprintf(id, sizeof id, "%s-%s", form, name);
  field_begin(o, id, label, req, err);
  sb_addf(o, "<input id=\"%s\" name=\"%s\" type=\"%s\"%s%s", id, name, type,
          req ? " required" : "", extra ? extra : "");
  described(o, id, err, hint != NULL);
  sb_addstr(o, " value=\"");
  html_escs(o, v);
  sb_addstr(o, "\">");
  field_end(o, id, err, hint);
}

/* The date of a step's form: today unless typed. */
static void date_field(req *r, const shown *w, const char *form,
                       const char *label)
{
  text_field(&r->out, form, "date", label, "date",
             dsp_typed(r, w, form, "date", r->z->today), 1,
             dsp_err_at(w, form, "date"), NULL, NULL);
}

static void area_field(sbuf *o, const char *form, const char *name,
                       const char *label, const char *v, int req,
                       const char *err)
{
  char id[64];
  snprintf(id, sizeof id, "%s-%s", form, name);
  field_begin(o, id, label, req, err);
  sb_addf(o, "<textarea id=\"%s\" name=\"%s\" rows=\"3\" maxlength=\"2000\"%s",
          id, name, req ? " required" : "");
  described(o, id, err, 0);
  sb_addch(o, '>');
  html_escs(o, v);
  sb_addstr(o, "</textarea>");
  field_end(o, id, err, NULL);
}

/* <option>s of a list of names, cur selected. */
void dsp_name_options(sbuf *o, const char *const *names, const char *cur)
{
  for(; *names; names++)
    sb_addf(o, "<option%s>%s</option>",
            cur && !strcmp(cur, *names) ? " selected" : "", *names);
}

/* <option>s of sql's rows (the value, then the columns its label shows,
 * joined by spaces; column money an amount in fen, shown "1,234.50 元")
 * with its parameter ?1 bound. */
static void bound_options(req *r, const char *sql, const char *p1,
                          const char *cur, int money)
{
  sqlite3_stmt *st = db_prepare(r->z, sql);
  sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC);
  while(db_step(r->z, st) == SQLITE_ROW) {
    const char *v = (const char *)sqlite3_column_text(st, 0);
    sb_addstr(&r->out, "<option value=\"");
    html_escs(&r->out, v);
    sb_addf(&r->out, "\"%s>", cur && v && !strcmp(cur, v) ? " selected" : "");
    for(int i = 1; i < sqlite3_column_count(st); i++) {
      char buf[32];
      if(i > 1)
        sb_addch(&r->out, ' ');
      if(i == money) {
        sb_addstr(&r->out,
                  money_format_grouped(sqlite3_column_int64(st, i), buf));
        sb_addstr(&r->out, " 元");
      } else
        html_escs(&r->out, (const char *)sqlite3_column_text(st, i));
    }
    sb_addstr(&r->out, "</option>");
  }
  sqlite3_finalize(st);
}

/* The form's summary of a refusal, above its fields. */
void dsp_refusal(req *r, const shown *w, const char *form)
{
  if(!w || !w->form || strcmp(w->form, form))
    return;
  sbuf *o = &r->out;
  sb_addstr(o, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><p>");
  sb_addstr(o, w->recorded ? "会议已记录，表决未通过：" : "未保存，请修改后再提交：");
  sb_addstr(o, "</p><ul>");
  const errlist *e = &r->z->errs;
  if(!w->recorded && e->n > 1)
    for(size_t i = 0; i < e->n; i++) {
      sb_addstr(o, "<li>");
      dsp_plain(o, e->v[i].msg);
      sb_addstr(o, "</li>");
    }
  else {
    sb_addstr(o, "<li>");
    if(w->field)
      sb_addf(o, "<a href=\"#%s-%s\">", form, w->field);
    dsp_plain(o, w->msg);
    if(w->field)
      sb_addstr(o, "</a>");
    sb_addstr(o, "</li>");
  }
  sb_addstr(o, "</ul></div>");
}

const char *dsp_field_of(const char *msg, const cue *c, size_t n,
                            const char *dflt)
{
  for(size_t i = 0; i < n; i++)
    if(strstr(msg, c[i].word))
      return c[i].field;
  return dflt;
}

/* ---- the filing form ---- */

/* The rules of the method and the appraisal, from the parameters. */
static void method_rule(req *r, sbuf *out)
{
  char v[32], a[32], ap[32];
  money_format_grouped(config_int(r->z, "disposal.public_value", 20000000), v);
  area_format_grouped(config_int(r->z, "disposal.public_area", 500000), a);
  money_format_grouped(
      config_int(r->z, "disposal.appraisal_value", 5000000), ap);
  sb_addf(out, "账面价值或拟定价格达 %s 元、或土地面积达 %s 亩的，须公开竞价、"
               "招标或拍卖，不得协议处置（提交时核对）；出售、入股、抵押、置换"
               "账面价值达 %s 元的，须经资产评估。",
          v, a, ap);
}

/* The objects to pick: a table of checkboxes. */
typedef struct pick_sink {
  asink s;
  req *r;
  const atable *t;
  const kvs *chosen; /* the form typed, or NULL */
  long rows;
} pick_sink;

static int chosen(const kvs *f, const char *code)
{
  for(int i = 0; f && i < f->n; i++)
    if(!strcmp(f->v[i].k, "objects") && !strcmp(f->v[i].v, code))
      return 1;
  return 0;
}

static int pick_begin(asink *s, const atable *t)
{
  pick_sink *p = (pick_sink *)s;
  p->t = t;
  sb_addstr(&p->r->out,
            "<div class=\"scroll\"><table class=\"list check\"><caption "
            "class=\"hint\">勾选要处置的资产或资源；资产的账面价值为截至今日"
            "的净值（原值减累计折旧），资源列出面积</caption><thead><tr>"
            "<th scope=\"col\">选择</th><th scope=\"col\">编号</th><th "
            "scope=\"col\">登记簿</th><th scope=\"col\">名称</th><th "
            "scope=\"col\">类别</th><th scope=\"col\">状态</th><th "
            "scope=\"col\" class=\"num\">账面价值（元）</th><th scope=\"col\" "
            "class=\"num\">面积（亩）</th></tr></thead><tbody>");
  return 0;
}

static int pick_row(asink *s, const acell *c)
{
  pick_sink *p = (pick_sink *)s;
  sbuf *o = &p->r->out;
  const char *code = c[0].s ? c[0].s : "";
  long n = ++p->rows;
  sb_addf(o, "<tr><td><input type=\"checkbox\" id=\"obj-%ld\" "
             "name=\"objects\" value=\"",
          n);
  html_escs(o, code);
  sb_addch(o, '"');
  if(!c[7].null)
    sb_addstr(o, " disabled");
  else if(chosen(p->chosen, code))
    sb_addstr(o, " checked");
  sb_addf(o, "></td><td><label for=\"obj-%ld\">", n);
  html_escs(o, code);
  sb_addstr(o, "</label></td>");
  for(int i = 1; i <= 6; i++) {
    char buf[48];
    sb_addstr(o, i >= 5 ? "<td class=\"num\">" : "<td>");
    html_escs(o, cell_format(p->t->cols[i].kind, &c[i], 1, LANG_ZH, buf));
    if(i == 4 && !c[7].null) {
      sb_addstr(o, "（已在申报 ");
      html_escs(o, c[7].s);
      sb_addstr(o, " 中）");
    }
    sb_addstr(o, "</td>");
  }
  sb_addstr(o, "</tr>");
  return 0;
}

static int pick_end(asink *s)
{
  pick_sink *p = (pick_sink *)s;
  if(!p->rows)
    sb_addstr(&p->r->out, "<tr><td colspan=\"8\" class=\"none\">本村没有可处置"
                          "的资产或资源</td></tr>");
  sb_addstr(&p->r->out, "</tbody></table></div>");
  return 0;
}

/* The villages a 乡镇 (or 管理员) user files for: choose one first. */
void dsp_choose_village(req *r)
{
  html_begin(r, "新建处置申报");
  sbuf *o = &r->out;
  sb_addstr(o, "<form method=\"get\" action=\"/disposal/new\" "
               "class=\"filters\"><label for=\"village\">申报的村</label>"
               "<select id=\"village\" name=\"village\" required><option "
               "value=\"\">请选择</option>");
  sbuf q;
  sb_init(&q);
  sb_addstr(&q, "SELECT code, code || ' ' || name FROM org WHERE level = "
                "'village'");
  form_options(r, q.buf, NULL, 1, "code");
  sb_free(&q);
  sb_addstr(o, "</select><button type=\"submit\">下一步</button></form>");
  html_end(r);
}

static const char *const types[] = {"出售", "出租", "发包", "入股", "抵押",
                                    "报废", "核销", "无偿划转", "置换", NULL};
static const char *const methods[] = {"公开竞价", "招标", "拍卖", "协议", NULL};

void dsp_new_form(req *r, const char *village, const shown *w)
{
  sz *z = r->z;
  html_begin(r, "新建处置申报");
  sbuf *o = &r->out;
  const char *name = NULL;
  sqlite3_stmt *st = db_prepare(z, "SELECT name FROM org WHERE code = ?1");
  sqlite3_bind_text(st, 1, village, -1, SQLITE_STATIC);
  if(db_step(z, st) == SQLITE_ROW)
    name = (const char *)sqlite3_column_text(st, 0);
  sb_addstr(o, "<p>申报单位：");
  html_escs(o, village);
  sb_addch(o, ' ');
  html_escs(o, name);
  sb_addstr(o, "</p>");
  sqlite3_finalize(st);
  dsp_refusal(r, w, "new");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal\" class=\"record\">");
  dsp_csrf(r);
  sb_addstr(o, "<input type=\"hidden\" name=\"village\" value=\"");
  html_escs(o, village);
  sb_addstr(o, "\">");
  const char *err = dsp_err_at(w, "new", "village");
  if(err) {
    sb_addstr(o, "<p class=\"field-error error\" id=\"e-new-village\">");
    dsp_plain(o, err);
    sb_addstr(o, "</p>");
  }
  err = dsp_err_at(w, "new", "type");
  field_begin(o, "new-type", "处置类型", 1, err);
  sb_addstr(o, "<select id=\"new-type\" name=\"type\" required");
  described(o, "new-type", err, 0);
  sb_addstr(o, "><option value=\"\">请选择</option>");
  dsp_name_options(o, types, dsp_typed(r, w, "new", "type", NULL));
  sb_addstr(o, "</select>");
  field_end(o, "new-type", err, NULL);

  area_field(o, "new", "reason", "处置理由", dsp_typed(r, w, "new", "reason", ""),
             1, dsp_err_at(w, "new", "reason"));

  err = dsp_err_at(w, "new", "method");
  field_begin(o, "new-method", "处置方式", 1, err);
  sb_addstr(o, "<select id=\"new-method\" name=\"method\" required");
  described(o, "new-method", err, 1);
  sb_addstr(o, "><option value=\"\">请选择</option>");
  dsp_name_options(o, methods, dsp_typed(r, w, "new", "method", NULL));
  sb_addstr(o, "</select>");
  sbuf rule;
  sb_init(&rule);
  method_rule(r, &rule);
  field_end(o, "new-method", err, rule.buf);
  sb_free(&rule);

  text_field(o, "new", "price", "拟定价格（元）", "text",
             dsp_typed(r, w, "new", "price", ""), 0, dsp_err_at(w, "new", "price"),
             "出售填底价，出租、发包填年租金；可不填",
             " inputmode=\"decimal\" maxlength=\"20\"");
  err = dsp_err_at(w, "new", "outsider");
  const char *out = dsp_typed(r, w, "new", "outsider", "");
  sb_addf(o, "<div class=\"field check%s\"><label for=\"new-outsider\">发包给"
             "本集体以外</label><span><input type=\"checkbox\" "
             "id=\"new-outsider\" name=\"outsider\" value=\"是\"%s",
          err ? " bad" : "", out && !strcmp(out, "是") ? " checked" : "");
  described(o, "new-outsider", err, 1);
  sb_addstr(o, "></span>");
  field_end(o, "new-outsider", err,
            "仅用于发包：决议须经应到人数三分之二以上同意");
  text_field(o, "new", "date", "申报日期", "date",
             dsp_typed(r, w, "new", "date", z->today), 1,
             dsp_err_at(w, "new", "filed_on"), NULL, NULL);

  err = dsp_err_at(w, "new", "objects");
  sb_addf(o, "<fieldset class=\"objects%s\" id=\"new-objects\"%s><legend>"
             "<span class=\"req\" title=\"必填\">*</span>处置标的</legend>",
          err ? " bad" : "", err ? " aria-describedby=\"e-new-objects\"" : "");
  if(err) {
    sb_addstr(o, "<p class=\"field-error\" id=\"e-new-objects\">");
    dsp_plain(o, err);
    sb_addstr(o, "</p>");
  }
  pick_sink p;
  memset(&p, 0, sizeof p);
  p.s.begin = pick_begin;
  p.s.row = pick_row;
  p.s.end = pick_end;
  p.r = r;
  p.chosen = w && w->form ? &r->f : NULL;
  if(disposal_candidates_view(z, village, z->today, &p.s)) {
    answer_error(r, db_fault(z) ? 500 : 404, db_fault(z) ? z->err : NOT_FOUND);
    return;
  }
  sb_addstr(o, "</fieldset><p class=\"actions\"><button type=\"submit\">提交"
               "申报</button> <a href=\"/disposal\">取消</a></p></form>");
  html_end(r);
}

int dsp_open_steps(const filing *f)
{
  return !strcmp(f->status, "申报中") || !strcmp(f->status, "审核退回");
}

/* The share a/b as Chinese writes it: 半数, 三分之二, else a/b. */
static void share(int64_t a, int64_t b, char out[32])
{
  static const char *const d[] = {"零", "一", "二", "三", "四", "五",
                                  "六", "七", "八", "九", "十"};
  if(a * 2 == b)
    snprintf(out, 32, "半数");
  else if(a > 0 && a < b && b <= 10)
    snprintf(out, 32, "%s分之%s", d[b], d[a]);
  else
    snprintf(out, 32, "%lld/%lld", (long long)a, (long long)b);
}

/* The rule of a meeting in words, and with due known its least numbers
 * (`到会至少 30 人，赞成至少 16 人`). */
static void need_text(req *r, sbuf *o, const char *step, const char *body,
                      int hh, int outsider, int64_t due, int64_t present)
{
  vote_need n;
  if(disposal_vote_need(r->z, step, body, hh, outsider, due > 0 ? due : 1,
                        present, &n))
    return;
  const char *u = hh ? "户" : "人";
  char q[32], p[32], x[32];
  share(n.qa, n.qb, q);
  share(n.pa, n.pb, p);
  share(n.oa, n.ob, x);
  if(due > 0) {
    sb_addf(o, "到会至少 %lld %s，赞成至少 %lld %s", (long long)n.need_present,
            u, (long long)n.need_for, u);
    if(present >= 0)
      sb_addf(o, "（应到 %lld %s、实到 %lld %s）", (long long)due, u,
              (long long)present, u);
    else
      sb_addf(o, "（应到 %lld %s）", (long long)due, u);
    sb_addstr(o, "；");
  }
  sb_addf(o, "到会须%s应到的%s，赞成须过%s的%s", n.quorum_strict ? "过" : "达",
          q, n.pass_of_due ? "应到" : "实到", p);
  if(n.outsider)
    sb_addf(o, "；发包给本集体以外，赞成须达应到的%s", x);
}

/* The meeting step the filing needs next (提议 … 决议), or NULL. */
static const char *next_meeting(const char *next)
{
  static const char *const steps[] = {"提议", "商议", "审议", "决议"};
  for(size_t i = 0; i < ARRAY_SIZE(steps); i++)
    if(!strncmp(next, steps[i], strlen(steps[i])) &&
       strncmp(next + strlen(steps[i]), "公开", 6))
      return steps[i]; /* "决议", not "决议公开" */
  return NULL;
}

static const char *const bodies[] = {"党支部会议", "两委联席会议", "党员大会",
                                     "村民代表会议", "村民会议",
                                     "村民会议（按户）", NULL};
static const char *const step_body[] = {"提议", "党支部会议", "商议",
                                        "两委联席会议", "审议", "党员大会",
                                        NULL};

/* The rules of every meeting as a table, the numbers for the due known. */
static void rules_table(req *r, const filing *f, int outsider)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<table class=\"list rules\"><caption>各程序的到会和表决要求"
               "</caption><thead><tr><th scope=\"col\">程序</th><th "
               "scope=\"col\">会议</th><th scope=\"col\">要求</th></tr>"
               "</thead><tbody>");
  for(int i = 0; i < 6; i++) {
    const char *step = i < 3 ? step_body[2 * i] : "决议";
    const char *body = i < 3 ? step_body[2 * i + 1]
                       : i == 3 ? "村民代表会议" : "村民会议";
    int hh = i == 5;
    sb_addf(o, "<tr><th scope=\"row\">%s</th><td>%s%s</td><td>", step, body,
            hh ? "（按户）" : "");
    int64_t due = disposal_known_due(r->z, f->code, step, body, hh);
    need_text(r, o, step, body, hh, outsider, due, -1);
    sb_addstr(o, "</td></tr>");
  }
  sb_addstr(o, "</tbody></table>");
}

static void vote_form(req *r, const filing *f, const char *next,
                      const shown *w, int outsider)
{
  sbuf *o = &r->out;
  const char *step = dsp_typed(r, w, "vote", "step", NULL);
  if(!step)
    step = next_meeting(next) ? next_meeting(next) : "提议";
  const char *bsel = dsp_typed(r, w, "vote", "body", NULL);
  if(!bsel) {
    bsel = "村民代表会议";
    for(int i = 0; step_body[i]; i += 2)
      if(!strcmp(step_body[i], step))
        bsel = step_body[i + 1];
  }
  int hh = !strcmp(bsel, "村民会议（按户）");
  const char *body = hh ? "村民会议" : bsel;
  sb_addstr(o, "<section class=\"step\" aria-labelledby=\"s-vote\"><h3 "
               "id=\"s-vote\">登记会议（四议）</h3>");
  dsp_refusal(r, w, "vote");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addstr(o, "/vote\" class=\"record\">");
  dsp_csrf(r);
  const char *err = dsp_err_at(w, "vote", "step");
  field_begin(o, "vote-step", "程序", 1, err);
  sb_addstr(o, "<select id=\"vote-step\" name=\"step\" required");
  described(o, "vote-step", err, 0);
  sb_addch(o, '>');
  static const char *const steps[] = {"提议", "商议", "审议", "决议", NULL};
  dsp_name_options(o, steps, step);
  sb_addstr(o, "</select>");
  field_end(o, "vote-step", err, NULL);
  err = dsp_err_at(w, "vote", "body");
  field_begin(o, "vote-body", "会议", 1, err);
  sb_addstr(o, "<select id=\"vote-body\" name=\"body\" required");
  described(o, "vote-body", err, 1);
  sb_addch(o, '>');
  dsp_name_options(o, bodies, bsel);
  sb_addstr(o, "</select>");
  field_end(o, "vote-body", err,
            "提议：党支部会议；商议：两委联席会议；审议：党员大会；决议：村民"
            "代表会议或村民会议");
  /* The numbers the rules require, beside the counts: for what was typed
   * after a submission, else for the due known of this meeting. */
  const char *due_s = dsp_typed(r, w, "vote", "due", NULL);
  const char *pre_s = dsp_typed(r, w, "vote", "present", NULL);
  int64_t due = due_s ? atoll(due_s) : 0, present = pre_s && *pre_s
                                                        ? atoll(pre_s)
                                                        : -1;
  if(!due_s)
    due = disposal_known_due(r->z, f->code, step, body, hh);
  sbuf need;
  sb_init(&need);
  need_text(r, &need, step, body, hh, outsider, due, due_s ? present : -1);
  sb_addch(&need, 0);
  char dv[24] = "";
  if(due > 0 && !due_s)
    snprintf(dv, sizeof dv, "%lld", (long long)due);
  date_field(r, w, "vote", "会议日期");
  text_field(o, "vote", "due", hh ? "应到（户）" : "应到（人）", "number",
             due_s ? due_s : dv, 1, dsp_err_at(w, "vote", "due"), need.buf,
             " min=\"1\" inputmode=\"numeric\"");
  sb_free(&need);
  text_field(o, "vote", "present", hh ? "实到（户）" : "实到（人）", "number",
             dsp_typed(r, w, "vote", "present", ""), 1,
             dsp_err_at(w, "vote", "present"), NULL,
             " min=\"0\" inputmode=\"numeric\"");
  text_field(o, "vote", "for", "赞成", "number", dsp_typed(r, w, "vote", "for", ""),
             1, dsp_err_at(w, "vote", "for"), NULL,
             " min=\"0\" inputmode=\"numeric\"");
  text_field(o, "vote", "against", "反对", "number",
             dsp_typed(r, w, "vote", "against", ""), 1,
             dsp_err_at(w, "vote", "against"), NULL,
             " min=\"0\" inputmode=\"numeric\"");
  text_field(o, "vote", "abstain", "弃权", "number",
             dsp_typed(r, w, "vote", "abstain", ""), 0,
             dsp_err_at(w, "vote", "abstain"), "不填则为实到减赞成、反对",
             " min=\"0\" inputmode=\"numeric\"");
  text_field(o, "vote", "minutes", "会议记录编号", "text",
             dsp_typed(r, w, "vote", "minutes", ""), 0, NULL, NULL,
             " maxlength=\"200\"");
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">登记会议</button>"
               "</p></form>");
  rules_table(r, f, outsider);
  sb_addstr(o, "</section>");
}

static void appraise_form(req *r, const filing *f, const shown *w, int open)
{
  sbuf *o = &r->out;
  int shown_here = w && w->form && !strcmp(w->form, "appraise");
  sb_addf(o, "<details class=\"step\"%s><summary>资产评估%s</summary>",
          open || shown_here ? " open" : "",
          f->appraised ? "（已登记，可重新登记）" : "");
  dsp_refusal(r, w, "appraise");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addstr(o, "/appraise\" class=\"record\">");
  dsp_csrf(r);
  text_field(o, "appraise", "value", "评估价值（元）", "text",
             dsp_typed(r, w, "appraise", "value", ""), 1,
             dsp_err_at(w, "appraise", "value"), NULL,
             " inputmode=\"decimal\" maxlength=\"20\"");
  text_field(o, "appraise", "appraiser", "评估机构", "text",
             dsp_typed(r, w, "appraise", "appraiser", ""), 1,
             dsp_err_at(w, "appraise", "appraiser"), NULL, " maxlength=\"200\"");
  text_field(o, "appraise", "report", "评估报告号", "text",
             dsp_typed(r, w, "appraise", "report", ""), 1,
             dsp_err_at(w, "appraise", "report"), NULL, " maxlength=\"200\"");
  date_field(r, w, "appraise", "评估日期");
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">登记评估</button>"
               "</p></form></details>");
}

static void publicize_form(req *r, const filing *f, const char *kind,
                           const shown *w)
{
  sbuf *o = &r->out;
  int days = (int)config_int(r->z, !strcmp(kind, "决议")
                                       ? "disposal.resolution_days"
                                       : "disposal.result_days",
                             7);
  sb_addf(o, "<section class=\"step\" aria-labelledby=\"s-pub\"><h3 "
             "id=\"s-pub\">%s公开</h3>",
          kind);
  dsp_refusal(r, w, "publicize");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addf(o, "/publicize\" class=\"record\"><input type=\"hidden\" "
             "name=\"kind\" value=\"%s\">",
          kind);
  dsp_csrf(r);
  char hint[160];
  snprintf(hint, sizeof hint, "公示至少 %d 天，首尾两天都计入%s", days,
           !strcmp(kind, "决议") ? "；须在乡镇审核前结束" : "");
  text_field(o, "publicize", "from", "公示起日", "date",
             dsp_typed(r, w, "publicize", "from", r->z->today), 1,
             dsp_err_at(w, "publicize", "from"), hint, NULL);
  text_field(o, "publicize", "to", "公示止日", "date",
             dsp_typed(r, w, "publicize", "to", ""), 1,
             dsp_err_at(w, "publicize", "to"), NULL, NULL);
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">登记公示</button>"
               "</p></form></section>");
}

static void review_form(req *r, const filing *f, const shown *w)
{
  sbuf *o = &r->out;
  sb_addstr(o, "<section class=\"step\" aria-labelledby=\"s-review\"><h3 "
               "id=\"s-review\">乡镇审核</h3>");
  if(!strcmp(f->filer, r->u.name))
    sb_addstr(o, "<p class=\"warn\">您是本申报的申报人，按规定不能审核本人的"
                 "申报，应由乡镇其他人员审核。</p>");
  dsp_refusal(r, w, "review");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addstr(o, "/review\" class=\"record\">");
  dsp_csrf(r);
  const char *dec = dsp_typed(r, w, "review", "decision", "");
  const char *err = dsp_err_at(w, "review", "decision");
  sb_addf(o, "<fieldset class=\"choices%s\" id=\"review-decision\"%s><legend>"
             "<span class=\"req\" title=\"必填\">*</span>审核意见</legend>",
          err ? " bad" : "", err ? " aria-describedby=\"e-review-decision\"" : "");
  static const char *const decs[] = {"同意", "不同意", "退回"};
  for(int i = 0; i < 3; i++)
    sb_addf(o, "<label class=\"radio\"><input type=\"radio\" name=\"decision\" "
               "value=\"%s\" required%s> %s</label>",
            decs[i], !strcmp(dec, decs[i]) ? " checked" : "", decs[i]);
  if(err) {
    sb_addstr(o, "<span class=\"field-error\" id=\"e-review-decision\">");
    dsp_plain(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</fieldset>");
  area_field(o, "review", "opinion", "审核说明（不同意、退回须填写理由）",
             dsp_typed(r, w, "review", "opinion", ""), 0,
             dsp_err_at(w, "review", "opinion"));
  date_field(r, w, "review", "审核日期");
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">提交审核意见"
               "</button></p></form></section>");
}

static void execute_form(req *r, const filing *f, const shown *w)
{
  sbuf *o = &r->out;
  int let = !strcmp(f->type, "出租") || !strcmp(f->type, "发包") ||
            !strcmp(f->type, "入股");
  sb_addstr(o, "<section class=\"step\" aria-labelledby=\"s-exec\"><h3 "
               "id=\"s-exec\">执行</h3>");
  dsp_refusal(r, w, "execute");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addstr(o, "/execute\" class=\"record\">");
  dsp_csrf(r);
  date_field(r, w, "execute", "执行日期");
  text_field(o, "execute", "party", "受让方/承租方", "text",
             dsp_typed(r, w, "execute", "party", ""), 1,
             dsp_err_at(w, "execute", "party"), NULL, " maxlength=\"200\"");
  text_field(o, "execute", "price", let ? "成交价格（元/年）" : "成交价格（元）",
             "text", dsp_typed(r, w, "execute", "price", ""), 1,
             dsp_err_at(w, "execute", "price"), NULL,
             " inputmode=\"decimal\" maxlength=\"20\"");
  const char *err = dsp_err_at(w, "execute", "contract");
  if(let) {
    field_begin(o, "execute-contract", "合同", 1, err);
    sb_addstr(o, "<select id=\"execute-contract\" name=\"contract\" "
                 "multiple size=\"4\" required");
    described(o, "execute-contract", err, 1);
    sb_addch(o, '>');
    bound_options(r,
                  "SELECT code, code, kind, party, start_date || '至' || "
                  "end_date, annual_amount FROM contract WHERE village = ?1 "
                  "AND voided IS NULL AND disposal IS NULL ORDER BY code",
                  f->village, dsp_typed(r, w, "execute", "contract", NULL), 5);
    sb_addstr(o, "</select>");
    field_end(o, "execute-contract", err,
              "本村登记、尚未关联申报的合同（年金额），每个标的一份，可多选"
              "（Ctrl 键）；成交价格为合同年金额之和");
  }
  err = dsp_err_at(w, "execute", "voucher");
  field_begin(o, "execute-voucher", "收款凭证", !strcmp(f->type, "出售"), err);
  sb_addf(o, "<select id=\"execute-voucher\" name=\"voucher\"%s",
          !strcmp(f->type, "出售") ? " required" : "");
  described(o, "execute-voucher", err, 1);
  sb_addstr(o, "><option value=\"\">（无）</option>");
  bound_options(r,
                "SELECT voucher, voucher, date, amount, summary FROM fund "
                "WHERE village = ?1 AND direction = '收入' ORDER BY date DESC, "
                "id DESC LIMIT 200",
                f->village, dsp_typed(r, w, "execute", "voucher", NULL), 3);
  sb_addstr(o, "</select>");
  field_end(o, "execute-voucher", err,
            "本村资金收支中登记的收入凭证；出售须选收款凭证");
  text_field(o, "execute", "lower", "低于评估价的决议", "text",
             dsp_typed(r, w, "execute", "lower", ""), 0,
             dsp_err_at(w, "execute", "lower"), "成交价低于评估价值时填写",
             " maxlength=\"200\"");
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">登记执行</button>"
               "</p></form></section>");
}

static void withdraw_form(req *r, const filing *f, const shown *w)
{
  sbuf *o = &r->out;
  int here = w && w->form && !strcmp(w->form, "withdraw");
  sb_addf(o, "<details class=\"step\"%s><summary>撤回申报</summary>",
          here ? " open" : "");
  dsp_refusal(r, w, "withdraw");
  sb_addstr(o, "<form method=\"post\" action=\"/disposal/");
  url_esc(o, f->code);
  sb_addstr(o, "/withdraw\" class=\"record\">");
  dsp_csrf(r);
  area_field(o, "withdraw", "reason", "撤回原因",
             dsp_typed(r, w, "withdraw", "reason", ""), 1,
             dsp_err_at(w, "withdraw", "reason"));
  date_field(r, w, "withdraw", "撤回日期");
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">撤回</button>"
               "</p></form></details>");
}

/* The forms of the steps the user's role may take now. */
void dsp_step_forms(req *r, const filing *f, const char *next,
                       const shown *w)
{
  sbuf *o = &r->out;
  int filer = role_may(r->u.role, STEP_DISPOSAL);
  int reviewer = role_may(r->u.role, STEP_DISPOSAL_REVIEW);
  int any = (filer && (dsp_open_steps(f) || !strcmp(f->status, "审核同意") ||
                       (!strcmp(f->status, "已执行") && !f->result))) ||
            (reviewer && dsp_open_steps(f));
  if(!any)
    return;
  sb_addstr(o, "<h2 id=\"steps\">办理</h2>");
  int outsider = 0;
  rec d;
  if(rec_open(r->z, &reg_disposal, f->code, &d))
    outsider = !strcmp(rec_text(&d, "outsider"), "是");
  rec_close(&d);
  const char *meeting = next_meeting(next);
  if(filer && dsp_open_steps(f)) {
    if(meeting || !strcmp(f->status, "审核退回"))
      vote_form(r, f, next, w, outsider);
    if((!meeting && !f->resolution) ||
       (w && w->form && !strcmp(w->form, "publicize")))
      publicize_form(r, f, "决议", w);
    appraise_form(r, f, w, !strncmp(next, "资产评估", 12));
  }
  if(reviewer && dsp_open_steps(f) &&
     (!meeting || !filer || (w && w->form && !strcmp(w->form, "review"))))
    review_form(r, f, w);
  if(filer && !strcmp(f->status, "审核同意"))
    execute_form(r, f, w);
  if(filer && !strcmp(f->status, "已执行") && !f->result)
    publicize_form(r, f, "结果", w);
  if(filer && (dsp_open_steps(f) || !strcmp(f->status, "审核同意")))
    withdraw_form(r, f, w);
}

