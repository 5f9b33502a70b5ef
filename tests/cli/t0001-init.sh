#!/bin/sh
# sanzi init creates a database that only sanzi opens, and upgrades in place.
. "$(dirname "$0")/lib.sh"

# The schema version is the number of the last migration in schema/.
latest=$(ls "$TOP"/schema/[0-9][0-9][0-9]-*.sql | sed -n '$s|.*/0*\([0-9]*\)-.*|\1|p')

test_expect_success 'init creates a database with the application id' '
  sanzi init >out &&
  grep -q "schema version $latest\$" out &&
  test "$(sqlite3 "$SANZI_DB" "PRAGMA application_id")" = 1396788826
'

test_expect_success 'init twice keeps the data and logs nothing new' '
  before=$(sqlite3 "$SANZI_DB" "SELECT count(*) FROM history") &&
  sanzi init >/dev/null &&
  test "$(sqlite3 "$SANZI_DB" "SELECT count(*) FROM history")" = "$before"
'

test_expect_success 'a foreign SQLite file is refused and left alone' '
  sqlite3 foreign.db "CREATE TABLE t(x); INSERT INTO t VALUES(1)" &&
  sum=$(sha256sum <foreign.db) &&
  test_must_fail 1 sanzi --db foreign.db init 2>err &&
  grep -q "is not a sanzi database" err &&
  test_must_fail 1 sanzi --db foreign.db asset list 2>err &&
  grep -q "is not a sanzi database" err &&
  test "$(sha256sum <foreign.db)" = "$sum"
'

test_expect_success 'a file that is not a database is refused' '
  echo "hello" >text.db &&
  test_must_fail 1 sanzi --db text.db asset list 2>err &&
  grep -q "text.db" err
'

test_expect_success 'a newer schema is refused with the versions' '
  cp "$SANZI_DB" newer.db &&
  sqlite3 newer.db "PRAGMA user_version = 99" &&
  test_must_fail 1 sanzi --db newer.db asset list 2>err &&
  grep -q "schema version 99, newer than this sanzi ($latest)" err
'

test_expect_success 'a version-1 database is upgraded in place by init' '
  sqlite3 v1.db "PRAGMA page_size = 8192" "PRAGMA journal_mode = WAL" \
    "PRAGMA application_id = 1396788826" \
    ".read $TOP/schema/001-core.sql" "PRAGMA user_version = 1" >/dev/null &&
  test_must_fail 1 sanzi --db v1.db loan list 2>err &&
  grep -q "schema version 1, older than this sanzi ($latest): run .sanzi init." err &&
  sanzi --db v1.db init >out &&
  grep -q "schema version $latest\$" out &&
  sanzi --db v1.db org import "$SAMPLE/divisions-wuchuan.csv" 2>/dev/null &&
  sanzi --db v1.db loan add village=150125100201 lender=农行 contract_no=L1 \
    project=养殖 principal=1000 rate=4 start_date=2025-01-01 \
    maturity=2026-01-01 >/dev/null &&
  sanzi --db v1.db config subsidy.ratio >out &&
  grep -q "^subsidy.ratio	50%" out &&
  sanzi --db v1.db log verify
'

test_expect_success 'a missing database is not created by other commands' '
  test_must_fail 1 sanzi --db nowhere.db asset list 2>err &&
  grep -q "sanzi init" err &&
  ! test -e nowhere.db
'

test_done
