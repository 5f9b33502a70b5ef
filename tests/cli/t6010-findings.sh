#!/bin/sh
# sanzi audit findings: the defects the annual audit detects (doc/domain.md "The
# annual audit"), each with its stable code, as of the reference date
# (12-31, or today in the year still running). For every code a minimal
# case that raises it, and the same data corrected (or the clean case next
# to it) where it is absent; the scope; the refusals; and that looking
# writes nothing. Every expected figure is worked out by hand in the comment
# above it.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # vote, review (by $REVIEWER), ID1-ID3
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, entry, filing, proc, fnd...

# 可可以力更镇 150125100
T1=150125100
A=150125100201    # 福如东村民委员会: a 报废 with the whole procedure
B=150125100202    # 大水圪洞村民委员会: executed, no 结果公开 (CZ01)
C=150125100203    # 巨字号村民委员会: failed meetings (CZ02)
D=150125100204    # 天力木图村民委员会: a sale, no appraisal (CZ04)
E=150125100205    # 三圣太村民委员会: sold below the appraisal (CZ05)
F=150125100206    # 大兴昌村民委员会: 协议 (CZ06)
G=150125100207    # 乌兰忽洞村民委员会: lets without a filing (CZ01)
K=150125100208    # 定相营村民委员会: a long lease (HT01)
# 哈乐镇 150125101
T2=150125101
H1=150125101201   # 圪料坝村民委员会: receivables overdue (HT02)
H2=150125101202   # 八股地村民委员会: let after the contract ended (HT03)
H3=150125101203   # 旧营子村民委员会: cash over the limit (ZJ01)
H4=150125101204   # 白沙泉村民委员会: clean
H5=150125101205   # 根根渠村民委员会: zero value, no certificate (ZC01, ZC02)
H6=150125101206   # 厂汉脑包村民委员会: a certificate twice (ZC03)
H7=150125101207   # 德胜营村民委员会: ... and once more, on land (ZC03)
H8=150125101208   # 吾素图村民委员会: interest subsidy (TX01, CZ03)

# What depends on today (the running year's reference date) is tested on a
# fixed day, whatever the machine's date.
fixed_day 2026-11-28
# usage CMD...: exit 2, nothing on stdout, a message on stderr
usage() {
  test_must_fail 2 "$@" >out 2>err && ! test -s out && test -s err
}

# ==== a clean database ====

test_expect_success 'setup: the county' '
  setup_county
'

test_expect_success 'a database with no records: no findings, header only' '
  sanzi audit findings --year 2025 --format csv >out 2>err &&
  printf "%s\r\n" 序号,代码,问题,村代码,村名称,记录,说明 >expect &&
  test_cmp expect out &&
  echo "0 findings as of 2025-12-31" >expect &&
  tail -n 1 err >actual &&
  test_cmp expect actual
'

# ==== disposal filings ====
# Category 其他 is not depreciated (doc/domain.md), so its book value at the
# filing is its original value.

test_expect_success 'setup A: a 报废 of a building through the whole procedure, result made public 7 days' '
  # A-ZC-0001 旧库房 房屋及建筑物, no 权证号, executed 2025-04-10 (已处置),
  # 结果公开 2025-04-11 to 2025-04-17 = 7 days
  asset $A 旧库房 房屋及建筑物 25000 2010-01-01 闲置 >/dev/null &&
  filing $A 报废 $A-ZC-0001 公开竞价 >code &&
  echo $A-CZ-0001 >expect && test_cmp expect code &&
  proc $A-CZ-0001 2025 &&
  sanzi disposal execute $A-CZ-0001 --date 2025-04-10 --party 回收站 --price 50 >/dev/null &&
  result $A-CZ-0001 2025-04-11 2025-04-17 &&
  test "$(status $A-CZ-0001)" = 已公开
'

test_expect_success 'A, 2025: the whole procedure, and the building gone by 12-31: no findings' '
  none --year 2025 --village $A &&
  echo "0 findings as of 2025-12-31" >expect &&
  tail -n 1 fnd.err >actual &&
  test_cmp expect actual
'

test_expect_success 'A, 2024: the building was still held at 2024-12-31, without 权证号 (ZC02)' '
  codes --year 2024 --village $A >actual &&
  echo "ZC02|$A-ZC-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'setup B: a 报废 executed 2025-04-10 without 结果公开' '
  asset $B 旧机器 其他 1000 2015-01-01 闲置 >/dev/null &&
  filing $B 报废 $B-ZC-0001 公开竞价 >/dev/null &&
  proc $B-CZ-0001 2025 &&
  sanzi disposal execute $B-CZ-0001 --date 2025-04-10 --party 回收站 --price 50 >/dev/null
'

test_expect_success 'CZ01: executed in the year, the result not made public by 12-31' '
  codes --year 2025 --village $B >actual &&
  echo "CZ01|$B-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ01 $B-CZ-0001 --year 2025 --village $B) &&
  echo "$m" | grep -q 2025-04-10 &&
  echo "$m" | grep -q 结果公开 &&
  echo "$m" | grep -q 2025-12-31
'

test_expect_success 'CZ01: a 结果公开 begun after 12-31 does not count' '
  result $B-CZ-0001 2026-01-05 2026-01-11 &&
  codes --year 2025 --village $B >actual &&
  echo "CZ01|$B-CZ-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'CZ01 gone: a 结果公开 begun on 12-31 (7 days, to 2026-01-06) counts' '
  # 2025-12-31 .. 2026-01-06 = 1 + 6 = 7 days
  result $B-CZ-0001 2025-12-31 2026-01-06 &&
  none --year 2025 --village $B
'

test_expect_success 'setup C: failed meetings in 2024 and in 2025' '
  # C-CZ-0001, filed 2024-05-10:
  #   2024-05-11 提议 of 7: 3 present, at least 4 (more than 3.5): fails
  #   2025-03-11 提议 of 7: 4 present, 2 for, at least 3 (more than 2): fails
  #   2025-03-12 提议 7 4 3 1: passes; 商议, 审议 pass
  #   2025-03-20 决议 (村民代表会议) of 30: 19 present, at least 20 (2/3): fails
  #   2025-03-21 决议 30 22 18 4: passes (not executed)
  asset $C 旧设备 其他 5000 2015-01-01 闲置 >/dev/null &&
  sanzi disposal new village=$C type=报废 objects=$C-ZC-0001 reason=测试 \
    method=公开竞价 date=2024-05-10 >/dev/null &&
  test_must_fail 1 vote $C-CZ-0001 提议 2024-05-11 7 3 3 0 2>/dev/null &&
  test_must_fail 1 vote $C-CZ-0001 提议 2025-03-11 7 4 2 2 2>/dev/null &&
  vote $C-CZ-0001 提议 2025-03-12 7 4 3 1 >/dev/null &&
  vote $C-CZ-0001 商议 2025-03-13 9 7 6 1 >/dev/null &&
  vote $C-CZ-0001 审议 2025-03-15 20 15 12 3 >/dev/null &&
  test_must_fail 1 vote $C-CZ-0001 决议 2025-03-20 30 19 19 0 --body 村民代表会议 2>/dev/null &&
  vote $C-CZ-0001 决议 2025-03-21 30 22 18 4 --body 村民代表会议 >/dev/null &&
  test "$(sql "SELECT count(*) FROM disposal_vote WHERE passed = 0")" = 3
'

test_expect_success 'CZ02: each meeting of 2025 that did not pass, none of 2024, none that passed' '
  fnd --year 2025 --village $C >actual &&
  test $(wc -l <actual) = 2 &&
  ! grep -v "^CZ02|$C|$C-CZ-0001" actual &&
  grep "|提议" actual | grep "2025-03-11" | grep "\b2 in favour" | grep -q "at least 3\b" &&
  grep "|决议" actual | grep "2025-03-20" | grep "19 of 30" | grep -q "at least 20"
'

test_expect_success 'CZ02 of 2024: the 提议 of 2024-05-11, 3 of 7 present, 4 required' '
  fnd --year 2024 --village $C >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^CZ02|$C|$C-CZ-0001" actual | grep "2024-05-11" | grep "3 of 7" |
    grep -q "at least 4"
'

test_expect_success 'setup D: a sale of 30,000.00 book value, no appraisal (not needed below 50,000.00)' '
  # D-ZC-0001 其他 30,000.00: book value 30,000.00; proceeds 记-020
  asset $D 旧设备 其他 30000 2020-01-01 闲置 >/dev/null &&
  bank $D >/dev/null &&
  filing $D 出售 $D-ZC-0001 公开竞价 price=30000 >/dev/null &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$D-CZ-0001'\''")" = 3000000 &&
  proc $D-CZ-0001 2025 &&
  entry $D $D-ZH-0001 记-020 2025-04-10 收入 30000 其他收入 &&
  sanzi disposal execute $D-CZ-0001 --date 2025-04-10 --party 赵六 --price 30000 \
    --voucher 记-020 >/dev/null &&
  result $D-CZ-0001 2025-04-11 2025-04-17 &&
  none --year 2025 --village $D
'

test_expect_success 'CZ04: disposal.appraisal_value 20000 after the execution: the sale lacked its appraisal' '
  # 30,000.00 >= 20,000.00; the 报废 of A needs no appraisal whatever its value
  sanzi config disposal.appraisal_value 20000 >/dev/null &&
  codes --year 2025 --village $D >actual &&
  echo "CZ04|$D-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ04 $D-CZ-0001 --year 2025 --village $D) &&
  echo "$m" | grep -q "30,000.00" &&
  echo "$m" | grep -q "20,000.00" &&
  none --year 2025 --village $A
'

test_expect_success 'CZ04 at the edge: 30,000.00 needs it, 30,000.01 does not' '
  sanzi config disposal.appraisal_value 30000 >/dev/null &&
  codes --year 2025 --village $D >actual &&
  echo "CZ04|$D-CZ-0001" >expect &&
  test_cmp expect actual &&
  sanzi config disposal.appraisal_value 30000.01 >/dev/null &&
  none --year 2025 --village $D &&
  sanzi config disposal.appraisal_value 50000 >/dev/null &&
  none --year 2025 --village $D
'

test_expect_success 'setup E: a sale below its appraisal (with the resolution), and one at it' '
  # E-CZ-0001: 其他 40,000.00, appraised 45,000.00, sold for 42,000.00
  # with 村民代表会议决议〔2025〕9号; E-CZ-0002: 其他 10,000.00, appraised
  # 12,000.00, sold for 12,000.00
  bank $E >/dev/null &&
  asset $E 旧设备 其他 40000 2020-01-01 闲置 >/dev/null &&
  asset $E 旧车 其他 10000 2020-01-01 闲置 >/dev/null &&
  filing $E 出售 $E-ZC-0001 公开竞价 price=45000 >/dev/null &&
  filing $E 出售 $E-ZC-0002 公开竞价 price=12000 >/dev/null &&
  for c in $E-CZ-0001 $E-CZ-0002; do meetings $c 2025 || return 1; done &&
  sanzi disposal appraise $E-CZ-0001 --value 45000 --appraiser 正信评估 \
    --report 评字1号 --date 2025-03-25 >/dev/null &&
  sanzi disposal appraise $E-CZ-0002 --value 12000 --appraiser 正信评估 \
    --report 评字2号 --date 2025-03-25 >/dev/null &&
  for c in $E-CZ-0001 $E-CZ-0002; do
    review $c --decision 同意 --date 2025-03-28 >/dev/null || return 1
  done &&
  entry $E $E-ZH-0001 记-030 2025-04-10 收入 42000 其他收入 &&
  entry $E $E-ZH-0001 记-031 2025-04-10 收入 12000 其他收入 &&
  sanzi disposal execute $E-CZ-0001 --date 2025-04-10 --party 赵六 --price 42000 \
    --voucher 记-030 --lower-price-resolution 村民代表会议决议〔2025〕9号 >/dev/null &&
  sanzi disposal execute $E-CZ-0002 --date 2025-04-10 --party 钱七 --price 12000 \
    --voucher 记-031 >/dev/null &&
  result $E-CZ-0001 2025-04-11 2025-04-17 &&
  result $E-CZ-0002 2025-04-11 2025-04-17
'

test_expect_success 'CZ05: below the appraisal even with the resolution, which the message names; at it is fine' '
  codes --year 2025 --village $E >actual &&
  echo "CZ05|$E-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ05 $E-CZ-0001 --year 2025 --village $E) &&
  echo "$m" | grep -q "42,000.00" &&
  echo "$m" | grep -q "45,000.00" &&
  echo "$m" | grep -q "村民代表会议决议〔2025〕9号"
'

test_expect_success 'setup F: a sale by 协议 (book value 30,000.00, price 20,000.00) and a let of 30 亩 by 协议' '
  # F-CZ-0001: 其他 30,000.00, price and final price 20,000.00
  # F-CZ-0002: 出租 of F-ZY-0001 (30 亩, with its 权证号) by 协议 for
  # 3,000.00 a year under F-HT-0001 (2025-05-01 to 2026-04-30), paid
  bank $F >/dev/null &&
  asset $F 旧设备 其他 30000 2020-01-01 闲置 >/dev/null &&
  land $F 村南地 30 未利用 certificate=武集用2019第0601号 >/dev/null &&
  filing $F 出售 $F-ZC-0001 协议 price=20000 >/dev/null &&
  filing $F 出租 $F-ZY-0001 协议 price=3000 >/dev/null &&
  proc $F-CZ-0001 2025 && proc $F-CZ-0002 2025 &&
  entry $F $F-ZH-0001 记-040 2025-04-10 收入 20000 其他收入 &&
  sanzi disposal execute $F-CZ-0001 --date 2025-04-10 --party 赵六 --price 20000 \
    --voucher 记-040 >/dev/null &&
  contract village=$F object=$F-ZY-0001 party=张三 party_id=$ID1 \
    start_date=2025-05-01 end_date=2026-04-30 annual_amount=3000 payment=年付 \
    first_due=2025-05-01 signed_on=2025-04-15 >/dev/null &&
  receipt $F 记-041 2025-05-01 3000 $F-HT-0001 &&
  sanzi disposal execute $F-CZ-0002 --date 2025-04-20 --party 张三 --price 3000 \
    --contract $F-HT-0001 >/dev/null &&
  result $F-CZ-0001 2025-04-11 2025-04-17 &&
  result $F-CZ-0002 2025-04-21 2025-04-27 &&
  none --year 2025 --village $F
'

test_expect_success 'CZ06: disposal.public_value 25000 after the execution: the book value 30,000.00 called for a public method' '
  # book value 30,000.00 >= 25,000.00; price and final price 20,000.00 are
  # below; the let: price 3,000.00, book value 0.00
  sanzi config disposal.public_value 25000 >/dev/null &&
  codes --year 2025 --village $F >actual &&
  echo "CZ06|$F-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ06 $F-CZ-0001 --year 2025 --village $F) &&
  echo "$m" | grep -q "30,000.00" &&
  echo "$m" | grep -q "25,000.00"
'

test_expect_success 'CZ06: at 20,000.00 one finding for the filing (book value, price and final price all reach it); at 30,000.01 nothing' '
  # 30,000.00, 20,000.00 and 20,000.00 are all >= 20,000.00: the finding
  # is made once per filing, naming the first value checked (the book value)
  sanzi config disposal.public_value 20000 >/dev/null &&
  fnd --year 2025 --village $F >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^CZ06|$F|$F-CZ-0001|" actual | grep -q "book value 30,000.00" &&
  sanzi config disposal.public_value 30000.01 >/dev/null &&
  none --year 2025 --village $F &&
  sanzi config disposal.public_value 200000 >/dev/null &&
  none --year 2025 --village $F
'

test_expect_success 'CZ06: disposal.public_area 20: the 30 亩 let by 协议; at 30.0001 亩 nothing' '
  sanzi config disposal.public_area 20 >/dev/null &&
  codes --year 2025 --village $F >actual &&
  echo "CZ06|$F-CZ-0002" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ06 $F-CZ-0002 --year 2025 --village $F) &&
  echo "$m" | grep -q "30\(\.0*\)\{0,1\} 亩" &&
  echo "$m" | grep -q "20\(\.0*\)\{0,1\} 亩" &&
  sanzi config disposal.public_area 30 >/dev/null &&
  codes --year 2025 --village $F >actual &&
  test_cmp expect actual &&
  sanzi config disposal.public_area 30.0001 >/dev/null &&
  none --year 2025 --village $F &&
  sanzi config disposal.public_area 50 >/dev/null
'

test_expect_success 'CZ03: disposal.result_days 10: a 结果公开 of 7 days is short' '
  # A: 结果公开 2025-04-11 .. 2025-04-17 = 7 days < 10
  sanzi config disposal.result_days 10 >/dev/null &&
  codes --year 2025 --village $A >actual &&
  echo "CZ03|$A-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ03 $A-CZ-0001 --year 2025 --village $A) &&
  echo "$m" | grep -q "2025-04-11" &&
  echo "$m" | grep -q "2025-04-17" &&
  echo "$m" | grep -q "\b7 day" &&
  echo "$m" | grep -q "\b10\b"
'

test_expect_success 'CZ03: only filings executed in the audited year: A is not looked at in 2026' '
  none --year 2026 --village $A &&
  sanzi config disposal.result_days 7 >/dev/null &&
  none --year 2025 --village $A
'

test_expect_success 'CZ03: disposal.resolution_days 8: a 决议公开 of 7 days is short' '
  # A: 决议公开 2025-03-21 .. 2025-03-27 = 7 days < 8
  sanzi config disposal.resolution_days 8 >/dev/null &&
  codes --year 2025 --village $A >actual &&
  echo "CZ03|$A-CZ-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg CZ03 $A-CZ-0001 --year 2025 --village $A) &&
  echo "$m" | grep -q "决议公开" &&
  echo "$m" | grep -q "\b7 day" &&
  echo "$m" | grep -q "\b8\b" &&
  sanzi config disposal.resolution_days 7 >/dev/null &&
  none --year 2025 --village $A
'

# ==== contracts ====

test_expect_success 'setup G: lets, contracting out and shares without a filing, signed in 2025 or 2024' '
  # HT-0001 出租 signed 2025-02-01            -> CZ01 in 2025
  # HT-0002 发包 of land, no 签订日期, from 2025-06-01 -> CZ01 in 2025
  # HT-0003 出租 signed 2024-12-20, from 2025-01-01   -> CZ01 in 2024 only
  # HT-0004 其他 signed 2025-02-01            -> never
  # HT-0005 入股 signed 2025-07-01            -> CZ01 in 2025
  # each paid in full (no receivable overdue)
  bank $G >/dev/null &&
  for n in 1 2 3 4; do
    asset $G 门市$n 其他 10000 2015-01-01 在用 >/dev/null || return 1
  done &&
  land $G 河滩地 10 未利用 certificate=武集用2019第0701号 >/dev/null &&
  contract village=$G object=$G-ZC-0001 start_date=2025-03-01 end_date=2025-12-31 \
    annual_amount=1000 first_due=2025-03-01 signed_on=2025-02-01 >/dev/null &&
  contract village=$G kind=发包 object=$G-ZY-0001 start_date=2025-06-01 \
    end_date=2026-05-31 annual_amount=2000 payment=年付 first_due=2025-06-01 >/dev/null &&
  contract village=$G object=$G-ZC-0002 start_date=2025-01-01 end_date=2025-12-31 \
    annual_amount=1000 first_due=2025-01-01 signed_on=2024-12-20 >/dev/null &&
  contract village=$G kind=其他 object=$G-ZC-0003 start_date=2025-03-01 \
    end_date=2025-12-31 annual_amount=1000 first_due=2025-03-01 signed_on=2025-02-01 >/dev/null &&
  contract village=$G kind=入股 object=$G-ZC-0004 start_date=2025-07-01 \
    end_date=2025-12-31 annual_amount=500 first_due=2025-07-01 signed_on=2025-07-01 >/dev/null &&
  test "$(sql "SELECT count(*) FROM contract WHERE village = '\''$G'\''")" = 5 &&
  receipt $G 记-001 2025-03-01 1000 $G-HT-0001 &&
  receipt $G 记-002 2025-06-01 2000 $G-HT-0002 &&
  receipt $G 记-003 2025-01-01 1000 $G-HT-0003 &&
  receipt $G 记-004 2025-03-01 1000 $G-HT-0004 &&
  receipt $G 记-005 2025-07-01 500 $G-HT-0005 &&
  test "$(sql "SELECT count(*) FROM contract WHERE disposal IS NOT NULL")" = 1
'

test_expect_success 'CZ01: a contract of the year (出租, 发包, 入股) that no executed filing names' '
  codes --year 2025 --village $G >actual &&
  printf "%s\n" "CZ01|$G-HT-0001" "CZ01|$G-HT-0002" "CZ01|$G-HT-0005" >expect &&
  test_cmp expect actual &&
  msg CZ01 $G-HT-0001 --year 2025 --village $G | grep -q "$G-ZC-0001" &&
  msg CZ01 $G-HT-0002 --year 2025 --village $G | grep -q "$G-ZY-0001"
'

test_expect_success 'CZ01: the year of the 签订日期 counts, not the start' '
  codes --year 2024 --village $G >actual &&
  echo "CZ01|$G-HT-0003" >expect &&
  test_cmp expect actual
'

test_expect_success 'CZ01: a let that an executed filing names is no finding (F-HT-0001)' '
  test "$(sql "SELECT disposal FROM contract WHERE code = '\''$F-HT-0001'\''")" = $F-CZ-0002 &&
  none --year 2025 --village $F
'

test_expect_success 'setup K: a 10-year lease in force in 2025, and one that ended 2024-12-31' '
  # HT-0001 出租 2024-01-01..2033-12-31 (signed 2023-12-15), 一次性
  #   10 x 1,000.00 = 10,000.00 due 2024-01-01, paid
  # HT-0002 出租 2015-01-01..2024-12-31 (signed 2014-12-15), 10,000.00
  #   due 2015-01-01, paid
  bank $K >/dev/null &&
  asset $K 门市 其他 10000 2010-01-01 在用 >/dev/null &&
  asset $K 仓库 其他 10000 2010-01-01 在用 >/dev/null &&
  contract village=$K object=$K-ZC-0001 start_date=2024-01-01 end_date=2033-12-31 \
    annual_amount=1000 first_due=2024-01-01 signed_on=2023-12-15 >/dev/null &&
  contract village=$K object=$K-ZC-0002 start_date=2015-01-01 end_date=2024-12-31 \
    annual_amount=1000 first_due=2015-01-01 signed_on=2014-12-15 >/dev/null &&
  receipt $K 记-001 2024-01-01 10000 $K-HT-0001 &&
  receipt $K 记-001 2015-01-01 10000 $K-HT-0002 &&
  none --year 2025 --village $K
'

test_expect_success 'HT01: term.出租 5 after the registration: 10 years is over the limit' '
  # from 2024-01-01, 5 years end on 2028-12-31 at the latest
  sanzi config term.出租 5 >/dev/null &&
  codes --year 2025 --village $K >actual &&
  echo "HT01|$K-HT-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg HT01 $K-HT-0001 --year 2025 --village $K) &&
  echo "$m" | grep -q "2024-01-01" &&
  echo "$m" | grep -q "2033-12-31" &&
  echo "$m" | grep -q "\b5\b" &&
  echo "$m" | grep -q "2028-12-31"
'

test_expect_success 'HT01 in 2024: both leases were in force (the second to 2024-12-31)' '
  # HT-0002 from 2015-01-01: 5 years end on 2019-12-31 at the latest
  codes --year 2024 --village $K >actual &&
  printf "%s\n" "HT01|$K-HT-0001" "HT01|$K-HT-0002" >expect &&
  test_cmp expect actual &&
  msg HT01 $K-HT-0002 --year 2024 --village $K | grep -q "2019-12-31"
'

test_expect_success 'HT01: term.出租 10 allows exactly 10 years' '
  sanzi config term.出租 10 >/dev/null &&
  none --year 2025 --village $K &&
  none --year 2024 --village $K &&
  sanzi config term.出租 20 >/dev/null
'

test_expect_success 'setup K: 20 years of 发包 of 旱地 (耕地: up to 30 years)' '
  # HT-0003 发包 of ZY-0001 2024-01-01..2043-12-31 (signed 2023-12-15),
  # 一次性 20 x 1,000.00 = 20,000.00 due 2024-01-01, paid
  land $K 西梁地 20 未利用 certificate=武集用2019第0901号 >/dev/null &&
  contract village=$K kind=发包 object=$K-ZY-0001 start_date=2024-01-01 \
    end_date=2043-12-31 annual_amount=1000 first_due=2024-01-01 \
    signed_on=2023-12-15 >/dev/null &&
  receipt $K 记-002 2024-01-01 20000 $K-HT-0003 &&
  none --year 2025 --village $K
'

test_expect_success 'HT01: 发包 of 耕地 is held to term.发包.耕地, not term.发包' '
  # term.发包 10 does not touch land of 耕地; term.发包.耕地 15: from
  # 2024-01-01 the term may end on 2038-12-31 at the latest
  sanzi config term.发包 10 >/dev/null &&
  none --year 2025 --village $K &&
  sanzi config term.发包.耕地 15 >/dev/null &&
  codes --year 2025 --village $K >actual &&
  echo "HT01|$K-HT-0003" >expect &&
  test_cmp expect actual &&
  m=$(msg HT01 $K-HT-0003 --year 2025 --village $K) &&
  echo "$m" | grep -q "2043-12-31" &&
  echo "$m" | grep -q "\b15\b" &&
  echo "$m" | grep -q "2038-12-31" &&
  sanzi config term.发包.耕地 30 >/dev/null &&
  sanzi config term.发包 20 >/dev/null &&
  none --year 2025 --village $K
'

test_expect_success 'setup H1: a 半年付 lease part paid, and one due on 12-31' '
  # HT-0001 出租 2024-07-01..2026-06-30, 12,000.00 a year 半年付 from
  #   2024-07-01: 6,000.00 due 2024-07-01, 2025-01-01, 2025-07-01,
  #   2026-01-01; received 6,000.00 (2024-07-01), 2,000.00 (2025-01-10),
  #   4,000.00 (2026-01-05)
  # HT-0002 出租 2025-01-01..2025-12-31 (signed 2024-12-01), 5,000.00 年付
  #   due 2025-12-31, nothing received
  bank $H1 >/dev/null &&
  asset $H1 门市 其他 10000 2010-01-01 在用 >/dev/null &&
  asset $H1 仓库 其他 10000 2010-01-01 在用 >/dev/null &&
  contract village=$H1 object=$H1-ZC-0001 start_date=2024-07-01 end_date=2026-06-30 \
    annual_amount=12000 payment=半年付 first_due=2024-07-01 signed_on=2024-06-15 >/dev/null &&
  contract village=$H1 object=$H1-ZC-0002 start_date=2025-01-01 end_date=2025-12-31 \
    annual_amount=5000 payment=年付 first_due=2025-12-31 signed_on=2024-12-01 >/dev/null &&
  receipt $H1 记-001 2024-07-01 6000 $H1-HT-0001 &&
  receipt $H1 记-002 2025-01-10 2000 $H1-HT-0001 &&
  receipt $H1 记-003 2026-01-05 4000 $H1-HT-0001
'

test_expect_success 'HT02 at 2025-12-31: one finding for the contract, 2 instalments, 10,000.00, since 2025-01-01' '
  # due before 12-31: 3 x 6,000.00 = 18,000.00; received by then 6,000.00
  # + 2,000.00 = 8,000.00 (the 2026 receipt does not count): the second
  # instalment 4,000.00 and the third 6,000.00 are open: 10,000.00; the
  # oldest due 2025-01-01, 2025-12-31 - 2025-01-01 = 364 days.
  # HT-0002: due on 12-31 itself, not overdue yet.
  codes --year 2025 --village $H1 >actual &&
  echo "HT02|$H1-HT-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg HT02 $H1-HT-0001 --year 2025 --village $H1) &&
  echo "$m" | grep -q "\b2 instalment" &&
  echo "$m" | grep -q "10,000.00" &&
  echo "$m" | grep -q "2025-01-01" &&
  echo "$m" | grep -q "\b364 day"
'

test_expect_success 'HT02 as of today: the 2026 receipt counts, the 12-31 instalment is overdue' '
  # HT-0001: due before today 4 x 6,000.00 = 24,000.00, received 12,000.00:
  #   the third and fourth open, 12,000.00, the oldest 2025-07-01
  #   (on 2026-11-28: 365 + 150 = 515 days)
  # HT-0002: 5,000.00 since 2025-12-31 (on 2026-11-28: 332 days)
  codes --year 2026 --village $H1 >actual &&
  printf "%s\n" "HT02|$H1-HT-0001" "HT02|$H1-HT-0002" >expect &&
  test_cmp expect actual &&
  m=$(msg HT02 $H1-HT-0001 --year 2026 --village $H1) &&
  echo "$m" | grep -q "\b2 instalment" &&
  echo "$m" | grep -q "12,000.00" &&
  echo "$m" | grep -q "2025-07-01" &&
  echo "$m" | grep -q "\b$(days 2025-07-01 $TODAY) day" &&
  m=$(msg HT02 $H1-HT-0002 --year 2026 --village $H1) &&
  echo "$m" | grep -q "\b1 instalment" &&
  echo "$m" | grep -q "5,000.00" &&
  echo "$m" | grep -q "2025-12-31" &&
  echo "$m" | grep -q "\b$(days 2025-12-31 $TODAY) day"
'

test_expect_success 'HT02 gone for 2025 once 10,000.00 is received on 12-31' '
  # by 2025-12-31: 18,000.00 received = 18,000.00 due. Today: 22,000.00 of
  # 24,000.00: 2,000.00 of the fourth (2026-01-01) is still open
  receipt $H1 记-004 2025-12-31 10000 $H1-HT-0001 &&
  none --year 2025 --village $H1 &&
  m=$(msg HT02 $H1-HT-0001 --year 2026 --village $H1) &&
  echo "$m" | grep -q "\b1 instalment" &&
  echo "$m" | grep -q "2,000.00" &&
  echo "$m" | grep -q "2026-01-01"
'

test_expect_success 'setup H2: let objects whose contracts ended, or end on 12-31, or were renewed' '
  # ZC-0001 出租, HT-0001 2023-01-01..2024-12-31: ended before 2025-12-31
  # ZC-0002 出租, HT-0002 2024-01-01..2025-12-31: in force on 12-31
  # ZY-0001 发包, HT-0003 2020-01-01..2024-12-31, then HT-0004
  #   2025-01-01..2029-12-31 (signed 2024-12-15)
  # every instalment paid
  bank $H2 >/dev/null &&
  asset $H2 门市 其他 10000 2010-01-01 出租 >/dev/null &&
  asset $H2 仓库 其他 10000 2010-01-01 出租 >/dev/null &&
  land $H2 北梁地 20 发包 certificate=武集用2019第0801号 >/dev/null &&
  contract village=$H2 object=$H2-ZC-0001 start_date=2023-01-01 end_date=2024-12-31 \
    annual_amount=1000 first_due=2023-01-01 signed_on=2022-12-01 >/dev/null &&
  contract village=$H2 object=$H2-ZC-0002 start_date=2024-01-01 end_date=2025-12-31 \
    annual_amount=1000 first_due=2024-01-01 signed_on=2023-12-01 >/dev/null &&
  contract village=$H2 kind=发包 object=$H2-ZY-0001 start_date=2020-01-01 \
    end_date=2024-12-31 annual_amount=1000 first_due=2020-01-01 signed_on=2019-12-01 >/dev/null &&
  contract village=$H2 kind=发包 object=$H2-ZY-0001 start_date=2025-01-01 \
    end_date=2029-12-31 annual_amount=1000 payment=年付 first_due=2025-01-01 \
    signed_on=2024-12-15 >/dev/null &&
  receipt $H2 记-001 2023-01-01 2000 $H2-HT-0001 &&
  receipt $H2 记-001 2024-01-01 2000 $H2-HT-0002 &&
  receipt $H2 记-001 2020-01-01 5000 $H2-HT-0003 &&
  receipt $H2 记-001 2025-01-01 1000 $H2-HT-0004 &&
  receipt $H2 记-001 2026-01-01 1000 $H2-HT-0004
'

test_expect_success 'HT03: the lease ended 2024-12-31 and the shop is still 出租' '
  codes --year 2025 --village $H2 >actual &&
  echo "HT03|$H2-HT-0001" >expect &&
  test_cmp expect actual &&
  m=$(msg HT03 $H2-HT-0001 --year 2025 --village $H2) &&
  echo "$m" | grep -q "2024-12-31" &&
  echo "$m" | grep -q "$H2-ZC-0001" &&
  echo "$m" | grep -q 出租
'

test_expect_success 'HT03 as of today: the lease that ran to 2025-12-31 has ended too' '
  codes --year 2026 --village $H2 >actual &&
  printf "%s\n" "HT03|$H2-HT-0001" "HT03|$H2-HT-0002" >expect &&
  test_cmp expect actual
'

test_expect_success 'HT03 gone when the shop is back in use' '
  sanzi asset edit $H2-ZC-0001 status=闲置 >/dev/null &&
  none --year 2025 --village $H2 &&
  codes --year 2026 --village $H2 >actual &&
  echo "HT03|$H2-HT-0002" >expect &&
  test_cmp expect actual
'

# ==== funds ====

test_expect_success 'setup H3, H4: cash of 5,000.01 in two cash boxes; 5,000.00 in one' '
  # H3: ZH-0001 cash 3,000.00 + ZH-0002 cash 1,000.00 + 1,000.01 received
  #   2025-06-01 = 5,000.01 at 2025-12-31 (the bank'\''s 100,000.00 is not
  #   cash); 1,000.00 paid out of ZH-0001 on 2026-01-05: 4,000.01 after
  # H4: 4,000.00 + 1,000.00 = 5,000.00
  sanzi account add village=$H3 name=现金 kind=库存现金 opening_balance=3000 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi account add village=$H3 name=备用金 kind=库存现金 opening_balance=1000 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi account add village=$H3 name=农商行 kind=银行存款 opening_balance=100000 \
    opening_date=2024-01-01 >/dev/null &&
  entry $H3 $H3-ZH-0002 记-001 2025-06-01 收入 1000.01 其他收入 &&
  entry $H3 $H3-ZH-0001 记-001 2026-01-05 支出 1000 管理费用 &&
  sanzi account add village=$H4 name=现金 kind=库存现金 opening_balance=4000 \
    opening_date=2024-01-01 >/dev/null &&
  entry $H4 $H4-ZH-0001 记-001 2025-03-01 收入 1000 其他收入
'

test_expect_success 'ZJ01: the cash accounts together above 5,000.00' '
  fnd --year 2025 --village $H3 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^ZJ01|$H3|" actual | grep "5,000.01" | grep -q "5,000.00"
'

test_expect_success 'ZJ01: exactly 5,000.00 is no finding; nor 4,000.01 as of today' '
  none --year 2025 --village $H4 &&
  none --year 2026 --village $H3
'

test_expect_success 'ZJ01: the limit is cash_limit: 5,000.01 is not above 5,000.01' '
  sanzi config cash_limit 5000.01 >/dev/null &&
  none --year 2025 --village $H3 &&
  sanzi config cash_limit 5000 >/dev/null &&
  fnd --year 2025 --village $H3 | grep -q "^ZJ01|"
'

# ==== assets and resources ====

test_expect_success 'setup H5: zero values, buildings and land without 权证号' '
  # ZC-0001 其他 0.00, acquired 2025-06-01          -> ZC01
  # ZC-0002 其他 0.00, acquired 2026-01-10          -> not held at 2025-12-31
  # ZC-0003 房屋及建筑物, no 权证号                  -> ZC02
  # ZC-0004 土地, no 权证号                          -> ZC02
  # ZC-0005 机器设备, no 权证号                      -> none (not required)
  # ZC-0006 房屋及建筑物 with 权证号                 -> none
  # ZC-0007 房屋及建筑物, no 权证号, 报废 executed 2026-04-10: held at
  #   2025-12-31 -> ZC02 in 2025, not in 2026
  # ZY-0001 no 权证号 -> ZC02; ZY-0002 with 权证号 -> none
  asset $H5 捐赠农具 其他 0 2025-06-01 在用 >/dev/null &&
  asset $H5 捐赠桌椅 其他 0 2026-01-10 在用 >/dev/null &&
  asset $H5 村部 房屋及建筑物 80000 2020-01-01 在用 >/dev/null &&
  asset $H5 场院 土地 50000 2020-01-01 在用 >/dev/null &&
  asset $H5 水泵 机器设备 10000 2020-01-01 在用 >/dev/null &&
  asset $H5 库房 房屋及建筑物 60000 2020-01-01 在用 certificate=武房2020第0501号 >/dev/null &&
  asset $H5 危房 房屋及建筑物 30000 2005-01-01 闲置 >/dev/null &&
  land $H5 东坡地 15 未利用 >/dev/null &&
  land $H5 西坡地 15 未利用 certificate=武集用2019第0501号 >/dev/null &&
  sanzi disposal new village=$H5 type=报废 objects=$H5-ZC-0007 reason=危房 \
    method=公开竞价 date=2026-03-10 >/dev/null &&
  proc $H5-CZ-0001 2026 &&
  sanzi disposal execute $H5-CZ-0001 --date 2026-04-10 --party 回收站 --price 50 >/dev/null &&
  result $H5-CZ-0001 2026-04-11 2026-04-17 &&
  test "$(obj_status $H5-ZC-0007)" = 已处置
'

test_expect_success 'ZC01, ZC02 at 2025-12-31: what was held then' '
  codes --year 2025 --village $H5 >actual &&
  printf "%s\n" "ZC01|$H5-ZC-0001" "ZC02|$H5-ZC-0003" "ZC02|$H5-ZC-0004" \
    "ZC02|$H5-ZC-0007" "ZC02|$H5-ZY-0001" >expect &&
  test_cmp expect actual &&
  msg ZC01 $H5-ZC-0001 --year 2025 --village $H5 | grep -q "0.00"
'

test_expect_success 'ZC01, ZC02 as of today: the 2026 gift counted, the building gone' '
  codes --year 2026 --village $H5 >actual &&
  printf "%s\n" "ZC01|$H5-ZC-0001" "ZC01|$H5-ZC-0002" "ZC02|$H5-ZC-0003" \
    "ZC02|$H5-ZC-0004" "ZC02|$H5-ZY-0001" >expect &&
  test_cmp expect actual &&
  tail -n 1 fnd.err >actual &&
  echo "5 findings as of $TODAY" >expect &&
  test_cmp expect actual
'

test_expect_success 'ZC01, ZC02 gone once corrected: a value, the certificates' '
  sanzi asset edit $H5-ZC-0001 original_value=100 >/dev/null &&
  sanzi asset edit $H5-ZC-0003 certificate=武房2020第0502号 >/dev/null &&
  sanzi asset edit $H5-ZC-0004 certificate=武集用2020第0503号 >/dev/null &&
  sanzi resource edit $H5-ZY-0001 certificate=武集用2019第0504号 >/dev/null &&
  codes --year 2025 --village $H5 >actual &&
  echo "ZC02|$H5-ZC-0007" >expect &&
  test_cmp expect actual
'

test_expect_success 'setup H6, H7: one certificate number written three ways' '
  # H6-ZC-0001 "WC-FC 2019 0001", H6-ZC-0002 "wc-fc20190001", H7-ZY-0001
  # "Wc-Fc 2019 0001": the same without spaces and case; H6-ZC-0003
  # "WC-FC 2019 0002" differs
  asset $H6 村部 房屋及建筑物 80000 2020-01-01 在用 "certificate=WC-FC 2019 0001" >/dev/null &&
  asset $H6 库房 房屋及建筑物 80000 2020-01-01 在用 certificate=wc-fc20190001 >/dev/null &&
  asset $H6 门市 房屋及建筑物 80000 2020-01-01 在用 "certificate=WC-FC 2019 0002" >/dev/null &&
  land $H7 南梁地 20 未利用 "certificate=Wc-Fc 2019 0001" >/dev/null
'

test_expect_success 'ZC03: each record of a duplicate certificate, naming the others' '
  fnd --year 2025 --village $H6 >actual &&
  test $(wc -l <actual) = 2 &&
  grep "^ZC03|$H6|$H6-ZC-0001|" actual | grep "$H6-ZC-0002" | grep -q "$H7-ZY-0001" &&
  grep "^ZC03|$H6|$H6-ZC-0002|" actual | grep "$H6-ZC-0001" | grep -q "$H7-ZY-0001" &&
  fnd --year 2025 --village $H7 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^ZC03|$H7|$H7-ZY-0001|" actual | grep "$H6-ZC-0001" | grep -q "$H6-ZC-0002"
'

test_expect_success 'ZC03 gone as the numbers are corrected' '
  sanzi asset edit $H6-ZC-0002 "certificate=WC-FC 2019 0003" >/dev/null &&
  fnd --year 2025 --village $H6 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^ZC03|$H6|$H6-ZC-0001|" actual | grep "$H7-ZY-0001" | grep -vq "$H6-ZC-0002" &&
  sanzi resource edit $H7-ZY-0001 "certificate=WC-TD 2019 0001" >/dev/null &&
  none --year 2025 --village $H6 &&
  none --year 2025 --village $H7
'

# ==== the interest subsidy ====

test_expect_success 'setup H8: two loans, their interest paid in 2025, two applications publicised 7 days' '
  # DK-0001: LX-0001 1,800.00 paid 2025-07-01, voucher 记-050 -> TX-0001
  # DK-0002: LX-0002 900.00 paid 2025-07-01, voucher 记-060 -> TX-0002
  # in the books: a 支出 记-050 of 1,800.00 dated 2024 (another year), and
  # one dated 2025 in H7 (another village): neither backs LX-0001
  bank $H8 >/dev/null &&
  bank $H7 >/dev/null &&
  sanzi program set --year 2025 >/dev/null &&
  sanzi loan add village=$H8 lender=信用社 contract_no=借-1 project=养殖 \
    principal=100000 rate=3.6 start_date=2025-01-01 maturity=2026-01-01 >/dev/null &&
  sanzi loan add village=$H8 lender=信用社 contract_no=借-2 project=种植 \
    principal=50000 rate=3.6 start_date=2025-01-01 maturity=2026-01-01 >/dev/null &&
  sanzi loan interest $H8-DK-0001 --from 2025-01-01 --to 2025-07-01 --paid 1800 \
    --paid-on 2025-07-01 --voucher 记-050 >/dev/null &&
  sanzi loan interest $H8-DK-0002 --from 2025-01-01 --to 2025-07-01 --paid 900 \
    --paid-on 2025-07-01 --voucher 记-060 >/dev/null &&
  sanzi subsidy apply --loan $H8-DK-0001 --year 2025 --date 2025-07-02 >app &&
  sanzi subsidy apply --loan $H8-DK-0002 --year 2025 --date 2025-07-02 >>app &&
  printf "%s\n" $H8-TX-0001 $H8-TX-0002 >expect &&
  test_cmp expect app &&
  for a in $H8-TX-0001 $H8-TX-0002; do
    sanzi subsidy review $a --decision 同意 --date 2025-07-03 >/dev/null &&
    sanzi subsidy publicize $a --from 2025-07-04 --to 2025-07-10 >/dev/null || return 1
  done &&
  # money in the accounts first: an account below zero is a finding (ZJ02)
  entry $H8 $H8-ZH-0001 记-900 2024-06-30 收入 5000 补助收入 &&
  entry $H7 $H7-ZH-0001 记-900 2024-06-30 收入 5000 补助收入 &&
  entry $H8 $H8-ZH-0001 记-050 2024-12-20 支出 1800 其他支出 &&
  entry $H7 $H7-ZH-0001 记-050 2025-07-01 支出 1800 其他支出
'

test_expect_success 'TX01: interest claimed with no 支出 under its voucher in the village and year' '
  fnd --year 2025 --village $H8 >actual &&
  test $(wc -l <actual) = 2 &&
  grep "^TX01|$H8|" actual | grep "$H8-LX-0001" | grep "记-050" | grep -q "1,800.00" &&
  grep "^TX01|$H8|" actual | grep "$H8-LX-0002" | grep "记-060" | grep -q "900.00"
'

test_expect_success 'TX01: a withdrawn application is not looked at' '
  sanzi subsidy withdraw $H8-TX-0002 --reason 重复申请 --date 2025-07-15 >/dev/null &&
  fnd --year 2025 --village $H8 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^TX01|$H8|" actual | grep -q "$H8-LX-0001" &&
  ! grep -q "$H8-LX-0002" actual
'

test_expect_success 'TX01: a 支出 of 1,500.00 under 记-050 is short of the 1,800.00 paid' '
  entry $H8 $H8-ZH-0001 记-050 2025-07-01 支出 1500 其他支出 &&
  fnd --year 2025 --village $H8 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^TX01|$H8|" actual | grep "$H8-LX-0001" | grep "1,500.00" | grep -q "1,800.00"
'

test_expect_success 'TX01 gone when the 支出 is the 1,800.00 paid' '
  sanzi fund edit $H8-2025-记-050 amount=1800 >/dev/null &&
  none --year 2025 --village $H8
'

test_expect_success 'CZ03: subsidy.publicity_days 10: the application'\''s 7 days of 公示 are short' '
  # 2025-07-04 .. 2025-07-10 = 7 days < 10; the withdrawn one is not looked at
  sanzi config subsidy.publicity_days 10 >/dev/null &&
  fnd --year 2025 --village $H8 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^CZ03|$H8|$H8-TX-0001|" actual | grep "2025-07-04" | grep "2025-07-10" |
    grep "\b7 day" | grep -q "\b10\b" &&
  sanzi config subsidy.publicity_days 7 >/dev/null &&
  none --year 2025 --village $H8
'

# ==== the whole list, the scope, the format ====

test_expect_success 'the clean village has no findings' '
  # H4: 5,000.00 cash, nothing else
  none --year 2025 --village $H4 &&
  none --year 2026 --village $H4
'

test_expect_success 'every finding of 2025 in order: by village, code, record; numbered from 1' '
  # what is left after the corrections above:
  #   B none (its 结果公开 began 12-31), C CZ02 x2, E CZ05, G CZ01 x3,
  #   H5 ZC02 (ZC-0007), H3 ZJ01
  sanzi audit findings --year 2025 --format csv >all.csv 2>err &&
  csv_pick 序号 代码 村代码 <all.csv >actual &&
  cat >expect <<-EOF &&
	1|CZ02|$C
	2|CZ02|$C
	3|CZ05|$E
	4|CZ01|$G
	5|CZ01|$G
	6|CZ01|$G
	7|ZJ01|$H3
	8|ZC02|$H5
	EOF
  test_cmp expect actual &&
  echo "8 findings as of 2025-12-31" >expect &&
  tail -n 1 err >actual &&
  test_cmp expect actual
'

test_expect_success 'the CSV quotes what needs it: every row has the header'\''s fields' '
  csv_pick 序号 代码 问题 村代码 村名称 记录 说明 <all.csv >rows &&
  ! grep -q "^BAD ROW\|^NO COLUMN" rows &&
  grep -q "^4|CZ01|处置程序不全|$G|乌兰忽洞村民委员会|$G-HT-0001|" rows &&
  grep -q "^7|ZJ01|库存现金超限|$H3|旧营子村民委员会|" rows &&
  grep -q "^3|CZ05|低于评估价成交|$E|三圣太村民委员会|$E-CZ-0001|" rows
'

test_expect_success '--township: only its villages; --village: only that one' '
  csv_pick 代码 村代码 记录 <all.csv >all &&
  fnd --year 2025 --township $T2 | cut -d"|" -f1-3 >actual &&
  grep "|$T2" all >expect &&
  test_cmp expect actual &&
  test $(wc -l <actual) = 2 &&
  fnd --year 2025 --township $T1 | cut -d"|" -f1-3 >actual &&
  grep "|$T1" all >expect &&
  test_cmp expect actual &&
  test $(wc -l <actual) = 6 &&
  codes --year 2025 --village $E >actual &&
  echo "CZ05|$E-CZ-0001" >expect &&
  test_cmp expect actual &&
  tail -n 1 fnd.err | grep -q "^1 finding.* as of 2025-12-31\$"
'

test_expect_success 'the table: the columns, numbered rows, the village names' '
  sanzi audit findings --year 2025 --village $G >out 2>err &&
  head -n 1 out | awk "{ s = \$1; for (i = 2; i <= NF; i++) s = s \"|\" \$i; print s }" >actual &&
  echo "序号|代码|问题|村代码|村名称|记录|说明" >expect &&
  test_cmp expect actual &&
  sed 1d out | awk "{ print \$1 \"|\" \$2 \"|\" \$3 \"|\" \$4 \"|\" \$5 \"|\" \$6 }" >actual &&
  cat >expect <<-EOF &&
	1|CZ01|处置程序不全|$G|乌兰忽洞村民委员会|$G-HT-0001
	2|CZ01|处置程序不全|$G|乌兰忽洞村民委员会|$G-HT-0002
	3|CZ01|处置程序不全|$G|乌兰忽洞村民委员会|$G-HT-0005
	EOF
  test_cmp expect actual &&
  echo "3 findings as of 2025-12-31" >expect &&
  tail -n 1 err >actual &&
  test_cmp expect actual
'

test_expect_success 'the year still running: as of today, said on stderr' '
  sanzi audit findings --year 2026 --format csv >out 2>err &&
  n=$(csv_pick 代码 <out | wc -l) &&
  echo "$n findings as of $TODAY" >expect &&
  tail -n 1 err >actual &&
  test_cmp expect actual &&
  test "${TODAY%%-*}" = 2026
'

# ==== legacy records the commands cannot make ====

test_expect_success 'CZ01: a filing executed without 决议公开, or without 同意 (records from an older system)' '
  # on a copy of the database: D-CZ-0001 loses its 决议公开, E-CZ-0002 its
  # 同意 (退回 recorded instead)
  cp "$SANZI_DB" legacy.db &&
  sqlite3 legacy.db "UPDATE disposal SET resolution_from = NULL,
    resolution_to = NULL, log_id = log_id + 1000000 WHERE code = '\''$D-CZ-0001'\'';
    UPDATE disposal SET review_decision = '\''退回'\'', log_id = log_id + 1000000
    WHERE code = '\''$E-CZ-0002'\''" &&
  SANZI_DB=$PWD/legacy.db sanzi audit findings --year 2025 --village $D \
    --format csv 2>/dev/null | csv_pick 代码 记录 说明 >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^CZ01|$D-CZ-0001|" actual | grep -q 决议公开 &&
  SANZI_DB=$PWD/legacy.db sanzi audit findings --year 2025 --village $E \
    --format csv 2>/dev/null | csv_pick 代码 记录 >actual &&
  printf "%s\n" "CZ01|$E-CZ-0002" "CZ05|$E-CZ-0001" >expect &&
  sort expect | test_cmp - actual
'

# ==== refusals and usage ====

test_expect_success 'a year not begun is refused (exit 1): 2027 while today is in 2026' '
  test "$(date +%Y)" = 2026 &&
  before=$(db_state) &&
  refused sanzi audit findings --year 2027 &&
  grep -q "year 2027" err &&
  refused sanzi audit findings --year 2027 --village $A --format csv &&
  grep -q "year 2027" err &&
  unchanged
'

test_expect_success 'a --year that is not a year is refused (exit 1); without one, a usage error (exit 2)' '
  before=$(db_state) &&
  refused sanzi audit findings --year 20x5 &&
  grep -q "20x5" err &&
  usage sanzi audit findings &&
  grep -q -- --year err &&
  usage sanzi audit findings --village $A &&
  usage sanzi audit findings --year &&
  unchanged
'

test_expect_success 'an unknown village or township is refused (exit 1)' '
  before=$(db_state) &&
  refused sanzi audit findings --year 2025 --village 150125101299 &&
  grep -q 150125101299 err &&
  refused sanzi audit findings --year 2025 --township 150125999 &&
  grep -q 150125999 err &&
  refused sanzi audit findings --year 2025 --village $T2 &&
  grep -q $T2 err &&
  unchanged
'

test_expect_success 'usage errors exit 2: both scopes, a bad --format, an unknown option, an argument' '
  before=$(db_state) &&
  usage sanzi audit findings --year 2025 --village $A --township $T1 &&
  usage sanzi audit findings --year 2025 --format xlsx &&
  grep -q xlsx err &&
  usage sanzi audit findings --year 2025 --bogus &&
  usage sanzi audit findings --year 2025 extra &&
  usage sanzi audit &&
  usage sanzi audit frobnicate --year 2025 &&
  sanzi audit findings --help >out &&
  grep -q "usage: sanzi audit findings --year Y" out &&
  unchanged
'

test_expect_success 'findings are read-only: nothing written, the change log verifies' '
  before=$(db_state) &&
  sanzi audit findings --year 2025 >/dev/null 2>&1 &&
  sanzi audit findings --year 2026 --format csv >/dev/null 2>&1 &&
  sanzi audit findings --year 2024 --township $T1 >/dev/null 2>&1 &&
  sanzi audit findings --year 2025 --village $H5 >/dev/null 2>&1 &&
  unchanged &&
  sanzi log verify >out &&
  test -s out
'

test_done
