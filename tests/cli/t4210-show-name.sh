#!/bin/sh
# show NAME: a record by its name when one record in scope has it (else by
# the one record whose text holds it); several are listed with their codes,
# none is an error; --village/--township narrow the scope.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101

asset() {
  add_to asset "village=$V1 name=水泵 category=机器设备 nature=经营性
    original_value=1000 acquired_via=购入 acquired_on=2020-01-01 status=在用" \
    --allow-duplicates "$@" >/dev/null
}
# shown ARGS...: the code of the record `asset show ARGS` shows.
shown() {
  sanzi asset show "$@" --format json | json_pick record code
}

test_expect_success 'setup' '
  setup_county &&
  asset name=拖拉机 &&
  asset name=东方红拖拉机 &&
  asset name=拖拉机 village=$V3 &&
  asset name=办公楼 village=$V2 &&
  asset name=井 &&
  asset name=机井
'

test_expect_success 'a code is a code' '
  test "$(shown $V1-ZC-0002)" = $V1-ZC-0002
'

test_expect_success 'a name one record has' '
  test "$(shown 办公楼)" = $V2-ZC-0001 &&
  test "$(shown 东方红拖拉机)" = $V1-ZC-0002
'

test_expect_success 'the exact name wins over the records that only hold it' '
  test "$(shown 井)" = $V1-ZC-0003
'

test_expect_success 'no exact name: the one record that holds the text' '
  test "$(shown 方红)" = $V1-ZC-0002 &&
  test "$(shown 办公)" = $V2-ZC-0001
'

test_expect_success 'a name two records have is refused, listing both' '
  test_must_fail 1 sanzi asset show 拖拉机 >out 2>err &&
  ! test -s out &&
  head -1 err >first &&
  echo "sanzi: 2 asset records are named '\''拖拉机'\''; give the code of one:" >expect &&
  test_cmp expect first &&
  grep -F "  $V1-ZC-0001  拖拉机  福如东村民委员会" err &&
  grep -F "  $V3-ZC-0001  拖拉机  圪料坝村民委员会" err &&
  ! grep -F $V1-ZC-0002 err
'

test_expect_success 'the scope makes it one' '
  test "$(shown 拖拉机 --village $V3)" = $V3-ZC-0001 &&
  test "$(shown 拖拉机 --township 150125100)" = $V1-ZC-0001
'

test_expect_success 'several records that hold the text are listed' '
  test_must_fail 1 sanzi asset show 拖拉 2>err &&
  head -1 err >first &&
  echo "sanzi: 3 asset records hold '\''拖拉'\''; give the code of one:" >expect &&
  test_cmp expect first &&
  test $(grep -c "^  " err) = 3
'

test_expect_success 'none: named as such; out of scope is none' '
  test_must_fail 1 sanzi asset show 仓库 2>err &&
  echo "sanzi: no asset with code or name '\''仓库'\''" >expect &&
  test_cmp expect err &&
  test_must_fail 1 sanzi asset show 办公楼 --village $V1 2>err &&
  echo "sanzi: no asset with code or name '\''办公楼'\''" >expect &&
  test_cmp expect err
'

test_expect_success 'past ten candidates: the first ten and how many more' '
  for i in 1 2 3 4 5 6 7 8 9 10 11 12; do asset name=路灯 || return 1; done &&
  test_must_fail 1 sanzi asset show 路灯 2>err &&
  test $(grep -c "^  $V1-ZC-" err) = 10 &&
  tail -1 err >last &&
  echo "  ... and 2 more" >expect &&
  test_cmp expect last
'

test_expect_success 'other registers: a resource and an account by name' '
  sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=12 \
    status=发包 >/dev/null &&
  sanzi account add village=$V1 name=基本户 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi resource show 村东旱地 --format json | json_pick record code >actual &&
  echo $V1-ZY-0001 >expect &&
  test_cmp expect actual &&
  sanzi account show 基本户 --format json | json_pick record code >actual &&
  echo $V1-ZH-0001 >expect &&
  test_cmp expect actual
'

test_expect_success 'in Chinese: several records, and none' '
  test_must_fail 1 sanzi --lang zh asset show 拖拉机 2>err &&
  head -1 err >first &&
  echo "sanzi: 有 2 条资产记录名为“拖拉机”，请给出其中一条的编号：" >expect &&
  test_cmp expect first &&
  test_must_fail 1 sanzi --lang zh asset show 仓库 2>err &&
  echo "sanzi: 资产中没有编号或名称为“仓库”的记录" >expect &&
  test_cmp expect err
'

test_done
