#!/bin/sh
# The audit export becomes visible in one step (issue 14, part 2): killed
# by strace's fault injection at each rename and fsync it makes, in turn,
# the directory is always the old export or the new one, each matching the
# SHA-256 sums of its own manifest, and a file of the user's in it is kept.
# What a killed export leaves (a hidden .sanzi-export-* directory, private,
# with whole ID numbers in it) is removed by the next export. Where the
# file system refuses RENAME_EXCHANGE the export still succeeds, and a kill
# between its two renames leaves the old export whole under a hidden name.
. "$(dirname "$0")/lib.sh"
# LeakSanitizer cannot work under ptrace (strace): in `make check` the
# traced commands run without the leak check, which the other tests of the
# same commands make.
[ -n "${ASAN_OPTIONS:-}" ] && export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"

V1=150125100201
if ! command -v strace >/dev/null || ! strace -f -qq -o /dev/null true 2>/dev/null; then
  echo "1..0 # SKIP strace cannot trace here"
  exit 0
fi

asset() {
  sanzi asset add village=$V1 name="$1" category=房屋及建筑物 nature=非经营性 \
    original_value=120000 acquired_via=自建 acquired_on=2020-06-15 \
    status=在用 >/dev/null
}
export_to() { sanzi audit export --year 2025 --out "$1" >/dev/null 2>&1; }

# listed DIR: the manifest's files (name, rows, hash), one a line.
listed() { sed -n '/^文件\t行数\tSHA-256$/,$p' "$1/manifest.txt" | sed 1d; }
# whole DIR: the manifest lists every file of DIR but itself and notes.txt,
# each with its SHA-256 as sha256sum computes it now.
whole() {
  test -f "$1/manifest.txt" && listed "$1" >m.list && test -s m.list &&
  cut -f1 m.list | LC_ALL=C sort >m.names &&
  (cd "$1" && ls -A | grep -v -e '^manifest\.txt$' -e '^notes\.txt$' |
    LC_ALL=C sort) >d.names &&
  test_cmp m.names d.names &&
  while IFS="$(printf '\t')" read -r f rows h; do
    test "$(sha256sum <"$1/$f" | cut -d" " -f1)" = "$h" ||
      { echo "$1/$f does not match its manifest"; return 1; }
  done <m.list
}
# state DIR: "old" (one asset), "new" (two), "absent", else "bad" and why.
state() {
  if ! test -e "$1"; then echo absent; return; fi
  if ! whole "$1" >why 2>&1; then echo bad; cat why; return; fi
  test "$(cat "$1/notes.txt" 2>/dev/null)" = 备忘 ||
    { echo bad; echo "notes.txt lost"; return; }
  case $(listed "$1" | grep '^01-资产清单\.csv' | cut -f2) in
  1) echo old ;; 2) echo new ;; *) echo bad; echo "01-资产清单 rows?" ;;
  esac
}
# calls SYSCALL TRACE: how many times the export made that system call.
calls() { grep -c " $1(" "$2" || true; }
hidden() { ls -A | grep '^\.sanzi-export-' || true; }

test_expect_success 'setup: an export of one asset (with a note of the user), then a second asset' '
  setup_county && asset 办公楼 &&
  export_to exp && echo 备忘 >exp/notes.txt &&
  test "$(state exp)" = old &&
  mkdir keep && cp -a exp keep/old &&
  asset 仓库
'

test_expect_success 'the new export replaces the old in one renameat2 (RENAME_EXCHANGE), after every file is flushed' '
  cp -a keep/old cnt &&
  strace -f -qq -o trace -e trace=rename,renameat,renameat2,fsync,fdatasync \
    "$SANZI" audit export --year 2025 --out cnt >/dev/null 2>&1 &&
  test "$(state cnt)" = new &&
  test "$(calls renameat2 trace)" = 1 &&
  grep -q "renameat2(.*\"cnt\", RENAME_EXCHANGE) = 0" trace &&
  test "$(calls rename trace)" = 0 && test "$(calls renameat trace)" = 0 &&
  # 16 CSV files, the workbook, the manifest, the note; the new directory;
  # the directory around it; the anchors file: at least 21
  test "$(calls fsync trace)" -ge 21 &&
  # each file is flushed before the exchange, the directory around after
  test "$(sed -n "\$p" trace | grep -c " fsync(")" = 1 &&
  test -z "$(hidden)"
'

# kill_at SYSCALL N DIR: the export into DIR, killed at its N-th SYSCALL.
kill_at() {
  strace -f -qq -o /dev/null -e trace="$1" -e inject="$1":signal=KILL:when="$2" \
    "$SANZI" audit export --year 2025 --out "$3" >/dev/null 2>&1
}

test_expect_success 'killed at each rename and fsync in turn: the old export or the new, each whole' '
  : >outcomes &&
  for sc in rename renameat renameat2 fsync; do
    n=$(calls $sc trace) &&
    i=1 &&
    while [ $i -le $n ]; do
      rm -rf exp && cp -a keep/old exp &&
      { kill_at $sc $i exp; rc=$?; true; } &&
      test $rc = 137 || { echo "$sc #$i: not killed (exit $rc)"; return 1; }
      s=$(state exp) &&
      echo "$sc #$i: $s" >>outcomes &&
      case $s in old | new) ;; *) cat outcomes; echo "$s"; return 1 ;; esac
      i=$((i + 1))
    done || return 1
  done &&
  cat outcomes &&
  # killed before the exchange: the old; at the last fsync, after it: the new
  grep -q "^renameat2 #1: old$" outcomes &&
  grep -q "^fsync #1: old$" outcomes &&
  grep -q "^fsync #$(calls fsync trace): new$" outcomes
'

test_expect_success 'a killed export leaves a private hidden directory; the next export removes every one' '
  test -n "$(hidden)" &&
  for h in $(hidden); do
    test "$(stat -c %a "$h")" = 700 || { echo "$h is not private"; return 1; }
  done &&
  export_to exp &&
  test "$(state exp)" = new &&
  test -z "$(hidden)"
'

test_expect_success 'the first export (no directory yet) killed at each step: nothing, or the new one whole' '
  strace -f -qq -o trace1 -e trace=rename,renameat,renameat2,fsync \
    "$SANZI" audit export --year 2025 --out first >/dev/null 2>&1 &&
  test "$(calls rename trace1)" = 1 && test "$(calls renameat2 trace1)" = 0 &&
  : >outcomes1 &&
  for sc in rename fsync; do
    n=$(calls $sc trace1) && i=1 &&
    while [ $i -le $n ]; do
      rm -rf first &&
      { kill_at $sc $i first; rc=$?; true; } &&
      test $rc = 137 || { echo "$sc #$i: not killed (exit $rc)"; return 1; }
      if test -e first; then
        whole first || return 1
        echo "$sc #$i: new" >>outcomes1
      else
        echo "$sc #$i: absent" >>outcomes1
      fi
      i=$((i + 1))
    done || return 1
  done &&
  grep -q "^rename #1: absent$" outcomes1 &&
  grep -q "^fsync #$(calls fsync trace1): new$" outcomes1 &&
  export_to first && test -z "$(hidden)"
'

test_expect_success 'RENAME_EXCHANGE refused by the file system: two renames, the export still made' '
  rm -rf exp && cp -a keep/old exp &&
  strace -f -qq -o trace2 -e trace=renameat2,rename \
    -e inject=renameat2:error=EINVAL \
    "$SANZI" audit export --year 2025 --out exp >/dev/null 2>&1 &&
  test "$(calls rename trace2)" = 2 &&
  test "$(state exp)" = new &&
  test -z "$(hidden)"
'

test_expect_success 'killed between those two renames: no export under the name, the old one whole aside' '
  rm -rf exp && cp -a keep/old exp &&
  { strace -f -qq -o /dev/null -e trace=renameat2,rename \
      -e inject=renameat2:error=EINVAL -e inject=rename:signal=KILL:when=2 \
      "$SANZI" audit export --year 2025 --out exp >/dev/null 2>&1; rc=$?; true; } &&
  test $rc = 137 &&
  ! test -e exp &&
  # two hidden directories: the old export set aside, the new one built
  test "$(hidden | wc -l)" = 2 &&
  for h in $(hidden); do state $h; done | LC_ALL=C sort >aside &&
  printf "new\nold\n" >want && test_cmp want aside &&
  export_to exp && test "$(state exp)" = new &&
  test -z "$(hidden)"
'

test_expect_success '--out . or ..: refused before anything is written (also in Chinese)' '
  before=$(db_state) && mkdir -p sub && : >out && : >err &&
  st=$(ls -A | grep -v "^test\.db" | LC_ALL=C sort) &&
  test_must_fail 1 sanzi audit export --year 2025 --out . >out 2>err &&
  ! test -s out &&
  grep -qx "sanzi: \.: name the directory itself, not \. or \.\." err &&
  test_must_fail 1 sanzi --lang zh audit export --year 2025 --out sub/.. 2>err &&
  grep -qx "sanzi: sub/\.\.：请写出目录本身的名字，不能是 \. 或 \.\." err &&
  test "$(ls -A | grep -v "^test\.db" | LC_ALL=C sort)" = "$st" && unchanged
'

test_expect_success 'a directory of the user in DIR is carried over whole; one in the way of a file is refused' '
  rm -rf exp && cp -a keep/old exp && mkdir -p exp/照片/2025 &&
  echo 图 >exp/照片/2025/a.jpg &&
  export_to exp && test "$(cat exp/照片/2025/a.jpg)" = 图 &&
  test "$(cat exp/notes.txt)" = 备忘 && test -z "$(hidden)" &&
  rm exp/manifest.txt && mkdir exp/manifest.txt &&
  st=$(cd exp && find . | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort) &&
  before=$(db_state) &&
  test_must_fail 1 sanzi audit export --year 2025 --out exp >out 2>err &&
  ! test -s out &&
  grep -qx "sanzi: exp/manifest.txt: is a directory; the export did not replace it" err &&
  test "$(cd exp && find . | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort)" = "$st" &&
  test -z "$(hidden)" && unchanged
'

test_done
