#!/bin/sh
# sanzi serve: the .xlsx downloads (doc/web.md): GET /{reg}/template.xlsx
# and /{reg}/export.xlsx, written by the domain's workbook writers (those of
# `sanzi REGISTER template|export --format xlsx`), with the list's filters,
# in the user's scope; a safe Content-Disposition (RFC 6266), the xlsx MIME
# type, no-store; the workbook is written in the database's uploads area
# and removed once sent.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login town town townPass123 &&
login audit audit auditPass123
XLSX=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
# The text of a workbook's cells (its shared strings and sheets).
cells() {
  $PY -c "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
    print(''.join(z.read(n).decode() for n in z.namelist() \
      if n.startswith('xl/worksheets/') or n == 'xl/sharedStrings.xml'))" "$1"
}
# RFC 6266's filename* of a name: its UTF-8 bytes percent-encoded.
pct() { $PY -c "import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))" "$1"; }
uploads_empty() { test -z "$(ls -A "$SANZI_DB.uploads")"; }

test_expect_success 'a clerk'\''s export holds their village only, and reads back' '
  get clerk /asset/export.xlsx >mine.xlsx && test "$(status)" = 200 &&
  test "$(header Content-Type)" = $XLSX &&
  test "$(header Cache-Control)" = no-store &&
  test "$(header Content-Disposition)" = "attachment; filename=\"asset.xlsx\"; filename*=UTF-8'\'''\''$(pct 资产.xlsx)" &&
  cells mine.xlsx >mine.txt &&
  grep -F "$V1-ZC-0001" mine.txt && grep -F "$V1-ZC-0002" mine.txt &&
  grep -F 拖拉机 mine.txt && ! grep -F "$V2" mine.txt && ! grep -F 收割机 mine.txt &&
  ! grep -F 播种机 mine.txt &&
  sanzi asset import --dry-run --update mine.xlsx 2>out &&
  grep -F "0 new, 0 updated, 2 unchanged asset rows" out &&
  uploads_empty
'

test_expect_success 'a township user'\''s export takes the village filter' '
  get town "/asset/export.xlsx?village=$V2" >v2.xlsx && test "$(status)" = 200 &&
  cells v2.xlsx >v2.txt && grep -F "$V2-ZC-0001" v2.txt && ! grep -F "$V1-ZC" v2.txt &&
  get town /asset/export.xlsx >t.xlsx && cells t.xlsx >t.txt &&
  grep -F "$V1-ZC-0001" t.txt && grep -F "$V2-ZC-0001" t.txt && ! grep -F 播种机 t.txt &&
  get audit "/asset/export.xlsx?township=150125101" >a.xlsx && test "$(status)" = 200 &&
  cells a.xlsx >a.txt && grep -F 播种机 a.txt && ! grep -F 拖拉机 a.txt
'

test_expect_success 'the template teaches: its drop-down of villages is the user'\''s scope' '
  get clerk /asset/template.xlsx >tpl.xlsx && test "$(status)" = 200 &&
  test "$(header Content-Type)" = $XLSX &&
  test "$(header Content-Disposition)" = "attachment; filename=\"asset-template.xlsx\"; filename*=UTF-8'\'''\''$(pct 资产模板.xlsx)" &&
  cells tpl.xlsx >tpl.txt && grep -F "$V1" tpl.txt && ! grep -F "$V2" tpl.txt &&
  get town /asset/template.xlsx >tt.xlsx && cells tt.xlsx >tt.txt &&
  grep -F "$V1" tt.txt && grep -F "$V2" tt.txt &&
  uploads_empty
'

test_expect_success 'outside the scope: 404 and no file' '
  get clerk "/asset/export.xlsx?village=$V2" >page && test "$(status)" = 404 &&
  test -z "$(header Content-Disposition)" && ! grep -F 收割机 page &&
  get clerk "/asset/export.xlsx?township=150125101" >page && test "$(status)" = 404 &&
  get town "/asset/export.xlsx?village=150125101201" >page && test "$(status)" = 404 &&
  uploads_empty
'

test_expect_success 'not logged in: 303 to /login, JSON 401; no file' '
  get nobody /asset/export.xlsx >page && test "$(status)" = 303 &&
  test -z "$(header Content-Disposition)" &&
  get nobody /asset/template.xlsx -H "Accept: application/json" >page &&
  test "$(status)" = 401
'

test_expect_success 'every register has both workbooks' '
  for g in asset resource account fund contract loan; do
    get town /$g/template.xlsx >x.xlsx && test "$(status)" = 200 &&
    get town /$g/export.xlsx >x.xlsx && test "$(status)" = 200 &&
    cells x.xlsx >/dev/null || return 1
  done &&
  uploads_empty
'

test_done
