package org.dshell.commands;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.dshell.backend.FileCatalog;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.dshell.core.Glob;
import org.dshell.core.LfnPath;

import picocli.CommandLine.Option;

/**
 * The base of every verb: one picocli-annotated class per verb, whose options and parameters
 * drive parsing, help and completion from one declaration. {@link #execute} returns the exit status;
 * an expected failure is thrown as a DshellException.
 */
public abstract class Verb implements Callable<Integer> {

    @Option(names = "--help", usageHelp = true, description = "Show usage and examples.")
    boolean helpRequested;

    protected CommandContext ctx;

    void bind(CommandContext context) {
        this.ctx = context;
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    protected abstract int execute() throws Exception;

    protected PrintWriter out() {
        return ctx.out();
    }

    protected FileCatalog catalog() {
        return ctx.grid().catalog();
    }

    /** Whether to print JSON: the verb's --json flag, or {@code set format json}. */
    protected boolean json(boolean flag) {
        return flag || ctx.session().jsonByDefault();
    }

    /** Resolves one literal catalog path (no wildcards) against the current directory; {@code ~} is home. */
    protected LfnPath resolve(String literal) {
        return CatalogGlob.resolveLiteral(ctx.session(), Glob.literal(literal));
    }

    /** Expands a catalog argument: wildcards against the catalog (no match is an error), else one path. */
    protected List<LfnPath> expand(LfnArg arg) {
        return CatalogGlob.expand(catalog(), ctx.session(), arg.raw());
    }

    protected List<LfnPath> expandAll(List<LfnArg> args) {
        List<LfnPath> paths = new ArrayList<>();
        for (LfnArg arg : args) {
            paths.addAll(expand(arg));
        }
        return paths;
    }

    /** Stops a long verb when the user pressed Ctrl-C (the REPL interrupts the verb's thread). */
    protected static void checkInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
        }
    }
}
