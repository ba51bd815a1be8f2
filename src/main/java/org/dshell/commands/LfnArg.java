package org.dshell.commands;

/**
 * A catalog path argument as typed, wildcards and all. Verbs expand it against the catalog with
 * {@link Verb#expand}; its type also tells the completer to offer catalog paths.
 */
public record LfnArg(String raw) {
    @Override
    public String toString() {
        return raw;
    }
}
