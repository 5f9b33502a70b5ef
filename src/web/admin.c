/* admin.c: /admin/users, the users of 管理员 (doc/web.md): the list, adding
 * a user, disabling, enabling, a new password. Every change is the
 * domain's (user_add, user_set_enabled, user_passwd: the same functions as
 * `sanzi user add|disable|enable|passwd`), logged with the 管理员 as
 * operator. Every other role gets 403 on every /admin route. */
#include "web/web_impl.h"
#include "domain/registers.h"
#include "base/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A refusal to show on the page: at a field of the add form (user NULL)
 * or in the row of one user (user set). */
typedef struct refusal {
  const char *user;
  const errlist *e;
  const kvs *typed; /* the add form as it was typed */
} refusal;

/* The reason for field key among e, or NULL. */
static const char *reason_at(const errlist *e, const char *key)
{
  for(size_t i = 0; e && i < e->n; i++)
    if(e->v[i].field && !strcmp(e->v[i].field, key))
      return e->v[i].msg;
  return NULL;
}

static void hidden_csrf(req *r)
{
  sb_addstr(&r->out, "<input type=\"hidden\" name=\"csrf\" value=\"");
  html_escs(&r->out, r->u.csrf);
  sb_addstr(&r->out, "\">");
}

/* ---- the list, each row with its actions ---- */

typedef struct users_sink {
  asink s;
  req *r;
  const refusal *why;
  const atable *t;
  long rows;
} users_sink;

static int users_begin(asink *s, const atable *t)
{
  users_sink *u = (users_sink *)s;
  sbuf *o = &u->r->out;
  u->t = t;
  sb_addstr(o, "<div class=\"scroll\"><table class=\"list\"><caption>"
               "用户</caption><thead><tr>");
  for(int i = 0; i < t->ncols; i++) {
    sb_addstr(o, "<th scope=\"col\">");
    html_escs(o, t->cols[i].zh);
    sb_addstr(o, "</th>");
  }
  sb_addstr(o, "<th scope=\"col\">操作</th></tr></thead><tbody>");
  return 0;
}

/* The row's actions: 停用 or 启用, and a new password. */
static void actions(req *r, long id, const char *name, int enabled,
                    const char *err)
{
  sbuf *o = &r->out;
  sbuf path;
  sb_init(&path);
  sb_addstr(&path, "/admin/users/");
  url_esc(&path, name);
  sb_addf(o, "<form method=\"post\" action=\"%s/%s\" class=\"inline\">",
          path.buf, enabled ? "disable" : "enable");
  hidden_csrf(r);
  /* The buttons and the input name their user for a screen reader. */
  sb_addf(o, "<button type=\"submit\" aria-label=\"%s ", enabled ? "停用" : "启用");
  html_escs(o, name);
  sb_addf(o, "\">%s</button></form> ", enabled ? "停用" : "启用");
  sb_addf(o, "<form method=\"post\" action=\"%s/password\" class=\"inline\">",
          path.buf);
  hidden_csrf(r);
  sb_addf(o, "<label for=\"pw-%ld\">新密码</label><input id=\"pw-%ld\" "
             "name=\"password\" type=\"password\" autocomplete=\"new-password\" "
             "required minlength=\"%d\" aria-label=\"",
          id, id, PW_MIN);
  html_escs(o, name);
  sb_addstr(o, " 的新密码\"");
  if(err)
    sb_addf(o, " aria-invalid=\"true\" aria-describedby=\"e-pw-%ld\"", id);
  sb_addstr(o, "> <button type=\"submit\" aria-label=\"重置密码：");
  html_escs(o, name);
  sb_addstr(o, "\">重置密码</button>");
  if(err) {
    sb_addf(o, "<span class=\"field-error\" id=\"e-pw-%ld\" role=\"alert\">",
            id);
    html_escs(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</form>");
  sb_free(&path);
}

static int users_row(asink *s, const acell *c)
{
  users_sink *u = (users_sink *)s;
  sbuf *o = &u->r->out;
  sb_addstr(o, "<tr>");
  for(int i = 0; i < u->t->ncols; i++) {
    char buf[48];
    sb_addstr(o, i ? "<td>" : "<th scope=\"row\">");
    html_escs(o, cell_format(u->t->cols[i].kind, &c[i], 1, LANG_ZH, buf));
    sb_addstr(o, i ? "</td>" : "</th>");
  }
  /* name is column 0, status column 4 (user_list_view) */
  const char *name = c[0].s ? c[0].s : "";
  int enabled = c[4].s && !strcmp(c[4].s, "启用");
  const refusal *w = u->why;
  const char *err = NULL;
  if(w && w->user && !strcmp(w->user, name) && w->e->n)
    err = w->e->v[0].msg;
  sb_addstr(o, "<td class=\"actions\">");
  /* The input's id is the row's place, not the name (any text). */
  actions(u->r, ++u->rows, name, enabled, err);
  sb_addstr(o, "</td></tr>");
  return 0;
}

static int users_end(asink *s)
{
  users_sink *u = (users_sink *)s;
  sb_addstr(&u->r->out, "</tbody></table></div>");
  return 0;
}

/* ---- the add form ---- */

static void field_open(sbuf *o, const char *key, const char *label,
                       const char *err)
{
  sb_addf(o, "<div class=\"field%s\"><label for=\"f-%s\"><span class=\"req\" "
             "title=\"必填\">*</span>%s</label>",
          err ? " bad" : "", key, label);
}

static void field_close(sbuf *o, const char *key, const char *err)
{
  if(err) {
    sb_addf(o, "<span class=\"field-error\" id=\"e-%s\">", key);
    html_escs(o, err);
    sb_addstr(o, "</span>");
  }
  sb_addstr(o, "</div>");
}

static void invalid(sbuf *o, const char *key, const char *err)
{
  if(err)
    sb_addf(o, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", key);
}

static void add_form(req *r, const refusal *w)
{
  sbuf *o = &r->out;
  const errlist *e = w && !w->user ? w->e : NULL;
  const kvs *t = w ? w->typed : NULL;
  const char *name = t ? kvs_get(t, "name") : NULL;
  const char *role = t ? kvs_get(t, "role") : NULL;
  const char *scope = t ? kvs_get(t, "scope") : NULL;
  sb_addstr(o, "<h2 id=\"add\">新增用户</h2>");
  if(e && e->n) {
    sb_addstr(o, "<div class=\"error\" role=\"alert\" id=\"form-errors\"><p>"
                 "未添加，请修改后再提交：</p><ul>");
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
  sb_addstr(o, "<form method=\"post\" action=\"/admin/users\" "
               "class=\"record\">");
  hidden_csrf(r);
  const char *err = reason_at(e, "name");
  field_open(o, "name", "用户名", err);
  sb_addstr(o, "<input id=\"f-name\" name=\"name\" required maxlength=\"32\" "
               "autocomplete=\"off\"");
  invalid(o, "name", err);
  sb_addstr(o, " value=\"");
  html_escs(o, name);
  sb_addstr(o, "\">");
  field_close(o, "name", err);

  err = reason_at(e, "role");
  field_open(o, "role", "角色", err);
  sb_addstr(o, "<select id=\"f-role\" name=\"role\" required");
  invalid(o, "role", err);
  sb_addstr(o, "><option value=\"\">请选择</option>");
  for(int i = ROLE_VILLAGE; i <= ROLE_ADMIN; i++)
    sb_addf(o, "<option%s>%s</option>",
            role && !strcmp(role, role_name(i)) ? " selected" : "",
            role_name(i));
  sb_addstr(o, "</select>");
  field_close(o, "role", err);

  err = reason_at(e, "scope");
  sb_addf(o, "<div class=\"field%s\"><label for=\"f-scope\">管辖范围</label>"
             "<input id=\"f-scope\" name=\"scope\" inputmode=\"numeric\" "
             "maxlength=\"12\" aria-describedby=\"scope-rule%s\"",
          err ? " bad" : "", err ? " e-scope" : "");
  if(err)
    sb_addstr(o, " aria-invalid=\"true\"");
  sb_addstr(o, " value=\"");
  html_escs(o, scope);
  sb_addstr(o, "\"><span id=\"scope-rule\" class=\"hint\">村报账员填村代码，乡镇填"
               "乡镇代码，县级、审计填县代码，管理员留空</span>");
  field_close(o, "scope", err);

  err = reason_at(e, "password");
  field_open(o, "password", "初始密码", err);
  sb_addf(o, "<input id=\"f-password\" name=\"password\" type=\"password\" "
             "autocomplete=\"new-password\" required minlength=\"%d\"",
          PW_MIN);
  invalid(o, "password", err);
  sb_addf(o, "><span class=\"hint\">至少 %d 位，含字母、数字、符号中的两类"
             "</span>",
          PW_MIN);
  field_close(o, "password", err);

  err = reason_at(e, "again");
  field_open(o, "again", "再次输入初始密码", err);
  sb_addstr(o, "<input id=\"f-again\" name=\"again\" type=\"password\" "
               "autocomplete=\"new-password\" required");
  invalid(o, "again", err);
  sb_addstr(o, ">");
  field_close(o, "again", err);
  sb_addstr(o, "<p class=\"actions\"><button type=\"submit\">添加</button></p>"
               "</form>");
}

/* ---- the page ---- */

/* What a redirect after a change says (?done=WHAT&user=NAME). */
static const struct {
  const char *what, *says;
} dones[] = {
  {"added", "已添加用户"},   {"disabled", "已停用用户"},
  {"enabled", "已启用用户"}, {"password", "已重置密码（其登录已全部失效）："},
};

static void users_page(req *r, const refusal *w)
{
  if(r->json && !w) {
    json_sink j;
    json_sink_init(&j, r, 1);
    if(user_list_view(r->z, &j.s))
      answer_error(r, 500, r->z->err);
    return;
  }
  html_begin(r, "用户管理");
  sbuf *o = &r->out;
  const char *done = kvs_get(&r->q, "done"), *who = kvs_get(&r->q, "user");
  for(size_t i = 0; done && who && i < ARRAY_SIZE(dones); i++)
    if(!strcmp(done, dones[i].what)) {
      sb_addstr(o, "<p class=\"ok\" role=\"status\">");
      sb_addstr(o, dones[i].says);
      sb_addstr(o, "“");
      html_escs(o, who);
      sb_addstr(o, "”。</p>");
    }
  if(w && w->user && w->e->n) {
    sb_addstr(o, "<p class=\"error\" role=\"alert\">用户“");
    html_escs(o, w->user);
    sb_addstr(o, "”：");
    html_escs(o, w->e->v[0].msg);
    sb_addstr(o, "</p>");
  }
  users_sink u;
  memset(&u, 0, sizeof u);
  u.s.begin = users_begin;
  u.s.row = users_row;
  u.s.end = users_end;
  u.r = r;
  u.why = w;
  if(user_list_view(r->z, &u.s)) {
    answer_error(r, 500, r->z->err);
    return;
  }
  add_form(r, w);
  html_end(r);
}

/* After a change: JSON says what was done, a page goes back to the list
 * saying it. */
static void changed(req *r, const char *what, const char *name)
{
  if(r->json) {
    r->ctype = "application/json; charset=utf-8";
    sb_addstr(&r->out, "{\"user\":");
    json_string(&r->out, name, strlen(name));
    sb_addstr(&r->out, ",\"done\":");
    json_string(&r->out, what, strlen(what));
    sb_addch(&r->out, '}');
    return;
  }
  sbuf to;
  sb_init(&to);
  sb_addf(&to, "/admin/users?done=%s&user=", what);
  url_esc(&to, name);
  answer_redirect(r, to.buf);
  sb_free(&to);
}

/* A refusal: 422, the reasons as JSON, or the page with each at its
 * place. */
static void refused(req *r, const refusal *w)
{
  r->status = 422;
  if(r->json)
    errors_json(r, w->e);
  else
    users_page(r, w);
  if(r->status != 500)
    r->status = 422;
}

static void add_post(req *r)
{
  const char *name = kvs_get(&r->f, "name"), *role = kvs_get(&r->f, "role"),
             *scope = kvs_get(&r->f, "scope"),
             *pw = kvs_get(&r->f, "password"), *again = kvs_get(&r->f, "again");
  refusal w = {NULL, &r->z->errs, &r->f};
  if(again && (!pw || strcmp(pw, again))) {
    errs_clear(&r->z->errs);
    errs_add(&r->z->errs, NULL, 0, "again", "再次输入初始密码", "%s",
             "两次输入的密码不一致");
    refused(r, &w);
    return;
  }
  if(user_add(r->z, name ? name : "", role ? role : "",
              scope && *scope ? scope : NULL, pw ? pw : "")) {
    if(db_fault(r->z))
      answer_error(r, 500, r->z->err);
    else
      refused(r, &w);
    return;
  }
  changed(r, "added", name);
}

/* POST /admin/users/NAME/ACTION */
static void user_post(req *r, const char *name, const char *action)
{
  if(!reg_exists(r->z, &reg_user, name)) {
    answer_error(r, 404, "没有这个用户");
    return;
  }
  refusal w = {name, &r->z->errs, NULL};
  int rc;
  const char *what;
  if(!strcmp(action, "disable") || !strcmp(action, "enable")) {
    int enable = action[0] == 'e';
    if(!enable && !strcmp(name, r->u.name)) {
      errs_clear(&r->z->errs);
      errs_add(&r->z->errs, NULL, 0, NULL, NULL, "%s",
               "不能停用自己的账号；请由另一位管理员操作");
      refused(r, &w);
      return;
    }
    rc = user_set_enabled(r->z, name, enable);
    what = enable ? "enabled" : "disabled";
  } else if(!strcmp(action, "password")) {
    const char *pw = kvs_get(&r->f, "password");
    rc = user_passwd(r->z, name, pw ? pw : "", r->addr);
    what = "password";
  } else {
    answer_error(r, 404, "页面不存在");
    return;
  }
  if(rc < 0 && db_fault(r->z))
    answer_error(r, 500, r->z->err);
  else if(rc < 0)
    refused(r, &w);
  else
    changed(r, what, name);
}

void admin_route(req *r, int post)
{
  if(r->u.role != ROLE_ADMIN) {
    answer_error(r, 403, "只有管理员可以管理用户");
    return;
  }
  const char *p = r->path;
  if(!strcmp(p, "/admin/users")) {
    if(post)
      add_post(r);
    else
      users_page(r, NULL);
    return;
  }
  const char *name = !strncmp(p, "/admin/users/", 13) ? p + 13 : NULL;
  const char *slash = name ? strchr(name, '/') : NULL;
  if(post && slash && slash > name && !strchr(slash + 1, '/')) {
    char *n = xstrndup(name, (size_t)(slash - name));
    user_post(r, n, slash + 1);
    free(n);
    return;
  }
  answer_error(r, 404, "页面不存在");
}
