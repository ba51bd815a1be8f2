package org.dshell.commands.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Adler32;

import org.dshell.core.Checksums;

/** Helpers for data verb tests: random local files, SE directories, checksums. */
final class DataFixture {
    private DataFixture() {
    }

    static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String adler(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return Checksums.adler32Hex(adler);
    }

    static Path seRoot(Path dshellHome, String se) {
        return dshellHome.resolve("local/se/" + se);
    }

    /** Every regular file below a directory (relative paths, sorted); empty when it does not exist. */
    static List<String> filesBelow(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> temporaryFilesBelow(Path dir) {
        return filesBelow(dir).stream().filter(p -> p.contains(".dshell-tmp-")).toList();
    }
}
