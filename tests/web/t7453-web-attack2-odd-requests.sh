#!/bin/sh
# sanzi serve, attacked: odd requests to the pages of part 2 (the audit,
# the change log, the programme year, the subsidy, the overdue list, the
# public pages) by every role: malformed and huge years, huge and negative
# page numbers, long and non-UTF-8 query strings and form fields, ids with
# "..". Each answer is a clear 4xx or a page, never a 5xx or a dropped
# connection; and the server's log has no sanitizer report (run under
# the sanitizer build, as make check does, this catches undefined
# behaviour: an overdue list with nothing overdue sorted a NULL array,
# an empty list's totals were copied from NULL).
. "$(dirname "$0")/lib-web.sh"

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }
for u in admin clerk town audit county; do
  login $u $u ${u}Pass123 || exit 1
done

L=$(head -c 900 /dev/zero | tr '\0' a)
GETS="/audit/99999 /audit/2025x /audit/0000 /audit/9999 /audit/2025/findings?page=99999999999999999999
/audit/2025/findings?code=$L /audit/2025/findings?village=%FF%FE /audit/2025/findings?township=1
/audit/2025/findings?per=-1 /audit/2025/export/ /audit/2025/export/$L /audit/2025/export/%2e%2e/zip
/log?page=99999999999999999999 /log?per=-5&page=-3 /log?since=2025-13-45 /log?table=%00 /log?operator=%FF
/log?key=$L /program/-1 /program/0000 /program/9999 /program/2025/x /program?year=%FF
/subsidy?page=999999999999999 /subsidy?year=abcd /subsidy/report?year=99999 /subsidy/report.csv?year=-1
/subsidy/%FF /subsidy/$L /subsidy/new?loan=%FF /contract/overdue /contract/overdue?as_of=2025-02-30
/contract/overdue?village=%FF /contract/overdue.csv?township=$L / /?page=-1 /public/%FF /public/$L
/public/$V1/qr.svg?x=$L"
POSTS="/audit/2025/export /audit/99999/export /program /program/2025 /program/abcd /subsidy
/subsidy/x/review /subsidy/$V1-TX-0001/approve /log/verify /loan/$V1-DK-0001/interest"

test_expect_success 'odd GETs by every role, in HTML and JSON: never a 5xx' '
  for u in admin clerk town audit county; do
    for p in $GETS; do
      for a in text/html application/json; do
        code=$(curl -s -b $u -o /dev/null -w "%{http_code}" -H "Accept: $a" "$URL$p")
        case $code in 5*|000) echo "$u $a $p: $code"; return 1 ;; esac
      done
    done
  done
'

test_expect_success 'odd POSTs by every role: never a 5xx' '
  for u in admin clerk town audit county; do
    tok=$(session_csrf $u)
    for p in $POSTS; do
      for body in "csrf=$tok&year=%FF%FE&budget=1e400" \
                  "csrf=$tok&village=%FF&township=$L&date=2025-02-30&from=x&to=%00" \
                  "csrf=$tok&loan=$L&year=99999&date=9999-12-31&opinion=%3Cscript%3E&decision=%FF"; do
        code=$(curl -s -b $u -o /dev/null -w "%{http_code}" --data "$body" "$URL$p")
        case $code in 5*|000) echo "$u $p $body: $code"; return 1 ;; esac
      done
    done
  done
'

test_expect_success 'the server is up, and its log has no sanitizer report' '
  get admin /healthz >/dev/null && test "$(status)" = 200 &&
  web_stop &&
  ! grep -a -e "runtime error" -e "AddressSanitizer" -e "LeakSanitizer" serve.log
'

test_done
