#!/usr/bin/python3
"""tools/po-fill.py FILE.tsv: fills translations into po/zh_CN.po.

Each line of FILE.tsv is `msgid<TAB>msgstr`, both written as in a .po file
(\\n, \\" and \\\\ escaped, no surrounding quotes; a msgid of several lines
is written on one, its lines joined). For a plural message, msgid is the
singular; the msgstr fills msgstr[0]. An entry already translated is
replaced. Lines whose msgid the catalog lacks are listed on stderr (run
tools/po-check.sh --update first)."""
import re
import sys

PO = "po/zh_CN.po"
STR = r'"((?:[^"\\]|\\.)*)"'


def joined(lines):
    """The escaped text of a keyword's string and its continuation lines."""
    return "".join(re.match(r'^(?:\w+(?:\[\d+\])? )?' + STR + r'\s*$', l).group(1)
                   for l in lines)


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
    out, found = [], set()
    for entry in open(PO, encoding="utf-8").read().split("\n\n"):
        lines = entry.split("\n")
        # the keyword lines and their continuations
        parts, cur = {}, None
        for i, l in enumerate(lines):
            m = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d+\])?) ', l)
            if m:
                cur = m.group(1)
                parts[cur] = [i]
            elif cur and l.startswith('"'):
                parts[cur].append(i)
        if "msgid" not in parts:
            out.append(entry)
            continue
        k = joined([lines[i] for i in parts["msgid"]])
        if not k or k not in want:
            out.append(entry)
            continue
        found.add(k)
        key = "msgstr[0]" if "msgid_plural" in parts else "msgstr"
        idx = parts[key]
        lines[idx[0]:idx[-1] + 1] = [f'{key} "{want[k]}"']
        out.append("\n".join(lines))
    open(PO, "w", encoding="utf-8").write("\n\n".join(out))
    for k in want:
        if k not in found:
            print(f"not in the catalog: {k}", file=sys.stderr)
    print(f"{len(found)} filled", file=sys.stderr)


main()
