package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dshell.backend.FileCatalog;
import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists catalog directories, streaming: the first lines appear before a long listing is read. */
@Command(name = "ls", description = "List catalog directories and files.",
        footer = {"%nExamples:", "  ls", "  ls -l /dteam/data", "  ls -lt --bytes run*", "  ls -R --json ."})
public final class LsCommand extends Verb {
    @Option(names = "-l", description = "Long format: mode, replicas, owner, group, size, date, name.")
    boolean longFormat;

    @Option(names = "-R", description = "List subdirectories recursively.")
    boolean recursive;

    @Option(names = "-d", description = "List directories themselves, not their contents.")
    boolean directoryItself;

    @ArgGroup(exclusive = true)
    SortOrder sort;

    // Null when neither -t nor -S is given, so that a reused model starts from no order (see PutCommand).
    private boolean byTime() {
        return sort != null && sort.time;
    }

    private boolean bySize() {
        return sort != null && sort.size;
    }

    /** -t and -S exclude each other. */
    static final class SortOrder {
        @Option(names = "-t", description = "Sort by modification time, newest first.")
        boolean time;

        @Option(names = "-S", description = "Sort by size, largest first.")
        boolean size;
    }

    @Option(names = "-r", description = "Reverse the order.")
    boolean reverse;

    @Option(names = "--bytes", description = "Sizes in bytes instead of K, M, G.")
    boolean bytes;

    @Option(names = "--json", description = "Print one JSON array of entries.")
    boolean json;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Paths or wildcard patterns (default: the current directory).")
    List<LfnArg> paths = new ArrayList<>();

    @Override
    protected int execute() {
        List<LfnPath> targets = paths.isEmpty() ? List.of(ctx.session().cwd()) : expandAll(paths);
        FileCatalog catalog = catalog();
        EntryPrinter.Style style = json(json) ? EntryPrinter.Style.JSON : longFormat ? EntryPrinter.Style.LONG : EntryPrinter.Style.SHORT;
        try (EntryPrinter printer = new EntryPrinter(out(), style, bytes)) {
            List<CatalogEntry> directories = new ArrayList<>();
            List<CatalogEntry> single = new ArrayList<>();
            for (LfnPath target : targets) {
                CatalogEntry entry = catalog.require(target);
                (entry.isDirectory() && !directoryItself ? directories : single).add(entry);
            }
            for (CatalogEntry entry : sorted(single)) {
                printer.print(entry, paths.isEmpty() ? entry.name() : displayName(entry.path()));
            }
            boolean headings = recursive || targets.size() > 1;
            boolean first = single.isEmpty();
            for (CatalogEntry dir : directories) {
                first = listDirectory(catalog, printer, dir.path(), headings, first);
            }
        }
        return 0;
    }

    private boolean listDirectory(FileCatalog catalog, EntryPrinter printer, LfnPath dir, boolean headings, boolean first) {
        if (headings) {
            printer.heading((first ? "" : "\n") + dir + ":");
        }
        List<LfnPath> subdirectories = new ArrayList<>();
        FileCatalog.Order order = byTime() ? FileCatalog.Order.TIME : bySize() ? FileCatalog.Order.SIZE : FileCatalog.Order.NAME;
        if (printer.namesOnly() && order == FileCatalog.Order.NAME) {
            // Plain names need no records: the cheap listing TAB completion uses is several times faster.
            List<FileCatalog.ChildName> names = catalog.childNames(dir);
            if (reverse) {
                Collections.reverse(names);
            }
            for (FileCatalog.ChildName child : names) {
                checkInterrupted();
                printer.printName(child.name(), child.directory());
                if (recursive && child.directory()) {
                    subdirectories.add(dir.child(child.name()));
                }
            }
        } else if (reverse) {
            List<CatalogEntry> entries = new ArrayList<>();
            catalog.list(dir, order, entries::add);
            Collections.reverse(entries);
            entries.forEach(e -> show(printer, e, subdirectories));
        } else {
            catalog.list(dir, order, e -> show(printer, e, subdirectories));
        }
        printer.flushRows();
        if (recursive) {
            for (LfnPath sub : subdirectories) {
                listDirectory(catalog, printer, sub, true, false);
            }
        }
        return false;
    }

    private void show(EntryPrinter printer, CatalogEntry entry, List<LfnPath> subdirectories) {
        checkInterrupted();
        printer.print(entry, entry.name());
        if (recursive && entry.isDirectory()) {
            subdirectories.add(entry.path());
        }
    }

    private List<CatalogEntry> sorted(List<CatalogEntry> entries) {
        List<CatalogEntry> copy = new ArrayList<>(entries);
        java.util.Comparator<CatalogEntry> by = byTime()
                ? java.util.Comparator.comparing(CatalogEntry::modified).reversed()
                : bySize() ? java.util.Comparator.comparingLong(CatalogEntry::size).reversed()
                : java.util.Comparator.comparing(CatalogEntry::path);
        copy.sort(reverse ? by.reversed() : by);
        return copy;
    }

    /** Paths given relative to the current directory are shown relative, as ls shows what you typed. */
    private String displayName(LfnPath path) {
        LfnPath cwd = ctx.session().cwd();
        if (path.isWithin(cwd) && !path.equals(cwd)) {
            return path.toString().substring(cwd.isRoot() ? 1 : cwd.toString().length() + 1);
        }
        return path.toString();
    }
}
