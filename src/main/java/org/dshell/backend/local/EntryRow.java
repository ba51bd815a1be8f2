package org.dshell.backend.local;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.dshell.core.CatalogEntry;
import org.dshell.core.EntryKind;
import org.dshell.core.LfnPath;

/** One row of the entries table, as read for permission checks and turned into a {@link CatalogEntry}. */
record EntryRow(long id, long parent, String name, boolean directory, long size, String checksum, String guid,
                String owner, String group, int mode, long ctime, long mtime, String status, int replicaCount) {

    /** The columns {@link #read} expects, in order, for a table aliased {@code e}. */
    static final String COLUMNS = "e.id, e.parent, e.name, e.kind, e.size, e.checksum, e.guid, e.owner, e.grp, e.mode,"
            + " e.ctime, e.mtime, e.status, (SELECT count(*) FROM replicas r WHERE r.file = e.id)";

    static EntryRow read(ResultSet rs) throws SQLException {
        return new EntryRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4) == 0, rs.getLong(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10),
                rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getInt(14));
    }

    CatalogEntry toEntry(LfnPath path) {
        return new CatalogEntry(path, directory ? EntryKind.DIRECTORY : EntryKind.FILE, size, checksum, guid,
                owner, group, mode, Instant.ofEpochMilli(ctime), Instant.ofEpochMilli(mtime), status, replicaCount);
    }
}
