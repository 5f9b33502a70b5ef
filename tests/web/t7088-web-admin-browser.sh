#!/bin/sh
# /admin/users in a real browser (tests/browser/ui.mjs, scenario admin):
# the 管理员 adds a user, sees a wrong scope's reason at its field, fixes
# it; axe-core on each page; screenshots in build/screenshots/.
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"

test_expect_success 'the 管理员 adds a user, a mistake shown at its field, then fixed' '
  URL=$URL SHOTS=$SHOTS V1=$V1 V2=$V2 node "$B/ui.mjs" admin &&
  test -s "$SHOTS/21-admin-users-error.png" &&
  test "$(sqlite3 test.db "SELECT scope FROM user WHERE name = '"'"'clerk2'"'"'")" = $V2
'

test_done
