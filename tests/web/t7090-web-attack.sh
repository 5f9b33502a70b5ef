#!/bin/sh
# sanzi serve against a hostile client (issue 15, "hardened against
# crashes and forgery"): each test is a hole found by attacking the
# server, and stays closed. A refusal changes nothing (the change log's
# head is the same before and after).
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123
head_now() { sanzi log verify 2>/dev/null; }
J="Accept: application/json"
A1=$V1-ZC-0001

# raw REQUEST-BYTES (python escapes): sends them on one connection, prints
# what comes back (at most 10 s).
raw() {
  $PY - "$URL" "$1" <<'EOF'
import socket, sys
host, port = sys.argv[1].split("//")[1].split(":")
s = socket.create_connection((host, int(port)), timeout=10)
s.sendall(sys.argv[2].encode().decode("unicode_escape").encode("latin-1"))
out = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        out += b
except socket.timeout:
    pass
sys.stdout.buffer.write(out)
EOF
}

test_expect_success 'the form takes no void reason: a record cannot be voided by add or edit' '
  get clerk /asset/new >page && test "$(status)" = 200 &&
  ! grep -F "name=\"voided\"" page && ! grep -F "name=\"restored\"" page &&
  tok=$(session_csrf clerk) &&
  post clerk /asset csrf=$tok village=$V1 name=铡草机 original_value=900 \
    acquired_on=2022-05-01 category=农业机械 nature=经营性 acquired_via=购入 \
    status=在用 voided=偷偷作废 restored=x >/dev/null &&
  test "$(status)" = 303 && code=${A1%0001}0003 &&
  test "$(header Location)" = /asset/$code &&
  post clerk /asset/$A1 csrf=$tok village=$V1 name=拖拉机 original_value=12500 \
    acquired_on=2020-05-01 category=农业机械 nature=经营性 acquired_via=购入 \
    status=在用 voided=偷偷作废 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(sqlite3 "$SANZI_DB" "SELECT count(*) FROM asset WHERE voided IS NOT NULL OR restored IS NOT NULL")" = 0 &&
  sanzi asset list --village $V1 >l && grep -F $A1 l && grep -F $code l
'

test_expect_success 'a path too long for the server is 414, whole, never a shorter path' '
  long=$(printf "%02000d" 0) &&
  get clerk "/asset/$long" >/dev/null && test "$(status)" = 414 &&
  get clerk "/asset/$long" -H "$J" >j && test "$(status)" = 414 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"errors\"][0][\"message\"] == \"请求的地址过长\"" &&
  before=$(head_now) && tok=$(session_csrf clerk) &&
  post clerk "/asset/$A1$long" csrf=$tok name=改名 >/dev/null &&
  test "$(status)" = 414 && test "$(head_now)" = "$before" &&
  grep -F " GET - 414 " serve.log
'

test_expect_success 'a body over the limit is refused at once: 413, no 100 Continue' '
  raw "POST /asset HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\nAccept: application/json\r\n\r\n" >out &&
  head -1 out | grep "^HTTP/1.1 413 " && ! grep -F "100 Continue" out
'

test_expect_success 'a JSON client gets JSON: 406 for pages that are only HTML' '
  for p in / /asset/new /asset/import /password /asset/$A1/edit; do
    get clerk $p -H "$J" >j && test "$(status)" = 406 &&
    $PY -c "import json; d=json.load(open(\"j\")); assert d[\"errors\"][0][\"message\"] == \"此页面只有网页形式，没有 JSON 形式\"" ||
    return 1
  done &&
  get clerk /asset -H "$J" >j && test "$(status)" = 200 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"total\"] == 3"
'

test_expect_success 'in JSON, the login token is read from GET /login and a login works with it' '
  rm -f jl && get jl /login -H "$J" >j && test "$(status)" = 200 &&
  tok=$($PY -c "import json; print(json.load(open(\"j\"))[\"csrf\"])") &&
  curl -s -b jl -c jl -H "$J" -o j -w "%{http_code}" --data-urlencode csrf=$tok \
    --data-urlencode user=town --data-urlencode password=townPass123 \
    "$URL/login" >st &&
  test "$(cat st)" = 200 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"user\"] == \"town\""
'

test_expect_success 'POST /password in JSON: its refusal is JSON, nothing changes' '
  before=$(head_now) && tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "$J" -o j -w "%{http_code}" --data-urlencode csrf=$tok \
    --data-urlencode old=clerkPass123 --data-urlencode new=abcdefgh1 \
    --data-urlencode again=abcdefgh2 "$URL/password" >st &&
  test "$(cat st)" = 400 &&
  $PY -c "import json; d=json.load(open(\"j\")); assert d[\"errors\"][0][\"message\"] == \"两次输入的新密码不一致\"" &&
  test "$(head_now)" = "$before"
'

upload() { # upload FILE NAME: POST FILE as "file" named NAME, in JSON
  tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "$J" -o "$TMP/body" -w "%{http_code}" -F csrf=$tok \
    -F "file=@$1;filename=$2" "$URL/asset/import" >"$TMP/status"
  cat "$TMP/body"
}

test_expect_success 'an upload refused names the file sent, never the server path' '
  head -c 3000 /dev/zero >bin.csv &&
  printf "PK\003\004broken" >bad.xlsx &&
  before=$(head_now) &&
  upload bin.csv 资产.csv >j && test "$(status)" = 422 &&
  grep -F "资产.csv" j && ! grep -F ".uploads" j && ! grep -F "$TMP" j &&
  upload bad.xlsx 资产.xlsx >j && test "$(status)" = 422 &&
  grep -F "资产.xlsx" j && ! grep -F ".uploads" j &&
  test "$(head_now)" = "$before"
'

test_expect_success 'two files in one upload: 400, nothing kept, nothing written' '
  printf "资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\n脱粒机,%s,农业机械,经营性,3000,购入,2022-04-01,在用\n" $V1 >one.csv &&
  before=$(head_now) && tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "$J" -o j -w "%{http_code}" -F csrf=$tok \
    -F "file=@one.csv;filename=a.csv" -F "file=@one.csv;filename=b.csv" \
    "$URL/asset/import" >st &&
  test "$(cat st)" = 400 && test -z "$(ls -A "$SANZI_DB.uploads")" &&
  test "$(head_now)" = "$before"
'

test_expect_success 'a preview is confirmed only into the register it was checked for' '
  tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "$J" -o j -F csrf=$tok -F "file=@one.csv;filename=a.csv" \
    "$URL/asset/import" &&
  id=$($PY -c "import json; print(json.load(open(\"j\"))[\"id\"])") &&
  before=$(head_now) &&
  for reg in loan fund resource; do
    post clerk /$reg/import/$id/confirm csrf=$tok >/dev/null &&
    test "$(status)" = 404 || return 1
  done &&
  test "$(head_now)" = "$before" &&
  post clerk /asset/import/$id/confirm csrf=$tok >/dev/null &&
  test "$(status)" = 200 && sanzi asset list --village $V1 | grep -F 脱粒机
'

test_expect_success 'a file name that is not UTF-8 is not shown on the preview' '
  printf "资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\n粉碎机,%s,农业机械,经营性,1500,购入,2022-06-01,在用\n" $V1 >ok.csv &&
  tok=$(session_csrf clerk) &&
  name=$(printf "a\377\376.csv") &&
  curl -s -b clerk -o page -w "%{http_code}" -F csrf=$tok \
    -F "file=@ok.csv;filename=$name" "$URL/asset/import" >st &&
  test "$(cat st)" = 200 &&
  iconv -f UTF-8 -t UTF-8 page >/dev/null
'

test_expect_success 'a long search text: the index narrows, the whole text decides' '
  long=一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星 &&
  sanzi asset add village=$V1 name=$long original_value=1 acquired_on=2023-01-01 \
    $ASSET >/dev/null &&
  q=$($PY -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$long") &&
  get clerk "/asset?q=$q" -H "$J" >j && test "$(status)" = 200 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"total\"] == 1" &&
  other=$(echo "$long" | sed "s/壬/王/") &&
  q=$($PY -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))" "$other") &&
  get clerk "/asset?q=$q" -H "$J" >j && test "$(status)" = 200 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"total\"] == 0" &&
  q=$($PY -c "print(\"x\" * 3000)") &&
  get clerk "/asset?q=$q" -H "$J" >j && test "$(status)" = 200 &&
  $PY -c "import json; assert json.load(open(\"j\"))[\"total\"] == 0"
'

test_expect_success 'the access log escapes the control characters of a method' '
  raw "G\\x1b[31mT /healthz HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n" >out &&
  head -1 out | grep "^HTTP/1.1 405 " &&
  grep -F "G\\x1b[31mT /healthz 405" serve.log &&
  ! grep "$(printf "\\033")" serve.log
'

test_expect_success 'the server still answers, and wrote no sanitizer report' '
  get clerk /healthz >out && test "$(cat out)" = ok &&
  ! grep -E "ERROR: AddressSanitizer|runtime error" serve.log
'

test_done
