#!/bin/sh
# A file that is not CSV text is told by its first bytes, whatever its
# name, and refused with what it is and what to do: a workbook (.xlsx or
# .xls) is to be saved as CSV, a gzip file unpacked; a ZIP that is no
# workbook and a binary file are named as such. Nothing is written.
. "$(dirname "$0")/lib.sh"

setup_county

# a real .xlsx, written by openpyxl as Excel would
"$PY" -c "
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(['资产名称', '原值']); ws.append(['拖拉机', 1200])
wb.save('资产.xlsx')" || exit 1
cp 资产.xlsx renamed.csv
cp "$TOP/tests/data/xls-cells.xls" old.xls
printf 'a,b\n1,2\n' | gzip >g.csv.gz
printf '\177ELF\002\001\001\000\000\000' >bin.csv
printf 'PK\003\004not a zip at all' >broken.csv

# refused FILE EXPECTED-FIRST-LINE [LANG]: exit 1, the message, nothing
# written
refused() {
  before=$(db_state) &&
  test_must_fail 1 sanzi ${3:+--lang $3} asset import "$1" 2>err &&
  test "$(head -n 1 err)" = "$2" &&
  test "$(db_state)" = "$before"
}

test_expect_success 'an .xlsx, under its own name or named .csv, is to be saved as CSV' '
  refused 资产.xlsx "'\''资产.xlsx'\'' is an Excel workbook (.xlsx), not CSV text: open it in Excel or WPS, save it as CSV (UTF-8) and import that file" &&
  refused renamed.csv "'\''renamed.csv'\'' is an Excel workbook (.xlsx), not CSV text: open it in Excel or WPS, save it as CSV (UTF-8) and import that file" &&
  grep -Fx "sanzi: '\''renamed.csv'\'': nothing imported (1 error)" err
'

test_expect_success 'an .xls (Excel 97-2003, WPS) likewise' '
  refused old.xls "'\''old.xls'\'' is an Excel 97-2003 workbook (.xls), not CSV text: open it in Excel or WPS, save it as CSV (UTF-8) and import that file"
'

test_expect_success 'a gzip file is to be unpacked; a binary file is named' '
  refused g.csv.gz "'\''g.csv.gz'\'' is a gzip-compressed file, not CSV text: unpack it first (gunzip)" &&
  refused bin.csv "'\''bin.csv'\'' is a binary file that is not a spreadsheet, not CSV text"
'

test_expect_success 'a damaged ZIP is named as one' '
  refused broken.csv "cannot open '\''broken.csv'\'': not a ZIP file, or a damaged or truncated one"
'

test_expect_success 'the same in Chinese' '
  refused 资产.xlsx "“资产.xlsx”是 Excel 工作簿（.xlsx），不是 CSV 文本：请在 Excel 或 WPS 中打开，另存为“CSV UTF-8（逗号分隔）”，再导入另存的文件" zh &&
  refused old.xls "“old.xls”是 Excel 97-2003 工作簿（.xls），不是 CSV 文本：请在 Excel 或 WPS 中打开，另存为“CSV UTF-8（逗号分隔）”，再导入另存的文件" zh &&
  refused g.csv.gz "“g.csv.gz”是 gzip 压缩文件，不是 CSV 文本：请先解压（gunzip）" zh &&
  refused bin.csv "“bin.csv”是 二进制文件（不是表格），不是 CSV 文本" zh &&
  refused broken.csv "无法打开“broken.csv”：不是 ZIP 文件，或文件已损坏、不完整" zh
'

test_expect_success 'text from standard input is still read as CSV' '
  printf "%s\n" "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    "150125100201,水泵,机器设备,经营性,1200,购入,2019-03-05,在用" |
    sanzi asset import - 2>err &&
  grep -F "1 new" err
'

test_done
