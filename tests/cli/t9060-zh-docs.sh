#!/bin/bash
# What is read outside the program (issue 11, parts 5 and 6): make install
# puts the program, the catalog, the man page in Chinese and in English and
# the bash completion under DESTDIR and PREFIX; man renders both pages
# without a warning, and finds each in its language; the Chinese page names
# every command and verb; the completion completes commands, verbs,
# options and the codes of the database; the READMEs start with the quick
# start.
. "$(dirname "$0")/lib.sh"

INST="$TMP/inst"
MAN="$INST/usr/share/man"
COMP="$INST/usr/share/bash-completion/completions/sanzi"

test_expect_success 'make install honours DESTDIR and PREFIX' '
  env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    make -s -C "$TOP" install DESTDIR="$INST" PREFIX=/usr >make.out 2>&1 &&
  test -x "$INST/usr/bin/sanzi" &&
  cmp "$TOP/sanzi" "$INST/usr/bin/sanzi" &&
  test -f "$INST/usr/share/locale/zh_CN/LC_MESSAGES/sanzi.mo" &&
  cmp "$TOP/doc/sanzi.1" "$MAN/man1/sanzi.1" &&
  cmp "$TOP/doc/sanzi.en.1" "$MAN/en/man1/sanzi.1" &&
  cmp "$TOP/completion/sanzi.bash" "$COMP" &&
  test -z "$(find "$INST" -type f ! -path "$INST/usr/*")"
'

test_expect_success 'the installed program finds its catalog under PREFIX/share/locale' '
  (cd / && env -u LANGUAGE LANG=C "$INST/usr/bin/sanzi" --db "$TMP/nope.db" \
     asset list 2>&1) >inst.out;
  grep -F "数据库不存在" inst.out
'

test_expect_success 'both man pages render without a warning, at 60, 80 and 120 columns' '
  for w in 60 80 120; do
    for f in "$MAN/man1/sanzi.1" "$MAN/en/man1/sanzi.1"; do
      MANWIDTH=$w man --warnings -l "$f" 2>warn >/dev/null &&
      test ! -s warn || { cat warn; return 1; }
    done
  done
'

test_expect_success 'man finds the English page under -L en, the Chinese one on zh_CN and C' '
  test "$(MANPATH="$MAN" man -L en -w sanzi)" = "$MAN/en/man1/sanzi.1" &&
  test "$(MANPATH="$MAN" man -L en_US.UTF-8 -w sanzi)" = "$MAN/en/man1/sanzi.1" &&
  test "$(MANPATH="$MAN" man -L zh_CN -w sanzi)" = "$MAN/man1/sanzi.1" &&
  test "$(MANPATH="$MAN" man -L zh_CN.UTF-8 -w sanzi)" = "$MAN/man1/sanzi.1" &&
  test "$(MANPATH="$MAN" man -L C -w sanzi)" = "$MAN/man1/sanzi.1"
'

# The commands of `sanzi help`, one a line.
sanzi help >help.out
awk '/^  [a-z]+ / { print $1 }' help.out >commands
MANWIDTH=200 man -l "$MAN/man1/sanzi.1" 2>/dev/null >zh.txt
MANWIDTH=200 man -l "$MAN/en/man1/sanzi.1" 2>/dev/null >en.txt
. "$COMP"

test_expect_success 'each page names every command of sanzi help and every verb' '
  test "$(wc -l <commands)" -ge 18 &&
  for page in zh.txt en.txt; do
    while read -r c; do
      grep -q -w -- "$c" $page ||
        { echo "$page: no $c"; return 1; }
      for v in $(_sanzi_verbs "$c"); do
        grep -q -E "sanzi ($c|台账|REGISTER) $v\\b" $page ||
          { echo "$page: no $c $v"; return 1; }
      done
    done <commands
  done
'

test_expect_success 'the Chinese page has the sections of a man page, in Chinese' '
  for s in 名称 概述 描述 全局选项 命令 环境变量 文件 退出状态 示例 参见; do
    grep -q -x "$s" zh.txt || { echo "no section $s"; return 1; }
  done &&
  grep -q "SANZI_DB" zh.txt && grep -q "SANZI_USER" zh.txt &&
  grep -q "LANGUAGE、LC_ALL、LC_MESSAGES、LANG" zh.txt &&
  grep -q -E "^ +2 +用法错误" zh.txt
'

test_expect_success 'the Chinese page keeps no English sentence' '
  # Values typed as they are: parts, formats, keys, a CSV header, the
  # names of other programs.
  allow="$(cat commands; for c in $(cat commands); do _sanzi_verbs $c; done)" &&
  allow="$(echo $allow | tr " " "|")|ALL|MESSAGES|USER|POSIX|CRLF|utf|parent|record|depreciation|payments|history|balances|total|contract|instalments|received|report|budget|table|both|none|auto|code|name|level|parent_code|village|type|objects|reason|method|price|outsider|date|Windows|libsodium|gettext|sqlite3|SANZI_DB|SANZI_USER|LANGUAGE|LC_ALL|LC_MESSAGES|LANG|SANZI|zh_CN|en_US|subsidy|init|json|help|version|sanzi|manifest|README|doc|cli|domain|design|locale|share|usr|LC_MESSAGES|mo|md|en|ANCHORS|anchors|integrity|check|replaced" &&
  english_words zh.txt "$allow" >left &&
  test ! -s left || { cat left; return 1; }
'

# comp WORD...: what the completion offers for the line WORD..., the last
# word being completed, one a line.
comp() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _sanzi
  printf "%s\n" "${COMPREPLY[@]}" | sed "/^$/d" | sort
}
# The binary the completion runs is the one of the line (COMP_WORDS[0]).
PATH="$INST/usr/bin:$PATH"

test_expect_success 'the completion registers itself for sanzi' '
  complete -p sanzi | grep -q -- "-F _sanzi sanzi$"
'

test_expect_success 'commands, verbs and options complete' '
  test "$(comp sanzi as)" = asset &&
  test "$(comp sanzi asset i)" = import &&
  printf "%s\n" --again --allow-duplicates --dry-run --encoding --help \
    --sheet --update >want &&
  comp sanzi asset import -- >got && test_cmp want got &&
  test "$(comp sanzi --db x.db --user 张三 asset i)" = import &&
  test "$(comp sanzi disposal v)" = vote &&
  printf "%s\n" 决议 商议 审议 提议 | sort >want &&
  comp sanzi disposal vote X --step "" >got && test_cmp want got &&
  printf "%s\n" auto gb18030 utf-16 utf-8 >want &&
  comp sanzi asset import a.csv --encoding "" >got && test_cmp want got &&
  comp sanzi "" >got && sort commands >want && test_cmp want got
'

test_expect_success 'codes complete from the database, with the program itself' '
  setup_county &&
  for n in 1 2 3; do
    sanzi asset add village=150125100201 name=电脑$n category=电子设备 \
      nature=非经营性 original_value=9000 acquired_via=购入 \
      acquired_on=2015-03-01 status=在用 >>codes || return 1
  done &&
  sanzi asset add village=150125100202 name=库房 category=房屋及建筑物 \
    nature=经营性 original_value=80000 acquired_via=自建 \
    acquired_on=2016-04-20 status=闲置 >>codes &&
  sort codes >want &&
  comp sanzi asset show "" >got && test_cmp want got &&
  grep 150125100201 want >want1 &&
  comp sanzi asset show 150125100201 >got && test_cmp want1 got &&
  test "$(comp sanzi asset edit 150125100202)" = 150125100202-ZC-0001 &&
  comp sanzi resource show "" >got && test ! -s got &&
  comp sanzi asset list --village 15012510020 >got &&
  grep -q -x 150125100201 got && ! grep -v "^15012510020" got &&
  test "$(comp sanzi asset list --township 1501251)" = "$(printf "%s\n" 150125100 150125101 150125102)"
'

test_expect_success 'the database is the one of --db, else $SANZI_DB, and none is created' '
  cp "$SANZI_DB" other.db &&
  sanzi --db other.db asset add village=150125100203 name=水泵 category=机器设备 \
    nature=经营性 original_value=3000 acquired_via=购入 acquired_on=2020-05-01 \
    status=在用 >/dev/null &&
  test "$(comp sanzi --db other.db asset show 150125100203)" = 150125100203-ZC-0001 &&
  test -z "$(comp sanzi asset show 150125100203)" &&
  test -z "$(comp sanzi --db nowhere.db asset show "")" &&
  test ! -e nowhere.db &&
  test -z "$(SANZI_DB=$TMP/none.db comp sanzi asset show "")" &&
  test ! -e "$TMP/none.db"
'

# Every option the completion offers for a command is one its help
# names, and every option its help names is offered (the help of the
# registers shows other commands too: their lines are left out).
help_opts() {
  { sanzi --lang en "$@" --help; sanzi --lang zh "$@" --help; } 2>/dev/null |
    grep -v -E "sanzi ([a-z]+)" | cat - <({ sanzi --lang en "$@" --help
      sanzi --lang zh "$@" --help; } 2>/dev/null |
      grep -E "sanzi ($1|REGISTER)\b") |
    grep -o -E -- "--[a-z][a-z-]*" | sort -u
}
test_expect_success 'the options of the completion are those of the help' '
  grep -v -x help commands | while read -r c; do
    verbs=$(_sanzi_verbs "$c")
    help_opts "$c" >h
    for v in "" $verbs; do
      [ -n "$v" ] && help_opts "$c" "$v" >>h
    done
    sort -u h | grep -v -x -E -- "--help|--db|--user|--lang|--version" >help.opts
    for v in "" $verbs; do _sanzi_options "$c" "$v"; done | tr " " "\n" |
      sed "/^$/d" | sort -u >comp.opts
    test_cmp help.opts comp.opts || { echo "command $c"; exit 1; }
  done
'

test_expect_success 'the READMEs start with the quick start, make demo and make test' '
  for r in README.md README.en.md; do
    awk "/^\`\`\`/ { n++; next } n == 1" "$TOP/$r" | sed "s/ *#.*//" >qs &&
    printf "%s\n" "make demo" "make test" >want &&
    test_cmp want qs || return 1
  done &&
  head -5 "$TOP/README.md" | grep -q "(README.en.md)" &&
  head -5 "$TOP/README.en.md" | grep -q "(README.md)"
'

test_done
