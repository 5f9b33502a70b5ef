#!/bin/sh
# bench/web.sh: `sanzi serve` under load (doc/web.md), on loopback only,
# bounded in time. Run by `make bench` after bench/run.sh's steps (or alone:
# `BENCH_ONLY=web make bench`), on the million assets of its import.
#
#   1. copies bench/out/sanzi.db (made by bench/run.sh; made here when it
#      is missing) to bench/out/web/web.db and adds two users: a 乡镇 user
#      of the township with the most assets, and a 管理员;
#   2. starts `sanzi serve --threads 4` on a free loopback port;
#   3. reads: wrk (Debian `wrk`) with 32 connections for 30 s, after a 5 s
#      warm-up, each request a page picked at random from the township's
#      asset list (pages 1-20), its villages' lists (pages 1-5), and name
#      searches in the township (pages 1-2 of 12 common names). Every
#      answer must be 200 with the page (a 303 to the login page counts as
#      an error);
#   4. the same reads for 30 s while the 管理员 imports 100,000 new assets
#      through the web (upload, preview, confirm); the import must commit
#      whole, and `sanzi log verify` pass afterwards;
#   5. the server's peak RSS (VmHWM) over the whole run.
# Targets (issue 15): >= 300 pages/s and p99 <= 100 ms reading; p99 <= 300
# ms during the import; no error; peak RSS <= 128 MiB.
#
# BENCH_WEB_SECS (30), BENCH_WEB_CLIENTS (32), BENCH_WEB_THREADS (4) change
# the run. Exit status 1 when a step failed; missed targets are reported,
# not fatal.
set -e
cd "$(dirname "$0")/.."

OUT=bench/out
W=$OUT/web
SRC=$OUT/sanzi.db
CSV=$OUT/assets.csv
SECS=${BENCH_WEB_SECS:-30}
CLIENTS=${BENCH_WEB_CLIENTS:-32}
THREADS=${BENCH_WEB_THREADS:-4}
PASS=BenchPass123

say() {
  printf 'bench web: %s\n' "$*" >&2
}

for tool in wrk curl sqlite3 awk python3; do
  command -v $tool >/dev/null 2>&1 || {
    say "'$tool' is missing (Debian package '$tool')"
    exit 1
  }
done
[ -x ./sanzi ] || { say "./sanzi is missing: run make first"; exit 1; }
[ -f $CSV ] || { say "$CSV is missing: run make bench first"; exit 1; }

rm -rf $W
mkdir -p $W
SANZI=$W/sanzi
cp ./sanzi $SANZI
DB=$W/web.db

if [ ! -f $SRC ] || [ $SRC -ot ./sanzi ] || [ $SRC -ot $CSV ]; then
  say "importing $CSV into $SRC (none yet, or older than ./sanzi or the CSV)"
  rm -f $SRC $SRC-wal $SRC-shm
  $SANZI --db $SRC init >/dev/null
  $SANZI --db $SRC --user bench org import sample/divisions-wuchuan.csv \
    >/dev/null
  $SANZI --db $SRC --user bench asset import $CSV >/dev/null
fi
say "copying $SRC to $DB"
sqlite3 $SRC ".backup $DB"

# The township with the most assets, its villages, and the names to search.
TOWN=$(sqlite3 $DB "SELECT substr(village, 1, 9) t FROM asset GROUP BY t
                    ORDER BY count(*) DESC LIMIT 1")
TOWN_ROWS=$(sqlite3 $DB "SELECT count(*) FROM asset
                         WHERE village BETWEEN '$TOWN' AND '${TOWN}z'")
VILLAGES=$(sqlite3 $DB "SELECT DISTINCT village FROM asset
                        WHERE village BETWEEN '$TOWN' AND '${TOWN}z' LIMIT 3")
ASSETS_BEFORE=$(sqlite3 $DB "SELECT count(*) FROM asset")

# 100,000 new assets: the first rows of the CSV under new codes (ZC -> ZW)
# and new certificate numbers (both are unique).
IMP=$W/import.csv
awk -F, 'NR == 1 { print; next } NR <= 100001 {
  sub(/-ZC-/, "-ZW-"); sub(/不动产权第/, "不动产权补第"); print }' $CSV > $IMP

printf '%s\n' $PASS | $SANZI --db $DB --user bench user add town \
  --role 乡镇 --scope $TOWN >/dev/null
printf '%s\n' $PASS | $SANZI --db $DB --user bench user add admin \
  --role 管理员 >/dev/null

say "starting sanzi serve --threads $THREADS"
$SANZI --lang en --db $DB serve --listen 127.0.0.1:0 --threads $THREADS \
  2> $W/serve.log &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT INT TERM
PORT=""
i=0
while [ -z "$PORT" ] && [ $i -lt 100 ]; do
  sleep 0.1
  PORT=$(sed -n "s/.*(port \([0-9]*\)).*/\1/p" \
    $W/serve.log | head -n 1)
  i=$((i + 1))
done
[ -n "$PORT" ] || { say "the server did not start:"; cat $W/serve.log >&2; exit 1; }
URL=http://127.0.0.1:$PORT

# login NAME JAR: a session in the cookie jar; prints the page's CSRF token.
login() {
  rm -f $2
  t=$(curl -s -c $2 -b $2 $URL/login |
      sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
  code=$(curl -s -o /dev/null -w '%{http_code}' -c $2 -b $2 \
    --data-urlencode "user=$1" --data-urlencode "password=$PASS" \
    --data-urlencode "csrf=$t" $URL/login)
  [ "$code" = 303 ] || { say "login of $1 failed ($code)"; exit 1; }
  curl -s -b $2 $URL/asset/import |
    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1
}
login town $W/town.jar > /dev/null
COOKIE=$(awk '$6 ~ /sanzi$/ { print $6 "=" $7 }' $W/town.jar)

# The pages, one per line, for wrk's script.
{
  p=1
  while [ $p -le 20 ]; do echo "/asset?page=$p"; p=$((p + 1)); done
  for v in $VILLAGES; do
    p=1
    while [ $p -le 5 ]; do echo "/asset?village=$v&page=$p"; p=$((p + 1)); done
  done
  for q in 路灯 卫生室 机井 拖拉机 文化活动室 蓄水池 温室大棚 养殖棚圈 \
           健身器材 扬水站 门市房 粮食仓库; do
    e=$(python3 -c 'import sys, urllib.parse
print(urllib.parse.quote(sys.argv[1]))' $q)
    echo "/asset?q=$e"
    echo "/asset?q=$e&page=2"
  done
} > $W/paths.txt

cat > $W/load.lua <<EOF
-- Each request a page at random; an answer other than 200 is an error.
local paths = {}
for line in io.lines("$W/paths.txt") do paths[#paths + 1] = line end
wrk.headers["Cookie"] = "$COOKIE"
local threads = {}
function setup(t) threads[#threads + 1] = t end
function init(args) bad = 0 end
function request() return wrk.format("GET", paths[math.random(#paths)]) end
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
function done(s, latency, requests)
  local b = 0
  for _, t in ipairs(threads) do b = b + t:get("bad") end
  local e = s.errors
  io.write(string.format("RESULT requests=%d secs=%.2f p50=%.1f p99=%.1f " ..
    "max=%.1f bad=%d errors=%d\n", s.requests, s.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, b,
    e.connect + e.read + e.write + e.timeout + e.status))
end
EOF

load() { # load SECS OUTFILE
  wrk -t 2 -c $CLIENTS -d ${1}s --timeout 10s -s $W/load.lua $URL/ > $2 2>&1
  grep '^RESULT' $2
}

say "warm-up, 5 s"
load 5 $W/warm.txt > /dev/null
say "reads, $CLIENTS clients, $SECS s"
READ=$(load $SECS $W/read.txt)

say "reads again for $SECS s while the 管理员 imports 100,000 assets"
(
  csrf=$(login admin $W/admin.jar)
  sleep 2
  t0=$(date +%s.%N)
  curl -s -b $W/admin.jar -H 'Accept: application/json' \
    -H "X-CSRF-Token: $csrf" -F "csrf=$csrf" -F "file=@$IMP;type=text/csv" \
    $URL/asset/import > $W/preview.json
  id=$(sed -n 's/.*"id":"\([0-9a-f]*\)".*/\1/p' $W/preview.json)
  t1=$(date +%s.%N)
  curl -s -b $W/admin.jar -H 'Accept: application/json' \
    -H "X-CSRF-Token: $csrf" --data-urlencode "csrf=$csrf" \
    $URL/asset/import/$id/confirm > $W/confirm.json
  t2=$(date +%s.%N)
  awk -v a=$t0 -v b=$t1 -v c=$t2 \
    'BEGIN { printf "preview %.2f s, confirm %.2f s\n", b - a, c - b }' \
    > $W/import.time
) &
IMPORT=$!
MIXED=$(load $SECS $W/mixed.txt)
wait $IMPORT || true
RSS_KIB=$(awk '/^VmHWM/ { print $2 }' /proc/$PID/status)
kill $PID
wait $PID 2>/dev/null || true
trap - EXIT INT TERM

ASSETS_AFTER=$(sqlite3 $DB "SELECT count(*) FROM asset")
if $SANZI --db $DB log verify > $W/verify.txt 2>&1; then
  VERIFY=passes
else
  VERIFY=FAILS
fi

field() { # field NAME "RESULT ..."
  echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}
verdict() { # verdict VALUE LIMIT [min]
  awk -v v="$1" -v l="$2" -v m="$3" 'BEGIN {
    if (v == "") print "not measured"
    else if (m == "min" ? v + 0 >= l + 0 : v + 0 <= l + 0) print "met"
    else print "MISSED" }'
}
rate() {
  awk -v n="$(field requests "$1")" -v s="$(field secs "$1")" \
    'BEGIN { if (s > 0) printf "%.0f", n / s }'
}
r_rate=$(rate "$READ")
m_rate=$(rate "$MIXED")
r_p99=$(field p99 "$READ")
m_p99=$(field p99 "$MIXED")
errs=$(( $(field bad "$READ") + $(field errors "$READ") +
         $(field bad "$MIXED") + $(field errors "$MIXED") ))
added=$((ASSETS_AFTER - ASSETS_BEFORE))
rss_mib=$(awk -v k="$RSS_KIB" 'BEGIN { printf "%.1f", k / 1024 }')

echo
echo "sanzi serve under load: $ASSETS_BEFORE assets; the 乡镇 user of" \
     "$TOWN ($TOWN_ROWS assets) reads"
echo "$(wc -l < $W/paths.txt) pages at random (list pages, village lists," \
     "name searches), $CLIENTS connections (wrk), $THREADS worker threads,"
echo "$SECS s each after a 5 s warm-up; load average at the end:" \
     "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %9s %9s %9s %9s %7s\n' run pages/s "p50 ms" "p99 ms" "max ms" \
  errors
printf '%-26s %9s %9s %9s %9s %7s\n' "reads" "$r_rate" \
  "$(field p50 "$READ")" "$r_p99" "$(field max "$READ")" \
  "$(( $(field bad "$READ") + $(field errors "$READ") ))"
printf '%-26s %9s %9s %9s %9s %7s\n' "reads during the import" "$m_rate" \
  "$(field p50 "$MIXED")" "$m_p99" "$(field max "$MIXED")" \
  "$(( $(field bad "$MIXED") + $(field errors "$MIXED") ))"
echo "import through the web: $(cat $W/import.time 2>/dev/null);" \
     "assets $ASSETS_BEFORE -> $ASSETS_AFTER ($added added);" \
     "log verify $VERIFY"
echo "server peak RSS (VmHWM): $rss_mib MiB"
echo "targets: >= 300 pages/s: $(verdict "$r_rate" 300 min)," \
     "p99 <= 100 ms: $(verdict "$r_p99" 100)," \
     "p99 during the import <= 300 ms: $(verdict "$m_p99" 300),"
echo "         no error: $(verdict "$errs" 0)," \
     "import whole (100000 added): $(verdict "$added" 100000 min)," \
     "log verify: $VERIFY, peak RSS <= 128 MiB: $(verdict "$rss_mib" 128)"
[ "$added" = 100000 ] && [ "$VERIFY" = passes ]
