#!/bin/sh
# sanzi serve: the add and edit forms (doc/web.md "Pages and routes"): the
# same rules as `sanzi asset add|edit`, each reason at its field, nothing
# saved until the record is right; the change log names the user.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login audit audit auditPass123
head_now() { sanzi log verify 2>/dev/null; }

test_expect_success 'the add form has a drop-down for each coded field' '
  get clerk /asset/new >form && test "$(status)" = 200 &&
  grep -F "<select id=\"f-category\" name=\"category\">" form &&
  grep -F "<option value=\"农业机械\">农业机械</option>" form &&
  grep -F "<option value=\"经营性\">经营性</option>" form &&
  grep -F "<input id=\"f-acquired_on\" name=\"acquired_on\" type=\"date\"" form &&
  grep -F "原值（元）" form &&
  grep -F "<option value=\"$V1\" selected>" form && ! grep -F "$V2" form
'

test_expect_success 'a record with mistakes is refused, each reason at its field, nothing saved' '
  before=$(head_now) &&
  tok=$(csrf_of) &&
  post clerk /asset csrf=$tok village=$V1 name=打井机 category=机器设备 \
    nature=经营性 original_value=12a acquired_via=购入 acquired_on=2021-01-01 \
    status=在用 >page &&
  test "$(status)" = 422 &&
  grep -F "<span class=\"field-error\" id=\"e-original_value\">“12a”：不是金额</span>" page &&
  grep -F "aria-invalid=\"true\" aria-describedby=\"e-original_value\"" page &&
  grep -F "value=\"打井机\"" page &&
  test "$(head_now)" = "$before"
'

test_expect_success 'a required field left empty is named at the field' '
  tok=$(session_csrf clerk) &&
  post clerk /asset csrf=$tok village=$V1 name= category=机器设备 nature=经营性 \
    original_value=100 acquired_via=购入 acquired_on=2021-01-01 status=在用 >page &&
  test "$(status)" = 422 &&
  grep -F "id=\"e-name\">必填，但为空</span>" page
'

test_expect_success 'JSON gets the reasons as {"errors":[...]}' '
  tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "Accept: application/json" --data-urlencode csrf=$tok \
    --data-urlencode village=$V1 --data-urlencode name=打井机 \
    --data-urlencode category=机器设备 --data-urlencode nature=经营性 \
    --data-urlencode original_value=-5 --data-urlencode acquired_via=购入 \
    --data-urlencode acquired_on=2021-01-01 --data-urlencode status=在用 \
    "$URL/asset" >e.json &&
  $PY -c "import json; d=json.load(open(\"e.json\")); e=d[\"errors\"]; \
    assert len(e) == 1 and e[0][\"field\"] == \"原值\" and e[0][\"row\"] == 0 \
    and e[0][\"key\"] == \"original_value\", d"
'

test_expect_success 'the corrected record is saved and shown; the log names the user' '
  tok=$(session_csrf clerk) &&
  post clerk /asset csrf=$tok village=$V1 name=打井机 category=机器设备 \
    nature=经营性 original_value=1200 acquired_via=购入 acquired_on=2021-01-01 \
    status=在用 >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = /asset/$V1-ZC-0003 &&
  get clerk /asset/$V1-ZC-0003 >rec && grep -F "打井机" rec &&
  grep -F "1,200.00" rec &&
  sanzi log --key $V1-ZC-0003 --format csv >log.csv &&
  grep -E "^[0-9]+,[^,]*,clerk,insert,.*,asset,$V1-ZC-0003," log.csv && sanzi log verify
'

test_expect_success 'an edit changes a field, keeps the fixed ones, and the history shows it' '
  get clerk /asset/$V1-ZC-0003/edit >form && test "$(status)" = 200 &&
  grep -F "<input id=\"f-village\" value=\"$V1\" readonly>" form &&
  tok=$(csrf_of) &&
  post clerk /asset/$V1-ZC-0003 csrf=$tok village=$V2 name=打井机 \
    category=机器设备 nature=经营性 original_value=1250 acquired_via=购入 \
    acquired_on=2021-01-01 status=闲置 >/dev/null &&
  test "$(status)" = 303 &&
  sanzi asset show $V1-ZC-0003 --format json >s.json &&
  $PY -c "import json; d=json.load(open(\"s.json\")); r=d[\"record\"][0]; \
    assert r[\"village\"] == \"$V1\" and r[\"original_value\"] == 1250 \
    and r[\"status\"] == \"闲置\", r; \
    h=[x for x in d[\"history\"] if x[\"field\"]]; \
    assert {(x[\"key\"], x[\"old\"], x[\"new\"]) for x in h} == \
      {(\"original_value\", \"1,200.00\", \"1,250.00\"), (\"status\", \"在用\", \"闲置\")}, h; \
    assert all(x[\"operator\"] == \"clerk\" for x in h), h"
'

test_expect_success 'a village clerk cannot add to another village' '
  before=$(head_now) && tok=$(session_csrf clerk) &&
  post clerk /asset csrf=$tok village=$V2 name=别村的车 category=运输设备 \
    nature=经营性 original_value=100 acquired_via=购入 acquired_on=2021-01-01 \
    status=在用 >page &&
  test "$(status)" = 422 &&
  grep -F "id=\"e-village\">村 $V2 不在您的管辖范围内</span>" page &&
  test "$(head_now)" = "$before"
'

test_expect_success 'editing a record outside the scope is 404' '
  get clerk /asset/$V2-ZC-0001/edit >/dev/null && test "$(status)" = 404 &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/$V2-ZC-0001 csrf=$tok name=改名 >/dev/null &&
  test "$(status)" = 404
'

test_expect_success 'an auditor writes nothing (403)' '
  before=$(head_now) &&
  get audit /asset/new >/dev/null && test "$(status)" = 403 &&
  tok=$(session_csrf audit) &&
  post audit /asset csrf=$tok village=$V1 name=审计的车 category=运输设备 \
    nature=经营性 original_value=100 acquired_via=购入 acquired_on=2021-01-01 \
    status=在用 >/dev/null &&
  test "$(status)" = 403 && test "$(head_now)" = "$before"
'

test_expect_success 'without the CSRF token a form writes nothing (403)' '
  before=$(head_now) &&
  post clerk /asset village=$V1 name=无令牌 category=运输设备 nature=经营性 \
    original_value=100 acquired_via=购入 acquired_on=2021-01-01 status=在用 >/dev/null &&
  test "$(status)" = 403 && test "$(head_now)" = "$before"
'

test_expect_success 'void with a reason: gone from the list, kept with its reason; scope and role hold' '
  get clerk /asset/$V1-ZC-0003 >rec && grep -F "作废原因" rec && tok=$(csrf_of) &&
  post clerk /asset/$V2-ZC-0001/void csrf=$tok reason=误录 >/dev/null &&
  test "$(status)" = 404 &&
  tok=$(session_csrf audit) &&
  post audit /asset/$V1-ZC-0003/void csrf=$tok reason=误录 >/dev/null &&
  test "$(status)" = 403 &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/$V1-ZC-0003/void csrf=$tok >/dev/null && test "$(status)" = 422 &&
  post clerk /asset/$V1-ZC-0003/void csrf=$tok reason=重复录入 >/dev/null &&
  test "$(status)" = 303 &&
  get clerk /asset -H "Accept: application/json" >l.json &&
  ! grep -F "$V1-ZC-0003" l.json &&
  sanzi asset list --voided --format csv | grep -F "$V1-ZC-0003" | grep -F 重复录入 &&
  sanzi log verify
'

test_expect_success 'a fund entry (code with 记) is added and its page reached' '
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=100 \
    opening_date=2025-01-01 >/dev/null &&
  tok=$(session_csrf clerk) &&
  post clerk /fund csrf=$tok voucher=记-001 village=$V1 date=2025-01-15 \
    account=$V1-ZH-0001 direction=收入 amount=5000 category=经营收入 \
    summary=收取机井承包费 >/dev/null &&
  test "$(status)" = 303 &&
  loc=$(header Location) &&
  test "$loc" = "/fund/$V1-2025-%E8%AE%B0-001" &&
  get clerk "$loc" >rec && test "$(status)" = 200 && grep -F 收取机井承包费 rec
'

test_done
