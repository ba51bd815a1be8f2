package org.dshell.backend.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.Identity;
import org.dshell.core.JobState;
import org.dshell.core.LfnPath;

/**
 * The job agent of the embedded grid: a detached JVM (see {@link DetachedProcesses}) that runs the
 * waiting jobs of one {@code $DSHELL_HOME}, at most {@code jobs.max-running} at a time, and exits
 * when the queue has been empty for a moment. One agent for the queue rather than one JVM per job:
 * a JVM start costs more CPU than a trivial job, and a single scheduler makes the limit exact.
 * An exclusive file lock keeps it single; its row in jobs.db tells shells whether one is alive.
 * Jobs a dead agent left Running are adopted: waited for if their payload still runs, else judged
 * by the exit code file their wrapper wrote.
 */
public final class JobAgent {
    static final String MAX_RUNNING_SETTING = "jobs.max-running";
    /** How long an idle agent waits for more jobs before it exits, so that a burst of submits shares one agent. */
    static final long LINGER_MILLIS = 3000;
    private static final long POLL_MILLIS = 100;

    private final Path localRoot;
    private final Object wake = new Object();
    private final Map<String, JobDataStager> stagers = new ConcurrentHashMap<>();
    private final List<LocalGrid> grids = new ArrayList<>();

    JobAgent(Path localRoot) {
        this.localRoot = localRoot;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: JobAgent LOCAL_GRID_DIRECTORY");
            System.exit(2);
        }
        try {
            new JobAgent(Path.of(args[0])).run();
        } catch (RuntimeException | IOException e) {
            System.err.println(Instant.now() + " job agent failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** The job limit: the {@code jobs.max-running} setting, by default one job per core. */
    static int maxRunning(Path localRoot) {
        Settings settings = Settings.load(localRoot.getParent().resolve(Settings.FILE_NAME));
        return Math.max(1, settings.getInt(MAX_RUNNING_SETTING, Runtime.getRuntime().availableProcessors()));
    }

    void run() throws IOException {
        try (FileChannel channel = FileChannel.open(localRoot.resolve("jobs-agent.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock();
             JobStore store = JobStore.open(localRoot.resolve("jobs.db"))) {
            register(store);
            int max = maxRunning(localRoot);
            Semaphore slots = new Semaphore(max);
            ExecutorService workers = Executors.newFixedThreadPool(max, r -> {
                Thread t = new Thread(r, "job-worker");
                t.setDaemon(true);
                return t;
            });
            for (JobRun.Claim orphan : orphans(store)) {
                slots.acquireUninterruptibly();
                start(store, workers, slots, orphan);
            }
            long idleSince = System.currentTimeMillis();
            while (true) {
                List<JobRun.Claim> claims = slots.availablePermits() > 0 ? claim(store, slots.availablePermits(), max) : List.of();
                for (JobRun.Claim claim : claims) {
                    slots.acquireUninterruptibly();
                    start(store, workers, slots, claim);
                }
                long now = System.currentTimeMillis();
                if (!claims.isEmpty() || slots.availablePermits() < max) {
                    idleSince = now;
                } else if (now - idleSince >= LINGER_MILLIS && stop(store)) {
                    break;
                }
                if (claims.isEmpty()) {
                    synchronized (wake) {
                        try {
                            wake.wait(POLL_MILLIS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            break;
                        }
                    }
                }
            }
            workers.shutdown();
            workers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            grids.forEach(LocalGrid::close);
        }
    }

    private void start(JobStore store, ExecutorService workers, Semaphore slots, JobRun.Claim claim) {
        workers.execute(() -> {
            try {
                new JobRun(store, localRoot, claim, this::stager).run();
            } finally {
                slots.release();
                synchronized (wake) {
                    wake.notifyAll();
                }
            }
        });
    }

    /** The data stager acting as the job's owner, one per owner and group. */
    private JobDataStager stager(JobRun.Claim claim) {
        return stagers.computeIfAbsent(claim.owner() + "\n" + claim.ownerGroup(), key -> {
            LocalGrid grid = new LocalGrid(localRoot, new Identity(claim.owner(), claim.ownerGroup(), claim.vo(), "job owner"),
                    LfnPath.of(claim.home()),
                    StorageSettings.load(Settings.load(localRoot.getParent().resolve(Settings.FILE_NAME)), localRoot.getParent()));
            synchronized (grids) {
                grids.add(grid);
            }
            return JobDataStager.forGrid(grid);
        });
    }

    private static void register(JobStore store) {
        ProcessHandle self = ProcessHandle.current();
        store.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO agent (one, state, pid, since) VALUES (1, 'running', ?, ?)")) {
                s.setLong(1, self.pid());
                s.setLong(2, DetachedProcesses.startMillis(self));
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Exits only if no job waits, decided in the same kind of write transaction in which shells add
     * jobs and look at the agent: either this agent sees the new jobs, or the shell sees it stopped
     * and starts another.
     */
    private static boolean stop(JobStore store) {
        return store.write(c -> {
            if (count(c, "SELECT count(*) FROM jobs WHERE status IN ('Received','Waiting')") > 0) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE agent SET state = 'stopped', pid = NULL, since = ?")) {
                s.setLong(1, System.currentTimeMillis());
                s.executeUpdate();
            }
            return true;
        });
    }

    /** Takes up to {@code free} waiting jobs, highest priority first, without passing {@code max} running jobs in all. */
    static List<JobRun.Claim> claim(JobStore store, int free, int max) {
        return store.write(c -> {
            int n = Math.min(free, max - (int) count(c, "SELECT count(*) FROM jobs WHERE status IN " + JobStore.ACTIVE));
            List<JobRun.Claim> claims = new ArrayList<>();
            if (n <= 0) {
                return claims;
            }
            try (PreparedStatement s = c.prepareStatement("SELECT id, attempt, jdl, sandbox, owner, owner_group, vo, home FROM jobs"
                    + " WHERE status = 'Waiting' ORDER BY priority DESC, id LIMIT ?")) {
                s.setInt(1, n);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claims.add(new JobRun.Claim(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), System.currentTimeMillis(), null, false));
                    }
                }
            }
            long now = System.currentTimeMillis();
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET started = ?, pid = NULL WHERE id = ?")) {
                for (JobRun.Claim claim : claims) {
                    JobStore.log(c, claim.id(), now, JobState.MATCHED, "Assigned", JobRun.AGENT);
                    JobStore.transition(c, claim.id(), claim.attempt(), "('Waiting')", JobState.RUNNING, "Job Initialization", null, JobRun.AGENT);
                    s.setLong(1, now);
                    s.setLong(2, claim.id());
                    s.executeUpdate();
                }
            }
            return claims;
        });
    }

    /** Jobs left Running or Completing by an agent that is gone (this agent holds the lock, so no other runs). */
    private static List<JobRun.Claim> orphans(JobStore store) {
        return store.read(c -> {
            List<JobRun.Claim> orphans = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, attempt, jdl, sandbox, owner, owner_group, vo, home, started, pid"
                    + " FROM jobs WHERE status IN " + JobStore.ACTIVE + " ORDER BY id");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long pid = rs.getLong(10);
                    Long payload = rs.wasNull() ? null : pid;
                    orphans.add(new JobRun.Claim(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), payload, true));
                }
            }
            return orphans;
        });
    }

    static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
