# tests/cli/lib-disposal.sh: what the disposal tests (t5010, t5020) share:
# the people, the meetings as a clerk records them, and the state checks a
# failed vote is held to. Sourced after lib.sh.

V1=150125100201   # 福如东村, 可可以力更镇
V2=150125100202   # 大水圪洞村
ID1=11010519491231002X    # 居民身份证号码 (tests/unit/test_idnum.c)
ID2=150125199003070028    # 居民身份证号码 (tests/unit/test_idnum.c)
ID3=91150125MA0123456L    # 统一社会信用代码
REVIEWER=李审核            # the township's reviewer; the filer is "tester"

# The state of everything but the meetings and the change log, with the
# counts of those two: a failed vote must leave the first alone and add
# exactly one row to each.
rest_state() {
  tables_state "SELECT name FROM sqlite_schema WHERE type = 'table'
    AND name NOT IN ('disposal_vote', 'history')"
}
snap() {
  before=$(db_state)
  rest=$(rest_state)
  nv=$(sql "SELECT count(*) FROM disposal_vote")
  nh=$(sql "SELECT count(*) FROM history")
}
# one_more_vote: since snap, one meeting (not passed) and its log entry.
one_more_vote() {
  test "$(rest_state)" = "$rest" &&
  test "$(sql "SELECT count(*) FROM disposal_vote")" = $((nv + 1)) &&
  test "$(sql "SELECT count(*) FROM history")" = $((nh + 1)) &&
  test "$(sql "SELECT tbl FROM history ORDER BY id DESC LIMIT 1")" = \
    disposal_vote &&
  test "$(sql "SELECT passed FROM disposal_vote ORDER BY id DESC LIMIT 1")" = 0
}
# last_vote: step|body|date|due|present|for|against|abstain|need present|
# need for|passed of the latest meeting recorded.
last_vote() {
  sql "SELECT step, body, held_on, due, present, votes_for, votes_against,
       abstain, need_present, need_for, passed FROM disposal_vote
       ORDER BY id DESC LIMIT 1"
}

# vote CODE STEP DATE DUE PRESENT FOR AGAINST [OPTION...]
vote() {
  c=$1 s=$2 d=$3 due=$4 p=$5 f=$6 a=$7
  shift 7
  sanzi disposal vote $c --step $s --date $d --due $due --present $p \
    --for $f --against $a "$@"
}

# first_three CODE: 提议 03-11, 商议 03-12, 审议 03-15 (2025), passing
# comfortably.
first_three() {
  vote $1 提议 2025-03-11 7 5 5 0 >/dev/null &&
  vote $1 商议 2025-03-12 9 7 6 1 >/dev/null &&
  vote $1 审议 2025-03-15 20 15 12 3 >/dev/null
}
# procedure CODE: the four meetings and 7 days of 决议公开: 决议 03-20,
# publicity 03-21..03-27, ready for a review on 03-28.
procedure() {
  first_three $1 &&
  vote $1 决议 2025-03-20 30 22 18 4 --body 村民代表会议 >/dev/null &&
  sanzi disposal publicize $1 --kind 决议 --from 2025-03-21 \
    --to 2025-03-27 >/dev/null
}
review() { sanzi --user $REVIEWER disposal review "$@"; }

# status CODE: the filing's status.
status() { sql "SELECT status FROM disposal WHERE code = '$1'"; }
# obj_status CODE: an asset's or resource's status.
obj_status() {
  sql "SELECT status FROM asset WHERE code = '$1'
       UNION ALL SELECT status FROM resource WHERE code = '$1'"
}

# meetings CODE: the meetings of `disposal show --format csv`, fields
# joined by '|' (程序|会议|日期|应到|实到|赞成|反对|弃权|实到至少|赞成至少|
# 结果, then |会议记录 when the minutes are given).
meetings() {
  sanzi disposal show $1 --format csv --part meetings |
    csv_pick 程序 会议 日期 应到 实到 赞成 反对 弃权 实到至少 赞成至少 结果 \
      会议记录 | sed 's/|$//'
}
