package org.dshell.core.jdl;

import java.util.Objects;

/**
 * A value that is neither string, number nor list ({@code true}, {@code other.Site == "X"},
 * a sub-ClassAd): kept verbatim because DIRAC passes such values on untouched.
 */
public record JdlExpression(String source) implements JdlValue {

    public JdlExpression {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("an expression must not be blank");
        }
    }

    @Override
    public String text() {
        return source;
    }

    @Override
    public String toJdl() {
        return source;
    }
}
