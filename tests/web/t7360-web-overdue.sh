#!/bin/sh
# sanzi serve: the contracts' receivables (doc/web.md "Contracts"): on a
# contract's page its schedule with the receipts, oldest due first; GET
# /contract/overdue?as_of=&village=&township= the instalments overdue at
# the date, per village and township, with the days and amounts and the
# totals, in the user's scope (another village or township 404), as JSON
# and as CSV (/contract/overdue.csv); linked from the contract list.
# Every figure is worked out below from the contracts' terms and receipts.
. "$(dirname "$0")/lib-web.sh"
. "$TOP/tests/cli/lib-audit.sh"   # land, bank, entry, receipt

ID2=150125199003070028
lease() { # lease VILLAGE OBJECT PARTY PAYMENT ANNUAL START END
  sanzi contract add village=$1 kind=出租 object=$2 party=$3 party_id=$ID2 \
    party_is_member=是 start_date=$6 end_date=$7 annual_amount=$5 \
    payment=$4 first_due=$6 --without-filing >/dev/null 2>&1
}

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
T3=$(echo $V3 | cut -c1-9) &&
land $V1 村东旱地 100 出租 >/dev/null && land $V1 北坡 50 出租 >/dev/null &&
land $V2 西梁地 80 出租 >/dev/null && land $V3 南洼地 20 出租 >/dev/null &&
# A: 1,000.00 a year due 2025-01-01, 2026-01-01, 2027-01-01
lease $V1 $V1-ZY-0001 王二 年付 1000 2025-01-01 2027-12-31 &&
# B: 2,400.00 a year in halves: 1,200.00 due 2025-01-01, 2025-07-01,
# 2026-01-01, 2026-07-01
lease $V1 $V1-ZY-0002 李四 半年付 2400 2025-01-01 2026-12-31 &&
# C: 3,000.00 due 2025-01-01 and 2026-01-01
lease $V2 $V2-ZY-0001 赵六 年付 3000 2025-01-01 2026-12-31 &&
# D: 800.00 due 2025-01-01
lease $V3 $V3-ZY-0001 孙七 年付 800 2025-01-01 2025-12-31 &&
bank $V1 >/dev/null && bank $V2 >/dev/null &&
# A: 1,500.00 received pays the first 1,000.00 and 500.00 of the second;
# C: the first 3,000.00 paid; B and D nothing
receipt $V1 记-001 2025-02-01 1500 $V1-HT-0001 &&
receipt $V2 记-001 2025-01-05 3000 $V2-HT-0001 &&
web_start || { echo "Bail out! the setup or the server failed"; exit 1; }
login clerk clerk clerkPass123 && login town town townPass123 &&
login audit audit auditPass123 && login county county countyPass123

text() { sed -e 's/<[^>]*>/\n/g' "$1" | sed '/^$/d'; }
# row FILE TEXT: the cells of the table row of FILE holding TEXT, joined by |
row() {
  sed 's/<tr/\n<tr/g' "$1" | grep -F "$2" | head -1 | sed 's/<\/tr>.*//' |
    sed -e 's/<\/t[dh]>/|/g' -e 's/<[^>]*>//g' -e 's/|$//'
}

test_expect_success 'a contract'\''s page: its schedule with receipts, oldest due first' '
  get clerk /contract/$V1-HT-0001 >a.html && test "$(status)" = 200 &&
  grep -F "<h2>收款计划（按应收日期，先到期先收）</h2>" a.html &&
  sed "s/<tr/\n<tr/g" a.html | sed -n "/收款计划/,\$p" | grep -F -e "..20" |
    sed -e "s/<\/td>/|/g" -e "s/<[^>]*>//g" | cut -d"|" -f1-6 >got &&
  cat >expect <<-\EOF &&
	1|2025-01-01..2025-12-31|2025-01-01|1,000.00|1,000.00|0.00
	2|2026-01-01..2026-12-31|2026-01-01|1,000.00|500.00|500.00
	3|2027-01-01..2027-12-31|2027-01-01|1,000.00|0.00|1,000.00
	EOF
  test_cmp expect got &&
  sed "s/.*<h2>收款情况<\/h2>//" a.html >r.html &&
  row r.html "<td>" | grep -F "|1,500.00|500.00"
'

test_expect_success 'the contract'\''s JSON: the record, then its instalments and receipts' '
  get clerk /contract/$V1-HT-0001 -H "Accept: application/json" >a.json &&
  test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"a.json\")); i=d[\"instalments\"]; \
    assert [(x[\"due\"], x[\"paid\"], x[\"outstanding\"]) for x in i[:3]] == \
      [(\"2025-01-01\", 1000, 0), (\"2026-01-01\", 500, 500), (\"2027-01-01\", 0, 1000)], i; \
    assert d[\"received\"][0][\"received\"] == 1500, d; assert \"contract\" not in d, d"
'

test_expect_success 'another village'\''s contract: 404, nothing of it' '
  get clerk /contract/$V2-HT-0001 >o.html && test "$(status)" = 404 &&
  ! grep -F -e 赵六 -e 3,000.00 o.html
'

test_expect_success 'the contract list links to the overdue list' '
  get clerk /contract >l.html && test "$(status)" = 200 &&
  grep -F "href=\"/contract/overdue\">逾期应收</a>" l.html
'

# As of 2026-03-01 (2026-01-01 is 59 days before it, 2025-07-01 243,
# 2025-01-01 424):
# V1: A's second 500.00 (59 days); B's 1,200.00 thrice (424, 243, 59):
#     4 instalments, 4,100.00 outstanding of 4,600.00 due, longest 424
# V2: C's second 3,000.00 (59 days)
# T1 (V1 + V2): 5, 7,100.00; V3 (another township): D's 800.00 (424 days)
# the county: 6, 7,900.00
test_expect_success 'the village clerk: the village'\''s overdue instalments with days and amounts' '
  get clerk "/contract/overdue?as_of=2026-03-01" >c.html && test "$(status)" = 200 &&
  test "$(row c.html "$V1-HT-0001")" = \
    "$V1-HT-0001|$V1|王二|$V1-ZY-0001|2026-01-01|1,000.00|500.00|500.00|59" &&
  test "$(row c.html "$V1-HT-0002</a></td><td>$V1</td><td>李四</td><td>$V1-ZY-0002</td><td>2025-01-01")" = \
    "$V1-HT-0002|$V1|李四|$V1-ZY-0002|2025-01-01|1,200.00|0.00|1,200.00|424" &&
  test "$(row c.html "2025-07-01")" = \
    "$V1-HT-0002|$V1|李四|$V1-ZY-0002|2025-07-01|1,200.00|0.00|1,200.00|243" &&
  test "$(row c.html "合计（4 笔）")" = "合计（4 笔）|||||4,600.00|500.00|4,100.00|" &&
  test "$(row c.html "福如东村")" = "|福如东村民委员会（$V1）|4|4,100.00|424" &&
  ! grep -F -e 赵六 -e 孙七 -e "$V2" c.html
'

test_expect_success 'the township: per village, the township'\''s subtotal, the total' '
  get town "/contract/overdue?as_of=2026-03-01" >t.html && test "$(status)" = 200 &&
  test "$(row t.html "（$V2）")" = "|大水圪洞村民委员会（$V2）|1|3,000.00|59" &&
  test "$(row t.html "乡镇小计")" = "可可以力更镇（$T1）|乡镇小计|5|7,100.00|424" &&
  test "$(row t.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|5|7,100.00|424" &&
  ! grep -F -e 孙七 -e "$V3" t.html
'

test_expect_success 'the county and the auditor: every township; the filters narrow it' '
  for u in county audit; do
    get $u "/contract/overdue?as_of=2026-03-01" >k.html && test "$(status)" = 200 &&
    test "$(row k.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|6|7,900.00|424" &&
    row k.html "（$V3）" | grep -F "|1|800.00|424" || return 1
  done &&
  get audit "/contract/overdue?as_of=2026-03-01&township=$T3" >k.html &&
  test "$(row k.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|1|800.00|424" &&
  get audit "/contract/overdue?as_of=2026-03-01&village=$V2" >k.html &&
  grep -F "href=\"/contract/overdue.csv?as_of=2026-03-01&amp;village=$V2\">导出 CSV</a>" k.html &&
  grep -F "href=\"/contract/overdue.xlsx?as_of=2026-03-01&amp;village=$V2\">导出 Excel</a>" k.html &&
  test "$(row k.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|1|3,000.00|59"
'

# As of 2025-12-31 A's second and C's second are not yet due: V1 has B's
# 2025-01-01 (364 days) and 2025-07-01 (183 days).
test_expect_success 'another date: what was overdue then' '
  get clerk "/contract/overdue?as_of=2025-12-31" >d.html &&
  test "$(row d.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|2|2,400.00|364" &&
  row d.html 2025-07-01 | grep -F "|1,200.00|183"
'

test_expect_success 'scope: another village or township 404 with nothing of it; a clerk'\''s own township is the village' '
  get clerk "/contract/overdue?as_of=2026-03-01&village=$V2" >o.html && test "$(status)" = 404 &&
  ! grep -F -e 赵六 -e 3,000.00 o.html &&
  get clerk "/contract/overdue.csv?as_of=2026-03-01&village=$V2" >o.csv && test "$(status)" = 404 &&
  get clerk "/contract/overdue?village=$V2" -H "Accept: application/json" >o.json &&
  test "$(status)" = 404 && ! grep -F 赵六 o.json &&
  get town "/contract/overdue?as_of=2026-03-01&village=$V3" >o.html && test "$(status)" = 404 &&
  get town "/contract/overdue?as_of=2026-03-01&township=$T3" >o.html && test "$(status)" = 404 &&
  ! grep -F 孙七 o.html &&
  get clerk "/contract/overdue?as_of=2026-03-01&township=$T1" >n.html && test "$(status)" = 200 &&
  test "$(row n.html "<th scope=\"row\" colspan=\"2\">合计")" = "合计|4|4,100.00|424" &&
  ! grep -F 赵六 n.html
'

test_expect_success 'JSON: the rows and the total' '
  get clerk "/contract/overdue?as_of=2026-03-01" -H "Accept: application/json" >c.json &&
  test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"c.json\"))[\"overdue\"]; \
    assert len(d) == 5, d; t=d[-1]; \
    assert (t[\"contract\"], t[\"outstanding\"], t[\"amount\"]) == (\"合计\", 4100, 4600), t; \
    assert [r[\"days_overdue\"] for r in d[:-1]] == [59, 424, 243, 59], d"
'

test_expect_success 'CSV: the rows with the BOM, the heads, numbers a spreadsheet reads; a file name' '
  get county "/contract/overdue.csv?as_of=2026-03-01" >k.csv && test "$(status)" = 200 &&
  test "$(header Content-Type)" = "text/csv; charset=utf-8" &&
  header Content-Disposition | grep -F "attachment; filename=\"overdue-2026-03-01.csv\"" &&
  head -c 3 k.csv | od -An -tx1 | grep -F "ef bb bf" &&
  tr -d "\r" <k.csv | sed "1s/^\xef\xbb\xbf//" >k.txt &&
  test "$(head -1 k.txt)" = "合同编号,村代码,对方名称,标的编号,应收日期,应收金额,已收,未收,逾期天数" &&
  grep -Fx "$V1-HT-0001,$V1,王二,$V1-ZY-0001,2026-01-01,1000.00,500.00,500.00,59" k.txt &&
  grep -Fx "$V3-HT-0001,$V3,孙七,$V3-ZY-0001,2025-01-01,800.00,0.00,800.00,424" k.txt &&
  grep -Fx "合计,6,,,,8400.00,500.00,7900.00," k.txt &&
  test "$(wc -l <k.txt)" = 8
'

test_expect_success 'Excel: the same rows, a 村名称 beside each village code; a file name; scope 404' '
  get town "/contract/overdue.xlsx?as_of=2026-03-01" >t.xlsx && test "$(status)" = 200 &&
  header Content-Disposition | grep -F "attachment; filename=\"overdue-2026-03-01.xlsx\"" &&
  $PY -c "
import openpyxl
ws = openpyxl.load_workbook(\"t.xlsx\").worksheets[0]
for r in ws.iter_rows(values_only=True):
    if r[0] in (\"$V1-HT-0001\", \"$V2-HT-0001\", \"合计\"):
        print(\"|\".join(\"\" if v is None else str(v) for v in r))" >got &&
  cat >expect <<-EOF &&
	$V1-HT-0001|$V1|福如东村民委员会|王二|$V1-ZY-0001|2026-01-01|1000|500|500|59
	$V2-HT-0001|$V2|大水圪洞村民委员会|赵六|$V2-ZY-0001|2026-01-01|3000|0|3000|59
	合计|5|||||7600|500|7100|
	EOF
  test_cmp expect got &&
  get clerk "/contract/overdue.xlsx?as_of=2026-03-01&village=$V2" >/dev/null &&
  test "$(status)" = 404
'

test_expect_success 'a bad date: 422 with the rule' '
  get clerk "/contract/overdue?as_of=2026-13-01" >b.html && test "$(status)" = 422 &&
  grep -F "截至日期应为 YYYY-MM-DD 格式的日期" b.html
'

test_expect_success 'not logged in: 303 to the login, 401 for JSON' '
  curl -s -o /dev/null -w "%{http_code}" "$URL/contract/overdue" >s && test "$(cat s)" = 303 &&
  curl -s -o /dev/null -w "%{http_code}" -H "Accept: application/json" \
    "$URL/contract/overdue.csv" >s && test "$(cat s)" = 401
'

test_done
