package org.dshell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged dshell loads SQLite's native library from one copy beside the databases, made by the
 * first command, instead of extracting it into the temporary directory at every start; a damaged copy
 * is replaced, and the job agent loads the same copy.
 */
class SqliteNativeLibraryIT {
    @TempDir
    Path tmp;

    @Test
    void theFirstCommandCopiesTheLibraryOnceAndLaterCommandsLoadThatCopy() throws Exception {
        Path scratch = Files.createDirectories(tmp.resolve("scratch"));
        JarProcess dshell = new JarProcess(tmp.resolve("home")).env("USER", "localuser")
                .env("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + scratch);
        assertEquals(0, dshell.run("mkdir a\n").status());
        Path folder = tmp.resolve("home/local/.native");
        List<Path> copies = libraries(folder);
        assertEquals(1, copies.size(), copies.toString());
        Path copy = copies.get(0);
        long size = Files.size(copy);
        assertTrue(copy.getFileName().toString().endsWith("-" + size + ".so"), copy.toString());
        assertEquals(List.of(), libraries(scratch), "nothing extracted into the temporary directory");

        long modified = Files.getLastModifiedTime(copy).toMillis();
        Thread.sleep(20);
        assertEquals(0, dshell.run("mkdir b\n").status());
        assertEquals(modified, Files.getLastModifiedTime(copy).toMillis(), "the copy is reused, not rewritten");

        // A copy cut short (a full disk, a crash of something else) is made again, and dshell works.
        byte[] bytes = Files.readAllBytes(copy);
        Files.write(copy, java.util.Arrays.copyOf(bytes, 1000));
        JarProcess.Result ls = dshell.run("ls\n");
        assertEquals(0, ls.status(), ls.err());
        assertTrue(ls.out().contains("a/") && ls.out().contains("b/"), ls.out());
        assertEquals(size, Files.size(copy));
        assertEquals(List.of(copy), libraries(folder));

        // The job agent, a JVM of its own started by submit, loads the same copy: a job runs, and nothing
        // was extracted into the temporary directory (which the agent inherits through JAVA_TOOL_OPTIONS).
        assertEquals(0, dshell.run("submit -- /bin/true\n").status());
        String status = "";
        for (int i = 0; i < 300 && !status.contains("Done"); i++) {
            Thread.sleep(100);
            status = dshell.run("status -a\n").out();
        }
        assertTrue(status.contains("Done"), status);
        assertEquals(List.of(), libraries(scratch), "nothing extracted by the agent either");
        assertEquals(List.of(copy), libraries(folder));
    }

    private static List<Path> libraries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().contains("sqlitejdbc")).sorted().toList();
        }
    }
}
