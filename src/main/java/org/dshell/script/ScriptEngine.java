package org.dshell.script;

import java.nio.file.Path;
import java.util.List;

import org.dshell.commands.CommandContext;

/**
 * Runs scripts for dshell. The only door to Groovy: the implementation lives in
 * {@code org.dshell.script.groovy} and is loaded by {@link ScriptEngines} on first use, so nothing
 * else references Groovy classes (and start-up never loads them).
 *
 * <p>Failures come out as {@link org.dshell.core.DshellException} with a one-line message naming the
 * script and line ({@code job.groovy: line 12: ...}); {@code exit(n)} in a script as
 * {@link org.dshell.core.ExitRequest}.
 */
public interface ScriptEngine {

    /**
     * Gets a script file ready to run (compiled, or read from {@code cache}) ahead of {@link #runFile},
     * on the caller's thread; a failure here is reported by {@code runFile}.
     */
    default void prepare(Path file, Path cache) {
    }

    /** Runs a script file with its arguments ({@code args} in the script). */
    void runFile(Path file, List<String> args, CommandContext ctx);

    /** Evaluates code in the session's own variables, which persist from one call to the next. */
    Object eval(String code, CommandContext ctx);

    /** How {@code eval} and the Groovy prompt show a value. */
    String render(Object value);

    /** The multi-line Groovy prompt, until {@code :exit} or end of input; returns the exit status. */
    int interactive(CommandContext ctx);
}
