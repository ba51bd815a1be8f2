package org.dshell.commands;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

import org.dshell.backend.Grid;
import org.dshell.config.DshellHome;
import org.dshell.config.Settings;
import org.dshell.core.Session;
import org.dshell.core.UserConsole;

/**
 * Everything a verb may use: its streams, the session, the grid (opened on first use), the
 * settings and the console. Verbs never touch System.out, System.getenv or the real home directly,
 * so tests run them against StringWriters and temporary directories.
 */
public final class CommandContext {
    private final PrintWriter out;
    private final PrintWriter err;
    private final BufferedReader in;
    private final Session session;
    private final UserConsole console;
    private final Map<String, String> env;
    private final DshellHome home;
    private final Settings settings;
    private final Supplier<Grid> grid;
    private final VerbRegistry verbs;

    public CommandContext(PrintWriter out, PrintWriter err, BufferedReader in, Session session, UserConsole console,
                          Map<String, String> env, DshellHome home, Settings settings, Supplier<Grid> grid,
                          VerbRegistry verbs) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.session = session;
        this.console = console;
        this.env = env;
        this.home = home;
        this.settings = settings;
        this.grid = grid;
        this.verbs = verbs;
    }

    /** The same context writing to other streams (used to capture a verb's output, e.g. from scripts). */
    public CommandContext withStreams(PrintWriter newOut, PrintWriter newErr) {
        return new CommandContext(newOut, newErr, in, session, console, env, home, settings, grid, verbs);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public BufferedReader in() {
        return in;
    }

    public Session session() {
        return session;
    }

    public UserConsole console() {
        return console;
    }

    public Map<String, String> env() {
        return env;
    }

    public DshellHome home() {
        return home;
    }

    public Settings settings() {
        return settings;
    }

    public Grid grid() {
        return grid.get();
    }

    public VerbRegistry verbs() {
        return verbs;
    }
}
