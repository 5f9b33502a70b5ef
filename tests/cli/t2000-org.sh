#!/bin/sh
# sanzi org import / org list: the statistical division codes that every
# register hangs off. Facts a clerk relies on: the real county loads whole,
# the whole region loads in one go, loading again changes nothing, a bad row
# stops the file and is named FILE:ROW: COLUMN, and `org list --under`
# shows one township and its villages.
. "$(dirname "$0")/lib.sh"

WUCHUAN="$SAMPLE/divisions-wuchuan.csv"
NEIMONGOL="$SAMPLE/divisions-nei-mongol.csv"

fresh() {
  rm -f "$SANZI_DB" "$SANZI_DB-wal" "$SANZI_DB-shm"
  sanzi init >/dev/null
}

count() { sqlite3 "$SANZI_DB" "$1"; }

test_expect_success 'the Wuchuan file loads whole: 120 rows by level' '
  fresh &&
  sanzi org import "$WUCHUAN" 2>err &&
  test "$(count "SELECT count(*) FROM org")" = 120 &&
  count "SELECT level, count(*) FROM org GROUP BY level ORDER BY level" >actual &&
  cat >expect <<-\EOF &&
	city|1
	county|1
	province|1
	township|11
	village|106
	EOF
  test_cmp expect actual
'

test_expect_success 'Wuchuan has 93 村民委员会 among its village-level codes' '
  test "$(count "SELECT count(*) FROM org WHERE level = '\''village'\''
                 AND name LIKE '\''%村民委员会'\''")" = 93
'

test_expect_success 'every code hangs off the code it begins with' '
  test "$(count "SELECT count(*) FROM org c JOIN org p ON p.code = c.parent_code
                 WHERE substr(c.code, 1, length(p.code)) = p.code")" = 119 &&
  test "$(count "SELECT code FROM org WHERE parent_code IS NULL")" = 15 &&
  test "$(count "SELECT name FROM org WHERE code = '\''150125100201'\''")" = 福如东村民委员会
'

test_expect_success 'the import is one change-log entry, by the operator' '
  log_rows --table org >log &&
  echo "tester|import|org|" >expect &&
  test_cmp expect log &&
  sanzi --user 县农经站 log --table org --format csv |
    csv_pick 操作人 操作 表 编号 >log2 &&
  test_cmp log log2
'

test_expect_success 'importing the same file again changes nothing' '
  before=$(db_state) &&
  sanzi org import "$WUCHUAN" 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'the whole region (15,938 rows) loads in one transaction' '
  fresh &&
  want=$(($(wc -l <"$NEIMONGOL") - 1)) &&
  test "$want" = 15938 &&
  sanzi org import "$NEIMONGOL" 2>err &&
  test "$(count "SELECT count(*) FROM org")" = 15938 &&
  test "$(log_rows --table org)" = "tester|import|org|" &&
  count "SELECT level, count(*) FROM org GROUP BY level ORDER BY level" >actual &&
  cat >expect <<-\EOF &&
	city|12
	county|108
	province|1
	township|1225
	village|14592
	EOF
  test_cmp expect actual
'

test_expect_success 'the region again, and Wuchuan (a subset), change nothing' '
  before=$(db_state) &&
  sanzi org import "$NEIMONGOL" 2>err &&
  test "$(db_state)" = "$before" &&
  sanzi org import "$WUCHUAN" 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a bad last row of the region file imports nothing at all' '
  fresh &&
  cp "$NEIMONGOL" region.csv &&
  echo "1501251002999,多一位村,village,150125100" >>region.csv &&
  before=$(db_state) &&
  test_must_fail 1 sanzi org import region.csv 2>err &&
  grep -q "^region.csv:15940: code: " err &&
  test "$(count "SELECT count(*) FROM org")" = 0 &&
  test "$(db_state)" = "$before"
'

# A small file on top of the county: rows 1 (header) and 2 are good.
bad_file() {
  echo "code,name,level,parent_code" >"$1" &&
  echo "150125100299,新村民委员会,village,150125100" >>"$1" &&
  echo "$2" >>"$1"
}

test_expect_success 'a code of the wrong length for its level: FILE:ROW: code' '
  setup_county &&
  before=$(db_state) &&
  bad_file long.csv "1501251002981,长码村,village,150125100" &&
  test_must_fail 1 sanzi org import long.csv 2>err &&
  grep "^long.csv:3: code: " err | grep -q 1501251002981 &&
  grep -q "nothing imported" err &&
  test "$(db_state)" = "$before" &&
  bad_file short.csv "15012510,短码镇,township,150125" &&
  test_must_fail 1 sanzi org import short.csv 2>err &&
  grep "^short.csv:3: code: " err | grep -q 15012510 &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a parent that is not the prefix of the code: FILE:ROW: parent_code' '
  before=$(db_state) &&
  bad_file parent.csv "150125100298,错挂村,village,150125101" &&
  test_must_fail 1 sanzi org import parent.csv 2>err &&
  grep "^parent.csv:3: parent_code: " err | grep -q 150125101 &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a village whose parent is the county, not a township, is refused' '
  before=$(db_state) &&
  bad_file skip.csv "150125100298,越级村,village,150125" &&
  test_must_fail 1 sanzi org import skip.csv 2>err &&
  grep -q "^skip.csv:3: parent_code: " err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a parent that does not exist is refused' '
  before=$(db_state) &&
  bad_file orphan.csv "150125199201,无主村,village,150125199" &&
  test_must_fail 1 sanzi org import orphan.csv 2>err &&
  grep "^orphan.csv:3: parent_code: " err | grep -q 150125199 &&
  test "$(db_state)" = "$before"
'

test_expect_success 'an unknown level: FILE:ROW: level' '
  before=$(db_state) &&
  bad_file level.csv "150125100298,某组,hamlet,150125100" &&
  test_must_fail 1 sanzi org import level.csv 2>err &&
  grep "^level.csv:3: level: " err | grep -q hamlet &&
  test "$(db_state)" = "$before"
'

test_expect_success 'every bad row of a file is reported, and none goes in' '
  before=$(db_state) &&
  bad_file many.csv "1501251002981,长码村,village,150125100" &&
  echo "150125100297,好村民委员会,village,150125100" >>many.csv &&
  echo "150125100298,某组,hamlet,150125100" >>many.csv &&
  echo "150125100296,错挂村,village,150125101" >>many.csv &&
  test_must_fail 1 sanzi org import many.csv 2>err &&
  grep -q "^many.csv:3: code: " err &&
  grep -q "^many.csv:5: level: " err &&
  grep -q "^many.csv:6: parent_code: " err &&
  ! grep -q "^many.csv:2:" err &&
  ! grep -q "^many.csv:4:" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'Chinese headers name the column in the message' '
  before=$(db_state) &&
  echo "代码,名称,级别,上级代码" >zh.csv &&
  echo "150125100298,某组,hamlet,150125100" >>zh.csv &&
  test_must_fail 1 sanzi org import zh.csv 2>err &&
  grep -q "^zh.csv:2: 级别: " err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a good small file with Chinese headers adds its village' '
  echo "代码,名称,级别,上级代码" >new.csv &&
  echo "150125100299,新村民委员会,village,150125100" >>new.csv &&
  sanzi org import new.csv 2>err &&
  test "$(count "SELECT name || '\''|'\'' || parent_code FROM org
                 WHERE code = '\''150125100299'\''")" = "新村民委员会|150125100" &&
  test "$(count "SELECT count(*) FROM org")" = 121
'

test_expect_success 'a missing file is refused, nothing written' '
  before=$(db_state) &&
  test_must_fail 1 sanzi org import no-such.csv 2>err &&
  grep -q "no-such.csv" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'org list --under a township: the township and its 19 villages' '
  setup_county &&
  sanzi org list --under 150125100 >out &&
  grep "^150125100" "$WUCHUAN" | cut -d, -f1 | sort >expect &&
  test "$(wc -l <expect)" = 20 &&
  grep "^[0-9]" out | awk "{print \$1}" >actual &&
  test_cmp expect actual &&
  grep -q "可可以力更镇" out &&
  grep "^150125100201 " out | grep -q 福如东村民委员会
'

test_expect_success 'org list --under a township does not list its neighbours' '
  sanzi org list --under 150125101 >out &&
  grep "^[0-9]" out | awk "{print \$1}" >actual &&
  grep "^150125101" "$WUCHUAN" | cut -d, -f1 | sort >expect &&
  test_cmp expect actual &&
  ! grep -q "^150125100" out
'

test_expect_success 'org list --under the county lists all 118 of its codes' '
  sanzi org list --under 150125 >out &&
  test "$(grep -c "^150125" out)" = 118
'

test_expect_success 'org list without --under lists every organisation' '
  sanzi org list >out &&
  test "$(grep -c "^[0-9]" out)" = 120
'

test_expect_success 'org list --under an unknown code is refused' '
  test_must_fail 1 sanzi org list --under 150125199 2>err &&
  grep -q 150125199 err
'

test_expect_success 'org list --under a code prefix that is no organisation is refused' '
  # "15012510" is not a code; a clerk expects an error, not every
  # township whose code happens to begin with those digits.
  test_must_fail 1 sanzi org list --under 15012510 >out 2>err &&
  grep -q 15012510 err
'

test_expect_success 'org usage errors exit 2 and change nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi org 2>err &&
  test_must_fail 2 sanzi org frobnicate 2>err &&
  test_must_fail 2 sanzi org import 2>err &&
  test_must_fail 2 sanzi org import a.csv b.csv 2>err &&
  test_must_fail 2 sanzi org import "$WUCHUAN" --bogus 2>err &&
  test_must_fail 2 sanzi org list --under 2>err &&
  test_must_fail 2 sanzi org list --bogus 2>err &&
  test "$(db_state)" = "$before"
'

# A parent found is remembered per level (issue 14, part 8): the villages
# of a township follow it. A row whose parent differs from the one found
# before, and is not there, is still refused, and so is a child listed
# before its parent; a parent refused itself is no parent.
test_expect_success 'a row whose parent is not there is refused, after rows whose parent is' '
  fresh &&
  sanzi org import "$WUCHUAN" 2>/dev/null &&
  before=$(db_state) &&
  printf "%s\n" code,name,level,parent_code \
    150125100901,甲村民委员会,village,150125100 \
    150125100902,乙村民委员会,village,150125100 \
    150125109901,丙村民委员会,village,150125109 \
    150125100903,丁村民委员会,village,150125100 \
    150125108001,戊村民委员会,village,150125108 \
    150125108,新镇,township,150125 \
    150125300,,township,150125 \
    150125300001,己村民委员会,village,150125300 >p.csv &&
  test_must_fail 1 sanzi org import p.csv 2>err &&
  grep "^p.csv:4: parent_code: no organisation with code 150125109 (list parents before their children)$" err &&
  grep "^p.csv:6: parent_code: no organisation with code 150125108 (list parents before their children)$" err &&
  grep "^p.csv:8: name: required, but empty$" err &&
  grep "^p.csv:9: parent_code: no organisation with code 150125300 (list parents before their children)$" err &&
  grep "nothing imported (4 errors)" err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'org --help, org import --help, org list --help: usage, exit 0' '
  sanzi org --help >out 2>err &&
  grep -q "usage" out &&
  sanzi org import --help >out &&
  grep -q "usage" out &&
  sanzi org list --help >out &&
  grep -q "usage" out
'

test_done
