package org.dshell.backend.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.WorkloadManager;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.JobInfo;
import org.dshell.core.JobLogEntry;
import org.dshell.core.JobState;
import org.dshell.core.LfnPath;
import org.dshell.core.jdl.Jdl;
import org.dshell.core.jdl.JobDescription;

/**
 * The embedded grid's WMS: jobs in {@code jobs.db}, run by the detached {@link JobAgent}. This class
 * only records decisions (submit, kill, delete, reschedule) and starts an agent when work waits and
 * none is alive; the agent alone runs payloads and records their outcome.
 */
public final class LocalWorkloadManager implements WorkloadManager, AutoCloseable {
    static final String UNFINISHED = "('Submitting','Received','Checking','Waiting','Matched','Running','Stalled','Completing')";
    private static final String SOURCE = "dshell";
    /** How long a shell trusts another shell that said it is starting an agent. */
    private static final long AGENT_START_GRACE_MILLIS = 15_000;

    private final Path localRoot;
    private final Identity identity;
    private final LfnPath home;
    private final Supplier<FileCatalog> catalog;
    private final Supplier<JobDataStager> stager;
    private JobStore store;
    private static final long RECONCILE_MILLIS = 1000;
    private volatile long lastReconcile;

    public LocalWorkloadManager(Path localRoot, Identity identity, LfnPath home, Supplier<FileCatalog> catalog,
                                Supplier<JobDataStager> stager) {
        this.localRoot = localRoot;
        this.identity = identity;
        this.home = home;
        this.catalog = catalog;
        this.stager = stager;
    }

    private synchronized JobStore store() {
        if (store == null) {
            store = JobStore.open(localRoot.resolve("jobs.db"));
        }
        return store;
    }

    @Override
    public List<Long> submit(List<JobDescription> jobs, Path sandboxBase) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        // A batch (a production's tasks) names many InputData files in few directories: list each directory once.
        Map<LfnPath, Map<String, Boolean>> listings = jobs.size() > 1 ? new HashMap<>() : null;
        for (int i = 0; i < jobs.size(); i++) {
            check(jobs.get(i), sandboxBase, jobs.size() == 1 ? "" : " (job " + (i + 1) + " of " + jobs.size() + ")", listings);
        }
        Map<List<Path>, Path> sandboxes = new HashMap<>();
        try {
            for (JobDescription job : jobs) {
                List<Path> files = localSandbox(job, sandboxBase);
                if (!files.isEmpty() && !sandboxes.containsKey(files)) {
                    sandboxes.put(files, storeSandbox(files));
                }
            }
            List<Long> ids = insert(jobs, sandboxBase, sandboxes);
            ensureAgent();
            return ids;
        } catch (RuntimeException e) {
            for (Path dir : sandboxes.values()) {
                deleteQuietly(dir);
            }
            throw e;
        }
    }

    /** Bad input is refused before anything is stored: missing sandbox files, unknown LFNs or SEs. */
    private void check(JobDescription job, Path sandboxBase, String which, Map<LfnPath, Map<String, Boolean>> listings) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : job.inputSandbox()) {
            if (isLfn(entry)) {
                requireCatalogFile("InputSandbox", entry.substring(4).strip(), which);
                continue;
            }
            Path file = sandboxBase.resolve(entry).normalize();
            if (!Files.exists(file)) {
                throw DshellException.usage("InputSandbox: no such file: " + file + which);
            }
            if (!names.add(file.getFileName().toString())) {
                throw DshellException.usage("InputSandbox: two entries named " + file.getFileName() + which);
            }
        }
        for (String lfn : job.inputData()) {
            if (!listedAsFile(lfn, listings)) {
                requireCatalogFile("InputData", lfn, which);
            }
        }
        for (String se : job.outputSE()) {
            try {
                stager.get().checkStorageElement(se);
            } catch (DshellException e) {
                throw DshellException.usage("OutputSE: " + e.getMessage() + which);
            }
        }
        if (!job.outputPath().isBlank()) {
            try {
                home.resolve(job.outputPath());
            } catch (DshellException e) {
                throw DshellException.usage("OutputPath: " + e.getMessage() + which);
            }
        }
    }

    /** Whether the listing of its directory shows {@code lfn} as a file; when not, {@link #requireCatalogFile} says why. */
    private boolean listedAsFile(String lfn, Map<LfnPath, Map<String, Boolean>> listings) {
        if (listings == null) {
            return false;
        }
        LfnPath path;
        try {
            path = LfnPath.of(lfn);
        } catch (DshellException e) {
            return false;
        }
        Map<String, Boolean> names = listings.computeIfAbsent(path.parent(), dir -> {
            Map<String, Boolean> children = new HashMap<>();
            try {
                catalog.get().childNames(dir).forEach(c -> children.put(c.name(), c.directory()));
            } catch (DshellException e) {
                // no such directory or not readable: each file then gets its own one-line error
            }
            return children;
        });
        return Boolean.FALSE.equals(names.get(path.name()));
    }

    private void requireCatalogFile(String attribute, String lfn, String which) {
        LfnPath path;
        try {
            path = LfnPath.of(lfn);
        } catch (DshellException e) {
            throw DshellException.usage(attribute + ": " + e.getMessage() + which);
        }
        Optional<CatalogEntry> entry = catalog.get().stat(path);
        if (entry.isEmpty()) {
            throw DshellException.usage(attribute + ": no such file in the catalog: " + path + which);
        }
        if (entry.get().isDirectory()) {
            throw DshellException.usage(attribute + ": " + path + " is a directory, not a file" + which);
        }
    }

    private static boolean isLfn(String sandboxEntry) {
        return sandboxEntry.regionMatches(true, 0, "LFN:", 0, 4);
    }

    private static List<Path> localSandbox(JobDescription job, Path base) {
        return job.inputSandbox().stream().filter(e -> !isLfn(e)).map(e -> base.resolve(e).normalize()).toList();
    }

    /**
     * Copies an input sandbox at submit time, as DIRAC uploads it to the sandbox store: the job runs with
     * the files as they were when submitted. Jobs with the same sandbox (a parametric job) share one copy.
     */
    private Path storeSandbox(List<Path> files) {
        Path dir = localRoot.resolve("sandboxes").resolve(UUID.randomUUID().toString());
        try {
            Files.createDirectories(dir);
            for (Path file : files) {
                Path target = dir.resolve(file.getFileName().toString());
                if (Files.isDirectory(file)) {
                    JobRun.copyTree(file, target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return dir;
        } catch (IOException e) {
            deleteQuietly(dir);
            throw DshellException.failure("cannot copy the input sandbox to " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<Long> insert(List<JobDescription> jobs, Path sandboxBase, Map<List<Path>, Path> sandboxes) {
        return store().write(c -> {
            List<Long> ids = new ArrayList<>(jobs.size());
            long now = System.currentTimeMillis();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (owner, owner_group, vo, home, name, job_group, jdl, sandbox,"
                    + " priority, status, minor_status, submitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'Waiting', 'Pilot Agent Submission', ?)");
                 PreparedStatement lastId = c.prepareStatement("SELECT last_insert_rowid()");
                 PreparedStatement log = JobStore.prepareLog(c)) {
                for (JobDescription job : jobs) {
                    Path sandbox = sandboxes.get(localSandbox(job, sandboxBase));
                    s.setString(1, identity.user());
                    s.setString(2, identity.group());
                    s.setString(3, identity.vo());
                    s.setString(4, home.toString());
                    s.setString(5, job.jobName().isBlank() ? Path.of(job.executable()).getFileName().toString() : job.jobName());
                    s.setString(6, job.jobGroup());
                    s.setString(7, job.jdl().toJdl());
                    s.setString(8, sandbox == null ? null : sandbox.toString());
                    s.setInt(9, job.priority());
                    s.setLong(10, now);
                    s.executeUpdate();
                    long id;
                    try (ResultSet rs = lastId.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    JobStore.log(log, id, now, JobState.RECEIVED, "Job accepted", SOURCE);
                    JobStore.log(log, id, now, JobState.WAITING, "Pilot Agent Submission", SOURCE);
                    ids.add(id);
                }
            }
            return ids;
        });
    }

    /**
     * Starts a job agent unless one is alive or being started. Decided in a write transaction, so that
     * of two shells only one starts an agent, and an agent deciding to exit cannot miss new jobs.
     */
    void ensureAgent() {
        boolean start = store().write(c -> {
            String state = null;
            long pid = 0;
            long since = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT state, pid, since FROM agent WHERE one = 1"); ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    state = rs.getString(1);
                    pid = rs.getLong(2);
                    since = rs.getLong(3);
                }
            }
            long now = System.currentTimeMillis();
            if ("running".equals(state) && DetachedProcesses.isAlive(pid, since)
                    || "starting".equals(state) && now - since < AGENT_START_GRACE_MILLIS) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO agent (one, state, pid, since) VALUES (1, 'starting', NULL, ?)")) {
                s.setLong(1, now);
                s.executeUpdate();
            }
            return true;
        });
        if (start) {
            DetachedProcesses.startAgent(localRoot);
        }
    }

    /** Makes sure unfinished jobs have an agent: after a crash, a reboot, or an agent killed by hand. */
    void reconcile() {
        // A production engine asks for job states several times a second; once a second is enough to notice a dead agent.
        long now = System.currentTimeMillis();
        if (now - lastReconcile < RECONCILE_MILLIS) {
            return;
        }
        lastReconcile = now;
        long unfinished = store().read(c -> JobAgent.count(c, "SELECT count(*) FROM jobs WHERE status IN " + UNFINISHED));
        if (unfinished > 0) {
            ensureAgent();
        }
    }

    /** What dshell does at start: reconcile in the background, so start-up never waits for the job database. */
    public static void reconcileInBackground(Path localRoot) {
        if (!Files.exists(localRoot.resolve("jobs.db"))) {
            return;
        }
        Thread thread = new Thread(() -> {
            try (LocalWorkloadManager manager = new LocalWorkloadManager(localRoot, null, null, null, null)) {
                manager.reconcile();
            } catch (RuntimeException e) {
                // the next status retries
            }
        }, "job-reconcile");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public List<JobInfo> jobs(JobFilter filter) {
        reconcile();
        StringBuilder sql = new StringBuilder("SELECT " + JobStore.INFO_COLUMNS + " FROM jobs WHERE owner = ?");
        List<Object> params = new ArrayList<>();
        params.add(identity.user());
        if (!filter.ids().isEmpty()) {
            sql.append(" AND id IN (").append(placeholders(filter.ids().size())).append(")");
            params.addAll(filter.ids());
        }
        if (!filter.states().isEmpty()) {
            sql.append(" AND status IN (").append(placeholders(filter.states().size())).append(")");
            filter.states().forEach(s -> params.add(s.diracName()));
        } else if (filter.ids().isEmpty() && !filter.includeFinal()) {
            sql.append(" AND status IN ").append(UNFINISHED);
        }
        if (filter.group() != null) {
            sql.append(" AND job_group = ?");
            params.add(filter.group());
        }
        if (filter.name() != null) {
            sql.append(" AND name GLOB ?");
            params.add(filter.name());
        }
        if (filter.submittedSince() != null) {
            sql.append(" AND submitted >= ?");
            params.add(filter.submittedSince().toEpochMilli());
        }
        sql.append(" ORDER BY id");
        return store().read(c -> {
            List<JobInfo> jobs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        jobs.add(JobStore.readInfo(rs));
                    }
                }
            }
            return jobs;
        });
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    @Override
    public JobInfo job(long id) {
        return store().read(c -> require(c, id));
    }

    private JobInfo require(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + JobStore.INFO_COLUMNS + " FROM jobs WHERE id = ? AND owner = ?")) {
            s.setLong(1, id);
            s.setString(2, identity.user());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw DshellException.usage("no such job: " + id);
                }
                return JobStore.readInfo(rs);
            }
        }
    }

    @Override
    public String jdl(long id) {
        return store().read(c -> {
            require(c, id);
            try (PreparedStatement s = c.prepareStatement("SELECT jdl FROM jobs WHERE id = ?")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    @Override
    public void kill(List<Long> ids) {
        List<Long> groups = store().write(c -> {
            for (long id : ids) {
                JobInfo job = require(c, id);
                if (job.state().isFinal()) {
                    throw DshellException.failure("job " + id + " is already " + job.state() + "; only unfinished jobs can be killed");
                }
            }
            List<Long> pids = new ArrayList<>();
            for (long id : ids) {
                payloadPid(c, id).ifPresent(pids::add);
                JobStore.transition(c, id, -1, UNFINISHED, JobState.KILLED, "Marked for termination", "Killed by " + identity.user(), SOURCE);
            }
            return pids;
        });
        groups.forEach(pid -> DetachedProcesses.killGroup(pid, 1000));
    }

    @Override
    public void delete(List<Long> ids) {
        List<Long> groups = store().write(c -> {
            for (long id : ids) {
                if (require(c, id).state() == JobState.DELETED) {
                    throw DshellException.failure("job " + id + " is already Deleted");
                }
            }
            List<Long> pids = new ArrayList<>();
            for (long id : ids) {
                payloadPid(c, id).ifPresent(pids::add);
                JobStore.transition(c, id, -1, "('Submitting','Received','Checking','Waiting','Matched','Running','Stalled','Completing',"
                        + "'Done','Completed','Failed','Killed')", JobState.DELETED, "Deleted by user", null, SOURCE);
            }
            return pids;
        });
        groups.forEach(pid -> DetachedProcesses.killGroup(pid, 1000));
        for (long id : ids) {
            deleteQuietly(JobRun.workDir(localRoot, id));
        }
    }

    @Override
    public void reschedule(List<Long> ids) {
        List<Long> groups = store().write(c -> {
            for (long id : ids) {
                if (require(c, id).state() == JobState.DELETED) {
                    throw DshellException.failure("job " + id + " is Deleted and cannot be rescheduled");
                }
            }
            List<Long> pids = new ArrayList<>();
            long now = System.currentTimeMillis();
            try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET status = 'Waiting', minor_status = 'Pilot Agent Submission',"
                    + " application_status = '', attempt = attempt + 1, started = NULL, ended = NULL, pid = NULL WHERE id = ?");
                 PreparedStatement log = JobStore.prepareLog(c)) {
                for (long id : ids) {
                    payloadPid(c, id).ifPresent(pids::add);
                    s.setLong(1, id);
                    s.executeUpdate();
                    JobStore.log(log, id, now, JobState.RECEIVED, "Job Rescheduled", SOURCE);
                    JobStore.log(log, id, now, JobState.WAITING, "Pilot Agent Submission", SOURCE);
                }
            }
            return pids;
        });
        groups.forEach(pid -> DetachedProcesses.killGroup(pid, 1000));
        ensureAgent();
    }

    /** The process group of a job's payload, if it is running. */
    private static Optional<Long> payloadPid(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pid FROM jobs WHERE id = ? AND status IN " + JobStore.ACTIVE)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    long pid = rs.getLong(1);
                    return rs.wasNull() ? Optional.empty() : Optional.of(pid);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<Path> outputSandbox(long id, Path directory) {
        JobInfo job = job(id);
        if (!job.state().isFinal()) {
            throw DshellException.failure("job " + id + " is " + job.state() + "; its output sandbox is ready when it ends");
        }
        if (job.state() == JobState.DELETED) {
            throw DshellException.failure("job " + id + " is Deleted; its output sandbox is gone");
        }
        Path work = JobRun.workDir(localRoot, id);
        if (!Files.isDirectory(work)) {
            throw DshellException.failure("job " + id + " has no output sandbox: it never ran");
        }
        JobDescription description = JobDescription.from(Jdl.parse(jdl(id)));
        List<String> patterns = new ArrayList<>(List.of(description.stdOutput(), description.stdError()));
        patterns.addAll(description.outputSandbox());
        Path target = directory.resolve(Long.toString(id));
        List<Path> copied = new ArrayList<>();
        try {
            Files.createDirectories(target);
            for (String pattern : new LinkedHashSet<>(patterns)) {
                for (Path file : matching(work, pattern)) {
                    Path destination = target.resolve(work.relativize(file).toString());
                    Files.createDirectories(destination.getParent());
                    Files.copy(file, destination, StandardCopyOption.REPLACE_EXISTING);
                    copied.add(destination);
                }
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot copy the output sandbox of job " + id + " to " + target + ": " + e.getMessage(), e);
        }
        return copied;
    }

    /** OutputSandbox entries may be wildcards ({@code *.log}), matched in the job's directory. */
    private static List<Path> matching(Path work, String pattern) throws IOException {
        Path literal = work.resolve(pattern).normalize();
        if (!literal.startsWith(work)) {
            return List.of();
        }
        if (Files.isRegularFile(literal)) {
            return List.of(literal);
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(Files::isRegularFile).filter(f -> matcher.matches(work.relativize(f)))
                    .filter(f -> !f.getFileName().toString().startsWith(".dshell-")).sorted().toList();
        }
    }

    @Override
    public List<JobLogEntry> logging(long id) {
        job(id);
        return store().logging(id);
    }

    @Override
    public List<String> peek(long id, int lines) {
        JobInfo job = job(id);
        Path stdout = JobRun.workDir(localRoot, id).resolve(JobDescription.from(Jdl.parse(jdl(id))).stdOutput());
        if (!Files.isRegularFile(stdout)) {
            throw DshellException.failure("job " + id + " is " + job.state() + " and has no output yet");
        }
        Deque<String> last = new ArrayDeque<>();
        // A reader that replaces malformed bytes: a payload may print anything.
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(stdout), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                last.addLast(line);
                if (last.size() > lines) {
                    last.removeFirst();
                }
            }
        } catch (IOException e) {
            throw DshellException.failure("cannot read the output of job " + id + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(last);
    }

    private static void deleteQuietly(Path dir) {
        try {
            JobRun.deleteTree(dir);
        } catch (IOException e) {
            // leftovers in local/ are harmless
        }
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
