package org.dshell.commands.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.StorageElement;
import org.dshell.backend.transfer.BatchedUploads;
import org.dshell.backend.transfer.ByteCopy;
import org.dshell.backend.transfer.PublishedCopy;
import org.dshell.backend.transfer.Registrar;
import org.dshell.backend.transfer.WrittenCopy;
import org.dshell.commands.LfnArg;
import org.dshell.commands.LocalArg;
import org.dshell.commands.LocalGlob;
import org.dshell.commands.MetaTerm;
import org.dshell.commands.SeArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.format.Sizes;
import org.dshell.core.meta.MetaAssignment;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaScope;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Uploads local files: bytes to an SE under a temporary name with Adler32 computed on the way, then
 * published, then registered; every input is checked before the first byte moves.
 */
@Command(name = "put", description = "Upload local files into a catalog directory, checksummed, in parallel.",
        footer = {"%nWith several arguments the last one is the catalog directory DEST (default: the current one).",
                "%nWith --meta every uploaded file gets the values, set in the same transaction that registers it.",
                "%nExamples:", "  put run1.dat", "  put -r -j 8 results/ /dteam/data", "  put --se LOCAL-BACKUP *.root .",
                "  put -r --skip-existing results/", "  put --meta run=7 --meta energy=4.5 run7.dat /dteam/data"})
public final class PutCommand extends Verb {
    @Option(names = "-r", description = "Upload directories with everything below them, keeping the tree.")
    boolean recursive;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel transfers (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "--se", paramLabel = "SE", description = "The storage element to write to (default: se.default).")
    SeArg se;

    @ArgGroup(exclusive = true)
    Existing existing;

    /** What to do with LFNs that already exist; without either, they are an error. */
    static final class Existing {
        @Option(names = "--skip-existing", description = "Skip files already registered with the same size and checksum.")
        boolean skip;

        @Option(names = "--force", description = "Replace registered files (their old replicas are deleted).")
        boolean force;
    }

    @Option(names = "--meta", paramLabel = "NAME=VALUE",
            description = "Set a file metadata field on every uploaded file (repeatable); checked before any byte moves.")
    List<MetaTerm> meta = new ArrayList<>();

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "LOCAL", arity = "1..*", description = "Local files (directories with -r), then optionally DEST.")
    List<LocalArg> args;

    // The groups stay null when none of their options is given: picocli then resets them when it
    // parses the next call's words with the same (reused) model.
    private boolean skipExisting() {
        return existing != null && existing.skip;
    }

    private boolean force() {
        return existing != null && existing.force;
    }

    /** Up to this many files into one directory are looked up by name; more read the directory's listing once. */
    private static final int FEW = 8;

    /** One file to upload. */
    private record Planned(Path local, LfnPath lfn, long size, boolean exists) {
    }

    @Override
    protected int execute() throws IOException {
        int parallel = BulkRunner.jobs(jobs, ctx);
        List<MetaAssignment> assignments = assignments();
        List<LocalArg> sources = args.size() > 1 ? args.subList(0, args.size() - 1) : args;
        LfnPath dest = args.size() > 1 ? destination(args.get(args.size() - 1).path()) : ctx.session().cwd();
        StorageElement target = DataFiles.writableStorage(ctx.grid(), se == null ? null : se.name());
        FileCatalog catalog = catalog();
        String hint = args.size() == 2 ? " (the last argument is the destination; add '.' for the current directory)" : "";
        CatalogEntry destEntry = catalog.stat(dest).orElseThrow(() -> DshellException.failure("no such catalog directory: " + dest + hint));
        if (!destEntry.isDirectory()) {
            throw DshellException.failure("not a catalog directory: " + dest + hint);
        }
        Set<LfnPath> directories = new LinkedHashSet<>();
        Map<LfnPath, Path> files = new LinkedHashMap<>();
        for (LocalArg arg : sources) {
            collect(arg, dest, directories, files);
        }
        List<Planned> plan = checkExisting(catalog, directories, files);
        long needed = plan.stream().mapToLong(Planned::size).sum();
        long free = target.freeSpace();
        if (free >= 0 && needed > free) { // -1: the SE does not report its free space
            throw DshellException.failure("no space left on SE " + target.name() + ": need " + Sizes.human(needed)
                    + ", " + Sizes.human(free) + " free");
        }
        for (LfnPath dir : directories) {
            catalog.mkdir(dir, true);
        }
        // Values from --meta belong to this call's files only, so such a put groups its own files.
        Registrar registrar = assignments.isEmpty() ? ctx.grid().registrar()
                : new Registrar(batch -> ctx.grid().metadata().registerWithMetadata(batch, assignments));
        BatchedUploads batches = new BatchedUploads(registrar, "dshell-put");
        List<BulkRunner.Item> items = new ArrayList<>();
        for (Planned p : plan) {
            items.add(new Upload(p, catalog, target, batches, assignments));
        }
        BulkRunner.Summary summary;
        try {
            summary = BulkRunner.run(ctx, "put", parallel, items);
        } catch (RuntimeException | Error e) {
            batches.close(true); // interrupted: what is not registered yet is removed before we return
            throw e;
        }
        batches.close();
        return BulkRunner.report(ctx, summary, json(json));
    }

    /** The --meta values, parsed and checked against the fields before anything else happens. */
    private List<MetaAssignment> assignments() {
        if (meta.isEmpty()) {
            return List.of();
        }
        List<String> words = meta.stream().map(MetaTerm::text).toList();
        List<MetaAssignment> parsed = MetaAssignment.parseAll(words, ctx.grid().metadata().lookup());
        for (int i = 0; i < parsed.size(); i++) {
            MetaField field = parsed.get(i).field();
            if (field.scope() != MetaScope.FILE) {
                throw DshellException.usage("'" + words.get(i) + "': " + field.name() + " is a directory field, files take file fields"
                        + " (set it on the directory: meta set DIR " + field.name() + "=...)");
            }
        }
        return parsed;
    }

    private LfnPath destination(String raw) {
        List<LfnPath> matches = expand(new LfnArg(raw));
        if (matches.size() != 1) {
            throw DshellException.usage("the destination matches " + matches.size() + " paths: " + raw);
        }
        return matches.get(0);
    }

    /** Adds the files (and, with -r, directories) one argument stands for. */
    private void collect(LocalArg arg, LfnPath dest, Set<LfnPath> directories, Map<LfnPath, Path> files) throws IOException {
        for (Path local : LocalGlob.expand(ctx.session(), arg.path())) {
            collect(local, Glob.literal(arg.path()), dest, directories, files);
        }
    }

    private void collect(Path local, String shown, LfnPath dest, Set<LfnPath> directories, Map<LfnPath, Path> files) throws IOException {
        if (!Files.exists(local)) {
            throw DshellException.usage("no such local file: " + shown);
        }
        if (Files.isDirectory(local)) {
            if (!recursive) {
                throw DshellException.usage("is a directory (use -r): " + shown);
            }
            LfnPath top = dest.child(nameOf(local));
            try (Stream<Path> walk = Files.walk(local)) {
                for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                    LfnPath lfn = top;
                    for (Path part : local.relativize(p)) {
                        if (!part.toString().isEmpty()) {
                            lfn = lfn.child(part.toString());
                        }
                    }
                    if (Files.isDirectory(p)) {
                        directories.add(lfn);
                    } else if (Files.isRegularFile(p)) {
                        add(files, lfn, p);
                    }
                }
            }
        } else if (Files.isRegularFile(local)) {
            add(files, dest.child(nameOf(local)), local);
        } else {
            throw DshellException.usage("not a regular file: " + shown);
        }
    }

    private static String nameOf(Path local) {
        Path name = local.getFileName();
        if (name == null) {
            throw DshellException.usage("cannot upload the root directory /");
        }
        return name.toString();
    }

    private static void add(Map<LfnPath, Path> files, LfnPath lfn, Path local) {
        Path previous = files.putIfAbsent(lfn, local);
        if (previous != null) {
            throw DshellException.usage("both " + previous + " and " + local + " would be uploaded as " + lfn);
        }
    }

    /** Which LFNs exist already (one listing per directory); without --skip-existing or --force they are an error. */
    private List<Planned> checkExisting(FileCatalog catalog, Set<LfnPath> newDirectories, Map<LfnPath, Path> files)
            throws IOException {
        Map<LfnPath, Map<String, Boolean>> listings = new HashMap<>();
        Set<LfnPath> missingDirs = new HashSet<>();
        List<Planned> plan = new ArrayList<>();
        List<LfnPath> clashes = new ArrayList<>();
        Map<LfnPath, List<LfnPath>> byParent = new HashMap<>();
        files.keySet().forEach(lfn -> byParent.computeIfAbsent(lfn.parent(), k -> new ArrayList<>()).add(lfn));
        for (Map.Entry<LfnPath, Path> e : files.entrySet()) {
            LfnPath lfn = e.getKey();
            LfnPath parent = lfn.parent();
            Map<String, Boolean> listing = listings.get(parent);
            if (listing == null && !missingDirs.contains(parent)) {
                CatalogEntry dir = catalog.stat(parent).orElse(null);
                if (dir == null) {
                    missingDirs.add(parent);
                } else if (!dir.isDirectory()) {
                    throw DshellException.failure("not a catalog directory: " + parent);
                } else {
                    Map<String, Boolean> names = new HashMap<>();
                    List<LfnPath> planned = byParent.get(parent);
                    if (planned.size() <= FEW) {
                        // A file or two into a big directory (a script's put per file): look up their
                        // names (an index range scan, the same read permission), not the whole listing.
                        for (LfnPath p : planned) {
                            catalog.childNames(parent, p.name()).stream().filter(c -> c.name().equals(p.name()))
                                    .forEach(c -> names.put(c.name(), c.directory()));
                        }
                    } else {
                        catalog.childNames(parent).forEach(c -> names.put(c.name(), c.directory()));
                    }
                    listings.put(parent, names);
                    listing = names;
                }
            }
            Boolean isDirectory = listing == null ? null : listing.get(lfn.name());
            if (Boolean.TRUE.equals(isDirectory)) {
                throw DshellException.failure("is a catalog directory: " + lfn);
            }
            if (newDirectories.contains(lfn)) {
                throw DshellException.failure("is a catalog directory: " + lfn);
            }
            boolean exists = isDirectory != null;
            if (exists && !skipExisting() && !force()) {
                clashes.add(lfn);
            }
            plan.add(new Planned(e.getValue(), lfn, Files.size(e.getValue()), exists));
        }
        if (!clashes.isEmpty()) {
            throw DshellException.failure("file exists: " + clashes.get(0)
                    + (clashes.size() > 1 ? " (and " + (clashes.size() - 1) + " more)" : "")
                    + " (use --skip-existing or --force)");
        }
        return plan;
    }

    /** Uploads one file: the bytes first, the catalog entry only once they are safe on the SE. */
    private final class Upload implements BulkRunner.Item {
        private final Planned planned;
        private final FileCatalog catalog;
        private final StorageElement target;
        private final BatchedUploads batches;
        private final List<MetaAssignment> assignments;

        Upload(Planned planned, FileCatalog catalog, StorageElement target, BatchedUploads batches, List<MetaAssignment> assignments) {
            this.planned = planned;
            this.catalog = catalog;
            this.target = target;
            this.batches = batches;
            this.assignments = assignments;
        }

        @Override
        public String name() {
            return planned.local().toString();
        }

        @Override
        public long bytes() {
            return planned.size();
        }

        @Override
        public BulkRunner.Outcome run(LongConsumer meter) throws Exception {
            try {
                return start(meter).toCompletableFuture().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        /** A new file is handed over to be published and registered in a batch; the worker moves on. */
        @Override
        public CompletionStage<BulkRunner.Outcome> start(LongConsumer meter) throws IOException, InterruptedException {
            if (planned.exists() && skipExisting()) {
                CatalogEntry entry = catalog.require(planned.lfn());
                if (sameContent(entry)) {
                    meter.accept(planned.size());
                    return CompletableFuture.completedFuture(BulkRunner.Outcome.SKIPPED);
                }
                throw DshellException.failure("exists with other content: " + planned.lfn() + " (use --force to replace it)");
            }
            if (!planned.exists()) {
                WrittenCopy copy = WrittenCopy.write(planned.local(), planned.lfn(), target, meter);
                return batches.finish(copy).thenApply(v -> BulkRunner.Outcome.DONE);
            }
            try (PublishedCopy copy = PublishedCopy.write(planned.local(), planned.lfn(), target, meter)) {
                List<Replica> replaced = catalog.replaceFile(copy.file());
                copy.release();
                DataFiles.deleteBytes(ctx.grid(), replaced, ctx.err());
            }
            if (!assignments.isEmpty()) {
                // A replaced file lost its old values with its old record; the new ones follow the swap.
                ctx.grid().metadata().set(List.of(planned.lfn()), assignments);
            }
            return CompletableFuture.completedFuture(BulkRunner.Outcome.DONE);
        }

        private boolean sameContent(CatalogEntry entry) throws IOException {
            if (entry.isDirectory() || entry.size() != planned.size()) {
                return false;
            }
            try (FileChannel in = FileChannel.open(planned.local(), StandardOpenOption.READ)) {
                return Checksums.same(ByteCopy.checksum(in, n -> { }).checksum(), entry.checksum());
            }
        }
    }
}
