#!/bin/sh
# sanzi summary --as-of D: per township the number of villages, assets
# with original and net value, resources with their area, and the fund
# balance, then a 合计 line. A small dataset over two townships; every
# figure is worked out by hand below.
. "$(dirname "$0")/lib.sh"

H1=150125101201   # 圪料坝村民委员会, 哈乐镇 150125101 (11 villages)
H2=150125101202   # 八股地村民委员会, 哈乐镇
D1=150125200201   # 井尔沟村民委员会, 大青山乡 150125200 (6 villages)

asset() {
  # asset VILLAGE NAME CATEGORY ORIGINAL ACQUIRED
  sanzi asset add village=$1 name=$2 category=$3 nature=经营性 \
    original_value=$4 acquired_via=购入 acquired_on=$5 status=在用 >/dev/null
}

resource() {
  # resource VILLAGE NAME LAND_CLASS AREA
  sanzi resource add village=$1 name=$2 land_class=$3 area=$4 \
    status=发包 >/dev/null
}

# row KEY ARGS...: villages, assets, original, net, resources, area and
# funds (money as 1234.50, area in mu), separated by spaces, of the row of
# `summary --format json` for township KEY, or of the total for 合计.
row() {
  key=$1
  shift
  sanzi summary "$@" --format json >summary.json &&
  json_pick - code name villages assets original net_value resources area \
    funds <summary.json |
  awk -F"|" -v k="$key" '$1 == k || ($1 == "" && $2 == k) {
    s = $3; for (i = 4; i <= NF; i++) s = s " " $i; print s }'
}

test_expect_success 'setup: assets, resources and funds in two townships' '
  setup_county &&
  # Assets, as of 2024-12-31 (default lives, residual 5%):
  # H1 办公楼 房屋及建筑物 240,000.00 acquired 2014-12-10: 228,000.00 / 240
  #    = 950.00 a month from January 2015; 120 months = 114,000.00,
  #    net 126,000.00
  # H1 宅基地 土地 30,000.00: no depreciation, net 30,000.00
  # H2 拖拉机 农业机械 60,000.00 acquired 2023-12-20: 57,000.00 / 120
  #    = 475.00 a month; 12 months of 2024 = 5,700.00, net 54,300.00
  # H2 电脑 电子设备 6,000.00 acquired 2025-03-01: not yet acquired
  # D1 水井 水利设施 12,345.67 acquired 2024-06-30: 11,728.39 / 240
  #    = 48.8683 -> 48.87 a month; July-December = 293.22, net 12,052.45
  asset $H1 办公楼 房屋及建筑物 240000 2014-12-10 &&
  asset $H1 宅基地 土地 30000 2010-01-01 &&
  asset $H2 拖拉机 农业机械 60000 2023-12-20 &&
  asset $H2 电脑 电子设备 6000 2025-03-01 &&
  asset $D1 水井 水利设施 12345.67 2024-06-30 &&
  # Resources: 哈乐镇 120.5 + 300.1234 = 420.6234 亩; 大青山乡 45.25 + 88
  # = 133.25 亩.
  resource $H1 村东旱地 旱地 120.5 &&
  resource $H2 北山草场 天然牧草地 300.1234 &&
  resource $D1 南山林地 乔木林地 45.25 &&
  resource $D1 北滩荒地 四荒地 88 &&
  # Funds, as of 2024-12-31:
  # H1 cash 1,000.00 + 2,000.00 = 3,000.00 (the 2025-01-05 expense is later)
  # H1 bank 80,000.00 - 12,345.67 = 67,654.33      哈乐镇: 70,654.33
  # D1 bank 20,000.00 + 5,000.50 = 25,000.50       大青山乡: 25,000.50
  # D1 cash opened 2025-01-01 with 9,999.99: not yet open
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi account add village=$H1 name=农商行 kind=银行存款 opening_balance=80000 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi account add village=$D1 name=信用社 kind=银行存款 opening_balance=20000 \
    opening_date=2024-01-01 >/dev/null &&
  sanzi account add village=$D1 name=现金 kind=库存现金 opening_balance=9999.99 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add voucher=1 village=$H1 date=2024-03-01 account=$H1-ZH-0001 \
    direction=收入 amount=2000 category=经营收入 summary=x >/dev/null &&
  sanzi fund add voucher=1 village=$H1 date=2025-01-05 account=$H1-ZH-0001 \
    direction=支出 amount=500 category=管理费用 summary=x >/dev/null &&
  sanzi fund add voucher=2 village=$H1 date=2024-06-30 account=$H1-ZH-0002 \
    direction=支出 amount=12345.67 category=购建资产 summary=x >/dev/null &&
  sanzi fund add voucher=1 village=$D1 date=2024-12-31 account=$D1-ZH-0001 \
    direction=收入 amount=5000.50 category=补助收入 summary=x >/dev/null
'

test_expect_success '哈乐镇 as of 2024-12-31' '
  test "$(row 150125101 --as-of 2024-12-31)" = \
    "11 3 330000.00 210300.00 2 420.6234 70654.33"
'

test_expect_success '大青山乡 as of 2024-12-31' '
  test "$(row 150125200 --as-of 2024-12-31)" = \
    "6 1 12345.67 12052.45 2 133.25 25000.50"
'

test_expect_success 'the 合计 line as of 2024-12-31' '
  # assets 3 + 1; original 330,000.00 + 12,345.67 = 342,345.67;
  # net 210,300.00 + 12,052.45 = 222,352.45; resources 4,
  # 553.8734 亩; funds 70,654.33 + 25,000.50 = 95,654.83.
  total=$(row 合计 --as-of 2024-12-31) &&
  test "${total#* }" = "4 342345.67 222352.45 4 553.8734 95654.83"
'

test_expect_success 'the 合计 village count is the sum of the townships listed' '
  sanzi summary --as-of 2024-12-31 --format json >summary.json &&
  sum=$(json_pick - code villages <summary.json |
        awk -F"|" "\$1 ~ /^150125[0-9][0-9][0-9]\$/ { s += \$2 } END { print s }") &&
  total=$(row 合计 --as-of 2024-12-31) &&
  test "${total%% *}" = "$sum"
'

test_expect_success 'the date is shown' '
  sanzi summary --as-of 2024-12-31 | grep -q 2024-12-31
'

test_expect_success 'as of 2025-03-31: the later asset, account and entry count' '
  # 哈乐镇: 4 assets, 336,000.00; net: 办公楼 123 months = 116,850.00
  # -> 123,150.00; 宅基地 30,000.00; 拖拉机 15 months = 7,125.00 ->
  # 52,875.00; 电脑 acquired in March, nothing yet -> 6,000.00;
  # together 212,025.00. Funds 2,500.00 + 67,654.33 = 70,154.33.
  test "$(row 150125101 --as-of 2025-03-31)" = \
    "11 4 336000.00 212025.00 2 420.6234 70154.33" &&
  # 大青山乡: 水井 9 months x 48.87 = 439.83 -> 11,905.84;
  # funds 25,000.50 + 9,999.99 = 35,000.49.
  test "$(row 150125200 --as-of 2025-03-31)" = \
    "6 1 12345.67 11905.84 2 133.25 35000.49" &&
  total=$(row 合计 --as-of 2025-03-31) &&
  test "${total#* }" = "5 348345.67 223930.84 4 553.8734 105154.82"
'

test_expect_success 'as of a date before everything: no assets, no funds' '
  # Resources have no date: they are counted whatever the date.
  test "$(row 150125101 --as-of 2009-12-31)" = \
    "11 0 0.00 0.00 2 420.6234 0.00"
'

test_expect_success 'every township of the county is listed, even with nothing registered' '
  # A county clerk reads the summary to see which townships have not
  # entered their registers yet: 可可以力更镇 (19 village-level units)
  # has nothing, and shows as such.
  test "$(row 150125100 --as-of 2024-12-31)" = \
    "19 0 0.00 0.00 0 0 0.00" &&
  sanzi summary --as-of 2024-12-31 --format json >summary.json &&
  test "$(json_pick - code <summary.json | grep -c "^150125[0-9][0-9][0-9]\$")" = 11
'

test_expect_success 'summary writes nothing' '
  before=$(db_state) &&
  sanzi summary --as-of 2024-12-31 >/dev/null &&
  test "$(db_state)" = "$before"
'

test_expect_success 'an impossible --as-of date is refused' '
  test_must_fail 1 sanzi summary --as-of 2024-02-30 >out 2>err &&
  grep -q 2024-02-30 err
'

test_expect_success 'summary usage errors exit 2; --help exits 0' '
  test_must_fail 2 sanzi summary --bogus 2>err &&
  test_must_fail 2 sanzi summary extra 2>err &&
  test_must_fail 2 sanzi summary --as-of 2>err &&
  sanzi summary --help >out &&
  grep -q usage out
'

test_done
