package org.dshell.app.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} in the daemon, routed to the client of the
 * command whose thread (or a thread it started) uses them. dshell's verbs write to the streams they are
 * given, but a Groovy script may print with {@code System.out.println} or read {@code System.in}, and that
 * must reach its own terminal, not the daemon's log. Threads of no command (the daemon's own) keep the
 * streams the daemon started with.
 */
final class ProcessStreams {
    /** The streams of one command's client. */
    record Client(OutputStream out, OutputStream err, InputStream in) {
    }

    private static final InheritableThreadLocal<Client> CURRENT = new InheritableThreadLocal<>();

    private ProcessStreams() {
    }

    /** Replaces the process's standard streams with routed ones; once, when the daemon starts. */
    static void install() {
        PrintStream logOut = System.out;
        PrintStream logErr = System.err;
        InputStream none = System.in;
        System.setOut(new PrintStream(new Routed(Client::out, logOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed(Client::err, logErr), true, StandardCharsets.UTF_8));
        System.setIn(new InputStream() {
            @Override
            public int read() throws IOException {
                return in().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in().read(b, off, len);
            }

            private InputStream in() {
                Client client = CURRENT.get();
                return client == null ? none : client.in();
            }
        });
    }

    /** Routes this thread, and the threads it starts from now on, to {@code client}'s streams. */
    static void use(Client client) {
        CURRENT.set(client);
    }

    /** Whether this thread runs a command (or was started by one). */
    static boolean inCommand() {
        return CURRENT.get() != null;
    }

    static void clear() {
        CURRENT.remove();
    }

    private static final class Routed extends OutputStream {
        private final Function<Client, OutputStream> pick;
        private final OutputStream fallback;

        Routed(Function<Client, OutputStream> pick, OutputStream fallback) {
            this.pick = pick;
            this.fallback = fallback;
        }

        private OutputStream target() {
            Client client = CURRENT.get();
            return client == null ? fallback : pick.apply(client);
        }

        @Override
        public void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            target().flush();
        }
    }
}
