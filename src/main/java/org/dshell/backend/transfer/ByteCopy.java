package org.dshell.backend.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.LongConsumer;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;

/**
 * Moves bytes from a channel to a channel in one pass, computing Adler32 over the same buffer it
 * writes: one read and one write per MiB, no second pass for the checksum.
 */
public final class ByteCopy {
    private static final int BUFFER_SIZE = 1 << 20;
    /** From this size on, reading and checksumming on one thread overlap writing on another. */
    private static final long PIPELINE_FROM = 64L << 20;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(BUFFER_SIZE));

    /** What went through: the byte count and its Adler32. */
    public record Copied(long size, String checksum) {
    }

    private ByteCopy() {
    }

    /**
     * Copies all of {@code in} to {@code out} (null: only checksum), telling {@code meter} each chunk's
     * size. Stops with InterruptedIOException when the thread is interrupted (Ctrl-C).
     */
    public static Copied copy(ReadableByteChannel in, WritableByteChannel out, LongConsumer meter) throws IOException {
        return copy(in, out, meter, in instanceof FileChannel file ? file.size() : -1);
    }

    /**
     * As {@link #copy(ReadableByteChannel, WritableByteChannel, LongConsumer)}, for a source whose size
     * is known beforehand ({@code expectedSize}, -1 when not), such as a replica the catalog describes:
     * a big one is pipelined, so that a download decrypts and checksums on one thread while another
     * writes the local file.
     */
    public static Copied copy(ReadableByteChannel in, WritableByteChannel out, LongConsumer meter, long expectedSize)
            throws IOException {
        return copy(in, out, meter, expectedSize, true);
    }

    /**
     * As {@link #copy(ReadableByteChannel, WritableByteChannel, LongConsumer, long)}; without
     * {@code readAhead} a big copy stays on the calling thread too (see
     * {@link org.dshell.backend.StorageElement.Upload#readsAhead}).
     */
    public static Copied copy(ReadableByteChannel in, WritableByteChannel out, LongConsumer meter, long expectedSize,
                              boolean readAhead) throws IOException {
        if (out != null && readAhead && expectedSize >= PIPELINE_FROM) {
            return PipelinedCopy.copy(in, out, meter);
        }
        ByteBuffer buffer = BUFFER.get();
        Adler32 adler = new Adler32();
        long total = 0;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            buffer.clear();
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            buffer.flip();
            Checksums.update(adler, buffer);
            if (out != null) {
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
            total += n;
            meter.accept(n);
        }
        return new Copied(total, Checksums.adler32Hex(adler));
    }

    /** The size and Adler32 of a channel's bytes. */
    public static Copied checksum(ReadableByteChannel in, LongConsumer meter) throws IOException {
        return copy(in, null, meter);
    }
}
