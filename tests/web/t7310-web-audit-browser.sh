#!/bin/sh
# The audit and the change log in a real browser (tests/browser/audit.mjs):
# an 审计 user opens the findings, filters them, follows one to its record,
# starts the export, waits for it, downloads the ZIP (checked here: every
# file's SHA-256 as the manifest says, the chain head the page showed and
# `sanzi log verify` prints), opens the change log and verifies it;
# axe-core on each page; screenshots in build/screenshots/.
. "$(dirname "$0")/lib-web.sh"

B=$TOP/tests/browser
if [ ! -x /usr/bin/chromium ] || [ ! -d "$B/node_modules/playwright-core" ]; then
  echo "Bail out! chromium or playwright-core missing: run make deps"
  exit 1
fi
# Two findings, both of V1: ZC01 (旧库房 at 0.00) and ZC02 (库房, a building
# without 权证号); and an edit for the log (拖拉机 12,500.00 → 13,000.00).
web_setup &&
sanzi asset add village=$V1 name=旧库房 original_value=0 acquired_on=2020-01-01 \
  $ASSET >/dev/null &&
sanzi asset add village=$V1 name=库房 category=房屋及建筑物 original_value=80000 \
  acquired_on=2015-01-01 nature=经营性 acquired_via=购入 status=在用 >/dev/null &&
sanzi asset edit $V1-ZC-0001 original_value=13000 >/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
SHOTS=$TOP/build/screenshots
mkdir -p "$SHOTS"

test_expect_success 'an 审计 user: findings, the export downloaded, the log verified' '
  URL=$URL SHOTS=$SHOTS V1=$V1 node "$B/audit.mjs" audit &&
  test -s "$SHOTS/33-audit-export-done.png" && test -s audit.zip
'

test_expect_success 'the ZIP downloaded: the manifest proves every file; its head is log verify'"'"'s' '
  sanzi log verify >head 2>/dev/null &&
  $PY - "$(cat head)" <<-\PYEOF
	import hashlib, sys, zipfile
	z = zipfile.ZipFile("audit.zip")
	man = z.read("manifest.txt").decode("utf-8")
	assert "链头 " + sys.argv[1] in man, man
	assert "审计发现：2 项" in man, man
	rows = man.split("文件\t行数\tSHA-256\n")[1].strip().split("\n")
	for line in rows:
	    name, n, sha = line.split("\t")
	    assert hashlib.sha256(z.read(name)).hexdigest() == sha, name
	assert {l.split("\t")[0] for l in rows} | {"manifest.txt"} == set(z.namelist())
	PYEOF
'

test_done
