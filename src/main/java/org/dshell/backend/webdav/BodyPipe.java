package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;

/**
 * Hands bytes written by a transfer thread to the HTTP client sending a PUT body, a few chunks at a
 * time (the writer blocks while the server is slower), and sums Adler32 over what passed, to compare
 * with the server's digest afterwards. If the request dies, the writer is told instead of blocking.
 */
final class BodyPipe implements WritableByteChannel {
    private static final byte[] END = new byte[0];
    private static final int CHUNKS_IN_FLIGHT = 4;

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    private final Adler32 adler = new Adler32();
    private volatile IOException failure;
    private long size;
    private volatile boolean finished;

    /** The stream the HTTP client reads the body from. */
    InputStream input() {
        return new InputStream() {
            private byte[] current = new byte[0];
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (position == current.length) {
                    if (current == END) {
                        return -1;
                    }
                    current = take();
                    position = 0;
                }
                int n = Math.min(len, current.length - position);
                System.arraycopy(current, position, b, off, n);
                position += n;
                return n;
            }

            private byte[] take() throws IOException {
                try {
                    byte[] next;
                    while ((next = chunks.poll(200, TimeUnit.MILLISECONDS)) == null) {
                        checkFailure();
                    }
                    return next;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted");
                }
            }
        };
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        byte[] chunk = new byte[n];
        src.get(chunk);
        adler.update(chunk);
        size += n;
        put(chunk);
        return n;
    }

    /** Marks the end of the body. */
    void finish() throws IOException {
        if (!finished) {
            finished = true;
            put(END);
        }
    }

    /** Makes both sides stop: the reader fails, a blocked writer returns with {@code why}. */
    void fail(IOException why) {
        failure = why;
        chunks.clear();
    }

    long size() {
        return size;
    }

    String adler32() {
        return Checksums.adler32Hex(adler);
    }

    private void put(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }

    private void checkFailure() throws IOException {
        IOException why = failure;
        if (why != null) {
            throw why;
        }
    }

    @Override
    public boolean isOpen() {
        return !finished && failure == null;
    }

    @Override
    public void close() throws IOException {
        finish();
    }
}
