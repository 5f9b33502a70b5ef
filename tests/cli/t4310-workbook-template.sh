#!/bin/sh
# REGISTER template --format xlsx --out FILE (issue 13, part 2): the header
# with '*' on the required columns and the units, frozen; a drop-down on
# every coded column (read back with openpyxl: exactly the code table, the
# land classes as "CODE NAME", the villages of --township), number and date
# validations, a comment on each header cell, the sheets 填写说明 and 代码表.
# A template filled by picking from its drop-downs imports as it is.
# The expected lists come from the schema's code tables (read with sqlite3)
# and sample/divisions-wuchuan.csv, the headers from the specs' rules.
. "$(dirname "$0")/lib.sh"

T=150125100   # 可可以力更镇
V1=150125100201

# drop COL FILE: the values of the drop-down list on column COL of the
# first sheet, one a line, read from the range its validation names.
drop() {
  "$PY" -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[2])
ws = wb.worksheets[0]
for dv in ws.data_validations.dataValidation:
    if str(dv.sqref).split(\":\")[0] == sys.argv[1] + \"2\":
        assert dv.type == \"list\", dv.type
        sheet, rng = dv.formula1.split(\"!\")
        for row in wb[sheet][rng.replace(\"$\", \"\")]:
            print(row[0].value)
" "$1" "$2"
}

test_expect_success 'setup: the county, two accounts' '
  setup_county &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=150125101201 name=现金 kind=库存现金 \
    opening_balance=0 opening_date=2025-01-01 >/dev/null
'

test_expect_success 'asset template: *required, units, 村名称 beside 村代码, frozen, three sheets' '
  sanzi asset template --township $T --out t.xlsx 2>err &&
  test "$(cat err)" = "wrote '"'"'t.xlsx'"'"'" &&
  "$PY" -c "
import openpyxl
wb = openpyxl.load_workbook(\"t.xlsx\"); ws = wb.worksheets[0]
print(wb.sheetnames, ws.freeze_panes)
print(\"|\".join(c.value for c in ws[1]))" >head &&
  cat >expect <<-EOF &&
	['"'"'资产'"'"', '"'"'填写说明'"'"', '"'"'代码表'"'"'] A2
	资产编号|*村代码|村名称|*资产名称|*资产类别|*资产性质|坐落位置|数量|计量单位|*原值（元）|累计折旧（元）|折旧截至|使用年限（月）|净残值率（%）|*取得方式|*取得日期|*使用状态|管护责任人|权证号|备注
	EOF
  test_cmp expect head
'

test_expect_success 'the drop-downs are the code tables, and the villages of --township' '
  drop E t.xlsx >got && sql "SELECT name FROM asset_category ORDER BY rowid" >expect &&
  test_cmp expect got && test "$(wc -l <got)" -gt 5 &&
  drop F t.xlsx >got && sql "SELECT name FROM asset_nature ORDER BY rowid" >expect &&
  test_cmp expect got &&
  drop O t.xlsx >got && sql "SELECT name FROM asset_source ORDER BY rowid" >expect &&
  test_cmp expect got &&
  drop Q t.xlsx >got && sql "SELECT name FROM asset_status ORDER BY rowid" >expect &&
  test_cmp expect got &&
  drop B t.xlsx >got &&
  awk -F, -v t=$T "\$3 == \"village\" && \$4 == t { print \$1 }" \
    "$SAMPLE/divisions-wuchuan.csv" | sort >expect &&
  test_cmp expect got && test "$(wc -l <got)" = 19
'

test_expect_success 'numbers, dates and whole numbers are validated; every header has its rule' '
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"t.xlsx\").worksheets[0]
for dv in sorted(ws.data_validations.dataValidation, key=lambda d: str(d.sqref)):
    if dv.type != \"list\":
        # errorStyle and operator: None is the default, stop and between
        print(dv.sqref, dv.type, dv.operator or \"between\", dv.formula1,
              dv.errorStyle or \"stop\", dv.showErrorMessage)
for c in ws[1]:
    assert c.comment is not None, c.value
    assert c.value.lstrip(\"*\").split(\"（\")[0] in c.comment.text, c.comment.text
print(ws[\"E1\"].comment.text)" >rules &&
  cat >expect <<-EOF &&
	H2:H5001 decimal greaterThanOrEqual 0 stop True
	J2:J5001 decimal greaterThanOrEqual 0 stop True
	K2:K5001 decimal greaterThanOrEqual 0 stop True
	M2:M5001 whole greaterThanOrEqual 0 stop True
	N2:N5001 decimal greaterThanOrEqual 0 stop True
	P2:P5001 date between 18264 stop True
	（必填）资产类别：从下拉列表中选择；可选值见“代码表”（$(sql "SELECT count(*) FROM asset_category") 项）。
	EOF
  test_cmp expect rules
'

test_expect_success '填写说明: one row per column, 是 on the required ones, the allowed values' '
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"t.xlsx\")[\"填写说明\"]
for r in ws.iter_rows(min_row=1, max_row=21, values_only=True):
    print(\"|\".join(\"\" if v is None else str(v) for v in (r[0], r[1], r[3], r[5])))
print(ws[\"E18\"].value)" >help &&
  cat >expect <<-EOF &&
	列名|必填|单位|示例
	资产编号|||
	村代码|是||150125100201
	村名称|||
	资产名称|是||村委会办公楼
	资产类别|是||房屋及建筑物
	资产性质|是||非经营性
	坐落位置|||福如东村一组
	数量|||1
	计量单位|||座
	原值|是|元|120000.00
	累计折旧||元|
	折旧截至|||
	使用年限||月|
	净残值率||%|
	取得方式|是||自建
	取得日期|是||2020-06-15
	使用状态|是||在用
	管护责任人|||张建国
	权证号|||
	备注|||
	$(sql "SELECT group_concat(name, '"'"'、'"'"') FROM (SELECT name FROM asset_status ORDER BY rowid)")
	EOF
  test_cmp expect help
'

# fill FILE OUT SCRIPT: the first sheet as ws, with pick(COL, I): the I-th
# value of the drop-down on COL; the cells set by SCRIPT; saved as OUT.
fill() {
  "$PY" -c "
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.worksheets[0]
def pick(col, i):
    for dv in ws.data_validations.dataValidation:
        if str(dv.sqref).split(\":\")[0] == col + \"2\":
            sheet, rng = dv.formula1.split(\"!\")
            return list(wb[sheet][rng.replace(\"$\", \"\")])[i][0].value
$3
wb.save(sys.argv[2])" "$1" "$2"
}

test_expect_success 'a template filled by picking from the drop-downs imports as it is' '
  fill t.xlsx filled.xlsx "
for r, (v, name, cat, nat, val, src, day, st) in enumerate([
        (0, \"办公楼\", 0, 0, 120000, 0, datetime.datetime(2020, 6, 15), 0),
        (1, \"电脑\", 5, 1, 4999.9, 1, datetime.datetime(2024, 2, 29), 1)], 2):
    ws[f\"B{r}\"] = pick(\"B\", v); ws[f\"D{r}\"] = name
    ws[f\"E{r}\"] = pick(\"E\", cat); ws[f\"F{r}\"] = pick(\"F\", nat)
    ws[f\"J{r}\"] = val; ws[f\"O{r}\"] = pick(\"O\", src)
    ws[f\"P{r}\"] = day; ws[f\"Q{r}\"] = pick(\"Q\", st)
" &&
  sanzi asset import filled.xlsx 2>err &&
  grep -F "2 new, 0 updated, 0 unchanged asset rows" err &&
  V=$(awk -F, -v t=$T "\$3 == \"village\" && \$4 == t { print \$1 }" \
    "$SAMPLE/divisions-wuchuan.csv" | sort | head -n 2 | tr "\n" " ") &&
  set -- $V &&
  sql "SELECT village, name, category, nature, original_value, acquired_via,
         acquired_on, status FROM asset ORDER BY id" >got &&
  c0=$(sql "SELECT name FROM asset_category ORDER BY rowid LIMIT 1") &&
  c5=$(sql "SELECT name FROM asset_category ORDER BY rowid LIMIT 1 OFFSET 5") &&
  n0=$(sql "SELECT name FROM asset_nature ORDER BY rowid LIMIT 1") &&
  n1=$(sql "SELECT name FROM asset_nature ORDER BY rowid LIMIT 1 OFFSET 1") &&
  s0=$(sql "SELECT name FROM asset_source ORDER BY rowid LIMIT 1") &&
  s1=$(sql "SELECT name FROM asset_source ORDER BY rowid LIMIT 1 OFFSET 1") &&
  u0=$(sql "SELECT name FROM asset_status ORDER BY rowid LIMIT 1") &&
  u1=$(sql "SELECT name FROM asset_status ORDER BY rowid LIMIT 1 OFFSET 1") &&
  cat >expect <<-EOF &&
	$1|办公楼|$c0|$n0|12000000|$s0|2020-06-15|$u0
	$2|电脑|$c5|$n1|499990|$s1|2024-02-29|$u1
	EOF
  test_cmp expect got
'

test_expect_success 'resource template: land classes as CODE NAME, imported as the code' '
  sanzi resource template --township $T --out r.xlsx 2>/dev/null &&
  drop E r.xlsx >got &&
  sql "SELECT code || '"' '"' || name FROM land_class ORDER BY code" >expect &&
  test_cmp expect got &&
  fill r.xlsx rf.xlsx "
ws[\"B2\"] = pick(\"B\", 0); ws[\"D2\"] = \"村东旱地\"
ws[\"E2\"] = \"0103 旱地\"; ws[\"G2\"] = 12.5; ws[\"M2\"] = pick(\"M\", 3)" &&
  sanzi resource import rf.xlsx 2>err &&
  test "$(sql "SELECT land_class, area FROM resource")" = "0103|125000"
'

test_expect_success 'a code with another class name is refused, nothing written' '
  before=$(db_state) &&
  fill r.xlsx bad.xlsx "
ws[\"B2\"] = pick(\"B\", 0); ws[\"D2\"] = \"村西地\"
ws[\"E2\"] = \"0103 水田\"; ws[\"G2\"] = 3; ws[\"M2\"] = pick(\"M\", 0)" &&
  refused sanzi resource import bad.xlsx &&
  grep -F "bad.xlsx:2: *地类: '"'"'0103 水田'"'"' is not a GB/T 21010 land class" err &&
  unchanged
'

test_expect_success 'fund template: the accounts of the township villages only' '
  sanzi fund template --township $T --out f.xlsx 2>/dev/null &&
  drop E f.xlsx >got &&
  echo "$V1-ZH-0001" >expect &&
  test_cmp expect got
'

test_expect_success 'without --township: no village list, the rule says how to get one' '
  sanzi asset template --out t0.xlsx 2>/dev/null &&
  test -z "$(drop B t0.xlsx)" &&
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"t0.xlsx\").worksheets[0]
print(ws[\"C1\"].value); print(ws[\"B1\"].comment.text)" >got &&
  grep -Fx "*资产名称" got &&
  grep -F "导出模板时加 --township 可列出本乡镇各村" got
'

test_expect_success 'the CSV template stays as it was' '
  sanzi asset template >csv &&
  head -n 1 csv | grep -F "资产编号,村代码,资产名称,资产类别" &&
  test "$(wc -l <csv)" = 2
'

test_expect_success 'refused: --township with CSV (2), an unknown township (1): no file' '
  before=$(db_state) &&
  test_must_fail 2 sanzi asset template --township $T 2>err &&
  grep -F -- "--township: the villages go into the drop-down lists" err &&
  refused sanzi asset template --township 150125999 --out u.xlsx &&
  grep -F -- "--township: no township or county with code '"'"'150125999'"'"'" err &&
  test ! -e u.xlsx && test ! -e u.xlsx.partial &&
  test_must_fail 2 sanzi asset template --format xlsx 2>err &&
  unchanged
'

test_expect_success 'in Chinese: --township with a CSV template' '
  test_must_fail 2 sanzi --lang zh asset template --township $T 2>err &&
  grep -Fx "sanzi asset template: --township：各村列入工作簿（--format xlsx）的下拉列表，CSV 模板不用" err
'

test_done
