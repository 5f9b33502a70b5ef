#!/bin/sh
# sanzi classify: each village's operating income of the year (doc/domain.md
# "Village classification": its 经营收入 + 投资收益 fund entries, 收入,
# dated in the year up to the reference date) and its band: none ->
# 空白村, below classify.weak_below (50,000.00) -> 薄弱村, below
# classify.general_below (100,000.00) -> 一般村, else 较强村; the year
# before (shown only when the village kept books by its end) and the move
# between the bands (空白村 < 薄弱村 < 一般村 < 较强村). Every expected
# figure is worked out by hand in the comment above it; every refusal is
# checked for its exit status, its message and for leaving the database as
# it was.
. "$(dirname "$0")/lib.sh"

# 可可以力更镇 150125100: 11 communities (003 004 006 007 013-019) and 8
# village committees (201-208), 19 village-level units in all
T1=150125100
V1=150125100201   # 福如东村民委员会
V2=150125100202   # 大水圪洞村民委员会
V3=150125100203   # 巨字号村民委员会
V4=150125100204   # 天力木图村民委员会
V5=150125100205   # 三圣太村民委员会
V6=150125100206   # 大兴昌村民委员会
V7=150125100207   # 乌兰忽洞村民委员会
V8=150125100208   # 定相营村民委员会
# 哈乐镇 150125101: 11 village-level units
T2=150125101
H1=150125101201   # 圪料坝村民委员会
COUNTY=150125     # 武川县: 106 village-level units in divisions-wuchuan.csv

# What depends on today (the running year's reference date) is tested on a
# fixed day, whatever the machine's date.
fixed_day 2026-11-28
TOMORROW=2026-11-29

HEADER=村代码,村名称,乡镇代码,经营收入,投资收益,本年经营性收入,本年类别,上年经营性收入,上年类别,增减额,变化

# entry VILLAGE VOUCHER DATE DIRECTION AMOUNT CATEGORY: a journal entry in
# the village's first account.
entry() {
  sanzi fund add village=$1 account=$1-ZH-0001 voucher=$2 date=$3 \
    direction=$4 amount=$5 category=$6 summary=测试 >/dev/null
}

# cls ARGS...: `classify --format csv ARGS`, one line per village:
# 村代码|经营收入|投资收益|本年经营性收入|本年类别|上年经营性收入|上年类别|
# 增减额|变化
cls() {
  sanzi classify --format csv "$@" >cls.csv &&
  csv_pick 村代码 经营收入 投资收益 本年经营性收入 本年类别 上年经营性收入 \
    上年类别 增减额 变化 <cls.csv
}

# row VILLAGE ARGS...: that village's line of cls ARGS.
row() {
  v=$1
  shift
  cls "$@" | grep "^$v|"
}

# ==== no records: nothing to classify ====

test_expect_success 'setup: the county, no records' '
  setup_county
'

test_expect_success 'a county that holds no records has no village to classify: the header only' '
  # the default scope is every village of the counties that hold records:
  # none yet
  sanzi classify --year 2025 --format csv >out &&
  printf "%s\r\n" "$HEADER" >expect &&
  test_cmp expect out
'

test_expect_success 'a township asked for by name is classified even without records: all 空白村, 无上年账' '
  # 哈乐镇: 11 villages, no accounts, no entries: 0.00 -> 空白村; no books
  # by 2024-12-31 -> the year before is left empty, 无上年账
  cls --year 2025 --township $T2 >actual &&
  test $(wc -l <actual) = 11 &&
  ! grep -v "^${T2}[0-9]\{3\}|0.00|0.00|0.00|空白村||||无上年账\$" actual
'

# ==== the books ====
# Accounts (银行存款): V1-V6 opened 2024-01-01; V8 opened 2025-01-01 (no
# books in 2024); H1 opened 2024-12-31 (books on the last day of 2024);
# V7 keeps no books.
#
# Entries, and what they make of 2025 (reference date 2025-12-31):
#   V1  补助收入 80,000.00, 其他收入 5,000.00, 经营支出 3,000.00 (none of
#       them operating income), 经营收入 20,000.00 on 2024-12-31 (the year
#       before), 投资收益 7,000.00 on 2026-01-01 (the year after)
#       2025: 0.00 -> 空白村; 2024: 20,000.00 -> 薄弱村;
#       20,000.00 -> 0.00 = -20,000.00, 降档
#   V2  经营收入 0.01 -> 薄弱村; 2024: none, 0.00 -> 空白村; +0.01 升档
#   V3  经营收入 49,999.99 on 2025-01-01 (the first day counts) ->
#       薄弱村 (below 50,000.00); 2024: 经营收入 60,000.00 -> 一般村;
#       49,999.99 - 60,000.00 = -10,000.01, 降档
#   V4  经营收入 10,000.00 + 20,000.00 = 30,000.00, 投资收益 20,000.00:
#       50,000.00 -> 一般村 (50,000.00 is not below 50,000.00); 2024:
#       投资收益 50,000.00 -> 一般村; 0.00, 持平
#   V5  投资收益 99,999.99 -> 一般村 (below 100,000.00); 2024: 经营收入
#       49,999.99 -> 薄弱村; 99,999.99 - 49,999.99 = +50,000.00, 升档
#   V6  经营收入 60,000.00 + 投资收益 40,000.00 on 2025-12-31 (the last
#       day counts) = 100,000.00 -> 较强村; 2024: 120,000.00 -> 较强村;
#       -20,000.00, 持平; 经营收入 1,000.00 on 2026-01-01 does not count
#   V7  no books: 0.00 -> 空白村, 无上年账
#   V8  经营收入 75,000.00 -> 一般村; books opened 2025-01-01: 无上年账
#   H1  no entries: 0.00 -> 空白村; books opened 2024-12-31: 2024 is
#       shown, 0.00 空白村; 0.00, 持平

test_expect_success 'setup: accounts and entries' '
  for v in $V1 $V2 $V3 $V4 $V5 $V6; do
    sanzi account add village=$v name=农商行 kind=银行存款 opening_balance=0 \
      opening_date=2024-01-01 >/dev/null || return 1
  done &&
  sanzi account add village=$V8 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=$H1 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2024-12-31 >/dev/null &&
  entry $V1 记-001 2025-03-01 收入 80000 补助收入 &&
  entry $V1 记-002 2025-04-01 收入 5000 其他收入 &&
  entry $V1 记-003 2025-05-01 支出 3000 经营支出 &&
  entry $V1 记-101 2024-12-31 收入 20000 经营收入 &&
  entry $V1 记-001 2026-01-01 收入 7000 投资收益 &&
  entry $V2 记-001 2025-06-15 收入 0.01 经营收入 &&
  entry $V3 记-001 2025-01-01 收入 49999.99 经营收入 &&
  entry $V3 记-101 2024-07-01 收入 60000 经营收入 &&
  entry $V4 记-001 2025-02-01 收入 10000 经营收入 &&
  entry $V4 记-002 2025-08-01 收入 20000 经营收入 &&
  entry $V4 记-003 2025-09-01 收入 20000 投资收益 &&
  entry $V4 记-101 2024-09-01 收入 50000 投资收益 &&
  entry $V5 记-001 2025-10-01 收入 99999.99 投资收益 &&
  entry $V5 记-101 2024-10-01 收入 49999.99 经营收入 &&
  entry $V6 记-001 2025-02-01 收入 60000 经营收入 &&
  entry $V6 记-002 2025-12-31 收入 40000 投资收益 &&
  entry $V6 记-101 2024-03-01 收入 120000 经营收入 &&
  entry $V6 记-001 2026-01-01 收入 1000 经营收入 &&
  entry $V8 记-001 2025-03-01 收入 75000 经营收入 &&
  test "$(sql "SELECT count(*) FROM fund")" = 19
'

test_expect_success 'classify 2025: the band edges 0.00, 0.01, 49,999.99, 50,000.00, 99,999.99, 100,000.00' '
  # the figures worked out above, in code order
  cls --year 2025 --village $V1 >actual &&
  for v in $V2 $V3 $V4 $V5 $V6 $V7 $V8; do
    cls --year 2025 --village $v >>actual || return 1
  done &&
  cat >expect <<-EOF &&
	$V1|0.00|0.00|0.00|空白村|20000.00|薄弱村|-20000.00|降档
	$V2|0.01|0.00|0.01|薄弱村|0.00|空白村|0.01|升档
	$V3|49999.99|0.00|49999.99|薄弱村|60000.00|一般村|-10000.01|降档
	$V4|30000.00|20000.00|50000.00|一般村|50000.00|一般村|0.00|持平
	$V5|0.00|99999.99|99999.99|一般村|49999.99|薄弱村|50000.00|升档
	$V6|60000.00|40000.00|100000.00|较强村|120000.00|较强村|-20000.00|持平
	$V7|0.00|0.00|0.00|空白村||||无上年账
	$V8|75000.00|0.00|75000.00|一般村||||无上年账
	EOF
  test_cmp expect actual
'

test_expect_success 'books opened on the last day of the year before carry no year: 无上年账; a day earlier, they do' '
  # H1: account opened 2024-12-31, the go-live with the closing balances:
  # there was no 2024 journal to classify. Opened 2024-12-30 instead, the
  # books ran (one day) in 2024: 0.00, 空白村 -> 空白村, 持平.
  row $H1 --year 2025 --village $H1 >actual &&
  echo "$H1|0.00|0.00|0.00|空白村||||无上年账" >expect &&
  test_cmp expect actual &&
  sanzi account edit $H1-ZH-0001 opening_date=2024-12-30 >/dev/null &&
  row $H1 --year 2025 --village $H1 >actual &&
  echo "$H1|0.00|0.00|0.00|空白村|0.00|空白村|0.00|持平" >expect &&
  test_cmp expect actual &&
  sanzi account edit $H1-ZH-0001 opening_date=2024-12-31 >/dev/null
'

test_expect_success 'classify --format csv: the header, then a row per village with its names' '
  sanzi classify --year 2025 --village $V3 --format csv >out &&
  printf "%s\r\n" "$HEADER" \
    "$V3,巨字号村民委员会,$T1,49999.99,0.00,49999.99,薄弱村,60000.00,一般村,-10000.01,降档" >expect &&
  test_cmp expect out
'

test_expect_success 'classify (table): money grouped as 1,234.50, empty cells for no year before' '
  sanzi classify --year 2025 --township $T1 >out &&
  head -n 1 out | awk "{ s = \$1; for (i = 2; i <= NF; i++) s = s \",\" \$i; print s }" >actual &&
  echo "$HEADER" >expect &&
  test_cmp expect actual &&
  awk "{ s = \$1; for (i = 2; i <= NF; i++) s = s \"|\" \$i; print s }" out >rows &&
  grep -qx "$V3|巨字号村民委员会|$T1|49,999.99|0.00|49,999.99|薄弱村|60,000.00|一般村|-10,000.01|降档" rows &&
  grep -qx "$V6|大兴昌村民委员会|$T1|60,000.00|40,000.00|100,000.00|较强村|120,000.00|较强村|-20,000.00|持平" rows &&
  grep -qx "$V7|乌兰忽洞村民委员会|$T1|0.00|0.00|0.00|空白村|无上年账" rows &&
  ! grep -q "49999.99\|100000.00" out
'

# ==== the scope ====

test_expect_success '--township: its villages only, in code order (11 communities and 8 villages)' '
  cls --year 2025 --township $T1 | cut -d"|" -f1 >actual &&
  for c in 003 004 006 007 013 014 015 016 017 018 019 201 202 203 204 205 206 207 208; do
    echo $T1$c
  done >expect &&
  test_cmp expect actual
'

test_expect_success 'default scope: every village of the county that holds records, in code order' '
  # 106 village-level units in divisions-wuchuan.csv, in code order
  cls --year 2025 | cut -d"|" -f1 >actual &&
  test $(wc -l <actual) = 106 &&
  sort actual | test_cmp - actual &&
  sed -n "s/^\([0-9]\{12\}\),[^,]*,village,.*/\1/p" "$SAMPLE/divisions-wuchuan.csv" |
    sort >expect &&
  test_cmp expect actual &&
  cls --year 2025 --township $COUNTY | cut -d"|" -f1 >county &&
  test_cmp expect county
'

test_expect_success 'the default scope gives the same rows as a village asked for alone' '
  cls --year 2025 >all &&
  grep "^$V5|" all >actual &&
  echo "$V5|0.00|99999.99|99999.99|一般村|49999.99|薄弱村|50000.00|升档" >expect &&
  test_cmp expect actual &&
  grep "^$V7|" all >actual &&
  echo "$V7|0.00|0.00|0.00|空白村||||无上年账" >expect &&
  test_cmp expect actual
'

# ==== the year still running: the reference date is today ====

test_expect_success 'setup: entries of this year, today and tomorrow' '
  # V2: 经营收入 200.00 today (counts), 500.00 tomorrow (after the
  # reference date: does not)
  entry $V2 记-001 $TODAY 收入 200 经营收入 &&
  entry $V2 记-002 $TOMORROW 收入 500 经营收入
'

test_expect_success 'classify 2026: up to today; 2025 is the year before' '
  # V1: 投资收益 7,000.00 on 2026-01-01 -> 薄弱村; 2025: 0.00 空白村;
  #     +7,000.00 升档
  # V2: 200.00 (today; tomorrow'\''s 500.00 left out) -> 薄弱村; 2025: 0.01
  #     薄弱村; 200.00 - 0.01 = +199.99, 持平
  # V6: 1,000.00 -> 薄弱村; 2025: 100,000.00 较强村; -99,000.00, 降档
  # V8: none -> 空白村; books opened 2025-01-01, by the end of 2025: 2025
  #     is shown, 75,000.00 一般村; -75,000.00, 降档
  # V7: still no books, 无上年账
  for v in $V1 $V2 $V6 $V7 $V8; do
    cls --year 2026 --village $v || return 1
  done >actual &&
  cat >expect <<-EOF &&
	$V1|0.00|7000.00|7000.00|薄弱村|0.00|空白村|7000.00|升档
	$V2|200.00|0.00|200.00|薄弱村|0.01|薄弱村|199.99|持平
	$V6|1000.00|0.00|1000.00|薄弱村|100000.00|较强村|-99000.00|降档
	$V7|0.00|0.00|0.00|空白村||||无上年账
	$V8|0.00|0.00|0.00|空白村|75000.00|一般村|-75000.00|降档
	EOF
  test_cmp expect actual
'

test_expect_success 'classify 2025 is unchanged by the entries of 2026' '
  cls --year 2025 --village $V2 >actual &&
  echo "$V2|0.01|0.00|0.01|薄弱村|0.00|空白村|0.01|升档" >expect &&
  test_cmp expect actual
'

# ==== the bands are parameters ====

test_expect_success 'config classify.weak_below 30000: 49,999.99 is 一般村, in both years' '
  # V3: 2025 49,999.99 >= 30,000.00 -> 一般村; 2024 60,000.00 -> 一般村:
  #     持平
  # V5: 2024 49,999.99 -> 一般村 now; 2025 99,999.99 一般村: 持平
  # V2: 0.01 < 30,000.00: still 薄弱村
  sanzi config classify.weak_below 30000 >/dev/null &&
  for v in $V2 $V3 $V5; do
    cls --year 2025 --village $v || return 1
  done >actual &&
  cat >expect <<-EOF &&
	$V2|0.01|0.00|0.01|薄弱村|0.00|空白村|0.01|升档
	$V3|49999.99|0.00|49999.99|一般村|60000.00|一般村|-10000.01|持平
	$V5|0.00|99999.99|99999.99|一般村|49999.99|一般村|50000.00|持平
	EOF
  test_cmp expect actual
'

test_expect_success 'config classify.general_below 60000: 60,000.00 is 较强村, 59,999.99 is not' '
  # weak 30,000.00, general 60,000.00:
  # V3: 2024 60,000.00 -> 较强村; 2025 49,999.99 -> 一般村: 降档
  # V4: 50,000.00 -> 一般村 both years: 持平
  # V8: 75,000.00 -> 较强村
  sanzi config classify.general_below 60000 >/dev/null &&
  for v in $V3 $V4 $V8; do
    cls --year 2025 --village $v || return 1
  done >actual &&
  cat >expect <<-EOF &&
	$V3|49999.99|0.00|49999.99|一般村|60000.00|较强村|-10000.01|降档
	$V4|30000.00|20000.00|50000.00|一般村|50000.00|一般村|0.00|持平
	$V8|75000.00|0.00|75000.00|较强村||||无上年账
	EOF
  test_cmp expect actual
'

test_expect_success 'weak_below equal to general_below: no 一般村 left' '
  # both 100,000.00: 0.01 .. 99,999.99 -> 薄弱村, 100,000.00 -> 较强村
  # V4: 50,000.00 薄弱村 both years, 持平; V5: 99,999.99 薄弱村, 2024
  # 49,999.99 薄弱村, 持平; V6: 较强村
  sanzi config classify.general_below 100000 >/dev/null &&
  sanzi config classify.weak_below 100000 >/dev/null &&
  for v in $V4 $V5 $V6; do
    cls --year 2025 --village $v || return 1
  done >actual &&
  cat >expect <<-EOF &&
	$V4|30000.00|20000.00|50000.00|薄弱村|50000.00|薄弱村|0.00|持平
	$V5|0.00|99999.99|99999.99|薄弱村|49999.99|薄弱村|50000.00|持平
	$V6|60000.00|40000.00|100000.00|较强村|120000.00|较强村|-20000.00|持平
	EOF
  test_cmp expect actual
'

test_expect_success 'weak_below above general_below: classify is refused, naming both parameters' '
  # 100,000.01 > 100,000.00
  sanzi config classify.weak_below 100000.01 >/dev/null &&
  before=$(db_state) &&
  refused sanzi classify --year 2025 &&
  grep -q "classify.weak_below" err &&
  grep -q "classify.general_below" err &&
  grep -q "100,000.01" err &&
  refused sanzi classify --year 2025 --village $V1 --format csv &&
  grep -q "classify.weak_below.*classify.general_below" err &&
  unchanged
'

test_expect_success 'back to the defaults: the 2025 figures as first worked out' '
  sanzi config classify.weak_below 50000 >/dev/null &&
  sanzi config classify.general_below 100000 >/dev/null &&
  for v in $V3 $V4 $V5 $V6; do
    cls --year 2025 --village $v || return 1
  done >actual &&
  cat >expect <<-EOF &&
	$V3|49999.99|0.00|49999.99|薄弱村|60000.00|一般村|-10000.01|降档
	$V4|30000.00|20000.00|50000.00|一般村|50000.00|一般村|0.00|持平
	$V5|0.00|99999.99|99999.99|一般村|49999.99|薄弱村|50000.00|升档
	$V6|60000.00|40000.00|100000.00|较强村|120000.00|较强村|-20000.00|持平
	EOF
  test_cmp expect actual
'

# ==== refusals and usage ====

test_expect_success 'a year not begun yet is refused (exit 1): 2027, while today is in 2026' '
  test "$(date +%Y)" = 2026 &&
  before=$(db_state) &&
  refused sanzi classify --year 2027 &&
  grep -q "year 2027" err &&
  refused sanzi classify --year 2027 --village $V1 --format csv &&
  grep -q "year 2027" err &&
  unchanged
'

test_expect_success 'a --year that is not a year is refused (exit 1); a missing one is a usage error (exit 2)' '
  before=$(db_state) &&
  refused sanzi classify --year 20x5 &&
  grep -q "20x5" err &&
  refused sanzi classify --year 25 &&
  grep -q "'\''25'\''" err &&
  test_must_fail 2 sanzi classify >out 2>err &&
  ! test -s out &&
  grep -q -- "--year" err &&
  test_must_fail 2 sanzi classify --village $V1 >out 2>err &&
  ! test -s out &&
  test_must_fail 2 sanzi classify --year >out 2>err &&
  ! test -s out &&
  unchanged
'

test_expect_success 'an unknown village or township is refused (exit 1)' '
  before=$(db_state) &&
  refused sanzi classify --year 2025 --village 150125100299 &&
  grep -q "150125100299" err &&
  refused sanzi classify --year 2025 --township 150125999 &&
  grep -q "150125999" err &&
  refused sanzi classify --year 2025 --village $T1 &&
  grep -q "$T1" err &&
  refused sanzi classify --year 2025 --township $V1 &&
  grep -q "$V1" err &&
  unchanged
'

test_expect_success 'usage errors exit 2: both scopes, a bad --format, an unknown option, an argument' '
  before=$(db_state) &&
  test_must_fail 2 sanzi classify --year 2025 --village $V1 --township $T1 >out 2>err &&
  ! test -s out && test -s err &&
  test_must_fail 2 sanzi classify --year 2025 --format json >out 2>err &&
  ! test -s out && grep -q json err &&
  test_must_fail 2 sanzi classify --year 2025 --bogus >out 2>err &&
  ! test -s out && test -s err &&
  test_must_fail 2 sanzi classify --year 2025 $V1 >out 2>err &&
  ! test -s out && test -s err &&
  sanzi classify --help >out &&
  grep -q "usage: sanzi classify --year Y" out &&
  unchanged
'

test_expect_success 'classify is read-only: nothing written, the change log still verifies' '
  before=$(db_state) &&
  sanzi classify --year 2025 >/dev/null &&
  sanzi classify --year 2026 --format csv >/dev/null &&
  sanzi classify --year 2024 --township $T1 >/dev/null &&
  unchanged &&
  sanzi log verify >out &&
  test -s out
'

test_done
