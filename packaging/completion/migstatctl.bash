# bash completion for migstatctl(1): options, commands, and the ids of
# sources (fetch) and charts (regenerate) as the running daemon lists them.

# _migstatctl_ids sources|charts [--socket PATH]: ids from `migstatctl --json list`,
# nothing when no daemon answers within 2 s.  The list answer has the array
# "sources" before "charts"; ids are [a-z0-9-], so plain text tools suffice.
_migstatctl_ids() {
    local what=$1 json
    shift
    json=$(timeout 2 migstatctl --json "$@" list 2>/dev/null) || return 0
    case $what in
        sources) json=${json%%\"charts\":\[*} ;;
        charts) [[ $json == *\"charts\":\[* ]] || return 0; json=${json#*\"charts\":\[} ;;
    esac
    json=${json#*\"sources\":\[}
    grep -oE '"id": ?"[a-z0-9-]+"' <<<"$json" | sed -E 's/.*"([a-z0-9-]+)"$/\1/'
}

_migstatctl() {
    local cur prev words cword
    _init_completion || return

    # The commands and their options as `migstatctl --help` lists them (the
    # daemon's command table; tests/control_docs.sh keeps this in step).
    local commands="status list fetch regenerate validate reload version accept inspect"
    local i cmd="" socket=()
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
            --socket) socket=(--socket "${words[i + 1]}"); ((i++)) ;;
            --json | --wait | --force) ;;
            --socket=*) socket=("${words[i]}") ;;
            -*) ;;
            *) cmd=${words[i]}; break ;;
        esac
    done

    if [[ -z $cmd ]]; then
        case $prev in
            --socket) _filedir; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --socket --help --version --wait --force" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        fi
        return
    fi

    case $cmd in
        fetch | accept)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--wait --json" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_migstatctl_ids sources "${socket[@]}")" -- "$cur"))
            fi ;;
        status | list | validate | reload | version)
            [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--json" -- "$cur")) ;;
        regenerate)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--force --wait --json" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_migstatctl_ids charts "${socket[@]}")" -- "$cur"))
            fi ;;
        inspect)
            case $prev in
                --kind) COMPREPLY=($(compgen -W "jsonstat eurostat table eurostat-tsv unhcr worldbank" -- "$cur")); return ;;
                --dataset | --measure) return ;;
                --population) _filedir; return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--kind --dataset --normalize-periods --measure --population" -- "$cur"))
            else
                _filedir
            fi ;;
    esac
} && complete -F _migstatctl migstatctl
