package org.dshell.commands.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.dshell.backend.transfer.TransferErrors;
import org.dshell.commands.CommandContext;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.TransferProgress;
import org.dshell.core.format.Json;
import org.dshell.core.format.Sizes;

/**
 * Runs the items of a bulk verb (put, get, replicate, rm, ...) on N threads with a progress bar on a
 * terminal, then prints one summary line (stdout) and each failure with its reason (stderr).
 * Ctrl-C interrupts every item; each removes what it had half done before the verb returns.
 */
final class BulkRunner {

    /** What an item that did not fail came to. */
    enum Outcome { DONE, SKIPPED }

    /** One file's worth of work. */
    interface Item {
        /** How the item is named in failures (a path). */
        String name();

        /** The bytes it moves when done (for the summary and the progress bar). */
        long bytes();

        /** Does the work, telling {@code meter} the bytes as they move; throws to fail this item only. */
        Outcome run(LongConsumer meter) throws Exception;

        /**
         * Like {@link #run}, for items whose last step another thread finishes (put hands files over
         * to be registered in batches): the worker takes the next item once this returns, and the
         * item counts when the stage completes.
         */
        default CompletionStage<Outcome> start(LongConsumer meter) throws Exception {
            return CompletableFuture.completedFuture(run(meter));
        }
    }

    record Failure(String item, String reason) {
    }

    /** The counts the summary line shows. */
    record Summary(String verb, long done, long skipped, List<Failure> failures, long bytes, double seconds) {
        boolean failed() {
            return !failures.isEmpty();
        }

        String line() {
            double secs = Math.max(seconds, 1e-3);
            return String.format(java.util.Locale.ROOT, "%s: %d done, %d skipped, %d failed, %s in %.2f s (%s/s, %.0f files/s)",
                    verb, done, skipped, failures.size(), Sizes.human(bytes), seconds, Sizes.human((long) (bytes / secs)),
                    done / secs);
        }
    }

    private BulkRunner() {
    }

    /** The -j value: the option if given, else the session's {@code set jobs}, else 4. */
    static int jobs(Integer option, CommandContext ctx) {
        int jobs;
        if (option != null) {
            jobs = option;
        } else {
            try {
                jobs = Integer.parseInt(ctx.session().option("jobs"));
            } catch (NumberFormatException | NullPointerException e) {
                jobs = 4;
            }
        }
        if (jobs < 1 || jobs > 1024) {
            throw DshellException.usage("-j must be from 1 to 1024, not " + jobs);
        }
        return jobs;
    }

    static Summary run(CommandContext ctx, String verb, int jobs, List<? extends Item> items) {
        long totalBytes = items.stream().mapToLong(Item::bytes).sum();
        long start = System.nanoTime();
        long done = 0;
        long skipped = 0;
        long bytes = 0;
        List<Failure> failures = new ArrayList<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(jobs, items.size())), r -> {
            Thread thread = new Thread(r, "dshell-" + verb + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try (TransferProgress progress = items.isEmpty() ? TransferProgress.NONE
                : ctx.console().progress(verb, items.size(), totalBytes)) {
            // Results arrive from the workers, or later from whoever finishes an item they started.
            LinkedBlockingQueue<Result> results = new LinkedBlockingQueue<>();
            for (Item item : items) {
                pool.execute(() -> runOne(item, progress, results::add));
            }
            for (int i = 0; i < items.size(); i++) {
                Result result;
                try {
                    result = results.take();
                } catch (InterruptedException e) {
                    stop(pool);
                    throw new DshellException(ExitStatus.INTERRUPTED, "interrupted after " + done + " of " + items.size()
                            + " files; unfinished transfers were removed");
                }
                if (result.error() != null) {
                    throw DshellException.failure(verb + ": " + result.error(), result.error());
                }
                progress.advance(1, 0);
                if (result.failure() != null) {
                    failures.add(result.failure());
                } else if (result.outcome() == Outcome.SKIPPED) {
                    skipped++;
                } else {
                    done++;
                    bytes += result.bytes();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        failures.sort(Comparator.comparing(Failure::item));
        return new Summary(verb, done, skipped, List.copyOf(failures), bytes, (System.nanoTime() - start) / 1e9);
    }

    /** An item's outcome or failure; {@code error}: a fault (a bug), which ends the whole verb. */
    private record Result(Outcome outcome, long bytes, Failure failure, Throwable error) {
        static Result of(Item item, Outcome outcome, Throwable e) {
            if (e instanceof CompletionException && e.getCause() != null) {
                e = e.getCause();
            }
            if (e instanceof Error) {
                return new Result(null, 0, null, e);
            }
            if (e != null) {
                return new Result(null, 0, new Failure(item.name(), TransferErrors.reason(e)), null);
            }
            return new Result(outcome, outcome == Outcome.DONE ? item.bytes() : 0, null, null);
        }
    }

    private static void runOne(Item item, TransferProgress progress, Consumer<Result> sink) {
        if (Thread.currentThread().isInterrupted()) {
            sink.accept(new Result(null, 0, new Failure(item.name(), "interrupted"), null));
            return;
        }
        try {
            item.start(n -> progress.advance(0, n)).whenComplete((outcome, e) -> sink.accept(Result.of(item, outcome, e)));
        } catch (Exception | Error e) {
            sink.accept(Result.of(item, null, e));
        }
    }

    /**
     * Interrupts the workers and waits until each has cleaned up after itself, however often the
     * caller is interrupted meanwhile; the caller's interrupt status is kept.
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException again) {
                // keep waiting: returning early would leave workers writing
            }
        }
        Thread.currentThread().interrupt();
    }


    /** Prints the summary line (or JSON) and the failures; returns the verb's exit status. */
    static int report(CommandContext ctx, Summary summary, boolean json) {
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("verb", summary.verb());
            doc.put("done", summary.done());
            doc.put("skipped", summary.skipped());
            doc.put("failed", summary.failures().size());
            doc.put("bytes", summary.bytes());
            doc.put("seconds", Math.round(summary.seconds() * 1000) / 1000.0);
            doc.put("failures", summary.failures().stream()
                    .map(f -> Map.of("item", f.item(), "reason", f.reason())).toList());
            Json.print(ctx.out(), doc);
        } else {
            ctx.out().println(summary.line());
            ctx.out().flush();
        }
        for (Failure f : summary.failures()) {
            ctx.err().println(summary.verb() + ": failed: " + f.item() + ": " + f.reason());
        }
        ctx.err().flush();
        return summary.failed() ? ExitStatus.FAILURE : ExitStatus.OK;
    }
}
