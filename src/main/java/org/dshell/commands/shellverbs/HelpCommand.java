package org.dshell.commands.shellverbs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dshell.commands.Dispatcher;
import org.dshell.commands.Verb;
import org.dshell.commands.VerbRegistry;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Lists the verbs by theme, or shows one verb's usage. */
@Command(name = "help", description = "List the verbs by theme, or show how to use one.",
        footer = {"%nExamples:", "  help", "  help ls", "  ls --help"})
public final class HelpCommand extends Verb {
    @Parameters(paramLabel = "VERB", arity = "0..1")
    String verb;

    @Override
    protected int execute() {
        VerbRegistry verbs = ctx.verbs();
        if (verb != null) {
            VerbRegistry.VerbInfo info = verbs.find(verb).orElseThrow(() -> DshellException.usage("unknown verb '" + verb
                    + "'" + (verbs.suggest(verb).isEmpty() ? "" : " (did you mean " + String.join(", ", verbs.suggest(verb)) + "?)")));
            Dispatcher.commandLine(info.factory().get(), ctx).usage(out());
            return 0;
        }
        Map<String, List<VerbRegistry.VerbInfo>> byTheme = new LinkedHashMap<>();
        for (VerbRegistry.VerbInfo info : verbs.all()) {
            byTheme.computeIfAbsent(info.theme(), k -> new java.util.ArrayList<>()).add(info);
        }
        int width = verbs.all().stream().mapToInt(v -> v.name().length()).max().orElse(8) + 2;
        byTheme.forEach((theme, infos) -> {
            out().println(theme + ":");
            for (VerbRegistry.VerbInfo info : infos) {
                out().printf("  %-" + width + "s%s%n", info.name(), info.summary());
            }
            out().println();
        });
        out().println("'help VERB' or 'VERB --help' shows usage and examples.");
        return 0;
    }
}
