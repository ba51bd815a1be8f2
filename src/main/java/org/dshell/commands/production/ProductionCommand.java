package org.dshell.commands.production;

import org.dshell.core.DshellException;

import picocli.CommandLine.Command;

/** The {@code production} verb: multi-step, data-driven workflows described in YAML. */
@Command(name = "production", description = "Productions: multi-step, data-driven workflows from YAML (DIRAC's Transformation system).",
        subcommands = {ProductionSubmitCommand.class, ProductionRunCommand.class, ProductionListCommand.class,
                ProductionStatusCommand.class, ProductionFilesCommand.class, ProductionStartCommand.class,
                ProductionStopCommand.class, ProductionFlushCommand.class, ProductionDeleteCommand.class},
        footer = {"%nExamples:", "  production submit chain.yaml --dry-run", "  production submit chain.yaml",
                "  production status 3", "  production files 3 --step process --state MaxReset",
                "  production flush 3 --step merge", "  production run chain.yaml --wait"})
public final class ProductionCommand extends ProductionVerb {

    @Override
    protected int execute() {
        throw DshellException.usage("missing subcommand: submit, run, list, status, files, start, stop, flush or delete"
                + " (see 'production --help')");
    }
}
