#!/bin/sh
# sanzi notice --as-of (issue 13): the assets and resources stand on the
# board in the status they had at that date, not today's. A status changed
# by an edit counts from the day of its change-log entry, as people read
# the day (Asia/Shanghai, UTC+8); one set by a filing's execution from the
# date of the execution, even when the execution was recorded later; a
# record entered later stands in the status it was entered with.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # vote, review, procedure, ID2
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, add_to

V1=150125100201

# statuses ARGS...: name|status of the assets, then of the resources, of
# `notice --village V1 --year 2025 ARGS` (not the rows 合计)
statuses() {
  sanzi notice --village $V1 --year 2025 --format json "$@" >n.json &&
  { json_pick assets name status <n.json &&
    json_pick resources name status <n.json; } >all &&
  grep -v "^合计|" all
}
# at DATE NAME|STATUS...: the statuses at DATE ("" for today) are these
at() {
  d=$1
  shift
  statuses ${d:+--as-of $d} >got &&
  printf "%s\n" "$@" >expect &&
  test_cmp expect got
}

test_expect_success 'setup: entered on 2025-03-01, changed on 06-10 and on 07-01 (UTC)' '
  fixed_day 2025-03-01 &&
  setup_county &&
  asset $V1 办公楼 房屋及建筑物 120000 2020-06-15 在用 >/dev/null &&
  asset $V1 库房 房屋及建筑物 80000 2016-04-20 闲置 >/dev/null &&
  land $V1 北坡 30 未利用 >/dev/null &&
  # 2025-06-10 12:00 UTC is 20:00 of the same day in Beijing
  fixed_day 2025-06-10 &&
  sanzi asset edit $V1-ZC-0001 status=闲置 >/dev/null &&
  sanzi resource edit $V1-ZY-0001 status=集体自营 >/dev/null &&
  # 2025-07-01 17:00 UTC is 2025-07-02 01:00 in Beijing
  FIXED_CLOCK="2025-07-01 17:00:00" &&
  sanzi asset edit $V1-ZC-0001 status=在用 >/dev/null
'

test_expect_success 'setup: 库房 let by a filing executed on 04-25, recorded on 08-01' '
  fixed_day 2025-08-01 &&
  sanzi disposal new village=$V1 type=出租 objects=$V1-ZC-0002 reason=出租 \
    method=公开竞价 price=1000 date=2025-03-10 >filing &&
  F=$(cat filing) &&
  procedure $F &&
  review $F --decision 同意 --date 2025-03-28 >/dev/null &&
  add_to contract kind=出租 object=$V1-ZC-0002 village=$V1 party=王二 \
    party_id=$ID2 party_is_member=是 payment=一次性 start_date=2025-05-01 \
    end_date=2026-04-30 annual_amount=1200 first_due=2025-05-01 \
    signed_on=2025-04-20 disposal=$F >code &&
  sanzi disposal execute $F --date 2025-04-25 --party 王二 --price 1200 \
    --contract $(cat code) >/dev/null &&
  test "$(sql "SELECT status FROM asset WHERE code = '"'"'$V1-ZC-0002'"'"'")" = 出租
'

test_expect_success 'today: the statuses as they are' '
  at "" 办公楼\|在用 库房\|出租 北坡\|集体自营
'

test_expect_success 'the day before the edits: the statuses they replaced' '
  # 库房: let on 04-25 though recorded on 08-01
  at 2025-06-09 办公楼\|在用 库房\|出租 北坡\|未利用
'

test_expect_success 'the day of an edit (20:00 in Beijing): the new status' '
  at 2025-06-10 办公楼\|闲置 库房\|出租 北坡\|集体自营
'

test_expect_success 'an edit at 17:00 UTC counts from the next day in Beijing' '
  at 2025-07-01 办公楼\|闲置 库房\|出租 北坡\|集体自营 &&
  at 2025-07-02 办公楼\|在用 库房\|出租 北坡\|集体自营
'

test_expect_success 'before the execution: the status the filing found' '
  at 2025-04-24 办公楼\|在用 库房\|闲置 北坡\|未利用
'

test_expect_success 'the workbook and the Chinese table say the same' '
  sanzi notice --village $V1 --year 2025 --as-of 2025-06-09 --out n.xlsx \
    2>/dev/null &&
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"n.xlsx\").active
print(\"\n\".join(\"%s|%s\" % (r[0], r[5]) for r in ws.iter_rows(values_only=True)
                 if r[0] in (\"办公楼\", \"库房\")))
" >got &&
  printf "%s\n" 办公楼\|在用 库房\|出租 >expect &&
  test_cmp expect got &&
  sanzi --lang zh notice --village $V1 --year 2025 --as-of 2025-06-09 >t.txt &&
  grep -E "^北坡 +旱地 +30 +未利用" t.txt
'

test_done
