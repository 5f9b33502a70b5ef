#!/bin/sh
# Voiding (作废) a record entered by mistake, and restoring it (issue 12,
# part 2): refused while anything refers to the record, naming it; a voided
# record leaves lists, exports and totals, stays in show, list --voided and
# the change log, keeps its code, cannot be edited; void and restore are
# change-log entries that log verify proves.
. "$(dirname "$0")/lib.sh"
. "$TOP/tests/cli/lib-disposal.sh"   # V1 V2 ID2 vote review
. "$TOP/tests/cli/lib-audit.sh"       # asset land bank entry contract filing

fixed_day 2026-06-30

test_expect_success 'setup: assets, land, accounts, a contract, loans' '
  setup_county &&
  asset $V1 拖拉机 农业机械 12500 2020-03-01 在用 >/dev/null &&   # ZC-0001
  asset $V1 办公楼 房屋及建筑物 120000 2018-06-15 在用 \
    certificate=房-001 >/dev/null &&                             # ZC-0002
  asset $V1 旧车 其他 3000 2015-01-01 在用 >/dev/null &&          # ZC-0003
  land $V1 东坡地 100 未利用 >/dev/null &&                        # ZY-0001
  land $V1 西坡地 40 未利用 >/dev/null &&                         # ZY-0002
  bank $V1 >/dev/null &&                                         # ZH-0001
  sanzi account add village=$V1 name=现金 kind=库存现金 opening_balance=300 \
    opening_date=2025-01-01 >/dev/null &&                        # ZH-0002
  entry $V1 $V1-ZH-0001 记-001 2025-05-01 收入 1000 经营收入 &&
  contract village=$V1 kind=其他 object=$V1-ZY-0002 start_date=2025-01-01 \
    end_date=2025-12-31 annual_amount=800 first_due=2025-01-01 \
    >/dev/null &&                                                # HT-0001
  receipt $V1 记-002 2025-02-01 800 $V1-HT-0001 &&
  contract village=$V1 kind=其他 object=$V1-ZC-0001 start_date=2025-01-01 \
    end_date=2025-12-31 annual_amount=500 first_due=2025-01-01 \
    >/dev/null &&                                                # HT-0002
  sanzi loan add village=$V1 lender=农行 contract_no=NH-001 project=大棚 \
    principal=100000 rate=4 start_date=2025-01-01 \
    maturity=2027-01-01 >/dev/null &&                            # DK-0001
  sanzi loan add village=$V1 lender=农行 contract_no=NH-002 project=大棚 \
    principal=100000 rate=4 start_date=2025-01-01 \
    maturity=2027-01-01 >/dev/null &&                            # DK-0002
  sanzi loan interest $V1-DK-0001 --from 2025-01-01 --to 2025-04-01 \
    --paid 1000 --paid-on 2025-04-01 --voucher 记-009 >/dev/null &&
  filing $V1 报废 $V1-ZC-0003 公开竞价 >/dev/null                # CZ-0001
'

test_expect_success 'refused while something refers to it, naming what; nothing written' '
  before=$(db_state) &&
  refused sanzi resource void $V1-ZY-0002 --reason 录错 &&
  grep -F "sanzi: $V1-ZY-0002 cannot be voided: contract $V1-HT-0001 refer(s) to it." err &&
  refused sanzi asset void $V1-ZC-0001 --reason 录错 &&
  grep -F "$V1-ZC-0001 cannot be voided: contract $V1-HT-0002 refer(s)" err &&
  refused sanzi asset void $V1-ZC-0003 --reason 录错 &&
  grep -F "$V1-ZC-0003 cannot be voided: disposal $V1-CZ-0001 refer(s)" err &&
  refused sanzi account void $V1-ZH-0001 --reason 录错 &&
  grep -F "$V1-ZH-0001 cannot be voided: fund $V1-2025-记-001, fund $V1-2025-记-002 refer(s)" err &&
  refused sanzi contract void $V1-HT-0001 --reason 录错 &&
  grep -F "$V1-HT-0001 cannot be voided: fund $V1-2025-记-002 refer(s)" err &&
  refused sanzi loan void $V1-DK-0001 --reason 录错 &&
  grep -F "$V1-DK-0001 cannot be voided: interest $V1-LX-0001 refer(s)" err &&
  unchanged
'

test_expect_success 'refused: no reason, no such record, a register not voided, voided twice' '
  before=$(db_state) &&
  refused sanzi asset void $V1-ZC-0002 --reason " " &&
  grep -F "sanzi: a void needs a reason (--reason)" err &&
  test_must_fail 2 sanzi asset void $V1-ZC-0002 2>err &&
  refused sanzi asset void $V1-ZC-0099 --reason 录错 &&
  grep -F "no asset with code '\''$V1-ZC-0099'\''" err &&
  refused sanzi fund void $V1-2025-记-001 --reason 录错 &&
  grep -F "fund records are not voided (作废): only assets, resources, accounts, contracts and loans are" err &&
  refused sanzi asset restore $V1-ZC-0002 --reason 录错 &&
  grep -F "$V1-ZC-0002 is not voided: there is nothing to restore" err &&
  unchanged
'

test_expect_success 'void: a logged update with the reason, proven by log verify' '
  n=$(sql "SELECT count(*) FROM history") &&
  sanzi asset void $V1-ZC-0002 --reason 重复录入 2>err &&
  grep -F "$V1-ZC-0002: voided (作废)" err &&
  test "$(sql "SELECT count(*) FROM history")" = $((n + 1)) &&
  test "$(sql "SELECT voided, restored IS NULL FROM asset WHERE
    code = '\''$V1-ZC-0002'\''")" = "重复录入|1" &&
  log_rows --key $V1-ZC-0002 | tail -n 1 >last &&
  echo "tester|update|asset|$V1-ZC-0002" >expect && test_cmp expect last &&
  sanzi log verify >/dev/null 2>&1 &&
  changes asset show $V1-ZC-0002 | tail -n 1 >ch &&
  echo "作废原因||重复录入" >expect && test_cmp expect ch &&
  sanzi asset show $V1-ZC-0002 --format json |
    json_pick record code voided >rec &&
  echo "$V1-ZC-0002|重复录入" >expect && test_cmp expect rec
'

test_expect_success 'a voided record leaves list, export and summary; list --voided shows it' '
  sanzi asset list --format csv | csv_pick 资产编号 >l &&
  printf "%s\n" $V1-ZC-0001 $V1-ZC-0003 >expect && test_cmp expect l &&
  sanzi asset export | csv_pick 资产编号 >e && test_cmp expect e &&
  sanzi asset export --as-of 2025-12-31 | csv_pick 资产编号 >e &&
  test_cmp expect e &&
  sanzi asset list --voided --format csv | csv_pick 资产编号 作废原因 >v &&
  echo "$V1-ZC-0002|重复录入" >expect && test_cmp expect v &&
  # 12,500.00 + 3,000.00
  sanzi summary --as-of 2025-12-31 --format json |
    json_pick - code assets original | grep "^${V1%???}|" >s &&
  echo "${V1%???}|2|15500.00" >expect && test_cmp expect s &&
  test_must_fail 2 sanzi asset list --voided --as-of 2025-12-31 2>err &&
  test_must_fail 2 sanzi loan list --as-of 2025-12-31 2>err &&
  grep -F "only assets, resources and accounts are held at a date" err
'

test_expect_success 'a voided record cannot be edited, updated by import or voided again' '
  before=$(db_state) &&
  refused sanzi asset edit $V1-ZC-0002 note=x &&
  grep -F "sanzi: 资产编号: '\''$V1-ZC-0002'\'' is voided (作废: 重复录入): a voided record cannot be changed; restore it first (sanzi asset restore)" err &&
  printf "%s\n" "资产编号,村代码,资产名称,资产类别,资产性质,原值,取得方式,取得日期,使用状态" \
    "$V1-ZC-0002,$V1,办公楼,房屋及建筑物,经营性,120000,自建,2018-06-15,在用" >up.csv &&
  refused sanzi asset import up.csv --update &&
  grep -F "up.csv:2: 资产编号: '\''$V1-ZC-0002'\'' is voided" err &&
  refused sanzi asset void $V1-ZC-0002 --reason again &&
  grep -F "$V1-ZC-0002 is already voided (作废: 重复录入)" err &&
  printf "%s\n" "资产编号,村代码,资产名称,作废原因" "$V1-ZC-0002,$V1,办公楼,x" >col.csv &&
  refused sanzi asset import col.csv --update &&
  grep -F "unknown column '\''作废原因'\''" err &&
  refused sanzi asset edit $V1-ZC-0001 voided=x &&
  grep -F "unknown field '\''voided'\''" err &&
  unchanged
'

test_expect_success 'its code is kept and never reused; its certificate may be used again' '
  asset $V1 办公楼 房屋及建筑物 120000 2018-06-15 在用 certificate=房-001 >out &&
  echo $V1-ZC-0004 >expect && test_cmp expect out
'

test_expect_success 'nothing new may refer to a voided record' '
  sanzi account void $V1-ZH-0002 --reason 开错 2>/dev/null &&
  sanzi loan void $V1-DK-0002 --reason 录错 2>/dev/null &&
  before=$(db_state) &&
  refused entry $V1 $V1-ZH-0002 记-003 2025-06-01 收入 10 其他收入 &&
  grep -F "account '\''$V1-ZH-0002'\'' is voided (作废)" err &&
  refused contract village=$V1 kind=其他 object=$V1-ZC-0002 \
    start_date=2026-01-01 end_date=2026-12-31 annual_amount=1 \
    first_due=2026-01-01 &&
  grep -F "'\''$V1-ZC-0002'\'' is voided (作废)" err &&
  refused sanzi disposal new village=$V1 type=报废 objects=$V1-ZC-0002 \
    reason=x method=公开竞价 date=2026-01-10 &&
  grep -F "objects: $V1-ZC-0002 is voided (作废)" err &&
  refused sanzi loan interest $V1-DK-0002 --from 2025-01-01 --to 2025-04-01 \
    --paid 1000 --paid-on 2025-04-01 --voucher 记-010 &&
  grep -F "loan $V1-DK-0002 is voided (作废: 录错): it takes no payments" err &&
  unchanged
'

test_expect_success 'restore: refused while a live record repeats it, named' '
  before=$(db_state) &&
  refused sanzi asset restore $V1-ZC-0002 --reason 误作废 &&
  grep -F "$V1-ZC-0002 cannot be restored: it is likely a duplicate (疑似重复) of $V1-ZC-0004, which has the same 村代码, 资产名称, 取得日期, 原值; void that one first" err &&
  unchanged
'

test_expect_success 'restore: live again, both changes in the history, the log verifies' '
  sanzi account restore $V1-ZH-0002 --reason 误作废 2>err &&
  grep -F "$V1-ZH-0002: restored" err &&
  changes account show $V1-ZH-0002 | tail -n 3 >ch &&
  printf "%s\n" "作废原因||开错" "作废原因|开错|" "恢复原因||误作废" >expect &&
  test_cmp expect ch &&
  sanzi account list --format csv | csv_pick 账户编号 >l &&
  printf "%s\n" $V1-ZH-0001 $V1-ZH-0002 >expect && test_cmp expect l &&
  entry $V1 $V1-ZH-0002 记-003 2025-06-01 收入 10 其他收入 &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'a row changed behind sanzi'\''s back after a void no longer verifies' '
  sql "DROP TRIGGER asset_logged; UPDATE asset SET voided = '\''篡改'\''
    WHERE code = '\''$V1-ZC-0001'\''" &&
  test_must_fail 1 sanzi log verify 2>err
'

test_expect_success 'in Chinese: the refusal and the void' '
  setup_county &&
  land $V1 东坡地 100 未利用 >/dev/null &&
  contract village=$V1 kind=其他 object=$V1-ZY-0001 start_date=2025-01-01 \
    end_date=2025-12-31 annual_amount=800 first_due=2025-01-01 >/dev/null &&
  before=$(db_state) &&
  refused sanzi --lang zh resource void $V1-ZY-0001 --reason 录错 &&
  grep -F "sanzi: $V1-ZY-0001 不能作废：合同 $V1-HT-0001 引用了它。请先作废或撤回引用它的记录；确已离开集体的财产须经处置申报处置" err &&
  unchanged &&
  sanzi --lang zh contract void $V1-HT-0001 --reason 录错 2>err &&
  grep -F "$V1-HT-0001：已作废" err &&
  sanzi --lang zh resource void $V1-ZY-0001 --reason 录错 2>err &&
  sanzi --lang zh resource edit $V1-ZY-0001 area=5 2>err;
  grep -F "“$V1-ZY-0001”已作废（录错）：已作废的记录不能修改，请先恢复（sanzi resource restore）" err
'

test_done
