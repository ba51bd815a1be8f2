package org.dshell.backend.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;

/**
 * Inserts file records and their first replicas many rows per statement: bulk registration is
 * bound by the number of statement executions crossing into SQLite, not by SQLite's own work.
 */
final class FileInserter implements AutoCloseable {
    private static final int ROWS = 100;
    private static final int FILE_MODE = 0644;

    private final Connection connection;
    private final Identity identity;
    private final long now;
    private PreparedStatement fullEntries;
    private PreparedStatement fullReplicas;

    FileInserter(Connection connection, Identity identity, long now) {
        this.connection = connection;
        this.identity = identity;
        this.now = now;
    }

    /** Inserts {@code files} (whose parent ids are {@code parents}) with ids from {@code firstId}; a taken name is an error. */
    void insert(List<NewFile> files, long[] parents, long firstId) throws SQLException {
        for (int start = 0; start < files.size(); start += ROWS) {
            int end = Math.min(files.size(), start + ROWS);
            int rows = end - start;
            PreparedStatement entries = rows == ROWS ? fullEntries() : connection.prepareStatement(entrySql(rows));
            PreparedStatement replicas = rows == ROWS ? fullReplicas() : connection.prepareStatement(replicaSql(rows));
            try {
                int p = 1;
                entries.setString(p++, identity.user());
                entries.setString(p++, identity.group());
                entries.setInt(p++, FILE_MODE);
                entries.setLong(p++, now);
                entries.setLong(p++, now);
                int r = 1;
                for (int i = start; i < end; i++) {
                    NewFile file = files.get(i);
                    long id = firstId + i;
                    entries.setLong(p++, id);
                    entries.setLong(p++, parents[i]);
                    entries.setString(p++, file.path().name());
                    entries.setLong(p++, file.size());
                    entries.setString(p++, file.checksum());
                    entries.setString(p++, file.guid());
                    replicas.setLong(r++, id);
                    replicas.setString(r++, file.replica().se());
                    replicas.setString(r++, file.replica().pfn());
                    replicas.setString(r++, file.replica().status());
                }
                if (entries.executeUpdate() < rows) {
                    throw DshellException.failure("file exists: " + firstSkipped(files, start, end, firstId).path());
                }
                replicas.executeUpdate();
            } finally {
                if (rows != ROWS) {
                    entries.close();
                    replicas.close();
                }
            }
        }
    }

    /** The file of the chunk that ON CONFLICT skipped: the first whose id did not get a row. */
    private NewFile firstSkipped(List<NewFile> files, int start, int end, long firstId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM entries WHERE id = ?")) {
            for (int i = start; i < end; i++) {
                s.setLong(1, firstId + i);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return files.get(i);
                    }
                }
            }
        }
        return files.get(start);
    }

    private PreparedStatement fullEntries() throws SQLException {
        if (fullEntries == null) {
            fullEntries = connection.prepareStatement(entrySql(ROWS));
        }
        return fullEntries;
    }

    private PreparedStatement fullReplicas() throws SQLException {
        if (fullReplicas == null) {
            fullReplicas = connection.prepareStatement(replicaSql(ROWS));
        }
        return fullReplicas;
    }

    /** Owner, group, mode and times are bound once per statement; six values per file. */
    private static String entrySql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO entries (owner, grp, mode, ctime, mtime, id, parent, name, kind, size,"
                + " checksum, guid) SELECT o.owner, o.grp, o.mode, o.ctime, o.mtime, v.column1, v.column2, v.column3, 1,"
                + " v.column4, v.column5, v.column6 FROM (SELECT ? AS owner, ? AS grp, ? AS mode, ? AS ctime, ? AS mtime) o,"
                + " (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?)");
        }
        // "WHERE true" is SQLite's required disambiguation between a SELECT's join and an upsert clause.
        return sql.append(") v WHERE true ON CONFLICT (parent, name) DO NOTHING").toString();
    }

    private static String replicaSql(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO replicas (file, se, pfn, status) VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?)");
        }
        return sql.toString();
    }

    @Override
    public void close() throws SQLException {
        if (fullEntries != null) {
            fullEntries.close();
        }
        if (fullReplicas != null) {
            fullReplicas.close();
        }
    }
}
