package org.dshell.backend.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A file being written that must reach the disk before it is published. Left alone, the kernel keeps
 * a big file's bytes in memory until the final flush, which then writes them all while the upload
 * waits; flushing every {@value #EVERY_MIB} MiB on another thread instead lets the disk write while
 * the upload copies and checksums, so the final flush only has the tail left.
 */
final class EarlyFlushChannel implements WritableByteChannel {
    private static final int EVERY_MIB = 64;
    private static final long EVERY = EVERY_MIB << 20;
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dshell-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel file;
    private long unflushed;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

    EarlyFlushChannel(FileChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = file.write(src);
        unflushed += n;
        if (unflushed >= EVERY && flushing.isDone()) {
            unflushed = 0;
            flushing = CompletableFuture.runAsync(() -> {
                try {
                    file.force(false);
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, FLUSHERS);
        }
        return n;
    }

    /** Flushes everything written (data and size, as fdatasync does), after any early flush still running. */
    void force() throws IOException {
        try {
            flushing.join();
        } catch (CompletionException e) {
            // The kernel reports a write error to one flush only: this one's must not be lost.
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        file.force(false);
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
