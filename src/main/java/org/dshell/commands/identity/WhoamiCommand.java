package org.dshell.commands.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dshell.commands.Verb;
import org.dshell.core.Identity;
import org.dshell.core.format.Json;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Shows who dshell acts as. */
@Command(name = "whoami", description = "Show the identity dshell acts as: user (or DN), group, VO and where it comes from.")
public final class WhoamiCommand extends Verb {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    protected int execute() {
        Identity identity = ctx.grid().identity();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user", identity.user());
        fields.put("group", identity.group());
        fields.put("vo", identity.vo());
        fields.put("home", ctx.session().home().toString());
        fields.put("source", identity.source());
        if (json(json)) {
            Json.print(out(), fields);
        } else {
            fields.forEach((k, v) -> out().printf("%-7s %s%n", k + ":", v));
        }
        return 0;
    }
}
