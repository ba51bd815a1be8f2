package org.dshell.commands.data;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.ReplicaReader;
import org.dshell.commands.LfnArg;
import org.dshell.commands.SeArg;
import org.dshell.commands.Verb;
import org.dshell.commands.catalog.CatalogWalk;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Copies files to another SE from a good replica, verifying the bytes, then registers the new replica. */
@Command(name = "replicate", description = "Copy catalog files to another SE (verified) and register the replicas.",
        footer = {"%nExamples:", "  replicate --se LOCAL-BACKUP run1.dat", "  replicate -r -j 8 --se LOCAL-BACKUP /dteam/data/2024"})
public final class ReplicateCommand extends Verb {
    @Option(names = "--se", paramLabel = "SE", required = true, description = "The SE to copy to.")
    SeArg se;

    @Option(names = "-r", description = "Replicate directories with everything below them.")
    boolean recursive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel transfers (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "LFN", arity = "1..*")
    List<LfnArg> lfns;

    @Override
    protected int execute() {
        int parallel = BulkRunner.jobs(jobs, ctx);
        StorageElement target = DataFiles.writableStorage(ctx.grid(), se.name());
        FileCatalog catalog = catalog();
        List<CatalogEntry> files = new ArrayList<>();
        for (LfnPath lfn : expandAll(lfns)) {
            CatalogEntry entry = catalog.require(lfn);
            if (entry.isDirectory() && !recursive) {
                throw DshellException.usage("is a directory (use -r): " + lfn);
            }
            CatalogWalk.preOrder(catalog, lfn, e -> {
                if (!e.isDirectory()) {
                    files.add(e);
                }
            });
        }
        List<BulkRunner.Item> items = new ArrayList<>();
        for (CatalogEntry file : files) {
            items.add(new Copy(file, target));
        }
        return BulkRunner.report(ctx, BulkRunner.run(ctx, "replicate", parallel, items), json(json));
    }

    private final class Copy implements BulkRunner.Item {
        private final CatalogEntry entry;
        private final StorageElement target;

        Copy(CatalogEntry entry, StorageElement target) {
            this.entry = entry;
            this.target = target;
        }

        @Override
        public String name() {
            return entry.path().toString();
        }

        @Override
        public long bytes() {
            return entry.size();
        }

        @Override
        public BulkRunner.Outcome run(LongConsumer meter) throws IOException {
            List<Replica> replicas = catalog().replicas(entry.path());
            if (replicas.stream().anyMatch(r -> r.se().equals(target.name()))) {
                return BulkRunner.Outcome.SKIPPED;
            }
            ReplicaReader.copy(ctx.grid(), entry, replicas, () -> new NewReplica(entry, target.upload(entry.path(), entry.size()), target),
                    meter, warning -> ctx.err().println("replicate: " + warning + "; trying the next"));
            return BulkRunner.Outcome.DONE;
        }
    }

    /** An attempt into an SE upload; committing publishes the bytes and registers the replica. */
    private final class NewReplica implements ReplicaReader.Target {
        private final CatalogEntry entry;
        private final StorageElement.Upload upload;
        private final StorageElement target;

        /** ReplicaReader commits only bytes whose size and checksum matched {@code entry}'s. */
        NewReplica(CatalogEntry entry, StorageElement.Upload upload, StorageElement target) {
            this.entry = entry;
            this.upload = upload;
            this.target = target;
        }

        @Override
        public WritableByteChannel channel() {
            return upload.channel();
        }

        @Override
        public boolean readsAhead() {
            return upload.readsAhead();
        }

        @Override
        public void commit() throws IOException {
            upload.finish(entry.checksum());
            String pfn = upload.publish();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("interrupted");
            }
            catalog().addReplica(entry.path(), new Replica(target.name(), pfn, "AprioriGood"));
            upload.release();
        }

        @Override
        public void close() {
            upload.close();
        }
    }
}
