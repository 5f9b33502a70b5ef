#!/bin/sh
# sanzi asset import reads the encodings a clerk's files come in: UTF-8
# with or without a BOM, UTF-16 with a BOM (Excel's "Unicode text"), and
# GB18030/GBK without a BOM (Excel's CSV on a Chinese Windows). Whatever the
# encoding, the stored text equals the UTF-8 original.
. "$(dirname "$0")/lib.sh"

V1=150125100201
H='资产编号,村代码,资产名称,资产类别,资产性质,坐落位置,原值,取得方式,取得日期,使用状态,管护责任人,备注'

q() { sqlite3 "$SANZI_DB" "$1"; }
# The stored text of every asset, one line each, to compare with names.txt.
stored() { q "SELECT name, location, custodian, note FROM asset ORDER BY id"; }
nassets() { q "SELECT count(*) FROM asset"; }
# bytes OCTAL...: write raw bytes (dash's printf knows octal escapes only)
bytes() { for b in "$@"; do printf "\\$b"; done; }

# The original, in UTF-8: common and rare characters (镕 and 堃 are not in
# GB2312, 𠮷 is outside the BMP: four bytes in UTF-8 and in GB18030),
# full-width punctuation, a middle dot, a quoted comma, CRLF line ends.
test_expect_success 'setup: the UTF-8 original' '
  setup_county &&
  {
    echo "$H" &&
    echo ",$V1,村委会办公楼,房屋及建筑物,非经营性,福如东村一组,120000.00,自建,2020-06-15,在用,张建国,两层·砖混" &&
    echo ",$V1,圪料坝饮水井（一号）,水利设施,非经营性,村北,\"8,000.00\",扶贫投资形成,2019/3/5,在用,堃,\"井深80米，配泵\"" &&
    echo ",$V1,镕铸车间,房屋及建筑物,经营性,𠮷野家东侧,50000,自建,2010年5月1日,出租,乌兰其其格,\"租给\"\"兴旺\"\"合作社\"" &&
    echo ",$V1,“丰收”牌拖拉机,农业机械,经营性,农机棚,42000.00,购入,2021-03-10,在用,王二小,—"
  } | awk "{ printf \"%s\r\n\", \$0 }" >utf8.csv &&
  cat >names.txt <<-EOF &&
	村委会办公楼|福如东村一组|张建国|两层·砖混
	圪料坝饮水井（一号）|村北|堃|井深80米，配泵
	镕铸车间|𠮷野家东侧|乌兰其其格|租给"兴旺"合作社
	“丰收”牌拖拉机|农机棚|王二小|—
	EOF
  cp "$SANZI_DB" county.db
'

fresh() { cp county.db "$SANZI_DB"; }

test_expect_success 'UTF-8 without a BOM' '
  fresh &&
  sanzi asset import utf8.csv &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success 'UTF-8 with a BOM: the BOM is not part of the first column name' '
  fresh &&
  { bytes 357 273 277 && cat utf8.csv; } >bom.csv &&
  test "$(head -c 3 bom.csv | od -An -c | tr -d " ")" = "357273277" &&
  sanzi asset import bom.csv &&
  stored >actual &&
  test_cmp names.txt actual &&
  printf "%s\n" $V1-ZC-0001 $V1-ZC-0002 $V1-ZC-0003 $V1-ZC-0004 >expect &&
  q "SELECT code FROM asset ORDER BY id" >actual &&
  test_cmp expect actual
'

test_expect_success 'UTF-8 with a BOM and the 资产编号 column filled' '
  fresh &&
  { bytes 357 273 277 &&
    echo "资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" &&
    echo "FRD-001,$V1,水泵,机器设备,经营性,3500,购入,2022-04-01,在用"; } >bom2.csv &&
  sanzi asset import bom2.csv &&
  test "$(q "SELECT code FROM asset")" = FRD-001
'

test_expect_success 'UTF-16LE with a BOM' '
  fresh &&
  { bytes 377 376 && iconv -f UTF-8 -t UTF-16LE utf8.csv; } >utf16le.csv &&
  test "$(head -c 2 utf16le.csv | od -An -tx1 | tr -d " ")" = fffe &&
  sanzi asset import utf16le.csv &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success 'UTF-16BE with a BOM' '
  fresh &&
  { bytes 376 377 && iconv -f UTF-8 -t UTF-16BE utf8.csv; } >utf16be.csv &&
  sanzi asset import utf16be.csv &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success 'GB18030 without a BOM is recognised by itself' '
  fresh &&
  iconv -f UTF-8 -t GB18030 utf8.csv >gb.csv &&
  ! iconv -f UTF-8 -t UTF-8 gb.csv >/dev/null 2>&1 &&
  sanzi asset import gb.csv &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success 'GB18030 with --encoding gb18030' '
  fresh &&
  sanzi asset import gb.csv --encoding gb18030 &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success '--encoding gbk is GB18030 too (GBK is its subset)' '
  fresh &&
  sanzi asset import gb.csv --encoding gbk &&
  stored >actual &&
  test_cmp names.txt actual
'

test_expect_success 'a GB18030 file read as UTF-8 is refused, naming the row; nothing is written' '
  fresh &&
  before=$(db_state) &&
  test_must_fail 1 sanzi asset import gb.csv --encoding utf-8 2>err &&
  grep "^gb.csv:1: " err &&
  grep "UTF-8" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'invalid UTF-8 in a data row names that row' '
  fresh &&
  before=$(db_state) &&
  { echo "资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" &&
    echo ",$V1,水泵,机器设备,经营性,3500,购入,2022-04-01,在用" &&
    echo ",$V1,拖拉机,农业机械,经营性,42000,购入,2021-03-10,在用" &&
    printf ",$V1," && printf "\\312\\375" && echo ",机器设备,经营性,3500,购入,2022-04-01,在用"
  } >bad8.csv &&
  test_must_fail 1 sanzi asset import bad8.csv --encoding utf-8 2>err &&
  grep "^bad8.csv:4: " err &&
  grep "UTF-8" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'an unknown --encoding is a usage error' '
  fresh &&
  test_must_fail 2 sanzi asset import utf8.csv --encoding latin-9 2>err &&
  grep -F "latin-9" err &&
  test "$(nassets)" = 0
'

test_expect_success 'the change log verifies after imports in every encoding' '
  # the same rows three times: taken as other records all the same
  sanzi asset import utf8.csv &&
  sanzi asset import gb.csv --allow-duplicates &&
  sanzi asset import utf16le.csv --allow-duplicates &&
  test "$(nassets)" = 12 &&
  sanzi log verify
'

test_done
