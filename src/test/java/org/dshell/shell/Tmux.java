package org.dshell.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Drives a program in a real terminal: a private tmux server, send-keys and capture-pane. */
final class Tmux implements AutoCloseable {
    private final String socket;
    private final String session = "t";

    Tmux(String socket) {
        this.socket = socket;
    }

    /** Starts {@code command} in a 160x40 terminal with the given environment variables. */
    void start(List<String> env, String command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", session, "-x", "160", "-y", "40"));
        for (String e : env) {
            args.add("-e");
            args.add(e);
        }
        // SIGINT back to its default, as in JarProcess: an ignored one would be inherited by the shell under test.
        args.add("env --default-signal=INT " + command);
        tmux(args.toArray(String[]::new));
    }

    /** Types text literally (no key names). */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", session, "-l", text);
    }

    /** Presses keys by tmux name: Enter, Tab, C-c, C-d, Up. */
    void press(String... keys) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        tmux(args.toArray(String[]::new));
    }

    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen after the timeout. */
    String await(Predicate<String> condition, long millis, String what) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + millis;
        String screen = "";
        while (System.currentTimeMillis() < end) {
            screen = screen();
            if (condition.test(screen)) {
                return screen;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; screen:\n" + screen);
    }

    /** Waits up to 30 s for the program in the pane to end (it may still be writing its files). */
    void awaitExit(String what) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (alive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        if (alive()) {
            throw new AssertionError(what + ": still running after 30 s");
        }
    }

    boolean alive() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tmux", "-L", socket, "has-session", "-t", session).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("tmux " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor();
    }
}
