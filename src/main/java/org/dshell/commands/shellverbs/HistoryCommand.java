package org.dshell.commands.shellverbs;

import java.util.List;

import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows the command history of the interactive shell. */
@Command(name = "history", description = "Show the commands typed before (kept across sessions in $DSHELL_HOME/history).",
        footer = {"%nExamples:", "  history", "  history 20"})
public final class HistoryCommand extends Verb {
    @Parameters(paramLabel = "N", arity = "0..1", description = "Only the last N entries.")
    Integer last;

    @Override
    protected int execute() {
        List<String> lines = ctx.console().history();
        int from = last == null ? 0 : Math.max(0, lines.size() - last);
        for (int i = from; i < lines.size(); i++) {
            out().printf("%5d  %s%n", i + 1, lines.get(i));
        }
        return 0;
    }
}
