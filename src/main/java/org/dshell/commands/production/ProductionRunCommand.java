package org.dshell.commands.production;

import java.util.List;
import java.util.stream.Collectors;

import org.dshell.backend.ProductionManager;
import org.dshell.backend.ProductionManager.StepStatus;
import org.dshell.core.DshellException;
import org.dshell.core.production.ProductionSpec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Submits a production and, with {@code --wait}, drives the engine in the foreground until nothing is
 * left to do: for batch use. Partial groups are submitted once their inputs are final. Exits 1 when
 * files ended in MaxReset or Problematic.
 */
@Command(name = "run", description = "Submit a production and run it to completion in the foreground, with progress.",
        footer = {"%nExamples:", "  production run chain.yaml --wait", "  dshell -c 'production run chain.yaml --wait'"})
public final class ProductionRunCommand extends ProductionVerb {
    @Parameters(paramLabel = "FILE.yaml", description = "The production description.")
    String file;

    @Option(names = "--wait", description = "Run the engine here until the production is complete (without it, like submit).")
    boolean waitForIt;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "200", description = "Pause between engine passes, in milliseconds.")
    long interval;

    @Override
    protected int execute() throws InterruptedException {
        ProductionSpec spec = read(file);
        ProductionManager productions = productions();
        long id = productions.submit(spec, text(file));
        out().println("production " + id + " (" + spec.name() + ")");
        if (!waitForIt) {
            return 0;
        }
        String last = "";
        while (true) {
            checkInterrupted();
            boolean changed = productions.tick(true);
            String progress = progress(productions.status(id));
            if (!progress.equals(last)) {
                out().println(progress);
                out().flush();
                last = progress;
            }
            if (!changed && productions.isComplete(id)) {
                break;
            }
            if (!changed) {
                Thread.sleep(interval);
            }
        }
        long lost = productions.status(id).stream().mapToLong(s -> s.files().getOrDefault("MaxReset", 0L)
                + s.files().getOrDefault("Problematic", 0L) + s.tasks().getOrDefault("MaxReset", 0L)).sum();
        if (lost > 0) {
            throw DshellException.failure("production " + id + " finished with " + lost + " input(s) in MaxReset or Problematic"
                    + " (see 'production files " + id + " --state MaxReset')");
        }
        out().println("production " + id + " complete");
        return 0;
    }

    static String progress(List<StepStatus> steps) {
        return steps.stream().map(s -> {
            long files = s.files().values().stream().mapToLong(Long::longValue).sum();
            long tasks = s.tasks().values().stream().mapToLong(Long::longValue).sum();
            String tail = s.files().entrySet().stream().filter(e -> e.getValue() > 0 && !e.getKey().equals("Processed"))
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            return files == 0
                    ? s.step() + " " + s.tasks().getOrDefault("Done", 0L) + "/" + tasks + " tasks done"
                    : s.step() + " " + s.files().getOrDefault("Processed", 0L) + "/" + files + " files processed"
                    + (tail.isEmpty() ? "" : " (" + tail + ")");
        }).collect(Collectors.joining(" | "));
    }
}
