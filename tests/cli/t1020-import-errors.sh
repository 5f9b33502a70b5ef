#!/bin/sh
# A bad import is refused as a whole: exit status 1, nothing written (the
# database fingerprint is unchanged), and every bad cell is named as
# FILE:ROW: COLUMN: message, ROW being the row a spreadsheet shows.
. "$(dirname "$0")/lib.sh"

V1=150125100201
V2=150125100202
H='资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态'
GOOD=",$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用"

q() { sqlite3 "$SANZI_DB" "$1"; }

# refused FILE: the import of FILE fails with status 1, its messages are in
# err, and the database is exactly as it was.
refused() {
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import "$@" 2>err &&
  cat err &&
  test "$(db_state)" = "$before"
}

# bad NAME ROW...: bad.csv is the header, a good row, then the given rows.
bad() {
  { echo "$H" && echo "$GOOD" && printf "%s\n" "$@"; } >bad.csv
}

test_expect_success 'setup: a county with two assets' '
  setup_county &&
  cat >base.csv <<-EOF &&
	$H,权证号
	$V1-ZC-0001,$V1,村委会办公楼,房屋及建筑物,非经营性,"120,000.00",自建,2020-06-15,在用,蒙(2020)武川县不动产权第0000101号
	$V1-ZC-0002,$V1,拖拉机,农业机械,经营性,"42,000.00",购入,2021-03-10,在用,
	EOF
  sanzi asset import base.csv &&
  test "$(q "SELECT count(*) FROM asset")" = 2
'

test_expect_success 'money with more than 2 decimals is an error, not a rounding' '
  bad ",$V1,播种机,农业机械,经营性,12.345,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: .*12\.345" err &&
  grep "decimal" err
'

test_expect_success 'money that is not a number' '
  bad ",$V1,播种机,农业机械,经营性,abc,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: .*abc" err
'

test_expect_success 'money with a misplaced thousands separator' '
  bad ",$V1,播种机,农业机械,经营性,\"1,23,456.00\",购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: .*1,23,456\.00" err
'

test_expect_success 'a negative original value' '
  bad ",$V1,播种机,农业机械,经营性,-500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: " err
'

test_expect_success 'an impossible date: 2023-02-29' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,2023-02-29,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 取得日期: .*2023-02-29" err
'

test_expect_success 'an impossible date written the Excel way: 2023/4/31' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,2023/4/31,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 取得日期: .*2023/4/31" err
'

test_expect_success 'text that is not a date' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,去年春天,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 取得日期: .*去年春天" err
'

test_expect_success 'an unknown village code' '
  bad ",150125100299,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 村代码: .*150125100299" err
'

test_expect_success 'a township code where a village code belongs' '
  bad ",150125100,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 村代码: .*150125100" err
'

test_expect_success 'a village code that Excel turned into 1.50125E+11' '
  bad ",1.50125E+11,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 村代码: .*1\.50125E+11" err
'

test_expect_success 'an unknown category lists the accepted ones' '
  bad ",$V1,播种机,农机具,经营性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 资产类别: .*农机具" err >line &&
  for c in 房屋及建筑物 水利设施 公益设施 机器设备 农业机械 运输设备 办公设备 \
           电子设备 生产性生物资产 在建工程 长期投资 土地 其他
  do
    grep -q "$c" line || { echo "missing $c"; exit 1; }
  done
'

test_expect_success 'an unknown nature lists the accepted ones' '
  bad ",$V1,播种机,农业机械,营利性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 资产性质: .*营利性" err >line &&
  grep "经营性" line && grep "非经营性" line && grep "待界定" line
'

test_expect_success 'an unknown status lists the accepted ones' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,2023-04-01,正常" &&
  refused bad.csv &&
  grep "^bad.csv:3: 使用状态: .*正常" err >line &&
  for s in 在用 闲置 出租 发包 入股 待处置 已处置
  do
    grep -q "$s" line || { echo "missing $s"; exit 1; }
  done
'

test_expect_success 'an unknown way of acquisition lists the accepted ones' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购买,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 取得方式: .*购买" err >line &&
  for s in 购入 自建 接受捐赠 扶贫投资形成 政府划拨 投资转入 盘盈 其他
  do
    grep -q "$s" line || { echo "missing $s"; exit 1; }
  done
'

test_expect_success 'a required cell left empty' '
  bad ",$V1,,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 资产名称: " err
'

test_expect_success 'a required cell of blanks only counts as empty' '
  bad ",$V1,播种机,农业机械,经营性,\"   \",购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: " err
'

test_expect_success 'the column is named as the file spells it, or by its plain name' '
  { echo "资产编号,村代码,资产名称,资产类别,资产性质,原值（元）,取得方式,取得日期,使用状态" &&
    echo ",$V1,播种机,农业机械,经营性,5OO.00,购入,2023-04-01,在用"; } >unit.csv &&
  refused unit.csv &&
  grep "^unit.csv:2: 原值\(（元）\)\{0,1\}: .*5OO\.00" err
'

test_expect_success '累计折旧 above 原值 is refused' '
  { echo "$H,累计折旧,折旧截至" &&
    echo ",$V1,播种机,农业机械,经营性,500.00,购入,2020-04-01,在用,500.01,2022-12"; } >acc.csv &&
  refused acc.csv &&
  grep "^acc.csv:2: 累计折旧: " err
'

test_expect_success '累计折旧 equal to 原值 is accepted (--dry-run)' '
  { echo "$H,累计折旧,折旧截至" &&
    echo ",$V1,播种机,农业机械,经营性,500.00,购入,2020-04-01,在用,500.00,2022-12"; } >acc2.csv &&
  sanzi asset import acc2.csv --dry-run
'

test_expect_success 'the same code twice in one file is refused, naming the second row' '
  { echo "$H" &&
    echo "$V2-ZC-0009,$V2,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
    echo "$GOOD" &&
    echo "$V2-ZC-0009,$V2,旋耕机,农业机械,经营性,800.00,购入,2023-04-01,在用"; } >dup.csv &&
  refused dup.csv &&
  grep "^dup.csv:4: 资产编号: .*$V2-ZC-0009" err &&
  test "$(grep -c "^dup.csv:" err)" = 1
'

# A clerk told to add --update for a code that is in the file twice would
# only be sent round in a circle: the message must say it is a duplicate.
test_expect_success 'a code twice in one file is called a duplicate, not "existing"' '
  refused dup.csv &&
  ! grep -e "--update" err &&
  grep -i "twice\|duplicate\|重复\|more than once\|row 2" err
'

test_expect_success 'the same code twice in one file is refused with --update too' '
  refused dup.csv --update &&
  grep "^dup.csv:4: 资产编号: .*$V2-ZC-0009" err
'

test_expect_success 'a code that already exists is refused without --update' '
  bad "$V1-ZC-0002,$V1,拖拉机,农业机械,经营性,45000.00,购入,2021-03-10,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 资产编号: .*$V1-ZC-0002" err
'

test_expect_success 'a certificate number already registered is refused' '
  { echo "$H,权证号" &&
    echo ",$V2,仓库,房屋及建筑物,经营性,50000,自建,2019-05-01,出租,蒙(2020)武川县不动产权第0000101号"; } >cert.csv &&
  refused cert.csv &&
  grep "^cert.csv:2: 权证号: .*蒙(2020)武川县不动产权第0000101号" err
'

test_expect_success 'the same certificate number twice in one file is refused' '
  { echo "$H,权证号" &&
    echo ",$V2,仓库,房屋及建筑物,经营性,50000,自建,2019-05-01,出租,蒙(2021)武川县不动产权第0000202号" &&
    echo ",$V2,车库,房屋及建筑物,经营性,30000,自建,2019-05-01,出租,蒙(2021)武川县不动产权第0000202号"; } >cert2.csv &&
  refused cert2.csv &&
  grep "^cert2.csv:3: 权证号: .*蒙(2021)武川县不动产权第0000202号" err
'

test_expect_success 'empty certificate numbers are not duplicates of each other' '
  { echo "$H,权证号" &&
    echo ",$V2,仓库,房屋及建筑物,经营性,50000,自建,2019-05-01,出租," &&
    echo ",$V2,车库,房屋及建筑物,经营性,30000,自建,2019-05-01,出租,"; } >cert3.csv &&
  sanzi asset import cert3.csv --dry-run
'

test_expect_success 'a row with fewer cells than the header names the row' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入" &&
  refused bad.csv &&
  grep "^bad.csv:3: " err
'

test_expect_success 'a row with a value beyond the last column is refused' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用,多出来的" &&
  refused bad.csv &&
  grep "^bad.csv:3: " err
'

test_expect_success 'a row with trailing empty cells beyond the header is fine' '
  { echo "$H" && echo "$GOOD,,,"; } >trail.csv &&
  sanzi asset import trail.csv --dry-run
'

test_expect_success 'an unterminated quote is refused, naming the row where it starts' '
  { echo "$H" && echo "$GOOD" && echo "$GOOD" &&
    echo ",$V1,\"播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
    echo "$GOOD" && echo "$GOOD"; } >quote.csv &&
  refused quote.csv &&
  grep "^quote.csv:4: " err
'

test_expect_success 'a stray quote inside an unquoted cell is refused, naming the row' '
  { echo "$H" && echo "$GOOD" &&
    echo ",$V1,6\"水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用"; } >stray.csv &&
  refused stray.csv &&
  grep "^stray.csv:3: " err
'

test_expect_success 'an unknown column is refused and the accepted names are listed' '
  { echo "$H,购置人" && echo "$GOOD,张三"; } >col.csv &&
  refused col.csv &&
  grep "^col.csv:1: .*购置人" err >line &&
  for c in 资产编号 村代码 资产名称 资产类别 资产性质 坐落位置 数量 计量单位 原值 \
           累计折旧 折旧截至 使用年限 净残值率 取得方式 取得日期 使用状态 管护责任人 \
           权证号 备注 original_value acquired_on
  do
    grep -q "$c" line || { echo "missing $c"; exit 1; }
  done
'

test_expect_success 'a missing required column is refused and the accepted names are listed' '
  { echo "资产编号,村代码,资产名称,资产类别,资产性质,取得方式,取得日期,使用状态" &&
    echo ",$V1,水泵,机器设备,经营性,购入,2022-04-01,在用"; } >nocol.csv &&
  refused nocol.csv &&
  grep "^nocol.csv:1: .*原值" err >line &&
  grep -q "original_value" line &&
  grep -q "资产名称" line && grep -q "管护责任人" line
'

test_expect_success 'a column given twice is refused' '
  { echo "$H,原值（元）" && echo "$GOOD,3500.00"; } >twice.csv &&
  refused twice.csv &&
  grep "^twice.csv:1: .*原值" err
'

test_expect_success 'every bad row is reported, not only the first' '
  { echo "$H" &&
    echo "$GOOD" &&
    echo ",$V1,甲,机器设备,经营性,12.345,购入,2022-04-01,在用" &&
    echo "$GOOD" &&
    echo ",$V1,乙,机器设备,经营性,3500.00,购入,2023-02-29,在用" &&
    echo ",150125999999,丙,机器设备,经营性,3500.00,购入,2022-04-01,在用" &&
    echo "$GOOD"; } >many.csv &&
  refused many.csv --allow-duplicates &&
  grep "^many.csv:3: 原值: " err &&
  grep "^many.csv:5: 取得日期: " err &&
  grep "^many.csv:6: 村代码: " err &&
  test "$(grep -c "^many.csv:" err)" = 3
'

test_expect_success 'every bad cell of a row is reported' '
  bad ",$V1,,农机具,经营性,abc,购入,2023-02-29,正常" &&
  refused bad.csv &&
  grep "^bad.csv:3: 资产名称: " err &&
  grep "^bad.csv:3: 资产类别: " err &&
  grep "^bad.csv:3: 原值: " err &&
  grep "^bad.csv:3: 取得日期: " err &&
  grep "^bad.csv:3: 使用状态: " err
'

test_expect_success 'at most 100 errors are listed, then "... and N more errors"' '
  { echo "$H" &&
    awk -v v=$V1 "BEGIN { for (i = 1; i <= 150; i++)
      printf \",%s,泵%d,机器设备,经营性,%d.001,购入,2022-04-01,在用\n\", v, i, i }"; } >150.csv &&
  test "$(wc -l <150.csv)" = 151 &&
  refused 150.csv &&
  test "$(grep -c "^150.csv:[0-9]*: 原值: " err)" = 100 &&
  grep "^150.csv:2: 原值: " err &&
  grep "^150.csv:101: 原值: " err &&
  ! grep "^150.csv:102: " err &&
  grep "^\.\.\. and 50 more errors$" err
'

test_expect_success 'an amount too large for the books is refused, not wrapped' '
  bad ",$V1,播种机,农业机械,经营性,99999999999999999999,购入,2023-04-01,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 原值: .*99999999999999999999" err
'

test_expect_success 'an Excel date serial number (43529) is not taken for a date' '
  bad ",$V1,播种机,农业机械,经营性,500.00,购入,43529,在用" &&
  refused bad.csv &&
  grep "^bad.csv:3: 取得日期: .*43529" err
'

test_expect_success 'a cell holding line breaks is one spreadsheet row: later rows keep their numbers' '
  { echo "$H,备注" &&
    echo ",$V1,仓库,房屋及建筑物,经营性,1000,自建,2022-04-01,在用,\"一号库" &&
    echo "二号库" &&
    echo "三号库\"" &&
    echo ",$V1,车库,房屋及建筑物,经营性,x,自建,2022-04-01,在用,"; } >multi.csv &&
  refused multi.csv &&
  grep "^multi.csv:3: 原值: " err
'

test_expect_success 'CRLF, blank lines and a title line: the row is the spreadsheet row' '
  { echo "" && echo "福如东村资产表" && echo "" && echo "$H" && echo "" && echo ",,,," &&
    echo ",$V1,车库,房屋及建筑物,经营性,x,自建,2022-04-01,在用"; } |
    awk "{ printf \"%s\r\n\", \$0 }" >crlf.csv &&
  refused crlf.csv &&
  grep "^crlf.csv:7: 原值: " err
'

test_expect_success 'a refused import uses up no generated codes' '
  { echo "$H" && echo ",$V2,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用" &&
    echo ",$V2,旋耕机,农业机械,经营性,8OO,购入,2023-04-01,在用"; } >gen.csv &&
  refused gen.csv &&
  { echo "$H" && echo ",$V2,播种机,农业机械,经营性,500.00,购入,2023-04-01,在用"; } >gen2.csv &&
  sanzi asset import gen2.csv &&
  test "$(q "SELECT code FROM asset WHERE village = $V2")" = $V2-ZC-0001
'

test_expect_success 'an empty file is refused' '
  : >empty.csv &&
  refused empty.csv &&
  grep "empty.csv" err
'

test_expect_success 'a missing file is refused' '
  refused nowhere.csv &&
  grep "nowhere.csv" err
'

test_expect_success 'the change log still verifies after all the refusals' '
  sanzi log verify &&
  test "$(q "SELECT count(*) FROM asset")" = 3
'

test_done
