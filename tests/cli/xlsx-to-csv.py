#!/usr/bin/python3
# tests/cli/xlsx-to-csv.py BOOK.xlsx OUTDIR: writes each sheet of the audit
# workbook as OUTDIR/NN-<sheet>.csv (NN: the sheet's place, from 00), in the
# form `sanzi audit export` gives its CSV files (UTF-8 with BOM, CRLF, RFC
# 4180 quoting as src/csvout.c does it), so that a byte comparison with the
# program's CSV is a cell-for-cell comparison: a number is written at its
# column's precision (money 2 places, area and rate 4 places with the
# trailing zeros dropped, counts whole), an empty cell as an empty field.
#
# Run with /usr/bin/python3 (Debian's, which has python3-openpyxl).
#
# It also checks what a CSV cannot show, and reports each problem on stderr
# (exit 1): a number in a text column or text in a number column, a money
# cell without the number format #,##0.00, a number that is not whole in a
# count column, the header row not frozen (freeze_panes A2), the autofilter
# not over the header and the data, a column without a width wide enough for
# its header, a cell outside the header's columns, a date that is not an
# Excel date formatted yyyy-mm-dd, a sheet without the print set-up (A4,
# one page wide, the header row on every page, the title in the page
# header, "第 &P 页 共 &N 页" in the footer).
import datetime
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

import openpyxl
from openpyxl.utils import get_column_letter

# The columns that hold numbers (src/audit.c, the tables as designed);
# every other column is text.
MONEY, AREA, RATE, INT, DATE = "money", "area", "rate", "int", "date"
# Dates: Excel dates (src/domain/audit.c, K_DATE).
DATES = {
    "资产清单": "取得日期", "资产增减": "日期", "账户余额": "开户日期",
    "合同": "起始日期 终止日期 最早逾期应付日", "处置申报": "申报日期 执行日期",
    "处置表决": "日期", "贷款": "放款日期 到期日期",
    "付息": "计息起 计息止 付息日期",
}
KINDS = {
    "汇总": {
        INT: "资产数 资源数 空白村 薄弱村 一般村 较强村 合同数 审计发现",
        AREA: "资源面积",
        MONEY: "资产原值 累计折旧 资产净值 年初余额 本年开户余额 本年收入 本年支出 期末余额 "
               "经营性收入 合同累计应收 合同累计已收 逾期未收 贴息审定 贴息拨付",
    },
    "资产清单": {MONEY: "原值 累计折旧 净值"},
    "资产增减": {MONEY: "原值 累计折旧 净值 成交价"},
    "资源清单": {AREA: "面积"},
    "账户余额": {MONEY: "年初余额 本年开户余额 本年收入 本年支出 期末余额"},
    "收支分类": {INT: "笔数", MONEY: "金额"},
    "合同": {MONEY: "年金额 本年应收 累计应收 累计已收 逾期未收"},
    "处置申报": {MONEY: "账面价值 拟定价格 评估价 成交价", AREA: "面积"},
    "处置表决": {INT: "应到 实到 赞成 反对 弃权 实到至少 赞成至少"},
    "贷款": {MONEY: "本金 本年付息", RATE: "年利率"},
    "付息": {INT: "天数", MONEY: "实付利息"},
    "贴息申请": {MONEY: "申请金额 审定金额 拨付金额"},
    "贴息资金": {MONEY: "预算 村年度限额 已审定未拨付 已拨付 预算结余",
             RATE: "补贴比例 利率上限", INT: "计息天数基础"},
    "村级分类": {MONEY: "经营收入 投资收益 本年经营性收入 上年经营性收入 增减额"},
    "结账": {INT: "本年已结账月数"},
    "审计发现": {INT: "序号"},
    "参数": {},
}

problems = []


def bad(msg):
    problems.append(msg)


def kind_of(sheet, header):
    # a trailing unit in brackets is not part of the name: 面积(亩), 年利率(%)
    header = re.sub(r"[(（][^()（）]*[)）]$", "", str(header or ""))
    for kind, names in KINDS.get(sheet, {}).items():
        if header in names.split():
            return kind
    if header in DATES.get(sheet, "").split():
        return DATE
    return None


def trimmed(d):
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def number_text(kind, v, where):
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        bad(f"{where}: {v!r} is not a number")
        return str(v)
    d = Decimal(repr(v))
    if kind == MONEY:
        return format(d.quantize(Decimal("0.01"), ROUND_HALF_UP), "f")
    if kind in (AREA, RATE):
        return trimmed(d.quantize(Decimal("0.0001"), ROUND_HALF_UP))
    if d != d.to_integral_value():
        bad(f"{where}: {v!r} is not a whole number")
    return str(int(d))


def csv_field(s):
    if s and (s[0] in " \t" or s[-1] in " \t" or re.search(r'[\r\n",]', s)):
        return '"' + s.replace('"', '""') + '"'
    return s


def display_width(s):
    return sum(2 if ord(c) > 0x7f else 1 for c in s)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: xlsx-to-csv.py BOOK.xlsx OUTDIR")
    wb = openpyxl.load_workbook(sys.argv[1])
    os.makedirs(sys.argv[2], exist_ok=True)
    for n, ws in enumerate(wb.worksheets):
        rows = list(ws.iter_rows())
        if not rows:
            bad(f"{ws.title}: no header row")
            continue
        header = [c.value for c in rows[0]]
        while header and header[-1] is None:
            header.pop()
        ncols = len(header)
        kinds = [kind_of(ws.title, h) for h in header]
        lines = []
        for r, row in enumerate(rows):
            out = []
            for i, c in enumerate(row):
                where = f"{ws.title}!{c.coordinate}"
                if i >= ncols:
                    if c.value is not None:
                        bad(f"{where}: {c.value!r} outside the header's columns")
                    continue
                v = c.value
                if r == 0:
                    if not isinstance(v, str):
                        bad(f"{where}: header {v!r} is not text")
                    out.append("" if v is None else str(v))
                elif v is None:
                    out.append("")
                elif kinds[i] is None:
                    if not isinstance(v, str):
                        bad(f"{where}: {v!r} in the text column {header[i]}")
                    out.append(str(v))
                elif kinds[i] == DATE:
                    if not isinstance(v, datetime.datetime) or v.time() != datetime.time(0):
                        bad(f"{where}: {v!r} in the date column {header[i]} "
                            "is not an Excel date")
                        out.append(str(v))
                    else:
                        if c.number_format != "yyyy-mm-dd":
                            bad(f"{where}: date with the number format "
                                f"{c.number_format!r}")
                        out.append(v.strftime("%Y-%m-%d"))
                else:
                    if kinds[i] == MONEY and c.number_format != "#,##0.00":
                        bad(f"{where}: money with the number format "
                            f"{c.number_format!r}, not '#,##0.00'")
                    out.append(number_text(kinds[i], v, where))
            lines.append(",".join(csv_field(x) for x in out))
        # Trailing empty rows are no rows.
        while len(lines) > 1 and not lines[-1].strip(","):
            lines.pop()
        ndata = len(lines) - 1
        if (ws.page_setup.paperSize not in (9, "9")
                or ws.page_setup.fitToWidth not in (None, 1, "1")
                or ws.page_setup.fitToHeight not in (0, "0")
                or not ws.sheet_properties.pageSetUpPr.fitToPage
                or ws.print_title_rows not in ("1:1", "$1:$1")
                or ws.title.split(" (")[0] not in (ws.oddHeader.left.text or "")
                or "第 &P 页 共 &N 页" not in (ws.oddFooter.center.text or "")):
            bad(f"{ws.title}: no print set-up (A4 one page wide, row 1 "
                "repeated, title above, page numbers below)")
        if ws.freeze_panes != "A2":
            bad(f"{ws.title}: freeze_panes is {ws.freeze_panes!r}, not 'A2'")
        last = get_column_letter(ncols)
        if ndata > 0 and ws.auto_filter.ref != f"A1:{last}{ndata + 1}":
            bad(f"{ws.title}: autofilter {ws.auto_filter.ref!r}, "
                f"not 'A1:{last}{ndata + 1}'")
        if ndata == 0 and not (ws.auto_filter.ref or "").startswith("A1:"):
            bad(f"{ws.title}: no autofilter on the header")
        for i, h in enumerate(header):
            col = get_column_letter(i + 1)
            dim = ws.column_dimensions.get(col)
            w = dim.width if dim is not None else None
            if not w or w < display_width(str(h)):
                bad(f"{ws.title}: column {col} ({h}) has width {w!r}, "
                    f"narrower than its header ({display_width(str(h))})")
        name = os.path.join(sys.argv[2], f"{n:02d}-{ws.title}.csv")
        with open(name, "wb") as f:
            f.write(b"\xef\xbb\xbf")
            for line in lines:
                f.write(line.encode("utf-8") + b"\r\n")
    for p in problems:
        print("BAD " + p, file=sys.stderr)
    sys.exit(1 if problems else 0)


main()
