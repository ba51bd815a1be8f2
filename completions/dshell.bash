# bash completion for dshell: completes verbs, options and catalog paths by asking dshell itself.
# Install: source this file from ~/.bashrc, or copy it to /etc/bash_completion.d/dshell.
_dshell() {
    local cur words
    cur="${COMP_WORDS[COMP_CWORD]}"
    # Options of the dshell command itself, and files for 'dshell SCRIPT'.
    if [ "$COMP_CWORD" -eq 1 ] && [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "-c --keep-going --version --help" -- "$cur"))
        return
    fi
    words=("${COMP_WORDS[@]:1:COMP_CWORD}")
    local IFS=$'\n'
    COMPREPLY=($("${DSHELL_COMMAND:-dshell}" --complete "${words[@]}" 2>/dev/null))
    # Directories end with '/': let the user go on typing below them.
    if [ "${#COMPREPLY[@]}" -eq 1 ] && [[ "${COMPREPLY[0]}" == */ ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -F _dshell dshell
