package org.dshell.commands.production;

import org.dshell.commands.ProductionIdArg;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Let a stopped production make and submit tasks again. */
@Command(name = "start", description = "Let a stopped production make and submit tasks again.", footer = {"%nExamples:", "  production start 3"})
public final class ProductionStartCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Override
    protected int execute() {
        productions().start(id(id));
        productions().ensureEngine();
        return 0;
    }
}
