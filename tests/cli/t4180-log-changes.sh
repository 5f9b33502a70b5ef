#!/bin/sh
# sanzi log shows what each entry changed, field by field (old -> new), as
# show's history does: the table lists each entry, then its fields; CSV
# (for auditors) has a row per field changed, with the entry's columns, or
# one row for an entry that changed none; an import that updated rows
# names each row's code.
. "$(dirname "$0")/lib.sh"

H1=150125101201
A1=$H1-ZH-0001

test_expect_success 'setup: an account, an entry edited twice, an import that updates' '
  setup_county &&
  sanzi account add village=$H1 name=现金 kind=库存现金 opening_balance=1000 \
    opening_date=2025-01-01 >/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-001 date=2025-02-10 \
    direction=收入 amount=500 category=经营收入 summary=租金 >/dev/null &&
  sanzi --user 王会计 fund edit $H1-2025-记-001 amount=550 summary=房租 2>/dev/null &&
  sanzi --user 李出纳 fund edit $H1-2025-记-001 note=补记 2>/dev/null &&
  sanzi fund add village=$H1 account=$A1 voucher=记-002 date=2025-02-11 \
    direction=支出 amount=50 category=管理费用 summary=办公 >/dev/null &&
  sanzi fund export --village $H1 | sed "s/,办公,/,办公用品,/; s/,房租,/,房屋租金,/" >u.csv &&
  sanzi --user 赵文书 fund import --update u.csv 2>/dev/null
'

test_expect_success 'log --format csv: a row per field, old and new as people read them' '
  sanzi log --key $H1-2025-记-001 --format csv >log.csv &&
  csv_pick 操作人 操作 表 编号 字段 字段键 旧值 新值 <log.csv >actual &&
  printf "%s\n" "tester|insert|fund|$H1-2025-记-001||||" \
    "王会计|update|fund|$H1-2025-记-001|金额|amount|500.00|550.00" \
    "王会计|update|fund|$H1-2025-记-001|摘要|summary|租金|房租" \
    "李出纳|update|fund|$H1-2025-记-001|备注|note||补记" \
    "赵文书|import|fund|$H1-2025-记-001|摘要|summary|房租|房屋租金" >expect &&
  test_cmp expect actual
'

test_expect_success 'an import that updated rows: each change names its row' '
  sanzi log --table fund --format csv >log.csv &&
  csv_pick 操作人 操作 编号 字段 旧值 新值 <log.csv | grep "^赵文书" >actual &&
  printf "%s\n" "赵文书|import|$H1-2025-记-001|摘要|房租|房屋租金" \
    "赵文书|import|$H1-2025-记-002|摘要|办公|办公用品" >expect &&
  test_cmp expect actual
'

test_expect_success 'log --key on a batch shows that record'\''s changes only' '
  sanzi log --key $H1-2025-记-002 --format csv >log.csv &&
  csv_pick 操作人 编号 字段 <log.csv >actual &&
  printf "%s\n" "tester|$H1-2025-记-002|" "赵文书|$H1-2025-记-002|摘要" >expect &&
  test_cmp expect actual
'

test_expect_success 'the table: each entry once, then "字段: old -> new"' '
  sanzi log --key $H1-2025-记-001 >out &&
  grep -c "^  #" out >n && echo 4 >expect && test_cmp expect n &&
  grep -F "update fund $H1-2025-记-001" out &&
  grep -Fx "      金额: 500.00 -> 550.00" out &&
  grep -Fx "      备注: (empty) -> 补记" out
'

test_expect_success 'log --format json: the same rows, with English keys' '
  sanzi log --key $H1-2025-记-001 --format json >log.json &&
  python3 -m json.tool <log.json >/dev/null &&
  json_pick - operator field_key old new <log.json | grep "^王会计" >actual &&
  printf "%s\n" "王会计|amount|500.00|550.00" "王会计|summary|租金|房租" >expect &&
  test_cmp expect actual
'

test_expect_success 'a parameter changed: the log shows its old and new value' '
  sanzi --user 王站长 config cash_limit 8000 >/dev/null &&
  sanzi log --key cash_limit --format csv | csv_pick 操作人 字段 旧值 新值 |
    grep "^王站长" >actual &&
  echo "王站长|值|500000|800000" >expect &&
  test_cmp expect actual
'

test_expect_success 'in Chinese: the fields with → as show has them' '
  sanzi --lang zh log --key $H1-2025-记-001 >out &&
  grep -Fx "      金额：500.00 → 550.00" out &&
  grep -F "修改 资金收支 $H1-2025-记-001" out
'

test_done
