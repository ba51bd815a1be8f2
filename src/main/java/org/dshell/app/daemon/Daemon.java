package org.dshell.app.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.dshell.script.ScriptInterrupt;

/**
 * A warm dshell behind the {@code dshell} command (the idea of Gradle's daemon): one long-lived JVM runs the
 * commands {@link DaemonClient}s send it, each in a thread of its own, so that a one-shot command pays
 * neither the JVM's start nor Groovy's, nor the compiler's warm-up. It listens on a Unix socket in a
 * directory private to the user, serves one build, working directory and environment (see
 * {@link DaemonPlace}), and exits after {@code DSHELL_DAEMON_IDLE} (default 15m) without a command.
 */
public final class Daemon {
    private static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    /** The daemon's log (its standard output when started), kept before System.out is routed to clients. */
    private static final PrintStream LOG = System.out;

    private final Path socket;
    private final Duration idle;
    private final Object lock = new Object();
    private int running;
    private long lastEnd = System.nanoTime();
    private boolean closing;
    private boolean stopRequested;
    private int sessions;
    /** Open (and locked) while this daemon lives; see {@link #bind}. */
    private FileChannel lockChannel;

    private Daemon(Path socket, Duration idle) {
        this.socket = socket;
        this.idle = idle;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Daemon SOCKET");
            System.exit(2);
        }
        Duration idle;
        try {
            idle = idleTime(System.getenv("DSHELL_DAEMON_IDLE"));
        } catch (IllegalArgumentException e) {
            System.err.println("DSHELL_DAEMON_IDLE: " + e.getMessage() + "; using " + DEFAULT_IDLE.toMinutes() + "m");
            idle = DEFAULT_IDLE;
        }
        ScriptInterrupt.ignoreProcessSignals();
        ProcessStreams.install();
        ExitGuard.install();
        new Daemon(Path.of(args[0]), idle).serve();
    }

    /** {@code 90} (seconds), {@code 30s}, {@code 15m}, {@code 2h}. */
    static Duration idleTime(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_IDLE;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        char unit = Character.isDigit(t.charAt(t.length() - 1)) ? 's' : t.charAt(t.length() - 1);
        String digits = Character.isDigit(t.charAt(t.length() - 1)) ? t : t.substring(0, t.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time like 90s, 15m or 2h");
        }
        return switch (unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> throw new IllegalArgumentException("'" + text + "' is not a time like 90s, 15m or 2h");
        };
    }

    private void serve() throws IOException {
        ServerSocketChannel server = bind();
        if (server == null) {
            log("another daemon of " + socket + " lives; leaving it the socket");
            return;
        }
        log("listening on " + socket + " (pid " + ProcessHandle.current().pid() + ", idle exit after " + idle + ")");
        sweepLeftovers();
        Thread watch = new Thread(() -> exitWhenIdle(server), "dshell-daemon-idle");
        watch.setDaemon(true);
        watch.start();
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                break;
            }
            synchronized (lock) {
                if (closing) {
                    client.close(); // not accepted: the client starts another daemon
                    continue;
                }
                running++;
                sessions++;
            }
            Thread thread = new Thread(() -> {
                try {
                    new DaemonSession(client, this::stopWhenIdle).run();
                } finally {
                    synchronized (lock) {
                        running--;
                        lastEnd = System.nanoTime();
                    }
                }
            }, "dshell-daemon-session-" + sessions);
            thread.start();
        }
        log("exiting");
        // Threads a command left behind (a job agent's reconciler, say) must not keep an idle daemon alive.
        System.exit(0);
    }

    /**
     * Listens on the socket; null when a live daemon already does (two clients started one each). The
     * daemon holds a lock beside its socket for as long as it lives: whoever gets it may remove a socket
     * left by a killed daemon, and nobody else may (a probe of a daemon between its bind and its listen
     * would take its socket for stale).
     */
    private ServerSocketChannel bind() throws IOException {
        Path lockFile = socket.resolveSibling(socket.getFileName().toString().replaceFirst("\\.sock$", ".lock"));
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockChannel.tryLock() == null) {
            lockChannel.close();
            return null;
        }
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        return server;
    }

    private void sweepLeftovers() {
        try {
            int removed = DaemonPlace.sweep(socket.getParent(), Instant.now());
            if (removed > 0) {
                log("removed " + removed + " log and lock files of daemons gone for over " + DaemonPlace.LEFTOVERS_KEPT.toHours() + " h");
            }
        } catch (IOException e) {
            log("sweeping " + socket.getParent() + ": " + e);
        }
    }

    private void exitWhenIdle(ServerSocketChannel server) {
        while (true) {
            try {
                TimeUnit.SECONDS.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                boolean gone = !Files.exists(socket);
                if (running == 0 && (gone || stopRequested || System.nanoTime() - lastEnd > idle.toNanos())) {
                    closing = true;
                    try {
                        // Unlinked first: from here a new client starts a new daemon instead of waiting on this one.
                        Files.deleteIfExists(socket);
                        server.close();
                    } catch (IOException e) {
                        log("closing: " + e);
                    }
                    return;
                }
            }
        }
    }

    private void stopWhenIdle() {
        synchronized (lock) {
            stopRequested = true;
        }
        log("asked to stop");
    }

    static void log(String message) {
        LOG.println(Instant.now() + " " + message);
        LOG.flush();
    }
}
