#!/bin/sh
# The core's texts in Chinese (issue 11): the units a clerk writes (a bare
# 使用年限 in years, 使用年限（月）, 原值（万元）, cells in 万), the record
# pipeline's and the import's refusals, the parsers' reasons, the database's
# open and verify messages. The expected texts are worked out from the rules
# and the catalog's wording, not pasted; no English word may be left in
# them (english_words, lib.sh).
. "$(dirname "$0")/lib.sh"

V1=150125100201
H=村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态
zh() { sanzi --lang zh "$@"; }
life() { sql "SELECT useful_life_months FROM asset WHERE name = '$1'"; }
value() { sql "SELECT original_value FROM asset WHERE name = '$1'"; }
# no_english FILE [ALLOW]: the lines of FILE hold no English word (the
# codes of the change log, and the words of the test's own cells, ALLOW,
# allowed).
no_english() {
  test -z "$(english_words "$1" "asset|import|tester${2:+|$2}")"
}
# refused_zh FILE: `asset import FILE` in Chinese is refused; the lines
# about FILE (FILE:ROW: COLUMN: message) are left in mine.
refused_zh() {
  test_must_fail 1 zh asset import "$@" 2>err &&
  grep "^$1:" err >mine
}
# The accepted columns of the asset register, '*' for the required ones.
ACC='资产编号、*村代码、*资产名称、*资产类别、*资产性质、坐落位置、数量、计量单位、*原值、累计折旧、折旧截至、使用年限、净残值率、*取得方式、*取得日期、*使用状态、管护责任人、权证号、备注、净值'
CATS='房屋及建筑物、水利设施、公益设施、机器设备、农业机械、运输设备、办公设备、电子设备、生产性生物资产、在建工程、长期投资、土地、其他'

test_expect_success 'setup' '
  setup_county
'

test_expect_success 'a bare 使用年限 is years: 5 is 60 months, 2.5 is 30; 使用年限（月） 30 is 30' '
  printf "%s\n" "$H,使用年限" "$V1,五年,机器设备,经营性,3500,购入,2022-04-01,在用,5" \
    "$V1,两年半,机器设备,经营性,3500,购入,2022-04-01,在用,2.5" >y.csv &&
  zh asset import y.csv 2>/dev/null &&
  test "$(life 五年)" = 60 &&
  test "$(life 两年半)" = 30 &&
  printf "%s\n" "$H,使用年限（月）" "$V1,三十月,机器设备,经营性,3500,购入,2022-04-01,在用,30" >m.csv &&
  zh asset import m.csv 2>/dev/null &&
  test "$(life 三十月)" = 30
'

test_expect_success '0.1 years (1.2 months) is refused, naming the rule' '
  before=$(db_state) &&
  printf "%s\n" "$H,使用年限" "$V1,零点一,机器设备,经营性,3500,购入,2022-04-01,在用,0.1" >f.csv &&
  refused_zh f.csv &&
  echo "f.csv:2: 使用年限: “0.1”年为 1.2 个月，而使用年限按整月计（或按月填写，列名写作“使用年限（月）”）" >expect &&
  test_cmp expect mine &&
  no_english mine &&
  unchanged
'

test_expect_success '原值（万元） 3.5 and the cells 3.5万, 3.5万元 are 35,000.00' '
  printf "%s\n" "村代码,资产名称,资产类别,资产性质,原值（万元）,取得方式,取得日期,使用状态" \
    "$V1,万甲,机器设备,经营性,3.5,购入,2022-04-01,在用" >w1.csv &&
  zh asset import w1.csv 2>/dev/null &&
  test "$(value 万甲)" = 3500000 &&
  printf "%s\n" "$H" "$V1,万乙,机器设备,经营性,3.5万,购入,2022-04-01,在用" \
    "$V1,万丙,机器设备,经营性,3.5万元,购入,2022-04-01,在用" >w2.csv &&
  zh asset import w2.csv 2>/dev/null &&
  test "$(value 万乙)" = 3500000 &&
  test "$(value 万丙)" = 3500000
'

test_expect_success '1.2345678万 (7 decimals of 万元) is refused, not rounded' '
  before=$(db_state) &&
  printf "%s\n" "$H" "$V1,多位,机器设备,经营性,1.2345678万,购入,2022-04-01,在用" >w3.csv &&
  refused_zh w3.csv &&
  echo "w3.csv:2: 原值: “1.2345678万”：以万元计超过 6 位小数（0.000001万元即 1 分），不作四舍五入" >expect &&
  test_cmp expect mine &&
  no_english mine &&
  unchanged
'

test_expect_success 'export writes 使用年限（月）; export -> import changes nothing' '
  zh asset export >all.csv &&
  head -1 all.csv | tr -d "\r" | grep ",使用年限（月）," &&
  before=$(db_state) &&
  zh asset import all.csv --update 2>/dev/null &&
  unchanged &&
  zh asset template | head -1 | grep ",使用年限（月）,"
'

test_expect_success 'the cells of a row: every bad one named in Chinese' '
  before=$(db_state) &&
  printf "%s\n" "$H" \
    "$V1,,机器设备,经营性,3500,购入,2022-04-01,在用" \
    "$V1,水泵,飞机,经营性,3500,购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,abc,购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,12.345,购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,3500,购入,2023-02-29,在用" \
    "1501,水泵,机器设备,经营性,3500,购入,2022-04-01,在用" \
    "150125100299,水泵,机器设备,经营性,3500,购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,-5,购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,\"1,23,4\",购入,2022-04-01,在用" \
    "$V1,水泵,机器设备,经营性,3500,购入,2022-04-01,在用,多余" \
    "$V1,水泵,机器设备,经营性,3500,购入,2022-04-01 8:30,在用" >x.csv &&
  refused_zh x.csv &&
  cat >expect <<-EOF &&
	x.csv:2: 资产名称: 必填，但为空
	x.csv:3: 资产类别: “飞机”不是可选值之一：$CATS
	x.csv:4: 原值: “abc”：不是金额
	x.csv:5: 原值: “12.345”：超过 2 位小数
	x.csv:6: 取得日期: “2023-02-29”：没有这一天
	x.csv:7: 村代码: “1501”不是 12 位村代码
	x.csv:8: 村代码: 没有代码为 150125100299 的村（请先用 sanzi org import 导入区划代码）
	x.csv:9: 原值: “-5”：不能为负数
	x.csv:10: 原值: “1,23,4”：千位分隔符位置不对
	x.csv:11: 本行有 9 个单元格，与表头的 8 列不符
	x.csv:12: 取得日期: “2022-04-01 8:30”：带有 0:00 以外的时刻
	EOF
  test_cmp expect mine &&
  no_english mine abc &&
  unchanged
'

test_expect_success 'a rate below 1% and a month that does not exist' '
  printf "%s\n" "$H,净残值率,折旧截至,累计折旧" \
    "$V1,水泵,机器设备,经营性,100,购入,2022-04-01,在用,0.05,2023-13,10" \
    "$V1,水泵,机器设备,经营性,100,购入,2022-04-01,在用,101,2023年,10" >r.csv &&
  refused_zh r.csv &&
  cat >expect <<-EOF &&
	r.csv:2: 折旧截至: “2023-13”：没有这个月份
	r.csv:2: 净残值率: “0.05”：小于 1%：比率按百分数填写（百分之五填 5 或 5%，千分之五填 0.5%）
	r.csv:3: 折旧截至: “2023年”：不是月份（请按 2025-12 的格式填写）
	r.csv:3: 净残值率: “101”：超过 100%
	EOF
  test_cmp expect mine &&
  no_english mine
'

test_expect_success 'the header: a column twice, in another unit, unknown, or missing' '
  before=$(db_state) &&
  printf "%s\n" "村代码,资产名称,name,资产类别,资产性质,原值（千元）,取得方式,取得日期,使用状态,购置人" \
    "$V1,水泵,水泵,机器设备,经营性,12,购入,2022-04-01,在用,张三" >h.csv &&
  refused_zh h.csv &&
  cat >expect <<-EOF &&
	h.csv:1: 列“name”重复（与另一列同为资产名称）
	h.csv:1: 列“原值（千元）”：原值以元为单位；请换算该列，或将列名写作“原值（元）”
	h.csv:1: 未知的列“购置人”；可用的列（带 * 的必填）：$ACC
	EOF
  test_cmp expect mine &&
  no_english mine "name" &&
  printf "%s\n" "资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    "水泵,机器设备,经营性,12,购入,2022-04-01,在用" >n.csv &&
  refused_zh n.csv &&
  echo "n.csv:1: 缺少必填列“村代码”；可用的列（带 * 的必填）：$ACC" >expect &&
  test_cmp expect mine &&
  no_english mine &&
  unchanged
'

test_expect_success 'a code twice in the file, a code that exists' '
  printf "%s\n" "资产编号,$H" "R-1,$V1,水泵,机器设备,经营性,3500,购入,2022-04-01,在用" \
    "R-1,$V1,水泵,机器设备,经营性,3500,购入,2022-04-01,在用" >d.csv &&
  refused_zh d.csv &&
  echo "d.csv:3: 资产编号: “R-1”在本文件中出现了两次" >expect &&
  test_cmp expect mine &&
  head -2 d.csv >one.csv &&
  zh asset import one.csv 2>/dev/null &&
  refused_zh one.csv --again &&
  echo "one.csv:2: 资产编号: “R-1”已存在（要修改它，请加 --update）" >expect &&
  test_cmp expect mine &&
  no_english mine
'

test_expect_success 'past 100 errors: the first 100, then how many more' '
  { echo "$H" &&
    i=0 && while [ $i -lt 105 ]; do
      echo "$V1,水泵,机器设备,经营性,abc,购入,2022-04-01,在用"; i=$((i + 1)); done
  } >many.csv &&
  test_must_fail 1 zh asset import many.csv 2>err &&
  test "$(grep -c "^many.csv:[0-9]*: 原值: “abc”：不是金额$" err)" = 100 &&
  grep -x "……另有 5 项错误" err
'

test_expect_success 'an ID number with a wrong check character' '
  test_must_fail 1 zh contract add village=$V1 kind=发包 object=R-1 party=李永平 \
    party_id=110105194912310021 party_is_member=是 start_date=2025-01-01 \
    end_date=2025-12-31 annual_amount=100 payment=年付 first_due=2025-01-15 \
    signed_on=2024-12-20 2>err &&
  grep "对方证件号" err >mine &&
  echo "sanzi: 对方证件号: “110105194912310021”：不是有效的居民身份证号码：校验码应为 X，而不是 1" >expect &&
  test_cmp expect mine &&
  no_english mine
'

test_expect_success 'a file that is not a sanzi database, or no database at all' '
  sqlite3 foreign.db "CREATE TABLE t(x)" &&
  test_must_fail 1 zh --db foreign.db asset list 2>err &&
  echo "sanzi: “foreign.db”不是 sanzi 数据库" >expect &&
  test_cmp expect err &&
  test_must_fail 1 zh --db foreign.db init 2>err &&
  echo "sanzi: “foreign.db”不是 sanzi 数据库，不予改动" >expect &&
  test_cmp expect err &&
  head -c 4096 /dev/zero | tr "\0" x >junk.db &&
  test_must_fail 1 zh --db junk.db asset list 2>err &&
  echo "sanzi: 无法打开“junk.db”：不是数据库文件" >expect &&
  test_cmp expect err &&
  no_english err
'

test_expect_success 'log verify: a row changed outside sanzi' '
  entry=$(sql "SELECT log_id FROM asset WHERE code = '\''R-1'\''") &&
  at=$(sql "SELECT at FROM history WHERE id = $entry") &&
  sql "DROP TRIGGER asset_logged; UPDATE asset SET name = '\''水井'\'' WHERE code = '\''R-1'\''" &&
  test_must_fail 1 zh log verify 2>err &&
  grep -F "变更日志第 $entry 条（asset import，$at，操作人 tester）：它写入的 1 行已对不上（现有 1 行记在它名下）：有行在 sanzi 之外被修改、增加或删除" err
'

test_done
