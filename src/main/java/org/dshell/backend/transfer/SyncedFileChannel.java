package org.dshell.backend.transfer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * A file being written that must reach the disk before it is published. Left alone, the kernel keeps
 * a big file's bytes in memory until the final flush, which then writes them all while the upload
 * waits, and copying them into memory costs as much CPU as the rest of the upload. So past
 * {@value #BIG_MIB} MiB, full aligned chunks (as {@code ByteCopy} writes big files) go straight to the
 * disk (O_DIRECT), and what was written before is flushed on another thread meanwhile. Where the file
 * system refuses O_DIRECT, the file is flushed every {@value #BIG_MIB} MiB on another thread instead;
 * either way the final flush has little left to do.
 */
public final class SyncedFileChannel implements WritableByteChannel {
    private static final int BIG_MIB = 64;
    private static final long BIG = (long) BIG_MIB << 20;
    private static final int ALIGNMENT = 4096;
    private static final ExecutorService FLUSHERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dshell-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final Path path;
    private final FileChannel file;
    private FileChannel direct;
    private boolean directRefused;
    private long written;
    private long unflushed;
    private CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);

    public SyncedFileChannel(Path path, FileChannel file) {
        this.path = path;
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (written >= BIG && direct == null && !directRefused) {
            openDirect();
        }
        int n;
        if (direct != null && aligned(src)) {
            n = direct.write(src, written);
        } else {
            n = file.write(src, written);
            unflushed += n;
            if (unflushed >= BIG) {
                flushEarly();
            }
        }
        written += n;
        return n;
    }

    private boolean aligned(ByteBuffer src) {
        return src.isDirect() && written % ALIGNMENT == 0 && src.remaining() % ALIGNMENT == 0
                && src.alignmentOffset(src.position(), ALIGNMENT) == 0;
    }

    private void openDirect() {
        try {
            if (Files.getFileStore(path).getBlockSize() <= ALIGNMENT) {
                direct = FileChannel.open(path, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
            } else {
                directRefused = true;
            }
        } catch (IOException | UnsupportedOperationException e) {
            directRefused = true; // tmpfs and others: the buffered way, flushed early
        }
    }

    private void flushEarly() {
        if (!flushing.isDone()) {
            return;
        }
        unflushed = 0;
        flushing = CompletableFuture.runAsync(() -> {
            try {
                file.force(false);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, FLUSHERS);
    }

    /** Flushes everything written (data and size, as fdatasync does), after any early flush still running. */
    public void force() throws IOException {
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

    /** Whether so much was written that part of it went straight to the disk (or was flushed early). */
    public boolean big() {
        return written >= BIG;
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            if (direct != null) {
                direct.close();
            }
        } finally {
            file.close();
        }
    }
}
