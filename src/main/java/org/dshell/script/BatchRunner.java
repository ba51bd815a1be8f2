package org.dshell.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;

import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.LineParser;

/**
 * Runs dshell commands from a pipe, a heredoc, a {@code .dsh} file or {@code -c}: no prompt,
 * stops at the first failing command (naming its line) unless asked to keep going.
 */
public final class BatchRunner {
    private final Dispatcher dispatcher;
    private final boolean keepGoing;

    public BatchRunner(Dispatcher dispatcher, boolean keepGoing) {
        this.dispatcher = dispatcher;
        this.keepGoing = keepGoing;
    }

    /**
     * Runs every command read from {@code input}.
     *
     * @param source how errors name where they happened: {@code "line"} gives {@code line 3: ...},
     *               a file name gives {@code jobs.dsh: line 3: ...}, null prints just the command
     * @return the status of the failing command, 1 if any failed with --keep-going, else 0
     */
    public int run(BufferedReader input, CommandContext ctx, String source) throws IOException {
        PrintWriter err = ctx.err();
        StringBuilder pending = new StringBuilder();
        int lineNumber = 0;
        int commandLine = 0;
        boolean anyFailed = false;
        String line;
        while ((line = input.readLine()) != null) {
            lineNumber++;
            if (pending.isEmpty()) {
                commandLine = lineNumber;
            }
            pending.append(line).append('\n');
            if (LineParser.isIncomplete(pending.toString())) {
                continue;
            }
            String text = pending.toString();
            pending.setLength(0);
            String where = source == null ? "" : (source.equals("line") ? "" : source + ": ") + "line " + commandLine + ": ";
            Dispatcher.Outcome outcome;
            try {
                outcome = dispatcher.runLine(text, ctx, !keepGoing, (command, error) -> {
                    err.println(where + command + ": " + error);
                    err.flush();
                });
            } catch (ExitRequest exit) {
                return exit.status();
            }
            if (outcome.status() == ExitStatus.INTERRUPTED) {
                return ExitStatus.INTERRUPTED; // Ctrl-C stops the batch, --keep-going or not
            }
            if (outcome.failed()) {
                anyFailed = true;
                if (!keepGoing) {
                    return outcome.status();
                }
            }
        }
        if (!pending.isEmpty()) {
            String where = source == null ? "" : "line " + commandLine + ": ";
            err.println(where + pending.toString().trim() + ": " + incompleteReason(pending.toString()));
            err.flush();
            return ExitStatus.USAGE;
        }
        return anyFailed ? ExitStatus.FAILURE : ExitStatus.OK;
    }

    private static String incompleteReason(String text) {
        try {
            LineParser.parse(text);
            return "incomplete command";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
