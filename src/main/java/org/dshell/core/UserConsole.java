package org.dshell.core;

import java.util.List;

/**
 * What a verb may ask of the place it runs in, beyond its streams: a terminal (interactive REPL)
 * or none (batch, scripts, tests). Implemented by the shell with JLine and by a plain version here.
 */
public interface UserConsole {

    /** True at an interactive prompt on a terminal. */
    boolean interactive();

    /** Whether colour may be used (a terminal, and NO_COLOR not set). */
    boolean color();

    /** Asks for a secret without echoing it; the caller wipes the array after use. */
    char[] readPassword(String prompt);

    /** The lines typed so far, oldest first (empty outside the REPL). */
    List<String> history();

    /** The terminal width in columns (80 when unknown). */
    int width();

    /** A progress display for a bulk verb moving {@code files} files of {@code bytes} bytes in all; none off a terminal. */
    default TransferProgress progress(String task, long files, long bytes) {
        return TransferProgress.NONE;
    }

    /**
     * Reads one line at a prompt of its own (the Groovy prompt), offering {@code completions} on TAB.
     * Returns null at end of input; Ctrl-C throws a {@link DshellException} with status 130.
     * Without a terminal there is no such prompt.
     */
    default String readLine(String prompt, List<String> completions) {
        throw DshellException.usage("this needs a terminal (in batch mode and scripts use eval or run FILE.groovy)");
    }

    /** A console for batch mode and scripts: no terminal, no colour, no prompt for secrets. */
    static UserConsole none() {
        return new UserConsole() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public boolean color() {
                return false;
            }

            @Override
            public char[] readPassword(String prompt) {
                throw DshellException.usage("no terminal to ask for a pass phrase (use --pass-stdin)");
            }

            @Override
            public List<String> history() {
                return List.of();
            }

            @Override
            public int width() {
                return 80;
            }
        };
    }
}
