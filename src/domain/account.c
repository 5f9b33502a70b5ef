/* account.c: the account register (库存现金, 银行存款 ...). */
#include "domain/registers.h"
#include "base/date.h"
#include "base/money.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>


static const field account_fields[] = {
  {"code", "账户编号", F_CODE, F_LIST | F_FIXED | F_DIGITS, NULL},
  {"village", "村代码", F_VILLAGE, F_REQ | F_LIST | F_FIXED, NULL},
  {"name", "账户名称", F_TEXT, F_REQ | F_LIST, NULL},
  {"kind", "账户类型", F_ENUM, F_REQ | F_LIST, "account_kind"},
  {"bank", "开户银行", F_TEXT, 0, NULL},
  {"bank_account", "银行账号", F_TEXT, F_DIGITS, NULL},
  {"opening_balance", "期初余额", F_MONEY, F_REQ | F_LIST | F_SIGNED, NULL},
  {"opening_date", "期初日期", F_DATE, F_REQ | F_LIST, NULL},
  {"note", "备注", F_TEXT, F_LONG, NULL},
  {"voided", "作废原因", F_TEXT, F_VOID, NULL},
  {"restored", "恢复原因", F_TEXT, F_VOID, NULL},
};


#define SPEC(f) f, (int)ARRAY_SIZE(f)
const reg reg_account = {"account", "账户", "ZH", SPEC(account_fields),
                                0, NULL, NULL, "village name|bank_account"};

