package org.dshell.commands.shellverbs;

import org.dshell.commands.Verb;

import picocli.CommandLine.Command;

/** Prints the stack of the last error, which errors otherwise show as one line. */
@Command(name = "trace", description = "Show the full stack trace of the last error.")
public final class TraceCommand extends Verb {
    @Override
    protected int execute() {
        Throwable error = ctx.session().lastError();
        if (error == null) {
            out().println("no error so far");
            return 0;
        }
        error.printStackTrace(out());
        return 0;
    }
}
