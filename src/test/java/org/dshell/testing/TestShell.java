package org.dshell.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dshell.backend.Grid;
import org.dshell.backend.local.LocalGrid;
import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.commands.StandardVerbs;
import org.dshell.commands.VerbRegistry;
import org.dshell.config.DshellHome;
import org.dshell.config.IdentityResolver;
import org.dshell.config.IdentitySource;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.Identity;
import org.dshell.core.LfnPath;
import org.dshell.core.Session;
import org.dshell.core.UserConsole;

/**
 * Runs verbs in-process against a real embedded grid in a temporary {@code $DSHELL_HOME}, capturing
 * what they print in StringWriters: the harness for verb tests.
 */
public final class TestShell implements AutoCloseable {
    private final Path dshellHome;
    private final Path localDir;
    private final Map<String, String> env = new HashMap<>();
    private final VerbRegistry verbs = StandardVerbs.create();
    private final Dispatcher dispatcher = new Dispatcher(verbs);
    private final Session session;
    private final Grid grid;
    private final DshellHome home;
    private final Settings settings;
    private final Identity identity;

    /** A shell acting as user {@code user} (group {@code dteam_user}) on the grid in {@code dshellHome}. */
    public TestShell(Path dshellHome, String user) {
        this(dshellHome, user, "dteam_user");
    }

    public TestShell(Path dshellHome, String user, String group) {
        this.dshellHome = dshellHome;
        this.localDir = dshellHome.resolveSibling(dshellHome.getFileName() + "-local-" + user);
        try {
            Files.createDirectories(localDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("DSHELL_HOME", dshellHome.toString());
        env.put("USER", user);
        env.put("NO_COLOR", "1");
        // Never the real proxy in /tmp or the real ~/.globus: tests that want one put it here (see env()).
        env.put("X509_USER_PROXY", dshellHome.resolveSibling(dshellHome.getFileName() + "-x509up-" + user).toString());
        env.put("HOME", localDir.toString());
        home = DshellHome.resolve(env, dshellHome);
        settings = Settings.load(home.settingsFile());
        // Verb tests drive productions themselves; a test of the detached engine turns it back on.
        if (settings.get("productions.engine", null) == null) {
            settings.set("productions.engine", "off");
            settings.save();
        }
        Identity local = IdentityResolver.localIdentity(settings, env);
        identity = new Identity(local.user(), group, local.vo(), local.source());
        IdentitySource identities = new IdentitySource(identity, env, Clock.systemUTC());
        LfnPath catalogHome = IdentityResolver.homeOf(identities.get(), settings);
        session = new Session(catalogHome, localDir);
        identities.onChange(id -> session.changeHome(IdentityResolver.homeOf(id, settings)));
        grid = new LocalGrid(home.localGrid(), identities, id -> IdentityResolver.homeOf(id, settings),
                StorageSettings.load(settings, home.root()));
    }

    /** What one command line printed and returned. */
    public record Result(int status, String out, String err) {
    }

    /** Runs one line (several commands with ';'), REPL style: every command runs, errors go to err as 'verb: message'. */
    public Result run(String line) {
        return run(line, "");
    }

    /** Runs one line with {@code stdin} as the verbs' standard input (e.g. a pass phrase for --pass-stdin). */
    public Result run(String line, String stdin) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        CommandContext ctx = context(new PrintWriter(out, true), errWriter, stdin);
        Dispatcher.Outcome outcome = dispatcher.runLine(line, ctx, false,
                (command, error) -> errWriter.println(command.split("\\s+", 2)[0] + ": " + error));
        return new Result(outcome.status(), out.toString(), err.toString());
    }

    /** Runs one command given as separate words, with no parsing (names with spaces, quotes, ...). */
    public Result runWords(String... words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext ctx = context(new PrintWriter(out, true), new PrintWriter(err, true), "");
        Dispatcher.Outcome outcome = dispatcher.run(List.of(words), ctx);
        if (outcome.error() != null) {
            err.write(words[0] + ": " + outcome.error() + "\n");
        }
        return new Result(outcome.status(), out.toString(), err.toString());
    }

    public CommandContext context(PrintWriter out, PrintWriter err, String stdin) {
        return new CommandContext(out, err, new BufferedReader(new StringReader(stdin)), session, UserConsole.none(), env,
                home, settings, () -> grid, verbs);
    }

    /** Sets an environment variable the verbs see (X509_USER_PROXY, X509_CERT_DIR, HOME, ...). */
    public TestShell env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** The proxy file this shell uses unless a test sets X509_USER_PROXY: a private path, not /tmp/x509up_u&lt;uid&gt;. */
    public Path proxyFile() {
        return Path.of(env.get("X509_USER_PROXY"));
    }

    public Session session() {
        return session;
    }

    public Grid grid() {
        return grid;
    }

    public Identity identity() {
        return identity;
    }

    public Path dshellHome() {
        return dshellHome;
    }

    /** The local working directory of this shell (where get writes and put reads by default). */
    public Path localDir() {
        return localDir;
    }

    public VerbRegistry verbs() {
        return verbs;
    }

    @Override
    public void close() {
        grid.close();
    }
}
