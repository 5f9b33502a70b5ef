#!/bin/sh
# sanzi serve: the voided records (doc/web.md): GET /{reg}?voided=1 lists
# them with their reasons, in the user's scope; a voided record's page says
# 已作废 with the reason and offers writers POST /{reg}/{code}/restore, the
# domain's restore (`sanzi REGISTER restore`). Every refusal writes nothing.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login audit audit auditPass123 &&
login town town townPass123
head_now() { sanzi log verify 2>/dev/null; }
sanzi asset void $V1-ZC-0002 --reason "录错了<b>村</b>" >/dev/null 2>&1 &&
sanzi asset void $V2-ZC-0001 --reason 重复录入 >/dev/null 2>&1

test_expect_success 'the voided list shows the village'\''s voided records with their reasons' '
  get clerk "/asset?voided=1" >page && test "$(status)" = 200 &&
  grep -F "$V1-ZC-0002" page && grep -F "录错了&lt;b&gt;村&lt;/b&gt;" page &&
  grep -F "作废原因" page &&
  ! grep -F "$V1-ZC-0001" page && ! grep -F "$V2-ZC-0001" page
'

test_expect_success 'a township user sees both villages; an auditor reads them too' '
  get town "/asset?voided=1" >page && test "$(status)" = 200 &&
  grep -F "$V1-ZC-0002" page && grep -F "$V2-ZC-0001" page &&
  get audit "/asset?voided=1&village=$V2" >page && test "$(status)" = 200 &&
  grep -F "$V2-ZC-0001" page && ! grep -F "$V1-ZC-0002" page
'

test_expect_success 'JSON: the voided rows with the key voided' '
  get town "/asset?voided=1" -H "Accept: application/json" >v.json &&
  $PY -c "import json; d=json.load(open(\"v.json\")); \
    got = sorted((x[\"code\"], x[\"voided\"]) for x in d[\"rows\"]); \
    assert got == [(\"$V1-ZC-0002\", \"录错了<b>村</b>\"), (\"$V2-ZC-0001\", \"重复录入\")], got; \
    assert d[\"total\"] == 2, d"
'

test_expect_success 'outside the scope: the filter and the record are 404' '
  get clerk "/asset?voided=1&village=$V2" >page && test "$(status)" = 404 &&
  ! grep -F "$V2-ZC-0001" page &&
  get clerk /asset/$V2-ZC-0001 >page && test "$(status)" = 404 &&
  ! grep -F 重复录入 page
'

test_expect_success 'not logged in: 303 to /login, JSON 401' '
  get nobody "/asset?voided=1" >/dev/null && test "$(status)" = 303 &&
  test "$(header Location)" = /login &&
  get nobody "/asset?voided=1" -H "Accept: application/json" >/dev/null &&
  test "$(status)" = 401
'

test_expect_success 'a voided record'\''s page: 已作废, the reason, and the restore form for writers only' '
  get clerk /asset/$V1-ZC-0002 >rec && test "$(status)" = 200 &&
  grep -F "<strong>已作废</strong>。作废原因：录错了&lt;b&gt;村&lt;/b&gt;" rec &&
  grep -F "action=\"/asset/$V1-ZC-0002/restore\"" rec &&
  ! grep -F "/edit\">修改" rec && ! grep -F "/void\"" rec &&
  get audit /asset/$V1-ZC-0002 >rec && grep -F "<strong>已作废</strong>" rec &&
  ! grep -F "/restore" rec &&
  get clerk /asset/$V1-ZC-0001 >rec && ! grep -F "已作废" rec &&
  grep -F "/void\"" rec
'

test_expect_success 'restore refused: auditor 403, outside the scope 404, no CSRF 403, no reason 422 at the field; nothing written' '
  before=$(head_now) &&
  tok=$(session_csrf audit) &&
  post audit /asset/$V1-ZC-0002/restore csrf=$tok reason=恢复 >/dev/null &&
  test "$(status)" = 403 &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/$V2-ZC-0001/restore csrf=$tok reason=恢复 >page &&
  test "$(status)" = 404 && ! grep -F 重复录入 page &&
  post clerk /asset/$V1-ZC-0002/restore reason=恢复 >/dev/null &&
  test "$(status)" = 403 &&
  post clerk /asset/$V1-ZC-0002/restore csrf=$tok reason= >page &&
  test "$(status)" = 422 &&
  grep -F "<span class=\"field-error\" id=\"e-reason\">恢复须写明原因</span>" page &&
  grep -F "aria-describedby=\"e-reason\"" page &&
  post clerk /asset/$V1-ZC-0001/restore csrf=$tok reason=误点 >page &&
  test "$(status)" = 422 &&
  grep -F "<p class=\"error\" role=\"alert\">$V1-ZC-0001 未作废，无需恢复</p>" page &&
  post nobody /asset/$V1-ZC-0002/restore reason=恢复 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(head_now)" = "$before" &&
  sanzi asset list --voided --format csv | grep -F "$V1-ZC-0002"
'

test_expect_success 'restored: back in the list, out of the voided list; the log names the user and the reason' '
  tok=$(session_csrf clerk) &&
  post clerk /asset/$V1-ZC-0002/restore csrf=$tok reason=误作废 >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = /asset/$V1-ZC-0002 &&
  get clerk /asset -H "Accept: application/json" >l.json &&
  grep -F "\"$V1-ZC-0002\"" l.json &&
  get clerk "/asset?voided=1" >page && ! grep -F "$V1-ZC-0002" page &&
  get clerk /asset/$V1-ZC-0002 >rec && ! grep -F "<strong>已作废" rec &&
  sanzi asset show $V1-ZC-0002 --format json >s.json &&
  $PY -c "import json; d=json.load(open(\"s.json\")); r=d[\"record\"][0]; \
    assert r[\"voided\"] is None and r[\"restored\"] == \"误作废\", r; \
    h=d[\"history\"][-1]; assert h[\"operator\"] == \"clerk\", h" &&
  sanzi log verify
'

test_expect_success 'JSON restore answers {"restored":CODE}' '
  sanzi asset void $V1-ZC-0001 --reason 试 >/dev/null 2>&1 &&
  tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "Accept: application/json" -H "X-CSRF-Token: $tok" \
    --data-urlencode reason=再恢复 "$URL/asset/$V1-ZC-0001/restore" >r.json &&
  test "$(cat r.json)" = "{\"restored\":\"$V1-ZC-0001\"}"
'

test_done
