package org.dshell.commands.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.transfer.ByteCopy;
import org.dshell.backend.transfer.LocalTarget;
import org.dshell.backend.transfer.LocalTempFile;
import org.dshell.backend.transfer.ReplicaReader;
import org.dshell.commands.LfnArg;
import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.commands.catalog.CatalogWalk;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Downloads catalog files into a local directory: each from a good replica, verified against the
 * catalog's size and Adler32 while it streams into a temporary file that is renamed only if it matched.
 */
@Command(name = "get", description = "Download catalog files, verified, in parallel.",
        footer = {"%nExamples:", "  get run1.dat", "  get -r -j 8 -D /scratch/data /dteam/data/2024",
                "  get --skip-existing 'run*.dat'"})
public final class GetCommand extends Verb {
    /** Local directories already created and checked to lie inside the download directory. */
    private final Set<Path> checkedDirectories = ConcurrentHashMap.newKeySet();

    @Option(names = "-r", description = "Download directories with everything below them.")
    boolean recursive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel transfers (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "-D", paramLabel = "DIR", description = "Local directory to download into (default: the local working directory).")
    LocalArg directory;

    @Option(names = "--skip-existing", description = "Skip local files that already have the same size and checksum.")
    boolean skipExisting;

    @Option(names = "--force", description = "Overwrite local files that exist.")
    boolean force;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "LFN", arity = "1..*", description = "Catalog files (directories with -r) or wildcard patterns.")
    List<LfnArg> lfns;

    private record Planned(CatalogEntry entry, Path local, boolean exists, List<Replica> replicas) {
    }

    @Override
    protected int execute() throws IOException {
        int parallel = BulkRunner.jobs(jobs, ctx);
        if (skipExisting && force) {
            throw DshellException.usage("--skip-existing and --force exclude each other");
        }
        Path dir = directory == null ? ctx.session().localCwd() : ctx.session().localPath(org.dshell.core.Glob.literal(directory.path()));
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw DshellException.usage("not a directory: " + dir);
        }
        FileCatalog catalog = catalog();
        Map<Path, CatalogEntry> targets = new LinkedHashMap<>();
        List<Path> localDirectories = new ArrayList<>();
        for (LfnPath lfn : expandAll(lfns)) {
            CatalogEntry entry = catalog.require(lfn);
            if (entry.isDirectory()) {
                if (!recursive) {
                    throw DshellException.usage("is a directory (use -r): " + lfn);
                }
                LfnPath base = lfn.parent();
                CatalogWalk.preOrder(catalog, lfn, e -> {
                    Path local = LocalTarget.below(dir, base, e.path());
                    if (e.isDirectory()) {
                        localDirectories.add(local);
                    } else {
                        add(targets, local, e);
                    }
                });
            } else {
                add(targets, LocalTarget.below(dir, lfn.parent(), lfn), entry);
            }
        }
        List<Planned> plan = new ArrayList<>();
        List<Path> clashes = new ArrayList<>();
        Map<LfnPath, Map<String, List<Replica>>> replicasByDirectory = new HashMap<>();
        for (Map.Entry<Path, CatalogEntry> t : targets.entrySet()) {
            LfnPath lfn = t.getValue().path();
            List<Replica> replicas = replicasByDirectory.computeIfAbsent(lfn.parent(), catalog::replicasIn)
                    .getOrDefault(lfn.name(), List.of());
            boolean exists = Files.exists(t.getKey());
            if (exists && Files.isDirectory(t.getKey())) {
                throw DshellException.failure("a local directory is in the way: " + t.getKey());
            }
            if (exists && !skipExisting && !force) {
                clashes.add(t.getKey());
            }
            plan.add(new Planned(t.getValue(), t.getKey(), exists, replicas));
        }
        if (!clashes.isEmpty()) {
            throw DshellException.failure("local file exists: " + clashes.get(0)
                    + (clashes.size() > 1 ? " (and " + (clashes.size() - 1) + " more)" : "") + " (use --skip-existing or --force)");
        }
        Files.createDirectories(dir);
        Path realDir = dir.toRealPath();
        for (Path local : localDirectories) {
            LocalTarget.createDirectories(realDir, dir, local);
            checkedDirectories.add(local);
        }
        List<BulkRunner.Item> items = new ArrayList<>();
        for (Planned p : plan) {
            items.add(new Download(p, dir, realDir));
        }
        return BulkRunner.report(ctx, BulkRunner.run(ctx, "get", parallel, items), json(json));
    }

    private static void add(Map<Path, CatalogEntry> targets, Path local, CatalogEntry entry) {
        CatalogEntry previous = targets.putIfAbsent(local, entry);
        if (previous != null && !previous.path().equals(entry.path())) {
            throw DshellException.usage("both " + previous.path() + " and " + entry.path() + " would be saved as " + local);
        }
    }

    /** Downloads one file through a temporary file next to its target. */
    private final class Download implements BulkRunner.Item {
        private final Planned planned;
        private final Path dir;
        private final Path realDir;

        Download(Planned planned, Path dir, Path realDir) {
            this.planned = planned;
            this.dir = dir;
            this.realDir = realDir;
        }

        @Override
        public String name() {
            return planned.entry().path().toString();
        }

        @Override
        public long bytes() {
            return planned.entry().size();
        }

        @Override
        public BulkRunner.Outcome run(LongConsumer meter) throws IOException {
            CatalogEntry entry = planned.entry();
            Path local = planned.local();
            if (planned.exists() && skipExisting) {
                if (sameContent(local, entry)) {
                    meter.accept(entry.size());
                    return BulkRunner.Outcome.SKIPPED;
                }
                throw DshellException.failure("local file exists with other content: " + local + " (use --force)");
            }
            if (checkedDirectories.add(local.getParent())) {
                LocalTarget.createDirectories(realDir, dir, local.getParent());
            }
            ReplicaReader.copy(ctx.grid(), entry, planned.replicas(), () -> new LocalTempFile(local, force),
                    meter, warning -> ctx.err().println("get: " + warning + "; trying the next"));
            return BulkRunner.Outcome.DONE;
        }
    }

    private static boolean sameContent(Path local, CatalogEntry entry) throws IOException {
        if (Files.size(local) != entry.size()) {
            return false;
        }
        try (FileChannel in = FileChannel.open(local, StandardOpenOption.READ)) {
            return Checksums.same(ByteCopy.checksum(in, n -> { }).checksum(), entry.checksum());
        }
    }
}
