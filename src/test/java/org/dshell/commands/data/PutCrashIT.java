package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.adler;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.seRoot;
import static org.dshell.commands.data.DataFixture.temporaryFilesBelow;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dshell.commands.catalog.CatalogWalk;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.testing.JarProcess;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of dshell in the middle of {@code put -r -j 8} of 1,000 files: every registered file has
 * bytes that match its size and checksum, fsck finds at most leftover temporary files, --repair
 * removes them, and the same put with --skip-existing completes the rest.
 */
class PutCrashIT {
    private static final int FILES = 1000;

    @TempDir
    Path tmp;

    @Test
    void killDuringParallelPutLosesNothing() throws Exception {
        Path home = tmp.resolve("home");
        Path local = tmp.resolve("work");
        for (int i = 0; i < FILES; i++) {
            write(local.resolve("src/d" + (i % 10)).resolve("f" + i + ".bin"), randomBytes(i, 16_384 + (i * 131) % 32_768));
        }
        JarProcess dshell = new JarProcess(home).in(local).env("USER", "crash");
        Process process = dshell.start();
        drain(process.getInputStream());
        drain(process.getErrorStream());
        boolean aliveAtKill;
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write("put -r -j 8 src\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Path se = seRoot(home, "LOCAL-DISK");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (countFiles(se) < 150 && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            aliveAtKill = process.isAlive();
        } finally {
            process.destroyForcibly(); // SIGKILL on Unix
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(aliveAtKill, "the put finished before it could be killed");

        int registered;
        try (TestShell shell = new TestShell(home, "crash")) {
            LfnPath src = shell.session().home().child("src");
            List<CatalogEntry> files = new ArrayList<>();
            CatalogWalk.preOrder(shell.grid().catalog(), src, e -> {
                if (!e.isDirectory()) {
                    files.add(e);
                }
            });
            registered = files.size();
            assertTrue(registered < FILES, "killed after " + registered + " files");
            for (CatalogEntry file : files) {
                byte[] original = Files.readAllBytes(local.resolve(src.toString().length() < file.path().toString().length()
                        ? "src" + file.path().toString().substring(src.toString().length()) : "src"));
                List<Replica> replicas = shell.grid().catalog().replicas(file.path());
                assertEquals(1, replicas.size(), file.path().toString());
                byte[] stored = Files.readAllBytes(seRoot(home, "LOCAL-DISK").resolve(replicas.get(0).pfn().substring(1)));
                assertEquals(original.length, file.size(), file.path().toString());
                assertEquals(adler(original), file.checksum(), file.path().toString());
                assertArrayEquals(original, stored, file.path().toString());
            }

            TestShell.Result fsck = shell.run("fsck ~");
            for (String line : fsck.out().lines().toList()) {
                assertTrue(line.startsWith("leftover: ") || line.startsWith("fsck: "), fsck.out());
            }
            TestShell.Result repair = shell.run("fsck --repair ~");
            assertEquals(0, repair.status(), repair.toString());
            TestShell.Result clean = shell.run("fsck ~");
            assertEquals(0, clean.status(), clean.toString());
            assertTrue(clean.out().endsWith("; 0 problems\n"), clean.out());
            assertEquals(List.of(), temporaryFilesBelow(seRoot(home, "LOCAL-DISK")));
        }

        JarProcess.Result rerun = dshell.run("put -r -j 8 --skip-existing src\nfsck\n");
        assertEquals(0, rerun.status(), rerun.toString());
        assertTrue(rerun.out().contains("put: " + (FILES - registered) + " done, " + registered + " skipped, 0 failed"), rerun.out());
        assertTrue(rerun.out().contains(FILES + " files, " + FILES + " replicas checked"), rerun.out());
        assertFalse(rerun.out().contains("problems\n") && !rerun.out().contains("; 0 problems"), rerun.out());
    }

    /** Files below a directory, counted while uploads create and remove them. */
    private static int countFiles(Path dir) throws IOException {
        int[] count = {0};
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                count[0]++;
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path file, IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        return count[0];
    }

    private static void drain(InputStream from) {
        Thread pump = new Thread(() -> {
            try {
                from.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // the process is gone
            }
        });
        pump.setDaemon(true);
        pump.start();
    }
}
