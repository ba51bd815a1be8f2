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
    private static final int MAX_BATCH = 500;

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
        Pending mine = new Pending(file, new CompletableFuture<>());
        queue.add(mine);
        synchronized (commitLock) {
            while (!mine.done().isDone()) {
                commit(drain());
            }
        }
        try {
            mine.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
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
