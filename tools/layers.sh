#!/bin/sh
# tools/layers.sh: the layering check run by `make test` (TAP output).
# The layers, lowest first: base, store, domain, web, cli (doc/design.md).
#  1. A file includes only headers of its own layer or a lower one.
#  2. No include circles between modules (tsort finds them); a module is
#     its .c and .h, and NAME_impl.h is module NAME's private header.
#  3. A private header (NAME_impl.h) is included only by the files its
#     "private to:" line names.
#  4. Only cli/ prints or ends the process: the object files outside it
#     use none of stdout, stderr, printf, puts, exit, abort ... -- except
#     where each use in the source is marked "layers: allow" with its
#     reason (allocation failure and a bug abort, as the design says).
#  5. No mutable static state outside cli/: a server runs many requests on
#     many handles, so whatever is kept lives in the handle or in the piece
#     of work. The object files are read: a variable in .data or .bss.
#  6. No file in src/ is over 1,200 lines.
# The object checks read $BUILD (default build) of the last `make`.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
cd "$top/src" || exit 1
LOWER="base store domain web"
rank() {
  case $1 in base) echo 1 ;; store) echo 2 ;; domain) echo 3 ;; web) echo 4 ;; cli) echo 5 ;;
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
# includes FILE: the header paths FILE includes, "..." or <...>, each as
# q:PATH or a:PATH.
includes() {
  sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/q:\1/p
          s/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([^>]*\)>.*/a:\1/p' "$1"
}

bad=""
for f in */*.c */*.h; do
  own=$(rank "${f%%/*}")
  for inc in $(includes "$f"); do
    kind=${inc%%:*} path=${inc#*:} layer=${inc#*:}
    layer=${layer%%/*}
    if [ "$(rank "$layer")" = 9 ]; then
      [ "$kind" = q ] && bad="$bad$f includes \"$path\" without its layer
"
      continue
    fi
    [ "$(rank "$layer")" -le "$own" ] ||
      bad="$bad$f (${f%%/*}) includes $path, a higher layer
"
  done
done
check "every include points to the same or a lower layer" "$bad"

loops=$(for f in */*.c */*.h; do
  for inc in $(includes "$f"); do
    case ${inc#*:} in base/*|store/*|domain/*|web/*|cli/*) echo "${inc#*:} ${f%.c}.h" ;; esac
  done
done | sed 's/\.h\.h$/.h/; s/_impl\.h/.h/g' | tsort 2>&1 >/dev/null)
check "no include circles" "$loops"

private=""
for h in */*_impl.h; do
  [ -e "$h" ] || continue
  allowed=$(sed -n 's/.*private to: *\([^*]*\).*/\1/p' "$h" | head -1)
  [ -n "$allowed" ] || private="$private$h has no 'private to:' line
"
  for f in */*.c */*.h; do
    [ "$f" = "$h" ] && continue
    includes "$f" | grep -q ":$h\$" || continue
    case " $allowed " in *" ${f#*/} "*) ;; *)
      private="$private$f includes $h, private to: $allowed
" ;; esac
  done
done
check "private headers are included only by their module" "$private"

# The object of every source file below cli/ (objects of files that are
# gone are not looked at).
objs="" missing=""
for l in $LOWER; do
  for f in $l/*.c; do
    o="$build/${f%.c}.o"
    if [ -e "$o" ]; then objs="$objs $o"; else missing="$missing $o"; fi
  done
done
if [ -n "$missing" ]; then
  check "only cli/ prints or exits" "not built (run make first):$missing"
  check "no mutable static state outside cli/" "not built:$missing"
else
  prints=""
  for o in $objs; do
    l=$(basename "$(dirname "$o")")
    src="$l/$(basename "$o" .o).c"
    for sym in $(nm -u "$o" | awk '{ print $2 }' | grep -E \
        '^(stdout|stderr|printf|vprintf|puts|putchar|perror|exit|_exit|_Exit|abort|__printf_chk|__vprintf_chk)$'); do
      word=$sym
      case $sym in __printf_chk) word=printf ;; __vprintf_chk) word=vprintf ;; esac
      # Every use must be marked (a line with the word and the marker).
      uses=$(grep -cE "(^|[^_a-zA-Z0-9])$word([^_a-zA-Z0-9]|\$)" "$src")
      marked=$(grep -E "(^|[^_a-zA-Z0-9])$word([^_a-zA-Z0-9]|\$)" "$src" |
               grep -c 'layers: allow')
      [ "$uses" -gt 0 ] && [ "$uses" = "$marked" ] && continue
      prints="$prints$src uses $sym ($marked of $uses uses marked 'layers: allow')
"
    done
  done
  check "only cli/ prints or exits" "$prints"
  statics=$(for o in $objs; do
    objdump -t "$o" | awk -v o="${o#$build/}" \
      '$3 == "O" && ($4 == ".data" || $4 == ".bss" || $4 ~ /^\.t(data|bss)/) {
         print o ": " $NF " (" $4 ")" }'
  done)
  check "no mutable static state outside cli/" "$statics"
fi

long=$(wc -l */*.c */*.h | awk '$2 != "total" && $1 > 1200 { print $2 ": " $1 " lines" }')
check "no source file over 1,200 lines" "$long"

echo "1..$n"
exit $fail
