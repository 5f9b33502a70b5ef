#!/bin/sh
# In Chinese (--lang zh): what reversal, closing, the rules at entry and
# the log say, in the domain's terms, with no English word but commands,
# options and codes. The texts are worked out by hand from the catalog.
. "$(dirname "$0")/lib.sh"

H1=150125101201
A1=$H1-ZH-0001
fixed_day 2026-02-01
zh() { sanzi --lang zh "$@"; }

test_expect_success 'setup: an account, two entries, a grassland' '
  setup_county &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=100 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-001 date=2025-02-10 \
    direction=收入 amount=500 category=经营收入 summary=租金 >/dev/null &&
  sanzi resource add village=$H1 name=草场 land_class=0401 area=100 \
    status=未利用 >/dev/null
'

test_expect_success 'a 支出 below zero: the warning in Chinese' '
  zh fund add village=$H1 account=$A1 voucher=记-002 date=2025-02-12 \
    direction=支出 amount=630 category=管理费用 summary=办公 >/dev/null 2>err &&
  echo "sanzi：警告：金额: 账户 $A1 在 2025-02-12 日终余额为负：-30.00" >expect &&
  test_cmp expect err
'

test_expect_success 'reversal: a second one refused, and an edit of the reversed entry' '
  zh fund reverse $H1-2025-记-001 --date 2025-03-01 --reason 记错 >/dev/null 2>&1 &&
  before=$(db_state) &&
  test_must_fail 1 zh fund reverse $H1-2025-记-001 --date 2025-03-01 --reason x 2>err &&
  echo "sanzi: $H1-2025-记-001 已由 $H1-2025-冲记-001 冲销：每笔收支只能冲销一次" >expect &&
  test_cmp expect err &&
  test_must_fail 1 zh fund edit $H1-2025-记-001 summary=改 2>err &&
  grep -F "$H1-2025-记-001 已由 $H1-2025-冲记-001 冲销：不能修改；请重新录入正确的收支" err &&
  unchanged
'

test_expect_success 'closing out of order and an entry into a closed month' '
  zh fund close --village $H1 --month 2025-02 2>err &&
  echo "2025-02：已为 1 个村结账" >expect && test_cmp expect err &&
  before=$(db_state) &&
  test_must_fail 1 zh fund close --village $H1 --month 2025-04 2>err &&
  echo "sanzi: $H1：账目已结到 2025-02：须按月依次结账，下一个是 2025-03" >expect &&
  test_cmp expect err &&
  test_must_fail 1 zh fund add village=$H1 account=$A1 voucher=记-003 \
    date=2025-02-20 direction=收入 amount=5 category=经营收入 summary=x 2>err &&
  grep -F "村 $H1 的 2025-02 已结账：请在未结账的月份用红字冲销更正（sanzi fund reverse）" err &&
  test_must_fail 1 zh fund reopen --village $H1 --month 2025-02 --reason 漏记 2>err &&
  echo "sanzi: $H1：2025-02 由 tester 结账，须由其他用户反结账" >expect &&
  test_cmp expect err &&
  unchanged
'

test_expect_success 'a lease without its filing: refused, then recorded with a warning' '
  before=$(db_state) &&
  test_must_fail 1 zh contract add village=$H1 kind=发包 object=$H1-ZY-0001 \
    party=张三 party_id=150125199003070028 start_date=2025-03-01 \
    end_date=2026-02-28 annual_amount=800 payment=年付 first_due=2025-03-01 2>err &&
  grep -F "2025-03-01 签订的发包合同（在启用日期 registry.start 2025-01-01 当日或之后）须有乡镇审核同意的处置申报" err &&
  unchanged &&
  zh contract add --without-filing village=$H1 kind=发包 object=$H1-ZY-0001 \
    party=张三 party_id=150125199003070028 start_date=2025-03-01 \
    end_date=2026-02-28 annual_amount=800 payment=年付 first_due=2025-03-01 \
    >/dev/null 2>err &&
  grep -F "sanzi：警告：处置申报编号: 2025-03-01 签订的发包合同未经乡镇审核同意的处置申报即登记（--without-filing）：审计时列为 CZ01" err
'

test_expect_success 'the findings ZJ02 and ZJ03 in Chinese' '
  zh audit findings --year 2025 --village $H1 --format csv >f.csv &&
  csv_pick 代码 问题 说明 <f.csv | grep "^ZJ0" >actual &&
  printf "%s\n" "ZJ02|账户余额为负|2025-02-12 日终余额为 -30.00" \
    "ZJ02|账户余额为负|2025-03-01 日终余额为 -530.00" \
    "ZJ03|年末未结账|2025-12 未结账；账目只结到 2025-02" >expect &&
  test_cmp expect actual
'

test_expect_success 'what was said has no English word but commands, options and codes' '
  {
    zh fund reverse --help
    zh fund close --help
    zh fund reopen --help
    zh log --key $H1-2025-记-002
    zh audit findings --year 2025 --village $H1
  } >all.txt 2>&1 &&
  english_words all.txt "tester|registry|start|CZ|ZJ" >words &&
  test_cmp /dev/null words
'

test_done
