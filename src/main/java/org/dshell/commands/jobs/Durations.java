package org.dshell.commands.jobs;

import java.time.Duration;

import org.dshell.core.DshellException;

/** Durations as people type them: {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}, {@code 2w}. */
final class Durations {
    private Durations() {
    }

    static Duration parse(String text) {
        String t = text.strip();
        if (t.length() >= 2) {
            char unit = Character.toLowerCase(t.charAt(t.length() - 1));
            try {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                if (n >= 0) {
                    switch (unit) {
                        case 's': return Duration.ofSeconds(n);
                        case 'm': return Duration.ofMinutes(n);
                        case 'h': return Duration.ofHours(n);
                        case 'd': return Duration.ofDays(n);
                        case 'w': return Duration.ofDays(7 * n);
                        default: break;
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw DshellException.usage("not a duration: '" + text + "' (expected e.g. 90s, 30m, 2h, 1d)");
    }
}
