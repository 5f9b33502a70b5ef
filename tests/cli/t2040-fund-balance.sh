#!/bin/sh
# sanzi fund balance: per account and village, closing = opening + income
# - expense over the entries dated on or before --as-of; accounts opened
# after that date are not shown; a 库存现金 account above the cash limit
# is flagged with the limit. Every expected figure is worked out by hand
# below from the entries this script adds.
. "$(dirname "$0")/lib.sh"

H1=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101
H2=150125101202   # 八股地村民委员会, 哈乐镇
D1=150125200201   # 井尔沟村民委员会, 大青山乡 150125200


# balances ARGS...: `fund balance --format csv ARGS`, the account rows as
# account|opening|income|expense|closing (rows that cannot be read kept).
balances() {
  sanzi fund balance --format csv "$@" >bal.csv &&
  LOOSE=1 csv_pick 村代码 账户编号 期初余额 收入 支出 余额 <bal.csv >bal.all &&
  awk -F'|' '$2 != "" || $0 ~ /^(BAD|NO) / {
    if ($0 ~ /^(BAD|NO) /) print; else print $2 "|" $3 "|" $4 "|" $5 "|" $6 }' bal.all
}

# village_totals ARGS...: the per-village total rows, village|opening|
# income|expense|closing (a row with a village and no account).
village_totals() {
  sanzi fund balance --format csv "$@" >bal.csv &&
  LOOSE=1 csv_pick 村代码 账户编号 期初余额 收入 支出 余额 <bal.csv |
  awk -F'|' '$1 != "" && $2 == "" { print $1 "|" $3 "|" $4 "|" $5 "|" $6 }'
}

# flags ARGS...: account|提示 for every account row.
flags() {
  sanzi fund balance --format csv "$@" >bal.csv &&
  LOOSE=1 csv_pick 账户编号 提示 <bal.csv | awk -F'|' '$1 != ""'
}

entry() {
  # entry VILLAGE ACCOUNT VOUCHER DATE DIRECTION AMOUNT CATEGORY
  sanzi fund add village=$1 account=$2 voucher=$3 date=$4 direction=$5 \
    amount=$6 category=$7 summary=测试 >/dev/null
}

test_expect_success 'setup: accounts and entries in three villages' '
  setup_county &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=3000 \
    opening_date=2024-01-01 >codes &&
  sanzi account add village=$H1 name=农商行 kind=银行存款 opening_balance=50000 \
    opening_date=2024-01-01 >>codes &&
  sanzi account add village=$H2 name=现金 kind=库存现金 opening_balance=4999.99 \
    opening_date=2024-01-01 >>codes &&
  sanzi account add village=$D1 name=现金 kind=库存现金 opening_balance=200 \
    opening_date=2024-01-01 >>codes &&
  sanzi account add village=$D1 name=信用社 kind=银行存款 opening_balance=10000 \
    opening_date=2024-07-01 >>codes &&
  printf "%s\n" $H1-ZH-0001 $H1-ZH-0002 $H2-ZH-0001 $D1-ZH-0001 $D1-ZH-0002 >expect &&
  test_cmp expect codes &&
  entry $H1 $H1-ZH-0001 1 2024-01-10 收入 2500 经营收入 &&
  entry $H1 $H1-ZH-0001 2 2024-03-15 支出 499.50 管理费用 &&
  entry $H1 $H1-ZH-0001 3 2024-06-30 支出 1000 公益支出 &&
  entry $H1 $H1-ZH-0001 4 2024-07-01 收入 10000 补助收入 &&
  entry $H1 $H1-ZH-0002 5 2024-02-01 收入 20000 补助收入 &&
  entry $H1 $H1-ZH-0002 6 2024-05-20 支出 12345.67 购建资产 &&
  entry $H1 $H1-ZH-0002 7 2024-08-01 支出 1000 经营支出 &&
  entry $H2 $H2-ZH-0001 1 2024-04-01 收入 0.01 其他收入 &&
  entry $H2 $H2-ZH-0001 2 2024-09-01 收入 0.01 其他收入 &&
  entry $D1 $D1-ZH-0001 1 2024-05-05 收入 7000 经营收入 &&
  entry $D1 $D1-ZH-0002 2 2024-07-02 收入 500 其他收入 &&
  test "$(sqlite3 "$SANZI_DB" "SELECT count(*) FROM fund")" = 11
'

test_expect_success 'as of 2024-06-30: entries after the date excluded, the late account not shown' '
  # H1 cash: 3,000.00 + 2,500.00 - (499.50 + 1,000.00) = 4,000.50
  #   (the 06-30 expense counts: on the date; the 07-01 income does not)
  # H1 bank: 50,000.00 + 20,000.00 - 12,345.67 = 57,654.33
  # H2 cash: 4,999.99 + 0.01 = 5,000.00
  # D1 cash: 200.00 + 7,000.00 = 7,200.00
  # D1 bank: opened 2024-07-01, after the date: not shown
  balances --as-of 2024-06-30 >actual &&
  cat >expect <<-EOF &&
	$H1-ZH-0001|3000.00|2500.00|1499.50|4000.50
	$H1-ZH-0002|50000.00|20000.00|12345.67|57654.33
	$H2-ZH-0001|4999.99|0.01|0.00|5000.00
	$D1-ZH-0001|200.00|7000.00|0.00|7200.00
	EOF
  test_cmp expect actual
'

test_expect_success 'as of 2024-06-30: a total per village' '
  # H1: opening 53,000.00, income 22,500.00, expense 13,845.17,
  #     closing 61,654.83 (= 4,000.50 + 57,654.33)
  village_totals --as-of 2024-06-30 >actual &&
  cat >expect <<-EOF &&
	$H1|53000.00|22500.00|13845.17|61654.83
	$H2|4999.99|0.01|0.00|5000.00
	$D1|200.00|7000.00|0.00|7200.00
	EOF
  test_cmp expect actual
'

test_expect_success 'as of 2024-07-01: the account opened that day is shown, later entries not' '
  # H1 cash: 4,000.50 + 10,000.00 = 14,000.50; D1 bank: 10,000.00 (the
  # 07-02 entry is after the date)
  balances --as-of 2024-07-01 >actual &&
  cat >expect <<-EOF &&
	$H1-ZH-0001|3000.00|12500.00|1499.50|14000.50
	$H1-ZH-0002|50000.00|20000.00|12345.67|57654.33
	$H2-ZH-0001|4999.99|0.01|0.00|5000.00
	$D1-ZH-0001|200.00|7000.00|0.00|7200.00
	$D1-ZH-0002|10000.00|0.00|0.00|10000.00
	EOF
  test_cmp expect actual
'

test_expect_success 'as of 2024-12-31: every entry' '
  # H1 bank: 50,000.00 + 20,000.00 - (12,345.67 + 1,000.00) = 56,654.33
  # H2 cash: 4,999.99 + 0.02 = 5,000.01; D1 bank: 10,000.00 + 500.00
  balances --as-of 2024-12-31 >actual &&
  cat >expect <<-EOF &&
	$H1-ZH-0001|3000.00|12500.00|1499.50|14000.50
	$H1-ZH-0002|50000.00|20000.00|13345.67|56654.33
	$H2-ZH-0001|4999.99|0.02|0.00|5000.01
	$D1-ZH-0001|200.00|7000.00|0.00|7200.00
	$D1-ZH-0002|10000.00|500.00|0.00|10500.00
	EOF
  test_cmp expect actual &&
  village_totals --as-of 2024-12-31 >actual &&
  cat >expect <<-EOF &&
	$H1|53000.00|32500.00|14845.17|70654.83
	$H2|4999.99|0.02|0.00|5000.01
	$D1|10200.00|7500.00|0.00|17700.00
	EOF
  test_cmp expect actual
'

test_expect_success 'as of a date before every account: nothing' '
  balances --as-of 2023-12-31 >actual &&
  ! test -s actual
'

test_expect_success 'without --as-of: today, so every (past) entry counts' '
  balances >actual &&
  grep -q "^$H1-ZH-0001|3000.00|12500.00|1499.50|14000.50\$" actual &&
  grep -q "^$D1-ZH-0002|10000.00|500.00|0.00|10500.00\$" actual
'

test_expect_success 'the as-of date may be written as a clerk writes it' '
  balances --as-of 2024年6月30日 >actual &&
  grep -q "^$H1-ZH-0001|3000.00|2500.00|1499.50|4000.50\$" actual
'

test_expect_success '--village: that village only' '
  balances --as-of 2024-06-30 --village $H1 >actual &&
  cat >expect <<-EOF &&
	$H1-ZH-0001|3000.00|2500.00|1499.50|4000.50
	$H1-ZH-0002|50000.00|20000.00|12345.67|57654.33
	EOF
  test_cmp expect actual
'

test_expect_success '--township: the villages of that township only' '
  balances --as-of 2024-12-31 --township 150125101 >actual &&
  cat >expect <<-EOF &&
	$H1-ZH-0001|3000.00|12500.00|1499.50|14000.50
	$H1-ZH-0002|50000.00|20000.00|13345.67|56654.33
	$H2-ZH-0001|4999.99|0.02|0.00|5000.01
	EOF
  test_cmp expect actual &&
  balances --as-of 2024-12-31 --township 150125200 >actual &&
  cat >expect <<-EOF &&
	$D1-ZH-0001|200.00|7000.00|0.00|7200.00
	$D1-ZH-0002|10000.00|500.00|0.00|10500.00
	EOF
  test_cmp expect actual
'

test_expect_success '--township with the county code: every village' '
  balances --as-of 2024-12-31 --township 150125 >actual &&
  test "$(wc -l <actual)" = 5
'

test_expect_success '--account: that account only' '
  balances --as-of 2024-12-31 --account $H1-ZH-0002 >actual &&
  echo "$H1-ZH-0002|50000.00|20000.00|13345.67|56654.33" >expect &&
  test_cmp expect actual
'

test_expect_success 'the table shows the same figures with thousands separators' '
  sanzi fund balance --as-of 2024-06-30 --village $H1 >out &&
  grep "$H1-ZH-0002" out | grep -q "57,654\.33" &&
  grep "$H1-ZH-0001" out | grep -q "4,000\.50"
'

# ---- the cash-on-hand limit ----

test_expect_success 'cash above the limit (5,000.00) is flagged, with the limit' '
  # as of 2024-06-30: D1 cash 7,200.00 > 5,000.00: flagged;
  # H2 cash 5,000.00 exactly: not flagged; H1 cash 4,000.50: not flagged.
  flags --as-of 2024-06-30 >actual &&
  grep "^$D1-ZH-0001|" actual | grep -q "5,\{0,1\}000\.00" &&
  grep -q "^$H2-ZH-0001|\$" actual &&
  grep -q "^$H1-ZH-0001|\$" actual
'

test_expect_success '--format csv is well-formed CSV, flagged rows too' '
  # A message holding a comma ("5,000.00") must be quoted, or a
  # spreadsheet shifts it into a column of its own.
  sanzi fund balance --format csv --as-of 2024-12-31 >bal.csv 2>err &&
  csv_pick 账户编号 提示 <bal.csv >actual &&
  ! grep -q "^BAD ROW" actual &&
  grep "^$D1-ZH-0001|" actual | grep -q "5,\{0,1\}000\.00"
'

test_expect_success 'the flag shows in the table too, with the limit' '
  sanzi fund balance --as-of 2024-06-30 --village $D1 >out &&
  grep "$D1-ZH-0001" out | grep -q "5,\{0,1\}000\.00"
'

test_expect_success 'a bank account is never flagged for the cash limit' '
  # H1 bank holds 57,654.33, far above 5,000.00
  flags --as-of 2024-06-30 >actual &&
  grep -q "^$H1-ZH-0002|\$" actual
'

test_expect_success 'one fen above the limit is flagged' '
  # as of 2024-12-31 H2 cash is 5,000.01
  flags --as-of 2024-12-31 >actual &&
  grep "^$H2-ZH-0001|" actual | grep -q "5,\{0,1\}000\.00" &&
  grep "^$H1-ZH-0001|" actual | grep -q "5,\{0,1\}000\.00"
'

test_expect_success 'a refused or read-only command changes nothing' '
  before=$(db_state) &&
  sanzi fund balance --as-of 2024-12-31 >/dev/null 2>&1 &&
  test "$(db_state)" = "$before"
'

test_expect_success 'config cash_limit 8000: 7,200.00 no longer flagged, 14,000.50 is' '
  sanzi config cash_limit 8000 >/dev/null &&
  flags --as-of 2024-06-30 >actual &&
  grep -q "^$D1-ZH-0001|\$" actual &&
  flags --as-of 2024-12-31 >actual &&
  grep "^$H1-ZH-0001|" actual | grep -q "8,\{0,1\}000\.00" &&
  grep -q "^$H2-ZH-0001|\$" actual
'

test_expect_success 'the limit itself is allowed: 7,200.00 with a limit of 7,200.00' '
  sanzi config cash_limit 7200 >/dev/null &&
  flags --as-of 2024-06-30 >actual &&
  grep -q "^$D1-ZH-0001|\$" actual &&
  sanzi config cash_limit 7199.99 >/dev/null &&
  flags --as-of 2024-06-30 >actual &&
  grep "^$D1-ZH-0001|" actual | grep -q "7,\{0,1\}199\.99"
'

# ---- refused and usage errors ----

test_expect_success 'an unknown village, township or account is refused' '
  before=$(db_state) &&
  test_must_fail 1 sanzi fund balance --village 150125101299 >out 2>err &&
  grep -q 150125101299 err &&
  test_must_fail 1 sanzi fund balance --township 150125199 >out 2>err &&
  grep -q 150125199 err &&
  test_must_fail 1 sanzi fund balance --account NO-SUCH >out 2>err &&
  grep -q NO-SUCH err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'an impossible --as-of date is refused' '
  test_must_fail 1 sanzi fund balance --as-of 2024-02-30 >out 2>err &&
  grep -q 2024-02-30 err
'

test_expect_success 'fund balance usage errors exit 2' '
  test_must_fail 2 sanzi fund balance --bogus 2>err &&
  test_must_fail 2 sanzi fund balance extra 2>err &&
  test_must_fail 2 sanzi fund balance --as-of 2>err &&
  test_must_fail 2 sanzi fund balance --format xml 2>err &&
  test_must_fail 2 sanzi fund balance --village $H1 --township 150125101 2>err
'

test_expect_success 'fund balance --help: usage, exit 0' '
  sanzi fund balance --help >out &&
  grep -q usage out
'

test_done
