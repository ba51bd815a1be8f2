package org.dshell.security;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs openssl and the Globus tools as real processes in a test directory; a missing tool fails loudly. */
public final class ExternalTool {
    /** Debian packages that provide each tool, named in the failure so CI logs say what to install. */
    private static final Map<String, String> PACKAGES = Map.of(
            "openssl", "openssl", "grid-proxy-init", "globus-proxy-utils", "grid-proxy-info", "globus-proxy-utils",
            "davix-put", "davix", "davix-get", "davix");

    public record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    public static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail(tool + " is not installed; these tests need it: apt-get install -y " + PACKAGES.getOrDefault(tool, tool));
    }

    /** Runs the command and fails the test, showing its output, unless it exits with 0. */
    public static String run(Path dir, Map<String, String> env, String stdin, String... command) {
        Result result = attempt(dir, env, stdin, command);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public static String run(Path dir, String... command) {
        return run(dir, Map.of(), null, command);
    }

    public static Result attempt(Path dir, Map<String, String> env, String stdin, String... command) {
        require(command[0]);
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            return fail("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while running " + command[0]);
        }
    }
}
