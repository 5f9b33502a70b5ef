#!/bin/sh
# The disposal procedure, contracts and loans in Chinese (issue 11): a
# filing through 四议两公开 with failed votes, refusals out of order, a
# publicity too short, the filer reviewing, the appraisal and the price,
# then a passed procedure to its result's publicity, a withdrawal; a
# contract's schedule and the overdue list; the contract and loan checks.
# Every number is worked out by hand from doc/domain.md in the comment
# above it, every sentence from the catalog's rules: full-width
# punctuation, 人/户, 三分之二 and 半数, money in 元.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"

export SANZI_USER=王会计   # the filer; the township's reviewer is 李审核
zh() { sanzi --lang zh "$@"; }
zvote() { vote "$@" --lang zh; }
# says LINE: the refusal's message (stderr) is exactly LINE.
says() { test "$(cat err)" = "$1" || { echo "got: $(cat err)"; return 1; }; }
# field_says FIELD MESSAGE: a register's refusal of FIELD with MESSAGE
# (the separator after the field's name is the core's).
field_says() {
  grep -F -x -e "sanzi: $1: $2" -e "sanzi: $1：$2" err ||
    { echo "got: $(cat err)"; return 1; }
}
# Everything the Chinese commands said, for the scan of English words.
keep() { cat err >>said.txt; }
no_english() { test -z "$(english_words "$1")" || { english_words "$1"; return 1; }; }

C=$V1-CZ-0001

test_expect_success 'setup: the county, two buildings, a shop, land, an account' '
  setup_county && {
  zh asset add village=$V1 name=旧仓库 category=房屋及建筑物 nature=经营性 \
    original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=闲置 &&
  zh asset add village=$V1 name=冷库 category=房屋及建筑物 nature=经营性 \
    original_value=300000 acquired_via=自建 acquired_on=2024-12-10 status=在用 &&
  zh asset add village=$V1 name=门面房 category=房屋及建筑物 nature=经营性 \
    original_value=80000 acquired_via=自建 acquired_on=2015-05-01 status=在用 &&
  zh resource add village=$V1 name=村北旱地 land_class=0103 area=60 status=未利用 &&
  zh account add village=$V1 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2025-01-01
  } >/dev/null && : >said.txt
'

# ==== 申报 ====

# 冷库 at 2025-03-10: 300,000.00 x 95% / 240 = 1,187.50 a month, January and
# February 2025: 2,375.00; net 297,625.00, at least the 200,000.00 from
# which 协议 is refused.
test_expect_success 'new: 协议 refused for a book value of at least 200,000.00 元' '
  before=$(db_state) &&
  refused zh disposal new village=$V1 type=出售 objects=$V1-ZC-0002 reason=闲置 \
    method=协议 date=2025-03-10 && keep &&
  says "sanzi: 处置方式：账面价值 297,625.00 元，不低于 200,000.00 元，不得协议处置；应采用公开竞价、招标或拍卖" &&
  refused zh disposal new village=$V1 type=出售 objects=$V1-ZC-0099 reason=闲置 \
    method=公开竞价 date=2025-03-10 && keep &&
  says "sanzi: 标的：没有编号为“$V1-ZC-0099”的资产或资源" &&
  refused zh disposal new village=$V1 type=出售 objects=$V1-ZY-0001 reason=闲置 \
    method=公开竞价 date=2025-03-10 && keep &&
  says "sanzi: 标的：$V1-ZY-0001 是资源；集体土地只能出租、发包、入股或抵押，不能出售" &&
  refused zh disposal new village=$V1 type=出售 \
    objects="$V1-ZC-0002，$V1-ZC-0002" reason=闲置 method=公开竞价 \
    date=2025-03-10 && keep &&
  says "sanzi: 标的：$V1-ZC-0002 重复填写" &&
  unchanged
'

# 旧仓库 at 2025-03-10: 120,000.00 x 95% / 240 = 475.00 a month, July 2020
# to February 2025 = 56 months = 26,600.00; net 93,400.00.
test_expect_success 'new: the sale of 旧仓库 is filed; a second filing of it is refused' '
  zh disposal new village=$V1 type=出售 objects=$V1-ZC-0001 reason=闲置多年 \
    method=公开竞价 date=2025-03-10 >out &&
  echo $C >expect && test_cmp expect out &&
  test "$(sql "SELECT book_value FROM disposal WHERE code = '\''$C'\''")" = 9340000 &&
  before=$(db_state) &&
  refused zh disposal new village=$V1 type=出售 objects=$V1-ZC-0001 reason=再报 \
    method=公开竞价 date=2025-03-11 && keep &&
  says "sanzi: 标的：$V1-ZC-0001 已在处置申报 $C 中（申报中）" &&
  unchanged
'

# ==== the four meetings ====

test_expect_success 'vote: a step out of order is refused and recorded nowhere' '
  before=$(db_state) &&
  refused zh disposal vote $C --step 商议 --date 2025-03-11 --due 9 --present 7 \
    --for 6 --against 1 && keep &&
  says "sanzi: 商议：须先有通过的提议" &&
  refused zh disposal vote $C --step 决议 --date 2025-03-11 --due 40 --present 30 \
    --for 20 --against 10 && keep &&
  says "sanzi: 决议：须用 --body 指明村民会议或村民代表会议" &&
  refused zh disposal vote $C --step 表决 --date 2025-03-11 --due 9 --present 7 \
    --for 6 --against 1 && keep &&
  says "sanzi: --step：“表决”不是提议、商议、审议、决议之一" &&
  unchanged
'

# 提议: more than half of the 7 due present: 7 x 1/2 = 3.5, so at least 4;
# 3 came.
test_expect_success 'vote: 提议 below quorum is recorded as not passed, in Chinese' '
  snap &&
  refused zvote $C 提议 2025-03-11 7 3 3 0 && keep &&
  says "sanzi: 提议：应到 7 人，实到 3 人，未过半数（至少 4 人）；记为未通过，须重新提议并通过后才能继续" &&
  one_more_vote
'

# 提议 again: 5 of 7 (at least 4), 5 in favour (more than 2.5: at least 3).
# 商议: 7 of 9 (at least 5), 6 in favour (more than 3.5: at least 4).
test_expect_success 'vote: 提议 and 商议 pass' '
  vote $C 提议 2025-03-11 7 5 5 0 --lang zh >/dev/null &&
  vote $C 商议 2025-03-12 9 7 6 1 --lang zh >/dev/null &&
  test "$(last_vote)" = "商议|两委联席会议|2025-03-12|9|7|6|1|0|5|4|1"
'

# 审议: at least 2/3 of the 20 party members present: 40 / 3 = 13.33, so at
# least 14; 12 came. Then 15 came, 10 in favour: more than half of the 20
# due, at least 11.
test_expect_success 'vote: 审议 below quorum, then short of a majority of those due' '
  snap &&
  refused zvote $C 审议 2025-03-15 20 12 12 0 && keep &&
  says "sanzi: 审议：应到 20 人，实到 12 人，不足三分之二（至少 14 人）；记为未通过，须重新审议并通过后才能继续" &&
  one_more_vote &&
  snap &&
  refused zvote $C 审议 2025-03-15 20 15 10 3 && keep &&
  says "sanzi: 审议：赞成 10 人，未过应到 20 人的半数（至少 11 人）；记为未通过，须重新审议并通过后才能继续" &&
  one_more_vote &&
  vote $C 审议 2025-03-15 20 15 12 3 --lang zh >/dev/null
'

# 决议 by the 村民代表会议: at least 2/3 of the 40 representatives present:
# 80 / 3 = 26.67, at least 27; 25 came (the issue's example). Then 30 came,
# 15 in favour: more than half of the 30 present, at least 16.
# By the 村民会议 counted in households: 2/3 of 60 households = 40; 39 came.
# By the 村民会议 of adult villagers: more than half of 300, at least 151.
test_expect_success 'vote: 决议 short of its quorum or its majority, in 人 and in 户' '
  snap &&
  refused zvote $C 决议 2025-03-20 40 25 25 0 --body 村民代表会议 && keep &&
  says "sanzi: 决议：应到 40 人，实到 25 人，不足三分之二（至少 27 人）；记为未通过，须重新决议并通过后才能继续" &&
  one_more_vote &&
  refused zvote $C 决议 2025-03-20 40 30 15 15 --body 村民代表会议 && keep &&
  says "sanzi: 决议：赞成 15 人，未过实到 30 人的半数（至少 16 人）；记为未通过，须重新决议并通过后才能继续" &&
  refused zvote $C 决议 2025-03-20 60 39 39 0 --body 村民会议 --households &&
  keep &&
  says "sanzi: 决议：应到 60 户，实到 39 户，不足三分之二（至少 40 户）；记为未通过，须重新决议并通过后才能继续" &&
  refused zvote $C 决议 2025-03-20 300 150 150 0 --body 村民会议 && keep &&
  says "sanzi: 决议：应到 300 人，实到 150 人，未过半数（至少 151 人）；记为未通过，须重新决议并通过后才能继续"
'

test_expect_success 'vote: impossible numbers and a meeting of the wrong body are refused' '
  before=$(db_state) &&
  refused zvote $C 决议 2025-03-20 40 30 20 20 --body 村民代表会议 && keep &&
  says "sanzi: 决议：赞成 20、反对 20、弃权 0，合计超过实到 30" &&
  refused zvote $C 审议 2025-03-20 20 15 12 3 --body 村民会议 && keep &&
  says "sanzi: 审议：应由党员大会进行，不是村民会议" &&
  refused zvote $C 审议 2025-03-16 20 15 12 3 && keep &&
  says "sanzi: 审议：已于 2025-03-15 通过" &&
  refused zvote $C 决议 2025-03-14 40 30 20 10 --body 村民代表会议 && keep &&
  says "sanzi: 决议：日期 2025-03-14 早于审议（2025-03-15）" &&
  unchanged
'

# 决议 passes: 30 of 40 (at least 27), 20 in favour (at least 16).
test_expect_success 'vote: 决议 passes; the meetings of show say 通过 and 未通过' '
  vote $C 决议 2025-03-20 40 30 20 10 --body 村民代表会议 --lang zh >/dev/null &&
  meetings $C | cut -d"|" -f1,5,6,11 >actual &&
  printf "%s\n" "提议|3|3|未通过" "提议|5|5|通过" "商议|7|6|通过" \
    "审议|12|12|未通过" "审议|15|10|未通过" "审议|15|12|通过" \
    "决议|25|25|未通过" "决议|30|15|未通过" "决议|39|39|未通过" \
    "决议|150|150|未通过" "决议|30|20|通过" >expect &&
  test_cmp expect actual
'

# ==== 决议公开, 资产评估, 乡镇审核 ====

# 2025-03-21 to 2025-03-25, both days counted: 5 days, at least 7.
test_expect_success 'publicize: 5 days of 决议公开 are refused, 7 accepted' '
  before=$(db_state) &&
  refused zh disposal publicize $C --kind 决议 --from 2025-03-21 --to 2025-03-25 &&
  keep &&
  says "sanzi: 决议公开：公示 5 天（2025-03-21 至 2025-03-25，首尾两天都计入），少于规定的 7 天" &&
  refused zh disposal publicize $C --kind 决议 --from 2025-03-19 --to 2025-03-27 &&
  keep &&
  says "sanzi: 决议公开：起日 2025-03-19 早于决议日期 2025-03-20" &&
  refused zh disposal publicize $C --kind 公告 --from 2025-03-21 --to 2025-03-27 &&
  keep &&
  says "sanzi: --kind：“公告”不是“决议”或“结果”" &&
  unchanged &&
  zh disposal publicize $C --kind 决议 --from 2025-03-21 --to 2025-03-27 >/dev/null
'

# show's status part: its next step. A sale with a book value of 93,400.00,
# at least 50,000.00, needs its appraisal before the review.
test_expect_success 'show: the next step is the appraisal' '
  zh disposal show $C --format csv --part status >st.csv &&
  cat st.csv >>said.txt &&
  csv_pick 状态 下一步 <st.csv >actual &&
  echo "申报中|资产评估（sanzi disposal appraise $C ...）" >expect &&
  test_cmp expect actual
'

test_expect_success 'review: the filer may not review; nor before the appraisal' '
  before=$(db_state) &&
  refused zh disposal review $C --decision 同意 --date 2025-03-28 && keep &&
  says "sanzi: 乡镇审核：王会计 是 $C 的申报人，不能审核本人的申报；请由其他人审核（--user）" &&
  refused zh --user $REVIEWER disposal review $C --decision 同意 --date 2025-03-28 &&
  keep &&
  says "sanzi: 乡镇审核：须先进行资产评估：出售，账面价值 93,400.00 元（不低于 50,000.00 元）" &&
  refused zh --user $REVIEWER disposal review $C --decision 退回 --date 2025-03-28 &&
  keep &&
  says "sanzi: 乡镇审核：退回须说明理由（--opinion）" &&
  refused zh --user $REVIEWER disposal review $C --decision 可以 --date 2025-03-28 &&
  keep &&
  says "sanzi: 乡镇审核：审核意见应为同意、不同意或退回，不能是“可以”" &&
  unchanged
'

test_expect_success 'appraise, then the review agrees; the next step is the execution' '
  before=$(db_state) &&
  refused zh disposal appraise $C --value 100000 --appraiser 武川县资产评估所 \
    --report "" --date 2025-03-26 && keep &&
  says "sanzi: 资产评估：须填写评估机构和评估报告号" &&
  unchanged &&
  zh disposal appraise $C --value 100000 --appraiser 武川县资产评估所 \
    --report 武评〔2025〕12号 --date 2025-03-26 >/dev/null &&
  zh --user $REVIEWER disposal review $C --decision 同意 --date 2025-03-28 >/dev/null &&
  zh disposal show $C --format csv --part status | csv_pick 状态 下一步 >actual &&
  echo "审核同意|执行（sanzi disposal execute $C ...）" >expect &&
  test_cmp expect actual
'

# ==== 执行, 结果公开 ====

# 95,000.00 below the appraised 100,000.00.
test_expect_success 'execute: below the appraisal, without the voucher, with a voucher not in the books' '
  before=$(db_state) &&
  refused zh disposal execute $C --date 2025-04-10 --party 赵六 --price 95000 &&
  keep &&
  says "sanzi: 执行：成交价格 95,000.00 元低于评估价值 100,000.00 元；请提供同意低价成交的决议（--lower-price-resolution）" &&
  refused zh disposal execute $C --date 2025-04-10 --party 赵六 --price 100000 &&
  keep &&
  says "sanzi: 执行：出售须有收款凭证号（--voucher）" &&
  refused zh disposal execute $C --date 2025-04-10 --party 赵六 --price 100000 \
    --voucher 记-015 && keep &&
  says "sanzi: 执行：没有凭证号为 记-015 的资金记录（2025 年，村 $V1）：请先登记收款" &&
  refused zh disposal execute $C --date 2025-03-27 --party 赵六 --price 100000 \
    --voucher 记-015 && keep &&
  says "sanzi: 执行：执行日期 2025-03-27 早于乡镇审核日期 2025-03-28" &&
  unchanged
'

test_expect_success 'execute with the proceeds in the books; then 结果公开; nothing left to do' '
  zh fund add village=$V1 account=$V1-ZH-0001 voucher=记-015 date=2025-04-10 \
    direction=收入 amount=100000 category=其他收入 summary=旧仓库价款 >/dev/null &&
  zh disposal execute $C --date 2025-04-10 --party 赵六 --price 100000 \
    --voucher 记-015 >/dev/null &&
  test "$(obj_status $V1-ZC-0001)" = 已处置 &&
  zh disposal show $C --format csv --part status | csv_pick 状态 下一步 >actual &&
  echo "已执行|结果公开（sanzi disposal publicize $C --kind 结果 --from D --to D）" >expect &&
  test_cmp expect actual &&
  before=$(db_state) &&
  refused zh disposal vote $C --step 提议 --date 2025-04-11 --due 7 --present 5 \
    --for 5 --against 0 && keep &&
  says "sanzi: 提议：处置申报 $C 状态为“已执行”，审核前的程序已结束" &&
  refused zh disposal withdraw $C --reason 不卖了 --date 2025-04-11 && keep &&
  says "sanzi: 撤回：处置申报 $C 状态为“已执行”；只有尚未执行、也未被审核不同意的申报才能撤回" &&
  unchanged &&
  zh disposal publicize $C --kind 结果 --from 2025-04-11 --to 2025-04-17 >/dev/null &&
  zh disposal show $C --format csv --part status | csv_pick 状态 下一步 >actual &&
  echo "已公开|" >expect &&
  test_cmp expect actual
'

test_expect_success 'show: every part of the record reads in Chinese' '
  for p in heading filing objects meetings steps status; do
    zh disposal show $C --format csv --part $p >>show.csv || return 1
  done &&
  grep -q "评估价值,评估机构,评估报告号,评估日期,审核日期,审核意见,审核人" show.csv &&
  grep -q ",武川县资产评估所,武评〔2025〕12号,2025-03-26,2025-03-28,同意,李审核," show.csv &&
  no_english show.csv
'

# ==== 发包 to a party from outside the collective, then withdrawn ====

# 发包 to an outsider: 2/3 of all 30 representatives due in favour, at least
# 20; 18 were (22 present: more than the 20 needed, 18 more than half of
# them).
test_expect_success 'vote: 发包 to an outsider needs 2/3 of those due in favour' '
  zh disposal new village=$V1 type=发包 objects=$V1-ZY-0001 reason=引进企业种植 \
    method=公开竞价 outsider=是 date=2025-03-10 >out &&
  echo $V1-CZ-0002 >expect && test_cmp expect out &&
  first_three $V1-CZ-0002 &&
  snap &&
  refused zvote $V1-CZ-0002 决议 2025-03-20 30 22 18 4 --body 村民代表会议 &&
  keep &&
  says "sanzi: 决议：发包给本集体以外须经应到 30 人的三分之二以上同意（至少 20 人），赞成 18 人；记为未通过，须重新决议并通过后才能继续" &&
  one_more_vote
'

test_expect_success 'withdraw: the filing is withdrawn; nothing more to do; not twice' '
  before=$(db_state) &&
  refused zh disposal withdraw $V1-CZ-0002 --reason "" --date 2025-03-25 && keep &&
  says "sanzi: 撤回：须填写撤回原因（--reason）" &&
  refused zh disposal withdraw $V1-CZ-0002 --reason 改为本集体内发包 \
    --date 2025-03-01 && keep &&
  says "sanzi: 撤回：撤回日期 2025-03-01 早于申报日期 2025-03-10" &&
  unchanged &&
  zh disposal withdraw $V1-CZ-0002 --reason 改为本集体内发包 --date 2025-03-25 \
    >/dev/null &&
  zh disposal show $V1-CZ-0002 --format csv --part status | csv_pick 状态 下一步 >actual &&
  echo "已撤回|无：已撤回" >expect &&
  test_cmp expect actual &&
  before=$(db_state) &&
  refused zh disposal withdraw $V1-CZ-0002 --reason 再撤 --date 2025-03-26 && keep &&
  says "sanzi: 撤回：处置申报 $V1-CZ-0002 状态为“已撤回”；只有尚未执行、也未被审核不同意的申报才能撤回" &&
  refused zh disposal show $V1-CZ-0099 && keep &&
  says "sanzi: 没有编号为“$V1-CZ-0099”的处置申报" &&
  unchanged
'

# ==== contracts ====

H=$V1-HT-0001

# contract KEY=VALUE...: a 出租 of 门面房 to 王二, 2025-01-01 to 2026-12-31,
# 12,000.00 a year paid quarterly from 2025-01-10.
contract() {
  add_to contract "--without-filing village=$V1 kind=出租 object=$V1-ZC-0003 party=王二
    party_id=$ID2 party_is_member=是 start_date=2025-01-01 end_date=2026-12-31
    annual_amount=12000 payment=季付 first_due=2025-01-10" --lang zh "$@"
}

# 出租 at most 20 years: from 2025-01-01 the last day allowed is
# 2044-12-31. 发包 of 耕地 (旱地 0103) at most 30: 2054-12-31.
test_expect_success 'contract: the term limits, the dates, the object, in Chinese' '
  before=$(db_state) &&
  refused contract end_date=2045-01-01 && keep &&
  field_says 终止日期 "2025-01-01 至 2045-01-01 超过出租最长 20 年的期限（最迟应于 2044-12-31 终止）" &&
  refused contract kind=发包 object=$V1-ZY-0001 end_date=2055-01-01 && keep &&
  field_says 终止日期 "2025-01-01 至 2055-01-01 超过耕地发包最长 30 年的期限（最迟应于 2054-12-31 终止）" &&
  refused contract end_date=2024-12-31 && keep &&
  field_says 终止日期 "2024-12-31 不晚于起始日期 2025-01-01" &&
  refused contract first_due=2027-01-10 && keep &&
  field_says 首次应付日期 "2027-01-10 晚于终止日期 2026-12-31" &&
  refused contract object=$V1-ZC-0001 && keep &&
  field_says 标的编号 "“$V1-ZC-0001”已处置" &&
  refused contract object=$V1-ZC-0099 && keep &&
  field_says 标的编号 "没有编号为“$V1-ZC-0099”的资产或资源" &&
  unchanged
'

test_expect_success 'contract: one contract at a time on an object' '
  contract >out && echo $H >expect && test_cmp expect out &&
  before=$(db_state) &&
  refused contract start_date=2025-06-01 end_date=2025-12-31 first_due=2025-06-01 &&
  keep &&
  field_says 起始日期 "2025-06-01 至 2025-12-31 与合同 $H（2025-01-01 至 2026-12-31）重叠，标的同为 $V1-ZC-0003" &&
  unchanged
'

# The quarters of 12,000.00 a year: 3,000.00 each, due 2025-01-10, 04-10,
# 07-10, 10-10, then 2026. Received 3,000.00 on 2025-01-08 and 2,000.00 on
# 2025-04-15: the first quarter paid, the second 1,000.00 short. As of
# 2025-08-01 the second is 113 days overdue (04-10 to 08-01: 20 + 31 + 30 +
# 31 + 1) and the third, due 07-10, 22 days (21 + 1).
test_expect_success 'contract schedule: the quarters, what is paid and overdue' '
  for r in "记-001 2025-01-08 3000" "记-020 2025-04-15 2000"; do
    set -- $r &&
    zh fund add village=$V1 account=$V1-ZH-0001 voucher=$1 date=$2 \
      direction=收入 amount=$3 category=经营收入 summary=收取租金 \
      contract=$H >/dev/null || return 1
  done &&
  zh contract schedule $H --as-of 2025-08-01 --format csv --part instalments >sc.csv &&
  csv_pick 期次 期间 应收日期 应收金额 已收 未收 逾期天数 <sc.csv >actual &&
  cat >expect <<-EOF &&
	1|2025-01-01..2025-03-31|2025-01-10|3000.00|3000.00|0.00|
	2|2025-04-01..2025-06-30|2025-04-10|3000.00|2000.00|1000.00|113
	3|2025-07-01..2025-09-30|2025-07-10|3000.00|0.00|3000.00|22
	4|2025-10-01..2025-12-31|2025-10-10|3000.00|0.00|3000.00|
	5|2026-01-01..2026-03-31|2026-01-10|3000.00|0.00|3000.00|
	6|2026-04-01..2026-06-30|2026-04-10|3000.00|0.00|3000.00|
	7|2026-07-01..2026-09-30|2026-07-10|3000.00|0.00|3000.00|
	8|2026-10-01..2026-12-31|2026-10-10|3000.00|0.00|3000.00|
	合计|||24000.00|5000.00|19000.00|
	EOF
  test_cmp expect actual &&
  zh contract schedule $H --as-of 2025-08-01 --format csv --part received |
    csv_pick 截至 已收款 逾期未收 超收 >actual &&
  echo "2025-08-01|5000.00|4000.00|" >expect &&
  test_cmp expect actual &&
  no_english sc.csv &&
  refused zh contract schedule $V1-HT-0099 && keep &&
  says "sanzi: 没有编号为“$V1-HT-0099”的合同"
'

test_expect_success 'contract overdue: the two instalments and their total' '
  zh contract overdue --as-of 2025-08-01 --village $V1 --format csv >od.csv &&
  csv_pick 合同编号 村代码 对方名称 标的编号 应收日期 应收金额 已收 未收 逾期天数 \
    <od.csv >actual &&
  cat >expect <<-EOF &&
	$H|$V1|王二|$V1-ZC-0003|2025-04-10|3000.00|2000.00|1000.00|113
	$H|$V1|王二|$V1-ZC-0003|2025-07-10|3000.00|0.00|3000.00|22
	合计|2||||6000.00|2000.00|4000.00|
	EOF
  test_cmp expect actual &&
  no_english od.csv
'

# ==== loans ====

L=$V1-DK-0001

# loan KEY=VALUE...: 500,000.00 at 4.35% from 2024-03-01 to 2027-03-01.
loan() {
  add_to loan "village=$V1 lender=中国农业银行武川县支行 contract_no=NH-001
    project=肉牛养殖场 principal=500000 rate=4.35 start_date=2024-03-01
    maturity=2027-03-01" --lang zh "$@"
}
# pay LOAN FROM TO PAID PAID_ON VOUCHER
pay() {
  zh loan interest "$1" --from "$2" --to "$3" --paid "$4" --paid-on "$5" \
    --voucher "$6"
}

test_expect_success 'loan: the maturity after the start' '
  before=$(db_state) &&
  refused loan maturity=2024-03-01 && keep &&
  field_says 到期日期 "2024-03-01 不晚于放款日期 2024-03-01" &&
  unchanged &&
  loan >out && echo $L >expect && test_cmp expect out
'

test_expect_success 'loan interest: every rule of a payment, in Chinese' '
  before=$(db_state) &&
  refused pay $L 2024-06-01 2024-06-01 100 2024-06-05 记-101 && keep &&
  field_says 计息止日 "2024-06-01 不晚于计息起日 2024-06-01：天数从起日算到止日，算头不算尾" &&
  refused pay $L 2024-02-01 2024-06-01 100 2024-06-05 记-101 && keep &&
  field_says 计息起日 "2024-02-01 早于放款日期（2024-03-01）" &&
  refused pay $L 2027-01-01 2027-06-01 100 2027-06-05 记-101 && keep &&
  grep -F "2027-06-01 晚于贷款到期日期（2027-03-01）" err &&
  refused pay $L 2024-03-01 2024-06-01 100 2024-02-20 记-101 && keep &&
  field_says 付息日期 "2024-02-20 早于所付利息的计息起日（2024-03-01）" &&
  refused zh loan interest $V1-DK-0099 --from 2024-03-01 --to 2024-06-01 --paid 100 \
    --paid-on 2024-06-05 --voucher 记-101 && keep &&
  field_says 贷款编号 "没有编号为“$V1-DK-0099”的贷款" &&
  unchanged &&
  pay $L 2024-03-01 2024-06-01 5000 2024-06-05 记-101 >out &&
  echo $V1-LX-0001 >expect && test_cmp expect out &&
  before=$(db_state) &&
  refused pay $L 2024-05-01 2024-09-01 100 2024-09-05 记-102 && keep &&
  field_says 计息起日 "2024-05-01 至 2024-09-01 与同一贷款的付息 $V1-LX-0001（2024-03-01 至 2024-06-01）重叠" &&
  unchanged
'

test_expect_success 'loan: a withdrawn payment and a withdrawn loan, in Chinese' '
  zh loan withdraw $V1-LX-0001 --reason 凭证错误 >/dev/null &&
  zh loan show $L --format csv --part payments >pay.csv &&
  csv_pick 付息编号 贴息申请 <pay.csv >actual &&
  echo "$V1-LX-0001|已撤回：凭证错误" >expect &&
  test_cmp expect actual &&
  no_english pay.csv &&
  before=$(db_state) &&
  refused zh loan edit $L withdrawn=不再申请 && keep &&
  field_says 撤回原因 "贷款用 sanzi loan withdraw 编号 --reason 原因 撤回" &&
  unchanged &&
  zh loan withdraw $L --reason 重复登记 >/dev/null &&
  before=$(db_state) &&
  refused pay $L 2024-06-01 2024-09-01 100 2024-09-05 记-102 && keep &&
  field_says 贷款编号 "贷款 $L 已撤回（重复登记）：不能再登记付息" &&
  refused zh loan edit $L withdrawn=改个说法 && keep &&
  field_says 撤回原因 "该贷款已撤回（“重复登记”）；撤回不能取消，也不能改写" &&
  unchanged
'

test_expect_success 'no English word in anything the refusals said' '
  test -s said.txt &&
  no_english said.txt
'

test_done
