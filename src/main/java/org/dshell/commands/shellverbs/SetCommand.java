package org.dshell.commands.shellverbs;

import java.util.Map;
import java.util.Set;

import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Shows or changes shell options for this session. */
@Command(name = "set", description = "Show or change shell options: format (table|json), jobs (default -j), debug (on|off).",
        footer = {"%nExamples:", "  set", "  set format json", "  set jobs 8"})
public final class SetCommand extends Verb {
    private static final Map<String, Set<String>> CHOICES = Map.of(
            "format", Set.of("table", "json"),
            "debug", Set.of("on", "off"));

    @Parameters(index = "0", paramLabel = "OPTION", arity = "0..1", completionCandidates = OptionNames.class)
    String name;

    @Parameters(index = "1", paramLabel = "VALUE", arity = "0..1")
    String value;

    /** The option names, for completion and help. */
    static final class OptionNames extends java.util.ArrayList<String> {
        OptionNames() {
            super(java.util.List.of("format", "jobs", "debug"));
        }
    }

    @Override
    protected int execute() {
        if (name == null) {
            ctx.session().options().forEach((k, v) -> out().println(k + " = " + v));
            return 0;
        }
        if (!new OptionNames().contains(name)) {
            throw DshellException.usage("unknown option '" + name + "' (known: format, jobs, debug)");
        }
        if (value == null) {
            out().println(name + " = " + ctx.session().option(name));
            return 0;
        }
        Set<String> allowed = CHOICES.get(name);
        if (allowed != null && !allowed.contains(value)) {
            throw DshellException.usage(name + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not '" + value + "'");
        }
        if (name.equals("jobs") && !value.matches("[1-9][0-9]{0,3}")) {
            throw DshellException.usage("jobs must be a number from 1 to 9999, not '" + value + "'");
        }
        ctx.session().setOption(name, value);
        return 0;
    }
}
