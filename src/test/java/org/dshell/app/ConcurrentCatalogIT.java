package org.dshell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two dshell processes writing one catalog at the same time lose nothing and see no lock errors. */
class ConcurrentCatalogIT {
    @TempDir
    Path tmp;

    @Test
    void twoProcessesCreateAThousandEntriesEachInOneDirectory() throws Exception {
        JarProcess dshell = new JarProcess(tmp.resolve("home")).env("USER", "localuser");
        assertEquals(0, dshell.run("mkdir shared\n").status());
        Process a = dshell.start();
        Process b = dshell.start();
        feed(a, "a");
        feed(b, "b");
        assertEquals(true, a.waitFor(120, TimeUnit.SECONDS));
        assertEquals(true, b.waitFor(120, TimeUnit.SECONDS));
        String errA = new String(a.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String errB = new String(b.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, a.exitValue(), errA);
        assertEquals(0, b.exitValue(), errB);
        assertFalse(errA.contains("lock") || errB.contains("lock"));
        JarProcess.Result count = dshell.run("ls shared\n");
        assertEquals(2000, count.out().lines().count());
    }

    private static void feed(Process process, String prefix) throws Exception {
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            commands.append("mkdir shared/").append(prefix).append(i).append('\n');
        }
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(commands.toString().getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
    }
}
