package org.dshell.script;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

import org.dshell.core.ExitStatus;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C for a script that runs outside the interactive prompt ({@code dshell job.groovy}, or
 * {@code run job.groovy} in batch mode), where no terminal handler is installed: the first SIGINT
 * interrupts the script's thread, which stops the script as the prompt's Ctrl-C does (running verbs
 * and {@code parallel} items clean up, items not started never start); a second one abandons it and
 * the process exits with 130 (a third halts it, should shutting down hang as well). Closing puts the
 * previous handler back.
 */
public final class ScriptInterrupt implements AutoCloseable {
    private static final Signal INT = new Signal("INT");

    /** False in dshell's daemon, where Ctrl-C arrives from the client as an interrupt of the command's thread. */
    private static volatile boolean signalsAreCtrlC = true;

    private final SignalHandler previous;

    private ScriptInterrupt(SignalHandler previous) {
        this.previous = previous;
    }

    /** For the daemon: this process's SIGINT is nobody's Ctrl-C, so {@link #install} leaves it alone. */
    public static void ignoreProcessSignals() {
        signalsAreCtrlC = false;
    }

    /** Sends Ctrl-C to {@code script} (a thread) until closed; null when SIGINT cannot be handled here (ignored, -Xrs, the daemon). */
    public static ScriptInterrupt install(Thread script, PrintWriter err) {
        if (!signalsAreCtrlC) {
            return null;
        }
        AtomicInteger presses = new AtomicInteger();
        try {
            return new ScriptInterrupt(Signal.handle(INT, signal -> {
                int press = presses.incrementAndGet();
                if (press == 1) {
                    script.interrupt();
                    return;
                }
                if (press > 2) {
                    Runtime.getRuntime().halt(ExitStatus.INTERRUPTED); // shutting down hangs too
                }
                err.println();
                err.println("interrupted (the script did not stop; it was abandoned)");
                err.flush();
                System.exit(ExitStatus.INTERRUPTED);
            }));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return null;
        }
    }

    @Override
    public void close() {
        Signal.handle(INT, previous);
    }
}
