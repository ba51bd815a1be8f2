package org.dshell.backend.production;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.Grid;
import org.dshell.backend.WorkloadManager;
import org.dshell.backend.local.SqliteDatabase;
import org.dshell.core.DshellException;
import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.core.LfnPath;
import org.dshell.core.jdl.Jdl;
import org.dshell.core.jdl.JobDescription;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaFieldLookup;
import org.dshell.core.production.JobTemplate;
import org.dshell.core.production.ProductionSpec;
import org.dshell.core.production.StepSpec;

/**
 * One pass of the transformation agent over one production, step by step with parents first: account
 * for finished jobs (Done: the outputs the job agent registered get the step's output metadata, inputs
 * Processed; else inputs back to Unused, or MaxReset after the retry limit, or Problematic when the
 * agent could not download them), find new input files, group Unused files into tasks of the group
 * size, and submit the new tasks as jobs whose InputData and OutputData move the data.
 */
final class ProductionEngine {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_]+)}");
    private static final int SUBMIT_BATCH = 200;
    /** How long a task may stay Submitting without a job before it is submitted again (see {@link #recoverSubmitting}). */
    static final long SUBMITTING_GRACE_MILLIS = 60_000;
    private static final String INPUT_DATA_NOT_AVAILABLE = "Input Data Not Available";

    private final ProductionStore store;
    private final Grid grid;
    private final Supplier<LfnPath> home;

    ProductionEngine(ProductionStore store, Grid grid, Supplier<LfnPath> home) {
        this.store = store;
        this.grid = grid;
        this.home = home;
    }

    /** How often a step without parents looks for new input files in the catalog. */
    private static final long ROOT_DISCOVERY_MILLIS = 5_000;
    /** Per production/step, how many passes saw its jobs finish; a child compares with what it last saw. */
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<String, Long> seen = new HashMap<>();
    private final Map<String, Long> lastDiscovery = new HashMap<>();
    /** Per production/step, the outputs already given metadata (loaded from the outputs table once). */
    private final Map<String, Set<String>> knownOutputs = new HashMap<>();

    /**
     * Whether a step runs a metadata {@code find}: a step without parents at most every few seconds (once
     * in a batch run); a child on this engine's first pass (picking up what an earlier engine left), then
     * only when a parent whose outputs it cannot take directly (see {@link #takesOutputsOf}) registered
     * outputs since it last looked.
     */
    private boolean shouldDiscover(long id, StepSpec step, ProductionSpec spec, boolean finishing) {
        String key = id + "/" + step.id();
        Long last = lastDiscovery.get(key);
        long now = System.currentTimeMillis();
        // A batch run (finishing) expects nothing new: a step without parents looks once.
        boolean due = last == null || (step.parents().isEmpty() && !finishing && now - last >= ROOT_DISCOVERY_MILLIS);
        for (String parent : step.parents()) {
            long generation = generations.getOrDefault(id + "/" + parent, 0L);
            if (!Long.valueOf(generation).equals(seen.put(key + "<" + parent, generation))
                    && !takesOutputsOf(step, spec.step(parent).orElseThrow())) {
                due = true;
            }
        }
        if (due) {
            lastDiscovery.put(key, now);
        }
        return due;
    }

    /**
     * Whether every output of {@code parent} matches the child's query by the parent's output metadata
     * alone: then the engine hands the parent's new outputs to the child when it registers them, and the
     * child needs no {@code find} over the parent's output directory. A query on anything else (a
     * standard key, a field the parent does not set) is answered by the catalog instead.
     */
    static boolean takesOutputsOf(StepSpec child, StepSpec parent) {
        return child.inputQuery() != null && !parent.job().outputs().isEmpty() && child.inputQuery().matches(parent.outputMetadata());
    }

    /** Returns whether anything changed. */
    boolean tick(long id, ProductionSpec spec, boolean active, boolean finishing) {
        long t = System.nanoTime();
        boolean changed = follow(id, spec);
        t = Timing.add("follow (outputs, accounting)", t);
        Map<String, Boolean> complete = new HashMap<>();
        Set<String> submitting = Set.copyOf(store.read(c -> strings(c,
                "SELECT DISTINCT step_id FROM tasks WHERE production_id = ? AND status = 'Submitting'", id)));
        for (StepSpec step : spec.steps()) {
            if (submitting.contains(step.id())) {
                changed |= recoverSubmitting(id, spec, step);
            }
            if (!step.isSource() && shouldDiscover(id, step, spec, finishing)) {
                changed |= discover(id, spec, step);
            }
            t = Timing.add("discover (find)", t);
            boolean inputsFinal = step.parents().isEmpty() ? finishing : step.parents().stream().allMatch(complete::get);
            if (active && !step.isSource()) {
                changed |= group(id, step, inputsFinal || flushed(id, step.id()));
            }
            t = Timing.add("group", t);
            if (active) {
                changed |= submit(id, spec, step);
            }
            t = Timing.add("submit (staging, WMS)", t);
            complete.put(step.id(), (step.isSource() || inputsFinal) && idle(id, step.id()));
        }
        return changed;
    }

    /** The directory a step's outputs go to. */
    LfnPath outputDirectory(long id, StepSpec step) {
        String path = step.outputPath().replace("{production}", Long.toString(id)).replace("{step}", step.id());
        return home.get().resolve(path);
    }

    /** The input files a step's query finds now. */
    List<String> find(long id, ProductionSpec spec, StepSpec step) {
        List<LfnPath> tops = step.parents().isEmpty()
                ? List.of(home.get().resolve(step.inputPath()))
                : step.parents().stream().map(p -> outputDirectory(id, spec.step(p).orElseThrow())).toList();
        List<String> found = new ArrayList<>();
        for (LfnPath top : tops) {
            if (grid.catalog().stat(top).isPresent()) {
                grid.metadata().find(top, step.inputQuery(), false, e -> found.add(e.path().toString()));
            }
        }
        return found;
    }

    /** Adds the files the step's query finds that the step does not have yet (one read for those it has). */
    private boolean discover(long id, ProductionSpec spec, StepSpec step) {
        long t = System.nanoTime();
        List<String> found = find(id, spec, step);
        t = Timing.add("  discover: find", t);
        if (found.isEmpty()) {
            return false;
        }
        Set<String> known = Set.copyOf(store.read(c -> strings(c, "SELECT lfn FROM files WHERE production_id = ? AND step_id = ?", id, step.id())));
        List<String> fresh = found.stream().filter(l -> !known.contains(l)).toList();
        Timing.add("  discover: known files", t);
        if (fresh.isEmpty()) {
            return false;
        }
        return store.write(c -> {
            int added = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT OR IGNORE INTO files (production_id, step_id, lfn, state) VALUES (?, ?, ?, 'Unused')")) {
                for (String lfn : fresh) {
                    s.setLong(1, id);
                    s.setString(2, step.id());
                    s.setString(3, lfn);
                    added += s.executeUpdate();
                }
            }
            return added > 0;
        });
    }

    private boolean group(long id, StepSpec step, boolean flush) {
        return store.write(c -> {
            List<String> unused = strings(c, "SELECT lfn FROM files WHERE production_id = ? AND step_id = ? AND state = 'Unused' ORDER BY lfn",
                    id, step.id());
            int size = step.groupSize();
            int groups = flush ? (unused.size() + size - 1) / size : unused.size() / size;
            if (groups == 0) {
                return false;
            }
            long next = longValue(c, "SELECT next_task FROM steps WHERE production_id = ? AND step_id = ?", id, step.id());
            try (PreparedStatement task = c.prepareStatement(
                    "INSERT INTO tasks (production_id, step_id, task_no, status) VALUES (?, ?, ?, 'Created')");
                 PreparedStatement assign = c.prepareStatement(
                         "UPDATE files SET state = 'Assigned', task_no = ? WHERE production_id = ? AND step_id = ? AND lfn = ? AND state = 'Unused'")) {
                for (int g = 0; g < groups; g++) {
                    long no = next++;
                    task.setLong(1, id);
                    task.setString(2, step.id());
                    task.setLong(3, no);
                    task.executeUpdate();
                    for (String lfn : unused.subList(g * size, Math.min(unused.size(), (g + 1) * size))) {
                        assign.setLong(1, no);
                        assign.setLong(2, id);
                        assign.setString(3, step.id());
                        assign.setString(4, lfn);
                        assign.executeUpdate();
                    }
                }
            }
            update(c, "UPDATE steps SET next_task = ? WHERE production_id = ? AND step_id = ?", next, id, step.id());
            return true;
        });
    }

    private boolean submit(long id, ProductionSpec spec, StepSpec step) {
        List<Long> claimed = store.write(c -> {
            List<Long> created = longs(c, "SELECT task_no FROM tasks WHERE production_id = ? AND step_id = ? AND status = 'Created'"
                    + " ORDER BY task_no LIMIT " + SUBMIT_BATCH, id, step.id());
            long now = System.currentTimeMillis();
            for (long no : created) {
                update(c, "UPDATE tasks SET status = 'Submitting', claimed = ? WHERE production_id = ? AND step_id = ? AND task_no = ?",
                        now, id, step.id(), no);
            }
            return created;
        });
        if (claimed.isEmpty()) {
            return false;
        }
        Map<Long, List<String>> inputs = store.read(c -> {
            Map<Long, List<String>> byTask = new LinkedHashMap<>();
            claimed.forEach(no -> byTask.put(no, new ArrayList<>()));
            try (PreparedStatement s = c.prepareStatement("SELECT task_no, lfn FROM files WHERE production_id = ? AND step_id = ?"
                    + " AND state = 'Assigned' AND task_no BETWEEN ? AND ? ORDER BY lfn")) {
                s.setLong(1, id);
                s.setString(2, step.id());
                s.setLong(3, claimed.get(0));
                s.setLong(4, claimed.get(claimed.size() - 1));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<String> files = byTask.get(rs.getLong(1));
                        if (files != null) {
                            files.add(rs.getString(2));
                        }
                    }
                }
            }
            return byTask;
        });
        long t = System.nanoTime();
        List<Long> ready = new ArrayList<>();
        List<JobDescription> jobs = new ArrayList<>();
        for (long no : claimed) {
            try {
                jobs.add(describe(id, spec, step, no, inputs.get(no)));
                ready.add(no);
            } catch (RuntimeException e) {
                failed(id, step, no, e.getMessage());
            }
        }
        Timing.add("  submit: describing jobs", t);
        WorkloadManager workload = grid.workload();
        try {
            record(id, step, ready, workload.submit(jobs, spec.baseDirectory()));
        } catch (RuntimeException batch) {
            for (int i = 0; i < ready.size(); i++) {
                try {
                    record(id, step, List.of(ready.get(i)), workload.submit(List.of(jobs.get(i)), spec.baseDirectory()));
                } catch (RuntimeException e) {
                    failed(id, step, ready.get(i), "submission refused: " + e.getMessage());
                }
            }
        }
        return true;
    }

    /**
     * Tasks left in Submitting by a pass that stopped (dshell killed) between taking them and recording
     * their jobs: a task whose job the WMS knows (by its job group and name) gets that job; one without a
     * job is submitted again once it has been Submitting longer than {@link #SUBMITTING_GRACE_MILLIS}
     * (another dshell may still be submitting it).
     */
    private boolean recoverSubmitting(long id, ProductionSpec spec, StepSpec step) {
        Map<Long, Long> claimedAt = new LinkedHashMap<>();
        store.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT task_no, COALESCE(claimed, 0) FROM tasks WHERE production_id = ? AND step_id = ? AND status = 'Submitting'")) {
                bind(s, id, step.id());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        claimedAt.put(rs.getLong(1), rs.getLong(2));
                    }
                }
            }
            return null;
        });
        if (claimedAt.isEmpty()) {
            return false;
        }
        Map<String, Long> jobsByName = new HashMap<>();
        for (JobInfo job : grid.workload().jobs(WorkloadManager.JobFilter.ofGroup(jobGroup(id)))) {
            if (job.state() != JobState.DELETED) {
                jobsByName.merge(job.name(), job.id(), Math::max);
            }
        }
        long now = System.currentTimeMillis();
        return store.write(c -> {
            boolean changed = false;
            for (Map.Entry<Long, Long> task : claimedAt.entrySet()) {
                Long job = jobsByName.get(jobName(spec, step, task.getKey()));
                if (job != null) {
                    changed |= update(c, "UPDATE tasks SET status = 'Submitted', job_id = ?, job_state = 'Received', message = NULL"
                            + " WHERE production_id = ? AND step_id = ? AND task_no = ? AND status = 'Submitting'", job, id, step.id(), task.getKey()) > 0;
                } else if (now - task.getValue() > SUBMITTING_GRACE_MILLIS) {
                    changed |= update(c, "UPDATE tasks SET status = 'Created', claimed = NULL"
                            + " WHERE production_id = ? AND step_id = ? AND task_no = ? AND status = 'Submitting'", id, step.id(), task.getKey()) > 0;
                }
            }
            return changed;
        });
    }

    static String jobName(ProductionSpec spec, StepSpec step, long task) {
        return spec.name() + "_" + step.id() + "_" + task;
    }

    static String jobGroup(long id) {
        return "production" + id;
    }

    private void record(long id, StepSpec step, List<Long> tasks, List<Long> jobIds) {
        store.write(c -> {
            for (int i = 0; i < tasks.size(); i++) {
                update(c, "UPDATE tasks SET status = 'Submitted', job_id = ?, job_state = 'Received', message = NULL"
                        + " WHERE production_id = ? AND step_id = ? AND task_no = ?", jobIds.get(i), id, step.id(), tasks.get(i));
            }
            return null;
        });
    }

    /**
     * The job of one task: its inputs as InputData (the job agent downloads them, verified), its
     * outputs as OutputData patterns that the agent uploads to the step's SE and registers in the
     * step's output directory after a successful run.
     */
    JobDescription describe(long id, ProductionSpec spec, StepSpec step, long task, List<String> lfns) {
        JobTemplate t = step.job();
        Map<String, String> values = Map.of("production", Long.toString(id), "step", step.id(), "task", Long.toString(task),
                "inputs", lfns.stream().map(l -> LfnPath.of(l).name()).collect(Collectors.joining(" ")),
                "input_lfns", String.join(" ", lfns));
        Jdl jdl;
        if (t.jdl() != null) {
            jdl = Jdl.parse(substitute(t.jdl(), values));
        } else {
            jdl = new Jdl();
            jdl.set("Executable", t.executable());
            if (!t.arguments().isBlank()) {
                jdl.set("Arguments", substitute(t.arguments(), values));
            }
        }
        List<String> sandbox = new ArrayList<>();
        Stream.concat(t.inputSandbox().stream(), jdl.getList("InputSandbox").stream())
                .map(e -> e.regionMatches(true, 0, "LFN:", 0, 4) ? e : spec.baseDirectory().resolve(e).toString())
                .distinct().forEach(sandbox::add);
        if (!sandbox.isEmpty()) {
            jdl.set("InputSandbox", sandbox);
        }
        List<String> outputs = new ArrayList<>(jdl.getList("OutputSandbox"));
        Stream.of(jdl.getString("StdOutput", JobDescription.DEFAULT_STD_OUTPUT), jdl.getString("StdError", JobDescription.DEFAULT_STD_ERROR))
                .filter(f -> !outputs.contains(f)).forEach(outputs::add);
        jdl.set("OutputSandbox", outputs);
        if (!lfns.isEmpty()) {
            List<String> inputData = new ArrayList<>(jdl.getList("InputData"));
            lfns.stream().filter(l -> !inputData.contains(l)).forEach(inputData::add);
            jdl.set("InputData", inputData);
        }
        if (!t.outputs().isEmpty()) {
            List<String> outputData = new ArrayList<>(jdl.getList("OutputData"));
            t.outputs().stream().filter(f -> !outputData.contains(f)).forEach(outputData::add);
            jdl.set("OutputData", outputData);
            jdl.set("OutputPath", outputDirectory(id, step).toString());
            if (!step.outputSE().isBlank()) {
                jdl.set("OutputSE", List.of(step.outputSE()));
            }
        }
        jdl.set("JobName", jobName(spec, step, task));
        jdl.set("JobGroup", jobGroup(id));
        if (t.cpuTime() > 0 && !jdl.has("CPUTime")) {
            jdl.set("CPUTime", t.cpuTime());
        }
        return JobDescription.from(jdl);
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())));
        }
        return m.appendTail(out).toString();
    }

    /** A submitted task as the store knows it. */
    private record Submitted(String step, long task, long job, String jobState) {
    }

    /**
     * Accounts for the production's submitted tasks whose jobs changed state: one WMS query for all of
     * them, the outputs of Done tasks get their step's output metadata (one catalog transaction per
     * step), then every task, file and hand-over to a child is written in one transaction.
     */
    private boolean follow(long id, ProductionSpec spec) {
        List<Submitted> submitted = store.read(c -> {
            List<Submitted> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT step_id, task_no, job_id, job_state FROM tasks WHERE production_id = ? AND status = 'Submitted'")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Submitted(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)));
                    }
                }
            }
            return rows;
        });
        if (submitted.isEmpty()) {
            return false;
        }
        long t = System.nanoTime();
        Map<Long, Submitted> byJob = new HashMap<>();
        submitted.forEach(task -> byJob.put(task.job(), task));
        List<JobInfo> jobs = grid.workload().jobs(new WorkloadManager.JobFilter(Set.copyOf(byJob.keySet()), Set.of(), null, null, null, true));
        t = Timing.add("  follow: job states from the WMS", t);
        Map<String, List<Submitted>> done = new LinkedHashMap<>();
        List<SqliteDatabase.SqlWork<?>> accounting = new ArrayList<>();
        boolean changed = false;
        for (JobInfo job : jobs.stream().sorted(Comparator.comparingLong(JobInfo::id)).toList()) {
            Submitted task = byJob.get(job.id());
            StepSpec step = spec.step(task.step()).orElse(null);
            if (step == null) {
                continue;
            }
            if (job.state() == JobState.DONE) {
                done.computeIfAbsent(step.id(), k -> new ArrayList<>()).add(task);
                changed = true;
            } else if (job.state().isFinal()) {
                String message = "job " + job.id() + " " + job.state().diracName() + ": " + job.minorStatus()
                        + (job.applicationStatus().isBlank() ? "" : " (" + job.applicationStatus() + ")");
                String unreadable = INPUT_DATA_NOT_AVAILABLE.equals(job.minorStatus()) ? unreadableInput(id, step, task.task(), job) : null;
                accounting.add(unreadable != null
                        ? c -> problematic(c, id, step, task, unreadable, "cannot read input " + unreadable + " (" + message + ")")
                        : c -> failed(c, id, step, task.task(), task.job(), message));
                changed = true;
            } else if (!job.state().diracName().equals(task.jobState())) {
                accounting.add(c -> update(c, "UPDATE tasks SET job_state = ? WHERE production_id = ? AND step_id = ? AND task_no = ?"
                        + " AND status = 'Submitted' AND job_id = ?", job.state().diracName(), id, task.step(), task.task(), job.id()));
            }
        }
        Map<String, List<String>> outputs = new HashMap<>();
        for (Map.Entry<String, List<Submitted>> e : done.entrySet()) {
            StepSpec step = spec.step(e.getKey()).orElseThrow();
            outputs.put(step.id(), outputMetadata(id, step));
            accounting.add(c -> done(c, id, spec, step, e.getValue(), outputs.get(step.id())));
        }
        t = Timing.add("  follow: output metadata", t);
        if (!accounting.isEmpty()) {
            store.write(c -> {
                for (SqliteDatabase.SqlWork<?> work : accounting) {
                    work.run(c);
                }
                return null;
            });
        }
        outputs.forEach((step, lfns) -> knownOutputs(id, step).addAll(lfns));
        done.keySet().forEach(step -> generations.merge(id + "/" + step, 1L, Long::sum));
        Timing.add("  follow: task and file states", t);
        return changed;
    }

    /**
     * The outputs the job agent registered in the step's output directory that this engine has not seen
     * yet, given the step's output metadata (one catalog transaction). A failed job registers nothing,
     * so every new file of the directory comes from a Done task.
     */
    private List<String> outputMetadata(long id, StepSpec step) {
        List<String> outputs = step.job().outputs().isEmpty() ? List.of() : newOutputs(id, step);
        if (!outputs.isEmpty() && !step.outputMetadata().isEmpty()) {
            MetaFieldLookup lookup = grid.metadata().lookup();
            List<MetaAssignment> assignments = step.outputMetadata().entrySet().stream()
                    .map(e -> new MetaAssignment(lookup.find(e.getKey()).orElseThrow(
                            () -> DshellException.failure("metadata field " + e.getKey() + " is gone")), e.getValue()))
                    .toList();
            grid.metadata().set(outputs.stream().map(LfnPath::of).toList(), assignments);
        }
        return outputs;
    }

    /**
     * Done tasks of one step: their inputs Processed, their outputs remembered, and handed as Unused
     * inputs to the children that take this step's outputs directly. Each change is conditional on the
     * task still being Submitted with that job, so two engines never account for a task twice.
     */
    private static Void done(Connection c, long id, ProductionSpec spec, StepSpec step, List<Submitted> tasks, List<String> outputs)
            throws SQLException {
        try (PreparedStatement seen = c.prepareStatement("INSERT OR IGNORE INTO outputs (production_id, step_id, lfn) VALUES (?, ?, ?)")) {
            for (String lfn : outputs) {
                bind(seen, id, step.id(), lfn);
                seen.executeUpdate();
            }
        }
        List<StepSpec> takers = spec.children(step.id()).stream().filter(child -> takesOutputsOf(child, step)).toList();
        if (!takers.isEmpty() && !outputs.isEmpty()) {
            try (PreparedStatement input = c.prepareStatement(
                    "INSERT OR IGNORE INTO files (production_id, step_id, lfn, state) VALUES (?, ?, ?, 'Unused')")) {
                for (StepSpec child : takers) {
                    for (String lfn : outputs) {
                        bind(input, id, child.id(), lfn);
                        input.executeUpdate();
                    }
                }
            }
        }
        try (PreparedStatement task = c.prepareStatement("UPDATE tasks SET status = 'Done', job_state = 'Done'"
                + " WHERE production_id = ? AND step_id = ? AND task_no = ? AND status = 'Submitted' AND job_id = ?");
             PreparedStatement files = c.prepareStatement("UPDATE files SET state = 'Processed'"
                     + " WHERE production_id = ? AND step_id = ? AND task_no = ? AND state = 'Assigned'")) {
            for (Submitted t : tasks) {
                bind(task, id, step.id(), t.task(), t.job());
                if (task.executeUpdate() > 0) {
                    bind(files, id, step.id(), t.task());
                    files.executeUpdate();
                }
            }
        }
        return null;
    }

    private Set<String> knownOutputs(long id, String step) {
        return knownOutputs.computeIfAbsent(id + "/" + step, k -> new java.util.HashSet<>(store.read(c -> strings(c,
                "SELECT lfn FROM outputs WHERE production_id = ? AND step_id = ?", id, step))));
    }

    /** The files of the step's output directory that match its output patterns and were not seen before. */
    private List<String> newOutputs(long id, StepSpec step) {
        LfnPath directory = outputDirectory(id, step);
        List<FileCatalog.ChildName> names;
        try {
            names = grid.catalog().childNames(directory);
        } catch (DshellException e) {
            return List.of(); // no output directory yet
        }
        List<PathMatcher> matchers = step.job().outputs().stream()
                .map(p -> FileSystems.getDefault().getPathMatcher("glob:" + p)).toList();
        Set<String> known = knownOutputs(id, step.id());
        return names.stream().filter(e -> !e.directory())
                .filter(e -> matchers.stream().anyMatch(m -> m.matches(Path.of(e.name()))))
                .map(e -> directory.resolve(e.name()).toString()).filter(l -> !known.contains(l)).toList();
    }

    /** The task's input that the job agent could not download, named in the job's application status. */
    private String unreadableInput(long id, StepSpec step, long task, JobInfo job) {
        List<String> inputs = store.read(c -> strings(c, "SELECT lfn FROM files WHERE production_id = ? AND step_id = ? AND task_no = ?"
                + " AND state = 'Assigned' ORDER BY length(lfn) DESC", id, step.id(), task));
        return inputs.stream().filter(l -> job.applicationStatus().contains(l)).findFirst().orElse(null);
    }

    /** A task that could not be submitted failed (see {@link #failed(Connection, long, StepSpec, long, Long, String)}). */
    private void failed(long id, StepSpec step, long task, String message) {
        store.write(c -> failed(c, id, step, task, null, message));
    }

    /**
     * A task failed: its files go back to Unused, or to MaxReset past the retry limit; a source task is
     * retried itself. With a {@code job}, only while the task is still Submitted with that job.
     */
    private static Void failed(Connection c, long id, StepSpec step, long task, Long job, String message) throws SQLException {
        // Still in the state this engine saw: Submitting (not submitted after all) or Submitted with that job.
        String current = " AND (?7 IS NULL AND status IN ('Created','Submitting') OR status = 'Submitted' AND job_id = ?7)";
        if (step.isSource()) {
            long attempts = longValue(c, "SELECT attempts FROM tasks WHERE production_id = ? AND step_id = ? AND task_no = ?",
                    id, step.id(), task) + 1;
            update(c, "UPDATE tasks SET status = ?1, attempts = ?2, job_state = NULL, message = ?3 WHERE production_id = ?4 AND step_id = ?5"
                    + " AND task_no = ?6" + current, attempts > step.retries() ? "MaxReset" : "Created", attempts, message, id, step.id(), task, job);
            return null;
        }
        if (update(c, "UPDATE tasks SET status = 'Failed', job_state = COALESCE(job_state, 'Failed'), message = ?1"
                + " WHERE production_id = ?4 AND step_id = ?5 AND task_no = ?6" + current, message, null, null, id, step.id(), task, job) == 0) {
            return null;
        }
        update(c, "UPDATE files SET errors = errors + 1 WHERE production_id = ? AND step_id = ? AND task_no = ? AND state = 'Assigned'",
                id, step.id(), task);
        update(c, "UPDATE files SET state = CASE WHEN errors > ? THEN 'MaxReset' ELSE 'Unused' END, task_no = CASE WHEN errors > ? THEN task_no END"
                + " WHERE production_id = ? AND step_id = ? AND task_no = ? AND state = 'Assigned'",
                step.retries(), step.retries(), id, step.id(), task);
        return null;
    }

    private static Void problematic(Connection c, long id, StepSpec step, Submitted task, String lfn, String message) throws SQLException {
        if (update(c, "UPDATE tasks SET status = 'Failed', message = ? WHERE production_id = ? AND step_id = ? AND task_no = ?"
                + " AND status = 'Submitted' AND job_id = ?", message, id, step.id(), task.task(), task.job()) == 0) {
            return null;
        }
        update(c, "UPDATE files SET state = 'Problematic', errors = errors + 1 WHERE production_id = ? AND step_id = ? AND lfn = ?",
                id, step.id(), lfn);
        update(c, "UPDATE files SET state = 'Unused', task_no = NULL WHERE production_id = ? AND step_id = ? AND task_no = ? AND state = 'Assigned'",
                id, step.id(), task.task());
        return null;
    }

    private boolean flushed(long id, String step) {
        return store.read(c -> longValue(c, "SELECT flushed FROM steps WHERE production_id = ? AND step_id = ?", id, step) != 0);
    }

    /** No Unused or Assigned file and no task waiting to be submitted or running. */
    boolean idle(long id, String step) {
        return store.read(c -> longValue(c, "SELECT (SELECT COUNT(*) FROM files WHERE production_id = ?1 AND step_id = ?2"
                + " AND state IN ('Unused','Assigned')) + (SELECT COUNT(*) FROM tasks WHERE production_id = ?1 AND step_id = ?2"
                + " AND status IN ('Created','Submitting','Submitted'))", id, step) == 0);
    }

    // --- small JDBC helpers; every value is bound, never concatenated

    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    static long longValue(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static List<Long> longs(Connection c, String sql, Object... args) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getLong(1));
                }
            }
        }
        return values;
    }

    static List<String> strings(Connection c, String sql, Object... args) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    static DshellException unknown(long id) {
        return DshellException.usage("no production " + id);
    }
}
