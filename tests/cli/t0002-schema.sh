#!/bin/sh
# The schema backs up the program's checks: the short code lists written as
# CHECK constraints in the register tables agree with the code tables the
# program validates against, and the database refuses what sanzi refuses.
. "$(dirname "$0")/lib.sh"

setup_county

# try TABLE COLUMN VALUE: insert one otherwise valid row with COLUMN=VALUE
# directly with the sqlite3 shell, then roll back; prints ok or the error.
try() {
  case $1 in
  asset) cols="code,village,name,category,nature,original_value,acquired_via,acquired_on,status,log_id"
         vals="'X-1','150125100201','n','其他','经营性',1,'购入','2020-01-01','在用',1" ;;
  resource) cols="code,village,name,land_class,area,status,log_id"
         vals="'X-1','150125100201','n','0103',1,'未利用',1" ;;
  account) cols="code,village,name,kind,opening_balance,opening_date,log_id"
         vals="'X-1','150125100201','n','库存现金',0,'2025-01-01',1" ;;
  esac
  sqlite3 "$SANZI_DB" "PRAGMA foreign_keys=ON; BEGIN;
    INSERT INTO $1($cols) SELECT $vals;
    UPDATE $1 SET $2 = '$3', log_id = 2 WHERE code = 'X-1';
    ROLLBACK;" 2>&1 && echo ok
  return 0
}

check_list() { # TABLE COLUMN CODE_TABLE
  sqlite3 "$SANZI_DB" "SELECT DISTINCT name FROM $3" >names &&
  test -s names &&
  while read -r v; do
    out=$(try "$1" "$2" "$v") &&
    test "$out" = ok || { echo "$1.$2 refuses '$v' from $3: $out"; return 1; }
  done <names &&
  out=$(try "$1" "$2" "不存在的值") &&
  case $out in *"CHECK constraint failed"*) : ;; *) echo "$1.$2 took a bad value: $out"; false ;; esac
}

test_expect_success 'asset categories: the CHECK list is the code table' '
  check_list asset category asset_category
'
test_expect_success 'asset natures agree' 'check_list asset nature asset_nature'
test_expect_success 'acquisition methods agree' 'check_list asset acquired_via asset_source'
test_expect_success 'asset statuses agree' 'check_list asset status asset_status'
test_expect_success 'resource statuses agree' 'check_list resource status resource_status'
test_expect_success 'account kinds agree' 'check_list account kind account_kind'

test_expect_success 'the schema refuses an impossible date behind sanzi' '
  out=$(try asset acquired_on 2023-02-29) &&
  case $out in *"CHECK constraint failed"*) : ;; *) false ;; esac
'

test_expect_success 'the schema refuses an unknown village behind sanzi' '
  out=$(try asset village 150125999999) &&
  case $out in *"FOREIGN KEY constraint failed"*) : ;; *) echo "$out"; false ;; esac
'

test_done
