package org.dshell.commands.meta;

import org.dshell.core.DshellException;

import picocli.CommandLine.Command;

/** The {@code meta} verb: DIRAC's catalog metadata, one subcommand per action. */
@Command(name = "meta", description = "Typed metadata on catalog files and directories: define fields, set, show, remove.",
        subcommands = {MetaIndexCommand.class, MetaFieldsCommand.class, MetaSetCommand.class, MetaGetCommand.class,
                MetaRmCommand.class},
        footer = {"%nExamples:", "  meta index -d particle string", "  meta index -f energy float",
                "  meta set /dteam/data/run1 particle=proton", "  meta set /dteam/data/run1/*.dat energy=4.5",
                "  meta get /dteam/data/run1/f001.dat", "  meta rm /dteam/data/run1 particle", "  meta fields",
                "  find /dteam/data particle=proton energy>2"})
public final class MetaCommand extends MetaVerb {

    @Override
    protected int execute() {
        throw DshellException.usage("missing subcommand: index, fields, set, get or rm (see 'meta --help')");
    }
}
