package org.dshell.core.meta;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value types of DIRAC catalog metadata, each turning user text into one Java type:
 * INT to {@link Long}, FLOAT to {@link Double}, STRING to {@link String}, DATE to {@link Instant}.
 */
public enum MetaType {
    INT("int", "an integer"),
    FLOAT("float", "a number"),
    STRING("string", "a string"),
    DATE("date", "a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])");

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    // Plain decimal notation only: Double.parseDouble would also take "NaN", "1d" or hex floats.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    // DIRAC's Time.fromString reads "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS[.ffffff]"; the ISO 'T' form and
    // a trailing Z are accepted too because users paste them from other tools.
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?Z?)?");
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final String keyword;
    private final String expected;

    MetaType(String keyword, String expected) {
        this.keyword = keyword;
        this.expected = expected;
    }

    /** The name users type, e.g. in {@code meta index energy float}. */
    public String keyword() {
        return keyword;
    }

    /**
     * Reads a DIRAC or dshell type name: int/integer, float/double, string/varchar[(N)], date/datetime.
     */
    public static Optional<MetaType> fromName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("int") || n.equals("integer")) {
            return Optional.of(INT);
        }
        if (n.equals("float") || n.equals("double")) {
            return Optional.of(FLOAT);
        }
        if (n.equals("string") || n.matches("varchar(\\(\\d+\\))?")) {
            return Optional.of(STRING);
        }
        if (n.equals("date") || n.equals("datetime")) {
            return Optional.of(DATE);
        }
        return Optional.empty();
    }

    /**
     * Converts text to this type's Java value.
     *
     * @throws IllegalArgumentException whose message says why, e.g. {@code 'abc' is not an integer}
     */
    public Object parse(String text) {
        return switch (this) {
            case INT -> parseInt(text);
            case FLOAT -> parseFloat(text);
            case STRING -> text;
            case DATE -> parseDate(text);
        };
    }

    /** Text for a value of this type; dates as DIRAC prints them, {@code YYYY-MM-DD HH:MM:SS} in UTC. */
    public String format(Object value) {
        return this == DATE ? DISPLAY.format((Instant) value) : String.valueOf(value);
    }

    private Long parseInt(String text) {
        if (!INTEGER.matcher(text).matches()) {
            throw notA(text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range for an integer");
        }
    }

    private Double parseFloat(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw notA(text);
        }
        double d = Double.parseDouble(text);
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("'" + text + "' is out of range for a float");
        }
        return d;
    }

    // Catalog times are UTC, as DIRAC stores them (naive datetimes from utcnow()), so a value without a
    // zone is read as UTC; a bare date means midnight, which is what DIRAC's MySQL comparison does.
    private Instant parseDate(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches() || (text.endsWith("Z") && m.group(4) == null)) {
            throw notA(text);
        }
        try {
            LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                    : LocalTime.of(num(m, 4), num(m, 5), m.group(6) == null ? 0 : num(m, 6), nanos(m.group(7)));
            return LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid date");
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }

    private IllegalArgumentException notA(String text) {
        return new IllegalArgumentException("'" + text + "' is not " + expected);
    }
}
