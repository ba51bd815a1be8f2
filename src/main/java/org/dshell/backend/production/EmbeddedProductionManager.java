package org.dshell.backend.production;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.dshell.backend.Grid;
import org.dshell.backend.MetadataCatalog;
import org.dshell.backend.ProductionManager;
import org.dshell.backend.WorkloadManager;
import org.dshell.core.DshellException;
import org.dshell.core.Identity;
import org.dshell.core.JobInfo;
import org.dshell.core.LfnPath;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.production.ProductionParser;
import org.dshell.core.production.ProductionSpec;
import org.dshell.core.production.StepSpec;

/**
 * Productions kept in {@code productions.db} and driven by {@link ProductionEngine} over any grid's
 * catalog, metadata, storage and WMS. State lives only in the database, so a production continues
 * where it was after dshell stops and starts again.
 */
public final class EmbeddedProductionManager implements ProductionManager, AutoCloseable {
    private final ProductionStore store;
    private final Grid grid;
    private final ProductionEngine engine;
    private final Supplier<LfnPath> home;
    private final DetachedEngine detached;
    private final Map<Long, ProductionSpec> specs = new HashMap<>();

    public EmbeddedProductionManager(Path database, Grid grid, Supplier<LfnPath> home) {
        this.store = ProductionStore.open(database);
        this.grid = grid;
        this.engine = new ProductionEngine(store, grid, home);
        this.home = home;
        this.detached = new DetachedEngine(store, database.toAbsolutePath().getParent());
    }

    private Identity who() {
        return grid.identity();
    }

    @Override
    public long submit(ProductionSpec spec, String yamlText) {
        MetadataCatalog metadata = grid.metadata();
        spec.outputFields().forEach((name, type) -> {
            if (metadata.lookup().find(name).isEmpty()) {
                metadata.addField(name, type, MetaScope.FILE);
            }
        });
        long id = store.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO productions (name, owner, owner_group, vo, home, yaml, base_dir, state, created)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'Active', ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
                ProductionEngine.bind(s, spec.name(), who().user(), who().group(), who().vo(), home.get().toString(), yamlText,
                        spec.baseDirectory().toString(), System.currentTimeMillis());
                s.executeUpdate();
                try (ResultSet keys = s.getGeneratedKeys()) {
                    keys.next();
                    long newId = keys.getLong(1);
                    refuseOverlappingOutputs(c, newId, spec);
                    int position = 0;
                    for (StepSpec step : spec.steps()) {
                        ProductionEngine.update(c, "INSERT INTO steps (production_id, step_id, position) VALUES (?, ?, ?)",
                                newId, step.id(), position++);
                        for (int t = 1; t <= step.tasks(); t++) {
                            ProductionEngine.update(c, "INSERT INTO tasks (production_id, step_id, task_no, status) VALUES (?, ?, ?, 'Created')",
                                    newId, step.id(), t);
                        }
                        if (step.tasks() > 0) {
                            ProductionEngine.update(c, "UPDATE steps SET next_task = ? WHERE production_id = ? AND step_id = ?",
                                    step.tasks() + 1, newId, step.id());
                        }
                    }
                    return newId;
                }
            }
        });
        synchronized (specs) {
            specs.put(id, spec);
        }
        return id;
    }

    /**
     * Two steps writing to the same output directory, or one below the other, would mix their outputs:
     * the engine gives every new file of a step's directory that step's metadata, and a child's
     * {@code find} looks below its parent's directory. Refused at submit, against the production's own
     * steps and those of every other production of this owner (delete the old one to reuse its path).
     */
    private void refuseOverlappingOutputs(java.sql.Connection c, long newId, ProductionSpec spec) throws java.sql.SQLException {
        record Target(String path, String step, long production, String name) {
        }
        List<Target> mine = new ArrayList<>();
        for (StepSpec step : spec.steps()) {
            if (!step.job().outputs().isEmpty()) {
                mine.add(new Target(engine.outputDirectory(newId, step).toString(), step.id(), newId, spec.name()));
            }
        }
        List<Target> theirs = new ArrayList<>();
        for (long other : ProductionEngine.longs(c, "SELECT id FROM productions WHERE owner = ? AND id != ?", who().user(), newId)) {
            ProductionSpec otherSpec;
            try {
                otherSpec = spec(other);
            } catch (DshellException unreadable) {
                continue; // a production whose stored description no longer reads runs nothing either
            }
            for (StepSpec step : otherSpec.steps()) {
                if (!step.job().outputs().isEmpty()) {
                    theirs.add(new Target(engine.outputDirectory(other, step).toString(), step.id(), other, otherSpec.name()));
                }
            }
        }
        for (int i = 0; i < mine.size(); i++) {
            Target a = mine.get(i);
            for (Target b : mine.subList(i + 1, mine.size())) {
                if (overlaps(a.path(), b.path())) {
                    throw DshellException.usage("steps '" + a.step() + "' and '" + b.step() + "' write to overlapping output paths "
                            + a.path() + " and " + b.path() + " (give each step its own output_path)");
                }
            }
            for (Target b : theirs) {
                if (overlaps(a.path(), b.path())) {
                    throw DshellException.usage("step '" + a.step() + "' would write to " + a.path() + ", which overlaps " + b.path()
                            + " of step '" + b.step() + "' of production " + b.production() + " (" + b.name() + ")"
                            + "; choose another output_path or delete production " + b.production());
                }
            }
        }
    }

    /** The same directory, or one below the other. */
    static boolean overlaps(String a, String b) {
        return a.equals(b) || b.startsWith(a.endsWith("/") ? a : a + "/") || a.startsWith(b.endsWith("/") ? b : b + "/");
    }

    @Override
    public List<StepPlan> dryRun(ProductionSpec spec) {
        List<StepPlan> plans = new ArrayList<>();
        for (StepSpec step : spec.steps()) {
            if (step.isSource()) {
                plans.add(new StepPlan(step.id(), List.of(), List.of(), step.tasks()));
                continue;
            }
            List<String> files = step.parents().isEmpty() ? engine.find(0, spec, step) : List.of();
            List<List<String>> tasks = new ArrayList<>();
            for (int i = 0; i + step.groupSize() <= files.size(); i += step.groupSize()) {
                tasks.add(files.subList(i, i + step.groupSize()));
            }
            plans.add(new StepPlan(step.id(), files, tasks, 0));
        }
        return plans;
    }

    @Override
    public List<ProductionInfo> list() {
        return store.read(c -> {
            List<ProductionInfo> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, name, state, owner, created FROM productions WHERE owner = ? ORDER BY id")) {
                s.setString(1, who().user());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        result.add(new ProductionInfo(id, rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5)), List.of()));
                    }
                }
            }
            for (int i = 0; i < result.size(); i++) {
                ProductionInfo p = result.get(i);
                result.set(i, new ProductionInfo(p.id(), p.name(), p.state(), p.owner(), p.created(), steps(c, p.id())));
            }
            return result;
        });
    }

    private static List<String> steps(java.sql.Connection c, long id) throws java.sql.SQLException {
        return ProductionEngine.strings(c, "SELECT step_id FROM steps WHERE production_id = ? ORDER BY position", id);
    }

    @Override
    public ProductionInfo info(long id) {
        return list().stream().filter(p -> p.id() == id).findFirst().orElseThrow(() -> ProductionEngine.unknown(id));
    }

    @Override
    public List<StepStatus> status(long id) {
        ProductionSpec spec = spec(id);
        return store.read(c -> {
            List<StepStatus> result = new ArrayList<>();
            for (StepSpec step : spec.steps()) {
                Map<String, Long> files = new LinkedHashMap<>();
                FILE_STATES.forEach(state -> files.put(state, 0L));
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT state, COUNT(*) FROM files WHERE production_id = ? AND step_id = ? GROUP BY state")) {
                    ProductionEngine.bind(s, id, step.id());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            files.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                Map<String, Long> tasks = new LinkedHashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT CASE WHEN status = 'Submitted' THEN job_state ELSE status END AS st,"
                        + " COUNT(*) FROM tasks WHERE production_id = ? AND step_id = ? GROUP BY st ORDER BY st")) {
                    ProductionEngine.bind(s, id, step.id());
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            tasks.put(rs.getString(1), rs.getLong(2));
                        }
                    }
                }
                result.add(new StepStatus(step.id(), step.name(), files, tasks));
            }
            return result;
        });
    }

    @Override
    public void start(long id) {
        setState(id, "Active");
    }

    @Override
    public void stop(long id) {
        setState(id, "Stopped");
    }

    private void setState(long id, String state) {
        info(id);
        store.write(c -> ProductionEngine.update(c, "UPDATE productions SET state = ? WHERE id = ?", state, id));
    }

    @Override
    public void flush(long id, String step) {
        ProductionSpec spec = spec(id);
        if (step != null && spec.step(step).isEmpty()) {
            throw DshellException.usage("production " + id + " has no step '" + step + "' (steps: "
                    + String.join(", ", spec.steps().stream().map(StepSpec::id).toList()) + ")");
        }
        store.write(c -> step == null
                ? ProductionEngine.update(c, "UPDATE steps SET flushed = 1 WHERE production_id = ?", id)
                : ProductionEngine.update(c, "UPDATE steps SET flushed = 1 WHERE production_id = ? AND step_id = ?", id, step));
    }

    @Override
    public void delete(long id) {
        info(id);
        List<Long> jobs = store.read(c -> ProductionEngine.longs(c,
                "SELECT job_id FROM tasks WHERE production_id = ? AND status IN ('Submitting','Submitted') AND job_id IS NOT NULL", id));
        if (!jobs.isEmpty()) {
            WorkloadManager workload = grid.workload();
            List<Long> unfinished = workload.jobs(new WorkloadManager.JobFilter(Set.copyOf(jobs), Set.of(), null, null, null, true))
                    .stream().filter(j -> !j.state().isFinal()).map(JobInfo::id).toList();
            if (!unfinished.isEmpty()) {
                workload.kill(unfinished);
            }
        }
        store.write(c -> {
            for (String table : List.of("files", "tasks", "steps", "outputs")) {
                ProductionEngine.update(c, "DELETE FROM " + table + " WHERE production_id = ?", id);
            }
            return ProductionEngine.update(c, "DELETE FROM productions WHERE id = ?", id);
        });
        synchronized (specs) {
            specs.remove(id);
        }
    }

    @Override
    public List<ProductionFile> files(long id, String step, String state) {
        ProductionSpec spec = spec(id);
        if (step != null && spec.step(step).isEmpty()) {
            throw DshellException.usage("production " + id + " has no step '" + step + "'");
        }
        if (state != null && !FILE_STATES.contains(state)) {
            throw DshellException.usage("unknown file state '" + state + "' (known: " + String.join(", ", FILE_STATES) + ")");
        }
        return store.read(c -> {
            List<ProductionFile> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT f.step_id, f.lfn, f.state, f.errors, f.task_no, t.message FROM files f"
                    + " JOIN steps p ON p.production_id = f.production_id AND p.step_id = f.step_id"
                    + " LEFT JOIN tasks t ON t.production_id = f.production_id AND t.step_id = f.step_id AND t.task_no = f.task_no"
                    + " AND t.status = 'Failed' WHERE f.production_id = ?"
                    + " AND (?2 IS NULL OR f.step_id = ?2) AND (?3 IS NULL OR f.state = ?3) ORDER BY p.position, f.lfn")) {
                ProductionEngine.bind(s, id, step, state);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long task = rs.getLong(5);
                        boolean noTask = rs.wasNull();
                        result.add(new ProductionFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                                noTask ? null : task, rs.getString(6)));
                    }
                }
            }
            return result;
        });
    }

    @Override
    public synchronized boolean tick(boolean finishing) {
        boolean changed = false;
        for (ProductionInfo p : list()) {
            if (p.state().equals("Active") || p.state().equals("Stopped")) {
                ProductionSpec spec = spec(p.id());
                changed |= engine.tick(p.id(), spec, p.state().equals("Active"), finishing);
                if (p.state().equals("Active") && (finishing || spec.steps().stream().filter(s -> s.parents().isEmpty()).allMatch(StepSpec::isSource))
                        && isComplete(p.id())) {
                    store.write(c -> ProductionEngine.update(c, "UPDATE productions SET state = 'Completed' WHERE id = ? AND state = 'Active'", p.id()));
                }
            }
        }
        return changed;
    }

    @Override
    public void ensureEngine() {
        detached.ensureRunning();
    }

    @Override
    public EngineStatus engine() {
        return detached.status();
    }

    @Override
    public boolean isComplete(long id) {
        ProductionSpec spec = spec(id);
        return spec.steps().stream().allMatch(s -> engine.idle(id, s.id()));
    }

    /** The production's steps, read again from its stored YAML (cached). */
    ProductionSpec spec(long id) {
        synchronized (specs) {
            ProductionSpec cached = specs.get(id);
            if (cached != null) {
                return cached;
            }
        }
        String[] row = store.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT yaml, base_dir, name FROM productions WHERE id = ? AND owner = ?")) {
                ProductionEngine.bind(s, id, who().user());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
                }
            }
        });
        if (row == null) {
            throw ProductionEngine.unknown(id);
        }
        ProductionSpec spec = new ProductionParser("production " + id, Path.of(row[1]), grid.metadata().lookup()).parse(row[0]);
        synchronized (specs) {
            specs.put(id, spec);
        }
        return spec;
    }

    @Override
    public void close() {
        store.close();
    }
}
