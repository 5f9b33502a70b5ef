#!/bin/sh
# bench/demo.sh: builds the sample county (武川县, 93 villages) in demo.db
# from generated spreadsheets and shows what sanzi makes of it.
# Run by `make demo` from the repository root once ./sanzi is built.
# The spreadsheets land in demo-data/: assets.csv is what Excel on a Chinese
# Windows saves (GB18030, CRLF, a title line, 原值（元）, "12,500.00",
# 2019/3/5, two empty rows at the end); the others are plain UTF-8.
# DEMO_DIR (default: the repository) is where it writes: demo.db,
# demo-data/, demo-out/ and the generator; SANZI_BIN the program.
set -e
cd "$(dirname "$0")/.."

CC=${CC:-cc}
D=${DEMO_DIR:-.}
P=${SANZI_BIN:-./sanzi}
GEN=$D/bench/out/gen
OUT=$D/demo-data
DB=$D/demo.db
AUDIT=$D/demo-out
SANZI="$P --db $DB --user demo"

say() {
  printf '演示：%s\n' "$*" >&2
}

if [ ! -x "$P" ]; then
  say "$P 尚未编译；请运行 make demo（或先运行 make sanzi）"
  exit 1
fi

say "编译示例数据生成程序 bench/gen.c（生成到 $GEN）"
mkdir -p $D/bench/out
$CC -std=c11 -Wall -Wextra -Werror -O2 -o $GEN bench/gen.c

say "生成示例县的各类台账表格，放在 $OUT/ 下"
rm -rf $OUT
mkdir -p $OUT
$GEN demo sample/divisions-wuchuan.csv $OUT

say "新建数据库 $DB"
rm -f $DB $DB-wal $DB-shm $DB-journal $DB.anchors
$P --db $DB init

say "导入武川县的行政区划（乡镇和村）"
$SANZI org import sample/divisions-wuchuan.csv

say "导入资源（编号留空，由系统按村编为 -ZY-0001 起的流水号）"
$SANZI resource import $OUT/resources.csv

say "导入账户（每村一个库存现金、一个银行存款）"
$SANZI account import $OUT/accounts.csv

say "导入资产：Excel 另存的 GB18030 编码表格（--encoding auto 自动识别）"
$SANZI asset import $OUT/assets.csv --encoding auto

say "导入 2025 年资金收支流水"
$SANZI fund import $OUT/funds.csv

say "可可以力更镇（150125100）各村截至 2025-12-31 的资金余额"
$SANZI fund balance --as-of 2025-12-31 --township 150125100

say "全县截至 2025-12-31 按乡镇汇总"
$SANZI summary --as-of 2025-12-31

V=150125100201   # 福如东村 of 可可以力更镇
CLERK="$P --db $DB --user 福如东村报账员"
REVIEWER="$P --db $DB --user 乡镇农经站审核员"

say "福如东村一年的处置程序：三项资产待处置"
OFFICE=$($CLERK asset add village=$V name=旧村委会办公楼 category=房屋及建筑物 \
  nature=经营性 original_value=260000 acquired_via=自建 acquired_on=2008-06-15 status=闲置)
SHED=$($CLERK asset add village=$V name=农机库房 category=房屋及建筑物 \
  nature=经营性 original_value=80000 acquired_via=自建 acquired_on=2016-04-20 status=闲置)
PCS=$($CLERK asset add village=$V name=旧台式电脑 category=电子设备 \
  nature=非经营性 original_value=9000 acquired_via=购入 acquired_on=2015-03-01 status=在用)
BANK=$($P --db $DB account list --village $V --format csv | grep 银行存款 | cut -d, -f1)

# four meetings, each passing
meetings() {
  $CLERK disposal vote "$1" --step 提议 --date "$2" --due 7 --present 7 --for 7 --against 0 --minutes 支-1
  $CLERK disposal vote "$1" --step 商议 --date "$2" --due 9 --present 9 --for 8 --against 1 --minutes 联-1
  $CLERK disposal vote "$1" --step 审议 --date "$3" --due 32 --present 25 --for 22 --against 3 --minutes 党-1
  $CLERK disposal vote "$1" --step 决议 --body 村民代表会议 --date "$3" --due 45 --present 38 --for 33 --against 5 --minutes 代-1
}

say "旧村委会办公楼公开竞价出售：从提议到结果公开"
SALE=$($CLERK disposal new village=$V type=出售 objects=$OFFICE reason=新办公楼启用后闲置 \
  method=公开竞价 price=150000 date=2025-03-03)
meetings $SALE 2025-03-05 2025-03-12
$CLERK disposal publicize $SALE --kind 决议 --from 2025-03-13 --to 2025-03-19
$CLERK disposal appraise $SALE --value 158000 --appraiser 武川县某资产评估事务所 --report 武评字2025-017 --date 2025-03-18
$REVIEWER disposal review $SALE --decision 同意 --date 2025-03-21
$CLERK fund add voucher=记-301 village=$V date=2025-04-08 account=$BANK direction=收入 \
  amount=166000 category=其他收入 counterparty=王建军 summary=旧村委会办公楼拍卖价款 >/dev/null
$CLERK disposal execute $SALE --date 2025-04-08 --party 王建军 --price 166000 --voucher 记-301
$CLERK disposal publicize $SALE --kind 结果 --from 2025-04-09 --to 2025-04-15

say "农机库房出租：合同和租金收取计划"
LEASE=$($CLERK disposal new village=$V type=出租 objects=$SHED reason=闲置库房对外出租 \
  method=公开竞价 price=12000 date=2025-03-03)
meetings $LEASE 2025-03-05 2025-03-12
$CLERK disposal publicize $LEASE --kind 决议 --from 2025-03-13 --to 2025-03-19
$REVIEWER disposal review $LEASE --decision 同意 --date 2025-03-21
LC=$($CLERK contract add village=$V kind=出租 object=$SHED party=武川县丰源农机合作社 \
  party_id=91350100M000100Y43 party_is_member=否 start_date=2025-05-01 end_date=2030-04-30 \
  annual_amount=12000 payment=半年付 first_due=2025-05-01 signed_on=2025-04-20 disposal=$LEASE)
$CLERK disposal execute $LEASE --date 2025-04-25 --party 武川县丰源农机合作社 --price 12000 --contract $LC
$CLERK disposal publicize $LEASE --kind 结果 --from 2025-04-26 --to 2025-05-02
$CLERK fund add voucher=记-355 village=$V date=2025-05-06 account=$BANK direction=收入 \
  amount=6000 category=经营收入 counterparty=武川县丰源农机合作社 summary=库房租金 contract=$LC >/dev/null

say "旧电脑报废：第一次决议到会人数不足"
SCRAP=$($CLERK disposal new village=$V type=报废 objects=$PCS reason=超过使用年限无法修复 \
  method=协议 date=2025-06-02)
$CLERK disposal vote $SCRAP --step 提议 --date 2025-06-03 --due 7 --present 6 --for 6 --against 0
$CLERK disposal vote $SCRAP --step 商议 --date 2025-06-03 --due 9 --present 9 --for 9 --against 0
$CLERK disposal vote $SCRAP --step 审议 --date 2025-06-10 --due 32 --present 24 --for 24 --against 0
$CLERK disposal vote $SCRAP --step 决议 --body 村民代表会议 --date 2025-06-12 --due 45 --present 28 --for 28 --against 0 || true
$CLERK disposal vote $SCRAP --step 决议 --body 村民代表会议 --date 2025-06-19 --due 45 --present 40 --for 39 --against 1
$CLERK disposal publicize $SCRAP --kind 决议 --from 2025-06-20 --to 2025-06-26
$REVIEWER disposal review $SCRAP --decision 同意 --date 2025-06-30
$CLERK disposal execute $SCRAP --date 2025-07-02 --party 武川县再生资源回收站 --price 300
say "（为审计预设的问题：报废结果一直未公开）"

say "（为审计预设的问题：2025 年草场只签合同发包，未做处置申报）"
GRASS=$V-ZY-0001
GC=$($CLERK contract add --without-filing village=$V kind=发包 object=$GRASS party=张永福 \
  party_id=150125199003070028 party_is_member=是 start_date=2025-03-01 end_date=2035-02-28 \
  annual_amount=8000 payment=年付 first_due=2025-03-01 signed_on=2025-02-20)
$CLERK fund add voucher=记-330 village=$V date=2025-03-05 account=$BANK direction=收入 \
  amount=8000 category=经营收入 counterparty=张永福 summary=草场承包费 contract=$GC >/dev/null
$CLERK disposal show $SALE
$CLERK disposal list --village $V

say "出租合同截至 2025-12-31 的应收款：下半年租金已逾期"
$CLERK contract schedule $LC --as-of 2025-12-31
$CLERK contract overdue --as-of 2025-12-31 --township 150125100

say "村肉牛养殖场贷款及其贷款贴息"
LOAN=$($CLERK loan add village=$V lender=中国农业银行武川县支行 contract_no=NH2025-0412 \
  project=村集体肉牛养殖场 principal=1000000 rate=4.35 start_date=2025-01-01 maturity=2027-12-31)
$CLERK loan interest $LOAN --from 2025-01-01 --to 2025-04-01 --paid 10875 --paid-on 2025-04-01 --voucher 记-120 >/dev/null
$CLERK loan interest $LOAN --from 2025-04-01 --to 2025-07-01 --paid 10995.83 --paid-on 2025-07-01 --voucher 记-260 >/dev/null
say "（第一笔利息已记账为记-120；为审计预设的问题：记-260 未入账）"
$CLERK fund add voucher=记-120 village=$V date=2025-04-01 account=$BANK direction=支出 \
  amount=10875 category=其他支出 counterparty=中国农业银行武川县支行 summary=支付肉牛养殖场贷款利息 >/dev/null
$P --db $DB --user 县财政局 program set --year 2025 --budget 1000000 --ratio 50 --village-cap 100000
APP=$($CLERK subsidy apply --loan $LOAN --year 2025 --date 2025-07-10)
$REVIEWER subsidy review $APP --decision 同意 --date 2025-07-15
$REVIEWER subsidy publicize $APP --from 2025-07-16 --to 2025-07-22
$P --db $DB --user 县财政局 subsidy approve $APP --date 2025-07-25
$P --db $DB --user 县财政局 subsidy pay $APP --date 2025-08-05 --voucher 财拨-2025-088
$CLERK subsidy show $APP
$P --db $DB subsidy report --year 2025

say "校验变更日志的哈希链"
$SANZI log verify

say "可可以力更镇 2025 年村级分类（经营性收入 = 经营收入 + 投资收益）"
$SANZI classify --year 2025 --township 150125100

say "福如东村 2025 年审计发现的问题（预设的问题都在其中）"
$SANZI audit findings --year 2025 --village $V

say "导出全县 2025 年年度审计资料"
rm -rf $AUDIT
$SANZI audit export --year 2025 --out $AUDIT
say "按问题代码统计（$AUDIT/14-审计发现.csv）："
awk -F, 'NR > 1 { n[$2 " " $3]++ } END { for(k in n) print "  " k ": " n[k] }' \
  $AUDIT/14-审计发现.csv | sort >&2
say "审计资料在 $(cd $AUDIT && pwd)：请打开 年度审计-2025.xlsx；manifest.txt 列有每个文件的 SHA-256"

# The web system's users: one of each role, named as the operators above,
# so that the change log reads the same whether a step was typed or
# clicked. The password is for the demonstration only.
PW=demo2025pw
say "网页系统的演示用户，每个角色一个（密码均为 $PW，仅供演示）："
for u in "管理员 管理员" "福如东村报账员 村报账员 $V" "乡镇农经站审核员 乡镇 150125100" \
         "县财政局 县级 150125" "县审计局 审计 150125"; do
  set -- $u
  printf '%s\n' "$PW" | $P --db $DB user add "$1" --role "$2" ${3:+--scope "$3"} >/dev/null
done
say "启动网页系统：$P --db $DB serve ，再用浏览器打开 http://127.0.0.1:8080/ 登录"
