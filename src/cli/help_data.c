/* help_data.c: the help of each command, one table per command (see
 * help_verb in cli.h). English msgids; po/zh_CN.po translates them. The
 * examples use the villages of 武川县 (sample/divisions-wuchuan.csv):
 * 150125100201 福如东村, 150125101 哈乐镇. */
#include "cli/cli.h"

/* Options many verbs share. */
#define O_VILLAGE {"--village CODE", N_("one village: its 12-digit code")}
#define O_TOWNSHIP                                                           \
  {"--township CODE", N_("every village under a township (9-digit code) or " \
                         "a county (6 digits)")}
#define O_FORMAT                                                             \
  {"--format table|csv|json", N_("table: for people (the default); csv: "    \
                                 "for spreadsheets; json: for programs")}
#define O_FORMAT_TC                                                          \
  {"--format table|csv", N_("table: for people (the default); csv: for "     \
                            "spreadsheets")}
#define O_Q                                                                  \
  {"--q TEXT", N_("only the records whose name, location, party or remarks " \
                  "hold TEXT\n(any part, one character or more)")}
#define O_FORMAT_X                                                           \
  {"--format table|csv|json|xlsx",                                           \
   N_("table: for people (the default); csv: for spreadsheets; json: for "   \
      "programs;\nxlsx: a workbook (with --out)")}
#define O_FORMAT_CX                                                          \
  {"--format csv|xlsx", N_("csv (the default), or an .xlsx workbook (with "  \
                           "--out)")}
#define O_OUT                                                                \
  {"--out FILE", N_("the workbook to write; a name ending in .xlsx chooses "  \
                    "xlsx by itself")}
#define O_PART {"--part NAME", N_("only the part NAME (the parts are above)")}
#define O_KEYS                                                               \
  {"--keys", N_("each field's English key beside its Chinese name, for "     \
                "scripts")}
#define O_AS_OF {"--as-of DATE", N_("the date to compute at (default today)")}
#define O_YEAR {"--year Y", N_("the year, four digits")}
#define O_ANCHORS                                                            \
  {"--anchors FILE", N_("the anchors file (default $SANZI_ANCHORS, else the "  \
                        "database's path with .anchors)")}
#define O_DATE {"--date D", N_("the day it happened (not after today)")}
#define O_DATE_TODAY {"--date D", N_("the day it happened (default today)")}
#define O_ENCODING                                                           \
  {"--encoding auto|utf-8|gb18030|utf-16",                                   \
   N_("the file's encoding; auto (the default): a BOM decides, else valid "  \
      "UTF-8,\nelse GB18030 (what Excel or WPS on a Chinese Windows "        \
      "saves)")}
#define O_SHEET                                                              \
  {"--sheet NAME|PLACE",                                                         \
   N_("the sheet of an .xlsx or .xls workbook to read, by its name or its "  \
      "place (1 is\nthe first); by default the only sheet, or the one "      \
      "whose header names the columns")}
#define O_OPINION {"--opinion TEXT", N_("the reviewer's opinion")}
#define O_REASON {"--reason TEXT", N_("why (kept in the change log)")}
#define O_DUPS                                                               \
  {"--allow-duplicates",                                                     \
   N_("a row without a code that has the natural key of a live record is "   \
      "another\nrecord all the same (asset: village, name, acquisition date, "\
      "original value;\nresource: village, name, land class, area; account: " \
      "village and name, or bank\naccount number; contract: village, object, "\
      "party, start; loan: village,\nlender, contract number)")}

/* void and restore: the verbs of the registers whose records are voided. */
#define H_VOID                                                               \
  {"void", "CODE --reason TEXT",                                             \
   N_("Voids (作废) a record entered by mistake: it leaves every list, "      \
      "export, total and\naudit table, keeps its code and stays in show, "   \
      "list --voided and the change log."),                                  \
   {O_REASON}, "sanzi {cmd} void {code} --reason 重复录入",                  \
   N_("Refused: a record something refers to (a contract, a disposal "       \
      "filing, a fund entry,\nan interest payment, an application: each is " \
      "named), one voided already.")},                                       \
  {"restore", "CODE --reason TEXT",                                          \
   N_("Restores a voided record: it is live again, the reason is logged."),  \
   {O_REASON}, "sanzi {cmd} restore {code} --reason 误作废",                 \
   N_("Refused: a record that is not voided; one that a live record now "    \
      "repeats (疑似重复).")}

#define R_SCOPE N_("Refused: an unknown village or township code; --village " \
                   "with --township.")

/* ---- the registers: asset resource account fund loan contract ---- */

static const help_verb register_help[] = {
  {"template", "[--format csv|xlsx] [--out FILE] [--township CODE]",
   N_("Prints a CSV template of the register: the Chinese header row and "
      "one example row\n(UTF-8 with BOM: Excel and WPS open it as it is). "
      "As a workbook (--format xlsx,\nor --out FILE.xlsx): required columns "
      "marked *, units in the header, a drop-down\nlist on every coded "
      "column, a comment with each column's rule, a sheet 填写说明\nand a "
      "sheet 代码表; filled in, it imports as it is."),
   {O_FORMAT_CX, O_OUT,
    {"--township CODE", N_("a workbook: the villages (and their accounts) of "
                           "a township or county\nin the drop-down lists")}},
   "sanzi {cmd} template > {file}\n"
   "sanzi {cmd} template --township 150125101 --out 模板.xlsx",
   N_("Refused: --township with CSV; an unknown township.")},
  {"import", "FILE [--dry-run] [--update] [--again] [--allow-duplicates] "
             "[--encoding auto|utf-8|gb18030|utf-16] [--sheet NAME|PLACE]",
   N_("Imports a CSV file or an Excel workbook (.xlsx, or .xls as WPS and "
      "old Excel save it)\ninto the register, all or nothing: either every "
      "row goes in, or nothing does and\nevery bad cell is reported as "
      "FILE:ROW: COLUMN: message, with the row Excel shows.\nColumns are "
      "matched by their Chinese name or English key; an empty code is "
      "generated."),
   {{"--dry-run", N_("check every row, write nothing")},
    {"--update", N_("a row whose code exists updates that record")},
    {"--again", N_("import a file whose content was imported before")},
    O_DUPS, O_ENCODING, O_SHEET},
   "sanzi {cmd} import {file} --dry-run\n"
   "sanzi {cmd} import {file} --encoding gb18030\n"
   "sanzi {cmd} import 台账.xlsx --sheet 2",
   N_("Refused: an unknown or missing column, a cell that does not parse, a "
      "rule broken,\na code that exists already (without --update), a file "
      "imported before (without\n--again), a row without a code like a live "
      "record or an earlier row (疑似重复,\nwithout --allow-duplicates): then "
      "nothing is imported.")},
  {"export", "[--village CODE|--township CODE] [--as-of DATE] [--no-bom] "
             "[--full-ids] [--format csv|xlsx] [--out FILE]",
   N_("Writes the register as CSV on stdout: Chinese headers, UTF-8 with "
      "BOM, CRLF;\nor as a workbook (--format xlsx, or --out FILE.xlsx): "
      "money and dates as numbers\nand dates, 村名称 beside 村代码, a row 合计. "
      "What it writes imports back unchanged.\nID numbers are masked."),
   {O_VILLAGE, O_TOWNSHIP, O_FORMAT_CX, O_OUT,
    {"--as-of DATE", N_("assets: the depreciation as of DATE, with a 净值 "
                        "column")},
    {"--no-bom", N_("without the BOM")},
    {"--full-ids", N_("ID numbers whole (for auditors)")}},
   "sanzi {cmd} export --village 150125100201 > {file}\n"
   "sanzi {cmd} export --township 150125101 --out 台账.xlsx",
   R_SCOPE},
  {"list", "[--village CODE|--township CODE] [--q TEXT] [--as-of DATE] "
           "[--voided] [--format table|csv|json|xlsx] [--out FILE]",
   N_("Lists the records, one line each, with the main columns (json: every "
      "field;\nxlsx: a workbook ready to print, with a row 合计)."),
   {O_VILLAGE, O_TOWNSHIP, O_Q,
    {"--as-of DATE", N_("assets, resources, accounts: those held at DATE "
                        "(acquired by then,\nnot disposed of by then)")},
    {"--voided", N_("only the voided records (作废), with the reason")},
    O_FORMAT_X, O_OUT},
   "sanzi {cmd} list --village 150125100201\n"
   "sanzi {cmd} list --township 150125101 --format csv > {file}\n"
   "sanzi {cmd} list --township 150125101 --q 拖拉机\n"
   "sanzi {cmd} list --township 150125101 --out 清单.xlsx",
   R_SCOPE},
  {"show", "CODE|NAME [--village CODE|--township CODE] [--as-of DATE] "
           "[--format table|csv|json] [--part NAME] [--keys]",
   N_("Shows one record: every field, then its history (each change, old "
      "and new).\nThe parts: record, depreciation (assets), payments "
      "(loans), history.\nInstead of its code, the record's name will do "
      "when one record in scope has it\n(else one whose name, location, "
      "party or remarks hold it)."),
   {O_VILLAGE, O_TOWNSHIP, O_AS_OF, O_FORMAT, O_PART, O_KEYS},
   "sanzi {cmd} show {code}\n"
   "sanzi {cmd} show {code} --format csv --part history",
   N_("Refused: a code that is not registered, a name no record or several "
      "records in scope have (they are listed).")},
  {"add", "KEY=VALUE... [--allow-duplicates]",
   N_("Adds one record and prints its code. KEY is the English key or the "
      "Chinese\ncolumn name (sanzi REGISTER template shows them)."),
   {O_DUPS}, "sanzi {cmd} add {add}",
   N_("Refused: an unknown key, a computed field, a value that does not "
      "parse or breaks a rule,\na record like a live one (疑似重复, without "
      "--allow-duplicates).")},
  {"edit", "CODE KEY=VALUE...",
   N_("Changes fields of a record; the change log keeps the old and the new "
      "values."),
   {{0}}, "sanzi {cmd} edit {code} {edit}",
   N_("Refused: a change of the code or the village; moving an asset or a "
      "resource into\n出租, 发包, 入股 or 已处置 (that takes a disposal "
      "filing).")},
  {0},
};

static const help_verb fund_help[] = {
  {"balance", "[--village CODE|--township CODE] [--account CODE] "
              "[--as-of DATE] [--format table|csv|json] [--part NAME]",
   N_("Per account: opening + income - expense up to the date, with a total "
      "per village;\na 库存现金 account above the cash limit is flagged.\n"
      "The parts: balances, total."),
   {O_VILLAGE, O_TOWNSHIP, {"--account CODE", N_("one account")}, O_AS_OF,
    O_FORMAT, O_PART, O_KEYS},
   "sanzi fund balance --village 150125100201\n"
   "sanzi fund balance --township 150125101 --as-of 2025-12-31",
   R_SCOPE},
  {"reverse", "CODE --date DATE --reason TEXT [--voucher V]",
   N_("Reverses an entry (红字冲销): a new entry of the same village, "
      "account, direction\nand category with the amount in red (negative), "
      "citing the entry's voucher, and\nprints its code. Balances and sums "
      "count both; then enter the right entry anew."),
   {{"--date DATE", N_("the day of the reversal, in an open month")},
    {"--reason TEXT", N_("why, in the reversal's 摘要")},
    {"--voucher V", N_("its voucher (default 冲 and the entry's voucher)")}},
   "sanzi fund reverse 150125100201-2025-记-001 --date 2025-04-01 "
   "--reason 金额记错",
   N_("Refused: an entry reversed already, a reversal, a date before the "
      "entry or in a\nclosed month, a voucher used in that year.")},
  {"close", "--village CODE|--township CODE --month MONTH",
   N_("Closes a month of a village's books (结账), or of every village of "
      "a township:\nno entry is added, edited, imported or reversed into it "
      "afterwards. Months close\nin order, after they end; the first no "
      "later than the village's first entry."),
   {O_VILLAGE, O_TOWNSHIP, {"--month MONTH", N_("the month")}},
   "sanzi fund close --township 150125101 --month 2025-03",
   N_("Refused: a month not ended, closed already, or after a month not "
      "closed; for a\ntownship, nothing is closed when one village is "
      "refused.")},
  {"reopen", "--village CODE --month MONTH --reason TEXT",
   N_("Reopens the last month closed of a village's books (反结账)."),
   {O_VILLAGE, {"--month MONTH", N_("the month")},
    {"--reason TEXT", N_("why, kept in the change log")}},
   "sanzi fund reopen --village 150125100201 --month 2025-03 "
   "--reason 漏记一笔",
   N_("Refused: the user who closed it, a month not closed or not the "
      "last closed.")},
  {0},
};

static const help_verb loan_help[] = {
  {"interest", "LOAN --from D --to D --paid AMOUNT --paid-on D --voucher V",
   N_("Records an interest payment on a loan for the period from D up to D "
      "(days = to - from)\nand prints the payment's code."),
   {{"--from D", N_("the first day of the period")},
    {"--to D", N_("the day the period ends (not counted)")},
    {"--paid AMOUNT", N_("the interest paid, in yuan")},
    {"--paid-on D", N_("the day it was paid")},
    {"--voucher V", N_("the voucher number of the payment")}},
   "sanzi loan interest 150125100201-DK-0001 --from 2025-03-01 "
   "--to 2025-06-01 \\\n    --paid 5560.42 --paid-on 2025-06-01 --voucher "
   "记-031",
   N_("Refused: a withdrawn loan, a period outside the loan or overlapping "
      "another payment.")},
  {"withdraw", "CODE --reason TEXT",
   N_("Withdraws a loan or an interest payment: never deleted, the reason "
      "is logged."),
   {O_REASON},
   "sanzi loan withdraw 150125100201-LX-0001 --reason 凭证号录错",
   N_("Refused: one an application still claims.")},
  H_VOID,
  {0},
};

static const help_verb contract_help[] = {
  {"schedule", "CODE [--as-of DATE] [--format table|csv|json] [--part NAME]",
   N_("The receivables of a contract: each instalment's period, due date, "
      "amount, what\nthe receipts citing the contract paid (oldest due "
      "first) and what is left.\nThe parts: contract, instalments, received."),
   {{"--as-of DATE", N_("receipts after DATE are not counted (default "
                        "today)")},
    O_FORMAT, O_PART, O_KEYS},
   "sanzi contract schedule 150125100201-HT-0001 --as-of 2025-12-31",
   N_("Refused: a code that is not a contract.")},
  {"overdue", "[--as-of DATE] [--village CODE|--township CODE] "
              "[--format table|csv|json]",
   N_("Every instalment due before the date and not fully paid."),
   {{"--as-of DATE", N_("the day to look from (default today)")}, O_VILLAGE,
    O_TOWNSHIP, O_FORMAT},
   "sanzi contract overdue --township 150125101", R_SCOPE},
  H_VOID,
  {0},
};

static const help_verb void_help[] = {
  H_VOID,
  {0},
};

/* ---- disposal ---- */

static const help_verb disposal_help[] = {
  {"new", "village=CODE type=TYPE objects=CODE[,CODE...] reason=TEXT "
          "method=METHOD [price=AMOUNT] [outsider=是|否] [date=D] "
          "[code=CODE]",
   N_("Files a disposal (处置申报) of assets or resources and prints its "
      "code.\nThen: 提议 → 商议 → 审议 → 决议 → 决议公开 → (资产评估) → "
      "乡镇审核 → 执行 → 结果公开."),
   {{"village=CODE", N_("the village")},
    {"type=TYPE", N_("出售 出租 发包 入股 抵押 报废 核销 无偿划转 置换")},
    {"objects=CODE,...", N_("the asset or resource codes, separated by , ， "
                            "or 、")},
    {"reason=TEXT", N_("why")},
    {"method=METHOD", N_("公开竞价 招标 拍卖 协议")},
    {"price=AMOUNT", N_("the price asked, in yuan")},
    {"outsider=是", N_("a 发包 to a party from outside the collective (2/3 "
                      "of all due in favour)")},
    {"date=D", N_("the filing's date (default today)")},
    {"code=CODE", N_("the code (default: generated)")}},
   "sanzi disposal new village=150125100201 type=出售 "
   "objects=150125100201-ZC-0003 \\\n    reason=车辆老旧 method=公开竞价 "
   "price=30000",
   N_("Refused: an unknown key, type or method; an object of another "
      "village, disposed of\nalready, or in another filing still open.")},
  {"vote", "CODE --step 提议|商议|审议|决议 --date D --due N --present N "
           "--for N --against N [--abstain N] [--body 村民会议|村民代表会议] "
           "[--households] [--minutes REF]",
   N_("Records a meeting of the 四议: who was due, present and voted; the "
      "step passes when\nthe quorum and the majority of the rules are met "
      "(sanzi config shows them)."),
   {{"--step STEP", N_("提议, 商议, 审议 or 决议, in this order")}, O_DATE,
    {"--due N", N_("people (or households) due to attend")},
    {"--present N", N_("people present")},
    {"--for N", N_("votes in favour")},
    {"--against N", N_("votes against")},
    {"--abstain N", N_("abstentions (default: present - for - against)")},
    {"--body BODY", N_("决议 only: 村民会议 or 村民代表会议")},
    {"--households", N_("a 村民会议 counted in households")},
    {"--minutes REF", N_("the minutes' reference")}},
   "sanzi disposal vote 150125100201-CZ-0001 --step 审议 --date 2025-04-10 "
   "\\\n    --due 20 --present 15 --for 12 --against 3",
   N_("A vote that fails is recorded as held and exits 1 with the numbers "
      "(e.g. too few present).\nRefused: a step out of order, numbers that "
      "do not add up.")},
  {"appraise", "CODE --value AMOUNT --appraiser NAME --report REF --date D",
   N_("Records the appraisal (资产评估) of the objects."),
   {{"--value AMOUNT", N_("the appraised value, in yuan")},
    {"--appraiser NAME", N_("who appraised")},
    {"--report REF", N_("the report's number")}, O_DATE},
   "sanzi disposal appraise 150125100201-CZ-0001 --value 28000 \\\n"
   "    --appraiser 武川县价格认证中心 --report 武价认[2025]12号 --date "
   "2025-04-20",
   N_("Refused: before the 决议 is made public.")},
  {"publicize", "CODE --kind 决议|结果 --from D --to D",
   N_("Records a publication: the resolution (决议公开) or the result "
      "(结果公开)."),
   {{"--kind KIND", N_("决议 or 结果")},
    {"--from D", N_("the first day on the notice board")},
    {"--to D", N_("the last day (at least the days the rules ask)")}},
   "sanzi disposal publicize 150125100201-CZ-0001 --kind 决议 --from "
   "2025-04-11 --to 2025-04-17",
   N_("Refused: too few days, a step out of order.")},
  {"review", "CODE --decision 同意|不同意|退回 --date D [--opinion TEXT]",
   N_("The township's review (乡镇审核), by someone other than the filer "
      "(--user)."),
   {{"--decision DECISION", N_("同意, 不同意 or 退回")}, O_DATE,
    O_OPINION},
   "sanzi --user 李审核 disposal review 150125100201-CZ-0001 --decision 同意 "
   "--date 2025-04-25",
   N_("Refused: the filer reviewing the filing; 不同意 or 退回 without "
      "--opinion; a step out of order.")},
  {"execute", "CODE --date D --party NAME --price AMOUNT "
              "[--contract CODE[,CODE...]] [--voucher V] "
              "[--lower-price-resolution REF]",
   N_("Records the execution: to whom, at what price; the objects change "
      "status."),
   {O_DATE, {"--party NAME", N_("the buyer, lessee or contractor")},
    {"--price AMOUNT", N_("the price, in yuan")},
    {"--contract CODE,...", N_("出租, 发包, 入股: one contract per object")},
    {"--voucher V", N_("出售: the voucher of the receipt")},
    {"--lower-price-resolution REF", N_("the resolution allowing a price "
                                        "below the appraisal")}},
   "sanzi disposal execute 150125100201-CZ-0001 --date 2025-05-08 "
   "--party 张三 \\\n    --price 30000 --voucher 记-045",
   N_("Refused: before the township's 同意; a price below the appraisal "
      "without a resolution.")},
  {"withdraw", "CODE --reason TEXT [--date D]",
   N_("Withdraws a filing not yet executed nor refused: its objects are "
      "free again."),
   {O_REASON, O_DATE_TODAY},
   "sanzi disposal withdraw 150125100201-CZ-0001 --reason 村民会议决定暂缓",
   N_("Refused: a filing executed or refused.")},
  {"show", "CODE [--format table|csv|json] [--part NAME] [--keys]",
   N_("The whole filing as a township files it, with the next step due.\n"
      "The parts: heading, filing, objects, meetings, steps, contracts, "
      "status, history."),
   {O_FORMAT, O_PART, O_KEYS}, "sanzi disposal show 150125100201-CZ-0001",
   N_("Refused: a code that is not a filing.")},
  {"list", "[--year Y] [--village CODE|--township CODE] "
           "[--format table|csv|json]",
   N_("The filings, one line each, with their status."),
   {{"--year Y", N_("filed in that year")}, O_VILLAGE, O_TOWNSHIP, O_FORMAT},
   "sanzi disposal list --year 2025 --township 150125101", R_SCOPE},
  {0},
};

/* ---- subsidies ---- */

static const help_verb program_help[] = {
  {"set", "--year Y [--budget AMOUNT] [--ratio PCT] [--rate-cap PCT|none] "
          "[--day-basis 360|365] [--village-cap AMOUNT]",
   N_("Sets up or changes the interest-subsidy fund's year; a new year takes "
      "the\nsubsidy.* parameters of sanzi config for what is not given."),
   {O_YEAR, {"--budget AMOUNT", N_("the year's budget, in yuan")},
    {"--ratio PCT", N_("the share of the interest subsidised, in percent")},
    {"--rate-cap PCT|none", N_("the highest rate subsidised, in percent")},
    {"--day-basis 360|365", N_("days in a year for the interest")},
    {"--village-cap AMOUNT", N_("the most one village gets in the year, in "
                                "yuan")}},
   "sanzi program set --year 2025 --budget 800000 --ratio 50 --rate-cap "
   "4.35",
   N_("Refused: a budget below what is approved or paid already.")},
  {"show", "--year Y [--format table|csv|json] [--keys]",
   N_("The year's parameters, and what is reserved, paid and remaining."),
   {O_YEAR, O_FORMAT, O_KEYS}, "sanzi program show --year 2025",
   N_("Refused: a year not set up.")},
  {0},
};

static const help_verb subsidy_help[] = {
  {"apply", "--loan CODE --year Y [--date D]",
   N_("A village applies for the interest subsidy (贷款贴息) of a loan for a "
      "year;\nprints the application's code. Then: 乡镇初审 → 公示 → "
      "县级审定 → 拨付."),
   {{"--loan CODE", N_("the loan")}, O_YEAR, O_DATE_TODAY},
   "sanzi subsidy apply --loan 150125100201-DK-0001 --year 2025",
   N_("Refused: a withdrawn loan, no interest paid in the year, an "
      "application already open.")},
  {"review", "APP --decision 同意|不同意 --date D [--opinion TEXT]",
   N_("The township's first review (乡镇初审)."),
   {{"--decision DECISION", N_("同意 or 不同意")}, O_DATE, O_OPINION},
   "sanzi subsidy review 150125100201-TX-0001 --decision 同意 --date "
   "2026-01-10",
   N_("Refused: 不同意 without --opinion; a step out of order.")},
  {"publicize", "APP --from D --to D",
   N_("Records the public notice (公示) of the application."),
   {{"--from D", N_("the first day")},
    {"--to D", N_("the last day (at least the days the rules ask)")}},
   "sanzi subsidy publicize 150125100201-TX-0001 --from 2026-01-12 --to "
   "2026-01-18",
   N_("Refused: too few days, a step out of order.")},
  {"approve", "APP --date D",
   N_("The county's approval (县级审定): reserves the money, cut by the "
      "budget or the village cap."),
   {O_DATE}, "sanzi subsidy approve 150125100201-TX-0001 --date 2026-01-20",
   N_("Refused: before the notice has ended; nothing left in the budget.")},
  {"pay", "APP --date D --voucher V",
   N_("Records the payment (拨付)."),
   {O_DATE, {"--voucher V", N_("the voucher of the payment")}},
   "sanzi subsidy pay 150125100201-TX-0001 --date 2026-02-01 --voucher 记-008",
   N_("Refused: before the approval.")},
  {"withdraw", "APP --reason TEXT [--date D]",
   N_("Withdraws an application not yet paid."),
   {O_REASON, O_DATE_TODAY},
   "sanzi subsidy withdraw 150125100201-TX-0001 --reason 贷款已提前结清",
   N_("Refused: an application paid already.")},
  {"show", "APP [--format table|csv|json] [--part NAME] [--keys]",
   N_("An application to the fen: days, capped rate, computed and eligible "
      "interest, subsidy.\nThe parts: application, lines, total, history."),
   {O_FORMAT, O_PART, O_KEYS}, "sanzi subsidy show 150125100201-TX-0001",
   N_("Refused: a code that is not an application.")},
  {"list", "[--year Y] [--village CODE|--township CODE] "
           "[--format table|csv|json]",
   N_("The applications, one line each."),
   {O_YEAR, O_VILLAGE, O_TOWNSHIP, O_FORMAT},
   "sanzi subsidy list --year 2025 --township 150125101", R_SCOPE},
  {"report", "--year Y [--format table|csv|json] [--part NAME]",
   N_("Per village, township and county, against the budget.\nThe parts: "
      "report, budget."),
   {O_YEAR, O_FORMAT, O_PART}, "sanzi subsidy report --year 2025", NULL},
  {0},
};

/* ---- the audit ---- */

static const help_verb audit_help[] = {
  {"findings", "--year Y [--village CODE|--township CODE] "
               "[--format table|csv]",
   N_("Every defect the checks find in the year, with its code (ZJ01 ...), "
      "as of 31 December\n(or today, in the year still running)."),
   {O_YEAR, O_VILLAGE, O_TOWNSHIP, O_FORMAT_TC},
   "sanzi audit findings --year 2025 --township 150125101",
   N_("Refused: a year not begun.")},
  {"export", "--year Y [--village CODE|--township CODE] --out DIR "
             "[--format csv|xlsx|both] [--anchors FILE]",
   N_("Writes the year's audit into DIR: every table as CSV and as one "
      "workbook, and\nmanifest.txt with each file's SHA-256, its rows and "
      "the verified change log's head\n(appended to the anchors file). DIR "
      "is replaced in one step; files of your own\nin it are kept."),
   {O_YEAR, O_VILLAGE, O_TOWNSHIP, {"--out DIR", N_("the directory")},
    {"--format csv|xlsx|both", N_("the CSV files, the workbook, or both "
                                  "(the default)")}, O_ANCHORS},
   "sanzi audit export --year 2025 --township 150125101 --out 审计2025",
   N_("Refused: a change log that does not verify; a year not begun.")},
  {0},
};

static const help_verb classify_help[] = {
  {"", "--year Y [--village CODE|--township CODE] [--format table|csv]",
   N_("Each village's operating income (经营收入 + 投资收益) in the year, "
      "its band (空白村, 薄弱村,\n一般村, 较强村: parameters "
      "classify.weak_below and classify.general_below) and\nthe change "
      "from the year before."),
   {O_YEAR, O_VILLAGE, O_TOWNSHIP, O_FORMAT_TC},
   "sanzi classify --year 2025 --township 150125101", R_SCOPE},
  {0},
};

/* ---- the database, the parameters, the organisations, the log ---- */

static const help_verb init_help[] = {
  {"", "[--anchors FILE]", N_("Creates the database, or upgrades it to this program's "
              "schema."),
   {O_ANCHORS}, "sanzi --db 武川县.db init", NULL},
  {0},
};

static const help_verb config_help[] = {
  {"", "[KEY [VALUE]]",
   N_("Without arguments, lists the parameters; with KEY, shows one; with "
      "VALUE, sets it\n(logged). Money as 5000.00, rates as 5%, fractions "
      "as 2/3."),
   {{0}}, "sanzi config\nsanzi config cash.limit 8000",
   N_("Refused: an unknown key, a value of the wrong kind.")},
  {0},
};

static const help_verb org_help[] = {
  {"import", "FILE [--encoding auto|utf-8|gb18030|utf-16] [--sheet NAME|PLACE]",
   N_("Imports the organisations: the columns code,name,level,parent_code "
      "(or 代码,名称,\n级别,上级代码); importing again updates names and adds "
      "new codes."),
   {O_ENCODING, O_SHEET}, "sanzi org import sample/divisions-wuchuan.csv",
   N_("Refused: a code of the wrong length for its level, an unknown "
      "parent.")},
  {"list", "[--under CODE] [--q TEXT] [--format table|csv|json]",
   N_("Lists the organisations."),
   {{"--under CODE", N_("only those under CODE")},
    {"--q TEXT", N_("only those whose name holds TEXT")}, O_FORMAT},
   "sanzi org list --under 150125101",
   N_("Refused: an unknown code.")},
  {0},
};

static const help_verb log_help[] = {
  {"", "[--table NAME] [--key CODE] [--since DATE] [--format table|csv|json]",
   N_("The change log: each entry's number, time (UTC), operator, action, "
      "table, code,\nrows written and replaced, then each field it changed "
      "(old -> new); CSV has a row\nper field changed, for auditors."),
   {{"--table NAME", N_("one table (asset, fund, disposal ...)")},
    {"--key CODE", N_("one record")},
    {"--since DATE", N_("entries from DATE on (UTC)")}, O_FORMAT},
   "sanzi log --key 150125100201-ZC-0001\nsanzi log --since 2025-12-01",
   NULL},
  {"verify", "[--expect HEAD] [--anchors FILE]",
   N_("Recomputes the SHA-256 chain and every row's digest and checks the "
      "schema; prints\nthe chain head, or names the first entry that does "
      "not match. Each head in the\nanchors file must still be the chain's "
      "at its entry number."),
   {{"--expect HEAD", N_("a head printed earlier (kept outside the "
                         "database) that the chain must still hold")},
    O_ANCHORS},
   "sanzi log verify --expect 3f9a...\nsanzi log verify --anchors "
   "/mnt/审计/武川县.anchors",
   N_("Exits 1 when the log does not verify, or the log was cut or "
      "rewritten below an anchor.")},
  {"anchor", "[--anchors FILE]",
   N_("Verifies the log, prints the line 'sanzi anchor TIME ENTRIES HEAD' "
      "and appends it\nto the anchors file. Keep the line outside the "
      "database too (paper, e-mail):\nlog verify then catches a log cut "
      "or recomputed since."),
   {O_ANCHORS}, "sanzi log anchor",
   N_("Refused: a log that does not verify (nothing is appended).")},
  {0},
};

static const help_verb backup_help[] = {
  {"", "--out DIR [--keep COUNT]",
   N_("Copies the database with SQLite's online backup API while others "
      "keep working,\nchecks the copy (integrity_check, the change log) "
      "and names it NAME-TIME-HEAD.db;\nprints its path. A killed backup "
      "leaves no half copy under such a name."),
   {{"--out DIR", N_("where the copies go (made if missing)")},
    {"--keep COUNT", N_("keep only the COUNT newest copies of this database "
                        "in DIR")}},
   "sanzi backup --out /srv/备份 --keep 30",
   N_("Refused: a copy that does not check (nothing is named).")},
  {0},
};

static const help_verb restore_help[] = {
  {"", "FILE",
   N_("Replaces the database with the copy FILE, after checking it "
      "(integrity_check, the\nchange log); the database replaced is kept "
      "as DB.replaced-TIME.\nWarns when the anchors file holds heads "
      "the copy does not reach (changes lost)."),
   {O_ANCHORS}, "sanzi restore /srv/备份/武川县-20261205T020000Z-3f9a0c1d2e4b5a69.db",
   N_("Refused: a copy that does not verify, or is not a sanzi database "
      "(nothing changes).")},
  {0},
};

static const help_verb summary_help[] = {
  {"", "[--as-of DATE] [--format table|csv|json]",
   N_("Per township: villages, assets with original and net value (net of "
      "depreciation at\nthe date), resources and their area, fund "
      "balances."),
   {O_AS_OF, O_FORMAT}, "sanzi summary --as-of 2025-12-31", NULL},
  {0},
};

static const help_verb notice_help[] = {
  {"", "--village CODE --year Y [--as-of DATE] [--format table|csv|json|xlsx] "
       "[--out FILE] [--part NAME]",
   N_("The village notice-board sheet (村务公开表) for the year, up to the "
      "date: assets held,\nresources, contracts in force (the party by name, "
      "no ID number), the year's income\nand expense by category, disposals "
      "executed and interest subsidies paid, each with\na row 合计; as a "
      "workbook, with the title, the date and lines for the signatures\nof "
      "the 村务监督委员会, on A4 landscape pages.\nThe parts: assets, "
      "resources, contracts, funds, disposals, subsidies."),
   {O_VILLAGE, O_YEAR,
    {"--as-of DATE", N_("the last day it covers (default: the year's end, or "
                        "today while the year runs)")},
    O_FORMAT_X, O_OUT, O_PART},
   "sanzi notice --village 150125100201 --year 2025 --out 公开表.xlsx",
   N_("Refused: an unknown village; --as-of outside the year or after "
      "today.")},
  {0},
};

static const help_verb version_help[] = {
  {"", "", N_("Prints the version, with SQLite's and libsodium's."), {{0}},
   NULL, NULL},
  {0},
};

static const help_verb help_help[] = {
  {"", "[COMMAND [VERB]]",
   N_("Lists the commands; with COMMAND, its help; with VERB, the verb's."),
   {{0}}, "sanzi help asset\nsanzi help disposal vote", NULL},
  {0},
};

#define REGISTER_NOTES                                                       \
  N_("A record's code is generated when left empty: <village>-<prefix>-"    \
     "NNNN.")

/* Sorted by name, like git's command table. */
static const help_verb user_help[] = {
  {"add", "NAME --role ROLE [--scope CODE]",
   N_("Adds a user of `sanzi serve`. The password is read from standard "
      "input: twice,\nwithout echo, on a terminal; one line from a pipe. "
      "Roles: 村报账员 (scope: a\nvillage), 乡镇 (a township), 县级 and 审计 "
      "(a county), 管理员 (no scope)."),
   {{"--role ROLE", N_("村报账员, 乡镇, 县级, 审计 or 管理员")},
    {"--scope CODE", N_("the village, township or county the user works "
                        "in")}},
   "sanzi user add admin --role 管理员\n"
   "sanzi user add 张会计 --role 村报账员 --scope 150125100201",
   N_("Refused: a name that exists, a scope of the wrong level for the "
      "role, a password\nshorter than 8 characters or of one kind only.")},
  {"passwd", "NAME",
   N_("Sets a new password (from standard input, as for add); the user's "
      "sessions end."),
   {{0}}, "sanzi user passwd 张会计", NULL},
  {"list", "[--format table|csv|json]",
   N_("Lists the users with their role, scope, status and last login."),
   {O_FORMAT}, "sanzi user list", NULL},
  {"disable", "NAME",
   N_("Disables a user (停用): they cannot log in and their sessions end. "
      "Users are never\ndeleted: the change log names them."),
   {{0}}, "sanzi user disable 张会计", NULL},
  {"enable", "NAME", N_("Enables a disabled user again."), {{0}},
   "sanzi user enable 张会计", NULL},
  {0},
};

static const help_verb serve_help[] = {
  {"", "[--listen ADDR:PORT] [--cert FILE --key FILE] [--threads N]",
   N_("Serves the registers to browsers (doc/web.md): logins with roles "
      "and scopes, the\nregisters' lists, records and history, JSON for "
      "other systems. Stops cleanly on\nSIGTERM or Ctrl-C: requests in "
      "flight finish. Refuses to start while the\ndatabase has no enabled "
      "管理员 (sanzi user add NAME --role 管理员)."),
   {{"--listen ADDR:PORT", N_("where to listen (default 127.0.0.1:8080)")},
    {"--cert FILE", N_("the TLS certificate (PEM): serve HTTPS")},
    {"--key FILE", N_("the certificate's private key (PEM)")},
    {"--threads N", N_("worker threads, each with its own database "
                       "connection (default 4)")}},
   "sanzi serve\nsanzi serve --listen 0.0.0.0:8443 --cert site.pem --key "
   "site.key",
   N_("Refused: no 管理员 yet, a port in use, a certificate that cannot be "
      "read.")},
  {0},
};

const help_cmd help_cmds[] = {
  {"account", N_("accounts (库存现金, 银行存款): template import export "
                 "list show add edit void restore"),
   register_help, void_help, REGISTER_NOTES, "账户.csv", "150125100201-ZH-0001",
   "village=150125100201 name=现金 kind=库存现金 opening_balance=1200 "
   "opening_date=2025-01-01",
   "bank=中国农业银行武川县支行"},
  {"asset", N_("assets (资产): template import export list show add edit "
               "void restore"),
   register_help, void_help, REGISTER_NOTES, "资产.csv", "150125100201-ZC-0001",
   "village=150125100201 name=办公楼 category=房屋及建筑物 \\\n    "
   "nature=非经营性 original_value=120000 acquired_via=自建 "
   "acquired_on=2020-06-15 status=在用",
   "custodian=李四"},
  {"audit", N_("the annual audit: audit findings --year Y; audit export "
               "--year Y --out DIR"),
   audit_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"backup", N_("copy the database while others work: backup --out DIR "
                "[--keep COUNT]"),
   backup_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"classify", N_("village classification (空白村 薄弱村 一般村 较强村): "
                  "classify --year Y"),
   classify_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"config", N_("show or set a parameter: config [KEY [VALUE]]"),
   config_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"contract", N_("contracts (合同): template import export list show add "
                  "edit void restore; contract schedule; contract overdue"),
   register_help, contract_help,
   N_("A record's code is generated when left empty: <village>-HT-NNNN.\n"
      "A 出租, 发包 or 入股 contract signed on or after parameter "
      "registry.start names the\nfiling the township approved (处置申报编号); "
      "add and import take --without-filing\nto record one without it, with "
      "a warning (the audit flags it as CZ01)."),
   "合同.csv",
   "150125100201-HT-0001",
   "village=150125100201 kind=出租 object=150125100201-ZY-0001 \\\n    "
   "party=王二 party_id=150125198001010012 start_date=2025-01-01 "
   "end_date=2025-12-31 \\\n    annual_amount=1000 payment=年付 "
   "first_due=2025-01-01",
   "note=口头约定续租"},
  {"disposal", N_("disposal filings (处置申报, 四议两公开): new vote appraise "
                  "publicize review execute withdraw show list"),
   disposal_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"fund", N_("fund entries (资金收支): template import export list show add "
              "edit; fund balance reverse close reopen"),
   register_help, fund_help,
   N_("A fund entry's code is <village>-<year>-<voucher>."), "资金.csv",
   "150125100201-2025-记-001",
   "voucher=记-001 village=150125100201 date=2025-01-15 \\\n    "
   "account=150125100201-ZH-0001 direction=收入 amount=5000 "
   "category=经营收入 \\\n    summary=收取机井承包费",
   "handler=王会计"},
  {"help", N_("list the commands; help COMMAND [VERB]: its help"),
   help_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"init", N_("create or upgrade the database"), init_help, NULL, NULL, NULL,
   NULL, NULL, NULL},
  {"loan", N_("loans (贷款): template import export list show add edit void "
              "restore; loan interest; loan withdraw"),
   register_help, loan_help, REGISTER_NOTES, "贷款.csv",
   "150125100201-DK-0001",
   "village=150125100201 lender=中国农业银行武川县支行 \\\n    "
   "contract_no=NH-001 project=肉牛养殖场 principal=500000 rate=4.35 \\\n"
   "    start_date=2024-03-01 maturity=2027-03-01",
   "note=展期一年"},
  {"log", N_("the change log: log [--table T] [--key CODE] [--since DATE]; "
             "log verify; log anchor"),
   log_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"notice", N_("the village notice-board sheet: notice --village V --year "
                "Y --out FILE.xlsx"),
   notice_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"org", N_("organisations: org import FILE; org list [--under CODE]"),
   org_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"program", N_("the interest-subsidy fund's year: program set|show --year "
                 "Y"),
   program_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"resource", N_("resources (资源): template import export list show add "
                  "edit void restore"),
   register_help, void_help, REGISTER_NOTES, "资源.csv", "150125100201-ZY-0001",
   "village=150125100201 name=村东旱地 land_class=0103 area=120.5 "
   "status=发包",
   "location=村东"},
  {"restore", N_("put a checked backup copy in place: restore FILE"),
   restore_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"serve", N_("the web system for browsers: serve [--listen ADDR:PORT]"),
   serve_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"subsidy", N_("interest subsidies (贷款贴息): apply review publicize "
                 "approve pay withdraw show list report"),
   subsidy_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"summary", N_("per-township totals: summary [--as-of DATE]"),
   summary_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"user", N_("users of the web system: user add|passwd|list|disable|"
              "enable"),
   user_help, NULL, NULL, NULL, NULL, NULL, NULL},
  {"version", N_("print the version"), version_help, NULL, NULL, NULL, NULL,
   NULL, NULL},
};
const size_t help_ncmds = ARRAY_SIZE(help_cmds);
