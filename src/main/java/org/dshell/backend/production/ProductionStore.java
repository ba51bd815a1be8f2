package org.dshell.backend.production;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.dshell.core.DshellException;

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

    private final Connection connection;

    private ProductionStore(Connection connection) {
        this.connection = connection;
    }

    static ProductionStore open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Properties properties = new Properties();
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "NORMAL");
            properties.setProperty("busy_timeout", "60000");
            ProductionStore store = new ProductionStore(DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties));
            store.write(c -> {
                try (Statement s = c.createStatement()) {
                    for (String statement : SCHEMA.split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
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
            });
            return store;
        } catch (SQLException | IOException e) {
            throw DshellException.failure("cannot open production database " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    synchronized <T> T read(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw DshellException.failure("production database error: " + e.getMessage(), e);
        }
    }

    synchronized <T> T write(SqlWork<T> work) {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(connection);
                s.execute("COMMIT");
                return result;
            } catch (RuntimeException | SQLException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw DshellException.failure("production database error: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing: nothing left to protect
        }
    }
}
