#!/bin/sh
# sanzi loan: the loan register (template, add, import, export, the
# required columns, maturity after the start), interest payments recorded
# with `loan interest` and every rule they must keep, withdrawing a loan or a
# payment, and the change log (doc/domain.md "Loans and the interest-subsidy
# guide fund"). Every refusal is checked for its message and for leaving the
# database exactly as it was.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会, 可可以力更镇
V3=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101
ONE="$TMP/one.db"
TWO="$TMP/two.db"

# The columns of the loan register, in order.
LOAN_H='贷款编号,村代码,贷款银行,贷款合同号,项目名称,本金,年利率,放款日期,到期日期,备注,撤回原因'

LOAN_DEFAULTS="village=$V1 lender=中国农业银行武川县支行 contract_no=NH-001
project=肉牛养殖场 principal=500000 rate=4.35 start_date=2024-03-01
maturity=2027-03-01"
add_loan() { add_to loan "$LOAN_DEFAULTS" "$@"; }

# header FILE: the first line without the BOM and the CR
header() { head -n 1 "$1" | sed "s/^$(printf "\357\273\277")//" | tr -d "\r"; }

# pay LOAN FROM TO PAID PAID_ON [VOUCHER]: record an interest payment.
pay() {
  sanzi loan interest "$1" --from "$2" --to "$3" --paid "$4" \
    --paid-on "$5" --voucher "${6:-记-$2}"
}

test_expect_success 'setup: the county' '
  use "$ONE" && setup_county
'

# ==== the register ====

test_expect_success 'loan template: the Chinese columns and one example row' '
  use "$ONE" &&
  sanzi loan template >tpl.csv &&
  test "$(header tpl.csv)" = "$LOAN_H" &&
  test "$(tr -d "\r" <tpl.csv | grep -c -v "^\$")" = 2
'

test_expect_success 'the template imports back as it is: one loan' '
  use "$ONE" &&
  sanzi loan import tpl.csv 2>err &&
  test "$(sql "SELECT count(*) FROM loan")" = 1 &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'loan add prints the generated code <village>-DK-0001, numbered per village' '
  use "$TWO" && setup_county &&
  add_loan >out &&
  add_loan contract_no=NH-002 >>out &&
  add_loan village=$V3 contract_no=NH-003 >>out &&
  printf "%s\n" $V1-DK-0001 $V1-DK-0002 $V3-DK-0001 >expect &&
  test_cmp expect out
'

test_expect_success 'loan add with the Chinese column names' '
  use "$TWO" &&
  sanzi loan add 村代码=$V2 贷款银行=武川县农村信用合作联社 贷款合同号=XYS-7 \
    项目名称=光伏电站 本金=¥80,000.00 年利率=3.85% 放款日期=2024年1月15日 \
    到期日期=2026/1/15 备注=三年期 >out &&
  echo $V2-DK-0001 >expect &&
  test_cmp expect out &&
  test "$(sql "SELECT principal, rate, start_date, maturity, note FROM loan
               WHERE code = '\''$V2-DK-0001'\''")" = "8000000|38500|2024-01-15|2026-01-15|三年期"
'

test_expect_success 'loan money is exact to the fen, the rate to 1/10000 of a percent' '
  use "$TWO" &&
  # 500,000 元 = 50,000,000 fen; 4.35% = 43,500 parts per million
  test "$(sql "SELECT principal FROM loan WHERE code = '\''$V1-DK-0001'\''")" = 50000000 &&
  test "$(sql "SELECT rate FROM loan WHERE code = '\''$V1-DK-0001'\''")" = 43500
'

test_expect_success 'a missing required field is refused, naming the column' '
  use "$TWO" &&
  before=$(db_state) &&
  for k in village lender contract_no project principal rate start_date maturity
  do
    refused add_loan contract_no=NEW-1 $k= || { echo "accepted without $k"; return 1; }
  done &&
  refused add_loan contract_no=NEW-1 lender= &&
  grep -q 贷款银行 err &&
  refused add_loan contract_no=NEW-1 principal= &&
  grep -q 本金 err &&
  refused add_loan contract_no=NEW-1 maturity= &&
  grep -q 到期日期 err &&
  unchanged
'

test_expect_success 'the maturity must be after the start: the same day or earlier is refused' '
  use "$TWO" &&
  before=$(db_state) &&
  refused add_loan contract_no=NEW-1 start_date=2024-03-01 maturity=2024-03-01 &&
  grep 到期日期 err | grep -q "2024-03-01 is not after 放款日期 2024-03-01" &&
  refused add_loan contract_no=NEW-1 start_date=2024-03-01 maturity=2024-02-29 &&
  grep 到期日期 err | grep -q 2024-02-29 &&
  unchanged &&
  add_loan contract_no=NEW-1 start_date=2024-03-01 maturity=2024-03-02 >/dev/null
'

test_expect_success 'a principal or rate of zero, a rate over 100%, an impossible date are refused' '
  use "$TWO" &&
  before=$(db_state) &&
  refused add_loan contract_no=NEW-2 principal=0 &&
  grep -q 本金 err &&
  refused add_loan contract_no=NEW-2 rate=0 &&
  grep -q 年利率 err &&
  refused add_loan contract_no=NEW-2 rate=150 &&
  grep 年利率 err | grep -q 150 &&
  refused add_loan contract_no=NEW-2 start_date=2023-02-29 &&
  grep 放款日期 err | grep -q 2023-02-29 &&
  refused add_loan contract_no=NEW-2 village=150125100299 &&
  grep -q 150125100299 err &&
  unchanged
'

test_expect_success 'the same contract number of the same bank is refused' '
  use "$TWO" &&
  before=$(db_state) &&
  refused add_loan contract_no=NH-001 &&
  grep 贷款合同号 err | grep -q NH-001 &&
  unchanged
'

test_expect_success 'an import missing a required column is refused and lists the accepted names' '
  use "$TWO" &&
  before=$(db_state) &&
  printf "%s\n" "村代码,贷款银行,贷款合同号,项目名称,本金,放款日期,到期日期" \
    "$V1,农行,M-1,大棚,1000,2024-03-01,2027-02-28" >norate.csv &&
  refused sanzi loan import norate.csv &&
  grep "norate.csv:1:" err | grep -q "年利率" &&
  grep -q "accepted:" err &&
  unchanged
'

test_expect_success 'an import with bad rows imports nothing and names every bad row' '
  use "$TWO" &&
  before=$(db_state) &&
  cat >bad.csv <<-EOF &&
	$LOAN_H
	,$V1,农行,B-1,大棚,1000,4,2024-03-01,2025-03-01,,
	,$V1,农行,B-2,大棚,1000,4,2024-03-01,2024-03-01,,
	,$V1,农行,,大棚,1000,4,2024-03-01,2025-03-01,,
	,$V1,农行,B-4,大棚,1000,4,2024-03-01,2023-03-01,,
	EOF
  refused sanzi loan import bad.csv &&
  grep "bad.csv:3:" err | grep -q 到期日期 &&
  grep "bad.csv:4:" err | grep -q 贷款合同号 &&
  grep "bad.csv:5:" err | grep -q 到期日期 &&
  ! grep -q "bad.csv:2:" err &&
  unchanged
'

test_expect_success 'import, export, import into a fresh database, export: the same bytes' '
  # a comma and quotes in cells, a grouped amount, a rate below 1% and
  # dates written as a clerk writes them
  use "$ONE" && setup_county &&
  cat >loans.csv <<-EOF &&
	$LOAN_H
	,$V1,中国农业银行武川县支行,NH-001,"大棚,一期","1,000,000.00",0.5%,2024年3月1日,2027/2/28,"附""合同""一份",
	,$V1,武川县农村信用合作联社,XYS-2,肉牛养殖场,50000,4.35,2024-01-01,2025-01-01,,
	,$V3,中国邮政储蓄银行,YZ-3,光伏电站,123456.78,3.8500%,2023-12-31,2026-12-31,三年期,
	EOF
  sanzi loan import loans.csv 2>err &&
  add_loan village=$V2 contract_no=ADD-1 principal=0.01 rate=0.0001% >/dev/null &&
  sanzi loan export >loan.csv &&
  test "$(header loan.csv)" = "$LOAN_H" &&
  test "$(grep -c "DK-000" loan.csv)" = 4 &&
  use "$TWO" && setup_county &&
  sanzi loan import loan.csv 2>err &&
  sanzi loan export >loan-2.csv &&
  cmp loan.csv loan-2.csv
'

test_expect_success 'the loans read back are the loans written' '
  rows="SELECT code, village, lender, contract_no, project, principal, rate,
        start_date, maturity, note, withdrawn FROM loan ORDER BY code" &&
  use "$ONE" && sql "$rows" >expect &&
  use "$TWO" && sql "$rows" >actual &&
  test_cmp expect actual &&
  grep -q "^$V1-DK-0001|$V1|中国农业银行武川县支行|NH-001|大棚,一期|100000000|5000|2024-03-01|2027-02-28|附\"合同\"一份|\$" actual &&
  grep -q "^$V2-DK-0001|$V2|.*|ADD-1|肉牛养殖场|1|1|2024-03-01|" actual
'

test_expect_success 'the export imported again with --update changes nothing' '
  use "$ONE" &&
  before=$(db_state) &&
  sanzi loan import loan.csv --update 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'loan list --village and --township' '
  use "$ONE" &&
  sanzi loan list --village $V1 --format csv | csv_pick 贷款编号 本金 >actual &&
  echo "$V1-DK-0001|1000000.00" >expect &&
  echo "$V1-DK-0002|50000.00" >>expect &&
  test_cmp expect actual &&
  sanzi loan list --township 150125101 --format csv | csv_pick 贷款编号 >actual &&
  echo "$V3-DK-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'loan edit: the change is logged old -> new' '
  use "$ONE" &&
  sanzi --user 王会计 loan edit $V1-DK-0002 备注=展期一年 maturity=2026-01-01 2>err &&
  # imported with no note, maturity 2025-01-01
  changes loan show $V1-DK-0002 >actual &&
  printf "%s\n" "到期日期|2025-01-01|2026-01-01" "备注||展期一年" >expect &&
  test_cmp expect actual &&
  log_rows --key $V1-DK-0002 | grep -qx "王会计|update|loan|$V1-DK-0002"
'

# ==== interest payments ====
# The loans used below (database ONE):
#   L1 = $V1-DK-0002  50,000.00 at 4.35%, 2024-01-01 .. 2026-01-01
#   L3 = $V3-DK-0001  123,456.78 at 3.85%, 2023-12-31 .. 2026-12-31
L1=$V1-DK-0002
L3=$V3-DK-0001

test_expect_success 'loan interest prints the payment code <village>-LX-0001' '
  use "$ONE" &&
  pay $L1 2024-01-01 2024-04-01 543.75 2024-04-01 >out &&
  echo $V1-LX-0001 >expect &&
  test_cmp expect out &&
  pay $L3 2023-12-31 2024-03-31 1000 2024-03-31 >out &&
  echo $V3-LX-0001 >expect &&
  test_cmp expect out
'

test_expect_success 'the payment is stored to the fen with its loan and village' '
  use "$ONE" &&
  test "$(sql "SELECT loan, village, period_from, period_to, paid, paid_on, voucher
               FROM interest WHERE code = '\''$V1-LX-0001'\''")" = \
       "$L1|$V1|2024-01-01|2024-04-01|54375|2024-04-01|记-2024-01-01"
'

test_expect_success 'the next period may begin on the day the last one ended' '
  use "$ONE" &&
  # [01-01, 04-01) and [04-01, 07-01) share no day: 04-01 is counted in
  # the second period only
  pay $L1 2024-04-01 2024-07-01 543.75 2024-07-05 >out &&
  echo $V1-LX-0002 >expect &&
  test_cmp expect out
'

test_expect_success 'a period may run from the start date to the maturity, paid on its first day' '
  use "$ONE" &&
  # L2 = V2-DK-0001: 0.01 at 0.0001%, 2024-03-01 .. 2027-03-01 (the add above)
  pay $V2-DK-0001 2024-03-01 2027-03-01 0.01 2024-03-01 >out &&
  echo $V2-LX-0001 >expect &&
  test_cmp expect out
'

test_expect_success 'loan show lists the payments with their days' '
  use "$ONE" &&
  # 2024-01-01 .. 2024-04-01: 31 + 29 (leap February) + 31 = 91 days;
  # 2024-04-01 .. 2024-07-01: 30 + 31 + 30 = 91 days
  sanzi loan show $L1 --format csv --part payments |
    csv_pick 付息编号 计息起日 计息止日 天数 实付利息 付息日期 贴息申请 >actual &&
  cat >expect <<-EOF &&
	$V1-LX-0001|2024-01-01|2024-04-01|91|543.75|2024-04-01|
	$V1-LX-0002|2024-04-01|2024-07-01|91|543.75|2024-07-05|
	EOF
  test_cmp expect actual
'

test_expect_success 'a period that ends where it begins, or before, is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay $L1 2024-07-01 2024-07-01 10 2024-07-01 &&
  grep 计息止日 err | grep -q "2024-07-01 is not after 计息起日 2024-07-01" &&
  refused pay $L1 2024-08-01 2024-07-01 10 2024-08-01 &&
  grep 计息止日 err | grep -q "2024-07-01 is not after 计息起日 2024-08-01" &&
  unchanged
'

test_expect_success 'a period beginning before the loan was paid out is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  # L3 was paid out on 2023-12-31
  refused pay $L3 2023-12-30 2023-12-31 10 2023-12-31 &&
  grep 计息起日 err | grep -q "2023-12-30 is before the loan was paid out (2023-12-31)" &&
  unchanged
'

test_expect_success 'a period ending after the maturity is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  # L1 matures 2026-01-01: a period may end on that day (the day itself is
  # not counted; see the start-to-maturity payment above), one day later
  # is refused
  refused pay $L1 2025-10-01 2026-01-02 10 2026-01-02 &&
  grep 计息止日 err | grep -q "2026-01-02 is after the loan.s maturity (2026-01-01)" &&
  unchanged
'

test_expect_success 'a payment made before its period begins is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay $L1 2024-07-01 2024-10-01 10 2024-06-30 &&
  grep 付息日期 err | grep -q "2024-06-30 is before the period it pays for begins (2024-07-01)" &&
  unchanged
'

test_expect_success 'a period overlapping a live payment of the same loan is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  # LX-0001 is [2024-01-01, 2024-04-01), LX-0002 [2024-04-01, 2024-07-01)
  refused pay $L1 2024-03-31 2024-04-02 10 2024-04-02 &&
  grep 计息起日 err | grep -q "overlaps payment $V1-LX-0001" &&
  refused pay $L1 2024-02-01 2024-03-01 10 2024-03-01 &&
  grep -q "overlaps payment $V1-LX-0001 for 2024-01-01 to 2024-04-01" err &&
  refused pay $L1 2024-01-01 2024-04-01 543.75 2024-04-01 &&
  grep -q "overlaps payment $V1-LX-0001" err &&
  refused pay $L1 2024-06-30 2024-10-01 10 2024-10-01 &&
  grep -q "overlaps payment $V1-LX-0002" err &&
  unchanged
'

test_expect_success 'the same period on another loan is no overlap' '
  use "$ONE" &&
  # L1 has [2024-04-01, 2024-07-01); L3 may have it too
  pay $L3 2024-04-01 2024-07-01 1000 2024-07-01 >out &&
  echo $V3-LX-0002 >expect &&
  test_cmp expect out
'

test_expect_success 'a payment of an unknown loan is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay NO-SUCH-LOAN 2024-01-01 2024-02-01 10 2024-02-01 &&
  grep -q "no loan with code .NO-SUCH-LOAN." err &&
  unchanged
'

test_expect_success 'a paid amount of zero, negative or not money is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay $L1 2024-07-01 2024-10-01 0 2024-10-01 &&
  grep -q 实付利息 err &&
  refused pay $L1 2024-07-01 2024-10-01 -5 2024-10-01 &&
  grep -q 实付利息 err &&
  refused pay $L1 2024-07-01 2024-10-01 1.234 2024-10-01 &&
  grep 实付利息 err | grep -q 1.234 &&
  unchanged
'

test_expect_success 'an impossible date or an empty voucher is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay $L1 2024-07-01 2024-10-01 10 2024-09-31 &&
  grep 付息日期 err | grep -q 2024-09-31 &&
  refused sanzi loan interest $L1 --from 2024-07-01 --to 2024-10-01 --paid 10 \
    --paid-on 2024-10-01 --voucher "" &&
  grep -q 付息凭证号 err &&
  unchanged
'

test_expect_success 'loan interest usage errors exit 2 and write nothing' '
  use "$ONE" &&
  before=$(db_state) &&
  test_must_fail 2 sanzi loan interest $L1 --from 2024-07-01 --to 2024-10-01 \
    --paid 10 --paid-on 2024-10-01 2>err &&
  grep -q -- --voucher err &&
  test_must_fail 2 sanzi loan interest --from 2024-07-01 --to 2024-10-01 \
    --paid 10 --paid-on 2024-10-01 --voucher V 2>err &&
  test_must_fail 2 sanzi loan interest $L1 $L3 --from 2024-07-01 --to 2024-10-01 \
    --paid 10 --paid-on 2024-10-01 --voucher V 2>err &&
  test_must_fail 2 sanzi loan interest $L1 --from 2024-07-01 --to 2024-10-01 \
    --paid 10 --paid-on 2024-10-01 --voucher V --bogus 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'loan interest --help: usage, exit 0' '
  use "$ONE" &&
  sanzi loan interest --help >out &&
  grep -q usage out
'

# ==== withdrawing ====

test_expect_success 'loan withdraw of a payment: kept, marked, shown with the reason' '
  use "$ONE" &&
  pay $L1 2024-07-01 2024-10-01 543.75 2024-10-08 >code &&
  echo $V1-LX-0003 >expect &&
  test_cmp expect code &&
  sanzi loan withdraw $V1-LX-0003 --reason 凭证错误 >out &&
  grep -q "$V1-LX-0003" out &&
  test "$(sql "SELECT withdrawn FROM interest WHERE code = '\''$V1-LX-0003'\''")" = 凭证错误 &&
  sanzi loan show $L1 --format csv --part payments |
    csv_pick 付息编号 贴息申请 | grep "^$V1-LX-0003|" >actual &&
  echo "$V1-LX-0003|withdrawn: 凭证错误" >expect &&
  test_cmp expect actual
'

test_expect_success 'a withdrawn payment does not block its period: a new payment for it is accepted' '
  use "$ONE" &&
  pay $L1 2024-07-01 2024-10-01 543.75 2024-10-09 >out &&
  echo $V1-LX-0004 >expect &&
  test_cmp expect out
'

test_expect_success 'withdrawing twice, an unknown code, or without a reason is refused' '
  use "$ONE" &&
  before=$(db_state) &&
  refused sanzi loan withdraw $V1-LX-0003 --reason 再撤 &&
  grep -q "$V1-LX-0003 is already withdrawn (凭证错误)" err &&
  refused sanzi loan withdraw NO-SUCH --reason 无 &&
  grep -q "no loan or interest payment with code .NO-SUCH." err &&
  refused sanzi loan withdraw $V1-LX-0004 --reason "" &&
  grep -q reason err &&
  before=$(db_state) &&
  test_must_fail 2 sanzi loan withdraw $V1-LX-0004 2>err &&
  test_must_fail 2 sanzi loan withdraw --reason 无 2>err &&
  test "$(db_state)" = "$before" &&
  unchanged
'

test_expect_success 'a payment claimed by a live subsidy application cannot be withdrawn' '
  use "$ONE" &&
  # the county sets up 2024; the application claims L1 payments paid in 2024
  sanzi program set --year 2024 >/dev/null &&
  sanzi subsidy apply --loan $L1 --year 2024 --date 2024-11-01 >app &&
  echo $V1-TX-0001 >expect &&
  test_cmp expect app &&
  before=$(db_state) &&
  refused sanzi loan withdraw $V1-LX-0001 --reason 错 &&
  grep -q "payment $V1-LX-0001 is claimed by subsidy application $V1-TX-0001 (已申请)" err &&
  unchanged
'

test_expect_success 'a loan with a live subsidy application cannot be withdrawn' '
  use "$ONE" &&
  before=$(db_state) &&
  refused sanzi loan withdraw $L1 --reason 错 &&
  grep -q "subsidy application $V1-TX-0001 (已申请)" err &&
  unchanged
'

test_expect_success 'once the application is withdrawn, the payment and then the loan can be' '
  use "$ONE" &&
  sanzi subsidy withdraw $V1-TX-0001 --reason 材料不全 --date 2024-11-02 >/dev/null &&
  sanzi loan withdraw $V1-LX-0001 --reason 错 >/dev/null &&
  sanzi loan withdraw $L1 --reason 合同作废 >/dev/null &&
  test "$(sql "SELECT withdrawn FROM loan WHERE code = '\''$L1'\''")" = 合同作废 &&
  test "$(sql "SELECT count(*) FROM loan")" = 4
'

test_expect_success 'a withdrawn loan takes no payments and no applications' '
  use "$ONE" &&
  before=$(db_state) &&
  refused pay $L1 2024-10-01 2025-01-01 543.75 2025-01-02 &&
  grep -q "loan $L1 is withdrawn (合同作废)" err &&
  refused sanzi subsidy apply --loan $L1 --year 2024 --date 2024-12-01 &&
  grep -q "loan $L1 is withdrawn (合同作废)" err &&
  refused sanzi loan withdraw $L1 --reason 再撤 &&
  grep -q "already withdrawn" err &&
  unchanged
'

test_expect_success 'a withdrawal is neither undone nor reworded by edit or import' '
  use "$ONE" &&
  before=$(db_state) &&
  refused sanzi loan edit $L1 撤回原因= &&
  grep -q "was withdrawn (.合同作废.); a withdrawal is not undone or reworded" err &&
  refused sanzi loan edit $L1 withdrawn=另一原因 &&
  grep -q "is not undone or reworded" err &&
  sanzi loan export --village $V1 >all.csv &&
  sed "s/合同作废//" all.csv >undo.csv &&
  test_must_fail 1 sanzi loan import undo.csv --update 2>err &&
  grep -q "undo.csv:[0-9]*: 撤回原因: the loan was withdrawn" err &&
  unchanged
'

test_expect_success 'a loan is withdrawn with its verb, not by an edit' '
  use "$ONE" &&
  before=$(db_state) &&
  refused sanzi loan edit $L3 撤回原因=错 &&
  grep -q "a loan is withdrawn with .sanzi loan withdraw CODE --reason TEXT." err &&
  unchanged
'

test_expect_success 'loan list shows which loans are withdrawn' '
  use "$ONE" &&
  sanzi loan list --village $V1 >out &&
  grep "^$L1 " out | grep -q 合同作废
'

test_expect_success 'loan edit cannot move the dates so that a payment falls outside the loan' '
  use "$ONE" &&
  before=$(db_state) &&
  # L3 has the payment [2023-12-31, 2024-03-31)
  refused sanzi loan edit $L3 start_date=2024-01-01 &&
  grep -q "$V3-LX-0001" err &&
  refused sanzi loan edit $L3 maturity=2024-03-30 &&
  grep -q "$V3-LX-0001" err &&
  unchanged
'

test_expect_success 'nothing is ever deleted: a direct DELETE is refused by the database' '
  use "$ONE" &&
  before=$(db_state) &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM interest WHERE code = '\''$V1-LX-0003'\''" 2>err &&
  grep -q "never deleted" err &&
  ! sqlite3 "$SANZI_DB" "DELETE FROM loan WHERE code = '\''$L1'\''" 2>err &&
  grep -q "never deleted" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'behind the program, the database refuses an overlapping or out-of-life payment' '
  use "$ONE" &&
  before=$(db_state) &&
  # L3 has [2024-04-01, 2024-07-01); L3 lives 2023-12-31 .. 2026-12-31
  ! sql "INSERT INTO interest(code, loan, village, period_from, period_to,
           paid, paid_on, voucher, log_id)
         VALUES('\''X-1'\'', '\''$L3'\'', '\''$V3'\'', '\''2024-06-30'\'',
           '\''2024-08-01'\'', 100, '\''2024-08-01'\'', '\''V'\'', 1)" 2>err &&
  grep -q "interest periods of a loan do not overlap" err &&
  ! sql "INSERT INTO interest(code, loan, village, period_from, period_to,
           paid, paid_on, voucher, log_id)
         VALUES('\''X-2'\'', '\''$L3'\'', '\''$V3'\'', '\''2026-10-01'\'',
           '\''2027-01-01'\'', 100, '\''2027-01-01'\'', '\''V'\'', 1)" 2>err &&
  grep -q "an interest period lies within the loan.s life" err &&
  unchanged
'

test_expect_success 'a recorded payment is not changed behind the program' '
  use "$ONE" &&
  before=$(db_state) &&
  ! sqlite3 "$SANZI_DB" "UPDATE interest SET paid = 1, log_id = log_id + 1000
    WHERE code = '\''$V1-LX-0004'\''" 2>err &&
  grep -q "withdrawn, not changed" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'every loan, payment and withdrawal is in the change log, and it verifies' '
  use "$ONE" &&
  log_rows --table interest >log &&
  grep -qx "tester|insert|interest|$V1-LX-0003" log &&
  grep -qx "tester|update|interest|$V1-LX-0003" log &&
  # the edit above, then the withdrawal
  changes loan show $L1 >actual &&
  printf "%s\n" "到期日期|2025-01-01|2026-01-01" "备注||展期一年" \
    "撤回原因||合同作废" >expect &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null &&
  use "$TWO" && sanzi log verify >/dev/null
'

test_expect_success 'loan --help and loan withdraw --help: usage, exit 0' '
  use "$TWO" &&
  sanzi loan --help >out &&
  grep -q usage out &&
  sanzi loan withdraw --help >out &&
  grep -q usage out
'

test_done
