#!/bin/sh
# sanzi serve, attacked: the audit export (POST /audit/{year}/export)
# started again and again by one user. Each export is a thread with a
# database handle while it runs and a ZIP kept for an hour: without a
# bound, one account could fill the disk and the process with them. One
# user keeps at most 10 exports at a time (429 with the reason beyond,
# nothing started); another user is not held by the first one's; at most
# two run at once in the whole server (503, "try again").
. "$(dirname "$0")/lib-web.sh"

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }
for u in audit county; do
  login $u $u ${u}Pass123 || exit 1
done
J="-H Accept:application/json"
# jpost USER: POST /audit/2025/export as JSON with the session's token.
jpost() {
  curl -s -b $1 -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' $J \
    --data-urlencode "csrf=$(session_csrf $1)" "$URL/audit/2025/export" \
    >"$TMP/status"
  cat "$TMP/body"
}

# export USER: POST the export (JSON), then wait for it to finish; the
# status of the POST in $TMP/post.status.
export_one() {
  jpost $1 >x.json &&
  status >post.status &&
  [ "$(cat post.status)" = 202 ] || return 0
  url=$(sed -n 's/.*"url":"\([^"]*\)".*/\1/p' x.json)
  for _ in $(seq 1 240); do
    get $1 "$url" $J | grep -q '"state":"running"' || return 0
    sleep 0.25
  done
}
jobs_of() { grep -l "^user=$1$" test.db.uploads/*.job 2>/dev/null | wc -l; }

test_expect_success 'one user: ten exports in the hour, the eleventh 429 with the reason, nothing started' '
  audit_id=$(sqlite3 test.db "SELECT id FROM user WHERE name = '\''audit'\''") &&
  for i in $(seq 1 10); do
    export_one audit && test "$(cat post.status)" = 202 || return 1
  done &&
  test "$(jobs_of $audit_id)" = 10 &&
  tok=$(session_csrf audit) &&
  post audit /audit/2025/export csrf=$tok >page.html &&
  test "$(status)" = 429 &&
  grep -F "您在一小时内发起的导出已达 10 次" page.html &&
  jpost audit >e.json &&
  test "$(status)" = 429 && grep -F "已达 10 次" e.json &&
  test "$(jobs_of $audit_id)" = 10
'

test_expect_success 'another user still exports: the bound is each user'\''s' '
  export_one county && test "$(cat post.status)" = 202 &&
  grep -q "\"url\":\"/audit/2025/export/[0-9a-f]\{32\}\"" x.json
'

# Eight exports asked for at once: whatever the timing, each is started
# (202) or refused for now (503), and never more than two run at once.
test_expect_success 'exports asked for at once: each 202 or 503, the server stays up' '
  tok=$(session_csrf county) &&
  pids="" &&
  for i in $(seq 1 8); do
    curl -s -b county -o /dev/null -w "%{http_code}\n" -H Accept:application/json \
      --data-urlencode csrf=$tok "$URL/audit/2025/export" >>codes &
    pids="$pids $!"
  done &&
  for p in $pids; do wait $p; done &&
  test "$(wc -l <codes)" = 8 &&
  ! grep -v "^202$\|^503$" codes &&
  get county /healthz >/dev/null && test "$(status)" = 200
'

test_done
