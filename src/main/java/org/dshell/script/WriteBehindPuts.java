package org.dshell.script;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.transfer.BatchedUploads;
import org.dshell.backend.transfer.Registrar;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.backend.transfer.WrittenCopy;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.LfnPath;

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
    private final Map<LfnPath, KnownNames> directories = new ConcurrentHashMap<>();
    private BatchedUploads batches;
    private boolean closed;

    /** Up to this many puts into one directory look their names up; more read its listing once. */
    private static final int FEW = 8;

    /** The names of one catalog directory as this call knows them: its puts' names, and the listing once read. */
    private static final class KnownNames {
        final Map<String, CompletableFuture<Void>> taken = new ConcurrentHashMap<>();
        final AtomicInteger lookups = new AtomicInteger();
        private Set<String> listed;

        synchronized Set<String> listed(Supplier<FileCatalog> catalog, LfnPath directory) {
            if (listed == null) {
                listed = new HashSet<>();
                catalog.get().childNames(directory).forEach(c -> listed.add(c.name()));
            }
            return listed;
        }
    }

    /**
     * @param registrar the grid's shared group-commit registrar, asked for at the first put
     * @param pending   the script's unsettled puts, which its other calls wait for (read-your-writes)
     */
    WriteBehindPuts(Supplier<Registrar> registrar, Set<CompletableFuture<Void>> pending) {
        this.registrar = registrar;
        this.pending = pending;
    }

    /**
     * Takes {@code lfn} for a put of this call unless it exists in the catalog (looked up for a few puts
     * into a directory, then from one listing, as {@code put -j} checks its files) or another put of this
     * call took it; null when it is not free. The returned future is the put's: from now on the script's
     * other calls wait for it, and the caller must pass it to {@link #finish} or fail it. A name that is
     * not free stays taken: later puts of it go through the verb, which waits for the pending puts and
     * checks the catalog itself.
     */
    CompletableFuture<Void> claim(LfnPath lfn, Supplier<FileCatalog> catalog) {
        CompletableFuture<Void> put = new CompletableFuture<>();
        // Pending before the name is taken, so whoever finds the name taken also finds this put to wait for.
        pending.add(put);
        put.whenComplete((v, e) -> pending.remove(put));
        KnownNames known = directories.computeIfAbsent(lfn.parent(), d -> new KnownNames());
        if (known.taken.putIfAbsent(lfn.name(), put) != null) {
            put.complete(null);
            return null;
        }
        try {
            boolean exists = known.lookups.incrementAndGet() <= FEW ? DirectPut.exists(catalog.get(), lfn)
                    : known.listed(catalog, lfn.parent()).contains(lfn.name());
            if (exists) {
                put.complete(null);
                return null;
            }
        } catch (RuntimeException | Error e) {
            put.completeExceptionally(e);
            throw e;
        }
        return put;
    }

    /**
     * Takes over the written bytes of a claimed put (closing them on any failure here); {@code put}
     * completes once they are registered, or fails with the put's one-line error, as the synchronous
     * put would have thrown it.
     */
    void finish(CompletableFuture<Void> put, WrittenCopy copy, Path local) throws InterruptedException {
        CompletableFuture<Void> stage;
        lock.readLock().lock();
        try {
            BatchedUploads open = open();
            if (open == null) {
                throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
            }
            stage = open.finish(copy);
        } catch (InterruptedException | RuntimeException | Error e) {
            copy.close();
            put.completeExceptionally(e);
            throw e;
        } finally {
            lock.readLock().unlock();
        }
        stage.whenComplete((v, e) -> {
            if (e == null) {
                put.complete(null);
            } else {
                put.completeExceptionally(failure(local, e));
            }
        });
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
