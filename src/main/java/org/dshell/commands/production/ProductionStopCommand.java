package org.dshell.commands.production;

import org.dshell.commands.ProductionIdArg;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Stop making and submitting tasks; jobs already submitted are still followed. */
@Command(name = "stop", description = "Stop making and submitting tasks; jobs already submitted are still followed.", footer = {"%nExamples:", "  production stop 3"})
public final class ProductionStopCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Override
    protected int execute() {
        productions().stop(id(id));
        return 0;
    }
}
