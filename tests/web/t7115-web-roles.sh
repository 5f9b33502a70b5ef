#!/bin/sh
# Roles are enforced by the domain (domain/may.h, doc/web.md "Roles and
# scope"): the server does not check a register write's role itself, it
# calls the domain, whose refusal it answers 403 with the domain's reason.
# Here the 审计 and the 县级 user (who read the county and write no
# register) try every register write: add, edit, void, restore, upload an
# import and confirm another's; each is 403 with the reason naming the
# role, in HTML and in JSON, and the change log does not move. The clerk
# does the same writes, so what refuses is the role and nothing else.
. "$(dirname "$0")/lib-web.sh"

head_now() { sanzi log verify 2>/dev/null; }
REASON="不能登记、修改、作废或导入台账"

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
sanzi asset void $V1-ZC-0002 --reason 重复录入 >/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
printf '资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\n新车,%s,运输设备,经营性,100,购入,2021-01-01,在用\n' \
  $V1 >good.csv

# refused JAR ROLE: the last answer is 403 and names ROLE and the step.
refused() {
  test "$(status)" = 403 &&
  grep -q "您的角色（$2）$REASON" "$TMP/body"
}

for who in audit:审计 county:县级; do
  u=${who%%:*} role=${who#*:}
  test_expect_success "$role: every register write is 403 with the reason; nothing written" '
    login $u $u '"$u"'Pass123 && test "$(status)" = 303 &&
    before=$(head_now) && tok=$(session_csrf $u) &&
    get $u /asset/new >/dev/null && refused $u '"$role"' &&
    post $u /asset csrf=$tok village=$V1 name=车 category=运输设备 \
      nature=经营性 original_value=100 acquired_via=购入 acquired_on=2021-01-01 \
      status=在用 >/dev/null && refused $u '"$role"' &&
    post $u /asset/$V1-ZC-0001 csrf=$tok name=改名 >/dev/null &&
    refused $u '"$role"' &&
    post $u /asset/$V1-ZC-0001/void csrf=$tok reason=测试 >/dev/null &&
    refused $u '"$role"' &&
    post $u /asset/$V1-ZC-0002/restore csrf=$tok reason=测试 >/dev/null &&
    refused $u '"$role"' &&
    get $u /asset/import >/dev/null && refused $u '"$role"' &&
    curl -s -b $u -o "$TMP/body" -w "%{http_code}" -F csrf=$tok \
      -F "file=@good.csv" "$URL/asset/import" >"$TMP/status" &&
    refused $u '"$role"' &&
    test "$(head_now)" = "$before"
  '
  test_expect_success "$role: the same refusal as JSON" '
    tok=$(session_csrf $u) &&
    curl -s -b $u -o "$TMP/body" -w "%{http_code}" \
      -H "Accept: application/json" --data-urlencode csrf=$tok \
      --data-urlencode village=$V1 "$URL/asset" >"$TMP/status" &&
    test "$(status)" = 403 &&
    grep -q "\"message\":\"您的角色（'"$role"'）$REASON\"" "$TMP/body"
  '
done

test_expect_success 'the clerk uploads an import; the auditor cannot confirm it (403, his role), the clerk can' '
  login clerk clerk clerkPass123 && tok=$(session_csrf clerk) &&
  curl -s -b clerk -o page -w "%{http_code}" -F csrf=$tok -F "file=@good.csv" \
    "$URL/asset/import" >st && test "$(cat st)" = 200 &&
  id=$(sed -n "s|.*action=\"/asset/import/\([0-9a-f]*\)/confirm\".*|\1|p" page) &&
  test -n "$id" && before=$(head_now) &&
  atok=$(session_csrf audit) &&
  post audit /asset/import/$id/confirm csrf=$atok >/dev/null &&
  refused audit 审计 && test "$(head_now)" = "$before" &&
  post clerk /asset/import/$id/confirm csrf=$tok >/dev/null &&
  test "$(status)" = 303 -o "$(status)" = 200 &&
  test "$(sqlite3 test.db "SELECT count(*) FROM asset WHERE name = '"'"'新车'"'"'")" = 1
'

test_expect_success 'the clerk makes the same writes: add, edit, void, restore' '
  tok=$(session_csrf clerk) &&
  post clerk /asset csrf=$tok village=$V1 name=车 category=运输设备 \
    nature=经营性 original_value=100 acquired_via=购入 acquired_on=2021-01-01 \
    status=在用 >/dev/null && test "$(status)" = 303 &&
  post clerk /asset/$V1-ZC-0001 csrf=$tok name=改名 >/dev/null &&
  test "$(status)" = 303 &&
  post clerk /asset/$V1-ZC-0002/restore csrf=$tok reason=误作废 >/dev/null &&
  test "$(status)" = 303 &&
  post clerk /asset/$V1-ZC-0002/void csrf=$tok reason=重复录入 >/dev/null &&
  test "$(status)" = 303
'

test_done
