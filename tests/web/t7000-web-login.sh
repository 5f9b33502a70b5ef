#!/bin/sh
# sanzi serve: logins, sessions, lockout, CSRF, the headers (doc/web.md,
# "Security"). Each rule is checked by what a client sees.
. "$(dirname "$0")/lib-web.sh"

test_expect_success 'a database without a 管理员 cannot be served' '
  sanzi init >/dev/null &&
  ! sanzi serve --listen 127.0.0.1:0 2>err &&
  grep "user add NAME --role 管理员" err
'

rm -f test.db
web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }

test_expect_success 'the server answers /healthz without login' '
  test "$(get j /healthz)" = ok && test "$(status)" = 200
'

test_expect_success 'not logged in: a page is 303 to /login, JSON is 401' '
  get j /asset >/dev/null && test "$(status)" = 303 &&
  test "$(header Location)" = /login &&
  get j /asset -H "Accept: application/json" >out && test "$(status)" = 401 &&
  grep -F "{\"errors\":[{\"message\":\"请先登录\"}]}" out &&
  get j /asset/$V1-ZC-0001 >/dev/null && test "$(status)" = 303
'

test_expect_success 'every answer carries the security headers' '
  for p in / /login /healthz /nothing /static/sanzi.css; do
    get j $p >/dev/null &&
    header Content-Security-Policy | grep -q "script-src .self." &&
    ! header Content-Security-Policy | grep -q "unsafe-inline" &&
    test "$(header X-Content-Type-Options)" = nosniff &&
    test "$(header X-Frame-Options)" = DENY &&
    test "$(header Referrer-Policy)" = same-origin || return 1
  done &&
  get j /login >/dev/null && test "$(header Cache-Control)" = no-store
'

test_expect_success 'a right password logs in: a new session cookie, HttpOnly, SameSite=Strict' '
  login c clerk clerkPass123 && test "$(status)" = 303 &&
  test "$(header Location)" = / &&
  header Set-Cookie >cookie &&
  grep "^sanzi=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict" cookie &&
  get c / >page && test "$(status)" = 200 && grep "clerk" page &&
  login c2 clerk clerkPass123 && header Set-Cookie >cookie2 &&
  ! cmp -s cookie cookie2
'

test_expect_success 'the login form needs its own token (login CSRF)' '
  rm -f x && get x /login >/dev/null &&
  post x /login csrf=0123456789abcdef0123456789abcdef user=clerk \
    password=clerkPass123 >/dev/null &&
  test "$(status)" = 403 && ! grep "^sanzi=" x
'

test_expect_success 'a wrong password and an unknown user get the same answer' '
  login w1 clerk wrongPass999 && test "$(status)" = 401 &&
  sed -n "s/.*id=\"login-error\">\([^<]*\)<.*/\1/p" "$TMP/body" >a1 &&
  login w2 nobody wrongPass999 && test "$(status)" = 401 &&
  sed -n "s/.*id=\"login-error\">\([^<]*\)<.*/\1/p" "$TMP/body" >a2 &&
  test "$(cat a1)" = 用户名或密码错误 && cmp a1 a2
'

test_expect_success 'logins and failures are change-log entries that verify' '
  sanzi log --table login --format csv >log.csv &&
  grep -c ",login," log.csv >n && test "$(cat n)" -ge 4 &&
  sanzi log verify
'

test_expect_success 'the login records say who, what and from where' '
  sqlite3 test.db "SELECT user, event, address FROM login ORDER BY id" >ev &&
  grep -x "clerk|登录|127.0.0.1" ev && grep -x "clerk|登录失败|127.0.0.1" ev &&
  grep -x "nobody|登录失败|127.0.0.1" ev
'

test_expect_success 'five failures lock the account: even the right password is refused' '
  for i in 1 2 3 4; do login l town bad$i-Pass || return 1; done &&
  sqlite3 test.db "SELECT failures FROM throttle WHERE key = '"'"'u:town'"'"'" >f &&
  test "$(cat f)" = 4 &&
  login l town townPass123 && test "$(status)" = 303 &&
  for i in 1 2 3 4 5; do login l town bad$i-Pass || return 1; done &&
  grep "用户名或密码错误；登录失败次数过多，已锁定 15 分钟" "$TMP/body" &&
  login l town townPass123 && test "$(status)" = 401 &&
  grep "登录失败次数过多" "$TMP/body" &&
  sqlite3 test.db "SELECT count(*) FROM login WHERE event = '"'"'锁定'"'"' AND user = '"'"'town'"'"'" >k &&
  test "$(cat k)" = 1 && sanzi log verify
'

test_expect_success 'POST without the session token is 403 and changes nothing' '
  login c clerk clerkPass123 &&
  post c /logout >/dev/null && test "$(status)" = 403 &&
  get c / >/dev/null && test "$(status)" = 200 &&
  post c /logout csrf=0000000000000000000000000000000000000000000000000000000000000000 >/dev/null &&
  test "$(status)" = 403 &&
  get c / >/dev/null && test "$(status)" = 200
'

test_expect_success 'a request from another site is refused even with the token' '
  tok=$(session_csrf c) && test -n "$tok" &&
  curl -s -o /dev/null -w "%{http_code}" -b c -c c --data csrf=$tok \
    -H "Sec-Fetch-Site: cross-site" "$URL/logout" >st &&
  test "$(cat st)" = 403 &&
  get c / >/dev/null && test "$(status)" = 200
'

test_expect_success 'the token in X-CSRF-Token works like the form field' '
  tok=$(session_csrf c) &&
  curl -s -o /dev/null -w "%{http_code}" -b c -c c -X POST \
    -H "X-CSRF-Token: $tok" "$URL/logout" >st &&
  test "$(cat st)" = 303 &&
  get c / >/dev/null && test "$(status)" = 303
'

test_expect_success 'logout ends the session: the old cookie no longer works' '
  login c clerk clerkPass123 && cp c old &&
  tok=$(session_csrf c) && post c /logout csrf=$tok >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = /login &&
  get old / >/dev/null && test "$(status)" = 303 &&
  sqlite3 test.db "SELECT event FROM login ORDER BY id DESC LIMIT 1" >e &&
  test "$(cat e)" = 退出
'

test_expect_success 'a disabled user cannot log in and loses the session' '
  login d clerk clerkPass123 && get d / >/dev/null && test "$(status)" = 200 &&
  sanzi user disable clerk 2>/dev/null &&
  get d / >/dev/null && test "$(status)" = 303 &&
  login d clerk clerkPass123 && test "$(status)" = 401 &&
  sanzi user enable clerk 2>/dev/null &&
  login d clerk clerkPass123 && test "$(status)" = 303
'

test_expect_success 'the password page: the old one is checked, the new one twice' '
  login p audit auditPass123 && get p /password >/dev/null && tok=$(csrf_of) &&
  post p /password csrf=$tok old=wrongPass1 new=newAudit2026 again=newAudit2026 >page &&
  test "$(status)" = 400 && grep -F "原密码不正确" page &&
  post p /password csrf=$tok old=auditPass123 new=newAudit2026 again=newAudit2027 >page &&
  test "$(status)" = 400 && grep -F "两次输入的新密码不一致" page &&
  post p /password csrf=$tok old=auditPass123 new=short again=short >page &&
  test "$(status)" = 400 && grep -F "密码至少 8 位" page &&
  post p /password csrf=$tok old=auditPass123 new=newAudit2026 again=newAudit2026 >page &&
  test "$(status)" = 200 && grep -F "密码已修改" page &&
  get p / >/dev/null && test "$(status)" = 303 &&
  login p audit auditPass123 && test "$(status)" = 401 &&
  login p audit newAudit2026 && test "$(status)" = 303 &&
  sqlite3 test.db "SELECT event FROM login WHERE user = '"'"'audit'"'"' ORDER BY id" >ev &&
  grep -x 修改密码 ev
'

test_expect_success 'a body over the limit is refused with 413' '
  head -c 40000000 /dev/zero >big &&
  curl -s -o /dev/null -w "%{http_code}" -b d -X POST --data-binary @big \
    -H "Content-Type: application/octet-stream" "$URL/asset/import" >st &&
  test "$(cat st)" = 413
'

test_expect_success 'a path outside the embedded files is 404' '
  get d "/static/../../etc/passwd" --path-as-is >out &&
  test "$(status)" = 404 && ! grep root: out &&
  get d "/static/..%2f..%2fetc%2fpasswd" >out && test "$(status)" = 404
'

test_expect_success 'the access log has one line per request, with the user' '
  grep -E "^[0-9T:-]+Z 127.0.0.1 clerk GET / 200 [0-9]+ms$" serve.log &&
  grep -E " - GET /asset 303 " serve.log
'

web_stop
test_expect_success 'SIGTERM stopped the server cleanly (exit 0)' '
  test "$rc" = 0 && grep "stopping" serve.log
'

test_done
