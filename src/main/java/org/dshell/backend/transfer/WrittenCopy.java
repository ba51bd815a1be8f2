package org.dshell.backend.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.backend.StorageElement;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

/**
 * A local file's bytes written to an SE under a temporary name, checksummed, not yet published. Kept
 * apart from publishing so that a bulk upload can publish many files at once (their flushes to disk
 * then share the file system's journal commits); closing without publishing removes the bytes.
 */
public final class WrittenCopy implements AutoCloseable {
    private final StorageElement.Upload upload;
    private final LfnPath lfn;
    private final StorageElement se;
    private final ByteCopy.Copied copied;

    private WrittenCopy(StorageElement.Upload upload, LfnPath lfn, StorageElement se, ByteCopy.Copied copied) {
        this.upload = upload;
        this.lfn = lfn;
        this.se = se;
        this.copied = copied;
    }

    /**
     * Streams {@code local} to {@code se} under a temporary name, computing size and Adler32 on the
     * way. Stops with InterruptedIOException when the thread is interrupted.
     */
    public static WrittenCopy write(Path local, LfnPath lfn, StorageElement se, LongConsumer meter) throws IOException {
        try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            StorageElement.Upload upload = se.upload(lfn, in.size());
            try {
                ByteCopy.Copied copied = ByteCopy.copy(in, upload.channel(), meter, in.size(), upload.readsAhead());
                upload.finish(copied.checksum());
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("interrupted");
                }
                return new WrittenCopy(upload, lfn, se, copied);
            } catch (Throwable e) {
                upload.close();
                throw e;
            }
        }
    }

    public LfnPath lfn() {
        return lfn;
    }

    /**
     * Makes the bytes durable and visible under a PFN and gives the catalog record to register (a new
     * GUID, the replica). On failure the bytes are removed.
     */
    public PublishedCopy publish() throws IOException {
        try {
            String pfn = upload.publish();
            NewFile file = new NewFile(lfn, copied.size(), copied.checksum(),
                    UUID.randomUUID().toString().toUpperCase(), new Replica(se.name(), pfn, "AprioriGood"));
            return new PublishedCopy(upload, file);
        } catch (Throwable e) {
            upload.close();
            throw e;
        }
    }

    /** Removes the bytes unless they were published and released since. */
    @Override
    public void close() {
        upload.close();
    }
}
