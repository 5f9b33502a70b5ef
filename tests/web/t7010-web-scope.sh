#!/bin/sh
# sanzi serve: scope (doc/web.md "Roles and scope"): a user reads only the
# villages of their scope, in pages, JSON and filters; what is outside is
# 404, never its data. Values are escaped in every page.
. "$(dirname "$0")/lib-web.sh"

web_setup &&
sanzi asset add village=$V1 name="<script>alert(1)</script>" \
  location="\"><img src=x onerror=alert(2)>" original_value=1 \
  acquired_on=2022-01-01 $ASSET >/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login town town townPass123 &&
login audit audit auditPass123 && login admin admin adminPass123

# codes: VILLAGE-ZC-NNNN, numbered per village
A1=$V1-ZC-0001 A2=$V2-ZC-0001 A3=$V3-ZC-0001

test_expect_success 'a village clerk lists only their village (JSON)' '
  get clerk /asset -H "Accept: application/json" >l.json &&
  test "$(status)" = 200 &&
  $PY -c "import json,sys; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 3 and len(d[\"rows\"]) == 3, d; \
    assert {r[\"village\"] for r in d[\"rows\"]} == {\"$V1\"}, d"
'

test_expect_success 'a village clerk gets 404 for a record of another village' '
  get clerk /asset/$A2 >page && test "$(status)" = 404 &&
  ! grep 收割机 page &&
  get clerk /asset/$A2 -H "Accept: application/json" >j &&
  test "$(status)" = 404 && ! grep 收割机 j &&
  get clerk /asset/$A1 >page && test "$(status)" = 200 && grep 拖拉机 page
'

test_expect_success 'a filter naming another village or township is 404' '
  get clerk "/asset?village=$V2" >page && test "$(status)" = 404 &&
  ! grep 收割机 page &&
  get clerk "/asset?township=150125101" -H "Accept: application/json" >j &&
  test "$(status)" = 404 && ! grep 播种机 j &&
  get clerk "/asset?village=999999999999" >/dev/null && test "$(status)" = 404
'

test_expect_success 'a township user sees both its villages, not the third' '
  get town /asset -H "Accept: application/json" >t.json &&
  $PY -c "import json; d=json.load(open(\"t.json\")); \
    assert sorted({r[\"village\"] for r in d[\"rows\"]}) == [\"$V1\", \"$V2\"], d; \
    assert d[\"total\"] == 4, d" &&
  get town /asset/$A2 >/dev/null && test "$(status)" = 200 &&
  get town /asset/$A3 >/dev/null && test "$(status)" = 404 &&
  get town "/asset?village=$V2" -H "Accept: application/json" >v2.json &&
  $PY -c "import json; d=json.load(open(\"v2.json\")); assert d[\"total\"] == 1, d"
'

test_expect_success 'a name search (q) stays within the scope' '
  get town "/asset?q=%E6%94%B6%E5%89%B2" -H "Accept: application/json" >q.json &&
  $PY -c "import json; d=json.load(open(\"q.json\")); \
    assert [r[\"name\"] for r in d[\"rows\"]] == [\"收割机\"], d" &&
  get clerk "/asset?q=%E6%94%B6%E5%89%B2" -H "Accept: application/json" >q2.json &&
  $PY -c "import json; d=json.load(open(\"q2.json\")); assert d[\"total\"] == 0, d" &&
  get town "/asset?q=%E6%94%B6%E5%89%B2" >page && grep -F "合计（1 条）" page &&
  grep -F "value=\"收割\"" page
'

test_expect_success 'a county auditor and the 管理员 see every village' '
  get audit /asset -H "Accept: application/json" >a.json &&
  $PY -c "import json; d=json.load(open(\"a.json\")); assert d[\"total\"] == 5, d" &&
  get admin /asset/$A3 >/dev/null && test "$(status)" = 200
'

test_expect_success 'the list page sums the original values of the scope' '
  get town /asset >page &&
  grep -F "合计（4 条）" page &&
  grep -F "43,301.50" page
'

test_expect_success 'a name with markup is shown as text in lists and records' '
  get clerk /asset >page && grep -F "&lt;script&gt;alert(1)&lt;/script&gt;" page &&
  ! grep -F "<script>alert" page &&
  get clerk /asset/$V1-ZC-0003 >rec && test "$(status)" = 200 &&
  grep -F "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" rec &&
  ! grep -F "<img src=x" rec && ! grep -F "<script>alert" rec
'

test_expect_success 'JSON escapes what it carries' '
  get clerk /asset/$V1-ZC-0003 -H "Accept: application/json" >r.json &&
  $PY -c "import json; d=json.load(open(\"r.json\")); \
    assert d[\"record\"][0][\"name\"] == \"<script>alert(1)</script>\", d"
'

test_expect_success 'the users page is for the 管理员 alone' '
  get clerk /admin/users >/dev/null && test "$(status)" = 403 &&
  get admin /admin/users >page && test "$(status)" = 200 &&
  grep -F "clerk" page && grep -F "村报账员" page
'

test_expect_success 'unknown routes are 404' '
  get clerk /nothing >/dev/null && test "$(status)" = 404 &&
  get clerk /asset/$A1/more >/dev/null && test "$(status)" = 404 &&
  get clerk /org >/dev/null && test "$(status)" = 404
'

test_done
