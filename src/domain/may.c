/* may.c: the table of doc/web.md "Roles and scope". */
#include <stdio.h>
#include "domain/may.h"
#include "base/util.h"
#include <string.h>

static const char *const roles[] = {"村报账员", "乡镇", "县级", "审计",
                                    "管理员"};

int role_parse(const char *name)
{
  for(int i = 0; i < (int)ARRAY_SIZE(roles); i++)
    if(name && !strcmp(name, roles[i]))
      return i;
  return -1;
}

const char *role_name(int role)
{
  return role >= 0 && role < (int)ARRAY_SIZE(roles) ? roles[role] : "";
}

#define V (1 << ROLE_VILLAGE)
#define TW (1 << ROLE_TOWNSHIP)
#define C (1 << ROLE_COUNTY)
#define AU (1 << ROLE_AUDIT)
#define AD (1 << ROLE_ADMIN)

static const struct {
  const char *name;
  int roles; /* a bit per role that may */
} steps[STEP_COUNT] = {
    [STEP_REGISTER] = {N_("add, edit, void or import a register's rows"), V | TW | AD},
    [STEP_DISPOSAL] = {N_("file a disposal or record its meetings, appraisal, publicity and execution"), V | TW | AD},
    [STEP_DISPOSAL_REVIEW] = {N_("review a disposal (township review)"), TW | AD},
    [STEP_LOAN] = {N_("record loans and interest or apply for the subsidy"), V | TW | AD},
    [STEP_SUBSIDY_REVIEW] = {N_("review or publicize a subsidy application (township)"), TW | AD},
    [STEP_SUBSIDY_APPROVE] = {N_("approve a subsidy (county)"), C | AD},
    [STEP_SUBSIDY_PAY] = {N_("pay a subsidy"), C | AD},
    [STEP_PROGRAM] = {N_("set up a programme year"), C | AD},
    [STEP_PARAM] = {N_("change the parameters"), C | AD},
    [STEP_AUDIT_EXPORT] = {N_("export the audit"), C | AU | AD},
    [STEP_LOG_VERIFY] = {N_("verify the change log"), AU | AD},
    [STEP_LOG_READ] = {N_("read the change log"), C | AU | AD},
    [STEP_USERS] = {N_("manage users"), AD},
};

int role_may(int role, enum step s)
{
  if(s < 0 || s >= STEP_COUNT)
    return 0;
  if(role < 0)
    return 1;
  return role <= ROLE_ADMIN && (steps[s].roles & (1 << role)) != 0;
}

const char *step_name(enum step s)
{
  return s >= 0 && s < STEP_COUNT ? steps[s].name : "";
}

int may(sz *z, enum step s)
{
  if(role_may(z->role, s))
    return 0;
  snprintf(z->err, sizeof z->err, T(z, "your role (%s) may not %s"),
           z->role >= 0 && z->role <= ROLE_ADMIN ? role_name(z->role) : "?",
           T(z, step_name(s)));
  z->forbidden = 1;
  return -1;
}
