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
              PRIMARY KEY (production_id, step_id, lfn))
            """;

    private final SqliteDatabase db;

    private ProductionStore(SqliteDatabase db) {
        this.db = db;
    }

    static ProductionStore open(Path file) {
        return new ProductionStore(SqliteDatabase.open(file, "production database", c -> {
            SqliteDatabase.execute(c, SCHEMA);
            try (Statement s = c.createStatement()) {
                // tasks.claimed (when a pass took a task to submit it) came after the first databases
                boolean claimed = false;
                try (ResultSet rs = s.executeQuery("PRAGMA table_info(tasks)")) {
                    while (rs.next()) {
                        claimed |= rs.getString("name").equals("claimed");
                    }
                }
                if (!claimed) {
                    s.execute("ALTER TABLE tasks ADD COLUMN claimed INTEGER");
                }
            }
            return null;
        }));
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
