# tests/web/lib-web.sh: starting `sanzi serve` for a test on a free
# loopback port, logging in with curl, stopping it. Sourced after
# ../cli/lib.sh.
. "$(dirname "$0")/../cli/lib.sh"

# The county of the tests (武川县, 150125): two villages of 可可以力更镇
# (150125100), 福如东村 (V1) and 大水圪洞村 (V2), and V3 in 150125101.
V1=150125100201 V2=150125100202 T1=150125100 C=150125
ASSET="category=农业机械 nature=经营性 acquired_via=购入 status=在用"

# web_setup: a database with the divisions, two assets in each village of
# 可可以力更镇 and one in another township, and the users (each password
# the name followed by "Pass123"): admin (管理员), clerk (村报账员 of V1),
# town (乡镇 of T1), audit (审计 of the county).
web_setup() {
  sanzi init >/dev/null &&
  sanzi org import "$SAMPLE/divisions-wuchuan.csv" 2>/dev/null &&
  V3=$(awk -F, '$4 == "150125101" && $3 == "village" {print $1; exit}' \
         "$SAMPLE/divisions-wuchuan.csv") &&
  sanzi asset add village=$V1 name=拖拉机 original_value=12500 \
    acquired_on=2020-05-01 $ASSET >/dev/null &&
  sanzi asset add village=$V1 name=水泵 original_value=800.50 \
    acquired_on=2021-03-01 $ASSET >/dev/null &&
  sanzi asset add village=$V2 name=收割机 original_value=30000 \
    acquired_on=2019-07-01 $ASSET >/dev/null &&
  sanzi asset add village=$V3 name=播种机 original_value=5000 \
    acquired_on=2018-04-01 $ASSET >/dev/null &&
  echo adminPass123 | sanzi user add admin --role 管理员 2>/dev/null &&
  echo clerkPass123 | sanzi user add clerk --role 村报账员 --scope $V1 2>/dev/null &&
  echo townPass123 | sanzi user add town --role 乡镇 --scope $T1 2>/dev/null &&
  echo auditPass123 | sanzi user add audit --role 审计 --scope $C 2>/dev/null
}

# faketime_ok: libfaketime can move the server's clock. It cannot be
# preloaded into the sanitizer build (make check): AddressSanitizer must
# come first, so the tests that move the clock are skipped there.
faketime_ok() {
  case "$SANZI" in *build-asan*) return 1 ;; esac
}

# web_start [OPTION ...]: starts the server on a free port (the kernel's
# choice) and sets URL and SERVER_PID; its stderr goes to serve.log. With
# CLOCK_FILE set, the server's clock is that file's content (libfaketime,
# re-read on every call: "@2026-01-05 08:00:00"), so a test moves time.
web_start() {
  : >serve.log
  if [ -n "${CLOCK_FILE:-}" ]; then
    LD_PRELOAD=$(dpkg -L libfaketime 2>/dev/null | grep 'libfaketime.so.1$' | head -1) \
    FAKETIME_TIMESTAMP_FILE=$CLOCK_FILE FAKETIME_NO_CACHE=1 \
    FAKETIME_DONT_FAKE_MONOTONIC=1 \
      "$SANZI" serve --listen 127.0.0.1:0 "$@" 2>>serve.log &
  else
    "$SANZI" serve --listen 127.0.0.1:0 "$@" 2>>serve.log &
  fi
  SERVER_PID=$!
  port=""
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*(port \([0-9][0-9]*\)).*/\1/p' serve.log | head -1)
    [ -n "$port" ] && break
    kill -0 $SERVER_PID 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$port" ] || { cat serve.log; return 1; }
  URL=http://127.0.0.1:$port
}

web_stop() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM $SERVER_PID 2>/dev/null
  wait $SERVER_PID
  rc=$?
  SERVER_PID=""
  return $rc
}
trap 'web_stop >/dev/null 2>&1; [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

# get JAR PATH [CURL OPTION ...]: the body of GET PATH with cookie jar JAR;
# the status into $TMP/status, the headers into $TMP/headers.
get() {
  jar=$1 path=$2
  shift 2
  curl -s -b "$jar" -c "$jar" -D "$TMP/headers" -o "$TMP/body" \
    -w '%{http_code}' "$@" "$URL$path" >"$TMP/status"
  cat "$TMP/body"
}
status() { cat "$TMP/status"; }

# post JAR PATH FIELD=VALUE ...: a form POST (values URL-encoded).
post() {
  jar=$1 path=$2
  shift 2
  for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
  curl -s -X POST -b "$jar" -c "$jar" -D "$TMP/headers" -o "$TMP/body" \
    -w '%{http_code}' "$@" "$URL$path" >"$TMP/status"
  cat "$TMP/body"
}

# The hidden csrf field of the last page.
csrf_of() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/body" | head -1; }

# login JAR USER PASSWORD: the login form, then its POST; the status of
# the POST in $TMP/status (303 on success).
login() {
  rm -f "$1"
  get "$1" /login >/dev/null
  tok=$(csrf_of)
  post "$1" /login "csrf=$tok" "user=$2" "password=$3" >/dev/null
}

# The session's CSRF token, from the logout form of the page at /.
session_csrf() {
  get "$1" / >/dev/null
  csrf_of
}

# header NAME: the value of the last answer's header NAME.
header() {
  tr -d '\r' <"$TMP/headers" | sed -n "s/^$1: //Ip" | tail -1
}
