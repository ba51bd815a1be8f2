package org.dshell.commands.shellverbs;

import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Waits; handy between steps of a batch file. Ctrl-C stops it. */
@Command(name = "sleep", description = "Wait for a number of seconds (fractions allowed).",
        footer = {"%nExamples:", "  sleep 2", "  sleep 0.5"})
public final class SleepCommand extends Verb {
    @Parameters(paramLabel = "SECONDS")
    double seconds;

    @Override
    protected int execute() throws InterruptedException {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw DshellException.usage("seconds must not be negative: " + seconds);
        }
        Thread.sleep((long) (seconds * 1000));
        return 0;
    }
}
