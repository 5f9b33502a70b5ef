#!/bin/sh
# The audit in Chinese (issue 11): the findings' 说明 of several codes, the
# classification, the parameters (`config` and the 参数 sheet) and the
# audit's refusals with --lang zh; the audit files (CSV, workbook,
# manifest.txt) Chinese even in an English session; and no English word
# left in any of them. Every expected text is worked out by hand from the
# rules of doc/domain.md in the comment above it.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # vote, review (by $REVIEWER)
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, entry, filing, proc...

XLSX2CSV="$TOP/tests/cli/xlsx-to-csv.py"
TAB=$(printf "\t")
# the operator, written into the filings (the files must have no English
# word; lib.sh names him "tester")
SANZI_USER=王会计

# 可可以力更镇 150125100
B=150125100202    # 大水圪洞村民委员会: executed, no 结果公开 (CZ01)
C=150125100203    # 巨字号村民委员会: failed meetings (CZ02)
G=150125100207    # 乌兰忽洞村民委员会: a lease without a filing (CZ01)
# 哈乐镇 150125101
H1=150125101201   # 圪料坝村民委员会: a receivable overdue (HT02)
H3=150125101203   # 旧营子村民委员会: cash over the limit (ZJ01)
H5=150125101205   # 根根渠村民委员会: zero value, no certificate (ZC01, ZC02)
H6=150125101206   # 厂汉脑包村民委员会: a certificate twice (ZC03)
H7=150125101207   # 德胜营村民委员会: let with no contract (HT04)

fixed_day 2026-11-28

# zfnd ARGS...: `audit findings` in Chinese, one line per finding:
# 代码|记录|说明
zfnd() {
  sanzi --lang zh audit findings --year 2025 --format csv "$@" >zfnd.csv &&
  csv_pick 代码 记录 说明 <zfnd.csv
}
# zrefused CMD...: exit 1, nothing on stdout, the Chinese message in err
# with no English word (ALLOW: an extended regex of words allowed).
zrefused() {
  test_must_fail 1 sanzi --lang zh "$@" >out 2>err &&
  ! test -s out &&
  test -z "$(english_words err "${ALLOW:-}")" ||
  { echo "English left: $(english_words err "${ALLOW:-}")"; cat err; return 1; }
}

test_expect_success 'setup: the county' '
  setup_county
'

# ==== the findings' 说明 ====

test_expect_success 'CZ01: executed without 结果公开, in Chinese' '
  # B-CZ-0001 报废 executed 2025-04-10, no 结果公开 by 2025-12-31
  asset $B 旧机器 其他 1000 2015-01-01 闲置 >/dev/null &&
  filing $B 报废 $B-ZC-0001 公开竞价 >/dev/null &&
  proc $B-CZ-0001 2025 &&
  sanzi disposal execute $B-CZ-0001 --date 2025-04-10 --party 回收站 --price 50 >/dev/null &&
  zfnd --village $B >actual &&
  echo "CZ01|$B-CZ-0001|2025-04-10 已执行，截至 2025-12-31 未进行结果公开" >expect &&
  test_cmp expect actual
'

test_expect_success 'CZ02: a meeting short of its quorum, one short of votes in favour' '
  # 审议 (党员大会): at least 2/3 of 20 due present = 13.33.. -> 14; 12
  #   present: short
  # 提议 (党支部会议): more than half of 7 due present (4: enough), more
  #   than half of the 4 present in favour = at least 3; 2 for: short
  asset $C 旧设备 其他 5000 2015-01-01 闲置 >/dev/null &&
  filing $C 报废 $C-ZC-0001 公开竞价 >/dev/null &&
  test_must_fail 1 vote $C-CZ-0001 提议 2025-03-11 7 4 2 2 2>/dev/null &&
  vote $C-CZ-0001 提议 2025-03-12 7 4 3 1 >/dev/null &&
  vote $C-CZ-0001 商议 2025-03-13 9 7 6 1 >/dev/null &&
  test_must_fail 1 vote $C-CZ-0001 审议 2025-03-15 20 12 12 0 2>/dev/null &&
  zfnd --village $C >actual &&
  sort >expect <<-EOF &&
	CZ02|$C-CZ-0001/V1|提议（党支部会议）2025-03-11：应到 7，实到 4，赞成 2，赞成票不足（至少 3）
	CZ02|$C-CZ-0001/V4|审议（党员大会）2025-03-15：应到 20 人，实到 12 人，不足法定人数（至少 14 人）
	EOF
  sort actual >sorted && test_cmp expect sorted
'

test_expect_success 'CZ01: a lease signed in 2025 without a disposal filing' '
  # HT-0001 出租 of G-ZC-0001 from 2025-03-01, signed 2025-02-01, paid
  bank $G >/dev/null &&
  asset $G 门市 其他 10000 2015-01-01 在用 >/dev/null &&
  contract village=$G object=$G-ZC-0001 start_date=2025-03-01 end_date=2025-12-31 \
    annual_amount=1000 first_due=2025-03-01 signed_on=2025-02-01 >/dev/null &&
  receipt $G 记-001 2025-03-01 1000 $G-HT-0001 &&
  zfnd --village $G >actual &&
  echo "CZ01|$G-HT-0001|标的 $G-ZC-0001 自 2025-03-01 起出租，未经处置申报（四议两公开）：没有已执行的处置申报对应本合同" >expect &&
  test_cmp expect actual
'

test_expect_success 'HT02: one instalment of 5,000.00 overdue since 2025-03-01, 305 days' '
  # 出租 2025-01-01..2025-12-31 (signed 2024-12-01: no filing needed in
  # 2025), 5,000.00 年付 due 2025-03-01, nothing received. 2025-03-01 to
  # 2025-12-31: 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31 = 306
  # days counting both ends, so 305 days overdue
  bank $H1 >/dev/null &&
  asset $H1 仓库 其他 10000 2010-01-01 在用 >/dev/null &&
  contract village=$H1 object=$H1-ZC-0001 start_date=2025-01-01 end_date=2025-12-31 \
    annual_amount=5000 payment=年付 first_due=2025-03-01 signed_on=2024-12-01 >/dev/null &&
  zfnd --village $H1 >actual &&
  echo "HT02|$H1-HT-0001|截至 2025-12-31 逾期 1 期，未收 5,000.00 元；最早一期应付日为 2025-03-01（逾期 305 天）" >expect &&
  test_cmp expect actual
'

test_expect_success 'ZJ01: cash 3,000.00 + 2,500.50 = 5,500.50, above 5,000.00' '
  sanzi account add village=$H3 name=现金 kind=库存现金 opening_balance=3000 \
    opening_date=2024-01-01 >/dev/null &&
  entry $H3 $H3-ZH-0001 记-001 2025-06-01 收入 2500.50 其他收入 &&
  zfnd --village $H3 >actual &&
  echo "ZJ01|$H3-ZH-0001|截至 2025-12-31 库存现金 5,500.50 元，超过限额 5,000.00 元" >expect &&
  test_cmp expect actual
'

test_expect_success 'ZC01, ZC02: zero value, a building and land without 权证号' '
  asset $H5 捐赠农具 其他 0 2025-06-01 在用 >/dev/null &&
  asset $H5 村部 房屋及建筑物 80000 2020-01-01 在用 >/dev/null &&
  land $H5 东坡地 15 未利用 >/dev/null &&
  zfnd --village $H5 >actual &&
  cat >expect <<-EOF &&
	ZC01|$H5-ZC-0001|资产“捐赠农具”（其他）登记原值为 0.00 元
	ZC02|$H5-ZC-0002|资产“村部”（房屋及建筑物）无权证号
	ZC02|$H5-ZY-0001|土地“东坡地”无权证号
	EOF
  test_cmp expect actual
'

test_expect_success 'ZC03: the same certificate on two records' '
  # WF-2020-0601 and wf-2020-0601: the same number but for the case
  asset $H6 库房 房屋及建筑物 80000 2020-01-01 在用 certificate=WF-2020-0601 >/dev/null &&
  asset $H6 门市 房屋及建筑物 80000 2020-01-01 在用 certificate=wf-2020-0601 >/dev/null &&
  zfnd --village $H6 >actual &&
  cat >expect <<-EOF &&
	ZC03|$H6-ZC-0001|权证号 WF-2020-0601 同时登记在 $H6-ZC-0002
	ZC03|$H6-ZC-0002|权证号 wf-2020-0601 同时登记在 $H6-ZC-0001
	EOF
  test_cmp expect actual
'

test_expect_success 'HT04: an asset 出租 and land 发包 with no contract' '
  asset $H7 门面房 其他 10000 2010-01-01 出租 >/dev/null &&
  land $H7 北梁地 20 发包 certificate=武集用2019第0701号 >/dev/null &&
  zfnd --village $H7 >actual &&
  cat >expect <<-EOF &&
	HT04|$H7-ZC-0001|资产“门面房”状态为“出租”，但截至 2025-12-31 没有已开始的合同，收益无从核对
	HT04|$H7-ZY-0001|土地“北梁地”状态为“发包”，但截至 2025-12-31 没有已开始的合同，收益无从核对
	EOF
  test_cmp expect actual
'

test_expect_success 'findings in Chinese: the table has no English word; in English they stay English' '
  sanzi --lang zh audit findings --year 2025 >table 2>/dev/null &&
  test -z "$(english_words table)" &&
  test "$(csv_pick 说明 <zfnd.csv | wc -l)" = 2 &&
  sanzi audit findings --year 2025 --village $B --format csv 2>/dev/null |
    csv_pick 说明 >en &&
  echo "executed on 2025-04-10; the result had not been made public (结果公开) by 2025-12-31" >expect &&
  test_cmp expect en
'

# ==== classify ====

test_expect_success 'classify in Chinese: the band, and no year before' '
  # H3: 经营收入 30,000.00 in 2025 < 50,000.00: 薄弱村; its books opened
  # 2024-01-01, nothing in 2024: 空白村 then, so 升档
  entry $H3 $H3-ZH-0001 记-002 2025-09-01 收入 30000 经营收入 &&
  sanzi --lang zh classify --year 2025 --village $H3 --format csv >cls &&
  csv_pick 村代码 本年经营性收入 本年类别 上年类别 变化 <cls >actual &&
  echo "$H3|30000.00|薄弱村|空白村|升档" >expect &&
  test_cmp expect actual &&
  sanzi --lang zh classify --year 2025 --village $H3 >cls.table &&
  test -z "$(english_words cls.table)"
'

test_expect_success 'the audit refuses in Chinese: a year not begun, before 1900' '
  zrefused classify --year 2027 &&
  echo "sanzi: 2027 年尚未开始（今天是 2026-11-28），还没有可审计的内容" >expect &&
  test_cmp expect err &&
  zrefused audit findings --year 1899 &&
  echo "sanzi: 1899 年：不保存 1900 年以前的日期" >expect &&
  test_cmp expect err
'

test_expect_success 'the audit refuses in Chinese: 薄弱村 above 一般村' '
  sanzi config classify.weak_below 200000 >/dev/null &&
  ALLOW="classify|weak|below|general" zrefused classify --year 2025 &&
  echo "sanzi: 参数设置有误：薄弱村标准 classify.weak_below（200,000.00 元）高于一般村标准 classify.general_below（100,000.00 元）" >expect &&
  test_cmp expect err &&
  sanzi config classify.weak_below 50000 >/dev/null
'

# ==== config ====

test_expect_success 'config in Chinese: the name, the unit and the note after the value' '
  sanzi --lang zh config cash_limit >actual &&
  printf "cash_limit\t5000.00\t库存现金限额（元）：每个村库存现金的上限\n" >expect &&
  test_cmp expect actual &&
  sanzi --lang zh config residual_rate >actual &&
  printf "residual_rate\t5%%\t净残值率（%%）：资产未登记净残值率时采用的默认值\n" >expect &&
  test_cmp expect actual &&
  sanzi --lang zh config vote.审议.quorum >actual &&
  printf "vote.审议.quorum\t2/3\t审议到会比例：审议（党员大会）实到党员不少于应到党员的此比例\n" >expect &&
  test_cmp expect actual &&
  sanzi --lang zh config | cut -f2- >all &&
  test "$(wc -l <all)" = "$(sql "SELECT count(*) FROM setting")" &&
  # the time zone value is a name of the tz database
  test -z "$(english_words all "Asia|Shanghai")"
'

test_expect_success 'config in English: as before' '
  sanzi config cash_limit >actual &&
  printf "cash_limit\t5000.00\t库存现金限额: cash on hand per village\n" >expect &&
  test_cmp expect actual
'

test_expect_success 'config refuses in Chinese, writing nothing' '
  before=$(db_state) &&
  ALLOW="such|key" zrefused config no_such_key 1 &&
  echo "sanzi: 没有参数“no_such_key”（用 sanzi config 查看全部参数）" >expect &&
  test_cmp expect err &&
  ALLOW="vote|quorum" zrefused config vote.审议.quorum 0.67 &&
  echo "sanzi: vote.审议.quorum：“0.67”不是 1/2、2/3 这样的分数" >expect &&
  test_cmp expect err &&
  ALLOW="subsidy|day|basis" zrefused config subsidy.day_basis 300 &&
  echo "sanzi: subsidy.day_basis：“300”：计息天数基准只能是 360 或 365" >expect &&
  test_cmp expect err &&
  ALLOW=term zrefused config term.出租 0 &&
  echo "sanzi: term.出租：“0”：至少为 1" >expect &&
  test_cmp expect err &&
  ALLOW="residual|rate" zrefused config residual_rate 0.5 &&
  echo "sanzi: residual_rate：“0.5”：小于 1%：比率按百分数填写（百分之五填 5 或 5%）" >expect &&
  test_cmp expect err &&
  ALLOW="residual|rate" zrefused config residual_rate 150 &&
  echo "sanzi: residual_rate：“150”：超过 100%" >expect &&
  test_cmp expect err &&
  ALLOW="cash|limit" zrefused config cash_limit -- -5 &&
  echo "sanzi: cash_limit：“-5”：不能为负数" >expect &&
  test_cmp expect err &&
  test "$(db_state)" = "$before"
'

# ==== the export: Chinese files in an English session ====

test_expect_success 'audit export under LANGUAGE=en: the findings in Chinese' '
  LANGUAGE=en sanzi audit export --year 2025 --out exp >/dev/null 2>&1 &&
  csv_pick 代码 记录 说明 <exp/14-审计发现.csv >all &&
  grep -x "CZ01|$B-CZ-0001|2025-04-10 已执行，截至 2025-12-31 未进行结果公开" all &&
  # H3 took in 30,000.00 more cash for the classification: 35,500.50
  grep -x "ZJ01|$H3-ZH-0001|截至 2025-12-31 库存现金 35,500.50 元，超过限额 5,000.00 元" all &&
  grep -x "HT02|$H1-HT-0001|截至 2025-12-31 逾期 1 期，未收 5,000.00 元；最早一期应付日为 2025-03-01（逾期 305 天）" all
'

test_expect_success '15-参数: key, Chinese name, value, unit and note' '
  csv_pick 参数 名称 值 单位 说明 <exp/15-参数.csv >params &&
  grep -x "cash_limit|库存现金限额|5000.00|元|每个村库存现金的上限" params &&
  grep -x "residual_rate|净残值率|5|%|资产未登记净残值率时采用的默认值" params &&
  grep -x "useful_life.运输设备|运输设备使用年限|48|月|该类资产未登记使用年限时采用的默认使用年限，按月计" params &&
  grep -x "disposal.public_area|须公开处置的面积|50|亩|土地面积达到此数须采用公开方式处置，不得协议" params &&
  grep -x "term.出租|出租最长期限|20|年|出租合同的最长期限（民法典第七百零五条）" params &&
  grep -x "disposal.result_days|结果公开天数|7|天|结果公开的最少天数" params &&
  grep -x "vote.审议.quorum|审议到会比例|2/3||审议（党员大会）实到党员不少于应到党员的此比例" params &&
  test "$(wc -l <params)" = "$(sql "SELECT count(*) FROM setting")"
'

test_expect_success 'manifest.txt in Chinese' '
  m=exp/manifest.txt &&
  v=$(sanzi --version | cut -d" " -f2) &&
  sanzi log verify >head 2>/dev/null &&
  e=$(sql "SELECT count(*) FROM history") &&
  sed -n "1p;2p;4,9p" $m >actual &&
  cat >expect <<-EOF &&
	sanzi 年度审计导出
	程序版本：sanzi $v
	年度：2025
	参考日期：2025-12-31
	范围：全部（有台账记录的县的每一个村）
	审计发现：13 项
	证件号：完整显示（审计专用导出；列表和台账导出中证件号部分隐去）
	变更日志：已验证，共 $e 条，链头 $(cat head)
	EOF
  test_cmp expect actual &&
  grep -Eqx "导出时间：[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z" $m &&
  at=$(sed -n "s/^导出时间：//p" $m) &&
  sed -n "10p" $m >actual &&
  echo "链头锚点：sanzi anchor $at $e $(cat head)" >expect &&
  test_cmp expect actual &&
  sed -n "12p" $m >actual &&
  printf "文件\t行数\tSHA-256\n" >expect &&
  test_cmp expect actual &&
  grep -q "^14-审计发现.csv${TAB}13${TAB}" $m
'

test_expect_success 'manifest.txt of a village: 村, its code and name' '
  LANGUAGE=en sanzi audit export --year 2025 --village $H3 --out v >/dev/null 2>&1 &&
  grep -x "范围：村 $H3 旧营子村民委员会" v/manifest.txt &&
  grep -x "审计发现：1 项" v/manifest.txt
'

test_expect_success 'no English word in any exported file, nor in the workbook' '
  # the 参数 column holds the parameters keys (scripts read them): left
  # out, and the time zone value is a name of the tz database; the
  # manifest without its SHA-256 sums
  for f in exp/*.csv; do
    case $f in
    */15-参数.csv) csv_pick 名称 值 单位 说明 <"$f" | sed "s|Asia/Shanghai||" >scan ;;
    *) cp "$f" scan ;;
    esac
    test -z "$(english_words scan)" ||
      { echo "$f: $(english_words scan)"; return 1; }
  done &&
  sed -E "s/[0-9a-f]{64}//g" exp/manifest.txt >scan &&
  test -z "$(english_words scan)" &&
  $PY "$XLSX2CSV" exp/年度审计-2025.xlsx book &&
  test "$(ls book | wc -l)" = 17 &&
  for f in book/*.csv; do
    case $f in
    */15-参数.csv) csv_pick 名称 值 单位 说明 <"$f" | sed "s|Asia/Shanghai||" >scan ;;
    *) cp "$f" scan ;;
    esac
    test -z "$(english_words scan)" ||
      { echo "$f: $(english_words scan)"; return 1; }
  done &&
  cmp book/14-审计发现.csv exp/14-审计发现.csv
'

test_expect_success 'the scan catches an English 说明' '
  sanzi audit findings --year 2025 --format csv >en.csv 2>/dev/null &&
  test -n "$(english_words en.csv)"
'

test_expect_success 'the export refuses in the session language: Chinese' '
  # a directory where manifest.txt goes
  mkdir -p in-way/manifest.txt/x &&
  zrefused audit export --year 2025 --out in-way &&
  echo "sanzi: in-way/manifest.txt：这是一个目录，导出没有替换它" >expect &&
  test_cmp expect err
'

test_expect_success 'the export refuses in the session language: English' '
  test_must_fail 1 sanzi audit export --year 2025 --out in-way 2>err &&
  echo "sanzi: in-way/manifest.txt: is a directory; the export did not replace it" >expect &&
  test_cmp expect err
'

test_done
