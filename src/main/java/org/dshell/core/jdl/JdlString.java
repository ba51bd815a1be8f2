package org.dshell.core.jdl;

import java.util.Objects;

/** A double-quoted JDL string; {@link #value()} holds the text with escapes resolved. */
public record JdlString(String value) implements JdlValue {

    public JdlString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String text() {
        return value;
    }

    @Override
    public String toJdl() {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
