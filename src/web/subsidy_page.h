/* subsidy_page.h: loans' interest payments, the guide fund's programme
 * years and the interest-subsidy applications in the browser
 * (subsidy_page.c, program_page.c; doc/web.md "贷款贴息"). */
#ifndef SANZI_SUBSIDY_PAGE_H
#define SANZI_SUBSIDY_PAGE_H
#include "web/web_impl.h"

/* /subsidy…: the list, applying, an application and its steps, the
 * report (subsidy_page.c). */
void subsidy_route(req *r, int post);
/* /program…: the programme years and setting one up (program_page.c). */
void program_route(req *r, int post);
/* On a loan's record page: the form recording an interest payment, for a
 * role that may (STEP_LOAN); after a refused POST /loan/{code}/interest
 * (status 422) what was typed, with the reasons at their fields. */
void loan_interest_form(req *r, const char *code);
/* POST /loan/{code}/interest: interest_add; back to the loan. */
void interest_post(req *r, const char *code);

/* ---- the pieces of the forms ---- */

/* One labelled input of a .record form: id (the element is f-ID), name,
 * label, type ("text", "date", "textarea" …), value, required, a hint
 * and a refusal's reason shown at it (NULL: none). */
typedef struct sub_input {
  const char *id, *name, *label, *type, *value;
  int required;
  const char *hint, *err;
} sub_input;
void sub_field(req *r, const sub_input *in);
/* The session's CSRF token as a hidden field. */
void sub_csrf(req *r);
/* A refusal's summary above a form: what was refused ("付息"), that it
 * was not done ("未保存"), each reason linked to its field's input. */
void sub_reasons(req *r, const char *what, const char *not_done,
                 const errlist *e);
/* The view of record code as JSON (a view of domain/view.h). */
void sub_view_json(req *r, int (*view)(sz *, const char *, asink *),
                   const char *code);
/* Form field name as a date into out: NULL, or what is wrong with it. */
const char *sub_date(req *r, const char *name, char out[11]);
/* {"k1":"v1","k2":"v2"} as the answer. */
void sub_json2(req *r, const char *k1, const char *v1, const char *k2,
               const char *v2);
/* Money as people read it: "1,234.50". */
const char *sub_money(int64_t fen, char buf[48]);

#endif
