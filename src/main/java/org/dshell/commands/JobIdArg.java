package org.dshell.commands;

/**
 * A job id argument as typed: one id ({@code 12}) or an inclusive range ({@code 12-40}). Its type
 * tells the completer to offer job ids.
 */
public record JobIdArg(String raw) {
    @Override
    public String toString() {
        return raw;
    }
}
