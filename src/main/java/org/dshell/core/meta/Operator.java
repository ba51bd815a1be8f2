package org.dshell.core.meta;

import java.util.Optional;

/**
 * A condition's operator. The six comparison symbols are what users type; IN and NOT_IN come from a
 * comma list after {@code =} and {@code !=}, as DIRAC's MetaQuery turns them into "in" and "nin".
 */
public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    IN("="),
    NOT_IN("!=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The symbol as written in a query; IN and NOT_IN print as {@code =} and {@code !=} before their list. */
    public String symbol() {
        return symbol;
    }

    /** The operator a user typed; only the six single-value symbols exist in the syntax. */
    public static Optional<Operator> fromSymbol(String symbol) {
        for (Operator op : new Operator[] {EQ, NE, LT, GT, LE, GE}) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The list form of this operator, or empty for the comparisons, which take exactly one value. */
    public Optional<Operator> forList() {
        return switch (this) {
            case EQ, IN -> Optional.of(IN);
            case NE, NOT_IN -> Optional.of(NOT_IN);
            default -> Optional.empty();
        };
    }

    /** True for NE and NOT_IN: on a multi-valued attribute such as SE they require that no value matches. */
    public boolean isNegative() {
        return this == NE || this == NOT_IN;
    }

    public boolean takesList() {
        return this == IN || this == NOT_IN;
    }
}
