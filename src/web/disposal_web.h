/* disposal_web.h: what the pages of disposal filings share: the pages
 * and the steps' answers (disposal_page.c), the forms (disposal_form.c).
 * private to: disposal_page.c disposal_form.c */
#ifndef SANZI_DISPOSAL_WEB_H
#define SANZI_DISPOSAL_WEB_H
#include "web/web_impl.h"

/* A refused (or recorded but failed) step shown on the page: which form,
 * the reason, the field it concerns; the form keeps what was typed
 * (r->f). */
typedef struct shown {
  const char *form; /* "vote", "appraise", …, "new"; NULL: none */
  const char *msg;
  const char *field;
  int recorded; /* a meeting recorded as not passed */
} shown;

/* The field a reason concerns, by what it says: the first of the form's
 * (keyword, field) pairs whose keyword it holds, else dflt. */
typedef struct cue {
  const char *word, *field;
} cue;

/* What the page needs of the filing besides its view. */
typedef struct filing {
  char code[80], village[16], type[32], status[32], filer[128];
  char method[32], township[64], vname[64];
  int appraised, resolution, result, executed;
} filing;

/* The hidden field of the session's CSRF token. */
void dsp_csrf(req *r);
/* A domain message escaped as the page says it: without the command
 * line's options and commands in brackets. */
void dsp_plain(sbuf *o, const char *s);
/* What was typed into field key of form when the page shows that form
 * refused (w), else dflt; the reason at field key of form, or NULL. */
const char *dsp_typed(req *r, const shown *w, const char *form,
                      const char *key, const char *dflt);
const char *dsp_err_at(const shown *w, const char *form, const char *key);
/* The summary of a refusal of form, above its fields. */
void dsp_refusal(req *r, const shown *w, const char *form);
/* The field of the first cue whose word msg holds, else dflt. */
const char *dsp_field_of(const char *msg, const cue *c, size_t n,
                         const char *dflt);
/* <option>s of a NULL-ended list of names, cur selected. */
void dsp_name_options(sbuf *o, const char *const *names, const char *cur);
/* The filing form for village (w: a refusal to show, or NULL), and the
 * choice of a village for a user whose scope holds several. */
void dsp_new_form(req *r, const char *village, const shown *w);
void dsp_choose_village(req *r);
/* 1 while the filing takes meetings, appraisal and publicity. */
int dsp_open_steps(const filing *f);
/* The forms of the steps the user's role may take now on filing f, whose
 * next step is `next` (disposal_next_step). */
void dsp_step_forms(req *r, const filing *f, const char *next,
                    const shown *w);

#endif
