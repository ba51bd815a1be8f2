package org.dshell.commands;

/** A local file system path argument; its type tells the completer to offer local files. */
public record LocalArg(String path) {
    @Override
    public String toString() {
        return path;
    }
}
