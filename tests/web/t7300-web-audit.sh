#!/bin/sh
# sanzi serve: the audit and the change log (doc/web.md "The audit", "The
# change log"): the findings of a year worked out from the data the test
# enters, filtered, linked to their records and held to the user's scope;
# the export as one ZIP built in the background, its manifest's SHA-256
# and chain head checked, refused to the roles that may not export and
# hidden from everyone but its starter; the change log with old → new, its
# filters, "verify now" before and after the database is changed behind
# the log; every refusal with its status.
. "$(dirname "$0")/lib-web.sh"

ID2=110101199003074514
web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
# ZC01: an asset of V1 and one of V3 (another township) registered at 0.00
sanzi asset add village=$V1 name=旧库房 original_value=0 acquired_on=2020-01-01 \
  $ASSET >/dev/null &&
sanzi asset add village=$V3 name=旧碾子 original_value=0 acquired_on=2020-01-01 \
  $ASSET >/dev/null &&
# ZC02: a building of V2 with no certificate number
sanzi asset add village=$V2 name=仓库 category=房屋及建筑物 original_value=50000 \
  acquired_on=2015-01-01 nature=经营性 acquired_via=购入 status=在用 >/dev/null &&
# HT02: V1's tractor let for 12,000.00 a year (年付) from 2024-07-01, nothing
# received: at 2025-12-31 the instalments of 2024-07-01 and 2025-07-01 are
# overdue, 24,000.00, the oldest 365 + 183 = 548 days
sanzi contract add --without-filing village=$V1 kind=出租 object=$V1-ZC-0001 \
  party=王二 party_id=$ID2 party_is_member=是 payment=年付 start_date=2024-07-01 \
  end_date=2026-06-30 annual_amount=12000 first_due=2024-07-01 \
  signed_on=2024-06-15 >/dev/null &&
# what a server stopped in the middle of an export leaves: removed at start
mkdir -m 700 test.db.uploads && mkdir test.db.uploads/0123.d \
  test.db.uploads/.sanzi-export-0123 &&
touch test.db.uploads/0123.d/00-汇总.csv test.db.uploads/.sanzi-export-0123/x.csv &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
for u in audit clerk town county; do
  login $u $u ${u}Pass123 || exit 1
done

J="-H Accept:application/json"
# findings USER QUERY: the findings as "code|village|record|href", sorted.
findings() {
  get $1 "/audit/2025/findings$2" $J >f.json &&
  test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open('f.json')); \
    assert d['total'] == len(d['rows']), d; \
    print('\n'.join(sorted('%s|%s|%s|%s' % (r['code'], r['village'], r['record'], r['href']) \
      for r in d['rows'])))"
}

test_expect_success 'the left-overs of an export cut short are gone when the server starts' '
  test -d test.db.uploads && ! ls -A test.db.uploads | grep -q 0123
'

test_expect_success 'the findings of 2025 for the county, each linked to its record' '
  findings audit "" >actual &&
  cat >expect <<-EOF &&
	HT02|$V1|$V1-HT-0001|/contract/$V1-HT-0001
	ZC01|$V1|$V1-ZC-0003|/asset/$V1-ZC-0003
	ZC01|$V3|$V3-ZC-0002|/asset/$V3-ZC-0002
	ZC02|$V2|$V2-ZC-0002|/asset/$V2-ZC-0002
	EOF
  test_cmp expect actual &&
  get audit /audit/2025/findings >page && test "$(status)" = 200 &&
  grep -q "<a href=\"/asset/$V1-ZC-0003\">$V1-ZC-0003</a>" page &&
  grep -q "共 4 项" page &&
  grep -q "截至 2025-12-31 逾期 2 期，未收 24,000.00 元；最早一期应付日为 2024-07-01（逾期 548 天）" page
'

test_expect_success 'the filters: by finding code, by village, by township' '
  findings audit "?code=ZC01" >actual &&
  printf "%s\n" "ZC01|$V1|$V1-ZC-0003|/asset/$V1-ZC-0003" \
    "ZC01|$V3|$V3-ZC-0002|/asset/$V3-ZC-0002" >expect &&
  test_cmp expect actual &&
  findings audit "?village=$V2" >actual &&
  echo "ZC02|$V2|$V2-ZC-0002|/asset/$V2-ZC-0002" >expect &&
  test_cmp expect actual &&
  findings audit "?township=$T1&code=ZC01" >actual &&
  echo "ZC01|$V1|$V1-ZC-0003|/asset/$V1-ZC-0003" >expect &&
  test_cmp expect actual &&
  get audit "/audit/2025/findings?code=XX99" >/dev/null && test "$(status)" = 400
'

test_expect_success 'scope: a township sees its villages only, a clerk their village only' '
  findings town "" >actual &&
  cat >expect <<-EOF &&
	HT02|$V1|$V1-HT-0001|/contract/$V1-HT-0001
	ZC01|$V1|$V1-ZC-0003|/asset/$V1-ZC-0003
	ZC02|$V2|$V2-ZC-0002|/asset/$V2-ZC-0002
	EOF
  test_cmp expect actual &&
  findings clerk "" >actual &&
  printf "%s\n" "HT02|$V1|$V1-HT-0001|/contract/$V1-HT-0001" \
    "ZC01|$V1|$V1-ZC-0003|/asset/$V1-ZC-0003" >expect &&
  test_cmp expect actual &&
  get clerk /audit/2025/findings >page && ! grep -q "$V2" page &&
  get clerk /audit/2025 >page && test "$(status)" = 200 && ! grep -q "$V2" page &&
  get clerk "/audit/2025/findings?village=$V2" $J >j && test "$(status)" = 404 &&
  ! grep -q ZC02 j &&
  # the township of the clerk village: that village alone, as a
  # list filtered by it
  findings clerk "?township=$T1" >actual2 && test_cmp expect actual2 &&
  for q in "?village=$V3" "?township=150125101"; do
    get town "/audit/2025/findings$q" >j && test "$(status)" = 404 &&
    ! grep -q "$V3" j || return 1
  done
'

test_expect_success 'the classification page: every village of the scope, in HTML and JSON' '
  get town /audit/2025 $J >c.json && test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"c.json\")); \
    v=[r[\"村代码\"] for r in d[\"村级分类\"]]; \
    assert \"$V1\" in v and \"$V2\" in v and \"$V3\" not in v, v; \
    assert all(x.startswith(\"$T1\") for x in v), v; \
    assert d[\"findings\"] == 3 and d[\"as_of\"] == \"2025-12-31\", d" &&
  get audit /audit >/dev/null && test "$(status)" = 303 &&
  test "$(header Location)" = /audit/$(($(date +%Y) - 1)) &&
  get audit /audit/2999 >/dev/null && test "$(status)" = 422
'

test_expect_success 'the export is refused to 村报账员 and 乡镇 with the reason; nothing starts' '
  for u in clerk town; do
    tok=$(session_csrf $u) &&
    post $u /audit/2025/export csrf=$tok >page && test "$(status)" = 403 || return 1
    grep -q "导出审计资料" page || return 1
  done &&
  grep -q "您的角色（村报账员）不能导出审计资料" page ||
  grep -q "您的角色（乡镇）不能导出审计资料" page &&
  ! ls test.db.uploads/*.job 2>/dev/null
'

test_expect_success 'the export as 审计: started, polled until done, downloaded' '
  tok=$(session_csrf audit) &&
  post audit /audit/2025/export csrf=$tok >/dev/null && test "$(status)" = 303 &&
  loc=$(header Location) &&
  echo "$loc" | grep -q "^/audit/2025/export/[0-9a-f]\{32\}$" &&
  echo "$loc" >export.url &&
  for i in $(seq 1 120); do
    get audit "$loc" $J >x.json &&
    grep -q "\"state\":\"done\"" x.json && break
    grep -q "\"state\":\"failed\"" x.json && { cat x.json; return 1; }
    sleep 0.5
  done &&
  grep -q "\"state\":\"done\"" x.json &&
  sanzi log verify >head 2>/dev/null &&
  get audit "$loc" >page && test "$(status)" = 200 &&
  grep -q "<code id=\"head\">$(cat head)</code>" page &&
  get audit "$loc/zip" >audit.zip && test "$(status)" = 200 &&
  test "$(header Content-Type)" = application/zip &&
  header Content-Disposition | grep -q "filename=\"audit-2025.zip\"; filename\*=UTF-8'"'"''"'"'%E5%B9%B4%E5%BA%A6%E5%AE%A1%E8%AE%A1-2025.zip"
'

test_expect_success 'the ZIP: every file in the manifest with its SHA-256, the chain head of log verify' '
  $PY - "$(cat head)" <<-\EOF
	import hashlib, sys, zipfile
	z = zipfile.ZipFile("audit.zip")
	names = set(z.namelist())
	man = z.read("manifest.txt").decode("utf-8")
	assert "变更日志：已验证" in man and "链头 " + sys.argv[1] in man, man
	assert "审计发现：4 项" in man, man
	files = man.split("文件\t行数\tSHA-256\n")[1].strip().split("\n")
	listed = set()
	for line in files:
	    name, rows, sha = line.split("\t")
	    assert hashlib.sha256(z.read(name)).hexdigest() == sha, name
	    listed.add(name)
	assert listed | {"manifest.txt"} == names, (listed, names)
	assert "年度审计-2025.xlsx" in names and "14-审计发现.csv" in names, names
	f = z.read("14-审计发现.csv").decode("utf-8-sig")
	assert f.count("\n") == 5 and "ZC02" in f, f
	EOF
'

test_expect_success 'only its starter sees the export: any other user gets 404' '
  loc=$(cat export.url) &&
  for u in county clerk town; do
    for p in "$loc" "$loc/zip"; do
      get $u "$p" >out && test "$(status)" = 404 || { echo "$u $p"; return 1; }
      ! grep -q "manifest" out || return 1
    done
  done &&
  get audit /audit/2025/export/00000000000000000000000000000000 >/dev/null &&
  test "$(status)" = 404 &&
  get audit "$(echo $loc | sed s/2025/2024/)" >/dev/null && test "$(status)" = 404
'

test_expect_success 'the change log: the fields of an edit, old → new, newest first' '
  sanzi asset edit $V1-ZC-0001 original_value=13000 >/dev/null &&
  get audit "/log?table=asset&key=$V1-ZC-0001" >page && test "$(status)" = 200 &&
  grep -q "<span class=\"field\">原值</span>：<del>12,500.00</del> → <ins>13,000.00</ins>" page &&
  grep -q "<a href=\"/asset/$V1-ZC-0001\">$V1-ZC-0001</a>" page &&
  get audit "/log?per=5" $J >l.json && test "$(status)" = 200 &&
  last=$(sqlite3 test.db "SELECT max(id) FROM history") &&
  n=$(sqlite3 test.db "SELECT count(*) FROM history") &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == $n, d[\"total\"]; \
    assert d[\"rows\"][0][\"entry\"] == $last, d[\"rows\"][0]; \
    e=[r[\"entry\"] for r in d[\"rows\"]]; assert e == sorted(e, reverse=True), e; \
    assert len(set(e)) == 5, e"
'

test_expect_success 'the change log filters: operator, since, table' '
  get audit "/log?operator=tester&table=contract" $J >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"key\"] == \"$V1-HT-0001\", d" &&
  get audit "/log?operator=nobody" $J >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); assert d[\"total\"] == 0, d" &&
  get audit "/log?since=2999-01-01" $J >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); assert d[\"total\"] == 0, d" &&
  get audit "/log?since=notadate" >/dev/null && test "$(status)" = 400
'

test_expect_success 'the change log is refused to 村报账员 and 乡镇; 县级 reads but does not verify' '
  for u in clerk town; do
    tok=$(session_csrf $u) &&
    get $u /log >page && test "$(status)" = 403 &&
    grep -q "不能查阅变更日志" page &&
    get $u /log $J >j && test "$(status)" = 403 && ! grep -q "\"entry\"" j &&
    post $u /log/verify csrf=$tok >/dev/null && test "$(status)" = 403 || return 1
  done &&
  get county /log >/dev/null && test "$(status)" = 200 &&
  tok=$(session_csrf county) &&
  post county /log/verify csrf=$tok >page && test "$(status)" = 403 &&
  grep -q "不能校验变更日志" page
'

test_expect_success 'verify now shows the chain head of sanzi log verify' '
  tok=$(session_csrf audit) &&
  post audit /log/verify csrf=$tok >page && test "$(status)" = 200 &&
  head=$(sanzi log verify 2>/dev/null) &&
  grep -q "<code id=\"head\">$head</code>" page
'

test_expect_success 'a value changed behind the log: verify now names the first bad entry' '
  e=$(sqlite3 test.db "SELECT min(id) FROM history WHERE tbl = '"'"'asset'"'"' AND key = '"'"'$V2-ZC-0001'"'"'") &&
  sqlite3 test.db "DROP TRIGGER asset_logged; UPDATE asset SET name = '"'"'改名'"'"' WHERE code = '"'"'$V2-ZC-0001'"'"'" &&
  tok=$(session_csrf audit) &&
  post audit /log/verify csrf=$tok >page && test "$(status)" = 409 &&
  grep -q "校验未通过：<span id=\"bad\">变更日志第 $e 条（asset insert $V2-ZC-0001" page &&
  curl -s -b audit -H "X-CSRF-Token: $tok" $J -X POST -o j -w "%{http_code}" \
    "$URL/log/verify" >st && test "$(cat st)" = 409 &&
  grep -q "\"ok\":false,\"error\":\"变更日志第 $e 条" j
'

test_expect_success '首页 shows the number of last year findings in the scope' '
  y=$(($(date +%Y) - 1)) &&
  for u in clerk town audit; do
    get $u "/audit/$y/findings" $J >f.json &&
    n=$($PY -c "import json; print(json.load(open(\"f.json\"))[\"total\"])") &&
    get $u / >page &&
    grep -q "$y 年度审计发现：<a href=\"/audit/$y/findings\" id=\"findings-count\">$n 项</a>" page ||
      { echo "$u $n"; return 1; }
  done
'

test_expect_success 'not logged in: /audit and /log are 303 to /login' '
  get anon /audit/2025/findings >/dev/null && test "$(status)" = 303 &&
  get anon /log >/dev/null && test "$(status)" = 303
'

test_done
