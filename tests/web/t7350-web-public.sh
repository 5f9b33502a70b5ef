#!/bin/sh
# sanzi serve: 村务公开 without login (doc/web.md "Public pages"):
# GET /public/{village} shows what 福如东村 must make public with its
# current figures (the server's today is 2025-12-31: the year 2025), one
# village only; no ID number, bank account, loan contract number or user
# name reaches it; no cookie read or set; the security headers; an unknown
# or non-village code 404; the parameter public_pages 0 turns it off; the
# QR code (qr.svg) decodes to the page's address (the parameter
# public_base_url, else the Host the browser used); the print pages show it.
. "$(dirname "$0")/lib-web.sh"
. "$TOP/tests/cli/lib-audit.sh"   # asset, land, bank, entry, receipt
faketime_ok || { echo "1..0 # SKIP libfaketime cannot be preloaded into the sanitizer build"; exit 0; }

ID2=150125199003070028   # a valid 居民身份证号码 (tests/unit/test_idnum.c)
ID1=11010519491231002X
ACCT=6228480012345678901  # the village's bank account number
CLOCK_FILE=$TMP/clock
echo "@2025-12-31 12:00:00" >"$CLOCK_FILE"
fixed_day 2025-12-31
vote() {
  sanzi disposal vote $1 --step $2 --date $3 --due $4 --present $5 \
    --for $6 --against $7 ${8:+--body $8} >/dev/null
}

web_setup &&
# the year 2025 of 福如东村 (V1), as tests/cli/t4320-notice.sh; 大水圪洞村
# (V2) has its own contract with another party and ID number
asset $V1 办公楼 房屋及建筑物 120000 2020-06-15 在用 location=一组 \
  useful_life_months=120 residual_rate=5 >/dev/null &&
asset $V1 旧仓库 房屋及建筑物 30000 2000-01-01 待处置 >/dev/null &&
land $V1 村东旱地 120.5 发包 >/dev/null &&
sanzi contract add village=$V1 kind=发包 object=$V1-ZY-0001 party=王二 \
  party_id=$ID2 party_is_member=是 start_date=2025-01-01 \
  end_date=2029-12-31 annual_amount=12000 payment=年付 \
  first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
land $V2 西梁地 80 出租 >/dev/null &&
sanzi contract add village=$V2 kind=出租 object=$V2-ZY-0001 party=赵六 \
  party_id=$ID1 party_is_member=是 start_date=2025-01-01 \
  end_date=2026-12-31 annual_amount=3000 payment=年付 \
  first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
sanzi account add village=$V1 name=农商行 kind=银行存款 bank=农商银行武川支行 \
  bank_account=$ACCT opening_balance=0 opening_date=2014-01-01 >/dev/null &&
receipt $V1 记-001 2025-02-01 5000 $V1-HT-0001 &&
entry $V1 $V1-ZH-0001 记-002 2025-03-01 收入 20000 补助收入 &&
entry $V1 $V1-ZH-0001 记-003 2025-04-01 支出 1500.50 管理费用 &&
entry $V1 $V1-ZH-0001 记-004 2025-05-01 支出 499.50 管理费用 &&
entry $V1 $V1-ZH-0001 记-900 2024-12-31 收入 999 补助收入 &&
sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0004 reason=损坏 \
  method=协议 date=2025-03-10 >/dev/null &&
vote $V1-CZ-0001 提议 2025-03-11 7 5 5 0 &&
vote $V1-CZ-0001 商议 2025-03-12 9 7 6 1 &&
vote $V1-CZ-0001 审议 2025-03-15 20 15 12 3 &&
vote $V1-CZ-0001 决议 2025-03-20 30 22 18 4 村民代表会议 &&
sanzi disposal publicize $V1-CZ-0001 --kind 决议 --from 2025-03-21 \
  --to 2025-03-27 >/dev/null &&
sanzi --user 李审核 disposal review $V1-CZ-0001 --decision 同意 \
  --date 2025-03-28 >/dev/null &&
sanzi disposal execute $V1-CZ-0001 --date 2025-04-10 --party 回收站 \
  --price 300 >/dev/null &&
sanzi program set --year 2025 >/dev/null &&
sanzi loan add village=$V1 lender=信用社 contract_no=XYS-JK-778899 \
  project=养牛项目 principal=500000 rate=4.35 start_date=2024-07-01 \
  maturity=2027-07-01 >/dev/null &&
sanzi loan interest $V1-DK-0001 --from 2024-07-01 --to 2024-10-01 \
  --paid 5558.33 --paid-on 2025-01-02 --voucher 记-2025-01-02 >/dev/null &&
sanzi subsidy apply --loan $V1-DK-0001 --year 2025 --date 2025-01-05 >/dev/null &&
sanzi subsidy review $V1-TX-0001 --decision 同意 --date 2025-01-10 >/dev/null &&
sanzi subsidy publicize $V1-TX-0001 --from 2025-01-11 --to 2025-01-17 >/dev/null &&
sanzi subsidy approve $V1-TX-0001 --date 2025-01-20 >/dev/null &&
sanzi subsidy pay $V1-TX-0001 --date 2025-01-25 --voucher 付-001 >/dev/null &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }

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

test_expect_success 'without login: 200, the village'\''s title, the date the figures are as of' '
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
test_expect_success 'assets held: 办公楼 at 120,000.00 and net 57,300.00; the disposed 旧仓库 not' '
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
test_expect_success 'contracts in force: 王二, 12,000.00 a year, 5,000.00 received, 7,000.00 overdue' '
  part contracts p.html >c.html && text c.html >c.txt &&
  grep -Fx 王二 c.txt && grep -Fx "$V1-HT-0001" c.txt && grep -Fx 村东旱地 c.txt &&
  grep -Fx 2025-01-01至2029-12-31 c.txt &&
  grep -Fx 12,000.00 c.txt && grep -Fx 5,000.00 c.txt && grep -Fx 7,000.00 c.txt &&
  grep -F "data-label=\"逾期未收\">7,000.00" c.html
'

# 2025 only (记-900 is 2024): income 5,000 (rent) + 20,000 (补助收入) =
# 25,000.00; expense 1,500.50 + 499.50 = 2,000.00 in 2 entries.
test_expect_success 'the year'\''s income and expense by category, with their totals' '
  part funds p.html >f.html && text f.html >f.txt &&
  grep -A3 -Fx 补助收入 f.txt | grep -Fx 20,000.00 &&
  grep -A3 -Fx 管理费用 f.txt | grep -Fx 2,000.00 &&
  grep -A2 -Fx 收入合计 f.txt | grep -Fx 25,000.00 &&
  grep -A2 -Fx 支出合计 f.txt | grep -Fx 2,000.00 &&
  ! grep -F 999.00 f.txt
'

# The interest 5,558.33 paid in the programme year, at 贴息比例 50%:
# 2,779.165, rounded half up 2,779.17; under every cap.
test_expect_success 'the disposal executed with its price, the subsidy received' '
  part disposals p.html >d.html && text d.html >d.txt &&
  grep -Fx 回收站 d.txt && grep -Fx 300.00 d.txt && grep -Fx 2025-04-10 d.txt &&
  part subsidies p.html >s.html && text s.html >s.txt &&
  grep -Fx 养牛项目 s.txt && grep -Fx 信用社 s.txt && grep -Fx 2,779.17 s.txt
'

test_expect_success 'one village only: nothing of 大水圪洞村 (its land, contract, asset)' '
  ! grep -F -e 西梁地 -e 赵六 -e 收割机 -e "$V2" p.html
'

test_expect_success 'the same figures as `sanzi notice` (JSON of both compared)' '
  pub /public/$V1 -H "Accept: application/json" >w.json && test "$(status)" = 200 &&
  sanzi notice --village $V1 --year 2025 --format json >n.json &&
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
