#!/bin/sh
# sanzi asset import: how a clerk's spreadsheet becomes asset cards.
# Column matching, title lines and blank rows, value formats, generated
# codes, --dry-run and --update. Every expected value is worked out from
# doc/cli.md and doc/domain.md, not copied from the program.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村 (可可以力更镇)
V2=150125100202   # 大水圪洞村 (可可以力更镇)
V3=150125101201   # 圪料坝村 (哈乐镇)
# The required columns and the code, in doc/cli.md's order.
H='资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态'

q() { sqlite3 "$SANZI_DB" "$1"; }
nhist() { q "SELECT count(*) FROM history"; }
# cols CODE COLUMNS: columns of the asset with that code, |-separated
cols() { q "SELECT $2 FROM asset WHERE code = '$1'"; }
# code_of NAME: the code of the asset with that name
code_of() { q "SELECT code FROM asset WHERE name = '$1'"; }

test_expect_success 'setup: a county with its villages' '
  setup_county &&
  test "$(q "SELECT count(*) FROM org WHERE code IN ($V1, $V2, $V3)")" = 3
'

test_expect_success 'Chinese column names: every column is stored as typed' '
  cat >full.csv <<-EOF &&
	资产编号,村代码,资产名称,资产类别,资产性质,坐落位置,数量,计量单位,原值,累计折旧,折旧截至,使用年限（月）,净残值率,取得方式,取得日期,使用状态,管护责任人,权证号,备注
	$V1-ZC-0100,$V1,村委会办公楼,房屋及建筑物,非经营性,福如东村一组,1,座,120000.00,10000.00,2021-12,240,5,自建,2020-06-15,在用,张建国,蒙(2020)武川县不动产权第0000101号,两层砖混
	EOF
  sanzi asset import full.csv &&
  cat >expect <<-EOF &&
	$V1-ZC-0100|$V1|村委会办公楼|房屋及建筑物|非经营性|福如东村一组|座|12000000|1000000|2021-12|240|50000|自建|2020-06-15|在用|张建国|蒙(2020)武川县不动产权第0000101号|两层砖混
	EOF
  cols $V1-ZC-0100 "code, village, name, category, nature, location, unit,
            original_value, accumulated_depreciation, depreciated_through,
            useful_life_months, residual_rate, acquired_via, acquired_on,
            status, custodian, certificate, note" >actual &&
  test_cmp expect actual
'

test_expect_success 'the quantity is stored, and exported as entered' '
  sanzi asset export --village $V1 >out.csv &&
  grep -q ",1,座,120000.00," out.csv
'

test_expect_success 'English keys are accepted as column names' '
  setup_county &&
  cat >en.csv <<-EOF &&
	code,village,name,category,nature,original_value,acquired_via,acquired_on,status
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	EOF
  sanzi asset import en.csv &&
  test "$(cols $V1-ZC-0001 "code, name, original_value")" = "$V1-ZC-0001|水泵|350000"
'

test_expect_success 'English keys are matched regardless of case' '
  setup_county &&
  cat >en.csv <<-EOF &&
	Code,VILLAGE,Name,Category,Nature,Original_Value,Acquired_Via,Acquired_On,Status
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	EOF
  sanzi asset import en.csv &&
  test "$(q "SELECT original_value FROM asset")" = 350000
'

# 原值（元）, 原值(元), 原值 and original_value are one column.
for hdr in "原值（元）" "原值(元)" "原值 （元）" "original_value" "*原值" "原值*" \
           " 原值 " "*原值（元）" "原值（元）*" "原值（元） *" "* 原值" "原值　"
do
  test_expect_success "the header '$hdr' is the column 原值" "
    setup_county &&
    printf '%s\n' '资产编号,*村代码,资产名称*,资产类别,资产性质,$hdr,取得方式,取得日期,使用状态' \
      ',$V1,水泵,机器设备,经营性,3500.50,购入,2022-04-01,在用' >h.csv &&
    sanzi asset import h.csv &&
    test \"\$(q 'SELECT original_value FROM asset')\" = 350050
  "
done

test_expect_success 'columns may come in any order; optional ones may be left out' '
  setup_county &&
  cat >order.csv <<-EOF &&
	使用状态,取得日期,取得方式,原值,资产性质,资产类别,资产名称,村代码
	闲置,2018-09-01,政府划拨,88000.00,经营性,水利设施,机井,$V2
	EOF
  sanzi asset import order.csv &&
  test "$(q "SELECT code, village, name, category, nature, original_value, acquired_via, acquired_on, status FROM asset")" = \
       "$V2-ZC-0001|$V2|机井|水利设施|经营性|8800000|政府划拨|2018-09-01|闲置" &&
  test "$(q "SELECT quote(location), quote(certificate), quote(note) FROM asset")" = "NULL|NULL|NULL"
'

test_expect_success 'a title line above the header is skipped' '
  setup_county &&
  cat >title.csv <<-EOF &&
	福如东村集体资产登记表,,,,,,,,
	$H
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	EOF
  sanzi asset import title.csv &&
  test "$(q "SELECT count(*) FROM asset")" = 1 &&
  test "$(q "SELECT name FROM asset")" = 水泵
'

test_expect_success 'a title line in a cell other than the first is skipped too' '
  setup_county &&
  cat >title2.csv <<-EOF &&
	,,,福如东村集体资产登记表（2024年）,,,,,
	$H
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	EOF
  sanzi asset import title2.csv &&
  test "$(q "SELECT count(*) FROM asset")" = 1
'

test_expect_success 'wholly empty rows (blank lines, rows of commas) are skipped' '
  setup_county &&
  cat >blank.csv <<-EOF &&
	$H

	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	,,,,,,,,
	,,,,

	,$V1,拖拉机,农业机械,经营性,42000.00,购入,2021-03-10,在用
	,,,,,,,,
	,,,,,,,,
	EOF
  sanzi asset import blank.csv &&
  test "$(q "SELECT name FROM asset ORDER BY id" | tr "\n" " ")" = "水泵 拖拉机 "
'

test_expect_success 'skipped empty rows still count: the error names the row a spreadsheet shows' '
  setup_county &&
  before=$(db_state) &&
  cat >blank-bad.csv <<-EOF &&
	$H
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用

	,,,,,,,,
	,$V1,拖拉机,农业机械,经营性,abc,购入,2021-03-10,在用
	EOF
  test_must_fail 1 sanzi asset import blank-bad.csv 2>err &&
  grep "^blank-bad.csv:5: 原值: " err &&
  grep -F "abc" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a title line shifts the row numbers by one, as in the spreadsheet' '
  before=$(db_state) &&
  cat >title-bad.csv <<-EOF &&
	福如东村集体资产登记表,,,,,,,,
	$H
	,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用
	,$V1,拖拉机,农业机械,经营性,42000.00,购入,2021-02-30,在用
	EOF
  test_must_fail 1 sanzi asset import title-bad.csv 2>err &&
  grep "^title-bad.csv:4: 取得日期: " err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'money in the forms a clerk types is stored exactly, in fen' '
  setup_county &&
  cat >money.csv <<-EOF &&
	$H
	$V1-ZC-0001,$V1,甲,其他,经营性,1234.5,购入,2022-01-01,在用
	$V1-ZC-0002,$V1,乙,其他,经营性,"1,234.56",购入,2022-01-01,在用
	$V1-ZC-0003,$V1,丙,其他,经营性,¥1234,购入,2022-01-01,在用
	$V1-ZC-0004,$V1,丁,其他,经营性,１２３４．５６,购入,2022-01-01,在用
	$V1-ZC-0005,$V1,戊,其他,经营性,"12,500.00",购入,2022-01-01,在用
	$V1-ZC-0006,$V1,己,其他,经营性,0.1,购入,2022-01-01,在用
	$V1-ZC-0007,$V1,庚,其他,经营性,"1,000,000.01",购入,2022-01-01,在用
	EOF
  sanzi asset import money.csv &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|123450
	$V1-ZC-0002|123456
	$V1-ZC-0003|123400
	$V1-ZC-0004|123456
	$V1-ZC-0005|1250000
	$V1-ZC-0006|10
	$V1-ZC-0007|100000001
	EOF
  q "SELECT code, original_value FROM asset ORDER BY code" >actual &&
  test_cmp expect actual
'

test_expect_success 'dates in the forms a clerk types are stored as YYYY-MM-DD' '
  setup_county &&
  cat >dates.csv <<-EOF &&
	$H
	$V1-ZC-0001,$V1,甲,其他,经营性,1,购入,2024-03-05,在用
	$V1-ZC-0002,$V1,乙,其他,经营性,1,购入,2024/3/5,在用
	$V1-ZC-0003,$V1,丙,其他,经营性,1,购入,2024.3.5,在用
	$V1-ZC-0004,$V1,丁,其他,经营性,1,购入,2024年3月5日,在用
	$V1-ZC-0005,$V1,戊,其他,经营性,1,购入,2024-02-29,在用
	$V1-ZC-0006,$V1,己,其他,经营性,1,购入,2019/12/31,在用
	EOF
  sanzi asset import dates.csv &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|2024-03-05
	$V1-ZC-0002|2024-03-05
	$V1-ZC-0003|2024-03-05
	$V1-ZC-0004|2024-03-05
	$V1-ZC-0005|2024-02-29
	$V1-ZC-0006|2019-12-31
	EOF
  q "SELECT code, acquired_on FROM asset ORDER BY code" >actual &&
  test_cmp expect actual
'

test_expect_success 'cells are trimmed; a quoted cell may hold commas and quotes' '
  setup_county &&
  cat >text.csv <<-EOF &&
	$H
	,  $V1 ,"大棚,""一期""",其他 , 经营性,  100.00 ,购入, 2022-01-01 ,在用
	EOF
  sanzi asset import text.csv &&
  test "$(q "SELECT village, name, category, original_value, acquired_on FROM asset")" = \
       "$V1|大棚,\"一期\"|其他|10000|2022-01-01"
'

test_expect_success 'empty codes are generated per village: <village>-ZC-0001 on' '
  setup_county &&
  cat >gen.csv <<-EOF &&
	$H
	,$V1,甲,其他,经营性,1,购入,2022-01-01,在用
	,$V3,乙,其他,经营性,1,购入,2022-01-01,在用
	,$V1,丙,其他,经营性,1,购入,2022-01-01,在用
	,$V2,丁,其他,经营性,1,购入,2022-01-01,在用
	,$V1,戊,其他,经营性,1,购入,2022-01-01,在用
	EOF
  sanzi asset import gen.csv &&
  cat >expect <<-EOF &&
	甲|$V1-ZC-0001
	乙|$V3-ZC-0001
	丙|$V1-ZC-0002
	丁|$V2-ZC-0001
	戊|$V1-ZC-0003
	EOF
  q "SELECT name, code FROM asset ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'a later import continues the numbering after the existing codes' '
  cat >gen2.csv <<-EOF &&
	$H
	,$V2,己,其他,经营性,1,购入,2022-01-01,在用
	,$V1,庚,其他,经营性,1,购入,2022-01-01,在用
	EOF
  sanzi asset import gen2.csv &&
  test "$(code_of 己)" = "$V2-ZC-0002" &&
  test "$(code_of 庚)" = "$V1-ZC-0004"
'

test_expect_success 'numbering continues after the highest code given by hand' '
  cat >gen3.csv <<-EOF &&
	$H
	$V3-ZC-0017,$V3,辛,其他,经营性,1,购入,2022-01-01,在用
	EOF
  sanzi asset import gen3.csv &&
  cat >gen4.csv <<-EOF &&
	$H
	,$V3,壬,其他,经营性,1,购入,2022-01-01,在用
	EOF
  sanzi asset import gen4.csv &&
  test "$(code_of 壬)" = "$V3-ZC-0018"
'

test_expect_success 'a code given in the file is kept as it is' '
  cat >own.csv <<-EOF &&
	$H
	FRD-2019-房-01,$V1,仓库,房屋及建筑物,经营性,50000,自建,2019-05-01,出租
	EOF
  sanzi asset import own.csv &&
  test "$(cols FRD-2019-房-01 village)" = $V1
'

test_expect_success 'an existing code without --update is refused and nothing is written' '
  before=$(db_state) &&
  cat >again.csv <<-EOF &&
	$H
	,$V2,新机井,水利设施,经营性,1,购入,2022-01-01,在用
	$V1-ZC-0002,$V1,丙,其他,经营性,2,购入,2022-01-01,在用
	EOF
  test_must_fail 1 sanzi asset import again.csv 2>err &&
  grep "^again.csv:3: 资产编号: " err &&
  grep -F "$V1-ZC-0002" err &&
  grep -e "--update" err &&
  test "$(db_state)" = "$before"
'

test_expect_success '--dry-run checks a good file and writes nothing, not even a log entry' '
  before=$(db_state) &&
  h=$(nhist) &&
  n=$(q "SELECT count(*) FROM asset") &&
  cat >dry.csv <<-EOF &&
	$H
	,$V2,新机井,水利设施,经营性,"6,000.00",购入,2023-07-01,在用
	,$V2,旧机井,水利设施,经营性,"2,000.00",购入,2013-07-01,闲置
	EOF
  sanzi asset import dry.csv --dry-run 2>err &&
  test "$(db_state)" = "$before" &&
  test "$(nhist)" = "$h" &&
  test "$(q "SELECT count(*) FROM asset")" = "$n" &&
  grep -F "dry.csv" err
'

test_expect_success '--dry-run reports the errors a real import would, and writes nothing' '
  before=$(db_state) &&
  cat >dry-bad.csv <<-EOF &&
	$H
	,$V2,新机井,水利设施,经营性,"6,000.00",购入,2023-07-01,在用
	$V1-ZC-0001,$V1,甲,其他,经营性,1,购入,2022-01-01,在用
	EOF
  test_must_fail 1 sanzi asset import dry-bad.csv --dry-run 2>err &&
  grep "^dry-bad.csv:3: 资产编号: " err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'after --dry-run the same file imports for real' '
  sanzi asset import dry.csv &&
  test "$(q "SELECT name, original_value FROM asset WHERE village = $V2 ORDER BY id" | grep 机井 | tr "\n" " ")" = "新机井|600000 旧机井|200000 "
'

test_expect_success 'setup: an asset to correct' '
  setup_county &&
  cat >orig.csv <<-EOF &&
	$H,管护责任人
	$V1-ZC-0001,$V1,拖拉机,农业机械,经营性,"100,000.00",购入,2021-03-10,在用,李四
	$V1-ZC-0002,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用,王五
	EOF
  sanzi asset import orig.csv
'

test_expect_success '--update changes an existing record' '
  cat >fix.csv <<-EOF &&
	$H,管护责任人
	$V1-ZC-0001,$V1,拖拉机,农业机械,经营性,"120,000.00",购入,2021-03-10,闲置,李四
	EOF
  sanzi asset import fix.csv --update &&
  test "$(cols $V1-ZC-0001 "original_value, status")" = "12000000|闲置" &&
  test "$(q "SELECT count(*) FROM asset")" = 2
'

test_expect_success 'the change log keeps the old values: show has the changed fields, only those' '
  # orig.csv -> fix.csv: 原值 100,000.00 -> 120,000.00, 在用 -> 闲置; the
  # custodian (李四) and the name (拖拉机) are the same in both.
  changes asset show $V1-ZC-0001 >actual &&
  cat >expect <<-EOF &&
	原值|100,000.00|120,000.00
	使用状态|在用|闲置
	EOF
  test_cmp expect actual
'

test_expect_success 'an unchanged row with --update writes nothing' '
  before=$(db_state) &&
  h=$(nhist) &&
  sanzi asset import fix.csv --update --again &&
  test "$(nhist)" = "$h" &&
  test "$(db_state)" = "$before"
'

test_expect_success '--update also inserts the rows whose codes are new' '
  cat >mixed.csv <<-EOF &&
	$H,管护责任人
	$V1-ZC-0001,$V1,拖拉机,农业机械,经营性,"120,000.00",购入,2021-03-10,闲置,李四
	$V1-ZC-0002,$V1,水泵,机器设备,经营性,3500.00,购入,2022-04-01,在用,赵六
	,$V1,播种机,农业机械,经营性,9000.00,购入,2023-04-01,在用,李四
	EOF
  sanzi asset import mixed.csv --update &&
  cat >expect <<-EOF &&
	$V1-ZC-0001|拖拉机|12000000|李四
	$V1-ZC-0002|水泵|350000|赵六
	$V1-ZC-0003|播种机|900000|李四
	EOF
  q "SELECT code, name, original_value, custodian FROM asset ORDER BY code" >actual &&
  test_cmp expect actual
'

test_expect_success '--update corrects an asset that has a 权证号 (its own number is no duplicate)' '
  cat >certa.csv <<-EOF &&
	$H,权证号
	$V1-ZC-0010,$V1,仓库,房屋及建筑物,经营性,"50,000.00",自建,2019-05-01,在用,蒙(2019)武川县不动产权第0000777号
	EOF
  sanzi asset import certa.csv &&
  sed "s/50,000.00/55,000.00/" certa.csv >certb.csv &&
  sanzi asset import certb.csv --update &&
  test "$(cols $V1-ZC-0010 "original_value, certificate")" = "5500000|蒙(2019)武川县不动产权第0000777号"
'

test_expect_success '--update with --dry-run writes nothing' '
  before=$(db_state) &&
  cat >fix2.csv <<-EOF &&
	$H
	$V1-ZC-0001,$V1,拖拉机,农业机械,经营性,"130,000.00",购入,2021-03-10,在用
	EOF
  sanzi asset import fix2.csv --update --dry-run &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a failed --update changes nothing, not even the good rows' '
  before=$(db_state) &&
  cat >fix3.csv <<-EOF &&
	$H
	$V1-ZC-0001,$V1,拖拉机,农业机械,经营性,"130,000.00",购入,2021-03-10,在用
	$V1-ZC-0002,$V1,水泵,机器设备,经营性,3500.001,购入,2022-04-01,在用
	EOF
  test_must_fail 1 sanzi asset import fix3.csv --update 2>err &&
  grep "^fix3.csv:3: 原值: " err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'the change log verifies after the imports and updates' '
  sanzi log verify
'

test_done
