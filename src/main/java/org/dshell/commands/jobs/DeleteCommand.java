package org.dshell.commands.jobs;

import java.util.List;

import org.dshell.backend.WorkloadManager;
import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Delete jobs and their files; running ones are killed first. All the ids are checked first: one bad id changes nothing. */
@Command(name = "delete", description = "Delete jobs and their files; running ones are killed first.",
        footer = {"%nExamples:", "  delete 12", "  delete 1-100"})
public final class DeleteCommand extends Verb {
    @Mixin
    JobSelection selection = new JobSelection();

    @Override
    protected int execute() {
        WorkloadManager workload = ctx.grid().workload();
        List<Long> ids = selection.resolve(workload);
        workload.delete(ids);
        ids.forEach(id -> out().println("Deleted job " + id));
        return 0;
    }
}
