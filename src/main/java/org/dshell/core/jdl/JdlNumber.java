package org.dshell.core.jdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JDL number, kept as its literal so that {@code 1.50} is written back as {@code 1.50}, the way
 * DIRAC passes numbers on as text.
 */
public record JdlNumber(String literal) implements JdlValue {

    public JdlNumber {
        Objects.requireNonNull(literal, "literal");
        new BigDecimal(literal.startsWith("+") ? literal.substring(1) : literal); // rejects non-numbers early
    }

    public static JdlNumber of(long value) {
        return new JdlNumber(Long.toString(value));
    }

    public static JdlNumber of(BigInteger value) {
        return new JdlNumber(value.toString());
    }

    /** A float written the way Python's {@code str(float)} writes it, as DIRAC's parameter sequences are. */
    public static JdlNumber of(double value) {
        return new JdlNumber(PythonFloatText.of(value));
    }

    /** True when the literal has neither a decimal point nor an exponent. */
    public boolean isInteger() {
        return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
    }

    public BigDecimal toBigDecimal() {
        return new BigDecimal(literal.startsWith("+") ? literal.substring(1) : literal);
    }

    @Override
    public String text() {
        return literal;
    }

    @Override
    public String toJdl() {
        return literal;
    }
}
