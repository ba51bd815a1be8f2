package org.dshell.backend.webdav;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.function.Function;

/**
 * The body of a GET as a channel that fills the reader's buffer as far as the stream allows. The
 * JDK's Channels.newChannel hands out at most 8 KiB per read, and a TLS socket at most one record
 * (16 KiB): a download of a GiB would then be 100,000 small writes to the local file. A failed read
 * becomes the one-line error {@code failure} makes of it, naming the server.
 */
final class DownloadBody implements ReadableByteChannel {
    private static final int CHUNK = 1 << 20;

    private final InputStream in;
    private final Function<IOException, IOException> failure;
    private byte[] scratch = new byte[0];
    private boolean open = true;

    DownloadBody(InputStream in, Function<IOException, IOException> failure) {
        this.in = in;
        this.failure = failure;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int wanted = Math.min(dst.remaining(), CHUNK);
        if (wanted == 0) {
            return 0;
        }
        byte[] target;
        int offset;
        if (dst.hasArray()) {
            target = dst.array();
            offset = dst.arrayOffset() + dst.position();
        } else {
            if (scratch.length < wanted) {
                scratch = new byte[wanted];
            }
            target = scratch;
            offset = 0;
        }
        int filled = 0;
        try {
            while (filled < wanted) {
                int n = in.read(target, offset + filled, wanted - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
                if (in.available() == 0 && filled >= wanted / 2) {
                    break; // enough for one write; do not wait for the network to fill the rest
                }
            }
        } catch (IOException e) {
            throw failure.apply(e);
        }
        if (filled == 0) {
            return -1;
        }
        if (dst.hasArray()) {
            dst.position(dst.position() + filled);
        } else {
            dst.put(scratch, 0, filled);
        }
        return filled;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
