#!/bin/sh
# tests/fuzz/replay.sh: every fuzz target runs over its seed corpus
# (tests/fuzz/corpus/TARGET/) without crashing or breaking a property (TAP).
# FUZZ_BUILD: the build tree of the replayers (build; make check: build-asan).
cd "$(dirname "$0")/../.." || exit 1
B=${FUZZ_BUILD:-build}
set -- tests/fuzz/fuzz_*.c
echo "1..$#"
n=0
fail=0
for src; do
  t=$(basename "$src" .c)
  t=${t#fuzz_}
  n=$((n + 1))
  if out=$("$B/fuzz/replay_$t" "tests/fuzz/corpus/$t" 2>&1) &&
     [ "$(ls "tests/fuzz/corpus/$t" | wc -l)" -gt 0 ]; then
    echo "ok $n - $t: $out"
  else
    echo "not ok $n - $t"
    printf '%s\n' "$out" | sed 's/^/# /' | tail -30
    fail=1
  fi
done
exit $fail
