package org.dshell.commands.production;

import java.util.List;

import org.dshell.backend.ProductionManager.StepPlan;
import org.dshell.core.production.ProductionSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Checks a production file and stores it as Active; the engine then runs it in the background. */
@Command(name = "submit", description = "Check a production YAML file and start it (or, with --dry-run, show what it would do now).",
        footer = {"%nExamples:", "  production submit chain.yaml", "  production submit chain.yaml --dry-run"})
public final class ProductionSubmitCommand extends ProductionVerb {
    @Parameters(paramLabel = "FILE.yaml", description = "The production description.")
    String file;

    @Option(names = "--dry-run", description = "Only list, per step, the input files and tasks it would make now.")
    boolean dryRun;

    @Override
    protected int execute() {
        ProductionSpec spec = read(file);
        if (dryRun) {
            for (StepPlan plan : productions().dryRun(spec)) {
                if (plan.sourceTasks() > 0) {
                    out().println("step " + plan.step() + ": " + plan.sourceTasks() + " tasks making new data");
                    continue;
                }
                out().println("step " + plan.step() + ": " + plan.inputFiles().size() + " input files, " + plan.tasks().size()
                        + " tasks" + (spec.step(plan.step()).orElseThrow().parents().isEmpty() ? "" : " (inputs come from its parents)"));
                int n = 1;
                for (List<String> task : plan.tasks()) {
                    out().println("  task " + n++ + ": " + String.join(" ", task));
                }
            }
            return 0;
        }
        long id = productions().submit(spec, text(file));
        productions().ensureEngine();
        out().println(id);
        return 0;
    }
}
