#!/bin/sh
# The registers, the subsidy procedure and the views in Chinese (issue 11):
# org list's levels, the refusals of asset, fund and org, a subsidy
# application through 县级审定 with its formula, summary, fund balance, and
# the change log with its operations and times in Beijing time (parameter
# timezone) while CSV keeps UTC. Every expected text is worked out from the
# rules and the translation (po/zh_CN.po), in the comment above it.
#
# The clock stands at 2025-12-05 12:00:00 UTC (fixed_day, TZ=UTC for
# libfaketime): Beijing time (UTC+8) 2025-12-05 20:00:00.
#
# norm: the tables' column gaps (two spaces or more) as one space, no
# trailing space, and the separator after a field's name (": " or "：",
# with or without the English key in brackets: the choice of the cli and
# the store, not of this area) as "：".
. "$(dirname "$0")/lib.sh"

# a clerk's name (the operator stands in the log)
export TZ=UTC SANZI_USER=张会计
fixed_day 2025-12-05
zh() { sanzi --lang zh "$@"; }
norm() {
  sed -E -e 's/ {2,}/ /g' -e 's/ +$//' -e 's/^ +//' -e 's/: /：/g' \
    -e 's/^([^ ：]+) \([a-z_]+\)：/\1：/' "$@"
}
# same EXPECTED ACTUAL: equal after norm.
same() { norm "$1" >"$1.n" && norm "$2" >"$2.n" && test_cmp "$1.n" "$2.n"; }
# zh_refused CMD...: refused (exit 1, nothing written, nothing on stdout)
# with the message in err.
zh_refused() { before=$(db_state) && refused sanzi --lang zh "$@" && unchanged; }

V1=150125100201   # 福如东村民委员会, 可可以力更镇 150125100
V2=150125100202   # 大水圪洞村民委员会
T1=150125100      # 可可以力更镇

test_expect_success 'setup: the county' '
  setup_county &&
  # every village of the county (summary counts them)
  grep -c ",village," "$SAMPLE/divisions-wuchuan.csv" >villages &&
  grep -c ",village,$T1\$" "$SAMPLE/divisions-wuchuan.csv" >villages1 &&
  test "$(cat villages1)" = 19
'

# ==== organisations ====

test_expect_success 'org list: the levels read 省 市 县 乡镇 村' '
  zh org list | sed -n "1,5p" >actual &&
  cat >expect <<-EOF &&
	代码 名称 级别 上级代码
	15 内蒙古自治区 省
	1501 呼和浩特市 市 15
	150125 武川县 县 1501
	150125100 可可以力更镇 乡镇 150125
	EOF
  same expect actual &&
  zh org list --under $V1 >actual &&
  printf "%s\n" "代码 名称 级别 上级代码" "$V1 福如东村民委员会 村 $T1" >expect &&
  same expect actual &&
  test -z "$(english_words actual)" &&
  # files keep the codes
  sanzi org list --under $V1 --format csv | csv_pick 级别 >actual &&
  echo village >expect &&
  test_cmp expect actual
'

test_expect_success 'an org file with a level that is none: refused in Chinese' '
  printf "%s\n" 代码,名称,级别,上级代码 "${T1}299,测试村,镇,$T1" >bad.csv &&
  zh_refused org import bad.csv &&
  # the row error; the import summary after it is not this area
  grep -F "bad.csv:2: 级别" err >mine &&
  echo "bad.csv:2: 级别: “镇”不是有效级别（应为省、市、县、乡镇或村）" >expect &&
  same expect mine &&
  test -z "$(english_words mine)"
'

# ==== registers: the checks and the guard ====

test_expect_success 'setup: an asset, a resource, an account and a receipt' '
  zh asset add village=$V1 name=办公楼 category=房屋及建筑物 nature=非经营性 \
    original_value=120000 acquired_via=自建 acquired_on=2020-06-15 \
    status=在用 >asset.code &&
  test "$(cat asset.code)" = $V1-ZC-0001 &&
  zh asset edit $V1-ZC-0001 管护责任人=张三 2>/dev/null &&
  zh resource add village=$V1 name=村东旱地 land_class=0103 area=120.5 \
    status=发包 >resource.code &&
  zh account add village=$V1 name=现金 kind=库存现金 opening_balance=1200 \
    opening_date=2025-01-01 >account.code &&
  zh fund add voucher=记-001 village=$V1 date=2025-01-15 \
    account="$(cat account.code)" direction=收入 amount=5000 \
    category=经营收入 summary=承包费 >/dev/null
'

test_expect_success 'asset: accumulated depreciation above the original value, and no month' '
  # 累计折旧 130,000.00 > 原值 120,000.00; and 折旧截至 is required with it
  zh_refused asset add village=$V1 name=仓库 category=房屋及建筑物 \
    nature=经营性 original_value=120000 accumulated_depreciation=130000 \
    acquired_via=自建 acquired_on=2020-06-15 status=在用 &&
  printf "%s\n" "sanzi: 累计折旧: 130000.00 元超过原值 120000.00 元" \
    "sanzi: 折旧截至: 填写累计折旧时必填：已登记的折旧计提到的月份" >expect &&
  same expect err &&
  test -z "$(english_words err)"
'

test_expect_success 'asset: letting goes through a disposal filing, not an edit' '
  zh_refused asset edit $V1-ZC-0001 使用状态=出租 &&
  echo "sanzi: 使用状态: 在用 → 出租：出租、发包、入股和处置须经处置申报（sanzi disposal new），不能直接修改" >expect &&
  same expect err &&
  test -z "$(english_words err)"
'

test_expect_success 'fund: an account that is none, of another village, before its opening' '
  acc=$(cat account.code) &&
  zh_refused fund add voucher=记-009 village=$V1 date=2025-02-01 account=999 \
    direction=收入 amount=10 category=经营收入 summary=x &&
  echo "sanzi: 账户编号: 没有编号为“999”的账户" >expect &&
  same expect err && cp err all &&
  zh_refused fund add voucher=记-009 village=$V2 date=2025-02-01 \
    account=$acc direction=收入 amount=10 category=经营收入 summary=x &&
  echo "sanzi: 账户编号: 账户“$acc”属于村 $V1，不属于村 $V2" >expect &&
  same expect err && cat err >>all &&
  zh_refused fund add voucher=记-009 village=$V1 date=2024-12-31 \
    account=$acc direction=收入 amount=10 category=经营收入 summary=x &&
  echo "sanzi: 日期: 2024-12-31 早于账户的期初日期 2025-01-01" >expect &&
  same expect err && cat err >>all &&
  test -z "$(english_words all)"
'

test_expect_success 'fund: a category of the other direction' '
  zh_refused fund add voucher=记-009 village=$V1 date=2025-02-01 \
    account="$(cat account.code)" direction=支出 amount=10 category=经营收入 \
    summary=x &&
  echo "sanzi: 收支类别: “经营收入”不是支出类别" >expect &&
  same expect err &&
  test -z "$(english_words err)"
'

# ==== the interest subsidy ====

# One payment: principal 1,000,000.00 at 4.35%, 2025-01-01 to 2025-07-01:
# 181 days (31+28+31+30+31+30, the first day counted, not the last);
#   应计利息 = round(1,000,000.00 × 4.35% × 181 / 360) = 21,870.83
#     (43,500.00 × 181 / 360 = 21,870.8333...)
#   可贴息利息 = min(实付 21,000.00, 21,870.83) = 21,000.00
#   贴息 = round(21,000.00 × 50%) = 10,500.00
# The year's village cap is 8,000.00: 县级审定 grants 8,000.00, cut by the
# 村年度限额.
test_expect_success 'setup: a programme year, a loan, its interest, an application' '
  zh program set --year 2025 --village-cap 8000 >/dev/null &&
  zh loan add village=$V1 lender=武川县农村信用合作联社 contract_no=JK-2025-01 \
    project=合作社项目 principal=1000000 rate=4.35 start_date=2025-01-01 \
    maturity=2027-12-31 >loan.code &&
  zh loan interest "$(cat loan.code)" --from 2025-01-01 --to 2025-07-01 \
    --paid 21000 --paid-on 2025-07-01 --voucher 记-101 >pay.code &&
  zh subsidy apply --loan "$(cat loan.code)" --year 2025 --date 2025-07-10 \
    >app.code &&
  zh subsidy review "$(cat app.code)" --decision 同意 --date 2025-07-15 \
    >/dev/null
'

test_expect_success '公示 of 5 days: at least 7 required' '
  zh_refused subsidy publicize "$(cat app.code)" --from 2025-07-16 \
    --to 2025-07-20 &&
  echo "sanzi: 公示：2025-07-16 至 2025-07-20 共 5 天，至少需要 7 天" >expect &&
  same expect err &&
  test -z "$(english_words err)"
'

test_expect_success '县级审定 on the last day of the publicity: refused' '
  zh subsidy publicize "$(cat app.code)" --from 2025-07-16 --to 2025-07-22 \
    >/dev/null &&
  zh_refused subsidy approve "$(cat app.code)" --date 2025-07-22 &&
  echo "sanzi: 县级审定（2025-07-22）：公示期至 2025-07-22，须在公示期结束后审定" >expect &&
  same expect err &&
  test -z "$(english_words err)"
'

test_expect_success '县级审定 cut by the village cap; a step out of order is refused' '
  app=$(cat app.code) &&
  zh subsidy approve $app --date 2025-07-25 >/dev/null &&
  zh_refused subsidy review $app --decision 同意 --date 2025-07-26 &&
  echo "sanzi: 乡镇初审：申请 $app 的状态是“已审定”，此步骤要求“已申请”" >expect &&
  same expect err && cp err all &&
  zh_refused subsidy pay $app --date 2025-07-24 --voucher 付-001 &&
  echo "sanzi: 拨付：2025-07-24 早于审定日期（2025-07-25）" >expect &&
  same expect err && cat err >>all &&
  # the budget cannot go below what is approved
  zh_refused program set --year 2025 --budget 1000 &&
  echo "sanzi: 年度预算：1,000.00 元低于 2025 年度已审定或已拨付的 8,000.00 元" >expect &&
  same expect err && cat err >>all &&
  zh_refused subsidy apply --loan "$(cat loan.code)" --year 2026 \
    --date 2025-07-10 &&
  echo "sanzi: 没有 2026 贴息年度：须由县里先用“sanzi program set --year 2026”设立" >expect &&
  same expect err && cat err >>all &&
  test -z "$(english_words all)"
'

test_expect_success 'subsidy show: the application, every fen of the formula, its history' '
  app=$(cat app.code) pay=$(cat pay.code) &&
  zh subsidy show $app >show &&
  # the fields (whatever the separator after the name)
  norm show >show.n &&
  for f in "申请贴息：10,500.00" "状态：已审定" "公示起日：2025-07-16" \
    "公示止日：2025-07-22" "审定日期：2025-07-25" "审定贴息：8,000.00" \
    "核减依据：村年度限额"; do
    grep -qx "$f" show.n || { echo "missing: $f"; return 1; }
  done &&
  # the formula, one line per payment
  grep -A1 "^付息编号" show.n >actual &&
  printf "%s\n" "付息编号 计息期间 天数 本金 年利率 计贴利率 基准 应计利息 实付利息 可贴息利息 比例 贴息" \
    "$pay 2025-01-01..2025-07-01 181 1,000,000.00 4.35% 4.35% 360 21,870.83 21,000.00 21,000.00 50% 10,500.00" >expect &&
  test_cmp expect actual &&
  # the history: applied (entry 11; its line is 12), reviewed, publicised,
  # approved, in Beijing time
  grep "^#" show.n >actual &&
  printf "%s\n" "#11 2025-12-05 20:00:00 张会计 新增" \
    "#13 2025-12-05 20:00:00 张会计 修改" "#14 2025-12-05 20:00:00 张会计 修改" \
    "#15 2025-12-05 20:00:00 张会计 修改" >expect &&
  test_cmp expect actual &&
  test -z "$(english_words actual)"
'

test_expect_success 'subsidy list and the year report' '
  zh subsidy list --year 2025 >actual &&
  printf "%s\n" "申请编号 村代码 贷款编号 年度 申请日期 申请贴息 状态 审定贴息 拨付日期" \
    "$(cat app.code) $V1 $(cat loan.code) 2025 2025-07-10 10,500.00 已审定 8,000.00" >expect &&
  same expect actual &&
  test -z "$(english_words actual)"
'

# ==== summary and fund balance ====

# rows PATTERN CMD...: the rows of `sanzi --lang zh CMD` that begin with
# PATTERN (an extended regular expression), as they are in table and
# through norm in actual (the heading above the table and the lines after
# it are the cli's).
rows() {
  pat=$1 && shift &&
  zh "$@" >out 2>/dev/null &&
  grep -E "^ *($pat)" out >table &&
  norm out | grep -E "^($pat)" >actual
}

# The asset: 原值 120,000.00, 房屋及建筑物 240 months, residual 5%:
# 114,000.00 / 240 = 475.00 a month from July 2020; as of 2025-12-31, 66
# months (6 + 5 × 12): 31,350.00, net 88,650.00. The account: 1,200.00 +
# 5,000.00 = 6,200.00, over the cash limit 5,000.00.
test_expect_success 'summary: the township and the total' '
  rows "乡镇代码|$T1|合计" summary --as-of 2025-12-31 &&
  printf "%s\n" "乡镇代码 乡镇 村数 资产数 原值 净值 资源数 面积(亩) 资金余额" \
    "$T1 可可以力更镇 19 1 120,000.00 88,650.00 1 120.5 6,200.00" \
    "合计 $(cat villages) 1 120,000.00 88,650.00 1 120.5 6,200.00" >expect &&
  test_cmp expect actual &&
  test -z "$(english_words table)"
'

test_expect_success 'fund balance: the account over the cash limit, the village total' '
  acc=$(cat account.code) &&
  rows "村代码|$V1" fund balance --as-of 2025-12-31 &&
  printf "%s\n" "村代码 村名 账户编号 账户名称 类型 期初余额 收入 支出 余额 提示" \
    "$V1 福如东村民委员会 $acc 现金 库存现金 1,200.00 5,000.00 0.00 6,200.00 超过库存现金限额 5,000.00" \
    "$V1 合计 1,200.00 5,000.00 0.00 6,200.00" >expect &&
  test_cmp expect actual &&
  test -z "$(english_words table)"
'

# ==== the change log ====

test_expect_success 'log: the operations in Chinese, the times in Beijing time' '
  # each entry, then the fields it changed
  zh log --table asset >actual &&
  printf "%s\n" "#3 2025-12-05 20:00:00 张会计 新增 资产 $V1-ZC-0001" \
    "#4 2025-12-05 20:00:00 张会计 修改 资产 $V1-ZC-0001" \
    "管护责任人：（空） → 张三" >expect &&
  same expect actual &&
  test -z "$(english_words actual)" &&
  # the import of the divisions: 120 organisations (the rows of the file)
  n=$(($(wc -l <"$SAMPLE/divisions-wuchuan.csv") - 1)) &&
  zh log --table org >actual &&
  printf "%s\n" \
    "#2 2025-12-05 20:00:00 张会计 导入 组织 文件 $SAMPLE/divisions-wuchuan.csv：新增 $n 条，修改 0 条" >expect &&
  same expect actual &&
  test -z "$(english_words actual)" &&
  n=$(sql "SELECT count(*) FROM setting") &&
  zh log --table setting >actual &&
  echo "#1 2025-12-05 20:00:00 张会计 初始化 参数 参数默认值" >expect &&
  same expect actual &&
  sanzi log --table setting --format csv | csv_pick 写入 >rows &&
  test "$(cat rows)" = "$n" &&
  zh log --key "$(cat app.code)" >actual &&
  grep -c " 贴息申请 " actual >count && test "$(cat count)" = 4 &&
  test -z "$(english_words actual)"
'

test_expect_success 'log: CSV and JSON keep the codes and UTC' '
  sanzi --lang zh log --table asset --format csv | csv_pick 时间 操作 表 >actual &&
  printf "%s\n" "2025-12-05T12:00:00Z|insert|asset" \
    "2025-12-05T12:00:00Z|update|asset" >expect &&
  test_cmp expect actual &&
  sanzi --lang zh log --table asset --format json >json &&
  grep "\"at\":\"2025-12-05T12:00:00Z\",\"operator\":\"张会计\",\"action\":\"insert\"" json |
    grep -q "\"table\":\"asset\""
'

test_expect_success 'the times do not depend on the process TZ' '
  zh log --table asset >expect &&
  TZ=America/New_York "$SANZI" --lang zh log --table asset >actual &&
  test_cmp expect actual
'

test_expect_success 'log --since: a day in Beijing time' '
  # 2025-12-05 18:00 UTC is 2025-12-06 02:00 in Beijing
  FIXED_CLOCK="2025-12-05 18:00:00" &&
  zh asset edit $V1-ZC-0001 管护责任人=李四 2>/dev/null &&
  zh log --since 2025-12-06 >actual &&
  printf "%s\n" "#16 2025-12-06 02:00:00 张会计 修改 资产 $V1-ZC-0001" \
    "管护责任人：张三 → 李四" >expect &&
  same expect actual
'

test_expect_success 'parameter timezone: another zone, and one that is none' '
  # Berlin in December: CET, UTC+1
  zh config timezone Europe/Berlin >/dev/null &&
  zh log --table asset | norm | sed -n 1p >actual &&
  echo "#3 2025-12-05 13:00:00 张会计 新增 资产 $V1-ZC-0001" >expect &&
  test_cmp expect actual &&
  zh_refused config timezone Mars/Base &&
  echo "sanzi: timezone：“Mars/Base”不是时区数据库中的时区（例如 Asia/Shanghai）" >expect &&
  same expect err &&
  test -z "$(english_words err "timezone|Mars|Base|Asia|Shanghai")" &&
  zh config timezone Asia/Shanghai >/dev/null
'

test_expect_success 'an org file may name the level in Chinese' '
  printf "%s\n" 代码,名称,级别,上级代码 "${T1}299,测试村,村,$T1" >ok.csv &&
  zh org import ok.csv >/dev/null 2>&1 &&
  test "$(sql "SELECT level FROM org WHERE code = '\''${T1}299'\''")" = village
'

test_done
