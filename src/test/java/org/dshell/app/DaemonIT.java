package org.dshell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot commands through the thin client and the daemon it starts, as scripts/dshell runs them by
 * default: real client processes, a real daemon process, its Unix socket in a private directory.
 */
class DaemonIT {
    @TempDir
    Path tmp;
    private Path runtime;

    @BeforeEach
    void runtimeDirectory() throws IOException {
        runtime = Files.createDirectory(tmp.resolve("run"));
    }

    @AfterEach
    void stopDaemons() {
        daemons().forEach(ProcessHandle::destroyForcibly);
    }

    private JarProcess dshell() {
        return new JarProcess(tmp.resolve("home")).env("USER", "localuser").throughDaemon(runtime);
    }

    /** The daemons this test started (their socket is under its runtime directory). */
    private List<ProcessHandle> daemons() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                        .anyMatch(a -> a.startsWith(runtime.toString())))
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains("org.dshell.app.daemon.Daemon"))
                .toList();
    }

    private static List<ProcessHandle> sleeping(String seconds) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("sleep")
                        && p.info().arguments().map(Arrays::asList).orElse(List.of()).equals(List.of(seconds)))
                .toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void commandsRunInOneWarmDaemonWithTheirOutputAndExitStatus() throws IOException {
        JarProcess.Result first = dshell().run("", "-c", "pwd; mkdir -p data/run1; ls");
        assertEquals(0, first.status(), first.err());
        assertEquals("/dteam/user/l/localuser\ndata/\n", first.out());
        assertEquals(1, daemons().size());
        long pid = daemons().get(0).pid();

        JarProcess.Result failed = dshell().run("", "-c", "ls /nope");
        assertEquals(1, failed.status());
        assertEquals("ls /nope: no such file or directory: /nope\n", failed.err());
        JarProcess.Result usage = dshell().run("", "-c", "ls --bogus");
        assertEquals(2, usage.status());
        assertTrue(usage.err().startsWith("ls --bogus: Unknown option: '--bogus'"), usage.err());

        assertEquals(List.of(pid), daemons().stream().map(ProcessHandle::pid).toList(), "the same daemon served every command");
        Path dir = runtime.resolve("dshell");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".sock")).count());
        }
    }

    @Test
    void eachWorkingDirectoryAndEnvironmentHasADaemonOfItsOwn() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        Files.writeString(a.resolve("f.txt"), "bytes from a\n");
        JarProcess.Result inA = dshell().in(a).run("", "-c", "lpwd; put f.txt .; cat f.txt");
        assertEquals(0, inA.status(), inA.err());
        assertTrue(inA.out().startsWith(a.toRealPath() + "\n"), inA.out());
        assertTrue(inA.out().endsWith("bytes from a\n"), inA.out());
        JarProcess.Result inB = dshell().in(b).run("", "-c", "lpwd");
        assertEquals(b.toRealPath() + "\n", inB.out());
        assertEquals(2, daemons().size());
        JarProcess.Result otherEnv = dshell().in(a).env("DSHELL_TEST_VARIABLE", "1").run("", "-c", "lpwd");
        assertEquals(a.toRealPath() + "\n", otherEnv.out());
        assertEquals(3, daemons().size());
    }

    @Test
    void batchInputIsRelayedAndACommandThatDoesNotReadLeavesItAlone() throws IOException, InterruptedException {
        JarProcess.Result batch = dshell().run("pwd\necho one\necho two\n");
        assertEquals(0, batch.status(), batch.err());
        assertEquals("/dteam/user/l/localuser\none\ntwo\n", batch.out());

        // As with a process of its own, `dshell -c` inside a read loop must not swallow the loop's input.
        List<String> client = new ArrayList<>(List.of(JarProcess.javaBinary(), "-cp", JarProcess.jar().toString(),
                "org.dshell.app.daemon.DaemonClient", JarProcess.javaBinary(), "-XX:+UseSerialGC", "-cp", JarProcess.jar().toString(), "--"));
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\" -c 'echo first'; cat", "_"));
        command.addAll(client);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of("DSHELL_HOME", tmp.resolve("home").toString(), "USER", "localuser",
                "XDG_RUNTIME_DIR", runtime.toString(), "NO_COLOR", "1"));
        Process p = builder.start();
        p.getOutputStream().write("the rest of the input\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("first\nthe rest of the input\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ctrlCStopsTheCommandAndTheDaemonCarriesOn() throws Exception {
        Process client = dshell().start("-c", "! sleep 97.25");
        await("the command runs", () -> !sleeping("97.25").isEmpty());
        long daemon = daemons().get(0).pid();
        new ProcessBuilder("kill", "-INT", String.valueOf(client.pid())).start().waitFor();
        assertTrue(client.waitFor(20, TimeUnit.SECONDS), "the client exits after Ctrl-C");
        assertEquals(130, client.exitValue());
        await("the local command is stopped", () -> sleeping("97.25").isEmpty());

        JarProcess.Result next = dshell().run("", "-c", "pwd");
        assertEquals(0, next.status(), next.err());
        assertEquals(List.of(daemon), daemons().stream().map(ProcessHandle::pid).toList());
    }

    @Test
    void aKilledClientStopsItsCommand() throws Exception {
        Process client = dshell().start("-c", "! sleep 98.25");
        await("the command runs", () -> !sleeping("98.25").isEmpty());
        client.destroyForcibly().waitFor();
        await("the command is stopped with its client", () -> sleeping("98.25").isEmpty());
        JarProcess.Result next = dshell().run("", "-c", "pwd");
        assertEquals(0, next.status(), next.err());
    }

    @Test
    void anIdleDaemonExitsAndAKilledOneIsReplaced() throws Exception {
        JarProcess.Result r = dshell().env("DSHELL_DAEMON_IDLE", "1s").run("", "-c", "pwd");
        assertEquals(0, r.status(), r.err());
        assertEquals(1, daemons().size());
        await("the idle daemon exits", () -> daemons().isEmpty());
        try (var files = Files.list(runtime.resolve("dshell"))) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".sock")), "its socket is gone");
        }

        assertEquals(0, dshell().run("", "-c", "pwd").status());
        ProcessHandle killed = daemons().get(0);
        killed.destroyForcibly();
        await("the daemon is killed", () -> !killed.isAlive());
        JarProcess.Result again = dshell().run("", "-c", "pwd");
        assertEquals(0, again.status(), again.err());
        assertEquals("/dteam/user/l/localuser\n", again.out());
        assertEquals(1, daemons().size());
        assertTrue(daemons().get(0).pid() != killed.pid(), "a new daemon took the stale socket's place");
    }

    @Test
    void aSocketDirectoryOthersCanEnterIsRefused() throws IOException {
        Files.createDirectory(runtime.resolve("dshell"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        JarProcess.Result r = dshell().run("", "-c", "pwd");
        assertEquals(0, r.status(), r.err());
        assertEquals("/dteam/user/l/localuser\n", r.out(), "the command still runs, in a JVM of its own");
        assertTrue(r.err().startsWith("dshell: running without a background dshell: ") && r.err().contains("not a directory private"), r.err());
        assertTrue(daemons().isEmpty());
    }

    @Test
    void aGroovyScriptSeesItsWorkingDirectoryArgumentsAndExitStatus() throws IOException {
        Path work = Files.createDirectory(tmp.resolve("work"));
        Files.writeString(work.resolve("job.groovy"), """
                new File('out.txt').text = args.join(',') + ' ' + cwd
                if (args[0] == 'fail') exit(3)
                """);
        JarProcess.Result ok = dshell().in(work).run("", "job.groovy", "x", "y");
        assertEquals(0, ok.status(), ok.err());
        assertEquals("x,y /dteam/user/l/localuser", Files.readString(work.resolve("out.txt")));
        JarProcess.Result failed = dshell().in(work).run("", "job.groovy", "fail");
        assertEquals(3, failed.status(), failed.err());
        assertEquals(1, daemons().size());
        long daemon = daemons().get(0).pid();

        // System.exit ends the script, not the daemon (and not the other commands running in it).
        Files.writeString(work.resolve("quits.groovy"), """
                println 'before'
                parallel([1, 2, 3]) { if (it == 2) System.exit(4) }
                println 'never'
                """);
        JarProcess.Result quits = dshell().in(work).run("", "quits.groovy");
        assertEquals(4, quits.status(), quits.err());
        assertEquals("before\n", quits.out());
        assertEquals(List.of(daemon), daemons().stream().map(ProcessHandle::pid).toList());
    }

    @Test
    void aScriptsSystemStreamsAreItsOwnClients() throws IOException {
        Path work = Files.createDirectory(tmp.resolve("work"));
        Files.writeString(work.resolve("streams.groovy"), """
                System.out.println("out: " + System.in.newReader().readLine())
                System.err.println("to stderr")
                Thread.start { System.out.println("from a thread it started") }.join()
                """);
        JarProcess.Result r = dshell().in(work).run("a line typed\n", "streams.groovy");
        assertEquals(0, r.status(), r.err());
        assertEquals("out: a line typed\nfrom a thread it started\n", r.out());
        assertEquals("to stderr\n", r.err());
        String log = Files.readString(Files.list(runtime.resolve("dshell")).filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
        assertFalse(log.contains("to stderr") || log.contains("typed"), log);
    }

    @Test
    void stopDaemonsStopsThemAndClearsStaleSockets() throws Exception {
        assertEquals(0, dshell().run("", "-c", "pwd").status());
        assertEquals(0, dshell().in(Files.createDirectory(tmp.resolve("elsewhere"))).run("", "-c", "pwd").status());
        assertEquals(2, daemons().size());
        Path stale = Files.createFile(runtime.resolve("dshell").resolve("0123456789abcdef0123.sock"));

        JarProcess.Result stop = dshell().run("", "--stop-daemons");
        assertEquals(0, stop.status(), stop.err());
        assertEquals("stopped 2 daemons\n", stop.out());
        await("the daemons exit", () -> daemons().isEmpty());
        try (var files = Files.list(runtime.resolve("dshell"))) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".sock")), "no socket left, stale or not");
        }
        assertFalse(Files.exists(stale));
    }

    /** scripts/dshell itself: one-shot commands go to a daemon unless DSHELL_DAEMON=off. */
    @Test
    void theLauncherUsesADaemonUnlessToldNotTo() throws Exception {
        Path launcher = Path.of("scripts", "dshell").toAbsolutePath();
        java.util.Map<String, String> env = java.util.Map.of("DSHELL_HOME", tmp.resolve("home").toString(),
                "USER", "localuser", "XDG_RUNTIME_DIR", runtime.toString(), "NO_COLOR", "1");
        assertEquals("/dteam/user/l/localuser\n", launch(launcher, env, "DSHELL_DAEMON=off"));
        assertTrue(daemons().isEmpty(), "DSHELL_DAEMON=off runs the command in a JVM of its own");
        assertEquals("/dteam/user/l/localuser\n", launch(launcher, env, "DSHELL_DAEMON=on"));
        assertEquals(1, daemons().size());
    }

    private String launch(Path launcher, java.util.Map<String, String> env, String setting) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("env", setting, launcher.toString(), "-c", "pwd")
                .directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        return out;
    }

    @Test
    void commandsAtOnceRunSideBySide() throws Exception {
        Process one = dshell().start("-c", "mkdir one; ! sleep 1");
        Process two = dshell().start("-c", "mkdir two; ! sleep 1");
        assertTrue(one.waitFor(60, TimeUnit.SECONDS) && two.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, one.exitValue(), new String(one.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, two.exitValue(), new String(two.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        JarProcess.Result ls = dshell().run("", "-c", "ls");
        assertEquals("one/\ntwo/\n", ls.out());
        assertEquals(1, daemons().size());
    }
}
