package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Function;

/**
 * The body of a PUT, written straight into the request's connection by the transfer thread, counting
 * what went out (the writer sums Adler32 itself and hands it to {@code Upload.finish}). A failed
 * write becomes the one-line error {@code failure} makes of it, naming the server.
 */
final class UploadBody implements WritableByteChannel {
    private final OutputStream out;
    private final Function<IOException, IOException> failure;
    private byte[] chunk = new byte[0];
    private long size;
    private boolean open = true;

    UploadBody(OutputStream out, Function<IOException, IOException> failure) {
        this.out = out;
        this.failure = failure;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted");
        }
        int n = src.remaining();
        if (src.hasArray()) {
            send(src.array(), src.arrayOffset() + src.position(), n);
            src.position(src.limit());
        } else {
            if (chunk.length < n) {
                chunk = new byte[n];
            }
            src.get(chunk, 0, n);
            send(chunk, 0, n);
        }
        return n;
    }

    private void send(byte[] bytes, int offset, int length) throws IOException {
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            open = false;
            throw failure.apply(e);
        }
        size += length;
    }

    long size() {
        return size;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Ends the body; with a fixed length, a short body is an error here. */
    @Override
    public void close() throws IOException {
        if (open) {
            open = false;
            try {
                out.close();
            } catch (IOException e) {
                throw failure.apply(e);
            }
        }
    }
}
