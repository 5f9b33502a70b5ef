#!/bin/sh
# sanzi contract: the register of leases and contracting out (doc/domain.md
# "Contracts"), its ID numbers (checked, and masked where lists and exports
# show them), the term limits, one contract at a time per object, and the
# receivables: `contract schedule` and `contract overdue`. Every expected
# figure is worked out by hand in the comment above it; every refusal is
# checked for its message and for leaving the database as it was.
. "$(dirname "$0")/lib.sh"

# 可可以力更镇 150125100
V1=150125100201   # 福如东村
V2=150125100202   # 大水圪洞村
# 哈乐镇 150125101
H1=150125101201   # 圪料坝村
H2=150125101202   # 八股地村
# 大青山乡 150125200
D1=150125200201   # 井尔沟村

# Three good ID numbers (see tests/unit/test_idnum.c for the check
# characters worked out by hand): GB 11643's example, one of 武川县 and
# a credit code.
ID1=11010519491231002X    # shown as 110105********002X
ID2=150125199003070028    # shown as 150125********0028
ID3=91150125MA0123456L    # shown as 911501********456L



# contract KEY=VALUE...: `contract add` with a one-year 出租 paid yearly
# to 王二 as the defaults; prints the new code.
contract() {
  add_to contract "--without-filing kind=出租 party=王二 party_id=$ID2 party_is_member=是
    start_date=2025-01-01 end_date=2025-12-31 annual_amount=1000 payment=年付
    first_due=2025-01-01" "$@"
}

# sched CODE [--as-of D]: the instalments of `contract schedule --format
# json` as 期次|期间|应收日期|应收金额|已收|未收|逾期天数 (the 合计 row has
# no period or date), then received|as-of|received|overdue|paid beyond the
# schedule; money as 1234.50, nothing where a value is empty.
sched() {
  sanzi contract schedule "$@" --format json >sched.json &&
  json_pick instalments number period due amount paid outstanding \
    days_overdue <sched.json &&
  json_pick received as_of received overdue credit <sched.json |
    sed "s/^/received|/"
}

# overdue ARGS...: the rows of `contract overdue --format json`, fields
# joined by '|' (合同编号|村代码|对方名称|标的编号|应收日期|应收金额|已收|
# 未收|逾期天数; the 合计 row has the number of rows as its 村代码).
overdue() {
  sanzi contract overdue "$@" --format json >od.json &&
  json_pick - contract village party object due amount paid outstanding \
    days_overdue <od.json
}

# receipt VILLAGE VOUCHER DATE AMOUNT CONTRACT: a 收入 citing the contract.
receipt() {
  sanzi fund add village=$1 account=$1-ZH-0001 voucher=$2 date=$3 \
    direction=收入 amount=$4 category=经营收入 summary=收取租金 \
    contract=$5 >/dev/null
}

test_expect_success 'setup: the county, accounts' '
  setup_county &&
  for v in $V1 $V2 $H1 $H2 $D1; do
    sanzi account add village=$v name=现金 kind=库存现金 opening_balance=0 \
      opening_date=2023-01-01 >/dev/null || return 1
  done
'

# ==== the register ====

test_expect_success 'contract template: the columns of doc/cli.md and one example row' '
  sanzi contract template >tpl.csv &&
  head -n 1 tpl.csv | sed "s/^\xef\xbb\xbf//; s/\r\$//" >actual &&
  echo "合同编号,村代码,合同类型,标的编号,对方名称,对方证件号,是否本集体成员,起始日期,终止日期,年金额,付款方式,首次应付日期,签订日期,处置申报编号,备注" >expect &&
  test_cmp expect actual &&
  test "$(wc -l <tpl.csv)" = 2
'

test_expect_success 'the template does not import while its 标的编号 does not exist' '
  obj=$(csv_pick 标的编号 <tpl.csv) &&
  test "$obj" = $V1-ZY-0001 &&
  before=$(db_state) &&
  refused sanzi contract import tpl.csv &&
  grep -q "tpl.csv:2: 标的编号: no asset or resource with code '\''$V1-ZY-0001'\''" err &&
  unchanged
'

test_expect_success 'the template imports once the resource template made its object' '
  sanzi resource template >res.csv &&
  sanzi resource import res.csv 2>/dev/null &&
  sanzi contract import --without-filing tpl.csv 2>/dev/null &&
  test "$(sql "SELECT code, village, kind, object, party, party_id, start_date,
               end_date, annual_amount, payment, first_due FROM contract")" = \
    "$V1-HT-0001|$V1|发包|$V1-ZY-0001|李永平|$ID1|2025-01-01|2034-12-31|1200000|年付|2025-01-15"
'

test_expect_success 'contract add prints the generated code <village>-HT-NNNN' '
  sanzi asset add village=$V1 name=门面房 category=房屋及建筑物 nature=经营性 \
    original_value=80000 acquired_via=自建 acquired_on=2015-05-01 \
    status=在用 >/dev/null &&
  contract village=$V1 object=$V1-ZC-0001 party=刘建华 party_id=$ID3 \
    party_is_member=否 end_date=2025-06-30 >code &&
  echo $V1-HT-0002 >expect &&
  test_cmp expect code
'

test_expect_success 'list masks the ID: first 6, 8 stars, last 4' '
  sanzi contract list >out &&
  grep "^$V1-HT-0001 " out | grep -q " 110105\*\*\*\*\*\*\*\*002X " &&
  grep "^$V1-HT-0002 " out | grep -q " 911501\*\*\*\*\*\*\*\*456L " &&
  ! grep -q "$ID1\|$ID3" out &&
  sanzi contract list --format csv | csv_pick 合同编号 对方证件号 >actual &&
  printf "%s\n" "$V1-HT-0001|110105********002X" "$V1-HT-0002|911501********456L" >expect &&
  test_cmp expect actual &&
  sanzi contract list --format json >out &&
  ! grep -q "$ID1\|$ID3" out &&
  grep -q "110105\*\*\*\*\*\*\*\*002X" out
'

test_expect_success 'export masks the ID; --full-ids writes it whole; show shows it whole' '
  sanzi contract export | csv_pick 合同编号 对方证件号 >actual &&
  printf "%s\n" "$V1-HT-0001|110105********002X" "$V1-HT-0002|911501********456L" >expect &&
  test_cmp expect actual &&
  sanzi contract export --full-ids | csv_pick 合同编号 对方证件号 >actual &&
  printf "%s\n" "$V1-HT-0001|$ID1" "$V1-HT-0002|$ID3" >expect &&
  test_cmp expect actual &&
  sanzi contract show $V1-HT-0001 --format json |
    json_pick record code party_id >actual &&
  echo "$V1-HT-0001|$ID1" >expect &&
  test_cmp expect actual
'

test_expect_success 'a masked export imports back with --update: the stored ID stays, the edit is made' '
  sanzi contract export --no-bom >masked.csv &&
  sed "s/^\($V1-HT-0001,.*\),\r\$/\1,已续签\r/" masked.csv >edited.csv &&
  ! cmp -s masked.csv edited.csv &&
  sanzi contract import edited.csv --update 2>/dev/null &&
  test "$(sql "SELECT party_id, note FROM contract WHERE code = '\''$V1-HT-0001'\''")" = "$ID1|已续签" &&
  test "$(sql "SELECT party_id, note FROM contract WHERE code = '\''$V1-HT-0002'\''")" = "$ID3|"
'

test_expect_success 'an unchanged masked export imports back with --update and writes nothing' '
  sanzi contract export >again.csv &&
  before=$(db_state) &&
  sanzi contract import again.csv --update 2>err &&
  unchanged
'

test_expect_success 'an import of several contracts keeps each row'\''s own ID number' '
  # Found in review: every row used to get the last row'\''s number (the
  # checked number lived in a buffer the next row overwrote). Three new
  # contracts of one asset, one after another, with the three IDs above,
  # in a database of their own.
  use "$TMP/three.db" &&
  setup_county &&
  sanzi asset add village=$V1 name=库房 category=房屋及建筑物 nature=经营性 \
    original_value=1000 acquired_via=自建 acquired_on=2020-01-01 \
    status=闲置 >/dev/null &&
  { echo 合同编号,村代码,合同类型,标的编号,对方名称,对方证件号,起始日期,终止日期,年金额,付款方式,首次应付日期 &&
    echo ",$V1,出租,$V1-ZC-0001,甲,$ID1,2040-01-01,2040-12-31,100,年付,2040-01-01" &&
    echo ",$V1,出租,$V1-ZC-0001,乙,$ID2,2041-01-01,2041-12-31,100,年付,2041-01-01" &&
    echo ",$V1,出租,$V1-ZC-0001,丙,$ID3,2042-01-01,2042-12-31,100,年付,2042-01-01"; } >three.csv &&
  sanzi contract import --without-filing three.csv 2>/dev/null &&
  sql "SELECT party, party_id FROM contract WHERE object = '\''$V1-ZC-0001'\'' AND start_date >= '\''2040-01-01'\'' ORDER BY start_date" >actual &&
  printf "%s\n" "甲|$ID1" "乙|$ID2" "丙|$ID3" >expect &&
  use "$TMP/test.db" &&
  test_cmp expect actual
'

test_expect_success 'a masked ID for a new record is refused: the full number is needed' '
  before=$(db_state) &&
  sed -n "1p; /^$V1-HT-0002,/p" masked.csv | sed "s/^$V1-HT-0002,/,/" >new.csv &&
  refused sanzi contract import new.csv &&
  grep -q "new.csv:2: 对方证件号: '\''911501\*\*\*\*\*\*\*\*456L'\'' is masked: give the full number (an export with --full-ids has it)" err &&
  refused contract village=$V1 object=$V1-ZC-0001 "party_id=110105********002X" \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "is masked: give the full number" err &&
  unchanged
'

test_expect_success 'a masked ID that is not the stored one is refused with --update' '
  before=$(db_state) &&
  sed "s/110105\*\*\*\*\*\*\*\*002X/110105********003X/" masked.csv >wrong.csv &&
  refused sanzi contract import wrong.csv --update &&
  grep -q "对方证件号: '\''110105\*\*\*\*\*\*\*\*003X'\'' is masked" err &&
  unchanged
'

test_expect_success 'a lower-case x is accepted and stored upper-case' '
  contract village=$V1 object=$V1-ZC-0001 party_id=11010519491231002x \
    start_date=2025-07-01 end_date=2025-12-31 first_due=2025-07-01 >code &&
  test "$(sql "SELECT party_id FROM contract WHERE code = '\''$(cat code)'\''")" = $ID1
'

# ==== refusals ====

test_expect_success 'bad ID numbers are refused, saying what is wrong' '
  before=$(db_state) &&
  # 11010519491231002 gives the sum 167 = 15 x 11 + 2: the check is X
  refused contract village=$V1 object=$V1-ZC-0001 party_id=110105194912310021 \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "^sanzi: 对方证件号: '\''110105194912310021'\'': not a valid 居民身份证号码: the check character should be X, not 1\$" err &&
  # 150125 19900230 002 0: the check character is right, the date is not
  refused contract village=$V1 object=$V1-ZC-0001 party_id=150125199002300020 \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "19900230 is not a birth date" err &&
  # 91150125MA0123456: 1468 = 47 x 31 + 11, 31 - 11 = 20: L, not K
  refused contract village=$V1 object=$V1-ZC-0001 party_id=91150125MA0123456K \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "not a valid 统一社会信用代码: the check character should be L, not K" err &&
  refused contract village=$V1 object=$V1-ZC-0001 party_id=91150125MO0123456L \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "'\''O'\'' is not one of its characters" err &&
  refused contract village=$V1 object=$V1-ZC-0001 party_id=11010519491231002 \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "an ID number has 18 characters" err &&
  # what a spreadsheet makes of 18 digits in a General cell
  refused contract village=$V1 object=$V1-ZC-0001 party_id=1.10105E+17 \
    start_date=2026-01-01 end_date=2026-12-31 first_due=2026-01-01 &&
  grep -q "对方证件号: '\''1.10105E+17'\'': an ID number has 18 characters; a spreadsheet turned this one into a number (format the column as text and type it again)" err &&
  unchanged
'

test_expect_success 'an ID typed in full-width digits is the same number' '
  contract village=$V1 object=$V1-ZC-0001 party_id=１５０１２５１９９００３０７００２８ \
    start_date=2026-01-01 end_date=2026-06-30 first_due=2026-01-01 >code &&
  test "$(sql "SELECT party_id FROM contract WHERE code = '\''$(cat code)'\''")" = $ID2
'

test_expect_success 'the object must exist, be of the same village and not be disposed of' '
  sanzi resource add village=$V2 name=河滩地 land_class=0103 area=30 \
    status=未利用 >/dev/null &&
  sanzi asset add village=$V1 name=旧粮库 category=房屋及建筑物 nature=经营性 \
    original_value=30000 acquired_via=自建 acquired_on=1990-05-01 \
    status=已处置 >/dev/null &&
  before=$(db_state) &&
  refused contract village=$V1 object=$V1-ZC-0099 &&
  grep -q "^sanzi: 标的编号: no asset or resource with code '\''$V1-ZC-0099'\''\$" err &&
  refused contract village=$V1 object=$V2-ZY-0001 &&
  grep -q "标的编号: '\''$V2-ZY-0001'\'' belongs to village $V2, not $V1" err &&
  refused contract village=$V1 object=$V1-ZC-0002 &&
  grep -q "标的编号: '\''$V1-ZC-0002'\'' is 已处置 (disposed of)" err &&
  unchanged
'

test_expect_success 'the end must be after the start, the first due date not after the end' '
  before=$(db_state) &&
  refused contract village=$V1 object=$V1-ZC-0001 start_date=2027-01-01 \
    end_date=2027-01-01 first_due=2027-01-01 &&
  grep -q "终止日期: 2027-01-01 is not after 起始日期 2027-01-01" err &&
  refused contract village=$V1 object=$V1-ZC-0001 start_date=2027-01-01 \
    end_date=2027-12-31 first_due=2028-01-01 &&
  grep -q "首次应付日期: 2028-01-01 is after 终止日期 2027-12-31" err &&
  unchanged &&
  # the first due date on the last day is allowed
  contract village=$V1 object=$V1-ZC-0001 start_date=2027-01-01 \
    end_date=2027-12-31 first_due=2027-12-31 >/dev/null
'

test_expect_success 'one contract at a time: an overlapping term on the same object is refused' '
  # V1-HT-0001 lets V1-ZY-0001 from 2025-01-01 to 2034-12-31
  before=$(db_state) &&
  refused contract village=$V1 kind=发包 object=$V1-ZY-0001 \
    start_date=2030-01-01 end_date=2031-12-31 first_due=2030-01-01 &&
  grep -q "起始日期: 2030-01-01 to 2031-12-31 overlaps contract $V1-HT-0001 (2025-01-01 to 2034-12-31) on the same object $V1-ZY-0001" err &&
  # starting on its last day still overlaps by that day
  refused contract village=$V1 kind=发包 object=$V1-ZY-0001 \
    start_date=2034-12-31 end_date=2035-12-31 first_due=2035-01-01 &&
  grep -q "overlaps contract $V1-HT-0001" err &&
  # one ending on its first day too
  refused contract village=$V1 kind=发包 object=$V1-ZY-0001 \
    start_date=2024-01-01 end_date=2025-01-01 first_due=2024-01-01 &&
  grep -q "overlaps contract $V1-HT-0001" err &&
  unchanged &&
  # the day after is free
  contract village=$V1 kind=发包 object=$V1-ZY-0001 start_date=2035-01-01 \
    end_date=2035-12-31 first_due=2035-01-01 >/dev/null
'

test_expect_success 'an edit that makes two contracts overlap is refused too' '
  # V1-HT-0002 lets V1-ZC-0001 2025-01-01..2025-06-30; the next one on it
  # starts 2025-07-01
  before=$(db_state) &&
  refused sanzi contract edit $V1-HT-0002 end_date=2025-07-01 &&
  grep -q "overlaps contract $V1-HT-0003" err &&
  unchanged
'

# ---- the term limits (config term.*): the end date must be before the
# start + N years, so from 2025-01-01 the last day allowed is 12-31 of
# the year 2025 + N - 1. ----

test_expect_success 'setup: land of each class, and assets, in 福如东村' '
  {
  sanzi resource add village=$V1 name=东洼旱地 land_class=0103 area=50 status=未利用 &&
  sanzi resource add village=$V1 name=北坡草场 land_class=天然牧草地 area=300 status=未利用 &&
  sanzi resource add village=$V1 name=后山林地 land_class=0301 area=500 status=未利用 &&
  sanzi resource add village=$V1 name=西沟荒地 land_class=四荒地 area=80 status=未利用 &&
  sanzi resource add village=$V1 name=村南坑塘 land_class=1104 area=10 status=未利用 &&
  sanzi resource add village=$V1 name=村西旱地 land_class=0103 area=20 status=未利用 &&
  sanzi asset add village=$V1 name=机井 category=水利设施 nature=经营性 \
    original_value=50000 acquired_via=自建 acquired_on=2018-05-01 status=在用 &&
  sanzi asset add village=$V1 name=冷库 category=房屋及建筑物 nature=经营性 \
    original_value=200000 acquired_via=扶贫投资形成 acquired_on=2021-05-01 status=在用
  } >/dev/null
'

# term CODE KIND START END: a contract on CODE with that term, paid
# yearly from the start.
term() {
  contract village=$V1 object=$1 kind=$2 start_date=$3 end_date=$4 first_due=$3
}

test_expect_success '出租: 20 years; 2025-01-01 may run to 2044-12-31, not 2045-01-01' '
  before=$(db_state) &&
  refused term $V1-ZC-0004 出租 2025-01-01 2045-01-01 &&
  grep -q "^sanzi: 终止日期: 2025-01-01 to 2045-01-01 is longer than the 20 years allowed for 出租 (it may end on 2044-12-31 at the latest)\$" err &&
  unchanged &&
  term $V1-ZC-0004 出租 2025-01-01 2044-12-31 >/dev/null
'

test_expect_success '出租 of land, even 耕地, is 20 years (the 30 are for 发包)' '
  before=$(db_state) &&
  refused term $V1-ZY-0007 出租 2025-01-01 2045-01-01 &&
  grep -q "longer than the 20 years allowed for 出租 (it may end on 2044-12-31" err &&
  unchanged
'

test_expect_success '出租 from 29 February 2024: 20 years end on 2044-02-28' '
  # 2024-02-29 + 20 years = 2044-02-29 (2044 is a leap year); the day
  # before is the last one
  before=$(db_state) &&
  refused term $V1-ZY-0007 出租 2024-02-29 2044-02-29 &&
  grep -q "(it may end on 2044-02-28 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0007 出租 2024-02-29 2044-02-28 >/dev/null
'

test_expect_success '发包 of 耕地 (旱地 0103): 30 years, to 2054-12-31' '
  before=$(db_state) &&
  refused term $V1-ZY-0002 发包 2025-01-01 2055-01-01 &&
  grep -q "longer than the 30 years allowed for 发包 of 耕地 (it may end on 2054-12-31 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0002 发包 2025-01-01 2054-12-31 >/dev/null
'

test_expect_success '发包 of 耕地 from 29 February 2024: 30 years end on 2054-02-28' '
  # 2054 is a common year: the anniversary of 2024-02-29 is 2054-03-01,
  # so the term must end before it, on 2054-02-28 at the latest (the
  # 出租 test above lands on 2044-02-29, a leap day, and ends the day
  # before it too)
  sanzi resource add village=$V1 name=村北旱地 land_class=0103 area=15 \
    status=未利用 >code &&
  echo $V1-ZY-0008 >expect &&
  test_cmp expect code &&
  before=$(db_state) &&
  refused term $V1-ZY-0008 发包 2024-02-29 2054-03-01 &&
  grep -q "^sanzi: 终止日期: 2024-02-29 to 2054-03-01 is longer than the 30 years allowed for 发包 of 耕地 (it may end on 2054-02-28 at the latest)\$" err &&
  unchanged &&
  term $V1-ZY-0008 发包 2024-02-29 2054-02-28 >/dev/null &&
  test "$(sql "SELECT start_date, end_date FROM contract WHERE object = '\''$V1-ZY-0008'\''")" = \
    "2024-02-29|2054-02-28"
'

test_expect_success '发包 of 草地 (天然牧草地): 50 years, to 2074-12-31' '
  before=$(db_state) &&
  refused term $V1-ZY-0003 发包 2025-01-01 2075-01-01 &&
  grep -q "longer than the 50 years allowed for 发包 of 草地 (it may end on 2074-12-31 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0003 发包 2025-01-01 2074-12-31 >/dev/null
'

test_expect_success '发包 of 林地 (乔木林地): 70 years, to 2094-12-31' '
  before=$(db_state) &&
  refused term $V1-ZY-0004 发包 2025-01-01 2095-01-01 &&
  grep -q "longer than the 70 years allowed for 发包 of 林地 (it may end on 2094-12-31 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0004 发包 2025-01-01 2094-12-31 >/dev/null
'

test_expect_success '发包 of 四荒地 (其他土地): 50 years, to 2074-12-31' '
  before=$(db_state) &&
  refused term $V1-ZY-0005 发包 2025-01-01 2075-01-01 &&
  grep -q "longer than the 50 years allowed for 发包 of 其他土地 (it may end on 2074-12-31 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0005 发包 2025-01-01 2074-12-31 >/dev/null
'

test_expect_success '发包 of other land (坑塘水面) and of an asset: 20 years' '
  before=$(db_state) &&
  refused term $V1-ZY-0006 发包 2025-01-01 2045-01-01 &&
  grep -q "longer than the 20 years allowed for 发包 (it may end on 2044-12-31 at the latest)" err &&
  refused term $V1-ZC-0003 发包 2025-01-01 2045-01-01 &&
  grep -q "longer than the 20 years allowed for 发包 (it may end on 2044-12-31 at the latest)" err &&
  unchanged &&
  term $V1-ZY-0006 发包 2025-01-01 2044-12-31 >/dev/null &&
  term $V1-ZC-0003 发包 2025-01-01 2044-12-31 >/dev/null
'

test_expect_success '入股 and 其他 have no term limit' '
  sanzi asset add village=$V1 name=加工厂房 category=房屋及建筑物 nature=经营性 \
    original_value=100000 acquired_via=自建 acquired_on=2020-01-01 \
    status=在用 >/dev/null &&
  term $V1-ZC-0005 入股 2025-01-01 2124-12-31 >/dev/null &&
  term $V1-ZC-0005 其他 2125-01-01 2199-12-31 >/dev/null
'

test_expect_success 'the limits are parameters: term.出租 5 refuses six years' '
  sanzi config term.出租 5 >/dev/null &&
  { refused term $V1-ZY-0007 出租 2045-01-01 2050-12-31; rc=$?
    sanzi config term.出租 20 >/dev/null; test $rc = 0; } &&
  grep -q "longer than the 5 years allowed for 出租 (it may end on 2049-12-31 at the latest)" err &&
  test "$(sql "SELECT count(*) FROM contract WHERE start_date = '\''2045-01-01'\''")" = 0
'

test_expect_success 'an edit past the limit is refused' '
  # the 20-year 出租 of 冷库 (V1-ZC-0004) above ends 2044-12-31
  before=$(db_state) &&
  code=$(sql "SELECT code FROM contract WHERE object = '\''$V1-ZC-0004'\''") &&
  refused sanzi contract edit $code end_date=2045-01-01 &&
  grep -q "longer than the 20 years allowed for 出租" err &&
  unchanged
'

# ==== schedules ====
# In 哈乐镇 and 大青山乡, so that `contract overdue` below has only these.

test_expect_success 'setup: the objects let in 哈乐镇 and 大青山乡' '
  for v in $H1 $H2; do
    sanzi asset add village=$v name=门市 category=房屋及建筑物 nature=经营性 \
      original_value=60000 acquired_via=自建 acquired_on=2019-05-01 \
      status=在用 || return 1
    sanzi asset add village=$v name=仓库 category=房屋及建筑物 nature=经营性 \
      original_value=40000 acquired_via=自建 acquired_on=2019-05-01 \
      status=在用 || return 1
    sanzi asset add village=$v name=晒场 category=其他 nature=经营性 \
      original_value=10000 acquired_via=自建 acquired_on=2019-05-01 \
      status=在用 || return 1
  done >/dev/null &&
  sanzi resource add village=$D1 name=滩地 land_class=0103 area=40 status=未利用 >/dev/null
'

test_expect_success '年付 with a short last period: 10,000.00 a year to 2027-06-30' '
  # 2025-01-01..2027-06-30, first due 2025-01-10:
  #   1  2025-01-01..2025-12-31  due 2025-01-10  10,000.00
  #   2  2026-01-01..2026-12-31  due 2026-01-10  10,000.00
  #   3  2027-01-01..2027-06-30  due 2027-01-10: the full period is 365
  #      days, this one 31+28+31+30+31+30 = 181 days:
  #      1,000,000 fen x 181 / 365 = 495,890.41 -> 495,890 = 4,958.90
  #   合计 24,958.90
  contract village=$H1 object=$H1-ZC-0001 end_date=2027-06-30 \
    annual_amount=10000 first_due=2025-01-10 >code &&
  echo $H1-HT-0001 >expect &&
  test_cmp expect code &&
  sched $H1-HT-0001 --as-of 2024-12-31 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-12-31|2025-01-10|10000.00|0.00|10000.00|
	2|2026-01-01..2026-12-31|2026-01-10|10000.00|0.00|10000.00|
	3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|
	合计|||24958.90|0.00|24958.90|
	received|2024-12-31|0.00|0.00|
	EOF
  test_cmp expect actual
'

test_expect_success 'the schedule shows the party ID masked' '
  test "$(json_pick contract code party party_id <sched.json)" = \
    "$H1-HT-0001|王二|150125********0028" &&
  ! grep -q $ID2 sched.json &&
  sanzi contract schedule $H1-HT-0001 --as-of 2024-12-31 >sched.out &&
  head -n 1 sched.out | grep -q "150125\*\*\*\*\*\*\*\*0028" &&
  ! grep -q $ID2 sched.out
'

test_expect_success '一次性: the whole term at once, as the yearly instalments add up' '
  # the same term and amount as H1-HT-0001: 10,000.00 + 10,000.00 +
  # 4,958.90 = 24,958.90, one instalment due on the first due date
  contract village=$H1 object=$H1-ZC-0002 end_date=2027-06-30 \
    annual_amount=10000 payment=一次性 first_due=2025-02-01 >/dev/null &&
  sched $H1-HT-0002 --as-of 2025-01-01 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2027-06-30|2025-02-01|24958.90|0.00|24958.90|
	合计|||24958.90|0.00|24958.90|
	received|2025-01-01|0.00|0.00|
	EOF
  test_cmp expect actual
'

test_expect_success '季付 of 10,000.01: 2,500.00 2,500.01 2,500.00 2,500.00; due dates from 03-31' '
  # annual 1,000,001 fen; round_half_up(1,000,001 x k / 4) for k = 1..4:
  #   250,000.25 -> 250,000; 500,000.5 -> 500,001; 750,000.75 -> 750,001;
  #   1,000,001; the differences: 250,000 250,001 250,000 250,000
  # due dates first_due + 3k months, each from 2025-03-31 (day clamped):
  #   2025-03-31 06-30 09-30 12-31, 2026-03-31 06-30 09-30 12-31
  #   (counting from the previous due date would give 2025-12-30)
  # 合计 2 x 10,000.01 = 20,000.02
  contract village=$H2 object=$H2-ZC-0001 end_date=2026-12-31 \
    annual_amount=10000.01 payment=季付 first_due=2025-03-31 >/dev/null &&
  sched $H2-HT-0001 --as-of 2025-01-01 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-03-31|2025-03-31|2500.00|0.00|2500.00|
	2|2025-04-01..2025-06-30|2025-06-30|2500.01|0.00|2500.01|
	3|2025-07-01..2025-09-30|2025-09-30|2500.00|0.00|2500.00|
	4|2025-10-01..2025-12-31|2025-12-31|2500.00|0.00|2500.00|
	5|2026-01-01..2026-03-31|2026-03-31|2500.00|0.00|2500.00|
	6|2026-04-01..2026-06-30|2026-06-30|2500.01|0.00|2500.01|
	7|2026-07-01..2026-09-30|2026-09-30|2500.00|0.00|2500.00|
	8|2026-10-01..2026-12-31|2026-12-31|2500.00|0.00|2500.00|
	合计|||20000.02|0.00|20000.02|
	received|2025-01-01|0.00|0.00|
	EOF
  test_cmp expect actual
'

test_expect_success '半年付 with a short last period holding 29 February 2024' '
  # 7,320.00 a year = 732,000 fen, half a year 366,000 fen (3,660.00)
  #   1  2023-06-01..2023-11-30  due 2023-06-30  3,660.00
  #   2  from 2023-12-01; the full period to 2024-05-31 is
  #      31+31+29+31+30+31 = 183 days; the contract ends 2024-02-29:
  #      31+31+29 = 91 days: 366,000 x 91 / 183 = 182,000 = 1,820.00
  #      (with a 28-day February: 366,000 x 90 / 182 = 180,989.01)
  #      due 2023-06-30 + 6 months = 2023-12-30
  #   合计 5,480.00
  contract village=$H2 object=$H2-ZC-0002 start_date=2023-06-01 \
    end_date=2024-02-29 annual_amount=7320 payment=半年付 \
    first_due=2023-06-30 >/dev/null &&
  sched $H2-HT-0002 --as-of 2023-06-01 >actual &&
  cat >expect <<-EOF &&
	1|2023-06-01..2023-11-30|2023-06-30|3660.00|0.00|3660.00|
	2|2023-12-01..2024-02-29|2023-12-30|1820.00|0.00|1820.00|
	合计|||5480.00|0.00|5480.00|
	received|2023-06-01|0.00|0.00|
	EOF
  test_cmp expect actual
'

test_expect_success '年付 first due on 29 February: then 02-28, and 02-29 again in 2028' '
  # due dates first_due + 12k months, always from 2024-02-29:
  #   2024-02-29, 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29
  # (from the previous due date, 2028 would be 02-28); five whole years
  # from 2024-03-01, 5,000.00 each, 合计 25,000.00
  contract village=$H2 object=$H2-ZC-0003 start_date=2024-03-01 \
    end_date=2029-02-28 annual_amount=5000 first_due=2024-02-29 >/dev/null &&
  sched $H2-HT-0003 --as-of 2024-01-01 >actual &&
  cat >expect <<-EOF &&
	1|2024-03-01..2025-02-28|2024-02-29|5000.00|0.00|5000.00|
	2|2025-03-01..2026-02-28|2025-02-28|5000.00|0.00|5000.00|
	3|2026-03-01..2027-02-28|2026-02-28|5000.00|0.00|5000.00|
	4|2027-03-01..2028-02-29|2027-02-28|5000.00|0.00|5000.00|
	5|2028-03-01..2029-02-28|2028-02-29|5000.00|0.00|5000.00|
	合计|||25000.00|0.00|25000.00|
	received|2024-01-01|0.00|0.00|
	EOF
  test_cmp expect actual
'

# ---- receipts ----

test_expect_success 'receipts pay the oldest instalment first; --as-of leaves out later ones' '
  # H1-HT-0001: 10,000.00 due 2025-01-10, 10,000.00 due 2026-01-10,
  # 4,958.90 due 2027-01-10. Receipts: 6,000.00 on 2025-01-10, 5,000.00 on
  # 2025-03-01, 4,000.00 on 2026-02-01; a refund (支出) of 100.00 citing it
  # on 2028-06-01, after every as-of date until the refund test below.
  receipt $H1 1 2025-01-10 6000 $H1-HT-0001 &&
  receipt $H1 2 2025-03-01 5000 $H1-HT-0001 &&
  receipt $H1 3 2026-02-01 4000 $H1-HT-0001 &&
  sanzi fund add village=$H1 account=$H1-ZH-0001 voucher=4 date=2028-06-01 \
    direction=支出 amount=100 category=其他支出 summary=退押金 \
    contract=$H1-HT-0001 >/dev/null &&
  # as of 2025-06-30: 11,000.00 received: the first 10,000.00 paid, 1,000.00
  # on the second, not yet due (2026-01-10): nothing overdue
  sched $H1-HT-0001 --as-of 2025-06-30 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-12-31|2025-01-10|10000.00|10000.00|0.00|
	2|2026-01-01..2026-12-31|2026-01-10|10000.00|1000.00|9000.00|
	3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|
	合计|||24958.90|11000.00|13958.90|
	received|2025-06-30|11000.00|0.00|
	EOF
  test_cmp expect actual
'

test_expect_success 'a receipt dated on the as-of date counts; what is left is overdue, with its days' '
  # as of 2026-02-01: 15,000.00 received; the second has 5,000.00 left,
  # due 2026-01-10: 2026-02-01 - 2026-01-10 = 22 days
  sched $H1-HT-0001 --as-of 2026-02-01 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-12-31|2025-01-10|10000.00|10000.00|0.00|
	2|2026-01-01..2026-12-31|2026-01-10|10000.00|5000.00|5000.00|22
	3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|
	合计|||24958.90|15000.00|9958.90|
	received|2026-02-01|15000.00|5000.00|
	EOF
  test_cmp expect actual &&
  # the day before, the 2026-02-01 receipt is left out: 11,000.00
  # received, 9,000.00 overdue for 2026-01-31 - 2026-01-10 = 21 days
  sched $H1-HT-0001 --as-of 2026-01-31 >actual &&
  grep -q "^2|2026-01-01..2026-12-31|2026-01-10|10000.00|1000.00|9000.00|21\$" actual &&
  grep -q "^received|2026-01-31|11000.00|9000.00|\$" actual
'

test_expect_success 'due on the as-of date is not overdue yet; the day after it is, 1 day' '
  # as of 2027-01-10: the second is 365 days late (2026-01-10 to
  # 2027-01-10), the third is due that day: not overdue; received the
  # 15,000.00 of 2025-01-10, 2025-03-01 and 2026-02-01
  sched $H1-HT-0001 --as-of 2027-01-10 >actual &&
  grep -q "^2|.*|10000.00|5000.00|5000.00|365\$" actual &&
  grep -q "^3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|\$" actual &&
  grep -q "^received|2027-01-10|15000.00|5000.00|\$" actual &&
  sched $H1-HT-0001 --as-of 2027-01-11 >actual &&
  grep -q "^3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|1\$" actual &&
  # 5,000.00 + 4,958.90 = 9,958.90
  grep -q "^received|2027-01-11|15000.00|9958.90|\$" actual
'

test_expect_success 'over-payment: every instalment paid and the excess shown' '
  # 12,000.00 more on 2027-03-01: 27,000.00 received against 24,958.90:
  # 2,041.10 beyond the schedule
  receipt $H1 5 2027-03-01 12000 $H1-HT-0001 &&
  sched $H1-HT-0001 --as-of 2027-12-31 >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-12-31|2025-01-10|10000.00|10000.00|0.00|
	2|2026-01-01..2026-12-31|2026-01-10|10000.00|10000.00|0.00|
	3|2027-01-01..2027-06-30|2027-01-10|4958.90|4958.90|0.00|
	合计|||24958.90|24958.90|0.00|
	received|2027-12-31|27000.00|0.00|2041.10
	EOF
  test_cmp expect actual &&
  # as of 2027-02-28 the receipt of 03-01 is not counted yet
  sched $H1-HT-0001 --as-of 2027-02-28 >actual &&
  grep -q "^received|2027-02-28|15000.00|9958.90|\$" actual
'

test_expect_success 'a refund (支出) citing the contract takes back from what was received' '
  # as of 2028-06-30: 6,000.00 + 5,000.00 + 4,000.00 + 12,000.00 = 27,000.00
  # received, less the 100.00 refunded = 26,900.00; beyond the schedule
  # 26,900.00 - 24,958.90 = 1,941.10
  sched $H1-HT-0001 --as-of 2028-06-30 >actual &&
  grep -q "^received|2028-06-30|26900.00|0.00|1941.10\$" actual
'

test_expect_success 'a fund entry citing a contract of another village, or none, is refused' '
  before=$(db_state) &&
  refused sanzi fund add village=$H2 account=$H2-ZH-0001 voucher=9 \
    date=2025-05-01 direction=收入 amount=100 category=经营收入 summary=租金 \
    contract=$H1-HT-0001 &&
  grep -q "合同编号: contract '\''$H1-HT-0001'\'' belongs to village $H1" err &&
  refused sanzi fund add village=$H1 account=$H1-ZH-0001 voucher=9 \
    date=2025-05-01 direction=收入 amount=100 category=经营收入 summary=租金 \
    contract=$H1-HT-0099 &&
  grep -q "合同编号: no contract with code '\''$H1-HT-0099'\''" err &&
  unchanged
'

test_expect_success 'contract schedule: an unknown code is refused; usage errors exit 2' '
  refused sanzi contract schedule $H1-HT-0099 &&
  grep -q "no contract with code '\''$H1-HT-0099'\''" err &&
  refused sanzi contract schedule $H1-HT-0001 --as-of 2025-02-30 &&
  grep -q 2025-02-30 err &&
  test_must_fail 2 sanzi contract schedule 2>err &&
  test_must_fail 2 sanzi contract schedule $H1-HT-0001 --bogus 2>err &&
  sanzi contract schedule --help >out &&
  grep -q usage out
'

test_expect_success 'sanzi contract --help names contract schedule and contract overdue' '
  sanzi contract --help >out &&
  grep -q "sanzi contract schedule CODE" out &&
  grep -q "sanzi contract overdue" out
'

# ---- overdue ----

test_expect_success 'setup: receipts on 八股地村 季付, a 一次性 in 井尔沟村' '
  # H2-HT-0001 (季付): 2,500.00 on 2025-04-15, 2,000.00 on 2025-07-20
  receipt $H2 1 2025-04-15 2500 $H2-HT-0001 &&
  receipt $H2 2 2025-07-20 2000 $H2-HT-0001 &&
  # D1: 3,000.00 at once, due 2025-06-01, never paid
  contract village=$D1 object=$D1-ZY-0001 kind=发包 end_date=2027-12-31 \
    annual_amount=1000 payment=一次性 first_due=2025-06-01 >code &&
  echo $D1-HT-0001 >expect &&
  test_cmp expect code
'

test_expect_success 'contract overdue --township: one row per overdue instalment, days and totals' '
  # as of 2026-03-01 in 哈乐镇:
  # H1-HT-0001: 15,000.00 received by then: the second (due 2026-01-10)
  #   has 5,000.00 left: 2026-01-10 -> 03-01 = 21 + 28 + 1 = 50 days
  # H2-HT-0001: 4,500.00 received: the first 2,500.00 paid; the second
  #   2,500.01 has 2,000.00 paid, 500.01 left, due 2025-06-30:
  #   2025-06-30 -> 2026-03-01 = 1+31+31+30+31+30+31+31+28 = 244 days;
  #   the third 2,500.00, due 2025-09-30: 244 - 92 = 152 days;
  #   the fourth 2,500.00, due 2025-12-31: 244 - 184 = 60 days;
  #   the fifth is due 2026-03-31, later
  # H2-HT-0002: 5,480.00, nothing received: 3,660.00 due 2023-06-30:
  #   2023-06-30 -> 2024-06-30 = 366 (it holds 2024-02-29), -> 2025-06-30
  #   = 365, -> 2026-03-01 = 244: 975 days; 1,820.00 due 2023-12-30:
  #   2023-12-30 -> 2024-06-30 = 1+31+29+31+30+31+30 = 183: 792 days
  # H2-HT-0003: 5,000.00 due 2024-02-29: 2024-02-29 -> 2025-02-28 = 365,
  #   -> 2026-02-28 = 365, +1 = 731 days; 5,000.00 due 2025-02-28: 366
  #   days; 5,000.00 due 2026-02-28: 1 day
  # H1-HT-0002 (一次性, due 2025-02-01): 24,958.90, nothing received:
  #   2025-02-01 -> 2026-02-01 = 365, + 28 = 393 days
  # 合计 10 rows; due 10,000.00 + 24,958.90 + 2,500.01 + 2 x 2,500.00
  #   + 3,660.00 + 1,820.00 + 3 x 5,000.00 = 62,938.91; paid 5,000.00 +
  #   2,000.00 = 7,000.00; left 62,938.91 - 7,000.00 = 55,938.91
  overdue --township 150125101 --as-of 2026-03-01 >actual &&
  cat >expect <<-EOF &&
	$H1-HT-0001|$H1|王二|$H1-ZC-0001|2026-01-10|10000.00|5000.00|5000.00|50
	$H1-HT-0002|$H1|王二|$H1-ZC-0002|2025-02-01|24958.90|0.00|24958.90|393
	$H2-HT-0001|$H2|王二|$H2-ZC-0001|2025-06-30|2500.01|2000.00|500.01|244
	$H2-HT-0001|$H2|王二|$H2-ZC-0001|2025-09-30|2500.00|0.00|2500.00|152
	$H2-HT-0001|$H2|王二|$H2-ZC-0001|2025-12-31|2500.00|0.00|2500.00|60
	$H2-HT-0002|$H2|王二|$H2-ZC-0002|2023-06-30|3660.00|0.00|3660.00|975
	$H2-HT-0002|$H2|王二|$H2-ZC-0002|2023-12-30|1820.00|0.00|1820.00|792
	$H2-HT-0003|$H2|王二|$H2-ZC-0003|2024-02-29|5000.00|0.00|5000.00|731
	$H2-HT-0003|$H2|王二|$H2-ZC-0003|2025-02-28|5000.00|0.00|5000.00|366
	$H2-HT-0003|$H2|王二|$H2-ZC-0003|2026-02-28|5000.00|0.00|5000.00|1
	合计|10||||62938.91|7000.00|55938.91|
	EOF
  test_cmp expect actual
'

test_expect_success 'contract overdue --village: that village only; the party ID is not shown' '
  # H1 only: 10,000.00 + 24,958.90 = 34,958.90 due, 5,000.00 paid,
  # 29,958.90 left, 2 rows
  overdue --village $H1 --as-of 2026-03-01 >actual &&
  cat >expect <<-EOF &&
	$H1-HT-0001|$H1|王二|$H1-ZC-0001|2026-01-10|10000.00|5000.00|5000.00|50
	$H1-HT-0002|$H1|王二|$H1-ZC-0002|2025-02-01|24958.90|0.00|24958.90|393
	合计|2||||34958.90|5000.00|29958.90|
	EOF
  test_cmp expect actual &&
  ! grep -q "$ID2\|150125\*" od.json
'

test_expect_success 'contract overdue with no scope: every village, 井尔沟村 too' '
  # D1-HT-0001: 3 x 1,000.00 = 3,000.00 due 2025-06-01, nothing paid:
  # 2025-06-01 -> 2026-03-01 = 30+31+31+30+31+30+31+31+28 = 273 days
  overdue --as-of 2026-03-01 >actual &&
  grep -q "^$D1-HT-0001|$D1|王二|$D1-ZY-0001|2025-06-01|3000.00|0.00|3000.00|273\$" actual &&
  grep -q "^$H2-HT-0001|$H2|王二|$H2-ZC-0001|2025-12-31|2500.00|0.00|2500.00|60\$" actual &&
  grep -q "^$V1-HT-0001|" actual &&
  # every row but the total is counted in it
  rows=$(grep -vc "^合计|" actual) &&
  grep -q "^合计|$rows|" actual
'

test_expect_success 'contract overdue before anything is due: only the total, 0' '
  overdue --township 150125101 --as-of 2023-06-30 >actual &&
  echo "合计|0||||0.00|0.00|0.00|" >expect &&
  test_cmp expect actual
'

test_expect_success 'contract overdue: an unknown scope is refused; usage errors exit 2' '
  refused sanzi contract overdue --village 150125101299 &&
  grep -q 150125101299 err &&
  test_must_fail 2 sanzi contract overdue extra 2>err &&
  test_must_fail 2 sanzi contract overdue --village $H1 --township 150125101 2>err &&
  sanzi contract overdue --help >out &&
  grep -q usage out
'

test_expect_success 'overdue: a refund (支出) citing the contract makes an instalment paid in full overdue again' '
  # D1-HT-0001: 3,000.00 due 2025-06-01. 3,000.00 received on 2026-04-01,
  # 1,200.00 refunded on 2026-05-01
  receipt $D1 1 2026-04-01 3000 $D1-HT-0001 &&
  sanzi fund add village=$D1 account=$D1-ZH-0001 voucher=2 date=2026-05-01 \
    direction=支出 amount=1200 category=其他支出 summary=退还租金 \
    contract=$D1-HT-0001 >/dev/null &&
  # as of 2026-04-30 the refund is not counted yet: paid in full
  overdue --village $D1 --as-of 2026-04-30 >actual &&
  echo "合计|0||||0.00|0.00|0.00|" >expect &&
  test_cmp expect actual &&
  # as of 2026-05-01: 3,000.00 - 1,200.00 = 1,800.00 received, 1,200.00
  # left, 2025-06-01 -> 2026-05-01 = 30+31+31+30+31+30+31+31+28+31+30
  # = 334 days
  overdue --village $D1 --as-of 2026-05-01 >actual &&
  cat >expect <<-EOF &&
	$D1-HT-0001|$D1|王二|$D1-ZY-0001|2025-06-01|3000.00|1800.00|1200.00|334
	合计|1||||3000.00|1800.00|1200.00|
	EOF
  test_cmp expect actual &&
  sched $D1-HT-0001 --as-of 2026-05-01 >actual &&
  grep -q "^received|2026-05-01|1800.00|1200.00|\$" actual
'

test_expect_success 'the change log verifies after all of it' '
  sanzi log verify >out &&
  test -s out
'

test_done
