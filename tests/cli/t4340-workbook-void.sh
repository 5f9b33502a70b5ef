#!/bin/sh
# The workbooks (issue 13) with the void (issue 12, part 2): a voided
# record is in no workbook list, export or notice; the void's fields
# (作废原因, 恢复原因) are no column of an export or a template, CSV or
# workbook; list --voided --out gives the voided ones with the reason.
# The expected values are worked out from the records added below.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会

book() {
  "$PY" -c "
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
ws = wb.worksheets[0]
$2" "$1"
}
header() { book "$1" "print(\"|\".join(str(c.value) for c in ws[1]))"; }
codes() {
  book "$1" "
for r in ws.iter_rows(min_row=2):
    if r[0].value not in (None, \"合计\"): print(r[0].value)"
}

test_expect_success 'setup: two assets, one voided' '
  setup_county &&
  sanzi asset add village=$V1 name=办公楼 category=房屋及建筑物 nature=非经营性 \
    original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=在用 \
    >/dev/null &&
  sanzi asset add village=$V1 name=错录的水泵 category=机器设备 nature=经营性 \
    original_value=3000 acquired_via=购入 acquired_on=2024-03-01 status=在用 \
    >/dev/null &&
  sanzi asset void $V1-ZC-0002 --reason 重复录入 2>/dev/null
'

test_expect_success 'export --out: the live record only, no column of the void' '
  sanzi asset export --village $V1 --out e.xlsx 2>err &&
  test "$(cat err)" = "wrote '"'"'e.xlsx'"'"': 1 row" &&
  echo $V1-ZC-0001 >expect && codes e.xlsx >got && test_cmp expect got &&
  header e.xlsx >h && ! grep -F 作废原因 h && ! grep -F 恢复原因 h &&
  sanzi asset export --village $V1 --as-of 2025-12-31 --out n.xlsx 2>/dev/null &&
  codes n.xlsx >got && test_cmp expect got &&
  header n.xlsx >h && grep -F 净值 h && ! grep -F 作废原因 h
'

test_expect_success 'list --out: the live record; list --voided --out: the voided with the reason' '
  sanzi asset list --village $V1 --out l.xlsx 2>/dev/null &&
  echo $V1-ZC-0001 >expect && codes l.xlsx >got && test_cmp expect got &&
  sanzi asset list --village $V1 --voided --out v.xlsx 2>/dev/null &&
  book v.xlsx "
h = [c.value for c in ws[1]]
print(ws.cell(2, 1).value, ws.cell(2, h.index(\"作废原因\") + 1).value)" >got &&
  echo "$V1-ZC-0002 重复录入" >expect && test_cmp expect got
'

test_expect_success 'templates, CSV and workbook: no column of the void' '
  sanzi asset template >t.csv &&
  head -n 1 t.csv >h && grep -F 资产名称 h && ! grep -F 作废原因 h &&
  sanzi asset template --out t.xlsx 2>/dev/null &&
  header t.xlsx >h && grep -F 资产名称 h && ! grep -F 作废原因 h &&
  ! grep -F 恢复原因 h
'

test_expect_success 'notice: a voided asset is not on the board' '
  sanzi notice --village $V1 --year 2025 --format csv --part assets >a.csv &&
  grep -F 办公楼 a.csv && ! grep -F 错录的水泵 a.csv
'

test_expect_success 'the exported workbook imports back unchanged, the void kept' '
  before=$(db_state) &&
  sanzi asset import e.xlsx --update --again 2>err &&
  grep -F "0 new, 0 updated, 1 unchanged" err &&
  test "$(sql "SELECT voided FROM asset WHERE code = '\''$V1-ZC-0002'\''")" = 重复录入
'

test_expect_success 'a text too long for a cell (stored behind sanzi'"'"'s back): refused, no file left' '
  sql "DROP TRIGGER asset_logged" &&
  sql "UPDATE asset SET note = printf('"'"'%.*c'"'"', 40000, '"'"'x'"'"')
    WHERE code = '"'"'$V1-ZC-0001'"'"'" &&
  before=$(db_state) &&
  refused sanzi asset export --village $V1 --out big.xlsx &&
  grep -F "workbook: sheet 资产, row 2, column 备注: the value does not fit in a cell (at most 32,767 characters); shorten it" err &&
  ! test -e big.xlsx && ! test -e big.xlsx.partial &&
  unchanged &&
  test_must_fail 1 sanzi --lang zh asset export --village $V1 --out big.xlsx 2>err &&
  grep -F "32,767" err && grep -F "备注" err && ! test -e big.xlsx
'

test_done
