#!/bin/sh
# sanzi serve: importing the same file again, and rows like live records
# (疑似重复), as the command line's --again and --allow-duplicates: the
# preview says which earlier import it repeats and which rows look like
# which records, and offers a checkbox for each; the confirmation without
# it is refused as before, and nothing is written.
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123 && login audit audit auditPass123
head_now() { sanzi log verify 2>/dev/null; }
UP=$SANZI_DB.uploads
# Three assets of V1 (line ends given: \r\n or \n, the same rows).
sheet() {
  printf "资产名称,村代码,资产类别,资产性质,原值,取得方式,取得日期,使用状态$1"
  printf "脱粒机,%s,农业机械,经营性,3000,购入,2022-04-01,在用$1" $V1
  printf "铡草机,%s,农业机械,经营性,2500,购入,2022-05-01,在用$1" $V1
  printf "粉碎机,%s,农业机械,经营性,1500.5,购入,2022-06-01,在用$1" $V1
}
sheet '\r\n' >a.csv && sheet '\n' >b.csv
upload() { # upload JAR FILE NAME [JSON]
  tok=$(session_csrf $1) &&
  curl -s -b $1 -c $1 -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' \
    ${4:+-H "Accept: application/json"} \
    -F csrf=$tok -F "file=@$2;filename=$3" "$URL/asset/import" >"$TMP/status"
  cat "$TMP/body"
}
id_of() { sed -n "s|.*action=\"/asset/import/\([0-9a-f]*\)/confirm\".*|\1|p" "$1"; }
n_of() { sql "SELECT count(*) FROM asset WHERE name = '$1' AND voided IS NULL"; }

test_expect_success 'the first import of the file: no repeat, no duplicate, no checkbox' '
  upload clerk a.csv 资产.csv >page && test "$(status)" = 200 &&
  ! grep -F "id=\"again\"" page && ! grep -F "id=\"duplicates\"" page &&
  ! grep -F "type=\"checkbox\"" page &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok name=资产.csv >done &&
  test "$(status)" = 200 && test "$(n_of 脱粒机)" = 1 &&
  sql "SELECT id FROM history WHERE action = '\''import'\'' AND tbl = '\''asset'\''" >entry &&
  test $(wc -l <entry) = 1 &&
  test "$(sql "SELECT json_extract(new, '\''\$.file'\'') FROM history WHERE id = $(cat entry)")" = 资产.csv
'

test_expect_success 'the same file again: the preview names the import it repeats and the rows it duplicates' '
  before=$(head_now) &&
  upload clerk a.csv 又一次.csv >page && test "$(status)" = 200 &&
  grep -E "<div class=\"warn\" role=\"status\" id=\"again\"><p>这个文件（内容完全相同）已于 [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} 由 clerk 导入过（变更日志第 $(cat entry) 条，当时的文件名“资产.csv”）。" page &&
  grep -F "有 3 行与已有的记录相同（疑似重复）" page &&
  grep -F "<tr><td class=\"num\">2</td><td></td><td>疑似重复：与 $V1-ZC-0003 的" page &&
  grep -F "<tr><td class=\"num\">4</td><td></td><td>疑似重复：与 $V1-ZC-0005 的" page &&
  grep -F "除疑似重复外检查无误：将新增 3 行" page &&
  grep -F "<input type=\"checkbox\" id=\"f-again\" name=\"again\" value=\"1\" required> <label for=\"f-again\">确认再次导入同一文件</label>" page &&
  grep -F "<label for=\"f-duplicates\">确认这些疑似重复的记录不是重复</label>" page &&
  test "$(head_now)" = "$before" && ! grep -F "$UP" page
'

test_expect_success 'confirmed without the checkboxes, or with one of them: refused, nothing written' '
  before=$(head_now) &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok >no &&
  test "$(status)" = 422 &&
  grep -F "未确认再次导入同一文件，一行也没有导入。" no && ! grep -F "$UP" no &&
  upload clerk a.csv 又一次.csv >page &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok again=1 >no &&
  test "$(status)" = 422 && grep -F "疑似重复" no &&
  upload clerk a.csv 又一次.csv >page &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok duplicates=1 >no &&
  test "$(status)" = 422 && grep -F "未确认再次导入同一文件" no &&
  test "$(head_now)" = "$before" && test "$(n_of 脱粒机)" = 1 &&
  test -z "$(ls -A "$UP")"
'

test_expect_success 'an auditor, or a form without the token, confirms nothing' '
  before=$(head_now) &&
  upload clerk a.csv 又一次.csv >page && id_of page >id && id=$(cat id) &&
  post clerk /asset/import/$id/confirm again=1 duplicates=1 >/dev/null &&
  test "$(status)" = 403 &&
  tok=$(session_csrf audit) &&
  post audit /asset/import/$id/confirm csrf=$tok again=1 duplicates=1 >/dev/null &&
  test "$(status)" = 403 &&
  test "$(head_now)" = "$before" && test "$(n_of 脱粒机)" = 1
'

test_expect_success 'with both confirmed: imported again, as the command line'\''s --again --allow-duplicates' '
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(cat id)/confirm csrf=$tok again=1 duplicates=1 \
    name=又一次.csv >ok &&
  test "$(status)" = 200 && grep -F "已导入：新增 3 行" ok &&
  test "$(n_of 脱粒机)" = 2 && test "$(n_of 粉碎机)" = 2 && sanzi log verify &&
  test -z "$(ls -A "$UP")"
'

test_expect_success 'another file with the same rows: only the duplicates to confirm' '
  before=$(head_now) &&
  upload clerk b.csv 另存.csv >page && test "$(status)" = 200 &&
  ! grep -F "id=\"again\"" page && grep -F "id=\"duplicates\"" page &&
  ! grep -F "name=\"again\"" page &&
  tok=$(session_csrf clerk) &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok >no &&
  test "$(status)" = 422 && grep -F "疑似重复" no &&
  test "$(head_now)" = "$before" &&
  upload clerk b.csv 另存.csv >page &&
  post clerk /asset/import/$(id_of page)/confirm csrf=$tok duplicates=1 >ok &&
  test "$(status)" = 200 && test "$(n_of 铡草机)" = 3
'

test_expect_success 'a real error beside the duplicates: 422, the errors, no confirmation' '
  { sheet "\\n"; printf "播种机,%s,农业机械,经营性,12a,购入,2022-06-01,在用\n" $V1; } >c.csv &&
  upload clerk c.csv 有错.csv >page && test "$(status)" = 422 &&
  grep -F "“12a”：不是金额" page && ! grep -F "/confirm" page &&
  test -z "$(ls -A "$UP")"
'

test_expect_success 'JSON: the preview has "again" and "duplicates"' '
  upload clerk a.csv 再来.csv json >p.json && test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"p.json\")); a=d[\"again\"]; \
    assert a[\"operator\"] == \"clerk\" and a[\"file\"] == \"又一次.csv\", a; \
    assert len(d[\"duplicates\"]) == 3 and d[\"duplicates\"][0][\"row\"] == 2, d; \
    assert d[\"inserted\"] == 3 and len(d[\"id\"]) == 32, d"
'

test_done
