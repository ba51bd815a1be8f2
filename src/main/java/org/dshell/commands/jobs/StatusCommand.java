package org.dshell.commands.jobs;

import java.io.StringWriter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dshell.backend.WorkloadManager;
import org.dshell.backend.WorkloadManager.JobFilter;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lists jobs, like {@code dstat}: by default those not in a final state. {@code -w} refreshes until
 * every listed job is final, printing the table again only when it changed (no screen control, so
 * it reads well in a log too); at a terminal the screen is cleared before each table.
 */
@Command(name = "status", description = "Show jobs: id, name, state, minor status, submission and end time.",
        footer = {"%nExamples:", "  status", "  status -a --since 1d", "  status --state Failed,Killed", "  status 12-40 -w",
                "  status --group scan --json"})
public final class StatusCommand extends Verb {
    @Mixin
    JobSelection selection = new JobSelection();

    @Option(names = {"-a", "--all"}, description = "Include jobs in a final state (Done, Failed, Killed, Deleted).")
    boolean all;

    @Option(names = "--state", paramLabel = "STATE", split = ",", arity = "1..*", description = "Only jobs in these states (Running,Waiting,...).")
    List<String> states = new ArrayList<>();

    @Option(names = "--name", paramLabel = "NAME", description = "Only jobs whose JobName matches (wildcards allowed).")
    String name;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only jobs submitted within this time (30m, 2h, 1d).")
    String since;

    @Option(names = {"-w", "--watch"}, description = "Refresh until every listed job is in a final state.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", description = "Seconds between refreshes with -w (default 2).")
    double interval = 2;

    @Option(names = "--json", description = "Print one JSON array of jobs.")
    boolean json;

    @Override
    protected int execute() throws InterruptedException {
        WorkloadManager workload = ctx.grid().workload();
        Set<JobState> wanted = EnumSet.noneOf(JobState.class);
        states.forEach(s -> wanted.add(JobState.parse(s)));
        Instant from = since == null ? null : Instant.now().minus(Durations.parse(since));
        Set<Long> ids = selection.isEmpty() ? Set.of() : new LinkedHashSet<>(selection.resolve(workload));
        if (interval <= 0) {
            throw DshellException.usage("--interval must be positive");
        }
        JobFilter filter = new JobFilter(ids, wanted, null, name, from, all);
        List<JobInfo> jobs = workload.jobs(filter);
        for (long id : ids) {
            if (jobs.stream().noneMatch(j -> j.id() == id) && wanted.isEmpty() && name == null && from == null) {
                workload.job(id); // an id typed that does not exist is an error, not an empty table
            }
        }
        if (!watch) {
            print(jobs);
            return 0;
        }
        // The listed jobs stay listed while they finish, so the last table shows how they ended.
        Set<Long> watched = new LinkedHashSet<>();
        jobs.forEach(j -> watched.add(j.id()));
        JobFilter fixed = new JobFilter(watched, Set.of(), null, null, null, true);
        String shown = null;
        while (true) {
            String table = render(jobs);
            if (!table.equals(shown)) {
                if (ctx.console().interactive()) {
                    out().print("\033[H\033[2J");
                } else if (shown != null) {
                    out().println();
                }
                out().print(table);
                out().flush();
                shown = table;
            }
            if (jobs.stream().allMatch(j -> j.state().isFinal())) {
                return 0;
            }
            Thread.sleep((long) (interval * 1000));
            checkInterrupted();
            jobs = watched.isEmpty() ? List.of() : workload.jobs(fixed);
        }
    }

    private void print(List<JobInfo> jobs) {
        if (json(json)) {
            Json.print(out(), jobs);
        } else {
            out().print(render(jobs));
        }
    }

    private String render(List<JobInfo> jobs) {
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text);
        if (json(json)) {
            Json.print(writer, jobs);
        } else if (jobs.isEmpty()) {
            writer.println(all ? "no jobs" : "no unfinished jobs (status -a shows all)");
        } else {
            Table table = new Table(writer, true, false, false, false, false, false);
            table.header("ID", "NAME", "STATE", "MINOR STATUS", "SUBMITTED", "ENDED");
            for (JobInfo job : jobs) {
                table.row(Long.toString(job.id()), job.name(), job.state().diracName(), job.minorStatus(),
                        JobTimes.format(job.submitted()), JobTimes.format(job.ended()));
            }
            table.flush();
        }
        writer.flush();
        return text.toString();
    }
}
