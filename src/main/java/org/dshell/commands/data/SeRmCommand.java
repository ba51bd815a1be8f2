package org.dshell.commands.data;

import org.dshell.commands.SeArg;
import org.dshell.commands.Verb;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Removes an SE's declaration from dshell.properties. Its bytes and the catalog's replicas stay:
 * declaring it again makes them readable again.
 */
@Command(name = "rm", description = "Remove a storage element's declaration (its bytes and replicas stay).",
        footer = {"%nExamples:", "  se rm XRD-DISK"})
public final class SeRmCommand extends Verb {
    @Parameters(paramLabel = "NAME", description = "The SE to forget.")
    SeArg name;

    @Override
    protected int execute() {
        String se = ctx.grid().storage(name.name()).name();
        if (ctx.grid().storageElements().size() == 1) {
            throw DshellException.usage("SE " + se + " is the only one; add another first");
        }
        if (ctx.grid().defaultStorage().name().equals(se)) {
            throw DshellException.usage("SE " + se + " is the default; make another the default first (se add --default, or se.default)");
        }
        Settings settings = ctx.settings();
        SeDeclarations.keepImplicitDefaults(settings, ctx.home().root());
        for (String key : settings.withPrefix("se." + se + ".").keySet()) {
            settings.set(key, null);
        }
        StorageSettings declared = StorageSettings.load(settings, ctx.home().root());
        settings.save();
        ctx.grid().redeclareStorage(declared);
        out().println("removed SE " + se + " from " + settings.file() + " (its bytes and replicas stay)");
        return 0;
    }
}
