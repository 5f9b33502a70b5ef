#!/bin/sh
# sanzi serve: loans' interest and the interest subsidy in the browser
# (doc/web.md "贷款贴息"): a programme year set by 县级, a loan and its
# interest by the village clerk, the application by the clerk, 乡镇初审 and
# 公示 by the 乡镇, 县级审定 (cut by the village cap) and 拨付, the report.
# Every step refused to the wrong role (403 with the reason, from the
# domain's table, domain/may.c) and outside the scope (404, no data).
#
# The figures, from doc/domain.md's formula and the numbers put in:
# loan 100,000.00 at 6%, ratio 50%, no rate cap, basis 360.
#   payment 1: 2025-01-01..2025-07-01 = 181 days, paid 3,000.00
#     computed = round(100000 × 6% × 181 / 360) = round(3016.666…) = 3,016.67
#     eligible = min(3000.00, 3016.67) = 3,000.00; subsidy = 1,500.00
#   payment 2: 2025-07-01..2025-10-01 = 92 days, paid 1,600.00
#     computed = round(6000 × 92 / 360) = round(1533.333…) = 1,533.33
#     eligible = 1,533.33; subsidy = round(766.665) = 766.67
#   applied = 2,266.67; village cap 2,000.00, nothing approved before:
#   approved 2,000.00, cut by 村年度限额.
. "$(dirname "$0")/lib-web.sh"

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
for u in clerk town county audit; do
  login $u $u ${u}Pass123 || { echo "Bail out! login $u"; exit 1; }
done
CLERK=$(session_csrf clerk) TOWN=$(session_csrf town)
COUNTY=$(session_csrf county) AUDIT=$(session_csrf audit)

# The field error of input f-ID on the last page.
field_error() {
  sed -n "s/.*<span class=\"field-error\" id=\"e-$1\">\([^<]*\)<.*/\1/p" "$TMP/body"
}
# post_json JAR PATH FIELD=VALUE ...: post asking for JSON.
post_json() {
  jar=$1 path=$2
  shift 2
  for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
  curl -s -X POST -H "Accept: application/json" -b "$jar" -c "$jar" \
    -D "$TMP/headers" -o "$TMP/body" -w '%{http_code}' "$@" "$URL$path" >"$TMP/status"
  cat "$TMP/body"
}
# What a refused step must leave alone: the workflow's tables and the log.
snap() {
  sqlite3 test.db "SELECT * FROM program; SELECT * FROM interest;
    SELECT * FROM subsidy ORDER BY id; SELECT count(*) FROM history"
}
# refused JAR TOKEN PATH REASON FIELD=VALUE ...: POST must be 403 with
# REASON on the page, and change nothing.
refused() {
  jar=$1 tok=$2 path=$3 why=$4
  shift 4
  snap >before
  post $jar "$path" "csrf=$tok" "$@" >page
  test "$(status)" = 403 || { echo "$jar $path: $(status)"; return 1; }
  grep -q "$why" page || { echo "$jar $path: no reason"; cat page; return 1; }
  snap >after && cmp before after
}
# A V2 loan with a payment and an application, made on the command line.
LOAN2=$(sanzi loan add village=$V2 lender=武川县农村信用合作联社 contract_no=2025-9 \
  project=温室 principal=50000 rate=5 start_date=2025-01-01 maturity=2026-12-31 | tail -1)

test_expect_success '县级 sets up the programme year 2025' '
  post county /program/2025 "csrf=$COUNTY" budget=1000000 ratio=50 rate_cap= \
    day_basis=360 village_cap=2000 >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = "/program/2025?done=set" &&
  test "$(sqlite3 test.db "SELECT budget, ratio, rate_cap, day_basis, village_cap FROM program WHERE year = '"'"'2025'"'"'")" \
    = "100000000|500000||360|200000" &&
  get clerk /program/2025 >page && test "$(status)" = 200 &&
  grep -q "剩余 1,000,000.00 元" page && ! grep -q "action=\"/program/2025\"" page &&
  post county /program "csrf=$COUNTY" year=2026 >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = "/program/2026?done=set" &&
  get town /program -H "Accept: application/json" >y.json &&
  $PY -c "import json; d=json.load(open(\"y.json\")); \
    assert [y[\"year\"] for y in d[\"rows\"]] == [\"2026\", \"2025\"], d; \
    assert d[\"rows\"][0][\"budget\"] == 1000000.0, d" &&
  get clerk /program/2024 >/dev/null && test "$(status)" = 404
'

test_expect_success 'a refused programme year shows the reason at its field, nothing saved' '
  snap >before &&
  post county /program/2025 "csrf=$COUNTY" day_basis=300 >page &&
  test "$(status)" = 422 && test -n "$(field_error day_basis)" &&
  grep -q "aria-invalid=\"true\"" page && grep -q "value=\"300\"" page &&
  snap >after && cmp before after
'

test_expect_success 'the village clerk adds a loan and records its interest payments' '
  post clerk /loan "csrf=$CLERK" village=$V1 lender=武川县农村信用合作联社 \
    contract_no=2025-001 project=肉牛养殖 principal=100000 rate=6 \
    start_date=2025-01-01 maturity=2027-12-31 >/dev/null &&
  test "$(status)" = 303 && LOAN=$(header Location | sed "s|^/loan/||") &&
  echo "$LOAN" >loan && test -n "$LOAN" &&
  get clerk /loan/$LOAN >page && grep -q "action=\"/loan/$LOAN/interest\"" page &&
  post clerk /loan/$LOAN/interest "csrf=$CLERK" period_from=2025-01-01 \
    period_to=2025-07-01 paid=3000 paid_on=2025-07-01 voucher=记-2025-07 >/dev/null &&
  test "$(status)" = 303 && test "$(header Location)" = "/loan/$LOAN" &&
  post clerk /loan/$LOAN/interest "csrf=$CLERK" period_from=2025/7/1 \
    period_to=2025-10-01 paid=1600 paid_on=2025-10-01 voucher=记-2025-10 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(sqlite3 test.db "SELECT period_from, period_to, paid, village FROM interest ORDER BY id")" \
    = "2025-01-01|2025-07-01|300000|$V1
2025-07-01|2025-10-01|160000|$V1" &&
  test "$(sqlite3 test.db "SELECT operator FROM history WHERE tbl = '"'"'interest'"'"' ORDER BY id DESC LIMIT 1")" = clerk
'

test_expect_success 'a refused interest payment: the reason at its field, what was typed kept' '
  LOAN=$(cat loan) && snap >before &&
  post clerk /loan/$LOAN/interest "csrf=$CLERK" period_from=2025-10-01 \
    period_to=2025-12-01 paid=-5 paid_on=2025-12-01 voucher=记-X >page &&
  test "$(status)" = 422 && test -n "$(field_error paid)" &&
  grep -q "value=\"记-X\"" page && snap >after && cmp before after
'

test_expect_success 'the clerk applies: the amount from the formula, every line explained' '
  LOAN=$(cat loan) &&
  get clerk /subsidy/new >page && test "$(status)" = 200 && grep -q "value=\"$LOAN\"" page &&
  ! grep -q "value=\"$LOAN2\"" page &&
  post clerk /subsidy "csrf=$CLERK" loan=$LOAN year=2025 date=2025-10-10 >/dev/null &&
  test "$(status)" = 303 && APP=$(header Location | sed "s|^/subsidy/||; s|?.*||") &&
  echo "$APP" >app &&
  test "$(sqlite3 test.db "SELECT amount, status FROM subsidy WHERE code = '"'"'$APP'"'"'")" = "226667|已申请" &&
  get clerk /subsidy/$APP >page && test "$(status)" = 200 &&
  grep -q "应计利息 = 100,000.00 × 6% × 181 ÷ 360 = 3,016.67 元" page &&
  grep -q "min(实付 3,000.00, 应计 3,016.67) = 3,000.00 元" page &&
  grep -q "= <strong>766.67 元</strong>" page &&
  grep -q "贴息合计：<strong>2,266.67 元</strong>" page &&
  grep -q "下一步：乡镇初审" page &&
  ! grep -q "action=\"/subsidy/$APP/review\"" page &&
  get clerk /subsidy/$APP -H "Accept: application/json" >a.json &&
  $PY -c "import json; d=json.load(open(\"a.json\")); \
    assert d[\"application\"][0][\"amount\"] == 2266.67, d; \
    assert [l[\"subsidy\"] for l in d[\"lines\"]] == [1500.0, 766.67], d; \
    assert d[\"total\"][0][\"subsidy\"] == 2266.67, d"
'

test_expect_success 'the 乡镇 reviews and publicizes; a short publicity refused at its field' '
  APP=$(cat app) &&
  get town /subsidy/$APP >page && grep -q "action=\"/subsidy/$APP/review\"" page &&
  post town /subsidy/$APP/review "csrf=$TOWN" decision=同意 date=2025-10-12 opinion=材料齐全 >/dev/null &&
  test "$(status)" = 303 &&
  snap >before &&
  post town /subsidy/$APP/publicize "csrf=$TOWN" from=2025-10-13 to=2025-10-18 >page &&
  test "$(status)" = 422 && field_error pub-to | grep -q "7" &&
  grep -q "value=\"2025-10-18\"" page && snap >after && cmp before after &&
  post town /subsidy/$APP/publicize "csrf=$TOWN" from=2025-10-13 to=2025-10-19 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(sqlite3 test.db "SELECT status, reviewed_on, review_opinion, publicity_from, publicity_to FROM subsidy WHERE code = '"'"'$APP'"'"'")" \
    = "公示中|2025-10-12|材料齐全|2025-10-13|2025-10-19"
'

test_expect_success 'the 乡镇 cannot 审定 or 拨付, the clerk cannot 初审 (403, the reason)' '
  APP=$(cat app) &&
  refused town $TOWN /subsidy/$APP/approve "不能进行贴息的县级审定" date=2025-10-20 &&
  refused town $TOWN /subsidy/$APP/pay "不能拨付贴息资金" date=2025-10-25 voucher=付-1 &&
  refused clerk $CLERK /subsidy/$APP/publicize "不能进行贴息申请的乡镇初审或公示" \
    from=2025-10-13 to=2025-10-20 &&
  get town /subsidy/$APP >page && ! grep -q "action=\"/subsidy/$APP/approve\"" page
'

test_expect_success '县级审定: cut by the village cap, the page says which cap and by how much' '
  APP=$(cat app) &&
  get county /subsidy/$APP >page && grep -q "action=\"/subsidy/$APP/approve\"" page &&
  grep -q "每村年度限额 2,000.00 元，本村本年已审定或拨付 0.00 元" page &&
  post county /subsidy/$APP/approve "csrf=$COUNTY" date=2025-10-19 >page &&
  test "$(status)" = 422 && test -n "$(field_error approve-date)" &&
  post_json county /subsidy/$APP/approve "csrf=$COUNTY" date=2025-10-20 >ap.json && test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"ap.json\")); \
    assert (d[\"amount\"], d[\"approved\"], d[\"cut_by\"], d[\"cap\"], d[\"used\"]) == \
      (2266.67, 2000.0, \"村年度限额\", 2000.0, 0.0), d" &&
  get county /subsidy/$APP >page &&
  grep -q "审定贴息 <strong>2,000.00 元</strong>；按<strong>村年度限额</strong>核减" page &&
  get county /program/2025 >page && grep -q "已审定未拨付 2,000.00 元" page
'

test_expect_success '拨付 by 县级; the report per village and township, and its CSV' '
  APP=$(cat app) &&
  post county /subsidy/$APP/pay "csrf=$COUNTY" date=2025-10-25 voucher= >page &&
  test "$(status)" = 422 && test -n "$(field_error pay-voucher)" &&
  post county /subsidy/$APP/pay "csrf=$COUNTY" date=2025-10-25 voucher=付-2025-101 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(sqlite3 test.db "SELECT status, approved, paid_on, paid_voucher, cut_by FROM subsidy WHERE code = '"'"'$APP'"'"'")" \
    = "已拨付|200000|2025-10-25|付-2025-101|村年度限额" &&
  get county /program/2025 -H "Accept: application/json" >p.json &&
  $PY -c "import json; d=json.load(open(\"p.json\"))[\"program\"][0]; \
    assert (d[\"reserved\"], d[\"paid\"], d[\"remaining\"]) == (0.0, 2000.0, 998000.0), d" &&
  get county "/subsidy/report?year=2025" -H "Accept: application/json" >r.json &&
  $PY -c "import json; d=json.load(open(\"r.json\")); r={x[\"code\"]: x for x in d[\"report\"]}; \
    v=r[\"$V1\"]; \
    assert (v[\"loans\"], v[\"principal\"], v[\"interest\"], v[\"applied\"], v[\"approved\"], v[\"paid\"]) == \
      (1, 100000.0, 4600.0, 2266.67, 2000.0, 2000.0), v; \
    t=r[\"$T1\"]; assert t[\"paid\"] == 2000.0 and t[\"principal\"] == 150000.0, t; \
    assert r[\"\"][\"name\"] == \"全县合计\", r" &&
  get county "/subsidy/report.csv?year=2025" >r.csv && test "$(status)" = 200 &&
  header Content-Disposition | grep -q "subsidy-report-2025.csv" &&
  grep -q "^$V1,福如东村民委员会,1,100000.00,4600.00,2266.67,2000.00,2000.00" r.csv
'

test_expect_success '审计 writes nothing: programme, interest, apply, review, approve, pay, withdraw' '
  APP=$(cat app) LOAN=$(cat loan) &&
  refused audit $AUDIT /program/2025 "不能设置年度贴息计划" budget=5 &&
  refused audit $AUDIT /loan/$LOAN/interest "不能登记贷款、付息或申请贴息" \
    period_from=2025-10-01 period_to=2025-11-01 paid=10 paid_on=2025-11-01 voucher=记-1 &&
  refused audit $AUDIT /subsidy "不能登记贷款、付息或申请贴息" loan=$LOAN year=2025 date=2025-11-01 &&
  refused audit $AUDIT /subsidy/$APP/review "不能进行贴息申请的乡镇初审或公示" decision=同意 date=2025-11-01 &&
  refused audit $AUDIT /subsidy/$APP/approve "不能进行贴息的县级审定" date=2025-11-01 &&
  refused audit $AUDIT /subsidy/$APP/pay "不能拨付贴息资金" date=2025-11-01 voucher=付-9 &&
  refused audit $AUDIT /subsidy/$APP/withdraw "不能登记贷款、付息或申请贴息" date=2025-11-01 reason=x &&
  get audit /subsidy/$APP >page && test "$(status)" = 200 && ! grep -q "<form method=\"post\" action=\"/subsidy" page &&
  get audit /subsidy/new >/dev/null && test "$(status)" = 403
'

test_expect_success '县级 cannot apply; the clerk cannot set up a year' '
  LOAN=$(cat loan) &&
  sanzi loan interest $LOAN --from 2025-10-01 --to 2025-11-01 --paid 100 \
    --paid-on 2025-11-01 --voucher 记-2025-11 >/dev/null &&
  refused county $COUNTY /subsidy "不能登记贷款、付息或申请贴息" loan=$LOAN year=2025 date=2025-11-02 &&
  refused clerk $CLERK /program/2025 "不能设置年度贴息计划" budget=5 &&
  refused town $TOWN /program/2026 "不能设置年度贴息计划" budget=5
'

test_expect_success 'scope: a V1 clerk gets 404 for V2 loan and application, and cannot apply on it' '
  sanzi loan interest $LOAN2 --from 2025-01-01 --to 2025-07-01 --paid 1200 \
    --paid-on 2025-07-01 --voucher 记-V2 >/dev/null &&
  APP2=$(sanzi subsidy apply --loan $LOAN2 --year 2025 --date 2025-07-05) &&
  for p in /loan/$LOAN2 /subsidy/$APP2; do
    get clerk $p >page && test "$(status)" = 404 && ! grep -q "温室\|$V2" page || return 1
    get clerk $p -H "Accept: application/json" >page && test "$(status)" = 404 &&
      ! grep -q "温室\|$V2" page || return 1
  done &&
  get clerk /subsidy -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"village\"] == \"$V1\", d" &&
  get clerk "/subsidy/report?year=2025" -H "Accept: application/json" >r.json &&
  ! grep -q "$V2" r.json &&
  get clerk "/subsidy?village=$V2" >/dev/null && test "$(status)" = 404 &&
  snap >before &&
  post clerk /subsidy "csrf=$CLERK" loan=$LOAN2 year=2025 date=2025-11-02 >/dev/null &&
  test "$(status)" = 404 &&
  post clerk /subsidy/$APP2/withdraw "csrf=$CLERK" date=2025-11-02 reason=x >/dev/null &&
  test "$(status)" = 404 &&
  post clerk /loan/$LOAN2/interest "csrf=$CLERK" period_from=2025-07-01 \
    period_to=2025-08-01 paid=10 paid_on=2025-08-01 voucher=记-9 >/dev/null &&
  test "$(status)" = 404 && snap >after && cmp before after &&
  get town /subsidy/$APP2 >/dev/null && test "$(status)" = 200
'

test_expect_success 'the list filters by year, village, township and status' '
  get county "/subsidy?status=已拨付" -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"status\"] == \"已拨付\", d" &&
  get county "/subsidy?township=$T1&year=2025" -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); assert d[\"total\"] == 2, d" &&
  get county "/subsidy?year=2024" -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); assert d[\"total\"] == 0, d" &&
  get county /subsidy >page && test "$(status)" = 200 && grep -q "贴息申请" page
'

# V2's application: 50,000.00 at 5%, 181 days, paid 1,200.00:
#   computed = round(50000 × 5% × 181 / 360) = round(1256.944…) = 1,256.94
#   eligible = 1,200.00; subsidy = 600.00
# With the budget lowered to 2,300.00 and 2,000.00 already paid, the
# budget has 300.00 left (less than V2's village cap, 2,000.00, untouched):
# approved 300.00, cut by 年度预算 (cap 2,300.00, 2,000.00 before).
test_expect_success '县级审定 cut by the budget: the page names the budget, its cap and what it had before' '
  APP2=$(sqlite3 test.db "SELECT code FROM subsidy WHERE village = '"'"'$V2'"'"'") &&
  test "$(sqlite3 test.db "SELECT amount FROM subsidy WHERE code = '"'"'$APP2'"'"'")" = 60000 &&
  post county /program/2025 "csrf=$COUNTY" budget=2300 >/dev/null && test "$(status)" = 303 &&
  post county /program/2025 "csrf=$COUNTY" budget=1999 >page && test "$(status)" = 422 &&
  grep -q "role=\"alert\"" page && grep -q "1,999.00.*2,000.00" page &&
  post town /subsidy/$APP2/review "csrf=$TOWN" decision=同意 date=2025-07-06 >/dev/null &&
  post town /subsidy/$APP2/publicize "csrf=$TOWN" from=2025-07-07 to=2025-07-13 >/dev/null &&
  test "$(status)" = 303 &&
  get county /subsidy/$APP2 >page &&
  grep -q "每村年度限额 2,000.00 元，本村本年已审定或拨付 0.00 元，尚余 2,000.00 元；年度预算剩余 300.00 元" page &&
  post county /subsidy/$APP2/approve "csrf=$COUNTY" date=2025-07-14 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(sqlite3 test.db "SELECT status, approved, cut_by FROM subsidy WHERE code = '"'"'$APP2'"'"'")" = "已审定|30000|年度预算" &&
  get county /subsidy/$APP2 >page &&
  grep -q "审定贴息 <strong>300.00 元</strong>；按<strong>年度预算</strong>核减：年度预算 2,300.00 元，审定前本年已审定或拨付 2,000.00 元" page &&
  get county /program/2025 >page && grep -q "剩余 0.00 元" page
'

test_done
