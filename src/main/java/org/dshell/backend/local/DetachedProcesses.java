package org.dshell.backend.local;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dshell.core.DshellException;

/**
 * Starting processes that outlive dshell and stopping them from any dshell process. The job agent,
 * the production engine and every job run in a session of their own ({@code setsid}): closing the terminal or
 * pressing Ctrl-C in the shell does not reach them, and a kill reaches a job's whole process group
 * (its children too), whichever process sends it.
 */
public final class DetachedProcesses {
    private DetachedProcesses() {
    }

    /**
     * Starts {@code JobAgent} for the embedded grid in {@code localRoot} as a detached JVM. Its output goes
     * to a log file and its input is empty, so no pipe ties it to the starting process.
     */
    static void startAgent(Path localRoot) {
        startJvm(JobAgent.class.getName(), localRoot, "jobs-agent.log", "job agent");
    }

    /**
     * Starts {@code mainClass} with {@code localRoot} as its one argument in a detached JVM of its own
     * session, output appended to {@code log} in {@code localRoot}: the job agent, the production engine.
     */
    public static void startJvm(String mainClass, Path localRoot, String log, String what) {
        List<String> command = new ArrayList<>(List.of("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A small, quick JVM: an agent mostly waits for child processes or the next pass. Its
                // JIT settings are scripts/dshell's: C2 held back, but kept for the TLS of job data on
                // WebDAV SEs (C1 code alone moves about 18 MB/s over HTTPS).
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                "-XX:Tier4InvocationThreshold=25000", "-XX:Tier4MinInvocationThreshold=3000",
                "-XX:Tier4CompileThreshold=30000", "-XX:Tier4BackEdgeThreshold=200000", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.GCTR::*,0.01",
                "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.GHASH::*,0.01",
                "-XX:CompileCommand=CompileThresholdScaling,com.sun.crypto.provider.GaloisCounterMode*::*,0.01",
                "-cp", classPath()));
        command.addAll(SqliteNativeLibrary.childJvmOptions());
        command.addAll(List.of(mainClass, localRoot.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(localRoot.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(localRoot.resolve(log).toFile()));
        try {
            builder.start();
        } catch (IOException e) {
            throw DshellException.failure("cannot start the " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Our classes and the SQLite driver, found from where they were loaded: the shaded jar when run as
     * {@code dshell}, target/classes and the Maven repository in tests. {@code java.class.path} is not
     * used because under surefire it names a temporary booter jar that disappears with the test JVM.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        // The production engine also reads YAML.
        for (Class<?> type : List.of(JobAgent.class, org.sqlite.JDBC.class, org.yaml.snakeyaml.Yaml.class)) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null) {
                continue;
            }
            try {
                entries.add(Path.of(source.getLocation().toURI()).toString());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file location; the fallback below covers it
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path") : String.join(File.pathSeparator, entries);
    }

    /** When this process started, as recorded for the agent so that a recycled pid is not taken for it. */
    public static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Whether {@code pid} is alive and (when {@code startMillis} is known) is the same process that was recorded. */
    public static boolean isAlive(long pid, long startMillis) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        long actual = startMillis(handle.get());
        return startMillis == 0 || actual == 0 || Math.abs(actual - startMillis) < 2000;
    }

    static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Terminates a job's process group: SIGTERM, then SIGKILL if its leader is still there after {@code graceMillis}. */
    static void killGroup(long pgid, long graceMillis) {
        signalGroup(pgid, "TERM");
        long deadline = System.currentTimeMillis() + graceMillis;
        while (isAlive(pgid) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        signalGroup(pgid, "KILL");
    }

    private static void signalGroup(long pgid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pgid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
