package org.dshell.commands.catalog;

import java.util.List;

import org.dshell.commands.LfnArg;
import org.dshell.commands.Verb;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Creates catalog directories. */
@Command(name = "mkdir", description = "Create catalog directories.",
        footer = {"%nExamples:", "  mkdir run1", "  mkdir -p /dteam/data/2026/run1"})
public final class MkdirCommand extends Verb {
    @Option(names = "-p", description = "Create missing parents; an existing directory is no error.")
    boolean parents;

    @Parameters(paramLabel = "DIR", arity = "1..*")
    List<LfnArg> dirs;

    @Override
    protected int execute() {
        for (LfnArg dir : dirs) {
            catalog().mkdir(resolve(dir.raw()), parents);
        }
        return 0;
    }
}
