package org.dshell.script;

import java.time.Duration;

import org.dshell.core.DshellException;

/** Durations in scripts: a number of seconds, or text such as {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d}. */
final class ScriptDurations {
    private ScriptDurations() {
    }

    static Duration parse(Object value) {
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number seconds) {
            return Duration.ofMillis(Math.round(seconds.doubleValue() * 1000));
        }
        String text = String.valueOf(value).strip();
        var m = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h|d)").matcher(text);
        if (!m.matches()) {
            throw DshellException.usage("not a duration: '" + text + "' (expected e.g. 500ms, 2s, 5m, 1h, 1d)");
        }
        double n = Double.parseDouble(m.group(1));
        long unitMillis = switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
        };
        return Duration.ofMillis(Math.round(n * unitMillis));
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
