package org.dshell.shell;

import java.util.ArrayList;
import java.util.List;

import org.dshell.core.DshellException;
import org.dshell.core.TransferProgress;
import org.dshell.core.UserConsole;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/** The console of the interactive shell: masked secret prompts that never reach history. */
final class JLineConsole implements UserConsole {
    private final Terminal terminal;
    private final History history;
    private final boolean color;
    private LineReader lineReader;
    private volatile List<String> completions = List.of();

    JLineConsole(Terminal terminal, History history, boolean color) {
        this.terminal = terminal;
        this.history = history;
        this.color = color;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public boolean color() {
        return color;
    }

    @Override
    public char[] readPassword(String prompt) {
        // A reader of its own, without history, so the secret is never stored.
        LineReader secret = LineReaderBuilder.builder().terminal(terminal).build();
        secret.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return secret.readLine(prompt, '*').toCharArray();
        } catch (UserInterruptException | EndOfFileException e) {
            throw DshellException.failure("cancelled");
        }
    }

    @Override
    public String readLine(String prompt, List<String> completions) {
        synchronized (this) {
            if (lineReader == null) {
                // Its own reader and history: Groovy lines do not belong in the shell's history file.
                lineReader = LineReaderBuilder.builder().terminal(terminal)
                        .completer((reader, line, candidates) -> this.completions.forEach(
                                word -> candidates.add(new org.jline.reader.Candidate(word))))
                        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                        .build();
            }
            this.completions = List.copyOf(completions);
        }
        try {
            return lineReader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new DshellException(org.dshell.core.ExitStatus.INTERRUPTED, "interrupted");
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public List<String> history() {
        List<String> lines = new ArrayList<>();
        history.forEach(entry -> lines.add(entry.line()));
        return lines;
    }

    @Override
    public TransferProgress progress(String task, long files, long bytes) {
        return new TerminalProgress(terminal, task, files, bytes);
    }

    @Override
    public int width() {
        int width = terminal.getWidth();
        return width > 0 ? width : 80;
    }
}
