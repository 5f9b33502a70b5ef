#!/bin/sh
# sanzi serve: the limits of doc/web.md "Security" that the other tests
# leave out: the size of an upload and of a form (413, nothing kept), the
# session id stored only as its hash, failed logins slowed, and the lock
# of an address (the others go on from theirs).
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && TOK=$(session_csrf clerk)
UP=$SANZI_DB.uploads
head_now() { sanzi log verify 2>/dev/null; }

test_expect_success 'an upload over 32 MiB is 413 and leaves no file' '
  before=$(head_now) &&
  head -c $((33 * 1024 * 1024)) /dev/zero | tr "\0" "a" >big.csv &&
  curl -s -o /dev/null -w "%{http_code}" -b clerk -F csrf=$TOK \
    -F "file=@big.csv" "$URL/asset/import" >st &&
  test "$(cat st)" = 413 &&
  test -z "$(ls "$UP")" && test "$(head_now)" = "$before"
'

test_expect_success 'an upload over 32 MiB without a length (chunked) is 413 and leaves no file' '
  curl -s -o /dev/null -w "%{http_code}" -b clerk -H "Transfer-Encoding: chunked" \
    -F csrf=$TOK -F "file=@big.csv" "$URL/asset/import" >st &&
  test "$(cat st)" = 413 && test -z "$(ls "$UP")"
'

test_expect_success 'a form over 1 MiB is 413 (with a length and without)' '
  before=$(head_now) &&
  { printf "csrf=%s&village=%s&name=" $TOK $V1; head -c $((2 * 1024 * 1024)) /dev/zero | tr "\0" "a"; } >form &&
  curl -s -o /dev/null -w "%{http_code}" -b clerk --data-binary @form \
    -H "Content-Type: application/x-www-form-urlencoded" "$URL/asset" >st &&
  test "$(cat st)" = 413 &&
  curl -s -o /dev/null -w "%{http_code}" -b clerk --data-binary @form \
    -H "Transfer-Encoding: chunked" \
    -H "Content-Type: application/x-www-form-urlencoded" "$URL/asset" >st &&
  test "$(cat st)" = 413 && test "$(head_now)" = "$before"
'

test_expect_success 'the database keeps the session id'"'"'s SHA-256, never the id' '
  tok=$(sed -n "s/.*sanzi\t\([0-9a-f]\{64\}\)$/\1/p" clerk) && test -n "$tok" &&
  h=$(printf %s "$tok" | sha256sum | cut -c1-64) &&
  sqlite3 test.db "SELECT lower(hex(id)) FROM session" >ids &&
  grep -qx "$h" ids &&
  ! sqlite3 test.db ".dump session" | grep -qi "$(echo $tok | cut -c1-16)" &&
  ! sqlite3 test.db ".dump session" | grep -qi "$(printf %s $tok | od -An -tx1 | tr -d " \n" | cut -c1-32)"
'

# The seconds a failed login takes (the form and its POST).
fail_time() {
  rm -f ft && get ft /login >/dev/null && t=$(csrf_of) &&
  curl -s -o /dev/null -w "%{time_total}" -b ft -c ft --data-urlencode csrf=$t \
    --data-urlencode "user=$1" --data-urlencode "password=wrong-Pass9" "$URL/login"
}

test_expect_success 'failed logins are slowed: the fourth failure takes two seconds more' '
  fail_time town >/dev/null && fail_time town >/dev/null && fail_time town >/dev/null &&
  s=$(fail_time town) && echo "$s" &&
  $PY -c "import sys; sys.exit(0 if float(\"$s\") >= 2.0 else 1)"
'

# login_from ADDR USER PASSWORD: a login from ADDR (a loopback address);
# its status in st, its answer in body.
login_from() {
  rm -f lf && curl -s -o body -c lf --interface $1 "$URL/login" &&
  t=$(sed -n "s/.*name=\"csrf\" value=\"\([0-9a-f]*\)\".*/\1/p" body) &&
  curl -s -o body -w "%{http_code}" -b lf -c lf --interface $1 \
    --data-urlencode csrf=$t --data-urlencode "user=$2" \
    --data-urlencode "password=$3" "$URL/login" >st
}

test_expect_success 'failures from one address, each name new, lock that address alone' '
  sanzi config web.lock_failures 2 >/dev/null &&
  for i in 1 2 3 4 5 6 7; do
    login_from 127.0.0.2 nobody$i wrong-Pass9 && test "$(cat st)" = 401 || return 1
  done &&
  login_from 127.0.0.2 nobody8 wrong-Pass9 && test "$(cat st)" = 401 &&
  grep -F "已锁定 15 分钟" body &&
  login_from 127.0.0.2 clerk clerkPass123 && test "$(cat st)" = 401 &&
  grep -F "登录失败次数过多" body &&
  sqlite3 test.db "SELECT count(*) FROM login WHERE event = '"'"'锁定'"'"' AND user = '"'"'127.0.0.2'"'"'" >k &&
  test "$(cat k)" = 1 &&
  login_from 127.0.0.3 clerk clerkPass123 && test "$(cat st)" = 303
'

test_done
