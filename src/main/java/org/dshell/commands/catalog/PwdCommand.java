package org.dshell.commands.catalog;

import org.dshell.commands.Verb;

import picocli.CommandLine.Command;

/** Prints the current catalog directory. */
@Command(name = "pwd", description = "Print the current catalog directory.")
public final class PwdCommand extends Verb {
    @Override
    protected int execute() {
        out().println(ctx.session().cwd());
        return 0;
    }
}
