#!/bin/sh
# --format table|csv|json on the shows, lists, schedules and reports (the
# domain's read views): the table is the default; CSV writes one part of a
# show (its main one, or --part NAME), JSON every part, as an object of
# arrays that parses, with the English keys and numbers in yuan, mu and
# percent. Every value is worked out by hand from what the setup enters.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"

# parts: the parts of the JSON view on stdin, in order, space-separated
# (python3 parses it: invalid JSON fails).
parts() {
  "$PY" -c 'import json, sys; print(" ".join(json.load(sys.stdin)))'
}
# json_ok: the JSON on stdin parses.
json_ok() { "$PY" -c 'import json, sys; json.load(sys.stdin)'; }

test_expect_success 'setup: an asset edited once, a loan and its application, a contract, a filing' '
  setup_county &&
  sanzi asset add code=W1 village=$V1 name=办公楼 category=房屋及建筑物 \
    nature=非经营性 original_value=120000 useful_life_months=120 \
    residual_rate=5% acquired_via=自建 acquired_on=2020-06-15 status=在用 \
    note="旧,\"东\"楼" >/dev/null &&
  sanzi --user 王会计 asset edit W1 原值=130000 custodian=李四 2>/dev/null &&
  sanzi asset add code=R1 village=$V1 name=水泵 category=机器设备 \
    nature=经营性 original_value=1000 quantity=2.5 unit=台 residual_rate=0.5% \
    acquired_via=购入 acquired_on=2024-01-10 status=在用 >/dev/null &&
  sanzi loan add village=$V1 lender=农行 contract_no=A1 project=大棚 \
    principal=500000 rate=4.35 start_date=2024-07-01 maturity=2027-07-01 \
    >/dev/null &&
  sanzi loan interest $V1-DK-0001 --from 2024-07-01 --to 2024-10-01 \
    --paid 5558.33 --paid-on 2024-10-08 --voucher 记-1 >/dev/null &&
  sanzi program set --year 2024 >/dev/null &&
  sanzi subsidy apply --loan $V1-DK-0001 --year 2024 --date 2024-10-10 \
    >/dev/null &&
  sanzi account add village=$V1 name=银行 kind=银行存款 opening_balance=0 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi resource add village=$V1 name=村东旱地 land_class=0103 area=120.5 \
    status=发包 >/dev/null &&
  sanzi contract add --without-filing village=$V1 kind=发包 object=$V1-ZY-0001 party=王二 \
    party_id=$ID2 party_is_member=是 start_date=2025-01-01 \
    end_date=2027-06-30 annual_amount=10000 payment=年付 \
    first_due=2025-01-10 >/dev/null &&
  sanzi fund add village=$V1 account=$V1-ZH-0001 voucher=1 date=2025-01-10 \
    direction=收入 amount=6000 category=经营收入 summary=收取承包费 \
    contract=$V1-HT-0001 >/dev/null &&
  sanzi asset add code=D1 village=$V1 name=旧拖拉机 category=农业机械 \
    nature=经营性 original_value=30000 acquired_via=购入 \
    acquired_on=2025-03-01 status=闲置 >/dev/null &&
  sanzi disposal new village=$V1 type=出售 objects=D1 reason=闲置多年 \
    method=公开竞价 price=35000 date=2025-03-10 >code &&
  test "$(cat code)" = $V1-CZ-0001 &&
  procedure $V1-CZ-0001
'

# ---- REGISTER show ----

test_expect_success 'show --format csv: the record, one row of every stored field' '
  sanzi asset show W1 --format csv >show.csv &&
  head -n 1 show.csv | tr -d "\r" >actual &&
  # the useful life is named with its unit, as export names it: a bare
  # 使用年限 column would be read back as years
  echo 资产编号,村代码,资产名称,资产类别,资产性质,坐落位置,数量,计量单位,原值,累计折旧,折旧截至,使用年限（月）,净残值率,取得方式,取得日期,使用状态,管护责任人,权证号,备注 >expect &&
  test_cmp expect actual &&
  test "$(wc -l <show.csv)" = 2 &&
  csv_pick 资产编号 原值 "使用年限（月）" 净残值率 管护责任人 备注 <show.csv >actual &&
  echo "W1|130000.00|120|5|李四|旧,\"东\"楼" >expect &&
  test_cmp expect actual
'

test_expect_success 'show --format csv imports back unchanged (120 months stay 120 months)' '
  before=$(db_state) &&
  sanzi asset import show.csv --update 2>err &&
  grep -F "0 new, 0 updated, 1 unchanged" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'show --format csv --part history: one row per changed field' '
  # added by tester at 120,000.00 with no custodian; 王会计 changed both
  sanzi asset show W1 --format csv --part history |
    csv_pick 操作人 操作 字段 键 旧值 新值 >actual &&
  cat >expect <<-EOF &&
	tester|insert||||
	王会计|update|原值|original_value|120,000.00|130,000.00
	王会计|update|管护责任人|custodian||李四
	EOF
  test_cmp expect actual
'

test_expect_success 'show --format json: the record, the depreciation and the history' '
  # 130,000.00 x 95% / 120 = 1,029.1666.. -> 1,029.17 a month from July
  # 2020; to 2025-12-31 66 months = 67,925.22, net 62,074.78
  sanzi asset show W1 --as-of 2025-12-31 --format json >show.json &&
  test "$(parts <show.json)" = "record depreciation history" &&
  json_pick record code original_value residual_rate custodian note \
    <show.json >actual &&
  echo "W1|130000.00|5|李四|旧,\"东\"楼" >expect &&
  test_cmp expect actual &&
  test "$(json_pick depreciation as_of accumulated net_value <show.json)" = \
    "2025-12-31|67925.22|62074.78" &&
  json_pick history operator action key old new <show.json >actual &&
  printf "%s\n" "tester|insert|||" \
    "王会计|update|original_value|120,000.00|130,000.00" \
    "王会计|update|custodian||李四" >expect &&
  test_cmp expect actual
'

test_expect_success '--part in the table format: that part alone, as show prints it' '
  sanzi asset show W1 --as-of 2025-12-31 --part depreciation >actual &&
  printf "\nas of 2025-12-31:\n  累计折旧 (accumulated): 67,925.22\n  净值 (net value): 62,074.78\n" >expect &&
  test_cmp expect actual
'

test_expect_success 'the table is the default format' '
  sanzi asset show W1 >default.out &&
  sanzi asset show W1 --format table >table.out &&
  test_cmp default.out table.out &&
  grep -qx "原值 (original_value): 130,000.00" table.out
'

test_expect_success 'an unknown part is a usage error naming the parts; a list has none' '
  before=$(db_state) &&
  test_must_fail 2 sanzi asset show W1 --part bogus >out 2>err &&
  ! test -s out &&
  grep -q "no part .bogus. (record, depreciation, history)" err &&
  test_must_fail 2 sanzi asset list --part record >out 2>err &&
  grep -q "unknown option .--part." err &&
  test_must_fail 2 sanzi asset show W1 --format xml 2>err &&
  grep -q "table, csv, json" err &&
  unchanged
'

test_expect_success 'list --format json: every field by its key; a rate below 1% is a number' '
  sanzi asset list --format json >list.json &&
  json_ok <list.json &&
  json_pick - code quantity unit residual_rate original_value <list.json |
    grep "^R1|" >actual &&
  echo "R1|2.5|台|0.5|1000.00" >expect &&
  test_cmp expect actual
'

# ---- loans and subsidies ----

test_expect_success 'loan show --part payments: the payment and the application claiming it' '
  # 2024-07-01 .. 2024-10-01 = 31 + 31 + 30 = 92 days
  sanzi loan show $V1-DK-0001 --format csv --part payments |
    csv_pick 付息编号 计息起日 计息止日 天数 实付利息 付息日期 凭证号 贴息申请 >actual &&
  echo "$V1-LX-0001|2024-07-01|2024-10-01|92|5558.33|2024-10-08|记-1|$V1-TX-0001 已申请" >expect &&
  test_cmp expect actual
'

test_expect_success 'subsidy show --format csv: the application; --part lines and total' '
  # 500,000.00 x 4.35% x 92 / 360 = 5,558.333.. -> 5,558.33 computed,
  # paid 5,558.33, eligible 5,558.33; x 50% = 2,779.165 -> 2,779.17
  sanzi subsidy show $V1-TX-0001 --format csv |
    csv_pick 申请编号 村代码 贷款编号 年度 申请日期 申请贴息 状态 审定贴息 >actual &&
  echo "$V1-TX-0001|$V1|$V1-DK-0001|2024|2024-10-10|2779.17|已申请|" >expect &&
  test_cmp expect actual &&
  sanzi subsidy show $V1-TX-0001 --format csv --part lines |
    csv_pick 付息编号 计息期间 天数 本金 年利率 计贴利率 基准 应计利息 实付利息 \
      可贴息利息 比例 贴息 >actual &&
  echo "$V1-LX-0001|2024-07-01..2024-10-01|92|500000.00|4.35|4.35|360|5558.33|5558.33|5558.33|50|2779.17" >expect &&
  test_cmp expect actual &&
  test "$(sanzi subsidy show $V1-TX-0001 --format csv --part total |
          csv_pick 贴息合计)" = 2779.17
'

test_expect_success 'subsidy show --format json: application, lines, total, history' '
  sanzi subsidy show $V1-TX-0001 --format json >sub.json &&
  test "$(parts <sub.json)" = "application lines total history" &&
  test "$(json_pick application code amount status approved <sub.json)" = \
    "$V1-TX-0001|2779.17|已申请|" &&
  test "$(json_pick lines payment days rate_used computed ratio subsidy <sub.json)" = \
    "$V1-LX-0001|92|4.35|5558.33|50|2779.17" &&
  test "$(json_pick total subsidy <sub.json)" = 2779.17 &&
  test "$(json_pick history operator action field <sub.json)" = "tester|insert|"
'

test_expect_success 'program show --format json: the year, with nothing reserved or paid' '
  # the subsidy.* defaults: 1,000,000.00, 50%, no cap, 360, 100,000.00
  sanzi program show --year 2024 --format json >prog.json &&
  test "$(parts <prog.json)" = program &&
  json_pick program year budget ratio rate_cap day_basis village_cap \
    reserved paid remaining <prog.json >actual &&
  echo "2024|1000000.00|50||360|100000.00|0.00|0.00|1000000.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'subsidy list and report --format json parse, with the figures' '
  sanzi subsidy list --format json >list.json &&
  test "$(json_pick - code status amount <list.json)" = \
    "$V1-TX-0001|已申请|2779.17" &&
  # 福如东村: 1 loan, 500,000.00, 5,558.33 paid in 2024, 2,779.17 applied;
  # the township 可可以力更镇 and the county the same
  sanzi subsidy report --year 2024 --format json >rep.json &&
  test "$(parts <rep.json)" = "report budget" &&
  json_pick report code loans principal interest applied approved paid \
    <rep.json >actual &&
  printf "%s\n" "$V1|1|500000.00|5558.33|2779.17|0.00|0.00" \
    "150125100|1|500000.00|5558.33|2779.17|0.00|0.00" \
    "|1|500000.00|5558.33|2779.17|0.00|0.00" >expect &&
  test_cmp expect actual &&
  test "$(json_pick budget year budget committed remaining <rep.json)" = \
    "2024|1000000.00|0.00|1000000.00"
'

# ---- contracts ----

test_expect_success 'contract schedule --format csv: the instalments and the 合计 row' '
  # 10,000.00 a year from 2025-01-01 to 2027-06-30, first due 2025-01-10;
  # the last period 181 of 365 days: 4,958.90. 6,000.00 received on
  # 2025-01-10 pays the first: 4,000.00 left, overdue from 2025-01-10 to
  # 2025-06-30 = 21 + 28 + 31 + 30 + 31 + 30 = 171 days
  sanzi contract schedule $V1-HT-0001 --as-of 2025-06-30 --format csv >sched.csv &&
  head -n 1 sched.csv | tr -d "\r" >actual &&
  echo 期次,期间,应收日期,应收金额,已收,未收,逾期天数 >expect &&
  test_cmp expect actual &&
  csv_pick 期次 期间 应收日期 应收金额 已收 未收 逾期天数 <sched.csv >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-12-31|2025-01-10|10000.00|6000.00|4000.00|171
	2|2026-01-01..2026-12-31|2026-01-10|10000.00|0.00|10000.00|
	3|2027-01-01..2027-06-30|2027-01-10|4958.90|0.00|4958.90|
	合计|||24958.90|6000.00|18958.90|
	EOF
  test_cmp expect actual
'

test_expect_success 'contract schedule --format json: contract (ID masked), instalments, received' '
  sanzi contract schedule $V1-HT-0001 --as-of 2025-06-30 --format json >sched.json &&
  test "$(parts <sched.json)" = "contract instalments received" &&
  test "$(json_pick contract code kind object party party_id payment annual_amount <sched.json)" = \
    "$V1-HT-0001|发包|$V1-ZY-0001|王二|150125********0028|年付|10000.00" &&
  ! grep -q $ID2 sched.json &&
  test "$(json_pick instalments number amount days_overdue <sched.json | head -n 1)" = \
    "1|10000.00|171" &&
  test "$(json_pick received as_of received overdue credit <sched.json)" = \
    "2025-06-30|6000.00|4000.00|" &&
  sanzi contract schedule $V1-HT-0001 --as-of 2025-06-30 --format csv \
    --part received | csv_pick 截至 已收款 逾期未收 超收 >actual &&
  echo "2025-06-30|6000.00|4000.00|" >expect &&
  test_cmp expect actual
'

test_expect_success 'contract overdue --format csv and json: the instalment and the 合计 row' '
  sanzi contract overdue --as-of 2025-06-30 --format csv |
    csv_pick 合同编号 村代码 应收日期 应收金额 已收 未收 逾期天数 >actual &&
  printf "%s\n" "$V1-HT-0001|$V1|2025-01-10|10000.00|6000.00|4000.00|171" \
    "合计|1||10000.00|6000.00|4000.00|" >expect &&
  test_cmp expect actual &&
  sanzi contract overdue --as-of 2025-06-30 --format json | json_ok
'

# ---- disposal filings ----

C=$V1-CZ-0001

test_expect_success 'disposal show --format csv: the filing' '
  # filed in the month D1 was bought: no depreciation yet, book value
  # 30,000.00
  sanzi disposal show $C --format csv |
    csv_pick 申报编号 处置类型 处置方式 拟定价格 申报日期 申报人 账面价值 状态 >actual &&
  echo "$C|出售|公开竞价|35000.00|2025-03-10|tester|30000.00|申报中" >expect &&
  test_cmp expect actual
'

test_expect_success 'disposal show --part meetings: the four meetings with the least numbers asked' '
  # 提议 7 due: more than 1/2 present (4), more than 1/2 of 5 present for
  # (3); 商议 9: 5, and of 7 present 4; 审议 20: at least 2/3 (14), more
  # than 1/2 of the 20 due (11); 决议 村民代表会议 30: 2/3 (20), more than
  # 1/2 of 22 present (12)
  sanzi disposal show $C --format csv --part meetings |
    csv_pick 程序 会议 日期 应到 实到 赞成 反对 弃权 实到至少 赞成至少 结果 会议记录 >actual &&
  cat >expect <<-EOF &&
	提议|党支部会议|2025-03-11|7|5|5|0|0|4|3|通过|
	商议|两委联席会议|2025-03-12|9|7|6|1|0|5|4|通过|
	审议|党员大会|2025-03-15|20|15|12|3|0|14|11|通过|
	决议|村民代表会议|2025-03-20|30|22|18|4|0|20|12|通过|
	EOF
  test_cmp expect actual
'

test_expect_success 'disposal show --format json: every part in order, the next step' '
  sanzi disposal show $C --format json >disp.json &&
  test "$(parts <disp.json)" = \
    "heading filing objects meetings steps contracts status history" &&
  test "$(json_pick heading code township_name village_name <disp.json)" = \
    "$C|可可以力更镇|福如东村民委员会" &&
  test "$(json_pick objects object register name status_before book_value area <disp.json)" = \
    "D1|资产|旧拖拉机|闲置|30000.00|" &&
  test "$(json_pick steps resolution_from resolution_to reviewer <disp.json)" = \
    "2025-03-21|2025-03-27|" &&
  test -z "$(json_pick contracts code <disp.json)" &&
  test "$(json_pick status status next <disp.json)" = \
    "申报中|乡镇审核 by someone other than the filer (sanzi disposal review $C ...)" &&
  # new writes the filing, then its book value from its objects (0.00 ->
  # 30,000.00); 决议公开 sets its dates (the meetings are rows of their own)
  json_pick history operator action field old new <disp.json >actual &&
  printf "%s\n" "tester|insert|||" "tester|update|账面价值|0.00|30,000.00" \
    "tester|update|决议公开起日||2025-03-21" \
    "tester|update|决议公开止日||2025-03-27" >expect &&
  test_cmp expect actual
'

test_expect_success 'disposal list --format csv and json' '
  sanzi disposal list --format csv |
    csv_pick 申报编号 村代码 处置类型 标的数 账面价值 状态 执行日期 >actual &&
  echo "$C|$V1|出售|1|30000.00|申报中|" >expect &&
  test_cmp expect actual &&
  test "$(sanzi disposal list --format json | json_pick - code objects book_value)" = \
    "$C|1|30000.00"
'

# ---- organisations, the change log, reports ----

test_expect_success 'org list --format csv and json' '
  sanzi org list --under $V1 --format csv >org.csv &&
  tr -d "\r" <org.csv >actual &&
  printf "%s\n" 代码,名称,级别,上级代码 "$V1,福如东村民委员会,village,150125100" >expect &&
  test_cmp expect actual &&
  sanzi org list --under $V1 --format json >org.json &&
  json_ok <org.json &&
  test "$(json_pick - code name level parent_code <org.json)" = \
    "$V1|福如东村民委员会|village|150125100" &&
  # 可可以力更镇 and its 19 village-level units
  test "$(sanzi org list --under 150125100 --format json | json_pick - code | wc -l)" = 20
'

test_expect_success 'log --format csv and json: entry, operator, action, table, code, rows' '
  # W1: inserted (1 row written, none replaced), then updated (1, 1)
  first=$(sql "SELECT min(id) FROM history WHERE key = '\''W1'\''") &&
  last=$(sql "SELECT max(id) FROM history WHERE key = '\''W1'\''") &&
  sanzi log --key W1 --format csv |
    csv_pick "#" 操作人 操作 表 编号 写入 替换 说明 | uniq >actual &&
  printf "%s\n" "$first|tester|insert|asset|W1|1|0|" \
    "$last|王会计|update|asset|W1|1|1|" >expect &&
  test_cmp expect actual &&
  sanzi log --key W1 --format json >log.json &&
  json_ok <log.json &&
  json_pick - entry operator action table key rows replaced note <log.json |
    uniq >actual &&
  test_cmp expect actual &&
  sanzi log --format json | json_ok
'

test_expect_success 'fund balance --format json: the balances and the total' '
  # 银行 opened 2024-01-01 with 0.00; 6,000.00 received 2025-01-10
  sanzi fund balance --village $V1 --as-of 2025-12-31 --format json >bal.json &&
  test "$(parts <bal.json)" = "balances total" &&
  json_pick balances village account name opening income expense closing note \
    <bal.json >actual &&
  printf "%s\n" "$V1|$V1-ZH-0001|银行|0.00|6000.00|0.00|6000.00|" \
    "$V1||合计|0.00|6000.00|0.00|6000.00|" >expect &&
  test_cmp expect actual &&
  test "$(json_pick total opening income expense closing <bal.json)" = \
    "0.00|6000.00|0.00|6000.00" &&
  sanzi fund balance --village $V1 --as-of 2025-12-31 --format csv --part total |
    csv_pick 期初余额 收入 支出 余额 >actual &&
  echo "0.00|6000.00|0.00|6000.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'summary --format csv and json: the townships and the 合计 row' '
  # as of 2019-12-31 nothing was acquired and no account was open; the
  # resource (120.5 亩, no date) counts
  sanzi summary --as-of 2019-12-31 --format csv |
    csv_pick 乡镇代码 乡镇 村数 资产数 原值 资源数 面积\(亩\) 资金余额 |
    grep "^150125100|" >actual &&
  echo "150125100|可可以力更镇|19|0|0.00|1|120.5|0.00" >expect &&
  test_cmp expect actual &&
  sanzi summary --as-of 2019-12-31 --format json >sum.json &&
  json_ok <sum.json &&
  json_pick - code name resources area <sum.json | tail -n 1 >actual &&
  echo "|合计|1|120.5" >expect &&
  test_cmp expect actual
'

test_expect_success 'reading in every format writes nothing' '
  before=$(db_state) &&
  for f in table csv json; do
    sanzi asset show W1 --format $f >/dev/null &&
    sanzi disposal show $C --format $f >/dev/null &&
    sanzi log --format $f >/dev/null || return 1
  done &&
  unchanged
'

test_expect_success 'every show, list and report says --format in its --help' '
  for c in "asset show" "asset list" "subsidy show" "subsidy list" \
           "subsidy report" "program show" "disposal show" "disposal list" \
           "contract schedule" "contract overdue" "org list" "log" \
           "fund balance" "summary"; do
    sanzi $c --help >out &&
    grep -q -- "--format table|csv|json" out || { echo "$c"; return 1; }
  done
'

test_done
