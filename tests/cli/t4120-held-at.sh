#!/bin/sh
# One meaning of "held at D" (issue 12, part 7): summary, list --as-of,
# export --as-of and the audit count the same assets, resources and
# accounts at a date: acquired by then, not disposed of by then, not
# voided. The issue's case: a tractor scrapped in 2025 was counted by
# summary --as-of 2025-12-31 and listed by export --as-of, not by the audit.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"
. "$TOP/tests/cli/lib-audit.sh"

H=150125101201   # 圪料坝村, 哈乐镇 150125101
fixed_day 2026-06-30

test_expect_success 'setup: five assets, two resources, three accounts' '
  setup_county &&
  # ZC-0001 拖拉机 12,500.00 acquired 2018-05-01, scrapped (报废) 2025-08-15
  # ZC-0002 办公楼 200,000.00 acquired 2015-01-01, live (certificate given)
  # ZC-0003 水泵 5,000.00 acquired 2026-03-01
  # ZC-0004 仓库 6,000.00 acquired 2024-01-01, entered by mistake: voided
  # ZC-0005 旧车 3,000.00 acquired 2015-01-01, scrapped 2026-02-10
  asset $H 拖拉机 农业机械 12500 2018-05-01 在用 >/dev/null &&
  asset $H 办公楼 房屋及建筑物 200000 2015-01-01 在用 certificate=房-001 \
    >/dev/null &&
  asset $H 水泵 机器设备 5000 2026-03-01 在用 >/dev/null &&
  asset $H 仓库 房屋及建筑物 6000 2024-01-01 在用 >/dev/null &&
  asset $H 旧车 其他 3000 2015-01-01 在用 >/dev/null &&
  land $H 东坡地 100 未利用 certificate=地-001 >/dev/null &&
  land $H 西坡地 40 未利用 certificate=地-002 >/dev/null &&
  bank $H >/dev/null &&
  sanzi account add village=$H name=新户 kind=银行存款 opening_balance=500 \
    opening_date=2026-01-01 >/dev/null &&
  sanzi account add village=$H name=错户 kind=库存现金 opening_balance=900 \
    opening_date=2024-01-01 >/dev/null &&
  entry $H $H-ZH-0001 记-001 2025-05-01 收入 1000 经营收入 &&
  filing $H 报废 $H-ZC-0001 公开竞价 >/dev/null &&
  proc $H-CZ-0001 2025 &&
  sanzi disposal execute $H-CZ-0001 --date 2025-08-15 --party 废品站 \
    --price 0 >/dev/null &&
  filing $H 报废 $H-ZC-0005 公开竞价 >/dev/null &&
  proc $H-CZ-0002 2025 &&
  sanzi disposal execute $H-CZ-0002 --date 2026-02-10 --party 废品站 \
    --price 0 >/dev/null &&
  sanzi asset void $H-ZC-0004 --reason 重复录入 2>/dev/null &&
  sanzi resource void $H-ZY-0002 --reason 重复录入 2>/dev/null &&
  sanzi account void $H-ZH-0003 --reason 重复录入 2>/dev/null &&
  test "$(obj_status $H-ZC-0001) $(obj_status $H-ZC-0005)" = "已处置 已处置"
'

# At 2025-12-31 the village holds 办公楼 and 旧车 (scrapped only in 2026):
# 2 assets, 203,000.00; the land 东坡地 (100 亩); the account ZH-0001
# (opened 2014, 1,000.00 received): 1,000.00.
test_expect_success 'summary --as-of 2025-12-31: 2 assets, 203,000.00, 1 resource, 1,000.00' '
  sanzi summary --as-of 2025-12-31 --format json >s.json &&
  json_pick - code assets original resources area funds <s.json |
    grep "^150125101|" >actual &&
  echo "150125101|2|203000.00|1|100|1000.00" >expect &&
  test_cmp expect actual
'

test_expect_success 'asset export --as-of and list --as-of: the same two assets' '
  sanzi asset export --as-of 2025-12-31 | csv_pick 资产编号 原值 >exp.csv &&
  printf "%s\n" "$H-ZC-0002|200000.00" "$H-ZC-0005|3000.00" >expect &&
  test_cmp expect exp.csv &&
  sanzi asset list --as-of 2025-12-31 --format csv |
    csv_pick 资产编号 原值 >list.csv &&
  test_cmp expect list.csv
'

test_expect_success 'the audit of 2025: the same assets, land and balance in its tables and 汇总' '
  sanzi audit export --year 2025 --out a25 >/dev/null 2>&1 &&
  csv_pick 资产编号 原值 <a25/01-资产清单.csv >audit.csv &&
  printf "%s\n" "$H-ZC-0002|200,000.00" "$H-ZC-0005|3,000.00" |
    tr -d , >expect &&
  tr -d , <audit.csv >got && test_cmp expect got &&
  csv_pick 资源编号 <a25/03-资源清单.csv >res && echo $H-ZY-0001 >expect &&
  test_cmp expect res &&
  csv_pick 账户编号 期末余额 <a25/04-账户余额.csv | tr -d , >acc &&
  echo "$H-ZH-0001|1000.00" >expect && test_cmp expect acc &&
  csv_pick 层级 代码 资产数 资产原值 资源数 期末余额 <a25/00-汇总.csv |
    grep "^村|$H|" | tr -d , >sum &&
  echo "村|$H|2|203000.00|1|1000.00" >expect && test_cmp expect sum
'

test_expect_success 'summary, export, list and the audit agree on each date' '
  for d in 2025-06-30 2025-12-31 2026-06-30; do
    y=${d%%-*} &&
    sanzi summary --as-of $d --format json |
      json_pick - code assets original | grep "^150125101|" |
      cut -d"|" -f2,3 >s.$d &&
    sanzi asset export --as-of $d | csv_pick 原值 |
      awk "{ n++; t += \$1 } END { printf \"%d|%.2f\\n\", n, t }" >e.$d &&
    sanzi asset list --as-of $d --format csv | csv_pick 原值 |
      awk "{ n++; t += \$1 } END { printf \"%d|%.2f\\n\", n, t }" >l.$d &&
    test_cmp s.$d e.$d && test_cmp s.$d l.$d || return 1
  done &&
  # 2025-06-30: 拖拉机 not yet scrapped; 2026-06-30: 水泵 acquired, 旧车 gone
  test "$(cat s.2025-06-30)" = "3|215500.00" &&
  test "$(cat s.2026-06-30)" = "2|205000.00" &&
  sanzi audit export --year 2026 --out a26 >/dev/null 2>&1 &&
  csv_pick 层级 代码 资产数 资产原值 <a26/00-汇总.csv | grep "^村|$H|" |
    cut -d"|" -f3,4 | tr -d , >a.2026 &&
  test_cmp s.2026-06-30 a.2026
'

test_expect_success 'a voided record is in no finding: 仓库 has no certificate, yet no ZC02' '
  codes --year 2025 --village $H >c &&
  ! grep -q "$H-ZC-0004" c &&
  sanzi asset restore $H-ZC-0004 --reason 误作废 2>/dev/null &&
  codes --year 2025 --village $H >c &&
  grep -q "^ZC02|$H-ZC-0004$" c &&
  sanzi asset void $H-ZC-0004 --reason 重复录入 2>/dev/null
'

test_done
