package org.dshell.core;

/** What a catalog entry is. */
public enum EntryKind {
    DIRECTORY, FILE
}
