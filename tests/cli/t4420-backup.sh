#!/bin/sh
# sanzi backup and sanzi restore (issue 14, part 6): a copy made with
# SQLite's online backup API while another process keeps writing, checked
# (integrity_check, log verify) and named NAME-TIME-HEAD.db; --keep N; a
# kill at any rename or fsync leaves no half file under a copy's name;
# restore refuses a copy that does not verify and keeps the file replaced.
. "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot work under ptrace (strace): in `make check` the
# traced commands run without the leak check, which the other tests of the
# same commands make.
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"

V1=150125100201
fixed_day 2026-03-01

asset() { # asset NAME VALUE
  sanzi asset add village=$V1 name="$1" category=房屋及建筑物 nature=非经营性 \
    original_value=$2 acquired_via=自建 acquired_on=2020-06-15 status=在用 \
    >/dev/null
}
head_of() { sanzi --db "$1" log verify --anchors /dev/null 2>/dev/null; }
entries_of() { sqlite3 "$1" "SELECT count(*) FROM history"; }
# copies DIR: the names of the copies of test.db in DIR
copies() { ls "$1" | grep -E '^test-[0-9]{8}T[0-9]{6}Z-[0-9a-f]{16}\.db$' || true; }
hidden() { ls -A "$1" | grep '^\.sanzi-backup-' || true; }

test_expect_success 'backup: a private copy named by time and head, which checks' '
  setup_county && asset 办公楼 120000 &&
  h=$(head_of "$SANZI_DB") &&
  sanzi backup --out bk >out 2>err &&
  name=test-20260301T120000Z-$(echo $h | cut -c1-16).db &&
  echo "bk/$name" >expect && test_cmp expect out &&
  test "$(copies bk)" = "$name" &&
  test "$(stat -c %a bk/$name)" = 600 &&
  test "$(sqlite3 bk/$name "PRAGMA integrity_check")" = ok &&
  test "$(head_of bk/$name)" = "$h" &&
  test "$(entries_of bk/$name)" = "$(entries_of "$SANZI_DB")" &&
  grep -q "its $(entries_of "$SANZI_DB") change-log entries verify (head $h)" err &&
  test -z "$(hidden bk)" &&
  ! test -e "bk/$name-wal"
'

test_expect_success '--keep 2: the two newest copies of this database stay, nothing else is touched' '
  echo 备忘 >bk/notes.txt &&
  cp bk/$(copies bk) bk/other-20200101T000000Z-0000000000000000.db &&
  for d in 02 03 04; do
    FIXED_CLOCK="2026-03-$d 12:00:00" && asset 仓库$d 100 &&
    sanzi backup --out bk --keep 2 >/dev/null 2>&1 || return 1
  done &&
  copies bk | cut -c6-21 >got &&
  printf "20260303T120000Z\n20260304T120000Z\n" >want && test_cmp want got &&
  test "$(cat bk/notes.txt)" = 备忘 &&
  test -f bk/other-20200101T000000Z-0000000000000000.db &&
  test "$(head_of bk/$(copies bk | tail -1))" = "$(head_of "$SANZI_DB")"
'

test_expect_success 'usage errors exit 2 and make nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi backup 2>err && grep -q -- "--out" err &&
  test_must_fail 2 sanzi backup --out u1 --keep 0 2>err && grep -q -- "--keep" err &&
  test_must_fail 2 sanzi backup --out u1 --keep abc 2>err && grep -q "abc" err &&
  test_must_fail 2 sanzi restore 2>err &&
  ! test -e u1 && unchanged
'

test_expect_success 'backup while another process keeps writing: every write lands, every copy checks' '
  FIXED_CLOCK="2026-03-05 12:00:00" &&
  n0=$(entries_of "$SANZI_DB") &&
  { ( i=0; while [ $i -lt 30 ]; do asset 并发$i 1 || exit 1; i=$((i + 1)); done ) & } &&
  writer=$! &&
  i=0 && while [ $i -lt 4 ]; do
    "$SANZI" backup --out live >/dev/null 2>>berr || { cat berr; return 1; }
    i=$((i + 1))
  done &&
  wait $writer &&
  test "$(entries_of "$SANZI_DB")" = $((n0 + 30)) &&
  for f in live/*.db; do
    test "$(sqlite3 $f "PRAGMA integrity_check")" = ok &&
    h=$(head_of $f) && test -n "$h" &&
    e=$(entries_of $f) &&
    test $e -ge $n0 && test $e -le $((n0 + 30)) &&
    case $f in *-$(echo $h | cut -c1-16).db) ;; *) echo "$f: not its head"; return 1 ;; esac
  done
'

test_expect_success 'a database that does not verify is not backed up: nothing named, nothing left' '
  sqlite3 "$SANZI_DB" ".backup tam.db" &&
  sqlite3 tam.db "DROP TRIGGER asset_logged;
    UPDATE asset SET original_value = 1 WHERE id = 1" &&
  test_must_fail 1 sanzi --db tam.db backup --out tb >out 2>err &&
  ! test -s out &&
  grep -q "^sanzi: backup: tb/tam.db: the change log does not verify: " err &&
  test -z "$(ls -A tb)" &&
  test_must_fail 1 sanzi --lang zh --db tam.db backup --out tb 2>err &&
  grep -q "tb/tam.db：变更日志验证不通过：" err
'

test_expect_success 'killed at each rename and fsync of a backup: no half file under a copy name' '
  FIXED_CLOCK="2026-03-06 12:00:00" &&
  strace -f -qq -o trace -e trace=rename,renameat,renameat2,fsync,fdatasync \
    "$SANZI" backup --out kb >/dev/null 2>&1 &&
  test "$(grep -c " rename(" trace)" = 1 &&
  h=$(head_of "$SANZI_DB") && rm -rf kb && : >outcomes &&
  for sc in rename fsync fdatasync; do
    n=$(grep -c " $sc(" trace || true) && i=1 &&
    while [ $i -le $n ]; do
      { strace -f -qq -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i \
          "$SANZI" backup --out kb >/dev/null 2>&1
        rc=$?; true; } &&
      test $rc = 137 || { echo "$sc #$i: not killed ($rc)"; return 1; }
      for f in $(copies kb); do
        test "$(head_of kb/$f)" = "$h" || { echo "$sc #$i: kb/$f is not whole"; return 1; }
      done
      echo "$sc #$i: $(copies kb | wc -l)" >>outcomes
      rm -f kb/test-*.db
      i=$((i + 1))
    done || return 1
  done &&
  cat outcomes &&
  grep -q "^rename #1: 0$" outcomes &&
  test -n "$(hidden kb)" &&
  sanzi backup --out kb >/dev/null 2>&1 &&
  test -z "$(hidden kb)" && test "$(copies kb | wc -l)" = 1
'

test_expect_success 'restore: an older copy goes in, the database replaced is kept' '
  FIXED_CLOCK="2026-03-07 12:00:00" &&
  old=bk/$(copies bk | head -1) &&
  was=$(head_of "$SANZI_DB") && want=$(head_of $old) &&
  test "$was" != "$want" &&
  sanzi restore $old >out 2>err &&
  echo "$want" >expect && test_cmp expect out &&
  test "$(head_of "$SANZI_DB")" = "$want" &&
  test "$(entries_of "$SANZI_DB")" = "$(entries_of $old)" &&
  kept="$SANZI_DB.replaced-20260307T120000Z" &&
  grep -q "kept as $kept" err &&
  test "$(head_of "$kept")" = "$was"
'

test_expect_success 'restore refuses a copy that does not verify, or is no sanzi database: nothing changes' '
  FIXED_CLOCK="2026-03-08 12:00:00" &&
  cp bk/$(copies bk | tail -1) bad.db &&
  sqlite3 bad.db "DROP TRIGGER asset_logged;
    UPDATE asset SET original_value = 7 WHERE id = 1" &&
  was=$(head_of "$SANZI_DB") && before=$(db_state) &&
  test_must_fail 1 sanzi restore bad.db >out 2>err && ! test -s out &&
  grep -q "^sanzi: restore: bad.db: the change log does not verify: " err &&
  test_must_fail 1 sanzi --lang zh restore bad.db 2>err &&
  grep -q "bad.db：变更日志验证不通过：" err &&
  echo "not a database" >junk.db &&
  test_must_fail 1 sanzi restore junk.db 2>err && grep -q "junk.db" err &&
  test_must_fail 1 sanzi restore nosuch.db 2>err && grep -q "nosuch.db" err &&
  unchanged && test "$(head_of "$SANZI_DB")" = "$was" &&
  ! test -e "$SANZI_DB.replaced-20260308T120000Z" &&
  test -z "$(ls -A | grep "^\.sanzi-")"
'

test_expect_success 'restore with no database at all: made from the copy, nothing to keep' '
  use "$TMP/gone.db" &&
  c=bk/$(copies bk | tail -1) &&
  sanzi restore $c >out 2>/dev/null &&
  test "$(cat out)" = "$(head_of $c)" &&
  test "$(head_of "$SANZI_DB")" = "$(head_of $c)" &&
  ! ls "$SANZI_DB".replaced-* 2>/dev/null
'

test_expect_success 'restore killed at each rename, fsync and fdatasync: the old database or the copy, whole' '
  use "$TMP/test.db" && FIXED_CLOCK="2026-03-09 12:00:00" &&
  asset 新增 1 && was=$(head_of "$SANZI_DB") &&
  c=bk/$(copies bk | tail -1) && want=$(head_of $c) && test "$was" != "$want" &&
  cp "$SANZI_DB" pristine.db &&
  cp pristine.db scratch.db &&
  strace -f -qq -o rtrace -e trace=rename,fsync,fdatasync \
    "$SANZI" --db scratch.db restore $c >/dev/null 2>&1 &&
  test "$(head_of scratch.db)" = "$want" &&
  : >routcomes &&
  for sc in rename fsync fdatasync; do
    n=$(grep -c " $sc(" rtrace || true) && i=1 &&
    while [ $i -le $n ]; do
      rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" && cp pristine.db "$SANZI_DB" &&
      { strace -f -qq -o /dev/null -e trace=$sc -e inject=$sc:signal=KILL:when=$i \
          "$SANZI" restore $c >/dev/null 2>&1; rc=$?; true; } &&
      test $rc = 137 || { echo "$sc #$i: not killed ($rc)"; return 1; }
      h=$(head_of "$SANZI_DB") &&
      case $h in
      "$was") echo "$sc #$i: old" >>routcomes ;;
      "$want") echo "$sc #$i: copy" >>routcomes ;;
      *) echo "$sc #$i: neither ($h)"; return 1 ;;
      esac
      i=$((i + 1))
    done || return 1
  done &&
  cat routcomes &&
  grep -q ": old$" routcomes && grep -q ": copy$" routcomes
'

test_done
