# tests/cli/lib.sh: a small TAP test library in the style of git's t/.
# Each script: . "$(dirname "$0")/lib.sh", then test_expect_success calls,
# then test_done. Every script runs in its own temporary directory with its
# own database; SANZI is the binary under test.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SANZI=${SANZI_BIN:-$TOP/sanzi}   # make check sets the sanitizer build
SAMPLE="$TOP/sample"
# Debian's python3 (with python3-openpyxl): quick to start, unlike a shim.
PY=/usr/bin/python3
DATA="$TOP/tests/data"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/sanzi-test.XXXXXX")
trap '[ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT
cd "$TMP" || exit 1
# The tests written before the Chinese catalog read the English texts; the
# tests of the Chinese texts say --lang zh.
export SANZI_DB="$TMP/test.db" SANZI_USER=tester LC_ALL=C.UTF-8 LANGUAGE=en
test_count=0
test_failed=0

sanzi() { "$SANZI" "$@"; }

test_expect_success() {
  test_count=$((test_count + 1))
  if (eval "$2") >"$TMP/out.log" 2>&1; then
    echo "ok $test_count - $1"
  else
    echo "not ok $test_count - $1"
    sed 's/^/# /' "$TMP/out.log"
    test_failed=$((test_failed + 1))
  fi
}

# test_must_fail STATUS CMD...: CMD must exit with STATUS (1 or 2).
test_must_fail() {
  want=$1
  shift
  "$@" && { echo "expected failure, got success: $*" >&2; return 1; }
  got=$?
  [ "$got" = "$want" ] || { echo "expected exit $want, got $got: $*" >&2; return 1; }
  return 0
}

# test_cmp EXPECTED ACTUAL: files must be equal; shows the diff.
test_cmp() { diff -u "$1" "$2"; }

# A fingerprint of everything in the database, to prove a refused command
# changed nothing.
db_state() { tables_state "SELECT name FROM sqlite_schema WHERE type = 'table'"; }
# tables_state QUERY: a fingerprint of the rows of the tables QUERY names,
# read by one sqlite3 process (one per table made the tests slow). A
# search index is read through the tables that hold it (a contentless
# FTS5 table cannot be read itself; two of its tables have no rowid).
tables_state() {
  sqlite3 "$SANZI_DB" "SELECT name, sql LIKE '%WITHOUT ROWID' FROM
    sqlite_schema WHERE name IN ($1) AND sql NOT LIKE 'CREATE VIRTUAL%'
    ORDER BY name" |
  while IFS='|' read -r t norowid; do
    echo ".print == $t"
    if [ "$norowid" = 1 ]; then
      echo "SELECT * FROM \"$t\" ORDER BY 1, 2;"
    else
      echo "SELECT * FROM \"$t\" ORDER BY rowid;"
    fi
  done | sqlite3 "$SANZI_DB" | sha256sum
}

# english_words FILE [ALLOW]: the English words left in a Chinese text, one
# per line (nothing when there are none). Not counted: options (--encoding),
# commands (sanzi asset import), the keys of KEY=VALUE, file names and
# paths (anything with a /), hashes, the words a clerk's software shows in
# Latin letters (CSV, UTF-8, Excel, SQLite...) and those matching the
# extended regular expression ALLOW (names the test itself used).
english_words() {
  sed -E -e 's/--?[A-Za-z][A-Za-z0-9-]*(=[^ ]*)?//g' \
    -e 's/[A-Za-z_][A-Za-z0-9_.]*=//g' -e 's/[0-9a-f]{16,}//g' \
    -e 's|[^ 　“”‘’（）：，。；、"'"'"']*/[^ 　“”‘’（）：，。；、"'"'"']*||g' \
    -e 's/sanzi( [a-z]+)*//g' \
    -e 's/[^ 　“”‘’（）：，。；、"'"'"']+\.(csv|xlsx|xls|txt|db|sql|zip)//g' "$1" |
    grep -o -E '[A-Za-z]{3,}' |
    grep -v -x -E 'CSV|UTF|GBK|GB|XLSX|XLS|xlsx|xls|csv|json|JSON|Excel|WPS|MiB|KiB|NUL|BOM|SQLite|SHA|sqlite|ISO|HEAD|TAB|NULL|OK|ID|PDF|ZIP|LibreOffice'"${2:+|$2}" |
    sort -u
}

# sql QUERY: its result on the test database.
sql() { sqlite3 "$SANZI_DB" "$1"; }
# use FILE: work on another database from here on.
use() { SANZI_DB=$1; export SANZI_DB; }

# refused CMD...: exit 1, nothing on stdout, the message left in err. A
# test that refuses takes a snapshot first (before=$(db_state)) and ends
# with `unchanged`: the refused commands wrote nothing at all.
refused() {
  test_must_fail 1 "$@" >out 2>err &&
  ! test -s out
}
unchanged() { test "$(db_state)" = "$before"; }

# A fresh database with the Wuchuan divisions loaded.
setup_county() {
  rm -f "$SANZI_DB" "$SANZI_DB-wal" "$SANZI_DB-shm" "$SANZI_DB.anchors"
  sanzi init >/dev/null &&
  sanzi org import "$SAMPLE/divisions-wuchuan.csv" 2>/dev/null
}

# csv_pick COL...: the named columns of the CSV on stdin, joined by '|';
# a row whose field count is not the header's prints "BAD ROW". With
# LOOSE=1, a row with too many fields has them glued back onto its last
# column (so that the figures can be checked even when a message with a
# comma in the last column was not quoted; a separate test checks that).
csv_pick() {
  awk -v want="$*" -v loose="${LOOSE:-}" -v bom="$(printf '\357\273\277')" '
  function split_csv(line,   i, c, f, q, n) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
      c = substr(line, i, 1)
      if (q) {
        if (c == "\"") {
          if (substr(line, i + 1, 1) == "\"") { f = f c; i++ } else q = 0
        } else f = f c
      } else if (c == "\"") q = 1
      else if (c == ",") { F[++n] = f; f = "" }
      else f = f c
    }
    F[++n] = f
    return n
  }
  { sub(/\r$/, "") }
  NR == 1 {
    if (index($0, bom) == 1) $0 = substr($0, length(bom) + 1)
    nh = split_csv($0)
    for (i = 1; i <= nh; i++) H[F[i]] = i
    nw = split(want, W, " ")
    for (i = 1; i <= nw; i++) if (!(W[i] in H)) print "NO COLUMN: " W[i]
    next
  }
  {
    n = split_csv($0)
    if (n > nh && loose) {
      for (i = nh + 1; i <= n; i++) F[nh] = F[nh] "," F[i]
      n = nh
    }
    if (n != nh) { print "BAD ROW: " $0; next }
    out = ""
    for (i = 1; i <= nw; i++) out = out (i > 1 ? "|" : "") F[H[W[i]]]
    print out
  }'
}

# json_pick PART KEY...: from the --format json of a view on stdin, the
# KEYs of each row of PART (a show's part; "-" for a list), joined by '|';
# null prints as nothing, numbers as written (120000.00 stays so). A part
# or key the JSON does not have fails.
json_pick() {
  "$PY" -c '
import json, sys
part, keys = sys.argv[1], sys.argv[2:]
doc = json.load(sys.stdin, parse_float=str, parse_int=str)
for row in (doc if part == "-" else doc[part]):
    print("|".join("" if row[k] is None else str(row[k]) for k in keys))
' "$@"
}

# log_rows ARGS...: the entries of `sanzi log ARGS --format csv`, one per
# line as 操作人|操作|表|编号 (the code empty for a batch); the log has a
# row per field an entry changed, this one per entry.
log_rows() {
  sanzi log "$@" --format csv | csv_pick "#" 操作人 操作 表 编号 | uniq |
    cut -d"|" -f2-
}

# changes CMD...: the fields changed in the history part of the show that
# `sanzi CMD` prints, oldest first, one per line as 字段|旧值|新值 (the
# values as show prints them; empty for none); read from --format csv.
changes() {
  sanzi "$@" --format csv --part history >changes.csv &&
  csv_pick 字段 旧值 新值 <changes.csv | sed '/^||$/d'
}

# add_to REGISTER DEFAULTS KEY=VALUE...: `sanzi REGISTER add` with the
# defaults, the arguments (English keys) replacing those with the same key.
add_to() {
  reg=$1 defaults=$2
  shift 2
  for d in $defaults; do
    seen=
    for a in "$@"; do
      [ "${a%%=*}" = "${d%%=*}" ] && seen=1
    done
    [ -n "$seen" ] || set -- "$@" "$d"
  done
  sanzi "$reg" add "$@"
}
test_done() {
  echo "1..$test_count"
  [ "$test_failed" = 0 ]
}

# fixed_day DAY: from here on sanzi runs as if today were DAY (libfaketime,
# Debian package faketime), for the tests of what depends on today, such as
# the audit's reference date in the year still running; the clock stands
# still at noon (the change log's times never go backwards). Sets TODAY.
fixed_day() {
  TODAY=$1
  FIXED_CLOCK="$1 12:00:00"
  # libfaketime is preloaded before the sanitizers' runtime (make check)
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
  sanzi() { faketime -f "$FIXED_CLOCK" "$SANZI" "$@"; }
}
