package org.dshell.app.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dshell.app.Dshell;
import org.dshell.core.ExitStatus;

/**
 * One command sent to the {@link Daemon}: runs it as {@code dshell ARGS} would run in a process of its own,
 * with the client's working directory, environment and streams. Ctrl-C interrupts the command's thread
 * (verbs and scripts clean up and stop); a second one gives up on it, the client exiting 130 while the
 * thread winds down here. A client that goes away interrupts the command too.
 */
final class DaemonSession {
    private final SocketChannel channel;
    private final DataOutputStream toClient;
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Standard-input chunks from the client, each the answer to one read; an empty one is its end. */
    private final BlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private final Runnable stop;
    private volatile Thread command;

    /** {@code stop}: what a client's {@link Frames#STOP} asks of the daemon. */
    DaemonSession(SocketChannel channel, Runnable stop) {
        this.channel = channel;
        this.stop = stop;
        this.toClient = new DataOutputStream(new BufferedOutputStream(SocketStreams.output(channel), 1 << 16));
    }

    void run() {
        try (channel) {
            DataInputStream fromClient = new DataInputStream(new BufferedInputStream(SocketStreams.input(channel), 1 << 16));
            Frames.Frame first = Frames.read(fromClient);
            if (first != null && first.type() == Frames.STOP) {
                stop.run();
                sendExit(ExitStatus.OK);
                return;
            }
            if (first == null || first.type() != Frames.REQUEST) {
                return;
            }
            Request request = Request.decode(first.payload());
            command = Thread.currentThread();
            send(Frames.ACCEPTED, new byte[0], 0, 0);
            Thread reader = new Thread(() -> readClient(fromClient), Thread.currentThread().getName() + "-client");
            reader.setDaemon(true);
            reader.start();
            ProcessStreams.Client client = new ProcessStreams.Client(new ClientOutput(Frames.STDOUT),
                    new ClientOutput(Frames.STDERR), new ClientInput());
            ProcessStreams.use(client);
            int status = new Dshell(request.env(), Path.of(System.getProperty("user.home")), Path.of(request.workingDirectory()),
                    client.in(), client.out(), client.err(), false)
                    .run(request.args().toArray(String[]::new));
            System.out.flush();
            System.err.flush();
            sendExit(status);
        } catch (IOException | RuntimeException e) {
            Daemon.log(Thread.currentThread().getName() + ": " + e);
        } finally {
            ProcessStreams.clear();
            Thread.interrupted();
        }
    }

    /** Ctrl-C, standard input and the client's going away, as they arrive. */
    private void readClient(DataInputStream fromClient) {
        int presses = 0;
        try {
            for (Frames.Frame frame; (frame = Frames.read(fromClient)) != null; ) {
                if (frame.type() == Frames.INTERRUPT) {
                    presses++;
                    if (presses == 1) {
                        command.interrupt();
                    } else {
                        byte[] note = "\ninterrupted (the command did not stop; it was abandoned)\n".getBytes(StandardCharsets.UTF_8);
                        send(Frames.STDERR, note, 0, note.length);
                        sendExit(ExitStatus.INTERRUPTED);
                        return;
                    }
                } else if (frame.type() == Frames.STDIN) {
                    input.put(frame.payload());
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client is gone: as if the process had been killed
        }
        if (open.get()) {
            open.set(false);
            command.interrupt();
        }
        input.offer(new byte[0]);
    }

    private void sendExit(int status) {
        send(Frames.EXIT, Frames.intPayload(status), 0, 4);
        open.set(false);
    }

    /** Sends one frame; after the exit status, or once the client is gone, output is dropped. */
    private void send(byte type, byte[] bytes, int offset, int length) {
        synchronized (toClient) {
            if (!open.get()) {
                return;
            }
            try {
                Frames.write(toClient, type, bytes, offset, length);
            } catch (IOException e) {
                open.set(false);
            }
        }
    }

    /** The command's standard output or error, each write one frame (dshell buffers its own output). */
    private final class ClientOutput extends OutputStream {
        private final byte type;

        ClientOutput(byte type) {
            this.type = type;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                send(type, b, off, len);
            }
        }
    }

    /** Standard input read from the client only when the command reads: a command that does not read takes nothing. */
    private final class ClientInput extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (ended || !open.get()) {
                return -1;
            }
            send(Frames.READ, Frames.intPayload(len), 0, 4);
            byte[] chunk;
            try {
                chunk = input.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading standard input");
            }
            if (chunk.length == 0) {
                ended = true;
                return -1;
            }
            System.arraycopy(chunk, 0, b, off, chunk.length);
            return chunk.length;
        }
    }

}
