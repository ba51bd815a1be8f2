package org.dshell.commands.jobs;

import java.util.List;

import org.dshell.backend.WorkloadManager;
import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Run jobs again from scratch (running ones are killed first). All the ids are checked first: one bad id changes nothing. */
@Command(name = "reschedule", description = "Run jobs again from scratch (running ones are killed first).",
        footer = {"%nExamples:", "  reschedule 12", "  reschedule --group scan"})
public final class RescheduleCommand extends Verb {
    @Mixin
    JobSelection selection = new JobSelection();

    @Override
    protected int execute() {
        WorkloadManager workload = ctx.grid().workload();
        List<Long> ids = selection.resolve(workload);
        workload.reschedule(ids);
        ids.forEach(id -> out().println("Rescheduled job " + id));
        return 0;
    }
}
