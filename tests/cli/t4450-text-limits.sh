#!/bin/sh
# Lengths and characters at the door (issue 14, part 1): every text field
# has a maximum length (identifiers 64 characters, one-line texts such as
# names, places and parties 100, remarks, reasons, opinions and minutes
# 2,000 over several lines) and refuses control characters (a newline only
# in those long fields), whether the value comes from an import, add/edit,
# a workflow's option (--reason, --opinion, --minutes) or --user. Each
# refusal names the limit, and writes nothing.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # V1, V2, vote

# rep N CHAR: CHAR N times
rep() { printf "%${1}s" "" | sed "s/ /$2/g"; }
H=村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态
ROW="$V1,仓库,房屋及建筑物,经营性,5000,自建,2020-01-01,在用"
asset() {
  add_to asset "village=$V1 name=仓库 category=房屋及建筑物 nature=经营性
    original_value=5000 acquired_via=自建 acquired_on=2020-01-01 status=在用" \
    --allow-duplicates "$@"
}

test_expect_success 'set-up' '
  setup_county
'

test_expect_success 'import: a name of 101 characters is refused, with the limit, nothing written' '
  before=$(db_state) &&
  printf "%s\n" "$H" "$ROW" "$V1,$(rep 101 仓),房屋及建筑物,经营性,5000,自建,2020-01-01,在用" >long.csv &&
  refused sanzi asset import long.csv &&
  grep "^long.csv:3: 资产名称: 101 characters long; at most 100 are allowed$" err &&
  test "$(grep -c "^long.csv:" err)" = 1 &&
  unchanged
'

test_expect_success 'import: a name of 100 characters is taken whole' '
  printf "%s\n" "$H" "$V1,$(rep 100 仓),房屋及建筑物,经营性,5000,自建,2020-01-01,在用" >ok.csv &&
  sanzi asset import ok.csv 2>/dev/null &&
  test "$(sql "SELECT length(name) FROM asset")" = 100 &&
  test "$(sql "SELECT name FROM asset")" = "$(rep 100 仓)"
'

test_expect_success 'import: a tab, an escape and a C1 control in a name are refused at their character' '
  before=$(db_state) &&
  printf "%s\n" "$H" "$V1,仓	库,房屋及建筑物,经营性,5000,自建,2020-01-01,在用" \
    "$V1,仓库$(printf "\033")[2J,房屋及建筑物,经营性,5000,自建,2020-01-01,在用" \
    "$V1,仓库一$(printf "\302\233")31m,房屋及建筑物,经营性,5000,自建,2020-01-01,在用" >ctl.csv &&
  refused sanzi asset import ctl.csv &&
  grep "^ctl.csv:2: 资产名称: a control character (U+0009) at character 2: a tab, an escape or the like is not allowed$" err &&
  grep "^ctl.csv:3: 资产名称: a control character (U+001B) at character 3:" err &&
  grep "^ctl.csv:4: 资产名称: a control character (U+009B) at character 4:" err &&
  unchanged
'

test_expect_success 'import: a line break is refused in a name, taken in a remark (备注)' '
  before=$(db_state) &&
  printf "$H,备注\r\n$V1,\"仓\n库\",房屋及建筑物,经营性,5000,自建,2020-01-01,在用,x\r\n" >nl.csv &&
  refused sanzi asset import nl.csv &&
  grep "^nl.csv:2: 资产名称: a line break at character 2: this is one line of text$" err &&
  unchanged &&
  printf "$H,备注\r\n$V1,仓库,房屋及建筑物,经营性,5000,自建,2020-01-01,在用,\"第一行\n第二行\"\r\n" >note.csv &&
  sanzi asset import note.csv 2>/dev/null &&
  test "$(sql "SELECT note FROM asset WHERE note IS NOT NULL")" = "$(printf "第一行\n第二行")"
'

test_expect_success 'add: a location of 101 characters, an identifier (权证号) of 65 are refused' '
  before=$(db_state) &&
  refused asset location=$(rep 101 东) &&
  grep "^sanzi: 坐落位置: 101 characters long; at most 100 are allowed$" err &&
  refused asset certificate=$(rep 65 7) &&
  grep "^sanzi: 权证号: 65 characters long; at most 64 are allowed$" err &&
  refused asset code=$(rep 65 A) &&
  grep "^sanzi: 资产编号: 65 characters long; at most 64 are allowed$" err &&
  unchanged &&
  asset location=$(rep 100 东) certificate=$(rep 64 7) >code &&
  test "$(sql "SELECT length(location) || length(certificate) FROM asset
    WHERE code = '\''$(cat code)'\''")" = 10064
'

test_expect_success 'add: a remark of 2,001 characters is refused, 2,000 over two lines taken' '
  before=$(db_state) &&
  refused asset note=$(rep 2001 注) &&
  grep "^sanzi: 备注: 2001 characters long; at most 2000 are allowed$" err &&
  unchanged &&
  asset note="$(rep 999 注)
$(rep 1000 注)" >code &&
  test "$(sql "SELECT length(note) FROM asset WHERE code = '\''$(cat code)'\''")" = 2000
'

test_expect_success 'edit: an escape sequence in a name is refused, the record unchanged' '
  before=$(db_state) &&
  refused sanzi asset edit $(cat code) name="$(printf "仓\033[31m库")" &&
  grep "^sanzi: 资产名称: a control character (U+001B) at character 2:" err &&
  unchanged
'

test_expect_success 'a workflow option: a filing with a reason of 2,001 characters is refused' '
  asset name=旧仓库 >obj &&
  before=$(db_state) &&
  refused sanzi disposal new village=$V1 type=出售 objects=$(cat obj) \
    reason=$(rep 2001 因) method=公开竞价 date=2025-03-10 &&
  grep "处置理由: 2001 characters long; at most 2000 are allowed" err &&
  unchanged &&
  sanzi disposal new village=$V1 type=出售 objects=$(cat obj) reason=不用了 \
    method=公开竞价 date=2025-03-10 >filing
'

test_expect_success 'workflow options: --minutes and the --reason of a withdrawal are checked as fields are' '
  fl=$(cat filing) &&
  before=$(db_state) &&
  refused vote $fl 提议 2025-03-11 7 5 5 0 --minutes "$(rep 2001 记)" &&
  grep "会议记录: 2001 characters long; at most 2000 are allowed" err &&
  refused vote $fl 提议 2025-03-11 7 5 5 0 --minutes "$(printf "记\001录")" &&
  grep "会议记录: a control character (U+0001) at character 2:" err &&
  refused sanzi disposal withdraw $fl --reason "$(printf "不卖了\033[2J")" &&
  grep "撤回原因: a control character (U+001B) at character 4:" err &&
  unchanged &&
  vote $fl 提议 2025-03-11 7 5 5 0 --minutes "$(printf "一致同意\n散会")" >/dev/null &&
  test "$(sql "SELECT minutes FROM disposal_vote")" = "$(printf "一致同意\n散会")"
'

test_expect_success 'a withdrawal reason of 2,000 characters is taken whole' '
  sanzi disposal withdraw $(cat filing) --reason "$(rep 2000 撤)" >/dev/null &&
  test "$(sql "SELECT length(withdrawn) FROM disposal")" = 2000
'

test_expect_success 'Chinese: the limit and the control character in the domain'"'"'s words' '
  before=$(db_state) &&
  refused sanzi --lang zh asset add village=$V1 name=$(rep 101 仓) category=房屋及建筑物 \
    nature=经营性 original_value=5000 acquired_via=自建 acquired_on=2020-01-01 status=在用 &&
  grep "^sanzi: 资产名称: 共 101 个字符，最多 100 个$" err &&
  printf "%s\n" "$H" "$V1,仓	库,房屋及建筑物,经营性,5000,自建,2020-01-01,在用" >zh.csv &&
  refused sanzi --lang zh asset import zh.csv &&
  grep "^zh.csv:2: 资产名称: 第 2 个字符是控制字符（U+0009），不允许制表符、转义符等控制字符$" err &&
  printf "$H\r\n$V1,\"仓\n库\",房屋及建筑物,经营性,5000,自建,2020-01-01,在用\r\n" >zh2.csv &&
  refused sanzi --lang zh asset import zh2.csv &&
  grep "^zh2.csv:2: 资产名称: 第 2 个字符是换行，此项只能写一行$" err &&
  unchanged
'

test_done
