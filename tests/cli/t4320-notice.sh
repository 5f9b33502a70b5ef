#!/bin/sh
# sanzi notice (issue 13, part 5): the village notice-board sheet
# (村务公开表) of 福如东村 for 2025: assets held (original and net value),
# resources with the party and term of their contract, the contracts in
# force with what was received and is overdue, the year's income and
# expense by category, the disposal executed, the subsidy paid; no identity
# number anywhere; as a workbook with its title, period and signature line.
# Every figure is worked out by hand in the comment above it.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # vote, review, procedure, ID1-ID3
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, bank, entry, receipt

V1=150125100201   # 福如东村民委员会
V2=150125100202
fixed_day 2026-03-01

test_expect_success 'setup: 福如东村 in 2025, and what the notice must leave out' '
  setup_county &&
  # doc/domain.md worked example: net 57,300.00 as of 2025-12-31
  asset $V1 办公楼 房屋及建筑物 120000 2020-06-15 在用 location=一组 \
    useful_life_months=120 residual_rate=5 >/dev/null &&
  asset $V1 空地 土地 50000 2018-01-01 闲置 location=二组 >/dev/null &&
  asset $V1 旧仓库 房屋及建筑物 30000 2000-01-01 待处置 >/dev/null &&
  asset $V1 新库房 其他 10000 2026-01-10 在用 >/dev/null &&
  asset $V2 别村的 土地 777 2018-01-01 在用 >/dev/null &&
  land $V1 村东旱地 120.5 发包 >/dev/null &&
  land $V1 北坡 30 未利用 >/dev/null &&
  sanzi contract add village=$V1 kind=发包 object=$V1-ZY-0001 party=王二 \
    party_id=$ID2 party_is_member=是 start_date=2025-01-01 \
    end_date=2029-12-31 annual_amount=12000 payment=年付 \
    first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
  bank $V1 >/dev/null &&
  receipt $V1 记-001 2025-02-01 5000 $V1-HT-0001 &&
  entry $V1 $V1-ZH-0001 记-002 2025-03-01 收入 20000 补助收入 &&
  entry $V1 $V1-ZH-0001 记-003 2025-04-01 支出 1500.50 管理费用 &&
  entry $V1 $V1-ZH-0001 记-004 2025-05-01 支出 499.50 管理费用 &&
  entry $V1 $V1-ZH-0001 记-900 2024-12-31 收入 999 补助收入 &&
  entry $V1 $V1-ZH-0001 记-901 2026-01-05 支出 888 管理费用 &&
  sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0003 reason=损坏 \
    method=协议 date=2025-03-10 >/dev/null &&
  procedure $V1-CZ-0001 >/dev/null &&
  review $V1-CZ-0001 --decision 同意 --date 2025-03-28 >/dev/null &&
  sanzi disposal execute $V1-CZ-0001 --date 2025-04-10 --party 回收站 \
    --price 300 >/dev/null &&
  sanzi program set --year 2025 >/dev/null &&
  sanzi loan add village=$V1 lender=信用社 contract_no=A1 project=养牛项目 \
    principal=500000 rate=4.35 start_date=2024-07-01 maturity=2027-07-01 \
    >/dev/null &&
  sanzi loan interest $V1-DK-0001 --from 2024-07-01 --to 2024-10-01 \
    --paid 5558.33 --paid-on 2025-01-02 --voucher 记-2025-01-02 >/dev/null &&
  sanzi subsidy apply --loan $V1-DK-0001 --year 2025 --date 2025-01-05 \
    >/dev/null &&
  sanzi subsidy review $V1-TX-0001 --decision 同意 --date 2025-01-10 \
    >/dev/null &&
  sanzi subsidy publicize $V1-TX-0001 --from 2025-01-11 --to 2025-01-17 \
    >/dev/null &&
  sanzi subsidy approve $V1-TX-0001 --date 2025-01-20 >/dev/null &&
  sanzi subsidy pay $V1-TX-0001 --date 2025-01-25 --voucher 付-001 >/dev/null
'

notice() { sanzi notice --village $V1 --year 2025 "$@"; }

# 办公楼 net 57,300.00; 空地 (土地, not depreciated) 50,000.00; 旧仓库
# disposed of, 新库房 acquired after the year, 别村的 another village's:
# not shown. 合计 170,000.00 and 107,300.00.
test_expect_success 'assets held at the year end: original and net value, 合计' '
  notice --format json >n.json &&
  json_pick assets name category location original_value net_value status \
    <n.json >got &&
  cat >expect <<-EOF &&
	办公楼|房屋及建筑物|一组|120000.00|57300.00|在用
	空地|土地|二组|50000.00|50000.00|闲置
	合计|||170000.00|107300.00|
	EOF
  test_cmp expect got
'

test_expect_success 'resources: land class, area, the party and term of the contract in force' '
  json_pick resources name land_class area status party term <n.json >got &&
  cat >expect <<-EOF &&
	村东旱地|旱地|120.5|发包|王二|2025-01-01至2029-12-31
	北坡|旱地|30|未利用||
	合计||150.5|||
	EOF
  test_cmp expect got
'

# 年付 12,000.00 from 2025-01-15: due by 2025-12-31 12,000.00; received
# 5,000.00 (记-001); overdue 7,000.00.
test_expect_success 'contracts in force: party by name, object, term, amount, received, overdue' '
  json_pick contracts code party object term annual_amount received overdue \
    <n.json >got &&
  cat >expect <<-EOF &&
	$V1-HT-0001|王二|村东旱地|2025-01-01至2029-12-31|12000.00|5000.00|7000.00
	合计||||12000.00|5000.00|7000.00
	EOF
  test_cmp expect got
'

# 2025 only (记-900 is 2024, 记-901 2026): income 5,000 + 20,000; expense
# 1,500.50 + 499.50 = 2,000.00 in 2 entries.
test_expect_success 'the year'"'"'s income and expense by category, with the totals' '
  json_pick funds direction category entries amount <n.json >got &&
  cat >expect <<-EOF &&
	收入|经营收入|1|5000.00
	收入|补助收入|1|20000.00
	支出|管理费用|2|2000.00
	收入合计||2|25000.00
	支出合计||2|2000.00
	EOF
  test_cmp expect got
'

test_expect_success 'the disposal executed and the subsidy paid in the year' '
  json_pick disposals code type objects executed_on party final_price \
    <n.json >got &&
  cat >expect <<-EOF &&
	$V1-CZ-0001|报废|旧仓库|2025-04-10|回收站|300.00
	合计|||||300.00
	EOF
  test_cmp expect got &&
  paid=$(sql "SELECT printf('"'"'%d.%02d'"'"', approved / 100, approved % 100)
              FROM subsidy WHERE status = '"'"'已拨付'"'"'") &&
  json_pick subsidies code project lender paid_on amount <n.json >got &&
  printf "%s\n" "$V1-TX-0001|养牛项目|信用社|2025-01-25|$paid" \
    "合计||||$paid" >expect &&
  test_cmp expect got
'

test_expect_success '--as-of: the year up to that day' '
  notice --as-of 2025-03-15 --format json >m.json &&
  json_pick funds direction category entries amount <m.json >got &&
  cat >expect <<-EOF &&
	收入|经营收入|1|5000.00
	收入|补助收入|1|20000.00
	收入合计||2|25000.00
	支出合计||0|0.00
	EOF
  test_cmp expect got &&
  json_pick disposals code <m.json >got && echo 合计 >expect && test_cmp expect got
'

test_expect_success 'no identity number in any format' '
  notice >t.txt && notice --format csv --part contracts >c.csv &&
  notice --out n.xlsx 2>/dev/null &&
  mkdir x && (cd x && unzip -q ../n.xlsx) &&
  ! grep -r -F -e "$ID2" -e "${ID2%????}" n.json t.txt c.csv x &&
  grep -F "王二" c.csv
'

test_expect_success 'the workbook: title, period, the parts, the signature line, A4 landscape' '
  "$PY" -c "
import openpyxl
ws = openpyxl.load_workbook(\"n.xlsx\").worksheets[0]
vals = [r[0] for r in ws.iter_rows(values_only=True) if r[0]]
print(ws.title)
print(vals[0]); print(vals[1])
print(\"|\".join(v for v in vals if v[:2] in (\"一、\", \"二、\", \"三、\", \"四、\", \"五、\", \"六、\")))
print(vals[-1][:13])
ps = ws.page_setup
print(ps.paperSize, ps.orientation, ws.sheet_properties.pageSetUpPr.fitToPage, ps.fitToHeight)" >got &&
  cat >expect <<-EOF &&
	福如东村集体“三资”公开表
	福如东村集体“三资”公开表
	公开期间：2025 年（截至 2025-12-31）
	一、资产|二、资源|三、在执行的合同|四、本年收支|五、本年处置|六、本年贴息
	村务监督委员会主任（签字）
	9 landscape True 0
	EOF
  test_cmp expect got
'

test_expect_success 'the table for the screen: title first, each part under its heading' '
  notice >t.txt &&
  head -n 2 t.txt >got &&
  printf "%s\n" "福如东村集体“三资”公开表" "公开期间：2025 年（截至 2025-12-31）" >expect &&
  test_cmp expect got &&
  grep -Fx "一、资产" t.txt && grep -Fx "六、本年贴息" t.txt
'

test_expect_success 'refused: --as-of outside the year (2), after today, an unknown village (1)' '
  before=$(db_state) &&
  test_must_fail 2 notice --as-of 2024-12-31 2>err &&
  grep -Fx "sanzi: --as-of 2024-12-31 is not in the year 2025" err &&
  test_must_fail 1 sanzi notice --village $V1 --year 2026 --as-of 2026-03-02 2>err &&
  grep -Fx "sanzi: --as-of 2026-03-02 is after today (2026-03-01)" err &&
  refused sanzi notice --village 150125100299 --year 2025 &&
  grep -F -- "--village: no village with code '"'"'150125100299'"'"'" err &&
  test_must_fail 2 sanzi notice --year 2025 2>err &&
  test_must_fail 2 notice --format xlsx 2>err &&
  refused notice --out nodir/n.xlsx &&
  test ! -e nodir &&
  unchanged
'

test_expect_success 'in Chinese: the refusals' '
  test_must_fail 2 sanzi --lang zh notice --village $V1 --year 2025 \
    --as-of 2024-12-31 2>err &&
  grep -Fx "sanzi: --as-of 2024-12-31 不在 2025 年内" err &&
  test_must_fail 1 sanzi --lang zh notice --village $V1 --year 2026 \
    --as-of 2026-03-02 2>err &&
  grep -Fx "sanzi: --as-of 2026-03-02 晚于今天（2026-03-01）" err
'

test_done
