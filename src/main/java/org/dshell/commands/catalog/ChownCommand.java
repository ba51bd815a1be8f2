package org.dshell.commands.catalog;

import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Gives catalog entries to another owner. */
@Command(name = "chown", description = "Change the owner (a user name or DN) of files and directories; OWNER:GROUP sets both.",
        footer = {"%nExamples:", "  chown alice run1.dat", "  chown -R alice:dteam_prod data/"})
public final class ChownCommand extends ChangeAttributeVerb {
    @Parameters(index = "0", paramLabel = "OWNER[:GROUP]")
    String owner;

    @Override
    protected int execute() {
        if (owner.isBlank() || owner.chars().anyMatch(c -> c < 0x20)) {
            throw DshellException.usage("invalid owner: '" + owner + "'");
        }
        return super.execute();
    }

    @Override
    void change(CatalogEntry entry) {
        // A DN contains no ':' in practice, so OWNER:GROUP is safe to split at the last colon.
        int colon = owner.lastIndexOf(':');
        if (colon > 0) {
            catalog().chgrp(entry.path(), owner.substring(colon + 1));
            catalog().chown(entry.path(), owner.substring(0, colon));
        } else {
            catalog().chown(entry.path(), owner);
        }
    }
}
