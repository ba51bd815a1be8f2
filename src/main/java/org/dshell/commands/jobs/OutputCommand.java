package org.dshell.commands.jobs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.WorkloadManager;
import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.Glob;
import org.dshell.core.format.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Retrieves output sandboxes, like {@code doutput}: one directory per job, named by its id. */
@Command(name = "output", description = "Copy the output sandbox of finished jobs into DIR/<id>/.",
        footer = {"%nExamples:", "  output 12", "  output -D results 12-40", "  output --group scan"})
public final class OutputCommand extends Verb {
    @Mixin
    JobSelection selection = new JobSelection();

    @Option(names = "-D", paramLabel = "DIR", description = "Local directory to put the job directories in (default: the local working directory).")
    LocalArg directory;

    @Option(names = "--json", description = "Print the files retrieved per job as JSON.")
    boolean json;

    @Override
    protected int execute() {
        WorkloadManager workload = ctx.grid().workload();
        List<Long> ids = selection.resolve(workload);
        Path target = directory == null ? ctx.session().localCwd() : ctx.session().localPath(Glob.literal(directory.path()));
        for (long id : ids) {
            workload.job(id);
        }
        Map<Long, List<String>> retrieved = new LinkedHashMap<>();
        for (long id : ids) {
            checkInterrupted();
            List<String> files = new ArrayList<>();
            workload.outputSandbox(id, target).forEach(p -> files.add(p.toString()));
            retrieved.put(id, files);
            if (!json(json)) {
                out().println("job " + id + ": " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " in " + target.resolve(Long.toString(id)));
            }
        }
        if (json(json)) {
            Json.print(out(), retrieved);
        }
        return 0;
    }
}
