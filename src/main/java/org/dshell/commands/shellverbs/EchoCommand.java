package org.dshell.commands.shellverbs;

import java.util.ArrayList;
import java.util.List;

import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints its arguments. */
@Command(name = "echo", description = "Print the arguments, separated by spaces.",
        footer = {"%nExamples:", "  echo hello world", "  echo -n 'no newline'"})
public final class EchoCommand extends Verb {
    @Option(names = "-n", description = "Do not print the trailing newline.")
    boolean noNewline;

    @Parameters(paramLabel = "WORD", arity = "0..*")
    List<String> words = new ArrayList<>();

    @Override
    protected int execute() {
        out().print(String.join(" ", words));
        if (!noNewline) {
            out().println();
        }
        return 0;
    }
}
