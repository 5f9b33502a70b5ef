#!/bin/sh
# A new user on a bare C locale, as the issue tries it: from the demo
# (imports of the sample county, a disposal with a failed vote, a subsidy,
# the audit export) through a batch of mistakes and refusals, every word
# the clerk reads is Chinese, and so is every cell of the audit files.
# The texts themselves are asserted by the t90x0-zh-* tests of each area;
# this one proves that nothing on the way stayed English.
. "$(dirname "$0")/lib.sh"

# As on a freshly installed server: no language anywhere.
unset LANGUAGE LC_ALL LC_MESSAGES LANG
export LC_ALL=C

# Words in Latin letters that are not English sentences: the operators
# the demo and the tests name, the demo's own data (an LED screen), the
# words a clerk types (commands, verbs, option values), the time zone's
# tz name, and the codes this test typed wrong on purpose.
ALLOW='demo|tester|LED'
TYPED='account|asset|audit|classify|config|contract|disposal|fund|help|init|loan|log|notice|org|program|resource|serve|subsidy|summary|user|version|passwd|disable|enable|template|import|export|list|show|add|edit|balance|schedule|overdue|interest|withdraw|new|vote|appraise|publicize|review|execute|apply|approve|pay|report|set|findings|verify|table|csv|json|both|auto|utf|SANZI|USER|DB|CRLF|reverse|close|reopen|backup|restore|anchor|void'

# cells BOOK.xlsx: every sheet's name and every cell's text, one per line.
cells() {
  "$PY" - "$1" <<'PY'
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
for ws in book.worksheets:
    print(ws.title)
    for row in ws.iter_rows(values_only=True):
        for v in row:
            if v is not None:
                print(v)
PY
}

test_expect_success 'the demo, run as make demo runs it, speaks Chinese' '
  DEMO_DIR=$TMP SANZI_BIN=$SANZI sh "$TOP/bench/demo.sh" >demo.txt 2>&1 &&
  grep -F "演示：导入武川县的行政区划（乡镇和村）" demo.txt &&
  english_words demo.txt "$ALLOW|$TYPED" >words && test_cmp /dev/null words
'

test_expect_success 'every audit file is Chinese: CSV files, manifest, workbook' '
  test -f demo-out/manifest.txt &&
  # the first column of 15-参数 holds the parameters keys, for scripts
  for f in demo-out/*.csv demo-out/manifest.txt; do
    case $f in
    */15-参数.csv) cut -d, -f2- "$f" >scan ;;
    *) cp "$f" scan ;;
    esac
    english_words scan "$ALLOW|Asia|Shanghai" | sed "s|^|$f: |"
  done >words &&
  cells demo-out/*.xlsx | grep -v -E "^(useful_life|vote|term|subsidy|classify|disposal|registry|cash_limit|residual_rate|timezone|busy_wait|web|public)[._a-z]*" >book.txt &&
  test -s book.txt &&
  english_words book.txt "$ALLOW|Asia|Shanghai" | sed "s|^|workbook: |" >>words &&
  test_cmp /dev/null words
'

use "$TMP/mistakes.db"

test_expect_success 'a first import full of mistakes is refused in Chinese' '
  setup_county &&
  sanzi asset template >template.csv &&
  grep -F "使用年限（月）" template.csv &&
  printf "%s\n" "资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    ",150125100201,拖拉机,机械设备,经营性,3.5万x,购入,2019-13-05,在用" \
    ",999999999999,,房屋及建筑物,经营性,-12,自建,2019-03-05,丢失" \
    ",150125100201,水泵,机械设备,,12000.001,购入,2019-03-05,在用" >bad.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import bad.csv 2>err.txt &&
  unchanged && test "$(grep -c "^bad.csv:" err.txt)" -ge 5 &&
  english_words err.txt "$ALLOW" >words && test_cmp /dev/null words
'

test_expect_success 'a sheet that is not a spreadsheet of the register, in Chinese' '
  printf "姓名,电话\n张三,123\n" >other.csv &&
  test_must_fail 1 sanzi asset import other.csv 2>err.txt &&
  printf "\x00\x01\x02PK" >binary.csv &&
  test_must_fail 1 sanzi asset import binary.csv 2>>err.txt &&
  test_must_fail 1 sanzi asset import missing.csv 2>>err.txt &&
  english_words err.txt >words && test_cmp /dev/null words
'

test_expect_success 'wrong commands and options are refused in Chinese' '
  { test_must_fail 2 sanzi asett list
    test_must_fail 2 sanzi asset lsit
    test_must_fail 2 sanzi asset list --villag 150125100201
    test_must_fail 1 sanzi asset list --village 12345
    test_must_fail 1 sanzi asset show ZC-9999
    test_must_fail 2 sanzi asset add
    test_must_fail 1 sanzi asset add village=150125100201 name=x
    test_must_fail 1 sanzi audit findings --year 25
    test_must_fail 1 sanzi fund balance --as-of 2025-02-30
    test_must_fail 1 sanzi disposal vote NOPE --step 提议 --date 2025-03-01 \
      --due 7 --present 5 --for 5 --against 0
  } 2>err.txt &&
  test "$(grep -c . err.txt)" -ge 10 &&
  english_words err.txt "$ALLOW|$TYPED|NOPE|asett|lsit" >words &&
  test_cmp /dev/null words
'

test_expect_success 'help of the commands is Chinese' '
  { sanzi help; sanzi asset --help; sanzi disposal --help
    sanzi subsidy --help; sanzi audit --help; } >help.txt 2>&1 &&
  english_words help.txt "$ALLOW|$TYPED" >words && test_cmp /dev/null words
'

test_expect_success 'a failed vote and its record are Chinese' '
  V=150125100201 &&
  A=$(sanzi asset add village=$V name=旧电脑 category=电子设备 nature=非经营性 \
      original_value=9000 acquired_via=购入 acquired_on=2015-03-01 status=在用) &&
  F=$(sanzi disposal new village=$V type=报废 objects=$A reason=无法修复 \
      method=协议 date=2025-06-02) &&
  { sanzi disposal vote $F --step 提议 --date 2025-06-03 --due 7 --present 3 \
      --for 3 --against 0
    sanzi disposal vote $F --step 商议 --date 2025-06-03 --due 9 --present 9 \
      --for 9 --against 0
    sanzi disposal show $F
    sanzi log --key $F
  } >vote.txt 2>&1 &&
  grep -F "提议：应到 7 人，实到 3 人" vote.txt &&
  english_words vote.txt "$ALLOW" >words && test_cmp /dev/null words
'

test_done
