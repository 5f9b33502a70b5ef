#!/bin/sh
# The 村务公开 pages in a real browser (tests/browser/public.mjs): the
# public page on a phone 390 px wide without login (no cookie, nothing
# wider than the screen, each row a card); the notice board's print pages
# with the QR code drawn; the overdue list and a contract's schedule;
# axe-core on each page; screenshots in build/screenshots/.
. "$(dirname "$0")/lib-web.sh"
faketime_ok || { echo "1..0 # SKIP libfaketime cannot be preloaded into the sanitizer build"; exit 0; }

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
. "$TOP/tests/web/lib-public.sh"
public_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"
browse() { URL=$URL SHOTS=$SHOTS V1=$V1 node "$B/public.mjs" "$1"; }

test_expect_success 'a villager'\''s phone reads the public page, without login' '
  browse phone && test -s "$SHOTS/50-public-phone.png"
'

test_expect_success 'the print pages show the QR code, drawn' '
  browse print && test -s "$SHOTS/52-print-with-qr.png"
'

test_expect_success 'the overdue list from the contract list, then a schedule' '
  browse overdue && test -s "$SHOTS/55-overdue.png"
'

test_done
