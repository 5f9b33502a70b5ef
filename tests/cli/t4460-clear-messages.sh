#!/bin/sh
# Clear messages (issue 14, part 5). A bad byte in a UTF-8 file is named
# on its row with its bytes (it was "FILE:1: invalid GB18030 byte
# sequence"); a PDF or an archive is named for what it is. A write that
# waits for another process's says who holds the database (a sanzi
# import: its command, operator and process, from the holder record it
# keeps while it writes) and gives up after the parameter busy_wait; a
# write that the other finishes in time goes through.
. "$(dirname "$0")/lib.sh"

V1=150125100201
H=村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态
R="$V1,仓库,房屋及建筑物,经营性,5000,自建,2020-01-01,在用"
add() {
  sanzi asset add village=$V1 name=仓库 category=房屋及建筑物 nature=经营性 \
    original_value=5000 acquired_via=自建 acquired_on=2020-01-01 status=在用 \
    --allow-duplicates "$@"
}
# rows N FILE: the header and N asset rows (about 100 bytes each)
rows() {
  { echo "$H,备注"; awk -v n=$1 -v r="$R" 'BEGIN {
      for (i = 1; i <= n; i++) printf "%s,第%06d行 ................................\n", r, i }'
  } >$2
}
# held FILE FLAG: `sanzi asset import -` of FILE that then waits, holding
# the database, until FLAG exists; its process id in $held_pid, once its
# holder record is out
held() {
  rm -f "$2"
  # (at most a minute, should the test fail before it says go)
  (cat "$1"; i=0; while ! test -f "$2" && test $i -lt 600; do
    sleep 0.1; i=$((i + 1)); done) |
    "$SANZI" asset import --allow-duplicates - >held.out 2>held.err &
  held_pid=$!
  i=0
  while ! test -f "$SANZI_DB-holder" && test $i -lt 100; do
    sleep 0.1
    i=$((i + 1))
  done
  test -f "$SANZI_DB-holder"
}

test_expect_success 'set-up' '
  setup_county
'

test_expect_success 'one bad byte on row 3 of a UTF-8 file: that row, its bytes, the way out' '
  before=$(db_state) &&
  printf "$H\n$R\n$V1,仓\344\275,房屋及建筑物,经营性,5000,自建,2020-01-01,在用\n" >stray.csv &&
  refused sanzi asset import stray.csv &&
  echo "stray.csv:3: invalid UTF-8 (bytes E4 BD); if this file is GBK, say --encoding gb18030" >expect &&
  grep "^stray.csv:" err >actual &&
  test_cmp expect actual &&
  unchanged
'

test_expect_success 'a GB18030 file with a bad byte: its row and bytes' '
  before=$(db_state) &&
  printf "%s\n" "$H" "$R" | iconv -f UTF-8 -t GB18030 >gb.csv &&
  printf "$V1,\326\320\377\n" >>gb.csv &&
  refused sanzi asset import gb.csv &&
  grep "^gb.csv:3: invalid GB18030 byte sequence (bytes FF)$" err &&
  unchanged
'

test_expect_success 'in Chinese' '
  refused sanzi --lang zh asset import stray.csv &&
  grep "^stray.csv:3: 无效的 UTF-8 字节（E4 BD）；如果文件是 GBK 编码，请加 --encoding gb18030$" err
'

test_expect_success 'a PDF and a 7-Zip archive are named, not read as text' '
  printf "%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n" >t.csv &&
  refused sanzi asset import t.csv &&
  grep "^'\''t.csv'\'' is a PDF document, not CSV text$" err &&
  printf "7z\274\257\047\034\000\004" >a.csv &&
  refused sanzi asset import a.csv &&
  grep "^'\''a.csv'\'' is a compressed archive (7-Zip, RAR, bzip2 or xz), not CSV text: unpack it first$" err
'

test_expect_success 'a write behind a running import names it and gives up after busy_wait' '
  sanzi config busy_wait 1 >/dev/null &&
  rows 3000 big.csv &&
  test $(wc -c <big.csv) -gt 300000 &&
  before=$(db_state) &&
  held big.csv go &&
  t0=$(date +%s.%N) &&
  test_must_fail 1 add >out 2>err &&
  t1=$(date +%s.%N) &&
  echo "sanzi: the database is busy: '\''sanzi asset import --allow-duplicates -'\'' by tester (process $held_pid) is writing to it; gave up after waiting 1 s (the parameter busy_wait); try again when it is done" >expect &&
  test_cmp expect err &&
  awk -v a=$t0 -v b=$t1 "BEGIN { exit !(b - a >= 1) }" &&
  unchanged &&
  touch go &&
  wait $held_pid &&
  test "$(sql "SELECT count(*) FROM asset")" = 3000 &&
  ! test -f "$SANZI_DB-holder"
'

test_expect_success 'a write that the import lets through within busy_wait goes through' '
  sanzi config busy_wait 30 >/dev/null &&
  held big.csv go2 &&
  { (add >late.out 2>late.err; echo $? >late.rc) & } &&
  waiter=$! &&
  sleep 1 &&
  ! test -f late.rc &&
  touch go2 &&
  wait $held_pid && wait $waiter &&
  test "$(cat late.rc)" = 0 &&
  test "$(sql "SELECT count(*) FROM asset")" = 6001
'

test_expect_success 'held by another program (or a sanzi that is gone): said so, in Chinese too' '
  sanzi config busy_wait 1 >/dev/null &&
  printf "999999999\tghost\tasset import old.csv\n" >"$SANZI_DB-holder" &&
  rm -f locked &&
  { $PY -c "
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute(\"BEGIN IMMEDIATE\")
open(\"locked\", \"w\").close()
end = time.time() + 60
while not os.path.exists(\"release\") and time.time() < end:
    time.sleep(0.05)
c.execute(\"ROLLBACK\")
" "$SANZI_DB" & } &&
  py=$! &&
  i=0 && while ! test -f locked && test $i -lt 100; do sleep 0.1; i=$((i + 1)); done &&
  before=$(db_state) &&
  test_must_fail 1 add 2>err &&
  echo "sanzi: the database is busy: another program is writing to it; gave up after waiting 1 s (the parameter busy_wait)" >expect &&
  test_cmp expect err &&
  test_must_fail 1 sanzi --lang zh asset add village=$V1 name=仓库 category=房屋及建筑物 nature=经营性 \
    original_value=5000 acquired_via=自建 acquired_on=2020-01-01 status=在用 2>err &&
  echo "sanzi: 数据库正忙：另一个程序正在写入；已等待 1 秒（参数 busy_wait），仍未完成" >expect &&
  test_cmp expect err &&
  touch release && wait $py &&
  unchanged &&
  rm -f "$SANZI_DB-holder"
'

test_done
