#!/bin/sh
# The acceptance case: a township clerk saves the asset register from Excel
# on a Chinese Windows ("CSV (逗号分隔)"): GB18030 without a BOM, CRLF line
# ends, a title line above the header, full-width brackets and * marks in
# the headers, dates like 2019/3/5, amounts like "12,500.00", and rows of
# empty cells at the end. It must import as it is. And when one cell among
# thousands is bad, nothing is imported and the message names that cell.
. "$(dirname "$0")/lib.sh"

V1=150125100201
V2=150125100202

q() { sqlite3 "$SANZI_DB" "$1"; }
crlf() { awk '{ printf "%s\r\n", $0 }'; }
gbk() { iconv -f UTF-8 -t GB18030; }

TITLE='武川县可可以力更镇福如东村集体资产登记表（截至2024年12月31日）,,,,,,,,,,,,,,,,,,'
HEADER='资产编号,*村代码,*资产名称,*资产类别,*资产性质,坐落位置,数量,计量单位,*原值（元）,累计折旧（元）,折旧截至,使用年限（月）,净残值率（%）,*取得方式,*取得日期,*使用状态,管护责任人,权证号,备注'

test_expect_success 'setup: a county with one asset already registered' '
  setup_county &&
  cat >old.csv <<-EOF &&
	资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态
	$V2-ZC-0001,$V2,机井,水利设施,经营性,8800,政府划拨,2018-09-01,闲置
	EOF
  sanzi asset import old.csv &&
  cp "$SANZI_DB" base.db
'

test_expect_success 'setup: the Excel export' '
  {
    echo "$TITLE" &&
    echo "$HEADER" &&
    echo ",$V1,村委会办公楼,房屋及建筑物,非经营性,福如东村一组,1,座,\"120,000.00\",,,240,5,自建,2020/6/15,在用,张建国,蒙(2020)武川县不动产权第0000101号," &&
    echo ",$V1,饮水井,水利设施,非经营性,村北,1,眼,\"12,500.00\",,,,,扶贫投资形成,2019/3/5,在用,李四,,二〇一九年扶贫项目" &&
    echo ",$V1,拖拉机,农业机械,经营性,农机棚,2,台,\"86,000.50\",\"8,000.00\",2022/12,120,,购入,2021/11/30,出租,王五,,\"东方红-804，出租给合作社\"" &&
    echo ",,,,,,,,,,,,,,,,,," &&
    echo ",,,,,,,,,,,,,,,,,," &&
    echo ",,,,,," &&
    echo ",,,,,,,,,,,,,,,,,,"
  } | crlf | gbk >excel.csv &&
  ! iconv -f UTF-8 -t UTF-8 excel.csv >/dev/null 2>&1 &&
  test "$(head -c 2 excel.csv | od -An -tx1 | tr -d " ")" != efbb &&
  grep -q "$(printf "\r")\$" excel.csv
'

test_expect_success 'the Excel export imports as it is' '
  sanzi asset import excel.csv &&
  test "$(q "SELECT count(*) FROM asset")" = 4
'

test_expect_success 'the amount "12,500.00" is 1250000 fen; 2019/3/5 is 2019-03-05' '
  test "$(q "SELECT original_value, acquired_on FROM asset WHERE name = '"'饮水井'"'")" = "1250000|2019-03-05"
'

test_expect_success 'every stored value equals what the clerk typed' '
  cat >expect <<-EOF &&
	$V1-ZC-0001|村委会办公楼|房屋及建筑物|非经营性|福如东村一组|座|12000000|||240|50000|自建|2020-06-15|在用|张建国|蒙(2020)武川县不动产权第0000101号|
	$V1-ZC-0002|饮水井|水利设施|非经营性|村北|眼|1250000|||||扶贫投资形成|2019-03-05|在用|李四||二〇一九年扶贫项目
	$V1-ZC-0003|拖拉机|农业机械|经营性|农机棚|台|8600050|800000|2022-12|120||购入|2021-11-30|出租|王五||东方红-804，出租给合作社
	EOF
  q "SELECT code, name, category, nature, location, unit, original_value,
            accumulated_depreciation, depreciated_through, useful_life_months,
            residual_rate, acquired_via, acquired_on, status, custodian,
            certificate, note
     FROM asset WHERE village = $V1 ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'the change log verifies after the Excel import' '
  sanzi log verify
'

# The column is named as the file spells it (*原值（元）) or plainly (原值).
# ~3000 rows, about 330 KB: more than one read buffer of GB18030 text.
# Row i (1-based) is the spreadsheet row i + 2 (title line, header).
# Amount of row i: 10,000.00 yuan + i fen, so the total is
# 3000 * 1,000,000 + (1 + ... + 3000) = 3,000,000,000 + 4,501,500 fen.
gen() {
  awk -v v=$V1 -v bad="${1:-0}" -v what="${2:-}" 'BEGIN {
    for (i = 1; i <= 3000; i++) {
      fen = 1000000 + i
      yuan = int(fen / 100)
      amount = sprintf("\"%d,%03d.%02d\"", int(yuan / 1000), yuan % 1000, fen % 100)
      date = "2019/3/5"
      if (i == bad && what == "amount") amount = "\"12,5OO.00\""
      if (i == bad && what == "date") date = "2019/2/29"
      printf ",%s,水泵%d,机器设备,经营性,福如东村%d组,1,台,%s,,,120,5,购入,%s,在用,张三,,\n",
        v, i, i, amount, date
    }
  }'
}

test_expect_success 'setup: three thousand rows' '
  { echo "$TITLE" && echo "$HEADER" && gen && echo ",,,,,,,,,,,,,,,,,,"; } | crlf | gbk >big.csv &&
  test "$(wc -c <big.csv)" -gt 262144
'

test_expect_success 'three thousand rows import, every name intact, the total exact' '
  cp base.db "$SANZI_DB" &&
  sanzi asset import big.csv &&
  test "$(q "SELECT count(*) FROM asset WHERE village = $V1")" = 3000 &&
  test "$(q "SELECT sum(original_value) FROM asset WHERE village = $V1")" = 3004501500 &&
  test "$(q "SELECT original_value FROM asset WHERE name = '"'水泵1234'"'")" = 1001234 &&
  test "$(q "SELECT count(*) FROM asset WHERE village = $V1 AND location = '"'福如东村'"' || substr(name, 3) || '"'组'"' AND acquired_on = '"'2019-03-05'"'")" = 3000 &&
  test "$(q "SELECT name FROM asset WHERE code = '"'$V1-ZC-3000'"'")" = 水泵3000 &&
  sanzi log verify
'

test_expect_success 'one bad amount in row 2345 of 3002: nothing is imported' '
  cp base.db "$SANZI_DB" &&
  { echo "$TITLE" && echo "$HEADER" && gen 2343 amount; } | crlf | gbk >big.csv &&
  test "$(sed -n 2345p big.csv | iconv -f GB18030 -t UTF-8 | grep -c 12,5OO)" = 1 &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import big.csv 2>err &&
  test "$(db_state)" = "$before" &&
  test "$(q "SELECT count(*) FROM asset")" = 1
'

test_expect_success 'the message names that cell exactly: big.csv:2345: 原值' '
  cat err &&
  test "$(grep -c "^big.csv:" err)" = 1 &&
  grep "^big.csv:2345: \*\{0,1\}原值\(（元）\)\{0,1\}: .*12,5OO\.00" err
'

test_expect_success 'one impossible date in row 2345, no title line: nothing is imported' '
  cp base.db "$SANZI_DB" &&
  { echo "$HEADER" && gen 2344 date; } | crlf | gbk >big2.csv &&
  test "$(sed -n 2345p big2.csv | iconv -f GB18030 -t UTF-8 | grep -c 2019/2/29)" = 1 &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import big2.csv 2>err &&
  test "$(db_state)" = "$before" &&
  test "$(q "SELECT count(*) FROM asset")" = 1 &&
  test "$(grep -c "^big2.csv:" err)" = 1 &&
  grep "^big2.csv:2345: \*\{0,1\}取得日期: .*2019/2/29" err
'

test_expect_success 'the same bad file with --dry-run gives the same message' '
  test_must_fail 1 sanzi asset import big2.csv --dry-run 2>err2 &&
  grep "^big2.csv:" err >e1 &&
  grep "^big2.csv:" err2 >e2 &&
  test_cmp e1 e2
'

test_done
