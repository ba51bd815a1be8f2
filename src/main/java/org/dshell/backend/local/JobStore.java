package org.dshell.backend.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.dshell.core.JobInfo;
import org.dshell.core.JobLogEntry;
import org.dshell.core.JobState;

/**
 * The embedded job database {@code $DSHELL_HOME/local/jobs.db}: jobs, their state log and the job
 * agent's heartbeat. A file of its own, apart from the catalog, so job bookkeeping never waits for
 * catalog writes. WAL lets shells and the agent read while one writes; writes take the lock up front
 * ({@code BEGIN IMMEDIATE}) and queue on the busy timeout. Every state change is conditional on the
 * job's current state and attempt, so a shell's kill and the agent's progress cannot undo each other.
 */
public final class JobStore implements AutoCloseable {
    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS jobs (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              owner TEXT NOT NULL, owner_group TEXT NOT NULL, vo TEXT NOT NULL,
              home TEXT NOT NULL,
              name TEXT NOT NULL, job_group TEXT NOT NULL,
              jdl TEXT NOT NULL,
              sandbox TEXT,
              priority INTEGER NOT NULL,
              status TEXT NOT NULL, minor_status TEXT NOT NULL, application_status TEXT NOT NULL DEFAULT '',
              submitted INTEGER NOT NULL, started INTEGER, ended INTEGER,
              pid INTEGER, attempt INTEGER NOT NULL DEFAULT 0, exit_code INTEGER);
            CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs(status, priority DESC, id);
            CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs(owner, id);
            CREATE TABLE IF NOT EXISTS job_log (
              seq INTEGER PRIMARY KEY AUTOINCREMENT, job_id INTEGER NOT NULL, time INTEGER NOT NULL,
              status TEXT NOT NULL, minor_status TEXT NOT NULL, source TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS job_log_by_job ON job_log(job_id, seq);
            CREATE TABLE IF NOT EXISTS agent (
              one INTEGER PRIMARY KEY CHECK (one = 1), state TEXT NOT NULL, pid INTEGER, since INTEGER NOT NULL)
            """;

    static final String INFO_COLUMNS = "id, name, job_group, owner, status, minor_status, application_status, submitted, started, ended";
    static final String ACTIVE = "('Running','Completing')";

    private final SqliteDatabase db;
    private final Path file;

    private JobStore(SqliteDatabase db, Path file) {
        this.db = db;
        this.file = file;
    }

    public static JobStore open(Path file) {
        return new JobStore(SqliteDatabase.open(file, "job database", c -> {
            SqliteDatabase.execute(c, SCHEMA);
            return null;
        }), file);
    }

    <T> T read(SqliteDatabase.SqlWork<T> work) {
        return db.read(work);
    }

    <T> T write(SqliteDatabase.SqlWork<T> work) {
        return db.write(work);
    }

    /**
     * Moves a job to a new state if it is in one of {@code from} (and, when {@code attempt >= 0}, still in
     * that attempt), logging the change. Returns whether it moved. Call inside {@link #write}.
     */
    static boolean transition(Connection c, long id, int attempt, String from, JobState to, String minor,
                              String applicationStatus, String source) throws SQLException {
        long now = System.currentTimeMillis();
        // 'from' is one of this package's constant state lists, never user input.
        String sql = "UPDATE jobs SET status = ?, minor_status = ?, application_status = COALESCE(?, application_status), ended = ?"
                + " WHERE id = ? AND status IN " + from + (attempt >= 0 ? " AND attempt = ?" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, to.diracName());
            s.setString(2, minor);
            s.setString(3, applicationStatus);
            setNullableLong(s, 4, to.isFinal() ? now : null);
            s.setLong(5, id);
            if (attempt >= 0) {
                s.setInt(6, attempt);
            }
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        log(c, id, now, to, minor, source);
        return true;
    }

    static void log(Connection c, long id, long time, JobState state, String minor, String source) throws SQLException {
        try (PreparedStatement s = prepareLog(c)) {
            log(s, id, time, state, minor, source);
        }
    }

    /** For many log lines in one transaction: preparing a statement costs more than running it. */
    static PreparedStatement prepareLog(Connection c) throws SQLException {
        return c.prepareStatement("INSERT INTO job_log (job_id, time, status, minor_status, source) VALUES (?, ?, ?, ?, ?)");
    }

    static void log(PreparedStatement s, long id, long time, JobState state, String minor, String source) throws SQLException {
        s.setLong(1, id);
        s.setLong(2, time);
        s.setString(3, state.diracName());
        s.setString(4, minor);
        s.setString(5, source);
        s.executeUpdate();
    }

    static JobInfo readInfo(ResultSet rs) throws SQLException {
        return new JobInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), JobState.parse(rs.getString(5)),
                rs.getString(6), rs.getString(7), instant(rs, 8), instant(rs, 9), instant(rs, 10));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
    }

    List<JobLogEntry> logging(long id) {
        return read(c -> {
            List<JobLogEntry> entries = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT status, minor_status, time, source FROM job_log WHERE job_id = ? ORDER BY seq")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new JobLogEntry(JobState.parse(rs.getString(1)), rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                    }
                }
            }
            return entries;
        });
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        db.close();
    }
}
