package org.dshell.commands.jobs;

import org.dshell.commands.JobIdArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The last lines a job wrote to its standard output, while it runs or after, like {@code dirac-wms-job-peek}. */
@Command(name = "peek", description = "Show the last lines of a job's standard output.",
        footer = {"%nExamples:", "  peek 12", "  peek -n 100 12"})
public final class PeekCommand extends Verb {
    @Parameters(paramLabel = "ID", description = "The job id.")
    JobIdArg id;

    @Option(names = "-n", paramLabel = "LINES", description = "How many lines (default 20).")
    int lines = 20;

    @Override
    protected int execute() {
        long[] range = JobSelection.parse(id.raw());
        if (range[0] != range[1]) {
            throw DshellException.usage("peek takes one job id, not a range: " + id.raw());
        }
        if (lines <= 0) {
            throw DshellException.usage("-n must be positive");
        }
        ctx.grid().workload().peek(range[0], lines).forEach(out()::println);
        return 0;
    }
}
