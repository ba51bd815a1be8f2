package org.dshell.script;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
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
        // Items settle in any order, some on a worker, some later (a deferred put registered in a batch).
        BlockingQueue<Integer> settled = new LinkedBlockingQueue<>();
        List<CompletableFuture<Object>> outcomes = new ArrayList<>(list.size());
        List<Future<?>> running = new ArrayList<>(list.size());
        Object[] values = new Object[list.size()];
        boolean[] succeeded = new boolean[list.size()];
        List<ParallelResult.Failure> failures = new ArrayList<>();
        try {
            for (int i = 0; i < list.size(); i++) {
                Object item = list.get(i);
                int at = i;
                CompletableFuture<Object> outcome = new CompletableFuture<>();
                outcome.whenComplete((value, error) -> settled.add(at));
                outcomes.add(outcome);
                running.add(executor.submit(() -> runItem(body, item, outcome)));
            }
            for (int done = 0; done < list.size(); done++) {
                int i = settled.take();
                Throwable cause = failureOf(outcomes.get(i));
                if (cause == null) {
                    values[i] = outcomes.get(i).join();
                    succeeded[i] = true;
                } else {
                    if (cause instanceof ExitRequest exit) {
                        throw exit;
                    }
                    ParallelResult.Failure failure = new ParallelResult.Failure(list.get(i), ScriptErrors.oneLine(cause), cause);
                    failures.add(failure);
                    if (failFast) {
                        stop(executor, running);
                        abortDeferred.run();
                        // Items that settled meanwhile and succeeded did their work; the rest counts as not run.
                        for (Integer late = settled.poll(); late != null; late = settled.poll()) {
                            if (failureOf(outcomes.get(late)) == null) {
                                values[late] = outcomes.get(late).join();
                                succeeded[late] = true;
                            }
                        }
                        ParallelResult result = result(list, values, succeeded, failures, start);
                        finish(result);
                        throw new FailFast(failure, result);
                    }
                }
                if (progress) {
                    drawBar(done + 1, list.size(), failures.size());
                }
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
        ParallelResult result = result(list, values, succeeded, failures, start);
        finish(result);
        return result;
    }

    /** Runs one item on a worker; an item that deferred work settles when that work does, the worker moves on. */
    private static void runItem(Body body, Object item, CompletableFuture<Object> outcome) {
        try {
            Object value = body.apply(item);
            if (value instanceof Deferred deferred) {
                deferred.settled().whenComplete((v, error) -> {
                    if (error == null) {
                        outcome.complete(deferred.value());
                    } else {
                        outcome.completeExceptionally(unwrap(error));
                    }
                });
            } else {
                outcome.complete(value);
            }
        } catch (Throwable e) {
            outcome.completeExceptionally(e);
        }
    }

    /** Why a settled item failed, or null when it succeeded. */
    private static Throwable failureOf(CompletableFuture<Object> outcome) {
        try {
            outcome.join();
            return null;
        } catch (CompletionException | CancellationException e) {
            return unwrap(e);
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

    private ParallelResult result(List<Object> list, Object[] values, boolean[] succeeded,
                                  List<ParallelResult.Failure> failures, long start) {
        List<ParallelResult.Success> successes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (succeeded[i]) {
                successes.add(new ParallelResult.Success(list.get(i), values[i]));
            }
        }
        return new ParallelResult(successes, failures, list.size(), threads, Duration.ofNanos(System.nanoTime() - start));
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
