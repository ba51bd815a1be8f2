package org.dshell.app.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The messages between {@code dshell}'s thin client and its background daemon, over a Unix socket:
 * each is one type byte, a length, and that many bytes. The client sends one {@link #REQUEST}, then
 * standard-input data when asked for it and Ctrl-C presses; the daemon answers {@link #ACCEPTED},
 * then output, requests for input and at last the exit status. Kept free of the rest of dshell, so
 * that the client loads almost nothing.
 */
final class Frames {
    /** Client: protocol version, working directory, arguments, environment (see {@link Request}). */
    static final byte REQUEST = 'Q';
    /** Client, instead of a request: finish the commands running, then exit ({@code dshell --stop-daemons}). */
    static final byte STOP = 'S';
    /** Client: bytes of standard input; an empty one is end of input. */
    static final byte STDIN = 'I';
    /** Client: the user pressed Ctrl-C. */
    static final byte INTERRUPT = 'C';
    /** Daemon: the request is taken; from here on the command may have run, so it is never sent again. */
    static final byte ACCEPTED = 'A';
    /** Daemon: bytes for standard output. */
    static final byte STDOUT = 'O';
    /** Daemon: bytes for standard error. */
    static final byte STDERR = 'E';
    /** Daemon: the command reads standard input; a 4-byte count says how much at most. */
    static final byte READ = 'R';
    /** Daemon: the command ended; a 4-byte exit status. */
    static final byte EXIT = 'X';

    static final int VERSION = 1;
    /** Larger frames are refused: a peer that sends one is not a dshell of this build. */
    static final int MAX_LENGTH = 64 << 20;

    private Frames() {
    }

    /** One frame as read: its type and payload. */
    record Frame(byte type, byte[] payload) {
        int intValue() {
            return ((payload[0] & 0xff) << 24) | ((payload[1] & 0xff) << 16) | ((payload[2] & 0xff) << 8) | (payload[3] & 0xff);
        }
    }

    /** Writes one frame; callers that share the stream hold its lock. */
    static void write(DataOutputStream out, byte type, byte[] bytes, int offset, int length) throws IOException {
        out.writeByte(type);
        out.writeInt(length);
        out.write(bytes, offset, length);
        out.flush();
    }

    static void writeInt(DataOutputStream out, byte type, int value) throws IOException {
        write(out, type, intPayload(value), 0, 4);
    }

    /** The payload of {@link #READ} and {@link #EXIT}: a big-endian int, as {@link Frame#intValue} reads it. */
    static byte[] intPayload(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The next frame, or null at a clean end of the stream. */
    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new IOException("bad frame length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame((byte) type, payload);
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_LENGTH) {
            throw new EOFException("bad string length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
