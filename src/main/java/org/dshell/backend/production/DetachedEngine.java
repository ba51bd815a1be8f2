package org.dshell.backend.production;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

import org.dshell.backend.ProductionManager.EngineStatus;
import org.dshell.backend.local.DetachedProcesses;
import org.dshell.config.Settings;

/**
 * Starts and reports the detached production engine of one {@code $DSHELL_HOME} ({@link ProductionAgent}).
 * Its row in {@code productions.db} says whether it runs; starting is decided in a write transaction, as
 * the agent's decision to exit is, so that a production submitted while the engine stops is either seen
 * by that engine or starts a new one. The setting {@code productions.engine = off} keeps it from
 * starting: productions then advance only in {@code production run --wait}.
 */
final class DetachedEngine {
    static final String SETTING = "productions.engine";
    /** How long a shell trusts another shell that said it is starting the engine. */
    private static final long START_GRACE_MILLIS = 15_000;
    /**
     * Productions {@code p} the engine has work for: Active ones, and Stopped ones whose submitted jobs it
     * still follows (those stored before the engine existed have no home to act in).
     */
    static final String HAS_WORK = "p.home IS NOT NULL AND (p.state = 'Active' OR p.state = 'Stopped' AND EXISTS"
            + " (SELECT 1 FROM tasks t WHERE t.production_id = p.id AND t.status IN ('Submitting','Submitted')))";
    static final String WORK = "SELECT count(*) FROM productions p WHERE " + HAS_WORK;

    private final ProductionStore store;
    private final Path localRoot;

    DetachedEngine(ProductionStore store, Path localRoot) {
        this.store = store;
        this.localRoot = localRoot;
    }

    private boolean off() {
        return "off".equals(Settings.load(localRoot.getParent().resolve(Settings.FILE_NAME)).get(SETTING, "detached"));
    }

    /** Starts the engine when there is work and none runs or is being started. */
    void ensureRunning() {
        if (off()) {
            return;
        }
        boolean start = store.write(c -> {
            if (ProductionEngine.longValue(c, WORK) == 0 || alive(c) != null) {
                return false;
            }
            ProductionEngine.update(c, "INSERT OR REPLACE INTO engine (one, state, pid, since) VALUES (1, 'starting', NULL, ?)",
                    System.currentTimeMillis());
            return true;
        });
        if (start) {
            DetachedProcesses.startJvm(ProductionAgent.class.getName(), localRoot, ProductionAgent.LOG, "production engine");
        }
    }

    EngineStatus status() {
        EngineStatus status = store.read(this::alive);
        if (status != null) {
            return status;
        }
        return new EngineStatus(false, 0, null, off() ? SETTING + " is off: productions advance in 'production run --wait'"
                : "'production start ID' starts it for an Active production");
    }

    /** The running (or just starting) engine, or null. */
    private EngineStatus alive(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, pid, since FROM engine WHERE one = 1"); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            String state = rs.getString(1);
            long pid = rs.getLong(2);
            long since = rs.getLong(3);
            if ("running".equals(state) && DetachedProcesses.isAlive(pid, since)) {
                return new EngineStatus(true, pid, Instant.ofEpochMilli(since), "running");
            }
            if ("starting".equals(state) && System.currentTimeMillis() - since < START_GRACE_MILLIS) {
                return new EngineStatus(true, 0, Instant.ofEpochMilli(since), "starting");
            }
            return null;
        }
    }
}
