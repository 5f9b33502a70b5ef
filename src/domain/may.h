/* may.h: what each role may do (doc/web.md "Roles and scope"), in one
 * table, asked by every domain function that writes on a user's behalf.
 * The handle's role (db_set_role) is -1 on the command line: every step
 * is allowed there, as the operating system's user owns the file. Scope
 * is the other half and is applied by the reads (db_in_scope,
 * db_scope_sql): a record outside it is not found. */
#ifndef SANZI_MAY_H
#define SANZI_MAY_H
#include "store/db.h"

/* The roles of doc/web.md, lowest first. */
enum role { ROLE_VILLAGE, ROLE_TOWNSHIP, ROLE_COUNTY, ROLE_AUDIT, ROLE_ADMIN };
/* The role named (村报账员, 乡镇, 县级, 审计, 管理员), or -1. */
int role_parse(const char *name);
const char *role_name(int role);

/* The steps a role may be refused. */
enum step {
  STEP_REGISTER,        /* add, edit, void, restore, import a register's rows */
  STEP_DISPOSAL,        /* 申报, meetings, appraisal, publicity, 执行, 撤回 */
  STEP_DISPOSAL_REVIEW, /* 乡镇审核 */
  STEP_LOAN,            /* loans, interest payments, 贴息申请 and its withdrawal */
  STEP_SUBSIDY_REVIEW,  /* 乡镇初审 and the application's 公示 */
  STEP_SUBSIDY_APPROVE, /* 县级审定 */
  STEP_SUBSIDY_PAY,     /* 拨付 */
  STEP_PROGRAM,         /* a programme year's budget and formula */
  STEP_PARAM,           /* the parameters */
  STEP_AUDIT_EXPORT,    /* the audit's export */
  STEP_LOG_VERIFY,      /* verifying the change log */
  STEP_LOG_READ,        /* reading the change log (the whole database's) */
  STEP_USERS,           /* users */
  STEP_COUNT
};

/* 1 when role (enum role; -1: none) may take the step, else 0. */
int role_may(int role, enum step s);
/* 0 when the handle's role may take the step; else -1 with the reason in
 * z->err ("您的角色（乡镇）不能进行县级审定") and z->forbidden set. */
int may(sz *z, enum step s);
/* The step's name, untranslated (T(z, step_name(s)) translates it). */
const char *step_name(enum step s);

#endif
