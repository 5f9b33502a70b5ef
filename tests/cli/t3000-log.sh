#!/bin/sh
# sanzi log and sanzi log verify: every insert and change is logged with
# who did it, the table and the code; the log is a SHA-256 chain, and any
# change made behind sanzi's back (with the sqlite3 shell, after dropping
# the trigger that guards the table) makes `log verify` exit 1 naming the
# change-log entry. Each tampering case starts from a fresh database.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会
V2=150125100202   # 大水圪洞村民委员会


add_asset() {
  # add_asset CODE ORIGINAL
  sanzi asset add code=$1 village=$V1 name=办公楼 category=房屋及建筑物 \
    nature=非经营性 original_value=$2 acquired_via=自建 \
    acquired_on=2020-06-15 status=在用 >/dev/null
}

# A fresh county with two assets, A1 edited once:
# A1 inserted, A2 inserted, A1's original value changed 120,000 -> 125,000.
mkdb() {
  setup_county &&
  add_asset A1 120000 &&
  add_asset A2 5000 &&
  sanzi asset edit A1 原值=125000 2>/dev/null &&
  sanzi log verify >/dev/null 2>&1
}

# entry_of TABLE CODE: the change-log entry that last wrote the row.
entry_of() { sql "SELECT log_id FROM \"$1\" WHERE code = '$2'"; }

# bad_chain ENTRY: log verify exits 1, prints no chain head, and names the
# change-log entry ENTRY on stderr.
bad_chain() {
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out &&
  grep -E -q "entr(y|ies) #?([0-9]+,? (and )?)*#?$1([^0-9]|\$)" err ||
    { cat err; return 1; }
}

# ---- the log ----

test_expect_success 'setup: changes of every kind, by three operators' '
  setup_county &&
  sanzi --user 张会计 asset add village=$V1 name=办公楼 category=房屋及建筑物 \
    nature=非经营性 original_value=120000 acquired_via=自建 \
    acquired_on=2020-06-15 status=在用 >asset.code &&
  SANZI_USER=李出纳 sanzi asset edit "$(cat asset.code)" 原值=125000 2>/dev/null &&
  sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=120.5 \
    status=发包 >resource.code &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=1200 \
    opening_date=2025-01-01 >account.code &&
  sanzi fund add voucher=记-001 village=$V1 date=2025-01-15 \
    account="$(cat account.code)" direction=收入 amount=5000 category=经营收入 \
    summary=承包费 >fund.code &&
  sanzi --user 王站长 config cash_limit 8000 >/dev/null &&
  printf "%s\n" 资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态 \
    IMP-1,$V2,水井,水利设施,经营性,5000,购入,2021-06-15,在用 \
    IMP-2,$V2,仓库,房屋及建筑物,经营性,8000,自建,2019-01-01,闲置 >imp.csv &&
  sanzi --user 赵文书 asset import imp.csv 2>/dev/null
'

test_expect_success 'an add is logged with operator, table and code' '
  log_rows >log &&
  grep -qx "张会计|insert|asset|$(cat asset.code)" log
'

test_expect_success 'an edit is logged with the operator from $SANZI_USER' '
  log_rows --key "$(cat asset.code)" >actual &&
  printf "%s\n" "张会计|insert|asset|$(cat asset.code)" \
    "李出纳|update|asset|$(cat asset.code)" >expect &&
  test_cmp expect actual
'

test_expect_success 'resource, account and fund adds are logged by $SANZI_USER' '
  log_rows >log &&
  grep -qx "tester|insert|resource|$(cat resource.code)" log &&
  grep -qx "tester|insert|account|$(cat account.code)" log &&
  grep -qx "tester|insert|fund|$(cat fund.code)" log
'

test_expect_success 'a parameter change is logged' '
  # a parameter is a row of table setting, changed by an update
  log_rows --table setting >log &&
  grep -qx "王站长|update|setting|cash_limit" log
'

test_expect_success 'the divisions import is logged' '
  # one batch entry, with no code
  log_rows --table org >actual &&
  echo "tester|import|org|" >expect &&
  test_cmp expect actual
'

test_expect_success 'an import is logged with its operator and table' '
  log_rows --table asset >log &&
  grep -qx "赵文书|import|asset|" log
'

test_expect_success 'each imported record finds its import with log --key' '
  for c in IMP-1 IMP-2; do
    log_rows --key $c >actual &&
    echo "赵文书|import|asset|" >expect &&
    test_cmp expect actual || { echo "$c: not its import"; return 1; }
  done
'

test_expect_success 'log --table lists that table only' '
  log_rows --table resource >actual &&
  echo "tester|insert|resource|$(cat resource.code)" >expect &&
  test_cmp expect actual
'

test_expect_success 'log --since: from that date on' '
  log_rows --since 2000-01-01 >log &&
  grep -qx "tester|insert|fund|$(cat fund.code)" log &&
  # the header alone
  sanzi log --since 2999-01-01 --format csv >log.csv &&
  test "$(wc -l <log.csv)" = 1
'

test_expect_success 'log --since with an impossible date is refused' '
  test_must_fail 1 sanzi log --since 2023-02-29 >out 2>err &&
  grep -q 2023-02-29 err
'

test_expect_success 'a refused command adds nothing to the log' '
  before=$(sql "SELECT count(*) FROM history") &&
  test_must_fail 1 sanzi asset add village=$V1 name=x category=其他 nature=经营性 \
    original_value=12.345 acquired_via=购入 acquired_on=2020-01-01 \
    status=在用 2>/dev/null &&
  test_must_fail 1 sanzi config cash_limit abc 2>/dev/null &&
  test "$(sql "SELECT count(*) FROM history")" = "$before"
'

test_expect_success 'log verify: exit 0 and a 64-hex chain head on stdout' '
  sanzi log verify >out 2>err &&
  test "$(wc -l <out)" = 1 &&
  grep -E -q "^[0-9a-f]{64}\$" out
'

test_expect_success 'the chain head moves with every write, not with a read' '
  h1=$(sanzi log verify 2>/dev/null) &&
  sanzi asset list >/dev/null &&
  sanzi fund balance >/dev/null 2>&1 &&
  test "$(sanzi log verify 2>/dev/null)" = "$h1" &&
  sanzi asset edit "$(cat asset.code)" 备注=复核 2>/dev/null &&
  h2=$(sanzi log verify 2>/dev/null) &&
  test -n "$h2" &&
  test "$h2" != "$h1"
'

test_expect_success 'log usage errors exit 2; --help exits 0' '
  test_must_fail 2 sanzi log --bogus 2>err &&
  test_must_fail 2 sanzi log extra 2>err &&
  test_must_fail 2 sanzi log --table 2>err &&
  test_must_fail 2 sanzi log verify extra 2>err &&
  sanzi log --help >out &&
  grep -q usage out &&
  sanzi log verify --help >out &&
  grep -q usage out
'

# ---- the triggers: a first fence, without dropping them ----

test_expect_success 'the triggers refuse a plain UPDATE or DELETE of a register row' '
  mkdb &&
  before=$(db_state) &&
  ! sqlite3 "$SANZI_DB" "UPDATE asset SET original_value = 1 WHERE code = '\''A2'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM asset WHERE code = '\''A2'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "UPDATE org SET name = '\''x'\'' WHERE code = '\''$V1'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM org WHERE code = '\''$V1'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "UPDATE setting SET value = '\''1'\'' WHERE key = '\''cash_limit'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM setting" 2>err &&
  test "$(db_state)" = "$before" &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'the triggers refuse a plain UPDATE or DELETE of the change log' '
  before=$(db_state) &&
  ! sqlite3 "$SANZI_DB" "UPDATE history SET operator = '\''x'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM history WHERE id = (SELECT max(id) FROM history)" 2>err &&
  ! sqlite3 "$SANZI_DB" "UPDATE superseded SET old = '\''x'\''" 2>err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM superseded" 2>err &&
  test "$(db_state)" = "$before" &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'the triggers guard resource, account and fund rows too' '
  setup_county &&
  sanzi resource add village=$V1 name=地 land_class=0103 area=1 status=发包 >/dev/null &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add voucher=1 village=$V1 date=2025-01-15 account=$V1-ZH-0001 \
    direction=收入 amount=1 category=经营收入 summary=x >/dev/null &&
  before=$(db_state) &&
  for t in resource account fund; do
    ! sqlite3 "$SANZI_DB" "UPDATE $t SET note = '\''y'\''" 2>err || return 1
    grep -q "sanzi" err || { cat err; return 1; }
    ! sqlite3 "$SANZI_DB" "DELETE FROM $t" 2>err || return 1
  done &&
  test "$(db_state)" = "$before"
'

# ---- the acceptance cases: changes behind sanzi's back ----

test_expect_success 'a register row changed after dropping its trigger is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER asset_logged; UPDATE asset SET original_value = 1 WHERE code = '\''A2'\''" &&
  bad_chain "$e"
'

test_expect_success 'a row changed by also changing its log_id (trigger kept) is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "UPDATE asset SET original_value = 1, log_id = log_id + 1 WHERE code = '\''A2'\''" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out
'

test_expect_success 'a row inserted behind sanzi with the log_id of an existing entry is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "INSERT INTO asset(code, village, name, category, nature,
      original_value, acquired_via, acquired_on, status, log_id)
    VALUES('\''X-FAKE'\'', '\''$V1'\'', '\''假资产'\'', '\''其他'\'', '\''经营性'\'',
      100, '\''购入'\'', '\''2020-01-01'\'', '\''在用'\'', $e)" &&
  bad_chain "$e"
'

test_expect_success 'a row inserted behind sanzi with a bogus log_id is caught' '
  mkdb &&
  sqlite3 "$SANZI_DB" "INSERT INTO asset(code, village, name, category, nature,
      original_value, acquired_via, acquired_on, status, log_id)
    VALUES('\''X-FAKE'\'', '\''$V1'\'', '\''假资产'\'', '\''其他'\'', '\''经营性'\'',
      100, '\''购入'\'', '\''2020-01-01'\'', '\''在用'\'', 999)" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out &&
  grep -q "X-FAKE\|999" err
'

test_expect_success 'a row inserted with the log_id of an entry of another table is caught' '
  mkdb &&
  e=$(sql "SELECT log_id FROM org WHERE code = '\''$V1'\''") &&
  sqlite3 "$SANZI_DB" "INSERT INTO asset(code, village, name, category, nature,
      original_value, acquired_via, acquired_on, status, log_id)
    VALUES('\''X-FAKE'\'', '\''$V1'\'', '\''假资产'\'', '\''其他'\'', '\''经营性'\'',
      100, '\''购入'\'', '\''2020-01-01'\'', '\''在用'\'', $e)" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out
'

test_expect_success 'a row deleted after dropping asset_no_delete is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER asset_no_delete; DELETE FROM asset WHERE code = '\''A2'\''" &&
  bad_chain "$e"
'

test_expect_success 'a change-log entry edited after dropping history_no_update is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER history_no_update; UPDATE history SET operator = '\''nobody'\'' WHERE id = $e" &&
  bad_chain "$e"
'

test_expect_success 'a change-log entry whose time was moved is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER history_no_update; UPDATE history SET at = '\''2020-01-01T00:00:00Z'\'' WHERE id = $e" &&
  bad_chain "$e"
'

test_expect_success 'a change-log entry deleted after dropping history_no_delete is caught' '
  mkdb &&
  e=$(entry_of asset A2) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = $e" &&
  bad_chain "$e"
'

test_expect_success 'the last change-log entry deleted is caught' '
  mkdb &&
  e=$(entry_of asset A1) &&
  test "$e" = "$(sql "SELECT max(id) FROM history")" &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER history_no_delete; DELETE FROM history WHERE id = $e" &&
  bad_chain "$e"
'

test_expect_success 'a change-log entry appended by hand is caught' '
  mkdb &&
  e=$(($(sql "SELECT max(id) FROM history") + 1)) &&
  sqlite3 "$SANZI_DB" "INSERT INTO history(id, at, operator, tbl, key, action,
      new, nrows, digest, nold, old_digest, prev, hash)
    SELECT $e, at, operator, tbl, key, action, new, 0, digest, 0, old_digest,
      hash, randomblob(32) FROM history WHERE id = $e - 1" &&
  bad_chain "$e"
'

test_expect_success 'a superseded old value edited is caught' '
  mkdb &&
  first=$(sql "SELECT min(id) FROM history WHERE key = '\''A1'\''") &&
  last=$(entry_of asset A1) &&
  test "$first" != "$last" &&
  test "$(sql "SELECT count(*) FROM superseded")" = 1 &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER superseded_no_update; UPDATE superseded SET old = replace(old, '\''12000000'\'', '\''11000000'\'')" &&
  test "$(sql "SELECT count(*) FROM superseded WHERE old LIKE '\''%11000000%'\''")" = 1 &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out &&
  grep -E -q "entry #?($first|$last)([^0-9]|\$)" err
'

test_expect_success 'a superseded old value deleted is caught' '
  mkdb &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER superseded_no_delete; DELETE FROM superseded" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out
'

test_expect_success 'a parameter changed behind sanzi is caught' '
  mkdb &&
  e=$(sql "SELECT log_id FROM setting WHERE key = '\''cash_limit'\''") &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER setting_logged; UPDATE setting SET value = '\''99999900'\'' WHERE key = '\''cash_limit'\''" &&
  bad_chain "$e"
'

test_expect_success 'a village renamed behind sanzi is caught' '
  mkdb &&
  e=$(sql "SELECT log_id FROM org WHERE code = '\''$V1'\''") &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER org_logged; UPDATE org SET name = '\''假村'\'' WHERE code = '\''$V1'\''" &&
  bad_chain "$e"
'

test_expect_success 'a fund amount changed behind sanzi is caught' '
  mkdb &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add voucher=1 village=$V1 date=2025-01-15 account=$V1-ZH-0001 \
    direction=支出 amount=100 category=管理费用 summary=x >fund.code &&
  e=$(entry_of fund "$(cat fund.code)") &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER fund_logged; UPDATE fund SET amount = 10 WHERE code = '\''$(cat fund.code)'\''" &&
  bad_chain "$e"
'

# ---- inside a 1,000-row import ----

test_expect_success 'setup: a 1,000-row import is one verified batch' '
  mkdb &&
  awk -v v=$V2 "BEGIN {
    print \"村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态\"
    for (i = 1; i <= 1000; i++)
      printf \"%s,办公桌%d,办公设备,非经营性,%d.%02d,购入,2021-03-01,在用\\n\", v, i, 500 + i, i % 100
  }" >batch.csv &&
  test "$(wc -l <batch.csv)" = 1001 &&
  sanzi asset import batch.csv 2>err &&
  test "$(sql "SELECT count(*) FROM asset WHERE village = '\''$V2'\''")" = 1000 &&
  test "$(sql "SELECT count(DISTINCT log_id) FROM asset WHERE village = '\''$V2'\''")" = 1 &&
  sanzi log verify >/dev/null 2>&1 &&
  cp "$SANZI_DB" batch.db
'

test_expect_success 'a row changed inside the 1,000-row batch is caught' '
  cp batch.db "$SANZI_DB" &&
  e=$(entry_of asset $V2-ZC-0500) &&
  test -n "$e" &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER asset_logged; UPDATE asset SET original_value = original_value + 1 WHERE code = '\''$V2-ZC-0500'\''" &&
  bad_chain "$e"
'

test_expect_success 'a row deleted from the 1,000-row batch is caught' '
  cp batch.db "$SANZI_DB" &&
  e=$(entry_of asset $V2-ZC-0999) &&
  sqlite3 "$SANZI_DB" "DROP TRIGGER asset_no_delete; DELETE FROM asset WHERE code = '\''$V2-ZC-0999'\''" &&
  bad_chain "$e"
'

test_expect_success 'a row slipped into the 1,000-row batch is caught' '
  cp batch.db "$SANZI_DB" &&
  e=$(entry_of asset $V2-ZC-0001) &&
  sqlite3 "$SANZI_DB" "INSERT INTO asset(code, village, name, category, nature,
      original_value, acquired_via, acquired_on, status, log_id)
    VALUES('\''$V2-ZC-1001'\'', '\''$V2'\'', '\''办公桌1001'\'', '\''办公设备'\'', '\''非经营性'\'',
      50100, '\''购入'\'', '\''2021-03-01'\'', '\''在用'\'', $e)" &&
  bad_chain "$e"
'

test_expect_success 'an untouched copy of the batch still verifies' '
  cp batch.db "$SANZI_DB" &&
  sanzi log verify >out 2>err &&
  grep -E -q "^[0-9a-f]{64}\$" out
'

test_done
