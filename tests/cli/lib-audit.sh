# tests/cli/lib-audit.sh: what the audit tests (t6010, t6030) share: records
# made in one line, a filing taken through its procedure, and the findings
# read back. Sourced after lib.sh and lib-disposal.sh (vote, review, ID1-3).

# days FROM TO: TO - FROM in days
days() {
  echo $(( ($(date -u -d "$2" +%s) - $(date -u -d "$1" +%s)) / 86400 ))
}

# asset VILLAGE NAME CATEGORY VALUE ACQUIRED STATUS [KEY=VALUE...]
asset() {
  v=$1 n=$2 c=$3 o=$4 d=$5 s=$6
  shift 6
  sanzi asset add village=$v name=$n category=$c nature=经营性 \
    original_value=$o acquired_via=自建 acquired_on=$d status=$s "$@"
}
# land VILLAGE NAME AREA STATUS [KEY=VALUE...]: 旱地 (0103)
land() {
  v=$1 n=$2 a=$3 s=$4
  shift 4
  sanzi resource add village=$v name=$n land_class=0103 area=$a status=$s "$@"
}
# bank VILLAGE: a bank account opened 2014-01-01, the village's ZH-0001
bank() {
  sanzi account add village=$1 name=农商行 kind=银行存款 opening_balance=0 \
    opening_date=2014-01-01
}
# entry VILLAGE ACCOUNT VOUCHER DATE DIRECTION AMOUNT CATEGORY [KEY=VALUE...]
entry() {
  v=$1 a=$2 n=$3 d=$4 dir=$5 amt=$6 cat=$7
  shift 7
  sanzi fund add village=$v account=$a voucher=$n date=$d direction=$dir \
    amount=$amt category=$cat summary=测试 "$@" >/dev/null
}
# receipt VILLAGE VOUCHER DATE AMOUNT CONTRACT: rent received into ZH-0001
receipt() {
  entry $1 $1-ZH-0001 $2 $3 收入 $4 经营收入 contract=$5
}
# contract KEY=VALUE...: a 出租 paid at once (一次性) to 王二, a member
contract() {
  add_to contract "--without-filing kind=出租 party=王二 party_id=$ID2 party_is_member=是
    payment=一次性" "$@"
}
# filing VILLAGE TYPE OBJECTS METHOD [KEY=VALUE...]: filed 2025-03-10
filing() {
  v=$1 t=$2 o=$3 m=$4
  shift 4
  sanzi disposal new village=$v type=$t objects=$o reason=测试 method=$m \
    date=2025-03-10 "$@"
}
# meetings CODE YEAR: the four meetings (passing) and 7 days of 决议公开
# (03-21 to 03-27) in YEAR
meetings() {
  vote $1 提议 $2-03-11 7 5 5 0 >/dev/null &&
  vote $1 商议 $2-03-12 9 7 6 1 >/dev/null &&
  vote $1 审议 $2-03-15 20 15 12 3 >/dev/null &&
  vote $1 决议 $2-03-20 30 22 18 4 --body 村民代表会议 >/dev/null &&
  sanzi disposal publicize $1 --kind 决议 --from $2-03-21 --to $2-03-27 >/dev/null
}
# proc CODE YEAR: the meetings, then the township's 同意 on 03-28 by
# another person
proc() {
  meetings $1 $2 &&
  review $1 --decision 同意 --date $2-03-28 >/dev/null
}
# result CODE FROM TO: 结果公开
result() {
  sanzi disposal publicize $1 --kind 结果 --from $2 --to $3 >/dev/null
}

# fnd ARGS...: `audit findings --format csv ARGS`, one line per finding:
# 代码|村代码|记录|说明; stderr kept in fnd.err
fnd() {
  sanzi audit findings --format csv "$@" >fnd.csv 2>fnd.err &&
  csv_pick 代码 村代码 记录 说明 <fnd.csv
}
# codes ARGS...: 代码|记录 of each finding
codes() {
  fnd "$@" >fnd.out && cut -d"|" -f1,3 fnd.out
}
# msg CODE RECORD ARGS...: the 说明 of that finding
msg() {
  c=$1 r=$2
  shift 2
  fnd "$@" | awk -F"|" -v c="$c" -v r="$r" '$1 == c && $3 == r { print $4 }'
}
# none ARGS...: no finding at all, and the count on stderr says 0
none() {
  fnd "$@" >fnd.out && ! test -s fnd.out &&
  tail -n 1 fnd.err | grep -q "^0 findings as of "
}
