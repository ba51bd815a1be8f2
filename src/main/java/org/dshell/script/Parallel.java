package org.dshell.script;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;

/**
 * {@code parallel(items, threads: 8) { item -> ... }}: runs the body over the items on a bounded pool.
 * A failing item does not stop the others unless {@code failFast}; then the rest is cancelled and a
 * {@link VerbFailure}-like error is thrown. An interrupt (Ctrl-C) cancels every running item and waits
 * for them to stop, so verbs can clean up. A progress bar is drawn on a terminal; a summary line always.
 * An item may leave part of its work to finish after its body returned ({@link Deferred}); its worker
 * takes the next item meanwhile, and {@code run} returns only when every item has settled.
 */
public final class Parallel {

    /** The work for one item. */
    @FunctionalInterface
    public interface Body {
        Object apply(Object item) throws Exception;
    }

    /** Thrown by a fail-fast {@code parallel} at the first failure, carrying what was done. */
    public static final class FailFast extends DshellException {
        private final transient ParallelResult result;

        FailFast(ParallelResult.Failure first, ParallelResult result) {
            super(ExitStatus.FAILURE, "parallel stopped at " + first.getItem() + ": " + first.getError(), first.getException());
            this.result = result;
        }

        public ParallelResult getResult() {
            return result;
        }
    }

    /**
     * What a body returns when part of its item's work goes on after it (a write-behind put): the item
     * counts as done, with {@code value}, once {@code settled} completes, and as failed with its error if
     * that fails.
     */
    record Deferred(Object value, CompletableFuture<?> settled) {
    }

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final boolean failFast;
    private final boolean progress;
    private final PrintWriter err;

    Parallel(int threads, boolean failFast, boolean progress, PrintWriter err) {
        if (threads < 1) {
            throw DshellException.usage("parallel: threads must be at least 1");
        }
        this.threads = threads;
        this.failFast = failFast;
        this.progress = progress;
        this.err = err;
    }

    ParallelResult run(Collection<?> items, Body body) throws InterruptedException {
        return run(items, body, () -> { });
    }

    /**
     * Runs the items; {@code abortDeferred} is called when the run stops early (failFast, interrupt), after
     * the running items stopped: it must settle every {@link Deferred} quickly (a write-behind put aborts
     * what is not registered yet).
     */
    ParallelResult run(Collection<?> items, Body body, Runnable abortDeferred) throws InterruptedException {
        List<Object> list = new ArrayList<>(items);
        int pool = POOLS.incrementAndGet();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, list.size())), r -> {
            Thread thread = new Thread(r, "dshell-parallel-" + pool + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        Outcomes outcomes = new Outcomes(list.size(), failFast);
        List<Future<?>> running = new ArrayList<>(list.size());
        try {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                int at = i;
                running.add(executor.submit(() -> runItem(body, item, at, outcomes)));
            }
            // The workers wake this thread only when it has something to do (all settled, a failure that
            // stops the run, an exit()); a progress bar is redrawn ten times a second meanwhile.
            while (!outcomes.awaitEnd(progress ? PROGRESS_NANOS : Long.MAX_VALUE)) {
                drawBar(outcomes.settled(), list.size(), outcomes.failed());
            }
            if (outcomes.exit() != null) {
                throw outcomes.exit();
            }
            if (failFast && outcomes.failed() > 0) {
                stop(executor, running);
                abortDeferred.run();
                // Items that settled meanwhile and succeeded did their work; the rest (cancelled, or failing
                // after the first failure) counts as not run.
                ParallelResult result = outcomes.result(list, threads, start, 1);
                finish(result);
                throw new FailFast(result.getFailures().get(0), result);
            }
            if (progress) {
                drawBar(list.size(), list.size(), outcomes.failed());
            }
        } catch (InterruptedException e) {
            stop(executor, running);
            abortDeferred.run();
            if (progress) {
                err.println();
            }
            Thread.currentThread().interrupt();
            throw e;
        } finally {
            executor.shutdownNow();
        }
        ParallelResult result = outcomes.result(list, threads, start, Integer.MAX_VALUE);
        finish(result);
        return result;
    }

    private static final long PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /**
     * What the items came to, filled in by whichever thread settles each (a worker, or the thread that
     * finishes a deferred put), in the order they settle. The run waits on {@link #awaitEnd} and is
     * woken once, not once per item: a thousand small items used to wake it a thousand times.
     */
    private static final class Outcomes {
        private final Object[] values;
        private final Throwable[] errors;
        private final boolean[] settledAt;
        private final List<Integer> failedInOrder = new ArrayList<>();
        private final boolean failFast;
        private final CountDownLatch end = new CountDownLatch(1);
        private int settled;
        private ExitRequest exit;

        Outcomes(int size, boolean failFast) {
            this.values = new Object[size];
            this.errors = new Throwable[size];
            this.settledAt = new boolean[size];
            this.failFast = failFast;
            if (size == 0) {
                end.countDown();
            }
        }

        void succeed(int at, Object value) {
            boolean last;
            synchronized (this) {
                values[at] = value;
                settledAt[at] = true;
                last = ++settled == values.length;
            }
            if (last) {
                end.countDown();
            }
        }

        void fail(int at, Throwable error) {
            boolean stop;
            synchronized (this) {
                errors[at] = error;
                settledAt[at] = true;
                failedInOrder.add(at);
                if (error instanceof ExitRequest request && exit == null) {
                    exit = request;
                }
                stop = ++settled == values.length || failFast || exit != null;
            }
            if (stop) {
                end.countDown();
            }
        }

        /** True when the run may stop waiting: all settled, or a failure stops it; false after {@code nanos}. */
        boolean awaitEnd(long nanos) throws InterruptedException {
            if (nanos == Long.MAX_VALUE) {
                end.await();
                return true;
            }
            return end.await(nanos, TimeUnit.NANOSECONDS);
        }

        synchronized int settled() {
            return settled;
        }

        synchronized int failed() {
            return failedInOrder.size();
        }

        synchronized ExitRequest exit() {
            return exit;
        }

        /** The successes in item order, the first {@code maxFailures} failures in the order they happened. */
        synchronized ParallelResult result(List<Object> list, int threads, long start, int maxFailures) {
            List<ParallelResult.Success> successes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (settledAt[i] && errors[i] == null) {
                    successes.add(new ParallelResult.Success(list.get(i), values[i]));
                }
            }
            List<ParallelResult.Failure> failures = new ArrayList<>();
            for (int i : failedInOrder.subList(0, Math.min(maxFailures, failedInOrder.size()))) {
                failures.add(new ParallelResult.Failure(list.get(i), ScriptErrors.oneLine(errors[i]), errors[i]));
            }
            return new ParallelResult(successes, failures, list.size(), threads, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Runs one item on a worker; an item that deferred work settles when that work does, the worker moves on. */
    private static void runItem(Body body, Object item, int at, Outcomes outcomes) {
        try {
            Object value = body.apply(item);
            if (value instanceof Deferred deferred) {
                deferred.settled().whenComplete((v, error) -> {
                    if (error == null) {
                        outcomes.succeed(at, deferred.value());
                    } else {
                        outcomes.fail(at, unwrap(error));
                    }
                });
            } else {
                outcomes.succeed(at, value);
            }
        } catch (Throwable e) {
            outcomes.fail(at, e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Cancels the rest and waits (a little) for the running items to stop and clean up. */
    private static void stop(ExecutorService executor, List<Future<?>> futures) {
        futures.forEach(f -> f.cancel(true));
        executor.shutdownNow();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(ParallelResult result) {
        if (progress) {
            err.print("\r\033[K");
        }
        err.println(result.summary());
        err.flush();
    }

    private void drawBar(int done, int total, int failed) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.print("\r[" + "=".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                + (failed > 0 ? " (" + failed + " failed)" : ""));
        err.flush();
    }
}
