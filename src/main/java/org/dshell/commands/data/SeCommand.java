package org.dshell.commands.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.StorageElement;
import org.dshell.commands.Verb;
import org.dshell.core.format.Json;
import org.dshell.core.format.Sizes;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the storage elements with what they allow, the space they use and what is free. */
@Command(name = "se", description = "List storage elements: kind, access, whether they answer, used and free space.",
        subcommands = {SeAddCommand.class, SeRmCommand.class},
        footer = {"%nSEs are declared in dshell.properties (se.NAME.root or se.NAME.url, se.NAME.read, se.NAME.write,",
                "se.default); 'se add' and 'se rm' change the declarations.",
                "%nExamples:", "  se", "  se --json", "  se add XRD-DISK davs://xrootd.example.org:1094/dteam", "  se rm XRD-DISK"})
public final class SeCommand extends Verb {
    @Option(names = "--bytes", description = "Sizes in bytes instead of K, M, G.")
    boolean bytes;

    @Option(names = "--json", description = "Print a JSON array of SEs.")
    boolean json;

    @Override
    protected int execute() throws IOException {
        String defaultName = ctx.grid().defaultStorage().name();
        List<Map<String, Object>> docs = new ArrayList<>();
        Table table = new Table(out(), false, false, false, false, true, true, false);
        table.header("NAME", "KIND", "STATE", "ONLINE", "USED", "FREE", "LOCATION");
        List<String> problems = new ArrayList<>();
        for (StorageElement se : ctx.grid().storageElements()) {
            checkInterrupted();
            String unreachable = se.unreachable();
            long used = unreachable == null ? space(se::usedSpace) : -1;
            long free = unreachable == null ? space(se::freeSpace) : -1;
            if (unreachable != null) {
                problems.add(se.name() + ": " + unreachable);
            }
            String state = se.readable() && se.writable() ? "read-write" : se.readable() ? "read-only"
                    : se.writable() ? "write-only" : "disabled";
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", se.name());
            doc.put("default", se.name().equals(defaultName));
            doc.put("kind", se.kind());
            doc.put("online", unreachable == null);
            doc.put("problem", unreachable);
            doc.put("read", se.readable());
            doc.put("write", se.writable());
            doc.put("used", used);
            doc.put("free", free);
            doc.put("location", se.location());
            docs.add(doc);
            table.row(se.name() + (se.name().equals(defaultName) ? " *" : ""), se.kind(), state,
                    unreachable == null ? "yes" : "no", size(used), size(free), se.location());
        }
        if (json(json)) {
            Json.print(out(), docs);
        } else {
            table.flush();
            problems.forEach(out()::println);
        }
        return 0;
    }

    /** Space as far as the SE says; it answered the probe, so a failure here is only "unknown". */
    private static long space(SpaceQuery query) {
        try {
            return query.get();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @FunctionalInterface
    private interface SpaceQuery {
        long get() throws IOException;
    }

    private String size(long value) {
        return value < 0 ? "-" : bytes ? Long.toString(value) : Sizes.human(value);
    }
}
