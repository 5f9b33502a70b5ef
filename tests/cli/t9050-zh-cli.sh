#!/bin/sh
# The command line in Chinese (issue 11): each verb's help, the nearest
# command, verb or option for a misspelt one, usage errors, the import's
# summary and `show`'s labels (中文：value; --keys adds the English keys).
# The expected texts are worked out from the catalog's wording; the tests
# scan the Chinese outputs for English words left over.
. "$(dirname "$0")/lib.sh"

V1=150125100201   # 福如东村民委员会, 可可以力更镇
T2=150125101      # 哈乐镇

zh() { sanzi --lang zh "$@"; }

# The words allowed in the help besides commands and options: the verbs
# and the code values typed after an option (auto, table, json ...).
VERBS='account|asset|audit|classify|config|contract|disposal|fund|help|init|loan|log|notice|org|program|resource|serve|subsidy|summary|user|version|passwd|disable|enable|template|import|export|list|show|add|edit|balance|interest|withdraw|schedule|overdue|new|vote|appraise|publicize|review|execute|report|apply|approve|pay|findings|set|verify|reverse|close|reopen|backup|restore|anchor|void'
CODES='auto|utf|Windows|CRLF|table|json|both|none|record|depreciation|payments|history|SANZI|USER'

test_expect_success 'setup' '
  sanzi init >/dev/null &&
  sanzi org import "$SAMPLE/divisions-wuchuan.csv" 2>/dev/null
'

# ---- help ----

test_expect_success 'sanzi help lists the commands in Chinese' '
  zh help >out &&
  grep -Fx "用法：sanzi [--db 文件] [--user 名称] [--lang zh|en] 命令 ..." out &&
  grep -Fx "农村集体资金、资产、资源（“三资”）台账。" out &&
  grep -Fx "命令：" out &&
  grep -Fx "  asset     资产：template import export list show add edit void restore" out &&
  grep -Fx "  disposal  处置申报（四议两公开）：new vote appraise publicize review execute withdraw show list" out &&
  grep -Fx "  init      创建或升级数据库" out &&
  grep -Fx "每个命令都有 --help；sanzi help 命令 [子命令] 显示同样的帮助。" out &&
  test -z "$(english_words out "$VERBS|$CODES")" &&
  zh --help >out2 && test_cmp out out2
'

test_expect_success 'asset import --help: what it does, each option, examples, what it refuses' '
  zh asset import --help >out &&
  grep -Fx "用法：sanzi asset import 文件 [--dry-run] [--update] [--again] [--allow-duplicates] [--encoding auto|utf-8|gb18030|utf-16] [--sheet 名称|序号]" out &&
  grep -Fx "把 CSV 文件或 Excel 工作簿（.xlsx，或 WPS 和旧版 Excel 保存的 .xls）导入本台账，" out &&
  grep -Fx "  --sheet 名称|序号         要读取的 .xlsx 或 .xls 工作簿中的工作表，写名称或序号（1 为第一个）；" out &&
  grep -Fx "选项：" out &&
  grep -Fx "  --dry-run                 只检查每一行，不写入" out &&
  grep -Fx "  --update                  编号已存在的行更新该记录" out &&
  grep -Fx "                            否则按 GB18030（中文 Windows 上 Excel、WPS 保存的编码）" out &&
  grep -Fx "示例：" out &&
  grep -Fx "  sanzi asset import 资产.csv --dry-run" out &&
  grep -Fx "拒绝：有未知的列或缺少必填列、单元格无法识别、违反规则、" out &&
  test -z "$(english_words out "$CODES")" &&
  zh help asset import >out2 && test_cmp out out2
'

test_expect_success 'disposal vote --help: every option with its meaning and unit' '
  zh disposal vote --help >out &&
  grep -Fx "用法：sanzi disposal vote 代码 --step 提议|商议|审议|决议 --date 日期 --due 人数 --present 人数 --for 人数 --against 人数 [--abstain 人数] [--body 村民会议|村民代表会议] [--households] [--minutes 文号]" out &&
  grep -Fx "  --step 步骤     提议、商议、审议或决议，按此顺序" out &&
  grep -Fx "  --due 人数      应到人数（或户数）" out &&
  grep -Fx "  --abstain 人数  弃权票数（默认：实到 − 赞成 − 反对）" out &&
  grep -Fx "  --body 会议     仅用于决议：村民会议或村民代表会议" out &&
  grep -Fx "  sanzi disposal vote 150125100201-CZ-0001 --step 审议 --date 2025-04-10 \\" out &&
  grep -Fx "拒绝：步骤顺序不对，人数对不上。" out &&
  test -z "$(english_words out)" &&
  zh help disposal vote >out2 && test_cmp out out2
'

test_expect_success 'a register verb of its own (fund balance) and a subsidy verb' '
  zh fund balance --help >out &&
  grep -Fx "  --account 代码           一个账户" out &&
  grep -Fx "  sanzi fund balance --township 150125101 --as-of 2025-12-31" out &&
  grep -Fx "拒绝：村或乡镇代码不存在；同时给出 --village 和 --township。" out &&
  test -z "$(english_words out "$CODES|balances|total")" &&
  zh subsidy approve --help >out &&
  grep -Fx "用法：sanzi subsidy approve 申请编号 --date 日期" out &&
  grep -Fx "县级审定：预留资金，超出预算或每村限额的部分核减。" out &&
  grep -Fx "拒绝：公示尚未结束；预算已用完。" out &&
  test -z "$(english_words out)"
'

test_expect_success 'help of a command: its verbs, one line each, with the examples of the register' '
  zh help asset >out &&
  grep -Fx "用法：sanzi asset template [--format csv|xlsx] [--out 文件] [--township 代码]" out &&
  grep -Fx "      sanzi asset show 代码|名称 [--village 代码|--township 代码] [--as-of 日期] [--format table|csv|json] [--part 名称] [--keys]" out &&
  grep -Fx "子命令：" out &&
  grep -Fx "  edit      修改一条记录的字段；变更日志保留旧值和新值。" out &&
  grep -Fx "每个子命令都有自己的帮助：sanzi asset 子命令 --help" out &&
  test -z "$(english_words out "$VERBS|$CODES")" &&
  zh asset --help >out2 && test_cmp out out2 &&
  zh loan edit --help >out &&
  grep -Fx "  sanzi loan edit 150125100201-DK-0001 note=展期一年" out
'

test_expect_success 'a command without verbs: log shows its options, then verify' '
  zh log --help >out &&
  grep -Fx "  --since 日期             该日期（UTC）及以后的条目" out &&
  grep -Fx "  verify  重新计算 SHA-256 链和每一行的摘要并检查数据库结构；输出链头，或指出第一条不符的条目。" out &&
  test -z "$(english_words out "$VERBS|$CODES|UTC")"
'

# ---- the nearest name ----

test_expect_success 'a misspelt command, verb or option: the nearest is suggested' '
  test_must_fail 2 zh asett 2>err &&
  test "$(cat err)" = "sanzi: asett 不是命令。你是否要输入 asset？" &&
  test_must_fail 2 zh disposal vot 2>err &&
  printf "%s\n" "sanzi disposal: vot 不是子命令。你是否要输入 vote？" \
    "（见 sanzi disposal --help）" >expect &&
  test_cmp expect err &&
  test_must_fail 2 zh asset list --villag $V1 2>err &&
  printf "%s\n" "sanzi asset list: 未知选项 --villag。你是否要输入 --village？" \
    "（见 sanzi asset list --help）" >expect &&
  test_cmp expect err &&
  test_must_fail 2 zh disposal vote X --step 审议 --date 2025-04-10 --due 20 \
    --presnet 15 --for 12 --against 3 2>err &&
  test "$(head -n 1 err)" = "sanzi disposal vote: 未知选项 --presnet。你是否要输入 --present？" &&
  test_must_fail 2 zh help asset imprt 2>err &&
  test "$(cat err)" = "sanzi asset: imprt 不是子命令。你是否要输入 import？" &&
  test_must_fail 2 zh --dbb x.db asset list 2>err &&
  test "$(cat err)" = "sanzi: 未知选项 --dbb。你是否要输入 --db？" &&
  test_must_fail 2 zh fund balanse 2>err &&
  test "$(head -n 1 err)" = "sanzi fund: balanse 不是子命令。你是否要输入 balance？" &&
  test -z "$(english_words err "balanse|balance")"
'

test_expect_success 'nothing near: no suggestion' '
  test_must_fail 2 zh frobnicate 2>err &&
  test "$(cat err)" = "sanzi: frobnicate 不是命令（见 sanzi help）" &&
  test_must_fail 2 zh asset list --colour 2>err &&
  test "$(head -n 1 err)" = "sanzi asset list: 未知选项 --colour" &&
  test_must_fail 2 zh asset frobnicate 2>err &&
  test "$(head -n 1 err)" = "sanzi asset: frobnicate 不是子命令" &&
  grep -Fx "子命令：" err
'

test_expect_success 'in English the suggestions work too' '
  test_must_fail 2 sanzi asett 2>err &&
  test "$(cat err)" = "sanzi: '\''asett'\'' is not a command; did you mean '\''asset'\''?" &&
  test_must_fail 2 sanzi disposal vot 2>err &&
  test "$(head -n 1 err)" = "sanzi disposal: unknown command '\''vot'\''; did you mean '\''vote'\''?" &&
  test_must_fail 2 sanzi asset list --villag $V1 2>err &&
  test "$(head -n 1 err)" = "sanzi asset list: unknown option '\''--villag'\''; did you mean '\''--village'\''?" &&
  test_must_fail 2 sanzi frobnicate 2>err &&
  test "$(cat err)" = "sanzi: '\''frobnicate'\'' is not a command (see '\''sanzi help'\'')"
'

# ---- usage errors and refusals of the command line ----

test_expect_success 'usage errors in Chinese, exit 2' '
  before=$(db_state) &&
  test_must_fail 2 zh asset show 2>err &&
  printf "%s\n" "sanzi asset show: 参数不足" "（见 sanzi asset show --help）" >expect &&
  test_cmp expect err &&
  test_must_fail 2 zh asset list --format xml 2>err &&
  test "$(head -n 1 err)" = "sanzi asset list: --format：无效的值“xml”（可选：table、csv、json、xlsx）" &&
  test_must_fail 2 zh disposal vote X --step 审议 2>err &&
  test "$(head -n 1 err)" = "sanzi disposal vote: 缺少 --date" &&
  test_must_fail 2 zh asset import a.csv --encoding latin1 2>err &&
  test "$(head -n 1 err)" = "sanzi asset import: 未知的编码“latin1”（可选：auto、utf-8、gb18030、utf-16）" &&
  test_must_fail 2 zh asset list --village $V1 --township $T2 2>err &&
  test "$(cat err)" = "sanzi: --village 和 --township 只能给出一个" &&
  test_must_fail 2 zh asset add village $V1 2>err &&
  test "$(head -n 1 err)" = "sanzi asset add: “village”不是 键=值 的形式" &&
  test_must_fail 2 zh asset show X Y 2>err &&
  test "$(head -n 1 err)" = "sanzi asset show: 多余的参数“Y”" &&
  test_must_fail 2 zh asset list --village 2>err &&
  test "$(head -n 1 err)" = "sanzi asset list: --village 需要一个值" &&
  test_must_fail 2 sanzi --lang zh --lang 2>err &&
  test "$(cat err)" = "sanzi: --lang 需要一个值：zh 或 en" &&
  test_must_fail 2 zh --lang fr asset list 2>err &&
  test "$(cat err)" = "sanzi: --lang：“fr”不是可用的语言：zh（中文）或 en（英文）" &&
  test "$(db_state)" = "$before"
'

test_expect_success 'refusals of the options, exit 1' '
  before=$(db_state) &&
  test_must_fail 1 zh audit findings --year 25 2>err &&
  test "$(cat err)" = "sanzi: --year：“25”不是年份" &&
  test_must_fail 1 zh asset list --village 150125999999 2>err &&
  test "$(cat err)" = "sanzi: --village：没有代码为“150125999999”的村" &&
  test_must_fail 1 zh asset list --township 150125999 2>err &&
  test "$(cat err)" = "sanzi: --township：没有代码为“150125999”的乡镇或县" &&
  test_must_fail 1 zh fund balance --account $V1-ZH-0009 2>err &&
  test "$(cat err)" = "sanzi: --account：没有编号为“$V1-ZH-0009”的账户" &&
  test_must_fail 1 zh org list --under 1599 2>err &&
  test "$(cat err)" = "sanzi: --under：没有代码为“1599”的组织机构" &&
  test_must_fail 1 zh program show --year 2031 2>err &&
  test "$(cat err)" = "sanzi: 没有 2031 年度的贴息资金安排（请用 sanzi program set --year 2031 设置）" &&
  test_must_fail 1 zh disposal vote X --step 审议 --date 2025-04-10 --due 二十 \
    --present 15 --for 12 --against 3 2>err &&
  test "$(cat err)" = "sanzi: --due：“二十”不是人数" &&
  test_must_fail 1 zh asset edit $V1-ZC-0009 name=仓库 2>err &&
  test "$(cat err)" = "sanzi: 没有编号为“$V1-ZC-0009”的资产" &&
  test "$(db_state)" = "$before"
'

# ---- an import with mistakes, then a good one ----

HEAD=资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态

test_expect_success 'an import with mistakes: nothing imported, the summary in Chinese' '
  before=$(db_state) &&
  printf "%s\n" "$HEAD" \
    ",$V1,机井,水利设施,经营性,12.345,自建,2021-04-01,在用" \
    ",$V1,仓库,房屋及建筑物,经营性,50000,自建,2021-13-01,在用" >bad.csv &&
  test_must_fail 1 zh asset import bad.csv 2>err &&
  test "$(tail -n 1 err)" = "sanzi: “bad.csv”：未导入任何数据（2 处错误）" &&
  tail -n 1 err >summary &&
  test -z "$(english_words summary)" &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a good import: checked, then imported, then again unchanged' '
  printf "%s\n" "$HEAD" \
    ",$V1,机井,水利设施,经营性,12000,自建,2021-04-01,在用" \
    ",$V1,仓库,房屋及建筑物,经营性,50000,自建,2021-03-01,在用" >good.csv &&
  zh asset import good.csv --dry-run 2>err &&
  test "$(cat err)" = "已检查“good.csv”（UTF-8）：资产新增 2 行，更新 0 行，未变 0 行；未写入（--dry-run）" &&
  zh asset import good.csv 2>err &&
  test "$(cat err)" = "已导入“good.csv”（UTF-8）：资产新增 2 行，更新 0 行，未变 0 行" &&
  printf "%s\n" "$HEAD" \
    "$V1-ZC-0001,$V1,机井,水利设施,经营性,12000,自建,2021-04-01,在用" \
    "$V1-ZC-0002,$V1,仓库,房屋及建筑物,经营性,50000,自建,2021-03-01,在用" >again.csv &&
  zh asset import again.csv --update 2>err &&
  test "$(cat err)" = "已导入“again.csv”（UTF-8）：资产新增 0 行，更新 0 行，未变 2 行" &&
  test -z "$(english_words err)"
'

# ---- asset show ----

test_expect_success 'asset show: Chinese labels, the depreciation and the history' '
  sanzi asset edit $V1-ZC-0002 original_value=60000 custodian=李四 2>/dev/null &&
  zh asset show $V1-ZC-0002 --as-of 2025-12-31 >out &&
  grep -Fx "资产编号：$V1-ZC-0002" out &&
  grep -Fx "资产名称：仓库" out &&
  grep -Fx "原值：60,000.00" out &&
  grep -Fx "管护责任人：李四" out &&
  grep -Fx "权证号：" out &&
  # 房屋及建筑物: 240 months, residual 5% (doc/domain.md); acquired
  # 2021-03-01, charged from April: April 2021 to December 2025 is 57
  # months. 60,000.00 x 95% / 240 = 237.50 a month; x 57 = 13,537.50;
  # net 60,000.00 - 13,537.50 = 46,462.50.
  grep -Fx "截至 2025-12-31：" out &&
  grep -Fx "  累计折旧：13,537.50" out &&
  grep -Fx "  净值：46,462.50" out &&
  grep -Fx "变更记录：" out &&
  # times in Beijing time (the parameter timezone), the import note as
  # the change log words it
  grep -E "^  #[0-9]+ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} tester 导入 文件 good.csv：新增 2 条，修改 0 条$" out &&
  grep -E "^  #[0-9]+ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2} tester 修改$" out &&
  grep -Fx "      原值：50,000.00 → 60,000.00" out &&
  grep -Fx "      管护责任人：（空） → 李四" out &&
  ! grep -F "(" out &&
  test -z "$(english_words out tester)"
'

test_expect_success 'asset show --keys: the English keys beside the names, as in English' '
  zh asset show $V1-ZC-0002 --as-of 2025-12-31 --keys >out &&
  grep -Fx "原值 (original_value): 60,000.00" out &&
  grep -Fx "管护责任人 (custodian): 李四" out &&
  grep -Fx "  累计折旧 (accumulated): 13,537.50" out &&
  sanzi asset show $V1-ZC-0002 --as-of 2025-12-31 >en &&
  grep -Fx "原值 (original_value): 60,000.00" en &&
  grep -Fx "as of 2025-12-31:" en &&
  grep -Fx "history:" en
'

test_expect_success 'show --part: an unknown part names those there are' '
  test_must_fail 2 zh asset show $V1-ZC-0002 --part foo 2>err &&
  test "$(head -n 1 err)" = "sanzi asset show: --part：没有名为“foo”的部分（可选：record、depreciation、history）"
'

test_expect_success 'an edit that changes nothing, the programme year, the log check' '
  zh asset edit $V1-ZC-0002 name=仓库 2>err &&
  test "$(cat err)" = "$V1-ZC-0002：没有变化" &&
  zh program set --year 2025 --budget 800000 >out &&
  grep -Fx "年度：2025" out &&
  grep -Fx "年度预算：800,000.00" out &&
  grep -Fx "剩余：800,000.00" out &&
  test -z "$(english_words out)" &&
  n=$(sql "SELECT count(*) FROM history") &&
  zh log verify >/dev/null 2>err &&
  test "$(cat err)" = "已校验变更日志 $n 条；台账的每一行都与其日志条目相符"
'

test_done
