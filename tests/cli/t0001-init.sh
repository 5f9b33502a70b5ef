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

test_expect_success 'a missing database is not created by other commands' '
  test_must_fail 1 sanzi --db nowhere.db asset list 2>err &&
  grep -q "sanzi init" err &&
  ! test -e nowhere.db
'

test_done
