#!/bin/sh
# sanzi config: the parameters of doc/domain.md (*default*), shown and changed,
# every change in the change log, bad values and unknown keys refused.
. "$(dirname "$0")/lib.sh"


test_expect_success 'setup: the county' '
  setup_county
'

test_expect_success 'config lists the cash limit 5,000.00 and residual rate 5%' '
  sanzi config >out &&
  grep "^cash_limit" out | grep -q "5,\{0,1\}000\.00" &&
  grep "^residual_rate" out | grep -q "5%"
'

test_expect_success 'config lists the default useful life of each category' '
  sanzi config >out &&
  cat >lives <<-\EOF &&
	房屋及建筑物 240
	水利设施 240
	公益设施 240
	机器设备 120
	农业机械 120
	运输设备 48
	办公设备 60
	电子设备 36
	生产性生物资产 120
	EOF
  while read -r cat months; do
    grep "$cat" out | grep -q -w "$months" ||
      { echo "no life $months for $cat"; return 1; }
  done <lives
'

test_expect_success 'config KEY shows that parameter only' '
  sanzi config cash_limit >out &&
  test "$(wc -l <out)" = 1 &&
  grep -q "5,\{0,1\}000\.00" out
'

test_expect_success 'config cash_limit 8000 changes it' '
  sanzi config cash_limit 8000 >out &&
  sanzi config cash_limit >out &&
  grep -q "8,\{0,1\}000\.00" out &&
  ! grep -q "5,\{0,1\}000\.00" out
'

test_expect_success 'the change is in the change log, with the operator' '
  log_rows --table setting >log &&
  grep -qx "tester|update|setting|cash_limit" log &&
  sanzi --user 县农经站 config cash_limit 6000 >/dev/null &&
  # the row: written by init (a batch, no code), then two updates
  log_rows --table setting --key cash_limit >actual &&
  printf "%s\n" "tester|init|setting|" "tester|update|setting|cash_limit" \
    "县农经站|update|setting|cash_limit" >expect &&
  test_cmp expect actual &&
  sanzi log verify >/dev/null 2>&1
'

test_expect_success 'an amount may be written as a clerk writes it' '
  sanzi config cash_limit ¥6,000.50 >/dev/null &&
  sanzi config cash_limit | grep -q "6,\{0,1\}000\.50"
'

test_expect_success 'setting the value it already has writes nothing' '
  before=$(db_state) &&
  sanzi config cash_limit 6000.50 >/dev/null &&
  test "$(db_state)" = "$before"
'

test_expect_success 'a residual rate may be given with or without %' '
  sanzi config residual_rate 4.5% >/dev/null &&
  sanzi config residual_rate | grep -q "4\.5%" &&
  sanzi config residual_rate 3 >/dev/null &&
  sanzi config residual_rate | grep -q "3%"
'

test_expect_success 'a useful life can be changed' '
  sanzi config useful_life.电子设备 48 >/dev/null &&
  sanzi config useful_life.电子设备 | grep -q -w 48
'

# refused_config KEY VALUE: exit 1, the key and the value named, nothing written.
refused_config() {
  before=$(db_state) &&
  test_must_fail 1 sanzi config "$@" >out 2>err &&
  test "$(db_state)" = "$before"
}

test_expect_success 'a cash limit that is not an amount is refused' '
  refused_config cash_limit abc &&
  grep cash_limit err | grep -q abc
'

test_expect_success 'a cash limit with more than 2 decimals is refused' '
  refused_config cash_limit 1.234 &&
  grep -q 1.234 err
'

test_expect_success 'a negative cash limit is refused' '
  refused_config cash_limit -- -5 &&
  grep -q cash_limit err
'

test_expect_success 'a residual rate that is not a rate is refused' '
  refused_config residual_rate abc &&
  grep residual_rate err | grep -q abc
'

test_expect_success 'a residual rate over 100% is refused' '
  refused_config residual_rate 150 &&
  grep -q residual_rate err &&
  refused_config residual_rate 100.01% &&
  grep -q residual_rate err
'

test_expect_success 'a useful life that is not a whole number of months is refused' '
  refused_config useful_life.电子设备 36.5 &&
  grep -q 36.5 err &&
  refused_config useful_life.电子设备 三年 &&
  grep -q 三年 err
'

test_expect_success 'an unknown key is refused, to set or to show' '
  refused_config no_such_key 1 &&
  grep -q no_such_key err &&
  refused_config no_such_key &&
  grep -q no_such_key err &&
  refused_config useful_life.汽车 48 &&
  grep -q useful_life.汽车 err
'

test_expect_success 'config usage errors exit 2 and write nothing' '
  before=$(db_state) &&
  test_must_fail 2 sanzi config cash_limit 1 2 2>err &&
  test_must_fail 2 sanzi config --bogus 2>err &&
  test "$(db_state)" = "$before"
'

test_expect_success 'config --help: usage, exit 0' '
  sanzi config --help >out &&
  grep -q usage out
'

# depreciation CODE DATE: accumulated|net of `asset show --as-of DATE`.
depreciation() {
  sanzi asset show "$1" --as-of "$2" --format json |
    json_pick depreciation accumulated net_value
}

test_expect_success 'the default life by category is what depreciation uses' '
  # 电子设备 without a life of its own, 10,000.00, acquired 2024-01-10,
  # residual 5%: 9,500.00 to depreciate from February 2024; 11 months to
  # 2024-12-31. Life 36: 263.89 a month, 2,902.79, net 7,097.21. Life 48:
  # 197.9166.. -> 197.92 a month, 2,177.12, net 7,822.88.
  setup_county &&
  sanzi asset add village=150125100201 name=电脑 category=电子设备 \
    nature=非经营性 original_value=10000 acquired_via=购入 \
    acquired_on=2024-01-10 status=在用 >code &&
  test "$(depreciation "$(cat code)" 2024-12-31)" = "2902.79|7097.21" &&
  sanzi config useful_life.电子设备 48 >/dev/null &&
  test "$(depreciation "$(cat code)" 2024-12-31)" = "2177.12|7822.88"
'

test_expect_success 'the default residual rate is what depreciation uses' '
  # Residual 0, life 48: 10,000.00 / 48 = 208.333.. -> 208.33; 11 months
  # = 2,291.63, net 7,708.37.
  sanzi config residual_rate 0 >/dev/null &&
  test "$(depreciation "$(cat code)" 2024-12-31)" = "2291.63|7708.37"
'

test_expect_success 'parameters with a fixed range refuse values outside it' '
  before=$(db_state) &&
  test_must_fail 1 sanzi config subsidy.day_basis 300 2>err &&
  grep -q "subsidy.day_basis: .300.: the day basis is 360 or 365" err &&
  test_must_fail 1 sanzi config subsidy.publicity_days 0 2>err &&
  grep -q "subsidy.publicity_days: .0.: must be at least 1" err &&
  test_must_fail 1 sanzi config disposal.resolution_days 0 2>err &&
  test_must_fail 1 sanzi config term.出租 0 2>err &&
  grep -q "term.出租: .0.: must be at least 1" err &&
  test_must_fail 1 sanzi config vote.审议.quorum 0.67 2>err &&
  grep -q "vote.审议.quorum: .0.67. is not a fraction such as 1/2 or 2/3" err &&
  test_must_fail 1 sanzi config vote.审议.quorum 3/2 2>err &&
  test "$(db_state)" = "$before" &&
  sanzi config subsidy.day_basis 365 >/dev/null &&
  sanzi config vote.审议.quorum 3/4 >out &&
  grep -q "^vote.审议.quorum	3/4	" out
'

test_done
