package org.dshell.commands.scripting;

import java.util.List;

import org.dshell.commands.Verb;
import org.dshell.core.format.Json;
import org.dshell.script.ScriptEngine;
import org.dshell.script.ScriptEngines;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Evaluates Groovy in the session's variables, which persist between calls (and with the {@code groovy} prompt). */
@Command(name = "eval", description = "Evaluate a Groovy expression (the script API included) and print its value.",
        footer = {"%nExamples:", "  eval 1 + 2", "  eval 'n = ls(\"/dteam\").size()'", "  eval 'ls(\"/dteam\").collect { it.name }'",
                "  eval --json 'status(all: true)'", "Quote the code: ';', '#' and quotes mean what they mean on a dshell line."})
public final class EvalCommand extends Verb {
    @Option(names = "--json", description = "Print the value as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "CODE", description = "Groovy code (the words are joined with spaces).")
    List<String> code;

    @Override
    protected int execute() {
        ScriptEngine engine = ScriptEngines.get(ctx);
        Object value = engine.eval(String.join(" ", code), ctx);
        if (json(json)) {
            Json.print(out(), value);
        } else if (value != null) {
            out().println(engine.render(value));
        }
        return 0;
    }
}
