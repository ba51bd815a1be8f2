package org.dshell.core;

import java.util.regex.Pattern;

/**
 * Shell wildcards ({@code * ? [...]}) in words. The line parser marks wildcard characters that were
 * quoted or escaped by moving them into Unicode's private use area, so that later code can tell a
 * quoted {@code *} (a literal star) from a bare one (a pattern) without carrying flags beside each word.
 */
public final class Glob {
    private static final char MARK_BASE = '\uE000';
    private static final String WILDCARDS = "*?[]";

    private Glob() {
    }

    /** The marked form of a character that was quoted: literal from then on. */
    public static char quoted(char c) {
        return WILDCARDS.indexOf(c) >= 0 ? (char) (MARK_BASE + c) : c;
    }

    /** Whether the word has an unquoted wildcard. */
    public static boolean isPattern(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (WILDCARDS.indexOf(word.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The word as the user meant it literally: quoted wildcards turned back into plain characters. */
    public static String literal(String word) {
        StringBuilder b = null;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c > MARK_BASE && c < MARK_BASE + 128 && WILDCARDS.indexOf(c - MARK_BASE) >= 0) {
                if (b == null) {
                    b = new StringBuilder(word.substring(0, i));
                }
                b.append((char) (c - MARK_BASE));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? word : b.toString();
    }

    /**
     * A regular expression for one path segment. Like POSIX shells, a leading dot must be matched
     * explicitly.
     */
    public static Pattern toRegex(String segment) {
        StringBuilder regex = new StringBuilder();
        if (segment.startsWith("*") || segment.startsWith("?") || segment.startsWith("[")) {
            regex.append("(?!\\.)");
        }
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = segment.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = segment.substring(i + 1, close);
                        boolean negate = set.startsWith("!") || set.startsWith("^");
                        if (negate) {
                            set = set.substring(1);
                        }
                        regex.append('[').append(negate ? "^" : "").append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(literal(String.valueOf(c))));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
