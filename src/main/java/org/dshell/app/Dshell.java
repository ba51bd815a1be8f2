package org.dshell.app;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.dshell.backend.Grid;
import org.dshell.backend.local.LocalGrid;
import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.commands.StandardVerbs;
import org.dshell.commands.VerbRegistry;
import org.dshell.commands.completion.CompletionEngine;
import org.dshell.config.DshellHome;
import org.dshell.config.IdentityResolver;
import org.dshell.config.IdentitySource;
import org.dshell.config.Settings;
import org.dshell.config.StorageSettings;
import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.LfnPath;
import org.dshell.core.Session;
import org.dshell.core.UserConsole;
import org.dshell.core.completion.Candidate;
import org.dshell.script.BatchRunner;
import org.dshell.script.ScriptEngines;
import org.dshell.script.ScriptFiles;
import org.dshell.script.ScriptInterrupt;

/**
 * dshell built from its inputs (environment, home directory, working directory, streams, whether
 * there is a terminal), so tests run the whole tool without touching the real ones.
 */
public final class Dshell {
    public static final String VERSION = "0.1.0";

    private static final String USAGE = """
            Usage: dshell [--keep-going] [FILE.dsh [ARGS...]]
                   dshell SCRIPT.groovy [ARGS...]
                   dshell [--keep-going] -c 'COMMAND; COMMAND...'
                   dshell --version | --help

            With no FILE, dshell reads commands from standard input: an interactive prompt on a
            terminal, batch mode from a pipe or heredoc (dshell <<EOF ... EOF).

              -c COMMANDS     run the commands and exit
              --keep-going    in batch mode, run every command even after a failure (exit 1 if any failed)
              --version       print the version
              --help          print this help; inside dshell, 'help' lists the verbs

            Environment: DSHELL_HOME (state, default ~/.dshell), NO_COLOR, X509_USER_PROXY,
            X509_USER_CERT, X509_USER_KEY, X509_CERT_DIR, JAVA_OPTS (via the launcher).
            """;

    private final Map<String, String> env;
    private final Path userHome;
    private final Path workingDirectory;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final boolean terminal;

    public Dshell(Map<String, String> env, Path userHome, Path workingDirectory, InputStream stdin,
                  OutputStream stdout, OutputStream stderr, boolean terminal) {
        this.env = env;
        this.userHome = userHome;
        this.workingDirectory = workingDirectory;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.terminal = terminal;
    }

    public int run(String... args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        try {
            return run(Arrays.asList(args), out, err);
        } catch (DshellException e) {
            err.println("dshell: " + e.getMessage());
            return e.exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(List<String> args, PrintWriter out, PrintWriter err) {
        boolean keepGoing = false;
        String commands = null;
        int i = 0;
        for (; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--version", "-V" -> {
                    out.println("dshell " + VERSION);
                    return ExitStatus.OK;
                }
                case "--help", "-h" -> {
                    out.print(USAGE);
                    return ExitStatus.OK;
                }
                case "--keep-going", "-k" -> keepGoing = true;
                case "-c" -> {
                    if (i + 1 >= args.size()) {
                        throw DshellException.usage("-c needs the commands to run");
                    }
                    commands = args.get(++i);
                }
                case "--complete" -> {
                    return complete(args.subList(i + 1, args.size()), out, err);
                }
                default -> {
                    if (arg.startsWith("-") && !arg.equals("-")) {
                        throw DshellException.usage("unknown option '" + arg + "' (see dshell --help)");
                    }
                }
            }
            if (!arg.startsWith("-")) {
                break;
            }
        }
        List<String> rest = args.subList(Math.min(i, args.size()), args.size());
        if (commands == null && !rest.isEmpty()) {
            prepareScript(rest.get(0));
        }
        VerbRegistry verbs = StandardVerbs.create();
        Dispatcher dispatcher = new Dispatcher(verbs);
        try (Wiring wiring = wire(out, err, verbs)) {
            CommandContext ctx = wiring.context();
            if (wiring.grid() instanceof LocalGrid local) {
                local.reconcileJobsInBackground();
            }
            BatchRunner batch = new BatchRunner(dispatcher, keepGoing);
            if (commands != null) {
                return batch.run(new BufferedReader(new StringReader(commands)), ctx, null);
            }
            if (!rest.isEmpty()) {
                return runFile(rest.get(0), rest.subList(1, rest.size()), batch, ctx);
            }
            if (terminal) {
                if (wiring.grid() instanceof LocalGrid local) {
                    // Active productions get their detached engine back after a reboot (see docs/productions.md).
                    local.ensureProductionEngineInBackground();
                }
                return new org.dshell.shell.InteractiveShell(dispatcher, new CompletionEngine(verbs), wiring.home())
                        .run(wiring.session(), ctx);
            }
            return batch.run(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)), ctx, "line");
        } catch (IOException e) {
            throw DshellException.failure("cannot read input: " + e.getMessage());
        }
    }

    private int runFile(String name, List<String> args, BatchRunner batch, CommandContext ctx) throws IOException {
        Path file = workingDirectory.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw DshellException.usage("no such script: " + name);
        }
        if (ScriptFiles.isGroovy(file)) {
            return runGroovy(file, args, ctx);
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return batch.run(reader, ctx, name);
        }
    }

    /**
     * Opens the catalog (loading the database driver) while the script is still being prepared on another
     * thread; nearly every script uses it, and the first verb call then finds it open.
     */
    private static void openCatalog(CommandContext ctx) {
        try {
            ctx.grid().catalog().stat(ctx.session().cwd());
        } catch (RuntimeException e) {
            // the script's first verb reports any real problem with the catalog
        }
    }

    /** Starts loading Groovy and compiling a script file while the rest of dshell is wired. */
    private void prepareScript(String name) {
        Path file = workingDirectory.resolve(name);
        if (Files.isRegularFile(file) && ScriptFiles.isGroovy(file)) {
            ScriptEngines.prepare(DshellHome.resolve(env, userHome).root().resolve("cache"), file);
        }
    }

    /**
     * {@code dshell SCRIPT.groovy ARGS...}: errors as one line naming the script and line; {@code exit(n)} exits
     * with n; Ctrl-C stops the script (exit 130), a second Ctrl-C abandons it.
     */
    private static int runGroovy(Path file, List<String> args, CommandContext ctx) {
        openCatalog(ctx);
        try (ScriptInterrupt ctrlC = ScriptInterrupt.install(Thread.currentThread(), ctx.err())) {
            ScriptEngines.get(ctx).runFile(file, args, ctx);
            return ExitStatus.OK;
        } catch (ExitRequest exit) {
            return exit.status();
        } catch (DshellException e) {
            ctx.out().flush();
            boolean interrupted = e.exitCode() == ExitStatus.INTERRUPTED;
            ctx.err().println(interrupted ? file.getFileName() + ": " + e.getMessage() : e.getMessage());
            if (interrupted) {
                Thread.interrupted(); // stopped; the grid still closes normally
            }
            return e.exitCode();
        }
    }

    /** The hidden entry point behind the bash and zsh completion scripts: prints one candidate per line. */
    private int complete(List<String> words, PrintWriter out, PrintWriter err) {
        if (words.isEmpty()) {
            return ExitStatus.OK;
        }
        VerbRegistry verbs = StandardVerbs.create();
        try (Wiring wiring = wire(out, err, verbs)) {
            List<String> before = new ArrayList<>(words.subList(0, words.size() - 1));
            String partial = words.get(words.size() - 1);
            for (Candidate c : new CompletionEngine(verbs).complete(before, partial, wiring.context())) {
                out.println(c.value());
            }
        } catch (DshellException e) {
            // Completion must never print errors into the user's command line.
        }
        return ExitStatus.OK;
    }

    /** The objects one run shares, closed together at the end. */
    private record Wiring(DshellHome home, Session session, CommandContext context, Grid grid) implements AutoCloseable {
        @Override
        public void close() {
            grid.close();
        }
    }

    private Wiring wire(PrintWriter out, PrintWriter err, VerbRegistry verbs) {
        DshellHome home = DshellHome.resolve(env, userHome);
        Settings settings = Settings.load(home.settingsFile());
        IdentitySource identities = new IdentitySource(IdentityResolver.localIdentity(settings, env), env, Clock.systemUTC());
        LfnPath catalogHome = IdentityResolver.homeOf(identities.get(), settings);
        Session session = new Session(catalogHome, workingDirectory);
        identities.onChange(identity -> session.changeHome(IdentityResolver.homeOf(identity, settings)));
        Grid grid = new LocalGrid(home.localGrid(), identities, identity -> IdentityResolver.homeOf(identity, settings),
                StorageSettings.load(settings, home.root()), env);
        UserConsole console = UserConsole.none();
        CommandContext ctx = new CommandContext(out, err, new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)),
                session, console, env, home, settings, () -> grid, verbs);
        return new Wiring(home, session, ctx, grid);
    }
}
