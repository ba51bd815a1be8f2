package org.dshell.commands;

/** A storage element name argument; its type tells the completer to offer the declared SEs. */
public record SeArg(String name) {
    @Override
    public String toString() {
        return name;
    }
}
