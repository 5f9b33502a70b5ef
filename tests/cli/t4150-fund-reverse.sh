#!/bin/sh
# fund reverse (红字冲销): a reversing entry of the same village, account,
# direction and category with the amount in red, under its own voucher,
# citing the voucher it reverses; balances, category sums and the
# classification count both; an entry is reversed once, a reversal never,
# and neither side is edited afterwards. Every refusal writes nothing.
. "$(dirname "$0")/lib.sh"

H1=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101
H2=150125101202   # 八股地村民委员会
A1=$H1-ZH-0001
A2=$H2-ZH-0001
fixed_day 2026-03-01

test_expect_success 'setup: an account and three entries of 2025' '
  setup_county &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=$H2 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-001 date=2025-02-10 \
    direction=收入 amount=600 category=经营收入 counterparty=王二 \
    summary=机井承包费 >/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-002 date=2025-02-12 \
    direction=支出 amount=300 category=管理费用 summary=办公用品 >/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-003 date=2025-03-01 \
    direction=收入 amount=2000 category=投资收益 summary=分红 >/dev/null
'

test_expect_success 'reverse: the new code on stdout, the entry mirrored in red' '
  sanzi --user 李会计 fund reverse $H1-2025-记-001 --date 2025-04-01 \
    --reason 金额记错 >out &&
  echo $H1-2025-冲记-001 >expect &&
  test_cmp expect out &&
  sanzi fund show $H1-2025-冲记-001 --format json >r.json &&
  json_pick record voucher village date account direction amount category \
    counterparty summary handler reverses <r.json >actual &&
  echo "冲记-001|$H1|2025-04-01|$A1|收入|-600.00|经营收入|王二|冲销2025年记-001号凭证：金额记错|李会计|$H1-2025-记-001" >expect &&
  test_cmp expect actual
'

test_expect_success 'the balance counts both: 1000 + 600 - 300 + 2000 - 600' '
  sanzi fund balance --village $H1 --as-of 2025-12-31 --format csv |
    csv_pick 账户编号 收入 支出 余额 >actual &&
  # income 600 + 2000 - 600 = 2000; expense 300; closing 2700
  echo "$A1|2000.00|300.00|2700.00" >expect &&
  grep "^$A1|" actual >got &&
  test_cmp expect got &&
  # before the reversal the entry still counts
  sanzi fund balance --village $H1 --as-of 2025-03-31 --format csv |
    csv_pick 账户编号 余额 | grep -qx "$A1|3300.00"
'

test_expect_success 'the audit counts both: 收支分类 and 村级分类' '
  sanzi audit export --year 2025 --village $H1 --out exp --format csv 2>/dev/null &&
  csv_pick 收支方向 收支类别 笔数 金额 <exp/05-收支分类.csv >actual &&
  # 经营收入: 600 and -600, two entries, 0.00
  grep -qx "收入|经营收入|2|0.00" actual &&
  grep -qx "收入|投资收益|1|2000.00" actual &&
  csv_pick 经营收入 投资收益 本年经营性收入 <exp/13-村级分类.csv >actual &&
  echo "0.00|2000.00|2000.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'an entry is reversed once: the second is refused, naming the first' '
  before=$(db_state) &&
  refused sanzi fund reverse $H1-2025-记-001 --date 2025-04-02 --reason again &&
  grep -F "$H1-2025-记-001 was already reversed by $H1-2025-冲记-001" err &&
  refused sanzi fund reverse $H1-2025-记-001 --date 2025-04-02 --reason again \
    --voucher 记-099 &&
  grep -F "already reversed by $H1-2025-冲记-001" err &&
  unchanged
'

test_expect_success 'a reversal is never reversed' '
  before=$(db_state) &&
  refused sanzi fund reverse $H1-2025-冲记-001 --date 2025-04-02 --reason x \
    --voucher 记-098 &&
  grep -F "$H1-2025-冲记-001 is itself a reversal: a reversal is never reversed" err &&
  unchanged
'

test_expect_success 'reverse refuses a date before the entry, in the future, a bad code' '
  before=$(db_state) &&
  refused sanzi fund reverse $H1-2025-记-002 --date 2025-02-11 --reason x &&
  grep -F "2025-02-11 is before 2025-02-12, the date of the entry it reverses" err &&
  refused sanzi fund reverse $H1-2025-记-002 --date 2026-03-02 --reason x &&
  grep -F "2026-03-02: that day has not come yet" err &&
  refused sanzi fund reverse $H1-2025-记-999 --date 2025-04-01 --reason x &&
  grep -F "no fund entry with code '\''$H1-2025-记-999'\''" err &&
  refused sanzi fund reverse $H1-2025-记-002 --date 2025-04-01 --reason "" &&
  grep -F "a reversal needs a reason (--reason)" err &&
  refused sanzi fund reverse $H1-2025-记-002 --date 2025-04-01 --reason x \
    --voucher 记-003 &&
  grep -F "voucher '\''记-003'\'' is already used" err &&
  test_must_fail 2 sanzi fund reverse $H1-2025-记-002 --reason x 2>err &&
  unchanged
'

test_expect_success 'neither side of a reversal is edited afterwards' '
  before=$(db_state) &&
  refused sanzi fund edit $H1-2025-记-001 summary=改 &&
  grep -F "$H1-2025-记-001 was reversed by $H1-2025-冲记-001: it does not change" err &&
  refused sanzi fund edit $H1-2025-冲记-001 note=改 &&
  grep -F "$H1-2025-冲记-001 is a reversal: it does not change" err &&
  unchanged
'

test_expect_success 'a negative amount needs a reversal to cite; a citation must mirror' '
  before=$(db_state) &&
  refused sanzi fund add village=$H1 account=$A1 voucher=记-050 date=2025-05-01 \
    direction=收入 amount=-5 category=经营收入 summary=x &&
  grep -F "'\''-5.00'\'': must be greater than 0" err &&
  refused sanzi fund add village=$H1 account=$A1 voucher=记-050 date=2025-05-01 \
    direction=支出 amount=-300 category=公益支出 summary=x reverses=$H1-2025-记-002 &&
  grep -F "a reversal has the 收支类别 of the entry it reverses: $H1-2025-记-002 has 管理费用" err &&
  refused sanzi fund add village=$H1 account=$A1 voucher=记-050 date=2025-05-01 \
    direction=支出 amount=-30 category=管理费用 summary=x reverses=$H1-2025-记-002 &&
  grep -F "a reversal'\''s amount is the entry'\''s in red: -300.00" err &&
  refused sanzi fund add village=$H2 account=$A2 voucher=记-050 date=2025-05-01 \
    direction=支出 amount=-300 category=管理费用 summary=x reverses=$H1-2025-记-002 &&
  grep -F "a reversal has the 村代码 of the entry it reverses" err &&
  unchanged
'

test_expect_success 'the schema fences a reversal that does not mirror its entry' '
  before=$(db_state) &&
  test_must_fail 19 sql "INSERT INTO fund(code, voucher, village, date, account,
    direction, amount, category, summary, log_id, reverses) VALUES
    ('\''$H1-2025-X'\'', '\''X'\'', '\''$H1'\'', '\''2025-05-01'\'', '\''$A1'\'',
    '\''支出'\'', -1, '\''管理费用'\'', '\''x'\'', 1, '\''$H1-2025-记-002'\'')" 2>err &&
  grep -F "a reversal mirrors the entry it reverses" err &&
  unchanged
'

test_expect_success 'an export with the reversal imports back unchanged; the log proves it' '
  sanzi fund export --village $H1 >all.csv &&
  sanzi fund import --update all.csv 2>err &&
  grep -F "0 new, 0 updated, 4 unchanged" err &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'the rows written before the migration still prove after the upgrade (reverses left out while empty)' '
  # the canonical row of an entry has no trailing null for reverses
  sql "SELECT json_array_length(new) FROM history WHERE tbl = '\''fund'\''
       AND key = '\''$H1-2025-记-002'\''" >actual &&
  echo 15 >expect &&
  test_cmp expect actual &&
  sql "SELECT json_array_length(new) FROM history WHERE tbl = '\''fund'\''
       AND key = '\''$H1-2025-冲记-001'\''" >actual &&
  echo 16 >expect &&
  test_cmp expect actual
'

test_done
