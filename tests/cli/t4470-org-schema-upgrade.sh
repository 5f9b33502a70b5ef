#!/bin/sh
# Migration 004 (issue 14, part 8): org's CHECK constraints without IN
# lists, which cost an ephemeral table for every row written (the national
# divisions import took half again as long). The table is rebuilt with
# foreign keys off; upgrading a version-3 database keeps every
# organisation with its id and change-log entry, the registers that refer
# to them, the index and the triggers; the rules still hold.
. "$(dirname "$0")/lib.sh"

V1=150125100201

test_expect_success 'a version-3 database with organisations and an asset' '
  sqlite3 v3.db "PRAGMA page_size = 8192" "PRAGMA journal_mode = WAL" \
    "PRAGMA application_id = 1396788826" \
    ".read $TOP/schema/001-core.sql" ".read $TOP/schema/002-loans.sql" \
    ".read $TOP/schema/003-disposal.sql" "PRAGMA user_version = 3" >/dev/null &&
  sqlite3 v3.db "PRAGMA foreign_keys = ON;
    INSERT INTO org(id, code, name, level, parent_code, log_id) VALUES
      (7, '\''15'\'', '\''内蒙古自治区'\'', '\''province'\'', NULL, 3),
      (8, '\''1501'\'', '\''呼和浩特市'\'', '\''city'\'', '\''15'\'', 3),
      (9, '\''150125'\'', '\''武川县'\'', '\''county'\'', '\''1501'\'', 3),
      (10, '\''150125100'\'', '\''可可以力更镇'\'', '\''township'\'', '\''150125'\'', 3),
      (11, '\''$V1'\'', '\''福如东村'\'', '\''village'\'', '\''150125100'\'', 4);
    INSERT INTO asset(code, village, name, category, nature, original_value,
      acquired_via, acquired_on, status, log_id) VALUES
      ('\''$V1-ZC-0001'\'', '\''$V1'\'', '\''仓库'\'', '\''房屋及建筑物'\'',
       '\''经营性'\'', 500000, '\''自建'\'', '\''2020-01-01'\'', '\''在用'\'', 5);" &&
  sqlite3 v3.db "SELECT * FROM org ORDER BY id" >org.before &&
  test "$(wc -l <org.before)" = 5
'

test_expect_success 'init upgrades it: the same rows, foreign keys hold, nothing else changed' '
  sanzi --db v3.db init >out &&
  last=$(ls "$TOP"/schema/[0-9][0-9][0-9]-*.sql | sed -n "\$s|.*/0*\([0-9]*\)-.*|\1|p") &&
  test "$(sqlite3 v3.db "PRAGMA user_version")" = "$last" &&
  sqlite3 v3.db "SELECT * FROM org ORDER BY id" >org.after &&
  test_cmp org.before org.after &&
  test -z "$(sqlite3 v3.db "PRAGMA foreign_key_check")" &&
  test "$(sqlite3 v3.db "PRAGMA integrity_check")" = ok &&
  test "$(sqlite3 v3.db "SELECT village FROM asset")" = $V1 &&
  sqlite3 v3.db "SELECT name FROM sqlite_schema WHERE tbl_name = '\''org'\''
    ORDER BY name" >objs &&
  printf "%s\n" org org_logged org_no_delete org_parent sqlite_autoindex_org_1 >expect &&
  test_cmp expect objs &&
  sqlite3 v3.db "PRAGMA foreign_key_list(asset)" | grep -q "|org|village|code|"
'

test_expect_success 'the rules hold: a wrong level, a wrong length, a deletion are refused' '
  ! sqlite3 v3.db "INSERT INTO org(code, name, level, log_id)
    VALUES ('\''16'\'', '\''x'\'', '\''state'\'', 1)" 2>err &&
  grep -q "CHECK constraint failed" err &&
  ! sqlite3 v3.db "INSERT INTO org(code, name, level, log_id)
    VALUES ('\''123'\'', '\''x'\'', '\''province'\'', 1)" 2>err &&
  grep -q "CHECK constraint failed" err &&
  ! sqlite3 v3.db "DELETE FROM org WHERE id = 11" 2>err &&
  grep -q "register rows are never deleted" err
'

test_expect_success 'writing an organisation builds no ephemeral table' '
  sqlite3 v3.db "EXPLAIN INSERT INTO org(code, name, level, parent_code, log_id)
    VALUES (?1, ?2, ?3, ?4, ?5)" >plan &&
  grep -q "Insert" plan &&
  ! grep -q "OpenEphemeral" plan
'

test_expect_success 'a new database: the same schema as an upgraded one, and it verifies' '
  setup_county &&
  sqlite3 "$SANZI_DB" "SELECT sql FROM sqlite_schema WHERE tbl_name = '\''org'\'' ORDER BY name" >new.sql &&
  sqlite3 v3.db "SELECT sql FROM sqlite_schema WHERE tbl_name = '\''org'\'' ORDER BY name" >old.sql &&
  test_cmp new.sql old.sql &&
  sanzi log verify >/dev/null
'

test_done
