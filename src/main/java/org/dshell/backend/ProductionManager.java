package org.dshell.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.dshell.core.production.ProductionSpec;

/**
 * Productions: chains of transformations that turn catalog files matching a metadata query into jobs,
 * data-driven, as DIRAC's Transformation and Production systems do. Files of a step move
 * Unused -> Assigned -> Processed, back to Unused when their task fails, and to MaxReset after too many
 * failures (Problematic when their bytes cannot be read). Acts as the grid's identity.
 */
public interface ProductionManager {

    /** File states, DIRAC's names. */
    List<String> FILE_STATES = List.of("Unused", "Assigned", "Processed", "Problematic", "MaxReset");

    /** Stores a checked production (from {@code yamlText}) as Active and creates its missing metadata fields. */
    long submit(ProductionSpec spec, String yamlText);

    /** What the production would do now: per step, the input files found and the tasks they would make. */
    List<StepPlan> dryRun(ProductionSpec spec);

    List<ProductionInfo> list();

    ProductionInfo info(long id);

    /** Per step, in parents-first order: files by state and tasks by state (a submitted task by its job's state). */
    List<StepStatus> status(long id);

    /** Active productions make and submit tasks; stopped ones only follow the jobs already submitted. */
    void start(long id);

    void stop(long id);

    /** Lets a step (all steps when {@code step} is null) make tasks from groups smaller than its group size. */
    void flush(long id, String step);

    /** Kills the production's unfinished jobs and forgets it; the files it made stay in the catalog. */
    void delete(long id);

    /** The files of a production, optionally of one step and in one state. */
    List<ProductionFile> files(long id, String step, String state);

    /**
     * One pass of the engine over this identity's productions: find new input files, make tasks, submit
     * them, and account for finished jobs. With {@code finishing}, partial groups are submitted once
     * nothing more can arrive (batch runs). Returns whether anything changed.
     */
    boolean tick(boolean finishing);

    /** Whether nothing is left to do: no unused or assigned files and no task waiting or running. */
    boolean isComplete(long id);

    /**
     * Makes sure something advances the Active productions while no dshell runs (the embedded grid starts
     * a detached engine process unless one runs); a grid whose services run productions does nothing.
     */
    default void ensureEngine() {
    }

    /** Whether an engine advances productions now, for {@code production status}. */
    default EngineStatus engine() {
        return new EngineStatus(true, 0, null, "run by the grid's production system");
    }

    /** @param pid the engine's process, 0 when unknown; {@code note} says why it is (not) running */
    record EngineStatus(boolean running, long pid, Instant since, String note) {
    }

    record ProductionInfo(long id, String name, String state, String owner, Instant created, List<String> steps) {
    }

    record StepStatus(String step, String name, Map<String, Long> files, Map<String, Long> tasks) {
    }

    /** {@code lastError}: why the file's last task failed, if it did. */
    record ProductionFile(String step, String lfn, String state, int errors, Long task, String lastError) {
    }

    record StepPlan(String step, List<String> inputFiles, List<List<String>> tasks, int sourceTasks) {
    }
}
