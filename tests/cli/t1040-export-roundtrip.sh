#!/bin/sh
# sanzi REGISTER export: CSV on stdout with Chinese headers, a UTF-8 BOM and
# CRLF, restricted by --village or --township; what it writes imports back
# unchanged, so export -> import into a fresh database -> export gives the
# same bytes. The template is a file a clerk can fill in and import.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村 (可可以力更镇 150125100)
V2=150125100202   # 大水圪洞村 (可可以力更镇 150125100)
V3=150125101201   # 圪料坝村 (哈乐镇 150125101)
ONE="$TMP/one.db"
TWO="$TMP/two.db"

# The columns of doc/cli.md, in its order.
ASSET_H='资产编号,村代码,资产名称,资产类别,资产性质,坐落位置,数量,计量单位,原值,累计折旧,折旧截至,使用年限（月）,净残值率,取得方式,取得日期,使用状态,管护责任人,权证号,备注'
RESOURCE_H='资源编号,村代码,资源名称,地类,坐落位置,面积,东至,西至,南至,北至,权证号,经营状态,备注'
ACCOUNT_H='账户编号,村代码,账户名称,账户类型,开户银行,银行账号,期初余额,期初日期,备注'
FUND_H='凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,对方单位,摘要,合同编号,经办人,审批人,备注'

q() { sqlite3 "$SANZI_DB" "$1"; }
CR=$(printf "\r")
# first_bytes N FILE: the first N bytes in hex
first_bytes() { head -c "$1" "$2" | od -An -tx1 | tr -d " \n"; }
# crlf_only FILE: every line ends in CR LF
crlf_only() {
  test "$(grep -c "$CR\$" "$1")" = "$(wc -l <"$1")" && test -s "$1"
}
# header FILE: the first line without the BOM and the CR
header() { head -n 1 "$1" | sed "s/^$(printf "\357\273\277")//" | tr -d "\r"; }
# csvcol FILE "NAME ...": those columns of each data row, by header name
# (for files whose cells hold no commas)
csvcol() {
  sed "1s/^$(printf "\357\273\277")//" "$1" | tr -d "\r" |
  awk -F, -v want="$2" '
    NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) idx[$i] = i; next }
    { line = ""
      for (k = 1; k <= n; k++) line = line (k > 1 ? " " : "") (w[k] in idx ? $(idx[w[k]]) : "?")
      print line }'
}
# The stored rows of a register, without the internal id and log id.
rows() {
  case $1 in
  asset) q "SELECT code, village, name, category, nature, location, quantity,
                   unit, original_value, accumulated_depreciation,
                   depreciated_through, useful_life_months, residual_rate,
                   acquired_via, acquired_on, status, custodian, certificate,
                   note FROM asset ORDER BY code" ;;
  resource) q "SELECT code, village, name, land_class, location, area, east,
                      west, south, north, certificate, status, note
               FROM resource ORDER BY code" ;;
  account) q "SELECT code, village, name, kind, bank, bank_account,
                     opening_balance, opening_date, note
              FROM account ORDER BY code" ;;
  fund) q "SELECT code, voucher, village, date, account, direction, amount,
                  category, counterparty, summary, contract, handler, approver,
                  note FROM fund ORDER BY code" ;;
  esac
}

test_expect_success 'setup: a county with every register filled' '
  use "$ONE" && setup_county &&
  cat >assets.csv <<-EOF &&
	$ASSET_H
	$V1-ZC-0001,$V1,村委会办公楼,房屋及建筑物,非经营性,福如东村一组,1,座,"120,000.00",,,240,5,自建,2020/6/15,在用,张建国,蒙(2020)武川县不动产权第0000101号,两层砖混
	,$V1,"大棚,""一期""",其他,经营性,村南,2.5,栋,35000,,,,,扶贫投资形成,2021-05-01,出租,王五,,"第一行
	第二行"
	,$V1,拖拉机,农业机械,经营性,农机棚,1,台,86000.50,8000.00,2022-12,120,4.5,购入,2021-11-30,在用,李四,,
	,$V2,机井,水利设施,经营性,村北,3,眼,8800,,,,,政府划拨,2018-09-01,闲置,,,
	,$V3,电脑,电子设备,非经营性,村委会,2,台,"9,999.99",,,,,购入,2024-03-05,在用,赵六,,
	EOF
  sanzi asset import assets.csv &&
  cat >resources.csv <<-EOF &&
	$RESOURCE_H
	,$V1,村东旱地,0103,村东,120.5,公路,王家地,河滩,林带,蒙(2019)武川县不动产权第0001234号,发包,
	,$V1,北山荒坡,四荒地,北山,300,,,,,,未利用,"荒坡,待开发"
	,$V2,南梁地,103,南梁,0.1,,,,,,家庭承包,
	,$V3,天然草场,0401,后山,66.6666,,,,,,出租,
	EOF
  sanzi resource import resources.csv &&
  cat >accounts.csv <<-EOF &&
	$ACCOUNT_H
	,$V1,现金,库存现金,,,"1,200.00",2025-01-01,
	,$V1,基本户,银行存款,武川县农村信用合作联社,6228480012345678,"35,678.90",2025-01-01,
	,$V2,现金,库存现金,,,0,2025-01-01,
	,$V3,基本户,银行存款,中国农业银行武川支行,15012501040001234,100000,2024-07-01,
	EOF
  sanzi account import accounts.csv &&
  cat >funds.csv <<-EOF &&
	$FUND_H
	记-001,$V1,2025-01-15,$V1-ZH-0001,收入,"5,000.00",经营收入,"武川县某合作社,二分社",收取机井承包费,,李会计,王书记,
	记-002,$V1,2025-01-20,$V1-ZH-0002,支出,1234.56,管理费用,武川县办公用品店,购买办公用品,,李会计,王书记,"附""发票""3张"
	记-001,$V1,2026-01-05,$V1-ZH-0002,收入,0.01,其他收入,,利息,,,,
	记-001,$V2,2025-01-15,$V2-ZH-0001,收入,100.00,其他收入,,零星收入,,,,
	记-009,$V3,2024-08-01,$V3-ZH-0001,支出,"2,000.00",公益支出,,修路,,,,
	EOF
  sanzi fund import funds.csv &&
  test "$(q "SELECT (SELECT count(*) FROM asset) || (SELECT count(*) FROM resource) || (SELECT count(*) FROM account) || (SELECT count(*) FROM fund)")" = 5445
'

test_expect_success 'export begins with the UTF-8 BOM EF BB BF' '
  use "$ONE" &&
  for r in asset resource account fund
  do
    sanzi $r export >$r.csv &&
    test "$(first_bytes 3 $r.csv)" = efbbbf || { echo "$r: no BOM"; exit 1; }
  done
'

test_expect_success 'export headers are the Chinese column names of doc/cli.md' '
  test "$(header asset.csv)" = "$ASSET_H" &&
  test "$(header resource.csv)" = "$RESOURCE_H" &&
  test "$(header account.csv)" = "$ACCOUNT_H" &&
  test "$(header fund.csv)" = "$FUND_H,冲销编号"
'

test_expect_success 'export lines end in CRLF' '
  crlf_only resource.csv &&
  crlf_only account.csv &&
  crlf_only fund.csv &&
  use "$ONE" &&
  sanzi asset export --village $V2 >v2.csv &&
  crlf_only v2.csv &&
  test "$(wc -l <v2.csv)" = 2
'

test_expect_success 'export has one row per record' '
  test "$(grep -c "^$V1-ZC-\|^$V2-ZC-\|^$V3-ZC-" asset.csv)" = 5 &&
  test "$(wc -l <resource.csv)" = 5 &&
  test "$(wc -l <account.csv)" = 5 &&
  test "$(wc -l <fund.csv)" = 6
'

test_expect_success 'a cell with a comma or quotes is quoted as CSV wants' '
  grep -F ",\"大棚,\"\"一期\"\"\"," asset.csv &&
  grep -F ",\"武川县某合作社,二分社\"," fund.csv &&
  grep -F ",\"附\"\"发票\"\"3张\"" fund.csv
'

test_expect_success '--no-bom leaves the BOM out and nothing else' '
  use "$ONE" &&
  sanzi asset export --no-bom >nobom.csv &&
  test "$(header nobom.csv)" = "$ASSET_H" &&
  test "$(head -c 12 nobom.csv)" = "资产编号" &&
  { printf "\357\273\277" && cat nobom.csv; } >withbom.csv &&
  cmp withbom.csv asset.csv
'

test_expect_success 'an empty register exports its header only' '
  use "$TWO" && setup_county &&
  sanzi resource export >empty.csv &&
  { printf "\357\273\277%s\r\n" "$RESOURCE_H"; } >expect &&
  cmp expect empty.csv
'

for r in asset resource account
do
  test_expect_success "$r: export, import into a fresh database, export: the same bytes" "
    use \"\$TWO\" && setup_county &&
    sanzi $r import $r.csv &&
    sanzi $r export >$r-2.csv &&
    cmp $r.csv $r-2.csv
  "
  test_expect_success "$r: the records read back are the records written" "
    use \"\$ONE\" && rows $r >expect &&
    use \"\$TWO\" && rows $r >actual &&
    test_cmp expect actual
  "
done

test_expect_success 'fund: export, import into a fresh database (accounts first), export: the same bytes' '
  use "$TWO" && setup_county &&
  sanzi account import account.csv &&
  sanzi fund import fund.csv &&
  sanzi fund export >fund-2.csv &&
  cmp fund.csv fund-2.csv
'

test_expect_success 'fund: the entries read back are the entries written' '
  use "$ONE" && rows fund >expect &&
  use "$TWO" && rows fund >actual &&
  test_cmp expect actual
'

test_expect_success 'the change log verifies in both databases' '
  use "$ONE" && sanzi log verify &&
  use "$TWO" && sanzi log verify
'

test_expect_success 'an export imported again with --update changes nothing' '
  use "$ONE" &&
  before=$(db_state) &&
  sanzi asset import asset.csv --update &&
  sanzi fund import fund.csv --update &&
  test "$(db_state)" = "$before"
'

test_expect_success '--village restricts the rows to that village' '
  use "$ONE" &&
  sanzi asset export --village $V1 --no-bom >v1.csv &&
  tr -d "\r" <v1.csv | grep "^$V1-ZC-" | cut -d, -f2 | sort -u >villages &&
  echo $V1 >expect &&
  test_cmp expect villages &&
  test "$(grep -c "^$V1-ZC-" v1.csv)" = 3 &&
  sanzi fund export --village $V2 --no-bom >f2.csv &&
  test "$(wc -l <f2.csv)" = 2 &&
  grep -q "^记-001,$V2,2025-01-15," f2.csv
'

test_expect_success '--township restricts the rows to its villages' '
  use "$ONE" &&
  sanzi resource export --township 150125100 --no-bom >t.csv &&
  tr -d "\r" <t.csv | sed 1d | cut -d, -f2 | sort >villages &&
  printf "%s\n" $V1 $V1 $V2 >expect &&
  test_cmp expect villages &&
  sanzi resource export --township 150125101 --no-bom >t2.csv &&
  tr -d "\r" <t2.csv | sed 1d | cut -d, -f2 >villages &&
  echo $V3 >expect &&
  test_cmp expect villages
'

test_expect_success '--township with the county code gives every row' '
  use "$ONE" &&
  sanzi account export --township 150125 >all.csv &&
  cmp account.csv all.csv
'

test_expect_success 'a --village export imports back on its own' '
  use "$TWO" && setup_county &&
  use "$ONE" && sanzi resource export --village $V3 >v3.csv &&
  use "$TWO" && sanzi resource import v3.csv &&
  sanzi resource export >v3-2.csv &&
  cmp v3.csv v3-2.csv
'

test_expect_success 'an unknown --village or --township is refused' '
  use "$ONE" &&
  test_must_fail 1 sanzi asset export --village 150125100299 >out 2>err &&
  grep -F 150125100299 err &&
  test_must_fail 1 sanzi asset export --township 150125999 >out 2>err &&
  grep -F 150125999 err
'

# ---- templates ----

test_expect_success 'template: the header is the Chinese column names, with one example row' '
  use "$ONE" &&
  for r in asset resource account fund
  do
    sanzi $r template >tpl-$r.csv &&
    test "$(tr -d "\r" <tpl-$r.csv | grep -c .)" = 2 || { echo "$r: not 2 rows"; exit 1; }
  done &&
  test "$(header tpl-asset.csv)" = "$ASSET_H" &&
  test "$(header tpl-resource.csv)" = "$RESOURCE_H" &&
  test "$(header tpl-account.csv)" = "$ACCOUNT_H" &&
  test "$(header tpl-fund.csv)" = "$FUND_H,冲销编号"
'

test_expect_success 'template: the example rows import as they are' '
  use "$TWO" && setup_county &&
  sanzi asset import tpl-asset.csv &&
  sanzi resource import tpl-resource.csv &&
  sanzi account import tpl-account.csv &&
  sanzi fund import tpl-fund.csv &&
  test "$(q "SELECT (SELECT count(*) FROM asset) || (SELECT count(*) FROM resource) || (SELECT count(*) FROM account) || (SELECT count(*) FROM fund)")" = 1111
'

# ---- export --as-of: depreciation by doc/domain.md's rule ----
#
# depreciable = 原值 x (1 - 净残值率); monthly = round_half_up(depreciable /
# 使用年限); charged from the month after 取得日期 (or after 折旧截至 when an
# opening 累计折旧 is registered) through the last month that ended on or
# before the date; never past the depreciable amount (the last charge is the
# remainder). Worked out by hand, as of 2025-12-31:
#   0001 the worked example: 120,000.00, 120 months, 5%, 2020-06-15:
#        114,000.00 / 120 = 950.00 a month, Jul 2020 - Dec 2025 = 66 months
#        -> 62,700.00, net 57,300.00
#   0002 10,000.00, 36 months, 5%, 2023-01-20: 9,500.00 / 36 = 263.8888...
#        -> 263.89; Feb 2023 - Dec 2025 = 35 months -> 9,236.15, net 763.85
#        (as of 2026-01-31 the 36th charge is the remainder 263.85:
#        9,500.00, net 500.00)
#   0003 运输设备 with the default life 48 and residual 5%: 48,000.00,
#        2024-12-31: 45,600.00 / 48 = 950.00; Jan - Dec 2025 = 12 months
#        -> 11,400.00, net 36,600.00
#   0004 土地, not depreciated: 30,000.00 -> 0.00, net 30,000.00
#   0005 registered 累计折旧 10,000.00 through 2023-12, 50,000.00, 100
#        months, 0%: 500.00 a month, Jan 2024 - Dec 2025 = 24 months
#        -> 22,000.00, net 28,000.00
#   0006 acquired on 2025-12-31 itself: listed, nothing charged yet
#        -> 0.00, net 6,000.00
#   0007 acquired 2026-01-05: after the date, left out
#   0008 办公设备, default 60 months, 5%: 3,000.00, 2015-01-01: 2,850.00 /
#        60 = 47.50; fully charged by Jan 2020 -> 2,850.00, net 150.00
# As of 2025-12-30, December has not ended: 0001 has 65 months, 61,750.00,
# net 58,250.00, and 0006 (acquired the 31st) is left out.

test_expect_success 'setup: assets for the year-end export' '
  use "$ONE" && setup_county &&
  cat >dep.csv <<-EOF &&
	$ASSET_H
	$V1-ZC-0001,$V1,粮食烘干机,机器设备,经营性,,1,台,"120,000.00",,,120,5,购入,2020-06-15,在用,,,
	$V1-ZC-0002,$V1,办公电脑,电子设备,非经营性,,1,台,"10,000.00",,,36,5,购入,2023-01-20,在用,,,
	$V1-ZC-0003,$V1,运输车,运输设备,经营性,,1,辆,"48,000.00",,,,,购入,2024-12-31,在用,,,
	$V1-ZC-0004,$V1,场院用地,土地,经营性,,1,宗,"30,000.00",,,,,政府划拨,2015-03-01,在用,,,
	$V1-ZC-0005,$V1,饲料粉碎机,机器设备,经营性,,1,台,"50,000.00","10,000.00",2023-12,100,0,购入,2020-01-10,在用,,,
	$V1-ZC-0006,$V1,档案柜,办公设备,非经营性,,1,组,"6,000.00",,,,,购入,2025-12-31,在用,,,
	$V1-ZC-0007,$V1,新水泵,机器设备,经营性,,1,台,"5,000.00",,,,,购入,2026-01-05,在用,,,
	$V1-ZC-0008,$V1,复印机,办公设备,非经营性,,1,台,"3,000.00",,,,,购入,2015-01-01,在用,,,
	EOF
  sanzi asset import dep.csv
'

test_expect_success 'export --as-of 2025-12-31 gives 累计折旧 and 净值 by the rule' '
  use "$ONE" &&
  sanzi asset export --as-of 2025-12-31 >ye.csv &&
  test "$(first_bytes 3 ye.csv)" = efbbbf &&
  crlf_only ye.csv &&
  header ye.csv | grep -q ",净值" &&
  cat >expect <<-EOF &&
	$V1-ZC-0001 120000.00 62700.00 57300.00
	$V1-ZC-0002 10000.00 9236.15 763.85
	$V1-ZC-0003 48000.00 11400.00 36600.00
	$V1-ZC-0004 30000.00 0.00 30000.00
	$V1-ZC-0005 50000.00 22000.00 28000.00
	$V1-ZC-0006 6000.00 0.00 6000.00
	$V1-ZC-0008 3000.00 2850.00 150.00
	EOF
  csvcol ye.csv "资产编号 原值 累计折旧 净值" >actual &&
  test_cmp expect actual
'

test_expect_success 'export --as-of leaves out assets acquired after the date' '
  use "$ONE" &&
  ! grep -q "$V1-ZC-0007" ye.csv &&
  sanzi asset export --as-of 2026-01-05 >later.csv &&
  grep -q "^$V1-ZC-0007," later.csv
'

test_expect_success 'export --as-of a day that is not a month end counts whole months only' '
  use "$ONE" &&
  sanzi asset export --as-of 2025-12-30 >dec30.csv &&
  csvcol dec30.csv "资产编号 累计折旧 净值" >actual &&
  grep -x "$V1-ZC-0001 61750.00 58250.00" actual &&
  ! grep -q "$V1-ZC-0006" actual
'

test_expect_success 'the last charge is the remainder: 9,500.00 exactly after 36 months' '
  use "$ONE" &&
  sanzi asset export --as-of 2026-01-31 >jan.csv &&
  csvcol jan.csv "资产编号 累计折旧 净值" >actual &&
  grep -x "$V1-ZC-0002 9500.00 500.00" actual &&
  grep -x "$V1-ZC-0001 63650.00 56350.00" actual
'

test_expect_success 'export --as-of accepts the date forms a clerk types' '
  use "$ONE" &&
  sanzi asset export --as-of 2025/12/31 >ye2.csv &&
  cmp ye.csv ye2.csv
'

test_expect_success 'the year-end export imports into a fresh database and exports the same' '
  use "$TWO" && setup_county &&
  sanzi asset import ye.csv &&
  test "$(q "SELECT count(*) FROM asset")" = 7 &&
  sanzi asset export --as-of 2025-12-31 >ye-2.csv &&
  cmp ye.csv ye-2.csv &&
  sanzi log verify
'

test_expect_success 'the books carried over continue the same: as of 2026-12-31 both agree' '
  use "$ONE" && sanzi asset export --as-of 2026-12-31 >n1.csv &&
  use "$TWO" && sanzi asset export --as-of 2026-12-31 >n2.csv &&
  csvcol n1.csv "资产编号 原值 累计折旧 净值" | grep -v ZC-0007 >expect &&
  csvcol n2.csv "资产编号 原值 累计折旧 净值" >actual &&
  test_cmp expect actual &&
  grep -x "$V1-ZC-0001 120000.00 74100.00 45900.00" actual
'

test_expect_success 'a year-end row whose 净值 does not add up is refused' '
  use "$TWO" && setup_county &&
  sed "s/,57300\.00$CR\$/,57300.01$CR/" ye.csv >bad.csv &&
  ! cmp -s ye.csv bad.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import bad.csv 2>err &&
  grep "^bad.csv:2: 净值: " err &&
  test "$(db_state)" = "$before"
'

test_done
