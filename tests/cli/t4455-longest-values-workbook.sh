#!/bin/sh
# No output shortens or drops a value (issue 14, part 1): the registers are
# filled with the longest values their limits allow (identifiers 64
# characters, one-line texts 100, remarks, reasons and minutes 2,000 over
# several lines; Chinese, a character outside the BMP, quotes and commas),
# the audit is exported with its workbook, and every cell of every sheet
# equals its CSV cell (tests/cli/xlsx-to-csv.py reads the workbook as a
# spreadsheet program would). The CSV files hold the values whole.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # V1, ID2, vote

XLSX2CSV="$TOP/tests/cli/xlsx-to-csv.py"
BOOK=年度审计-2025.xlsx

# long N: N characters of text: Chinese, "𠀀" (U+20000, two UTF-16 units
# in a workbook), quotes and a comma; never a formula's first character
long() {
  $PY -c '
import sys
n = int(sys.argv[1]); unit = "村集体“𠀀”,\"资产\"名"
print((unit * n)[:n], end="")' "$1"
}
# id PREFIX: an identifier of 64 characters
id() { printf "%s%062d" "$1" 150125; }
N100=$(long 100)
# 2,000 characters over three lines
N2000=$(printf "%s\n%s\n%s" "$(long 600)" "$(long 700)" "$(long 698)")

test_expect_success 'the values are as long as the limits allow' '
  test "$($PY -c "import sys; print(len(sys.argv[1]), len(sys.argv[2]))" \
    "$N100" "$N2000")" = "100 2000" &&
  test "$(id ZC | wc -c)" = 64
'

test_expect_success 'set-up: every text field of the registers the audit shows, at its limit' '
  setup_county &&
  sanzi asset add code=$(id ZC) village=$V1 name="$N100" category=房屋及建筑物 \
    nature=经营性 location="$N100" quantity=1 unit="$N100" original_value=5000 \
    acquired_via=自建 acquired_on=2020-01-01 status=在用 custodian="$N100" \
    certificate=$(id QZ) note="$N2000" >/dev/null &&
  sanzi asset add code=$(id ZD) village=$V1 name="$N100" category=房屋及建筑物 \
    nature=经营性 original_value=7000 acquired_via=自建 acquired_on=2020-01-01 \
    status=在用 >/dev/null &&
  sanzi resource add code=$(id ZY) village=$V1 name="$N100" land_class=0103 \
    location="$N100" area=10 east="$N100" west="$N100" south="$N100" \
    north="$N100" certificate=$(id QY) status=未利用 note="$N2000" >/dev/null &&
  sanzi account add code=$(id ZH) village=$V1 name="$N100" kind=银行存款 \
    bank="$N100" bank_account=$(printf "%064d" 6228) opening_balance=0 \
    opening_date=2014-01-01 note="$N2000" >/dev/null &&
  sanzi fund add voucher=$(id PZ) village=$V1 date=2025-02-01 account=$(id ZH) \
    direction=收入 amount=100 category=其他收入 counterparty="$N100" \
    summary="$N100" handler="$N100" approver="$N100" note="$N2000" >/dev/null &&
  sanzi contract add --without-filing code=$(id HT) village=$V1 kind=出租 object=$(id ZC) \
    party="$N100" party_id=$ID2 party_is_member=是 start_date=2025-01-01 \
    end_date=2026-12-31 annual_amount=1000 payment=一次性 first_due=2025-01-01 \
    note="$N2000" >/dev/null &&
  sanzi loan add code=$(id DK) village=$V1 lender="$N100" contract_no=$(id HH) \
    project="$N100" principal=500000 rate=4.35 start_date=2024-03-01 \
    maturity=2027-03-01 note="$N2000" >/dev/null &&
  sanzi loan interest $(id DK) --from 2025-01-01 --to 2025-03-31 --paid 100 \
    --paid-on 2025-03-31 --voucher $(id FX) >/dev/null &&
  sanzi disposal new village=$V1 type=出售 objects=$(id ZD) reason="$N2000" \
    method=公开竞价 date=2025-03-10 >filing &&
  vote $(cat filing) 提议 2025-03-11 7 5 5 0 --minutes "$N2000" >/dev/null
'

test_expect_success 'the audit workbook: every cell equals its CSV cell' '
  sanzi audit export --year 2025 --out exp --format both >out 2>err &&
  $PY "$XLSX2CSV" exp/$BOOK book &&
  n=0 &&
  for f in exp/*.csv; do
    cmp "$f" "book/${f#exp/}" || return 1
    n=$((n + 1))
  done &&
  test $n -ge 16
'

test_expect_success 'the CSV files hold the longest values whole' '
  $PY - exp "$N100" "$N2000" >counts <<-\EOF &&
	import csv, glob, sys
	d, n100, n2000 = sys.argv[1:]
	c100 = c2000 = 0
	for f in glob.glob(d + "/*.csv"):
	    for row in csv.reader(open(f, encoding="utf-8-sig", newline="")):
	        c100 += row.count(n100)
	        c2000 += row.count(n2000)
	print(c100 > 0, c2000 > 0)
	EOF
  test "$(cat counts)" = "True True"
'

test_done
