package org.dshell.commands.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Lists where the bytes of catalog files are: SE, PFN and status of each replica. */
@Command(name = "replicas", description = "List the replicas of catalog files.",
        footer = {"%nExamples:", "  replicas run1.dat", "  replicas --json 'run*'"})
public final class ReplicasCommand extends Verb {
    @Option(names = "--json", description = "Print a JSON array of {lfn, replicas: [{se, pfn, status}]}.")
    boolean json;

    @Parameters(paramLabel = "LFN", arity = "1..*")
    List<LfnArg> lfns;

    @Override
    protected int execute() {
        List<Map<String, Object>> docs = new ArrayList<>();
        Table table = new Table(out(), false, false, false, false);
        for (LfnPath lfn : expandAll(lfns)) {
            checkInterrupted();
            List<Replica> replicas = catalog().replicas(lfn);
            if (json(json)) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("lfn", lfn.toString());
                doc.put("replicas", replicas);
                docs.add(doc);
            } else if (replicas.isEmpty()) {
                table.row(lfn.toString(), "-", "(no replicas)", "");
            } else {
                for (Replica r : replicas) {
                    table.row(lfn.toString(), r.se(), r.pfn(), r.status());
                }
            }
        }
        if (json(json)) {
            Json.print(out(), docs);
        } else {
            table.flush();
        }
        return 0;
    }
}
