package org.dshell.commands.data;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.ByteCopy;
import org.dshell.backend.transfer.TransferErrors;
import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.commands.catalog.CatalogWalk;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.format.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Compares the catalog below a path with the SEs: every replica's bytes are read and checked against
 * the catalog's size and Adler32, and every byte on the SEs below that path must belong to a replica.
 * {@code --repair} does only what cannot lose data: drop bad replicas of files that keep a good one,
 * and delete the temporary files of unfinished uploads.
 */
@Command(name = "fsck", description = "Check catalog against storage: missing, corrupt, unreferenced and leftover bytes.",
        footer = {"%nDo not run fsck --repair while transfers into the same tree are running.",
                "%nExamples:", "  fsck", "  fsck /dteam/data", "  fsck --repair ~"})
public final class FsckCommand extends Verb {
    @Option(names = "--repair", description = "Drop bad replicas of files that have a good one; delete leftover temporary files.")
    boolean repair;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel checksum reads (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "--json", description = "Print the problems as JSON.")
    boolean json;

    @Parameters(paramLabel = "PATH", arity = "0..1", description = "Where to check (default: the current directory).")
    LfnArg path;

    /** One thing wrong, and what --repair did about it (null: nothing). */
    record Problem(String kind, String lfn, String se, String pfn, String detail, String repaired) {
        String line() {
            return kind + ": " + (lfn != null ? lfn + " on " + se : se + ":" + pfn)
                    + (detail == null ? "" : " (" + detail + ")") + (repaired == null ? "" : " -> " + repaired);
        }
    }

    @Override
    protected int execute() throws IOException {
        int parallel = BulkRunner.jobs(jobs, ctx);
        LfnPath top = path == null ? ctx.session().cwd() : expandOne(path);
        FileCatalog catalog = catalog();
        List<CatalogEntry> files = new ArrayList<>();
        CatalogWalk.preOrder(catalog, top, e -> {
            if (!e.isDirectory()) {
                files.add(e);
            }
        });
        List<Problem> problems = Collections.synchronizedList(new ArrayList<>());
        Map<String, Set<String>> registered = new HashMap<>();
        ctx.grid().storageElements().forEach(se -> registered.put(se.name(), Collections.synchronizedSet(new HashSet<>())));
        long[] replicaCount = {0};
        List<BulkRunner.Item> items = new ArrayList<>();
        for (CatalogEntry file : files) {
            items.add(new Check(file, problems, registered, replicaCount));
        }
        BulkRunner.Summary checked = BulkRunner.run(ctx, "fsck", parallel, items);
        for (BulkRunner.Failure f : checked.failures()) {
            problems.add(new Problem("unchecked", f.item(), "-", null, f.reason(), null));
        }
        CatalogEntry topEntry = catalog.require(top);
        if (topEntry.isDirectory()) {
            for (StorageElement se : ctx.grid().storageElements()) {
                scan(se, top, registered.get(se.name()), problems);
            }
        }
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparing(Problem::kind).thenComparing(p -> String.valueOf(p.lfn()))
                .thenComparing(p -> String.valueOf(p.pfn())));
        long unrepaired = sorted.stream().filter(p -> p.repaired() == null || p.repaired().startsWith("not ")).count();
        if (json(json)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("path", top.toString());
            doc.put("files", files.size());
            doc.put("replicas", replicaCount[0]);
            doc.put("problems", sorted);
            Json.print(out(), doc);
        } else {
            for (Problem p : sorted) {
                out().println(p.line());
            }
            out().println(String.format(java.util.Locale.ROOT, "fsck: %s: %d files, %d replicas checked in %.2f s; %d problems%s",
                    top, files.size(), replicaCount[0], checked.seconds(), sorted.size(),
                    repair ? ", " + (sorted.size() - unrepaired) + " repaired" : ""));
        }
        return unrepaired > 0 ? ExitStatus.FAILURE : ExitStatus.OK;
    }

    private LfnPath expandOne(LfnArg arg) {
        List<LfnPath> matches = expand(arg);
        if (matches.size() != 1) {
            throw DshellException.usage("fsck checks one path; " + arg + " matches " + matches.size());
        }
        return matches.get(0);
    }

    /** Checks the replicas of one file and, with --repair, drops the bad ones if a good one remains. */
    private final class Check implements BulkRunner.Item {
        private final CatalogEntry file;
        private final List<Problem> problems;
        private final Map<String, Set<String>> registered;
        private final long[] replicaCount;

        Check(CatalogEntry file, List<Problem> problems, Map<String, Set<String>> registered, long[] replicaCount) {
            this.file = file;
            this.problems = problems;
            this.registered = registered;
            this.replicaCount = replicaCount;
        }

        @Override
        public String name() {
            return file.path().toString();
        }

        @Override
        public long bytes() {
            return file.size() * Math.max(1, file.replicaCount());
        }

        @Override
        public BulkRunner.Outcome run(LongConsumer meter) throws IOException {
            List<Replica> replicas = catalog().replicas(file.path());
            synchronized (replicaCount) {
                replicaCount[0] += replicas.size();
            }
            if (replicas.isEmpty()) {
                problems.add(new Problem("no-replica", file.path().toString(), "-", null, "the file has no replica", null));
            }
            List<Replica> bad = new ArrayList<>();
            List<String> why = new ArrayList<>();
            boolean anyGood = false;
            for (Replica replica : replicas) {
                Set<String> known = registered.get(replica.se());
                if (known != null) {
                    known.add(replica.pfn());
                }
                StorageElement se = DataFiles.storageOf(ctx.grid(), replica);
                String problem = se == null ? "unknown SE" : verify(se, replica, meter);
                if (problem == null) {
                    anyGood = true;
                } else if (se == null || problem.startsWith("not checked")) {
                    problems.add(new Problem(se == null ? "unknown-se" : "unchecked", file.path().toString(), replica.se(),
                            replica.pfn(), problem, null));
                } else {
                    bad.add(replica);
                    why.add(problem);
                }
            }
            for (int i = 0; i < bad.size(); i++) {
                Replica replica = bad.get(i);
                String kind = why.get(i).startsWith("missing") ? "missing" : why.get(i).startsWith("size") ? "size-mismatch" : "checksum-mismatch";
                String repaired = null;
                if (repair) {
                    repaired = anyGood ? dropReplica(replica) : "not repaired: no good replica left";
                }
                problems.add(new Problem(kind, file.path().toString(), replica.se(), replica.pfn(), why.get(i), repaired));
            }
            return BulkRunner.Outcome.DONE;
        }

        private String verify(StorageElement se, Replica replica, LongConsumer meter) throws IOException {
            long size = se.size(replica.pfn());
            if (size < 0) {
                return "missing bytes at " + replica.pfn();
            }
            if (size != file.size()) {
                return "size " + size + " != catalog " + file.size();
            }
            if (!se.readable()) {
                return "not checked: SE not readable";
            }
            try (ReadableByteChannel in = se.open(replica.pfn())) {
                ByteCopy.Copied read = ByteCopy.checksum(in, meter);
                if (!Checksums.same(read.checksum(), file.checksum())) {
                    return "checksum " + read.checksum() + " != catalog " + file.checksum();
                }
            }
            return null;
        }

        private String dropReplica(Replica replica) {
            catalog().removeReplica(file.path(), replica.se());
            StorageElement se = DataFiles.storageOf(ctx.grid(), replica);
            try {
                if (se != null && se.writable() && se.delete(replica.pfn())) {
                    return "dropped the replica and deleted its bytes";
                }
            } catch (IOException e) {
                return "dropped the replica; bytes not deleted: " + TransferErrors.reason(e);
            }
            return "dropped the replica";
        }
    }

    /** Finds bytes below {@code top} on an SE that no replica points to, and temporary files of unfinished uploads. */
    private void scan(StorageElement se, LfnPath top, Set<String> registered, List<Problem> problems) throws IOException {
        List<StorageElement.StoredObject> temporaries = new ArrayList<>();
        List<StorageElement.StoredObject> unknown = new ArrayList<>();
        se.scan(top.toString(), object -> {
            checkInterrupted();
            if (object.temporary()) {
                temporaries.add(object);
            } else if (!registered.contains(object.pfn())) {
                unknown.add(object);
            }
        });
        Set<String> partOfUpload = new HashSet<>();
        for (StorageElement.StoredObject temp : temporaries) {
            String published = temp.publishedAs();
            boolean unfinished = published != null && !registered.contains(published) && !catalog().hasReplicaAt(se.name(), published);
            String detail = unfinished ? "unfinished upload, also published as " + published : "temporary file of an interrupted transfer";
            if (unfinished) {
                partOfUpload.add(published);
            }
            String repaired = null;
            if (repair) {
                repaired = se.writable() ? deleteLeftover(se, temp.pfn(), unfinished ? published : null) : "not repaired: SE is read-only";
            }
            problems.add(new Problem("leftover", null, se.name(), temp.pfn(), detail, repaired));
        }
        for (StorageElement.StoredObject object : unknown) {
            if (!partOfUpload.contains(object.pfn()) && !catalog().hasReplicaAt(se.name(), object.pfn())) {
                problems.add(new Problem("unreferenced", null, se.name(), object.pfn(),
                        object.size() + " bytes no replica points to", repair ? "not repaired: may be someone's data" : null));
            }
        }
    }

    private static String deleteLeftover(StorageElement se, String temp, String published) {
        try {
            if (published != null) {
                se.delete(published);
            }
            se.delete(temp);
            return "deleted";
        } catch (IOException e) {
            return "not repaired: " + TransferErrors.reason(e);
        }
    }
}
