#!/bin/sh
# sanzi serve: /admin/users (doc/web.md "Users"): a 管理员 adds users (role
# and scope checked), disables, enables, resets a password, through the
# same domain functions as `sanzi user`; every other role gets 403 on
# every /admin route; each refusal at its field, nothing written.
. "$(dirname "$0")/lib-web.sh"

web_setup &&
echo countyPass123 | sanzi user add county --role 县级 --scope $C 2>/dev/null &&
web_start || { echo "Bail out! the server did not start"; exit 1; }
login admin admin adminPass123 && ADMIN=$(session_csrf admin)

# What a refused request must leave alone: the users, their password
# hashes and states, the change log but for the logins the test makes.
snap() {
  sqlite3 test.db "SELECT * FROM user ORDER BY id; SELECT * FROM credential ORDER BY user_id;
    SELECT id, tbl, key FROM history WHERE tbl <> 'login';
    SELECT * FROM login WHERE event = '修改密码'"
}

# post_h JAR PATH HEADER FIELD=VALUE ...: post with one more header.
post_h() {
  jar=$1 path=$2 h=$3
  shift 3
  for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; shift; done
  curl -s -X POST -H "$h" -b "$jar" -c "$jar" -D "$TMP/headers" -o "$TMP/body" \
    -w '%{http_code}' "$@" "$URL$path" >"$TMP/status"
  cat "$TMP/body"
}

# The operator of the last change-log entry of table TABLE.
last_operator() {
  sqlite3 test.db "SELECT operator FROM history WHERE tbl = '$1' ORDER BY id DESC LIMIT 1"
}

# The field error of the form input KEY on the last page.
field_error() {
  sed -n "s/.*<span class=\"field-error\" id=\"e-$1\">\([^<]*\)<.*/\1/p" "$TMP/body"
}

test_expect_success 'a 管理员 sees every user, in HTML and JSON' '
  get admin /admin/users >page && test "$(status)" = 200 &&
  for u in admin clerk town audit county; do grep -q "<th scope=\"row\">$u</th>" page || return 1; done &&
  get admin /admin/users -H "Accept: application/json" >u.json &&
  $PY -c "import json; d=json.load(open(\"u.json\")); \
    assert d[\"total\"] == 5, d; \
    r={x[\"name\"]: x for x in d[\"rows\"]}; \
    assert r[\"clerk\"][\"role\"] == \"村报账员\" and r[\"clerk\"][\"scope\"] == \"$V1\", r; \
    assert r[\"admin\"][\"scope\"] is None and r[\"town\"][\"status\"] == \"启用\", r"
'

test_expect_success 'every other role gets 403 on every /admin route, and nothing changes' '
  snap >before &&
  for u in clerk town audit county; do
    login $u $u ${u}Pass123 && tok=$(session_csrf $u) || return 1
    for p in /admin/users /admin /admin/users/clerk /admin/other; do
      get $u $p >/dev/null && test "$(status)" = 403 || { echo "$u GET $p"; return 1; }
    done
    get $u /admin/users -H "Accept: application/json" >j &&
    test "$(status)" = 403 && ! grep -q clerkPass j || return 1
    post $u /admin/users csrf=$tok name=sneak role=管理员 password=sneakPass123 \
      again=sneakPass123 >/dev/null && test "$(status)" = 403 || return 1
    for a in disable enable password; do
      post $u /admin/users/admin/$a csrf=$tok password=takeOver123 >/dev/null &&
      test "$(status)" = 403 || { echo "$u POST $a"; return 1; }
    done
  done &&
  snap >after && cmp before after &&
  login x admin adminPass123 && test "$(status)" = 303
'

test_expect_success 'not logged in: /admin is 303 to /login, JSON 401' '
  get anon /admin/users >/dev/null && test "$(status)" = 303 &&
  test "$(header Location)" = /login &&
  get anon /admin/users -H "Accept: application/json" >/dev/null &&
  test "$(status)" = 401 &&
  post anon /admin/users/clerk/disable >/dev/null && test "$(status)" = 303 &&
  test "$(sqlite3 test.db "SELECT status FROM user WHERE name = '"'"'clerk'"'"'")" = 启用
'

test_expect_success 'a change without the CSRF token, with a wrong one, or cross-site is 403' '
  snap >before &&
  post admin /admin/users name=n1 role=管理员 password=n1Pass1234 >/dev/null &&
  test "$(status)" = 403 &&
  post admin /admin/users csrf=$(echo $ADMIN | tr 0-9a-f 1-9a-f0) name=n1 \
    role=管理员 password=n1Pass1234 >/dev/null && test "$(status)" = 403 &&
  post_h admin /admin/users/clerk/disable "Sec-Fetch-Site: cross-site" \
    csrf=$ADMIN >/dev/null && test "$(status)" = 403 &&
  post admin /admin/users/clerk/password password=hijackPass1 >/dev/null &&
  test "$(status)" = 403 &&
  snap >after && cmp before after
'

test_expect_success 'a 管理员 adds a village clerk: logged with the 管理员 as operator; the clerk logs in to their village' '
  post admin /admin/users csrf=$ADMIN name=clerk2 role=村报账员 scope=$V2 \
    password=clerk2Pass1 again=clerk2Pass1 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(header Location)" = "/admin/users?done=added&user=clerk2" &&
  sqlite3 test.db "SELECT role, scope, status FROM user WHERE name = '"'"'clerk2'"'"'" >u &&
  test "$(cat u)" = "村报账员|$V2|启用" &&
  test "$(last_operator user)" = admin &&
  get admin "/admin/users?done=added&user=clerk2" >page &&
  grep -F "已添加用户“clerk2”" page &&
  login c2 clerk2 clerk2Pass1 && test "$(status)" = 303 &&
  get c2 /asset -H "Accept: application/json" >l.json &&
  $PY -c "import json; d=json.load(open(\"l.json\")); \
    assert d[\"total\"] == 1 and d[\"rows\"][0][\"name\"] == \"收割机\", d" &&
  sanzi log verify
'

test_expect_success 'each role takes a scope of its level; 管理员 none' '
  for x in "t2 乡镇 $T1" "k2 县级 $C" "a2 审计 $C" "m2 管理员 "; do
    set -- $x
    post admin /admin/users csrf=$ADMIN name=$1 role=$2 scope=${3:-} \
      password=$1Pass1234 again=$1Pass1234 >/dev/null &&
    test "$(status)" = 303 || { echo "$x"; return 1; }
  done &&
  sqlite3 test.db "SELECT name, role, coalesce(scope, \"-\") FROM user WHERE name IN (\"t2\",\"k2\",\"a2\",\"m2\") ORDER BY id" >got &&
  printf "%s\n" "t2|乡镇|$T1" "k2|县级|$C" "a2|审计|$C" "m2|管理员|-" >want &&
  test_cmp want got
'

# refuse FIELD name=... role=... : the add is 422, the reason (Chinese) at
# FIELD and only there, the typed values kept (not the password), and
# nothing written.
refuse() {
  field=$1; shift
  snap >before &&
  post admin /admin/users csrf=$ADMIN "$@" >page && test "$(status)" = 422 &&
  test -n "$(field_error $field)" &&
  test "$(grep -o "class=\"field-error\"" page | wc -l)" = 1 &&
  grep -q "aria-invalid=\"true\"" page &&
  grep -q "aria-describedby=\"[^\"]*e-$field\"" page &&
  ! grep -q "value=\"[^\"]*Pass" page &&
  snap >after && cmp before after
}

test_expect_success 'refusals of the add form, each at its field, in Chinese' '
  refuse name "name=a b" role=管理员 password=goodPass123 &&
  field_error name | grep -F "用户名“a b”：不能含空格" &&
  refuse name name=clerk role=管理员 password=goodPass123 &&
  test "$(field_error name)" = "用户“clerk”已存在" &&
  refuse name name= role=管理员 password=goodPass123 &&
  refuse role name=r1 role=局长 password=goodPass123 &&
  field_error role | grep -F "局长" &&
  refuse scope name=r1 role=村报账员 scope=$T1 password=goodPass123 &&
  test "$(field_error scope)" = "管辖范围（--scope）“$T1”不是村的代码" &&
  grep -q "value=\"$T1\"" page && grep -q "<option selected>村报账员</option>" page &&
  refuse scope name=r1 role=村报账员 password=goodPass123 &&
  refuse scope name=r1 role=乡镇 scope=$V1 password=goodPass123 &&
  refuse scope name=r1 role=县级 scope=$T1 password=goodPass123 &&
  refuse scope name=r1 role=审计 scope=15 password=goodPass123 &&
  refuse scope name=r1 role=管理员 scope=$C password=goodPass123 &&
  refuse password name=r1 role=管理员 password=short1 &&
  field_error password | grep -F "至少 8" &&
  refuse password name=r1 role=管理员 password=onlyletters &&
  refuse again name=r1 role=管理员 password=goodPass123 again=goodPass124 &&
  test "$(field_error again)" = 两次输入的密码不一致
'

test_expect_success 'a refusal in JSON: 422 with the field and its key' '
  snap >before &&
  post_h admin /admin/users "Accept: application/json" csrf=$ADMIN \
    name=j1 role=乡镇 scope=$V1 password=j1Pass12345 >j && test "$(status)" = 422 &&
  $PY -c "import json; d=json.load(open(\"j\")); e=d[\"errors\"]; \
    assert len(e) == 1 and e[0][\"key\"] == \"scope\" and e[0][\"field\"] == \"管辖范围\", d; \
    assert \"乡镇\" in e[0][\"message\"], d" &&
  snap >after && cmp before after &&
  post_h admin /admin/users "Accept: application/json" csrf=$ADMIN \
    name=j1 role=乡镇 scope=$T1 password=j1Pass12345 >j && test "$(status)" = 200 &&
  test "$(cat j)" = "{\"user\":\"j1\",\"done\":\"added\"}"
'

test_expect_success 'disabling a user ends their sessions and their logins; enabling lets them in again' '
  login c clerk clerkPass123 && get c / >/dev/null && test "$(status)" = 200 &&
  post admin /admin/users/clerk/disable csrf=$ADMIN >/dev/null &&
  test "$(status)" = 303 &&
  test "$(header Location)" = "/admin/users?done=disabled&user=clerk" &&
  test "$(last_operator user)" = admin &&
  get c / >/dev/null && test "$(status)" = 303 &&
  login c clerk clerkPass123 && test "$(status)" = 401 &&
  get admin /admin/users >page && grep -F "/admin/users/clerk/enable" page &&
  post_h admin /admin/users/clerk/enable "Accept: application/json" csrf=$ADMIN >j &&
  test "$(cat j)" = "{\"user\":\"clerk\",\"done\":\"enabled\"}" &&
  login c clerk clerkPass123 && test "$(status)" = 303 && sanzi log verify
'

test_expect_success 'a 管理员 cannot disable themselves, even with another 管理员 enabled' '
  snap >before &&
  post admin /admin/users/admin/disable csrf=$ADMIN >page && test "$(status)" = 422 &&
  grep -F "不能停用自己的账号" page &&
  snap >after && cmp before after &&
  get admin / >/dev/null && test "$(status)" = 200
'

test_expect_success 'the last enabled 管理员 cannot be disabled (the domain rule, also on the command line)' '
  post admin /admin/users/m2/disable csrf=$ADMIN >/dev/null && test "$(status)" = 303 &&
  snap >before &&
  test_must_fail 1 sanzi user disable admin 2>err &&
  grep -F "last enabled 管理员" err &&
  test_must_fail 1 sanzi --lang zh user disable admin 2>err &&
  grep -F "“admin”是最后一个启用的管理员" err &&
  snap >after && cmp before after &&
  post admin /admin/users/m2/enable csrf=$ADMIN >/dev/null && test "$(status)" = 303 &&
  sanzi user disable admin 2>/dev/null && sanzi user enable admin 2>/dev/null
'

# (disabling admin on the command line ended its session)
login admin admin adminPass123 && ADMIN=$(session_csrf admin)

test_expect_success 'resetting a password ends the user'"'"'s sessions; the old one fails, the new one works' '
  login t town townPass123 && get t / >/dev/null && test "$(status)" = 200 &&
  post admin /admin/users/town/password csrf=$ADMIN password=newTown4567 >/dev/null &&
  test "$(status)" = 303 &&
  test "$(header Location)" = "/admin/users?done=password&user=town" &&
  get t / >/dev/null && test "$(status)" = 303 &&
  login t town townPass123 && test "$(status)" = 401 &&
  login t town newTown4567 && test "$(status)" = 303 &&
  sqlite3 test.db "SELECT l.event, h.operator FROM login l JOIN history h ON h.id = l.log_id WHERE l.user = '"'"'town'"'"' AND l.event = '"'"'修改密码'"'"'" >ev &&
  test "$(cat ev)" = "修改密码|admin"
'

test_expect_success 'a password the rule refuses is 422 at that user'"'"'s row; an unknown user 404' '
  snap >before &&
  post admin /admin/users/town/password csrf=$ADMIN password=abc >page &&
  test "$(status)" = 422 &&
  grep -F "用户“town”：" page && grep -q "aria-invalid=\"true\" aria-describedby=\"e-pw-" page &&
  post admin /admin/users/nobody/disable csrf=$ADMIN >/dev/null && test "$(status)" = 404 &&
  post admin /admin/users/nobody/password csrf=$ADMIN password=goodPass123 >/dev/null &&
  test "$(status)" = 404 &&
  post admin /admin/users/town/delete csrf=$ADMIN >/dev/null && test "$(status)" = 404 &&
  snap >after && cmp before after
'

test_expect_success 'the message after a change is escaped' '
  get admin "/admin/users?done=added&user=%3Cscript%3Ealert(1)%3C/script%3E" >page &&
  ! grep -F "<script>alert" page && grep -F "&lt;script&gt;alert(1)" page
'

test_done
