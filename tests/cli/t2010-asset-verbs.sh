#!/bin/sh
# sanzi asset add / edit / show / list / template, their error paths, and
# the help every command answers. Depreciation figures are worked out by
# hand from doc/domain.md's rule (straight line, monthly, from the month after
# acquisition, every month that ended on or before the date, the last
# charge being the remainder).
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101

ASSET_DEFAULTS="village=$V1 name=办公楼 category=房屋及建筑物 nature=非经营性
original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=在用"

# add_asset KEY=VALUE...: `sanzi asset add` with a complete card; the
# arguments (English keys) replace the defaults with the same key.
add_asset() { add_to asset "$ASSET_DEFAULTS" "$@"; }


# as_of_figures CODE DATE: "accumulated net" from the depreciation part of
# `asset show --as-of DATE --format csv`, after checking it is as of DATE.
as_of_figures() {
  sanzi asset show "$1" --as-of "$2" --format csv --part depreciation |
    csv_pick 截至 累计折旧 净值 >dep.out &&
  test "$(cut -d"|" -f1 dep.out)" = "$2" &&
  cut -d"|" -f2,3 dep.out | tr "|" " "
}


# ---- add ----

test_expect_success 'setup: the county' '
  setup_county &&
  test "$(sql "SELECT count(*) FROM org WHERE level = '\''village'\''")" = 106
'

test_expect_success 'add with English keys prints the generated code' '
  add_asset >out &&
  echo "$V1-ZC-0001" >expect &&
  test_cmp expect out
'

test_expect_success 'codes are numbered per village' '
  add_asset name=水井 category=水利设施 >out &&
  echo "$V1-ZC-0002" >expect &&
  add_asset village=$V3 name=仓库 >>out &&
  echo "$V3-ZC-0001" >>expect &&
  test_cmp expect out
'

test_expect_success 'add with the Chinese column names' '
  sanzi asset add 村代码=$V2 资产名称=拖拉机 资产类别=农业机械 资产性质=经营性 \
    原值=60000 取得方式=购入 取得日期=2023-12-20 使用状态=在用 \
    坐落位置=二组 数量=2 计量单位=台 管护责任人=李四 权证号=NJ-001 备注=新购 >out &&
  echo "$V2-ZC-0001" >expect &&
  test_cmp expect out &&
  test "$(sql "SELECT name || '\''|'\'' || category || '\''|'\'' || location
     || '\''|'\'' || unit || '\''|'\'' || custodian || '\''|'\'' || certificate
     FROM asset WHERE code = '\''$V2-ZC-0001'\''")" = "拖拉机|农业机械|二组|台|李四|NJ-001"
'

test_expect_success 'a given code is kept' '
  add_asset code=FRD-2020-01 name=戏台 category=公益设施 >out &&
  echo FRD-2020-01 >expect &&
  test_cmp expect out
'

test_expect_success 'money is stored exactly, whatever way it is written' '
  add_asset code=M1 original_value=1,234.5 >/dev/null &&
  add_asset code=M2 original_value=¥1234 >/dev/null &&
  add_asset code=M3 original_value=１２３４．５６ >/dev/null &&
  add_asset code=M4 original_value=0.01 >/dev/null &&
  sql "SELECT code || '\''='\'' || original_value FROM asset
       WHERE code LIKE '\''M_'\'' ORDER BY code" >actual &&
  cat >expect <<-\EOF &&
	M1=123450
	M2=123400
	M3=123456
	M4=1
	EOF
  test_cmp expect actual
'

test_expect_success 'dates are stored as YYYY-MM-DD, whatever way they are written' '
  add_asset code=D1 acquired_on=2024/3/5 >/dev/null &&
  add_asset code=D2 acquired_on=2024.3.5 >/dev/null &&
  add_asset code=D3 acquired_on=2024年3月5日 >/dev/null &&
  test "$(sql "SELECT group_concat(DISTINCT acquired_on) FROM asset
               WHERE code IN ('\''D1'\'','\''D2'\'','\''D3'\'')")" = 2024-03-05
'

test_expect_success 'every add is in the change log with the operator and the code' '
  log_rows --table asset >log &&
  grep -qx "tester|insert|asset|$V1-ZC-0001" log &&
  grep -qx "tester|insert|asset|$V2-ZC-0001" log &&
  sanzi --user 王会计 asset add village=$V1 name=电脑 category=电子设备 \
    nature=非经营性 original_value=6000 acquired_via=购入 \
    acquired_on=2025-03-01 status=在用 >out &&
  code=$(cat out) &&
  test "$(log_rows --key "$code")" = "王会计|insert|asset|$code" &&
  SANZI_USER=赵出纳 sanzi asset add village=$V1 name=打印机 category=办公设备 \
    nature=非经营性 original_value=1500 acquired_via=购入 \
    acquired_on=2025-03-01 status=在用 >out &&
  code=$(cat out) &&
  test "$(log_rows --key "$code")" = "赵出纳|insert|asset|$code"
'

# ---- add: every error path; nothing is written ----

# refused KEY=VALUE...: add_asset must exit 1 and leave the database as it was.
refused() {
  before=$(db_state) &&
  test_must_fail 1 add_asset "$@" >out 2>err &&
  test "$(db_state)" = "$before" &&
  ! test -s out
}

test_expect_success 'more than 2 decimals is an error, not a rounding' '
  refused original_value=12.345 &&
  grep -F "原值: '\''12.345'\'': more than 2 decimals" err
'

test_expect_success 'an amount that is not a number names the column and value' '
  refused original_value=abc &&
  grep 原值 err | grep -q abc
'

test_expect_success 'a negative original value is refused' '
  refused original_value=-5 &&
  grep 原值 err | grep -q -- -5
'

test_expect_success 'an impossible date is refused' '
  refused acquired_on=2023-02-29 &&
  grep 取得日期 err | grep -q 2023-02-29
'

test_expect_success 'a date that is no date is refused' '
  refused acquired_on=去年 &&
  grep 取得日期 err | grep -q 去年
'

test_expect_success 'a category that is not in the list names the column' '
  refused category=汽车 &&
  grep 资产类别 err | grep -q 汽车
'

test_expect_success 'a nature, way of acquiring or status not in the list' '
  refused nature=公用 &&
  grep 资产性质 err | grep -q 公用 &&
  refused acquired_via=偷来 &&
  grep 取得方式 err | grep -q 偷来 &&
  refused status=报废 &&
  grep 使用状态 err | grep -q 报废
'

test_expect_success 'a residual rate over 100% is refused' '
  refused residual_rate=101 &&
  grep -q 净残值率 err
'

test_expect_success 'a useful life that is not a whole number of months' '
  refused useful_life_months=十年 &&
  grep -q 使用年限 err &&
  refused useful_life_months=12.5 &&
  grep -q 使用年限 err
'

test_expect_success 'an unknown village is refused, naming the code' '
  refused village=150125100299 &&
  grep 村代码 err | grep -q 150125100299
'

test_expect_success 'a village code of the wrong length is refused' '
  refused village=15012510020 &&
  grep 村代码 err | grep -q 15012510020
'

test_expect_success 'a township code is not a village' '
  refused village=150125100 &&
  grep -q 村代码 err
'

test_expect_success 'a missing required field is named' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset add village=$V1 name=无原值 category=其他 \
    nature=经营性 acquired_via=购入 acquired_on=2020-01-01 status=在用 2>err &&
  grep -q 原值 err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'an empty required field is refused' '
  refused name= &&
  grep -q 资产名称 err
'

test_expect_success 'accumulated depreciation without the month it runs through' '
  refused accumulated_depreciation=1000 &&
  grep -q 折旧截至 err
'

test_expect_success 'accumulated depreciation above the original value' '
  refused original_value=1000 accumulated_depreciation=2000 \
    depreciated_through=2021-01 &&
  grep -q 累计折旧 err
'

test_expect_success 'depreciation through a month before the acquisition' '
  refused accumulated_depreciation=100 depreciated_through=2020-05 &&
  grep 折旧截至 err | grep -q 2020-05
'

test_expect_success 'the computed net value cannot be entered' '
  refused net_value=100 &&
  grep -q 净值 err
'

test_expect_success 'an unknown key is refused and the accepted names are listed' '
  refused colour=red &&
  grep -q colour err &&
  grep -q 原值 err &&
  grep -q original_value err
'

test_expect_success 'a code that exists is refused' '
  refused code=FRD-2020-01 &&
  grep -q FRD-2020-01 err
'

test_expect_success 'the duplicate-code message offers no option add does not have' '
  refused code=FRD-2020-01 &&
  ! grep -q -- --update err
'

test_expect_success 'a certificate number already used is refused, naming the holder' '
  refused certificate=NJ-001 &&
  grep 权证号 err | grep -q NJ-001 &&
  grep -q "$V2-ZC-0001" err
'

test_expect_success 'add usage errors exit 2 and write nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi asset add 2>err &&
  test_must_fail 2 sanzi asset add 办公楼 2>err &&
  test_must_fail 2 add_asset --bogus 2>err &&
  grep -q -- --bogus err &&
  test "$(db_state)" = "$before"
'

# ---- show and depreciation ----

test_expect_success 'show prints every field with its value' '
  sanzi asset show "$V2-ZC-0001" >out &&
  for f in 资产编号 村代码 资产名称 资产类别 资产性质 坐落位置 数量 计量单位 \
           原值 累计折旧 折旧截至 使用年限 净残值率 取得方式 取得日期 使用状态 \
           管护责任人 权证号 备注; do
    grep -q "$f" out || { echo "missing $f"; return 1; }
  done &&
  grep 资产名称 out | grep -q 拖拉机 &&
  grep 原值 out | grep -q "60,\{0,1\}000\.00" &&
  grep 取得日期 out | grep -q 2023-12-20 &&
  grep 计量单位 out | grep -q 台
'

test_expect_success 'doc/domain.md worked example: 62,700.00 and 57,300.00 as of 2025-12-31' '
  # 120,000.00 x 95% / 120 = 950.00 a month from July 2020;
  # July 2020 to December 2025 is 66 months: 62,700.00, net 57,300.00.
  code=$(add_asset code=W1 original_value=120000 useful_life_months=120 \
         residual_rate=5% acquired_on=2020-06-15) &&
  test "$(as_of_figures W1 2025-12-31)" = "62700.00 57300.00"
'

test_expect_success 'worked example: nothing in the month of acquisition' '
  test "$(as_of_figures W1 2020-06-30)" = "0.00 120000.00" &&
  test "$(as_of_figures W1 2020-07-31)" = "950.00 119050.00" &&
  test "$(as_of_figures W1 2020-01-01)" = "0.00 120000.00"
'

test_expect_success 'worked example: a month counts only once it has ended' '
  # 2025-12-30: December has not ended; July 2020 to November 2025 = 65.
  test "$(as_of_figures W1 2025-12-30)" = "61750.00 58250.00"
'

test_expect_success 'default life by category: 房屋及建筑物 240 months, 5% residual' '
  # 500,000.00 x 95% = 475,000.00; / 240 = 1,979.1666.. -> 1,979.17 a month
  # from April 2019. To June 2024: 63 months = 124,687.71, net 375,312.29.
  # As of 2024-06-29 June has not ended: 62 months = 122,708.54.
  add_asset code=H1 original_value=500000 acquired_on=2019-03-10 >/dev/null &&
  test "$(as_of_figures H1 2024-06-30)" = "124687.71 375312.29" &&
  test "$(as_of_figures H1 2024-06-29)" = "122708.54 377291.46"
'

test_expect_success 'default life 电子设备 36 months: the last charge is the remainder' '
  # 10,000.00 x 95% = 9,500.00; / 36 = 263.888.. -> 263.89 from February
  # 2018. To December 2020, 35 months: 9,236.15. The 36th month (January
  # 2021) charges the remainder 263.85: 9,500.00 exactly, never more.
  add_asset code=E1 category=电子设备 original_value=10000 \
    acquired_on=2018-01-20 >/dev/null &&
  test "$(as_of_figures E1 2020-12-31)" = "9236.15 763.85" &&
  test "$(as_of_figures E1 2021-01-31)" = "9500.00 500.00" &&
  test "$(as_of_figures E1 2025-12-31)" = "9500.00 500.00"
'

test_expect_success 'land (土地) does not depreciate' '
  add_asset code=L1 category=土地 original_value=30000 \
    acquired_on=2010-01-01 >/dev/null &&
  test "$(as_of_figures L1 2025-12-31)" = "0.00 30000.00"
'

test_expect_success 'a registered opening depreciation continues from its month' '
  # 机器设备, default 120 months: 60,000.00 x 95% / 120 = 475.00 a month.
  # Registered 10,000.00 through 2022-12; 2023 adds 12 x 475.00 = 5,700.00.
  add_asset code=O1 category=机器设备 original_value=60000 \
    acquired_on=2020-01-01 accumulated_depreciation=10000 \
    depreciated_through=2022-12 >/dev/null &&
  test "$(as_of_figures O1 2022-12-31)" = "10000.00 50000.00" &&
  test "$(as_of_figures O1 2023-12-31)" = "15700.00 44300.00"
'

test_expect_success 'a life and residual rate on the card win over the defaults' '
  # 1,000.00, no residual, 100 months: 10.00 a month from February 2024.
  add_asset code=R0 original_value=1000 useful_life_months=100 \
    residual_rate=0 acquired_on=2024-01-15 >/dev/null &&
  test "$(as_of_figures R0 2024-12-31)" = "110.00 890.00"
'

test_expect_success 'show of a code that does not exist: exit 1, named' '
  test_must_fail 1 sanzi asset show NO-SUCH >out 2>err &&
  grep -q NO-SUCH err &&
  ! test -s out
'

test_expect_success 'show --as-of a bad date: exit 1, no half-printed record' '
  test_must_fail 1 sanzi asset show W1 --as-of 2023-02-29 >out 2>err &&
  grep -q 2023-02-29 err &&
  ! test -s out
'

test_expect_success 'show usage errors exit 2' '
  test_must_fail 2 sanzi asset show 2>err &&
  test_must_fail 2 sanzi asset show W1 H1 2>err &&
  test_must_fail 2 sanzi asset show W1 --bogus 2>err &&
  test_must_fail 2 sanzi asset show W1 --as-of 2>err
'

# ---- edit ----

test_expect_success 'edit changes the fields given, logged with old and new' '
  sanzi --user 王会计 asset edit W1 原值=130000 custodian=李四 2>err &&
  test "$(sql "SELECT original_value || '\''|'\'' || custodian || '\''|'\'' || name
               FROM asset WHERE code = '\''W1'\''")" = "13000000|李四|办公楼" &&
  log_rows --key W1 >actual &&
  printf "%s\n" "tester|insert|asset|W1" "王会计|update|asset|W1" >expect &&
  test_cmp expect actual
'

test_expect_success 'show lists the changed fields with old -> new' '
  # W1 was added at 120,000.00 with no custodian; the name is unchanged.
  changes asset show W1 >actual &&
  cat >expect <<-EOF &&
	原值|120,000.00|130,000.00
	管护责任人||李四
	EOF
  test_cmp expect actual &&
  sanzi asset show W1 --format csv --part history |
    csv_pick 操作人 操作 字段 >actual &&
  cat >expect <<-EOF &&
	tester|insert|
	王会计|update|原值
	王会计|update|管护责任人
	EOF
  test_cmp expect actual
'

test_expect_success 'a second edit keeps the first one in the history' '
  sanzi asset edit W1 original_value=125000 2>err &&
  changes asset show W1 >actual &&
  cat >expect <<-EOF &&
	原值|120,000.00|130,000.00
	管护责任人||李四
	原值|130,000.00|125,000.00
	EOF
  test_cmp expect actual &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'the new value is what depreciation uses' '
  # 125,000.00 x 95% / 120 = 989.58333.. -> 989.58; 66 months = 65,312.28.
  test "$(as_of_figures W1 2025-12-31)" = "65312.28 59687.72"
'

test_expect_success 'editing to the same values writes nothing' '
  before=$(db_state) &&
  sanzi asset edit W1 原值=125000 custodian=李四 2>err &&
  test "$(db_state)" = "$before" &&
  sanzi asset edit W1 原值=¥125,000.00 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'edit can empty an optional field' '
  sanzi asset edit W1 管护责任人= 2>err &&
  test "$(sql "SELECT custodian IS NULL FROM asset WHERE code = '\''W1'\''")" = 1
'

test_expect_success 'the code is fixed: cannot be changed' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit W1 code=W9 2>err &&
  grep -q 资产编号 err &&
  test_must_fail 1 sanzi asset edit W1 资产编号=W9 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'the village is fixed: cannot be changed' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit W1 village=$V2 2>err &&
  grep -q 村代码 err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'edit with a bad value is refused, nothing written' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit W1 原值=12.345 2>err &&
  grep -F -q "原值: '\''12.345'\'': more than 2 decimals" err &&
  test_must_fail 1 sanzi asset edit W1 资产名称= 2>err &&
  grep -q 资产名称 err &&
  test_must_fail 1 sanzi asset edit W1 取得日期=2023-02-29 2>err &&
  grep -q 取得日期 err &&
  test_must_fail 1 sanzi asset edit W1 certificate=NJ-001 2>err &&
  grep -q 权证号 err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'edit with an unknown key is refused, nothing written' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit W1 colour=red 2>err &&
  grep -q colour err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'edit of a code that does not exist: exit 1, named' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit NO-SUCH 原值=1 2>err &&
  grep -q NO-SUCH err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'edit usage errors exit 2 and write nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi asset edit 2>err &&
  test_must_fail 2 sanzi asset edit W1 2>err &&
  test_must_fail 2 sanzi asset edit W1 原值 2>err &&
  test_must_fail 2 sanzi asset edit W1 原值=1 --bogus 2>err &&
  test "$(db_state)" = "$before"
'

# ---- list ----

test_expect_success 'list (table) has one line per asset, with names' '
  setup_county &&
  add_asset name=办公楼 >/dev/null &&
  add_asset name=水井 category=水利设施 original_value=1234.5 \
    acquired_on=2024-03-05 status=闲置 >/dev/null &&
  add_asset village=$V2 name=拖拉机 category=农业机械 >/dev/null &&
  add_asset village=$V3 name=仓库 original_value=8000 >/dev/null &&
  sanzi asset list >out &&
  test "$(grep -c "ZC-000" out)" = 4 &&
  grep "$V1-ZC-0002" out | grep 水井 | grep -q 闲置
'

test_expect_success 'list --format csv: exact values' '
  sanzi asset list --format csv >out &&
  csv_pick 资产编号 村代码 资产名称 原值 >actual <out &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|$V1|办公楼|120000.00
	$V1-ZC-0002|$V1|水井|1234.50
	$V2-ZC-0001|$V2|拖拉机|120000.00
	$V3-ZC-0001|$V3|仓库|8000.00
	EOF
  test_cmp expect actual
'

test_expect_success 'list --format json: one object per asset' '
  sanzi asset list --format json >out.json &&
  test "$(sqlite3 :memory: "SELECT json_valid(CAST(readfile('\''out.json'\'') AS TEXT))")" = 1 &&
  sqlite3 :memory: "SELECT json_extract(value, '\''\$.code'\'') || '\''|'\'' ||
     json_extract(value, '\''\$.name'\'') FROM json_each(CAST(readfile('\''out.json'\'') AS TEXT))" >actual &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|办公楼
	$V1-ZC-0002|水井
	$V2-ZC-0001|拖拉机
	$V3-ZC-0001|仓库
	EOF
  test_cmp expect actual
'

test_expect_success 'list --village: that village only' '
  sanzi asset list --village $V1 --format csv | csv_pick 资产编号 >actual &&
  printf "%s\n" $V1-ZC-0001 $V1-ZC-0002 >expect &&
  test_cmp expect actual
'

test_expect_success 'list --township: the villages of that township only' '
  sanzi asset list --township 150125100 --format csv | csv_pick 资产编号 >actual &&
  printf "%s\n" $V1-ZC-0001 $V1-ZC-0002 $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  sanzi asset list --township 150125101 --format csv | csv_pick 资产编号 >actual &&
  echo $V3-ZC-0001 >expect &&
  test_cmp expect actual
'

test_expect_success 'list --township of the county lists all' '
  sanzi asset list --township 150125 --format csv | csv_pick 资产编号 >actual &&
  test "$(wc -l <actual)" = 4
'

test_expect_success 'list of a village with nothing registered is empty, exit 0' '
  sanzi asset list --village 150125100203 --format csv | csv_pick 资产编号 >actual &&
  ! test -s actual
'

test_expect_success 'list --village of an unknown village: exit 1' '
  test_must_fail 1 sanzi asset list --village 150125100299 >out 2>err &&
  grep -q 150125100299 err
'

test_expect_success 'list --township of an unknown township: exit 1' '
  test_must_fail 1 sanzi asset list --township 150125199 >out 2>err &&
  grep -q 150125199 err
'

test_expect_success 'list usage errors exit 2' '
  test_must_fail 2 sanzi asset list --format xml 2>err &&
  grep -q xml err &&
  test_must_fail 2 sanzi asset list --village 2>err &&
  test_must_fail 2 sanzi asset list --bogus 2>err &&
  test_must_fail 2 sanzi asset list extra 2>err &&
  test_must_fail 2 sanzi asset list --village $V1 --township 150125100 2>err
'

# ---- template ----

test_expect_success 'template: the Chinese column names, then one example row' '
  sanzi asset template >tpl.csv &&
  printf "\357\273\277" >bom &&
  sed "1s/^$(cat bom)//" tpl.csv | tr -d "\r" | grep -v "^\$" >tpl.txt &&
  test "$(wc -l <tpl.txt)" = 2 &&
  head -1 tpl.txt >actual &&
  echo 资产编号,村代码,资产名称,资产类别,资产性质,坐落位置,数量,计量单位,原值,累计折旧,折旧截至,使用年限（月）,净残值率,取得方式,取得日期,使用状态,管护责任人,权证号,备注 >expect &&
  test_cmp expect actual
'

test_expect_success 'the template imports as it is into a county database' '
  setup_county &&
  sanzi asset template >tpl.csv &&
  sanzi asset import tpl.csv 2>err &&
  test "$(sql "SELECT count(*) FROM asset")" = 1 &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'template takes no arguments' '
  test_must_fail 2 sanzi asset template extra 2>err
'

# ---- unknown verbs, help ----

test_expect_success 'an unknown verb or none is a usage error' '
  before=$(db_state) &&
  test_must_fail 2 sanzi asset frobnicate 2>err &&
  grep -q frobnicate err &&
  test_must_fail 2 sanzi asset 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'asset --help and each verb --help: usage on stdout, exit 0' '
  sanzi asset --help >out &&
  grep -q usage out &&
  for v in template import export list show add edit; do
    sanzi asset $v --help >out 2>err || { echo "$v: exit $?"; return 1; }
    grep -q usage out || { echo "$v: no usage"; return 1; }
  done
'

test_expect_success '--help works without a database and creates none' '
  sanzi --db nowhere.db asset add --help >out &&
  sanzi --db nowhere.db asset --help >out &&
  ! test -e nowhere.db
'

test_expect_success 'sanzi help lists the commands, exit 0' '
  sanzi help >out &&
  for c in init config org asset resource account fund log summary help; do
    grep -q "^ *$c " out || { echo "missing $c"; return 1; }
  done &&
  sanzi --help >out2 &&
  test_cmp out out2
'

test_expect_success 'every command answers --help with exit 0' '
  for c in init config org asset resource account fund log summary help; do
    sanzi $c --help >out 2>err || { echo "$c: exit $?"; return 1; }
    test -s out || { echo "$c: nothing on stdout"; return 1; }
  done
'

test_expect_success 'an unknown command or option is a usage error' '
  test_must_fail 2 sanzi frobnicate 2>err &&
  grep -q frobnicate err &&
  test_must_fail 2 sanzi --bogus asset list 2>err &&
  test_must_fail 2 sanzi 2>err
'

test_done
