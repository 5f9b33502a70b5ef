#!/bin/sh
# sanzi serve: session timeouts with a clock the test moves (libfaketime):
# idle 30 minutes, absolute 8 hours (parameters web.idle_minutes,
# web.session_hours); a lock lasts web.lock_minutes. The faked clock starts
# at the time the test writes and runs on (a login takes a second, a
# refused one is slowed): the checks keep a margin of seconds.
. "$(dirname "$0")/lib-web.sh"
faketime_ok || { echo "1..0 # SKIP libfaketime cannot be preloaded into the sanitizer build"; exit 0; }

CLOCK_FILE=$TMP/clock
clock() { echo "@2026-03-02 $1" >"$CLOCK_FILE"; }
clock 08:00:00
web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }

test_expect_success 'a session lives while it is used within 30 minutes' '
  login s clerk clerkPass123 && test "$(status)" = 303 &&
  clock 08:29:00 && get s / >/dev/null && test "$(status)" = 200 &&
  clock 08:58:00 && get s / >/dev/null && test "$(status)" = 200
'

test_expect_success 'unused for more than 30 minutes it is over' '
  clock 09:28:01 && get s / >/dev/null && test "$(status)" = 303 &&
  test "$(header Location)" = /login &&
  get s /asset -H "Accept: application/json" >/dev/null && test "$(status)" = 401
'

test_expect_success 'a session used all day ends 8 hours after login' '
  clock 10:00:00 && login d clerk clerkPass123 &&
  for t in 10:25 10:50 11:15 11:40 12:05 12:30 12:55 13:20 13:45 14:10 \
           14:35 15:00 15:25 15:50 16:15 16:40 17:05 17:30 17:55; do
    clock $t:00 && get d / >/dev/null && test "$(status)" = 200 || return 1
  done &&
  clock 18:00:30 && get d / >/dev/null && test "$(status)" = 303
'

test_expect_success 'the parameters change the limits' '
  sanzi config web.idle_minutes 5 >/dev/null &&
  clock 19:00:00 && login e clerk clerkPass123 &&
  clock 19:05:00 && get e / >/dev/null && test "$(status)" = 200 &&
  clock 19:10:01 && get e / >/dev/null && test "$(status)" = 303
'

test_expect_success 'a lock ends after 15 minutes' '
  clock 20:00:00 &&
  for i in 1 2 3 4 5; do login l town bad$i-Pass || return 1; done &&
  clock 20:14:30 && login l town townPass123 && test "$(status)" = 401 &&
  clock 20:15:40 && login l town townPass123 && test "$(status)" = 303
'

test_done
