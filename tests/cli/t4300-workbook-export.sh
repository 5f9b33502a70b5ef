#!/bin/sh
# REGISTER list|export --format xlsx --out FILE (issue 13, part 3): money as
# numbers formatted #,##0.00, dates as Excel dates, codes as text, 村名称
# beside 村代码, a row 合计 (SUBTOTAL, its value as computed), the header
# frozen, an autofilter, the print set-up; an exported workbook imports back
# (--update) without a change; a workbook is written whole or not at all.
# The expected values are worked out from the records added below.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会
V2=150125100202   # 大水圪洞村民委员会
T=150125100       # 可可以力更镇

# book FILE SCRIPT: runs SCRIPT (python) with ws, the first sheet of FILE
# (data_only: formulas as their computed values), and wb.
book() {
  "$PY" -c "
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
ws = wb.worksheets[0]
$2" "$1"
}

test_expect_success 'setup: four assets in two villages, a resource, an account' '
  setup_county &&
  sanzi asset add village=$V1 name=办公楼 category=房屋及建筑物 nature=非经营性 \
    original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=在用 \
    >/dev/null &&
  sanzi asset add village=$V1 name=水泵 category=机器设备 nature=经营性 \
    original_value=3456.78 acquired_via=购入 acquired_on=2024-03-01 status=闲置 \
    residual_rate=0.5% useful_life_months=120 >/dev/null &&
  sanzi asset add village=$V2 name=库房 category=房屋及建筑物 nature=经营性 \
    original_value=80000.5 acquired_via=自建 acquired_on=2016-04-20 status=在用 \
    certificate=00012345 >/dev/null &&
  sanzi asset add village=$V2 name=电脑 category=电子设备 nature=非经营性 \
    original_value=9000 acquired_via=购入 acquired_on=2015-03-01 status=在用 \
    >/dev/null &&
  sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=120.5 \
    status=发包 >/dev/null &&
  sanzi account add village=$V2 name=现金 kind=库存现金 opening_balance=1200 \
    opening_date=2025-01-01 >/dev/null
'

test_expect_success 'export --format xlsx: the export columns, 村名称 beside 村代码' '
  sanzi asset export --township $T --format xlsx --out a.xlsx 2>err &&
  test "$(cat err)" = "wrote '"'"'a.xlsx'"'"': 4 rows" &&
  book a.xlsx "print(\"|\".join(str(c.value) for c in ws[1]))" >head &&
  echo "资产编号|村代码|村名称|资产名称|资产类别|资产性质|坐落位置|数量|计量单位|原值|累计折旧|折旧截至|使用年限（月）|净残值率|取得方式|取得日期|使用状态|管护责任人|权证号|备注" >expect &&
  test_cmp expect head &&
  book a.xlsx "
for r in ws.iter_rows(min_row=2, max_row=5):
    print(\"|\".join(\"\" if c.value is None else str(c.value) for c in r[:4]))
" >rows &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|$V1|福如东村民委员会|办公楼
	$V1-ZC-0002|$V1|福如东村民委员会|水泵
	$V2-ZC-0001|$V2|大水圪洞村民委员会|库房
	$V2-ZC-0002|$V2|大水圪洞村民委员会|电脑
	EOF
  test_cmp expect rows
'

test_expect_success 'money a number #,##0.00, a date an Excel date, a code and a certificate text' '
  book a.xlsx "
c = ws[\"J3\"]; print(type(c.value).__name__, c.value, c.number_format)
c = ws[\"P2\"]; print(type(c.value).__name__, c.value.date(), c.number_format)
print(type(ws[\"B2\"].value).__name__, type(ws[\"S4\"].value).__name__, ws[\"S4\"].value)
print(ws[\"N3\"].value, ws[\"M3\"].value)
" >cells &&
  cat >expect <<-EOF &&
	float 3456.78 #,##0.00
	datetime 2020-06-15 yyyy-mm-dd
	str str 00012345
	0.5% 120
	EOF
  test_cmp expect cells
'

# 原值: 120000 + 3456.78 + 80000.50 + 9000 = 212457.28
test_expect_success 'a row 合计 under the data: SUBTOTAL of the money columns, its value computed' '
  book a.xlsx "
r = ws.max_row
print(r, ws.cell(r, 1).value, ws.cell(r, 10).value, ws.cell(r, 11).value)
" >total &&
  echo "6 合计 212457.28 0" >expect &&
  test_cmp expect total &&
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"a.xlsx\").worksheets[0]
print(ws[\"J6\"].value, ws[\"J6\"].number_format)" >formula &&
  echo "=SUBTOTAL(9,J2:J5) #,##0.00" >expect &&
  test_cmp expect formula
'

test_expect_success 'the header frozen, an autofilter over header and data, the print set-up' '
  book a.xlsx "
ps = ws.page_setup
print(ws.freeze_panes, ws.auto_filter.ref, ps.paperSize, ps.orientation,
      ws.sheet_properties.pageSetUpPr.fitToPage, ps.fitToHeight,
      ws.print_title_rows)
print(ws.oddHeader.left.text, ws.oddHeader.right.text)
print(ws.oddFooter.center.text, ws.oddFooter.left.text[:5])
" >setup &&
  cat >expect <<-EOF &&
	A2 A1:T5 9 landscape True 0 \$1:\$1
	资产台账 可可以力更镇（150125100）
	第 &P 页 共 &N 页 导出时间：
	EOF
  test_cmp expect setup
'

test_expect_success 'the exported workbook imports back (--update): nothing changes' '
  before=$(db_state) &&
  sanzi asset import a.xlsx --update 2>err &&
  grep -F "0 new, 0 updated, 4 unchanged asset rows" err &&
  unchanged &&
  sanzi resource export --out r.xlsx 2>/dev/null &&
  sanzi resource import r.xlsx --update 2>err &&
  grep -F "0 new, 0 updated, 1 unchanged resource rows" err &&
  sanzi account export --village $V2 --out c.xlsx 2>/dev/null &&
  sanzi account import c.xlsx --update 2>err &&
  grep -F "0 new, 0 updated, 1 unchanged account rows" err &&
  unchanged
'

test_expect_success 'an edited exported workbook updates the record it names' '
  "$PY" -c "
import openpyxl
wb = openpyxl.load_workbook(\"a.xlsx\"); ws = wb.worksheets[0]
ws[\"J3\"] = 3500; ws[\"C3\"] = \"随便写的村名\"
wb.save(\"edited.xlsx\")" &&
  sanzi asset import edited.xlsx --update 2>err &&
  grep -F "0 new, 1 updated, 3 unchanged asset rows" err &&
  test "$(sql "SELECT original_value FROM asset WHERE code = '"'$V1-ZC-0002'"'")" = 350000
'

test_expect_success 'the row 合计 is checked against the rows, not imported' '
  before=$(db_state) &&
  # 原值: 120,000.00 + 3,456.78 + 80,000.50 + 9,000.00 = 212,457.28
  "$PY" -c "
import openpyxl
wb = openpyxl.load_workbook(\"a.xlsx\"); ws = wb.worksheets[0]
assert ws[\"A6\"].value == \"合计\" and ws[\"J1\"].value == \"原值\"
ws[\"J6\"] = 212457.29
wb.save(\"fake.xlsx\")" &&
  refused sanzi asset import fake.xlsx --update &&
  grep -F "fake.xlsx:6: 原值: 合计 is 212,457.29, but the rows it totals add up to 212,457.28" err &&
  unchanged
'

test_expect_success 'list --out FILE.xlsx: the list columns, in a workbook by the name alone' '
  sanzi asset list --village $V2 --out l.xlsx 2>err &&
  test "$(cat err)" = "wrote '"'"'l.xlsx'"'"': 2 rows" &&
  book l.xlsx "
for r in ws.iter_rows(values_only=True):
    print(\"|\".join(\"\" if v is None else str(v) for v in r))
print(ws.title, ws.oddHeader.left.text)" >list &&
  cat >expect <<-EOF &&
	资产编号|村代码|村名称|资产名称|资产类别|原值|取得日期|使用状态
	$V2-ZC-0001|$V2|大水圪洞村民委员会|库房|房屋及建筑物|80000.5|2016-04-20 00:00:00|在用
	$V2-ZC-0002|$V2|大水圪洞村民委员会|电脑|电子设备|9000|2015-03-01 00:00:00|在用
	合计|||||89000.5||
	资产 资产清单
	EOF
  test_cmp expect list
'

test_expect_success 'refused: xlsx without --out, --out with another format (exit 2)' '
  test_must_fail 2 sanzi asset list --format xlsx 2>err &&
  grep -F "give the workbook" err &&
  test_must_fail 2 sanzi asset list --format csv --out x.xlsx 2>err &&
  grep -F -- "--out is for a workbook" err &&
  test_must_fail 2 sanzi asset export --out x.csv 2>err &&
  grep -F -- "--out is for a workbook" err &&
  test_must_fail 2 sanzi asset export --format json --out x.xlsx 2>err &&
  test ! -e x.xlsx &&
  test_must_fail 2 sanzi asset export --format xlsx 2>err
'

test_expect_success 'a workbook that cannot be written leaves no file, the database untouched' '
  before=$(db_state) &&
  refused sanzi asset export --out nodir/a.xlsx &&
  grep -F "nodir/a.xlsx" err &&
  test ! -e nodir &&
  mkdir ro && chmod 555 ro &&
  if [ "$(id -u)" != 0 ]; then
    refused sanzi asset list --out ro/a.xlsx && test -z "$(ls ro)"
  fi &&
  unchanged
'

test_expect_success 'in Chinese: the usage errors and the note' '
  test_must_fail 2 sanzi --lang zh asset list --format xlsx 2>err &&
  grep -Fx "sanzi asset list: --format xlsx：请用 --out 文件 给出工作簿的文件名" err &&
  test_must_fail 2 sanzi --lang zh asset list --format csv --out a.xlsx 2>err &&
  grep -Fx "sanzi asset list: --out 只用于工作簿（--format xlsx）；其他格式输出到标准输出" err &&
  sanzi --lang zh asset list --out z.xlsx 2>err &&
  test "$(cat err)" = "已写入“z.xlsx”：4 行"
'

test_done
