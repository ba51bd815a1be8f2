package org.dshell.commands.production;

import java.util.List;
import java.util.stream.Collectors;

import org.dshell.backend.ProductionManager.EngineStatus;
import org.dshell.backend.ProductionManager.StepStatus;
import org.dshell.commands.ProductionIdArg;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Per step: files by state, tasks by state. */
@Command(name = "status", description = "Show, per step, the files by state and the tasks by job state.",
        footer = {"%nExamples:", "  production status 3", "  production status --json 3"})
public final class ProductionStatusCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Option(names = "--json", description = "Print a JSON array of steps.")
    boolean json;

    @Override
    protected int execute() {
        List<StepStatus> steps = productions().status(id(id));
        if (json(json)) {
            Json.print(out(), steps);
            return 0;
        }
        Table table = new Table(out(), false, true, true, true, true, true, false);
        table.header("STEP", "UNUSED", "ASSIGNED", "PROCESSED", "PROBLEMATIC", "MAXRESET", "TASKS");
        for (StepStatus s : steps) {
            table.row(s.step(), n(s, "Unused"), n(s, "Assigned"), n(s, "Processed"), n(s, "Problematic"), n(s, "MaxReset"),
                    s.tasks().isEmpty() ? "-" : s.tasks().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", ")));
        }
        table.flush();
        EngineStatus engine = productions().engine();
        out().println("engine: " + (engine.pid() > 0 ? "running (pid " + engine.pid() + ")" : engine.running() ? engine.note() : "not running ("
                + engine.note() + ")"));
        return 0;
    }

    private static String n(StepStatus s, String state) {
        return Long.toString(s.files().getOrDefault(state, 0L));
    }
}
