#!/bin/sh
# fund close / reopen (结账): a village's months close in order, once
# ended; no entry is added, edited, imported or reversed into a closed
# month (the correction goes into an open month by reversal); reopening
# needs a reason and another user, from the last month closed. The audit
# lists the months closed and finds a year whose December is not closed
# (ZJ03). Every refusal writes nothing.
. "$(dirname "$0")/lib.sh"

H1=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101
H2=150125101202   # 八股地村民委员会
T=150125101
A1=$H1-ZH-0001
fixed_day 2026-01-20

add() {
  # add VOUCHER DATE AMOUNT [KEY=VALUE...]
  v=$1 d=$2 m=$3
  shift 3
  sanzi fund add village=$H1 account=$A1 voucher=$v date=$d direction=支出 \
    amount=$m category=管理费用 summary=办公 "$@"
}

test_expect_success 'setup: an account and entries from February 2025' '
  setup_county &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=5000 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=$H2 name=现金 kind=库存现金 opening_balance=100 \
    opening_date=2025-01-01 >/dev/null &&
  add 记-001 2025-02-10 100 >/dev/null &&
  add 记-002 2025-03-05 200 >/dev/null
'

test_expect_success 'the first month closed is no later than the first entry' '
  before=$(db_state) &&
  refused sanzi fund close --village $H1 --month 2025-03 &&
  grep -F "$H1: close 2025-02 first, the month of the village'\''s first entry" err &&
  unchanged
'

test_expect_success 'a month not yet ended is not closed' '
  before=$(db_state) &&
  refused sanzi fund close --village $H1 --month 2026-01 &&
  grep -F "2026-01 has not ended yet (today is 2026-01-20)" err &&
  unchanged
'

test_expect_success 'close 2025-02, then 2025-03: in order, logged with the user' '
  sanzi --user 王站长 fund close --village $H1 --month 2025-02 2>err &&
  grep -F "2025-02: closed for 1 village" err &&
  sanzi --user 王站长 fund close --village $H1 --month 2025-03 2>/dev/null &&
  sql "SELECT month, closed, closed_by, closed_on FROM fund_close ORDER BY month" >actual &&
  printf "%s\n" "2025-02|1|王站长|2026-01-20" "2025-03|1|王站长|2026-01-20" >expect &&
  test_cmp expect actual &&
  log_rows --table fund_close >actual &&
  printf "%s\n" "王站长|insert|fund_close|$H1-2025-02" \
    "王站长|insert|fund_close|$H1-2025-03" >expect &&
  test_cmp expect actual
'

test_expect_success 'a gap and a month closed twice are refused' '
  before=$(db_state) &&
  refused sanzi fund close --village $H1 --month 2025-05 &&
  grep -F "$H1: the books are closed up to 2025-03: months close in order, 2025-04 next" err &&
  refused sanzi fund close --village $H1 --month 2025-03 &&
  grep -F "$H1: 2025-03 is closed already" err &&
  unchanged
'

test_expect_success 'no entry is added, edited, imported or reversed into a closed month' '
  before=$(db_state) &&
  refused add 记-010 2025-03-31 5 &&
  grep -F "日期: the books of $H1 for 2025-03 are closed (结账)" err &&
  refused sanzi fund edit $H1-2025-记-002 summary=改 &&
  grep -F "the books of $H1 for 2025-03 are closed" err &&
  refused sanzi fund edit $H1-2025-记-001 date=2025-04-02 &&
  grep -F "the books of $H1 for 2025-02 are closed" err &&
  refused sanzi fund reverse $H1-2025-记-002 --date 2025-03-31 --reason x &&
  grep -F "the books of $H1 for 2025-03 are closed" err &&
  printf "%s\n" 凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,摘要 \
    "记-011,$H1,2025-02-20,$A1,支出,5,管理费用,x" >new.csv &&
  refused sanzi fund import new.csv &&
  grep -F "new.csv:2: 日期: the books of $H1 for 2025-02 are closed" err &&
  unchanged
'

test_expect_success 'an entry of a closed month moved into it by edit is refused too' '
  add 记-020 2025-04-03 7 >/dev/null &&
  before=$(db_state) &&
  refused sanzi fund edit $H1-2025-记-020 date=2025-03-03 &&
  grep -F "the books of $H1 for 2025-03 are closed" err &&
  unchanged
'

test_expect_success 'the correction goes into an open month by reversal' '
  sanzi fund reverse $H1-2025-记-002 --date 2025-04-01 --reason 多记 >out &&
  echo $H1-2025-冲记-002 >expect &&
  test_cmp expect out
'

test_expect_success 'an export imports back over closed months when nothing changes' '
  sanzi fund export --village $H1 >all.csv &&
  sanzi fund import --update all.csv 2>err &&
  grep -F "0 new, 0 updated, 4 unchanged" err &&
  sed "s/,办公,/,办公费,/" all.csv >changed.csv &&
  before=$(db_state) &&
  refused sanzi fund import --update changed.csv &&
  grep -F "changed.csv:2: 日期: the books of $H1 for 2025-02 are closed" err &&
  unchanged
'

test_expect_success 'the schema fences an insert into a closed month' '
  before=$(db_state) &&
  test_must_fail 19 sql "INSERT INTO fund(code, voucher, village, date, account,
    direction, amount, category, summary, log_id) VALUES
    ('\''$H1-2025-Z'\'', '\''Z'\'', '\''$H1'\'', '\''2025-03-09'\'', '\''$A1'\'',
    '\''支出'\'', 1, '\''管理费用'\'', '\''x'\'', 1)" 2>err &&
  grep -F "the month is closed" err &&
  unchanged
'

test_expect_success 'reopen: a reason, another user, from the last month closed' '
  before=$(db_state) &&
  refused sanzi --user 王站长 fund reopen --village $H1 --month 2025-03 --reason 漏记 &&
  grep -F "$H1: 2025-03 was closed by 王站长; another user reopens it" err &&
  refused sanzi --user 李会计 fund reopen --village $H1 --month 2025-02 --reason 漏记 &&
  grep -F "$H1: reopen 2025-03 first: months are reopened from the last one closed" err &&
  refused sanzi --user 李会计 fund reopen --village $H1 --month 2025-04 --reason 漏记 &&
  grep -F "$H1: 2025-04 is not closed" err &&
  test_must_fail 2 sanzi --user 李会计 fund reopen --village $H1 --month 2025-03 2>err &&
  grep -F "reason" err &&
  refused sanzi --user 李会计 fund reopen --village $H1 --month 2025-03 --reason "" &&
  grep -F "reopening a month needs a reason (--reason)" err &&
  unchanged &&
  sanzi --user 李会计 fund reopen --village $H1 --month 2025-03 --reason 漏记 2>err &&
  grep -F "$H1: 2025-03 reopened" err &&
  sql "SELECT closed, reopened_by, reason FROM fund_close WHERE month = '\''2025-03'\''" >actual &&
  echo "0|李会计|漏记" >expect &&
  test_cmp expect actual &&
  add 记-012 2025-03-31 5 >/dev/null &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'closed again after a reopening: the last close is the one in force' '
  sanzi --user 赵站长 fund close --village $H1 --month 2025-03 2>/dev/null &&
  sql "SELECT closed, closed_by, reopened_by FROM fund_close WHERE month = '\''2025-03'\''" >actual &&
  echo "1|赵站长|" >expect &&
  test_cmp expect actual
'

test_expect_success 'a township closes every village; those closed already stay' '
  sanzi fund close --township $T --month 2025-04 2>err &&
  # 哈乐镇 has 14 village-level units; H1 needs 2025-04 next, the others
  # have no entries and start there
  n=$(sql "SELECT count(*) FROM org WHERE level = '\''village'\'' AND code GLOB '\''$T*'\''") &&
  grep -F "2025-04: closed for $n villages" err &&
  test "$(sql "SELECT count(*) FROM fund_close WHERE month = '\''2025-04'\'' AND closed = 1")" = "$n"
'

test_expect_success 'a township close with one village out of order closes none' '
  sanzi --user 李会计 fund close --village $H2 --month 2025-05 2>/dev/null &&
  before=$(db_state) &&
  refused sanzi fund close --township $T --month 2025-06 &&
  grep -F "the books are closed up to 2025-04: months close in order, 2025-05 next" err &&
  unchanged
'

test_expect_success 'close usage errors exit 2, unknown scopes 1' '
  test_must_fail 2 sanzi fund close --month 2025-05 2>err &&
  test_must_fail 2 sanzi fund close --village $H1 2>err &&
  test_must_fail 2 sanzi fund close --village $H1 --township $T --month 2025-05 2>err &&
  test_must_fail 1 sanzi fund close --village 150125101999 --month 2025-05 2>err &&
  test_must_fail 1 sanzi fund close --village $H1 --month 2025-13 2>err &&
  grep -F -- "--month" err
'

test_expect_success 'the audit lists the months closed and finds December not closed (ZJ03)' '
  sanzi audit export --year 2025 --township $T --out exp --format csv 2>/dev/null &&
  csv_pick 村代码 本年已结账月数 已结账至 结账人 <exp/16-结账.csv >actual &&
  # H1: 2025-02, 03 and 04; H2: 2025-04 and 05
  grep -qx "$H1|3|2025-04|tester" actual &&
  grep -qx "$H2|2|2025-05|李会计" actual &&
  csv_pick 代码 村代码 记录 <exp/14-审计发现.csv >found &&
  grep -qx "ZJ03|$H1|2025-12" found &&
  grep -qx "ZJ03|$H2|2025-12" found &&
  sanzi --lang en audit findings --year 2025 --village $H1 >f.txt &&
  grep -F "2025-12 is not closed (结账); the books are closed up to 2025-04" f.txt &&
  # a village without books has no finding
  test "$(grep -c "^ZJ03|" found)" = 2
'

test_expect_success 'a December closed is no finding; the running year is not judged' '
  for m in 05 06 07 08 09 10 11 12; do
    sanzi fund close --village $H1 --month 2025-$m 2>/dev/null || return 1
  done &&
  sanzi audit findings --year 2025 --village $H1 --format csv >f.csv &&
  ! grep -q ZJ03 f.csv &&
  sanzi audit findings --year 2026 --village $H1 --format csv >f.csv &&
  ! grep -q ZJ03 f.csv
'

test_done
