#!/bin/sh
# 首页's 待办 (doc/web.md): the disposal filings and subsidy applications
# whose next step belongs to the user's role, in the user's scope, oldest
# first, with the days they have waited; and the overdue rent of the
# user's scope. Every expectation below is worked out from the steps the
# test takes (DOMAIN.md: 四议两公开, then 乡镇审核 by someone other than the
# filer; an application: 乡镇初审, 公示, 县级审定 once the publicity has
# ended, 拨付).
. "$(dirname "$0")/lib-web.sh"

A="category=房屋及建筑物 nature=经营性 acquired_via=自建"
# today as the server reckons it (Beijing), and the days since a date.
TODAY=$(TZ=Asia/Shanghai date +%F)
days() { echo $(( ($(date -u -d "$TODAY" +%s) - $(date -u -d "$1" +%s)) / 86400 )); }

# proc CODE DATE FROM TO: the four meetings on DATE, passing, then 决议公开
# FROM..TO: the village's steps are done, the 乡镇审核 is next.
proc() {
  sanzi disposal vote $1 --step 提议 --date $2 --due 7 --present 5 --for 5 --against 0 &&
  sanzi disposal vote $1 --step 商议 --date $2 --due 9 --present 7 --for 6 --against 1 &&
  sanzi disposal vote $1 --step 审议 --date $2 --due 20 --present 15 --for 12 --against 3 &&
  sanzi disposal vote $1 --step 决议 --date $2 --due 30 --present 22 --for 18 \
    --against 4 --body 村民代表会议 &&
  sanzi disposal publicize $1 --kind 决议 --from $3 --to $4
}

test_expect_success 'setup: filings and applications at each step, two contracts' '
  web_setup &&
  echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
  for v in $V1 $V1 $V1 $V3 $V1 $V3; do
    sanzi asset add village=$v name=仓库$v$((n = ${n:-0} + 1)) original_value=12000 \
      acquired_on=2020-06-15 $A status=闲置 >>objs || return 1
  done &&
  set -- $(cat objs) &&
  # D1 filed by the clerk, no meeting yet: the 提议 of the village is next,
  # waiting since its filing. D2: everything done, publicity to 11-20:
  # the 乡镇审核 is next. D3: the same filed by the township user town,
  # publicity to 11-15: a review town may not take. D4: in another
  # township, publicity to 11-13.
  D1=$(sanzi --user clerk disposal new village=$V1 type=出售 objects=$1 \
       reason=闲置 method=公开竞价 date=2026-11-02) &&
  D2=$(sanzi --user clerk disposal new village=$V1 type=出售 objects=$2 \
       reason=闲置 method=公开竞价 date=2026-11-03) &&
  D3=$(sanzi --user town disposal new village=$V1 type=出售 objects=$3 \
       reason=闲置 method=公开竞价 date=2026-11-04) &&
  D4=$(sanzi --user clerk3 disposal new village=$V3 type=出售 objects=$4 \
       reason=闲置 method=公开竞价 date=2026-11-05) &&
  proc $D2 2026-11-06 2026-11-07 2026-11-20 >/dev/null &&
  proc $D3 2026-11-06 2026-11-07 2026-11-15 >/dev/null &&
  proc $D4 2026-11-06 2026-11-07 2026-11-13 >/dev/null &&
  sanzi program set --year 2026 >/dev/null &&
  L1=$(sanzi loan add village=$V1 lender=武川县农村信用合作联社 contract_no=HT-1 \
       project=合作社项目 principal=100000 rate=4.35% start_date=2026-01-01 \
       maturity=2027-12-31) &&
  L2=$(sanzi loan add village=$V1 lender=武川县农村信用合作联社 contract_no=HT-2 \
       project=合作社项目 principal=100000 rate=4.35% start_date=2026-01-01 \
       maturity=2027-12-31) &&
  sanzi loan interest $L1 --from 2026-01-01 --to 2026-03-31 --paid 1000 \
    --paid-on 2026-04-01 --voucher 记-1 >/dev/null &&
  sanzi loan interest $L2 --from 2026-01-01 --to 2026-03-31 --paid 1000 \
    --paid-on 2026-04-01 --voucher 记-2 >/dev/null &&
  # A1 applied 11-10: the 乡镇初审 is next. A2 applied 11-08, reviewed
  # 11-09, publicity 11-10..11-20 (over): the 县级审定 is next, waiting
  # since 11-21, the day after the publicity.
  A1=$(sanzi subsidy apply --loan $L1 --year 2026 --date 2026-11-10) &&
  A2=$(sanzi subsidy apply --loan $L2 --year 2026 --date 2026-11-08) &&
  sanzi subsidy review $A2 --decision 同意 --date 2026-11-09 >/dev/null &&
  sanzi subsidy publicize $A2 --from 2026-11-10 --to 2026-11-20 >/dev/null &&
  # Leases of 1,200.00 a year (年付) in V1 and 900.00 (半年付, 450.00 each)
  # in V3, from 2025-01-01, nothing received: due before today in V1
  # 2025-01-01 and 2026-01-01 (2 x 1,200.00 = 2,400.00); in V3 also
  # 2025-07-01 and 2026-07-01 (4 x 450.00 = 1,800.00).
  sanzi contract add --without-filing village=$V1 kind=出租 object=$5 party=张三 \
    party_id=11010519491231002X start_date=2025-01-01 end_date=2027-12-31 \
    annual_amount=1200 payment=年付 first_due=2025-01-01 >/dev/null 2>&1 &&
  sanzi contract add --without-filing village=$V3 kind=出租 object=$6 party=李四 \
    party_id=150125199003070028 start_date=2025-01-01 end_date=2027-12-31 \
    annual_amount=900 payment=半年付 first_due=2025-01-01 >/dev/null 2>&1 &&
  echo "$D1 $D2 $D3 $D4 $A1 $A2" >codes
'
read D1 D2 D3 D4 A1 A2 <codes || { echo "Bail out! no data"; exit 1; }
web_start || { echo "Bail out! the server did not start"; exit 1; }

# todo JAR: the 待办 section of 首页 as lines "disposal CODE|step|since|days"
# and "subsidy CODE|step|since|days", in the page's order.
todo() {
  get $1 / >/dev/null &&
  test "$(status)" = 200 &&
  python3 -c '
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    sec = row = False
    def __init__(self):
        super().__init__(); self.cells = []; self.href = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == "section" and a.get("aria-labelledby") == "todo": self.sec = True
        if not self.sec: return
        if tag == "tr": self.row, self.cells, self.href = True, [], None
        if tag in ("td", "th") and self.row: self.cells.append("")
        if tag == "a" and self.row and self.href is None: self.href = a["href"]
    def handle_endtag(self, tag):
        if tag == "section": self.sec = False
        if tag == "tr" and self.sec and self.row and self.href:
            print(self.href.split("/")[1], "|".join([self.cells[0]] + self.cells[-3:]))
        if tag == "tr": self.row = False
    def handle_data(self, d):
        if self.sec and self.row and self.cells: self.cells[-1] += d
P().feed(open(sys.argv[1], encoding="utf-8").read())
' "$TMP/body"
}

test_expect_success 'the clerk: his village'"'"'s 提议 of D1, since its filing' '
  login c.jar clerk clerkPass123 &&
  todo c.jar >out &&
  echo "disposal $D1|提议|2026-11-02|$(days 2026-11-02)" >expect &&
  test_cmp expect out
'

test_expect_success 'the township: D2'"'"'s review, not its own D3, not D4 of another township; A1'"'"'s 初审' '
  login t.jar town townPass123 &&
  todo t.jar >out &&
  cat >expect <<-END &&
	disposal $D2|乡镇审核|2026-11-20|$(days 2026-11-20)
	subsidy $A1|乡镇初审|2026-11-10|$(days 2026-11-10)
	END
  test_cmp expect out
'

test_expect_success 'the county: A2'"'"'s 审定 once its publicity has ended' '
  login k.jar county countyPass123 &&
  todo k.jar >out &&
  echo "subsidy $A2|县级审定|2026-11-21|$(days 2026-11-21)" >expect &&
  test_cmp expect out
'

test_expect_success 'the 管理员: everything waiting, oldest first' '
  login a.jar admin adminPass123 &&
  todo a.jar >out &&
  cat >expect <<-END &&
	disposal $D1|提议|2026-11-02|$(days 2026-11-02)
	disposal $D4|乡镇审核|2026-11-13|$(days 2026-11-13)
	disposal $D3|乡镇审核|2026-11-15|$(days 2026-11-15)
	disposal $D2|乡镇审核|2026-11-20|$(days 2026-11-20)
	subsidy $A1|乡镇初审|2026-11-10|$(days 2026-11-10)
	subsidy $A2|县级审定|2026-11-21|$(days 2026-11-21)
	END
  test_cmp expect out
'

test_expect_success 'the auditor takes no step: no 待办 at all' '
  login u.jar audit auditPass123 &&
  get u.jar / >/dev/null && test "$(status)" = 200 &&
  ! grep -q "id=\"todo\"" "$TMP/body"
'

test_expect_success 'a step taken leaves the 待办: the township reviews D2' '
  tok=$(session_csrf t.jar) &&
  sanzi --user 李审核 disposal review $D2 --decision 同意 --date $TODAY >/dev/null &&
  todo t.jar >out &&
  echo "subsidy $A1|乡镇初审|2026-11-10|$(days 2026-11-10)" >expect &&
  test_cmp expect out &&
  todo c.jar >out &&
  printf "disposal %s|提议|2026-11-02|%s\ndisposal %s|执行|%s|0\n" \
    $D1 $(days 2026-11-02) $D2 $TODAY >expect &&
  test_cmp expect out
'

# overdue TEXT: the sentence of 首页's 逾期租金.
overdue() {
  get $1 / >/dev/null &&
  sed -n 's|.*<h2>逾期租金</h2><p>\([^<]*\).*|\1|p' "$TMP/body"
}

test_expect_success 'overdue rent in scope: the township 2 instalments of 1 contract, the 管理员 6 of 2' '
  test "$(overdue t.jar)" = "截至今天，1 份合同共 2 期款项逾期未收，合计 2,400.00 元。" &&
  test "$(overdue a.jar)" = "截至今天，2 份合同共 6 期款项逾期未收，合计 4,200.00 元。"
'

# findings JAR: the count in 首页's sentence on last year's findings.
findings() {
  get $1 / >/dev/null &&
  sed -n 's|.*<h2>审计发现</h2><p>[0-9]* 年度审计发现：<a [^>]*>\([0-9]*\) 项</a>.*|\1|p' "$TMP/body"
}
LAST=$(( ${TODAY%%-*} - 1 ))

test_expect_success '首页 counts last year'"'"'s findings in the user'"'"'s scope, anew after a change' '
  t=$(findings t.jar) && a=$(findings a.jar) &&
  test "$t" = "$(sanzi audit findings --year $LAST --township $T1 --format csv | tail -n +2 | wc -l)" &&
  test "$a" = "$(sanzi audit findings --year $LAST --format csv | tail -n +2 | wc -l)" &&
  test "$a" -gt "$t" &&
  grep -q "<a href=\"/audit/$LAST/findings\" id=\"findings-count\">" "$TMP/body" &&
  # A machine (no title certificate to hold) let in the year without a
  # filing: one finding more (CZ01); nothing due before the year ends, so
  # nothing overdue.
  sanzi asset add village=$V1 name=铡草机 original_value=5000 acquired_on=2020-01-01 \
    category=机器设备 nature=经营性 acquired_via=购入 status=在用 >obj &&
  sanzi contract add --without-filing village=$V1 kind=出租 object=$(cat obj) \
    party=王五 party_id=11010519491231002X start_date=$LAST-03-01 \
    end_date=$((LAST + 2))-02-28 signed_on=$LAST-03-01 annual_amount=600 \
    payment=年付 first_due=$((LAST + 1))-01-15 >/dev/null 2>&1 &&
  test "$(findings t.jar)" = $((t + 1)) &&
  test "$(findings a.jar)" = $((a + 1))
'

test_done
