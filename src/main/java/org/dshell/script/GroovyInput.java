package org.dshell.script;

import java.util.regex.Pattern;

/** Text handling for the Groovy prompt and {@code eval}, without Groovy: when is input complete, and session variables. */
public final class GroovyInput {
    private static final Pattern DEF = Pattern.compile("(?m)^(\\s*)def\\s+([A-Za-z_$][\\w$]*)\\s*=(?!=)");

    private GroovyInput() {
    }

    /**
     * Whether more lines are needed: an open bracket, brace or parenthesis, an open triple-quoted
     * string, or a trailing backslash. Quotes and comments are skipped roughly (no GStrings in GStrings).
     */
    public static boolean isIncomplete(String text) {
        int depth = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (text.startsWith("'''", i) || text.startsWith("\"\"\"", i)) {
                int end = text.indexOf(text.substring(i, i + 3), i + 3);
                if (end < 0) {
                    return true;
                }
                i = end + 3;
                continue;
            }
            if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                i = j + 1;
                continue;
            }
            if (text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    return true;
                }
                i = end + 2;
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            i++;
        }
        return depth > 0 || text.stripTrailing().endsWith("\\");
    }

    /**
     * Makes {@code def x = ...} at the start of a line assign a session variable, so it outlives the
     * evaluation (as in groovysh); other declarations stay local to one evaluation.
     */
    public static String sessionVariables(String code) {
        return DEF.matcher(code).replaceAll("$1$2 =");
    }
}
