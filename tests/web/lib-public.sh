# tests/web/lib-public.sh: the year 2025 of 福如东村 (V1) for the public
# pages' tests (t7350, t7370), as tests/cli/t4320-notice.sh: an asset, a
# disposal executed, a contract with its receipt, the year's income and
# expense, a subsidy paid; and what must never reach a public page: ID
# numbers, a bank account, a loan contract number. The server's clock and
# the command line's stand at 2025-12-31 (TODAY). Sourced after lib-web.sh;
# public_setup runs web_setup, then this.
. "$TOP/tests/cli/lib-audit.sh"   # asset, land, bank, entry, receipt

ID2=150125199003070028   # a valid 居民身份证号码 (tests/unit/test_idnum.c)
ID1=11010519491231002X
ACCT=6228480012345678901  # the village's bank account number
# The clock stands at 2025-12-31 where libfaketime can be preloaded (not
# in the sanitizer build: there the server and the command line run on
# today, and the tests that need the date are skipped).
if faketime_ok; then
  CLOCK_FILE=$TMP/clock
  echo "@2025-12-31 12:00:00" >"$CLOCK_FILE"
  fixed_day 2025-12-31
else
  TODAY=$(TZ=Asia/Shanghai date +%Y-%m-%d)
fi
vote() {
  sanzi disposal vote $1 --step $2 --date $3 --due $4 --present $5 \
    --for $6 --against $7 ${8:+--body $8} >/dev/null
}

public_setup() {
  web_setup &&
  # the year 2025 of 福如东村 (V1), as tests/cli/t4320-notice.sh; 大水圪洞村
  # (V2) has its own contract with another party and ID number
  asset $V1 办公楼 房屋及建筑物 120000 2020-06-15 在用 location=一组 \
    useful_life_months=120 residual_rate=5 >/dev/null &&
  asset $V1 旧仓库 房屋及建筑物 30000 2000-01-01 待处置 >/dev/null &&
  land $V1 村东旱地 120.5 发包 >/dev/null &&
  sanzi contract add village=$V1 kind=发包 object=$V1-ZY-0001 party=王二 \
    party_id=$ID2 party_is_member=是 start_date=2025-01-01 \
    end_date=2029-12-31 annual_amount=12000 payment=年付 \
    first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
  land $V2 西梁地 80 出租 >/dev/null &&
  sanzi contract add village=$V2 kind=出租 object=$V2-ZY-0001 party=赵六 \
    party_id=$ID1 party_is_member=是 start_date=2025-01-01 \
    end_date=2026-12-31 annual_amount=3000 payment=年付 \
    first_due=2025-01-15 --without-filing >/dev/null 2>&1 &&
  sanzi account add village=$V1 name=农商行 kind=银行存款 bank=农商银行武川支行 \
    bank_account=$ACCT opening_balance=0 opening_date=2014-01-01 >/dev/null &&
  receipt $V1 记-001 2025-02-01 5000 $V1-HT-0001 &&
  entry $V1 $V1-ZH-0001 记-002 2025-03-01 收入 20000 补助收入 &&
  entry $V1 $V1-ZH-0001 记-003 2025-04-01 支出 1500.50 管理费用 &&
  entry $V1 $V1-ZH-0001 记-004 2025-05-01 支出 499.50 管理费用 &&
  entry $V1 $V1-ZH-0001 记-900 2024-12-31 收入 999 补助收入 &&
  sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0004 reason=损坏 \
    method=协议 date=2025-03-10 >/dev/null &&
  vote $V1-CZ-0001 提议 2025-03-11 7 5 5 0 &&
  vote $V1-CZ-0001 商议 2025-03-12 9 7 6 1 &&
  vote $V1-CZ-0001 审议 2025-03-15 20 15 12 3 &&
  vote $V1-CZ-0001 决议 2025-03-20 30 22 18 4 村民代表会议 &&
  sanzi disposal publicize $V1-CZ-0001 --kind 决议 --from 2025-03-21 \
    --to 2025-03-27 >/dev/null &&
  sanzi --user 李审核 disposal review $V1-CZ-0001 --decision 同意 \
    --date 2025-03-28 >/dev/null &&
  sanzi disposal execute $V1-CZ-0001 --date 2025-04-10 --party 回收站 \
    --price 300 >/dev/null &&
  sanzi program set --year 2025 >/dev/null &&
  sanzi loan add village=$V1 lender=信用社 contract_no=XYS-JK-778899 \
    project=养牛项目 principal=500000 rate=4.35 start_date=2024-07-01 \
    maturity=2027-07-01 >/dev/null &&
  sanzi loan interest $V1-DK-0001 --from 2024-07-01 --to 2024-10-01 \
    --paid 5558.33 --paid-on 2025-01-02 --voucher 记-2025-01-02 >/dev/null &&
  sanzi subsidy apply --loan $V1-DK-0001 --year 2025 --date 2025-01-05 >/dev/null &&
  sanzi subsidy review $V1-TX-0001 --decision 同意 --date 2025-01-10 >/dev/null &&
  sanzi subsidy publicize $V1-TX-0001 --from 2025-01-11 --to 2025-01-17 >/dev/null &&
  sanzi subsidy approve $V1-TX-0001 --date 2025-01-20 >/dev/null &&
  sanzi subsidy pay $V1-TX-0001 --date 2025-01-25 --voucher 付-001 >/dev/null
}
