#!/bin/sh
# The change log against subtler tampering: a value stored as a BLOB that
# prints like the text it replaced (refused by the STRICT tables, caught by
# verify once the table is un-STRICTed), a schema changed and left so, an old
# value filed under another row, and a chain cut below a head printed
# earlier (log verify --expect). Each case starts from a fresh database.
. "$(dirname "$0")/lib.sh"

V1=150125100201

mkdb() {
  setup_county &&
  for c in A1 A2; do
    sanzi asset add code=$c village=$V1 name=办公楼 category=房屋及建筑物 \
      nature=非经营性 original_value=120000 acquired_via=自建 \
      acquired_on=2020-06-15 status=在用 >/dev/null || return 1
  done &&
  sanzi asset edit A1 原值=125000 2>/dev/null &&
  sanzi log verify >/dev/null 2>&1
}

test_expect_success 'a BLOB where text belongs is refused by the database (STRICT tables)' '
  mkdb &&
  before=$(db_state) &&
  ! sql "UPDATE asset SET log_id = -log_id WHERE code = '\''A2'\'';
         UPDATE asset SET village = CAST(village AS BLOB), log_id = -log_id
         WHERE code = '\''A2'\''" 2>err &&
  grep "cannot store BLOB value in TEXT column" err &&
  sql "UPDATE asset SET log_id = -log_id WHERE code = '\''A2'\''" &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'a BLOB smuggled in after un-STRICTing the table is caught' '
  mkdb &&
  sql "PRAGMA writable_schema = ON;
       UPDATE sqlite_schema SET sql = replace(sql, '\'') STRICT'\'', '\'')'\'')
       WHERE name = '\''asset'\'';" &&
  sql "UPDATE asset SET log_id = -log_id WHERE code = '\''A2'\'';
       UPDATE asset SET village = CAST(village AS BLOB), log_id = -log_id
       WHERE code = '\''A2'\''" &&
  test "$(sql "SELECT typeof(village) FROM asset WHERE code = '\''A2'\''")" = blob &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep "village holds a value of the wrong type" err
'

test_expect_success 'a trigger dropped and not put back is caught' '
  mkdb &&
  sql "DROP TRIGGER asset_no_delete" &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep "trigger '\''asset_no_delete'\'' is missing" err
'

test_expect_success 'a trigger planted in the file is caught' '
  mkdb &&
  sql "CREATE TRIGGER quiet AFTER INSERT ON asset BEGIN SELECT 1; END" &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep "trigger '\''quiet'\'' is not sanzi'\''s" err
'

test_expect_success 'an old value filed under another row is caught' '
  mkdb &&
  sql "DROP TRIGGER superseded_no_update;
       UPDATE superseded SET row_id = 3 - row_id;" &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep "filed under row id 2 but is another row" err
'

test_expect_success '--expect: the head printed earlier is still in the chain' '
  mkdb &&
  sanzi log verify >head 2>/dev/null &&
  sanzi asset edit A2 原值=6000 2>/dev/null &&
  sanzi log verify --expect "$(cat head)" >/dev/null 2>&1
'

test_expect_success '--expect: a chain cut below a recorded head is caught' '
  mkdb &&
  sanzi log verify >head 2>/dev/null &&
  last=$(sql "SELECT max(id) FROM history") &&
  sql "DROP TRIGGER history_no_delete; DROP TRIGGER superseded_no_delete;
       DROP TRIGGER asset_logged;
       UPDATE asset SET original_value = 12000000,
         log_id = (SELECT old_log FROM superseded WHERE log_id = $last)
       WHERE code = '\''A1'\'';
       DELETE FROM superseded WHERE log_id = $last;
       DELETE FROM history WHERE id = $last;" &&
  test_must_fail 1 sanzi log verify --expect "$(cat head)" 2>err &&
  grep "no longer holds the head" err
'

test_done
