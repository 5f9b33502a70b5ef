#!/bin/sh
# The demo county's year run entirely in the browser (issue 16 "Done
# when"; tests/browser/year.mjs): from a database with only the divisions
# and the users an administrator adds with `sanzi user add`, the 县级 sets
# up the programme year; the clerk of 福如东村 keeps the registers (a form,
# a GBK sheet with one bad cell then fixed), a lease with its receipt, a
# loan with its interest, and applies for the subsidy; the 乡镇 finds it
# in 待办 and reviews and publicizes it; the 县级 approves it (cut by the
# village's yearly cap) and pays; a sale goes through 四议两公开 (the
# clerk files, the 乡镇 agrees from 待办, the clerk executes and
# publicizes the result); the 审计 follows a finding to its record,
# downloads the audit ZIP and verifies the change log; a villager's phone
# opens the public page from the notice board's print page. Each user in
# a browser of their own, by the menu and the links; axe-core on each
# page; screenshots in build/screenshots/ (80–113).
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
sanzi init >/dev/null &&
sanzi org import "$SAMPLE/divisions-wuchuan.csv" 2>/dev/null &&
echo adminPass123 | sanzi user add admin --role 管理员 2>/dev/null &&
echo clerkPass123 | sanzi user add clerk --role 村报账员 --scope $V1 2>/dev/null &&
echo townPass123 | sanzi user add town --role 乡镇 --scope $T1 2>/dev/null &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
echo auditPass123 | sanzi user add audit --role 审计 --scope $C 2>/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"
# Three assets of V1 in GBK, row 3's 原值 bad (12a) or not.
sheet() {
  printf '资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\r\n' >u.csv
  printf '脱粒机,%s,农业机械,经营性,3000,购入,2026-04-01,在用\r\n' $V1 >>u.csv
  printf '铡草机,%s,农业机械,经营性,%s,购入,2026-05-01,在用\r\n' $V1 "$1" >>u.csv
  printf '粉碎机,%s,农业机械,经营性,1500.5,购入,2026-06-01,在用\r\n' $V1 >>u.csv
  iconv -f UTF-8 -t GBK u.csv
}
sheet 12a >bad.csv && sheet 2500 >good.csv
year() { URL=$URL SHOTS=$SHOTS node "$B/year.mjs" "$1"; }
q() { sqlite3 test.db "$1"; }

test_expect_success '县级 sets up the programme year 2026 by the menu' '
  year program &&
  test "$(q "SELECT budget, village_cap FROM program WHERE year = 2026")" = "50000000|200000"
'

test_expect_success 'the clerk keeps the registers, the lease, the loan; applies' '
  year clerk &&
  test "$(q "SELECT count(*) FROM asset WHERE village = '"'$V1'"'")" = 4 &&
  test "$(q "SELECT group_concat(DISTINCT operator) FROM history WHERE tbl IN ('"'asset'"', '"'resource'"', '"'account'"', '"'contract'"', '"'fund'"', '"'loan'"', '"'interest'"', '"'subsidy'"')")" = clerk &&
  test "$(q "SELECT status, amount FROM subsidy")" = "已申请|300000"
'

test_expect_success 'the 乡镇 finds it in 待办 on 首页, reviews and publicizes it' '
  year town
'

test_expect_success '县级 approves it, cut by the village cap, and pays; the bar' '
  year county &&
  test "$(q "SELECT status, amount, approved, paid_voucher FROM subsidy")" = \
    "已拨付|300000|200000|县财-2026-1116" &&
  test "$(q "SELECT group_concat(DISTINCT operator) FROM history WHERE tbl = '"'subsidy'"' ORDER BY id")" \
    = "clerk,town,county"
'

test_expect_success 'a sale filed, voted, publicized; agreed from 待办; executed, publicized' '
  year disposal &&
  test "$(q "SELECT status, filer, reviewer, final_price FROM disposal")" = \
    "已公开|clerk|town|120000" &&
  test "$(q "SELECT status FROM asset WHERE code = '"'$V1-ZC-0004'"'")" = 已处置
'

test_expect_success '审计: a finding to its record, the audit ZIP, the log verified' '
  year audit &&
  unzip -l audit.zip >l.txt && grep -F manifest.txt l.txt &&
  unzip -p audit.zip manifest.txt >m.txt &&
  grep -F "$(cat head.txt)" m.txt &&
  sanzi log verify >v.txt 2>&1 && grep -F "$(cat head.txt)" v.txt
'

test_expect_success 'a villager'\''s phone opens the public page from the print page' '
  year villager
'

test_done
