#!/bin/sh
# In sheets and in add, 村代码 may be the village's name (official or as
# people write it) and 账户编号 the name of an account of the row's village,
# when only one has it; several are refused, listing them; nothing written.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇
H="村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态"

test_expect_success 'setup: the county, and a second 新村 in two townships' '
  setup_county &&
  printf "%s\n" "code,name,level,parent_code" \
    "150125100298,新村村民委员会,village,150125100" \
    "150125101298,新村村民委员会,village,150125101" >more.csv &&
  sanzi org import more.csv 2>/dev/null
'

test_expect_success 'a sheet names villages by their names, official or short' '
  printf "%s\n" "$H" "福如东村,水泵,机器设备,经营性,1,购入,2021-01-01,在用" \
    "圪料坝村民委员会,水泵,机器设备,经营性,1,购入,2021-01-01,在用" \
    "$V1,井,水利设施,经营性,1,购入,2021-01-01,在用" >a.csv &&
  sanzi asset import a.csv 2>/dev/null &&
  sanzi asset list --format csv | csv_pick 资产编号 村代码 >actual &&
  printf "%s\n" "$V1-ZC-0001|$V1" "$V3-ZC-0001|$V3" "$V1-ZC-0002|$V1" >expect &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null
'

test_expect_success 'a name two villages have is refused, listing them' '
  printf "%s\n" "$H" "新村,水泵,机器设备,经营性,1,购入,2021-01-01,在用" >b.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import b.csv 2>err &&
  unchanged &&
  grep -Fx "b.csv:2: 村代码: 2 villages are named '\''新村'\'': 150125100298 (可可以力更镇), 150125101298 (哈乐镇); give the village code" err
'

test_expect_success 'a name no village has is refused' '
  printf "%s\n" "$H" "不存在村,水泵,机器设备,经营性,1,购入,2021-01-01,在用" >c.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import c.csv 2>err &&
  unchanged &&
  grep -F "c.csv:2: 村代码: '\''不存在村'\'' is neither a 12-digit village code nor the name of a village" err &&
  printf "%s\n" "$H" "1501,水泵,机器设备,经营性,1,购入,2021-01-01,在用" >d.csv &&
  test_must_fail 1 sanzi asset import d.csv 2>err &&
  grep -Fx "d.csv:2: 村代码: '\''1501'\'' is not a 12-digit village code" err
'

test_expect_success 'add takes a village name too' '
  sanzi asset add village=圪料坝村 name=办公楼 category=房屋及建筑物 \
    nature=非经营性 original_value=1 acquired_via=自建 \
    acquired_on=2020-01-01 status=在用 >code &&
  echo $V3-ZC-0002 >expect &&
  test_cmp expect code &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset add village=新村 name=办公楼 \
    category=房屋及建筑物 nature=非经营性 original_value=1 acquired_via=自建 \
    acquired_on=2020-01-01 status=在用 2>err &&
  unchanged &&
  grep -F "2 villages are named" err
'

test_expect_success 'fund entries name their account by its name in the village' '
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=$V3 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  printf "%s\n" "凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,摘要" \
    "1,福如东村,2025-01-15,现金,收入,10,经营收入,租金" \
    "1,圪料坝村,2025-01-15,现金,收入,20,经营收入,租金" >f.csv &&
  sanzi fund import f.csv 2>/dev/null &&
  sanzi fund list --format csv | csv_pick 村代码 账户编号 金额 >actual &&
  printf "%s\n" "$V1|$V1-ZH-0001|10.00" "$V3|$V3-ZH-0001|20.00" >expect &&
  test_cmp expect actual &&
  sanzi fund add voucher=2 village=$V1 date=2025-01-16 account=现金 \
    direction=支出 amount=5 category=管理费用 summary=办公 >/dev/null &&
  sanzi fund show $V1-2025-2 --format json | json_pick record account >actual &&
  echo $V1-ZH-0001 >expect &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null
'

test_expect_success 'two accounts of the village with that name: refused, listed' '
  sanzi account add village=$V1 name=农行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add --allow-duplicates village=$V1 name=农行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  printf "%s\n" "凭证号,村代码,日期,账户编号,收支方向,金额,收支类别,摘要" \
    "3,$V1,2025-01-15,农行,收入,10,经营收入,租金" >g.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi fund import g.csv 2>err &&
  unchanged &&
  grep -Fx "g.csv:2: 账户编号: 2 accounts of village $V1 are named '\''农行'\'': $V1-ZH-0002, $V1-ZH-0003; give the account code" err
'

test_expect_success 'an account name of another village is not found' '
  sanzi account add village=$V3 name=信用社 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  before=$(db_state) &&
  test_must_fail 1 sanzi fund add voucher=9 village=$V1 date=2025-01-16 \
    account=信用社 direction=支出 amount=5 category=管理费用 summary=办公 2>err &&
  unchanged &&
  grep -F "no account with code '\''信用社'\''" err
'

test_expect_success 'in Chinese: two villages, and no village, with that name' '
  test_must_fail 1 sanzi --lang zh asset import b.csv 2>err &&
  grep -Fx "b.csv:2: 村代码: 有 2 个村名为“新村”：150125100298 (可可以力更镇)、150125101298 (哈乐镇)；请给出村代码" err &&
  test_must_fail 1 sanzi --lang zh asset import c.csv 2>err &&
  grep -Fx "c.csv:2: 村代码: “不存在村”既不是 12 位村代码，也不是村名（sanzi org list --q 可查村名）" err
'

test_done
