package org.dshell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT to the jar's process) while a Groovy script runs outside the interactive prompt:
 * the script stops with the usual message and 130, and a bulk put it interrupted leaves no catalog
 * entry without its bytes; a second Ctrl-C abandons a script that does not stop.
 */
class ScriptInterruptIT {
    private static final String BULK_PUT = """
            def files = new File(args[0]).listFiles().findAll { it.name.endsWith('.dat') }.sort()
            mkdir('-p', 'bulk')
            def done = new java.util.concurrent.atomic.AtomicInteger()
            parallel(files, threads: 8) {
                def n = done.incrementAndGet()
                // paced after the first twenty, so that Ctrl-C finds puts in flight however fast the disk is
                if (n > 20) { Thread.sleep(10) }
                put(it, 'bulk')
                // puts are registered behind the items; ls waits for those made before it
                if (n == 20) { ls('bulk'); println 'twenty done'; out.flush() }
            }
            println 'all done'
            """;

    @TempDir
    Path tmp;

    private Path smallFiles(int count) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("files"));
        for (int i = 0; i < count; i++) {
            Files.writeString(dir.resolve(String.format("f%05d.dat", i)), "small file " + i + "\n");
        }
        return dir;
    }

    @Test
    void ctrlCStopsAParallelPutScriptAndLeavesNoEntryWithoutBytes() throws Exception {
        Path files = smallFiles(3000);
        Files.writeString(tmp.resolve("bulk.groovy"), BULK_PUT);
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(tmp);
        Running script = new Running(dshell.start("bulk.groovy", files.toString()), "twenty done");
        assertTrue(script.awaitLine(90), "the script started putting: " + script.err());
        sigint(script.process);
        assertTrue(script.finished(60), "the script stopped after Ctrl-C");
        assertEquals(130, script.process.exitValue(), script.err());
        assertTrue(script.err().contains("bulk.groovy: interrupted"), script.err());
        assertFalse(script.out().contains("all done"), script.out());

        JarProcess.Result count = dshell.run("", "-c", "ls bulk");
        long registered = count.out().lines().count();
        assertTrue(registered >= 20 && registered < 3000, "registered: " + registered);
        // fsck reads every replica back: no file without bytes (or with wrong ones), no temporary left behind.
        JarProcess.Result fsck = dshell.run("", "-c", "fsck bulk");
        assertEquals(0, fsck.status(), fsck.toString());
    }

    @Test
    void runInBatchModeStopsAtCtrlCAndASecondCtrlCAbandonsAStubbornScript() throws Exception {
        Files.writeString(tmp.resolve("stubborn.groovy"), """
                println 'started'; out.flush()
                while (true) { try { Thread.sleep(50) } catch (InterruptedException e) { } }
                """);
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(tmp);
        Running script = new Running(dshell.start("--keep-going", "-c", "run stubborn.groovy; pwd"), "started");
        assertTrue(script.awaitLine(90), "the script started: " + script.err());
        sigint(script.process);
        Thread.sleep(1000);
        assertTrue(script.process.isAlive(), "the script ignored the first Ctrl-C");
        sigint(script.process);
        assertTrue(script.finished(30), "a second Ctrl-C abandons it");
        assertEquals(130, script.process.exitValue(), script.err());
        assertTrue(script.err().contains("interrupted (the script did not stop; it was abandoned)"), script.err());
    }

    @Test
    void runInBatchModeStopsTheBatchAtCtrlC() throws Exception {
        Files.writeString(tmp.resolve("loop.groovy"), "println 'started'; out.flush(); while (true) { Thread.sleep(20) }\n");
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(tmp);
        Running script = new Running(dshell.start("--keep-going", "-c", "run loop.groovy; pwd"), "started");
        assertTrue(script.awaitLine(90), "the script started: " + script.err());
        sigint(script.process);
        assertTrue(script.finished(30), "Ctrl-C stops the script");
        assertEquals(130, script.process.exitValue(), script.err());
        assertEquals("run loop.groovy: interrupted\n", script.err());
        assertEquals("started\n", script.out(), "the batch stops at Ctrl-C even with --keep-going");
    }

    private static void sigint(Process process) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
    }

    /** A started dshell whose output is collected, with a latch for one line of its standard output. */
    private static final class Running {
        final Process process;
        private final StringBuffer out = new StringBuffer();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();
        private final CountDownLatch seen = new CountDownLatch(1);
        private final Thread outPump;
        private final Thread errPump;

        Running(Process process, String line) {
            this.process = process;
            outPump = new Thread(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = reader.readLine()) != null) {
                        out.append(l).append('\n');
                        if (l.equals(line)) {
                            seen.countDown();
                        }
                    }
                } catch (IOException e) {
                    // process gone
                }
            });
            errPump = new Thread(() -> {
                try {
                    process.getErrorStream().transferTo(err);
                } catch (IOException e) {
                    // process gone
                }
            });
            outPump.setDaemon(true);
            errPump.setDaemon(true);
            outPump.start();
            errPump.start();
        }

        /** Waits for the process to end and its output to be read. */
        boolean finished(int seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return false;
            }
            outPump.join(10_000);
            errPump.join(10_000);
            return true;
        }

        boolean awaitLine(int seconds) throws InterruptedException {
            return seen.await(seconds, TimeUnit.SECONDS);
        }

        String out() {
            return out.toString();
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
