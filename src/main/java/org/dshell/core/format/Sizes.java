package org.dshell.core.format;

import java.util.Locale;

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
        return value < 10
                ? String.format(Locale.ROOT, "%.1f%c", value, UNITS.charAt(unit))
                : String.format(Locale.ROOT, "%.0f%c", value, UNITS.charAt(unit));
    }
}
