package org.dshell.core.jdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses DIRAC's JDL, a ClassAd text {@code [ Name = value; ... ]}. The outer brackets and the
 * last {@code ;} may be left out, as DIRAC accepts. Strings, numbers and lists become typed values;
 * anything else is kept verbatim as a {@link JdlExpression}.
 */
public final class JdlParser {
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private final String src;
    private final Matcher number;
    private int pos;
    private boolean bracketed;

    private JdlParser(String src) {
        this.src = src;
        this.number = NUMBER.matcher(src);
    }

    /** Parses a whole JDL text. */
    public static Jdl parse(String text) {
        return new JdlParser(text).document();
    }

    /**
     * Reads one value such as {@code "x"}, {@code 12} or {@code {"a","b"}}; text that is not a
     * single string, number or list comes back as an expression rather than an error.
     */
    public static JdlValue parseValue(String text) {
        JdlParser parser = new JdlParser(text);
        try {
            parser.skipBlank();
            JdlValue value = parser.structured();
            if (value != null) {
                parser.skipBlank();
                if (parser.atEnd()) {
                    return value;
                }
            }
        } catch (JdlSyntaxException notSingleValue) {
            // falls through: the text is kept as written
        }
        return new JdlExpression(text.strip());
    }

    private Jdl document() {
        skipBlank();
        int openBracket = pos;
        if (!atEnd() && src.charAt(pos) == '[') {
            bracketed = true;
            pos++;
        }
        Jdl jdl = new Jdl();
        Map<String, Integer> firstSeen = new HashMap<>();
        while (true) {
            skipBlank();
            if (atEnd()) {
                if (bracketed) {
                    throw error(openBracket, "'[' is never closed by ']'");
                }
                return jdl;
            }
            char c = src.charAt(pos);
            if (c == ';') {
                pos++; // DIRAC ignores empty statements such as ";;"
            } else if (c == ']') {
                if (!bracketed) {
                    throw error(pos, "unexpected ']' without an opening '['");
                }
                pos++;
                skipBlank();
                if (!atEnd()) {
                    throw error(pos, "unexpected text after the closing ']'");
                }
                return jdl;
            } else {
                attribute(jdl, firstSeen);
            }
        }
    }

    private void attribute(Jdl jdl, Map<String, Integer> firstSeen) {
        int nameStart = pos;
        char c = src.charAt(pos);
        if (c == '=') {
            throw error(pos, "empty attribute name");
        }
        if (!isNameStart(c)) {
            throw error(pos, "expected an attribute name, found " + describe(pos));
        }
        while (!atEnd() && isNamePart(src.charAt(pos))) {
            pos++;
        }
        String name = src.substring(nameStart, pos);
        skipBlank();
        if (atEnd() || src.charAt(pos) != '=') {
            throw error(pos, "missing '=' after attribute name '" + name + "'");
        }
        Integer earlier = firstSeen.putIfAbsent(name.toLowerCase(Locale.ROOT), nameStart);
        if (earlier != null) {
            int[] at = lineAndColumn(earlier);
            throw error(nameStart, "duplicate attribute '" + name + "' (first set at line " + at[0] + ", column " + at[1] + ")");
        }
        pos++;
        skipBlank();
        if (atEnd() || src.charAt(pos) == ';' || (bracketed && src.charAt(pos) == ']')) {
            throw error(pos, "missing value for attribute '" + name + "'");
        }
        jdl.set(name, topLevelValue());
        int valueEnd = pos;
        skipBlank();
        if (!atEnd() && src.charAt(pos) != ';' && src.charAt(pos) != ']') {
            throw error(valueEnd, "missing ';' between attributes '" + name + "' and '" + nameAt(pos) + "'");
        }
    }

    private JdlValue topLevelValue() {
        int start = pos;
        JdlValue value = structured();
        if (value != null) {
            int end = pos;
            skipBlank();
            boolean complete = atEnd() || src.charAt(pos) == ';' || src.charAt(pos) == ']' || startsAttribute(pos);
            pos = complete ? end : start;
            if (complete) {
                return value;
            }
        }
        return raw(false, -1);
    }

    private JdlValue listItem(int listOpen) {
        int start = pos;
        JdlValue value = structured();
        if (value != null) {
            int end = pos;
            skipBlank();
            boolean complete = !atEnd() && (src.charAt(pos) == ',' || src.charAt(pos) == '}');
            pos = complete ? end : start;
            if (complete) {
                return value;
            }
        }
        return raw(true, listOpen);
    }

    /** A string, number or list starting at pos, or null (pos unchanged) if the text starts otherwise. */
    private JdlValue structured() {
        if (atEnd()) {
            return null;
        }
        char c = src.charAt(pos);
        if (c == '"') {
            return new JdlString(string());
        }
        if (c == '{') {
            return list();
        }
        number.region(pos, src.length());
        if (number.lookingAt()) {
            int end = number.end();
            if (end < src.length() && (isNamePart(src.charAt(end)))) {
                return null; // "3600s" or "1.2.3" is not a number
            }
            pos = end;
            return new JdlNumber(number.group());
        }
        return null;
    }

    private JdlList list() {
        int open = pos;
        pos++;
        List<JdlValue> items = new ArrayList<>();
        skipBlank();
        if (!atEnd() && src.charAt(pos) == '}') {
            pos++;
            return new JdlList(items);
        }
        while (true) {
            skipBlank();
            if (atEnd() || src.charAt(pos) == ';' || src.charAt(pos) == ']') {
                throw unclosed(open);
            }
            if (src.charAt(pos) == ',' || src.charAt(pos) == '}') {
                throw error(pos, "empty list element");
            }
            items.add(listItem(open));
            skipBlank();
            // listItem stops only before ',' or '}' or throws
            if (src.charAt(pos++) == '}') {
                return new JdlList(items);
            }
        }
    }

    /**
     * Reads an expression verbatim up to the end of the attribute (or list element), keeping
     * brackets balanced and dropping comments.
     */
    private JdlValue raw(boolean inList, int listOpen) {
        StringBuilder text = new StringBuilder();
        Deque<Integer> openers = new ArrayDeque<>();
        int contentEnd = pos;
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (c == '"') {
                int start = pos;
                string();
                text.append(src, start, pos);
                contentEnd = pos;
                continue;
            }
            if (commentAt(pos)) {
                skipComment(); // stops before the newline, which may still end the value
                text.append(' ');
                continue;
            }
            if (openers.isEmpty()) {
                if (inList && (c == ',' || c == '}')) {
                    break;
                }
                if (inList && (c == ';' || c == ']')) {
                    throw unclosed(listOpen);
                }
                if (!inList && (c == ';' || (c == ']' && bracketed))) {
                    break;
                }
                if (c == '\n' && startsAttribute(afterBlank(pos))) {
                    if (inList) {
                        throw unclosed(listOpen);
                    }
                    break; // the caller reports the missing ';'
                }
            } else if (c == ';' && src.charAt(openers.peek()) != '[') {
                throw unclosed(openers.peek()); // only a sub-ClassAd [ ... ] holds ';'
            }
            if (c == '(' || c == '[' || c == '{') {
                openers.push(pos);
            } else if (c == ')' || c == ']' || c == '}') {
                if (openers.isEmpty()) {
                    throw error(pos, (c == '}' ? "unbalanced braces" : "unbalanced brackets") + ": unexpected '" + c + "'");
                }
                int open = openers.pop();
                if (closerOf(src.charAt(open)) != c) {
                    throw unclosed(open);
                }
            }
            text.append(c);
            pos++;
            if (!Character.isWhitespace(c)) {
                contentEnd = pos;
            }
        }
        if (!openers.isEmpty()) {
            throw unclosed(openers.peek());
        }
        if (atEnd() && inList) {
            throw unclosed(listOpen);
        }
        pos = contentEnd;
        return new JdlExpression(text.toString().strip());
    }

    /** Reads a double-quoted string at pos and returns its content with escapes resolved. */
    private String string() {
        int open = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (atEnd() || src.charAt(pos) == '\n') {
                throw error(open, "unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (atEnd()) {
                throw error(open, "unterminated string");
            }
            char escaped = src.charAt(pos++);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case '"', '\\', '\'' -> value.append(escaped);
                // Unknown escapes stay as written, so regular expressions and Windows paths survive.
                default -> value.append('\\').append(escaped);
            }
        }
    }

    /** Skips whitespace and comments: {@code # ...}, {@code // ...} and {@code /* ... *}{@code /}. */
    private void skipBlank() {
        while (!atEnd()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (commentAt(pos)) {
                skipComment();
            } else {
                return;
            }
        }
    }

    private void skipComment() {
        if (src.startsWith("/*", pos)) {
            int end = src.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error(pos, "unterminated comment");
            }
            pos = end + 2;
            return;
        }
        while (!atEnd() && src.charAt(pos) != '\n') {
            pos++;
        }
    }

    private boolean commentAt(int i) {
        return src.charAt(i) == '#' || src.startsWith("//", i) || src.startsWith("/*", i);
    }

    private int afterBlank(int from) {
        int saved = pos;
        pos = from;
        skipBlank();
        int result = pos;
        pos = saved;
        return result;
    }

    /** True if an attribute {@code Name =} (not {@code Name ==}) starts at i: the sign of a missing ';'. */
    private boolean startsAttribute(int i) {
        if (i >= src.length() || !isNameStart(src.charAt(i))) {
            return false;
        }
        while (i < src.length() && isNamePart(src.charAt(i))) {
            i++;
        }
        while (i < src.length() && (src.charAt(i) == ' ' || src.charAt(i) == '\t')) {
            i++;
        }
        return i < src.length() && src.charAt(i) == '='
                && (i + 1 >= src.length() || src.charAt(i + 1) != '=');
    }

    private String nameAt(int i) {
        int end = i;
        while (end < src.length() && isNamePart(src.charAt(end))) {
            end++;
        }
        return end > i ? src.substring(i, end) : String.valueOf(src.charAt(i));
    }

    private JdlSyntaxException unclosed(int open) {
        char c = src.charAt(open);
        String kind = c == '{' ? "unbalanced braces" : "unbalanced brackets";
        return error(open, kind + ": '" + c + "' is never closed");
    }

    private static char closerOf(char open) {
        return open == '(' ? ')' : open == '[' ? ']' : '}';
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.';
    }

    private String describe(int i) {
        return "'" + src.charAt(i) + "'";
    }

    private boolean atEnd() {
        return pos >= src.length();
    }

    private JdlSyntaxException error(int index, String what) {
        int[] at = lineAndColumn(index);
        return new JdlSyntaxException(at[0], at[1], what);
    }

    /** 1-based line and column of a character index; computed only for errors, so a scan is fine. */
    private int[] lineAndColumn(int index) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, index - lineStart + 1};
    }
}
