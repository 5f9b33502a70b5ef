#!/bin/sh
# Disposal filings in a real browser (tests/browser/disposal.mjs): a whole
# sale by three users of three roles (the clerk files, records the
# meetings with one vote failing first, the publicity, the appraisal, the
# execution and the result; the township reviews; the auditor reads the
# filing and prints its 处置申报表); axe-core on each page; screenshots in
# build/screenshots/disp-*.png.
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
# 旧仓库 of 福如东村: 120,000.00, 2020-06-15, 240 months, 5%: 475.00 a
# month from July 2020 through October 2026 (the filing is of 2026-11-02)
# = 76 months = 36,100.00; book value 83,900.00, so 出售 needs an
# appraisal. The proceeds 96,000.00 are 记-015 of 2026-11-25.
web_setup &&
sanzi asset add village=$V1 name=旧仓库 category=房屋及建筑物 nature=经营性 \
  original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=闲置 >/dev/null &&
sanzi account add village=$V1 name=农商行 kind=银行存款 opening_balance=0 \
  opening_date=2026-01-01 >/dev/null &&
sanzi fund add village=$V1 account=$V1-ZH-0001 voucher=记-015 date=2026-11-25 \
  direction=收入 amount=96000 category=其他收入 summary=出售旧仓库价款 >/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"
OBJ=$V1-ZC-0003

test_expect_success 'a sale filed, voted (one vote failing), reviewed, executed and printed by three roles' '
  URL=$URL SHOTS=$SHOTS OBJ=$OBJ node "$B/disposal.mjs" sale &&
  test -s "$SHOTS/disp-03-vote-failed.png" && test -s "$SHOTS/disp-09-print.png" &&
  test "$(sqlite3 test.db "SELECT status, filer, reviewer, final_price FROM disposal")" = \
    "已公开|clerk|town|9600000" &&
  test "$(sqlite3 test.db "SELECT group_concat(passed, \"\") FROM disposal_vote")" = 11101 &&
  test "$(sqlite3 test.db "SELECT status FROM asset WHERE code = \"$OBJ\"")" = 已处置
'

test_done
