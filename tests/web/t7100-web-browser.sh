#!/bin/sh
# sanzi serve in a real browser: Debian's chromium driven by playwright-core
# (tests/browser/ui.mjs), with axe-core on every page. Screenshots of each
# page are kept in build/screenshots/ as the test's artifacts.
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"
# The sheet of t7040: three assets of V1 in GB18030, row 3 bad or not.
sheet() {
  printf '资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\r\n' >u.csv
  printf '脱粒机,%s,农业机械,经营性,3000,购入,2022-04-01,在用\r\n' $V1 >>u.csv
  printf '铡草机,%s,农业机械,经营性,%s,购入,2022-05-01,在用\r\n' $V1 "$1" >>u.csv
  printf '粉碎机,%s,农业机械,经营性,1500.5,购入,2022-06-01,在用\r\n' $V1 >>u.csv
  iconv -f UTF-8 -t GB18030 u.csv
}
sheet 12a >bad.csv && sheet 2500 >good.csv
ui() { URL=$URL SHOTS=$SHOTS V1=$V1 V2=$V2 node "$B/ui.mjs" "$1"; }

test_expect_success 'a clerk adds an asset, sees the mistake at its field, fixes it' '
  ui add && test -s "$SHOTS/04-asset-form-error.png"
'

test_expect_success 'a GB18030 sheet with a bad cell: marked, fixed, imported' '
  ui import && sanzi asset list --village $V1 --format csv | grep -F 铡草机
'

test_expect_success 'a township user sees both villages, the clerk only theirs' '
  ui scope
'

test_expect_success 'the notice board'\''s print page: screenshots and an A4 PDF' '
  ui print && test -s "$SHOTS/13-print.png" && test -s "$SHOTS/14-print.pdf"
'

test_expect_success 'on a phone the form fits; the keyboard reaches the skip link first' '
  ui phone
'

test_done
