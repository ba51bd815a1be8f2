package org.dshell.commands.catalog;

import java.util.List;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;
import org.dshell.core.LfnPath;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Removes empty catalog directories. */
@Command(name = "rmdir", description = "Remove empty catalog directories.",
        footer = {"%nExamples:", "  rmdir run1", "  rmdir old*"})
public final class RmdirCommand extends Verb {
    @Parameters(paramLabel = "DIR", arity = "1..*")
    List<LfnArg> dirs;

    @Override
    protected int execute() {
        for (LfnPath dir : expandAll(dirs)) {
            catalog().rmdir(dir);
        }
        return 0;
    }
}
