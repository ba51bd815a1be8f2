package org.dshell.commands.meta;

import java.util.List;

import org.dshell.commands.LfnArg;
import org.dshell.commands.MetaTerm;
import org.dshell.core.meta.MetaAssignment;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Sets metadata values on entries, checked against the fields' types; all entries or none. */
@Command(name = "set", description = "Set metadata on files or directories (directory values are inherited below); all or nothing.",
        footer = {"%nExamples:", "  meta set /dteam/data/run1 particle=proton energy=4.5", "  meta set /dteam/data/*/*.dat quality=good",
                "  meta set run1/f001.dat comment='beam off'", "  meta set . taken='2024-05-01 12:00'"})
public final class MetaSetCommand extends MetaVerb {
    @Parameters(index = "0", paramLabel = "PATH", description = "A file or directory, or a wildcard pattern.")
    LfnArg path;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME=VALUE",
            description = "Values for defined fields; quote a value that holds spaces.")
    List<MetaTerm> assignments;

    @Override
    protected int execute() {
        List<MetaAssignment> parsed = MetaAssignment.parseAll(assignments.stream().map(MetaTerm::text).toList(), metadata().lookup());
        metadata().set(expand(path), parsed);
        return 0;
    }
}
