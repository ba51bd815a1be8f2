package org.dshell.commands.shellverbs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

import org.dshell.commands.Verb;
import org.dshell.core.DshellException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs a command line in the local shell, in the local working directory; Ctrl-C stops it. */
@Command(name = "!", description = "Run a local shell command: !ls -l, !vim job.jdl.",
        footer = {"%nExamples:", "  !ls -l", "  !grep -c ERROR std.out"})
public final class LocalShellCommand extends Verb {
    @Parameters(paramLabel = "COMMAND", arity = "0..1")
    String command;

    @Override
    protected int execute() throws IOException, InterruptedException {
        if (command == null || command.isBlank()) {
            throw DshellException.usage("nothing to run after '!'");
        }
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(ctx.session().localCwd().toFile());
        if (ctx.console().interactive()) {
            builder.inheritIO();
        } else {
            // Batch input is the script itself: a local command must not swallow the lines after it.
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process process = builder.start();
        Thread outPump = null;
        Thread errPump = null;
        if (!ctx.console().interactive()) {
            outPump = pump(process.getInputStream(), out());
            errPump = pump(process.getErrorStream(), ctx.err());
        }
        try {
            int status = process.waitFor();
            if (outPump != null) {
                outPump.join();
                errPump.join();
            }
            return status;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            throw e;
        }
    }

    private static Thread pump(InputStream from, PrintWriter to) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                int n;
                while ((n = reader.read(buffer)) > 0) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // The process went away; what it wrote so far has been passed on.
            }
        }, "local-command-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
