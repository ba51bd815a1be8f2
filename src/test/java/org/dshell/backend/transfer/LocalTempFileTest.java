package org.dshell.backend.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A download's local target, on a real file system (the test machine's /tmp is ext4, which takes O_DIRECT). */
class LocalTempFileTest {
    @TempDir
    Path dir;

    private static byte[] random(int seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".dshell-tmp-")).toList();
        }
    }

    /** As a get streams a replica: pipelined past 64 MiB, in full aligned chunks and a ragged last one. */
    private ByteCopy.Copied download(byte[] bytes, LocalTempFile target) throws IOException {
        return ByteCopy.copy(Channels.newChannel(new java.io.ByteArrayInputStream(bytes)), target.channel(), n -> { }, bytes.length);
    }

    @Test
    void aBigDownloadTakesItsNameWholeAndFlushed() throws IOException {
        byte[] bytes = random(1, (70 << 20) + 777);
        Path target = dir.resolve("big.dat");
        try (LocalTempFile temp = new LocalTempFile(target, false)) {
            ByteCopy.Copied copied = download(bytes, temp);
            assertFalse(Files.exists(target), "nothing under the name before commit");
            temp.commit();
            Adler32 adler = new Adler32();
            adler.update(bytes);
            assertEquals(Checksums.adler32Hex(adler), copied.checksum());
        }
        assertEquals(bytes.length, Files.size(target));
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void aSmallDownloadToo() throws IOException {
        byte[] bytes = random(2, 1000);
        Path target = dir.resolve("small.dat");
        try (LocalTempFile temp = new LocalTempFile(target, false)) {
            download(bytes, temp);
            temp.commit();
        }
        assertArrayEquals(bytes, Files.readAllBytes(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void anUncommittedDownloadLeavesNothingAndTheOldFileStands() throws IOException {
        Path target = dir.resolve("kept.dat");
        Files.writeString(target, "the old bytes");
        try (LocalTempFile temp = new LocalTempFile(target, true)) {
            download(random(3, (66 << 20) + 5), temp);
            // no commit: a failed checksum, Ctrl-C
        }
        assertEquals("the old bytes", Files.readString(target));
        assertTrue(leftovers().isEmpty());
    }

    @Test
    void withoutOverwriteAnExistingFileIsRefusedAndKept() throws IOException {
        Path target = dir.resolve("there.dat");
        Files.writeString(target, "someone's");
        try (LocalTempFile temp = new LocalTempFile(target, false)) {
            download(random(4, 5000), temp);
            assertThrows(FileAlreadyExistsException.class, temp::commit);
        }
        assertEquals("someone's", Files.readString(target));
        assertTrue(leftovers().isEmpty());
    }
}
