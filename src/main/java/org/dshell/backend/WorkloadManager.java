package org.dshell.backend;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.dshell.core.JobInfo;
import org.dshell.core.JobLogEntry;
import org.dshell.core.JobState;
import org.dshell.core.jdl.JobDescription;

/**
 * The workload management system: submits jobs described in JDL and follows them, as DIRAC's
 * WMS does. Every method acts for the grid's identity and sees only its jobs. Methods taking several
 * ids check all of them first: an unknown id or a refused transition changes nothing.
 */
public interface WorkloadManager {

    /**
     * Accepts jobs, all or none. Relative InputSandbox paths are read from {@code sandboxBase};
     * InputData LFNs must exist in the catalog.
     *
     * @return the new job ids, in the order of {@code jobs}
     */
    List<Long> submit(List<JobDescription> jobs, Path sandboxBase);

    /** The jobs matching a filter, by id. */
    List<JobInfo> jobs(JobFilter filter);

    /** One job; an unknown id is an error. */
    JobInfo job(long id);

    /** The JDL a job runs with (a parametric job's own expanded JDL). */
    String jdl(long id);

    /** Stops jobs that are not final yet; they end Killed. A job already final is refused. */
    void kill(List<Long> ids);

    /** Removes jobs and their files; running ones are killed first. They stay listed as Deleted. */
    void delete(List<Long> ids);

    /** Runs jobs again from scratch, killing those still running. */
    void reschedule(List<Long> ids);

    /** Copies a job's output sandbox (StdOutput, StdError and OutputSandbox files) into {@code directory}. */
    List<Path> outputSandbox(long id, Path directory);

    /** Every state change of a job, oldest first. */
    List<JobLogEntry> logging(long id);

    /** The last {@code lines} lines of a job's standard output so far. */
    List<String> peek(long id, int lines);

    /**
     * Which jobs to list. Empty sets and null values do not filter.
     *
     * @param includeFinal whether jobs in a final state are listed when no ids or states are given
     */
    record JobFilter(Set<Long> ids, Set<JobState> states, String group, String name, Instant submittedSince,
                     boolean includeFinal) {
        public static JobFilter all() {
            return new JobFilter(Set.of(), Set.of(), null, null, null, true);
        }

        public static JobFilter ofGroup(String group) {
            return new JobFilter(Set.of(), Set.of(), group, null, null, true);
        }
    }
}
