#!/bin/sh
# Witnessed chain heads (issue 14, part 3): `log anchor` prints the line
# "sanzi anchor TIME ENTRIES HEAD" and appends it to the anchors file (the
# database's path with .anchors, $SANZI_ANCHORS, --anchors FILE); `log
# verify` checks that every recorded head is still the chain's at its entry
# number. The two attacks the chain alone cannot see, done with the sqlite3
# shell as the issue describes -- the newest entries cut off with the rows
# they wrote (or an edit undone), and a chain recomputed from the start --
# verify clean without the anchors and are caught with them.
. "$(dirname "$0")/lib.sh"

V1=150125100201
fixed_day 2026-03-01
AT=2026-03-01T12:00:00Z

asset() { # asset CODE VALUE
  sanzi asset add code=$1 village=$V1 name=办公楼 category=房屋及建筑物 \
    nature=非经营性 original_value=$2 acquired_via=自建 acquired_on=2020-06-15 \
    status=在用 >/dev/null
}
entries() { sql "SELECT count(*) FROM history"; }
head_now() { sanzi log verify --anchors /dev/null 2>/dev/null; }
# the triggers that stop deleting from the log, saved to be put back
save_triggers() {
  sql "SELECT sql || ';' FROM sqlite_schema WHERE type = 'trigger' AND name IN
       ('history_no_delete', 'superseded_no_delete', 'asset_no_delete',
        'asset_logged')" >trig.sql && test "$(grep -c TRIGGER trig.sql)" = 4
}
drop_triggers() {
  sql "DROP TRIGGER history_no_delete; DROP TRIGGER superseded_no_delete;
       DROP TRIGGER asset_no_delete; DROP TRIGGER asset_logged;"
}
# without the anchors file the chain alone verifies clean
clean_without_anchors() {
  mv "$SANZI_DB.anchors" anchors.away &&
  sanzi log verify >/dev/null 2>&1 &&
  mv anchors.away "$SANZI_DB.anchors"
}

test_expect_success 'log anchor prints the time, the entry count and the head, and appends the line' '
  setup_county && asset A1 120000 && asset A2 5000 &&
  n=$(entries) && h=$(head_now) &&
  sanzi log anchor >line 2>err &&
  echo "sanzi anchor $AT $n $h" >expect &&
  test_cmp expect line &&
  test_cmp expect "$SANZI_DB.anchors" &&
  grep -q "appended to $SANZI_DB.anchors" err
'

test_expect_success 'the anchors hold while the log grows; log verify checks the default file' '
  sanzi asset edit A1 原值=125000 2>/dev/null &&
  sanzi log anchor >/dev/null 2>&1 &&
  test "$(wc -l <"$SANZI_DB.anchors")" = 2 &&
  asset A3 7000 &&
  sanzi log verify >head 2>err &&
  test "$(cat head)" = "$(head_now)" &&
  grep -q "^2 anchors in $SANZI_DB.anchors hold$" err
'

test_expect_success '--anchors FILE and $SANZI_ANCHORS name another file' '
  sanzi log anchor --anchors other >/dev/null 2>&1 &&
  SANZI_ANCHORS=$TMP/env sanzi log anchor >/dev/null 2>&1 &&
  test "$(wc -l <other)" = 1 && test "$(wc -l <env)" = 1 &&
  test "$(wc -l <"$SANZI_DB.anchors")" = 2 &&
  sanzi log verify --anchors other >/dev/null 2>err &&
  grep -q "^1 anchor in other holds$" err &&
  SANZI_ANCHORS=$TMP/env sanzi log verify >/dev/null 2>&1
'

test_expect_success 'a line copied back by hand (count and head in any order, upper case) reads' '
  n=$(entries) && h=$(head_now) &&
  { echo "# copied from the notice board"; echo;
    echo "$h" | tr a-f A-F | sed "s/\$/ $n 王会计核对/"; } >hand &&
  sanzi log verify --anchors hand >/dev/null 2>err &&
  grep -q "^1 anchor in hand holds$" err
'

test_expect_success 'the newest entry cut off with the row it wrote: clean without anchors, caught with them' '
  cp "$SANZI_DB" keep.db && cp "$SANZI_DB.anchors" keep.anchors &&
  sanzi log anchor >/dev/null 2>&1 &&
  last=$(entries) &&
  save_triggers && drop_triggers &&
  sql "DELETE FROM asset WHERE log_id = $last; DELETE FROM history WHERE id = $last;" &&
  sqlite3 "$SANZI_DB" <trig.sql &&
  test "$(entries)" = $((last - 1)) &&
  clean_without_anchors &&
  before=$(db_state) &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep -q "^sanzi: log verify: $SANZI_DB.anchors:3: the head recorded on $AT is entry $last, but the log now ends before it: the log was cut" err &&
  unchanged
'

test_expect_success 'an edit undone (the old row put back, the entry deleted): caught with the anchors' '
  cp keep.db "$SANZI_DB" && cp keep.anchors "$SANZI_DB.anchors" &&
  rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  sanzi asset edit A2 原值=6000 2>/dev/null &&
  sanzi log anchor >/dev/null 2>&1 &&
  last=$(entries) &&
  save_triggers && drop_triggers &&
  sql "UPDATE asset SET original_value = 500000,
         log_id = (SELECT old_log FROM superseded WHERE log_id = $last)
       WHERE code = '\''A2'\'';
       DELETE FROM superseded WHERE log_id = $last;
       DELETE FROM history WHERE id = $last;" &&
  sqlite3 "$SANZI_DB" <trig.sql &&
  test "$(sql "SELECT original_value FROM asset WHERE code = '\''A2'\''")" = 500000 &&
  clean_without_anchors &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep -q "anchors:3: the head recorded on $AT is entry $last, but the log now ends before it" err
'

test_expect_success 'a chain recomputed from the start (a forged file of as many entries): caught' '
  # the same steps, one value changed: a chain valid in itself
  use "$TMP/real.db" && setup_county && asset A1 120000 && asset A2 5000 &&
  sanzi log anchor >/dev/null 2>&1 &&
  n=$(entries) && real=$(head_now) &&
  use "$TMP/forged.db" && setup_county && asset A1 1 && asset A2 5000 &&
  forged=$(head_now) && test "$(entries)" = $n && test "$forged" != "$real" &&
  use "$TMP/real.db" &&
  sqlite3 "$SANZI_DB" ".restore $TMP/forged.db" &&
  test "$(sql "SELECT original_value FROM asset WHERE code = '\''A1'\''")" = 100 &&
  clean_without_anchors &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep -q "real.db.anchors:1: entry $n of the chain is $forged, not the head $real recorded on $AT: the log was rewritten" err &&
  # the same in Chinese
  test_must_fail 1 sanzi --lang zh log verify 2>err &&
  grep -q "real.db.anchors:1：链上第 $n 条的哈希是 $forged，不是 $AT 记下的链头 $real：变更日志被改写过" err
'

test_expect_success 'a line that is not an anchor: exit 1 naming FILE:LINE, nothing changed' '
  use "$TMP/test.db" && cp keep.db "$SANZI_DB" && rm -f "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  before=$(db_state) &&
  { head -1 keep.anchors; echo "sanzi anchor $AT twelve $(head_now)"; } >bad &&
  test_must_fail 1 sanzi log verify --anchors bad >out 2>err &&
  ! test -s out &&
  grep -q "^sanzi: log verify: bad:2: not an anchor: a line holds the entry count and the head" err &&
  { echo "3 4 $(head_now)"; } >bad2 &&
  test_must_fail 1 sanzi log verify --anchors bad2 2>err &&
  grep -q "bad2:1: not an anchor" err &&
  test_must_fail 1 sanzi --lang zh log verify --anchors bad2 2>err &&
  grep -q "bad2:1：不是链头锚点" err &&
  unchanged
'

test_expect_success 'an anchors file named but missing, or unwritable: exit 1 naming it' '
  before=$(db_state) &&
  test_must_fail 1 sanzi log verify --anchors nosuch 2>err &&
  grep -q "nosuch: No such file or directory" err &&
  test_must_fail 1 sanzi log anchor --anchors nodir/a >out 2>err &&
  ! test -s out && grep -q "nodir/a: No such file or directory" err &&
  unchanged
'

test_expect_success 'log anchor on a log that does not verify: refused, nothing appended' '
  cp "$SANZI_DB.anchors" was &&
  sql "DROP TRIGGER asset_logged;
       UPDATE asset SET original_value = 1 WHERE code = '\''A1'\''" &&
  before=$(db_state) &&
  test_must_fail 1 sanzi log anchor >out 2>err &&
  ! test -s out && grep -q "^sanzi: log anchor: " err &&
  test_cmp was "$SANZI_DB.anchors" &&
  unchanged
'

test_expect_success 'a new database made where the anchors of an earlier one lie: init warns' '
  use "$TMP/again.db" && setup_county && sanzi log anchor >/dev/null 2>&1 &&
  rm -f "$SANZI_DB" "$SANZI_DB-wal" "$SANZI_DB-shm" &&
  sanzi init >/dev/null 2>err &&
  grep -q "^warning: $SANZI_DB.anchors holds the heads of an earlier database" err &&
  test_must_fail 1 sanzi log verify 2>err &&
  grep -q "again.db.anchors:1: the head recorded on $AT is entry" err &&
  # upgrading a database that is there says nothing
  sanzi init >/dev/null 2>err && ! test -s err
'

test_done
