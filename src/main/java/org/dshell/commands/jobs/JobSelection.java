package org.dshell.commands.jobs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.dshell.backend.WorkloadManager;
import org.dshell.commands.JobIdArg;
import org.dshell.core.DshellException;
import org.dshell.core.JobInfo;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The jobs a verb acts on: ids, inclusive ranges ({@code 12-40}) and {@code --group}, shared by every
 * verb taking job ids. A single id is passed on as typed, so an unknown one is reported; a range
 * selects the jobs that exist in it.
 */
public final class JobSelection {
    @Parameters(paramLabel = "ID", arity = "0..*", description = "Job ids or ranges (12, 12-40).")
    List<JobIdArg> ids = new ArrayList<>();

    @Option(names = {"-g", "--group"}, paramLabel = "JOBGROUP", description = "Every job of this job group (JobGroup).")
    String group;

    boolean isEmpty() {
        return ids.isEmpty() && group == null;
    }

    /** The selected job ids in the order given, each once; nothing selected is a usage error. */
    List<Long> resolve(WorkloadManager workload) {
        if (isEmpty()) {
            throw DshellException.usage("give job ids (12, 12-40) or --group JOBGROUP");
        }
        Set<Long> selected = new LinkedHashSet<>();
        List<JobInfo> all = null;
        for (JobIdArg arg : ids) {
            long[] range = parse(arg.raw());
            if (range[0] == range[1]) {
                selected.add(range[0]);
                continue;
            }
            if (all == null) {
                all = workload.jobs(WorkloadManager.JobFilter.all());
            }
            boolean found = false;
            for (JobInfo job : all) {
                if (job.id() >= range[0] && job.id() <= range[1]) {
                    selected.add(job.id());
                    found = true;
                }
            }
            if (!found) {
                throw DshellException.usage("no jobs in " + arg.raw());
            }
        }
        if (group != null) {
            List<JobInfo> inGroup = workload.jobs(WorkloadManager.JobFilter.ofGroup(group));
            if (inGroup.isEmpty()) {
                throw DshellException.usage("no jobs in group " + group);
            }
            inGroup.forEach(j -> selected.add(j.id()));
        }
        return new ArrayList<>(selected);
    }

    /** {@code 12} as [12, 12], {@code 12-40} as [12, 40]. */
    static long[] parse(String raw) {
        String text = raw.strip();
        int dash = text.indexOf('-', 1);
        try {
            long from = Long.parseLong(dash < 0 ? text : text.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(text.substring(dash + 1));
            if (from <= 0 || to < from) {
                throw DshellException.usage("not a job id or range: " + raw + (to < from ? " (the range runs backwards)" : ""));
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            throw DshellException.usage("not a job id or range: " + raw + " (expected 12 or 12-40)");
        }
    }
}
