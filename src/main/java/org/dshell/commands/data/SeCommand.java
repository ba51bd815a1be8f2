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
@Command(name = "se", description = "List storage elements: access, used and free space.",
        footer = {"%nSEs are declared in dshell.properties (se.NAME.root, se.NAME.read, se.NAME.write, se.default).",
                "%nExamples:", "  se", "  se --json"})
public final class SeCommand extends Verb {
    @Option(names = "--bytes", description = "Sizes in bytes instead of K, M, G.")
    boolean bytes;

    @Option(names = "--json", description = "Print a JSON array of SEs.")
    boolean json;

    @Override
    protected int execute() throws IOException {
        String defaultName = ctx.grid().defaultStorage().name();
        List<Map<String, Object>> docs = new ArrayList<>();
        Table table = new Table(out(), false, false, true, true, false);
        table.header("NAME", "STATE", "USED", "FREE", "LOCATION");
        for (StorageElement se : ctx.grid().storageElements()) {
            checkInterrupted();
            long used = se.usedSpace();
            long free = se.freeSpace();
            String state = se.readable() && se.writable() ? "read-write" : se.readable() ? "read-only"
                    : se.writable() ? "write-only" : "disabled";
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", se.name());
            doc.put("default", se.name().equals(defaultName));
            doc.put("read", se.readable());
            doc.put("write", se.writable());
            doc.put("used", used);
            doc.put("free", free);
            doc.put("location", se.location());
            docs.add(doc);
            table.row(se.name() + (se.name().equals(defaultName) ? " *" : ""), state, size(used), size(free), se.location());
        }
        if (json(json)) {
            Json.print(out(), docs);
        } else {
            table.flush();
        }
        return 0;
    }

    private String size(long value) {
        return value < 0 ? "-" : bytes ? Long.toString(value) : Sizes.human(value);
    }
}
