#!/bin/sh
# The operator's name goes into every change-log entry and `sanzi log`
# prints it: a newline in --user could forge a log line, an escape sequence
# drive the auditor's terminal. Such a name is refused at the door (exit
# 2, nothing written); an ordinary Chinese name of up to 64 characters is
# taken.
. "$(dirname "$0")/lib.sh"

V1=150125100201

add() {
  sanzi "$@" asset add village=$V1 name=仓库 category=房屋及建筑物 \
    nature=经营性 original_value=5000 acquired_via=自建 \
    acquired_on=2020-01-01 status=在用 --allow-duplicates
}

test_expect_success 'set-up' '
  setup_county
'

test_expect_success 'a newline in --user is refused, and nothing is written' '
  before=$(db_state) &&
  test_must_fail 2 add --user "$(printf "张三\n#9 2025-01-01 admin update")" \
    >out 2>err &&
  ! test -s out &&
  grep "^sanzi: --user: a line break at character 3: this is one line of text$" err &&
  unchanged
'

test_expect_success 'an escape sequence in SANZI_USER is refused the same way' '
  before=$(db_state) &&
  SANZI_USER="$(printf "x\033[2J")" test_must_fail 2 add >out 2>err &&
  grep "^sanzi: the operator (\$SANZI_USER or the login): a control character (U+001B) at character 2:" err &&
  unchanged
'

test_expect_success 'a name of 65 characters is refused, of 64 taken' '
  before=$(db_state) &&
  long=$(printf "%065d" 0 | sed "s/0/李/g") &&
  test_must_fail 2 add --user "$long" >out 2>err &&
  grep "^sanzi: --user: 65 characters long; at most 64 are allowed$" err &&
  unchanged &&
  add --user "${long#李}" >out &&
  test "$(sql "SELECT operator FROM history ORDER BY id DESC LIMIT 1")" = "${long#李}"
'

test_expect_success 'bytes that are not UTF-8 are refused' '
  test_must_fail 2 add --user "$(printf "\377\376")" 2>err &&
  grep "not valid UTF-8 text" err
'

# Data written before these checks (or behind sanzi's back) may hold
# control characters: every table and show escapes them, so a stored name
# can neither forge a line nor drive the terminal.
test_expect_success 'control characters stored earlier are shown escaped, never raw' '
  add >out &&
  code=$(cat out) &&
  sql "DROP TRIGGER history_no_update; DROP TRIGGER asset_logged" &&
  sql "UPDATE history SET operator = '\''王'\'' || char(10) || '\''#99 forged'\'' || char(27) || '\''[2J'\''
       WHERE id = (SELECT max(id) FROM history)" &&
  sql "UPDATE asset SET name = '\''机'\'' || char(27) || '\''[31m红'\'' WHERE code = '\''$code'\''" &&
  for cmd in "log" "log --key $code" "asset show $code" "asset list"; do
    sanzi $cmd >shown || return 1
    ! grep -q "$(printf "\033")" shown || { echo "raw ESC in: $cmd"; return 1; }
  done &&
  sanzi log --key $code >shown &&
  grep -F "王\\n#99 forged\\x1b[2J" shown &&
  ! grep "^#99 forged" shown &&
  sanzi asset show $code >shown &&
  grep -F "机\\x1b[31m红" shown &&
  sanzi log --key $code --format csv >raw.csv &&
  grep -q "$(printf "\033")" raw.csv
'

test_done
