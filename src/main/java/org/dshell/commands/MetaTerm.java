package org.dshell.commands;

import org.dshell.core.Glob;

/**
 * A metadata word as typed: a {@code find} condition ({@code energy>1}) or a {@code meta set}
 * assignment ({@code run=5}). Its type tells the completer to offer field names.
 */
public record MetaTerm(String raw) {

    /** The word with shell quoting undone: a quoted or bare {@code *} is the same DIRAC wildcard here. */
    public String text() {
        return Glob.literal(raw);
    }

    @Override
    public String toString() {
        return raw;
    }
}
