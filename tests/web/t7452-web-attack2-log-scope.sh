#!/bin/sh
# sanzi serve, attacked: the change log (/log) in a database that holds
# two counties (doc/design.md: a county or a whole province on one
# machine). 县级 and 审计 read the log of their county (WEB.md): another
# county's records — their codes, their old and new values (a party's ID
# number) — its users and their logins never reach them, in HTML or JSON,
# whatever the filters; the 管理员 reads the whole log.
. "$(dirname "$0")/lib-web.sh"

C2=150121 V9=150121100201
ID9=11010519491231002X   # a party of the other county
ID8=150125199003070028
web_setup &&
printf 'code,name,level,parent_code\n%s,土默特左旗,county,1501\n%s,察素齐镇,township,%s\n%s,外县村,village,%s\n' \
  $C2 ${V9%???} $C2 $V9 ${V9%???} >c2.csv &&
sanzi org import c2.csv >/dev/null 2>&1 &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
echo county2Pass123 | sanzi user add county2 --role 县级 --scope $C2 2>/dev/null &&
sanzi resource add village=$V9 name=外县地 land_class=耕地 area=10 status=出租 >/dev/null &&
sanzi contract add village=$V9 kind=出租 object=$V9-ZY-0001 party=外县张三 \
  party_id=$ID9 party_is_member=是 start_date=2025-01-01 end_date=2029-12-31 \
  annual_amount=100 payment=年付 first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
sanzi contract edit $V9-HT-0001 party=外县李四 party_id=$ID8 >/dev/null &&
sanzi asset edit $V1-ZC-0001 name=本县拖拉机 >/dev/null &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }
for u in admin audit county county2; do
  login $u $u ${u}Pass123 || exit 1
done
J="-H Accept:application/json"
other() { grep -e "$V9" -e 外县 -e $ID9 -e $ID8 -e county2 "$1"; }

test_expect_success '县级 and 审计 of 武川县: their county'\''s entries, none of the other county'\''s' '
  for u in county audit; do
    get $u "/log?per=200" >l.html && test "$(status)" = 200 &&
    grep -F "本县拖拉机" l.html && ! other l.html &&
    get $u "/log?per=200" $J >l.json && test "$(status)" = 200 &&
    grep -F "本县拖拉机" l.json && ! other l.json || return 1
  done
'

test_expect_success 'filters do not widen it: the other county'\''s record, table, operator' '
  for q in "key=$V9-HT-0001" "key=$V9-ZY-0001" "table=contract" "table=user" \
           "table=login" "operator=tester" "since=2000-01-01"; do
    get county "/log?per=200&$q" $J >f.json && test "$(status)" = 200 &&
    ! other f.json || { echo "$q"; return 1; }
  done &&
  get county "/log?key=$V9-HT-0001" $J >f.json &&
  grep -F "\"total\":0" f.json
'

test_expect_success 'the other county'\''s 县级 reads its own, not 武川县'\''s' '
  get county2 "/log?per=200" $J >l.json && test "$(status)" = 200 &&
  grep -F "$ID9" l.json && grep -F 外县李四 l.json &&
  ! grep -F "本县拖拉机" l.json && ! grep -F "$V1" l.json
'

test_expect_success 'the 管理员 reads the whole log' '
  get admin "/log?per=200" $J >l.json && test "$(status)" = 200 &&
  grep -F "$ID9" l.json && grep -F "本县拖拉机" l.json && grep -F county2 l.json
'

test_done
