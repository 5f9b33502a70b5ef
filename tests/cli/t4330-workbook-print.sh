#!/bin/sh
# The workbooks print (issue 13, parts 4 and 6), checked as a clerk's
# printer would see them: LibreOffice (Debian's, tests only) turns each into
# a PDF, and every page is read back with pdftotext. A sheet fitted to one
# page wide has all its columns on every page (none split off onto pages of
# their own), the header row repeated on each, the title above and
# "第 N 页 共 M 页" below; the notice is on A4 landscape pages.
. "$(dirname "$0")/lib.sh"

V1=150125100201
T=150125100

# pdf BOOK: BOOK.pdf, by LibreOffice with a profile of this test's own (so
# that tests running at once do not share one).
pdf() {
  soffice -env:UserInstallation=file://$TMP/lo --headless \
    --convert-to pdf --outdir "$TMP" "$1" >lo.out 2>&1 &&
  test -s "${1%.xlsx}.pdf"
}
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
# page PDF N: the text of page N
page() { pdftotext -layout -f $2 -l $2 "$1" -; }
# every_page PDF TEXT...: each page holds each TEXT
every_page() {
  f=$1
  shift
  n=$(pages "$f")
  for p in $(seq 1 $n); do
    page "$f" $p >p.txt
    for t in "$@"; do
      grep -F -q -- "$t" p.txt || { echo "page $p of $f lacks $t"; return 1; }
    done
  done
}
# numbered PDF: page N of M says "第 N 页 共 M 页"
numbered() {
  n=$(pages "$1")
  for p in $(seq 1 $n); do
    page "$1" $p | tr -d " " | grep -F -q "第${p}页共${n}页" ||
      { echo "page $p of $1: no 第 $p 页 共 $n 页"; return 1; }
  done
}

test_expect_success 'setup: 150 assets in one village (a list of several pages)' '
  setup_county &&
  { echo "村代码,资产名称,资产类别,资产性质,坐落位置,原值,取得方式,取得日期,使用状态,管护责任人,权证号,备注"
    i=1
    while [ $i -le 150 ]; do
      echo "$V1,资产$i,机器设备,经营性,福如东村第$i组,$i.50,购入,2020-01-01,在用,保管人$i,QZ-$i,第 $i 项的备注"
      i=$((i + 1))
    done; } >many.csv &&
  sanzi asset import many.csv 2>/dev/null &&
  test "$(sql "SELECT count(*) FROM asset")" = 150
'

# All 21 columns of the export (村名称 beside 村代码) on every page: fitted
# to one page wide, nothing is split off; the header row on every page.
test_expect_success 'export: every column and the header on every page, pages numbered' '
  sanzi asset export --out export.xlsx 2>/dev/null &&
  pdf export.xlsx &&
  test "$(pages export.pdf)" -ge 2 &&
  every_page export.pdf 资产台账 全部 资产编号 村名称 管护责任人 使用状态 备注 导出时间 &&
  numbered export.pdf &&
  test "$(pdftotext export.pdf - | grep -c -F 资产编号)" = "$(pages export.pdf)" &&
  pdftotext -layout export.pdf - | grep -F "合计" | grep -F "11,400.00"
'

# 原值 1.50 + 2.50 + ... + 150.50 = (1 + ... + 150) + 150 × 0.50
#   = 11,325 + 75 = 11,400.00 (the row 合计 above)
test_expect_success 'list: the scope in the page header; wide sheets landscape' '
  sanzi asset list --village $V1 --out list.xlsx 2>/dev/null &&
  pdf list.xlsx &&
  every_page list.pdf 资产清单 "福如东村民委员会（$V1）" 资产编号 使用状态 &&
  numbered list.pdf &&
  pdfinfo export.pdf | grep -E "^Page size: +841.* x 595"
'

test_expect_success 'the audit workbook: each sheet on whole pages, headed by its title and header' '
  sanzi audit export --year 2025 --out au --format xlsx >/dev/null 2>&1 &&
  cp au/年度审计-2025.xlsx audit.xlsx &&
  pdf audit.xlsx &&
  n=$(pages audit.pdf) &&
  for p in $(seq 1 $n); do
    page audit.pdf $p >p.txt &&
    title=$(head -n 1 p.txt | awk "{ print \$1 }") &&
    case $title in
      资产清单) want="资产编号 村代码 资产名称 取得日期 原值 净值 权证号" ;;
      汇总) want="层级 代码 名称 审计发现" ;;
      *) want="" ;;
    esac &&
    for w in $want; do
      grep -F -q "$w" p.txt || { echo "page $p ($title) lacks $w"; return 1; }
    done || return 1
  done &&
  numbered audit.pdf &&
  for p in $(seq 1 $n); do page audit.pdf $p | head -n 1; done |
    grep -c "^资产清单 " >sheets &&
  test "$(cat sheets)" -ge 2
'

test_expect_success 'the notice: A4 landscape pages, title and signature line' '
  sanzi notice --village $V1 --year 2025 --out notice.xlsx 2>/dev/null &&
  pdf notice.xlsx &&
  pdfinfo notice.pdf | grep -E "^Page size: +841.* x 595" &&
  every_page notice.pdf "福如东村集体“三资”公开表" "公开期间：2025 年" &&
  numbered notice.pdf &&
  pdftotext notice.pdf - >all.txt &&
  grep -F "村务监督委员会主任（签字）" all.txt &&
  grep -F "一、资产" all.txt && grep -F "六、本年贴息" all.txt
'

test_expect_success 'a template prints as a blank form of one page' '
  sanzi asset template --township $T --out tpl.xlsx 2>/dev/null &&
  pdf tpl.xlsx &&
  page tpl.pdf 1 >p1.txt &&
  grep -F "资产导入模板" p1.txt && grep -F "*使用状态" p1.txt &&
  page tpl.pdf 2 | grep -F "资产导入模板 填写说明"
'

# conv BOOK FORMAT: BOOK saved again by LibreOffice as FORMAT (xlsx, xls),
# into lo-out/
conv() {
  soffice -env:UserInstallation=file://$TMP/lo --headless \
    --convert-to $2 --outdir "$TMP/lo-out" "$1" >lo.out 2>&1
}

test_expect_success 'a filled template saved again by LibreOffice (.xlsx, .xls) imports the same' '
  sanzi resource template --township $T --out r.xlsx 2>/dev/null &&
  "$PY" -c "
import openpyxl
wb = openpyxl.load_workbook(\"r.xlsx\"); ws = wb.worksheets[0]
ws[\"B2\"] = \"$V1\"; ws[\"D2\"] = \"南坡地\"; ws[\"E2\"] = \"0103 旱地\"
ws[\"G2\"] = 12.5; ws[\"M2\"] = \"发包\"
ws[\"B3\"] = \"$V1\"; ws[\"D3\"] = \"北河滩\"; ws[\"E3\"] = \"1106 内陆滩涂\"
ws[\"G3\"] = 3; ws[\"M3\"] = \"未利用\"
wb.save(\"rf.xlsx\")" &&
  conv rf.xlsx xlsx && conv rf.xlsx xls &&
  before=$(db_state) &&
  for f in rf.xlsx lo-out/rf.xlsx lo-out/rf.xls; do
    sanzi resource import $f --dry-run 2>err &&
    grep -F "2 new, 0 updated, 0 unchanged resource rows" err || return 1
  done &&
  unchanged &&
  sanzi resource import lo-out/rf.xls 2>/dev/null &&
  test "$(sql "SELECT name, land_class, area, status FROM resource ORDER BY id")" = \
    "$(printf "%s\n" "南坡地|0103|125000|发包" "北河滩|1106|30000|未利用")"
'

test_done
