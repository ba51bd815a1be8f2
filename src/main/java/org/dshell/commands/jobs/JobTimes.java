package org.dshell.commands.jobs;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Job times as tables show them: local time to the second, {@code -} for none. */
final class JobTimes {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private JobTimes() {
    }

    static String format(Instant time) {
        return time == null ? "-" : FORMAT.format(time);
    }
}
