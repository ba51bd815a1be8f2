package org.dshell.commands.catalog;

import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes the group of catalog entries. */
@Command(name = "chgrp", description = "Change the DIRAC group of files and directories.",
        footer = {"%nExamples:", "  chgrp dteam_prod run1.dat", "  chgrp -R dteam_user data/"})
public final class ChgrpCommand extends ChangeAttributeVerb {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    protected int execute() {
        if (!group.matches("[A-Za-z0-9_.-]+")) {
            throw DshellException.usage("invalid group name: '" + group + "' (letters, digits, '_', '-', '.')");
        }
        return super.execute();
    }

    @Override
    void change(CatalogEntry entry) {
        catalog().chgrp(entry.path(), group);
    }
}
