# Bash completion for newsdex-index, newsdex-query and newsdex-ner.
# Installed (cmake --install) as share/bash-completion/completions/<tool>,
# or for one shell:  source completion/newsdex.bash
# The options come from the tool's own --help (read once per shell and
# tool), so the completion never disagrees with the tool:
#   newsdex-query --so<TAB>        -> --sort
#   newsdex-query --sort <TAB>     -> relevance date -date
#   newsdex-index --db <TAB>       -> folders
#   newsdex-ner <TAB>              -> train eval tag tokenize

# The --help text of "$@", cached in _newsdex_help_<key>.
_newsdex_help() {
  local key
  key=$(printf '%s' "$*" | tr -c 'a-zA-Z0-9' '_')
  local var="_newsdex_help_$key"
  if [[ -z ${!var+set} ]]; then
    printf -v "$var" '%s' "$("$@" --help 2>/dev/null)"
  fi
  printf '%s\n' "${!var}"
}

# Every option name in a --help text (CLI11's layout: "  -q,--quiet  ...").
_newsdex_options() {
  sed -n 's/^  \(-[A-Za-z],\)\{0,1\}\(--[A-Za-z0-9-]*\).*/\1\2/p' | tr ',' '\n' | sed '/^$/d'
}

# The choices of one option ("--sort TEXT:{relevance,date,-date}=..."), or nothing.
_newsdex_choices() {
  local option=$1
  sed -n "s/^  \(-[A-Za-z],\)\{0,1\}$option [A-Z]*:{\([^}]*\)}.*/\2/p" | tr ',' ' '
}

# Whether an option takes a value (its help line names a type after it),
# or one of the types TYPES (a grep pattern: "\(PATH\|FILE\)").
_newsdex_takes_value() {
  local option=$1 types=${2:-[A-Z][A-Z:]*}
  grep -q -- "^  \(-[A-Za-z],\)\{0,1\}$option $types"
}

_newsdex() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=""
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  local -a tool=("${COMP_WORDS[0]}")
  # newsdex-ner: a subcommand first, then its own options.
  if [[ ${COMP_WORDS[0]##*/} == newsdex-ner ]]; then
    local sub="" i
    for ((i = 1; i < COMP_CWORD; ++i)); do
      [[ ${COMP_WORDS[i]} != -* ]] && { sub=${COMP_WORDS[i]}; break; }
    done
    if [[ -z $sub ]]; then
      if [[ $cur != -* ]]; then
        local subs
        subs=$(_newsdex_help "${tool[@]}" | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p')
        mapfile -t COMPREPLY < <(compgen -W "$subs" -- "$cur")
        return
      fi
    else
      tool+=("$sub")
    fi
  fi
  local help
  help=$(_newsdex_help "${tool[@]}")
  if [[ $prev == --* ]] && _newsdex_takes_value "$prev" <<<"$help"; then
    local choices
    choices=$(_newsdex_choices "$prev" <<<"$help")
    if [[ -n $choices ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
    elif [[ $prev == --db ]]; then
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
    elif _newsdex_takes_value "$prev" '\(PATH\|FILE\|TEXT\)' <<<"$help"; then
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
    fi
    return
  fi
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_newsdex_options <<<"$help")" -- "$cur")
    return
  fi
  # Positionals: article files and folders (newsdex-query's are words).
  [[ ${COMP_WORDS[0]##*/} == newsdex-query ]] || mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -o filenames -o bashdefault -F _newsdex newsdex-index newsdex-query newsdex-ner
