package org.dshell.commands.production;

import org.dshell.backend.ProductionManager.ProductionInfo;
import org.dshell.core.format.Json;
import org.dshell.core.format.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Lists your productions. */
@Command(name = "list", description = "List your productions.", footer = {"%nExamples:", "  production list", "  production list --json"})
public final class ProductionListCommand extends ProductionVerb {
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    @Override
    protected int execute() {
        var all = productions().list();
        if (json(json)) {
            Json.print(out(), all);
            return 0;
        }
        Table table = new Table(out(), true, false, false, false, false);
        table.header("ID", "NAME", "STATE", "CREATED", "STEPS");
        for (ProductionInfo p : all) {
            table.row(Long.toString(p.id()), p.name(), p.state(), TIME.format(p.created()), String.join(" -> ", p.steps()));
        }
        table.flush();
        return 0;
    }
}
