package org.dshell.commands.shellverbs;

import org.dshell.commands.Verb;
import org.dshell.core.ExitRequest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Leaves the shell. */
@Command(name = "exit", aliases = "quit", description = "Leave dshell with a status (default 0).",
        footer = {"%nExamples:", "  exit", "  exit 3"})
public final class ExitCommand extends Verb {
    @Parameters(paramLabel = "STATUS", arity = "0..1", defaultValue = "0")
    int status;

    @Override
    protected int execute() {
        throw new ExitRequest(status);
    }
}
