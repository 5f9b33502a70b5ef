#!/bin/sh
# tools/mutate-web.sh [NAME ...]: proof that every security rule of
# doc/web.md has a test that fails without it (issue 15, "Done when").
#
# The tree is copied (tracked and new files, not the build) into a
# temporary directory and built there. Then, for each rule below (or the
# rules NAME ...), one small change removes the rule from the copy's
# source, the copy is rebuilt, and the web test files meant to catch it
# run against the mutated binary: CAUGHT when one of them fails, MISSED
# when all pass. The source is restored before the next rule. A change
# whose text is no longer in the source is NOT APPLIED (the list must
# follow the code). Exit 1 when any rule is MISSED or NOT APPLIED.
#
# `make mutate-web` runs it; it is not part of `make test` (it builds and
# runs the web tests once per rule: about half an hour on two cores).
# Nothing is written in the tree it is run from. JOBS=N: make -jN.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
jobs=${JOBS:-2}
work=$(mktemp -d "${TMPDIR:-/tmp}/sanzi-mutate.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "mutate-web: copying the tree into $work" >&2
(cd "$top" && git ls-files -co --exclude-standard -z |
  xargs -0 cp -P --parents -t "$work") || exit 2
if ! make -C "$work" -s -j"$jobs" all >"$work/.build.log" 2>&1; then
  tail -20 "$work/.build.log"
  echo "mutate-web: the unchanged tree does not build" >&2
  exit 2
fi

# The test files of a list of numbers ("t7000 t7030").
files() {
  for t in "$@"; do ls "$work"/tests/web/"$t"-*.sh; done
}

# Runs test file $1 in the copy; its failing tests into $work/.failed.
run_test() {
  (cd "$work" && timeout 900 sh "$1") >"$work/.t.log" 2>&1
  rc=$?
  grep "^not ok" "$work/.t.log" | sed 's/^not ok \([0-9]*\).*/\1/' |
    tr '\n' ' ' >"$work/.failed"
  return $rc
}

missed=0
caught=0
want="$*"
listing=1  # the first pass only gathers the test files of the rules
needed=""

# mutate NAME FILE TESTS PERL: removes rule NAME by the substitution PERL
# (perl -0: the whole file is one string) in FILE, rebuilds, runs TESTS
# (numbers) until one fails.
mutate() {
  name=$1 file=$2 tests=$3 expr=$4
  if [ -n "$want" ]; then
    case " $want " in *" $name "*) ;; *) return 0 ;; esac
  fi
  if [ "$listing" = 1 ]; then
    needed="$needed $tests"
    return 0
  fi
  src=$work/$file
  cp -p "$src" "$work/.orig"
  perl -0pi -e "$expr" "$src"
  if cmp -s "$src" "$work/.orig"; then
    printf '%-24s NOT APPLIED  (%s: the text to change is not there)\n' \
      "$name" "$file"
    missed=$((missed + 1))
    cp -p "$work/.orig" "$src"
    return 0
  fi
  if ! make -C "$work" -s -j"$jobs" all >"$work/.build.log" 2>&1; then
    printf '%-24s NOT APPLIED  (%s: the mutant does not build)\n' \
      "$name" "$file"
    tail -5 "$work/.build.log" | sed 's/^/    /'
    missed=$((missed + 1))
  else
    by=""
    for f in $(files $tests); do
      if ! run_test "$f"; then
        by="$(basename "$f" .sh) (not ok: $(cat "$work/.failed"))"
        break
      fi
    done
    if [ -n "$by" ]; then
      printf '%-24s CAUGHT       by %s\n' "$name" "$by"
      caught=$((caught + 1))
    else
      printf '%-24s MISSED       (%s pass)\n' "$name" "$tests"
      missed=$((missed + 1))
    fi
  fi
  # the original, newer than the mutant's object: rebuilt next time
  cp "$work/.orig" "$src"
  touch "$src"
}

rules() {
# ---- the rules (doc/web.md "Security"), each removed by one change ----

P=src/web/page.c W=src/web/web.c U=src/domain/user.c R=src/store/record.c
A=src/web/admin.c

# CSRF
mutate csrf-token $P "t7000 t7030 t7070" \
  's/if\(cross_site\(r\) \|\| !auth_csrf_ok\(&r->u, t\)\)/if(cross_site(r))/'
mutate sec-fetch-site $P "t7000 t7070" \
  's/return s && !strcmp\(s, "cross-site"\);/return s && 0;/'
mutate login-csrf-cookie $P "t7000" \
  's/ \|\| strlen\(pre\) != 32 \|\|\s*strcmp\(pre, csrf\)\)/)/'

# scope: the record read by code (reg_load), lists, exports, JSON, and the
# village field of what is written (add, edit, import)
mutate scope-record $R "t7010 t7030" \
  's/!db_in_scope\(c->z, v\[c->vi\]\.s, v\[c->vi\]\.n\)\)/0)/'
mutate scope-lists src/domain/view.c "t7010" \
  's/int scoped = reg_field\(r, "village"\) >= 0 && z->scope\[0\];/int scoped = 0;/'
mutate scope-exports src/domain/import.c "t7040" \
  's/int scoped = reg_field\(r, "village"\) >= 0 && z->scope\[0\];/int scoped = 0;/'
# (a list's rows and totals are read before its JSON sink starts)
mutate scope-json-list $P "t7010" \
  's/(  if\(page_totals\(r, g, &lq, &tot\)\) \{)/  if(r->json)\n    db_set_scope(r->z, "");\n$1/'
mutate scope-json-record $P "t7010" \
  's/(json_sink_init\(&j, r, 0\);)/$1 db_set_scope(r->z, "");/'
mutate scope-village-field $R "t7030" \
  's/if\(!db_in_scope\(c->z, s, n\)\) \{/if(0) {/'
# the same check, as an import meets it
mutate scope-village-import $R "t7040" \
  's/if\(!db_in_scope\(c->z, s, n\)\) \{/if(0) {/'

# roles
mutate readers-write $P "t7030 t7040" \
  's/return r->u\.role == ROLE_VILLAGE \|\|/return 1 ||/'
mutate admin-only $A "t7070" \
  's/if\(r->u\.role != ROLE_ADMIN\) \{/if(0) {/'
mutate admin-not-self $A "t7070" \
  's/if\(!enable && !strcmp\(name, r->u\.name\)\) \{/if(0) {/'
mutate admin-last $U "t7070" \
  's/user_count\(z, 1\) <= 1\)/user_count(z, 1) < 0)/'

# output
mutate html-escape src/web/html.c "t7010 t7070" \
  's/(void html_esc\(sbuf \*o, const char \*s, size_t n\)\n\{\n)/$1  sb_add(o, s, n);\n  return;\n/'

# headers
mutate header-csp $W "t7000" \
  's/  header\(res, "Content-Security-Policy",.*?\);\n//s'
mutate header-csp-inline $W "t7000" \
  "s/script-src 'self';/script-src 'self' 'unsafe-inline';/"
mutate header-nosniff $W "t7000" \
  's/  header\(res, "X-Content-Type-Options", "nosniff"\);\n//'
mutate header-frame-deny $W "t7000" \
  's/  header\(res, "X-Frame-Options", "DENY"\);\n//'
mutate header-referrer $W "t7000" \
  's/  header\(res, "Referrer-Policy", "same-origin"\);\n//'
mutate header-no-store $W "t7000" \
  's/r->cacheable \? "max-age=3600" : "no-store"/"max-age=3600"/'
mutate header-hsts $W "t7075" \
  's/if\(r->tls\)(\n    header\(res, "Strict-Transport-Security")/if(0)$1/'

# logins
mutate same-answer $U "t7000" \
  's/return db_fail\(z, "%s", T\(z, "wrong user name or password"\)\);\n  \}\n  if\(crypto_pwhash_str_needs_rehash/return db_fail(z, "%s", uid ? T(z, "wrong user name or password") : "no such user");\n  }\n  if(crypto_pwhash_str_needs_rehash/'
mutate lockout-account $U "t7000 t7020" \
  's/int64_t left = locked_for\(z, ukey\);/int64_t left = 0;/'
mutate lockout-address $U "t7080" \
  's/left = locked_for\(z, akey\);/left = 0;/'
mutate slowdown $U "t7080" \
  's/\*delay = worst > 2/*delay = 0 \&\& worst > 2/'
mutate log-logins $U "t7000" \
  's/record_event\(z, name, "登录", addr\)/0/'
mutate log-failures $U "t7000" \
  's/if\(record_event\(z, name, "登录失败", addr\)\)/if(0 \&\& record_event(z, name, "登录失败", addr))/g'
mutate log-logouts $U "t7000" \
  's/record_event\(z, w\.name, "退出", addr\)/(0 \&\& record_event(z, w.name, "退出", addr))/'

# sessions
mutate idle-timeout $U "t7020" \
  's/now - seen > l\.idle \|\| //'
mutate absolute-timeout $U "t7020" \
  's/now - created > l\.absolute \|\|/(0 \&\& created) ||/'
mutate new-session-id $U "t7000" \
  's/randombytes_buf\(id, sizeof id\);/memset(id, 7, sizeof id);/'
mutate session-hashed $U "t7080" \
  's/crypto_hash_sha256\(h, \(const unsigned char \*\)token, TOKEN_LEN\);/memcpy(h, token, 32);/g'
mutate cookie-httponly $P "t7000 t7075" 's/; HttpOnly//'
mutate cookie-samesite $P "t7000 t7075" 's/; SameSite=Strict//'
mutate cookie-secure $P "t7075" 's/r->tls \? "; Secure" : ""/""/'
mutate cookie-host-prefix $P "t7075" \
  's/"__Host-sanzi"/"sanzi"/; s/"__Host-sanzi-login"/"sanzi-login"/'
mutate login-303-html $P "t7000 t7020" \
  's/(answer_error\(r, 401, "请先登录"\);\n  else\n    )answer_redirect\(r, "\/login"\);/$1answer_error(r, 401, "请先登录");/'
mutate login-401-json $P "t7000 t7020" \
  's/answer_error\(r, 401, "请先登录"\);(\n  else\n    answer_redirect)/answer_redirect(r, "\/login");$1/'

# sizes and paths
mutate upload-limit $W "t7080" \
  's/size_t limit = multipart \? w->o\.max_body : FORM_MAX;/size_t limit = multipart ? SIZE_MAX : FORM_MAX;/; s/if\(r->ubytes > \(long long\)r->w->o\.max_body\)/if(0)/'
mutate upload-limit-streamed $W "t7080" \
  's/if\(r->ubytes > \(long long\)r->w->o\.max_body\)/if(0)/'
mutate form-limit $W "t7080" \
  's/multipart \? w->o\.max_body : FORM_MAX;/w->o.max_body;/; s/r->body\.len \+ \*upsize <= FORM_MAX/r->body.len + *upsize <= w->o.max_body/'
mutate upload-name $W "t7040" \
  's/"%s\/%s", r->w->updir, hexid\);/"%s\/%s", r->w->updir, filename ? filename : hexid);/'
mutate tls-key-check src/cli/cmd_serve.c "t7075" \
  's/if\(o\.cert && web_tls_check\(o\.cert, o\.key, err, sizeof err\)\)/if(0)/'

# limits of connections
mutate conn-per-address $W "t7085" \
  's/MHD_OPTION_PER_IP_CONNECTION_LIMIT, \(unsigned\)64,/MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)0,/'
mutate conn-total $W "t7085" \
  's/MHD_OPTION_CONNECTION_LIMIT, \(unsigned\)256,/MHD_OPTION_CONNECTION_LIMIT, (unsigned)900,/'

# the interest subsidy (t7250): a role given a step it may not take, and
# the scope of its list, its report and of applying on a loan
M=src/domain/may.c
mutate subsidy-approve-township $M "t7250" \
  's/(\[STEP_SUBSIDY_APPROVE\] = \{N_\("approve a subsidy \(county\)"\), C \| AD)/$1 | TW/'
mutate subsidy-pay-township $M "t7250" \
  's/(\[STEP_SUBSIDY_PAY\] = \{N_\("pay a subsidy"\), C \| AD)/$1 | TW/'
mutate subsidy-review-village $M "t7250" \
  's/(\[STEP_SUBSIDY_REVIEW\] = \{N_\("review or publicize a subsidy application \(township\)"\), TW \| AD)/$1 | V/'
mutate subsidy-program-audit $M "t7250" \
  's/(\[STEP_PROGRAM\] = \{N_\("set up a programme year"\), C \| AD)/$1 | AU/'
mutate subsidy-apply-county $M "t7250" \
  's/(\[STEP_LOAN\] = \{N_\("record loans and interest or apply for the subsidy"\), V \| TW \| AD)/$1 | C/'
mutate scope-subsidy-list src/domain/subsidy_view.c "t7250" \
  's/  db_scope_sql\(z, "village", 1, &sql\);\n//'
mutate scope-subsidy-report src/domain/subsidy.c "t7250" \
  's/if\(!db_in_scope\(z, r\.village, strlen\(r\.village\)\)\)/if(0)/'
mutate scope-subsidy-apply src/web/subsidy_page.c "t7250" \
  's/int found = rec_open\(r->z, &reg_loan, loan, &x\);/int found = 1; rec_open(r->z, \&reg_loan, loan, \&x);/'
# the public pages (村务公开, public.c) and the overdue list's scope
# (overdue.c)
PB=src/web/public.c OD=src/web/overdue.c
mutate public-off $PB "t7350" \
  's/if\(!config_int\(z, "public_pages", 1\)\) \{/if(0) {/'
mutate public-base-url $PB "t7350" \
  's/if\(cfg && \(!strncmp/if(0 && cfg && (!strncmp/'
mutate public-village-only $PB "t7350" \
  's/v\.level = .village./1/; s/if\(strlen\(code\) != 12 \|\| strspn\(code, "0123456789"\) != 12\)\n    return 0;//'
mutate public-no-id src/domain/notice.c "t7350" \
  's/"SELECT c\.code, c\.party, coalesce/"SELECT c.code, c.party || c.party_id, coalesce/'
mutate overdue-scope $OD "t7360" \
  's/if\(r->u\.scope\[0\] && \(!scope \|\| strlen\(r->u\.scope\) > strlen\(scope\)\)\)/if(0)/'
mutate overdue-filter $OD "t7360" \
  's/if\(!filter_ok\(r, village, township\)\)/if(0)/'
mutate overdue-narrow $OD "t7360" \
  's/\(!scope \|\| strlen\(r->u\.scope\) > strlen\(scope\)\)/!scope/'
# the audit and the change log (issue 16): the roles of the domain's
# table, the audit's scope, an export seen by its starter alone
M=src/domain/may.c X=src/web/audit_page.c
mutate audit-export-role $M "t7300" \
  's/\{N_\("export the audit"\), C \| AU \| AD\}/{N_("export the audit"), V | TW | C | AU | AD}/'
mutate log-read-role $M "t7300" \
  's/\{N_\("read the change log"\), C \| AU \| AD\}/{N_("read the change log"), V | TW | C | AU | AD}/'
mutate log-verify-role $M "t7300" \
  's/\{N_\("verify the change log"\), AU \| AD\}/{N_("verify the change log"), C | AU | AD}/'
mutate audit-scope $X "t7300" \
  's/  if\(!\*vil && !\*town && sc\[0\]\) \{/  if(0) {/'
mutate audit-scope-township $X "t7300" \
  's/if\(\*town && sc\[0\] && strlen\(\*town\) < strlen\(sc\)\)/if(0)/'
mutate export-owner $X "t7300" \
  's/return x->user == r->u\.id && x->year == year \? 0 : -1;/return x->year == year ? 0 : -1;/'
}

rules
# The unchanged tree must pass every test file the rules name: a test that
# fails anyway proves nothing.
needed=$(printf '%s\n' $needed | sort -u | tr '\n' ' ')
echo "mutate-web: the unchanged tree against $needed" >&2
for f in $(files $needed); do
  if ! run_test "$f"; then
    sed 's/^/  /' "$work/.t.log" | grep -v "^  ok" | tail -20
    echo "mutate-web: $(basename "$f") fails on the unchanged tree" >&2
    exit 2
  fi
done
listing=0
rules

echo "mutate-web: $caught caught, $missed missed or not applied" >&2
[ "$missed" -eq 0 ]
