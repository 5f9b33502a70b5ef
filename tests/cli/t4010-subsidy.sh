#!/bin/sh
# sanzi program / subsidy: the interest subsidy of the guide fund (doc/domain.md
# "Loans and the interest-subsidy guide fund"). Per claimed payment
#   computed = round_half_up(principal × min(rate, cap) × days / basis)
#   eligible = min(paid, computed);  subsidy = round_half_up(eligible × ratio)
# and at 县级审定 the application is cut to what is left of the village's
# yearly cap and of the year's budget. Every expected figure below is worked
# out by hand in the comment above it; every refusal is checked for its
# message and for leaving the database as it was.
. "$(dirname "$0")/lib.sh"

# 可可以力更镇 150125100
V1=150125100201   # 福如东村
V2=150125100202   # 大水圪洞村
V3=150125100203   # 巨字号村
V4=150125100204   # 天力木图村
V5=150125100205   # 三圣太村
V6=150125100206   # 大兴昌村
V7=150125100207   # 乌兰忽洞村
V8=150125100208   # 定相营村
# 哈乐镇 150125101
H1=150125101201   # 圪料坝村
H2=150125101202   # 八股地村
H3=150125101203   # 旧营子村
H4=150125101204   # 白沙泉村



# new_loan CONTRACT VILLAGE PRINCIPAL RATE START MATURITY: prints the code.
new_loan() {
  sanzi loan add village=$2 lender=武川县农村信用合作联社 contract_no=$1 \
    project=合作社项目 principal=$3 rate=$4 start_date=$5 maturity=$6
}
# pay LOAN FROM TO PAID PAID_ON: an interest payment; prints its code.
pay() {
  sanzi loan interest "$1" --from "$2" --to "$3" --paid "$4" --paid-on "$5" \
    --voucher "记-$5"
}
apply() { sanzi subsidy apply --loan "$1" --year "$2" --date "$3"; }
# to_public APP REVIEW_DATE FROM TO: 乡镇初审 同意, then 公示 FROM..TO.
to_public() {
  sanzi subsidy review "$1" --decision 同意 --date "$2" >/dev/null &&
  sanzi subsidy publicize "$1" --from "$3" --to "$4" >/dev/null
}
# lines APP: the lines of `subsidy show --format csv` as payment|period|
# days|principal|rate|rate used|basis|computed|paid|eligible|ratio|subsidy
# (money as 1234.50, rates in percent).
lines() {
  sanzi subsidy show "$1" --format csv --part lines |
    csv_pick 付息编号 计息期间 天数 本金 年利率 计贴利率 基准 应计利息 实付利息 \
      可贴息利息 比例 贴息
}
# field APP KEY: a field of the application (--format json; money as
# 1234.50, nothing when empty).
field() {
  sanzi subsidy show "$1" --format json | json_pick application "$2"
}
# program YEAR: budget|ratio|rate cap|day basis|village cap of `program
# show --format json` (the rate cap empty when there is none).
program() {
  sanzi program show --year "$1" --format json |
    json_pick program budget ratio rate_cap day_basis village_cap
}
# money YEAR: reserved|paid|remaining of `program show --format json`.
money() {
  sanzi program show --year "$1" --format json |
    json_pick program reserved paid remaining
}

test_expect_success 'setup: the county' '
  setup_county
'

# ==== programme years ====

test_expect_success 'a new programme year takes the subsidy.* parameters of config' '
  # doc/domain.md defaults: budget 1,000,000.00, ratio 50%, no rate cap,
  # basis 360, village cap 100,000.00
  sanzi program set --year 2024 >out &&
  test "$(program 2024)" = "1000000.00|50||360|100000.00" &&
  test "$(money 2024)" = "0.00|0.00|1000000.00" &&
  # set prints the year as show does; no cap reads "none"
  sanzi program show --year 2024 >show.out &&
  test_cmp show.out out &&
  grep -qx "利率上限 (rate cap): none" out
'

test_expect_success 'program set: the options set the year, --rate-cap none removes the cap' '
  sanzi program set --year 2023 --day-basis 365 >/dev/null &&
  sanzi program set --year 2022 --rate-cap 4% >/dev/null &&
  test "$(program 2022)" = "1000000.00|50|4|360|100000.00" &&
  sanzi program set --year 2021 --budget 1500 --village-cap 1,000.00 --rate-cap 5 >/dev/null &&
  test "$(program 2021)" = "1500.00|50|5|360|1000.00" &&
  sanzi program set --year 2021 --rate-cap none >/dev/null &&
  test "$(program 2021)" = "1500.00|50||360|1000.00" &&
  test "$(sql "SELECT year, budget, ratio, rate_cap, day_basis, village_cap
               FROM program ORDER BY year")" = "$(printf "%s\n" \
    "2021|150000|500000||360|100000" \
    "2022|100000000|500000|40000|360|10000000" \
    "2023|100000000|500000||365|10000000" \
    "2024|100000000|500000||360|10000000")"
'

test_expect_success 'program set with the values the year already has writes nothing' '
  before=$(db_state) &&
  sanzi program set --year 2021 --budget 1,500.00 --ratio 50% --day-basis 360 >/dev/null &&
  unchanged
'

test_expect_success 'program set: bad values are refused' '
  before=$(db_state) &&
  refused sanzi program set --year 2020 --day-basis 366 &&
  grep -q "the day basis is 360 or 365" err &&
  refused sanzi program set --year 2020 --ratio 0 &&
  grep -q 贴息比例 err &&
  refused sanzi program set --year 2020 --ratio 101 &&
  grep 贴息比例 err | grep -q 101 &&
  refused sanzi program set --year 2020 --budget -1 &&
  grep -q 年度预算 err &&
  refused sanzi program set --year 2020 --village-cap none &&
  grep -q -- --village-cap err &&
  refused sanzi program set --year 20x0 &&
  grep -q 20x0 err &&
  refused sanzi program show --year 2020 &&
  grep -q "no programme year 2020" err &&
  unchanged
'

test_expect_success 'a village cap of 0 in config still sets up a year (with a cap of 0.00)' '
  sanzi config subsidy.village_cap 0 >/dev/null &&
  { sanzi program set --year 2018 >out; rc=$?
    sanzi config subsidy.village_cap 100000 >/dev/null; test $rc = 0; } &&
  test "$(program 2018)" = "1000000.00|50||360|0.00"
'

# ==== the formula, by hand ====

test_expect_success 'basis 360: 500,000.00 at 4.35% for 92 days' '
  # 2024-07-01 .. 2024-10-01 = 31 + 31 + 30 = 92 days
  # computed = 500,000.00 × 4.35% × 92 / 360 = 21,750.00 × 92 / 360
  #          = 2,001,000.00 / 360 = 5,558.333.. -> 5,558.33
  # eligible = min(paid 5,558.33, 5,558.33) = 5,558.33
  # subsidy  = 5,558.33 × 50% = 2,779.165 -> 2,779.17 (half up)
  new_loan A1 $V1 500000 4.35 2024-07-01 2027-07-01 >/dev/null &&
  pay $V1-DK-0001 2024-07-01 2024-10-01 5558.33 2024-10-08 >/dev/null &&
  apply $V1-DK-0001 2024 2024-10-10 >app &&
  echo $V1-TX-0001 >expect &&
  test_cmp expect app &&
  lines $V1-TX-0001 >actual &&
  echo "$V1-LX-0001|2024-07-01..2024-10-01|92|500000.00|4.35|4.35|360|5558.33|5558.33|5558.33|50|2779.17" >expect &&
  test_cmp expect actual &&
  test "$(field $V1-TX-0001 amount)" = 2779.17 &&
  test "$(field $V1-TX-0001 status)" = 已申请 &&
  test "$(sanzi subsidy show $V1-TX-0001 --format json |
          json_pick total subsidy)" = 2779.17
'

test_expect_success 'a period across 29 February 2024 counts the leap day: 91 days' '
  # 2024-01-01 .. 2024-04-01 = 31 + 29 + 31 = 91 days
  # computed = 300,000.00 × 3.65% × 91 / 360 = 10,950.00 × 91 / 360
  #          = 996,450.00 / 360 = 2,767.916.. -> 2,767.92
  #          (with 90 days it would be 2,737.50)
  # subsidy  = 2,767.92 × 50% = 1,383.96
  new_loan A2 $V2 300000 3.65 2024-01-01 2026-01-01 >/dev/null &&
  pay $V2-DK-0001 2024-01-01 2024-04-01 2767.92 2024-04-01 >/dev/null &&
  apply $V2-DK-0001 2024 2024-11-01 >/dev/null &&
  lines $V2-TX-0001 >actual &&
  echo "$V2-LX-0001|2024-01-01..2024-04-01|91|300000.00|3.65|3.65|360|2767.92|2767.92|2767.92|50|1383.96" >expect &&
  test_cmp expect actual
'

test_expect_success 'interest paid below the computed interest: the subsidy is on what was paid' '
  # 2024-01-01 .. 2024-07-01 = 31 + 29 + 31 + 30 + 31 + 30 = 182 days
  # computed = 100,000.00 × 3.6% × 182 / 360 = 3,600.00 × 182 / 360 = 1,820.00
  # eligible = min(paid 1,500.00, 1,820.00) = 1,500.00; subsidy = 750.00
  new_loan A3 $V3 100000 3.6 2024-01-01 2025-01-01 >/dev/null &&
  pay $V3-DK-0001 2024-01-01 2024-07-01 1500 2024-07-01 >/dev/null &&
  before=$(db_state) &&
  refused apply $V3-DK-0001 2024 2024-06-30 &&
  grep -q "payment $V3-LX-0001 was paid on 2024-07-01, after the application date 2024-06-30" err &&
  unchanged &&
  apply $V3-DK-0001 2024 2024-07-02 >/dev/null &&
  lines $V3-TX-0001 >actual &&
  echo "$V3-LX-0001|2024-01-01..2024-07-01|182|100000.00|3.6|3.6|360|1820.00|1500.00|1500.00|50|750.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'half a fen of interest rounds up: 12.345 -> 12.35' '
  # 2024-03-01 .. 2024-03-11 = 10 days
  # computed = 12,345.00 × 3.6% × 10 / 360 = 12,345.00 × 0.001 = 12.345
  #          = 1,234.5 fen -> 1,235 fen = 12.35 (truncating or rounding half
  #          to even would give 12.34)
  # eligible = min(paid 20.00, 12.35) = 12.35
  # subsidy  = 12.35 × 50% = 6.175 -> 6.18
  new_loan A4 $V4 12345 3.6 2024-03-01 2025-03-01 >/dev/null &&
  pay $V4-DK-0001 2024-03-01 2024-03-11 20 2024-03-11 >/dev/null &&
  apply $V4-DK-0001 2024 2024-03-12 >/dev/null &&
  lines $V4-TX-0001 >actual &&
  echo "$V4-LX-0001|2024-03-01..2024-03-11|10|12345.00|3.6|3.6|360|12.35|20.00|12.35|50|6.18" >expect &&
  test_cmp expect actual &&
  test "$(sql "SELECT computed, eligible, subsidy FROM subsidy_line
               WHERE payment = '\''$V4-LX-0001'\''")" = "1235|1235|618"
'

test_expect_success 'half a fen of subsidy rounds up: 12.25 × 50% = 6.125 -> 6.13' '
  # the same loan terms, 10 days: computed 12.35 as above
  # eligible = min(paid 12.25, 12.35) = 12.25
  # subsidy  = 12.25 × 50% = 6.125 = 612.5 fen -> 613 fen = 6.13 (truncating
  #            or rounding half to even would give 6.12)
  new_loan A5 $V5 12345 3.6 2024-03-01 2025-03-01 >/dev/null &&
  pay $V5-DK-0001 2024-03-01 2024-03-11 12.25 2024-03-11 >/dev/null &&
  apply $V5-DK-0001 2024 2024-03-12 >/dev/null &&
  lines $V5-TX-0001 >actual &&
  echo "$V5-LX-0001|2024-03-01..2024-03-11|10|12345.00|3.6|3.6|360|12.35|12.25|12.25|50|6.13" >expect &&
  test_cmp expect actual
'

test_expect_success 'basis 365 (year 2023): 200,000.00 at 3.65% for 181 days' '
  # 2023-01-01 .. 2023-07-01 = 31 + 28 + 31 + 30 + 31 + 30 = 181 days
  # computed = 200,000.00 × 3.65% × 181 / 365 = 7,300.00 × 181 / 365
  #          = 20.00 × 181 = 3,620.00 (on basis 360 it would be 3,670.28)
  # eligible = min(paid 3,700.00, 3,620.00) = 3,620.00: not more than the
  #            interest the formula allows; subsidy = 1,810.00
  new_loan B1 $H1 200000 3.65 2023-01-01 2025-01-01 >/dev/null &&
  pay $H1-DK-0001 2023-01-01 2023-07-01 3700 2023-07-05 >/dev/null &&
  apply $H1-DK-0001 2023 2023-07-10 >/dev/null &&
  lines $H1-TX-0001 >actual &&
  echo "$H1-LX-0001|2023-01-01..2023-07-01|181|200000.00|3.65|3.65|365|3620.00|3700.00|3620.00|50|1810.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'a rate above the cap (year 2022, cap 4%) is subsidised at the cap' '
  # 2022-01-01 .. 2022-07-01 = 181 days; rate used = min(6%, 4%) = 4%
  # computed = 100,000.00 × 4% × 181 / 360 = 4,000.00 × 181 / 360
  #          = 724,000.00 / 360 = 2,011.111.. -> 2,011.11
  # paid at 6%: 6,000.00 × 181 / 360 = 3,016.67
  # eligible = min(3,016.67, 2,011.11) = 2,011.11
  # subsidy  = 2,011.11 × 50% = 1,005.555 -> 1,005.56
  new_loan C1 $H2 100000 6 2022-01-01 2024-01-01 >/dev/null &&
  pay $H2-DK-0001 2022-01-01 2022-07-01 3016.67 2022-07-01 >/dev/null &&
  apply $H2-DK-0001 2022 2022-07-02 >/dev/null &&
  lines $H2-TX-0001 >actual &&
  echo "$H2-LX-0001|2022-01-01..2022-07-01|181|100000.00|6|4|360|2011.11|3016.67|2011.11|50|1005.56" >expect &&
  test_cmp expect actual
'

test_expect_success 'a rate below the cap is subsidised at its own rate' '
  # rate used = min(3%, 4%) = 3%
  # computed = 100,000.00 × 3% × 181 / 360 = 543,000.00 / 360
  #          = 1,508.333.. -> 1,508.33; subsidy = 754.165 -> 754.17
  new_loan C2 $H3 100000 3 2022-01-01 2024-01-01 >/dev/null &&
  pay $H3-DK-0001 2022-01-01 2022-07-01 1508.33 2022-07-01 >/dev/null &&
  apply $H3-DK-0001 2022 2022-07-02 >/dev/null &&
  lines $H3-TX-0001 >actual &&
  echo "$H3-LX-0001|2022-01-01..2022-07-01|181|100000.00|3|3|360|1508.33|1508.33|1508.33|50|754.17" >expect &&
  test_cmp expect actual
'

test_expect_success 'a payment belongs to the year it was paid in, not the year of its period' '
  # 2023-10-01 .. 2024-01-01 = 31 + 30 + 31 = 92 days, paid 2024-01-05:
  # a 2024 payment. computed = 3,600.00 × 92 / 360 = 920.00 (basis 360 of
  # 2024, not 365 of 2023); subsidy = 460.00
  new_loan D1 $V6 100000 3.6 2023-10-01 2025-10-01 >/dev/null &&
  pay $V6-DK-0001 2023-10-01 2024-01-01 920 2024-01-05 >/dev/null &&
  before=$(db_state) &&
  refused apply $V6-DK-0001 2023 2023-12-31 &&
  grep -q "loan $V6-DK-0001 has no interest paid in 2023" err &&
  unchanged &&
  apply $V6-DK-0001 2024 2024-01-10 >/dev/null &&
  lines $V6-TX-0001 >actual &&
  echo "$V6-LX-0001|2023-10-01..2024-01-01|92|100000.00|3.6|3.6|360|920.00|920.00|920.00|50|460.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'an application claims every unclaimed payment of the year, one line each' '
  # a second 2024 payment on the leap-year loan, made after V2-TX-0001:
  # 2024-04-01 .. 2024-07-01 = 30 + 31 + 30 = 91 days: computed 2,767.92
  # as above; paid 2,000.00 -> eligible 2,000.00, subsidy 1,000.00; a
  # 2025 payment (2024-07-01 .. 2024-10-01, paid 2025-01-02) is not claimed
  pay $V2-DK-0001 2024-04-01 2024-07-01 2000 2024-07-01 >/dev/null &&
  pay $V2-DK-0001 2024-07-01 2024-10-01 2790 2025-01-02 >/dev/null &&
  sanzi subsidy withdraw $V2-TX-0001 --reason 补充材料 --date 2024-11-02 >/dev/null &&
  apply $V2-DK-0001 2024 2024-11-03 >app &&
  echo $V2-TX-0002 >expect &&
  test_cmp expect app &&
  lines $V2-TX-0002 >actual &&
  cat >expect <<-EOF &&
	$V2-LX-0001|2024-01-01..2024-04-01|91|300000.00|3.65|3.65|360|2767.92|2767.92|2767.92|50|1383.96
	$V2-LX-0002|2024-04-01..2024-07-01|91|300000.00|3.65|3.65|360|2767.92|2000.00|2000.00|50|1000.00
	EOF
  test_cmp expect actual &&
  # 1,383.96 + 1,000.00 = 2,383.96
  test "$(field $V2-TX-0002 amount)" = 2383.96
'

test_expect_success 'subsidy show: every field, the formula and the history' '
  sanzi subsidy show $V1-TX-0001 >out &&
  for f in 申请编号 村代码 贷款编号 年度 申请日期 申请贴息 状态; do
    grep -q "^$f (" out || { echo "missing $f"; return 1; }
  done &&
  for h in 天数 本金 年利率 计贴利率 基准 应计利息 实付利息 可贴息利息 比例 贴息; do
    sed -n "/^lines:/{n;p;}" out | grep -q "$h" || { echo "no column $h"; return 1; }
  done &&
  grep -q "min(实付利息, 应计利息)" out &&
  sed -n "/^history/,\$p" out | grep -q tester
'

# ==== the full cycle and program show after each step ====

test_expect_success 'apply: nothing is reserved yet' '
  test "$(money 2024)" = "0.00|0.00|1000000.00"
'

test_expect_success 'review 同意: 初审通过, with the opinion; still nothing reserved' '
  sanzi subsidy review $V1-TX-0001 --decision 同意 --date 2024-10-12 \
    --opinion 材料齐全 >out &&
  grep -q "$V1-TX-0001: 初审通过" out &&
  test "$(field $V1-TX-0001 status)" = 初审通过 &&
  test "$(field $V1-TX-0001 review_opinion)" = 材料齐全 &&
  test "$(money 2024)" = "0.00|0.00|1000000.00"
'

test_expect_success 'publicize 7 days: 公示中; still nothing reserved' '
  # 2024-10-14 .. 2024-10-20 inclusive = 14,15,16,17,18,19,20 = 7 days
  sanzi subsidy publicize $V1-TX-0001 --from 2024-10-14 --to 2024-10-20 >out &&
  test "$(field $V1-TX-0001 status)" = 公示中 &&
  test "$(money 2024)" = "0.00|0.00|1000000.00"
'

test_expect_success 'approve the day after the publicity: 已审定 in full, the money reserved' '
  # 1,000,000.00 - 2,779.17 = 997,220.83
  sanzi subsidy approve $V1-TX-0001 --date 2024-10-21 >out &&
  grep -q "$V1-TX-0001: 已审定 2,779.17\$" out &&
  test "$(field $V1-TX-0001 approved)" = 2779.17 &&
  test -z "$(field $V1-TX-0001 cut_by)" &&
  test "$(money 2024)" = "2779.17|0.00|997220.83"
'

test_expect_success 'pay: 已拨付 with date and voucher; reserved moves to paid' '
  sanzi subsidy pay $V1-TX-0001 --date 2024-10-25 --voucher 付-088 >out &&
  grep -q "$V1-TX-0001: 已拨付" out &&
  test "$(field $V1-TX-0001 paid_on)" = 2024-10-25 &&
  test "$(field $V1-TX-0001 paid_voucher)" = 付-088 &&
  test "$(money 2024)" = "0.00|2779.17|997220.83"
'

test_expect_success 'the loan shows which application claimed each payment' '
  sanzi loan show $V1-DK-0001 --format csv --part payments |
    csv_pick 付息编号 贴息申请 >actual &&
  echo "$V1-LX-0001|$V1-TX-0001 已拨付" >expect &&
  test_cmp expect actual
'

# ==== workflow refusals (on V2-TX-0002, applied 2024-11-03) ====
A=$V2-TX-0002

test_expect_success 'steps out of order are refused: publicize, approve, pay before review' '
  before=$(db_state) &&
  refused sanzi subsidy publicize $A --from 2024-11-04 --to 2024-11-10 &&
  grep -q "公示: application $A is 已申请; this step needs one that is 初审通过 or 公示中" err &&
  refused sanzi subsidy approve $A --date 2024-12-01 &&
  grep -q "县级审定: application $A is 已申请; this step needs one that is 公示中" err &&
  refused sanzi subsidy pay $A --date 2024-12-01 --voucher 付-1 &&
  grep -q "拨付: application $A is 已申请; this step needs one that is 已审定" err &&
  unchanged
'

test_expect_success 'a review dated before the application, or with another decision, is refused' '
  before=$(db_state) &&
  refused sanzi subsidy review $A --decision 同意 --date 2024-11-02 &&
  grep -q "乡镇初审: 2024-11-02 is before the application (2024-11-03)" err &&
  refused sanzi subsidy review $A --decision 退回 --date 2024-11-03 &&
  grep -q "the decision is 同意 or 不同意, not .退回." err &&
  unchanged
'

test_expect_success 'a review on the day of the application is accepted; a second review is refused' '
  sanzi subsidy review $A --decision 同意 --date 2024-11-03 >/dev/null &&
  before=$(db_state) &&
  refused sanzi subsidy review $A --decision 同意 --date 2024-11-04 &&
  grep -q "乡镇初审: application $A is 初审通过; this step needs one that is 已申请" err &&
  refused sanzi subsidy approve $A --date 2024-12-01 &&
  grep -q "is 初审通过; this step needs one that is 公示中" err &&
  unchanged
'

test_expect_success 'a publicity beginning before the review, or ending before it begins, is refused' '
  before=$(db_state) &&
  refused sanzi subsidy publicize $A --from 2024-11-02 --to 2024-11-10 &&
  grep -q "公示: 2024-11-02 is before the township review (2024-11-03)" err &&
  refused sanzi subsidy publicize $A --from 2024-11-10 --to 2024-11-09 &&
  grep -q "公示: it ends (2024-11-09) before it begins (2024-11-10)" err &&
  unchanged
'

test_expect_success 'a publicity of 6 days is refused' '
  # 2024-11-04 .. 2024-11-09 inclusive = 4,5,6,7,8,9 = 6 days < 7
  before=$(db_state) &&
  refused sanzi subsidy publicize $A --from 2024-11-04 --to 2024-11-09 &&
  grep -q "公示: 6 day(s) (2024-11-04 to 2024-11-09), at least 7 required" err &&
  unchanged
'

test_expect_success 'a publicity of exactly 7 days, counting both ends, is accepted' '
  # 2024-11-04 .. 2024-11-10 inclusive = 7 days
  sanzi subsidy publicize $A --from 2024-11-04 --to 2024-11-10 >out &&
  grep -q "$A: 公示 2024-11-04 to 2024-11-10" out &&
  test "$(field $A status)" = 公示中
'

test_expect_success 'approval during the publicity, even on its last day, is refused' '
  before=$(db_state) &&
  refused sanzi subsidy approve $A --date 2024-11-10 &&
  grep -q "县级审定 on 2024-11-10: the publicity runs to 2024-11-10 and must end before the approval" err &&
  refused sanzi subsidy approve $A --date 2024-11-05 &&
  grep -q "the publicity runs to 2024-11-10" err &&
  refused sanzi subsidy pay $A --date 2024-11-11 --voucher 付-1 &&
  grep -q "is 公示中; this step needs one that is 已审定" err &&
  unchanged
'

test_expect_success 'approval the day after the publicity: in full' '
  # 2,383.96 asked; village V2 has 0.00 of its 100,000.00; the year has
  # 2,779.17 of 1,000,000.00 used: no cap cuts it
  sanzi subsidy approve $A --date 2024-11-11 >out &&
  grep -q "$A: 已审定 2,383.96\$" out &&
  # reserved 2,383.96; paid 2,779.17; 1,000,000.00 - 2,383.96 - 2,779.17
  # = 994,836.87
  test "$(money 2024)" = "2383.96|2779.17|994836.87"
'

test_expect_success 'a payment dated before the approval, or without a voucher, is refused' '
  before=$(db_state) &&
  refused sanzi subsidy pay $A --date 2024-11-10 --voucher 付-1 &&
  grep -q "拨付: 2024-11-10 is before the approval (2024-11-11)" err &&
  refused sanzi subsidy pay $A --date 2024-11-11 --voucher "" &&
  grep -q "拨付: the payment voucher (--voucher) is required" err &&
  test_must_fail 2 sanzi subsidy pay $A --date 2024-11-11 2>err &&
  grep -q -- --voucher err &&
  unchanged
'

test_expect_success 'paid on the day of the approval; then approve or withdraw are refused' '
  sanzi subsidy pay $A --date 2024-11-11 --voucher 付-2 >/dev/null &&
  test "$(money 2024)" = "0.00|5163.13|994836.87" &&
  before=$(db_state) &&
  refused sanzi subsidy approve $A --date 2024-11-12 &&
  grep -q "is 已拨付; this step needs one that is 公示中" err &&
  refused sanzi subsidy withdraw $A --reason 错 --date 2024-11-12 &&
  grep -q "撤回: application $A was paid on 2024-11-11; a paid subsidy is not withdrawn" err &&
  unchanged
'

test_expect_success 'no programme year: the application is refused' '
  before=$(db_state) &&
  refused apply $V1-DK-0001 2019 2019-12-01 &&
  grep -q "no programme year 2019" err &&
  grep -q "sanzi program set --year 2019" err &&
  unchanged
'

test_expect_success 'a loan with nothing paid in the year is refused' '
  # V1-DK-0001 began 2024-07-01: nothing paid in 2023
  before=$(db_state) &&
  refused apply $V1-DK-0001 2023 2023-12-01 &&
  grep -q "loan $V1-DK-0001 has no interest paid in 2023 that is not already claimed" err &&
  refused apply NO-SUCH 2024 2024-12-01 &&
  grep -q "no loan with code .NO-SUCH." err &&
  unchanged
'

test_expect_success 'a payment is claimed once: a second application for it is refused' '
  # V1-LX-0001 is claimed by V1-TX-0001 (paid), V3-LX-0001 by V3-TX-0001
  before=$(db_state) &&
  refused apply $V1-DK-0001 2024 2024-12-01 &&
  grep -q "loan $V1-DK-0001 has no interest paid in 2024 that is not already claimed" err &&
  refused apply $V3-DK-0001 2024 2024-12-01 &&
  grep -q "not already claimed" err &&
  unchanged
'

test_expect_success 'behind the program, the database refuses a second claim of a payment' '
  before=$(db_state) &&
  ! sql "INSERT INTO subsidy_line(code, application, payment, days, principal,
           rate, rate_used, day_basis, computed, paid, eligible, ratio, subsidy,
           log_id)
         VALUES('\''$V4-TX-0001/9'\'', '\''$V4-TX-0001'\'', '\''$V3-LX-0001'\'',
           182, 10000000, 36000, 36000, 360, 182000, 150000, 150000, 500000,
           75000, 1)" 2>err &&
  grep -q "an interest payment is claimed once" err &&
  unchanged
'

test_expect_success '初审不同意 closes the application and releases its payments' '
  sanzi subsidy review $V4-TX-0001 --decision 不同意 --date 2024-03-13 \
    --opinion 非集体经济项目 >out &&
  grep -q "$V4-TX-0001: 初审不同意" out &&
  test "$(field $V4-TX-0001 status)" = 初审不同意 &&
  apply $V4-DK-0001 2024 2024-03-14 >app &&
  echo $V4-TX-0002 >expect &&
  test_cmp expect app &&
  # the same payment, the same figures as V4-TX-0001: 6.18
  test "$(field $V4-TX-0002 amount)" = 6.18 &&
  lines $V4-TX-0002 | grep -q "^$V4-LX-0001|"
'

test_expect_success 'a refused application cannot go on, nor be withdrawn' '
  before=$(db_state) &&
  refused sanzi subsidy publicize $V4-TX-0001 --from 2024-03-14 --to 2024-03-20 &&
  grep -q "is 初审不同意" err &&
  refused sanzi subsidy withdraw $V4-TX-0001 --reason 错 --date 2024-03-14 &&
  grep -q "撤回: application $V4-TX-0001 is already closed (初审不同意)" err &&
  unchanged
'

test_expect_success 'a withdrawn application releases its payments to a new one' '
  sanzi subsidy withdraw $V5-TX-0001 --reason 申请人更正 --date 2024-03-13 >out &&
  grep -q "$V5-TX-0001: 已撤回" out &&
  test "$(field $V5-TX-0001 withdrawn)" = 申请人更正 &&
  apply $V5-DK-0001 2024 2024-03-14 >app &&
  echo $V5-TX-0002 >expect &&
  test_cmp expect app &&
  test "$(field $V5-TX-0002 amount)" = 6.13
'

test_expect_success 'withdrawing twice, before the application, an unknown code: refused' '
  before=$(db_state) &&
  refused sanzi subsidy withdraw $V5-TX-0001 --reason 再撤 --date 2024-03-14 &&
  grep -q "is already closed (已撤回)" err &&
  refused sanzi subsidy withdraw $V5-TX-0002 --reason 错 --date 2024-03-13 &&
  grep -q "撤回: 2024-03-13 is before the application (2024-03-14)" err &&
  refused sanzi subsidy withdraw $V5-TX-0002 --reason "" --date 2024-03-14 &&
  grep -q "reason" err &&
  refused sanzi subsidy withdraw NO-SUCH --reason 错 &&
  grep -q "no subsidy application with code .NO-SUCH." err &&
  refused sanzi subsidy show NO-SUCH &&
  grep -q NO-SUCH err &&
  unchanged
'

# ==== changing a programme year ====

test_expect_success 'ratio, rate cap and basis cannot change while the year has open applications' '
  before=$(db_state) &&
  refused sanzi program set --year 2024 --ratio 60 &&
  grep -q "贴息比例 (ratio): .* application(s) of 2024 (not withdrawn or refused)" err &&
  refused sanzi program set --year 2024 --rate-cap 4 &&
  grep -q "利率上限 (rate cap): .* application(s) of 2024" err &&
  refused sanzi program set --year 2024 --day-basis 365 &&
  grep -q "计息天数基准 (day basis): .* application(s) of 2024" err &&
  unchanged
'

test_expect_success 'the budget cannot go below what is approved or paid' '
  # 2024: V1-TX-0001 2,779.17 + V2-TX-0002 2,383.96 = 5,163.13 paid
  before=$(db_state) &&
  refused sanzi program set --year 2024 --budget 5163.12 &&
  grep -q "年度预算 (budget): 5,163.12 is below the 5,163.13 already approved or paid in 2024" err &&
  unchanged &&
  sanzi program set --year 2024 --budget 5163.13 >/dev/null &&
  test "$(money 2024)" = "0.00|5163.13|0.00"
'

test_expect_success 'the village cap cannot go below what a village has approved or paid' '
  # the most any 2024 village has: V1 2,779.17
  before=$(db_state) &&
  refused sanzi program set --year 2024 --village-cap 2779.16 &&
  grep -q "每村年度限额 (village cap): 2,779.16 is below the 2,779.17 a village already has approved or paid in 2024" err &&
  unchanged &&
  sanzi program set --year 2024 --village-cap 2779.17 --budget 1000000 >/dev/null
'

test_expect_success 'once every application of the year is withdrawn or refused, the ratio may change' '
  sanzi subsidy withdraw $H2-TX-0001 --reason 重报 --date 2022-07-03 >/dev/null &&
  before=$(db_state) &&
  refused sanzi program set --year 2022 --ratio 60 &&
  grep -q "1 application(s) of 2022" err &&
  unchanged &&
  sanzi subsidy review $H3-TX-0001 --decision 不同意 --date 2022-07-03 >/dev/null &&
  sanzi program set --year 2022 --ratio 60 >/dev/null &&
  test "$(program 2022)" = "1000000.00|60|4|360|100000.00" &&
  # a new application uses the new ratio:
  # 2,011.11 × 60% = 1,206.666 -> 1,206.67
  apply $H2-DK-0001 2022 2022-07-04 >app &&
  test "$(field $(cat app) amount)" = 1206.67
'

# ==== the caps at 县级审定 (2021: budget 1,500.00, village cap 1,000.00) ====
# Four loans of 100,000.00 at 3.6%, 2021-01-01 .. 2022-01-01, one payment
# each for 2021-01-01 .. 2021-06-10 = 31 + 28 + 31 + 30 + 31 + 9 = 160 days:
#   computed = 3,600.00 × 160 / 360 = 1,600.00 = paid = eligible
#   subsidy  = 1,600.00 × 50% = 800.00 each
# V7 has two (K1, K2), V8 one (K3), H4 one (K4).

test_expect_success 'setup 2021: four applications of 800.00 each, all publicised' '
  new_loan K1 $V7 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  new_loan K2 $V7 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  new_loan K3 $V8 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  new_loan K4 $H4 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  for l in $V7-DK-0001 $V7-DK-0002 $V8-DK-0001 $H4-DK-0001; do
    pay $l 2021-01-01 2021-06-10 1600 2021-06-10 >/dev/null &&
    apply $l 2021 2021-06-15 >>apps || return 1
  done &&
  printf "%s\n" $V7-TX-0001 $V7-TX-0002 $V8-TX-0001 $H4-TX-0001 >expect &&
  test_cmp expect apps &&
  for a in $(cat apps); do
    test "$(field $a amount)" = 800.00 &&
    to_public $a 2021-06-16 2021-06-17 2021-06-23 || return 1
  done
'

test_expect_success 'the first application of a village is approved in full' '
  # village V7: 1,000.00 - 0.00 left; budget 1,500.00 - 0.00 left: 800.00
  sanzi subsidy approve $V7-TX-0001 --date 2021-06-24 >out &&
  grep -q "$V7-TX-0001: 已审定 800.00\$" out
'

test_expect_success 'the second of the same village is cut by the village cap' '
  # village V7: 1,000.00 - 800.00 = 200.00 left; budget 1,500.00 - 800.00
  # = 700.00 left: granted 200.00, cut by 村年度限额
  sanzi subsidy approve $V7-TX-0002 --date 2021-06-24 >out &&
  grep -q "$V7-TX-0002: 已审定 200.00, cut from 800.00 by the 村年度限额 (1,000.00, of which 800.00 was already approved or paid)" out &&
  test "$(field $V7-TX-0002 approved)" = 200.00 &&
  test "$(field $V7-TX-0002 cut_by)" = 村年度限额 &&
  test "$(sql "SELECT amount, approved, cut_by FROM subsidy
               WHERE code = '\''$V7-TX-0002'\''")" = "80000|20000|村年度限额"
'

test_expect_success 'another village is cut by what is left of the budget' '
  # village V8: 1,000.00 left; budget 1,500.00 - (800.00 + 200.00) =
  # 500.00 left: granted 500.00, cut by 年度预算
  sanzi subsidy approve $V8-TX-0001 --date 2021-06-24 >out &&
  grep -q "$V8-TX-0001: 已审定 500.00, cut from 800.00 by the 年度预算 (1,500.00, of which 1,000.00 was already approved or paid)" out &&
  test "$(field $V8-TX-0001 cut_by)" = 年度预算 &&
  test "$(money 2021)" = "1500.00|0.00|0.00"
'

test_expect_success 'with the budget used up, approval is refused, naming the budget' '
  before=$(db_state) &&
  refused sanzi subsidy approve $H4-TX-0001 --date 2021-06-24 &&
  grep -q "县级审定: nothing left to grant: the 年度预算 of 2021 is 1,500.00, and 1,500.00 is already approved or paid (application $H4-TX-0001 asks 800.00)" err &&
  test "$(field $H4-TX-0001 status)" = 公示中 &&
  unchanged
'

test_expect_success 'paying moves money from reserved to paid' '
  # reserved 200.00 + 500.00 = 700.00, paid 800.00, remaining 0.00
  sanzi subsidy pay $V7-TX-0001 --date 2021-06-30 --voucher 付-21 >/dev/null &&
  test "$(money 2021)" = "700.00|800.00|0.00"
'

test_expect_success 'a withdrawal dated before the approval or the review is refused' '
  before=$(db_state) &&
  refused sanzi subsidy withdraw $V8-TX-0001 --reason 项目停建 --date 2021-06-23 &&
  grep -q "撤回: 2021-06-23 is before the approval (2021-06-24)" err &&
  refused sanzi subsidy withdraw $H4-TX-0001 --reason 项目停建 --date 2021-06-15 &&
  grep -q "撤回: 2021-06-15 is before the township review (2021-06-16)" err &&
  unchanged
'

test_expect_success 'withdrawing an approved application gives its money back to the year' '
  # V8-TX-0001 held 500.00: remaining 0.00 + 500.00 = 500.00
  sanzi subsidy withdraw $V8-TX-0001 --reason 项目停建 --date 2021-06-30 >/dev/null &&
  test "$(money 2021)" = "200.00|800.00|500.00" &&
  # H4 asks 800.00 again: village H4 has 1,000.00 left, the budget 500.00
  sanzi subsidy approve $H4-TX-0001 --date 2021-07-01 >out &&
  grep -q "$H4-TX-0001: 已审定 500.00, cut from 800.00 by the 年度预算 (1,500.00, of which 1,000.00 was already approved or paid)" out &&
  test "$(money 2021)" = "700.00|800.00|0.00"
'

test_expect_success 'behind the program, the database refuses approvals beyond the budget or the cap' '
  # approving V8-TX-0001 again would make 1,500.00 + 500.00 > 1,500.00;
  # raising V7-TX-0002 to 800.00 would make V7 1,600.00 > 1,000.00 (and
  # the year 2,100.00 > 1,500.00)
  before=$(db_state) &&
  ! sql "UPDATE subsidy SET status = '\''已审定'\'', approved = 50000,
           approved_on = '\''2021-07-02'\'', withdrawn = NULL,
           withdrawn_on = NULL, log_id = log_id + 100000
         WHERE code = '\''$V8-TX-0001'\''" 2>err &&
  grep -q "exceed the year.s budget" err &&
  sanzi program set --year 2021 --budget 100000 >/dev/null &&
  before=$(db_state) &&
  ! sql "UPDATE subsidy SET approved = 80000, log_id = log_id + 100000
         WHERE code = '\''$V7-TX-0002'\''" 2>err &&
  grep -q "exceed the village.s yearly cap" err &&
  ! sql "UPDATE program SET budget = 149999, log_id = log_id + 100000
         WHERE year = '\''2021'\''" 2>err &&
  grep -q "the budget is below what is approved and paid" err &&
  unchanged &&
  sanzi program set --year 2021 --budget 1500 >/dev/null
'

test_expect_success 'approved and paid never exceed the budget or a village cap' '
  test "$(sql "SELECT count(*) FROM program p WHERE budget < (SELECT
    coalesce(sum(approved), 0) FROM subsidy s WHERE s.year = p.year AND
    status IN ('\''已审定'\'', '\''已拨付'\''))")" = 0 &&
  test "$(sql "SELECT count(*) FROM (SELECT s.year, village, sum(approved) a
    FROM subsidy s WHERE status IN ('\''已审定'\'', '\''已拨付'\'')
    GROUP BY s.year, village) JOIN program p USING (year)
    WHERE a > p.village_cap")" = 0
'

# ==== list and report ====

test_expect_success 'subsidy list --year and --village, --township' '
  sanzi subsidy list --year 2021 --village $V7 >out &&
  grep "$V7-TX-0001" out | grep -q 已拨付 &&
  grep "$V7-TX-0002" out | grep -q 已审定 &&
  test "$(grep -c TX- out)" = 2 &&
  sanzi subsidy list --year 2021 --township 150125101 >out &&
  test "$(grep -c TX- out)" = 1 &&
  grep -q "$H4-TX-0001" out &&
  sanzi subsidy list --year 2021 >out &&
  test "$(grep -c TX- out)" = 4
'

test_expect_success 'a withdrawn loan and its payments are left out of the report' '
  # K5: a loan of V8 entered by mistake, with a 2021 payment of 1,600.00,
  # then withdrawn: the report below counts neither
  new_loan K5 $V8 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  pay $V8-DK-0002 2021-01-01 2021-06-10 1600 2021-06-10 >/dev/null &&
  sanzi loan withdraw $V8-DK-0002 --reason 重复录入 >/dev/null
'

test_expect_success 'subsidy report 2021: villages, township subtotals, the county total' '
  # loans active in 2021, interest paid in 2021, applied (applications
  # not withdrawn or refused), approved (已审定 + 已拨付), paid (已拨付):
  # V7: 2 loans, 200,000.00; interest 1,600.00 × 2 = 3,200.00;
  #     applied 800.00 + 800.00 = 1,600.00; approved 800.00 + 200.00 =
  #     1,000.00; paid 800.00
  # V8: 1 loan, 100,000.00; 1,600.00; its application is withdrawn: 0.00
  # 可可以力更镇: 3 loans, 300,000.00, 4,800.00, 1,600.00, 1,000.00, 800.00
  # H4: 1 loan, 100,000.00, 1,600.00, 800.00, approved 500.00, paid 0.00
  # 哈乐镇: the same as H4
  # county: 4 loans, 400,000.00, 6,400.00, 2,400.00, 1,500.00, 800.00
  sanzi subsidy report --year 2021 >report &&
  sed "/^\$/q" report |
  awk "NF >= 7 { n = NF; print \$1 \"|\" \$(n-5) \"|\" \$(n-4) \"|\" \$(n-3) \"|\" \$(n-2) \"|\" \$(n-1) \"|\" \$n }" |
    sed 1d >actual &&
  cat >expect <<-EOF &&
	$V7|2|200,000.00|3,200.00|1,600.00|1,000.00|800.00
	$V8|1|100,000.00|1,600.00|0.00|0.00|0.00
	150125100|3|300,000.00|4,800.00|1,600.00|1,000.00|800.00
	$H4|1|100,000.00|1,600.00|800.00|500.00|0.00
	150125101|1|100,000.00|1,600.00|800.00|500.00|0.00
	全县合计|4|400,000.00|6,400.00|2,400.00|1,500.00|800.00
	EOF
  test_cmp expect actual &&
  grep "^150125100 " report | grep -q "可可以力更镇 合计" &&
  grep "^150125101 " report | grep -q "哈乐镇 合计" &&
  grep -q "^2021: budget 1,500.00, approved or paid 1,500.00, remaining 0.00\$" report
'

test_expect_success 'with the village cap used up, approval is refused, naming the village cap' '
  # V7 has 800.00 + 200.00 = 1,000.00 of its 1,000.00; the budget is
  # raised to 2,000.00 so that only the village cap stands in the way
  sanzi program set --year 2021 --budget 2000 >/dev/null &&
  new_loan K6 $V7 100000 3.6 2021-01-01 2022-01-01 >/dev/null &&
  pay $V7-DK-0003 2021-01-01 2021-06-10 1600 2021-06-10 >/dev/null &&
  apply $V7-DK-0003 2021 2021-06-15 >app &&
  to_public $(cat app) 2021-06-16 2021-06-17 2021-06-23 &&
  before=$(db_state) &&
  refused sanzi subsidy approve $(cat app) --date 2021-07-01 &&
  grep -q "nothing left to grant: the 村年度限额 of 2021 is 1,000.00, and 1,000.00 is already approved or paid (application $(cat app) asks 800.00)" err &&
  unchanged
'

test_expect_success 'subsidy report for a year without a programme says so' '
  sanzi subsidy report --year 2017 >report &&
  grep -q "全县合计" report &&
  grep -q "2017: no programme year set up" report
'

test_expect_success 'subsidy usage errors exit 2 and write nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi subsidy 2>err &&
  test_must_fail 2 sanzi subsidy frobnicate 2>err &&
  test_must_fail 2 sanzi subsidy apply --year 2024 2>err &&
  test_must_fail 2 sanzi subsidy review $V1-TX-0001 --date 2024-10-12 2>err &&
  test_must_fail 2 sanzi subsidy approve $V1-TX-0001 2>err &&
  test_must_fail 2 sanzi subsidy report 2>err &&
  test_must_fail 2 sanzi subsidy list --bogus 2>err &&
  test_must_fail 2 sanzi program set 2>err &&
  test_must_fail 2 sanzi program 2>err &&
  unchanged
'

test_expect_success 'subsidy --help and program --help: usage, exit 0' '
  sanzi subsidy --help >out &&
  grep -q usage out &&
  sanzi subsidy apply --help >out &&
  grep -q usage out &&
  sanzi program --help >out &&
  grep -q usage out
'

test_expect_success 'the formula'\''s parameters do not change under applications already computed' '
  # 2024 has applications that are neither withdrawn nor refused
  before=$(db_state) &&
  refused sanzi program set --year 2024 --ratio 60 &&
  grep -q "^sanzi: 贴息比例 (ratio): [0-9]* application(s) of 2024 (not withdrawn or refused) were computed with the current value; it can change only while there are none\$" err &&
  refused sanzi program set --year 2024 --day-basis 365 &&
  grep -q "计息天数基准 (day basis): [0-9]* application(s) of 2024" err &&
  unchanged
'

test_expect_success 'an application whose subsidy is 0.00 is not approved' '
  # 0.01 yuan at 1% for the 1 day 2024-05-01..05-02 on a 360 basis:
  # 1 fen x 10,000 ppm x 1 / (360 x 1,000,000) = 0.0000278 fen -> 0;
  # eligible = min(0.01 paid, 0.00) = 0.00; subsidy 0.00
  new_loan ZERO-1 $V3 0.01 1 2024-05-01 2024-06-01 >loan &&
  pay "$(cat loan)" 2024-05-01 2024-05-02 0.01 2024-05-02 >/dev/null &&
  apply "$(cat loan)" 2024 2024-05-03 >app &&
  test "$(sql "SELECT amount FROM subsidy WHERE code = '\''$(cat app)'\''")" = 0 &&
  to_public "$(cat app)" 2024-05-04 2024-05-05 2024-05-11 &&
  before=$(db_state) &&
  refused sanzi subsidy approve "$(cat app)" --date 2024-05-12 &&
  grep -q "^sanzi: 县级审定: the application.s subsidy is 0.00: nothing to approve\$" err &&
  unchanged
'

test_expect_success 'nothing is dated after today: payments, applications, steps' '
  tomorrow=$(date -d tomorrow +%Y-%m-%d) &&
  before=$(db_state) &&
  refused sanzi loan interest $V1-DK-0001 --from 2024-01-01 --to 2024-02-01 \
    --paid 1 --paid-on $tomorrow --voucher 记-x &&
  grep -q "付息日期: $tomorrow: that day has not come yet" err &&
  refused sanzi subsidy apply --loan $V1-DK-0001 --year 2024 --date $tomorrow &&
  grep -q "^sanzi: 申请 on $tomorrow: that day has not come yet" err &&
  for step in "review $A --decision 同意" "approve $A" "pay $A --voucher V" \
              "withdraw $A --reason 无"; do
    refused sanzi subsidy $step --date $tomorrow || return 1
  done &&
  unchanged &&
  refused sanzi program set --year 1899 &&
  grep -q "年度: .1899. is not a year" err &&
  unchanged
'

test_expect_success 'every step is in the change log, and the log verifies' '
  changes subsidy show $V7-TX-0002 >hist &&
  grep -qx "状态|公示中|已审定" hist &&
  grep -qx "核减依据||村年度限额" hist &&
  log_rows --table subsidy >log &&
  test "$(grep -c "|subsidy|$V7-TX-0002\$" log)" = 4 &&
  sanzi log verify >/dev/null
'

test_done
