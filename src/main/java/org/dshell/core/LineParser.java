package org.dshell.core;

import java.util.ArrayList;
import java.util.List;

/**
 * POSIX-like word splitting for a dshell line: single and double quotes, backslash escapes,
 * {@code #} comments, {@code ;} between commands, a trailing backslash joining the next line.
 * A command starting with {@code !} takes the rest of the line verbatim for the local shell.
 */
public final class LineParser {

    /** One command of a line: its words (quoted wildcards marked, see {@link Glob}) and its text. */
    public record ParsedCommand(List<String> words, String text) {
    }

    private LineParser() {
    }

    /** Whether the text ends inside a quote or with a continuation backslash, so more lines are needed. */
    public static boolean isIncomplete(String text) {
        try {
            parse(text);
            return false;
        } catch (IncompleteLineException e) {
            return true;
        }
    }

    /** Thrown for an unterminated quote or a trailing backslash. */
    public static final class IncompleteLineException extends DshellException {
        IncompleteLineException(String message) {
            super(ExitStatus.USAGE, message);
        }
    }

    public static List<ParsedCommand> parse(String text) {
        List<ParsedCommand> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int commandStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (word == null && words.isEmpty() && c == '!') {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                words.add("!");
                words.add(text.substring(i + 1, end).trim());
                commands.add(new ParsedCommand(words, text.substring(i, end).trim()));
                words = new ArrayList<>();
                i = end + 1;
                commandStart = i;
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= n) {
                    throw new IncompleteLineException("line ends with a backslash");
                }
                char next = text.charAt(i + 1);
                if (next == '\n') {
                    if (i + 2 >= n) {
                        throw new IncompleteLineException("line ends with a backslash");
                    }
                    i += 2;
                    continue;
                }
                word = word == null ? new StringBuilder() : word;
                word.append(Glob.quoted(next));
                i += 2;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new IncompleteLineException("unterminated single quote");
                }
                word = word == null ? new StringBuilder() : word;
                for (int k = i + 1; k < close; k++) {
                    word.append(Glob.quoted(text.charAt(k)));
                }
                i = close + 1;
            } else if (c == '"') {
                word = word == null ? new StringBuilder() : word;
                i = readDoubleQuoted(text, i + 1, word);
            } else if (c == '#' && word == null) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else if (c == ';' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (!words.isEmpty()) {
                    commands.add(new ParsedCommand(words, text.substring(commandStart, i).trim()));
                    words = new ArrayList<>();
                }
                i++;
                commandStart = i;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (!words.isEmpty()) {
            commands.add(new ParsedCommand(words, text.substring(commandStart).trim()));
        }
        return commands;
    }

    private static int readDoubleQuoted(String text, int i, StringBuilder word) {
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < n && "\"\\$`\n".indexOf(text.charAt(i + 1)) >= 0) {
                if (text.charAt(i + 1) != '\n') {
                    word.append(text.charAt(i + 1));
                }
                i += 2;
                continue;
            }
            word.append(Glob.quoted(c));
            i++;
        }
        throw new IncompleteLineException("unterminated double quote");
    }
}
