package org.dshell.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text before the cursor into the words of the command being typed, tolerating an
 * open quote (the user is in the middle of typing), and remembers the raw extent of the last word.
 */
final class ShellWords {
    final List<String> words = new ArrayList<>();
    /** Where the cursor word starts in the line, and its literal text so far. */
    int currentStart;
    String current = "";
    /** The quote character still open at the cursor, or 0. */
    char openQuote;

    static ShellWords split(String line, int cursor) {
        ShellWords result = new ShellWords();
        String text = line.substring(0, cursor);
        StringBuilder word = null;
        int wordStart = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == ';') {
                result.words.clear();
                word = null;
                continue;
            }
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    result.words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
                wordStart = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        result.openQuote = quote;
        if (word != null) {
            result.current = word.toString();
            result.currentStart = wordStart;
        } else {
            result.currentStart = cursor;
        }
        return result;
    }
}
