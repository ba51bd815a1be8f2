package org.dshell.core.meta;

/** Where a metadata field lives: set on files, set on directories (and inherited below), or a standard catalog attribute. */
public enum MetaScope {
    FILE,
    DIRECTORY,
    STANDARD
}
