package org.dshell.app.daemon;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one {@code dshell} command asks the daemon to run: where, with which arguments and environment. */
record Request(String workingDirectory, List<String> args, Map<String, String> env) {

    byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(Frames.VERSION);
        Frames.writeString(out, workingDirectory);
        out.writeInt(args.size());
        for (String arg : args) {
            Frames.writeString(out, arg);
        }
        out.writeInt(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            Frames.writeString(out, e.getKey());
            Frames.writeString(out, e.getValue());
        }
        out.flush();
        return bytes.toByteArray();
    }

    static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int version = in.readInt();
        if (version != Frames.VERSION) {
            throw new IOException("client speaks protocol " + version + ", this daemon " + Frames.VERSION);
        }
        String cwd = Frames.readString(in);
        int argc = in.readInt();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < argc; i++) {
            args.add(Frames.readString(in));
        }
        int envc = in.readInt();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < envc; i++) {
            env.put(Frames.readString(in), Frames.readString(in));
        }
        return new Request(cwd, List.copyOf(args), Map.copyOf(env));
    }
}
