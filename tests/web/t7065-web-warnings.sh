#!/bin/sh
# sanzi serve: the warnings of a save (doc/web.md "As built"): a record the
# rules accept with a warning (a fund entry that takes an account below
# zero) is saved, and the answer is the saved record's page with 已保存 and
# each warning, instead of the redirect; JSON has them as "warnings".
. "$(dirname "$0")/lib-web.sh"

web_setup && web_start || { echo "Bail out! the server did not start"; exit 1; }
login clerk clerk clerkPass123
head_now() { sanzi log verify 2>/dev/null; }
sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=100 \
  opening_date=2025-01-01 >/dev/null
ACC=$V1-ZH-0001
# the balance after 100.00 - 500.00 at the day's end
MSG="账户 $ACC 在 2025-01-15 日终余额为负：-400.00"

test_expect_success 'an expense beyond the balance: saved, and the page says so with the warning' '
  tok=$(session_csrf clerk) &&
  post clerk /fund csrf=$tok voucher=记-001 village=$V1 date=2025-01-15 \
    account=$ACC direction=支出 amount=500 category=管理费用 \
    summary=买办公用品 >page &&
  test "$(status)" = 200 &&
  grep -F "<div class=\"warn\" role=\"status\" id=\"saved\"><p>已保存。请注意：</p><ul><li>金额：$MSG</li></ul></div>" page &&
  grep -F "<h1>资金收支 $V1-2025-记-001</h1>" page && grep -F 买办公用品 page &&
  test "$(sql "SELECT amount FROM fund WHERE voucher = '\''记-001'\''")" = 50000
'

test_expect_success 'an edit that keeps it below zero warns again; the shown page is the record'\''s' '
  tok=$(session_csrf clerk) &&
  post clerk "/fund/$V1-2025-%E8%AE%B0-001" csrf=$tok voucher=记-001 \
    village=$V1 date=2025-01-15 account=$ACC direction=支出 amount=300 \
    category=管理费用 summary=买办公用品 >page &&
  test "$(status)" = 200 &&
  grep -F "<li>金额：账户 $ACC 在 2025-01-15 日终余额为负：-200.00</li>" page &&
  test "$(sql "SELECT amount FROM fund WHERE voucher = '\''记-001'\''")" = 30000
'

test_expect_success 'without a warning the save still redirects to the record' '
  tok=$(session_csrf clerk) &&
  post clerk /fund csrf=$tok voucher=记-002 village=$V1 date=2025-01-20 \
    account=$ACC direction=收入 amount=1000 category=经营收入 \
    summary=收取承包费 >page &&
  test "$(status)" = 303 && test "$(header Location)" = "/fund/$V1-2025-%E8%AE%B0-002" &&
  ! grep -F "已保存" page
'

# 100.00 - 300.00 + 1,000.00 - 2,000.00
test_expect_success 'JSON: {"code":...,"changed":true,"warnings":[...]}' '
  tok=$(session_csrf clerk) &&
  curl -s -b clerk -H "Accept: application/json" -H "X-CSRF-Token: $tok" \
    --data-urlencode voucher=记-003 --data-urlencode village=$V1 \
    --data-urlencode date=2025-01-25 --data-urlencode account=$ACC \
    --data-urlencode direction=支出 --data-urlencode amount=2000 \
    --data-urlencode category=管理费用 --data-urlencode summary=修水渠 \
    "$URL/fund" >w.json &&
  $PY -c "import json; d=json.load(open(\"w.json\")); \
    assert d[\"code\"] == \"$V1-2025-记-003\" and d[\"changed\"] is True, d; \
    w=d[\"warnings\"]; assert len(w) == 1 and w[0][\"key\"] == \"amount\", w; \
    assert w[0][\"message\"] == \"账户 $ACC 在 2025-01-25 日终余额为负：-1,200.00\", w" &&
  curl -s -b clerk -H "Accept: application/json" -H "X-CSRF-Token: $tok" \
    --data-urlencode voucher=记-004 --data-urlencode village=$V1 \
    --data-urlencode date=2025-01-26 --data-urlencode account=$ACC \
    --data-urlencode direction=收入 --data-urlencode amount=5000 \
    --data-urlencode category=经营收入 --data-urlencode summary=收租 \
    "$URL/fund" >n.json &&
  $PY -c "import json; d=json.load(open(\"n.json\")); assert d[\"warnings\"] == [], d"
'

test_expect_success 'a refused save is not a warning: 422, nothing written' '
  before=$(head_now) &&
  tok=$(session_csrf clerk) &&
  post clerk /fund csrf=$tok voucher=记-005 village=$V1 date=2025-01-27 \
    account=$ACC direction=支出 amount=12a category=管理费用 summary=x >page &&
  test "$(status)" = 422 && ! grep -F "已保存" page &&
  test "$(head_now)" = "$before"
'

test_done
