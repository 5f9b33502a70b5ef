#!/bin/sh
# sanzi audit findings / audit export, more: HT04 (let with no contract at
# all), CZ06 for a lease measured by its contracts over their terms, the
# filings, meetings and inventory as they stood at the reference date,
# accounts opened during the year, long text, what an earlier export left
# in the directory, paths too long, a failure while moving the files into
# place, and CZ03 for subsidy applications made by the reference date.
# Every expected figure is worked out by hand in the comment above it;
# the reference date of 2025 is 2025-12-31, of 2026 today.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # vote, review (by $REVIEWER), ID1-ID3
. "$TOP/tests/cli/lib-audit.sh"       # asset, land, entry, filing, proc, fnd...

# 西乌兰不浪镇 150125102
P=150125102201    # 西乌兰不浪村: let, contracted out, shares without contracts (HT04)
Q=150125102202    # 圪妥村: leases by 协议 (CZ06 over the contracts' terms)
R=150125102203    # 什拉图村: filings straddling the reference date
AC=150125102204   # 什八台村: accounts opened before and during the year
L=150125102205    # 四大永村: long names
W=150125102206    # 巨宝庄村: subsidy applications (CZ03)
X=150125102207    # 红山子村: a lease filed and executed in 2026

# What depends on today (the running year's reference date, steps dated
# after today refused) is tested on a fixed day, whatever the machine's date.
fixed_day 2026-11-28
TOMORROW=2026-11-29
XLSX2CSV="$TOP/tests/cli/xlsx-to-csv.py"
FILES="00-汇总 01-资产清单 02-资产增减 03-资源清单 04-账户余额 05-收支分类
  06-合同 07-处置申报 08-处置表决 09-贷款 10-付息 11-贴息申请 12-贴息资金
  13-村级分类 14-审计发现 15-参数 16-结账"

# ---- helpers (lib-audit.sh has the records and the findings) ----

# export_csv YEAR DIR [OPTION...]: the audit of YEAR as CSV files in DIR
export_csv() {
  y=$1 d=$2
  shift 2
  sanzi audit export --year $y --out "$d" --format csv "$@" >out 2>err
}
# pick FILE COL...: the columns of an exported CSV, joined by '|'.
pick() {
  f=$1
  shift
  csv_pick "$@" <"$f"
}
# steps: a step cell of 07-处置申报 cut to its date and outcome
# ("2025-12-22 通过 ..." -> "2025-12-22 通过"); other cells left alone
steps() { sed 's/\([0-9]\{4\}-[0-9][0-9]-[0-9][0-9] \(未\)\{0,1\}通过\)[^|]*/\1/g'; }
# dir_state DIR: every name in DIR (hidden ones too) and every file's hash.
dir_state() {
  (cd "$1" && find . | LC_ALL=C sort &&
    find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}
# same_dir DIR STATE: DIR is as dir_state found it (the difference shown).
same_dir() {
  printf "%s\n" "$2" >was.st && dir_state "$1" >now.st && test_cmp was.st now.st
}
# no_hidden DIR: no temporary directory (or any hidden name) left in DIR.
no_hidden() { test -z "$(ls -A "$1" | grep '^\.')"; }
# listed DIR: the manifest lists exactly the files of DIR but manifest.txt
# and the names given after DIR (files not the export's), each with its
# SHA-256.
listed() {
  d=$1
  shift
  sed -n '/^文件\t行数\tSHA-256$/,$p' "$d/manifest.txt" | sed 1d >files.m &&
  cut -f1 files.m | LC_ALL=C sort >got.m &&
  (cd "$d" && ls -A) | grep -vx manifest.txt >all.m &&
  for x in "$@"; do grep -vxF "$x" all.m >all.t; mv all.t all.m; done &&
  LC_ALL=C sort all.m >want.m &&
  test_cmp want.m got.m &&
  while IFS="$(printf "\t")" read -r f n h; do
    test "$(sha256sum <"$d/$f" | cut -d" " -f1)" = "$h" ||
      { echo "sha256 of $f is not $h"; return 1; }
  done <files.m
}
# csv_names: the 16 CSV file names, sorted
csv_names() { for f in $FILES; do echo "$f.csv"; done | LC_ALL=C sort; }

test_expect_success 'setup: the county' '
  setup_county
'

# ==== HT04 出租发包无合同 ====

test_expect_success 'setup P: let, contracted out and shares, with and without contracts' '
  # all 其他 (no 权证号 needed), land with 权证号; every instalment paid:
  # ZC-0001 门市 出租, no contract at all                     -> HT04
  # ZC-0002 仓库 出租, HT-0001 only from 2026-01-01            -> HT04 in 2025
  # ZC-0003 厂房 入股, HT-0002 2023-01-01..2024-12-31 (ended)  -> HT03, not HT04
  # ZC-0004 农机 在用, no contract                            -> none
  # ZC-0005 新门市 出租, acquired 2026-01-10, no contract      -> none in 2025
  # ZC-0006 铺面 出租, HT-0003 from 2025-12-31 (the date)      -> none
  # ZY-0001 北梁地 发包, no contract                          -> HT04
  # ZY-0002 南梁地 未利用, no contract                        -> none
  # ZY-0003 西梁地 入股, HT-0004 2025-01-01..2027-12-31        -> none
  # contracts signed the year before they start (CZ01 falls in that year)
  bank $P >/dev/null &&
  asset $P 门市 其他 10000 2010-01-01 出租 >/dev/null &&
  asset $P 仓库 其他 10000 2010-01-01 出租 >/dev/null &&
  asset $P 厂房 其他 10000 2010-01-01 入股 >/dev/null &&
  asset $P 农机 其他 10000 2010-01-01 在用 >/dev/null &&
  asset $P 新门市 其他 10000 2026-01-10 出租 >/dev/null &&
  asset $P 铺面 其他 10000 2010-01-01 出租 >/dev/null &&
  land $P 北梁地 20 发包 certificate=武集用2020第2001号 >/dev/null &&
  land $P 南梁地 20 未利用 certificate=武集用2020第2002号 >/dev/null &&
  land $P 西梁地 20 入股 certificate=武集用2020第2003号 >/dev/null &&
  # HT-0001: 1,000.00 for 2026 at once; HT-0002 入股 2 years: 2,000.00;
  # HT-0003 2025-12-31..2026-12-30: one full year 1,000.00; HT-0004
  # 入股 3 years: 3,000.00
  contract village=$P object=$P-ZC-0002 start_date=2026-01-01 end_date=2026-12-31 \
    annual_amount=1000 first_due=2026-01-01 signed_on=2024-11-01 >/dev/null &&
  contract village=$P kind=入股 object=$P-ZC-0003 start_date=2023-01-01 \
    end_date=2024-12-31 annual_amount=1000 first_due=2023-01-01 signed_on=2022-12-01 >/dev/null &&
  contract village=$P object=$P-ZC-0006 start_date=2025-12-31 end_date=2026-12-30 \
    annual_amount=1000 first_due=2025-12-31 signed_on=2024-12-01 >/dev/null &&
  contract village=$P kind=入股 object=$P-ZY-0003 start_date=2025-01-01 \
    end_date=2027-12-31 annual_amount=1000 first_due=2025-01-01 signed_on=2024-12-01 >/dev/null &&
  receipt $P 记-001 2026-01-01 1000 $P-HT-0001 &&
  receipt $P 记-001 2023-01-01 2000 $P-HT-0002 &&
  receipt $P 记-001 2025-12-31 1000 $P-HT-0003 &&
  receipt $P 记-002 2025-01-01 3000 $P-HT-0004 &&
  test "$(sql "SELECT count(*) FROM contract WHERE village = '\''$P'\''")" = 4
'

test_expect_success 'HT04 at 2025-12-31: the objects let with no contract begun by then; the ended lease is HT03' '
  codes --year 2025 --village $P >actual &&
  printf "%s\n" "HT03|$P-HT-0002" "HT04|$P-ZC-0001" "HT04|$P-ZC-0002" \
    "HT04|$P-ZY-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'HT04: the message names the status and the reference date' '
  m=$(msg HT04 $P-ZC-0001 --year 2025 --village $P) &&
  echo "$m" | grep -q 出租 && echo "$m" | grep -q 2025-12-31 &&
  m=$(msg HT04 $P-ZY-0001 --year 2025 --village $P) &&
  echo "$m" | grep -q 发包 && echo "$m" | grep -q 2025-12-31 &&
  ! echo "$m" | grep -q 出租 &&
  fnd --year 2025 --village $P >all &&
  test "$(grep -c "^HT04|$P|" all)" = 3
'

test_expect_success 'HT04 as of today: the 2026 contract counts, the 2026 shop is looked at' '
  # ZC-0002: HT-0001 began 2026-01-01 <= today; ZC-0005 acquired 2026-01-10
  codes --year 2026 --village $P >actual &&
  printf "%s\n" "HT03|$P-HT-0002" "HT04|$P-ZC-0001" "HT04|$P-ZC-0005" \
    "HT04|$P-ZY-0001" >expect &&
  test_cmp expect actual &&
  msg HT04 $P-ZC-0005 --year 2026 --village $P | grep -q "$TODAY"
'

test_expect_success 'HT04 in the export too: 14-审计发现 of 2025' '
  export_csv 2025 h4 --village $P &&
  pick h4/14-审计发现.csv 代码 记录 | grep "^HT04|" >actual &&
  printf "%s\n" "HT04|$P-ZC-0001" "HT04|$P-ZC-0002" "HT04|$P-ZY-0001" >expect &&
  test_cmp expect actual &&
  pick h4/14-审计发现.csv 代码 问题 | grep -qx "HT04|出租发包无合同"
'

test_expect_success 'setup X: a shop 闲置 through 2025, let by a filing of 2026 from 2026-02-01' '
  asset $X 门市 其他 3000 2015-01-01 闲置 >/dev/null &&
  sanzi disposal new village=$X type=出租 objects=$X-ZC-0001 reason=测试 \
    method=公开竞价 price=1000 date=2026-01-10 >/dev/null &&
  vote $X-CZ-0001 提议 2026-01-11 7 5 5 0 >/dev/null &&
  vote $X-CZ-0001 商议 2026-01-12 9 7 6 1 >/dev/null &&
  vote $X-CZ-0001 审议 2026-01-13 20 15 12 3 >/dev/null &&
  vote $X-CZ-0001 决议 2026-01-14 30 22 18 4 --body 村民代表会议 >/dev/null &&
  sanzi disposal publicize $X-CZ-0001 --kind 决议 --from 2026-01-15 --to 2026-01-21 >/dev/null &&
  review $X-CZ-0001 --decision 同意 --date 2026-01-22 >/dev/null &&
  bank $X >/dev/null &&
  contract village=$X object=$X-ZC-0001 start_date=2026-02-01 end_date=2027-01-31 \
    annual_amount=1000 first_due=2026-02-01 signed_on=2026-01-25 >/dev/null &&
  receipt $X 记-001 2026-02-01 1000 $X-HT-0001 &&
  sanzi disposal execute $X-CZ-0001 --date 2026-01-26 --party 王二 --price 1000 \
    --contract $X-HT-0001 >/dev/null &&
  result $X-CZ-0001 2026-01-27 2026-02-02 &&
  test "$(obj_status $X-ZC-0001)" = 出租 &&
  none --year 2026 --village $X
'

test_expect_success 'HT04: a shop 闲置 at 2025-12-31 and let only in 2026 was not let without a contract in 2025' '
  # at the reference date it was 闲置 (the filing came in 2026), so the
  # 2025 audit has nothing to say about it, and lists it as 闲置
  { none --year 2025 --village $X || { cat fnd.out; false; }; } &&
  export_csv 2025 x25 --village $X &&
  pick x25/01-资产清单.csv 资产编号 使用状态 >actual &&
  echo "$X-ZC-0001|闲置" >expect &&
  test_cmp expect actual
'

# ==== CZ06 for a lease: the contracts over their terms ====

test_expect_success 'setup Q: two leases of land by 协议, executed with their contracts in 2025' '
  # CZ-0001: ZY-0001 (10 亩) to 王二 under HT-0001 2025-05-01..2030-04-30,
  #   12,000.00 a year 年付: 5 full years = 60,000.00; price 12,000.00
  # CZ-0002: ZY-0002 under HT-0002 2025-05-01..2027-10-31, 6,000.00 a
  #   year 年付: 6,000.00 + 6,000.00 + the short last period 2027-05-01 ..
  #   2027-10-31 = 31+30+31+31+30+31 = 184 days of the 366 from 2027-05-01
  #   to 2028-05-01 (29 February 2028): 600,000 fen x 184 / 366 =
  #   301,639.34 -> 301,639 fen = 3,016.39; 15,016.39 in all;
  #   ZY-0003 under HT-0003 2025-05-01..2026-04-30, 12,000.00 a year: one
  #   full year 12,000.00. Together 27,016.39; price 6,000.00 + 12,000.00 =
  #   18,000.00. Land has no book value (0.00), 20 亩 < 50 亩.
  # the 2025 instalments (due 2025-05-01) are paid
  bank $Q >/dev/null &&
  land $Q 村东地 10 未利用 certificate=武集用2020第3001号 >/dev/null &&
  land $Q 村西地 10 未利用 certificate=武集用2020第3002号 >/dev/null &&
  land $Q 村北地 10 未利用 certificate=武集用2020第3003号 >/dev/null &&
  filing $Q 出租 $Q-ZY-0001 协议 price=12000 >/dev/null &&
  filing $Q 出租 $Q-ZY-0002,$Q-ZY-0003 协议 price=18000 >/dev/null &&
  proc $Q-CZ-0001 2025 && proc $Q-CZ-0002 2025 &&
  contract village=$Q object=$Q-ZY-0001 start_date=2025-05-01 end_date=2030-04-30 \
    annual_amount=12000 payment=年付 first_due=2025-05-01 signed_on=2025-04-15 >/dev/null &&
  contract village=$Q object=$Q-ZY-0002 start_date=2025-05-01 end_date=2027-10-31 \
    annual_amount=6000 payment=年付 first_due=2025-05-01 signed_on=2025-04-15 >/dev/null &&
  contract village=$Q object=$Q-ZY-0003 start_date=2025-05-01 end_date=2026-04-30 \
    annual_amount=12000 payment=年付 first_due=2025-05-01 signed_on=2025-04-15 >/dev/null &&
  receipt $Q 记-001 2025-05-01 12000 $Q-HT-0001 &&
  receipt $Q 记-002 2025-05-01 6000 $Q-HT-0002 &&
  receipt $Q 记-003 2025-05-01 12000 $Q-HT-0003 &&
  sanzi disposal execute $Q-CZ-0001 --date 2025-04-20 --party 王二 --price 12000 \
    --contract $Q-HT-0001 >/dev/null &&
  sanzi disposal execute $Q-CZ-0002 --date 2025-04-20 --party 王二 --price 18000 \
    --contract $Q-HT-0002,$Q-HT-0003 >/dev/null &&
  result $Q-CZ-0001 2025-04-21 2025-04-27 &&
  result $Q-CZ-0002 2025-04-21 2025-04-27 &&
  test "$(sql "SELECT disposal FROM contract WHERE village = '\''$Q'\'' ORDER BY code" |
    tr "\n" " ")" = "$Q-CZ-0001 $Q-CZ-0002 $Q-CZ-0002 " &&
  none --year 2025 --village $Q
'

test_expect_success 'CZ06: disposal.public_value 50000: the 60,000.00 over the lease'\''s term called for a public method' '
  # CZ-0001: price and final price 12,000.00 < 50,000.00, the total over
  # five years 60,000.00 >= 50,000.00; CZ-0002: 27,016.39 < 50,000.00
  sanzi config disposal.public_value 50000 >/dev/null &&
  fnd --year 2025 --village $Q >actual &&
  test $(wc -l <actual) = 1 &&
  grep "^CZ06|$Q|$Q-CZ-0001|" actual | grep "the contracts'\'' total over their terms" |
    grep "60,000.00" | grep -q "50,000.00"
'

test_expect_success 'CZ06 at the edge of 60,000.00: at it one finding, at 60,000.01 none' '
  sanzi config disposal.public_value 60000 >/dev/null &&
  codes --year 2025 --village $Q >actual &&
  echo "CZ06|$Q-CZ-0001" >expect &&
  test_cmp expect actual &&
  sanzi config disposal.public_value 60000.01 >/dev/null &&
  none --year 2025 --village $Q
'

test_expect_success 'CZ06: two contracts, the short last period prorated by days: 27,016.39 reaches it, 27,016.40 not' '
  # CZ-0002 over its terms 15,016.39 + 12,000.00 = 27,016.39 (above);
  # CZ-0001 60,000.00 reaches both
  sanzi config disposal.public_value 27016.39 >/dev/null &&
  codes --year 2025 --village $Q >actual &&
  printf "%s\n" "CZ06|$Q-CZ-0001" "CZ06|$Q-CZ-0002" >expect &&
  test_cmp expect actual &&
  msg CZ06 $Q-CZ-0002 --year 2025 --village $Q >m &&
  grep "the contracts'\'' total over their terms" m | grep -q "27,016.39" &&
  sanzi config disposal.public_value 27016.40 >/dev/null &&
  codes --year 2025 --village $Q >actual &&
  echo "CZ06|$Q-CZ-0001" >expect &&
  test_cmp expect actual
'

test_expect_success 'CZ06 once per filing when the price, the final price and the total all reach it' '
  # at 12,000.00: CZ-0001 price 12,000.00, final price 12,000.00 and total
  # 60,000.00 all reach it (book value 0.00 does not); CZ-0002 price and
  # final price 18,000.00, total 27,016.39: one finding each, not three
  sanzi config disposal.public_value 12000 >/dev/null &&
  codes --year 2025 --village $Q >actual &&
  printf "%s\n" "CZ06|$Q-CZ-0001" "CZ06|$Q-CZ-0002" >expect &&
  test_cmp expect actual &&
  msg CZ06 $Q-CZ-0001 --year 2025 --village $Q | grep -q "12,000.00" &&
  sanzi config disposal.public_value 200000 >/dev/null &&
  none --year 2025 --village $Q
'

# ==== filings and meetings as they stood at the reference date ====

test_expect_success 'setup R: a sale filed 2025-12-20 and done in 2026; a 报废 退回 in 2025 and approved in 2026; two refusals' '
  # CZ-0001 出售 of ZC-0001 (其他 8,000.00, 闲置): 提议 12-22, 商议 12-24,
  #   审议 12-29 of 2025; 决议 2026-01-05, 决议公开 01-06..01-12, appraised
  #   8,500.00 on 01-10, 同意 01-14, sold to 赵六 for 8,500.00 on 01-20
  #   (voucher 记-001), 结果公开 01-21..01-27
  # CZ-0002 报废 of ZC-0002 (其他 3,000.00, 在用), filed 2025-11-01, the
  #   meetings 11-02..11-05, 决议公开 11-06..11-12, 退回 2025-12-15,
  #   同意 2026-01-10, executed 2026-02-10, no 结果公开
  # CZ-0003 报废 of ZC-0003, filed 2024-05-10, 提议 2024-05-11, 不同意 2024-06-01
  # CZ-0004 报废 of ZC-0004, filed 2025-05-10, 提议 2025-05-11, 不同意 2025-06-01
  bank $R >/dev/null &&
  asset $R 旧设备 其他 8000 2015-01-01 闲置 >/dev/null &&
  asset $R 旧车 其他 3000 2015-01-01 在用 >/dev/null &&
  asset $R 旧棚 其他 2000 2015-01-01 闲置 >/dev/null &&
  asset $R 旧房 其他 4000 2015-01-01 闲置 >/dev/null &&
  sanzi disposal new village=$R type=出售 objects=$R-ZC-0001 reason=闲置 \
    method=公开竞价 price=8000 date=2025-12-20 >/dev/null &&
  vote $R-CZ-0001 提议 2025-12-22 7 5 5 0 >/dev/null &&
  vote $R-CZ-0001 商议 2025-12-24 9 7 6 1 >/dev/null &&
  vote $R-CZ-0001 审议 2025-12-29 20 15 12 3 >/dev/null &&
  vote $R-CZ-0001 决议 2026-01-05 30 22 18 4 --body 村民代表会议 >/dev/null &&
  sanzi disposal publicize $R-CZ-0001 --kind 决议 --from 2026-01-06 --to 2026-01-12 >/dev/null &&
  sanzi disposal appraise $R-CZ-0001 --value 8500 --appraiser 正信评估 \
    --report 评字1号 --date 2026-01-10 >/dev/null &&
  review $R-CZ-0001 --decision 同意 --date 2026-01-14 >/dev/null &&
  entry $R $R-ZH-0001 记-001 2026-01-20 收入 8500 其他收入 &&
  sanzi disposal execute $R-CZ-0001 --date 2026-01-20 --party 赵六 --price 8500 \
    --voucher 记-001 >/dev/null &&
  result $R-CZ-0001 2026-01-21 2026-01-27 &&
  sanzi disposal new village=$R type=报废 objects=$R-ZC-0002 reason=损坏 \
    method=公开竞价 date=2025-11-01 >/dev/null &&
  vote $R-CZ-0002 提议 2025-11-02 7 5 5 0 >/dev/null &&
  vote $R-CZ-0002 商议 2025-11-03 9 7 6 1 >/dev/null &&
  vote $R-CZ-0002 审议 2025-11-04 20 15 12 3 >/dev/null &&
  vote $R-CZ-0002 决议 2025-11-05 30 22 18 4 --body 村民代表会议 >/dev/null &&
  sanzi disposal publicize $R-CZ-0002 --kind 决议 --from 2025-11-06 --to 2025-11-12 >/dev/null &&
  review $R-CZ-0002 --decision 退回 --date 2025-12-15 --opinion 材料不全 >/dev/null &&
  review $R-CZ-0002 --decision 同意 --date 2026-01-10 >/dev/null &&
  sanzi disposal execute $R-CZ-0002 --date 2026-02-10 --party 废品站 --price 0 >/dev/null &&
  sanzi disposal new village=$R type=报废 objects=$R-ZC-0003 reason=损坏 \
    method=公开竞价 date=2024-05-10 >/dev/null &&
  vote $R-CZ-0003 提议 2024-05-11 7 5 5 0 >/dev/null &&
  review $R-CZ-0003 --decision 不同意 --date 2024-06-01 --opinion 仍可使用 >/dev/null &&
  sanzi disposal new village=$R type=报废 objects=$R-ZC-0004 reason=损坏 \
    method=公开竞价 date=2025-05-10 >/dev/null &&
  vote $R-CZ-0004 提议 2025-05-11 7 5 5 0 >/dev/null &&
  review $R-CZ-0004 --decision 不同意 --date 2025-06-01 --opinion 仍可使用 >/dev/null &&
  test "$(sql "SELECT status FROM disposal WHERE village = '\''$R'\'' ORDER BY code" |
    tr "\n" " ")" = "已公开 已执行 审核不同意 审核不同意 " &&
  test "$(obj_status $R-ZC-0001) $(obj_status $R-ZC-0002)" = "已处置 已处置"
'

test_expect_success '07-处置申报 of 2025: the sale as it stood on 2025-12-31 (three meetings, 申报中)' '
  # nothing after 12-31: no 决议, publicity, appraisal, review, execution
  # or result; the status then was 申报中
  export_csv 2025 r25 &&
  pick r25/07-处置申报.csv 申报编号 申报日期 处置标的 账面价值 拟定价格 提议 商议 审议 决议 决议公开 评估价 评估报告 乡镇审核 审核人 执行日期 受让方 成交价 收款凭证 结果公开 状态 |
    grep "^$R-CZ-0001|" | steps >actual &&
  echo "$R-CZ-0001|2025-12-20|$R-ZC-0001|8000.00|8000.00|2025-12-22 通过|2025-12-24 通过|2025-12-29 通过||||||||||||申报中" >expect &&
  test_cmp expect actual
'

test_expect_success '07/08 of 2025: the filings of the year; the 不同意 of 2024 is not one, the 不同意 of 2025 is' '
  # CZ-0004: 提议 2025-05-11 passed, 不同意 on 2025-06-01 by 李审核
  pick r25/07-处置申报.csv 申报编号 | grep "^$R-" >actual &&
  printf "%s\n" $R-CZ-0001 $R-CZ-0002 $R-CZ-0004 >expect &&
  test_cmp expect actual &&
  pick r25/07-处置申报.csv 申报编号 提议 决议 乡镇审核 审核人 执行日期 状态 |
    grep "^$R-CZ-0004|" | steps >actual &&
  echo "$R-CZ-0004|2025-05-11 通过||2025-06-01 不同意|$REVIEWER||审核不同意" >expect &&
  test_cmp expect actual
'

test_expect_success '08-处置表决 of 2025: only the meetings held by 12-31 (none of 2024, none of 2026)' '
  # CZ-0001: 提议, 商议, 审议 of December (决议 2026-01-05 left out);
  # CZ-0002: its four of November; CZ-0004: its 提议; CZ-0003 (2024): none
  pick r25/08-处置表决.csv 申报编号 步骤 日期 结果 | grep "^$R-" >actual &&
  cat >expect <<-EOF &&
	$R-CZ-0001|提议|2025-12-22|通过
	$R-CZ-0001|商议|2025-12-24|通过
	$R-CZ-0001|审议|2025-12-29|通过
	$R-CZ-0002|提议|2025-11-02|通过
	$R-CZ-0002|商议|2025-11-03|通过
	$R-CZ-0002|审议|2025-11-04|通过
	$R-CZ-0002|决议|2025-11-05|通过
	$R-CZ-0004|提议|2025-05-11|通过
	EOF
  test_cmp expect actual
'

test_expect_success '07 of 2025: a filing 退回 on 2025-12-15 and approved in 2026 was 审核退回 at 12-31' '
  # what had happened by 12-31: the four meetings, 决议公开 11-06..11-12,
  # the review 2025-12-15 退回 by 李审核; the status then 审核退回
  pick r25/07-处置申报.csv 申报编号 决议 决议公开 乡镇审核 审核人 执行日期 状态 |
    grep "^$R-CZ-0002|" | steps >actual &&
  echo "$R-CZ-0002|2025-11-05 通过|2025-11-06 至 2025-11-12|2025-12-15 退回|$REVIEWER||审核退回" >expect &&
  test_cmp expect actual
'

test_expect_success '07/08 as of today: the whole record, 已公开 and 已执行; the 不同意 of 2025 gone' '
  export_csv 2026 r26 &&
  pick r26/07-处置申报.csv 申报编号 提议 商议 审议 决议 决议公开 评估价 评估报告 乡镇审核 审核人 执行日期 受让方 成交价 收款凭证 结果公开 状态 |
    grep "^$R-" | steps >actual &&
  cat >expect <<-EOF &&
	$R-CZ-0001|2025-12-22 通过|2025-12-24 通过|2025-12-29 通过|2026-01-05 通过|2026-01-06 至 2026-01-12|8500.00|评字1号|2026-01-14 同意|$REVIEWER|2026-01-20|赵六|8500.00|记-001|2026-01-21 至 2026-01-27|已公开
	$R-CZ-0002|2025-11-02 通过|2025-11-03 通过|2025-11-04 通过|2025-11-05 通过|2025-11-06 至 2025-11-12|||2026-01-10 同意|$REVIEWER|2026-02-10|废品站|0.00|||已执行
	EOF
  test_cmp expect actual &&
  # 08: every meeting of the two filings of 2026, the 2025 ones too
  pick r26/08-处置表决.csv 申报编号 步骤 日期 | grep "^$R-" >actual &&
  cat >expect <<-EOF &&
	$R-CZ-0001|提议|2025-12-22
	$R-CZ-0001|商议|2025-12-24
	$R-CZ-0001|审议|2025-12-29
	$R-CZ-0001|决议|2026-01-05
	$R-CZ-0002|提议|2025-11-02
	$R-CZ-0002|商议|2025-11-03
	$R-CZ-0002|审议|2025-11-04
	$R-CZ-0002|决议|2025-11-05
	EOF
  test_cmp expect actual
'

# ==== the inventory at the reference date ====

test_expect_success '01-资产清单 of 2025: the assets disposed of in 2026 are listed in the status they had (闲置, 在用)' '
  # 其他 is not depreciated: accumulated 0.00, net = original
  pick r25/01-资产清单.csv 资产编号 使用状态 原值 累计折旧 净值 | grep "^$R-" >actual &&
  cat >expect <<-EOF &&
	$R-ZC-0001|闲置|8000.00|0.00|8000.00
	$R-ZC-0002|在用|3000.00|0.00|3000.00
	$R-ZC-0003|闲置|2000.00|0.00|2000.00
	$R-ZC-0004|闲置|4000.00|0.00|4000.00
	EOF
  test_cmp expect actual &&
  ! pick r25/02-资产增减.csv 资产编号 | grep -q "^$R-"
'

test_expect_success '01-资产清单 as of today: the sold and the scrapped are gone, 02 has them as 减少' '
  pick r26/01-资产清单.csv 资产编号 使用状态 | grep "^$R-" >actual &&
  printf "%s\n" "$R-ZC-0003|闲置" "$R-ZC-0004|闲置" >expect &&
  test_cmp expect actual &&
  pick r26/02-资产增减.csv 变动 日期 资产编号 原值 累计折旧 净值 处置申报编号 处置类型 成交价 |
    grep "|$R-" >actual &&
  cat >expect <<-EOF &&
	减少|2026-01-20|$R-ZC-0001|8000.00|0.00|8000.00|$R-CZ-0001|出售|8500.00
	减少|2026-02-10|$R-ZC-0002|3000.00|0.00|3000.00|$R-CZ-0002|报废|0.00
	EOF
  test_cmp expect actual
'

# ==== 04-账户余额: opened before or during the year ====

test_expect_success 'setup AC: five accounts opened 2023-06-01, 2025-01-01, 2024-12-31, 2025-03-01, 2026-01-05' '
  # ZH-0001 现金 1,000.00 from 2023-06-01: 2024-03-01 +2,500.50,
  #   2024-12-31 -300.25, 2025-01-01 +100.00, 2025-12-31 -50.10,
  #   2026-01-02 +999.00
  # ZH-0002 农商行 2,000.00 from 2025-01-01: 2025-01-01 +700.00
  # ZH-0003 信用社 300.00 from 2024-12-31: 2024-12-31 +200.00, 2025-06-30 -100.00
  # ZH-0004 新户 500.00 from 2025-03-01: 2025-03-02 +1,234.56, 2025-11-30 -34.56
  # ZH-0005 后开户 800.00 from 2026-01-05
  sanzi account add village=$AC name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2023-06-01 >/dev/null &&
  sanzi account add village=$AC name=农商行 kind=银行存款 opening_balance=2000 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi account add village=$AC name=信用社 kind=银行存款 opening_balance=300 \
    opening_date=2024-12-31 >/dev/null &&
  sanzi account add village=$AC name=新户 kind=银行存款 opening_balance=500 \
    opening_date=2025-03-01 >/dev/null &&
  sanzi account add village=$AC name=后开户 kind=银行存款 opening_balance=800 \
    opening_date=2026-01-05 >/dev/null &&
  entry $AC $AC-ZH-0001 记-101 2024-03-01 收入 2500.50 其他收入 &&
  entry $AC $AC-ZH-0001 记-102 2024-12-31 支出 300.25 管理费用 &&
  entry $AC $AC-ZH-0001 记-001 2025-01-01 收入 100 其他收入 &&
  entry $AC $AC-ZH-0001 记-002 2025-12-31 支出 50.10 管理费用 &&
  entry $AC $AC-ZH-0001 记-001 2026-01-02 收入 999 其他收入 &&
  entry $AC $AC-ZH-0002 记-003 2025-01-01 收入 700 其他收入 &&
  entry $AC $AC-ZH-0003 记-103 2024-12-31 收入 200 其他收入 &&
  entry $AC $AC-ZH-0003 记-004 2025-06-30 支出 100 管理费用 &&
  entry $AC $AC-ZH-0004 记-005 2025-03-02 收入 1234.56 其他收入 &&
  entry $AC $AC-ZH-0004 记-006 2025-11-30 支出 34.56 管理费用
'

test_expect_success '04 of 2025: 年初余额 for accounts open by 01-01, 本年开户余额 for the one opened 03-01' '
  # ZH-0001: 1,000.00 + 2,500.50 − 300.25 = 3,200.25; +100.00 −50.10;
  #   3,200.25 + 100.00 − 50.10 = 3,250.15
  # ZH-0002 (opened on 01-01): 2,000.00; +700.00; 2,700.00
  # ZH-0003: 300.00 + 200.00 = 500.00; −100.00; 400.00
  # ZH-0004: 开户 500.00; +1,234.56 −34.56; 500.00 + 1,234.56 − 34.56 = 1,700.00
  # ZH-0005 opened 2026: not listed
  export_csv 2025 a25 &&
  pick a25/04-账户余额.csv 账户编号 村代码 账户名称 账户类型 开户日期 年初余额 本年开户余额 本年收入 本年支出 期末余额 |
    grep "^$AC-" >actual &&
  cat >expect <<-EOF &&
	$AC-ZH-0001|$AC|现金|库存现金|2023-06-01|3200.25||100.00|50.10|3250.15
	$AC-ZH-0002|$AC|农商行|银行存款|2025-01-01|2000.00||700.00|0.00|2700.00
	$AC-ZH-0003|$AC|信用社|银行存款|2024-12-31|500.00||0.00|100.00|400.00
	$AC-ZH-0004|$AC|新户|银行存款|2025-03-01||500.00|1234.56|34.56|1700.00
	EOF
  test_cmp expect actual
'

# fen_check FILE: every row of 04: 年初 + 开户 + 收入 − 支出 = 期末, in fen,
# and never both 年初 and 开户 (an empty cell is 0)
fen_check() {
  pick "$1" 账户编号 年初余额 本年开户余额 本年收入 本年支出 期末余额 |
  awk -F"|" '
  function f(s,   p, neg) {
    if (s == "") return 0
    if (s !~ /^-?[0-9]+\.[0-9][0-9]$/) { print "NOT MONEY: " s; bad = 1 }
    neg = sub(/^-/, "", s)
    split(s, p, ".")
    return (neg ? -1 : 1) * (p[1] * 100 + p[2])
  }
  { rows++
    if ($2 != "" && $3 != "") { print $1 ": both 年初余额 and 本年开户余额"; bad = 1 }
    if ($2 == "" && $3 == "") { print $1 ": neither 年初余额 nor 本年开户余额"; bad = 1 }
    if (f($2) + f($3) + f($4) - f($5) != f($6)) { print $1 ": does not add up"; bad = 1 } }
  END { if (!rows) { print "no rows"; bad = 1 } exit bad }'
}

test_expect_success '04: for every account 年初 + 开户 + 收入 − 支出 = 期末, to the fen; the check catches a fen' '
  fen_check a25/04-账户余额.csv &&
  sed "s/^\($AC-ZH-0004,.*\),1700.00\r\$/\1,1700.01\r/" a25/04-账户余额.csv >doctored.csv &&
  ! cmp -s a25/04-账户余额.csv doctored.csv &&
  ! fen_check doctored.csv >msg && grep -q "$AC-ZH-0004: does not add up" msg
'

test_expect_success '00-汇总 of 2025: the village'\''s 年初余额 and 本年开户余额 are the sums of its accounts'\'' ' '
  # 年初 3,200.25 + 2,000.00 + 500.00 = 5,700.25; 开户 500.00; 收入 100.00
  # + 700.00 + 1,234.56 = 2,034.56; 支出 50.10 + 100.00 + 34.56 = 184.66;
  # 期末 3,250.15 + 2,700.00 + 400.00 + 1,700.00 = 8,050.15
  # (= 5,700.25 + 500.00 + 2,034.56 − 184.66)
  pick a25/00-汇总.csv 层级 代码 年初余额 本年开户余额 本年收入 本年支出 期末余额 |
    grep "^村|$AC|" >actual &&
  echo "村|$AC|5700.25|500.00|2034.56|184.66|8050.15" >expect &&
  test_cmp expect actual
'

test_expect_success '04 as of today: the account of 2025-03-01 has a 年初余额, the one of 2026-01-05 its 本年开户余额' '
  # ZH-0001: 3,250.15; +999.00 (2026-01-02); 4,249.15
  # ZH-0004: 1,700.00 at 2026-01-01; ZH-0005: 开户 800.00
  export_csv 2026 a26 &&
  pick a26/04-账户余额.csv 账户编号 年初余额 本年开户余额 本年收入 本年支出 期末余额 |
    grep "^$AC-" >actual &&
  cat >expect <<-EOF &&
	$AC-ZH-0001|3250.15||999.00|0.00|4249.15
	$AC-ZH-0002|2700.00||0.00|0.00|2700.00
	$AC-ZH-0003|400.00||0.00|0.00|400.00
	$AC-ZH-0004|1700.00||0.00|0.00|1700.00
	$AC-ZH-0005||800.00|0.00|0.00|800.00
	EOF
  test_cmp expect actual &&
  fen_check a26/04-账户余额.csv &&
  pick a26/00-汇总.csv 层级 代码 年初余额 本年开户余额 期末余额 | grep "^村|$AC|" >actual &&
  # 3,250.15 + 2,700.00 + 400.00 + 1,700.00 = 8,050.15; 800.00;
  # 4,249.15 + 2,700.00 + 400.00 + 1,700.00 + 800.00 = 9,849.15
  echo "村|$AC|8050.15|800.00|9849.15" >expect &&
  test_cmp expect actual
'

# ==== long text ====

# 60, 50 and 100 characters, none repeated in a row, each three bytes
NAME60=$(for i in 1 2 3 4 5 6; do printf "%s" 集体经济合作社综合楼; done)
CERT50=$(for i in 1 2 3 4 5; do printf "%s" 武房权证字第壹贰叁号; done)
PARTY100=$(for i in 1 2 3 4 5; do printf "%s" 内蒙古自治区呼和浩特市武川县农牧业发展社; done)

test_expect_success 'setup L: a building of 60 characters with a certificate of 50, a contract party of 100' '
  test "$(printf "%s" "$NAME60" | wc -m) $(printf "%s" "$NAME60" | wc -c)" = "60 180" &&
  test "$(printf "%s" "$CERT50" | wc -m) $(printf "%s" "$CERT50" | wc -c)" = "50 150" &&
  test "$(printf "%s" "$PARTY100" | wc -m) $(printf "%s" "$PARTY100" | wc -c)" = "100 300" &&
  bank $L >/dev/null &&
  asset $L "$NAME60" 房屋及建筑物 100000 2025-02-01 在用 "certificate=$CERT50" >/dev/null &&
  land $L 村南地 10 未利用 certificate=武集用2020第5001号 >/dev/null &&
  # 2025-01-01..2027-12-31 at once: 3 x 1,000.00 = 3,000.00, paid
  contract village=$L object=$L-ZY-0001 "party=$PARTY100" party_id=$ID3 \
    start_date=2025-01-01 end_date=2027-12-31 annual_amount=1000 \
    first_due=2025-01-01 signed_on=2024-12-01 >/dev/null &&
  receipt $L 记-001 2025-01-01 3000 $L-HT-0001
'

test_expect_success 'long text whole in 01-资产清单.csv, 02-资产增减.csv and 06-合同.csv, valid UTF-8' '
  sanzi audit export --year 2025 --out lt >out 2>err &&
  pick lt/01-资产清单.csv 资产编号 资产名称 权证号 | grep "^$L-" >actual &&
  echo "$L-ZC-0001|$NAME60|$CERT50" >expect &&
  test_cmp expect actual &&
  pick lt/02-资产增减.csv 资产编号 资产名称 | grep "^$L-" >actual &&
  echo "$L-ZC-0001|$NAME60" >expect &&
  test_cmp expect actual &&
  pick lt/06-合同.csv 合同编号 对方名称 对方证件号 | grep "^$L-" >actual &&
  echo "$L-HT-0001|$PARTY100|$ID3" >expect &&
  test_cmp expect actual &&
  for f in 01-资产清单 02-资产增减 06-合同; do
    iconv -f UTF-8 -t UTF-8 lt/$f.csv >/dev/null || { echo "$f: not UTF-8"; return 1; }
  done &&
  # and the check would see a cut: a name one byte short is not UTF-8
  printf "%s" "$NAME60" | head -c 179 >cut && ! iconv -f UTF-8 -t UTF-8 cut >/dev/null 2>&1
'

test_expect_success 'long text whole in the workbook (openpyxl reads the same strings)' '
  $PY - lt/年度审计-2025.xlsx "$L-ZC-0001" "$NAME60" "$CERT50" "$L-HT-0001" "$PARTY100" <<-\EOF
	import sys, openpyxl
	book, acode, name, cert, ccode, party = sys.argv[1:7]
	wb = openpyxl.load_workbook(book)
	def row(sheet, key, code):
	    ws = wb[sheet]
	    head = [c.value for c in ws[1]]
	    for r in ws.iter_rows(min_row=2, values_only=True):
	        if r[head.index(key)] == code:
	            return dict(zip(head, r))
	    sys.exit(f"{sheet}: no row {code}")
	a = row("资产清单", "资产编号", acode)
	assert a["资产名称"] == name, a["资产名称"]
	assert a["权证号"] == cert, a["权证号"]
	assert row("资产增减", "资产编号", acode)["资产名称"] == name
	c = row("合同", "合同编号", ccode)
	assert c["对方名称"] == party, c["对方名称"]
	EOF
'

test_expect_success 'the workbook as a whole is the CSV files cell for cell, long text included' '
  $PY "$XLSX2CSV" lt/年度审计-2025.xlsx ltbook &&
  for f in $FILES; do cmp lt/$f.csv ltbook/$f.csv || return 1; done
'

# ==== CZ03 for subsidy applications made by the reference date ====

test_expect_success 'setup W: four interest payments of 2025; applications of 2025-07-02, 2025-12-31 and 2026-01-01' '
  # DK-0001 paid 1,800.00 on 2025-07-01 (记-050) -> TX-0001 applied
  #   2025-07-02, 公示 2025-07-04..07-10 (7 days)
  # DK-0002 paid 900.00 on 2025-11-01 (记-060) -> TX-0002 applied
  #   2026-01-01 for 2025, 公示 2026-01-03..01-09 (7 days)
  # DK-0003 paid 450.00 on 2025-12-01 (记-070) -> TX-0003 applied
  #   2025-12-31, 公示 2025-12-31..2026-01-06 (7 days)
  # DK-0004 paid 300.00 on 2025-12-15 (记-080), for the refusals below
  # every voucher booked as a 支出 of its day (no TX01)
  bank $W >/dev/null &&
  # money in the account first: an account below zero is a finding (ZJ02)
  entry $W $W-ZH-0001 记-900 2024-06-30 收入 10000 补助收入 &&
  sanzi program set --year 2025 >/dev/null &&
  k=1 && for p in 100000:1800:2025-07-01:记-050 50000:900:2025-11-01:记-060 \
                  25000:450:2025-12-01:记-070 20000:300:2025-12-15:记-080; do
    set -- $(echo $p | tr : " ") && pr=$1 paid=$2 on=$3 vo=$4 &&
    sanzi loan add village=$W lender=信用社 contract_no=借-$k project=养殖 \
      principal=$pr rate=3.6 start_date=2025-01-01 maturity=2026-06-30 >/dev/null &&
    sanzi loan interest $W-DK-000$k --from 2025-01-01 --to 2025-07-01 --paid $paid \
      --paid-on $on --voucher $vo >/dev/null &&
    entry $W $W-ZH-0001 $vo $on 支出 $paid 其他支出 || return 1
    k=$((k + 1))
  done &&
  sanzi subsidy apply --loan $W-DK-0001 --year 2025 --date 2025-07-02 >app &&
  sanzi subsidy apply --loan $W-DK-0002 --year 2025 --date 2026-01-01 >>app &&
  sanzi subsidy apply --loan $W-DK-0003 --year 2025 --date 2025-12-31 >>app &&
  printf "%s\n" $W-TX-0001 $W-TX-0002 $W-TX-0003 >expect &&
  test_cmp expect app &&
  sanzi subsidy review $W-TX-0001 --decision 同意 --date 2025-07-03 >/dev/null &&
  sanzi subsidy publicize $W-TX-0001 --from 2025-07-04 --to 2025-07-10 >/dev/null &&
  sanzi subsidy review $W-TX-0002 --decision 同意 --date 2026-01-02 >/dev/null &&
  sanzi subsidy publicize $W-TX-0002 --from 2026-01-03 --to 2026-01-09 >/dev/null &&
  sanzi subsidy review $W-TX-0003 --decision 同意 --date 2025-12-31 >/dev/null &&
  sanzi subsidy publicize $W-TX-0003 --from 2025-12-31 --to 2026-01-06 >/dev/null &&
  none --year 2025 --village $W
'

test_expect_success 'CZ03: subsidy.publicity_days 10: the applications made by 12-31 are short, the one of 2026-01-01 is not a 2025 finding' '
  # TX-0001 and TX-0003: 7 days < 10; TX-0002 applied 2026-01-01, after
  # the reference date
  sanzi config subsidy.publicity_days 10 >/dev/null &&
  codes --year 2025 --village $W >actual &&
  printf "%s\n" "CZ03|$W-TX-0001" "CZ03|$W-TX-0003" >expect &&
  test_cmp expect actual &&
  msg CZ03 $W-TX-0001 --year 2025 --village $W >m &&
  grep "2025-07-04" m | grep "2025-07-10" | grep "\b7 day" | grep -q "\b10\b" &&
  export_csv 2025 w25 --village $W &&
  pick w25/11-贴息申请.csv 申请编号 申请日期 >actual &&
  printf "%s\n" "$W-TX-0001|2025-07-02" "$W-TX-0003|2025-12-31" >expect &&
  test_cmp expect actual &&
  pick w25/14-审计发现.csv 代码 记录 >actual &&
  printf "%s\n" "CZ03|$W-TX-0001" "CZ03|$W-TX-0003" >expect &&
  test_cmp expect actual &&
  sanzi config subsidy.publicity_days 7 >/dev/null &&
  none --year 2025 --village $W
'

test_expect_success 'subsidy steps dated after today are refused (exit 1), nothing written; today is accepted' '
  before=$(db_state) &&
  refused sanzi subsidy apply --loan $W-DK-0004 --year 2025 --date $TOMORROW &&
  grep -q "$TOMORROW" err && grep -q "not come" err &&
  refused sanzi subsidy review $W-TX-0002 --decision 同意 --date $TOMORROW &&
  grep -q "$TOMORROW" err &&
  refused sanzi subsidy approve $W-TX-0001 --date $TOMORROW &&
  grep -q "$TOMORROW" err &&
  refused sanzi subsidy withdraw $W-TX-0003 --reason 重复 --date $TOMORROW &&
  grep -q "$TOMORROW" err &&
  unchanged &&
  # the same steps on dates that have come
  sanzi subsidy apply --loan $W-DK-0004 --year 2025 --date $TODAY >out &&
  echo $W-TX-0004 >expect && test_cmp expect out &&
  sanzi subsidy approve $W-TX-0001 --date 2025-07-11 >/dev/null &&
  before=$(db_state) &&
  refused sanzi subsidy pay $W-TX-0001 --date $TOMORROW --voucher 付-1 &&
  grep -q "$TOMORROW" err &&
  unchanged &&
  sanzi subsidy pay $W-TX-0001 --date $TODAY --voucher 付-1 >/dev/null &&
  test "$(sql "SELECT paid_on FROM subsidy WHERE code = '\''$W-TX-0001'\''")" = $TODAY
'

# ==== what an earlier export left in the directory ====
# From here on a copy of the database, so that a change made to tell two
# exports apart touches nothing above.

test_expect_success 'setup: a copy of the database for the export tests' '
  sqlite3 "$SANZI_DB" ".backup $TMP/ex.db" && test -s "$TMP/ex.db"
'
use "$TMP/ex.db"

test_expect_success '--format both, then csv into the same DIR: the workbook gone, the manifest lists what is there' '
  sanzi audit export --year 2025 --out lo >/dev/null 2>&1 &&
  { csv_names; echo manifest.txt; echo 年度审计-2025.xlsx; } | LC_ALL=C sort >expect &&
  ls -A lo | LC_ALL=C sort >actual && test_cmp expect actual &&
  listed lo &&
  sanzi audit export --year 2025 --out lo --format csv >/dev/null 2>&1 &&
  { csv_names; echo manifest.txt; } | LC_ALL=C sort >expect &&
  ls -A lo | LC_ALL=C sort >actual && test_cmp expect actual &&
  listed lo && test "$(wc -l <files.m)" = 17
'

test_expect_success '... then --format xlsx: the CSV files gone, the workbook and the manifest only' '
  sanzi audit export --year 2025 --out lo --format xlsx >/dev/null 2>&1 &&
  printf "%s\n" manifest.txt 年度审计-2025.xlsx | LC_ALL=C sort >expect &&
  ls -A lo | LC_ALL=C sort >actual && test_cmp expect actual &&
  listed lo && test "$(cut -f1 files.m)" = 年度审计-2025.xlsx
'

test_expect_success 'files that are not an export'\''s are left alone, and not listed' '
  # notes.txt, a backup of a table, a CSV of another name, a subdirectory
  echo 备忘 >lo/notes.txt &&
  printf "a,b\r\n" >lo/01-资产清单.csv.bak &&
  printf "x\r\n" >lo/99-说明.csv &&
  printf "y\r\n" >lo/资产清单.csv &&
  mkdir lo/旧稿 && echo z >lo/旧稿/01-资产清单.csv &&
  mine="notes.txt 01-资产清单.csv.bak 99-说明.csv 资产清单.csv 旧稿" &&
  (cd lo && sha256sum notes.txt 01-资产清单.csv.bak 99-说明.csv 资产清单.csv 旧稿/01-资产清单.csv) >mine.sum &&
  for fmt in both csv xlsx csv; do
    sanzi audit export --year 2025 --out lo --format $fmt >/dev/null 2>&1 &&
    (cd lo && sha256sum -c --quiet "$TMP/mine.sum") &&
    listed lo $mine || { echo "after --format $fmt"; return 1; }
  done &&
  { csv_names; echo manifest.txt; for f in $mine; do echo $f; done; } | LC_ALL=C sort >expect &&
  ls -A lo | LC_ALL=C sort >actual && test_cmp expect actual
'

test_expect_success 'an auditor'\''s own workbook named 年度审计-批注.xlsx is not an export'\''s: left alone' '
  echo 批注 >lo/年度审计-批注.xlsx &&
  sanzi audit export --year 2025 --out lo >/dev/null 2>&1 &&
  test "$(cat lo/年度审计-批注.xlsx)" = 批注
'

test_expect_success 'year 2024, then 2025 into the same DIR: no 年度审计-2024.xlsx left' '
  sanzi audit export --year 2024 --out yy >/dev/null 2>&1 &&
  test -f yy/年度审计-2024.xlsx &&
  grep -qx "年度：2024" yy/manifest.txt &&
  sanzi audit export --year 2025 --out yy >/dev/null 2>&1 &&
  ! test -e yy/年度审计-2024.xlsx && test -f yy/年度审计-2025.xlsx &&
  grep -qx "年度：2025" yy/manifest.txt &&
  listed yy &&
  # and a CSV-only export of 2024 afterwards takes the 2025 workbook away
  sanzi audit export --year 2024 --out yy --format csv >/dev/null 2>&1 &&
  ! ls yy | grep -q "\.xlsx\$" && listed yy
'

# ==== --out too long ====

# long_path N: a path of exactly N bytes under lp/ whose parents exist and
# whose last component does not
long_path() {
  p=lp
  seg=$(printf "%0200d" 0)
  while [ $((${#p} + 1 + 200 + 1 + 50)) -lt $1 ]; do p=$p/$seg; done
  mkdir -p "$p" &&
  tail=$(printf "%0$(($1 - ${#p} - 1))d" 0) &&
  printf "%s/%s" "$p" "$tail"
}

test_expect_success '--out of 3969 bytes is refused (exit 1, "too long"), nothing made' '
  d=$(long_path 3969) &&
  test "$(printf "%s" "$d" | wc -c)" = 3969 &&
  before=$(db_state) &&
  refused sanzi audit export --year 2025 --out "$d" &&
  grep -q "too long" err && grep -q 3969 err &&
  ! test -e "$d" &&
  test -z "$(ls -A "$(dirname "$d")")" &&
  d=$(long_path 4500) &&
  refused sanzi audit export --year 2025 --out "$d" --format csv &&
  grep -q "too long" err && grep -q 4500 err &&
  ! test -e "$d" &&
  unchanged
'

test_expect_success '--out of 3968 bytes (the most the message allows) is written' '
  d=$(long_path 3968) &&
  test "$(printf "%s" "$d" | wc -c)" = 3968 &&
  { sanzi audit export --year 2025 --out "$d" >out 2>err || { cat err; false; }; } &&
  { csv_names; echo manifest.txt; echo 年度审计-2025.xlsx; } | LC_ALL=C sort >expect &&
  ls -A "$d" | LC_ALL=C sort >actual && test_cmp expect actual
'
rm -rf "$TMP/lp"

# ==== a failure at move time ====

test_expect_success 'a directory named manifest.txt (the last move fails): exit 1, DIR byte for byte as it was' '
  # the earlier export: both formats; the new one, CSV only, would take
  # the workbook away: it must stay, as must notes.txt
  sanzi audit export --year 2025 --out mv >/dev/null 2>&1 &&
  echo 备忘 >mv/notes.txt &&
  rm mv/manifest.txt && mkdir mv/manifest.txt &&
  sanzi account add village=$AC name=信用社二 kind=银行存款 opening_balance=1 \
    opening_date=2025-01-01 >/dev/null &&
  st=$(dir_state mv) &&
  before=$(db_state) &&
  refused sanzi audit export --year 2025 --out mv --format csv &&
  grep -q "mv/manifest.txt" err &&
  same_dir mv "$st" &&
  no_hidden mv &&
  test -f mv/年度审计-2025.xlsx &&
  unchanged
'

test_expect_success 'a directory in the way of a table in the middle: exit 1, DIR as it was, nothing hidden left' '
  rmdir mv/manifest.txt &&
  sanzi audit export --year 2025 --out mv >/dev/null 2>&1 &&
  rm mv/03-资源清单.csv && mkdir mv/03-资源清单.csv &&
  sanzi account add village=$AC name=信用社三 kind=银行存款 opening_balance=1 \
    opening_date=2025-01-01 >/dev/null &&
  st=$(dir_state mv) &&
  refused sanzi audit export --year 2025 --out mv &&
  grep -q "03-资源清单.csv" err &&
  same_dir mv "$st" &&
  no_hidden mv &&
  # once it is out of the way the export goes through and lists it all
  rmdir mv/03-资源清单.csv &&
  sanzi audit export --year 2025 --out mv >/dev/null 2>&1 &&
  listed mv notes.txt && no_hidden mv
'

test_done
