package org.dshell.backend.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big file's copy (read and checksum on one thread, write on another, unless the destination wants
 * no read-ahead) keeps every byte and every error.
 */
class PipelinedCopyTest {
    @TempDir
    Path tmp;

    private Path bigFile() throws IOException {
        byte[] bytes = new byte[(65 << 20) + 777];
        new Random(3).nextBytes(bytes);
        return Files.write(tmp.resolve("big"), bytes);
    }

    @Test
    void copiesAndChecksumsEveryByte() throws Exception {
        Path source = bigFile();
        Path copy = tmp.resolve("copy");
        AtomicLong metered = new AtomicLong();
        ByteCopy.Copied copied;
        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(copy,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copied = ByteCopy.copy(in, out, metered::addAndGet);
        }
        byte[] original = Files.readAllBytes(source);
        Adler32 adler = new Adler32();
        adler.update(original);
        assertEquals(new ByteCopy.Copied(original.length, Checksums.adler32Hex(adler)), copied);
        assertEquals(original.length, metered.get());
        assertArrayEquals(original, Files.readAllBytes(copy));
    }

    /** A download's body is a stream whose size the catalog announced: it is pipelined as a big file is. */
    @Test
    void aStreamOfAnnouncedSizeIsWrittenOnAnotherThread() throws Exception {
        assertEquals(Set.of("dshell-copy-writer"), writersOfACopy(true));
    }

    /** The body of an upload over TLS: its writer encrypts, so the copy stays on the calling thread. */
    @Test
    void withoutReadAheadABigCopyIsWrittenOnTheCallingThread() throws Exception {
        assertEquals(Set.of(Thread.currentThread().getName()), writersOfACopy(false));
    }

    /** Copies a big stream of announced size, checks every byte and the checksum, and names the threads that wrote. */
    private Set<String> writersOfACopy(boolean readAhead) throws IOException {
        Path source = bigFile();
        Path copy = tmp.resolve("copy");
        Set<String> writers = ConcurrentHashMap.newKeySet();
        ByteCopy.Copied copied;
        try (ReadableByteChannel in = Channels.newChannel(Files.newInputStream(source));
             FileChannel file = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            WritableByteChannel out = new WritableByteChannel() {
                @Override
                public int write(ByteBuffer src) throws IOException {
                    writers.add(Thread.currentThread().getName());
                    return file.write(src);
                }

                @Override
                public boolean isOpen() {
                    return file.isOpen();
                }

                @Override
                public void close() {
                }
            };
            copied = ByteCopy.copy(in, out, n -> { }, Files.size(source), readAhead);
        }
        byte[] original = Files.readAllBytes(source);
        Adler32 adler = new Adler32();
        adler.update(original);
        assertEquals(new ByteCopy.Copied(original.length, Checksums.adler32Hex(adler)), copied);
        assertArrayEquals(original, Files.readAllBytes(copy));
        return writers;
    }

    /** A stream that ends before its announced size is copied as far as it went; the caller compares sizes. */
    @Test
    void aShortStreamEndsTheCopyWhereItEnds() throws Exception {
        Path source = bigFile();
        Path copy = tmp.resolve("copy");
        ByteCopy.Copied copied;
        try (ReadableByteChannel in = Channels.newChannel(Files.newInputStream(source));
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            copied = ByteCopy.copy(in, out, n -> { }, Files.size(source) + (1 << 20));
        }
        assertEquals(Files.size(source), copied.size());
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copy));
    }

    @Test
    void aWriteErrorEndsTheCopy() throws Exception {
        Path source = bigFile();
        WritableByteChannel failing = new WritableByteChannel() {
            private long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written > (20 << 20)) {
                    throw new IOException("No space left on device");
                }
                int n = src.remaining();
                src.position(src.limit());
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        try (FileChannel in = FileChannel.open(source)) {
            IOException e = assertThrows(IOException.class, () -> ByteCopy.copy(in, failing, n -> { }));
            assertEquals("No space left on device", e.getMessage());
        }
    }
}
