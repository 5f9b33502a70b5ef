#!/bin/sh
# sanzi resource / account / fund: add, edit, show, list, template, and
# every error path (nothing written), usage errors and --help.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101

RESOURCE_DEFAULTS="village=$V1 name=村东旱地 land_class=0103 area=120.5 status=发包"
ACCOUNT_DEFAULTS="village=$V1 name=现金 kind=库存现金 opening_balance=1200
opening_date=2025-01-01"
FUND_DEFAULTS="voucher=记-001 village=$V1 date=2025-01-15 account=$V1-ZH-0001
direction=收入 amount=5000 category=经营收入 summary=收取机井承包费"

add_resource() { add_to resource "$RESOURCE_DEFAULTS" "$@"; }
add_account() { add_to account "$ACCOUNT_DEFAULTS" "$@"; }
add_fund() { add_to fund "$FUND_DEFAULTS" "$@"; }

# refused REGISTER KEY=VALUE...: the add must exit 1, print nothing on
# stdout and leave the database as it was.
refused() {
  fn=add_$1
  shift
  before=$(db_state) &&
  test_must_fail 1 $fn "$@" >out 2>err &&
  test "$(db_state)" = "$before" &&
  ! test -s out
}




# template_header REGISTER: the template's header line, BOM and CR dropped,
# and the number of non-empty lines in tpl.lines.
template_header() {
  sanzi "$1" template >tpl.csv &&
  sed "1s/^$(printf '\357\273\277')//" tpl.csv | tr -d '\r' | grep -v '^$' >tpl.txt &&
  wc -l <tpl.txt | tr -d ' ' >tpl.lines &&
  head -1 tpl.txt
}

test_expect_success 'setup: the county' '
  setup_county
'

# ==== resource ====

test_expect_success 'resource add prints the generated code <village>-ZY-0001' '
  add_resource >out &&
  echo "$V1-ZY-0001" >expect &&
  add_resource name=村西草地 land_class=天然牧草地 area=300.1234 >>out &&
  echo "$V1-ZY-0002" >>expect &&
  add_resource village=$V3 name=南山林地 land_class=乔木林地 area=45.25 >>out &&
  echo "$V3-ZY-0001" >>expect &&
  test_cmp expect out
'

test_expect_success 'resource add with the Chinese column names' '
  sanzi resource add 村代码=$V2 资源名称=北滩荒地 地类=四荒地 面积=88 \
    东至=公路 西至=王家地 南至=河滩 北至=林带 坐落位置=村北 \
    权证号=TD-001 经营状态=未利用 备注=待发包 >out &&
  echo "$V2-ZY-0001" >expect &&
  test_cmp expect out &&
  test "$(sql "SELECT east || west || south || north || location
               FROM resource WHERE code = '\''$V2-ZY-0001'\''")" = 公路王家地河滩林带村北
'

test_expect_success 'a land class is accepted by code or by name, and stored once' '
  add_resource code=LC1 land_class=0103 >/dev/null &&
  add_resource code=LC2 land_class=旱地 >/dev/null &&
  test "$(sql "SELECT count(DISTINCT land_class) FROM resource
               WHERE code IN ('\''LC1'\'', '\''LC2'\'')")" = 1
'

test_expect_success 'area is exact to 1/10000 亩' '
  test "$(sql "SELECT area FROM resource WHERE code = '\''$V1-ZY-0002'\''")" = 3001234 &&
  test "$(sql "SELECT area FROM resource WHERE code = '\''$V1-ZY-0001'\''")" = 1205000
'

test_expect_success 'resource: a land class that does not exist is refused' '
  refused resource land_class=月球 &&
  grep 地类 err | grep -q 月球
'

test_expect_success 'resource: area with more than 4 decimals is refused' '
  refused resource area=1.23456 &&
  grep 面积 err | grep -q 1.23456
'

test_expect_success 'resource: area zero or negative is refused' '
  refused resource area=0 &&
  grep -q 面积 err &&
  refused resource area=-3 &&
  grep -q 面积 err &&
  refused resource area=十亩 &&
  grep -q 面积 err
'

test_expect_success 'resource: a status not in the list is refused' '
  refused resource status=闲置 &&
  grep 经营状态 err | grep -q 闲置
'

test_expect_success 'resource: unknown village, unknown key, missing field' '
  refused resource village=150125100299 &&
  grep 村代码 err | grep -q 150125100299 &&
  refused resource colour=red &&
  grep -q colour err &&
  refused resource name= &&
  grep -q 资源名称 err
'

test_expect_success 'resource: a certificate already used is refused' '
  refused resource certificate=TD-001 &&
  grep 权证号 err | grep -q TD-001
'

test_expect_success 'resource show: every field, and the history' '
  sanzi resource show "$V2-ZY-0001" >out &&
  for f in 资源编号 村代码 资源名称 地类 坐落位置 面积 东至 西至 南至 北至 \
           权证号 经营状态 备注; do
    grep -q "$f" out || { echo "missing $f"; return 1; }
  done &&
  grep 面积 out | grep -q 88 &&
  grep 东至 out | grep -q 公路 &&
  sanzi resource show "$V2-ZY-0001" --format csv --part history |
    csv_pick 操作人 操作 字段 >actual &&
  echo "tester|insert|" >expect &&
  test_cmp expect actual
'

test_expect_success 'resource edit: old -> new in show, logged with the operator' '
  sanzi --user 王会计 resource edit "$V1-ZY-0001" 面积=130 east=公路 2>err &&
  # added with 120.5 亩 and nothing east
  changes resource show "$V1-ZY-0001" >actual &&
  printf "%s\n" "面积|120.5|130" "东至||公路" >expect &&
  test_cmp expect actual &&
  log_rows --key "$V1-ZY-0001" | grep -qx "王会计|update|resource|$V1-ZY-0001"
'

test_expect_success 'resource edit to the same values writes nothing' '
  before=$(db_state) &&
  sanzi resource edit "$V1-ZY-0001" area=130.0000 地类=旱地 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'resource edit: code and village are fixed' '
  before=$(db_state) &&
  test_must_fail 1 sanzi resource edit "$V1-ZY-0001" village=$V2 2>err &&
  grep -q 村代码 err &&
  test_must_fail 1 sanzi resource edit "$V1-ZY-0001" code=ZZ 2>err &&
  grep -q 资源编号 err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'resource edit: a bad value or unknown code is refused' '
  before=$(db_state) &&
  test_must_fail 1 sanzi resource edit "$V1-ZY-0001" 面积=0 2>err &&
  grep -q 面积 err &&
  test_must_fail 1 sanzi resource edit NO-SUCH 面积=1 2>err &&
  grep -q NO-SUCH err &&
  test_must_fail 1 sanzi resource show NO-SUCH >out 2>err &&
  grep -q NO-SUCH err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'resource list: csv exact, --village and --township' '
  sanzi resource list --village $V1 --format csv | csv_pick 资源编号 面积 >actual &&
  cat >expect <<-EOF &&
	$V1-ZY-0001|130
	$V1-ZY-0002|300.1234
	LC1|120.5
	LC2|120.5
	EOF
  test_cmp expect actual &&
  sanzi resource list --township 150125101 --format csv | csv_pick 资源编号 >actual &&
  echo "$V3-ZY-0001" >expect &&
  test_cmp expect actual &&
  sanzi resource list >out &&
  test "$(grep -c "ZY-000\|LC[12]" out)" = 6
'

test_expect_success 'resource list --format json: one object per resource' '
  sanzi resource list --format json >out.json &&
  test "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('\''out.json'\'') AS TEXT))")" = 6 &&
  sqlite3 :memory: "SELECT json_extract(value, '\''\$.code'\'')
    FROM json_each(CAST(readfile('\''out.json'\'') AS TEXT))" | grep -q "^$V3-ZY-0001\$"
'

test_expect_success 'resource template: the Chinese columns and one example row' '
  template_header resource >actual &&
  echo 资源编号,村代码,资源名称,地类,坐落位置,面积,东至,西至,南至,北至,权证号,经营状态,备注 >expect &&
  test_cmp expect actual &&
  test "$(cat tpl.lines)" = 2
'

# ==== account ====

test_expect_success 'account add prints the generated code <village>-ZH-0001' '
  add_account >out &&
  echo "$V1-ZH-0001" >expect &&
  add_account name=农商行 kind=银行存款 bank=武川农商行 bank_account=6230001 \
    opening_balance=100000 >>out &&
  echo "$V1-ZH-0002" >>expect &&
  sanzi account add 村代码=$V3 账户名称=现金 账户类型=库存现金 期初余额=0 \
    期初日期=2025-01-01 >>out &&
  echo "$V3-ZH-0001" >>expect &&
  test_cmp expect out &&
  test "$(sql "SELECT opening_balance FROM account WHERE code = '\''$V1-ZH-0002'\''")" = 10000000
'

test_expect_success 'account: a kind not in the list is refused' '
  refused account kind=支付宝 &&
  grep 账户类型 err | grep -q 支付宝
'

test_expect_success 'account: more than 2 decimals, impossible opening date' '
  refused account opening_balance=1.001 &&
  grep -F -q "期初余额: '\''1.001'\'': more than 2 decimals" err &&
  refused account opening_date=2025-13-01 &&
  grep 期初日期 err | grep -q 2025-13-01
'

test_expect_success 'account: unknown village, unknown key, missing name' '
  refused account village=150125100299 &&
  grep -q 150125100299 err &&
  refused account colour=red &&
  grep -q colour err &&
  refused account name= &&
  grep -q 账户名称 err
'

test_expect_success 'account show and edit: old -> new' '
  sanzi account show "$V1-ZH-0002" >out &&
  for f in 账户编号 村代码 账户名称 账户类型 开户银行 银行账号 期初余额 期初日期 备注; do
    grep -q "$f" out || { echo "missing $f"; return 1; }
  done &&
  grep 开户银行 out | grep -q 武川农商行 &&
  sanzi account edit "$V1-ZH-0002" 期初余额=100500 2>err &&
  changes account show "$V1-ZH-0002" >actual &&
  echo "期初余额|100,000.00|100,500.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'account edit: the same values write nothing; fixed fields' '
  before=$(db_state) &&
  sanzi account edit "$V1-ZH-0002" 期初余额=100,500.00 2>err &&
  test "$(db_state)" = "$before" &&
  test_must_fail 1 sanzi account edit "$V1-ZH-0002" village=$V2 2>err &&
  test_must_fail 1 sanzi account edit "$V1-ZH-0002" 账户编号=X 2>err &&
  test_must_fail 1 sanzi account edit NO-SUCH 账户名称=x 2>err &&
  grep -q NO-SUCH err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'account list: csv exact, scoped' '
  sanzi account list --township 150125100 --format csv |
    csv_pick 账户编号 账户类型 期初余额 >actual &&
  cat >expect <<-EOF &&
	$V1-ZH-0001|库存现金|1200.00
	$V1-ZH-0002|银行存款|100500.00
	EOF
  test_cmp expect actual &&
  sanzi account list --village $V3 --format csv | csv_pick 账户编号 >actual &&
  echo "$V3-ZH-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'account template: the Chinese columns and one example row' '
  template_header account >actual &&
  echo 账户编号,村代码,账户名称,账户类型,开户银行,银行账号,期初余额,期初日期,备注 >expect &&
  test_cmp expect actual &&
  test "$(cat tpl.lines)" = 2
'

# ==== fund ====

test_expect_success 'fund add prints the entry code <village>-<year>-<voucher>' '
  add_fund >out &&
  echo "$V1-2025-记-001" >expect &&
  add_fund voucher=记-002 date=2025-02-01 direction=支出 amount=300.5 \
    category=管理费用 summary=购办公用品 >>out &&
  echo "$V1-2025-记-002" >>expect &&
  test_cmp expect out &&
  test "$(sql "SELECT amount FROM fund WHERE code = '\''$V1-2025-记-002'\''")" = 30050
'

test_expect_success 'fund add with the Chinese column names' '
  sanzi fund add 凭证号=记-003 村代码=$V1 日期=2025年3月1日 账户编号=$V1-ZH-0002 \
    收支方向=收入 金额=¥20,000 收支类别=补助收入 对方单位=武川县财政局 \
    摘要=村级运转补助 经办人=张三 审批人=李四 >out &&
  echo "$V1-2025-记-003" >expect &&
  test_cmp expect out &&
  test "$(sql "SELECT date || '\''|'\'' || amount FROM fund
               WHERE code = '\''$V1-2025-记-003'\''")" = "2025-03-01|2000000"
'

test_expect_success 'the same voucher number in another year or village is allowed' '
  add_fund date=2026-01-15 >out &&
  echo "$V1-2026-记-001" >expect &&
  add_fund village=$V3 account=$V3-ZH-0001 >>out &&
  echo "$V3-2025-记-001" >>expect &&
  test_cmp expect out
'

test_expect_success 'a voucher number used twice in a village and year is refused' '
  refused fund date=2025-06-30 amount=1 &&
  grep -q 记-001 err &&
  grep -q 凭证号 err
'

test_expect_success 'fund: an account that does not exist is refused' '
  refused fund voucher=记-100 account=NO-SUCH &&
  grep 账户编号 err | grep -q NO-SUCH
'

test_expect_success 'fund: an account of another village is refused' '
  refused fund voucher=记-100 account=$V3-ZH-0001 &&
  grep -q "$V3-ZH-0001" err
'

test_expect_success 'fund: a date before the account was opened is refused' '
  refused fund voucher=记-100 date=2024-12-31 &&
  grep 日期 err | grep -q 2024-12-31
'

test_expect_success 'fund: the amount must be more than 0, at most 2 decimals' '
  refused fund voucher=记-100 amount=0 &&
  grep -q 金额 err &&
  refused fund voucher=记-100 amount=-5 &&
  grep -q 金额 err &&
  refused fund voucher=记-100 amount=12.345 &&
  grep -F -q "金额: '\''12.345'\'': more than 2 decimals" err
'

test_expect_success 'fund: a category of the other direction is refused' '
  refused fund voucher=记-100 category=管理费用 &&
  grep 收支类别 err | grep -q 管理费用
'

test_expect_success 'fund: a direction not in the list is refused' '
  refused fund voucher=记-100 direction=借 &&
  grep 收支方向 err | grep -q 借
'

test_expect_success 'fund: an impossible date, a missing summary, an unknown key' '
  refused fund voucher=记-100 date=2025-02-29 &&
  grep 日期 err | grep -q 2025-02-29 &&
  refused fund voucher=记-100 summary= &&
  grep -q 摘要 err &&
  refused fund voucher=记-100 colour=red &&
  grep -q colour err
'

test_expect_success 'fund show: every field and the history' '
  sanzi fund show "$V1-2025-记-003" >out &&
  for f in 凭证号 村代码 日期 账户编号 收支方向 金额 收支类别 对方单位 摘要 \
           合同编号 经办人 审批人 备注; do
    grep -q "$f" out || { echo "missing $f"; return 1; }
  done &&
  grep 对方单位 out | grep -q 武川县财政局 &&
  grep 金额 out | grep -q "20,\{0,1\}000\.00"
'

test_expect_success 'fund edit: old -> new, logged' '
  sanzi fund edit "$V1-2025-记-001" 金额=5100 摘要=收取机井承包费（补） 2>err &&
  changes fund show "$V1-2025-记-001" >actual &&
  printf "%s\n" "金额|5,000.00|5,100.00" "摘要|收取机井承包费|收取机井承包费（补）" >expect &&
  test_cmp expect actual &&
  log_rows --key "$V1-2025-记-001" >actual &&
  printf "%s\n" "tester|insert|fund|$V1-2025-记-001" \
    "tester|update|fund|$V1-2025-记-001" >expect &&
  test_cmp expect actual
'

test_expect_success 'fund edit: the same values write nothing; voucher and village fixed' '
  before=$(db_state) &&
  sanzi fund edit "$V1-2025-记-001" 金额=5,100.00 2>err &&
  test "$(db_state)" = "$before" &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-001" 凭证号=记-009 2>err &&
  grep -q 凭证号 err &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-001" village=$V2 2>err &&
  grep -q 村代码 err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'fund edit: a bad value or unknown code is refused' '
  before=$(db_state) &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-001" 金额=0 2>err &&
  grep -q 金额 err &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-001" 收支类别=管理费用 2>err &&
  grep -q 收支类别 err &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-001" account=$V3-ZH-0001 2>err &&
  test_must_fail 1 sanzi fund edit "$V1-2025-记-999" 金额=1 2>err &&
  grep -q 记-999 err &&
  test_must_fail 1 sanzi fund show "$V1-2025-记-999" >out 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'fund list: csv exact and scoped' '
  sanzi fund list --village $V1 --format csv |
    csv_pick 凭证号 日期 收支方向 金额 >actual &&
  cat >expect <<-EOF &&
	记-001|2025-01-15|收入|5100.00
	记-002|2025-02-01|支出|300.50
	记-003|2025-03-01|收入|20000.00
	记-001|2026-01-15|收入|5000.00
	EOF
  test_cmp expect actual &&
  sanzi fund list --township 150125101 --format csv | csv_pick 村代码 凭证号 >actual &&
  echo "$V3|记-001" >expect &&
  test_cmp expect actual &&
  sanzi fund list --format json >out.json &&
  test "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('\''out.json'\'') AS TEXT))")" = 5
'

test_expect_success 'fund template: the Chinese columns and one example row' '
  template_header fund >actual &&
  echo 凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,对方单位,摘要,合同编号,经办人,审批人,备注,冲销编号 >expect &&
  test_cmp expect actual &&
  test "$(cat tpl.lines)" = 2
'

# ==== templates import as they are; usage; help ====

test_expect_success 'the resource, account and fund templates import into a county database' '
  setup_county &&
  sanzi resource template >r.csv &&
  sanzi resource import r.csv 2>err &&
  sanzi account template >a.csv &&
  sanzi account import a.csv 2>err &&
  sanzi fund template >f.csv &&
  sanzi fund import f.csv 2>err &&
  test "$(sql "SELECT (SELECT count(*) FROM resource) || (SELECT count(*) FROM account)
               || (SELECT count(*) FROM fund)")" = 111 &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'list with an unknown village or township is refused' '
  for r in resource account fund; do
    test_must_fail 1 sanzi $r list --village 150125100299 >out 2>err || return 1
    test_must_fail 1 sanzi $r list --township 150125199 >out 2>err || return 1
  done
'

test_expect_success 'usage errors exit 2 and write nothing' '
  before=$(db_state) &&
  for r in resource account fund; do
    test_must_fail 2 sanzi $r 2>err &&
    test_must_fail 2 sanzi $r frobnicate 2>err &&
    test_must_fail 2 sanzi $r add 2>err &&
    test_must_fail 2 sanzi $r add name 2>err &&
    test_must_fail 2 sanzi $r add name=x --bogus 2>err &&
    test_must_fail 2 sanzi $r edit 2>err &&
    test_must_fail 2 sanzi $r edit X 2>err &&
    test_must_fail 2 sanzi $r show 2>err &&
    test_must_fail 2 sanzi $r show a b 2>err &&
    test_must_fail 2 sanzi $r list --format xml 2>err &&
    test_must_fail 2 sanzi $r list --village 2>err &&
    test_must_fail 2 sanzi $r template extra 2>err || return 1
  done &&
  test "$(db_state)" = "$before"
'

test_expect_success '--help on every register and verb: usage, exit 0' '
  for r in resource account fund; do
    sanzi $r --help >out || return 1
    grep -q usage out || return 1
    for v in template import export list show add edit; do
      sanzi $r $v --help >out 2>err || { echo "$r $v: exit $?"; return 1; }
      grep -q usage out || { echo "$r $v: no usage"; return 1; }
    done
  done
'

test_done
