package org.dshell.commands.shellverbs;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Changes the local working directory. */
@Command(name = "lcd", description = "Change the local working directory (default: your home).",
        footer = {"%nExamples:", "  lcd /tmp", "  lcd ..", "  lcd"})
public final class LcdCommand extends Verb {
    @Parameters(paramLabel = "DIR", arity = "0..1")
    LocalArg dir;

    @Override
    protected int execute() {
        Path target = ctx.session().localPath(dir == null ? "~" : org.dshell.core.Glob.literal(dir.path()));
        if (!Files.exists(target)) {
            throw DshellException.failure("no such local directory: " + target);
        }
        if (!Files.isDirectory(target)) {
            throw DshellException.failure("not a directory: " + target);
        }
        ctx.session().changeLocalDirectory(target);
        return 0;
    }
}
