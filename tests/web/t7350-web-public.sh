#!/bin/sh
# sanzi serve: 村务公开 without login (doc/web.md "Public pages"):
# GET /public/{village} shows what 福如东村 must make public with its
# current figures (the server's today is 2025-12-31: the year 2025; in the
# sanitizer build, where libfaketime cannot run, today, and the tests of
# the 2025 figures are skipped), one
# village only; no ID number, bank account, loan contract number or user
# name reaches it; no cookie read or set; the security headers; an unknown
# or non-village code 404; the parameter public_pages 0 turns it off; the
# QR code (qr.svg) decodes to the page's address (the parameter
# public_base_url, else the Host the browser used); the print pages show it.
. "$(dirname "$0")/lib-web.sh"
. "$TOP/tests/web/lib-public.sh"
public_setup &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }

# dated_test TITLE BODY: a test of figures worked out for 2025-12-31, the
# server's clock (libfaketime); skipped in the sanitizer build.
dated_test() {
  if faketime_ok; then
    test_expect_success "$@"
  else
    test_count=$((test_count + 1))
    echo "ok $test_count # SKIP libfaketime cannot be preloaded into the sanitizer build: $1"
  fi
}
# The text of an HTML page's body, tags dropped, one cell a line.
text() { sed -e 's/<[^>]*>/\n/g' "$1" | sed '/^$/d'; }
# part KEY FILE: the section of the page with the part KEY ("assets").
part() { sed "s/<section/\n<section/g" "$2" | grep -F "aria-labelledby=\"part-$1\""; }
# pub PATH [CURL OPTION ...]: GET without any cookie, headers kept.
pub() {
  p=$1
  shift
  curl -s -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$@" \
    "$URL$p" >"$TMP/status"
  cat "$TMP/body"
}

dated_test 'without login: 200, the village'\''s title, the date the figures are as of' '
  pub /public/$V1 >p.html && test "$(status)" = 200 &&
  grep -F "<title>福如东村集体“三资”公开表</title>" p.html &&
  grep -F "<h1>福如东村集体“三资”公开表</h1>" p.html &&
  grep -F "可可以力更镇" p.html &&
  grep -F "数据截至 <strong>2025-12-31</strong>" p.html &&
  for h in 一、资产 二、资源 三、在执行的合同 四、本年收支 五、本年处置 六、本年贴息; do
    grep -F ">$h</h2>" p.html || return 1
  done
'

# 办公楼 120,000.00 from 2020-06-15, 120 months, 5% residual: 950.00 a
# month from 2020-07, 66 months to 2025-12: 62,700.00, net 57,300.00
# (doc/domain.md). 旧仓库 was disposed of (报废, executed 2025-04-10): not
# held. 拖拉机 and 水泵 (web_setup) are held.
dated_test 'assets held: 办公楼 at 120,000.00 and net 57,300.00; the disposed 旧仓库 not' '
  text p.html >p.txt &&
  grep -A5 -Fx 办公楼 p.txt >a.txt &&
  grep -Fx 120,000.00 a.txt && grep -Fx 57,300.00 a.txt &&
  grep -Fx 拖拉机 p.txt && grep -Fx 水泵 p.txt &&
  test "$(grep -c -Fx 旧仓库 p.txt)" = 1 &&
  part disposals p.html | grep -F 旧仓库 &&
  ! part assets p.html | grep -F 旧仓库
'

# 年付 12,000.00 from 2025-01-15: due by 2025-12-31 12,000.00; received
# 5,000.00 (记-001): overdue 7,000.00. The party by name.
dated_test 'contracts in force: 王二, 12,000.00 a year, 5,000.00 received, 7,000.00 overdue' '
  part contracts p.html >c.html && text c.html >c.txt &&
  grep -Fx 王二 c.txt && grep -Fx "$V1-HT-0001" c.txt && grep -Fx 村东旱地 c.txt &&
  grep -Fx 2025-01-01至2029-12-31 c.txt &&
  grep -Fx 12,000.00 c.txt && grep -Fx 5,000.00 c.txt && grep -Fx 7,000.00 c.txt &&
  grep -F "data-label=\"逾期未收\">7,000.00" c.html
'

# 2025 only (记-900 is 2024): income 5,000 (rent) + 20,000 (补助收入) =
# 25,000.00; expense 1,500.50 + 499.50 = 2,000.00 in 2 entries.
dated_test 'the year'\''s income and expense by category, with their totals' '
  part funds p.html >f.html && text f.html >f.txt &&
  grep -A3 -Fx 补助收入 f.txt | grep -Fx 20,000.00 &&
  grep -A3 -Fx 管理费用 f.txt | grep -Fx 2,000.00 &&
  grep -A2 -Fx 收入合计 f.txt | grep -Fx 25,000.00 &&
  grep -A2 -Fx 支出合计 f.txt | grep -Fx 2,000.00 &&
  ! grep -F 999.00 f.txt
'

# The interest 5,558.33 paid in the programme year, at 贴息比例 50%:
# 2,779.165, rounded half up 2,779.17; under every cap.
dated_test 'the disposal executed with its price, the subsidy received' '
  part disposals p.html >d.html && text d.html >d.txt &&
  grep -Fx 回收站 d.txt && grep -Fx 300.00 d.txt && grep -Fx 2025-04-10 d.txt &&
  part subsidies p.html >s.html && text s.html >s.txt &&
  grep -Fx 养牛项目 s.txt && grep -Fx 信用社 s.txt && grep -Fx 2,779.17 s.txt
'

test_expect_success 'one village only: nothing of 大水圪洞村 (its land, contract, asset)' '
  pub /public/$V1 >p.html && test "$(status)" = 200 && grep -F 王二 p.html &&
  ! grep -F -e 西梁地 -e 赵六 -e 收割机 -e "$V2" p.html
'

test_expect_success 'the same figures as `sanzi notice` (JSON of both compared)' '
  pub /public/$V1 -H "Accept: application/json" >w.json && test "$(status)" = 200 &&
  sanzi notice --village $V1 --year ${TODAY%%-*} --format json >n.json &&
  $PY -c "import json; a=json.load(open(\"w.json\")); b=json.load(open(\"n.json\")); \
    assert a == b, (a, b)"
'

test_expect_success 'only public data: no ID number, bank account, loan contract number or user name' '
  test "$(sql "SELECT party_id FROM contract WHERE village = '\''$V1'\''")" = $ID2 &&
  test "$(sql "SELECT bank_account FROM account")" = $ACCT &&
  pub /public/$V1/print >pr.html && pub /public/$V1/qr.svg >qr.svg &&
  for f in p.html w.json pr.html qr.svg; do
    ! grep -F -e "$ID2" -e "${ID2%????}" -e "$ID1" -e "$ACCT" -e XYS-JK-778899 $f ||
      return 1
    for u in admin clerk town audit tester 李审核 "sanzi serve"; do
      ! grep -F -e "$u" $f || { echo "$u in $f"; return 1; }
    done
  done
'

test_expect_success 'no cookie read or set, the security headers, no script, no link into the site' '
  pub /public/$V1 >/dev/null &&
  ! grep -i "^set-cookie" "$TMP/headers" &&
  test "$(header X-Frame-Options)" = DENY &&
  test "$(header X-Content-Type-Options)" = nosniff &&
  test "$(header Referrer-Policy)" = same-origin &&
  test "$(header Cache-Control)" = no-store &&
  header Content-Security-Policy | grep -F "script-src '\''self'\''" &&
  ! grep -F "<script" p.html && ! grep -F "<form" p.html &&
  ! grep -E "href=\"/[^s]" p.html &&
  login c clerk clerkPass123 && pub /public/$V1 -b c >/dev/null &&
  test "$(status)" = 200 && ! grep -i "^set-cookie" "$TMP/headers" &&
  ! grep -F clerk "$TMP/body"
'

test_expect_success 'an unknown code, a township, another path: 404; a POST: 405' '
  pub /public/150125100299 >/dev/null && test "$(status)" = 404 &&
  pub /public/$T1 >/dev/null && test "$(status)" = 404 &&
  pub /public/abc >/dev/null && test "$(status)" = 404 &&
  pub /public/ >/dev/null && test "$(status)" = 404 &&
  pub /public/$V1/other >/dev/null && test "$(status)" = 404 &&
  pub /public/$V1 -X POST -d x=1 >/dev/null && test "$(status)" = 405
'

# qr PNG: the text of the QR code in the SVG (rsvg-convert, zbarimg).
qr() {
  rsvg-convert -w 400 -b white -o qr.png "$1" &&
  zbarimg -q --raw qr.png
}
# qr_test TITLE BODY: a test that needs zbarimg and rsvg-convert (Debian
# zbar-tools, librsvg2-bin; tools/deps.sh), skipped without them.
qr_test() {
  if command -v zbarimg >/dev/null && command -v rsvg-convert >/dev/null; then
    test_expect_success "$@"
  else
    test_count=$((test_count + 1))
    echo "ok $test_count # SKIP no zbarimg or rsvg-convert: $1"
  fi
}

qr_test 'the QR code: an SVG of rects, no script; it decodes to the page'\''s address (the Host used)' '
  pub /public/$V1/qr.svg >qr.svg && test "$(status)" = 200 &&
  test "$(header Content-Type)" = image/svg+xml &&
  ! grep -F "<script" qr.svg &&
  test "$(qr qr.svg)" = "$URL/public/$V1" &&
  pub /public/$V1/qr.svg -H "Host: sanzi.example.cn:8080" >qr2.svg &&
  test "$(qr qr2.svg)" = "http://sanzi.example.cn:8080/public/$V1"
'

qr_test 'public_base_url set: the QR has that address, whatever the Host' '
  sanzi config public_base_url http://192.168.1.10:8080/ >/dev/null &&
  pub /public/$V1/qr.svg -H "Host: localhost" >qr3.svg &&
  test "$(qr qr3.svg)" = "http://192.168.1.10:8080/public/$V1" &&
  pub /public/$V1/print >pr.html &&
  grep -F "http://192.168.1.10:8080/public/$V1" pr.html &&
  sanzi config public_base_url 自动 >/dev/null
'

test_expect_success 'public_base_url refuses what is not an address, and a bad Host gets no QR' '
  test_must_fail 1 sanzi config public_base_url "javascript:alert(1)" 2>err &&
  grep -F "http://192.168.1.10:8080" err &&
  test_must_fail 1 sanzi config public_pages 2 &&
  pub /public/$V1/qr.svg -H "Host: a\"b" >/dev/null && test "$(status)" = 400
'

test_expect_success 'the print pages show the QR code with 扫码查看本村三资公开信息' '
  pub /public/$V1/print >pr.html && test "$(status)" = 200 &&
  grep -F "<img src=\"/public/$V1/qr.svg\"" pr.html &&
  grep -F 扫码查看本村三资公开信息 pr.html &&
  get c "/asset/print?village=$V1" >lp.html && test "$(status)" = 200 &&
  grep -F "<img src=\"/public/$V1/qr.svg\"" lp.html &&
  grep -F 扫码查看本村三资公开信息 lp.html
'

test_expect_success 'public_pages 0: every public page 404, the print page without the QR' '
  sanzi config public_pages 0 >/dev/null &&
  for p in /public/$V1 /public/$V1/qr.svg /public/$V1/print; do
    pub $p >o.html && test "$(status)" = 404 || return 1
    ! grep -F 福如东村 o.html || return 1
  done &&
  get c "/asset/print?village=$V1" >lp.html && test "$(status)" = 200 &&
  ! grep -F qr.svg lp.html &&
  sanzi config public_pages 1 >/dev/null &&
  pub /public/$V1 >/dev/null && test "$(status)" = 200
'

test_done
