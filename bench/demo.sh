#!/bin/sh
# bench/demo.sh: builds the sample county (武川县, 93 villages) in demo.db
# from generated spreadsheets and shows what sanzi makes of it.
# Run by `make demo` from the repository root once ./sanzi is built.
# The spreadsheets land in demo-data/: assets.csv is what Excel on a Chinese
# Windows saves (GB18030, CRLF, a title line, 原值（元）, "12,500.00",
# 2019/3/5, two empty rows at the end); the others are plain UTF-8.
set -e
cd "$(dirname "$0")/.."

CC=${CC:-cc}
GEN=bench/out/gen
OUT=demo-data
DB=demo.db
SANZI="./sanzi --db $DB --user demo"

say() {
  printf 'demo: %s\n' "$*" >&2
}

if [ ! -x ./sanzi ]; then
  say "./sanzi is not built; run 'make demo' (or 'make sanzi' first)"
  exit 1
fi

say "compiling the data generator bench/gen.c into $GEN"
mkdir -p bench/out
$CC -std=c11 -Wall -Wextra -Werror -O2 -o $GEN bench/gen.c

say "generating the sample county's spreadsheets into $OUT/"
rm -rf $OUT
mkdir -p $OUT
$GEN demo sample/divisions-wuchuan.csv $OUT

say "creating a fresh $DB"
rm -f $DB $DB-wal $DB-shm $DB-journal
./sanzi --db $DB init

say "importing the divisions of 武川县 (townships and villages)"
$SANZI org import sample/divisions-wuchuan.csv

say "importing resources (codes left empty: sanzi numbers them -ZY-0001...)"
$SANZI resource import $OUT/resources.csv

say "importing accounts (one 库存现金 and one 银行存款 per village)"
$SANZI account import $OUT/accounts.csv

say "importing assets from an Excel export in GB18030 (--encoding auto)"
$SANZI asset import $OUT/assets.csv --encoding auto

say "importing the 2025 fund journal"
$SANZI fund import $OUT/funds.csv

say "fund balances of one township, 可可以力更镇 (150125100), at 2025-12-31"
$SANZI fund balance --as-of 2025-12-31 --township 150125100

say "the county summary per township at 2025-12-31"
$SANZI summary --as-of 2025-12-31

say "verifying the change log's hash chain"
$SANZI log verify
