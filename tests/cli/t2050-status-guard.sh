#!/bin/sh
# Collective property is let out or disposed of only through a disposal
# filing (doc/domain.md): an edit or an import --update may not move a
# registered asset or resource into 出租, 发包, 入股 or 已处置, nor bring a
# disposed asset back. A new record may be registered with any status (the
# state it is in when the registry starts).
. "$(dirname "$0")/lib.sh"

setup_county

V1=150125100201

test_expect_success 'a new record may be registered as let or disposed of' '
  sanzi asset add village=$V1 name=旧仓库 category=房屋及建筑物 nature=经营性 \
    original_value=50000 acquired_via=自建 acquired_on=2010-05-01 \
    status=出租 >let.code &&
  sanzi asset add village=$V1 name=旧拖拉机 category=农业机械 nature=经营性 \
    original_value=8000 acquired_via=购入 acquired_on=2005-05-01 \
    status=已处置 >gone.code &&
  sanzi resource add village=$V1 name=西梁地 land_class=旱地 area=80 \
    status=未利用 >land.code
'

test_expect_success 'an asset in use cannot be edited into 出租, 发包, 入股 or 已处置' '
  sanzi asset add village=$V1 name=机井 category=水利设施 nature=经营性 \
    original_value=30000 acquired_via=自建 acquired_on=2018-04-01 \
    status=在用 >well.code &&
  before=$(db_state) &&
  for st in 出租 发包 入股 已处置; do
    test_must_fail 1 sanzi asset edit "$(cat well.code)" 使用状态=$st 2>err &&
    grep -q "使用状态: 在用 -> $st: letting and disposal go through a disposal filing (sanzi disposal new)" err ||
    return 1
  done &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a let asset may come back into use when the lease ends' '
  sanzi asset edit "$(cat let.code)" status=闲置 >/dev/null &&
  test "$(sqlite3 "$SANZI_DB" "SELECT status FROM asset WHERE code = '\''$(cat let.code)'\''")" = 闲置
'

test_expect_success 'a disposed asset stays disposed' '
  before=$(db_state) &&
  test_must_fail 1 sanzi asset edit "$(cat gone.code)" status=在用 2>err &&
  grep -q "使用状态: 已处置 -> 在用: a disposed record (已处置) stays disposed" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'import --update is held to the same rule, row by row' '
  sanzi resource export >res.csv &&
  sed "s/,未利用,/,发包,/" res.csv >let.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi resource import let.csv --update 2>err &&
  grep -q "let.csv:2: 经营状态: 未利用 -> 发包: letting and disposal go through a disposal filing" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a resource may change between the statuses no filing governs' '
  sanzi resource edit "$(cat land.code)" 经营状态=集体自营 >/dev/null &&
  sanzi resource edit "$(cat land.code)" 经营状态=家庭承包 >/dev/null &&
  sanzi log verify >/dev/null
'

test_done
