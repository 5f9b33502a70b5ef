#!/bin/sh
# Sheets as Excel makes them: lines above the header that name no column
# (titles, 填报单位, 填表日期, units) are skipped; rows of 合计, 小计 and 总计
# are checked against the rows they total, not imported; a footer (制表人,
# 审核人, 填表说明 ...) ends the data; unknown columns are reported once.
# CSV and .xlsx alike.
. "$(dirname "$0")/lib.sh"

V1=150125100201
V2=150125100202
H="资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态"
row() { # NAME VALUE [VILLAGE]
  echo ",${3:-$V1},$1,机器设备,经营性,$2,购入,2022-04-01,在用"
}
# values: name|original value in fen of every asset, by id
values() { sql "SELECT name, original_value FROM asset ORDER BY id"; }

book() {
  { echo "import openpyxl, datetime"
    echo "wb = openpyxl.Workbook(); ws = wb.active"
    cat
    echo "wb.save('$1')"; } | "$PY" -
}

test_expect_success 'setup' '
  setup_county
'

test_expect_success 'a title, 填报单位 and unit lines, totals and a footer: the rows go in' '
  { echo "武川县村集体资产登记表,,,,,,,," &&
    echo "填报单位：可可以力更镇农经站,,,,,,,,单位：元" &&
    echo "填表日期：2025年12月31日,,,,,,,," &&
    echo "$H" &&
    row 水泵 3500.00 && row 播种机 "\"1,500.50\"" &&
    echo "小计,,,,,\"5,000.50\",,," &&
    row 拖拉机 12000 $V2 &&
    echo "小  计,,,,,12000.00,,," &&
    echo "合 计,,,,,\"17,000.50\",,," &&
    echo "制表人：张三,,审核人：李四,,,,,," &&
    echo "填表说明：1. 原值以元为单位。,,,,,,,," &&
    echo "2. 本表一式两份。,,,,,,,,"; } >good.csv &&
  sanzi asset import good.csv 2>err &&
  grep -F "3 new" err &&
  values >actual &&
  printf "%s\n" "水泵|350000" "播种机|150050" "拖拉机|1200000" >expect &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null
'

test_expect_success 'a wrong 合计 is refused, naming the cell and both figures' '
  { echo "$H" && row 水泵 3500 && row 播种机 1500.5 &&
    echo "合计,,,,,5000.00,,,"; } >bad.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import --allow-duplicates bad.csv 2>err &&
  unchanged &&
  echo "bad.csv:4: 原值: 合计 is 5,000.00, but the rows it totals add up to 5,000.50" >expect &&
  head -1 err >actual &&
  test_cmp expect actual
'

test_expect_success 'a 小计 totals the rows since the last one; 合计 all since the last 合计' '
  { echo "$H" && row a 1 && row b 2 && echo "小计,,,,,3,,," &&
    row c 4 && echo "小计,,,,,7,,," && echo "合计,,,,,7,,,"; } >sub.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import sub.csv --dry-run 2>err &&
  unchanged &&
  echo "sub.csv:6: 原值: 小计 is 7.00, but the rows it totals add up to 4.00" >expect &&
  grep "^sub.csv" err >actual &&
  test_cmp expect actual
'

test_expect_success 'a 总计 and a total in 万元 are checked in the column'"'"'s unit' '
  { echo "资产编号,村代码,资产名称,资产类别,资产性质,原值（万元）,取得方式,取得日期,使用状态" &&
    row a 1.5 && row b 0.25 && echo "总计,,,,,1.75,,,"; } >wan.csv &&
  sanzi asset import wan.csv --dry-run 2>err &&
  grep -F "2 new" err &&
  sed "s/^总计,,,,,1.75/总计,,,,,1.7/" wan.csv >wan2.csv &&
  test_must_fail 1 sanzi asset import wan2.csv --dry-run 2>err &&
  grep -Fx "wan2.csv:4: 原值（万元）: 总计 is 17,000.00, but the rows it totals add up to 17,500.00" err
'

test_expect_success 'a total that is not a number is refused' '
  { echo "$H" && row a 1 && echo "合计,,,,,一元,,,"; } >nan.csv &&
  test_must_fail 1 sanzi asset import nan.csv --dry-run 2>err &&
  grep -F "nan.csv:3: 原值: 合计: '\''一元'\''" err
'

test_expect_success 'resources: the area is totalled too' '
  { echo "资源编号,村代码,资源名称,地类,面积,经营状态" &&
    echo ",$V1,东地,0103,10.5,发包" && echo ",$V1,西地,0103,2.25,发包" &&
    echo "合计,,,,12.75,"; } >res.csv &&
  sanzi resource import res.csv --dry-run 2>err &&
  grep -F "2 new" err &&
  sed "s/^合计,,,,12.75/合计,,,,12.5/" res.csv >res2.csv &&
  test_must_fail 1 sanzi resource import res2.csv --dry-run 2>err &&
  grep -Fx "res2.csv:4: 面积: 合计 is 12.5, but the rows it totals add up to 12.75" err
'

test_expect_success 'unknown columns are reported once, with the accepted names once' '
  { echo "$H,购置人,经手人" && echo "$(row a 1),张三,李四"; } >unk.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import unk.csv 2>err &&
  unchanged &&
  test $(grep -c "" err) = 2 &&
  grep "^unk.csv:1: unknown columns '\''购置人'\'', '\''经手人'\''; accepted: " err &&
  test $(grep -o "权证号" err | wc -l) = 1
'

test_expect_success 'missing columns: one message' '
  echo "资产编号,村代码,资产名称,资产类别" >miss.csv &&
  echo ",$V1,a,机器设备" >>miss.csv &&
  test_must_fail 1 sanzi asset import miss.csv 2>err &&
  test $(grep -c "" err) = 2 &&
  grep "^miss.csv:1: missing required columns 资产性质 (nature), 原值 (original_value), 取得方式 (acquired_via), 取得日期 (acquired_on), 使用状态 (status); accepted: " err
'

test_expect_success 'an .xlsx with a merged title, a unit line, a 合计 row and a footer' '
  book layout.xlsx <<-PY &&
	ws.append(["武川县村集体资产登记表"]); ws.merge_cells("A1:I1")
	ws.append(["填报单位：可可以力更镇", None, None, None, None, None, None, None, "单位：元"])
	ws.append("$H".split(","))
	ws.append([None, "$V1", "铡草机", "机器设备", "经营性", 800, "购入", datetime.date(2022, 4, 1), "在用"])
	ws.append([None, "$V1", "粉碎机", "机器设备", "经营性", 1200.5, "购入", datetime.date(2022, 4, 1), "在用"])
	ws.append(["合计", None, None, None, None, 2000.5])
	ws.append(["制表人：张三", None, "审核人：李四"])
	PY
  sanzi asset import layout.xlsx 2>err &&
  grep -F "2 new" err &&
  sql "SELECT name, original_value FROM asset WHERE name IN (\"铡草机\", \"粉碎机\") ORDER BY id" >actual &&
  printf "%s\n" "铡草机|80000" "粉碎机|120050" >expect &&
  test_cmp expect actual
'

test_expect_success 'in Chinese: a wrong total' '
  test_must_fail 1 sanzi --lang zh asset import --allow-duplicates bad.csv 2>err &&
  echo "bad.csv:4: 原值: 合计为 5,000.00，但其所合计各行之和为 5,000.50" >expect &&
  head -1 err >actual &&
  test_cmp expect actual
'

test_done
