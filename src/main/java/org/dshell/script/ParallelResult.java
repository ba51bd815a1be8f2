package org.dshell.script;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** What {@code parallel} came to: the items that succeeded (with the closure's values), those that failed, and the time taken. */
public final class ParallelResult {

    /** One item whose closure returned. */
    public static final class Success {
        private final Object item;
        private final Object value;

        Success(Object item, Object value) {
            this.item = item;
            this.value = value;
        }

        public Object getItem() {
            return item;
        }

        public Object getValue() {
            return value;
        }

        @Override
        public String toString() {
            return item + " -> " + value;
        }
    }

    /** One item whose closure threw: the item and the one-line error. */
    public static final class Failure {
        private final Object item;
        private final String error;
        private final Throwable exception;

        Failure(Object item, String error, Throwable exception) {
            this.item = item;
            this.error = error;
            this.exception = exception;
        }

        public Object getItem() {
            return item;
        }

        public String getError() {
            return error;
        }

        public Throwable getException() {
            return exception;
        }

        @Override
        public String toString() {
            return item + ": " + error;
        }
    }

    private final List<Success> successes;
    private final List<Failure> failures;
    private final int count;
    private final int threads;
    private final Duration elapsed;

    ParallelResult(List<Success> successes, List<Failure> failures, int count, int threads, Duration elapsed) {
        this.successes = List.copyOf(successes);
        this.failures = List.copyOf(failures);
        this.count = count;
        this.threads = threads;
        this.elapsed = elapsed;
    }

    public List<Success> getSuccesses() {
        return successes;
    }

    public List<Failure> getFailures() {
        return failures;
    }

    /** The closure's values for the items that succeeded, in item order. */
    public List<Object> getValues() {
        return successes.stream().map(Success::getValue).toList();
    }

    /** How many items there were (some may not have run when failFast stopped). */
    public int getCount() {
        return count;
    }

    public int getThreads() {
        return threads;
    }

    public boolean getOk() {
        return failures.isEmpty() && successes.size() == count;
    }

    public Duration getElapsed() {
        return elapsed;
    }

    public double getSeconds() {
        return elapsed.toMillis() / 1000.0;
    }

    /** The summary line {@code parallel} prints. */
    public String summary() {
        int skipped = count - successes.size() - failures.size();
        return String.format(Locale.ROOT, "parallel: %d item%s, %d ok, %d failed%s in %.1f s (%d thread%s)", count,
                count == 1 ? "" : "s", successes.size(), failures.size(), skipped > 0 ? ", " + skipped + " not run" : "",
                getSeconds(), threads, threads == 1 ? "" : "s");
    }

    @Override
    public String toString() {
        return summary();
    }
}
