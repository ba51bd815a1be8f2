package org.dshell.commands.catalog;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;
import org.dshell.core.Modes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes the current catalog directory. */
@Command(name = "cd", description = "Change the current catalog directory: a path, '-' (the previous one) or '~' (home, the default).",
        footer = {"%nExamples:", "  cd /dteam/data", "  cd ..", "  cd -", "  cd"})
public final class CdCommand extends Verb {
    @Parameters(paramLabel = "DIR", arity = "0..1")
    LfnArg dir;

    @Override
    protected int execute() {
        LfnPath target;
        if (dir == null) {
            target = ctx.session().home();
        } else if (dir.raw().equals("-")) {
            target = ctx.session().previous();
        } else {
            var matches = expand(dir);
            if (matches.size() > 1) {
                throw DshellException.usage("cd: '" + dir.raw() + "' matches " + matches.size() + " entries");
            }
            target = matches.get(0);
        }
        CatalogEntry entry = catalog().require(target);
        if (!entry.isDirectory()) {
            throw DshellException.failure("not a directory: " + target);
        }
        if (!Modes.allows(catalog().identity(), entry.owner(), entry.group(), entry.mode(), Modes.EXECUTE)) {
            throw DshellException.failure("permission denied: " + target);
        }
        ctx.session().changeDirectory(target);
        if (dir != null && dir.raw().equals("-")) {
            out().println(target);
        }
        return 0;
    }
}
