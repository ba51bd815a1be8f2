package org.dshell.commands.catalog;

import org.dshell.core.CatalogEntry;
import org.dshell.core.Modes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes the mode bits of catalog entries. */
@Command(name = "chmod", description = "Change permissions: octal (755) or symbolic (g+w, o-r, u=rwx,go=rx).",
        footer = {"%nExamples:", "  chmod 750 private", "  chmod -R g+w shared/", "  chmod o-r *.dat"})
public final class ChmodCommand extends ChangeAttributeVerb {
    @Parameters(index = "0", paramLabel = "MODE")
    String mode;

    @Override
    protected int execute() {
        Modes.apply(mode, 0); // rejects a malformed mode before anything changes
        return super.execute();
    }

    @Override
    void change(CatalogEntry entry) {
        catalog().chmod(entry.path(), Modes.apply(mode, entry.mode()));
    }
}
