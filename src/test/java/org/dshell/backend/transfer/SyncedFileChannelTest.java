package org.dshell.backend.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big file written through the synced channel (buffered, then past 64 MiB aligned chunks without the
 * page cache where the file system allows it, unaligned ones through it) ends up with exactly the
 * bytes written, whatever mix of chunks arrived.
 */
class SyncedFileChannelTest {
    @TempDir
    Path tmp;

    @Test
    void bigFileOfMixedChunksKeepsEveryByte() throws Exception {
        Path path = tmp.resolve("big");
        Random random = new Random(7);
        byte[] expected = new byte[(70 << 20) + 12_345];
        random.nextBytes(expected);
        try (SyncedFileChannel channel = new SyncedFileChannel(path,
                FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
            int at = 0;
            for (int i = 0; at < expected.length; i++) {
                ByteBuffer chunk = switch (i % 3) {
                    case 0 -> ByteBuffer.allocateDirect((4 << 20) + 4096).alignedSlice(4096); // goes around the page cache
                    case 1 -> ByteBuffer.allocate(1 << 20); // not direct: through the page cache
                    default -> ByteBuffer.allocateDirect(8192 + 1).position(1).slice().limit(8192); // misaligned address
                };
                int n = Math.min(chunk.remaining(), expected.length - at); // the tail: an unaligned size
                chunk.put(expected, at, n).flip();
                while (chunk.hasRemaining()) {
                    at += channel.write(chunk);
                }
            }
            channel.force();
        }
        assertEquals(expected.length, Files.size(path));
        assertArrayEquals(expected, Files.readAllBytes(path));
    }
}
