package org.dshell.commands.jobs;

import java.util.List;

import org.dshell.backend.WorkloadManager;
import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stop jobs that are not finished yet; they end Killed. All the ids are checked first: one bad id changes nothing. */
@Command(name = "kill", description = "Stop jobs that are not finished yet; they end Killed.",
        footer = {"%nExamples:", "  kill 12", "  kill 12-40", "  kill --group scan"})
public final class KillCommand extends Verb {
    @Mixin
    JobSelection selection = new JobSelection();

    @Override
    protected int execute() {
        WorkloadManager workload = ctx.grid().workload();
        List<Long> ids = selection.resolve(workload);
        workload.kill(ids);
        ids.forEach(id -> out().println("Killed job " + id));
        return 0;
    }
}
