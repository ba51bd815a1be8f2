package org.dshell.script;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.dshell.backend.transfer.BatchedUploads;
import org.dshell.backend.transfer.Registrar;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.backend.transfer.WrittenCopy;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;

/**
 * The puts of one {@code parallel} call's items, finished behind them as {@code put -j} finishes its
 * files: the item's worker writes the bytes and hands them over, a {@link BatchedUploads} publishes and
 * registers them in batches, and the item settles when that is done. Nothing is registered before its
 * bytes are published; aborting (Ctrl-C, failFast) removes what is not registered yet.
 */
final class WriteBehindPuts {
    private final Supplier<Registrar> registrar;
    private final Set<CompletableFuture<Void>> pending;
    /** Handing over (read) against closing (write), so no file is handed to a batcher that has stopped. */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private BatchedUploads batches;
    private boolean closed;

    /**
     * @param registrar the grid's shared group-commit registrar, asked for at the first put
     * @param pending   the script's unsettled puts, which its other calls wait for (read-your-writes)
     */
    WriteBehindPuts(Supplier<Registrar> registrar, Set<CompletableFuture<Void>> pending) {
        this.registrar = registrar;
        this.pending = pending;
    }

    /**
     * Takes over written bytes (closing them on any failure here); the future completes once they are
     * registered, or fails with the put's one-line error, as the synchronous put would have thrown it.
     */
    CompletableFuture<Void> finish(WrittenCopy copy, Path local) throws InterruptedException {
        CompletableFuture<Void> stage;
        lock.readLock().lock();
        try {
            BatchedUploads open = open();
            if (open == null) {
                copy.close();
                throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
            }
            stage = open.finish(copy);
        } catch (InterruptedException | RuntimeException | Error e) {
            copy.close();
            throw e;
        } finally {
            lock.readLock().unlock();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(done);
        done.whenComplete((v, e) -> pending.remove(done));
        stage.whenComplete((v, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure(local, e));
            }
        });
        return done;
    }

    private BatchedUploads open() {
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (batches == null) {
                batches = new BatchedUploads(registrar.get(), "dshell-script-put");
            }
            return batches;
        }
    }

    private static DshellException failure(Path local, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        String reason = TransferErrors.reason(cause);
        if ("interrupted".equals(reason)) {
            return new DshellException(ExitStatus.INTERRUPTED, "interrupted");
        }
        return new VerbFailure("put", ExitStatus.FAILURE, "failed: " + local + ": " + reason);
    }

    /** Ctrl-C or failFast: removes what is not registered yet; every handed-over put has settled on return. */
    void abort() {
        close(true);
    }

    /** Waits until every handed-over put is registered (or failed). */
    void close() {
        close(false);
    }

    private void close(boolean abort) {
        BatchedUploads open;
        lock.writeLock().lock();
        try {
            synchronized (this) {
                closed = true;
                open = batches;
                batches = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
        if (open != null) {
            open.close(abort);
        }
    }
}
