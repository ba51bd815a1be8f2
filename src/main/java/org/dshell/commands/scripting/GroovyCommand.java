package org.dshell.commands.scripting;

import org.dshell.commands.Verb;
import org.dshell.script.ScriptEngines;

import picocli.CommandLine.Command;

/** The multi-line Groovy prompt; its variables are those of {@code eval}. Needs a terminal. */
@Command(name = "groovy", description = "Enter a Groovy prompt with the script API (TAB completes it); :exit to leave.",
        footer = {"%nLines are collected until brackets and braces close. Without a terminal use eval or run FILE.groovy."})
public final class GroovyCommand extends Verb {
    @Override
    protected int execute() {
        return ScriptEngines.get(ctx).interactive(ctx);
    }
}
