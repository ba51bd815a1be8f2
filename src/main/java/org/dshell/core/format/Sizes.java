package org.dshell.core.format;

/** Byte counts for people: {@code 512}, {@code 1.5K}, {@code 23M}, as {@code ls -lh} prints them. */
public final class Sizes {
    private static final String UNITS = "KMGTPE";

    private Sizes() {
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length() - 1) {
            value /= 1024;
            unit++;
        }
        // Rounded by hand rather than with String.format: long listings call this for every file.
        if (value < 9.95) {
            long tenths = Math.round(value * 10);
            return (tenths / 10) + "." + (tenths % 10) + UNITS.charAt(unit);
        }
        long whole = Math.round(value);
        if (whole >= 1024 && unit < UNITS.length() - 1) {
            return "1.0" + UNITS.charAt(unit + 1);
        }
        return whole + String.valueOf(UNITS.charAt(unit));
    }
}
