#!/bin/sh
# A database damaged or changed behind sanzi's back: what was read is never
# passed off as complete, nothing is written on top of it, and the program
# says what is wrong instead of aborting. The damage is real: a leaf page of
# the asset table overwritten in the file, a table or trigger dropped with
# the sqlite3 shell.
. "$(dirname "$0")/lib.sh"

V1=150125100201
N=4000

# 4,000 assets (about 80 leaf pages), checkpointed into the main file, and
# a copy kept as good.db.
mkdb() {
  setup_county &&
  awk -v n=$N -v v=$V1 'BEGIN {
    print "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态"
    for(i = 1; i <= n; i++)
      printf "%s,第%d号农机具（用来填满页面的较长名称）,机器设备,经营性,1000.00,购入,2020-01-01,在用\n", v, i
  }' >assets.csv &&
  sanzi asset import assets.csv >/dev/null 2>&1 &&
  sql "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
  cp "$SANZI_DB" good.db
}

# damage: 64 bytes of 0xff over the header of a leaf page in the middle of
# the asset table.
damage() {
  page=$(sql "SELECT pageno FROM dbstat WHERE name = 'asset' AND
              pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 40") &&
  size=$(sql "PRAGMA page_size") &&
  printf '\377%.0s' $(seq 64) |
    dd of="$SANZI_DB" bs=1 seek=$(( (page - 1) * size )) conv=notrunc \
      2>/dev/null
}

test_expect_success 'set-up: 4,000 assets, the list has them all' '
  mkdb &&
  sanzi asset list --format csv >all.csv &&
  test $(wc -l <all.csv) = $((N + 1))
'

test_expect_success 'a list cut short by a damaged page fails (exit 1), it does not pass for the whole list' '
  damage &&
  test_must_fail 1 sanzi asset list --format csv >part.csv 2>err &&
  test $(wc -l <part.csv) -lt $((N + 1)) &&
  grep "^sanzi: database .*test.db. failed: database disk image is malformed" err
'

test_expect_success 'export and summary over the damaged page fail the same way' '
  test_must_fail 1 sanzi asset export >/dev/null 2>err &&
  grep "database disk image is malformed" err &&
  test_must_fail 1 sanzi summary >/dev/null 2>err &&
  grep "database disk image is malformed" err
'

test_expect_success 'log verify over the damaged page names the damage, not a tampered row' '
  test_must_fail 1 sanzi log verify >out 2>err &&
  ! test -s out &&
  grep "database disk image is malformed" err &&
  ! grep "outside sanzi" err
'

test_expect_success 'audit export over the damaged page names the damage and puts nothing in place' '
  test_must_fail 1 sanzi audit export --year 2025 --out audit >out 2>err &&
  grep "database disk image is malformed" err &&
  ! grep "outside sanzi" err &&
  ! test -e audit
'

test_expect_success 'a write that reads the damaged page writes nothing' '
  n=$(sql "SELECT count(*) FROM history") &&
  test_must_fail 1 sanzi asset add village=$V1 name=新仓库 category=房屋及建筑物 \
    nature=经营性 original_value=5000 acquired_via=自建 acquired_on=2021-01-01 \
    status=在用 >out 2>err &&
  ! test -s out &&
  grep "database disk image is malformed" err &&
  test "$(sql "SELECT count(*) FROM history")" = "$n"
'

test_expect_success 'a table dropped behind sanzi: log verify names it (exit 1, no abort)' '
  cp good.db "$SANZI_DB" && rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  sql "DROP TABLE subsidy_line" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  grep "^sanzi: log verify: the schema was changed outside sanzi: table .subsidy_line. is missing$" err
'

test_expect_success 'a trigger dropped behind sanzi: log verify names it' '
  cp good.db "$SANZI_DB" && rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  sql "DROP TRIGGER superseded_no_update" &&
  test_must_fail 1 sanzi log verify >out 2>err &&
  grep "trigger .superseded_no_update. is missing" err
'

test_expect_success 'a register whose table was dropped: the command fails with the reason (no abort)' '
  cp good.db "$SANZI_DB" && rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  sql "PRAGMA foreign_keys = OFF; DROP TABLE asset" &&
  test_must_fail 1 sanzi asset list >out 2>err &&
  grep "^sanzi: database .* failed: no such table: asset" err &&
  test_must_fail 1 sanzi asset show ${V1}-ZC-0001 >out 2>err &&
  grep "no such table: asset" err
'

test_done
