#!/bin/sh
# sanzi serve over HTTPS (doc/web.md "Starting it"): with --cert and --key
# the cookies are __Host- cookies with Secure, HttpOnly, SameSite=Strict
# and Path=/, the answers carry Strict-Transport-Security, plain HTTP on
# the port gets no page; a certificate or key that cannot be read stops
# the command (exit 2) naming the file. The certificate is a throw-away
# self-signed one made here (openssl).
. "$(dirname "$0")/lib-web.sh"

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext "subjectAltName=IP:127.0.0.1" -keyout key.pem -out cert.pem \
  2>/dev/null || { echo "Bail out! openssl made no certificate"; exit 1; }
# curl trusts that certificate (and only it) in every call of lib-web.sh.
export CURL_HOME="$TMP"
echo "cacert = \"$TMP/cert.pem\"" >"$TMP/.curlrc"

web_setup || { echo "Bail out! no database"; exit 1; }

test_expect_success 'a missing certificate: exit 2, the file named, no server' '
  test_must_fail 2 sanzi serve --listen 127.0.0.1:0 --cert nothere.pem \
    --key key.pem 2>err &&
  grep -F "无法读取证书文件 nothere.pem" err && ! grep -F "listening" err
'

test_expect_success 'a missing or unreadable key: exit 2, the file named' '
  test_must_fail 2 sanzi serve --listen 127.0.0.1:0 --cert cert.pem \
    --key gone.pem 2>err &&
  grep -F "无法读取私钥文件 gone.pem" err &&
  mkdir adir &&
  test_must_fail 2 sanzi serve --listen 127.0.0.1:0 --cert cert.pem \
    --key adir 2>err &&
  grep -F "无法读取私钥文件 adir" err
'

test_expect_success 'a key that is not one, a certificate given as key: exit 2' '
  echo "not a key" >bad.pem &&
  test_must_fail 2 sanzi serve --listen 127.0.0.1:0 --cert cert.pem \
    --key bad.pem 2>err &&
  grep -F "私钥文件 bad.pem 不是 PEM 格式的私钥" err &&
  test_must_fail 2 sanzi serve --listen 127.0.0.1:0 --cert key.pem \
    --key key.pem 2>err &&
  grep -F "证书文件 key.pem 不是 PEM 格式的证书" err
'

web_start --cert cert.pem --key key.pem || { echo "Bail out! no HTTPS server"; exit 1; }
PORT=${URL##*:}
URL=https://127.0.0.1:$PORT

test_expect_success 'the server says it listens on https' '
  grep -F "listening on https://" serve.log
'

test_expect_success 'the login form'"'"'s cookie is a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/' '
  get j /login >/dev/null && test "$(status)" = 200 &&
  header Set-Cookie >c &&
  grep "^__Host-sanzi-login=[0-9a-f]\{32\};" c &&
  for a in Secure HttpOnly SameSite=Strict Path=/; do
    tr ";" "\n" <c | sed "s/^ //" | grep -qx "$a" || { echo "no $a"; return 1; }
  done &&
  ! grep -i "domain=" c
'

test_expect_success 'the session cookie is a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/' '
  login s clerk clerkPass123 && test "$(status)" = 303 &&
  header Set-Cookie >c &&
  grep "^__Host-sanzi=[0-9a-f]\{64\};" c &&
  for a in Secure HttpOnly SameSite=Strict Path=/; do
    tr ";" "\n" <c | sed "s/^ //" | grep -qx "$a" || { echo "no $a"; return 1; }
  done &&
  get s / >page && test "$(status)" = 200 && grep -F "clerk（村报账员）" page
'

test_expect_success 'a cookie without the __Host- prefix is no session under TLS' '
  tok=$(sed -n "s/.*__Host-sanzi\t\([0-9a-f]\{64\}\)$/\1/p" s) &&
  test -n "$tok" &&
  curl -s -o /dev/null -w "%{http_code}" -b "sanzi=$tok" "$URL/" >st &&
  test "$(cat st)" = 303
'

test_expect_success 'every answer under TLS carries Strict-Transport-Security' '
  for p in / /login /healthz /nothing; do
    get s $p >/dev/null &&
    header Strict-Transport-Security | grep -q "^max-age=[0-9]\{7,\}" ||
    { echo "$p"; return 1; }
  done
'

test_expect_success 'plain HTTP to the TLS port gets no page' '
  curl -s -o body -w "%{http_code}" "http://127.0.0.1:$PORT/login" >st;
  test "$(cat st)" != 200 && ! grep -q "<html" body &&
  curl -s -o body "http://127.0.0.1:$PORT/healthz";
  ! grep -q "^ok" body
'

web_stop && web_start || { echo "Bail out! no HTTP server"; exit 1; }

test_expect_success 'without TLS: plain cookie names, no Secure, no Strict-Transport-Security' '
  get p /login >/dev/null && test "$(status)" = 200 &&
  header Set-Cookie >c && grep "^sanzi-login=" c && ! grep -i secure c &&
  test -z "$(header Strict-Transport-Security)"
'

test_done
