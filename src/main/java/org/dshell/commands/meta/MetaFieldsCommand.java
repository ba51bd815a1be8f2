package org.dshell.commands.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.core.format.Json;
import org.dshell.core.format.Table;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaScope;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists the defined metadata fields. */
@Command(name = "fields", aliases = "show", description = "List the metadata fields: name, type, and whether files or directories carry them.",
        footer = {"%nExamples:", "  meta fields", "  meta fields --json"})
public final class MetaFieldsCommand extends MetaVerb {
    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    protected int execute() {
        List<MetaField> fields = metadata().fields();
        if (json(json)) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (MetaField f : fields) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("name", f.name());
                r.put("type", f.type().keyword());
                r.put("scope", scope(f));
                records.add(r);
            }
            Json.print(out(), records);
            return 0;
        }
        if (fields.isEmpty()) {
            out().println("no metadata fields (define one with: meta index [-f|-d] NAME TYPE)");
            return 0;
        }
        Table table = new Table(out(), false, false, false);
        table.header("NAME", "TYPE", "SCOPE");
        for (MetaField f : fields) {
            table.row(f.name(), f.type().keyword(), scope(f));
        }
        table.flush();
        return 0;
    }

    private static String scope(MetaField f) {
        return f.scope() == MetaScope.FILE ? "file" : "directory";
    }
}
