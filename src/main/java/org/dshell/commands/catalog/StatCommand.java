package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.Modes;
import org.dshell.core.Replica;
import org.dshell.core.format.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows every field of catalog entries. */
@Command(name = "stat", description = "Show every field of files and directories: size, checksum, GUID, owner, mode, times, replicas.",
        footer = {"%nExamples:", "  stat run1.dat", "  stat --json /dteam/data/*.dat"})
public final class StatCommand extends Verb {
    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Parameters(paramLabel = "PATH", arity = "1..*")
    List<LfnArg> paths;

    @Override
    protected int execute() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (LfnPath path : expandAll(paths)) {
            CatalogEntry e = catalog().require(path);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("path", e.path().toString());
            r.put("type", e.isDirectory() ? "directory" : "file");
            if (!e.isDirectory()) {
                r.put("size", e.size());
                r.put("checksum", "adler32:" + e.checksum());
                r.put("guid", e.guid());
            }
            r.put("owner", e.owner());
            r.put("group", e.group());
            r.put("mode", String.format("%04o (%s)", e.mode(), Modes.format(e.kind(), e.mode())));
            r.put("created", e.created().toString());
            r.put("modified", e.modified().toString());
            r.put("status", e.status());
            if (!e.isDirectory()) {
                List<String> replicas = new ArrayList<>();
                for (Replica replica : catalog().replicas(path)) {
                    replicas.add(replica.se() + " " + replica.pfn() + " (" + replica.status() + ")");
                }
                r.put("replicas", replicas);
            }
            records.add(r);
        }
        if (json(json)) {
            Json.print(out(), records);
            return 0;
        }
        boolean first = true;
        for (Map<String, Object> r : records) {
            if (!first) {
                out().println();
            }
            first = false;
            r.forEach((key, value) -> {
                if (value instanceof List<?> list) {
                    out().printf("%-10s %s%n", key + ":", list.isEmpty() ? "none" : list.get(0));
                    list.stream().skip(1).forEach(item -> out().printf("%-10s %s%n", "", item));
                } else {
                    out().printf("%-10s %s%n", key + ":", value);
                }
            });
        }
        return 0;
    }
}
