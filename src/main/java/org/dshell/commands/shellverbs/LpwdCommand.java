package org.dshell.commands.shellverbs;

import org.dshell.commands.Verb;

import picocli.CommandLine.Command;

/** Prints the local working directory. */
@Command(name = "lpwd", description = "Print the local working directory (where get writes and put reads).")
public final class LpwdCommand extends Verb {
    @Override
    protected int execute() {
        out().println(ctx.session().localCwd());
        return 0;
    }
}
