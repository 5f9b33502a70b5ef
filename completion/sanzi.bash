# bash completion for sanzi: commands, verbs, each verb's options and their
# values, and the codes of the database's records (asset, disposal filing,
# village ...), read with sanzi itself from the database that --db names,
# else $SANZI_DB, else ./sanzi.db. Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/sanzi. Needs nothing from the
# bash-completion package.

_sanzi_registers="asset resource account fund contract loan"
_sanzi_commands="account asset audit backup classify config contract disposal fund help init loan log notice org program resource restore serve subsidy summary user version"

# The verbs of command $1.
_sanzi_verbs() {
  local reg="template import export list show add edit"
  case $1 in
    asset | resource | account) echo "$reg void restore" ;;
    fund) echo "$reg balance reverse close reopen" ;;
    loan) echo "$reg void restore interest withdraw" ;;
    contract) echo "$reg void restore schedule overdue" ;;
    disposal) echo "new vote appraise publicize review execute withdraw show list" ;;
    subsidy) echo "apply review publicize approve pay withdraw show list report" ;;
    program) echo "set show" ;;
    audit) echo "findings export" ;;
    org) echo "import list" ;;
    log) echo "verify anchor" ;;
    user) echo "add passwd list disable enable" ;;
  esac
}

# The options of command $1, verb $2 (empty for a command without verbs).
_sanzi_options() {
  local scope="--village --township"
  case $1:$2 in
    org:import) echo "--encoding --sheet" ;;
    contract:import) echo "--dry-run --update --again --allow-duplicates --encoding --sheet --without-filing" ;;
    *:import) echo "--dry-run --update --again --allow-duplicates --encoding --sheet" ;;
    contract:add) echo "--without-filing --allow-duplicates" ;;
    *:export) [ "$1" = audit ] &&
      echo "--year $scope --out --format --anchors" ||
      echo "$scope --as-of --no-bom --full-ids --format --out" ;;
    org:list) echo "--under --q --format" ;;
    user:list) echo "--format" ;;
    disposal:list | subsidy:list) echo "--year $scope --format" ;;
    *:list) echo "$scope --q --as-of --voided --format --out" ;;
    *:template) echo "--format --out --township" ;;
    user:add) echo "--role --scope" ;;
    *:add) echo "--allow-duplicates" ;;
    *:void | *:restore) echo "--reason" ;;
    disposal:show | subsidy:show) echo "--format --part --keys" ;;
    program:show) echo "--year --format --keys" ;;
    *:show) echo "$scope --as-of --format --part --keys" ;;
    fund:balance) echo "$scope --account --as-of --format --part" ;;
    fund:reverse) echo "--date --reason --voucher" ;;
    fund:close) echo "$scope --month" ;;
    fund:reopen) echo "--village --month --reason" ;;
    contract:schedule) echo "--as-of --format --part" ;;
    contract:overdue) echo "--as-of $scope --format" ;;
    loan:interest) echo "--from --to --paid --paid-on --voucher" ;;
    loan:withdraw) echo "--reason" ;;
    disposal:vote) echo "--step --date --due --present --for --against --abstain --body --households --minutes" ;;
    disposal:appraise) echo "--value --appraiser --report --date" ;;
    disposal:publicize) echo "--kind --from --to" ;;
    disposal:review | subsidy:review) echo "--decision --date --opinion" ;;
    disposal:execute) echo "--date --party --price --contract --voucher --lower-price-resolution" ;;
    disposal:withdraw | subsidy:withdraw) echo "--reason --date" ;;
    subsidy:apply) echo "--loan --year --date" ;;
    subsidy:publicize) echo "--from --to" ;;
    subsidy:approve) echo "--date" ;;
    subsidy:pay) echo "--date --voucher" ;;
    subsidy:report) echo "--year --format --part" ;;
    program:set) echo "--year --budget --ratio --rate-cap --day-basis --village-cap" ;;
    audit:findings | classify:) echo "--year $scope --format" ;;
    log:) echo "--table --key --since --format" ;;
    log:verify) echo "--expect --anchors" ;;
    log:anchor) echo "--anchors" ;;
    backup:) echo "--out --keep" ;;
    restore: | init:) echo "--anchors" ;;
    summary:) echo "--as-of --format" ;;
    serve:) echo "--listen --cert --key --threads" ;;
    notice:) echo "--village --year --as-of --format --out --part" ;;
  esac
}

# Options that take no value.
_sanzi_flag() {
  case $1 in
    --dry-run | --update | --again | --allow-duplicates | --voided | --no-bom | --full-ids | --households | --keys | --help | -h | --version) return 0 ;;
  esac
  return 1
}

# The parts of a show (--part).
_sanzi_parts() {
  case $1:$2 in
    fund:balance) echo "balances total" ;;
    contract:schedule) echo "contract instalments received" ;;
    disposal:show) echo "heading filing objects meetings steps contracts status history" ;;
    subsidy:show) echo "application lines total history" ;;
    subsidy:report) echo "report budget" ;;
    notice:) echo "assets resources contracts funds disposals subsidies" ;;
    *:show) echo "record depreciation payments history" ;;
  esac
}

# sanzi ARGS... on the database of the line being completed: nothing when
# that file does not exist (sanzi would only say so).
_sanzi_query() {
  [ -n "$_sanzi_db" ] && [ -f "$_sanzi_db" ] || return 0
  "$_sanzi_bin" --db "$_sanzi_db" --lang en "$@" 2>/dev/null | tr -d '\r'
}

# The codes of register or workflow $1 (asset ... loan, disposal, subsidy)
# beginning with $2: the first column of its list, a fund entry's code
# made of village, year and voucher. A prefix naming a village lists that
# village only (a county may hold a million assets).
_sanzi_codes() {
  local scope=()
  [[ $2 =~ ^[0-9]{12} ]] && scope=(--village "${2:0:12}")
  case $1 in
    fund) _sanzi_query fund list "${scope[@]}" --format csv |
      awk -F, 'NR > 1 { print $2 "-" substr($3, 1, 4) "-" $1 }' ;;
    *) _sanzi_query "$1" list "${scope[@]}" --format csv | awk -F, 'NR > 1 { print $1 }' ;;
  esac
}

# Organisation codes: villages (12 digits) or the codes above them.
_sanzi_orgs() {
  _sanzi_query org list --format csv | awk -F, -v want="$1" '
    NR > 1 && (want == "village") == (length($1) == 12) { print $1 }'
}

_sanzi_reply() {
  local IFS=$'\n'
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

_sanzi() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  _sanzi_bin=${COMP_WORDS[0]}
  _sanzi_db=${SANZI_DB:-sanzi.db}
  COMPREPLY=()

  # The database, the command, the verb and the positional arguments
  # before the word being completed.
  local i w cmd= verb= npos=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=${COMP_WORDS[i]}
    case $w in
      --db=*) _sanzi_db=${w#--db=} ;;
      --db)
        if [ "${COMP_WORDS[i + 1]}" = = ]; then
          _sanzi_db=${COMP_WORDS[i + 2]}
          ((i += 2))
        else
          _sanzi_db=${COMP_WORDS[i + 1]}
          ((i++))
        fi
        ;;
      -*) _sanzi_flag "$w" || [[ $w == *=* ]] || ((i++)) ;;
      *)
        if [ -z "$cmd" ]; then
          cmd=$w
        elif [ -z "$verb" ] && [ -n "$(_sanzi_verbs "$cmd")" ] &&
          [[ " $(_sanzi_verbs "$cmd") " == *" $w "* ]]; then
          verb=$w
        else
          ((npos++))
        fi
        ;;
    esac
  done
  _sanzi_db=${_sanzi_db/#\~/$HOME}

  # The value of an option.
  case $prev in
    --db) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --out)
      compopt -o filenames 2>/dev/null
      # audit export writes a directory; the others a workbook
      [ "$cmd" = audit ] && COMPREPLY=($(compgen -d -- "$cur")) ||
        COMPREPLY=($(compgen -f -- "$cur"))
      return
      ;;
    --lang) _sanzi_reply "zh
en"; return ;;
    --encoding) _sanzi_reply "auto
utf-8
gb18030
utf-16"; return ;;
    --format)
      case $cmd:$verb in
        audit:export) _sanzi_reply "csv
xlsx
both" ;;
        audit:findings | classify:) _sanzi_reply "table
csv" ;;
        *:export | *:template) _sanzi_reply "csv
xlsx" ;;
        *:list | notice:) _sanzi_reply "table
csv
json
xlsx" ;;
        *) _sanzi_reply "table
csv
json" ;;
      esac
      return
      ;;
    --part) _sanzi_reply "$(_sanzi_parts "$cmd" "$verb" | tr ' ' '\n')"; return ;;
    --village) _sanzi_reply "$(_sanzi_orgs village)"; return ;;
    --township | --under) _sanzi_reply "$(_sanzi_orgs township)"; return ;;
    --account) _sanzi_reply "$(_sanzi_codes account "$cur")"; return ;;
    --loan) _sanzi_reply "$(_sanzi_codes loan "$cur")"; return ;;
    --contract) _sanzi_reply "$(_sanzi_codes contract "$cur")"; return ;;
    --step) _sanzi_reply "提议
商议
审议
决议"; return ;;
    --body) _sanzi_reply "村民会议
村民代表会议"; return ;;
    --kind) _sanzi_reply "决议
结果"; return ;;
    --decision)
      [ "$cmd" = subsidy ] && _sanzi_reply "同意
不同意" || _sanzi_reply "同意
不同意
退回"
      return
      ;;
    --day-basis) _sanzi_reply "360
365"; return ;;
    --rate-cap) _sanzi_reply "none"; return ;;
    -*) _sanzi_flag "$prev" || [[ $prev == *=* ]] || return 0 ;;
  esac

  # Before the command: the global options and the commands.
  if [ -z "$cmd" ]; then
    if [[ $cur == -* ]]; then
      _sanzi_reply "$(printf '%s\n' --db --user --lang --help --version)"
    else
      _sanzi_reply "$(printf '%s\n' $_sanzi_commands)"
    fi
    return
  fi
  local verbs
  verbs=$(_sanzi_verbs "$cmd")

  if [[ $cur == -* ]]; then
    _sanzi_reply "$(printf '%s\n' $(_sanzi_options "$cmd" "$verb") --help)"
    return
  fi
  # The verb (log has options of its own besides its verb).
  if [ -n "$verbs" ] && [ -z "$verb" ] && [ "$npos" = 0 ]; then
    _sanzi_reply "$(printf '%s\n' $verbs)"
    return
  fi

  # Positional arguments.
  case $cmd:$verb in
    help:) ((npos == 0)) && _sanzi_reply "$(printf '%s\n' $_sanzi_commands)" ;;
    config:) ((npos == 0)) && _sanzi_reply "$(_sanzi_query config | cut -f1)" ;;
    *:import)
      ((npos == 0)) && { compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); } ;;
    *:show | *:edit | *:void | *:restore | fund:reverse | contract:schedule | loan:interest | loan:withdraw | disposal:vote | \
      disposal:appraise | disposal:publicize | disposal:review | disposal:execute | \
      disposal:withdraw | subsidy:review | subsidy:publicize | subsidy:approve | \
      subsidy:pay | subsidy:withdraw)
      if ((npos == 0)); then
        local what=$cmd
        [ "$verb" = interest ] && what=loan
        _sanzi_reply "$(_sanzi_codes "$what" "$cur")"
      elif [ "$verb" = edit ]; then
        _sanzi_keys "$cmd"
      fi
      ;;
    *:add) _sanzi_keys "$cmd" ;;
    disposal:new)
      COMPREPLY=($(compgen -W "village= type= objects= reason= method= price= outsider= date= code=" -- "$cur"))
      compopt -o nospace 2>/dev/null
      ;;
  esac
}

# KEY= for `REGISTER add` and `edit`: the template's column names (without
# a * mark or a unit in brackets).
_sanzi_keys() {
  local IFS=$'\n' keys
  keys=$("$_sanzi_bin" "$1" template 2>/dev/null | head -n 1 | sed -e 's/\r$//' -e '1s/^\xEF\xBB\xBF//' |
    tr ',' '\n' | sed -e 's/\*//g' -e 's/＊//g' -E -e 's/(（|\().*(）|\))$//' -e 's/$/=/')
  COMPREPLY=($(compgen -W "$keys" -- "$cur"))
  compopt -o nospace 2>/dev/null
}

complete -F _sanzi sanzi
