package org.dshell.commands.jobs;

import java.util.List;

import org.dshell.commands.JobIdArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.JobLogEntry;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Every state change of one job, oldest first, like {@code dirac-wms-job-logging-info}. */
@Command(name = "log", description = "Show every state change of a job with its time.",
        footer = {"%nExamples:", "  log 12", "  log --json 12"})
public final class LogCommand extends Verb {
    @Parameters(paramLabel = "ID", description = "The job id.")
    JobIdArg id;

    @Option(names = "--json", description = "Print one JSON array of state changes.")
    boolean json;

    @Override
    protected int execute() {
        long[] range = JobSelection.parse(id.raw());
        if (range[0] != range[1]) {
            throw DshellException.usage("log takes one job id, not a range: " + id.raw());
        }
        List<JobLogEntry> entries = ctx.grid().workload().logging(range[0]);
        if (json(json)) {
            Json.print(out(), entries);
            return 0;
        }
        Table table = new Table(out(), false, false, false, false);
        table.header("STATE", "MINOR STATUS", "TIME", "SOURCE");
        for (JobLogEntry e : entries) {
            table.row(e.state().diracName(), e.minorStatus(), JobTimes.format(e.time()), e.source());
        }
        table.flush();
        return 0;
    }
}
