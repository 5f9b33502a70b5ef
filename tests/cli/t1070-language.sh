#!/bin/sh
# The language of the command line: Chinese by default (also on a bare C
# locale), English on an English locale or with --lang en; the catalog is
# found from the build tree; the catalog check fails on a missing, fuzzy
# or stale entry.
. "$(dirname "$0")/lib.sh"

ZH='sanzi: 无法打开“nope.db”：数据库不存在（请先用 sanzi init 创建）'
EN="sanzi: cannot open 'nope.db': no such database (create it with 'sanzi init')"

# lang_of ENV...: what `sanzi --db nope.db asset list` says under that
# environment (everything else about the language unset).
lang_of() {
  env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" \
    "$SANZI" --db nope.db asset list 2>&1
}

test_expect_success 'Chinese on a bare environment and on C, POSIX, C.UTF-8' '
  test "$(lang_of)" = "$ZH" &&
  test "$(lang_of LANG=C)" = "$ZH" &&
  test "$(lang_of LC_ALL=POSIX)" = "$ZH" &&
  test "$(lang_of LANG=C.UTF-8)" = "$ZH" &&
  test "$(lang_of LANG=zh_CN.UTF-8)" = "$ZH" &&
  test "$(lang_of LANG=zh_CN.GB18030)" = "$ZH"
'

test_expect_success 'English on an English locale, first of LANGUAGE LC_ALL LC_MESSAGES LANG' '
  test "$(lang_of LANG=en_US.UTF-8)" = "$EN" &&
  test "$(lang_of LANG=en)" = "$EN" &&
  test "$(lang_of LANGUAGE=en LANG=zh_CN.UTF-8)" = "$EN" &&
  test "$(lang_of LANGUAGE=en_GB:zh_CN)" = "$EN" &&
  test "$(lang_of LC_MESSAGES=en_US.UTF-8 LANG=zh_CN.UTF-8)" = "$EN" &&
  test "$(lang_of LANGUAGE=zh_CN:en LANG=en_US.UTF-8)" = "$ZH" &&
  test "$(lang_of LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8)" = "$ZH" &&
  test "$(lang_of LANG=english)" = "$ZH"
'

test_expect_success '--lang wins, before or after the command' '
  test "$(env LANG=en_US.UTF-8 "$SANZI" --lang zh --db nope.db asset list 2>&1)" = "$ZH" &&
  test "$(env LANG=C "$SANZI" --db nope.db asset list --lang en 2>&1)" = "$EN" &&
  test "$(env LANG=C "$SANZI" --db nope.db asset list --lang=en 2>&1)" = "$EN" &&
  test "$(env LANGUAGE=en "$SANZI" --lang=中文 --db nope.db asset list 2>&1)" = "$ZH"
'

test_expect_success '--lang without a language, or an unknown one, is a usage error' '
  test_must_fail 2 sanzi asset list --lang 2>err &&
  grep -F "sanzi: --lang needs a value: zh or en" err &&
  test_must_fail 2 sanzi --lang fr asset list 2>err &&
  grep -F "sanzi: --lang: '\''fr'\'' is not a language: zh (中文) or en (English)" err &&
  test ! -e "$SANZI_DB"
'

test_expect_success 'the system reason for a failure follows the language too' '
  sanzi init >/dev/null &&
  test_must_fail 1 sanzi asset import nowhere.csv 2>err &&
  grep -F "cannot open '\''nowhere.csv'\'': No such file or directory" err &&
  test_must_fail 1 sanzi --lang zh asset import nowhere.csv 2>err &&
  grep -F "无法打开“nowhere.csv”：文件或目录不存在" err
'

test_expect_success 'the catalog is found beside a copy of the program' '
  mkdir -p copy/locale/zh_CN/LC_MESSAGES &&
  cp "$SANZI" copy/sanzi &&
  mo=zh_CN/LC_MESSAGES/sanzi.mo &&
  # The catalog of the program under test: build/ beside ./sanzi, or the
  # catalog of the sanitizer build (make check) beside build-asan/sanzi.
  for d in "$(dirname "$SANZI")/locale" "$TOP/build/locale"; do
    test -f "$d/$mo" && break; done &&
  cp "$d/$mo" copy/locale/zh_CN/LC_MESSAGES/ &&
  (cd / && env -u LANGUAGE "$TMP/copy/sanzi" --db "$TMP/nope.db" asset list 2>&1) >out;
  grep -F "数据库不存在" out
'

# A copy of the tree for the catalog check, with a change planted.
po_tree() {
  rm -rf tree && mkdir tree &&
  cp -r "$TOP/src" "$TOP/po" "$TOP/tools" tree/
}

test_expect_success 'the catalog check passes on the tree as it is' '
  po_tree && sh tree/tools/po-check.sh >out && ! grep "^not ok" out
'

test_expect_success 'the catalog check fails on a message missing from the catalog' '
  po_tree &&
  printf "%s\n" "const char *planted(int l);" \
    "const char *planted(int l) { return tr(l, \"a planted message\"); }" \
    >>tree/src/base/i18n.c &&
  test_must_fail 1 sh tree/tools/po-check.sh >out &&
  grep "^not ok 1 " out && grep "^# #: src/base/i18n.c:" out && grep "^# msgid \"a planted message\"" out &&
  grep "^ok 2 " out
'

test_expect_success 'the catalog check fails on a fuzzy or an untranslated entry' '
  po_tree &&
  perl -0pi -e "s/\n(msgid \"Permission denied\")/\n#, fuzzy\n\$1/" tree/po/zh_CN.po &&
  test_must_fail 1 sh tree/tools/po-check.sh >out &&
  grep "^not ok 3 " out &&
  po_tree &&
  perl -0pi -e "s/(msgid \"File exists\"\nmsgstr )\"[^\"]*\"/\$1\"\"/" tree/po/zh_CN.po &&
  test_must_fail 1 sh tree/tools/po-check.sh >out &&
  grep "^not ok 3 " out
'

test_expect_success 'the catalog check fails on an entry the source no longer has' '
  po_tree &&
  printf "\nmsgid \"%s\"\nmsgstr \"%s\"\n" "a message nobody uses" "无用" >>tree/po/zh_CN.po &&
  test_must_fail 1 sh tree/tools/po-check.sh >out &&
  grep "^not ok 2 " out && grep -F "# #~ msgid \"a message nobody uses\"" out
'

test_expect_success 'the catalog check fails on a translation with other formats' '
  po_tree &&
  perl -0pi -e "s/(msgid \"cannot open .%s.: %s\"\nmsgstr )\"[^\"]*\"/\$1\"无法打开：%d\"/" tree/po/zh_CN.po &&
  test_must_fail 1 sh tree/tools/po-check.sh >out &&
  grep "^not ok 4 " out
'

test_done
