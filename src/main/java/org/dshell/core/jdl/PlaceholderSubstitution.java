package org.dshell.core.jdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replaces {@code %n}, {@code %s} and {@code %(name)s} in one job's values, in a single pass so that
 * a substituted value is never scanned again.
 */
final class PlaceholderSubstitution {
    private final String index;
    private final JdlValue defaultValue;
    private final Map<String, JdlValue> namedByLowerCase;

    /** The lower-cased keys let {@code %(X)s} match a series written {@code Parameters.x}. */
    PlaceholderSubstitution(String index, JdlValue defaultValue, Map<String, JdlValue> namedByLowerCase) {
        this.index = index;
        this.defaultValue = defaultValue;
        this.namedByLowerCase = namedByLowerCase;
    }

    JdlValue apply(JdlValue value) {
        if (value instanceof JdlString string) {
            String replaced = replace(string.value());
            return replaced == string.value() ? value : new JdlString(replaced);
        }
        if (value instanceof JdlExpression expression) {
            return expression(expression);
        }
        if (value instanceof JdlList list) {
            return list(list);
        }
        return value;
    }

    private JdlValue expression(JdlExpression expression) {
        // A bare placeholder takes the parameter's own value, so "CPUTime = %s" becomes a number.
        JdlValue whole = wholePlaceholder(expression.source());
        if (whole != null) {
            return whole;
        }
        String replaced = replace(expression.source());
        return replaced == expression.source() ? expression : JdlParser.parseValue(replaced);
    }

    private JdlValue list(JdlList list) {
        List<JdlValue> items = null;
        for (int i = 0; i < list.items().size(); i++) {
            JdlValue item = list.items().get(i);
            JdlValue substituted = apply(item);
            if (substituted != item && items == null) {
                items = new ArrayList<>(list.items().subList(0, i));
            }
            if (items == null) {
                continue;
            }
            // DIRAC strips the braces of a list parameter put into a list: {%s} with {"a","b"} is {"a","b"}.
            if (item instanceof JdlExpression && substituted instanceof JdlList nested) {
                items.addAll(nested.items());
            } else {
                items.add(substituted);
            }
        }
        return items == null ? list : new JdlList(items);
    }

    private JdlValue wholePlaceholder(String source) {
        String text = source.strip();
        if (text.equals("%s")) {
            return defaultValue;
        }
        if (text.startsWith("%(") && text.endsWith(")s") && text.indexOf(')') == text.length() - 2) {
            return namedByLowerCase.get(text.substring(2, text.length() - 2).toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /** Returns the same instance when nothing was replaced, so unchanged values are shared between jobs. */
    String replace(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (percent >= 0 && percent + 1 < text.length()) {
            char kind = text.charAt(percent + 1);
            String insert = null;
            int end = percent + 2;
            if (kind == 'n') {
                insert = index;
            } else if (kind == 's' && defaultValue != null) {
                insert = textOf(defaultValue);
            } else if (kind == '(') {
                int close = text.indexOf(')', percent + 2);
                if (close > 0 && close + 1 < text.length() && text.charAt(close + 1) == 's') {
                    JdlValue named = namedByLowerCase.get(text.substring(percent + 2, close).toLowerCase(Locale.ROOT));
                    if (named != null) {
                        insert = textOf(named);
                        end = close + 2;
                    }
                }
            }
            if (insert == null) {
                // Unknown placeholders stay, as in DIRAC.
                percent = text.indexOf('%', percent + 1);
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16);
            }
            out.append(text, copied, percent).append(insert);
            copied = end;
            percent = text.indexOf('%', end);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    private static String textOf(JdlValue value) {
        return value instanceof JdlList ? value.toJdl() : value.text();
    }
}
