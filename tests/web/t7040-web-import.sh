#!/bin/sh
# sanzi serve: importing a sheet in the browser: upload, a preview that
# names every bad cell (nothing written), then confirm; the upload waits
# in the server's private directory under the server's own name.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login town town townPass123 &&
login audit audit auditPass123
head_now() { sanzi log verify 2>/dev/null; }
UP=$SANZI_DB.uploads

# A GBK sheet of three assets of V1, as Excel saves "CSV" on a Chinese
# Windows; row 3 (the second asset) has a bad 原值.
sheet() { # sheet VALUE-OF-ROW-3 > file (GB18030)
  printf '资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\r\n' >u.csv
  printf '脱粒机,%s,农业机械,经营性,3000,购入,2022-04-01,在用\r\n' $V1 >>u.csv
  printf '铡草机,%s,农业机械,经营性,%s,购入,2022-05-01,在用\r\n' $V1 "$1" >>u.csv
  printf '粉碎机,%s,农业机械,经营性,1500.5,购入,2022-06-01,在用\r\n' $V1 >>u.csv
  iconv -f UTF-8 -t GB18030 u.csv
}

# upload JAR FILE [NAME]: POST FILE as the multipart field "file".
upload() {
  tok=$(session_csrf $1) &&
  curl -s -b $1 -c $1 -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' \
    -F csrf=$tok -F "file=@$2;filename=${3:-$2}" "$URL/asset/import" \
    >"$TMP/status"
  cat "$TMP/body"
}

test_expect_success 'the import page has the upload form' '
  get clerk /asset/import >page && test "$(status)" = 200 &&
  grep -F "enctype=\"multipart/form-data\"" page &&
  grep -F "name=\"file\" type=\"file\"" page
'

test_expect_success 'a GBK sheet with one bad cell: 422, the cell named, nothing written' '
  before=$(head_now) &&
  sheet 12a >bad.csv &&
  upload clerk bad.csv 资产.csv >page &&
  test "$(status)" = 422 &&
  grep -F "资产.csv（GB18030）" page &&
  grep -F "发现 1 处错误，一行也没有导入" page &&
  grep -F "<tr><td class=\"num\">3</td><td>原值</td><td>“12a”：不是金额</td></tr>" page &&
  test "$(head_now)" = "$before" &&
  test -z "$(ls -A "$UP")"
'

test_expect_success 'the corrected sheet: a preview with the counts, still nothing written' '
  before=$(head_now) &&
  sheet 2500 >good.csv &&
  upload clerk good.csv 资产.csv >page &&
  test "$(status)" = 200 &&
  grep -F "检查无误：将新增 3 行，更新 0 行，0 行未变。尚未写入" page &&
  test "$(head_now)" = "$before" &&
  sed -n "s|.*action=\"/asset/import/\([0-9a-f]*\)/confirm\".*|\1|p" page >id &&
  test "$(wc -c <id)" = 33 &&
  ls "$UP" >kept && test "$(cat kept)" = "2-asset-$(cat id)"
'

test_expect_success 'the upload directory is private' '
  test "$(stat -c %a "$UP")" = 700 &&
  test "$(stat -c %a "$UP/$(cat kept)")" = 600
'

test_expect_success 'another user cannot confirm it; nor can a form without the token' '
  tok=$(session_csrf town) &&
  post town /asset/import/$(cat id)/confirm csrf=$tok >/dev/null &&
  test "$(status)" = 404 &&
  post clerk /asset/import/$(cat id)/confirm >/dev/null &&
  test "$(status)" = 403 &&
  test "$(sanzi asset list --village $V1 --format csv | wc -l)" = 3
'

test_expect_success 'confirmed, the rows go in as one change-log entry by the user' '
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(cat id)/confirm csrf=$tok >page &&
  test "$(status)" = 200 &&
  grep -F "已导入：新增 3 行，更新 0 行，0 行未变" page &&
  sanzi asset list --village $V1 --format csv >l.csv &&
  grep -F ",铡草机," l.csv && grep -F ",2500.00," l.csv &&
  sanzi log --format csv | tail -1 | grep -E "^[0-9]+,[^,]*,clerk,import,.*,asset," &&
  sanzi log verify && test -z "$(ls -A "$UP")"
'

test_expect_success 'a confirmed upload cannot be imported twice' '
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(cat id)/confirm csrf=$tok >/dev/null &&
  test "$(status)" = 404
'

test_expect_success 'a file name with a path never becomes a path' '
  { printf "资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态\r\n"
    printf "风力发电机,%s,机器设备,经营性,9000,购入,2023-08-01,在用\r\n" $V1; } >p.csv &&
  upload clerk p.csv "../../evil.csv" >page &&
  test "$(status)" = 200 &&
  ! ls .. | grep -F evil.csv && ! test -e evil.csv && ! test -e ../../evil.csv &&
  ls "$UP" | grep -Ex "2-asset-[0-9a-f]{32}" &&
  grep -F "../../evil.csv" page
'

test_expect_success 'the scope holds for imports: another village in the sheet is refused' '
  sed "s/,$V1,/,$V2,/" u.csv | iconv -f UTF-8 -t GB18030 >other.csv &&
  before=$(head_now) &&
  upload clerk other.csv >page && test "$(status)" = 422 &&
  grep -F "村 $V2 不在您的管辖范围内" page && test "$(head_now)" = "$before"
'

test_expect_success 'an .xlsx workbook is taken as the command line takes it' '
  "$PY" -c "import openpyxl, datetime
wb = openpyxl.Workbook(); ws = wb.active
ws.append([\"资产名称\", \"村代码\", \"资产类别\", \"资产性质\", \"原值\", \"取得方式\", \"取得日期\", \"使用状态\"])
ws.append([\"喷灌机\", $V1, \"农业机械\", \"经营性\", 8800, \"购入\", datetime.date(2023, 3, 1), \"在用\"])
ws.append([\"滴灌带\", $V1, \"农业机械\", \"经营性\", 420.5, \"购入\", datetime.date(2023, 4, 1), \"在用\"])
wb.save(\"灌溉.xlsx\")" &&
  upload clerk 灌溉.xlsx >page && test "$(status)" = 200 &&
  grep -F "检查无误：将新增 2 行，更新 0 行，0 行未变" page
'

test_expect_success 'an auditor cannot upload (403)' '
  upload audit good.csv >/dev/null && test "$(status)" = 403
'

test_expect_success 'the template and the export download with safe names' '
  get clerk /asset/template.csv >t.csv && test "$(status)" = 200 &&
  header Content-Disposition >cd &&
  grep -F "attachment; filename=\"asset-template.csv\"; filename*=UTF-8'"''"'%E8%B5%84%E4%BA%A7%E6%A8%A1%E6%9D%BF.csv" cd &&
  head -1 t.csv | grep -F 资产名称 &&
  get clerk /asset/export.csv >e.csv && test "$(status)" = 200 &&
  grep -F 铡草机 e.csv && ! grep -F 收割机 e.csv &&
  get clerk "/asset/export.csv?village=$V2" >/dev/null && test "$(status)" = 404
'

test_done
