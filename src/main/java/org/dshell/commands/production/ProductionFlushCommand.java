package org.dshell.commands.production;

import org.dshell.commands.ProductionIdArg;
import org.dshell.commands.ProductionStepArg;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lets steps submit their last, smaller-than-group-size groups. */
@Command(name = "flush", description = "Let steps submit groups smaller than their group size (all steps, or one).",
        footer = {"%nExamples:", "  production flush 3", "  production flush 3 --step merge"})
public final class ProductionFlushCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Option(names = "--step", paramLabel = "STEP", description = "Only this step.")
    ProductionStepArg step;

    @Override
    protected int execute() {
        productions().flush(id(id), step(step));
        productions().ensureEngine();
        return 0;
    }
}
