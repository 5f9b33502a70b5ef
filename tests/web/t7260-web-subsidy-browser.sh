#!/bin/sh
# An interest subsidy from application to payment in a real browser
# (tests/browser/subsidy.mjs, scenario flow): the village clerk records
# the interest and applies, the 乡镇 reviews and publicizes (a short
# publicity refused at its field), 县级 approves and pays; the programme
# year's bar after it; axe-core on each page; screenshots in
# build/screenshots/.
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
sanzi program set --year 2025 --budget 10000 --village-cap 2000 >/dev/null &&
LOAN=$(sanzi loan add village=$V1 lender=武川县农村信用合作联社 contract_no=2025-001 \
  project=肉牛养殖 principal=100000 rate=6 start_date=2025-01-01 \
  maturity=2027-12-31 | tail -1) &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"

test_expect_success 'a subsidy from application to payment by three roles' '
  URL=$URL SHOTS=$SHOTS LOAN=$LOAN node "$B/subsidy.mjs" flow &&
  test -s "$SHOTS/57-subsidy-program.png" &&
  test "$(sqlite3 test.db "SELECT status, amount, approved, paid_voucher FROM subsidy")" \
    = "已拨付|150000|150000|付-2025-071" &&
  test "$(sqlite3 test.db "SELECT group_concat(DISTINCT operator) FROM history WHERE tbl = '"'"'subsidy'"'"' ORDER BY id")" \
    = "clerk,town,county"
'

test_done
