#!/bin/sh
# Rules that speak at entry. A 出租/发包/入股 contract signed on or after
# parameter registry.start (default 2025-01-01) names a filing the township
# approved, or is refused unless --without-filing, which records it with a
# warning (and the audit's CZ01 still flags it); earlier contracts are
# existing ones. A 支出 that takes its account below zero on its date
# warns; the audit reports every account and day below zero as ZJ02.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"

A1=$V1-ZH-0001
fixed_day 2026-03-01

lease() {
  # lease KEY=VALUE...: a one-year 出租 of the shop to 张三
  add_to contract "village=$V1 kind=出租 object=$V1-ZC-0001 party=张三
    party_id=$ID2 party_is_member=是 start_date=2025-05-01
    end_date=2026-04-30 annual_amount=1200 payment=年付
    first_due=2025-05-01" "$@"
}

test_expect_success 'setup: a shop, land and a cash account of 福如东村' '
  setup_county &&
  sanzi asset add village=$V1 name=门市 category=房屋及建筑物 nature=经营性 \
    original_value=50000 acquired_via=自建 acquired_on=2020-02-10 status=闲置 >/dev/null &&
  sanzi asset add village=$V1 name=仓库 category=房屋及建筑物 nature=经营性 \
    original_value=80000 acquired_via=自建 acquired_on=2020-02-10 status=闲置 >/dev/null &&
  sanzi resource add village=$V1 name=村北旱地 land_class=0103 area=10 \
    status=未利用 >/dev/null &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2025-01-01 >/dev/null
'

test_expect_success 'registry.start is a parameter: 2025-01-01, a date' '
  sanzi config registry.start >out &&
  grep -q "^registry.start	2025-01-01	" out &&
  before=$(db_state) &&
  test_must_fail 1 sanzi config registry.start 2025-02-30 2>err &&
  grep -F "registry.start: '\''2025-02-30'\''" err &&
  unchanged
'

test_expect_success 'a lease signed after registry.start without a filing is refused' '
  before=$(db_state) &&
  refused lease signed_on=2025-04-20 &&
  grep -F "处置申报编号: a 出租 contract signed on 2025-04-20 (on or after registry.start 2025-01-01) needs a disposal filing the township approved" err &&
  # without 签订日期, its start counts; 发包 and 入股 the same
  refused lease &&
  grep -F "signed on 2025-05-01 (on or after registry.start 2025-01-01)" err &&
  refused lease kind=发包 object=$V1-ZY-0001 &&
  grep -F "a 发包 contract signed on 2025-05-01" err &&
  refused lease kind=入股 &&
  grep -F "a 入股 contract signed on 2025-05-01" err &&
  unchanged
'

test_expect_success 'on registry.start itself the rule holds; the day before it does not' '
  before=$(db_state) &&
  refused lease signed_on=2025-01-01 start_date=2025-01-01 first_due=2025-01-01 &&
  grep -F "signed on 2025-01-01 (on or after registry.start" err &&
  unchanged &&
  lease signed_on=2024-12-31 start_date=2024-12-31 end_date=2025-04-30 \
    first_due=2024-12-31 >code 2>err &&
  echo $V1-HT-0001 >expect && test_cmp expect code &&
  ! test -s err
'

test_expect_success 'registry.start set later: the contract of before it is an existing one' '
  sanzi config registry.start 2025-06-01 >/dev/null &&
  lease kind=其他 >/dev/null 2>&1 &&
  lease object=$V1-ZY-0001 kind=发包 >code 2>err &&
  echo $V1-HT-0003 >expect && test_cmp expect code &&
  ! test -s err &&
  sanzi config registry.start 2025-01-01 >/dev/null
'

test_expect_success 'a 其他 contract needs no filing' '
  sql "SELECT kind FROM contract WHERE code = '\''$V1-HT-0002'\''" >actual &&
  echo 其他 >expect && test_cmp expect actual
'

test_expect_success '--without-filing records it, warns, and CZ01 flags it' '
  sanzi contract add --without-filing village=$V1 kind=出租 object=$V1-ZC-0002 \
    party=李四 party_id=$ID1 start_date=2025-07-01 end_date=2026-06-30 \
    annual_amount=1000 payment=年付 first_due=2025-07-01 signed_on=2025-06-20 \
    >code 2>err &&
  echo $V1-HT-0004 >expect && test_cmp expect code &&
  grep -F "sanzi: warning: 处置申报编号: a 出租 contract signed on 2025-06-20 is recorded without a disposal filing the township approved (--without-filing): the audit flags it as CZ01" err &&
  sanzi audit findings --year 2025 --village $V1 --format csv >f.csv &&
  csv_pick 代码 记录 <f.csv | grep -qx "CZ01|$V1-HT-0004"
'

test_expect_success '--without-filing on import: every such row warns, with its row' '
  printf "%s\n" 村代码,合同类型,标的编号,对方名称,对方证件号,起始日期,终止日期,年金额,付款方式,首次应付日期 \
    "$V1,出租,$V1-ZC-0001,王五,$ID2,2027-01-01,2027-12-31,900,年付,2027-01-01" >c.csv &&
  before=$(db_state) &&
  refused sanzi contract import c.csv &&
  grep -F "c.csv:2: 处置申报编号: a 出租 contract signed on 2027-01-01" err &&
  unchanged &&
  sanzi contract import --without-filing c.csv 2>err &&
  grep -F "sanzi: warning: c.csv:2: 处置申报编号: a 出租 contract signed on 2027-01-01 is recorded without" err
'

test_expect_success '--without-filing is for contracts only' '
  test_must_fail 2 sanzi asset add --without-filing village=$V1 name=x 2>err
'

test_expect_success 'a lease naming the filing the township approved goes in without a word' '
  sanzi disposal new village=$V1 type=出租 objects=$V1-ZY-0001 reason=对外出租 \
    method=公开竞价 price=800 date=2025-03-10 >filing &&
  F=$(cat filing) &&
  procedure $F &&
  review $F --decision 同意 --date 2025-03-28 >/dev/null &&
  lease object=$V1-ZY-0001 start_date=2028-01-01 end_date=2028-12-31 \
    first_due=2028-01-01 signed_on=2025-04-01 disposal=$F >code 2>err &&
  ! test -s err &&
  sanzi disposal execute $F --date 2025-04-02 --party 张三 --price 1200 \
    --contract $(cat code) >/dev/null 2>&1
'

test_expect_success 'a filing not yet approved is not enough' '
  sanzi disposal new village=$V1 type=出租 objects=$V1-ZC-0001 reason=再出租 \
    method=公开竞价 price=800 date=2025-03-10 >filing2 &&
  before=$(db_state) &&
  refused lease start_date=2029-01-01 end_date=2029-12-31 first_due=2029-01-01 \
    disposal=$(cat filing2) &&
  grep -F "needs a disposal filing the township approved" err &&
  unchanged
'

test_expect_success 'a 支出 that takes the account below zero warns, naming the balance' '
  sanzi fund add village=$V1 account=$A1 voucher=记-001 date=2025-03-01 \
    direction=支出 amount=600 category=管理费用 summary=办公 >/dev/null 2>err &&
  ! test -s err &&
  # 1,000.00 - 600.00 - 730.00 = -330.00
  sanzi fund add village=$V1 account=$A1 voucher=记-002 date=2025-03-02 \
    direction=支出 amount=730 category=管理费用 summary=办公 >code 2>err &&
  echo $V1-2025-记-002 >expect && test_cmp expect code &&
  echo "sanzi: warning: 金额: account $A1 is below zero at the end of 2025-03-02: its balance is -330.00" >expect &&
  test_cmp expect err
'

test_expect_success 'an entry dated before a later one counts on its own day only' '
  # 2025-03-01: 1,000.00 - 600.00 - 300.00 = 100.00: no warning that day
  sanzi fund add village=$V1 account=$A1 voucher=记-003 date=2025-03-01 \
    direction=支出 amount=300 category=管理费用 summary=办公 >/dev/null 2>err &&
  ! test -s err &&
  # a receipt never warns
  sanzi fund add village=$V1 account=$A1 voucher=记-004 date=2025-03-05 \
    direction=收入 amount=1300 category=经营收入 summary=租金 >/dev/null 2>err &&
  ! test -s err
'

test_expect_success 'an import warns for each row that goes below zero' '
  printf "%s\n" 凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,摘要 \
    "记-010,$V1,2025-04-01,$A1,支出,500,管理费用,x" \
    "记-011,$V1,2025-04-02,$A1,支出,1000,管理费用,x" >f.csv &&
  sanzi fund import f.csv 2>err &&
  # balance 2025-03-05: 100.00 - 730.00 + 1,300.00 = 670.00; then 170.00, -830.00
  grep -F "sanzi: warning: f.csv:3: 金额: account $A1 is below zero at the end of 2025-04-02: its balance is -830.00" err &&
  test "$(grep -c warning err)" = 1
'

test_expect_success 'the audit: ZJ02 for every account and day below zero' '
  sanzi fund add village=$V1 account=$A1 voucher=记-012 date=2025-04-20 \
    direction=支出 amount=10 category=管理费用 summary=x >/dev/null 2>&1 &&
  sanzi fund add village=$V1 account=$A1 voucher=记-013 date=2025-05-01 \
    direction=收入 amount=2000 category=经营收入 summary=x >/dev/null 2>&1 &&
  sanzi audit findings --year 2025 --village $V1 --format csv >f.csv &&
  csv_pick 代码 问题 记录 <f.csv | grep "^ZJ02" >actual &&
  printf "%s\n" "ZJ02|账户余额为负|$A1" "ZJ02|账户余额为负|$A1" "ZJ02|账户余额为负|$A1" >expect &&
  test_cmp expect actual &&
  sanzi --lang en audit findings --year 2025 --village $V1 >t.txt &&
  # 记-003 of 2025-03-01 came later: 1,000.00 - 600.00 - 300.00 - 730.00
  grep -F "balance -630.00 at the end of 2025-03-02" t.txt &&
  grep -F "balance -830.00 at the end of 2025-04-02" t.txt &&
  grep -F "balance -840.00 at the end of 2025-04-20" t.txt &&
  ! grep -F "2025-05-01" t.txt | grep -q ZJ02
'

test_done
