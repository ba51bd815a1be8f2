package org.dshell.app.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The {@code dshell} command when a daemon runs it (see {@link Daemon}): connects to the daemon for this
 * build, working directory and environment, starting it when there is none, sends the arguments, then
 * relays output, input on demand and Ctrl-C until the exit status arrives. Started by scripts/dshell as
 * {@code DaemonClient JAVA OPTIONS... -cp JAR -- ARGS...}, in a small JVM that loads little else. When no
 * daemon can be had, runs the command in a JVM of its own, as dshell without a daemon does.
 *
 * <p>Its usual path has no lambdas and no string concatenation: each would make the JVM spin classes at
 * start (a few milliseconds apiece), and this class exists to start fast.
 */
public final class DaemonClient {
    /** How long a new daemon may take to listen: a first start on a busy machine. */
    private static final long START_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int STARTS = 3;
    private static final int INTERRUPTED = 130;

    private final List<String> javaCommand;
    private final List<String> args;
    private final Map<String, String> env = System.getenv();
    private final Path workingDirectory = Path.of("").toAbsolutePath();
    private final PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    private Path log;

    private DaemonClient(List<String> javaCommand, List<String> args) {
        this.javaCommand = javaCommand;
        this.args = args;
    }

    public static void main(String[] argv) {
        int split = Arrays.asList(argv).indexOf("--");
        if (split < 0) {
            System.err.println("usage: DaemonClient JAVA [OPTIONS...] -cp JAR -- [DSHELL ARGS...]");
            System.exit(2);
        }
        List<String> java = List.of(argv).subList(0, split);
        List<String> args = List.of(argv).subList(split + 1, argv.length);
        if (args.equals(List.of("--stop-daemons"))) {
            System.exit(stopDaemons());
        }
        System.exit(new DaemonClient(java, args).run());
    }

    /** Asks every daemon of this user to finish what it runs and exit; prints how many were asked. */
    private static int stopDaemons() {
        int stopped = 0;
        try (java.nio.file.DirectoryStream<Path> sockets = java.nio.file.Files.newDirectoryStream(
                DaemonPlace.directory(System.getenv()), "*.sock")) {
            for (Path socket : sockets) {
                try (SocketChannel channel = connect(socket)) {
                    if (channel == null) {
                        java.nio.file.Files.deleteIfExists(socket); // left by a daemon that was killed
                    } else {
                        DataOutputStream out = new DataOutputStream(SocketStreams.output(channel));
                        Frames.write(out, Frames.STOP, new byte[0], 0, 0);
                        Frames.read(new DataInputStream(SocketStreams.input(channel))); // its answer: it will stop
                        stopped++;
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("dshell: " + e.getMessage());
            return 1;
        }
        System.out.println("stopped " + stopped + (stopped == 1 ? " daemon" : " daemons"));
        return 0;
    }

    private int run() {
        SocketChannel channel;
        Path socket;
        try {
            Path jar = Path.of(javaCommand.get(javaCommand.indexOf("-cp") + 1));
            Path dir = DaemonPlace.directory(env);
            String key = DaemonPlace.key(javaCommand, jar, workingDirectory, env);
            socket = dir.resolve(key.concat(".sock"));
            log = dir.resolve(key.concat(".log"));
        } catch (IOException | RuntimeException e) {
            return withoutDaemon("no place for a daemon: " + e.getMessage());
        }
        for (int attempt = 0; attempt < STARTS; attempt++) {
            try {
                channel = connectOrStart(socket);
            } catch (IOException e) {
                return withoutDaemon(e.getMessage());
            }
            try (SocketChannel open = channel) {
                int status = converse(open);
                if (status >= 0) {
                    return status;
                }
                // The daemon closed before taking the command (it was going idle): nothing ran, ask again.
            } catch (IOException e) {
                err.println("dshell: lost the background dshell (" + e.getMessage() + "); its log: " + log);
                return 1;
            }
        }
        return withoutDaemon("the background dshell keeps closing");
    }

    private SocketChannel connectOrStart(Path socket) throws IOException {
        SocketChannel channel = connect(socket);
        if (channel != null) {
            return channel;
        }
        long deadline = System.nanoTime() + START_NANOS;
        ProcessHandle daemon = start(socket);
        int starts = 1;
        while (System.nanoTime() < deadline) {
            channel = connect(socket);
            if (channel != null) {
                return channel;
            }
            if (!daemon.isAlive()) {
                // Either it failed, or it found a daemon of this key that was just going idle: try again, a little.
                if (starts == STARTS) {
                    throw new IOException("the background dshell did not start (see " + log + ")");
                }
                daemon = start(socket);
                starts++;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new IOException("interrupted while starting the background dshell");
            }
        }
        throw new IOException("the background dshell did not listen within a minute (see " + log + ")");
    }

    /**
     * Starts a daemon in a session of its own through a shell that exits at once, so that the daemon is not
     * this process's child: a JVM that exits while a child of its own still runs waits 0.3 s for the thread
     * that would reap it (HotSpot waits that long for threads in native code).
     */
    private ProcessHandle start(Path socket) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "setsid \"$@\" < /dev/null >> \"$0\" 2>&1 & echo $!", log.toString()));
        command.addAll(javaCommand);
        command.addAll(List.of(Daemon.class.getName(), socket.toString()));
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String pid = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            shell.waitFor();
            return ProcessHandle.of(Long.parseLong(pid)).orElseThrow(() -> new IOException("the background dshell exited at once (see " + log + ")"));
        } catch (NumberFormatException e) {
            throw new IOException("cannot start the background dshell: " + e.getMessage());
        } catch (InterruptedException e) {
            throw new IOException("interrupted while starting the background dshell");
        }
    }

    /** A connection to a listening daemon, or null when none listens there. */
    private static SocketChannel connect(Path socket) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing was sent
                }
            }
            return null;
        }
    }

    /** Runs the command over the connection: its exit status, or -1 when the daemon closed before taking it. */
    private int converse(SocketChannel channel) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.input(channel), 1 << 16));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.output(channel), 1 << 16));
        byte[] request = new Request(workingDirectory.toString(), args, env).encode();
        synchronized (out) {
            Frames.write(out, Frames.REQUEST, request, 0, request.length);
        }
        Relay relay = new Relay(out);
        boolean accepted = false;
        try {
            for (Frames.Frame frame; (frame = Frames.read(in)) != null; ) {
                switch (frame.type()) {
                    case Frames.ACCEPTED -> {
                        accepted = true;
                        relay.start();
                    }
                    case Frames.STDOUT -> relay.stdout.write(frame.payload());
                    case Frames.STDERR -> relay.stderr.write(frame.payload());
                    case Frames.READ -> relay.wantInput(frame.intValue());
                    case Frames.EXIT -> {
                        return frame.intValue();
                    }
                    default -> throw new IOException("unexpected message '" + (char) frame.type() + "'");
                }
            }
        } catch (IOException e) {
            if (!accepted) {
                return -1;
            }
            throw e;
        }
        if (!accepted) {
            return -1;
        }
        throw new IOException("it stopped before the command ended");
    }

    /**
     * Output to this process's streams, input read on a thread of its own when the command asks, and
     * Ctrl-C passed on (a third press gives up here).
     */
    private final class Relay {
        private final DataOutputStream out;
        final Output stdout = new Output(FileDescriptor.out);
        final Output stderr = new Output(FileDescriptor.err);
        private final BlockingQueue<Integer> wanted = new ArrayBlockingQueue<>(16);

        Relay(DataOutputStream out) {
            this.out = out;
        }

        void start() {
            AtomicInteger presses = new AtomicInteger();
            try {
                Signal.handle(new Signal("INT"), new SignalHandler() {
                    @Override
                    public void handle(Signal signal) {
                        if (presses.incrementAndGet() >= 3) {
                            Runtime.getRuntime().halt(INTERRUPTED);
                        }
                        send(Frames.INTERRUPT, new byte[0], 0);
                    }
                });
            } catch (IllegalArgumentException e) {
                // SIGINT ignored by whoever started us (a background job): nothing to pass on
            }
            Thread reader = new Thread(new Runnable() {
                @Override
                public void run() {
                    readInput();
                }
            }, "dshell-client-stdin");
            reader.setDaemon(true);
            reader.start();
        }

        void wantInput(int count) {
            wanted.offer(count);
        }

        private void readInput() {
            InputStream stdin = new FileInputStream(FileDescriptor.in);
            try {
                while (true) {
                    byte[] buffer = new byte[Math.max(1, Math.min(wanted.take(), 1 << 16))];
                    int n = stdin.read(buffer);
                    send(Frames.STDIN, buffer, Math.max(n, 0));
                }
            } catch (InterruptedException | IOException e) {
                send(Frames.STDIN, new byte[0], 0);
            }
        }

        private void send(byte type, byte[] bytes, int length) {
            synchronized (out) {
                try {
                    Frames.write(out, type, bytes, 0, length);
                } catch (IOException e) {
                    // the daemon is gone; the main loop reports it
                }
            }
        }
    }

    /** One of this process's output streams: once its pipe is closed, what follows is dropped, as it would be lost. */
    private static final class Output {
        private final OutputStream stream;
        private boolean open = true;

        Output(FileDescriptor fd) {
            this.stream = new FileOutputStream(fd);
        }

        void write(byte[] bytes) {
            if (open) {
                try {
                    stream.write(bytes);
                } catch (IOException e) {
                    open = false;
                }
            }
        }
    }

    /** Runs the command in a JVM of its own (the daemon's options), as the launcher does without a daemon. */
    private int withoutDaemon(String why) {
        err.println("dshell: running without a background dshell: " + why);
        List<String> command = new ArrayList<>(javaCommand);
        command.add("org.dshell.app.Main");
        command.addAll(args);
        try {
            // The terminal's Ctrl-C reaches the child too (same process group); this process waits for it.
            Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
            Process child = new ProcessBuilder(command).inheritIO().start();
            return child.waitFor();
        } catch (IOException | InterruptedException e) {
            err.println("dshell: cannot start java: " + e.getMessage());
            return 1;
        }
    }
}
