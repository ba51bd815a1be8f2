package org.dshell.backend.local;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.dshell.core.DshellException;

/**
 * One SQLite file of the embedded grid (jobs, productions): WAL so several dshell processes share it,
 * writes in {@code BEGIN IMMEDIATE} transactions that queue on the busy timeout, one connection used
 * under this object's lock. Errors become one-line failures naming the database.
 */
public final class SqliteDatabase implements AutoCloseable {
    private final Connection connection;
    private final String what;

    /** Work on the connection, inside a transaction when run by {@link #write}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private SqliteDatabase(Connection connection, String what) {
        this.connection = connection;
        this.what = what;
    }

    /**
     * Opens (creating if needed) {@code file} and runs {@code schema} in a write transaction.
     *
     * @param what how errors name it, e.g. "job database"
     */
    public static SqliteDatabase open(Path file, String what, SqlWork<?> schema) {
        Path absolute = file.toAbsolutePath();
        try {
            SqliteFiles.prepare(absolute, made -> connect(made, what, schema).close());
            return connect(absolute, what, schema);
        } catch (SQLException | IOException e) {
            throw DshellException.failure("cannot open " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static SqliteDatabase connect(Path file, String what, SqlWork<?> schema) throws SQLException {
        SqliteDatabase db = new SqliteDatabase(DriverManager.getConnection("jdbc:sqlite:" + file, SqliteFiles.sharedProperties()), what);
        try {
            db.write(schema);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Runs the semicolon-separated statements of a schema (for {@link #open}). */
    public static void execute(Connection c, String statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements.split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    public synchronized <T> T read(SqlWork<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw DshellException.failure(what + " error: " + e.getMessage(), e);
        }
    }

    public synchronized <T> T write(SqlWork<T> work) {
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
            throw DshellException.failure(what + " error: " + e.getMessage(), e);
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
