package org.dshell.commands.catalog;

import java.util.List;
import java.util.Optional;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.CatalogEntry;
import org.dshell.core.DshellException;
import org.dshell.core.LfnPath;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Renames or moves catalog entries; replicas and metadata follow, the bytes stay where they are. */
@Command(name = "mv", description = "Rename or move files and directories within the catalog.",
        footer = {"%nExamples:", "  mv run1.dat run1-old.dat", "  mv *.dat archive/", "  mv /dteam/tmp/run7 /dteam/data/"})
public final class MvCommand extends Verb {
    @Parameters(paramLabel = "SOURCE... TARGET", arity = "2..*")
    List<LfnArg> args;

    @Override
    protected int execute() {
        List<LfnPath> sources = expandAll(args.subList(0, args.size() - 1));
        LfnPath target = resolve(args.get(args.size() - 1).raw());
        Optional<CatalogEntry> existing = catalog().stat(target);
        boolean intoDirectory = existing.map(CatalogEntry::isDirectory).orElse(false);
        if (sources.size() > 1 && !intoDirectory) {
            throw DshellException.usage("moving " + sources.size() + " entries needs an existing directory as target: " + target);
        }
        for (LfnPath source : sources) {
            catalog().move(source, intoDirectory ? target.child(source.name()) : target);
        }
        return 0;
    }
}
