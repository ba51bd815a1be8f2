package org.dshell.commands.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;

import org.dshell.backend.FileCatalog;
import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.commands.catalog.CatalogWalk;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Removes catalog files and their bytes on every SE: the catalog entry goes first, so an
 * interruption leaves at most unreferenced bytes (which fsck reports), never an entry without bytes.
 */
@Command(name = "rm", description = "Remove catalog files and their replicas' bytes.",
        footer = {"%nExamples:", "  rm run1.dat", "  rm 'run*.dat'", "  rm -r old-results", "  rm -f maybe-there.dat"})
public final class RmCommand extends Verb {
    @Option(names = "-r", description = "Remove directories and everything below them.")
    boolean recursive;

    @Option(names = "-f", description = "Ignore paths that do not exist.")
    boolean force;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Parallel removals (default: 'set jobs', 4).")
    Integer jobs;

    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Parameters(paramLabel = "LFN", arity = "1..*")
    List<LfnArg> lfns;

    @Override
    protected int execute() {
        int parallel = BulkRunner.jobs(jobs, ctx);
        FileCatalog catalog = catalog();
        List<CatalogEntry> files = new ArrayList<>();
        List<LfnPath> directories = new ArrayList<>();
        for (LfnArg arg : lfns) {
            List<LfnPath> paths;
            try {
                paths = expand(arg);
            } catch (DshellException e) {
                if (force) {
                    continue;
                }
                throw e;
            }
            for (LfnPath path : paths) {
                CatalogEntry entry = catalog.stat(path).orElse(null);
                if (entry == null) {
                    if (force) {
                        continue;
                    }
                    throw DshellException.failure("no such file or directory: " + path);
                }
                if (entry.isDirectory()) {
                    if (!recursive) {
                        throw DshellException.usage("is a directory (use -r): " + path);
                    }
                    if (ctx.session().home().isWithin(path)) {
                        throw DshellException.usage("refusing to remove " + path + (path.equals(ctx.session().home())
                                ? ": it is your home directory" : ": it holds your home directory")
                                + " (to empty it: rm -r " + path + "/*)");
                    }
                    CatalogWalk.preOrder(catalog, path, e -> {
                        if (e.isDirectory()) {
                            directories.add(e.path());
                        } else {
                            files.add(e);
                        }
                    });
                } else {
                    files.add(entry);
                }
            }
        }
        List<BulkRunner.Item> items = new ArrayList<>();
        for (CatalogEntry file : files) {
            items.add(new Removal(file));
        }
        BulkRunner.Summary summary = BulkRunner.run(ctx, "rm", parallel, items);
        int status = BulkRunner.report(ctx, summary, json(json));
        if (!summary.failed()) {
            directories.sort(Comparator.comparingInt(LfnPath::depth).reversed());
            for (LfnPath dir : directories) {
                try {
                    catalog.rmdir(dir);
                } catch (DshellException e) {
                    ctx.err().println("rm: cannot remove directory " + dir + ": " + e.getMessage());
                    status = ExitStatus.FAILURE;
                }
            }
        }
        return status;
    }

    private final class Removal implements BulkRunner.Item {
        private final CatalogEntry entry;

        Removal(CatalogEntry entry) {
            this.entry = entry;
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
        public BulkRunner.Outcome run(LongConsumer meter) {
            List<Replica> replicas = catalog().replicas(entry.path());
            catalog().removeFile(entry.path());
            DataFiles.deleteBytes(ctx.grid(), replicas, ctx.err());
            return BulkRunner.Outcome.DONE;
        }
    }
}
