#!/bin/sh
# sanzi disposal: disposal filings through 四议两公开 (doc/domain.md "Disposal
# filings"): the book value at filing, the four meetings with their quorum
# and majority, the publicity, the appraisal, the township review (never by
# the filer) and the execution with its contract or proceeds. Every
# threshold and value is worked out by hand in the comment above it; every
# refusal is checked for its message and for leaving the database as it was
# (a failed vote excepted: it is kept, and adds exactly its own row).
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"

# ==== the registers ====
# Book values at the filing date 2025-03-10 (doc/domain.md: monthly charge =
# round_half_up(original x 95% / life), from the month after acquisition,
# every month ended on or before the date, so through February 2025):
#   ZC-0001 旧仓库 房屋及建筑物 120,000.00, 2020-06-15, 240 months:
#     11,400,000 fen / 240 = 47,500 = 475.00 a month; July 2020 - Feb 2025
#     = 6 + 48 + 2 = 56 months = 26,600.00; net 93,400.00
#   ZC-0002 门面房 房屋及建筑物 80,000.00, 2015-05-01: 7,600,000 / 240 =
#     31,666.67 -> 31,667 fen; June 2015 - Feb 2025 = 7 + 108 + 2 = 117
#     months = 3,705,039 fen; net 8,000,000 - 3,705,039 = 42,949.61
#   ZC-0003 电脑 电子设备 6,000.00, 2018-01-10, 36 months: 570,000 / 36 =
#     15,833.33 -> 15,833 fen; 36 charges (Feb 2018 - Jan 2021) = 569,988,
#     then the remaining 12 fen (Feb 2021): 5,700.00 in all; net 300.00
#   ZC-0004 冷库 房屋及建筑物 300,000.00, 2024-12-10: 28,500,000 / 240 =
#     118,750 = 1,187.50; Jan - Feb 2025 = 2 months = 2,375.00;
#     net 297,625.00
#   ZC-0005 拖拉机 农业机械 180,000.00, 2024-01-05, 120 months:
#     17,100,000 / 120 = 142,500 = 1,425.00; Feb 2024 - Feb 2025 = 13
#     months = 18,525.00; net 161,475.00
#   ZC-0006 旧办公楼 房屋及建筑物 150,000.00, 2000-01-01: 14,250,000 / 240
#     = 59,375 fen; fully depreciated after 240 months (Jan 2020):
#     142,500.00; net 7,500.00
# Resources: ZY-0001 村北旱地 60 亩, ZY-0002 村东菜地 20 亩, ZY-0003
# 南滩地 50 亩 (all 旱地 0103).

asset() {
  sanzi asset add village=$1 name=$2 category=$3 nature=经营性 \
    original_value=$4 acquired_via=自建 acquired_on=$5 status=$6 >/dev/null
}

test_expect_success 'setup: the county, assets, land, an account' '
  setup_county && {
  asset $V1 旧仓库 房屋及建筑物 120000 2020-06-15 闲置 &&
  asset $V1 门面房 房屋及建筑物 80000 2015-05-01 在用 &&
  asset $V1 电脑 电子设备 6000 2018-01-10 在用 &&
  asset $V1 冷库 房屋及建筑物 300000 2024-12-10 在用 &&
  asset $V1 拖拉机 农业机械 180000 2024-01-05 在用 &&
  asset $V1 旧办公楼 房屋及建筑物 150000 2000-01-01 闲置 &&
  asset $V2 水泵 机器设备 8000 2020-01-01 在用 &&
  sanzi resource add village=$V1 name=村北旱地 land_class=0103 area=60 status=未利用 &&
  sanzi resource add village=$V1 name=村东菜地 land_class=0103 area=20 status=未利用 &&
  sanzi resource add village=$V1 name=南滩地 land_class=0103 area=50 status=未利用 &&
  sanzi account add village=$V1 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 &&
  sanzi account add village=$V2 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01
  } >/dev/null
'

# ==== 申报: what a filing may name ====

test_expect_success 'new: an unknown object, or one of another village, is refused' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0099 \
    reason=闲置 method=公开竞价 date=2025-03-10 &&
  grep -q "^sanzi: objects: no asset or resource with code '\''$V1-ZC-0099'\''\$" err &&
  refused sanzi disposal new village=$V1 type=出售 objects=$V2-ZC-0001 \
    reason=闲置 method=公开竞价 date=2025-03-10 &&
  grep -q "objects: $V2-ZC-0001 belongs to village $V2, not $V1" err &&
  unchanged
'

test_expect_success 'new: land is never sold, scrapped, written off, given away or swapped' '
  before=$(db_state) &&
  for t in 出售 报废 核销 无偿划转 置换; do
    refused sanzi disposal new village=$V1 type=$t objects=$V1-ZY-0001 \
      reason=测试 method=公开竞价 date=2025-03-10 &&
    grep -q "objects: $V1-ZY-0001 is a resource; collective land is let, contracted out, put in as shares or pledged (出租, 发包, 入股, 抵押), never $t" err ||
    return 1
  done &&
  unchanged
'

test_expect_success 'new: an object named twice is refused' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 \
    objects=$V1-ZC-0003,$V1-ZC-0003 reason=测试 method=公开竞价 date=2025-03-10 &&
  grep -q "objects: $V1-ZC-0003 is named twice" err &&
  unchanged
'

test_expect_success 'new: a filing names at least one object' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 reason=测试 \
    method=公开竞价 date=2025-03-10 &&
  grep -q "^sanzi: objects: required (asset or resource codes, separated by commas)\$" err &&
  refused sanzi disposal new village=$V1 type=出售 "objects= , ，" \
    reason=测试 method=公开竞价 date=2025-03-10 &&
  grep -q "^sanzi: objects: required" err &&
  unchanged
'

test_expect_success 'new: outsider= is for 发包 only' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出租 objects=$V1-ZY-0001 \
    reason=测试 method=公开竞价 outsider=是 date=2025-03-10 &&
  grep -q "outsider: applies to 发包 only" err &&
  unchanged
'

test_expect_success 'new: 协议 is refused from a book value of 200,000.00 (summed over the objects)' '
  # 电脑 300.00 + 冷库 297,625.00 = 297,925.00 >= 200,000.00 (the objects
  # separated by 、 as a clerk types them)
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 objects="$V1-ZC-0003、$V1-ZC-0004" \
    reason=测试 method=协议 date=2025-03-10 &&
  grep -q "^sanzi: 处置方式: 协议 is not allowed: the book value 297,925.00 is at least 200,000.00; use 公开竞价, 招标 or 拍卖\$" err &&
  unchanged
'

test_expect_success 'new: 协议 is refused from a price of 200,000.00; 199,999.99 is allowed' '
  # 旧办公楼: book value 7,500.00, but the price is what counts here
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0006 \
    reason=闲置 method=协议 price=200000 date=2025-03-10 &&
  grep -q "协议 is not allowed: the price 200,000.00 is at least 200,000.00" err &&
  unchanged
'

test_expect_success 'new: 协议 is refused from 50 亩 of land (summed): 80 亩, and 50 亩 exactly' '
  # 村北旱地 60 + 村东菜地 20 = 80 亩
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=发包 objects=$V1-ZY-0001,$V1-ZY-0002 \
    reason=测试 method=协议 date=2025-03-10 &&
  grep -q "协议 is not allowed: the land area 80\(\.0*\)\{0,1\} 亩 is at least 50\(\.0*\)\{0,1\} 亩" err &&
  refused sanzi disposal new village=$V1 type=发包 objects=$V1-ZY-0003 \
    reason=测试 method=协议 date=2025-03-10 &&
  grep -q "the land area 50\(\.0*\)\{0,1\} 亩 is at least 50" err &&
  unchanged
'

# ==== 出售 of 旧仓库: the whole procedure, and every rule on the way ====

test_expect_success '出售: the filing is CZ-0001, with the book value at the filing date' '
  # 旧仓库: 93,400.00 (worked out above)
  sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0001 reason=闲置多年 \
    method=公开竞价 price=100000 date=2025-03-10 >code &&
  echo $V1-CZ-0001 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT type, method, price, filed_on, filer, book_value, area, status
               FROM disposal WHERE code = '\''$V1-CZ-0001'\''")" = \
    "出售|公开竞价|10000000|2025-03-10|tester|9340000|0|申报中" &&
  test "$(sql "SELECT object, register, name, status_before, book_value
               FROM disposal_object WHERE disposal = '\''$V1-CZ-0001'\''")" = \
    "$V1-ZC-0001|asset|旧仓库|闲置|9340000"
'

C=$V1-CZ-0001

test_expect_success 'new: an object in an open filing (申报中) is refused' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0001 \
    reason=测试 method=公开竞价 date=2025-03-10 &&
  grep -q "objects: $V1-ZC-0001 is already in filing $C (申报中)" err &&
  unchanged
'

test_expect_success 'vote: each step needs the one before it passed' '
  before=$(db_state) &&
  refused vote $C 商议 2025-03-12 9 7 6 1 &&
  grep -q "^sanzi: 商议: needs a passing 提议 first\$" err &&
  refused vote $C 审议 2025-03-15 20 15 12 3 &&
  grep -q "审议: needs a passing 商议 first" err &&
  refused vote $C 决议 2025-03-20 30 22 18 4 --body 村民代表会议 &&
  grep -q "决议: needs a passing 审议 first" err &&
  unchanged
'

test_expect_success 'vote: not before the filing date' '
  before=$(db_state) &&
  refused vote $C 提议 2025-03-09 7 5 5 0 &&
  grep -q "提议 on 2025-03-09: before the filing (2025-03-10)" err &&
  unchanged
'

test_expect_success 'vote: impossible numbers are refused and not recorded' '
  before=$(db_state) &&
  refused vote $C 提议 2025-03-11 7 8 5 0 &&
  grep -q "提议: 8 present of 7 due is not possible" err &&
  refused vote $C 提议 2025-03-11 7 5 4 2 &&
  grep -q "提议: 4 for, 2 against and 0 abstaining are more than the 5 present" err &&
  refused vote $C 提议 2025-03-11 7 5 3 1 --abstain 2 &&
  grep -q "提议: 3 for, 1 against and 2 abstaining are more than the 5 present" err &&
  refused vote $C 提议 2025-03-11 0 0 0 0 &&
  grep -q "提议: --due must be more than 0" err &&
  refused vote $C 提议 2025-03-11 7 5 5 0 --body 村民会议 &&
  grep -q "提议: held by 党支部会议, not 村民会议" err &&
  unchanged
'

test_expect_success '提议 (党支部会议) of 7: 3 present is short of 4 (more than 3.5); recorded, not passed' '
  # present must be more than 1/2 of 7 = 3.5: at least 4; in favour more
  # than 1/2 of the 3 present: 2
  snap &&
  refused vote $C 提议 2025-03-11 7 3 3 0 &&
  grep -q "^sanzi: 提议: 3 of 7 members present, at least 4 (more than 1/2) required; recorded as not passed: the filing moves on only after a new, passing 提议\$" err &&
  one_more_vote &&
  test "$(last_vote)" = "提议|党支部会议|2025-03-11|7|3|3|0|0|4|2|0"
'

test_expect_success 'after a failed 提议, 商议 is still refused' '
  before=$(db_state) &&
  refused vote $C 商议 2025-03-12 9 7 6 1 &&
  grep -q "商议: needs a passing 提议 first" err &&
  unchanged
'

test_expect_success '提议 of 7 with 4 present: 2 in favour is short of 3 (more than 2)' '
  snap &&
  refused vote $C 提议 2025-03-11 7 4 2 2 &&
  grep -q "提议: 2 in favour, at least 3 (more than 1/2 of the 4 present) required; recorded as not passed" err &&
  one_more_vote &&
  test "$(last_vote)" = "提议|党支部会议|2025-03-11|7|4|2|2|0|4|3|0"
'

test_expect_success 'a new vote may not be dated before the failed one' '
  before=$(db_state) &&
  refused vote $C 提议 2025-03-10 7 4 3 1 &&
  grep -q "提议 on 2025-03-10: before the earlier 提议 vote of 2025-03-11" err &&
  unchanged
'

test_expect_success '提议 of 7: 4 present, 3 for passes' '
  vote $C 提议 2025-03-11 7 4 3 1 --minutes 支部会议记录〔2025〕2号 >out &&
  echo "$C: 提议 passed" >expect &&
  test_cmp expect out &&
  test "$(last_vote)" = "提议|党支部会议|2025-03-11|7|4|3|1|0|4|3|1"
'

test_expect_success 'a step that passed is not voted again' '
  before=$(db_state) &&
  refused vote $C 提议 2025-03-12 7 7 7 0 &&
  grep -q "提议: passed on 2025-03-11 already" err &&
  unchanged
'

test_expect_success '商议 may not be dated before the 提议' '
  before=$(db_state) &&
  refused vote $C 商议 2025-03-10 9 7 6 1 &&
  grep -q "商议 on 2025-03-10: before the 提议 of 2025-03-11" err &&
  unchanged
'

test_expect_success '商议 (两委联席会议) of 9: 4 present is short of 5; 6 present, 3 for short of 4' '
  # present more than 4.5: 5; in favour more than half of those present:
  # of 6, more than 3: 4
  snap &&
  refused vote $C 商议 2025-03-12 9 4 4 0 &&
  grep -q "商议: 4 of 9 members present, at least 5 (more than 1/2) required" err &&
  one_more_vote &&
  snap &&
  refused vote $C 商议 2025-03-12 9 6 3 3 &&
  grep -q "商议: 3 in favour, at least 4 (more than 1/2 of the 6 present) required" err &&
  one_more_vote &&
  test "$(last_vote)" = "商议|两委联席会议|2025-03-12|9|6|3|3|0|5|4|0"
'

test_expect_success '商议 of 9: 5 present, 3 for (more than 2.5) passes on the day of the 提议 +1' '
  vote $C 商议 2025-03-12 9 5 3 2 >/dev/null &&
  test "$(last_vote)" = "商议|两委联席会议|2025-03-12|9|5|3|2|0|5|3|1"
'

test_expect_success '审议 (党员大会) of 20: 12 present is short of 14 (2/3 of 20 = 13.33)' '
  snap &&
  refused vote $C 审议 2025-03-15 20 12 12 0 &&
  grep -q "^sanzi: 审议: 12 of 20 party members present, at least 14 (2/3) required; recorded as not passed" err &&
  one_more_vote &&
  test "$(last_vote)" = "审议|党员大会|2025-03-15|20|12|12|0|0|14|11|0"
'

test_expect_success '审议 of 20: 14 present, 10 for is a majority of those present but not more than half of the 20 due' '
  # in favour: more than 1/2 of the 20 due = at least 11
  snap &&
  refused vote $C 审议 2025-03-15 20 14 10 4 &&
  grep -q "审议: 10 in favour, at least 11 (more than 1/2 of the 20 due) required" err &&
  one_more_vote &&
  before=$(db_state) &&
  refused vote $C 决议 2025-03-20 30 22 18 4 --body 村民代表会议 &&
  grep -q "决议: needs a passing 审议 first" err &&
  unchanged
'

test_expect_success '审议 of 20: 14 present, 11 for passes' '
  vote $C 审议 2025-03-15 20 14 11 3 >/dev/null &&
  test "$(last_vote)" = "审议|党员大会|2025-03-15|20|14|11|3|0|14|11|1"
'

test_expect_success '决议 needs its body: 村民会议 or 村民代表会议' '
  before=$(db_state) &&
  refused vote $C 决议 2025-03-20 30 22 18 4 &&
  grep -q "决议: --body is required: 村民会议 or 村民代表会议" err &&
  refused vote $C 决议 2025-03-20 30 22 18 4 --body 党员大会 &&
  grep -q "决议: held by 村民会议 or 村民代表会议, not 党员大会" err &&
  unchanged
'

test_expect_success '决议 (村民代表会议) of 30: 19 present is short of 20 (2/3); 20 present, 10 for short of 11' '
  snap &&
  refused vote $C 决议 2025-03-20 30 19 19 0 --body 村民代表会议 &&
  grep -q "决议: 19 of 30 representatives present, at least 20 (2/3) required" err &&
  one_more_vote &&
  snap &&
  refused vote $C 决议 2025-03-20 30 20 10 10 --body 村民代表会议 &&
  grep -q "决议: 10 in favour, at least 11 (more than 1/2 of the 20 present) required" err &&
  one_more_vote &&
  test "$(last_vote)" = "决议|村民代表会议|2025-03-20|30|20|10|10|0|20|11|0"
'

test_expect_success '决议公开 before a passing 决议 is refused' '
  before=$(db_state) &&
  refused sanzi disposal publicize $C --kind 决议 --from 2025-03-21 --to 2025-03-27 &&
  grep -q "决议公开: needs a passing 决议 first" err &&
  unchanged
'

test_expect_success '决议 of 30 representatives: 20 present, 11 for passes' '
  vote $C 决议 2025-03-20 30 20 11 9 --body 村民代表会议 >/dev/null &&
  test "$(last_vote)" = "决议|村民代表会议|2025-03-20|30|20|11|9|0|20|11|1"
'

test_expect_success '决议公开: from the 决议 on, 7 days counting both ends; 6 are refused' '
  before=$(db_state) &&
  refused sanzi disposal publicize $C --kind 决议 --from 2025-03-19 --to 2025-03-27 &&
  grep -q "决议公开 from 2025-03-19: before the 决议 of 2025-03-20" err &&
  # 03-21 to 03-26: 6 days
  refused sanzi disposal publicize $C --kind 决议 --from 2025-03-21 --to 2025-03-26 &&
  grep -q "^sanzi: 决议公开: 6 day(s) (2025-03-21 to 2025-03-26, both days counted), at least 7 required\$" err &&
  refused sanzi disposal publicize $C --kind 决议 --from 2025-03-27 --to 2025-03-21 &&
  grep -q "决议公开: it ends (2025-03-21) before it begins (2025-03-27)" err &&
  refused sanzi disposal publicize $C --kind 公告 --from 2025-03-21 --to 2025-03-27 &&
  grep -q "'\''公告'\'' is not 决议 or 结果" err &&
  refused sanzi disposal publicize $C --kind 结果 --from 2025-03-21 --to 2025-03-27 &&
  grep -q "结果公开: filing $C is 申报中; the result is published after the execution" err &&
  unchanged &&
  # 03-21 to 03-27: 7 days
  sanzi disposal publicize $C --kind 决议 --from 2025-03-21 --to 2025-03-27 >/dev/null &&
  test "$(sql "SELECT resolution_from, resolution_to FROM disposal WHERE code = '\''$C'\''")" = \
    "2025-03-21|2025-03-27"
'

test_expect_success 'review: the filer may not review; 不同意 and 退回 need the reason' '
  before=$(db_state) &&
  refused sanzi disposal review $C --decision 同意 --date 2025-03-28 &&
  grep -q "^sanzi: 乡镇审核: tester filed $C and may not review it; another person reviews (--user)\$" err &&
  refused review $C --decision 不同意 --date 2025-03-28 &&
  grep -q "乡镇审核: 不同意 needs the reason (--opinion)" err &&
  refused review $C --decision 退回 --date 2025-03-28 &&
  grep -q "乡镇审核: 退回 needs the reason (--opinion)" err &&
  refused review $C --decision 批准 --date 2025-03-28 &&
  grep -q "the decision is 同意, 不同意 or 退回, not '\''批准'\''" err &&
  refused review $C --decision 同意 --date 2025-03-09 --opinion x &&
  grep -q "乡镇审核 on 2025-03-09: before the filing (2025-03-10)" err &&
  unchanged
'

test_expect_success 'review on the last day of the publicity is refused: it must have ended' '
  before=$(db_state) &&
  refused review $C --decision 同意 --date 2025-03-27 &&
  grep -q "乡镇审核 on 2025-03-27: 决议公开 runs to 2025-03-27 and must end before the review" err &&
  unchanged
'

test_expect_success 'review: a sale with a book value of 50,000.00 or more needs the appraisal' '
  # 93,400.00 >= 50,000.00
  before=$(db_state) &&
  refused review $C --decision 同意 --date 2025-03-28 &&
  grep -q "^sanzi: 乡镇审核: 资产评估 required: 出售 with a book value of 93,400.00 (at least 50,000.00)\$" err &&
  unchanged
'

test_expect_success 'execute before the township agreed is refused' '
  before=$(db_state) &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 110000 &&
  grep -q "执行: filing $C is 申报中; it is executed after the township'\''s 同意" err &&
  unchanged
'

test_expect_success 'appraise: not before the filing; then recorded' '
  before=$(db_state) &&
  refused sanzi disposal appraise $C --value 110000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕12号 --date 2025-03-09 &&
  grep -q "资产评估 on 2025-03-09: before the filing (2025-03-10)" err &&
  refused sanzi disposal appraise $C --value 110000 --appraiser "" \
    --report 内正评字〔2025〕12号 --date 2025-03-25 &&
  grep -q "资产评估: the appraiser and the report number are required" err &&
  refused sanzi disposal appraise $C --value 11O000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕12号 --date 2025-03-25 &&
  grep -q -- "--value: '\''11O000'\''" err &&
  unchanged &&
  sanzi disposal appraise $C --value 110000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕12号 --date 2025-03-25 >/dev/null &&
  test "$(sql "SELECT appraised_value, appraiser, appraisal_report, appraised_on
               FROM disposal WHERE code = '\''$C'\''")" = \
    "11000000|内蒙古正信资产评估|内正评字〔2025〕12号|2025-03-25"
'

test_expect_success 'review: an appraisal dated after the review date is refused' '
  sanzi disposal appraise $C --value 110000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕12号 --date 2025-03-29 >/dev/null &&
  before=$(db_state) &&
  refused review $C --decision 同意 --date 2025-03-28 &&
  grep -q "^sanzi: 乡镇审核 on 2025-03-28: the 资产评估 is dated 2025-03-29, after the review\$" err &&
  unchanged &&
  # corrected while the filing is 申报中
  sanzi disposal appraise $C --value 110000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕12号 --date 2025-03-25 >/dev/null
'

test_expect_success 'review 同意 by another person, the day after the publicity' '
  review $C --decision 同意 --date 2025-03-28 >out &&
  test "$(sql "SELECT status, reviewed_on, review_decision, reviewer FROM disposal
               WHERE code = '\''$C'\''")" = "审核同意|2025-03-28|同意|$REVIEWER"
'

test_expect_success 'after 同意 the meetings, appraisal and 决议公开 are closed' '
  before=$(db_state) &&
  refused vote $C 决议 2025-03-29 30 30 30 0 --body 村民代表会议 &&
  grep -q "决议: filing $C is 审核同意; the procedure before the review is closed" err &&
  refused sanzi disposal appraise $C --value 90000 --appraiser x --report y --date 2025-03-29 &&
  grep -q "filing $C is 审核同意" err &&
  refused review $C --decision 同意 --date 2025-03-29 &&
  grep -q "乡镇审核: filing $C is 审核同意, not waiting for a review" err &&
  unchanged
'

test_expect_success 'setup: the proceeds in the books (and entries that are not them)' '
  # 记-014: 100,000.00 received (not the price); 记-016: a 支出 of the
  # price; 记-015: the 105,000.00 received; 大水圪洞村 has a 记-020
  fund() {
    sanzi fund add village=$1 account=$1-ZH-0001 voucher=$2 date=$3 \
      direction=$4 amount=$5 category=$6 summary=测试 >/dev/null
  } &&
  fund $V1 记-014 2025-04-09 收入 100000 其他收入 &&
  fund $V1 记-015 2025-04-10 收入 105000 其他收入 &&
  fund $V1 记-016 2025-04-10 支出 105000 其他支出 &&
  fund $V2 记-020 2025-04-10 收入 105000 其他收入
'

test_expect_success 'execute: a price below the appraised value needs the resolution that allowed it' '
  # 105,000.00 < 110,000.00
  before=$(db_state) &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 \
    --voucher 记-015 &&
  grep -q "^sanzi: 执行: the price 105,000.00 is below the appraised value 110,000.00; give the resolution that approved the lower price (--lower-price-resolution)\$" err &&
  refused sanzi disposal execute $C --date 2025-03-27 --party 赵六 --price 110000 &&
  grep -q "执行 on 2025-03-27: before the review (2025-03-28)" err &&
  unchanged
'

test_expect_success 'execute: a sale needs the voucher of a receipt of the price, in the village and year' '
  before=$(db_state) &&
  L="--lower-price-resolution 村民代表会议决议〔2025〕3号" &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 $L &&
  grep -q "执行: a sale needs the voucher of its proceeds (--voucher)" err &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 $L \
    --voucher 记-099 &&
  grep -q "执行: no fund entry with voucher 记-099 in 2025 for village $V1: record the proceeds first" err &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 $L \
    --voucher 记-020 &&
  grep -q "执行: no fund entry with voucher 记-020 in 2025 for village $V1" err &&
  refused sanzi disposal execute $C --date 2026-01-05 --party 赵六 --price 105000 $L \
    --voucher 记-015 &&
  grep -q "执行: no fund entry with voucher 记-015 in 2026 for village $V1" err &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 $L \
    --voucher 记-016 &&
  grep -q "执行: fund entry $V1-2025-记-016 is a 支出, not the proceeds" err &&
  refused sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 $L \
    --voucher 记-014 &&
  grep -q "执行: fund entry $V1-2025-记-014 records 100,000.00, the price is 105,000.00" err &&
  unchanged
'

test_expect_success 'execute the sale: below the appraisal with its resolution, proceeds 记-015' '
  sanzi disposal execute $C --date 2025-04-10 --party 赵六 --price 105000 \
    --voucher 记-015 --lower-price-resolution 村民代表会议决议〔2025〕3号 >out &&
  echo "$C: 已执行" >expect &&
  test_cmp expect out &&
  test "$(sql "SELECT status, executed_on, party, final_price, voucher,
               lower_price_resolution FROM disposal WHERE code = '\''$C'\''")" = \
    "已执行|2025-04-10|赵六|10500000|记-015|村民代表会议决议〔2025〕3号" &&
  test "$(obj_status $V1-ZC-0001)" = 已处置
'

test_expect_success '结果公开: from the execution on, at least 7 days; then 已公开' '
  before=$(db_state) &&
  refused sanzi disposal publicize $C --kind 结果 --from 2025-04-09 --to 2025-04-17 &&
  grep -q "结果公开 from 2025-04-09: before the execution of 2025-04-10" err &&
  refused sanzi disposal publicize $C --kind 结果 --from 2025-04-11 --to 2025-04-16 &&
  grep -q "结果公开: 6 day(s) (2025-04-11 to 2025-04-16, both days counted), at least 7 required" err &&
  unchanged &&
  sanzi disposal publicize $C --kind 结果 --from 2025-04-11 --to 2025-04-17 >/dev/null &&
  test "$(status $C)" = 已公开
'

test_expect_success 'a disposed-of object is refused in a new filing' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0001 \
    reason=测试 method=公开竞价 date=2025-05-10 &&
  grep -q "objects: $V1-ZC-0001 is already disposed of (已处置)" err &&
  unchanged
'

test_expect_success 'show: every meeting as held, failed ones 未通过, with the least numbers asked' '
  meetings $C >actual &&
  cat >expect <<-EOF &&
	提议|党支部会议|2025-03-11|7|3|3|0|0|4|2|未通过
	提议|党支部会议|2025-03-11|7|4|2|2|0|4|3|未通过
	提议|党支部会议|2025-03-11|7|4|3|1|0|4|3|通过|支部会议记录〔2025〕2号
	商议|两委联席会议|2025-03-12|9|4|4|0|0|5|3|未通过
	商议|两委联席会议|2025-03-12|9|6|3|3|0|5|4|未通过
	商议|两委联席会议|2025-03-12|9|5|3|2|0|5|3|通过
	审议|党员大会|2025-03-15|20|12|12|0|0|14|11|未通过
	审议|党员大会|2025-03-15|20|14|10|4|0|14|11|未通过
	审议|党员大会|2025-03-15|20|14|11|3|0|14|11|通过
	决议|村民代表会议|2025-03-20|30|19|19|0|0|20|10|未通过
	决议|村民代表会议|2025-03-20|30|20|10|10|0|20|11|未通过
	决议|村民代表会议|2025-03-20|30|20|11|9|0|20|11|通过
	EOF
  test_cmp expect actual
'

test_expect_success 'show: the publicity, appraisal, review, execution and the status' '
  sanzi disposal show $C --format json >show.json &&
  test "$(json_pick filing book_value <show.json)" = 93400.00 &&
  json_pick steps resolution_from appraised_value reviewer final_price \
    result_to <show.json >actual &&
  echo "2025-03-21|110000.00|$REVIEWER|105000.00|2025-04-17" >expect &&
  test_cmp expect actual &&
  test "$(json_pick status status next <show.json)" = "已公开|"
'

# ==== 出租 of 门面房 with its contract ====

C2=$V1-CZ-0002

test_expect_success '出租: filed with the book value 42,949.61; no appraisal needed' '
  sanzi disposal new village=$V1 type=出租 objects=$V1-ZC-0002 reason=闲置出租 \
    method=公开竞价 price=12000 date=2025-03-10 >code &&
  echo $C2 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$C2'\''")" = 4294961 &&
  procedure $C2 &&
  review $C2 --decision 同意 --date 2025-03-28 >/dev/null &&
  test "$(status $C2)" = 审核同意
'

test_expect_success 'setup: contracts for the let (and ones that do not fit it)' '
  # HT-0001 the lease: 张三, 12,000.00 a year; HT-0002 a 发包 of the same
  # shop later; HT-0003 the lease of another asset; a contract of 大水圪洞村
  # all signed 2025-04-15, after the township agreed on 2025-03-28
  ct() { add_to contract "--without-filing party=张三 party_id=$ID2 party_is_member=是
      annual_amount=12000 payment=年付 signed_on=2025-04-15" "$@" >/dev/null; } &&
  ct village=$V1 kind=出租 object=$V1-ZC-0002 start_date=2025-05-01 \
    end_date=2030-04-30 first_due=2025-05-01 &&
  ct village=$V1 kind=发包 object=$V1-ZC-0002 start_date=2031-01-01 \
    end_date=2031-12-31 first_due=2031-01-01 &&
  ct village=$V1 kind=出租 object=$V1-ZC-0004 start_date=2025-05-01 \
    end_date=2026-04-30 first_due=2025-05-01 &&
  ct village=$V2 kind=出租 object=$V2-ZC-0001 start_date=2025-05-01 \
    end_date=2026-04-30 first_due=2025-05-01
'

test_expect_success 'execute a let: the contract must be the filing'\''s' '
  before=$(db_state) &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 &&
  grep -q "^sanzi: 执行: a 出租 needs its contract (--contract)\$" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V1-HT-0099 &&
  grep -q "执行: no contract with code '\''$V1-HT-0099'\''" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V2-HT-0001 &&
  grep -q "执行: contract $V2-HT-0001 is of village $V2" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V1-HT-0003 &&
  grep -q "执行: contract $V1-HT-0003 lets $V1-ZC-0004, which this filing does not name" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V1-HT-0002 &&
  grep -q "执行: contract $V1-HT-0002 is a 发包 contract; the filing is 出租" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 李四 --price 12000 \
    --contract $V1-HT-0001 &&
  grep -q "执行: contract $V1-HT-0001 is with 张三, not 李四" err &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12500 \
    --contract $V1-HT-0001 &&
  grep -q "执行: the price of a 出租 is the yearly amount of its contracts: 12,500.00 given, the contracts say 12,000.00" err &&
  unchanged
'

test_expect_success 'execute a let: a contract without its 签订日期 is refused' '
  sanzi contract edit $V1-HT-0001 signed_on= >/dev/null &&
  before=$(db_state) &&
  refused sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V1-HT-0001 &&
  grep -q "执行: contract $V1-HT-0001 has no 签订日期" err &&
  unchanged &&
  sanzi contract edit $V1-HT-0001 signed_on=2025-04-15 >/dev/null
'

test_expect_success 'execute the let: the shop is 出租, the contract names the filing' '
  sanzi disposal execute $C2 --date 2025-04-20 --party 张三 --price 12000 \
    --contract $V1-HT-0001 >/dev/null &&
  test "$(status $C2)" = 已执行 &&
  test "$(obj_status $V1-ZC-0002)" = 出租 &&
  test "$(sql "SELECT disposal FROM contract WHERE code = '\''$V1-HT-0001'\''")" = $C2 &&
  test "$(sql "SELECT final_price FROM disposal WHERE code = '\''$C2'\''")" = 1200000 &&
  test "$(sanzi contract show $V1-HT-0001 --format json |
          json_pick record disposal)" = $C2 &&
  sanzi disposal show $C2 --format csv --part contracts |
    csv_pick 合同编号 标的编号 对方名称 年金额 起始日期 终止日期 付款方式 >actual &&
  echo "$V1-HT-0001|$V1-ZC-0002|张三|12000.00|2025-05-01|2030-04-30|年付" >expect &&
  test_cmp expect actual
'

# ==== 发包 of 村北旱地 to a party from outside the collective ====

C3=$V1-CZ-0003

test_expect_success '发包 to an outsider: 60 亩, filed with outsider=是' '
  sanzi disposal new village=$V1 type=发包 objects=$V1-ZY-0001 reason=对外发包 \
    method=公开竞价 price=18000 outsider=是 date=2025-03-10 >code &&
  echo $C3 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT book_value, area, outsider FROM disposal WHERE code = '\''$C3'\''")" = \
    "0|600000|是" &&
  vote $C3 提议 2025-03-11 7 5 5 0 >/dev/null &&
  vote $C3 商议 2025-03-12 9 7 6 1 >/dev/null
'

test_expect_success '审议 may not be dated before the 商议, nor 决议 before the 审议' '
  before=$(db_state) &&
  refused vote $C3 审议 2025-03-11 20 15 12 3 &&
  grep -q "审议 on 2025-03-11: before the 商议 of 2025-03-12" err &&
  unchanged &&
  vote $C3 审议 2025-03-15 20 15 12 3 >/dev/null &&
  before=$(db_state) &&
  refused vote $C3 决议 2025-03-14 30 25 20 5 --body 村民代表会议 &&
  grep -q "决议 on 2025-03-14: before the 审议 of 2025-03-15" err &&
  unchanged
'

test_expect_success '发包 to an outsider: 16 of 25 present would pass a plain majority, not 2/3 of the 30 due' '
  # plain: 25 present >= 20 (2/3 of 30), more than 12.5 in favour: 13;
  # outsider: at least 2/3 of all 30 due = 20 in favour
  snap &&
  refused vote $C3 决议 2025-03-20 30 25 16 9 --body 村民代表会议 &&
  grep -q "^sanzi: 决议: 发包 to a party from outside the collective: 16 in favour, at least 20 (2/3 of all 30 due) required; recorded as not passed: the filing moves on only after a new, passing 决议\$" err &&
  one_more_vote &&
  test "$(last_vote)" = "决议|村民代表会议|2025-03-20|30|25|16|9|0|20|20|0"
'

test_expect_success '发包 to an outsider: 20 of 30 in favour passes' '
  vote $C3 决议 2025-03-21 30 25 20 5 --body 村民代表会议 >/dev/null &&
  test "$(last_vote)" = "决议|村民代表会议|2025-03-21|30|25|20|5|0|20|20|1" &&
  sanzi disposal publicize $C3 --kind 决议 --from 2025-03-22 --to 2025-03-28 >/dev/null &&
  review $C3 --decision 同意 --date 2025-03-29 >/dev/null
'

test_expect_success 'execute the 发包: the land is 发包, the contract names the filing' '
  # 30 years of 耕地 from 2025-05-01 may run to 2055-04-30
  add_to contract "--without-filing" village=$V1 kind=发包 object=$V1-ZY-0001 party=武川县丰收种植合作社 \
    party_id=$ID3 party_is_member=否 start_date=2025-05-01 end_date=2055-04-30 \
    annual_amount=18000 payment=年付 first_due=2025-05-01 signed_on=2025-04-15 >code &&
  echo $V1-HT-0004 >expect &&
  test_cmp expect code &&
  sanzi disposal execute $C3 --date 2025-04-20 --party 武川县丰收种植合作社 \
    --price 18000 --contract $V1-HT-0004 >/dev/null &&
  test "$(obj_status $V1-ZY-0001)" = 发包 &&
  test "$(sql "SELECT disposal FROM contract WHERE code = '\''$V1-HT-0004'\''")" = $C3
'

# ==== 发包 of 村东菜地 without outsider=是 ====

C4=$V1-CZ-0004

test_expect_success '发包 without outsider=是: a contract with an outsider is refused at execute' '
  sanzi disposal new village=$V1 type=发包 objects=$V1-ZY-0002 reason=发包 \
    method=协议 date=2025-03-10 >code &&
  echo $C4 >expect &&
  test_cmp expect code &&
  procedure $C4 &&
  review $C4 --decision 同意 --date 2025-03-28 >/dev/null &&
  add_to contract "--without-filing" village=$V1 kind=发包 object=$V1-ZY-0002 party=外村人 \
    party_id=$ID1 party_is_member=否 start_date=2025-05-01 end_date=2026-04-30 \
    annual_amount=3000 payment=年付 first_due=2025-05-01 signed_on=2025-04-15 >/dev/null &&
  add_to contract "--without-filing" village=$V1 kind=发包 object=$V1-ZY-0002 party=本村人 \
    party_id=$ID2 party_is_member=是 start_date=2026-05-01 end_date=2035-04-30 \
    annual_amount=3000 payment=年付 first_due=2026-05-01 signed_on=2025-04-15 >/dev/null &&
  before=$(db_state) &&
  refused sanzi disposal execute $C4 --date 2025-04-20 --party 外村人 --price 3000 \
    --contract $V1-HT-0005 &&
  grep -q "执行: contract $V1-HT-0005 is with a party from outside the collective, but the filing'\''s 决议 was not taken under the 2/3 rule for that (outsider=是)" err &&
  unchanged &&
  sanzi disposal execute $C4 --date 2025-04-20 --party 本村人 --price 3000 \
    --contract $V1-HT-0006 >/dev/null &&
  test "$(obj_status $V1-ZY-0002)" = 发包
'

# ==== 报废 of 电脑: a 村民会议, no appraisal ====

C5=$V1-CZ-0005

test_expect_success '报废: filed by 协议, book value 300.00' '
  sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0003 reason=损坏无法修复 \
    method=协议 date=2025-03-10 >code &&
  echo $C5 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$C5'\''")" = 30000 &&
  vote $C5 提议 2025-03-11 7 5 5 0 >/dev/null &&
  vote $C5 商议 2025-03-12 9 7 6 1 >/dev/null &&
  vote $C5 审议 2025-03-15 20 15 12 3 >/dev/null
'

test_expect_success '决议 (村民会议) of 500 villagers: 250 present is short of 251; 251 present, 125 for short of 126' '
  # present more than 1/2 of 500: 251; in favour more than 1/2 of 251 =
  # 125.5: 126
  snap &&
  refused vote $C5 决议 2025-03-20 500 250 250 0 --body 村民会议 &&
  grep -q "决议: 250 of 500 adult villagers present, at least 251 (more than 1/2) required" err &&
  one_more_vote &&
  snap &&
  refused vote $C5 决议 2025-03-20 500 251 125 126 --body 村民会议 &&
  grep -q "决议: 125 in favour, at least 126 (more than 1/2 of the 251 present) required" err &&
  one_more_vote &&
  vote $C5 决议 2025-03-20 500 251 126 100 --body 村民会议 >/dev/null &&
  test "$(last_vote)" = "决议|村民会议|2025-03-20|500|251|126|100|25|251|126|1"
'

test_expect_success '报废: reviewed without an appraisal, executed: the computer is 已处置' '
  sanzi disposal publicize $C5 --kind 决议 --from 2025-03-21 --to 2025-03-27 >/dev/null &&
  review $C5 --decision 同意 --date 2025-03-28 >/dev/null &&
  sanzi disposal execute $C5 --date 2025-04-02 --party 武川县废旧物资回收站 \
    --price 50 >/dev/null &&
  test "$(obj_status $V1-ZC-0003)" = 已处置 &&
  test "$(status $C5)" = 已执行 &&
  sanzi disposal show $C5 --format json | json_pick status status next >actual &&
  echo "已执行|结果公开 (sanzi disposal publicize $C5 --kind 结果 --from D --to D)" >expect &&
  test_cmp expect actual
'

# ==== 协议 and the appraised value; 不同意 ====

C6=$V1-CZ-0006

test_expect_success '协议 when only the appraised value is 200,000.00 or more: refused at review' '
  # 拖拉机: book value 161,475.00 and price 150,000.00 are below
  # 200,000.00, so the filing is taken; the appraisal says 210,000.00
  sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0005 reason=更新换代 \
    method=协议 price=150000 date=2025-03-10 >code &&
  echo $C6 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$C6'\''")" = 16147500 &&
  procedure $C6 &&
  sanzi disposal appraise $C6 --value 210000 --appraiser 内蒙古正信资产评估 \
    --report 内正评字〔2025〕15号 --date 2025-03-25 >/dev/null &&
  before=$(db_state) &&
  refused review $C6 --decision 同意 --date 2025-03-28 &&
  grep -q "^sanzi: 处置方式: 协议 is not allowed: the appraised value 210,000.00 is at least 200,000.00; use 公开竞价, 招标 or 拍卖\$" err &&
  unchanged
'

test_expect_success '不同意 with its reason: the filing ends there, the object is free again' '
  review $C6 --decision 不同意 --date 2025-03-28 --opinion 评估价超过二十万元应公开竞价 >/dev/null &&
  test "$(status $C6)" = 审核不同意 &&
  sanzi disposal show $C6 --format json >show.json &&
  test "$(json_pick status status next <show.json)" = \
    "审核不同意|none: the township did not agree" &&
  test "$(json_pick steps review_decision review_opinion <show.json)" = \
    "不同意|评估价超过二十万元应公开竞价" &&
  sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0005 reason=更新换代 \
    method=公开竞价 price=210000 date=2025-04-01 >code &&
  echo $V1-CZ-0007 >expect &&
  test_cmp expect code
'

# ==== 退回, then a new review by someone else ====

C8=$V1-CZ-0008

test_expect_success '退回: back for correction, then reviewed again by another person' '
  # 旧办公楼: book value 7,500.00 (below 50,000.00: no appraisal), 协议 at
  # 199,999.99
  sanzi disposal new village=$V1 type=出售 objects=$V1-ZC-0006 reason=危房 \
    method=协议 price=199999.99 date=2025-03-10 >code &&
  echo $C8 >expect &&
  test_cmp expect code &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$C8'\''")" = 750000 &&
  procedure $C8 &&
  review $C8 --decision 退回 --date 2025-03-28 --opinion 决议未附表决名单 >/dev/null &&
  test "$(status $C8)" = 审核退回 &&
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0006 \
    reason=测试 method=协议 date=2025-03-29 &&
  grep -q "objects: $V1-ZC-0006 is already in filing $C8 (审核退回)" err &&
  unchanged
'

test_expect_success 'after 退回 a new 决议 needs its own 决议公开 before 同意' '
  vote $C8 决议 2025-03-30 30 24 20 4 --body 村民代表会议 --minutes 附表决名单 >/dev/null &&
  before=$(db_state) &&
  refused sanzi --user 王审核 disposal review $C8 --decision 同意 --date 2025-04-01 &&
  grep -q "乡镇审核: 决议公开 from 2025-03-21 was before the 决议 of 2025-03-30" err &&
  refused sanzi --user 王审核 disposal review $C8 --decision 退回 --date 2025-03-27 \
    --opinion 再补材料 &&
  grep -q "乡镇审核 on 2025-03-27: before the earlier review of 2025-03-28" err &&
  unchanged &&
  sanzi disposal publicize $C8 --kind 决议 --from 2025-03-31 --to 2025-04-06 >/dev/null &&
  sanzi --user 王审核 disposal review $C8 --decision 同意 --date 2025-04-07 >/dev/null &&
  test "$(sql "SELECT status, reviewer, reviewed_on FROM disposal WHERE code = '\''$C8'\''")" = \
    "审核同意|王审核|2025-04-07"
'

test_expect_success 'an object in a filing the township agreed to (审核同意) is refused in a new one' '
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0006 \
    reason=测试 method=协议 date=2025-04-08 &&
  grep -q "objects: $V1-ZC-0006 is already in filing $C8 (审核同意)" err &&
  unchanged
'

test_expect_success 'one receipt is not the proceeds of two sales' '
  # 记-015 (105,000.00) is already the proceeds of CZ-0001
  before=$(db_state) &&
  refused sanzi disposal execute $C8 --date 2025-04-10 --party 钱七 --price 105000 \
    --voucher 记-015 &&
  grep -q "执行: fund entry $V1-2025-记-015 is already the proceeds of filing $C" err &&
  unchanged
'

test_expect_success '协议: a final price of 200,000.00 or more is refused at execute' '
  sanzi fund add village=$V1 account=$V1-ZH-0001 voucher=记-030 date=2025-04-10 \
    direction=收入 amount=200000 category=其他收入 summary=测试 >/dev/null &&
  before=$(db_state) &&
  refused sanzi disposal execute $C8 --date 2025-04-10 --party 钱七 --price 200000 \
    --voucher 记-030 &&
  grep -q "协议 is not allowed: the final price 200,000.00 is at least 200,000.00" err &&
  unchanged
'

# ==== the list and the log ====

test_expect_success 'disposal list: every filing of the year with its status' '
  sanzi disposal list --year 2025 --village $V1 >out &&
  awk "NR > 1 { print \$1 \"|\" \$3 \"|\" \$8 }" out >actual &&
  cat >expect <<-EOF &&
	$V1-CZ-0001|出售|已公开
	$V1-CZ-0002|出租|已执行
	$V1-CZ-0003|发包|已执行
	$V1-CZ-0004|发包|已执行
	$V1-CZ-0005|报废|已执行
	$V1-CZ-0006|出售|审核不同意
	$V1-CZ-0007|出售|申报中
	$V1-CZ-0008|出售|审核同意
	EOF
  test_cmp expect actual &&
  sanzi disposal list --year 2024 >out &&
  test "$(wc -l <out)" = 1 &&
  sanzi disposal list --village $V2 >out &&
  test "$(wc -l <out)" = 1
'

test_expect_success 'usage errors exit 2; an unknown filing is refused' '
  test_must_fail 2 sanzi disposal 2>err &&
  test_must_fail 2 sanzi disposal frobnicate 2>err &&
  test_must_fail 2 sanzi disposal vote $C --step 提议 2>err &&
  test_must_fail 2 sanzi disposal review $C --date 2025-04-01 2>err &&
  refused sanzi disposal show $V1-CZ-0099 &&
  grep -q "no disposal filing with code '\''$V1-CZ-0099'\''" err &&
  sanzi disposal --help >out &&
  grep -q usage out
'

test_expect_success 'nothing is dated after today: filing, meetings, appraisal, review, execution' '
  # Found in review: a filing dated years ahead had a lower book value
  # (more months of depreciation) and slipped under the appraisal and
  # public-method thresholds.
  tomorrow=$(date -d tomorrow +%Y-%m-%d) &&
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0004 \
    reason=坏 method=协议 date=$tomorrow &&
  grep -q "^sanzi: 申报 on $tomorrow: that day has not come yet (today is $(date +%Y-%m-%d))\$" err &&
  refused sanzi disposal vote $V1-CZ-0007 --step 提议 --date $tomorrow --due 7 \
    --present 7 --for 7 --against 0 &&
  grep -q "^sanzi: 提议 on $tomorrow: that day has not come yet" err &&
  refused sanzi disposal appraise $V1-CZ-0007 --value 1 --appraiser 甲 \
    --report 1 --date $tomorrow &&
  grep -q "^sanzi: 资产评估 on $tomorrow: that day has not come yet" err &&
  refused review $V1-CZ-0007 --decision 同意 --date $tomorrow &&
  grep -q "^sanzi: 乡镇审核 on $tomorrow: that day has not come yet" err &&
  refused sanzi disposal execute $C8 --date $tomorrow --party 甲 --price 1 &&
  grep -q "^sanzi: 执行 on $tomorrow: that day has not come yet" err &&
  unchanged
'

test_expect_success 'the change log verifies after the whole procedure' '
  sanzi log verify >out &&
  test -s out &&
  test "$(sql "SELECT count(*) FROM history WHERE tbl = '\''disposal_vote'\''")" = \
    "$(sql "SELECT count(*) FROM disposal_vote")"
'

test_done
