#!/bin/sh
# sanzi subsidy approve, raced: "approved plus paid never exceeds the
# budget, even with two approvals racing" (doc/domain.md). Ten villages each
# ask 1,000.00; the year's budget is 2,500.00; all ten approvals are
# started at the same moment as separate processes, several rounds over.
# Whatever the order, exactly two are granted in full, one is cut by the
# budget to 500.00 and seven are refused naming 年度预算. The triggers of
# the schema refuse an overspending write made behind the program.
. "$(dirname "$0")/lib.sh"

VILLAGES="150125100201 150125100202 150125100203 150125100204 150125100205
150125100206 150125100207 150125100208 150125101201 150125101202"


# Each village: a loan of 100,000.00 at 3.6% and one payment for
# 2025-01-01 .. 2025-07-20 = 31 + 28 + 31 + 30 + 31 + 30 + 19 = 200 days:
#   computed = 100,000.00 × 3.6% × 200 / 360 = 3,600.00 × 200 / 360 = 2,000.00
#   eligible = min(paid 2,000.00, 2,000.00) = 2,000.00
#   subsidy  = 2,000.00 × 50% = 1,000.00
# The budget is 2,500.00 = 2.5 applications; the village cap 100,000.00
# cuts nothing. Every application is brought to 公示中 (publicity
# 2025-07-22 .. 2025-07-28, 7 days) and can be approved from 2025-07-29.
# setup_round DB: a fresh database with the ten applications, their codes
# in DB.apps.
setup_round() {
  use "$1" && setup_county &&
  sanzi program set --year 2025 --budget 2500 >/dev/null &&
  : >"$1.apps" &&
  for v in $VILLAGES; do
    sanzi loan add village=$v lender=武川县农村信用合作联社 contract_no=R-$v \
      project=合作社项目 principal=100000 rate=3.6 start_date=2025-01-01 \
      maturity=2026-01-01 >/dev/null &&
    sanzi loan interest $v-DK-0001 --from 2025-01-01 --to 2025-07-20 \
      --paid 2000 --paid-on 2025-07-20 --voucher 记-$v >/dev/null &&
    sanzi subsidy apply --loan $v-DK-0001 --year 2025 --date 2025-07-20 >>"$1.apps" &&
    a=$(tail -n 1 "$1.apps") &&
    sanzi subsidy review $a --decision 同意 --date 2025-07-21 >/dev/null &&
    sanzi subsidy publicize $a --from 2025-07-22 --to 2025-07-28 >/dev/null ||
    return 1
  done &&
  test "$(sql "SELECT count(*) || '|' || sum(amount) FROM subsidy
               WHERE status = '公示中'")" = "10|1000000"
}

# race DIR CMD...: each line of DIR/cmds is started as its own process;
# they all wait for one signal and then run at once. Exit statuses go to
# DIR/rc.N, stdout to DIR/out.N, stderr to DIR/err.N.
race() {
  dir=$1
  n=0
  while read -r line; do
    n=$((n + 1))
    (
      while ! test -e "$dir/go"; do sleep 0.01; done
      eval "$line" >"$dir/out.$n" 2>"$dir/err.$n"
      echo $? >"$dir/rc.$n"
    ) &
  done <"$dir/cmds"
  sleep 0.2
  : >"$dir/go"
  wait
  test "$(ls "$dir" | grep -c "^rc\.")" = "$n"
}

# approve_all DB DIR: all ten approvals of DB at once.
approve_all() {
  rm -rf "$2" && mkdir "$2" &&
  while read -r a; do
    echo "sanzi subsidy approve $a --date 2025-07-29"
  done <"$1.apps" >"$2/cmds" &&
  race "$2"
}

# outcome DIR: how the processes ended, sorted: "0" for each approval,
# "1 年度预算" for each refusal that names the budget, anything else as is.
outcome() {
  for f in "$1"/rc.*; do
    i=${f##*.}
    rc=$(cat "$f")
    if test "$rc" = 1 && grep -q "nothing left to grant: the 年度预算 of 2025 is 2,500.00, and 2,500.00 is already approved or paid" "$1/err.$i"
    then echo "1 年度预算"
    else echo "$rc"
    fi
  done | sort | uniq -c | sed "s/^ *//"
}

# The invariants, from the database itself.
granted() {
  sql "SELECT coalesce(sum(approved), 0) FROM subsidy
       WHERE year = '2025' AND status IN ('已审定', '已拨付')"
}

test_expect_success 'round 1: setup, ten applications of 1,000.00 in 公示中' '
  setup_round "$TMP/r1.db"
'

test_expect_success 'round 1: ten approvals at once' '
  use "$TMP/r1.db" &&
  approve_all "$TMP/r1.db" "$TMP/r1"
'

test_expect_success 'round 1: approved and paid do not exceed the budget of 2,500.00' '
  use "$TMP/r1.db" &&
  test "$(granted)" -le 250000 &&
  # with 2.5 applications of money, the budget is used to the fen
  test "$(granted)" = 250000
'

test_expect_success 'round 1: exactly two are approved in full (1,000.00)' '
  use "$TMP/r1.db" &&
  test "$(sql "SELECT count(*) FROM subsidy WHERE status = '\''已审定'\''
               AND approved = amount AND cut_by IS NULL")" = 2
'

test_expect_success 'round 1: exactly one is cut by 年度预算, to the 500.00 left' '
  # 2,500.00 - 2 × 1,000.00 = 500.00
  use "$TMP/r1.db" &&
  test "$(sql "SELECT count(*) || '\''|'\'' || group_concat(approved)
               FROM subsidy WHERE cut_by IS NOT NULL")" = "1|50000" &&
  test "$(sql "SELECT cut_by FROM subsidy WHERE cut_by IS NOT NULL")" = 年度预算 &&
  grep -l "cut from 1,000.00 by the 年度预算" "$TMP"/r1/out.* >cut &&
  test "$(wc -l <cut)" = 1
'

test_expect_success 'round 1: the seven others are refused, exit 1, naming 年度预算, still 公示中' '
  use "$TMP/r1.db" &&
  outcome "$TMP/r1" >actual &&
  printf "%s\n" "3 0" "7 1 年度预算" >expect &&
  test_cmp expect actual &&
  test "$(sql "SELECT count(*) FROM subsidy WHERE status = '\''公示中'\''
               AND approved IS NULL")" = 7
'

test_expect_success 'round 1: program show agrees: 2,500.00 reserved, 0.00 remaining' '
  use "$TMP/r1.db" &&
  sanzi program show --year 2025 --format json |
    json_pick program reserved paid remaining >actual &&
  echo "2500.00|0.00|0.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'round 1: the change log verifies' '
  use "$TMP/r1.db" &&
  sanzi log verify >/dev/null
'

test_expect_success 'behind the program, an UPDATE that would overspend is refused by the database' '
  # one refused application approved for its 1,000.00: 2,500.00 + 1,000.00
  # = 3,500.00 > 2,500.00
  use "$TMP/r1.db" &&
  a=$(sql "SELECT code FROM subsidy WHERE status = '\''公示中'\'' LIMIT 1") &&
  before=$(db_state) &&
  ! sql "UPDATE subsidy SET status = '\''已审定'\'', approved = amount,
           approved_on = '\''2025-07-29'\'', log_id = log_id + 100000
         WHERE code = '\''$a'\''" 2>err &&
  grep -q "approved and paid subsidies exceed the year.s budget" err &&
  # nor may the cut one be raised to what it asked: 2,000.00 + 1,000.00
  ! sql "UPDATE subsidy SET approved = amount, cut_by = NULL,
           log_id = log_id + 100000 WHERE cut_by IS NOT NULL" 2>err &&
  grep -q "exceed the year.s budget" err &&
  # nor the budget be lowered below the 2,500.00 granted
  ! sql "UPDATE program SET budget = 249999, log_id = log_id + 100000" 2>err &&
  grep -q "the budget is below what is approved and paid" err &&
  test "$(db_state)" = "$before" &&
  sanzi log verify >/dev/null
'

for r in 2 3 4 5
do
  test_expect_success "round $r: ten approvals at once: two in full, one cut to 500.00, seven refused" "
    setup_round \"\$TMP/r$r.db\" &&
    approve_all \"\$TMP/r$r.db\" \"\$TMP/r$r\" &&
    use \"\$TMP/r$r.db\" &&
    test \"\$(granted)\" = 250000 &&
    outcome \"\$TMP/r$r\" >actual &&
    printf '%s\n' '3 0' '7 1 年度预算' >expect &&
    test_cmp expect actual &&
    test \"\$(sql \"SELECT group_concat(approved) FROM (SELECT approved FROM subsidy
                   WHERE approved IS NOT NULL ORDER BY approved)\")\" = 50000,100000,100000 &&
    sanzi log verify >/dev/null
  "
done

test_expect_success 'the same application approved by five processes at once: granted once' '
  setup_round "$TMP/same.db" &&
  a=$(head -n 1 "$TMP/same.db.apps") &&
  rm -rf "$TMP/same" && mkdir "$TMP/same" &&
  for i in 1 2 3 4 5; do
    echo "sanzi subsidy approve $a --date 2025-07-29"
  done >"$TMP/same/cmds" &&
  race "$TMP/same" &&
  test "$(cat "$TMP"/same/rc.* | sort | uniq -c | sed "s/^ *//" | tr "\n" ,)" = "1 0,4 1," &&
  test "$(grep -l "is 已审定; this step needs one that is 公示中" "$TMP"/same/err.* | wc -l)" = 4 &&
  test "$(granted)" = 100000 &&
  sanzi log verify >/dev/null
'

test_expect_success 'approvals racing a cut of the budget: approved never exceeds the final budget' '
  # ten approvals and `program set --budget 1500` at once: either the cut
  # comes first (then 1,000.00 + 500.00 are granted) or it is refused
  # because more than 1,500.00 is already granted (then the budget stays
  # 2,500.00, granted 2,500.00); either way granted <= budget
  setup_round "$TMP/cut.db" &&
  rm -rf "$TMP/cut" && mkdir "$TMP/cut" &&
  while read -r a; do
    echo "sanzi subsidy approve $a --date 2025-07-29"
  done <"$TMP/cut.db.apps" >"$TMP/cut/cmds" &&
  echo "sanzi program set --year 2025 --budget 1500" >>"$TMP/cut/cmds" &&
  race "$TMP/cut" &&
  budget=$(sql "SELECT budget FROM program WHERE year = '\''2025'\''") &&
  test "$(granted)" -le "$budget" &&
  case "$budget" in
  150000) test "$(granted)" = 150000 && test "$(cat "$TMP/cut/rc.11")" = 0 ;;
  250000) test "$(granted)" = 250000 && test "$(cat "$TMP/cut/rc.11")" = 1 &&
          grep -q "年度预算 (budget): 1,500.00 is below the" "$TMP/cut/err.11" ;;
  *) false ;;
  esac &&
  sanzi log verify >/dev/null
'

test_done
