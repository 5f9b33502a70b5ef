#!/bin/sh
# Importing resources (land classes, areas in 亩), accounts and fund
# entries (journal lines): the rules of doc/domain.md that a clerk relies on.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村 (可可以力更镇)
V2=150125100202   # 大水圪洞村 (可可以力更镇)
V3=150125101201   # 圪料坝村 (哈乐镇)
RH='资源编号,村代码,资源名称,地类,坐落位置,面积,东至,西至,南至,北至,权证号,经营状态,备注'
AH='账户编号,村代码,账户名称,账户类型,开户银行,银行账号,期初余额,期初日期,备注'
FH='凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,对方单位,摘要,合同编号,经办人,审批人,备注'

q() { sqlite3 "$SANZI_DB" "$1"; }

# refused REGISTER FILE...: the import fails with status 1, messages in err,
# and the database is exactly as it was.
refused() {
  before=$(db_state) &&
  test_must_fail 1 sanzi "$@" 2>err &&
  cat err &&
  test "$(db_state)" = "$before"
}

# ---- resources ----

test_expect_success 'setup: a county' '
  setup_county
'

test_expect_success 'land class by GB/T 21010 code, by name, Excel-stripped, or 四荒地' '
  cat >land.csv <<-EOF &&
	$RH
	,$V1,村东旱地,0103,村东,120.5,公路,王家地,河滩,林带,,发包,
	,$V1,村西旱地,旱地,村西,80,,,,,,家庭承包,
	,$V1,南梁地,103,南梁,45.25,,,,,,家庭承包,
	,$V1,北山荒坡,四荒地,北山,300,,,,,,未利用,
	,$V1,河边水浇地,0102,河边,12,,,,,,集体自营,
	,$V1,天然草场,0401,后山,1000,,,,,,出租,
	,$V1,村办林场,乔木林地,前山,66.6666,,,,,,入股,
	EOF
  sanzi resource import land.csv &&
  cat >expect <<-EOF &&
	村东旱地|0103
	村西旱地|0103
	南梁地|0103
	河边水浇地|0102
	天然草场|0401
	村办林场|0301
	EOF
  q "SELECT name, land_class FROM resource WHERE name <> '"'北山荒坡'"' ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success '四荒地 is stored as a class of the group 12 其他土地 (未利用地)' '
  test "$(q "SELECT substr(land_class, 1, 2) FROM resource WHERE name = '"'北山荒坡'"'")" = 12
'

test_expect_success 'resource codes are generated per village: <village>-ZY-0001 on' '
  printf "%s\n" $V1-ZY-0001 $V1-ZY-0002 $V1-ZY-0003 $V1-ZY-0004 $V1-ZY-0005 \
    $V1-ZY-0006 $V1-ZY-0007 >expect &&
  q "SELECT code FROM resource ORDER BY id" >actual &&
  test_cmp expect actual &&
  { echo "$RH" &&
    echo ",$V2,大水圪洞旱地,0103,村南,10,,,,,,发包," &&
    echo ",$V1,又一块地,0103,村南,10,,,,,,发包,"; } >more.csv &&
  sanzi resource import more.csv &&
  test "$(q "SELECT code FROM resource WHERE name = '"'大水圪洞旱地'"'")" = $V2-ZY-0001 &&
  test "$(q "SELECT code FROM resource WHERE name = '"'又一块地'"'")" = $V1-ZY-0008
'

test_expect_success 'the boundaries and the rest are stored as typed' '
  test "$(q "SELECT location, east, west, south, north, status FROM resource WHERE code = '"'$V1-ZY-0001'"'")" = \
       "村东|公路|王家地|河滩|林带|发包"
'

test_expect_success 'areas are stored in 1/10000 亩, up to 4 decimals' '
  setup_county &&
  cat >area.csv <<-EOF &&
	$RH
	,$V1,甲,0103,,120.5,,,,,,发包,
	,$V1,乙,0103,,0.0001,,,,,,发包,
	,$V1,丙,0103,,66.6666,,,,,,发包,
	,$V1,丁,0103,,"1,234.5678",,,,,,发包,
	,$V1,戊,0103,,３０,,,,,,发包,
	EOF
  sanzi resource import area.csv &&
  printf "%s\n" "甲|1205000" "乙|1" "丙|666666" "丁|12345678" "戊|300000" >expect &&
  q "SELECT name, area FROM resource ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'area totals are exact: 0.1 + 0.2 + 0.3 亩 is 0.6 亩' '
  setup_county &&
  cat >tenths.csv <<-EOF &&
	$RH
	,$V2,一,0103,,0.1,,,,,,发包,
	,$V2,二,0103,,0.2,,,,,,发包,
	,$V2,三,0103,,0.3,,,,,,发包,
	EOF
  sanzi resource import tenths.csv &&
  test "$(q "SELECT sum(area) FROM resource WHERE village = $V2")" = 6000 &&
  sanzi resource export --village $V2 --no-bom >out.csv &&
  grep -q ",0\.1," out.csv && grep -q ",0\.2," out.csv && grep -q ",0\.3," out.csv
'

test_expect_success 'an area with 5 decimals is an error, not a rounding' '
  { echo "$RH" && echo ",$V1,甲,0103,,12.34567,,,,,,发包,"; } >bad.csv &&
  refused resource import bad.csv &&
  grep "^bad.csv:2: 面积: .*12\.34567" err
'

test_expect_success 'an area of 0 or below is an error' '
  { echo "$RH" &&
    echo ",$V1,甲,0103,,0,,,,,,发包," &&
    echo ",$V1,乙,0103,,-3,,,,,,发包,"; } >bad.csv &&
  refused resource import bad.csv &&
  grep "^bad.csv:2: 面积: " err &&
  grep "^bad.csv:3: 面积: " err
'

test_expect_success 'an unknown land class is an error' '
  { echo "$RH" &&
    echo ",$V1,甲,9999,,10,,,,,,发包," &&
    echo ",$V1,乙,好地,,10,,,,,,发包,"; } >bad.csv &&
  refused resource import bad.csv &&
  grep "^bad.csv:2: 地类: .*9999" err &&
  grep "^bad.csv:3: 地类: .*好地" err
'

test_expect_success 'an unknown resource status lists the accepted ones' '
  { echo "$RH" && echo ",$V1,甲,0103,,10,,,,,,承包,"; } >bad.csv &&
  refused resource import bad.csv &&
  grep "^bad.csv:2: 经营状态: .*承包" err >line &&
  for s in 未利用 集体自营 家庭承包 发包 出租 入股
  do
    grep -q "$s" line || { echo "missing $s"; exit 1; }
  done
'

test_expect_success 'a resource certificate number already registered is refused' '
  { echo "$RH" && echo ",$V1,甲,0103,,10,,,,,蒙(2019)武川县不动产权第0001234号,发包,"; } >cert.csv &&
  sanzi resource import cert.csv &&
  { echo "$RH" && echo ",$V2,乙,0103,,10,,,,,蒙(2019)武川县不动产权第0001234号,发包,"; } >cert2.csv &&
  refused resource import cert2.csv &&
  grep "^cert2.csv:2: 权证号: " err
'

test_expect_success '--update corrects a resource that has a 权证号' '
  { echo "$RH" && echo "$V1-ZY-0001,$V1,甲,0103,,10.5,,,,,蒙(2019)武川县不动产权第0001234号,集体自营,"; } >cert3.csv &&
  sanzi resource import cert3.csv --update &&
  test "$(q "SELECT area, status FROM resource WHERE code = '"'$V1-ZY-0001'"'")" = "105000|集体自营"
'

test_expect_success 'resource headers with units: 面积（亩）' '
  setup_county &&
  { echo "资源编号,村代码,资源名称,地类,面积（亩）,经营状态" &&
    echo ",$V1,甲,0103,\"1,000.25\",发包"; } >mu.csv &&
  sanzi resource import mu.csv &&
  test "$(q "SELECT area FROM resource")" = 10002500
'

# ---- accounts ----

test_expect_success 'accounts import; codes are generated as <village>-ZH-0001' '
  setup_county &&
  cat >acct.csv <<-EOF &&
	$AH
	,$V1,现金,库存现金,,,"1,200.00",2025-01-01,
	,$V1,基本户,银行存款,武川县农村信用合作联社,6228480012345678,"35,678.90",2025/1/1,
	,$V2,现金,库存现金,,,0,2025-01-01,
	,$V3,基本户,银行存款,中国农业银行武川支行,15012501040001234,100000,2024-07-01,
	EOF
  sanzi account import acct.csv &&
  cat >expect <<-EOF &&
	$V1-ZH-0001|$V1|现金|库存现金|||120000|2025-01-01
	$V1-ZH-0002|$V1|基本户|银行存款|武川县农村信用合作联社|6228480012345678|3567890|2025-01-01
	$V2-ZH-0001|$V2|现金|库存现金|||0|2025-01-01
	$V3-ZH-0001|$V3|基本户|银行存款|中国农业银行武川支行|15012501040001234|10000000|2024-07-01
	EOF
  q "SELECT code, village, name, kind, bank, bank_account, opening_balance, opening_date FROM account ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'an unknown account kind lists the accepted ones' '
  { echo "$AH" && echo ",$V1,零钱,备用金,,,100,2025-01-01,"; } >bad.csv &&
  refused account import bad.csv &&
  grep "^bad.csv:2: 账户类型: .*备用金" err >line &&
  grep -q 库存现金 line && grep -q 银行存款 line
'

test_expect_success 'an account without an opening date is refused' '
  { echo "$AH" && echo ",$V1,零钱,库存现金,,,100,,"; } >bad.csv &&
  refused account import bad.csv &&
  grep "^bad.csv:2: 期初日期: " err
'

# ---- fund entries ----

test_expect_success 'fund entries import: amounts in fen, dates ISO' '
  cat >fund.csv <<-EOF &&
	$FH
	记-001,$V1,2025-01-15,$V1-ZH-0001,收入,"5,000.00",经营收入,武川县某合作社,收取机井承包费,,李会计,王书记,
	记-002,$V1,2025/1/20,$V1-ZH-0002,支出,1234.56,管理费用,武川县办公用品店,购买办公用品,,李会计,王书记,
	记-003,$V1,2025年2月3日,$V1-ZH-0002,收入,"200,000",补助收入,武川县财政局,高标准农田补助,,李会计,王书记,
	记-004,$V1,2025-02-10,$V1-ZH-0002,支出,800.00,往来款项,张三,暂付差旅费,,李会计,王书记,
	记-005,$V1,2025-02-11,$V1-ZH-0002,收入,800.00,往来款项,张三,收回暂付款,,李会计,王书记,
	EOF
  sanzi fund import fund.csv &&
  cat >expect <<-EOF &&
	记-001|$V1|2025-01-15|$V1-ZH-0001|收入|500000|经营收入|收取机井承包费
	记-002|$V1|2025-01-20|$V1-ZH-0002|支出|123456|管理费用|购买办公用品
	记-003|$V1|2025-02-03|$V1-ZH-0002|收入|20000000|补助收入|高标准农田补助
	记-004|$V1|2025-02-10|$V1-ZH-0002|支出|80000|往来款项|暂付差旅费
	记-005|$V1|2025-02-11|$V1-ZH-0002|收入|80000|往来款项|收回暂付款
	EOF
  q "SELECT voucher, village, date, account, direction, amount, category, summary FROM fund ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'a fund entry is shown by <village>-<year>-<voucher>' '
  sanzi fund show $V1-2025-记-003 --format json |
    json_pick record code voucher date amount summary >actual &&
  echo "$V1-2025-记-003|记-003|2025-02-03|200000.00|高标准农田补助" >expect &&
  test_cmp expect actual
'

test_expect_success 'the same voucher in another year or another village is fine' '
  cat >fund2.csv <<-EOF &&
	$FH
	记-001,$V1,2026-01-05,$V1-ZH-0001,收入,100.00,其他收入,,零星收入,,,,
	记-001,$V2,2025-01-15,$V2-ZH-0001,收入,100.00,其他收入,,零星收入,,,,
	EOF
  sanzi fund import fund2.csv &&
  test "$(q "SELECT count(*) FROM fund WHERE voucher = '"'记-001'"'")" = 3
'

test_expect_success 'a voucher already used by the village in that year is refused' '
  { echo "$FH" &&
    echo "记-002,$V1,2025-12-30,$V1-ZH-0001,支出,10.00,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 凭证号: .*记-002" err
'

test_expect_success 'the same voucher twice for one village and year in one file is refused' '
  { echo "$FH" &&
    echo "记-101,$V2,2025-03-01,$V2-ZH-0001,收入,10.00,其他收入,,零星收入,,,," &&
    echo "记-101,$V2,2025-04-01,$V2-ZH-0001,收入,20.00,其他收入,,零星收入,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:3: 凭证号: .*记-101" err &&
  test "$(grep -c "^bad.csv:" err)" = 1
'

test_expect_success 'an account of another village is refused, naming both villages' '
  { echo "$FH" &&
    echo "记-201,$V2,2025-03-01,$V1-ZH-0002,支出,10.00,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 账户编号: " err >line &&
  grep -q "$V1" line && grep -q "$V2" line
'

test_expect_success 'an account that does not exist is refused' '
  { echo "$FH" &&
    echo "记-202,$V2,2025-03-01,$V2-ZH-0009,支出,10.00,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 账户编号: .*$V2-ZH-0009" err
'

test_expect_success 'an income category with 支出 is refused (经营收入 is income)' '
  { echo "$FH" &&
    echo "记-203,$V1,2025-03-01,$V1-ZH-0002,支出,10.00,经营收入,,错填,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 收支类别: .*经营收入" err
'

test_expect_success 'an expense category with 收入 is refused (公益支出 is expense)' '
  { echo "$FH" &&
    echo "记-204,$V1,2025-03-01,$V1-ZH-0002,收入,10.00,公益支出,,错填,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 收支类别: .*公益支出" err
'

test_expect_success 'an unknown direction lists 收入 and 支出' '
  { echo "$FH" &&
    echo "记-205,$V1,2025-03-01,$V1-ZH-0002,借方,10.00,管理费用,,错填,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 收支方向: .*借方" err >line &&
  grep -q 收入 line && grep -q 支出 line
'

test_expect_success 'an unknown category is refused' '
  { echo "$FH" &&
    echo "记-206,$V1,2025-03-01,$V1-ZH-0002,支出,10.00,招待费,,错填,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 收支类别: .*招待费" err
'

test_expect_success 'an amount of 0 or below is refused' '
  { echo "$FH" &&
    echo "记-207,$V1,2025-03-01,$V1-ZH-0002,支出,0,管理费用,,邮费,,,," &&
    echo "记-208,$V1,2025-03-01,$V1-ZH-0002,支出,0.00,管理费用,,邮费,,,," &&
    echo "记-209,$V1,2025-03-01,$V1-ZH-0002,支出,-10.00,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 金额: " err &&
  grep "^bad.csv:3: 金额: " err &&
  grep "^bad.csv:4: 金额: " err
'

test_expect_success 'an amount with more than 2 decimals is refused' '
  { echo "$FH" &&
    echo "记-210,$V1,2025-03-01,$V1-ZH-0002,支出,10.005,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 金额: .*10\.005" err
'

test_expect_success 'a date before the account opening date is refused' '
  { echo "$FH" &&
    echo "记-211,$V1,2024-12-31,$V1-ZH-0002,支出,10.00,管理费用,,邮费,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 日期: .*2024-12-31" err
'

test_expect_success 'an entry on the opening date itself is fine' '
  { echo "$FH" &&
    echo "记-212,$V1,2025-01-01,$V1-ZH-0002,支出,10.00,管理费用,,邮费,,,,"; } >ok.csv &&
  sanzi fund import ok.csv --dry-run
'

test_expect_success 'a fund entry without a summary is refused' '
  { echo "$FH" &&
    echo "记-213,$V1,2025-03-01,$V1-ZH-0002,支出,10.00,管理费用,,,,,,"; } >bad.csv &&
  refused fund import bad.csv &&
  grep "^bad.csv:2: 摘要: " err
'

test_expect_success '--update corrects a fund entry; the change log has the old amount' '
  { echo "$FH" &&
    echo "记-002,$V1,2025-01-20,$V1-ZH-0002,支出,1243.56,管理费用,武川县办公用品店,购买办公用品,,李会计,王书记,"; } >fix.csv &&
  sanzi fund import fix.csv --update &&
  test "$(q "SELECT amount FROM fund WHERE voucher = '"'记-002'"'")" = 124356 &&
  changes fund show $V1-2025-记-002 >actual &&
  echo "金额|1,234.56|1,243.56" >expect &&
  test_cmp expect actual
'

test_expect_success 'fund --dry-run writes nothing' '
  before=$(db_state) &&
  { echo "$FH" &&
    echo "记-301,$V1,2025-05-01,$V1-ZH-0002,收入,10.00,其他收入,,零星收入,,,,"; } >dry.csv &&
  sanzi fund import dry.csv --dry-run &&
  test "$(db_state)" = "$before"
'

test_expect_success 'the change log verifies after resource, account and fund imports' '
  sanzi log verify
'

test_done
