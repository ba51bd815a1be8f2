package org.dshell.backend.production;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;

import org.dshell.backend.local.SqliteDatabase;

/**
 * {@code $DSHELL_HOME/local/productions.db}: productions, their steps, files and tasks. A database of its
 * own (WAL), so the engine's bookkeeping never waits for the catalog's or the jobs' writers; writes take
 * the lock up front ({@code BEGIN IMMEDIATE}) and every state change is conditional on the current state,
 * so two dshell processes driving the same production cannot assign a file twice.
 */
final class ProductionStore implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS productions (
              id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, owner TEXT NOT NULL, owner_group TEXT NOT NULL,
              yaml TEXT NOT NULL, base_dir TEXT NOT NULL, state TEXT NOT NULL, created INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS steps (
              production_id INTEGER NOT NULL, step_id TEXT NOT NULL, position INTEGER NOT NULL,
              flushed INTEGER NOT NULL DEFAULT 0, next_task INTEGER NOT NULL DEFAULT 1,
              PRIMARY KEY (production_id, step_id));
            CREATE TABLE IF NOT EXISTS files (
              production_id INTEGER NOT NULL, step_id TEXT NOT NULL, lfn TEXT NOT NULL, state TEXT NOT NULL,
              errors INTEGER NOT NULL DEFAULT 0, task_no INTEGER,
              PRIMARY KEY (production_id, step_id, lfn));
            CREATE INDEX IF NOT EXISTS files_by_state ON files(production_id, step_id, state, lfn);
            CREATE TABLE IF NOT EXISTS tasks (
              production_id INTEGER NOT NULL, step_id TEXT NOT NULL, task_no INTEGER NOT NULL, status TEXT NOT NULL,
              job_id INTEGER, job_state TEXT, attempts INTEGER NOT NULL DEFAULT 0, message TEXT, claimed INTEGER,
              PRIMARY KEY (production_id, step_id, task_no));
            CREATE INDEX IF NOT EXISTS tasks_by_status ON tasks(production_id, status);
            CREATE TABLE IF NOT EXISTS outputs (
              production_id INTEGER NOT NULL, step_id TEXT NOT NULL, lfn TEXT NOT NULL,
              PRIMARY KEY (production_id, step_id, lfn));
            CREATE TABLE IF NOT EXISTS engine (
              one INTEGER PRIMARY KEY CHECK (one = 1), state TEXT NOT NULL, pid INTEGER, since INTEGER NOT NULL)
            """;

    private final SqliteDatabase db;

    private ProductionStore(SqliteDatabase db) {
        this.db = db;
    }

    static ProductionStore open(Path file) {
        return new ProductionStore(SqliteDatabase.open(file, "production database", c -> {
            SqliteDatabase.execute(c, SCHEMA);
            // Columns that came after the first databases: tasks.claimed (when a pass took a task to submit
            // it); productions.vo and home (whom the detached engine acts as).
            addMissingColumn(c, "tasks", "claimed", "INTEGER");
            addMissingColumn(c, "productions", "vo", "TEXT");
            addMissingColumn(c, "productions", "home", "TEXT");
            return null;
        }));
    }

    private static void addMissingColumn(java.sql.Connection c, String table, String column, String type) throws java.sql.SQLException {
        try (Statement s = c.createStatement()) {
            boolean present = false;
            try (ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rs.next()) {
                    present |= rs.getString("name").equals(column);
                }
            }
            if (!present) {
                s.execute("ALTER TABLE " + table + " ADD COLUMN " + column + " " + type);
            }
        }
    }

    <T> T read(SqliteDatabase.SqlWork<T> work) {
        return db.read(work);
    }

    <T> T write(SqliteDatabase.SqlWork<T> work) {
        return db.write(work);
    }

    @Override
    public void close() {
        db.close();
    }
}
