package org.dshell.core.meta;

import java.util.regex.Pattern;

/**
 * DIRAC's wildcards in string values: {@code *} any run of characters, {@code ?} exactly one; everything
 * else literal and case-sensitive, matched against the whole value (DIRAC turns them into SQL LIKE % and _).
 */
final class GlobPattern {
    private GlobPattern() {
    }

    static boolean isPattern(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    static boolean matches(String pattern, String text) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
                literal.setLength(0);
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }
}
