#!/bin/sh
# sanzi serve: the print page of the village notice board (doc/web.md),
# GET /{reg}/print?village=V[&year=Y]: the domain's notice (`sanzi notice`)
# as a page made for printing: the village's name and the date in the
# title, a print style sheet (A4, no bar or button on paper); the village is
# required and must be in the scope; only public data, no ID number.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login town town townPass123
ID=150125198001010019
sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=120.5 \
  status=发包 >/dev/null &&
sanzi contract add village=$V1 kind=出租 object=$V1-ZY-0001 party=王二 \
  party_id=$ID start_date=2025-01-01 end_date=2027-12-31 annual_amount=1000 \
  payment=年付 first_due=2025-01-01 --without-filing >/dev/null 2>&1
# "today" is the county's (the parameter timezone, Asia/Shanghai)
YEAR=$(TZ=Asia/Shanghai date +%Y) TODAY=$(TZ=Asia/Shanghai date +%Y-%m-%d)
# The text of an HTML page's body, tags dropped, one cell a line.
text() { sed -e 's/<[^>]*>/\n/g' "$1" | sed '/^$/d'; }

test_expect_success 'the clerk'\''s village: the notice'\''s content, titled with the name and date' '
  get clerk "/asset/print?village=$V1" >p.html && test "$(status)" = 200 &&
  test "$(header Cache-Control)" = no-store &&
  grep -F "<title>福如东村集体“三资”公开表</title>" p.html &&
  grep -F "<h1>福如东村集体“三资”公开表</h1>" p.html &&
  grep -F "公开期间：$YEAR 年（截至 $TODAY）" p.html &&
  for h in 一、资产 二、资源 三、在执行的合同 四、本年收支 五、本年处置 六、本年贴息; do
    grep -F "<h2>$h</h2>" p.html || return 1
  done &&
  text p.html >p.txt &&
  grep -Fx 拖拉机 p.txt && grep -Fx 水泵 p.txt && grep -Fx 13,300.50 p.txt &&
  grep -Fx 王二 p.txt && grep -Fx "$V1-HT-0001" p.txt && grep -Fx 1,000.00 p.txt &&
  ! grep -F 收割机 p.txt
'

test_expect_success 'the same content as `sanzi notice` (JSON of both compared)' '
  get clerk "/asset/print?village=$V1" -H "Accept: application/json" >w.json &&
  sanzi notice --village $V1 --year $YEAR --format json >c.json &&
  $PY -c "import json; a=json.load(open(\"w.json\")); b=json.load(open(\"c.json\")); \
    assert a == b, (a, b); assert len(a[\"assets\"]) == 3, a"
'

test_expect_success 'no ID number: the party'\''s is in the database, not on the page' '
  test "$(sql "SELECT party_id FROM contract")" = $ID &&
  ! grep -F "$ID" p.html && ! grep -F "${ID%????}" p.html && ! grep -F "$ID" w.json
'

test_expect_success 'made for printing: the print style sheet, A4, no bar or button on paper, no inline script' '
  grep -F "<link rel=\"stylesheet\" href=\"/static/print.css\">" p.html &&
  ! grep -F "<nav class=\"menu\"" p.html && ! grep -F "<script>" p.html &&
  grep -F "<nav class=\"noprint\"" p.html &&
  get clerk /static/print.css >print.css && test "$(status)" = 200 &&
  grep -F "@page { size: A4" print.css &&
  sed -n "/@media print/,\$p" print.css | grep -F ".noprint { display: none; }"
'

test_expect_success 'the year chosen: a past year up to its end' '
  get clerk "/asset/print?village=$V1&year=2025" >p25.html && test "$(status)" = 200 &&
  grep -F "公开期间：2025 年（截至 2025-12-31）" p25.html
'

test_expect_success 'without a village: 400 and a choice of the villages in scope' '
  get clerk /asset/print >c.html && test "$(status)" = 400 &&
  grep -F "请选择要公开的村" c.html &&
  grep -F "<option value=\"$V1\">" c.html && ! grep -F "<option value=\"$V2\">" c.html &&
  get town /asset/print >c.html && test "$(status)" = 400 &&
  grep -F "<option value=\"$V2\">" c.html
'

test_expect_success 'a bad year: 422 with the rule' '
  get clerk "/asset/print?village=$V1&year=20x5" >b.html && test "$(status)" = 422 &&
  grep -F "年度应为 2000 年至今年之间的四位数字" b.html &&
  get clerk "/asset/print?village=$V1&year=$((YEAR + 1))" >/dev/null &&
  test "$(status)" = 422
'

test_expect_success 'outside the scope, or not a village: 404 and nothing of it' '
  get clerk "/asset/print?village=$V2" >o.html && test "$(status)" = 404 &&
  ! grep -F 收割机 o.html && ! grep -F 大水圪洞 o.html &&
  get town "/asset/print?village=$T1" >/dev/null && test "$(status)" = 404 &&
  get town "/asset/print?village=999999999999" >/dev/null && test "$(status)" = 404 &&
  get clerk "/asset/print?village=$V2" -H "Accept: application/json" >o.json &&
  test "$(status)" = 404 && ! grep -F 收割机 o.json
'

test_expect_success 'not logged in: 303 to /login, JSON 401' '
  get nobody "/asset/print?village=$V1" >/dev/null && test "$(status)" = 303 &&
  get nobody "/asset/print?village=$V1" -H "Accept: application/json" >/dev/null &&
  test "$(status)" = 401
'

test_done
