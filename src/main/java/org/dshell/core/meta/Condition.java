package org.dshell.core.meta;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One test on a field's value: an operator and its typed operands (one, or one or more for IN/NOT_IN).
 * Operands are Long, Double, String or Instant, already converted with the field's type.
 */
public record Condition(Operator op, List<Object> values) {

    public Condition {
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        if (op.takesList() ? values.isEmpty() : values.size() != 1) {
            throw new IllegalArgumentException(op + " with " + values.size() + " values");
        }
    }

    public static Condition of(Operator op, Object... values) {
        return new Condition(op, List.of(values));
    }

    /** The operand of a single-value condition. */
    public Object value() {
        return values.get(0);
    }

    /**
     * True if this is {@code =} or {@code !=} with a string holding {@code *} or {@code ?}: it then
     * matches as a wildcard pattern (SQL GLOB/LIKE), as DIRAC does for a single string value.
     * Lists stay literal, again as in DIRAC, where IN takes plain values.
     */
    public boolean isPattern() {
        return (op == Operator.EQ || op == Operator.NE) && value() instanceof String s && GlobPattern.isPattern(s);
    }

    /**
     * Tests a present value. A collection (e.g. the SEs holding a file's replicas) passes a positive
     * condition if any element does, and a negative one ({@code !=}, not-in) only if no element equals
     * an operand, so {@code SE!=X} means "no replica on X".
     */
    public boolean test(Object actual) {
        if (actual instanceof Collection<?> many) {
            return op.isNegative()
                    ? many.stream().noneMatch(this::equalsAny)
                    : many.stream().anyMatch(this::testOne);
        }
        return testOne(actual);
    }

    private boolean testOne(Object actual) {
        return switch (op) {
            case EQ, IN -> equalsAny(actual);
            case NE, NOT_IN -> !equalsAny(actual);
            case LT -> compare(actual, value()) < 0;
            case GT -> compare(actual, value()) > 0;
            case LE -> compare(actual, value()) <= 0;
            case GE -> compare(actual, value()) >= 0;
        };
    }

    private boolean equalsAny(Object actual) {
        if (isPattern()) {
            return GlobPattern.matches((String) value(), (String) actual);
        }
        return values.stream().anyMatch(v -> compare(actual, v) == 0);
    }

    // Strings compare by code point (SQLite's BINARY collation), numbers by value whatever their boxing,
    // so the later SQL translation and this reference agree.
    static int compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            boolean integral = !(x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float);
            return integral ? Long.compare(x.longValue(), y.longValue()) : Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        throw new IllegalArgumentException("cannot compare " + a.getClass().getSimpleName() + " '" + a
                + "' with " + b.getClass().getSimpleName() + " '" + b + "'");
    }
}
