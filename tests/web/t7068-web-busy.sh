#!/bin/sh
# sanzi serve: a write while another process holds the database (a long
# import): it waits its turn (the parameter busy_wait) and goes through
# when the other ends in time; else the answer is 503 with Retry-After and
# a Chinese page saying the database is busy with an import and to try
# again, never "database is locked"; nothing is written. Reads go on.
. "$(dirname "$0")/lib-web.sh"

web_setup || { echo "Bail out! no database"; exit 1; }
sanzi config busy_wait 1 >/dev/null
web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123
head_now() { sanzi log verify 2>/dev/null; }
# hold [SECONDS]: another process takes the write lock (BEGIN IMMEDIATE)
# and keeps it until the file release exists, or SECONDS have passed.
hold() {
  rm -f locked release
  $PY -c "
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN IMMEDIATE')
open('locked', 'w').close()
end = time.time() + float(sys.argv[2])
while not os.path.exists('release') and time.time() < end:
    time.sleep(0.05)
c.execute('ROLLBACK')
" "$SANZI_DB" "${1:-60}" &
  holder=$!
  i=0; while ! test -f locked && test $i -lt 100; do sleep 0.1; i=$((i + 1)); done
  test -f locked
}
release() { touch release; wait $holder; }
add() {
  post clerk /asset csrf=$tok village=$V1 name="$1" category=农业机械 \
    nature=经营性 original_value=100 acquired_via=购入 acquired_on=2021-01-01 \
    status=在用
}

test_expect_success 'held past busy_wait: 503, Retry-After, the Chinese reason; nothing written' '
  tok=$(session_csrf clerk) &&
  before=$(head_now) &&
  hold &&
  add 打井机 >page &&
  test "$(status)" = 503 && test "$(header Retry-After)" = 1 &&
  grep -F "<title>系统繁忙" page &&
  grep -F "数据库正忙：另一项写入（通常是一次较大的导入）正在进行，已等待 1 秒仍未结束。本次操作没有执行，未保存任何内容；请稍后再试。" page &&
  ! grep -i "locked" page && test -z "$(header Location)" &&
  release &&
  test "$(head_now)" = "$before" &&
  test "$(sql "SELECT count(*) FROM asset WHERE name = '\''打井机'\''")" = 0
'

test_expect_success 'reads go on while it is held' '
  hold &&
  get clerk /asset >page && test "$(status)" = 200 && grep -F 拖拉机 page &&
  get clerk /asset/$V1-ZC-0001 >page && test "$(status)" = 200 &&
  release
'

test_expect_success 'JSON: 503 {"errors":[{"message":...}]}, and the same for a restore' '
  sanzi asset void $V1-ZC-0002 --reason 试 >/dev/null 2>&1 &&
  tok=$(session_csrf clerk) &&
  hold &&
  curl -s -o b.json -w "%{http_code}" -b clerk -H "Accept: application/json" \
    -H "X-CSRF-Token: $tok" --data-urlencode reason=恢复 \
    "$URL/asset/$V1-ZC-0002/restore" >code &&
  post clerk /asset/$V1-ZC-0002/restore csrf=$tok reason=恢复 >page &&
  release &&
  test "$(cat code)" = 503 &&
  $PY -c "import json; d=json.load(open(\"b.json\")); \
    assert d[\"errors\"][0][\"message\"].startswith(\"数据库正忙\"), d" &&
  test "$(status)" = 503 && grep -F "数据库正忙" page &&
  sanzi asset list --voided --format csv | grep -F "$V1-ZC-0002"
'

# busy_wait is read when a worker opens its database handle
sanzi config busy_wait 10 >/dev/null
web_stop && web_start && login clerk clerk clerkPass123

test_expect_success 'released within busy_wait: the write waits its turn and goes through' '
  tok=$(session_csrf clerk) &&
  hold 1.5 &&
  add 打井机 >page &&
  wait $holder &&
  test "$(status)" = 303 &&
  test "$(sql "SELECT count(*) FROM asset WHERE name = '\''打井机'\''")" = 1 &&
  sanzi log verify
'

# The session's note of its use (once a minute) is no write to wait for:
# with the clock moved on while the database is held, a page still reads.
if faketime_ok; then
CLOCK_FILE=$TMP/clock
echo "@2026-03-02 09:00:00" >"$CLOCK_FILE"
web_stop && web_start && login clerk clerk clerkPass123

test_expect_success 'a minute later, held: the page reads (the session'\''s note waits for no one)' '
  hold &&
  echo "@2026-03-02 09:02:00" >"$CLOCK_FILE" &&
  get clerk /asset >page &&
  release &&
  test "$(status)" = 200 && grep -F 拖拉机 page &&
  get clerk /asset >/dev/null && test "$(status)" = 200
'
fi

test_done
