package org.dshell.core;

import java.time.Instant;

/**
 * A directory or file record as DIRAC's catalog keeps it. For directories, size, checksum and
 * guid are empty and {@code replicaCount} is 0.
 */
public record CatalogEntry(
        LfnPath path,
        EntryKind kind,
        long size,
        String checksum,
        String guid,
        String owner,
        String group,
        int mode,
        Instant created,
        Instant modified,
        String status,
        int replicaCount) {

    public boolean isDirectory() {
        return kind == EntryKind.DIRECTORY;
    }

    public String name() {
        return path.isRoot() ? "/" : path.name();
    }
}
