package org.dshell.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged {@code target/dshell.jar} as a real process (integration tests run after
 * {@code package}), with its own {@code DSHELL_HOME}, and collects its exit status and output.
 */
public final class JarProcess {
    private final Path dshellHome;
    private final Map<String, String> env = new HashMap<>();
    private Path workingDirectory;
    private boolean throughDaemon;

    public JarProcess(Path dshellHome) {
        this.dshellHome = dshellHome;
        this.workingDirectory = dshellHome.getParent();
        env.put("DSHELL_HOME", dshellHome.toString());
        env.put("NO_COLOR", "1");
        // Never the real /tmp/x509up_u<uid>: a proxy left there would change who every test acts as.
        env.put("X509_USER_PROXY", dshellHome.resolveSibling(dshellHome.getFileName() + "-x509up").toString());
    }

    public static Path jar() {
        Path jar = Path.of("target", "dshell.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("run 'mvn package' first: " + jar + " is missing");
        }
        return jar;
    }

    public JarProcess env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /**
     * Runs each command as scripts/dshell does by default: through the thin client, which hands it to a
     * daemon (started on first use) whose socket lives under {@code runtimeDirectory}.
     */
    public JarProcess throughDaemon(Path runtimeDirectory) {
        throughDaemon = true;
        env.put("XDG_RUNTIME_DIR", runtimeDirectory.toString());
        return this;
    }

    public JarProcess in(Path directory) {
        workingDirectory = directory;
        return this;
    }

    /** What the process did. */
    public record Result(int status, String out, String err) {
    }

    /** Runs {@code dshell ARGS...} with {@code stdin} as its standard input (a heredoc, in effect). */
    public Result run(String stdin, String... args) {
        Process process = start(args);
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process may exit before reading all of its input (batch stops at a failure).
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread outPump = pump(process.getInputStream(), out);
            Thread errPump = pump(process.getErrorStream(), err);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("dshell did not finish within 120 s");
            }
            outPump.join();
            errPump.join();
            return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code dshell ARGS...} and leaves it running (for kill tests); stdin stays open. */
    public Process start(String... args) {
        // env resets SIGINT to its default: a test run started in the background by a shell without
        // job control inherits it ignored, and the Ctrl-C tests would then test nothing but that.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", javaBinary()));
        if (throughDaemon) {
            command.addAll(List.of("-cp", jar().toString(), "org.dshell.app.daemon.DaemonClient",
                    javaBinary(), "-XX:+UseSerialGC", "-cp", jar().toString(), "--"));
        } else {
            command.addAll(List.of("-jar", jar().toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Thread pump(InputStream from, ByteArrayOutputStream to) {
        Thread thread = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException e) {
                // process gone
            }
        });
        thread.start();
        return thread;
    }

    public Path dshellHome() {
        return dshellHome;
    }
}
