package org.dshell.backend.production;

import java.util.Map;
import java.util.TreeMap;

/** Where the engine's time goes, per phase, when the system property {@code dshell.production.timing} is set (benchmarks only). */
public final class Timing {
    private static final boolean ON = Boolean.getBoolean("dshell.production.timing");
    private static final Map<String, long[]> TOTALS = new TreeMap<>();

    private Timing() {
    }

    /** Adds the time since {@code start} to a phase; returns now. */
    static long add(String phase, long start) {
        long now = System.nanoTime();
        if (ON) {
            synchronized (TOTALS) {
                TOTALS.computeIfAbsent(phase, k -> new long[1])[0] += now - start;
            }
        }
        return now;
    }

    /** Milliseconds per phase so far. */
    public static Map<String, Double> millis() {
        Map<String, Double> result = new TreeMap<>();
        synchronized (TOTALS) {
            TOTALS.forEach((k, v) -> result.put(k, v[0] / 1e6));
        }
        return result;
    }
}
