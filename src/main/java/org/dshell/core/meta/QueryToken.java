package org.dshell.core.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dshell.core.DshellException;

/** One {@code name<op>value} word split into its parts; every shape error names the word it came from. */
record QueryToken(String text, String name, Operator op, String value) {
    private static final String OPERATOR_CHARS = "=<>!~";
    static final String OPERATORS = "= != < > <= >=";

    /** Splits at the first run of operator characters; the value may itself hold '=' or spaces. */
    static QueryToken split(String text) {
        int at = indexOfOperator(text);
        if (at < 0) {
            throw error(text, "no operator (expected NAME<op>VALUE, op one of " + OPERATORS + ")");
        }
        String name = text.substring(0, at).trim();
        if (name.isEmpty()) {
            throw error(text, "empty field name");
        }
        if (!MetaField.isValidName(name)) {
            throw error(text, "'" + name + "' is not a valid field name (letters, digits and _, starting with a letter)");
        }
        int end = at;
        while (end < text.length() && OPERATOR_CHARS.indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        String symbol = text.substring(at, end);
        Optional<Operator> op = Operator.fromSymbol(symbol);
        if (op.isEmpty()) {
            throw error(text, "unknown operator '" + symbol + "' (expected one of " + OPERATORS + ")");
        }
        String value = text.substring(end).trim();
        if (value.isEmpty()) {
            throw error(text, "empty value");
        }
        return new QueryToken(text, name, op.get(), value);
    }

    /**
     * The value as comma-separated elements, each trimmed. An element wrapped in matching quotes keeps
     * its content verbatim, commas and spaces included; DIRAC strips quotes too, but splits on every comma.
     */
    List<String> elements() {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int start = skipSpaces(value, i);
            int close = start < value.length() && isQuote(value.charAt(start)) ? value.indexOf(value.charAt(start), start + 1) : -1;
            if (close > 0) {
                int after = skipSpaces(value, close + 1);
                if (after == value.length() || value.charAt(after) == ',') {
                    out.add(value.substring(start + 1, close));
                    if (after == value.length()) {
                        break;
                    }
                    i = after + 1;
                    continue;
                }
            }
            int comma = value.indexOf(',', i);
            out.add(value.substring(i, comma < 0 ? value.length() : comma).trim());
            if (comma < 0) {
                break;
            }
            i = comma + 1;
        }
        if (out.stream().anyMatch(String::isEmpty)) {
            throw error(text, out.size() == 1 ? "empty value" : "empty element in list");
        }
        return out;
    }

    /** The whole value as one element, for {@code meta set}, where commas are just characters. */
    String singleValue() {
        String v = value;
        if (v.length() >= 2 && isQuote(v.charAt(0)) && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty()) {
            throw error(text, "empty value");
        }
        return v;
    }

    /** A usage error for this word: the message starts with the quoted word, the verb adds its prefix. */
    static DshellException error(String text, String why) {
        return DshellException.usage("'" + text + "': " + why);
    }

    DshellException error(String why) {
        return error(text, why);
    }

    private static int indexOfOperator(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (OPERATOR_CHARS.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"';
    }
}
