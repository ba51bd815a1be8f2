package org.dshell.backend.transfer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.dshell.backend.FileCatalog.NewFile;

/**
 * Finishes a bulk upload's files in batches on a thread of its own, so that the workers hand over
 * written bytes and take the next file instead of waiting for the disk and the catalog. A batch is
 * published in parallel (the flushes to disk, issued together, share the file system's journal
 * commits instead of paying one each), registered in one catalog transaction, and only then
 * released (its temporary names removed). The order per file is the one a single upload keeps:
 * nothing is registered before its bytes are published, so a crash at any moment leaves at most
 * temporary files behind.
 */
public final class BatchedUploads implements AutoCloseable {
    /** Written files waiting at most (each holds an open file): the workers wait beyond this. */
    private static final int MAX_WAITING = 1000;
    /** Flushes issued at once: more share more journal commits; the threads mostly sleep in the kernel. */
    private static final int PUBLISHERS = 32;

    private final Registrar registrar;
    private final LinkedBlockingQueue<Waiting> queue = new LinkedBlockingQueue<>();
    private final Semaphore room = new Semaphore(MAX_WAITING);
    private final ExecutorService publishers;
    private final Thread finisher;
    private volatile boolean aborted;

    private record Waiting(WrittenCopy copy, CompletableFuture<Void> done) {
    }

    /** What happened to one file of a batch on its way through. */
    private static final class Step {
        final Waiting waiting;
        PublishedCopy published;
        Throwable failure;

        Step(Waiting waiting) {
            this.waiting = waiting;
        }
    }

    private static final Waiting END = new Waiting(null, null);

    /** @param registrar registers the published files (the grid's, so concurrent puts share transactions) */
    public BatchedUploads(Registrar registrar, String name) {
        this.registrar = registrar;
        AtomicInteger number = new AtomicInteger();
        this.publishers = Executors.newFixedThreadPool(PUBLISHERS, r -> daemon(r, name + "-publish-" + number.incrementAndGet()));
        this.finisher = daemon(this::finishAll, name + "-register");
        finisher.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Hands over written bytes; the future completes once they are published, registered and
     * released, or fails with the reason (the bytes are then removed). Waits while too many files
     * are waiting already.
     */
    public CompletableFuture<Void> finish(WrittenCopy copy) throws InterruptedException {
        room.acquire();
        CompletableFuture<Void> done = new CompletableFuture<>();
        done.whenComplete((v, e) -> room.release());
        if (aborted) {
            copy.close();
            done.completeExceptionally(new java.io.InterruptedIOException("interrupted"));
            return done;
        }
        queue.add(new Waiting(copy, done));
        return done;
    }

    private void finishAll() {
        boolean ended = false;
        while (!ended) {
            List<Waiting> batch = new ArrayList<>();
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                aborted = true;
            }
            queue.drainTo(batch, Registrar.MAX_BATCH - batch.size());
            if (batch.remove(END)) {
                ended = true;
                queue.drainTo(batch); // nothing should follow the end; if it does, it is aborted below
            }
            try {
                if (aborted) {
                    batch.forEach(BatchedUploads::abort);
                } else {
                    finishBatch(batch);
                }
            } catch (RuntimeException | Error e) {
                // A bug, not a file's failure: fail what is left of the batch rather than leave workers
                // waiting. Its bytes stay under their temporary names, whose fate fsck decides from the catalog.
                for (Waiting waiting : batch) {
                    if (!waiting.done().isDone()) {
                        waiting.done().completeExceptionally(e);
                    }
                }
            }
        }
    }

    private void finishBatch(List<Waiting> batch) {
        List<Step> steps = batch.stream().map(Step::new).toList();
        inParallel(steps, step -> step.published = step.waiting.copy().publish());
        List<Step> published = new ArrayList<>();
        for (Step step : steps) {
            if (step.failure != null) {
                step.waiting.copy().close();
                step.waiting.done().completeExceptionally(step.failure);
            } else if (aborted) {
                abort(step.waiting);
            } else {
                published.add(step);
            }
        }
        List<NewFile> files = published.stream().map(s -> s.published.file()).toList();
        List<RuntimeException> outcomes = registrar.registerAll(files);
        List<Step> registered = new ArrayList<>();
        for (int i = 0; i < published.size(); i++) {
            Step step = published.get(i);
            if (outcomes.get(i) != null) {
                step.published.close();
                step.waiting.done().completeExceptionally(outcomes.get(i));
            } else {
                registered.add(step);
            }
        }
        // Registered: the bytes stay whatever happens now; only the temporary names go.
        inParallel(registered, step -> step.published.release());
        for (Step step : registered) {
            if (step.failure != null) {
                step.waiting.done().completeExceptionally(step.failure);
            } else {
                step.waiting.done().complete(null);
            }
        }
    }

    private interface StepAction {
        void run(Step step) throws IOException;
    }

    /** Runs an action on every step on the publisher threads and waits for all; failures land in the steps. */
    private void inParallel(List<Step> steps, StepAction action) {
        List<CompletableFuture<Void>> running = new ArrayList<>(steps.size());
        for (Step step : steps) {
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    action.run(step);
                } catch (Throwable e) {
                    step.failure = e;
                }
            }, publishers));
        }
        running.forEach(CompletableFuture::join);
    }

    private static void abort(Waiting waiting) {
        waiting.copy().close();
        waiting.done().completeExceptionally(new java.io.InterruptedIOException("interrupted"));
    }

    /**
     * Stops: without {@code abort}, after every handed-over file is finished; with it (Ctrl-C), files not
     * yet registered are removed instead. Returns once the batch thread is done, however often the
     * caller is interrupted meanwhile (the interrupt status is kept).
     */
    public void close(boolean abort) {
        if (abort) {
            aborted = true;
        }
        queue.add(END);
        boolean interrupted = false;
        while (finisher.isAlive()) {
            try {
                finisher.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        publishers.shutdown();
        try {
            publishers.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops after every handed-over file is finished. */
    @Override
    public void close() {
        close(false);
    }
}
