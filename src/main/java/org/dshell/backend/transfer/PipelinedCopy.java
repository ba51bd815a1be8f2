package org.dshell.backend.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;

/**
 * The copy of a big file: the calling thread reads and checksums a chunk while another thread writes
 * the previous one, so that the disk (or the network) and the CPU work at the same time. Chunks are
 * full and aligned to 4 KiB except the last, which lets an SE write them without its page cache.
 */
final class PipelinedCopy {
    private static final int CHUNK = 4 << 20;
    private static final int CHUNKS = 3;
    /** What is read (and summed) at a time: small enough to stay in the CPU's cache between the two. */
    private static final int STEP = 256 << 10;
    private static final int ALIGNMENT = 4096;
    private static final ByteBuffer END = ByteBuffer.allocate(0);
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dshell-copy-writer");
        thread.setDaemon(true);
        return thread;
    });

    private PipelinedCopy() {
    }

    static ByteCopy.Copied copy(ReadableByteChannel in, WritableByteChannel out, LongConsumer meter) throws IOException {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(CHUNKS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(CHUNKS + 1);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(ByteBuffer.allocateDirect(CHUNK + ALIGNMENT).alignedSlice(ALIGNMENT));
        }
        Future<Void> writer = WRITERS.submit(() -> {
            while (true) {
                ByteBuffer chunk = full.take();
                if (chunk == END) {
                    return null;
                }
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                free.add(chunk);
            }
        });
        Adler32 adler = new Adler32();
        long total = 0;
        try {
            while (true) {
                ByteBuffer chunk = next(free, writer);
                fill(chunk, in, adler);
                int n = chunk.remaining();
                if (n == 0) {
                    break;
                }
                full.add(chunk);
                total += n;
                meter.accept(n);
            }
            full.add(END);
            writer.get();
        } catch (InterruptedException e) {
            writer.cancel(true);
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (IOException | RuntimeException | Error e) {
            writer.cancel(true);
            throw e;
        }
        return new ByteCopy.Copied(total, Checksums.adler32Hex(adler));
    }

    /**
     * Fills {@code chunk} (flipped on return; short only at the end of {@code in}) and sums what came in,
     * a step at a time while it is still in the CPU's cache: summed after the whole 4 MiB chunk, the bytes
     * came back from memory, and Adler32 cost a download twice as much.
     */
    private static void fill(ByteBuffer chunk, ReadableByteChannel in, Adler32 adler) throws IOException {
        int capacity = chunk.capacity();
        chunk.clear();
        while (chunk.hasRemaining()) {
            int from = chunk.position();
            chunk.limit(Math.min(capacity, from + STEP));
            int n = in.read(chunk);
            chunk.limit(capacity);
            if (n < 0) {
                break;
            }
            if (n > 0) {
                Checksums.update(adler, chunk.duplicate().flip().position(from));
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
        }
        chunk.flip();
    }

    /** A free chunk; rethrows the writer's failure instead of waiting for a chunk that will not come. */
    private static ByteBuffer next(BlockingQueue<ByteBuffer> free, Future<Void> writer)
            throws InterruptedException, ExecutionException {
        while (true) {
            ByteBuffer chunk = free.poll(100, TimeUnit.MILLISECONDS);
            if (chunk != null) {
                return chunk;
            }
            if (writer.isDone()) {
                writer.get();
                throw new IllegalStateException("the writer stopped early");
            }
        }
    }
}
