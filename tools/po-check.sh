#!/bin/sh
# tools/po-check.sh: the Chinese catalog translates every message (TAP,
# run by `make test`). `tools/po-check.sh --update` merges the messages of
# the source into po/zh_CN.po (new ones untranslated) for a translator.
#
# A message is marked in the source by one of the keywords below:
#   T(z, "...")  TN(z, "one", "many", n)   in store and domain (the
#                                          handle's language)
#   _("...")     NG_("one", "many", n)     in cli (the command line's)
#   tr(lang, "...")  trn(lang, ...)        with an explicit language
#   N_("...")                               marked here, translated later
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sanzi-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
pot=$tmp/sanzi.pot
po=po/zh_CN.po

xgettext --from-code=UTF-8 --language=C --no-wrap --sort-by-file \
  -k -k_ -kN_ -kT:2 -kTN:2,3 -ktr:2 -ktrn:2,3 -kNG_:1,2 \
  --package-name=sanzi -o "$pot" src/*/*.c src/*/*.h || exit 1

if [ "${1:-}" = --update ]; then
  msgmerge --quiet --no-wrap --no-fuzzy-matching --update --backup=off \
    "$po" "$pot" || exit 1
  msgattrib --no-wrap --no-obsolete -o "$po" "$po"
  msgfmt --statistics -o /dev/null "$po"
  exit 0
fi

n=0
fail=0
check() { # check DESCRIPTION: reads the problems on stdin; none is ok
  n=$((n + 1))
  if [ -s "$tmp/problems" ]; then
    echo "not ok $n - $1"
    sed 's/^/# /' "$tmp/problems" | head -40
    fail=1
  else
    echo "ok $n - $1"
  fi
}
echo "1..4"

msgmerge --quiet --no-wrap --no-fuzzy-matching -o "$tmp/merged.po" "$po" "$pot" ||
  exit 1
# entries: the "#:" places and the msgid of each entry of a catalog but
# its header
entries() { grep -E '^(#:|#~ )?msgid ' "$1" | grep -v -E '^(#~ )?msgid ""$'; }

if msgcmp "$po" "$pot" >/dev/null 2>&1; then : >"$tmp/problems"; else
  msgattrib --untranslated --no-obsolete "$tmp/merged.po" >"$tmp/un.po"
  { echo "not in the catalog, or not translated:"
    grep -E '^(#:|msgid)' "$tmp/un.po" | grep -v '^msgid ""$'; } >"$tmp/problems"
fi
check "every message of the source is in $po (tools/po-check.sh --update adds them)"

msgattrib --only-obsolete "$tmp/merged.po" >"$tmp/old.po"
entries "$tmp/old.po" >"$tmp/problems"
check "every entry of $po is still a message of the source"

{ msgattrib --only-fuzzy --no-obsolete "$po"
  msgattrib --untranslated --no-obsolete "$po" | grep -v '^msgid ""$' |
    grep -q '^msgid' && msgattrib --untranslated --no-obsolete "$po"
} >"$tmp/problems" 2>&1
check "no fuzzy and no untranslated entry"

msgfmt --check -o /dev/null "$po" >"$tmp/problems" 2>&1
check "the catalog compiles, each translation with the formats of its message"
exit $fail
