#!/bin/sh
# tools/layers.sh: the layering check run by `make test` (TAP output).
# The layers, lowest first: base, store, domain, cli (doc/design.md).
#  1. A file includes only headers of its own layer or a lower one.
#  2. No include circles between modules (tsort finds them); a module is
#     its .c and .h, and NAME_impl.h is module NAME's private header.
#  3. Only cli/ prints or ends the process: outside it no printf, puts,
#     stdout, stderr, exit or abort -- except a line marked "layers: allow"
#     with its reason (allocation failure aborts, as the design says).
#  4. No file in src/ is over 1,200 lines.
#  5. No mutable static state outside cli/: a server runs many requests on
#     many handles, so whatever is kept lives in the handle (static const
#     tables and functions are fine).
cd "$(dirname "$0")/../src" || exit 1
rank() {
  case $1 in base) echo 1 ;; store) echo 2 ;; domain) echo 3 ;; cli) echo 4 ;;
  *) echo 9 ;; esac
}
n=0
fail=0
check() { # check DESCRIPTION PROBLEMS
  n=$((n + 1))
  if [ -z "$2" ]; then
    echo "ok $n - $1"
  else
    echo "not ok $n - $1"
    printf '%s\n' "$2" | sed 's/^/# /'
    fail=1
  fi
}

bad=""
for f in */*.c */*.h; do
  own=$(rank "${f%%/*}")
  for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
    layer=${inc%%/*}
    [ "$layer" = "$inc" ] && { bad="$bad$f includes \"$inc\" without its layer
"; continue; }
    [ "$(rank "$layer")" -le "$own" ] ||
      bad="$bad$f ($(echo "$f" | cut -d/ -f1)) includes $inc, a higher layer
"
  done
done
check "every include points to the same or a lower layer" "$bad"

loops=$(for f in */*.c */*.h; do
  sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f" | while read -r inc; do
    echo "$inc ${f%.c}.h"
  done
done | sed 's/\.h\.h$/.h/; s/_impl\.h/.h/g' | tsort 2>&1 >/dev/null)
check "no include circles" "$loops"

prints=$(grep -nE '(^|[^_a-z])(printf|puts|putchar|fputs|exit|_exit|abort) *\(|\b(stdout|stderr)\b' \
  base/*.[ch] store/*.[ch] domain/*.[ch] | grep -v 'layers: allow' |
  grep -vE ':[0-9]+: *(/\*|\*)')
check "only cli/ prints or exits" "$prints"

long=$(wc -l */*.c */*.h | awk '$2 != "total" && $1 > 1200 { print $2 ": " $1 " lines" }')
check "no source file over 1,200 lines" "$long"

statics=$(grep -nE '^\s*static\s' base/*.[ch] store/*.[ch] domain/*.[ch] |
  grep -v '(' | grep -v 'static const')
check "no mutable static state outside cli/" "$statics"

echo "1..$n"
exit $fail
