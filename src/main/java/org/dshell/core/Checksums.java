package org.dshell.core;

import java.util.HexFormat;
import java.util.zip.Adler32;

/** Checksums in DIRAC's notation: Adler32 as 8 lower-case hex digits, zero-padded ({@code fileAdler}). */
public final class Checksums {
    private Checksums() {
    }

    public static String adler32Hex(Adler32 adler) {
        return adler32Hex(adler.getValue());
    }

    /** Eight lower-case hex digits; not String.format, whose parsing cost a bulk put 10 % of its workers' time. */
    public static String adler32Hex(long value) {
        return HexFormat.of().toHexDigits((int) value);
    }

    /** Whether two checksums name the same value (DIRAC accepts missing leading zeros and any case). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            return Long.parseLong(a.trim(), 16) == Long.parseLong(b.trim(), 16);
        } catch (NumberFormatException e) {
            return a.equalsIgnoreCase(b);
        }
    }
}
