package org.dshell.commands.production;

import org.dshell.backend.ProductionManager.ProductionFile;
import org.dshell.commands.ProductionIdArg;
import org.dshell.commands.ProductionStepArg;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The input files of a production's steps and where each one is. */
@Command(name = "files", description = "List a production's input files with their state, errors and task.",
        footer = {"%nExamples:", "  production files 3", "  production files 3 --step process --state MaxReset"})
public final class ProductionFilesCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Option(names = "--step", paramLabel = "STEP", description = "Only this step's files.")
    ProductionStepArg step;

    @Option(names = "--state", paramLabel = "STATE", description = "Only files in this state: Unused, Assigned, Processed, Problematic, MaxReset.")
    String state;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    protected int execute() {
        var files = productions().files(id(id), step(step), state);
        if (json(json)) {
            Json.print(out(), files);
            return 0;
        }
        Table table = new Table(out(), false, false, true, true, false, false);
        table.header("STEP", "STATE", "ERRORS", "TASK", "LFN", "LAST ERROR");
        for (ProductionFile f : files) {
            table.row(f.step(), f.state(), Integer.toString(f.errors()), f.task() == null ? "-" : f.task().toString(), f.lfn(),
                    f.lastError() == null ? "" : f.lastError());
        }
        table.flush();
        return 0;
    }
}
