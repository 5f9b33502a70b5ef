#!/bin/sh
# Turns the schema migrations and the run-time code tables into C arrays:
#   const struct embedded_file embedded_files[] = { {"schema/001-x.sql", "..."}, ... };
echo '#include "store/embed.h"'
echo 'const struct embedded_file embedded_files[] = {'
for f in "$@"; do
  printf '  {"%s",\n' "$f"
  od -An -v -tx1 "$f" | sed -e 's/ \([0-9a-f][0-9a-f]\)/\\x\1/g' -e 's/^/   "/' -e 's/$/"/'
  echo '  },'
done
echo '  {0, 0}'
echo '};'
