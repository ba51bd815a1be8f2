package org.dshell.commands.meta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.MetadataCatalog.MetaValue;
import org.dshell.commands.LfnArg;
import org.dshell.core.LfnPath;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shows an entry's effective metadata: its own values and those inherited from directories above. */
@Command(name = "get", aliases = "ls", description = "Show the metadata of files or directories, own and inherited (marked with where from).",
        footer = {"%nExamples:", "  meta get /dteam/data/run1/f001.dat", "  meta get --json run1 run2"})
public final class MetaGetCommand extends MetaVerb {
    @Option(names = "--json", description = "Print a JSON array, one object per path.")
    boolean json;

    @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files or directories (default: the current directory).")
    List<LfnArg> paths = new ArrayList<>();

    @Override
    protected int execute() {
        List<LfnPath> targets = paths.isEmpty() ? List.of(ctx.session().cwd()) : expandAll(paths);
        if (json(json)) {
            List<Map<String, Object>> records = new ArrayList<>();
            for (LfnPath path : targets) {
                List<Map<String, Object>> values = new ArrayList<>();
                for (MetaValue v : metadata().get(path)) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("name", v.field().name());
                    r.put("type", v.field().type().keyword());
                    r.put("value", v.value() instanceof String || v.value() instanceof Number ? v.value() : v.text());
                    r.put("inherited", v.inherited());
                    r.put("from", v.from().toString());
                    values.add(r);
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("path", path.toString());
                record.put("metadata", values);
                records.add(record);
            }
            Json.print(out(), records);
            return 0;
        }
        boolean headings = targets.size() > 1;
        for (int i = 0; i < targets.size(); i++) {
            LfnPath path = targets.get(i);
            List<MetaValue> values = metadata().get(path);
            if (headings) {
                out().println((i == 0 ? "" : "\n") + path + ":");
            }
            Table table = new Table(out(), false, false, false);
            for (MetaValue v : values) {
                if (v.inherited()) {
                    table.row(v.field().name(), v.text(), "(inherited from " + v.from() + ")");
                } else {
                    table.row(v.field().name(), v.text());
                }
            }
            table.flush();
        }
        return 0;
    }
}
