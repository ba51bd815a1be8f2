package org.dshell.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;

/** One unambiguous way to print certificate times in messages. */
final class UtcTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private UtcTime() {
    }

    static String format(Date date) {
        return FORMAT.format(date.toInstant());
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
