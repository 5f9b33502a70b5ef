#!/bin/sh
# A file that is neither CSV text nor a workbook (t1090) is told by its
# first bytes, whatever its name, and refused with what it is and what to
# do: a gzip file is to be unpacked; a ZIP that is no workbook and a binary
# file are named as such. Nothing is written.
. "$(dirname "$0")/lib.sh"

setup_county

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

test_expect_success 'a gzip file is to be unpacked; a binary file is named' '
  refused g.csv.gz "'\''g.csv.gz'\'' is a gzip-compressed file, not CSV text: unpack it first (gunzip)" &&
  refused bin.csv "'\''bin.csv'\'' is a binary file that is not a spreadsheet, not CSV text"
'

test_expect_success 'a damaged ZIP is named as one' '
  refused broken.csv "cannot open '\''broken.csv'\'': not a ZIP file, or a damaged or truncated one"
'

test_expect_success 'the same in Chinese' '
  refused g.csv.gz "“g.csv.gz”是 gzip 压缩文件，不是 CSV 文本：请先解压（gunzip）" zh &&
  refused bin.csv "“bin.csv”是 二进制文件（不是表格），不是 CSV 文本" zh &&
  refused broken.csv "无法打开“broken.csv”：不是 ZIP 文件，或文件已损坏、不完整" zh
'

test_expect_success 'a CSV file has no sheets' '
  printf "a,b\n" >plain.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import plain.csv --sheet 1 2>err &&
  test "$(head -n 1 err)" = "plain.csv: --sheet: a CSV file has no sheets" &&
  test "$(db_state)" = "$before"
'

test_expect_success 'text from standard input is still read as CSV' '
  printf "%s\n" "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    "150125100201,水泵,机器设备,经营性,1200,购入,2019-03-05,在用" |
    sanzi asset import - 2>err &&
  grep -F "1 new" err
'

test_done
