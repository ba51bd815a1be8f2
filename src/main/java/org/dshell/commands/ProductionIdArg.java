package org.dshell.commands;

/** A production id argument as typed. Its type tells the completer to offer your productions' ids. */
public record ProductionIdArg(String raw) {
    @Override
    public String toString() {
        return raw;
    }
}
