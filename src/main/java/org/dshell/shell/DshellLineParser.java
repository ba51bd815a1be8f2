package org.dshell.shell;

import java.util.ArrayList;
import java.util.List;

import org.dshell.core.LineParser;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * JLine's view of dshell's line syntax: an unfinished quote or a trailing backslash asks for a
 * continuation line; for completion it reports the words of the command under the cursor and
 * escapes inserted candidates the way the parser will read them back.
 */
final class DshellLineParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && LineParser.isIncomplete(line)) {
            throw new EOFError(-1, -1, "incomplete line", "quote");
        }
        ShellWords split = ShellWords.split(line, Math.min(cursor, line.length()));
        return new Line(line, cursor, split);
    }

    /** The parsed line JLine completes on. */
    private static final class Line implements CompletingParsedLine {
        private final String line;
        private final int cursor;
        private final ShellWords split;
        private final List<String> words;

        Line(String line, int cursor, ShellWords split) {
            this.line = line;
            this.cursor = cursor;
            this.split = split;
            this.words = new ArrayList<>(split.words);
            this.words.add(split.current);
        }

        @Override
        public String word() {
            return split.current;
        }

        @Override
        public int wordCursor() {
            return split.current.length();
        }

        @Override
        public int wordIndex() {
            return words.size() - 1;
        }

        @Override
        public List<String> words() {
            return words;
        }

        @Override
        public String line() {
            return line;
        }

        @Override
        public int cursor() {
            return cursor;
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            StringBuilder b = new StringBuilder();
            if (split.openQuote != 0) {
                b.append(split.openQuote).append(candidate);
                if (complete) {
                    b.append(split.openQuote);
                }
                return b;
            }
            for (int i = 0; i < candidate.length(); i++) {
                char c = candidate.charAt(i);
                if (" \t'\"\\;#*?[]$&|<>()!".indexOf(c) >= 0 && !(c == '!' && i > 0)) {
                    b.append('\\');
                }
                b.append(c);
            }
            return b;
        }

        @Override
        public int rawWordCursor() {
            return cursor - split.currentStart;
        }

        @Override
        public int rawWordLength() {
            return cursor - split.currentStart;
        }
    }
}
