#!/bin/sh
# Exports safe to open in Excel (OWASP "CSV injection"): a text cell that a
# spreadsheet would run as a formula -- beginning with =, +, -, @ -- goes
# out with one apostrophe in front, in every CSV sanzi writes (export,
# list, show, views, the audit files), and the importer takes exactly that
# apostrophe off, so export -> import -> export is byte-identical. Amounts
# stay numbers: a negative balance is -330.00, not text.
. "$(dirname "$0")/lib.sh"

V1=150125100201
# The payloads (no comma, so that a cell is one CSV field either way).
P1="=cmd|' /C calc'!A0"
P2='=HYPERLINK("http://evil.example/x")'
P3='+1+2'
P4='-2+3'
P5='@SUM(1+1)'
P6="'=already quoted"

# cells FILE ROW: the cells of data row ROW (1 = the first after the
# header) of a CSV file, one per line, read by Python's csv module.
cells() {
  "$PY" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
print("\n".join(rows[int(sys.argv[2])]))' "$1" "$2"
}

test_expect_success 'set-up: an asset whose texts are formulas, a cash account below zero' '
  setup_county &&
  sanzi asset add village=$V1 name="$P1" category=机器设备 nature=经营性 \
    original_value=1000 acquired_via=购入 acquired_on=2020-01-01 status=在用 \
    location="$P3" custodian="$P5" note="$P4" certificate="$P2" >/dev/null &&
  sanzi asset add village=$V1 name="$P6" category=机器设备 nature=经营性 \
    original_value=2000 acquired_via=购入 acquired_on=2020-01-01 \
    status=在用 >/dev/null &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=100 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add voucher=付-1 village=$V1 date=2025-03-01 \
    account=$V1-ZH-0001 direction=支出 amount=430 category=管理费用 \
    summary="$P4" >/dev/null &&
  test "$(sql "SELECT name FROM asset WHERE code = '\''$V1-ZC-0001'\''")" = "$P1" &&
  test "$(sql "SELECT certificate FROM asset WHERE code = '\''$V1-ZC-0001'\''")" = "$P2"
'

test_expect_success 'asset export: each formula-like text with one apostrophe in front' '
  sanzi asset export >export.csv &&
  cells export.csv 1 >row1 &&
  grep -Fx "'\''$P1" row1 && grep -Fx "'\''$P2" row1 &&
  grep -Fx "'\''$P3" row1 && grep -Fx "'\''$P4" row1 &&
  grep -Fx "'\''$P5" row1 &&
  cells export.csv 2 >row2 &&
  grep -Fx "'\''$P6" row2 &&
  grep -Fx 1000.00 row1 &&
  ! grep "^[=+@-]" row1 row2
'

test_expect_success 'export -> import into a new database -> export: byte-identical, values exact' '
  use second.db && setup_county &&
  sanzi asset import "$TMP/export.csv" >/dev/null 2>&1 &&
  test "$(sql "SELECT name FROM asset WHERE code = '\''$V1-ZC-0001'\''")" = "$P1" &&
  test "$(sql "SELECT name FROM asset WHERE code = '\''$V1-ZC-0002'\''")" = "$P6" &&
  test "$(sql "SELECT note FROM asset WHERE code = '\''$V1-ZC-0001'\''")" = "$P4" &&
  sanzi asset export >again.csv &&
  cmp "$TMP/export.csv" again.csv &&
  use "$TMP/test.db"
'

test_expect_success 'list and show in CSV guard the same cells' '
  sanzi asset list --format csv >list.csv &&
  cells list.csv 1 | grep -Fx "'\''$P1" &&
  sanzi asset show $V1-ZC-0001 --format csv >show.csv &&
  grep -F "'\''$P5" show.csv &&
  grep -F "'\''$P1" show.csv &&
  ! grep -F ",$P1" show.csv
'

test_expect_success 'a negative balance stays a number; the entry summary is guarded' '
  sanzi fund balance --as-of 2025-12-31 --format csv >bal.csv &&
  grep -F ",-330.00" bal.csv &&
  ! grep -F "'\''-330.00" bal.csv &&
  sanzi fund export >fund.csv &&
  cells fund.csv 1 | grep -Fx "'\''$P4" &&
  cells fund.csv 1 | grep -Fx 430.00
'

test_expect_success 'the audit CSV files guard them too' '
  sanzi audit export --year 2025 --out audit >/dev/null 2>&1 &&
  cells audit/01-资产清单.csv 1 >inv &&
  grep -Fx "'\''$P1" inv &&
  ! grep "^[=+@]" audit/*.csv
'

test_done
