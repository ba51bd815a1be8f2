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

    /**
     * The same columns packed into one text value, separated by the unit separator (0x1f), which no
     * catalog name may contain. Long listings read this: the JDBC driver costs more per column fetched
     * than SQLite's own work, so one column per row lists 100,000 entries in half the time.
     */
    static final String PACKED = "e.id || char(31) || e.parent || char(31) || e.name || char(31) || e.kind"
            + " || char(31) || e.size || char(31) || ifnull(e.checksum, '') || char(31) || ifnull(e.guid, '')"
            + " || char(31) || e.owner || char(31) || e.grp || char(31) || e.mode || char(31) || e.ctime"
            + " || char(31) || e.mtime || char(31) || e.status || char(31)"
            + " || (SELECT count(*) FROM replicas r WHERE r.file = e.id)";

    static EntryRow unpack(String packed) {
        String[] f = new String[14];
        int start = 0;
        for (int i = 0; i < 13; i++) {
            int end = packed.indexOf('\u001f', start);
            f[i] = packed.substring(start, end);
            start = end + 1;
        }
        f[13] = packed.substring(start);
        return new EntryRow(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2], f[3].equals("0"), Long.parseLong(f[4]),
                f[5].isEmpty() ? null : f[5], f[6].isEmpty() ? null : f[6], f[7], f[8], Integer.parseInt(f[9]),
                Long.parseLong(f[10]), Long.parseLong(f[11]), f[12], Integer.parseInt(f[13]));
    }

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
