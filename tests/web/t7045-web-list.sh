#!/bin/sh
# sanzi serve: a register's list read a page at a time (doc/web.md "Lists"):
# pages in the order village then entry, the totals row of every row the
# filters keep (whatever the page), column heads that sort, the status
# filter, the voided records, JSON pages; the totals follow every change
# made by anyone (another process included), and never cross scopes.
. "$(dirname "$0")/lib-web.sh"

# 130 assets in V1 and 40 in V2 after web_setup's (two in V1, one in V2,
# the 收割机 of 30,000.00, the largest value): values
# i*100 + 0.25 yuan, every third one 闲置, the rest 在用.
gen() { # gen VILLAGE COUNT FIRST
  awk -v v=$1 -v n=$2 -v f=$3 'BEGIN {
    print "村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态"
    for (i = f; i < f + n; i++)
      printf "%s,播种机%d号,农业机械,经营性,%d.25,购入,2020-01-%02d,%s\n",
        v, i, i * 100, i % 28 + 1, (i % 3 == 0 ? "闲置" : "在用") }'
}
web_setup && gen $V1 130 1 >v1.csv && gen $V2 40 131 >v2.csv &&
  sanzi asset import v1.csv >/dev/null 2>&1 &&
  sanzi asset import v2.csv >/dev/null 2>&1 &&
  web_start || { echo "Bail out! the server did not start"; exit 1; }
login town town townPass123 && login clerk clerk clerkPass123

# The expected figures, from the rows put in (web_setup's: V1 12,500.00
# and 800.50, V2 30,000.00; V3's 5,000.00 is outside 可可以力更镇).
# yuan N: the sum of i*100 + 0.25 for i in 1..N, in the list's format.
money() { awk -v c="$1" 'BEGIN { s = sprintf("%.2f", c / 100)
  n = split(s, p, "."); i = p[1]; o = ""
  while (length(i) > 3) { o = "," substr(i, length(i) - 2) o
                          i = substr(i, 1, length(i) - 3) }
  print i o "." p[2] }'; }
# cents of the generated rows FIRST..LAST
gen_cents() { awk -v a=$1 -v b=$2 'BEGIN { s = 0
  for (i = a; i <= b; i++) s += i * 10000 + 25; print s }'; }
T1_COUNT=$((2 + 1 + 130 + 40))
T1_CENTS=$(( 1250000 + 80050 + 3000000 + $(gen_cents 1 170) ))
V1_COUNT=$((2 + 130))
V1_CENTS=$(( 1250000 + 80050 + $(gen_cents 1 130) ))

rows_of() { grep -o "<tr><td><a href=\"/asset/[^\"]*\"" "$1" |
  sed 's|.*/asset/||; s|"$||'; }

test_expect_success 'page 1: 50 rows, the page count, and the totals of all 173' '
  get town /asset >p1 && test "$(status)" = 200 &&
  test "$(rows_of p1 | wc -l)" = 50 &&
  grep -F "第 1 页，共 4 页" p1 &&
  grep -F "合计（$T1_COUNT 条）" p1 &&
  grep -F "$(money $T1_CENTS)" p1
'

test_expect_success 'the pages run by village, then as entered, and end on page 4' '
  sanzi asset list --township $T1 --format csv | tail -n +2 | cut -d, -f1,2 |
    sort -t, -k2,2 -s | cut -d, -f1 >want &&
  : >got && for p in 1 2 3 4; do
    get town "/asset?page=$p" >page && rows_of page >>got; done &&
  test_cmp want got &&
  test "$(wc -l <got)" = $T1_COUNT &&
  get town "/asset?page=99" >last && rows_of last >r99 &&
  rows_of page >r4 && test_cmp r4 r99
'

test_expect_success 'the totals row is the same on every page' '
  get town "/asset?page=3" >p3 &&
  grep -F "合计（$T1_COUNT 条）" p3 && grep -F "$(money $T1_CENTS)" p3 &&
  grep -F "<a href=\"/asset?page=1\">首页</a>" p3 &&
  grep -F "<a href=\"/asset?page=2\">上一页</a>" p3 &&
  grep -F "<a href=\"/asset?page=4\">下一页</a>" p3
'

test_expect_success 'a change by another process moves the totals at once' '
  get town /asset >before && grep -F "合计（$T1_COUNT 条）" before &&
  sanzi asset add village=$V2 name=脱粒机 original_value=1000 \
    acquired_on=2022-01-01 $ASSET >/dev/null &&
  get town /asset >after &&
  grep -F "合计（$((T1_COUNT + 1)) 条）" after &&
  grep -F "$(money $((T1_CENTS + 100000)))" after &&
  code=$(sanzi asset list --village $V2 --q 脱粒机 --format csv | sed -n 2p |
         cut -d, -f1) &&
  sanzi asset void $code --reason 录入错误 >/dev/null &&
  get town /asset >voided &&
  grep -F "合计（$T1_COUNT 条）" voided && grep -F "$(money $T1_CENTS)" voided
'

test_expect_success 'the voided records have their own list, with the reason' '
  get town "/asset?voided=1" >v && test "$(status)" = 200 &&
  grep -F "脱粒机" v && grep -F "录入错误" v && grep -F "合计（1 条）" v &&
  get town "/asset?q=%E8%84%B1%E7%B2%92" >live && grep -F "没有记录" live
'

test_expect_success 'the totals are the scope'"'"'s: the clerk never gets the township'"'"'s' '
  get town /asset >t && grep -F "合计（$T1_COUNT 条）" t &&
  get clerk /asset >c && grep -F "合计（$V1_COUNT 条）" c &&
  grep -F "$(money $V1_CENTS)" c && ! grep -F "$V2" c &&
  get clerk "/asset?page=3" >c3 && ! grep -F "$V2" c3 &&
  get clerk /asset -H "Accept: application/json" >c.json &&
  $PY -c "import json; d=json.load(open(\"c.json\")); \
    assert d[\"total\"] == $V1_COUNT, d[\"total\"]; \
    assert all(r[\"village\"] == \"$V1\" for r in d[\"rows\"])"
'

test_expect_success 'a column head sorts, and again the other way' '
  get town "/asset?sort=-original_value" >s && test "$(status)" = 200 &&
  rows_of s | head -2 >top2 &&
  printf "%s\n" $V2-ZC-0001 $V2-ZC-0041 >want2 && test_cmp want2 top2 &&
  grep -F "aria-sort=\"descending\"" s &&
  grep -F "<a href=\"/asset?sort=original_value\">原值 ▼</a>" s &&
  get town "/asset?sort=original_value&page=4" >s4 &&
  test "$(rows_of s4 | tail -1)" = "$V2-ZC-0001" &&
  grep -F "合计（$T1_COUNT 条）" s4
'

test_expect_success 'a sort key the list has not is refused, and named' '
  get town "/asset?sort=password" >bad && test "$(status)" = 400 &&
  grep -F "password" bad
'

test_expect_success 'the status filter keeps the records in that status' '
  n=$(sanzi asset list --township $T1 --format csv | tr -d "\r" |
       grep -c ",闲置$") &&
  test $n = $(awk "BEGIN { for (i = 1; i <= 170; i++) n += i % 3 == 0; print n }") &&
  get town "/asset?status=%E9%97%B2%E7%BD%AE" >st && test "$(status)" = 200 &&
  grep -F "合计（$n 条）" st && ! rows_of st | grep -q x &&
  ! grep -F ">在用</td>" st &&
  grep -F "<option value=\"闲置\" selected>" st
'

test_expect_success 'JSON: a page of per rows, the total of all of them' '
  get town "/asset?per=10&page=2" -H "Accept: application/json" >j.json &&
  $PY -c "import json; d=json.load(open(\"j.json\")); \
    assert d[\"total\"] == $T1_COUNT, d[\"total\"]; \
    assert len(d[\"rows\"]) == 10, len(d[\"rows\"])" &&
  sed -n 11,20p got >want10 &&
  $PY -c "import json; d=json.load(open(\"j.json\")); \
    print(\"\\n\".join(r[\"code\"] for r in d[\"rows\"]))" >got10 &&
  test_cmp want10 got10 &&
  get town "/asset?per=100000" -H "Accept: application/json" >big.json &&
  $PY -c "import json; d=json.load(open(\"big.json\")); \
    assert len(d[\"rows\"]) == 50, len(d[\"rows\"])"
'

test_expect_success 'a search'"'"'s later pages, in the order of its first' '
  sanzi asset list --village $V1 --q 播种机 --format csv | tail -n +2 |
    cut -d, -f1 >q_all &&
  test "$(wc -l <q_all)" = 130 &&
  : >q_got && for p in 1 2 3; do
    get town "/asset?village=$V1&q=%E6%92%AD%E7%A7%8D%E6%9C%BA&page=$p" >qp &&
    rows_of qp >>q_got; done &&
  test_cmp q_all q_got &&
  grep -F "合计（130 条）" qp &&
  grep -F "$(money $(gen_cents 1 130))" qp
'

test_expect_success 'the home page counts the live records of the scope' '
  get clerk / >home &&
  grep -F "<a href=\"/asset\">资产</a></td><td class=\"num\">$V1_COUNT</td>" home &&
  grep -F "$(money $V1_CENTS)" home
'

test_done
