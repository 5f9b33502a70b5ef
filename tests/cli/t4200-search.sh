#!/bin/sh
# list --q TEXT: every register finds its records by any part of their name,
# location, party or remarks (one, two, three or more characters), with the
# scope filters; the index follows every add, edit and import; org list --q.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101
ID2=150125199003070028

asset() {
  add_to asset "village=$V1 name=水泵 category=机器设备 nature=经营性
    original_value=1000 acquired_via=购入 acquired_on=2020-01-01 status=在用" \
    "$@" >/dev/null
}
# codes REGISTER ARGS...: the codes `list ARGS --format csv` prints, sorted.
codes() {
  reg=$1
  shift
  sanzi $reg list "$@" --format json | json_pick - code | sort
}

test_expect_success 'setup: assets with names, locations and remarks' '
  setup_county &&
  asset name=东方红拖拉机 location=村东机库 &&
  asset name=拖拉机 village=$V2 &&
  asset name=井 location=二组 &&
  asset name=机井 note="Big Pump 备用" &&
  asset name=办公楼 village=$V3 location=圪料坝村委会院内 &&
  sanzi log verify >/dev/null
'

test_expect_success 'three characters or more: any part of the name' '
  codes asset --q 拖拉机 >actual &&
  printf "%s\n" $V1-ZC-0001 $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q 方红拖拉 >actual &&
  echo $V1-ZC-0001 >expect &&
  test_cmp expect actual
'

test_expect_success 'two characters and one: the same, through the index' '
  codes asset --q 拖拉 >actual &&
  printf "%s\n" $V1-ZC-0001 $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q 井 >actual &&
  printf "%s\n" $V1-ZC-0002 $V1-ZC-0003 >expect &&
  test_cmp expect actual &&
  codes asset --q 机 >actual &&
  printf "%s\n" $V1-ZC-0001 $V1-ZC-0003 $V2-ZC-0001 >expect &&
  test_cmp expect actual
'

test_expect_success 'the location and the remarks are searched, letters in any case' '
  codes asset --q 机库 >actual &&
  echo $V1-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q 村委会院 >actual &&
  echo $V3-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q "big pump" >actual &&
  echo $V1-ZC-0003 >expect &&
  test_cmp expect actual &&
  codes asset --q 备用 >actual &&
  test_cmp expect actual
'

test_expect_success 'no match across two fields, none for what is not there' '
  codes asset --q 拖拉机村东 >actual &&
  ! test -s actual &&
  codes asset --q 仓库 >actual &&
  ! test -s actual &&
  codes asset --q 库 >actual &&
  echo $V1-ZC-0001 >expect &&
  test_cmp expect actual
'

test_expect_success 'combined with --village and --township' '
  codes asset --q 拖拉机 --village $V2 >actual &&
  echo $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q 拖拉 --township 150125100 >actual &&
  printf "%s\n" $V1-ZC-0001 $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  codes asset --q 拖拉机 --township 150125101 >actual &&
  ! test -s actual
'

test_expect_success 'an edit moves the record in the index; log verify still holds' '
  sanzi asset edit $V1-ZC-0002 name=大口井 location=三组 &&
  codes asset --q 二组 >actual &&
  ! test -s actual &&
  codes asset --q 三组 >actual &&
  echo $V1-ZC-0002 >expect &&
  test_cmp expect actual &&
  codes asset --q 大口 >actual &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null
'

test_expect_success 'an import, and an import with --update, are found' '
  sanzi asset export --village $V2 >v2.csv &&
  sed "s/,拖拉机,/,小四轮拖拉机,/" v2.csv >v2b.csv &&
  sanzi asset import v2b.csv --update 2>/dev/null &&
  codes asset --q 小四轮 >actual &&
  echo $V2-ZC-0001 >expect &&
  test_cmp expect actual &&
  printf "%s\n" "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态,坐落位置" \
    "$V3,饮水井,水利设施,公益性,1,购入,2021-01-01,在用,五组" >new.csv &&
  sed -i "s/公益性/非经营性/" new.csv &&
  sanzi asset import new.csv 2>/dev/null &&
  codes asset --q 饮水 >actual &&
  echo $V3-ZC-0002 >expect &&
  test_cmp expect actual &&
  codes asset --q 井 --village $V3 >actual &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null
'

test_expect_success 'a refused import leaves the index as it was' '
  printf "%s\n" "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    "$V3,抽水泵,机器设备,经营性,1,购入,2021-01-01,在用" \
    "$V3,抽水机,机器设备,经营性,abc,购入,2021-01-01,在用" >bad.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import bad.csv 2>err &&
  unchanged &&
  codes asset --q 抽水 >actual &&
  ! test -s actual
'

test_expect_success 'resources, accounts, fund entries, loans and contracts are searched' '
  sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=12 \
    status=发包 location=东梁 note=退耕 >/dev/null &&
  sanzi account add village=$V1 name=基本户 kind=银行存款 bank=农商银行武川支行 \
    opening_balance=0 opening_date=2025-01-01 >/dev/null &&
  sanzi fund add voucher=1 village=$V1 date=2025-01-15 account=$V1-ZH-0001 \
    direction=收入 amount=100 category=经营收入 summary=收取机井承包费 \
    counterparty=武川县某合作社 >/dev/null &&
  sanzi loan add village=$V1 lender=中国农业银行武川县支行 contract_no=NH-1 \
    project=肉牛养殖场 principal=1000 rate=4.35 start_date=2024-03-01 \
    maturity=2027-03-01 >/dev/null &&
  sanzi contract add --without-filing village=$V1 kind=发包 object=$V1-ZY-0001 party=李永平 \
    party_id=$ID2 party_is_member=是 start_date=2025-01-01 end_date=2025-12-31 \
    annual_amount=100 payment=年付 first_due=2025-01-15 >/dev/null &&
  test "$(codes resource --q 东梁)" = $V1-ZY-0001 &&
  test "$(codes resource --q 退)" = $V1-ZY-0001 &&
  test "$(codes account --q 农商)" = $V1-ZH-0001 &&
  test "$(codes fund --q 合作社)" = $V1-2025-1 &&
  test "$(codes fund --q 承包)" = $V1-2025-1 &&
  test "$(codes loan --q 肉牛)" = $V1-DK-0001 &&
  test "$(codes loan --q 农业银行)" = $V1-DK-0001 &&
  test "$(codes contract --q 永平)" = $V1-HT-0001 &&
  codes contract --q 王 >actual &&
  ! test -s actual
'

test_expect_success 'an empty --q is refused' '
  test_must_fail 1 sanzi asset list --q " " 2>err &&
  grep -F "the text to search for is empty" err
'

test_expect_success 'org list --q: organisations by any part of their name' '
  sanzi org list --q 圪料坝 --format csv | csv_pick 代码 名称 >actual &&
  echo "$V3|圪料坝村民委员会" >expect &&
  test_cmp expect actual &&
  sanzi org list --q 哈乐 --under 150125 --format csv | csv_pick 代码 >actual &&
  echo 150125101 >expect &&
  test_cmp expect actual &&
  sanzi org list --q 没有这个名字 --format csv | csv_pick 代码 >actual &&
  ! test -s actual
'

test_expect_success 'in Chinese: an empty query' '
  test_must_fail 1 sanzi --lang zh asset list --q "" 2>err &&
  echo "sanzi: 要查找的文字为空" >expect &&
  test_cmp expect err
'

# One or two characters within one village check the village's rows one
# by one (search.h); across the county they ask the index. Both must
# keep the same rows: those of the county's hits that lie in the village.
test_expect_success 'one or two characters in a village: the county'"'"'s hits in that village' '
  for v in $V1 $V2 $V3; do
    for q in 井 水 机 泵 拖拉 饮水 a; do
      codes asset --q $q --village $v >actual &&
      sanzi asset list --q $q --format json | json_pick - code village |
        awk -F"|" -v v=$v "\$2 == v { print \$1 }" | sort >expect &&
      test_cmp expect actual &&
      cat actual >>kept || return 1
    done
  done &&
  # hits in the villages, and 井 also elsewhere than in V3
  test "$(wc -l <kept)" -ge 3 &&
  test "$(codes asset --q 井 | wc -l)" -gt "$(codes asset --q 井 --village $V3 | wc -l)"
'

test_done
