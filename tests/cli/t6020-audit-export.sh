#!/bin/sh
# sanzi audit export: the annual audit (doc/domain.md "The annual audit",
# "Village classification") as 16 CSV files, one workbook and manifest.txt.
# A few villages of 武川县 get registers, books, contracts, a disposal
# filing, loans and subsidies; every figure of the tables is worked out by
# hand in the comment above its test (reference date 2025-12-31), the
# summary is checked against the detail tables to the fen, the workbook
# cell for cell against the CSV files (tests/cli/xlsx-to-csv.py), the
# manifest against sha256sum and `log verify`. Every refusal is checked for
# its exit status and message, for leaving the database as it was and for
# leaving the output directory exactly as it was.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # V1, V2, ID2, ID3, vote, procedure, review

# 可可以力更镇 150125100: V1 福如东村, V2 大水圪洞村; 哈乐镇 150125101: H1
H1=150125101201   # 圪料坝村
TAB=$(printf "\t")
XLSX2CSV="$TOP/tests/cli/xlsx-to-csv.py"
DIVISIONS="$SAMPLE/divisions-wuchuan.csv"
BOOK=年度审计-2025.xlsx
FILES="00-汇总 01-资产清单 02-资产增减 03-资源清单 04-账户余额 05-收支分类
  06-合同 07-处置申报 08-处置表决 09-贷款 10-付息 11-贴息申请 12-贴息资金
  13-村级分类 14-审计发现 15-参数 16-结账"

# A directory made immutable by a test is made writable again whatever
# happens, or the temporary directory could not be removed.
trap 'chattr -i "$TMP/ro" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null
  [ -n "${KEEP_TMP:-}" ] || rm -rf "$TMP"' EXIT

# audit DIR [OPTION...]: the 2025 export into DIR; stdout in out, stderr in err.
audit() {
  d=$1
  shift
  sanzi audit export --year 2025 --out "$d" "$@" >out 2>err
}
# pick FILE COL...: the columns of an exported CSV, joined by '|'.
pick() {
  f=$1
  shift
  csv_pick "$@" <"$f"
}
# data_rows FILE: the rows of a CSV file but its header.
data_rows() { awk 'END { print NR - 1 }' "$1"; }
# dir_state DIR: every name in DIR (hidden ones too) and every file's hash.
dir_state() {
  (cd "$1" && find . | LC_ALL=C sort &&
    find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}
# same_dir DIR STATE: DIR is as dir_state found it (the difference shown).
same_dir() {
  printf "%s\n" "$2" >was.st && dir_state "$1" >now.st && test_cmp was.st now.st
}
# said N TEXT: line N of the last export's stdout is TEXT.
said() {
  test "$(sed -n "$1p" out)" = "$2" ||
    { echo "stdout line $1 is \"$(sed -n "$1p" out)\", not \"$2\""; return 1; }
}
# must_refuse CMD...: refused (exit 1, nothing on stdout), or says what it did.
must_refuse() {
  refused "$@" || { echo "not refused: $*"; cat out err; return 1; }
}
# absent PATH: the refused command made no PATH.
absent() { ! test -e "$1" || { echo "$1 was made:"; ls -la "$1"; return 1; }; }
# no_hidden DIR: no temporary directory (or any hidden name) left in DIR.
no_hidden() { test -z "$(ls -A "$1" | grep '^\.')"; }
# villages_of PREFIX: how many village-level divisions the county file has
# under PREFIX (the input data, not the program's output).
villages_of() { grep -c "^$1[0-9]*,[^,]*,village," "$DIVISIONS"; }

# manifest_ok DIR: manifest.txt lists every other file of DIR, once, with
# its data rows (the header excluded; for the workbook the data rows of all
# the sheets, which are those of the 16 tables) and its SHA-256.
manifest_ok() {
  m=$1/manifest.txt
  sed -n '/^文件\t行数\tSHA-256$/,$p' "$m" | sed 1d >files.m &&
  test -s files.m &&
  (cd "$1" && ls -A | grep -v '^manifest\.txt$' | LC_ALL=C sort) >want.m &&
  cut -f1 files.m | LC_ALL=C sort >got.m &&
  test_cmp want.m got.m &&
  total=0 &&
  while IFS=$TAB read -r f n h; do
    test "$(sha256sum <"$1/$f" | cut -d" " -f1)" = "$h" ||
      { echo "sha256 of $f is not $h"; return 1; }
    case $f in
    *.csv) want=$(data_rows "$1/$f") ;;
    *.xlsx) want=${XROWS:?} ;;
    esac
    test "$n" = "$want" || { echo "$f: $n rows in the manifest, $want in the file"; return 1; }
  done <files.m
}

# sum_check DIR: in the export in DIR, (1) every village row of 00-汇总 is
# the sum of that village's rows in the detail tables, (2) every township
# row follows its villages and is their sum, (3) the last row (全部) is
# the sum of all the village rows; numbers compared as integers (fen,
# 1/10000 亩, counts). Prints each mismatch; fails on any.
SUMCOLS="资产数 资产原值 累计折旧 资产净值 资源数 资源面积(亩) 年初余额 本年开户余额 本年收入
  本年支出 期末余额 经营性收入 空白村 薄弱村 一般村 较强村 合同数 合同累计应收
  合同累计已收 逾期未收 贴息审定 贴息拨付 审计发现"
sum_check() {
  d=$1
  {
    pick "$d/01-资产清单.csv" 村代码 原值 累计折旧 净值 | sed 's/^/A|/'
    pick "$d/03-资源清单.csv" 村代码 "面积(亩)" | sed 's/^/R|/'
    pick "$d/04-账户余额.csv" 村代码 年初余额 本年开户余额 本年收入 本年支出 期末余额 | sed 's/^/B|/'
    pick "$d/06-合同.csv" 村代码 累计应收 累计已收 逾期未收 | sed 's/^/C|/'
    pick "$d/11-贴息申请.csv" 村代码 审定金额 拨付金额 | sed 's/^/S|/'
    pick "$d/13-村级分类.csv" 村代码 本年经营性收入 本年类别 | sed 's/^/K|/'
    pick "$d/14-审计发现.csv" 村代码 | sed 's/^/F|/'
    pick "$d/00-汇总.csv" 层级 代码 $SUMCOLS | sed 's/^/Z|/'
  } | awk -F'|' '
  # u(S, K): S with K decimal places as an integer; "" is 0.
  function u(s, k,   neg, n, p, d) {
    if (s == "") return 0
    neg = substr(s, 1, 1) == "-"
    if (neg) s = substr(s, 2)
    n = split(s, p, ".")
    d = n > 1 ? p[2] : ""
    if (s !~ /^[0-9]+(\.[0-9]+)?$/ || length(d) > k) { print "NOT A NUMBER: " s; bad = 1 }
    while (length(d) < k) d = d "0"
    return (neg ? -1 : 1) * ((p[1] d) + 0)
  }
  BEGIN {
    # places of each summary column ($4 .. $25 of a Z line)
    split("0 2 2 2 0 4 2 2 2 2 2 2 0 0 0 0 0 2 2 2 2 2 0", P, " ")
    split("空白村 薄弱村 一般村 较强村", BAND, " ")
  }
  $1 == "A" { v = $2; x[v, 1]++; x[v, 2] += u($3, 2); x[v, 3] += u($4, 2)
              x[v, 4] += u($5, 2); seen[v] = 1 }
  $1 == "R" { v = $2; x[v, 5]++; x[v, 6] += u($3, 4); seen[v] = 1 }
  $1 == "B" { v = $2; for (i = 0; i < 5; i++) x[v, 7 + i] += u($(3 + i), 2)
              seen[v] = 1 }
  $1 == "K" { v = $2; x[v, 12] = u($3, 2)
              for (i = 1; i <= 4; i++) x[v, 12 + i] = ($4 == BAND[i]); seen[v] = 1 }
  $1 == "C" { v = $2; x[v, 17]++; for (i = 0; i < 3; i++) x[v, 18 + i] += u($(3 + i), 2)
              seen[v] = 1 }
  $1 == "S" { v = $2; x[v, 21] += u($3, 2); x[v, 22] += u($4, 2); seen[v] = 1 }
  $1 == "F" { v = $2; x[v, 23]++; seen[v] = 1 }
  $1 == "Z" {
    rows++
    if (done) { print "a row after the 全部 row: " $0; bad = 1 }
    if ($2 == "村") {
      v = $3; insum[v] = 1
      if (substr(v, 1, 9) in closed) {
        print "village " v " after the 乡镇 row of its township"; bad = 1 }
      if (open != "" && substr(v, 1, 9) != open) {
        print "township " open " has no 乡镇 row after its villages"; bad = 1 }
      open = substr(v, 1, 9)
      for (i = 1; i <= 23; i++) {
        a = u($(3 + i), P[i])
        if (a != x[v, i] + 0) {
          print "village " v ": column " i " is " a " in 汇总, " x[v, i] + 0 " in the details"; bad = 1 }
        t[open, i] += a; all[i] += a
      }
    } else if ($2 == "乡镇") {
      if ($3 != open) { print "乡镇 row " $3 " does not follow its villages (" open ")"; bad = 1 }
      for (i = 1; i <= 23; i++)
        if (u($(3 + i), P[i]) != t[$3, i] + 0) {
          print "township " $3 ": column " i " is " u($(3 + i), P[i]) ", its villages add up to " t[$3, i] + 0; bad = 1 }
      closed[$3] = 1; open = ""
    } else if ($2 == "全部") {
      if (open != "") { print "township " open " has no 乡镇 row"; bad = 1 }
      for (i = 1; i <= 23; i++)
        if (u($(3 + i), P[i]) != all[i] + 0) {
          print "全部: column " i " is " u($(3 + i), P[i]) ", the villages add up to " all[i] + 0; bad = 1 }
      done = 1
    } else { print "unknown 层级: " $0; bad = 1 }
  }
  /BAD ROW|NO COLUMN/ { print; bad = 1 }
  END {
    for (v in seen) if (!(v in insum)) { print "village " v " has detail rows but no 汇总 row"; bad = 1 }
    if (!done) { print "no 全部 row"; bad = 1 }
    exit bad
  }'
}

# ==== the data ====
#
# Assets (doc/domain.md: monthly charge = round_half_up(original × (1 − 5%) /
# life) fen, from the month after acquisition, every month ended on or
# before the date; the default lives: 农业机械 and 机器设备 120 months,
# 电子设备 36, 运输设备 48, 房屋及建筑物 240):
#   V1-ZC-0001 拖拉机 农业机械 120,000.00, 2020-06-15 (doc/domain.md's example)
#   V1-ZC-0002 电脑 电子设备 6,000.00, 2025-03-10 (bought in the year)
#   V1-ZC-0003 旧仓库 房屋及建筑物 50,000.00, 2010-01-01, scrapped by a
#              filing executed 2025-04-10
#   V2-ZC-0001 水泵 机器设备 8,000.00, 2020-01-01 (let under V2-HT-0001)
#   V2-ZC-0002 播种机 农业机械 20,000.00, 2026-01-10 (after the year)
#   H1-ZC-0001 旧车 运输设备 30,000.00, 2022-01-01, scrapped by a filing
#              executed 2026-03-10 (after the reference date)
# Resources: V1-ZY-0001 村北旱地 0103 60.5 亩 (certificate), V1-ZY-0002
# 南滩地 0103 12.3456 亩 (none), H1-ZY-0001 北山草地 0401 100 亩 (certificate).
# Accounts: V1-ZH-0001 现金 (库存现金) 1,000.00 from 2024-01-01, V1-ZH-0002
# 农商行 (银行存款) 50,000.00 from 2024-01-01, V2-ZH-0001 农商行 20,000.00
# from 2023-01-01, H1-ZH-0001 现金 0.00 from 2025-01-01.
# Contracts: V1-HT-0001 出租 of V1-ZY-0001 to 王二 (ID2), 2024-01-01 ..
# 2026-12-31, 1,200.00 a year 年付 from 2024-01-01; V2-HT-0001 出租 of
# V2-ZC-0001 to 刘建华 (ID3), 2025-04-01 .. 2027-03-31, 4,000.00 a year 季付
# from 2025-04-01 (1,000.00 a quarter).
# Loans: V2-DK-0001 500,000.00 at 4.35% from 2024-07-01, interest for
# 2024-07-01 .. 2024-10-01 paid 2025-01-02 (voucher 记-2025-01-02, booked);
# H1-DK-0001 100,000.00 at 3.6% from 2025-01-01, interest for 2025-01-01 ..
# 2025-07-01 paid 2025-07-01 (voucher 记-009, never booked).

asset() {
  v=$1 n=$2 c=$3 o=$4 d=$5
  shift 5
  sanzi asset add village=$v name=$n category=$c nature=经营性 \
    original_value=$o acquired_via=购入 acquired_on=$d status=在用 "$@"
}
# fund VILLAGE ACCOUNT VOUCHER DATE DIRECTION AMOUNT CATEGORY [KEY=VALUE...]
fund() {
  v=$1 a=$2 vo=$3 d=$4 di=$5 am=$6 c=$7
  shift 7
  sanzi fund add village=$v account=$v-ZH-000$a voucher=$vo date=$d \
    direction=$di amount=$am category=$c summary=测试 "$@"
}

test_expect_success 'setup: registers, books, contracts, filings, loans and subsidies' '
  setup_county && {
  asset $V1 拖拉机 农业机械 120000 2020-06-15 &&
  asset $V1 电脑 电子设备 6000 2025-03-10 &&
  asset $V1 旧仓库 房屋及建筑物 50000 2010-01-01 certificate=武房权2010-001 &&
  asset $V2 水泵 机器设备 8000 2020-01-01 &&
  asset $V2 播种机 农业机械 20000 2026-01-10 &&
  asset $H1 旧车 运输设备 30000 2022-01-01 &&
  sanzi resource add village=$V1 name=村北旱地 land_class=0103 area=60.5 \
    status=未利用 certificate=武集地2019-01 &&
  sanzi resource add village=$V1 name=南滩地 land_class=0103 area=12.3456 \
    status=未利用 &&
  sanzi resource add village=$H1 name=北山草地 land_class=0401 area=100 \
    status=未利用 certificate=武集地2019-02 &&
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2024-01-01 &&
  sanzi account add village=$V1 name=农商行 kind=银行存款 \
    opening_balance=50000 opening_date=2024-01-01 &&
  sanzi account add village=$V2 name=农商行 kind=银行存款 \
    opening_balance=20000 opening_date=2023-01-01 &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=0 \
    opening_date=2025-01-01 &&
  sanzi contract add --without-filing village=$V1 kind=出租 object=$V1-ZY-0001 party=王二 \
    party_id=$ID2 party_is_member=是 start_date=2024-01-01 \
    end_date=2026-12-31 annual_amount=1200 payment=年付 first_due=2024-01-01 &&
  sanzi contract add --without-filing village=$V2 kind=出租 object=$V2-ZC-0001 party=刘建华 \
    party_id=$ID3 party_is_member=否 start_date=2025-04-01 \
    end_date=2027-03-31 annual_amount=4000 payment=季付 first_due=2025-04-01 &&
  fund $V1 2 记-101 2024-01-05 收入 1200 经营收入 contract=$V1-HT-0001 &&
  fund $V1 2 记-102 2024-06-01 收入 10000 经营收入 &&
  fund $V1 2 记-001 2025-02-01 收入 30000 经营收入 &&
  fund $V1 2 记-002 2025-02-01 收入 500 经营收入 contract=$V1-HT-0001 &&
  fund $V1 2 记-003 2025-03-01 收入 5000.50 投资收益 &&
  fund $V1 2 记-004 2025-03-10 支出 6000 购建资产 &&
  fund $V1 2 记-005 2025-12-31 支出 1234.56 管理费用 &&
  fund $V1 1 记-006 2025-06-01 收入 8000 其他收入 &&
  fund $V1 2 记-201 2026-01-05 收入 999 其他收入 &&
  fund $V1 2 记-202 2026-01-10 收入 700 经营收入 contract=$V1-HT-0001 &&
  fund $V2 1 记-103 2024-12-31 支出 500 管理费用 &&
  fund $V2 1 记-001 2025-01-01 收入 120000 经营收入 &&
  fund $V2 1 记-002 2025-04-02 收入 1000 经营收入 contract=$V2-HT-0001 &&
  fund $V2 1 记-003 2025-07-05 收入 1000 经营收入 contract=$V2-HT-0001 &&
  fund $V2 1 记-2025-01-02 2025-01-02 支出 5558.33 其他支出 &&
  fund $H1 1 记-001 2025-05-05 收入 3000 补助收入 &&
  fund $H1 1 记-002 2025-05-06 支出 2000 公益支出 &&
  # 报废 of 旧仓库: the four meetings in March, 决议公开 03-21..03-27, the
  # review 03-28, executed 04-10, 结果公开 04-11..04-17
  sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0003 reason=损坏 \
    method=协议 date=2025-03-10 &&
  procedure $V1-CZ-0001 &&
  review $V1-CZ-0001 --decision 同意 --date 2025-03-28 &&
  sanzi disposal execute $V1-CZ-0001 --date 2025-04-10 --party 废品站 --price 0 &&
  sanzi disposal publicize $V1-CZ-0001 --kind 结果 --from 2025-04-11 \
    --to 2025-04-17 &&
  # 报废 of 旧车, all of it in 2026
  sanzi disposal new village=$H1 type=报废 objects=$H1-ZC-0001 reason=损坏 \
    method=协议 date=2026-02-01 &&
  vote $H1-CZ-0001 提议 2026-02-02 7 5 5 0 &&
  vote $H1-CZ-0001 商议 2026-02-03 9 7 6 1 &&
  vote $H1-CZ-0001 审议 2026-02-04 20 15 12 3 &&
  vote $H1-CZ-0001 决议 2026-02-05 30 22 18 4 --body 村民代表会议 &&
  sanzi disposal publicize $H1-CZ-0001 --kind 决议 --from 2026-02-06 \
    --to 2026-02-12 &&
  review $H1-CZ-0001 --decision 同意 --date 2026-02-13 &&
  sanzi disposal execute $H1-CZ-0001 --date 2026-03-10 --party 废品站 --price 0 &&
  sanzi program set --year 2025 &&
  sanzi loan add village=$V2 lender=信用社 contract_no=A1 project=合作社项目 \
    principal=500000 rate=4.35 start_date=2024-07-01 maturity=2027-07-01 &&
  sanzi loan interest $V2-DK-0001 --from 2024-07-01 --to 2024-10-01 \
    --paid 5558.33 --paid-on 2025-01-02 --voucher 记-2025-01-02 &&
  sanzi subsidy apply --loan $V2-DK-0001 --year 2025 --date 2025-01-05 &&
  sanzi subsidy review $V2-TX-0001 --decision 同意 --date 2025-01-10 &&
  sanzi subsidy publicize $V2-TX-0001 --from 2025-01-11 --to 2025-01-17 &&
  sanzi subsidy approve $V2-TX-0001 --date 2025-01-20 &&
  sanzi subsidy pay $V2-TX-0001 --date 2025-01-25 --voucher 付-001 &&
  sanzi loan add village=$H1 lender=信用社 contract_no=B1 project=养殖项目 \
    principal=100000 rate=3.6 start_date=2025-01-01 maturity=2026-12-31 &&
  sanzi loan interest $H1-DK-0001 --from 2025-01-01 --to 2025-07-01 \
    --paid 1810 --paid-on 2025-07-01 --voucher 记-009 &&
  sanzi subsidy apply --loan $H1-DK-0001 --year 2025 --date 2025-07-05 &&
  sanzi subsidy review $H1-TX-0001 --decision 同意 --date 2025-07-06 &&
  sanzi subsidy publicize $H1-TX-0001 --from 2025-07-07 --to 2025-07-13 &&
  sanzi subsidy approve $H1-TX-0001 --date 2025-07-14
  } >/dev/null 2>&1 &&
  test "$(sql "SELECT code FROM asset ORDER BY id" | tr "\n" " ")" = \
    "$V1-ZC-0001 $V1-ZC-0002 $V1-ZC-0003 $V2-ZC-0001 $V2-ZC-0002 $H1-ZC-0001 " &&
  test "$(sql "SELECT status FROM disposal ORDER BY code")" = "$(printf "%s\n" 已公开 已执行)"
'

# ==== the export ====

test_expect_success 'export: exit 0, where it was written and "6 findings" on stdout; the database unchanged' '
  # The findings, by the rules of doc/domain.md:
  #   V1: HT02 V1-HT-0001 (700.00 due 2025-01-01 unpaid at 12-31); ZC02
  #       V1-ZY-0002 (land without a certificate); ZJ01 V1-ZH-0001 (cash
  #       1,000.00 + 8,000.00 = 9,000.00 > 5,000.00)
  #   V2: CZ01 V2-HT-0001 (let from 2025-04-01 with no filing behind it);
  #       HT02 V2-HT-0001 (1,000.00 due 2025-10-01 unpaid)
  #   H1: TX01 H1-TX-0001 (interest voucher 记-009 has no 支出 entry)
  # 3 + 2 + 1 = 6
  before=$(db_state) &&
  t0=$(date -u +%Y-%m-%dT%H:%M:%SZ) &&
  audit exp &&
  t1=$(date -u +%Y-%m-%dT%H:%M:%SZ) &&
  echo "$t0 $t1" >times &&
  test "$(wc -l <out)" = 2 &&
  sed -n 1p out | grep -q "written to exp" &&
  said 2 "6 findings" &&
  unchanged
'

test_expect_success 'the directory holds the 17 CSV files, the workbook and manifest.txt, nothing else' '
  { for f in $FILES; do echo "$f.csv"; done; echo manifest.txt; echo $BOOK; } |
    LC_ALL=C sort >expect &&
  ls -A exp | LC_ALL=C sort >actual &&
  test_cmp expect actual &&
  no_hidden exp
'

test_expect_success 'every CSV: UTF-8 with BOM, CRLF, the Chinese header of its table' '
  cat >headers <<-\EOF &&
	00-汇总|层级,代码,名称,资产数,资产原值,累计折旧,资产净值,资源数,资源面积(亩),年初余额,本年开户余额,本年收入,本年支出,期末余额,经营性收入,空白村,薄弱村,一般村,较强村,合同数,合同累计应收,合同累计已收,逾期未收,贴息审定,贴息拨付,审计发现
	01-资产清单|资产编号,村代码,村名称,资产名称,资产类别,资产性质,使用状态,取得方式,取得日期,原值,累计折旧,净值,权证号
	02-资产增减|变动,日期,资产编号,村代码,村名称,资产名称,资产类别,原值,累计折旧,净值,处置申报编号,处置类型,成交价
	03-资源清单|资源编号,村代码,村名称,资源名称,地类代码,地类,坐落位置,面积(亩),权证号,经营状态,现行合同
	04-账户余额|账户编号,村代码,村名称,账户名称,账户类型,开户日期,年初余额,本年开户余额,本年收入,本年支出,期末余额
	05-收支分类|村代码,村名称,收支方向,收支类别,科目代码,笔数,金额
	06-合同|合同编号,村代码,村名称,合同类型,标的编号,对方名称,对方证件号,起始日期,终止日期,年金额,付款方式,处置申报编号,本年应收,累计应收,累计已收,逾期未收,最早逾期应付日
	07-处置申报|申报编号,村代码,村名称,处置类型,处置方式,申报日期,申报人,处置标的,账面价值,面积(亩),拟定价格,提议,商议,审议,决议,决议公开,评估价,评估报告,乡镇审核,审核人,执行日期,受让方,成交价,收款凭证,低价决议,结果公开,状态
	08-处置表决|申报编号,村代码,村名称,步骤,会议,日期,计数单位,应到,实到,赞成,反对,弃权,实到至少,赞成至少,结果,会议记录
	09-贷款|贷款编号,村代码,村名称,贷款银行,贷款合同号,项目名称,本金,年利率(%),放款日期,到期日期,本年付息,撤回原因
	10-付息|付息编号,贷款编号,村代码,村名称,计息起,计息止,天数,实付利息,付息日期,付息凭证,贴息申请,撤回原因
	11-贴息申请|申请编号,村代码,村名称,贷款编号,申请日期,申请金额,状态,审定日期,审定金额,限额,拨付日期,拨付金额,拨付凭证
	12-贴息资金|年度,预算,补贴比例(%),利率上限(%),计息天数基础,村年度限额,已审定未拨付,已拨付,预算结余
	13-村级分类|村代码,村名称,乡镇代码,经营收入,投资收益,本年经营性收入,本年类别,上年经营性收入,上年类别,增减额,变化
	14-审计发现|序号,代码,问题,村代码,村名称,记录,说明
	15-参数|参数,名称,值,单位,说明
	16-结账|村代码,村名称,本年已结账月数,已结账至,结账人,结账日期
	EOF
  test "$(wc -l <headers)" = 17 &&
  while IFS="|" read -r f h; do
    test "$(head -c 3 "exp/$f.csv" | od -An -tx1 | tr -d " ")" = efbbbf ||
      { echo "$f: no BOM"; return 1; }
    awk "!/\r\$/ { print FILENAME \": line \" NR \" does not end in CRLF\"; bad = 1 }
         END { exit bad }" "exp/$f.csv" || return 1
    test "$(sed -n "1s/^\xef\xbb\xbf//; 1s/\r\$//p" "exp/$f.csv")" = "$h" ||
      { echo "$f: header is not $h"; return 1; }
  done <headers
'

test_expect_success '01-资产清单: what the villages held at 2025-12-31, depreciated to that date' '
  # V1-ZC-0001: 12,000,000 fen × 95% / 120 = 95,000 = 950.00 a month,
  #   July 2020 .. Dec 2025 = 6 + 5 × 12 = 66 months = 62,700.00;
  #   net 120,000.00 − 62,700.00 = 57,300.00
  # V1-ZC-0002: 600,000 × 95% / 36 = 15,833.33 -> 15,833 fen; Apr .. Dec
  #   2025 = 9 months = 142,497 fen = 1,424.97; net 4,575.03
  # V1-ZC-0003: disposed of on 2025-04-10, before the reference date: gone
  # V2-ZC-0001: 800,000 × 95% / 120 = 6,333.33 -> 6,333 fen; Feb 2020 ..
  #   Dec 2025 = 11 + 60 = 71 months = 449,643 fen = 4,496.43; net 3,503.57
  # V2-ZC-0002: acquired 2026-01-10, after the reference date: not listed
  # H1-ZC-0001: scrapped in 2026, so held at 2025-12-31: 3,000,000 × 95% /
  #   48 = 59,375 fen; Feb 2022 .. Dec 2025 = 11 + 36 = 47 months =
  #   2,790,625 fen = 27,906.25; net 2,093.75
  pick exp/01-资产清单.csv 资产编号 村代码 资产名称 资产类别 取得日期 原值 累计折旧 净值 权证号 |
    sort >actual &&
  sort >expect <<-EOF &&
	$V1-ZC-0001|$V1|拖拉机|农业机械|2020-06-15|120000.00|62700.00|57300.00|
	$V1-ZC-0002|$V1|电脑|电子设备|2025-03-10|6000.00|1424.97|4575.03|
	$V2-ZC-0001|$V2|水泵|机器设备|2020-01-01|8000.00|4496.43|3503.57|
	$H1-ZC-0001|$H1|旧车|运输设备|2022-01-01|30000.00|27906.25|2093.75|
	EOF
  test_cmp expect actual
'

test_expect_success '02-资产增减: the addition of the year and the disposal, depreciated through its month' '
  # 增加: V1-ZC-0002 as in the inventory (1,424.97, net 4,575.03)
  # 减少: V1-ZC-0003 旧仓库 50,000.00 from 2010-01-01, 240 months:
  #   5,000,000 × 95% / 240 = 19,791.67 -> 19,792 fen; Feb 2010 .. Apr 2025
  #   (the month of the disposal counts) = 11 + 14 × 12 + 4 = 183 months =
  #   3,621,936 fen = 36,219.36; net 13,780.64; 报废 at 0.00
  # Neither 播种机 (2026) nor the 2026 disposal of 旧车 is in 2025.
  pick exp/02-资产增减.csv 变动 日期 资产编号 村代码 原值 累计折旧 净值 处置申报编号 处置类型 成交价 |
    sort >actual &&
  sort >expect <<-EOF &&
	增加|2025-03-10|$V1-ZC-0002|$V1|6000.00|1424.97|4575.03|||
	减少|2025-04-10|$V1-ZC-0003|$V1|50000.00|36219.36|13780.64|$V1-CZ-0001|报废|0.00
	EOF
  test_cmp expect actual
'

test_expect_success '03-资源清单: area in 亩 without trailing zeros, the contract in force' '
  # 0103 旱地, 0401 天然牧草地 (land-classes.csv); V1-HT-0001 runs
  # 2024-01-01 .. 2026-12-31, so it is in force at 2025-12-31
  grep -q "^0103,旱地," "$SAMPLE/land-classes.csv" &&
  grep -q "^0401,天然牧草地," "$SAMPLE/land-classes.csv" &&
  pick exp/03-资源清单.csv 资源编号 村代码 地类代码 地类 "面积(亩)" 权证号 现行合同 | sort >actual &&
  sort >expect <<-EOF &&
	$V1-ZY-0001|$V1|0103|旱地|60.5|武集地2019-01|$V1-HT-0001
	$V1-ZY-0002|$V1|0103|旱地|12.3456||
	$H1-ZY-0001|$H1|0401|天然牧草地|100|武集地2019-02|
	EOF
  test_cmp expect actual
'

test_expect_success '04-账户余额: opening of the year, income, expense and closing at 12-31' '
  # V1-ZH-0001 现金: 1,000.00; 收入 8,000.00 (06-01); closing 9,000.00
  # V1-ZH-0002 农商行: 50,000.00 + 1,200.00 + 10,000.00 (2024) = 61,200.00;
  #   收入 30,000.00 + 500.00 + 5,000.50 = 35,500.50; 支出 6,000.00 +
  #   1,234.56 (on 12-31 itself) = 7,234.56; closing 61,200.00 + 35,500.50
  #   − 7,234.56 = 89,465.94 (the 2026 entries 999.00 and 700.00 left out)
  # V2-ZH-0001: 20,000.00 − 500.00 (2024-12-31) = 19,500.00; 收入
  #   120,000.00 (01-01 itself) + 1,000.00 + 1,000.00 = 122,000.00; 支出
  #   5,558.33; closing 19,500.00 + 122,000.00 − 5,558.33 = 135,941.67
  # H1-ZH-0001: 0.00; 3,000.00; 2,000.00; 1,000.00
  pick exp/04-账户余额.csv 账户编号 村代码 账户类型 年初余额 本年收入 本年支出 期末余额 |
    sort >actual &&
  sort >expect <<-EOF &&
	$V1-ZH-0001|$V1|库存现金|1000.00|8000.00|0.00|9000.00
	$V1-ZH-0002|$V1|银行存款|61200.00|35500.50|7234.56|89465.94
	$V2-ZH-0001|$V2|银行存款|19500.00|122000.00|5558.33|135941.67
	$H1-ZH-0001|$H1|库存现金|0.00|3000.00|2000.00|1000.00
	EOF
  test_cmp expect actual
'

test_expect_success '05-收支分类: the year by category; per village and direction it adds up to 04' '
  # V1 收入: 经营收入 30,000.00 + 500.00 (2 entries), 投资收益 5,000.50,
  #   其他收入 8,000.00; 支出: 购建资产 6,000.00, 管理费用 1,234.56
  # V2 收入: 经营收入 120,000.00 + 1,000.00 + 1,000.00 (3); 支出: 其他支出
  #   5,558.33; H1 收入 补助收入 3,000.00; 支出 公益支出 2,000.00
  # codes: doc/domain.md (财会〔2023〕14号)
  pick exp/05-收支分类.csv 村代码 收支方向 收支类别 科目代码 笔数 金额 | sort >actual &&
  sort >expect <<-EOF &&
	$V1|收入|经营收入|501|2|30500.00
	$V1|收入|投资收益|502|1|5000.50
	$V1|收入|其他收入|504|1|8000.00
	$V1|支出|购建资产|151/153|1|6000.00
	$V1|支出|管理费用|513|1|1234.56
	$V2|收入|经营收入|501|3|122000.00
	$V2|支出|其他支出|515|1|5558.33
	$H1|收入|补助收入|503|1|3000.00
	$H1|支出|公益支出|514|1|2000.00
	EOF
  test_cmp expect actual &&
  fen="function f(s, p) { split(s, p, \".\"); return p[1] * 100 + p[2] }" &&
  pick exp/05-收支分类.csv 村代码 收支方向 金额 |
    awk -F"|" "$fen { s[\$1 \"|\" \$2] += f(\$3) }
      END { for (k in s) print k \"|\" s[k] }" | sort >by-category &&
  pick exp/04-账户余额.csv 村代码 本年收入 本年支出 |
    awk -F"|" "$fen { i[\$1] += f(\$2); e[\$1] += f(\$3) }
      END { for (v in i) { if (i[v]) print v \"|收入|\" i[v]; if (e[v]) print v \"|支出|\" e[v] } }" |
    sort >by-account &&
  test_cmp by-account by-category &&
  test "$(wc -l <by-account)" = 6
'

test_expect_success '06-合同: due in the year, due, received and overdue at 12-31; the ID number whole' '
  # V1-HT-0001 年付 1,200.00 from 2024-01-01: due 2024-01-01, 2025-01-01
  #   (2026-01-01 after the date): 本年应收 1,200.00, 累计应收 2,400.00;
  #   received by 12-31 1,200.00 + 500.00 = 1,700.00 (the 700.00 of
  #   2026-01-10 comes after); the oldest first: 2025-01-01 owes 700.00
  # V2-HT-0001 季付 4,000.00 / 4 = 1,000.00 on 04-01, 07-01, 10-01 (and
  #   2026-01-01 after): 3,000.00 both in the year and in all; received
  #   2,000.00; overdue 1,000.00 since 2025-10-01
  pick exp/06-合同.csv 合同编号 村代码 对方名称 对方证件号 年金额 付款方式 本年应收 累计应收 累计已收 逾期未收 最早逾期应付日 |
    sort >actual &&
  sort >expect <<-EOF &&
	$V1-HT-0001|$V1|王二|$ID2|1200.00|年付|1200.00|2400.00|1700.00|700.00|2025-01-01
	$V2-HT-0001|$V2|刘建华|$ID3|4000.00|季付|3000.00|3000.00|2000.00|1000.00|2025-10-01
	EOF
  test_cmp expect actual &&
  # the register export and the list mask them: 6 + 8 × "*" + 4
  sanzi contract export >reg.csv &&
  pick reg.csv 对方证件号 | sort >masked &&
  printf "%s\n" "150125********0028" "911501********456L" >expect &&
  test_cmp expect masked &&
  sanzi contract list >list &&
  ! grep -q "$ID2" list && grep -q "150125\*\*\*\*\*\*\*\*0028" list
'

test_expect_success '07/08: the filing of the year with its procedure, every meeting' '
  # book value at the filing (2025-03-10), through Feb 2025: Feb 2010 ..
  # Feb 2025 = 11 + 14 × 12 + 2 = 181 months × 19,792 = 3,582,352 fen;
  # 5,000,000 − 3,582,352 = 1,417,648 fen = 14,176.48
  # H1-CZ-0001 was filed in 2026: not a 2025 filing
  pick exp/07-处置申报.csv 申报编号 村代码 处置类型 处置方式 申报日期 申报人 处置标的 账面价值 决议公开 乡镇审核 审核人 执行日期 受让方 成交价 结果公开 状态 >actual &&
  echo "$V1-CZ-0001|$V1|报废|协议|2025-03-10|tester|$V1-ZC-0003|14176.48|2025-03-21 至 2025-03-27|2025-03-28 同意|$REVIEWER|2025-04-10|废品站|0.00|2025-04-11 至 2025-04-17|已公开" >expect &&
  test_cmp expect actual &&
  # least numbers: 提议 of 7: present more than 3.5 -> 4, for more than
  # half of 5 -> 3; 商议 of 9: present 5, for more than half of 7 -> 4;
  # 审议 of 20: present 2/3 -> 13.33 -> 14, for more than half of the 20
  # due -> 11; 决议 (村民代表会议) of 30: present 2/3 -> 20, for more than
  # half of 22 present -> 12
  pick exp/08-处置表决.csv 申报编号 步骤 会议 日期 应到 实到 赞成 反对 实到至少 赞成至少 结果 >actual &&
  cat >expect <<-EOF &&
	$V1-CZ-0001|提议|党支部会议|2025-03-11|7|5|5|0|4|3|通过
	$V1-CZ-0001|商议|两委联席会议|2025-03-12|9|7|6|1|5|4|通过
	$V1-CZ-0001|审议|党员大会|2025-03-15|20|15|12|3|14|11|通过
	$V1-CZ-0001|决议|村民代表会议|2025-03-20|30|22|18|4|20|12|通过
	EOF
  test_cmp expect actual
'

test_expect_success '09-12: loans, interest, applications and the fund of 2025' '
  # V2-LX-0001: 2024-07-01 .. 2024-10-01 = 31 + 31 + 30 = 92 days, paid
  #   5,558.33 on 2025-01-02; subsidy 5,558.33 × 50% = 2,779.165 -> 2,779.17
  # H1-LX-0001: 2025-01-01 .. 2025-07-01 = 31 + 28 + 31 + 30 + 31 + 30 =
  #   181 days; 100,000.00 × 3.6% × 181 / 360 = 1,810.00 = paid; subsidy
  #   905.00, approved, not paid
  # fund: 1,000,000.00 − 905.00 (reserved) − 2,779.17 (paid) = 996,315.83
  pick exp/09-贷款.csv 贷款编号 村代码 本金 "年利率(%)" 放款日期 到期日期 本年付息 | sort >actual &&
  sort >expect <<-EOF &&
	$V2-DK-0001|$V2|500000.00|4.35|2024-07-01|2027-07-01|5558.33
	$H1-DK-0001|$H1|100000.00|3.6|2025-01-01|2026-12-31|1810.00
	EOF
  test_cmp expect actual &&
  pick exp/10-付息.csv 付息编号 村代码 计息起 计息止 天数 实付利息 付息日期 付息凭证 贴息申请 | sort >actual &&
  sort >expect <<-EOF &&
	$V2-LX-0001|$V2|2024-07-01|2024-10-01|92|5558.33|2025-01-02|记-2025-01-02|$V2-TX-0001
	$H1-LX-0001|$H1|2025-01-01|2025-07-01|181|1810.00|2025-07-01|记-009|$H1-TX-0001
	EOF
  test_cmp expect actual &&
  pick exp/11-贴息申请.csv 申请编号 村代码 申请金额 状态 审定日期 审定金额 拨付日期 拨付金额 拨付凭证 | sort >actual &&
  sort >expect <<-EOF &&
	$V2-TX-0001|$V2|2779.17|已拨付|2025-01-20|2779.17|2025-01-25|2779.17|付-001
	$H1-TX-0001|$H1|905.00|已审定|2025-07-14|905.00|||
	EOF
  test_cmp expect actual &&
  pick exp/12-贴息资金.csv 年度 预算 "补贴比例(%)" "利率上限(%)" 计息天数基础 村年度限额 已审定未拨付 已拨付 预算结余 >actual &&
  echo "2025|1000000.00|50||360|100000.00|905.00|2779.17|996315.83" >expect &&
  test_cmp expect actual
'

test_expect_success '13-村级分类: operating income, band and the change from 2024' '
  # V1: 经营收入 30,000.00 + 500.00 = 30,500.00, 投资收益 5,000.50:
  #   35,500.50 < 50,000.00 薄弱村; 2024: 1,200.00 + 10,000.00 = 11,200.00
  #   薄弱村; +24,300.50, 持平
  # V2: 120,000.00 + 1,000.00 + 1,000.00 = 122,000.00 >= 100,000.00 较强村;
  #   2024 (books since 2023): 0.00 空白村; +122,000.00, 升档
  # H1: nothing: 空白村; books only from 2025-01-01: 无上年账
  # every other village of the county: 空白村, 无上年账
  pick exp/13-村级分类.csv 村代码 乡镇代码 经营收入 投资收益 本年经营性收入 本年类别 上年经营性收入 上年类别 增减额 变化 >all &&
  grep -E "^($V1|$V2|$H1)\|" all >actual &&
  cat >expect <<-EOF &&
	$V1|150125100|30500.00|5000.50|35500.50|薄弱村|11200.00|薄弱村|24300.50|持平
	$V2|150125100|122000.00|0.00|122000.00|较强村|0.00|空白村|122000.00|升档
	$H1|150125101|0.00|0.00|0.00|空白村||||无上年账
	EOF
  test_cmp expect actual &&
  n=$(villages_of 150125) &&
  test "$(wc -l <all)" = $n &&
  test "$(grep -c "|0.00|0.00|0.00|空白村||||无上年账\$" all)" = $((n - 2))
'

test_expect_success '14-审计发现: the six findings, numbered, each with its village and record' '
  pick exp/14-审计发现.csv 村代码 代码 记录 | sort >actual &&
  sort >expect <<-EOF &&
	$V1|HT02|$V1-HT-0001
	$V1|ZC02|$V1-ZY-0002
	$V1|ZJ01|$V1-ZH-0001
	$V2|CZ01|$V2-HT-0001
	$V2|HT02|$V2-HT-0001
	$H1|TX01|$H1-TX-0001
	EOF
  test_cmp expect actual &&
  test "$(pick exp/14-审计发现.csv 序号 | tr "\n" " ")" = "1 2 3 4 5 6 " &&
  grep -q "未收 700.00 元" exp/14-审计发现.csv &&
  grep -q "9,000.00" exp/14-审计发现.csv
'

test_expect_success '15-参数: the parameters in force' '
  pick exp/15-参数.csv 参数 值 单位 >params &&
  grep -qx "cash_limit|5000.00|元" params &&
  grep -qx "residual_rate|5|%" params &&
  grep -qx "classify.weak_below|50000.00|元" params &&
  grep -qx "classify.general_below|100000.00|元" params &&
  grep -qx "useful_life.运输设备|48|月" params &&
  grep -qx "disposal.resolution_days|7|天" params
'

# ==== the summary ====

test_expect_success '00-汇总: the three villages, their townships and the county, by hand' '
  # V1: assets 2: 120,000.00 + 6,000.00 = 126,000.00, depreciation 62,700.00
  #   + 1,424.97 = 64,124.97, net 61,875.03; resources 2: 60.5 + 12.3456 =
  #   72.8456 亩; opening 1,000.00 + 61,200.00 = 62,200.00, income 8,000.00
  #   + 35,500.50 = 43,500.50, expense 7,234.56, closing 9,000.00 +
  #   89,465.94 = 98,465.94; operating 35,500.50 (薄弱村); 1 contract 2,400.00
  #   due, 1,700.00 received, 700.00 overdue; no subsidy; 3 findings
  # V2: 1 asset 8,000.00 / 4,496.43 / 3,503.57; no resource; 19,500.00,
  #   122,000.00, 5,558.33, 135,941.67; 122,000.00 (较强村); 1 contract
  #   3,000.00 / 2,000.00 / 1,000.00; subsidy approved and paid 2,779.17;
  #   2 findings
  # H1: 1 asset 30,000.00 / 27,906.25 / 2,093.75; 1 resource 100 亩; 0.00,
  #   3,000.00, 2,000.00, 1,000.00; 0.00 (空白村); no contract; 905.00
  #   approved, 0.00 paid; 1 finding
  # 可可以力更镇 (19 villages): V1 + V2: 3 assets 134,000.00 / 68,621.40 /
  #   65,378.60, 2 resources 72.8456, 81,700.00, 165,500.50, 12,792.89,
  #   234,407.61, 157,500.50, 空白村 19 − 2 = 17, 薄弱村 1, 较强村 1, 2
  #   contracts 5,400.00 / 3,700.00 / 1,700.00, 2,779.17 / 2,779.17, 5
  # 全县 (106 villages): 4 assets 164,000.00 / 96,527.65 / 67,472.35, 3
  #   resources 172.8456, 81,700.00, 168,500.50, 14,792.89, 235,407.61,
  #   157,500.50, 空白村 106 − 2 = 104, 1, 0, 1, 2 contracts 5,400.00 /
  #   3,700.00 / 1,700.00, 3,684.17 / 2,779.17, 6
  test "$(villages_of 150125100)" = 19 && test "$(villages_of 150125)" = 106 &&
  pick exp/00-汇总.csv 层级 代码 $SUMCOLS >all &&
  grep -E "^(村\|($V1|$V2|$H1)|乡镇\|150125100|全部)\|" all >actual &&
  cat >expect <<-EOF &&
	村|$V1|2|126000.00|64124.97|61875.03|2|72.8456|62200.00|0.00|43500.50|7234.56|98465.94|35500.50|0|1|0|0|1|2400.00|1700.00|700.00|0.00|0.00|3
	村|$V2|1|8000.00|4496.43|3503.57|0|0|19500.00|0.00|122000.00|5558.33|135941.67|122000.00|0|0|0|1|1|3000.00|2000.00|1000.00|2779.17|2779.17|2
	乡镇|150125100|3|134000.00|68621.40|65378.60|2|72.8456|81700.00|0.00|165500.50|12792.89|234407.61|157500.50|17|1|0|1|2|5400.00|3700.00|1700.00|2779.17|2779.17|5
	村|$H1|1|30000.00|27906.25|2093.75|1|100|0.00|0.00|3000.00|2000.00|1000.00|0.00|1|0|0|0|0|0.00|0.00|0.00|905.00|0.00|1
	全部||4|164000.00|96527.65|67472.35|3|172.8456|81700.00|0.00|168500.50|14792.89|235407.61|157500.50|104|1|0|1|2|5400.00|3700.00|1700.00|3684.17|2779.17|6
	EOF
  test_cmp expect actual &&
  test "$(pick exp/00-汇总.csv 层级 名称 | tail -n 1)" = "全部|全县合计" &&
  # one row per village of the county, one per township (11), one in all
  test "$(grep -c "^村|" all)" = 106 &&
  test "$(grep -c "^乡镇|" all)" = "$(grep -c ",township,150125\$" "$DIVISIONS")" &&
  test "$(grep -c "^乡镇|" all)" = 11 &&
  test "$(wc -l <all)" = 118
'

test_expect_success '00-汇总: villages = their detail rows, townships and the county = their villages, to the fen' '
  sum_check exp &&
  # the check itself catches one fen, in a village or in a township row
  mkdir doctored && cp exp/*.csv doctored/ &&
  sed -i "s/^村,$V2,\([^,]*\),1,8000.00,/村,$V2,\1,1,8000.01,/" doctored/00-汇总.csv &&
  ! sum_check doctored >msg && grep -q "village $V2: column 2" msg &&
  cp exp/00-汇总.csv doctored/ &&
  sed -i "s/^\(乡镇,150125101,[^,]*\),1,30000.00,/\1,1,30000.01,/" doctored/00-汇总.csv &&
  ! sum_check doctored >msg && grep -q "township 150125101: column 2" msg
'

# ==== manifest and workbook ====

test_expect_success 'manifest.txt: version, time, year, scope, findings, change log, anchor, every file' '
  m=exp/manifest.txt &&
  v=$(sanzi --version | cut -d" " -f2) &&
  grep -qx "程序版本：sanzi $v" $m &&
  at=$(sed -n "s/^导出时间：//p" $m) &&
  echo "$at" | grep -Eqx "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z" &&
  read t0 t1 <times &&
  ! expr "$at" \< "$t0" >/dev/null && ! expr "$at" \> "$t1" >/dev/null &&
  grep -qx "年度：2025" $m &&
  grep -qx "参考日期：2025-12-31" $m &&
  grep -qx "范围：全部（有台账记录的县的每一个村）" $m &&
  grep -qx "审计发现：6 项" $m &&
  grep -q "^证件号：完整显示" $m &&
  sanzi log verify >head 2>verified &&
  e=$(sed -n "s/^\([0-9]*\) change-log entries verified.*/\1/p" verified) &&
  test "$e" = "$(sql "SELECT count(*) FROM history")" &&
  grep -qx "变更日志：已验证，共 $e 条，链头 $(cat head)" $m &&
  # the anchor line: the export time, the entries and the head, also
  # appended to the anchors file beside the database
  grep -qx "链头锚点：sanzi anchor $at $e $(cat head)" $m &&
  grep -qx "sanzi anchor $at $e $(cat head)" "$SANZI_DB.anchors" &&
  sed -n "/^链头锚点/{n;p;n;p;}" $m >tail2 &&
  printf "\n文件\t行数\tSHA-256\n" >expect && test_cmp expect tail2 &&
  # 18 files; the workbook: the data rows of the 17 tables together
  XROWS=0 &&
  for f in $FILES; do XROWS=$((XROWS + $(data_rows exp/$f.csv))); done &&
  manifest_ok exp &&
  test "$(wc -l <files.m)" = 18 &&
  grep -q "^01-资产清单.csv${TAB}4$TAB" files.m &&
  grep -q "^00-汇总.csv${TAB}118$TAB" files.m
'

test_expect_success 'workbook: 汇总 first, then 资产清单 .. 参数; each sheet the CSV cell for cell' '
  $PY -c "import openpyxl, sys
print(\" \".join(openpyxl.load_workbook(sys.argv[1], read_only=True).sheetnames))" \
    exp/$BOOK >sheets &&
  echo "汇总 资产清单 资产增减 资源清单 账户余额 收支分类 合同 处置申报 处置表决 贷款 付息 贴息申请 贴息资金 村级分类 审计发现 参数 结账" >expect &&
  test_cmp expect sheets &&
  # money as numbers in #,##0.00, header frozen at A2, autofilter over
  # the data, widths set: the helper reports any lapse and fails
  $PY "$XLSX2CSV" exp/$BOOK book &&
  for f in $FILES; do cmp exp/$f.csv book/$f.csv || return 1; done &&
  # and the comparison catches a lapse: a fen more, a money cell in
  # another format, the header not frozen
  $PY - exp/$BOOK doctored.xlsx <<-\EOF &&
	import sys, openpyxl
	wb = openpyxl.load_workbook(sys.argv[1])
	ws = wb["账户余额"]
	ws["G2"].value = ws["G2"].value + 0.01
	ws["I2"].number_format = "0.00"
	wb["参数"].freeze_panes = None
	wb.save(sys.argv[2])
	EOF
  ! $PY "$XLSX2CSV" doctored.xlsx dbook 2>msg &&
  grep -q "账户余额!I2: money with the number format" msg &&
  grep -q "参数: freeze_panes" msg &&
  ! cmp -s exp/04-账户余额.csv dbook/04-账户余额.csv
'

test_expect_success 'workbook: a number is a number, the money format is #,##0.00' '
  $PY - exp/$BOOK <<-\EOF
	import sys, openpyxl
	ws = openpyxl.load_workbook(sys.argv[1])["资产清单"]
	head = [c.value for c in ws[1]]
	row = {h: c for h, c in zip(head, ws[2])}
	# V1-ZC-0001: 120,000.00 - 62,700.00 = 57,300.00
	assert row["资产编号"].value == "150125100201-ZC-0001", row["资产编号"].value
	for h, v in (("原值", 120000), ("累计折旧", 62700), ("净值", 57300)):
	    c = row[h]
	    assert c.data_type == "n" and round(c.value, 2) == v, (h, c.value)
	    assert c.number_format == "#,##0.00", (h, c.number_format)
	assert row["村代码"].value == "150125100201"   # text, not a number
	EOF
'

# ==== scope ====

test_expect_success '--village: that village only, everywhere; 3 findings; the last row 合计' '
  before=$(db_state) &&
  audit v1 --village $V1 &&
  said 2 "3 findings" &&
  unchanged &&
  for t in 01-资产清单:2 02-资产增减:2 03-资源清单:2 04-账户余额:2 05-收支分类:5 \
           06-合同:1 07-处置申报:1 08-处置表决:4 09-贷款:0 10-付息:0 \
           11-贴息申请:0 13-村级分类:1 14-审计发现:3; do
    f=v1/${t%:*}.csv
    test "$(data_rows $f)" = ${t#*:} || { echo "$f: $(data_rows $f) rows"; return 1; }
    test -z "$(pick $f 村代码 | grep -vx $V1)" || { echo "$f: other villages"; return 1; }
  done &&
  pick v1/00-汇总.csv 层级 代码 名称 >rows &&
  # the village, perhaps a subtotal of its township, then the 合计
  test "$(cut -d"|" -f1,2 rows | grep -vx "乡镇|150125100" | tr "\n" " ")" = \
    "村|$V1 全部| " &&
  test "$(tail -n 1 rows)" = "全部||合计" &&
  sum_check v1 &&
  grep -qx "审计发现：3 项" v1/manifest.txt &&
  grep "^范围：" v1/manifest.txt | grep -q $V1 &&
  XROWS=0 &&
  for f in $FILES; do XROWS=$((XROWS + $(data_rows v1/$f.csv))); done &&
  manifest_ok v1
'

test_expect_success '--township: its villages only; the last row 合计' '
  # 可可以力更镇: V1 + V2, 3 + 2 = 5 findings; H1 (哈乐镇) left out
  before=$(db_state) &&
  audit t100 --township 150125100 &&
  said 2 "5 findings" &&
  unchanged &&
  for f in $FILES; do
    case $f in 00-*|12-*|15-*) continue ;; esac
    test -z "$(pick t100/$f.csv 村代码 | grep -v "^150125100")" ||
      { echo "$f: a village of another township"; return 1; }
  done &&
  test "$(data_rows t100/01-资产清单.csv)" = 3 &&
  test "$(data_rows t100/04-账户余额.csv)" = 3 &&
  ! grep -q $H1 t100/*.csv &&
  pick t100/00-汇总.csv 层级 代码 名称 >rows &&
  test "$(grep -c "^村|150125100" rows)" = 19 &&
  test "$(grep -c "^村|" rows)" = 19 &&
  test "$(grep "^乡镇|" rows | cut -d"|" -f2)" = 150125100 &&
  test "$(tail -n 1 rows)" = "全部||合计" &&
  sum_check t100
'

test_expect_success '--village with one finding: "1 finding"' '
  audit h1 --village $H1 &&
  said 2 "1 finding" &&
  test "$(pick h1/14-审计发现.csv 代码 记录)" = "TX01|$H1-TX-0001"
'

# ==== formats ====

test_expect_success '--format csv: the 17 CSV files and the manifest, no workbook' '
  audit csvonly --format csv &&
  { for f in $FILES; do echo "$f.csv"; done; echo manifest.txt; } | LC_ALL=C sort >expect &&
  ls -A csvonly | LC_ALL=C sort >actual &&
  test_cmp expect actual &&
  for f in $FILES; do cmp exp/$f.csv csvonly/$f.csv || return 1; done &&
  manifest_ok csvonly && test "$(wc -l <files.m)" = 17
'

test_expect_success '--format xlsx: the workbook and the manifest only; the same cells' '
  audit xonly --format xlsx &&
  printf "%s\n" $BOOK manifest.txt | LC_ALL=C sort >expect &&
  ls -A xonly | LC_ALL=C sort >actual &&
  test_cmp expect actual &&
  XROWS=0 &&
  for f in $FILES; do XROWS=$((XROWS + $(data_rows exp/$f.csv))); done &&
  manifest_ok xonly && test "$(wc -l <files.m)" = 1 &&
  $PY "$XLSX2CSV" xonly/$BOOK xbook &&
  for f in $FILES; do cmp exp/$f.csv xbook/$f.csv || return 1; done
'

# ==== usage errors and refusals ====

test_expect_success 'usage errors exit 2, write nothing and make no directory' '
  before=$(db_state) &&
  test_must_fail 2 sanzi audit export --year 2025 2>err &&
  grep -q -- "--out" err &&
  test_must_fail 2 sanzi audit export --year 2025 --out u1 --format pdf 2>err &&
  grep -q "pdf" err && absent u1 &&
  test_must_fail 2 sanzi audit export --out u2 2>err &&
  grep -q -- "--year" err && absent u2 &&
  test_must_fail 2 sanzi audit export --year 2025 --out u3 extra 2>err &&
  grep -q "extra" err && absent u3 &&
  test_must_fail 2 sanzi audit export --year 2025 --out 2>err &&
  grep -q -- "--out" err &&
  unchanged
'

test_expect_success '--village and --township together is a usage error (exit 2)' '
  before=$(db_state) &&
  { test_must_fail 2 sanzi audit export --year 2025 --village $V1 \
      --township 150125100 --out u4 >out 2>err || { cat out err; false; }; } &&
  absent u4 && unchanged
'

test_expect_success 'a year that is not a year, or has not begun: exit 1, nothing made' '
  before=$(db_state) &&
  must_refuse sanzi audit export --year 20x5 --out r1 &&
  grep -q "20x5" err && absent r1 &&
  must_refuse sanzi audit export --year 25 --out r1 &&
  grep -q "25" err && absent r1 &&
  # today is in 2026: 2027 has not begun
  must_refuse sanzi audit export --year 2027 --out r1 &&
  grep -q "2027" err && absent r1 &&
  unchanged
'

test_expect_success 'an unknown village or township: exit 1, nothing made' '
  before=$(db_state) &&
  must_refuse sanzi audit export --year 2025 --village 150125100299 --out r2 &&
  grep -q "150125100299" err && absent r2 &&
  # a township code is not a village
  must_refuse sanzi audit export --year 2025 --village 150125100 --out r3 &&
  grep -q "150125100" err && absent r3 &&
  must_refuse sanzi audit export --year 2025 --township 150125199 --out r4 &&
  grep -q "150125199" err && absent r4 &&
  unchanged
'

test_expect_success '--out under a regular file, or a regular file: exit 1 naming the path' '
  before=$(db_state) &&
  : >plain &&
  must_refuse sanzi audit export --year 2025 --out plain/sub &&
  grep -q "plain/sub" err &&
  must_refuse sanzi audit export --year 2025 --out plain &&
  grep -q "plain" err &&
  test -f plain && ! test -s plain &&
  unchanged
'

test_expect_success 'a directory that cannot be written: exit 1 naming it, its files as they were' '
  audit ro &&
  st=$(dir_state ro) &&
  before=$(db_state) &&
  chmod a-w ro &&
  if touch ro/.probe 2>/dev/null; then
    rm -f ro/.probe   # root: chmod does not stop it; make it immutable
    chattr +i ro 2>/dev/null
  fi &&
  if touch ro/.probe 2>/dev/null; then
    rm -f ro/.probe; chattr -i ro 2>/dev/null; chmod u+w ro
    echo "# cannot make a read-only directory here: case not run"
  else
    sanzi audit export --year 2025 --out ro >out 2>err; rc=$?
    chattr -i ro 2>/dev/null; chmod u+w ro
    test $rc = 1 && ! test -s out &&
    grep -q "^sanzi: ro" err &&
    same_dir ro "$st"
  fi &&
  unchanged
'

# tamper: tam.db, a copy of the database with one asset changed behind the
# program (the guarding trigger stepped round by changing log_id twice, as
# t3020 does).
tamper() {
  rm -f "$TMP/tam.db" &&
  sqlite3 "$SANZI_DB" ".backup $TMP/tam.db" &&
  sqlite3 "$TMP/tam.db" "
    UPDATE asset SET original_value = 1, log_id = -log_id WHERE code = '$V1-ZC-0001';
    UPDATE asset SET log_id = -log_id WHERE code = '$V1-ZC-0001';"
}

test_expect_success 'a tampered database: exit 1, the message names the change log and the bad entry' '
  tamper &&
  use "$TMP/tam.db" &&
  test_must_fail 1 sanzi log verify 2>verr &&
  why=$(sed -n "s/^sanzi: log verify: //p" verr) &&
  test -n "$why" &&
  must_refuse sanzi audit export --year 2025 --out tam1 &&
  grep -q "change log" err &&
  grep -qF "$why" err
'

test_expect_success 'a tampered database: DIR keeps exactly what it had, nothing hidden left' '
  audit tam2 &&
  echo 备忘 >tam2/notes.txt &&
  st=$(dir_state tam2) &&
  tamper && use "$TMP/tam.db" &&
  before=$(db_state) &&
  must_refuse sanzi audit export --year 2025 --out tam2 &&
  same_dir tam2 "$st" &&
  no_hidden tam2 &&
  unchanged
'

test_expect_success 'a tampered database: a DIR that was not there is not made' '
  tamper && use "$TMP/tam.db" &&
  must_refuse sanzi audit export --year 2025 --out tam3 &&
  absent tam3
'

test_expect_success 'a file that cannot be put in place (a directory in its way): DIR as it was' '
  # on a copy, changed after the first export so that the new files differ
  sqlite3 "$SANZI_DB" ".backup mv.db" && use "$TMP/mv.db" &&
  audit mv &&
  rm mv/manifest.txt && mkdir -p mv/manifest.txt/x &&
  sanzi account add village=$V1 name=信用社 kind=银行存款 opening_balance=1 \
    opening_date=2025-01-01 >/dev/null &&
  st=$(dir_state mv) &&
  before=$(db_state) &&
  must_refuse sanzi audit export --year 2025 --out mv &&
  grep -q "mv/manifest.txt" err &&
  same_dir mv "$st" &&
  no_hidden mv &&
  unchanged
'

test_expect_success 'a file that cannot be written in full (file size limit): exit 1, DIR as it was' '
  # 2,000 assets make 01-资产清单.csv far larger than the limit (50 KB in
  # 512-byte blocks, 100 KB in 1 KB ones), the database opens under it
  use "$TMP/big.db" && setup_county &&
  { echo 村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态
    i=0; while [ $i -lt 2000 ]; do
      echo $V1,农具$i,农业机械,经营性,1000,购入,2020-01-01,在用; i=$((i + 1)); done
  } >many.csv &&
  sanzi asset import many.csv >/dev/null 2>&1 &&
  audit big &&
  test "$(data_rows big/01-资产清单.csv)" = 2000 &&
  asset $V2 水泵 机器设备 8000 2020-01-01 >/dev/null &&
  st=$(dir_state big) &&
  before=$(db_state) &&
  { (trap "" XFSZ; ulimit -f 100
     sanzi audit export --year 2025 --out big >out 2>err); rc=$?; true; } &&
  test $rc = 1 && ! test -s out &&
  grep -q "01-资产清单.csv" err &&
  same_dir big "$st" &&
  no_hidden big &&
  unchanged
'

# ==== again, and the parameters ====

test_expect_success 'exporting again into the same directory replaces the files; the manifest checks' '
  # one more 收入 of 1.00 for V1-ZH-0002: 本年收入 35,500.50 + 1.00 =
  # 35,501.50, closing 89,465.94 + 1.00 = 89,466.94
  echo 备忘 >exp/notes.txt &&
  old=$(sha256sum <exp/04-账户余额.csv) &&
  fund $V1 2 记-050 2025-08-01 收入 1 其他收入 >/dev/null &&
  before=$(db_state) &&
  audit exp &&
  unchanged &&
  test "$(cat exp/notes.txt)" = 备忘 &&
  no_hidden exp &&
  test "$(sha256sum <exp/04-账户余额.csv)" != "$old" &&
  test "$(pick exp/04-账户余额.csv 账户编号 本年收入 期末余额 | grep "^$V1-ZH-0002")" = \
    "$V1-ZH-0002|35501.50|89466.94" &&
  sanzi log verify >head 2>/dev/null &&
  grep -q "链头 $(cat head)\$" exp/manifest.txt &&
  XROWS=0 &&
  for f in $FILES; do XROWS=$((XROWS + $(data_rows exp/$f.csv))); done &&
  mv exp/notes.txt notes.keep &&
  manifest_ok exp &&
  $PY "$XLSX2CSV" exp/$BOOK book2 &&
  for f in $FILES; do cmp exp/$f.csv book2/$f.csv || return 1; done
'

test_expect_success 'a parameter changed is recorded in 15-参数 and used: cash at the limit is no finding' '
  # cash_limit 9,000.00: V1 holds 9,000.00, not above it: no ZJ01, 6 − 1 = 5
  sanzi config cash_limit 9000 >/dev/null &&
  audit p &&
  said 2 "5 findings" &&
  pick p/15-参数.csv 参数 值 | grep -qx "cash_limit|9000.00" &&
  ! pick p/14-审计发现.csv 代码 | grep -q ZJ01 &&
  sanzi config cash_limit 8999.99 >/dev/null &&
  audit p2 &&
  said 2 "6 findings" &&
  pick p2/14-审计发现.csv 代码 记录 | grep -qx "ZJ01|$V1-ZH-0001" &&
  sanzi config cash_limit 5000 >/dev/null
'

test_done
