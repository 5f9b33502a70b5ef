#!/bin/sh
# sanzi serve: /disposal…, disposal filings through 四议两公开 in the browser's
# routes (doc/web.md "处置申报"): a whole sale filed, voted, appraised and
# publicized by the village clerk, reviewed by the township, executed and
# its result publicized by the clerk, the database checked after each
# step; a failed vote kept with its reason; every role refusal answered
# 403 with the reason (the domain's may()), the filer's own review
# refused, another village's filing 404 (HTML and JSON), a bad form
# saving nothing.
. "$(dirname "$0")/lib-web.sh"

# ---- the data ----
# 福如东村 (V1): 旧仓库, 房屋及建筑物, original 120,000.00, acquired
# 2020-06-15, life 240 months, residual 5%: monthly charge 120,000.00 x
# 95% / 240 = 475.00, from July 2020 through February 2026 (every month
# ended on or before the filing date 2026-03-10) = 6 + 5 x 12 + 2 = 68
# months = 32,300.00; book value 87,700.00 (>= 50,000.00: 出售 needs the
# appraisal). 村北旱地 60 亩 (>= 50 亩: 协议 is refused). In 大水圪洞村
# (V2) 旧仓库 as well, filed by the township.
web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
sanzi asset add village=$V1 name=旧仓库 category=房屋及建筑物 nature=经营性 \
  original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=闲置 >/dev/null &&
sanzi asset add village=$V2 name=旧仓库 category=房屋及建筑物 nature=经营性 \
  original_value=120000 acquired_via=自建 acquired_on=2020-06-15 status=闲置 >/dev/null &&
sanzi resource add village=$V1 name=村北旱地 land_class=0103 area=60 status=未利用 >/dev/null &&
sanzi account add village=$V1 name=农商行 kind=银行存款 opening_balance=0 \
  opening_date=2026-01-01 >/dev/null &&
sanzi fund add village=$V1 account=$V1-ZH-0001 voucher=记-015 date=2026-04-02 \
  direction=收入 amount=96000 category=其他收入 summary=出售旧仓库价款 >/dev/null &&
sanzi contract add --without-filing village=$V1 kind=出租 object=$V1-ZY-0001 \
  party=李四 party_id=150125199003070028 party_is_member=是 payment=年付 \
  annual_amount=6000 start_date=2026-05-01 end_date=2031-04-30 \
  first_due=2026-05-01 signed_on=2026-04-01 >/dev/null 2>&1 &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
# web_setup's assets are ZC-0001, ZC-0002 (V1), ZC-0001 (V2): ours come next
OBJ=$V1-ZC-0003 OBJ2=$V2-ZC-0002 LAND=$V1-ZY-0001
for u in clerk town audit county; do
  login $u $u ${u}Pass123 && eval "TOK_$u=\$(session_csrf $u)" ||
    { echo "Bail out! login $u"; exit 1; }
done

# dpost USER PATH FIELD=VALUE ...: a POST of USER with its CSRF token.
dpost() {
  u=$1 p=$2
  shift 2
  eval "t=\$TOK_$u"
  post $u "$p" "csrf=$t" "$@"
}
# jpost USER PATH FIELD=VALUE ...: the same, asking for JSON.
jpost() {
  u=$1 p=$2
  shift 2
  eval "t=\$TOK_$u"
  set -- "csrf=$t" "$@"
  for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
  curl -s -X POST -H "Accept: application/json" -b $u -c $u -D "$TMP/headers" \
    -o "$TMP/body" -w '%{http_code}' "$@" "$URL$p" >"$TMP/status"
  cat "$TMP/body"
}
d() { sqlite3 test.db "$1"; }
# The reason of the last answer's field error e-ID.
field_error() {
  grep -o "id=\"e-$1\">[^<]*" "$TMP/body" | sed 's/^[^>]*>//' | head -1
}
filings() { d "SELECT count(*) FROM disposal"; }

test_expect_success 'the clerk files a sale: 303 to its page; the book value at the filing date' '
  get clerk /disposal/new >page && test "$(status)" = 200 &&
  grep -q "value=\"$OBJ\"" page && grep -q "<td>房屋及建筑物</td>" page &&
  dpost clerk /disposal village=$V1 type=出售 objects=$OBJ reason=仓库闲置多年 \
    method=拍卖 price=90000 date=2026-03-10 >/dev/null &&
  test "$(status)" = 303 &&
  CODE=$(d "SELECT code FROM disposal") && echo "$CODE" >code &&
  header Location | grep -q "^/disposal/$CODE?done=filed$" &&
  test "$(d "SELECT village, type, method, price, book_value, status, filer FROM disposal")" = \
    "$V1|出售|拍卖|9000000|8770000|申报中|clerk" &&
  test "$(d "SELECT object, book_value FROM disposal_object")" = "$OBJ|8770000"
'
CODE=$(cat "$TMP/code" 2>/dev/null)

test_expect_success 'its page: the whole record, the next step 提议, the meeting form' '
  get clerk /disposal/$CODE >page && test "$(status)" = 200 &&
  grep -q "下一步：<strong>提议</strong>" page &&
  grep -q "<option selected>提议</option>" page &&
  grep -q "87,700.00" page && grep -q "action=\"/disposal/$CODE/vote\"" page &&
  ! grep -q "action=\"/disposal/$CODE/review\"" page &&
  get clerk /disposal/$CODE -H "Accept: application/json" >f.json &&
  $PY -c "import json; d=json.load(open(\"f.json\")); \
    assert d[\"heading\"][0][\"village_name\"] == \"福如东村民委员会\", d; \
    assert d[\"objects\"][0][\"object\"] == \"$OBJ\", d; \
    assert d[\"status\"][0][\"status\"] == \"申报中\" and d[\"meetings\"] == [], d" &&
  get clerk /disposal -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"code\"] == \"$CODE\", d; \
    assert d[\"rows\"][0][\"book_value\"] == 87700, d" && grep -q "\"book_value\":87700.00" l.json
'

test_expect_success '提议, 商议, 审议 pass; each recorded with the numbers the rules ask' '
  dpost clerk /disposal/$CODE/vote step=提议 body=党支部会议 date=2026-03-11 \
    due=7 present=5 for=5 against=0 >/dev/null && test "$(status)" = 303 &&
  dpost clerk /disposal/$CODE/vote step=商议 body=两委联席会议 date=2026-03-12 \
    due=9 present=7 for=6 against=1 >/dev/null && test "$(status)" = 303 &&
  dpost clerk /disposal/$CODE/vote step=审议 body=党员大会 date=2026-03-15 \
    due=20 present=15 for=12 against=3 >/dev/null && test "$(status)" = 303 &&
  # 提议: more than half of 7 present = 4, more than half of 5 = 3;
  # 审议: 2/3 of 20 present = 14 (13.3 up), more than half of 20 due = 11
  test "$(d "SELECT group_concat(step || need_present || need_for || passed, \",\") FROM disposal_vote")" = \
    "提议431,商议541,审议14111"
'

test_expect_success 'a 决议 with too few present is recorded as failed, its reason shown' '
  # 村民代表会议 of 45: at least 2/3 = 30 present; 29 came
  n=$(d "SELECT count(*) FROM history") &&
  dpost clerk /disposal/$CODE/vote step=决议 body=村民代表会议 date=2026-03-19 \
    due=45 present=29 for=25 against=4 >page && test "$(status)" = 200 &&
  grep -q "会议已记录，表决未通过" page &&
  grep -q "决议：应到 45 人，实到 29 人，不足三分之二（至少 30 人）" page &&
  grep -q "aria-invalid=\"true\" aria-describedby=\"h-vote-present e-vote-present\"\|id=\"e-vote-present\"" page &&
  grep -q "value=\"29\"" page &&
  test "$(d "SELECT step, present, need_present, passed FROM disposal_vote ORDER BY id DESC LIMIT 1")" = "决议|29|30|0" &&
  test "$(d "SELECT count(*) FROM history")" = $((n + 1)) &&
  test "$(d "SELECT status FROM disposal")" = 申报中 &&
  get clerk /disposal/$CODE >page &&
  grep -q "2026-03-19 决议（村民代表会议）未通过：实到 29，不足规定的 30" page &&
  grep -q "下一步：<strong>决议</strong>" page &&
  # the due now known: the numbers beside the fields
  grep -q "到会至少 30 人，赞成至少 16 人（应到 45 人）" page
'

test_expect_success 'the 决议 passes, is made public 7 days, the appraisal recorded' '
  dpost clerk /disposal/$CODE/vote step=决议 body=村民代表会议 date=2026-03-20 \
    due=45 present=32 for=20 against=12 >/dev/null && test "$(status)" = 303 &&
  test "$(d "SELECT need_present, need_for, passed FROM disposal_vote ORDER BY id DESC LIMIT 1")" = "30|17|1" &&
  dpost clerk /disposal/$CODE/publicize kind=决议 from=2026-03-21 to=2026-03-27 >/dev/null &&
  test "$(status)" = 303 &&
  dpost clerk /disposal/$CODE/appraise value=95000 appraiser=某资产评估公司 \
    report=评报字2026-001 date=2026-03-25 >/dev/null && test "$(status)" = 303 &&
  test "$(d "SELECT resolution_from, resolution_to, appraised_value, appraiser FROM disposal")" = \
    "2026-03-21|2026-03-27|9500000|某资产评估公司"
'

test_expect_success 'role refusals: 审计 and 县级 cannot file, vote or publicize; 403 with the reason' '
  before=$(d "SELECT count(*) FROM disposal; SELECT count(*) FROM disposal_vote; SELECT resolution_to FROM disposal") &&
  for u in audit county; do
    role=$(d "SELECT role FROM user WHERE name = \"$u\"") &&
    get $u /disposal/new >page && test "$(status)" = 403 &&
    grep -q "您的角色（$role）不能进行处置申报或登记其会议、评估、公示与执行" page &&
    dpost $u /disposal village=$V1 type=出售 objects=$V1-ZC-0001 reason=x method=拍卖 >page &&
    test "$(status)" = 403 &&
    grep -q "您的角色（$role）不能进行处置申报" page &&
    dpost $u /disposal/$CODE/vote step=决议 body=村民代表会议 date=2026-03-20 \
      due=45 present=40 for=40 against=0 >/dev/null && test "$(status)" = 403 &&
    dpost $u /disposal/$CODE/publicize kind=决议 from=2026-03-21 to=2026-03-28 >/dev/null &&
    test "$(status)" = 403 &&
    dpost $u /disposal/$CODE/withdraw reason=x date=2026-03-28 >/dev/null &&
    test "$(status)" = 403 || return 1
  done &&
  test "$(d "SELECT count(*) FROM disposal; SELECT count(*) FROM disposal_vote; SELECT resolution_to FROM disposal")" = "$before"
'

test_expect_success 'role refusals: the clerk, 审计 and 县级 cannot review (403); the clerk sees no review form' '
  get clerk /disposal/$CODE >page && ! grep -q "/review\"" page &&
  dpost clerk /disposal/$CODE/review decision=同意 date=2026-03-28 >page &&
  test "$(status)" = 403 &&
  grep -q "您的角色（村报账员）不能进行处置的乡镇审核" page &&
  dpost audit /disposal/$CODE/review decision=同意 date=2026-03-28 >/dev/null &&
  test "$(status)" = 403 &&
  jpost county /disposal/$CODE/review decision=同意 date=2026-03-28 >j &&
  test "$(status)" = 403 &&
  $PY -c "import json; d=json.load(open(\"j\")); \
    assert d[\"errors\"][0][\"message\"] == \"您的角色（县级）不能进行处置的乡镇审核\", d" &&
  test "$(d "SELECT status, reviewer IS NULL FROM disposal")" = "申报中|1"
'

test_expect_success 'the township reviews: 不同意 without a reason is refused at the field; 同意 passes' '
  get town /disposal/$CODE >page && grep -q "action=\"/disposal/$CODE/review\"" page &&
  dpost town /disposal/$CODE/review decision=不同意 date=2026-03-28 >page &&
  test "$(status)" = 422 &&
  test "$(field_error review-opinion)" = "乡镇审核：不同意须说明理由" &&
  grep -q "value=\"不同意\" required checked" page &&
  test "$(d "SELECT status FROM disposal")" = 申报中 &&
  dpost town /disposal/$CODE/review decision=同意 date=2026-03-28 opinion=程序完备 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(d "SELECT status, review_decision, reviewer, reviewed_on FROM disposal")" = \
    "审核同意|同意|town|2026-03-28"
'

test_expect_success 'the clerk executes with the proceeds voucher picked; 县级 may not (403)' '
  get clerk /disposal/$CODE >page && grep -q "<option value=\"记-015\">" page &&
  dpost county /disposal/$CODE/execute date=2026-04-02 party=张三 price=96000 voucher=记-015 >/dev/null &&
  test "$(status)" = 403 &&
  dpost clerk /disposal/$CODE/execute date=2026-04-02 party=张三 price=90000 voucher=记-015 >page &&
  test "$(status)" = 422 &&
  grep -q "执行：成交价格 90,000.00 元低于评估价值 95,000.00 元" page &&
  test "$(d "SELECT status FROM disposal")" = 审核同意 &&
  dpost clerk /disposal/$CODE/execute date=2026-04-02 party=张三 price=96000 voucher=记-015 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(d "SELECT status, party, final_price, voucher FROM disposal")" = "已执行|张三|9600000|记-015" &&
  test "$(d "SELECT status FROM asset WHERE code = \"$OBJ\"")" = 已处置
'

test_expect_success 'the result is made public; the page says the procedure is complete' '
  dpost clerk /disposal/$CODE/publicize kind=结果 from=2026-04-03 to=2026-04-09 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(d "SELECT result_from, result_to FROM disposal")" = "2026-04-03|2026-04-09" &&
  get clerk /disposal/$CODE >page && grep -q "下一步：<strong>无（程序已完成）</strong>" page &&
  ! grep -q "<form method=\"post\" action=\"/disposal/" page &&
  get audit /disposal/$CODE/print >print && test "$(status)" = 200 &&
  grep -q "可可以力更镇农村集体资产处置申报表" print &&
  grep -q "申报单位（盖章）" print && grep -q "乡镇审核意见" print &&
  grep -q "96,000.00" print && ! grep -q "变更记录" print
'

test_expect_success 'the filer may not review his own filing: a 乡镇 user files for V2, the reason shown' '
  dpost town /disposal village=$V2 type=出售 objects=$OBJ2 reason=闲置 method=拍卖 \
    date=2026-03-10 >/dev/null && test "$(status)" = 303 &&
  C2=$(d "SELECT code FROM disposal WHERE village = \"$V2\"") && echo $C2 >code2 &&
  get town /disposal/$C2 >page && grep -q "您是本申报的申报人：乡镇审核须由乡镇其他人员进行" page &&
  dpost town /disposal/$C2/review decision=同意 date=2026-03-28 >page &&
  test "$(status)" = 422 &&
  grep -q "乡镇审核：town 是 $C2 的申报人，不能审核本人的申报；请由其他人审核" page &&
  test "$(d "SELECT status, reviewer IS NULL FROM disposal WHERE code = \"$C2\"")" = "申报中|1"
'
C2=$(cat "$TMP/code2" 2>/dev/null)

test_expect_success 'scope: the clerk of V1 gets 404 for the filing of V2, in HTML and JSON, and none of it' '
  get clerk /disposal/$C2 >page && test "$(status)" = 404 &&
  grep -q "没有这条记录，或不在您的管辖范围内" page && ! grep -q "大水圪洞村" page &&
  get clerk /disposal/$C2 -H "Accept: application/json" >j && test "$(status)" = 404 &&
  ! grep -q "$OBJ2" j &&
  get clerk /disposal/$C2/print >/dev/null && test "$(status)" = 404 &&
  dpost clerk /disposal/$C2/vote step=提议 body=党支部会议 date=2026-03-11 \
    due=7 present=5 for=5 against=0 >/dev/null && test "$(status)" = 404 &&
  test "$(d "SELECT count(*) FROM disposal_vote WHERE disposal = \"$C2\"")" = 0 &&
  get clerk /disposal -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"code\"] == \"$CODE\", d" &&
  get clerk "/disposal?village=$V2" >/dev/null && test "$(status)" = 404 &&
  get town "/disposal?village=$V2" -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert [r[\"code\"] for r in d[\"rows\"]] == [\"$C2\"], d" &&
  get town "/disposal/new?village=$V3" >/dev/null && test "$(status)" = 404
'

test_expect_success 'scope: the clerk cannot file for V2: the reason at the field, nothing saved' '
  n=$(filings) &&
  dpost clerk /disposal village=$V2 type=出售 objects=$OBJ2 reason=闲置 method=拍卖 \
    date=2026-03-10 >page && test "$(status)" = 422 &&
  grep -q "$V2" page && ! grep -q "value=\"$OBJ2\"" page &&
  test "$(filings)" = $n
'

test_expect_success 'a bad form saves nothing: 协议 for 60 亩, a missing reason, each at its field' '
  n=$(filings) && h=$(d "SELECT count(*) FROM history WHERE tbl <> \"login\"") &&
  dpost clerk /disposal village=$V1 type=出租 objects=$LAND reason=对外出租 \
    method=协议 price=6000 date=2026-03-10 >page && test "$(status)" = 422 &&
  test "$(field_error new-method)" = \
    "处置方式：土地面积 60 亩，不低于 50 亩，不得协议处置；应采用公开竞价、招标或拍卖" &&
  grep -q "value=\"$LAND\" checked" page && grep -q "对外出租" page &&
  dpost clerk /disposal village=$V1 type=出租 objects=$LAND method=公开竞价 \
    date=2026-03-10 >page && test "$(status)" = 422 &&
  test -n "$(field_error new-reason)" &&
  dpost clerk /disposal village=$V1 type=出租 reason=对外出租 method=公开竞价 \
    date=2026-03-10 >page && test "$(status)" = 422 &&
  grep -q "id=\"e-new-objects\"" page &&
  test "$(filings)" = $n &&
  test "$(d "SELECT count(*) FROM history WHERE tbl <> \"login\"")" = $h
'

test_expect_success 'the list: filters by status and year, newest first, links to each filing' '
  get town "/disposal?status=已公开" >page && test "$(status)" = 200 &&
  grep -q "href=\"/disposal/$CODE\"" page && ! grep -q "href=\"/disposal/$C2\"" page &&
  get town "/disposal?year=2026" -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert [r[\"code\"] for r in d[\"rows\"]] == [\"$C2\", \"$CODE\"], d" &&
  get audit /disposal >page && ! grep -q "新建处置申报" page &&
  get clerk /disposal >page && grep -q "新建处置申报" page
'

test_expect_success 'a failed meeting as JSON; 退回 sends the filing back to the village; 撤回 frees its object' '
  # 拖拉机 (ZC-0001): 出售 by 公开竞价; 提议 of 7 with 3 present: more than
  # half of 7 = 4 must come
  dpost clerk /disposal village=$V1 type=出售 objects=$V1-ZC-0001 reason=老旧 \
    method=公开竞价 date=2026-03-10 >/dev/null && test "$(status)" = 303 &&
  C3=$(d "SELECT code FROM disposal WHERE code NOT IN (\"$CODE\", \"$C2\") AND village = \"$V1\"") &&
  jpost clerk /disposal/$C3/vote step=提议 body=党支部会议 date=2026-03-11 \
    due=7 present=3 for=3 against=0 >j &&
  test "$(status)" = 200 &&
  $PY -c "import json; d=json.load(open(\"j\")); \
    assert d[\"recorded\"] is True and d[\"passed\"] is False, d; \
    assert d[\"message\"].startswith(\"提议：应到 7 人，实到 3 人，未过半数（至少 4 人）\"), d" &&
  dpost clerk /disposal/$C3/vote step=提议 body=党支部会议 date=2026-03-11 due=7 present=5 for=5 against=0 >/dev/null &&
  dpost clerk /disposal/$C3/vote step=商议 body=两委联席会议 date=2026-03-12 due=9 present=7 for=6 against=1 >/dev/null &&
  dpost clerk /disposal/$C3/vote step=审议 body=党员大会 date=2026-03-15 due=20 present=15 for=12 against=3 >/dev/null &&
  dpost clerk /disposal/$C3/vote step=决议 body=村民会议（按户） date=2026-03-20 due=300 present=210 for=150 against=60 >/dev/null &&
  test "$(status)" = 303 &&
  # 村民会议 by households: 2/3 of 300 = 200 households present; more than
  # half of the 210 present = 106 in favour
  test "$(d "SELECT unit, need_present, need_for, passed FROM disposal_vote WHERE disposal = \"$C3\" ORDER BY id DESC LIMIT 1")" = "户|200|106|1" &&
  dpost clerk /disposal/$C3/publicize kind=决议 from=2026-03-21 to=2026-03-27 >/dev/null &&
  dpost town /disposal/$C3/review decision=退回 opinion=会议记录不全 date=2026-03-28 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(d "SELECT status, review_opinion FROM disposal WHERE code = \"$C3\"")" = "审核退回|会议记录不全" &&
  get clerk /disposal/$C3 >page && grep -q "action=\"/disposal/$C3/vote\"" page &&
  grep -q "action=\"/disposal/$C3/withdraw\"" page &&
  dpost clerk /disposal/$C3/withdraw reason=不再处置 date=2026-03-29 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(d "SELECT status, withdrawn FROM disposal WHERE code = \"$C3\"")" = "已撤回|不再处置" &&
  get clerk /disposal/new >page && grep -q "value=\"$V1-ZC-0001\">" page
'

test_expect_success 'a lease of land executed with its contract picked from the village'\''s contracts' '
  # 村北旱地 60 亩 let by 公开竞价 (50 亩 and more: not 协议); the contract
  # HT-0001 with 李四, 6,000.00 a year, signed after the approval
  dpost clerk /disposal village=$V1 type=出租 objects=$LAND reason=对外出租 \
    method=公开竞价 price=6000 date=2026-03-10 >/dev/null && test "$(status)" = 303 &&
  C4=$(d "SELECT code FROM disposal WHERE type = \"出租\"") &&
  dpost clerk /disposal/$C4/vote step=提议 body=党支部会议 date=2026-03-11 due=7 present=5 for=5 against=0 >/dev/null &&
  dpost clerk /disposal/$C4/vote step=商议 body=两委联席会议 date=2026-03-12 due=9 present=7 for=6 against=1 >/dev/null &&
  dpost clerk /disposal/$C4/vote step=审议 body=党员大会 date=2026-03-15 due=20 present=15 for=12 against=3 >/dev/null &&
  dpost clerk /disposal/$C4/vote step=决议 body=村民代表会议 date=2026-03-20 due=45 present=32 for=20 against=12 >/dev/null &&
  dpost clerk /disposal/$C4/publicize kind=决议 from=2026-03-21 to=2026-03-27 >/dev/null &&
  dpost town /disposal/$C4/review decision=同意 date=2026-03-28 >/dev/null &&
  test "$(d "SELECT status FROM disposal WHERE code = \"$C4\"")" = 审核同意 &&
  get clerk /disposal/$C4 >page &&
  grep -q "<select id=\"execute-contract\" name=\"contract\" multiple" page &&
  grep -q "<option value=\"$V1-HT-0001\">$V1-HT-0001 出租 李四 2026-05-01至2031-04-30 6,000.00 元</option>" page &&
  ! grep -q "150125199003070028" page &&
  dpost clerk /disposal/$C4/execute date=2026-04-02 party=李四 price=6000 >page &&
  test "$(status)" = 422 && grep -q "id=\"e-execute-contract\"" page &&
  dpost clerk /disposal/$C4/execute date=2026-04-02 party=李四 price=6000 \
    contract=$V1-HT-0001 >/dev/null && test "$(status)" = 303 &&
  test "$(d "SELECT status, final_price FROM disposal WHERE code = \"$C4\"")" = "已执行|600000" &&
  test "$(d "SELECT disposal FROM contract WHERE code = \"$V1-HT-0001\"")" = "$C4" &&
  test "$(d "SELECT status FROM resource WHERE code = \"$LAND\"")" = 出租
'

test_done
