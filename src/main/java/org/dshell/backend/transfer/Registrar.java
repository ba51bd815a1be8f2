package org.dshell.backend.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.core.DshellException;

/**
 * Registers uploaded files with group commit: each worker queues its file and waits; whichever
 * worker gets the catalog first registers everything queued in one transaction. A batch that fails
 * as a whole is retried file by file, so one bad file fails alone. A file is registered only after
 * its bytes were published, and a worker returns only once its own file is registered.
 */
public final class Registrar {
    static final int MAX_BATCH = 500;

    private final Consumer<List<NewFile>> registerBatch;
    private final Object commitLock = new Object();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private record Pending(NewFile file, CompletableFuture<Void> done) {
    }

    /**
     * @param registerBatch registers a list of files in one transaction, all or nothing: the catalog's
     *                      {@code register}, or a variant that also sets metadata
     */
    public Registrar(Consumer<List<NewFile>> registerBatch) {
        this.registerBatch = registerBatch;
    }

    /** Registers one file, possibly together with files other workers queued; returns once it is registered. */
    public void register(NewFile file) {
        RuntimeException failure = registerAll(List.of(file)).get(0);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Registers many files (a batch of a bulk upload) together with whatever other callers queued,
     * in transactions of up to {@value #MAX_BATCH}; returns, for each file in order, null when it is
     * registered or why it is not. One bad file fails alone.
     */
    public List<RuntimeException> registerAll(List<NewFile> files) {
        List<Pending> mine = new ArrayList<>(files.size());
        for (NewFile file : files) {
            mine.add(new Pending(file, new CompletableFuture<>()));
        }
        queue.addAll(mine);
        synchronized (commitLock) {
            while (!mine.stream().allMatch(p -> p.done().isDone())) {
                commit(drain());
            }
        }
        List<RuntimeException> outcomes = new ArrayList<>(mine.size());
        for (Pending p : mine) {
            try {
                p.done().join();
                outcomes.add(null);
            } catch (CompletionException e) {
                outcomes.add(e.getCause() instanceof RuntimeException r ? r : e);
            }
        }
        return outcomes;
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void commit(List<Pending> batch) {
        try {
            registerBatch.accept(batch.stream().map(Pending::file).toList());
            batch.forEach(p -> p.done().complete(null));
        } catch (DshellException batchFailed) {
            for (Pending p : batch) {
                try {
                    registerBatch.accept(List.of(p.file()));
                    p.done().complete(null);
                } catch (RuntimeException e) {
                    p.done().completeExceptionally(e);
                }
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }
}
