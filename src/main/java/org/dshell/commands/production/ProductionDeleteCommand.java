package org.dshell.commands.production;

import org.dshell.commands.ProductionIdArg;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Kill a production's unfinished jobs and forget it; its output files stay in the catalog. */
@Command(name = "delete", description = "Kill a production's unfinished jobs and forget it; its output files stay in the catalog.", footer = {"%nExamples:", "  production delete 3"})
public final class ProductionDeleteCommand extends ProductionVerb {
    @Parameters(paramLabel = "ID", description = "The production id.")
    ProductionIdArg id;

    @Override
    protected int execute() {
        productions().delete(id(id));
        return 0;
    }
}
