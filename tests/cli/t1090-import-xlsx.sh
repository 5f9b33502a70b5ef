#!/bin/sh
# Workbooks import through the same pipeline as CSV (issue 13): an .xlsx as
# Excel or WPS writes it, an .xls as WPS and old Excel save it, told by
# content whatever the name; every rule, all or nothing, errors at the row
# Excel shows; the sheet chosen by --sheet or by its header.
. "$(dirname "$0")/lib.sh"

# book FILE: writes the workbook the Python lines on stdin describe
# (openpyxl, as Excel would save it).
book() {
  { echo "import openpyxl, datetime"
    echo "wb = openpyxl.Workbook(); ws = wb.active"
    cat
    echo "wb.save('$1')"; } | "$PY" -
}
H="['资产编号','村代码','资产名称','资产类别','资产性质','原值（万元）','取得方式','取得日期','使用状态']"

# assets: code|name|original value in fen|acquired on|status, by code
assets() {
  sql "SELECT code, name, original_value, acquired_on, status FROM asset
       ORDER BY code"
}

test_expect_success 'an .xlsx: a merged title, 万元, a code stored as a number, dates by format' '
  setup_county &&
  book 台账.xlsx <<-PY &&
	ws.title = "资产"
	ws.append(["武川县可可以力更镇福如东村集体资产台账"]); ws.merge_cells("A1:I1")
	ws.append($H)
	ws.append([None, 150125100201, "拖拉机", "农业机械", "经营性", 3.5, "购入", datetime.date(2019, 3, 5), "在用"])
	ws.cell(row=3, column=8).number_format = "yyyy\"年\"m\"月\"d\"日\""
	ws.append([None, "150125100202", "水泵", "机器设备", "经营性", 1.2345, "购入", datetime.date(2020, 5, 6), "闲置"])
	ws.cell(row=4, column=8).number_format = "yyyy/m/d"
	PY
  sanzi asset import 台账.xlsx 2>err &&
  grep -F "'\''台账.xlsx'\'' (xlsx): 2 new, 0 updated, 0 unchanged" err &&
  # 3.5 万元 = 35,000.00 元; 1.2345 万元 = 12,345.00 元
  printf "%s\n" "150125100201-ZC-0001|拖拉机|3500000|2019-03-05|在用" \
    "150125100202-ZC-0001|水泵|1234500|2020-05-06|闲置" >expect &&
  assets >actual && test_cmp expect actual
'

test_expect_success 'a workbook named .csv is still read as a workbook (by its content)' '
  setup_county &&
  cp 台账.xlsx 台账.csv &&
  sanzi asset import 台账.csv --dry-run 2>err &&
  grep -F "(xlsx): 2 new" err
'

test_expect_success 'an .xls as WPS and old Excel save it' '
  setup_county &&
  sanzi asset import "$TOP/tests/data/assets.xls" 2>err &&
  grep -F "(xls): 2 new, 0 updated, 0 unchanged" err &&
  printf "%s\n" "150125100201-ZC-0001|旧电脑|900000|2015-03-01|在用" \
    "150125100202-ZC-0001|抽水机|1250050|2018-07-09|闲置" >expect &&
  assets >actual && test_cmp expect actual
'

test_expect_success 'bad cells are refused at the row Excel shows, nothing written' '
  setup_county &&
  book bad.xlsx <<-PY &&
	ws.append(["资产台账"])
	ws.append([])
	ws.append($H)
	ws.append([None, "150125100201", "拖拉机", "农业机械", "经营性", 3.5, "购入", datetime.date(2019, 3, 5), "在用"])
	ws.append([None, "150125100201", "水泵", "机械设备", "经营性", 1.23456789, "购入", "2019-13-01", "在用"])
	ws.append([None, "150125100201", "铡草机", "农业机械", "经营性", "=1/0", "购入", datetime.date(2019, 3, 5), "在用"])
	ws["F6"] = "#DIV/0!"
	PY
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import bad.xlsx 2>err &&
  test "$(db_state)" = "$before" &&
  grep "^bad.xlsx:5: 资产类别: " err &&
  grep "^bad.xlsx:5: 原值（万元）: " err &&
  grep "^bad.xlsx:5: 取得日期: " err &&
  grep "^bad.xlsx:6: 原值（万元）: " err &&
  ! grep "^bad.xlsx:4:" err &&
  grep -Fx "sanzi: '\''bad.xlsx'\'': nothing imported (4 errors)" err
'

test_expect_success 'money judged by the stored value, not the displayed one' '
  setup_county &&
  book shown.xlsx <<-PY &&
	ws.append(["资产编号","村代码","资产名称","资产类别","资产性质","原值","取得方式","取得日期","使用状态"])
	ws.append([None, "150125100201", "库房", "房屋及建筑物", "经营性", 12500.123, "自建", "2019-03-05", "在用"])
	ws["F2"].number_format = "0.00"
	PY
  test_must_fail 1 sanzi asset import shown.xlsx 2>err &&
  grep -F "shown.xlsx:2: 原值: '\''12500.123'\'': more than 2 decimals" err
'

# three sheets: notes, the assets, an empty one
test_expect_success 'the sheet: the one whose header names the columns, or --sheet' '
  setup_county &&
  book three.xlsx <<-PY &&
	ws.title = "填表说明"; ws.append(["原值以万元计"]); ws.append(["请勿改动表头"])
	ws2 = wb.create_sheet("资产"); ws2.append($H)
	ws2.append([None, "150125100201", "拖拉机", "农业机械", "经营性", 3.5, "购入", "2019-03-05", "在用"])
	wb.create_sheet("空表")
	PY
  sanzi asset import three.xlsx --dry-run 2>err &&
  grep -F "1 new" err &&
  sanzi asset import three.xlsx --sheet 资产 --dry-run 2>err &&
  grep -F "1 new" err &&
  sanzi asset import three.xlsx --sheet 2 --dry-run 2>err &&
  grep -F "1 new" err &&
  test_must_fail 1 sanzi asset import three.xlsx --sheet 4 2>err &&
  test "$(head -n 1 err)" = "three.xlsx: no sheet '\''4'\''; the sheets are '\''填表说明'\'', '\''资产'\'', '\''空表'\''" &&
  test_must_fail 1 sanzi asset import three.xlsx --sheet 填表说明 2>err &&
  grep -F "no header row" err
'

test_expect_success 'no sheet with a header, or several: the sheets are named' '
  setup_county &&
  book none.xlsx <<-PY &&
	ws.title = "甲"; ws.append(["姓名", "电话"])
	wb.create_sheet("乙").append(["日期", "金额"])
	PY
  test_must_fail 1 sanzi asset import none.xlsx 2>err &&
  test "$(head -n 1 err)" = "none.xlsx: no sheet has a header of asset columns (the sheets are '\''甲'\'', '\''乙'\''); name one with --sheet" &&
  book two.xlsx <<-PY &&
	ws.title = "2024"; ws.append($H)
	wb.create_sheet("2025").append($H)
	PY
  test_must_fail 1 sanzi asset import two.xlsx 2>err &&
  test "$(head -n 1 err)" = "two.xlsx: the sheets '\''2024'\'', '\''2025'\'' all have a header of asset columns; name the one to import with --sheet" &&
  test_must_fail 1 sanzi --lang zh asset import two.xlsx 2>err &&
  test "$(head -n 1 err)" = "two.xlsx：工作表 “2024”、“2025” 的表头都是资产的列；请用 --sheet 指定要导入的一个"
'

test_expect_success 'export to CSV, then the same rows from a workbook with --update: unchanged' '
  setup_county &&
  sanzi asset import 台账.xlsx 2>/dev/null &&
  before=$(db_state) &&
  sanzi asset export >all.csv &&
  "$PY" - <<-PY &&
	import csv, openpyxl
	wb = openpyxl.Workbook(); ws = wb.active
	with open("all.csv", encoding="utf-8-sig", newline="") as f:
	    for row in csv.reader(f): ws.append(row)
	wb.save("again.xlsx")
	PY
  sanzi asset import again.xlsx --update 2>err &&
  grep -F "0 new, 0 updated, 2 unchanged" err &&
  test "$(db_state)" = "$before"
'

test_done
