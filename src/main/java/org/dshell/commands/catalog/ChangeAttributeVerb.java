package org.dshell.commands.catalog;

import java.util.ArrayList;
import java.util.List;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What chmod, chown and chgrp share: a value, paths, and -R. */
abstract class ChangeAttributeVerb extends Verb {
    @Option(names = "-R", description = "Also change everything below the given directories.")
    boolean recursive;

    @Parameters(index = "1..*", paramLabel = "PATH", arity = "1..*")
    List<LfnArg> paths;

    /** Changes one entry. */
    abstract void change(CatalogEntry entry);

    @Override
    protected int execute() {
        for (LfnPath path : expandAll(paths)) {
            if (recursive) {
                List<CatalogEntry> all = new ArrayList<>();
                CatalogWalk.preOrder(catalog(), path, all::add);
                all.forEach(entry -> {
                    checkInterrupted();
                    change(entry);
                });
            } else {
                change(catalog().require(path));
            }
        }
        return 0;
    }
}
