package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.FileCatalog;
import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.format.Json;
import org.dshell.core.format.Sizes;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Counts the files and bytes below catalog directories. */
@Command(name = "du", description = "Count files and bytes below a directory (each subdirectory, or only the total with -s).",
        footer = {"%nExamples:", "  du", "  du -s /dteam/data", "  du --bytes --json ."})
public final class DuCommand extends Verb {
    @Option(names = "-s", description = "Only the total of each argument.")
    boolean summary;

    @Option(names = "--bytes", description = "Sizes in bytes.")
    boolean bytes;

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Parameters(paramLabel = "DIR", arity = "0..*")
    List<LfnArg> paths = new ArrayList<>();

    @Override
    protected int execute() {
        List<LfnPath> targets = paths.isEmpty() ? List.of(ctx.session().cwd()) : expandAll(paths);
        FileCatalog catalog = catalog();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LfnPath target : targets) {
            CatalogEntry entry = catalog.require(target);
            if (!entry.isDirectory()) {
                rows.add(row(target, new FileCatalog.Usage(1, 0, entry.size())));
                continue;
            }
            if (!summary) {
                for (CatalogEntry child : catalog.list(target)) {
                    if (child.isDirectory()) {
                        rows.add(row(child.path(), catalog.usage(child.path())));
                    }
                }
            }
            rows.add(row(target, catalog.usage(target)));
        }
        if (json(json)) {
            Json.print(out(), rows);
            return 0;
        }
        Table table = new Table(out(), true, true, false);
        table.header("FILES", "SIZE", "PATH");
        for (Map<String, Object> r : rows) {
            long size = (Long) r.get("bytes");
            table.row(r.get("files").toString(), bytes ? Long.toString(size) : Sizes.human(size), r.get("path").toString());
        }
        table.flush();
        return 0;
    }

    private static Map<String, Object> row(LfnPath path, FileCatalog.Usage usage) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("path", path.toString());
        r.put("files", usage.files());
        r.put("directories", usage.directories());
        r.put("bytes", usage.bytes());
        return r;
    }
}
