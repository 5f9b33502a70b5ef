/* todo.h: 待办 — the disposal filings and subsidy applications whose next
 * step falls to a role (doc/web.md "首页"), in the handle's scope, oldest
 * first, with the days they have waited. */
#ifndef SANZI_TODO_H
#define SANZI_TODO_H
#include "store/db.h"
#include "domain/view.h"

/* The role whose work step s (domain/may.h) is: the village's steps the
 * 村报账员's, the reviews and publicity of applications the 乡镇's, the
 * approval and payment the 县级's; -1 for a step that is no one's work. */
int step_owner(int step);

/* Part "disposal" (待办处置申报): the filings waiting for a step owned by
 * `role` (enum role; -1 or 管理员: every step), within z's scope; a review
 * is not shown to the filer `user`, who may not take it. Each row: its
 * code, village, type, the step, since when (the date of its last step)
 * and the days since, oldest first. */
int todo_disposals(sz *z, int role, const char *user, asink *s);
/* Part "subsidy" (待办贴息申请): the applications the same way; an
 * approval is due once the publicity has ended. */
int todo_applications(sz *z, int role, asink *s);

#endif
