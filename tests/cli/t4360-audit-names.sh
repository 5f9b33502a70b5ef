#!/bin/sh
# The audit's inventories (issue 13): every table that lists villages'
# records by 村代码 has the village's name (村名称, from the divisions)
# in the column right after it, in the CSV files and in the workbook;
# the tables that had it already keep one.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, bank, entry

V1=150125100201   # 福如东村民委员会 (sample/divisions-wuchuan.csv)
V2=150125100202   # 大水圪洞村民委员会
fixed_day 2026-03-01

test_expect_success 'setup: records of two villages, the 2025 audit' '
  setup_county &&
  asset $V1 办公楼 房屋及建筑物 120000 2020-06-15 在用 >/dev/null &&
  asset $V2 仓库 房屋及建筑物 8000 2020-01-15 在用 >/dev/null &&
  land $V1 村东旱地 120.5 未利用 >/dev/null &&
  land $V2 北坡 30 未利用 >/dev/null &&
  bank $V1 >/dev/null && bank $V2 >/dev/null &&
  entry $V1 $V1-ZH-0001 记-001 2025-03-01 收入 20000 补助收入 &&
  entry $V2 $V2-ZH-0001 记-001 2025-03-02 支出 500 管理费用 &&
  sanzi audit export --year 2025 --out exp >/dev/null 2>&1
'

cat >names <<EOF
$V1|福如东村民委员会
$V2|大水圪洞村民委员会
EOF

test_expect_success 'CSV: 村名称 right after 村代码, the name of its village' '
  for f in 01-资产清单 03-资源清单 04-账户余额 05-收支分类; do
    sed -n "1s/^\xef\xbb\xbf//; 1s/\r\$//p" exp/$f.csv | tr , "\n" >cols &&
    test "$(grep -n -x 村名称 cols | cut -d: -f1)" = \
      "$(( $(grep -n -x 村代码 cols | cut -d: -f1) + 1 ))" ||
      { echo "$f: 村名称 is not after 村代码"; return 1; }
    csv_pick 村代码 村名称 <exp/$f.csv | tr -d "\r" | sort -u >got &&
    test_cmp names got || return 1
  done
'

test_expect_success 'every table with 村代码 has one 村名称 after it, no more' '
  for f in exp/*.csv; do
    sed -n "1s/^\xef\xbb\xbf//; 1s/\r\$//p" "$f" | tr , "\n" >cols &&
    test "$(grep -c -x 村代码 cols)" = "$(grep -c -x 村名称 cols)" ||
      { echo "$f"; return 1; }
  done &&
  sed -n "1s/\r\$//p" exp/14-审计发现.csv | grep -F ",村代码,村名称,记录,"
'

test_expect_success 'workbook: the same column, the names as text' '
  "$PY" - exp/年度审计-2025.xlsx <<-\EOF >got &&
	import sys, openpyxl
	wb = openpyxl.load_workbook(sys.argv[1])
	ws = wb["资产清单"]
	rows = list(ws.iter_rows(values_only=True))
	i = rows[0].index("村代码")
	assert rows[0][i + 1] == "村名称", rows[0]
	for r in sorted(set((r[i], r[i + 1]) for r in rows[1:])):
	    print("%s|%s" % r)
	EOF
  test_cmp names got
'

test_done
