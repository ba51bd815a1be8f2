package org.dshell.commands.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

import org.dshell.backend.transfer.ReplicaReader;
import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints a catalog file as UTF-8 text. The bytes are verified before anything is printed, so a bad
 * replica never shows (files larger than {@value #MAX_SIZE} bytes are for {@code get}).
 */
@Command(name = "cat", description = "Print a catalog file (verified against its checksum).",
        footer = {"%nExamples:", "  cat job.log", "  cat /dteam/data/run1/config.yaml"})
public final class CatCommand extends Verb {
    static final long MAX_SIZE = 64L << 20;

    @Parameters(paramLabel = "LFN", arity = "1..*")
    java.util.List<LfnArg> lfns;

    @Override
    protected int execute() throws IOException {
        for (LfnPath lfn : expandAll(lfns)) {
            CatalogEntry entry = catalog().require(lfn);
            if (entry.isDirectory()) {
                throw DshellException.failure("is a directory: " + lfn);
            }
            if (entry.size() > MAX_SIZE) {
                throw DshellException.failure(lfn + " is " + entry.size() + " bytes; use get for files over 64 MiB");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) entry.size());
            ReplicaReader.copy(ctx.grid(), entry, catalog().replicas(lfn), () -> new Buffer(bytes), n -> { },
                    warning -> ctx.err().println("cat: " + warning + "; trying the next"));
            PrintWriter out = out();
            out.print(bytes.toString(StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }

    /** An attempt into memory; a bad replica's bytes are dropped before the next one is read. */
    private static final class Buffer implements ReplicaReader.Target {
        private final ByteArrayOutputStream result;
        private final ByteArrayOutputStream attempt = new ByteArrayOutputStream();

        Buffer(ByteArrayOutputStream result) {
            this.result = result;
        }

        @Override
        public WritableByteChannel channel() {
            return Channels.newChannel((OutputStream) attempt);
        }

        @Override
        public void commit() {
            result.writeBytes(attempt.toByteArray());
        }

        @Override
        public void close() {
        }
    }
}
