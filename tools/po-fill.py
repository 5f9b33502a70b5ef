#!/usr/bin/python3
"""tools/po-fill.py FILE.tsv: fills translations into po/zh_CN.po.

Each line of FILE.tsv is `msgid<TAB>msgstr`, both written as in a .po file
(\\n, \\" and \\\\ escaped, no surrounding quotes). For a plural message,
msgid is the singular; the msgstr fills msgstr[0]. An entry already
translated is replaced. Lines whose msgid the catalog lacks are listed on
stderr (run tools/po-check.sh --update first). The catalog must be written
without wrapping (tools/po-check.sh --update does that)."""
import re
import sys

PO = "po/zh_CN.po"


def main():
    want = {}
    for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if "\t" not in line:
            sys.exit(f"{sys.argv[1]}:{n}: no TAB between msgid and msgstr")
        k, v = line.split("\t", 1)
        want[k] = v
    text = open(PO, encoding="utf-8").read()
    found = set()

    def fill(m):
        k = m.group(2)
        if k not in want or k == "":
            return m.group(0)
        found.add(k)
        if m.group(3) is not None:  # plural
            return f'{m.group(1)}msgid "{k}"\n{m.group(3)}msgstr[0] "{want[k]}"'
        return f'{m.group(1)}msgid "{k}"\nmsgstr "{want[k]}"'

    text = re.sub(
        r'(^|\n)msgid "((?:[^"\\]|\\.)*)"\n(msgid_plural "(?:[^"\\]|\\.)*"\n)?'
        r'msgstr(?:\[0\])? "(?:[^"\\]|\\.)*"',
        fill, text)
    open(PO, "w", encoding="utf-8").write(text)
    for k in want:
        if k not in found:
            print(f"not in the catalog: {k}", file=sys.stderr)
    print(f"{len(found)} filled", file=sys.stderr)


main()
