#!/bin/sh
# Duplicates refused with the reason (issue 12, part 1): a file whose bytes
# were imported into the register before is refused, naming that import,
# unless --again; a row without a code whose natural key is a live
# record's, or an earlier row's of the same file, is refused as 疑似重复,
# naming it, unless --allow-duplicates; add applies the same rule.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # V1 V2 ID1 ID2

ASSET_HEAD="村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态"
add_asset() {
  add_to asset "village=$V1 name=拖拉机 category=农业机械 nature=经营性
    original_value=12500 acquired_via=购入 acquired_on=2020-03-01
    status=在用" "$@"
}

# last_import: the entry of the last import of 资产.csv (entry) and its
# time in Beijing time (when): the log keeps UTC, Beijing is 8 hours ahead.
last_import() {
  entry=$(sql "SELECT max(id) FROM history WHERE action = 'import' AND
    tbl = 'asset' AND json_extract(new, '$.file') = '资产.csv'") &&
  at=$(sql "SELECT at FROM history WHERE id = $entry") &&
  when=$(TZ=UTC date -d "$(echo $at | tr T " " | tr -d Z) UTC +8 hours" \
    "+%Y-%m-%d %H:%M:%S")
}

test_expect_success 'setup: a sheet of two assets without codes, imported once' '
  setup_county &&
  printf "%s\n" "$ASSET_HEAD" \
    "$V1,拖拉机,农业机械,经营性,12500,购入,2020-03-01,在用" \
    "$V1,办公楼,房屋及建筑物,非经营性,120000,自建,2018-06-15,在用" \
    >资产.csv &&
  sanzi asset import 资产.csv 2>err &&
  grep -F "2 new" err &&
  last_import &&
  test "$(sql "SELECT action, operator FROM history WHERE id = $entry")" = \
    "import|tester" &&
  test "$(sql "SELECT json_extract(new, '\''$.sha256'\'') FROM history
    WHERE id = $entry")" = "$(sha256sum <资产.csv | cut -d" " -f1)"
'

test_expect_success 'the same file again is refused, naming the import: when, who, which entry' '
  before=$(db_state) &&
  last_import &&
  refused sanzi asset import 资产.csv &&
  grep -F "资产.csv: this file was already imported into the asset register on $when by tester (log entry $entry, as '\''资产.csv'\''); nothing imported. To import it again, give --again" err &&
  grep -F "nothing imported (1 error)" err &&
  test $(grep -c "" err) = 2 &&
  unchanged
'

test_expect_success 'also under another name, with --update and with --dry-run' '
  before=$(db_state) &&
  last_import &&
  cp 资产.csv copy.csv &&
  for o in "" --update --dry-run; do
    refused sanzi asset import copy.csv $o &&
    grep -F "copy.csv: this file was already imported into the asset register" err &&
    grep -F "(log entry $entry, as '\''资产.csv'\'')" err || return 1
  done &&
  unchanged
'

test_expect_success 'the same bytes into another register are not that import' '
  sanzi resource import 资产.csv 2>err;
  ! grep -q "already imported" err
'

test_expect_success '--again reads the file: its rows are then likely duplicates, each named' '
  before=$(db_state) &&
  refused sanzi asset import 资产.csv --again &&
  grep -F "资产.csv:2: likely a duplicate (疑似重复) of $V1-ZC-0001: the same 村代码, 资产名称, 取得日期, 原值; if it is another, give --allow-duplicates" err &&
  grep -F "资产.csv:3: likely a duplicate (疑似重复) of $V1-ZC-0002: the same" err &&
  grep -F "nothing imported (2 errors)" err &&
  unchanged
'

test_expect_success '--again --allow-duplicates imports them all the same' '
  sanzi asset import 资产.csv --again --allow-duplicates 2>err &&
  grep -F "2 new" err &&
  test "$(sql "SELECT count(*) FROM asset")" = 4
'

test_expect_success 'a row repeating an earlier row of the same file is refused, naming that row' '
  before=$(db_state) &&
  printf "%s\n" "$ASSET_HEAD" \
    "$V2,水泵,机器设备,经营性,5000,购入,2021-04-01,在用" \
    "$V2,水泵,机器设备,经营性,5000,购入,2021-04-01,闲置" >twice.csv &&
  refused sanzi asset import twice.csv &&
  grep -F "twice.csv:3: likely a duplicate (疑似重复) of row 2 of this file: the same 村代码, 资产名称, 取得日期, 原值" err &&
  unchanged
'

test_expect_success 'a row with a code is not looked at: its code decides' '
  before=$(db_state) &&
  printf "%s\n" "资产编号,$ASSET_HEAD" \
    "$V2-ZC-0009,$V2,水泵,机器设备,经营性,5000,购入,2021-04-01,在用" \
    ",$V2,水泵,机器设备,经营性,5000,购入,2021-04-01,在用" >coded.csv &&
  refused sanzi asset import coded.csv &&
  grep -F "coded.csv:3: likely a duplicate (疑似重复) of $V2-ZC-0009, earlier in this file" err &&
  unchanged &&
  sanzi asset import coded.csv --allow-duplicates 2>err &&
  grep -F "2 new" err
'

test_expect_success 'another value of the key is another record' '
  add_asset original_value=12600 >out &&
  add_asset acquired_on=2020-03-02 >>out &&
  add_asset name=拖拉机2 >>out &&
  add_asset village=$V2 >>out &&
  test $(grep -c "ZC-" out) = 4
'

test_expect_success 'add: the same rule, and --allow-duplicates' '
  before=$(db_state) &&
  refused add_asset &&
  grep -F "sanzi: likely a duplicate (疑似重复) of $V1-ZC-0001: the same 村代码, 资产名称, 取得日期, 原值" err &&
  unchanged &&
  add_asset --allow-duplicates >out &&
  grep -q "^$V1-ZC-" out
'

test_expect_success 'resource: village, name, land class and area' '
  sanzi resource add village=$V1 name=东坡地 land_class=0103 area=50 \
    status=未利用 >/dev/null &&
  before=$(db_state) &&
  refused sanzi resource add village=$V1 name=东坡地 land_class=旱地 \
    area=50.0 status=发包 &&
  grep -F "of $V1-ZY-0001: the same 村代码, 资源名称, 地类, 面积" err &&
  unchanged &&
  sanzi resource add village=$V1 name=东坡地 land_class=0103 area=51 \
    status=未利用 >/dev/null
'

test_expect_success 'account: village and name, or the bank account number anywhere' '
  sanzi account add village=$V1 name=农商行 kind=银行存款 \
    bank_account=6228480012345678 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  before=$(db_state) &&
  refused sanzi account add village=$V1 name=农商行 kind=库存现金 \
    opening_balance=5 opening_date=2024-01-01 &&
  grep -F "of $V1-ZH-0001: the same 村代码, 账户名称;" err &&
  refused sanzi account add village=$V2 name=基本户 kind=银行存款 \
    bank_account=6228480012345678 opening_balance=0 opening_date=2025-01-01 &&
  grep -F "of $V1-ZH-0001: the same 银行账号;" err &&
  unchanged
'

test_expect_success 'contract: the same object from the same start overlaps, named' '
  sanzi contract add village=$V1 kind=其他 object=$V1-ZY-0001 party=王二 \
    party_id=$ID2 start_date=2024-01-01 end_date=2024-06-30 \
    annual_amount=100 payment=一次性 first_due=2024-01-01 >/dev/null &&
  before=$(db_state) &&
  printf "%s\n" "村代码,合同类型,标的编号,对方名称,对方证件号,起始日期,终止日期,年金额,付款方式,首次应付日期" \
    "$V1,其他,$V1-ZY-0001,王二,$ID2,2024-01-01,2024-03-31,100,一次性,2024-01-01" \
    >合同.csv &&
  refused sanzi contract import 合同.csv &&
  grep -F "合同.csv:2: 起始日期: 2024-01-01 to 2024-03-31 overlaps contract $V1-HT-0001" err &&
  unchanged
'

test_expect_success 'a voided record is not repeated: the right one may be entered' '
  before=$(db_state) &&
  refused add_asset &&
  unchanged &&
  # the 拖拉机 of the first import, of --again and of add --allow-duplicates
  sql "SELECT code FROM asset WHERE village = '\''$V1'\'' AND
    name = '\''拖拉机'\'' AND original_value = 1250000 AND
    acquired_on = '\''2020-03-01'\''" >tractors &&
  test $(grep -c "" tractors) = 3 &&
  for c in $(cat tractors); do
    sanzi asset void $c --reason 重复录入 2>/dev/null || return 1
  done &&
  add_asset >out && grep -q "^$V1-ZC-" out
'

test_expect_success 'in Chinese: the file already imported, the row 疑似重复' '
  before=$(db_state) &&
  last_import &&
  refused sanzi --lang zh asset import 资产.csv &&
  grep -F "资产.csv：该文件已于 $when 由 tester 导入资产台账（变更日志第 $entry 条，文件名“资产.csv”），本次未导入任何数据。如确需再次导入，请加 --again" err &&
  printf "%s\n" "$ASSET_HEAD" \
    "$V2,机井,水利设施,经营性,8000,自建,2019-04-01,在用" \
    "$V2,机井,水利设施,经营性,8000,自建,2019-04-01,在用" >twice.csv &&
  refused sanzi --lang zh asset import twice.csv &&
  grep -F "twice.csv:3: 疑似重复：与本文件第 2 行的村代码、资产名称、取得日期、原值相同；如确是另一条记录，请加 --allow-duplicates" err &&
  unchanged
'

test_done
