package org.dshell.backend.local;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import org.dshell.core.meta.MetaType;

/**
 * The metadata tables beside the catalog's: field definitions, and one value table per type keyed by
 * entry id (so a move keeps metadata and a value never outlives its entry, thanks to a trigger).
 * Values are indexed by (field, value) for {@code find}; dates are stored as epoch milliseconds.
 */
final class MetadataSchema {
    private static final String TRIGGER = "meta_entry_deleted";

    private MetadataSchema() {
    }

    /** The value table of a type; the name comes from the enum, never from user input. */
    static String table(MetaType type) {
        return "meta_" + type.keyword();
    }

    static String sqlType(MetaType type) {
        return switch (type) {
            case INT, DATE -> "INTEGER";
            case FLOAT -> "REAL";
            case STRING -> "TEXT";
        };
    }

    /** Whether the tables exist (the trigger is created last), so a reader need not take the write lock. */
    static boolean exists(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = '" + TRIGGER + "'")) {
            return rs.next();
        }
    }

    /** Creates what is missing; idempotent. */
    static void create(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            // scope: 'file' or 'directory'; names are unique ignoring case, so Energy and energy cannot both exist.
            s.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS meta_fields (
                      id INTEGER PRIMARY KEY,
                      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
                      type TEXT NOT NULL,
                      scope TEXT NOT NULL)""");
            StringBuilder trigger = new StringBuilder("CREATE TRIGGER IF NOT EXISTS " + TRIGGER + " AFTER DELETE ON entries BEGIN");
            for (MetaType type : MetaType.values()) {
                String table = table(type);
                s.executeUpdate("CREATE TABLE IF NOT EXISTS " + table + " (entry INTEGER NOT NULL, field INTEGER NOT NULL,"
                        + " value " + sqlType(type) + " NOT NULL, PRIMARY KEY (entry, field)) WITHOUT ROWID");
                s.executeUpdate("CREATE INDEX IF NOT EXISTS " + table + "_value ON " + table + " (field, value)");
                trigger.append(" DELETE FROM ").append(table).append(" WHERE entry = old.id;");
            }
            // find walks the directory tree; without this it would visit every file row on the way.
            s.executeUpdate("CREATE INDEX IF NOT EXISTS entries_subdirectories ON entries (parent) WHERE kind = 0");
            s.executeUpdate(trigger.append(" END").toString());
        }
    }

    /** A typed value as stored. */
    static Object toSql(MetaType type, Object value) {
        return type == MetaType.DATE ? ((Instant) value).toEpochMilli() : value;
    }

    /** A query operand: like {@link #toSql}, but a date keeps its sub-millisecond part so comparisons stay exact enough. */
    static Object operand(MetaType type, Object value) {
        if (type == MetaType.DATE) {
            Instant t = (Instant) value;
            return t.getNano() % 1_000_000 == 0 ? (Object) t.toEpochMilli() : (Object) (t.getEpochSecond() * 1000.0 + t.getNano() / 1e6);
        }
        return value;
    }

    static Object read(MetaType type, ResultSet rs, int column) throws SQLException {
        return switch (type) {
            case INT -> rs.getLong(column);
            case FLOAT -> rs.getDouble(column);
            case STRING -> rs.getString(column);
            case DATE -> Instant.ofEpochMilli(rs.getLong(column));
        };
    }
}
