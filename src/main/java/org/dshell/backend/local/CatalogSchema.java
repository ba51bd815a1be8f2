package org.dshell.backend.local;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the embedded catalog's tables; idempotent, so every process may call it on open. */
final class CatalogSchema {
    /** The root directory's row id; its parent is 0, which no row has. */
    static final long ROOT_ID = 1;

    private CatalogSchema() {
    }

    static void create(Connection connection, long now) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // kind: 0 = directory, 1 = file. Times are milliseconds since the epoch.
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS entries (
                      id INTEGER PRIMARY KEY,
                      parent INTEGER NOT NULL,
                      name TEXT NOT NULL,
                      kind INTEGER NOT NULL,
                      size INTEGER NOT NULL DEFAULT 0,
                      checksum TEXT,
                      guid TEXT,
                      owner TEXT NOT NULL,
                      grp TEXT NOT NULL,
                      mode INTEGER NOT NULL,
                      ctime INTEGER NOT NULL,
                      mtime INTEGER NOT NULL,
                      status TEXT NOT NULL DEFAULT 'AprioriGood',
                      UNIQUE (parent, name))""");
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS replicas (
                      file INTEGER NOT NULL,
                      se TEXT NOT NULL,
                      pfn TEXT NOT NULL,
                      status TEXT NOT NULL DEFAULT 'AprioriGood',
                      PRIMARY KEY (file, se)) WITHOUT ROWID""");
            s.executeUpdate("CREATE INDEX IF NOT EXISTS replicas_by_pfn ON replicas (se, pfn)");
            s.executeUpdate("INSERT OR IGNORE INTO entries (id, parent, name, kind, owner, grp, mode, ctime, mtime)"
                    + " VALUES (1, 0, '', 0, 'root', 'dirac_admin', 493, " + now + ", " + now + ")");
        }
    }
}
