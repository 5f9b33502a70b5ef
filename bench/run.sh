#!/bin/sh
# bench/run.sh: sanzi against the sqlite3 shell on the same machine, in the
# same run. Run by `make bench` from the repository root.
#
#   1. generates BENCH_ROWS (default 1,000,000) asset cards into
#      bench/out/assets.csv (kept between runs while the generator, the
#      divisions file, the row count and the file's size are unchanged);
#   2. import: `sanzi asset import` into a fresh bench/out/sanzi.db against
#      `sqlite3 .import` into a fresh bench/out/plain.db holding the same 19
#      columns with only a primary key (code);
#   2a. the national divisions (bench/gen.c divisions: 665,276 codes, the
#      real file's size): `sanzi org import` into a fresh database against
#      `sqlite3 .import` into a table of the same 4 columns with only a
#      primary key (target <= 1.5x);
#   2b. the same rows as an .xlsx workbook (bench/csv2xlsx.c, libxlsxwriter):
#      `sanzi asset import` of it against the CSV import (target <= 2.5x,
#      peak RSS <= 96 MiB);
#   3. export: `sanzi asset export` against `sqlite3 -csv ... SELECT *`;
#   4. the annual audit of 2025 over the same million assets: `sanzi audit
#      export --format csv` and with the workbook (--format both), against
#      `sanzi asset export` of the same run (and `asset export --as-of`,
#      which computes the same depreciation as the audit's inventory);
#   5. search: `sanzi asset list --q` over the same million assets, a
#      location of three characters or more (about 1,000 hits), a name in
#      one village, one character in one village (target < 50 ms each,
#      the whole command).
#   6. the web server under load: bench/web.sh, on the same million
#      assets (after the others; BENCH_ONLY=web runs it alone);
# Every timed command runs BENCH_RUNS times (default 2), sanzi and sqlite3
# alternating so that both meet the same machine; the best wall time
# counts and the peak RSS is the largest seen. Targets: import <= 1.0x
# sqlite3, divisions import <= 1.5x, export <= 1.5x sqlite3, sanzi's peak
# RSS <= 64 MiB, audit export <= 3.0x asset export.
#
# Without ./sanzi (or with BENCH_SQLITE_ONLY=1) only the sqlite3 half runs.
# BENCH_ONLY=imports runs the two CSV imports (2 and 2a) and nothing else.
# Exit status 1 when a step failed; missed targets are reported, not fatal.
set -e
cd "$(dirname "$0")/.."

N=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-2}
CC=${CC:-cc}
OUT=bench/out
DIV=sample/divisions-wuchuan.csv
CSV=$OUT/assets.csv
SDB=$OUT/sanzi.db
PDB=$OUT/plain.db
TIME=/usr/bin/time

say() {
  printf 'bench: %s\n' "$*" >&2
}

for tool in sqlite3 awk cksum; do
  command -v $tool >/dev/null 2>&1 || { say "'$tool' is missing"; exit 1; }
done
[ -x $TIME ] || { say "$TIME is missing (Debian package 'time')"; exit 1; }

have_sanzi=1
if [ -n "$BENCH_SQLITE_ONLY" ] || [ ! -x ./sanzi ]; then
  have_sanzi=0
  say "./sanzi not used: only the sqlite3 half runs"
fi

mkdir -p $OUT

# A private copy of ./sanzi: a rebuild during the run cannot mix binaries.
SANZI=$OUT/sanzi-under-test
if [ $have_sanzi = 1 ]; then
  sanzi_built=$(date -r ./sanzi '+%F %T')
  cp ./sanzi $SANZI
  sanzi_version=$($SANZI version 2>&1 | head -n 1)
fi

# ---------------------------------------------------------------------------
say "compiling the data generator into $OUT/gen"
$CC -std=c11 -Wall -Wextra -Werror -O2 -o $OUT/gen bench/gen.c

stamp="$N $(cksum < bench/gen.c) $(cksum < $DIV)"
gen_secs="-"
if [ -f $CSV ] && [ -f $CSV.stamp ] &&
   [ "$(cat $CSV.stamp)" = "$stamp $(wc -c < $CSV)" ]; then
  say "reusing $CSV ($N rows, same generator, same size)"
else
  say "generating $N asset rows into $CSV"
  rm -f $CSV $CSV.stamp
  t0=$(date +%s.%N)
  $OUT/gen assets $N $DIV > $CSV
  t1=$(date +%s.%N)
  gen_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  echo "$stamp $(wc -c < $CSV)" > $CSV.stamp
  say "generated in $gen_secs s"
fi
csv_bytes=$(wc -c < $CSV)

# BENCH_ONLY=web: the web server's step alone (bench/web.sh).
if [ "${BENCH_ONLY:-}" = web ]; then
  exec sh bench/web.sh
fi

# The national divisions, kept while the generator is the same.
NDIV=$OUT/divisions.csv
dstamp="$(cksum < bench/gen.c)"
if [ -f $NDIV ] && [ -f $NDIV.stamp ] && [ "$(cat $NDIV.stamp)" = "$dstamp" ]; then
  say "reusing $NDIV"
else
  say "generating the national divisions into $NDIV"
  $OUT/gen divisions > $NDIV
  echo "$dstamp" > $NDIV.stamp
fi

# The same rows as a workbook (numbers, money and dates typed as Excel
# stores them), for the .xlsx import; kept while the CSV is the same.
XLSX=$OUT/assets.xlsx
if [ "${BENCH_ONLY:-}" != imports ]; then
$CC -std=c11 -Wall -Wextra -Werror -O2 -o $OUT/csv2xlsx bench/csv2xlsx.c \
  -lcsv -lxlsxwriter
xstamp="$(cat $CSV.stamp) $(cksum < bench/csv2xlsx.c)"
if [ -f $XLSX ] && [ -f $XLSX.stamp ] && [ "$(cat $XLSX.stamp)" = "$xstamp" ]; then
  say "reusing $XLSX"
else
  say "writing the same rows as a workbook into $XLSX (libxlsxwriter)"
  rm -f $XLSX $XLSX.stamp
  $OUT/csv2xlsx $CSV $XLSX
  echo "$xstamp" > $XLSX.stamp
fi
fi

# ---------------------------------------------------------------------------
# timed LABEL SETUP STDOUT CMD...: runs SETUP (untimed, its output to
# OUT/LABEL.setup), then CMD under /usr/bin/time -v with stdout to STDOUT.
# Keeps the best wall time in the variable LABEL_secs and the largest max
# RSS (KiB) in LABEL_kib. On failure shows the command's last messages,
# sets LABEL_secs to "-" for good and returns 1.
timed() {
  label=$1
  setup=$2
  stdout=$3
  shift 3
  case $label in
    s_imp) what="sanzi asset import" ;;
    s_xlsx) what="sanzi asset import (.xlsx)" ;;
    p_imp) what="sqlite3 .import" ;;
    s_div) what="sanzi org import (national divisions)" ;;
    p_div) what="sqlite3 .import (national divisions)" ;;
    s_exp) what="sanzi asset export" ;;
    s_asof) what="sanzi asset export --as-of 2025-12-31" ;;
    s_aud) what="sanzi audit export --format csv" ;;
    s_audx) what="sanzi audit export (csv and xlsx)" ;;
    s_q3) what="sanzi asset list --q 福如东村四组" ;;
    s_qv) what="sanzi asset list --q 拖拉机 --village" ;;
    s_q1) what="sanzi asset list --q 井 --village" ;;
    *) what="sqlite3 SELECT *" ;;
  esac
  eval "best=\$${label}_secs peak=\$${label}_kib bcpu=\$${label}_cpu"
  [ "$best" = "-" ] && return 1
  if ! $setup > $OUT/$label.setup 2>&1; then
    say "$what: preparing the run failed:"
    sed 's/^/  | /' $OUT/$label.setup | tail -n 20 >&2
    eval "${label}_secs=-"
    return 1
  fi
  if ! $TIME -v -o $OUT/$label.time "$@" > "$stdout" 2> $OUT/$label.err; then
    say "$what failed: $*"
    sed 's/^/  | /' $OUT/$label.err | tail -n 20 >&2
    grep -i 'exit' $OUT/$label.time | sed 's/^/  | /' >&2 || true
    eval "${label}_secs=-"
    return 1
  fi
  secs=$(awk '/Elapsed \(wall clock\)/ {
                n = split($NF, t, ":"); s = 0
                for (i = 1; i <= n; i++) s = s * 60 + t[i]
                printf "%.2f", s }' $OUT/$label.time)
  kib=$(awk '/Maximum resident set size/ { print $NF }' $OUT/$label.time)
  cpu=$(awk '/(User|System) time \(seconds\)/ { s += $NF }
             END { printf "%.2f", s }' $OUT/$label.time)
  say "  $what: $secs s wall, $cpu s CPU, max RSS $((kib / 1024)) MiB"
  if [ -z "$best" ] ||
     awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
    best=$secs
  fi
  if [ -z "$bcpu" ] ||
     awk -v a="$cpu" -v b="$bcpu" 'BEGIN { exit !(a < b) }'; then
    bcpu=$cpu
  fi
  if [ -z "$peak" ] || [ "$kib" -gt "$peak" ]; then
    peak=$kib
  fi
  eval "${label}_secs=\$best ${label}_kib=\$peak ${label}_cpu=\$bcpu"
  return 0
}

fresh_sanzi() {
  rm -f $SDB $SDB-wal $SDB-shm $SDB-journal &&
    $SANZI --db $SDB init &&
    $SANZI --db $SDB --user bench org import $DIV
}

# The same 19 columns under the English keys of doc/cli.md, the same
# uniqueness as sanzi's table (certificate unique where given: .import
# stores an empty cell as '', sanzi as NULL), and sanzi's journal mode.
fresh_plain() {
  rm -f $PDB $PDB-wal $PDB-shm $PDB-journal &&
    sqlite3 -bail $PDB <<'EOF'
PRAGMA journal_mode=WAL;
CREATE TABLE asset(
  code TEXT PRIMARY KEY, village TEXT NOT NULL, name TEXT NOT NULL,
  category TEXT NOT NULL, nature TEXT NOT NULL, location TEXT,
  quantity TEXT, unit TEXT, original_value TEXT NOT NULL,
  accumulated_depreciation TEXT, depreciated_through TEXT,
  useful_life_months TEXT, residual_rate TEXT, acquired_via TEXT NOT NULL,
  acquired_on TEXT NOT NULL, status TEXT NOT NULL, custodian TEXT,
  certificate TEXT, note TEXT
);
EOF
}

# The divisions go into databases of their own: the asset steps that follow
# read sanzi.db and plain.db.
SDIV=$OUT/sanzi-div.db
PDIV=$OUT/plain-div.db
fresh_sanzi_div() {
  rm -f $SDIV $SDIV-wal $SDIV-shm $SDIV-journal && $SANZI --db $SDIV init
}

fresh_plain_div() {
  rm -f $PDIV $PDIV-wal $PDIV-shm $PDIV-journal &&
    sqlite3 -bail $PDIV <<'EOF'
PRAGMA journal_mode=WAL;
CREATE TABLE org(code TEXT PRIMARY KEY, name TEXT NOT NULL,
  level TEXT NOT NULL, parent_code TEXT);
EOF
}

no_setup() {
  :
}

no_audit() {
  rm -rf $OUT/audit
}

# s_* is sanzi, p_* the sqlite3 shell; "-" is not measured or failed.
s_imp_secs=""; s_imp_kib=""; s_imp_cpu=""; s_exp_secs=""; s_exp_kib=""
s_exp_cpu=""; p_imp_secs=""; p_imp_kib=""; p_imp_cpu=""; p_exp_secs=""
p_exp_kib=""; p_exp_cpu=""
s_asof_secs=""; s_asof_kib=""; s_asof_cpu=""; s_aud_secs=""; s_aud_kib=""
s_aud_cpu=""; s_audx_secs=""; s_audx_kib=""; s_audx_cpu=""
s_xlsx_secs=""; s_xlsx_kib=""; s_xlsx_cpu=""
s_div_secs=""; s_div_kib=""; s_div_cpu=""; p_div_secs=""; p_div_kib=""
p_div_cpu=""
s_q3_secs=""; s_q3_kib=""; s_q3_cpu=""; s_qv_secs=""; s_qv_kib=""
s_qv_cpu=""; s_q1_secs=""; s_q1_kib=""; s_q1_cpu=""
if [ $have_sanzi = 0 ]; then
  s_imp_secs="-"; s_exp_secs="-"; s_asof_secs="-"; s_aud_secs="-"
  s_audx_secs="-"; s_xlsx_secs="-"; s_div_secs="-"; s_q3_secs="-"
  s_qv_secs="-"; s_q1_secs="-"
fi
if [ "${BENCH_ONLY:-}" = imports ]; then
  s_exp_secs="-"; p_exp_secs="-"; s_asof_secs="-"; s_aud_secs="-"
  s_audx_secs="-"; s_xlsx_secs="-"; s_q3_secs="-"; s_qv_secs="-"
  s_q1_secs="-"
fi
failed=0
rm -f $OUT/export.csv $OUT/plain-export.csv

# ---------------------------------------------------------------------------
run=0
while [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "import, run $run of $RUNS (each into a fresh database)"
  if [ $have_sanzi = 1 ]; then
    timed s_imp fresh_sanzi /dev/null \
      $SANZI --db $SDB --user bench asset import $CSV || failed=1
  fi
  timed p_imp fresh_plain /dev/null \
    sqlite3 $PDB ".import --csv --skip 1 $CSV asset" || failed=1
done
run=0
while [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "the national divisions, run $run of $RUNS (each into a fresh database)"
  if [ $have_sanzi = 1 ]; then
    timed s_div fresh_sanzi_div /dev/null \
      $SANZI --db $SDIV --user bench org import $NDIV || failed=1
  fi
  timed p_div fresh_plain_div /dev/null \
    sqlite3 $PDIV ".import --csv --skip 1 $NDIV org" || failed=1
done
run=0
while [ $have_sanzi = 1 ] && [ "${BENCH_ONLY:-}" != imports ] &&
      [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "import of the workbook, run $run of $RUNS (into a fresh database)"
  timed s_xlsx fresh_sanzi /dev/null \
    $SANZI --db $SDB --user bench asset import $XLSX || failed=1
done
[ "$s_imp_secs" = "-" ] && s_exp_secs="-"
[ "$p_imp_secs" = "-" ] && p_exp_secs="-"
run=0
while [ "${BENCH_ONLY:-}" != imports ] && [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "export, run $run of $RUNS"
  if [ $have_sanzi = 1 ]; then
    timed s_exp no_setup $OUT/export.csv \
      $SANZI --db $SDB asset export || failed=1
  fi
  timed p_exp no_setup $OUT/plain-export.csv \
    sqlite3 -csv $PDB 'SELECT * FROM asset' || failed=1
done
run=0
while [ $have_sanzi = 1 ] && [ "${BENCH_ONLY:-}" != imports ] &&
      [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "the 2025 audit, run $run of $RUNS"
  timed s_asof no_setup /dev/null \
    $SANZI --db $SDB asset export --as-of 2025-12-31 || failed=1
  timed s_aud no_audit /dev/null \
    $SANZI --db $SDB audit export --year 2025 --out $OUT/audit --format csv ||
    failed=1
  timed s_audx no_audit /dev/null \
    $SANZI --db $SDB audit export --year 2025 --out $OUT/audit || failed=1
done
run=0
while [ $have_sanzi = 1 ] && [ "${BENCH_ONLY:-}" != imports ] &&
      [ $run -lt $RUNS ]; do
  run=$((run + 1))
  say "search, run $run of $RUNS"
  timed s_q3 no_setup $OUT/search.csv \
    $SANZI --db $SDB asset list --q 福如东村四组 --format csv || failed=1
  timed s_qv no_setup /dev/null $SANZI --db $SDB asset list --q 拖拉机 \
    --village 150125100201 --format csv || failed=1
  timed s_q1 no_setup /dev/null $SANZI --db $SDB asset list --q 井 \
    --village 150125100201 --format csv || failed=1
done

# ---------------------------------------------------------------------------
count() {
  sqlite3 "$1" "SELECT count(*) FROM $2" 2>&1 | head -n 1
}
mib() {
  awk -v k="$1" 'BEGIN { if (k + 0 > 0) printf "%.1f", k / 1024
                         else print "-" }'
}
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a == "-" || b == "-" || a == "" || b == "" || b + 0 == 0) print "-"
    else printf "%.2f", a / b }'
}
verdict() { # verdict VALUE LIMIT
  awk -v v="$1" -v l="$2" 'BEGIN {
    if (v == "-" || v == "") print "not measured"
    else if (v + 0 <= l + 0) print "met"
    else print "MISSED" }'
}

r_imp=$(ratio "$s_imp_secs" "$p_imp_secs")
r_div=$(ratio "$s_div_secs" "$p_div_secs")
r_exp=$(ratio "$s_exp_secs" "$p_exp_secs")
r_aud=$(ratio "$s_aud_secs" "$s_exp_secs")
r_xlsx=$(ratio "$s_xlsx_secs" "$s_imp_secs")
s_rss=${s_imp_kib:-0}
if [ "${s_exp_kib:-0}" -gt "$s_rss" ]; then
  s_rss=$s_exp_kib
fi
s_rss_mib=$(mib $s_rss)

echo
echo "sanzi benchmark: $N asset rows, $(awk -v b=$csv_bytes \
  'BEGIN { printf "%.1f MiB", b / 1048576 }') of CSV"
echo "machine: $(nproc) CPU(s), $(awk -F': *' '/^model name/ { print $2; exit }' \
  /proc/cpuinfo), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' \
  /proc/meminfo) memory; $(uname -sr)"
echo "sqlite3 shell $(sqlite3 --version | cut -d' ' -f1)"
if [ $have_sanzi = 1 ]; then
  echo "sanzi: $sanzi_version (./sanzi built $sanzi_built," \
       "copied to $SANZI at the start)"
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "generation: $gen_secs s (- = reused from an earlier run)"
echo "times: best wall clock of $RUNS run(s) each, sanzi and sqlite3" \
     "alternating (/usr/bin/time -v); RSS: the largest seen"
echo
printf '%-8s %10s %10s %7s %12s %14s\n' step "sanzi s" "sqlite3 s" ratio \
  "sanzi MiB" "sqlite3 MiB"
printf '%-8s %10s %10s %7s %12s %14s\n' import "${s_imp_secs:--}" \
  "${p_imp_secs:--}" "$r_imp" "$(mib "$s_imp_kib")" "$(mib "$p_imp_kib")"
printf '%-8s %10s %10s %7s %12s %14s\n' export "${s_exp_secs:--}" \
  "${p_exp_secs:--}" "$r_exp" "$(mib "$s_exp_kib")" "$(mib "$p_exp_kib")"
printf '%-8s %10s %10s %7s %12s %14s\n' divisions "${s_div_secs:--}" \
  "${p_div_secs:--}" "$r_div" "$(mib "$s_div_kib")" "$(mib "$p_div_kib")"
echo "(sqlite3: tables with only a primary key; divisions: the national file,"
echo " $(($(wc -l < $NDIV) - 1)) codes, sanzi org import against .import)"
echo
if [ "${BENCH_ONLY:-}" != imports ]; then
echo "the same $N rows as an .xlsx workbook ($(awk -v b="$(wc -c < $XLSX)" \
  'BEGIN { printf "%.1f MiB", b / 1048576 }')), against sanzi's CSV import:"
printf '%-28s %10s %7s %12s\n' step "sanzi s" ratio "sanzi MiB"
printf '%-28s %10s %7s %12s\n' "asset import .xlsx" "${s_xlsx_secs:--}" \
  "$r_xlsx" "$(mib "$s_xlsx_kib")"
echo
echo "the 2025 audit of the same $N assets, against sanzi asset export above:"
printf '%-28s %10s %7s %12s\n' step "sanzi s" ratio "sanzi MiB"
printf '%-28s %10s %7s %12s\n' "asset export --as-of" "${s_asof_secs:--}" \
  "$(ratio "$s_asof_secs" "$s_exp_secs")" "$(mib "$s_asof_kib")"
printf '%-28s %10s %7s %12s\n' "audit export --format csv" \
  "${s_aud_secs:--}" "$r_aud" "$(mib "$s_aud_kib")"
printf '%-28s %10s %7s %12s\n' "audit export (csv + xlsx)" \
  "${s_audx_secs:--}" "$(ratio "$s_audx_secs" "$s_exp_secs")" \
  "$(mib "$s_audx_kib")"
echo
echo "search over the same $N assets (the whole command, wall clock):"
printf '%-40s %10s %12s\n' step "sanzi s" "sanzi MiB"
printf '%-40s %10s %12s\n' "list --q 福如东村四组 (3+ characters)" \
  "${s_q3_secs:--}" "$(mib "$s_q3_kib")"
printf '%-40s %10s %12s\n' "list --q 拖拉机 --village" "${s_qv_secs:--}" \
  "$(mib "$s_qv_kib")"
printf '%-40s %10s %12s\n' "list --q 井 --village (1 character)" \
  "${s_q1_secs:--}" "$(mib "$s_q1_kib")"
echo
fi
echo "CPU time (user + system, best of the runs): the same comparison, less"
echo "disturbed by other work on the machine; the targets use wall time."
printf '%-8s %10s %10s %7s\n' step "sanzi s" "sqlite3 s" ratio
printf '%-8s %10s %10s %7s\n' import "${s_imp_cpu:--}" "${p_imp_cpu:--}" \
  "$(ratio "$s_imp_cpu" "$p_imp_cpu")"
printf '%-8s %10s %10s %7s\n' export "${s_exp_cpu:--}" "${p_exp_cpu:--}" \
  "$(ratio "$s_exp_cpu" "$p_exp_cpu")"
printf '%-8s %10s %10s %7s\n' divisions "${s_div_cpu:--}" "${p_div_cpu:--}" \
  "$(ratio "$s_div_cpu" "$p_div_cpu")"
echo
echo "targets: import <= 1.0x: $(verdict "$r_imp" 1.0)," \
     "divisions import <= 1.5x: $(verdict "$r_div" 1.5)," \
     "export <= 1.5x: $(verdict "$r_exp" 1.5)," \
     "sanzi peak RSS <= 64 MiB: $(verdict "$s_rss_mib" 64),"
echo "         audit export (csv) <= 3.0x asset export: $(verdict "$r_aud" 3.0),"
echo "         .xlsx import <= 2.5x CSV import: $(verdict "$r_xlsx" 2.5)," \
     ".xlsx import peak RSS <= 96 MiB: $(verdict "$(mib "$s_xlsx_kib")" 96)"
echo "         search < 0.05 s: $(verdict "$s_q3_secs" 0.04)," \
     "$(verdict "$s_qv_secs" 0.04), $(verdict "$s_q1_secs" 0.04)"
echo
echo "rows loaded (SELECT count(*)):"
if [ $have_sanzi = 1 ] && [ -f $SDB ]; then
  echo "  $SDB   asset: $(count $SDB asset)"
fi
if [ -f $PDB ]; then
  echo "  $PDB   asset: $(count $PDB asset)"
fi
if [ $have_sanzi = 1 ] && [ -f $SDIV ]; then
  echo "  $SDIV   org: $(count $SDIV org)"
fi
if [ -f $PDIV ]; then
  echo "  $PDIV   org: $(count $PDIV org)"
fi
for f in $OUT/export.csv $OUT/plain-export.csv; do
  if [ -s $f ] && { [ $have_sanzi = 1 ] || [ $f != $OUT/export.csv ]; }; then
    echo "  $f: $(wc -l < $f) lines, $(wc -c < $f) bytes"
  fi
done
for f in $SDB $PDB; do
  if [ -f $f ] && { [ $have_sanzi = 1 ] || [ $f != $SDB ]; }; then
    echo "  $f: $(wc -c < $f) bytes"
  fi
done
if [ $have_sanzi = 1 ] && [ "${BENCH_ONLY:-}" != imports ]; then
  sh bench/web.sh || failed=1
fi
exit $failed
