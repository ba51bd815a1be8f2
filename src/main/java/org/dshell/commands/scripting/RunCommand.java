package org.dshell.commands.scripting;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dshell.commands.Dispatcher;
import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.Glob;
import org.dshell.script.BatchRunner;
import org.dshell.script.ScriptEngines;
import org.dshell.script.ScriptFiles;
import org.dshell.script.ScriptInterrupt;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs a Groovy script (or a .dsh batch file) from the prompt or a batch file. A script's
 * {@code exit(n)} ends the script, not the shell: n becomes the status of {@code run}. Ctrl-C stops
 * the script (status 130), at the prompt and in batch mode alike.
 */
@Command(name = "run", description = "Run a Groovy script (.groovy, or a #!/usr/bin/env dshell file) or a .dsh batch file.",
        footer = {"%nExamples:", "  run resubmit-failed.groovy scan", "  run replicate-query.groovy /dteam/data 'energy>10' LOCAL-BACKUP",
                "  run setup.dsh", "  run tool.groovy -- -v   (put -- before arguments that start with -)"})
public final class RunCommand extends Verb {
    @Parameters(index = "0", paramLabel = "FILE", description = "The script, a local file.")
    LocalArg file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments: 'args' in the script.")
    List<String> args = new ArrayList<>();

    @Override
    protected int execute() throws Exception {
        String shown = Glob.literal(file.path());
        Path path = ctx.session().localPath(shown);
        if (!Files.isRegularFile(path)) {
            throw DshellException.usage("no such script: " + shown);
        }
        try {
            if (ScriptFiles.isGroovy(path)) {
                // At the prompt the shell turns Ctrl-C into an interrupt; in batch mode nothing else would.
                try (ScriptInterrupt ctrlC = ctx.console().interactive() ? null : ScriptInterrupt.install(Thread.currentThread(), ctx.err())) {
                    ScriptEngines.get(ctx).runFile(path, args, ctx);
                }
                return 0;
            }
            try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                return new BatchRunner(new Dispatcher(ctx.verbs()), false).run(reader, ctx, shown);
            }
        } catch (ExitRequest exit) {
            return exit.status();
        }
    }
}
