package org.dshell.commands.production;

import org.dshell.backend.ProductionManager;
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
            productions.ensureEngine();
            return 0;
        }
        ProductionRunner.runToEnd(productions, id, out(), interval);
        return 0;
    }
}
