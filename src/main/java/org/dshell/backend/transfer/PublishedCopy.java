package org.dshell.backend.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.backend.StorageElement;
import org.dshell.core.LfnPath;

/**
 * A local file's bytes published on an SE but not yet registered: the first half of an upload. The
 * caller registers {@link #file()} in the catalog, then calls {@link #release()}; closing without
 * releasing removes the bytes again, so a failed registration leaves nothing behind and a crash at
 * most a temporary file that {@code fsck} recognises.
 */
public final class PublishedCopy implements AutoCloseable {
    private final StorageElement.Upload upload;
    private final NewFile file;

    PublishedCopy(StorageElement.Upload upload, NewFile file) {
        this.upload = upload;
        this.file = file;
    }

    /**
     * Streams {@code local} to {@code se} under a temporary name, computing size and Adler32 on the
     * way, and publishes it. Stops with InterruptedIOException when the thread is interrupted.
     */
    public static PublishedCopy write(Path local, LfnPath lfn, StorageElement se, LongConsumer meter) throws IOException {
        WrittenCopy written = WrittenCopy.write(local, lfn, se, meter);
        PublishedCopy published = written.publish();
        if (Thread.currentThread().isInterrupted()) {
            published.close();
            throw new InterruptedIOException("interrupted");
        }
        return published;
    }

    /** The catalog record for these bytes: LFN, size, checksum, a new GUID, and the replica. */
    public NewFile file() {
        return file;
    }

    /** Keeps the bytes: call once {@link #file()} is registered. */
    public void release() throws IOException {
        upload.release();
    }

    @Override
    public void close() {
        upload.close();
    }
}
