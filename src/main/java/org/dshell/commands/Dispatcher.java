package org.dshell.commands;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.Glob;
import org.dshell.core.LineParser;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs one verb from its words, the single code path for the REPL, batch mode and scripts.
 * Maps every failure to an exit status and a one-line message in one place: usage errors (2),
 * expected failures (their own code), and unexpected faults (1, stack kept for {@code trace}).
 */
public final class Dispatcher {

    /** What running a command came to: its exit status and, when it failed, the one-line error (no prefix). */
    public record Outcome(int status, String error) {
        public boolean failed() {
            return status != ExitStatus.OK;
        }
    }

    private final VerbRegistry verbs;

    public Dispatcher(VerbRegistry verbs) {
        this.verbs = verbs;
    }

    public VerbRegistry verbs() {
        return verbs;
    }

    /** Runs every command of a text line in turn; stops at the first failure when asked to (batch). */
    public Outcome runLine(String line, CommandContext ctx, boolean stopOnFailure, FailureReporter reporter) {
        List<LineParser.ParsedCommand> commands;
        try {
            commands = LineParser.parse(line);
        } catch (DshellException e) {
            reporter.report(line.trim(), e.getMessage());
            return new Outcome(ExitStatus.USAGE, e.getMessage());
        }
        Outcome last = new Outcome(ExitStatus.OK, null);
        for (LineParser.ParsedCommand command : commands) {
            last = run(command.words(), ctx);
            if (last.failed() && last.error() != null) {
                reporter.report(command.text(), last.error());
            }
            if (last.failed() && (stopOnFailure || last.status() == ExitStatus.INTERRUPTED)) {
                return last; // Ctrl-C stops the rest of the line too
            }
        }
        return last;
    }

    /** Receives the error of a failed command with the command's text. */
    @FunctionalInterface
    public interface FailureReporter {
        void report(String commandText, String error);
    }

    /** Runs one command given as words (first word the verb). */
    public Outcome run(List<String> words, CommandContext ctx) {
        String name = Glob.literal(words.get(0));
        Optional<VerbRegistry.VerbInfo> info = verbs.find(name);
        if (info.isEmpty()) {
            List<String> suggestions = verbs.suggest(name);
            String hint = suggestions.isEmpty() ? " (type 'help' for the list)" : " (did you mean " + String.join(", ", suggestions) + "?)";
            return new Outcome(ExitStatus.USAGE, "unknown verb '" + name + "'" + hint);
        }
        Reusable reusable = reusable(info.get(), ctx);
        CommandLine commandLine = reusable.commandLine();
        try {
            ParseResult parsed = commandLine.parseArgs(words.subList(1, words.size()).toArray(String[]::new));
            if (CommandLine.printHelpIfRequested(parsed)) {
                return new Outcome(ExitStatus.OK, null);
            }
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
            }
            Object verb = parsed.commandSpec().userObject();
            if (!(verb instanceof Verb runnable)) {
                throw new ParameterException(parsed.commandSpec().commandLine(), "missing subcommand");
            }
            int status = runnable.call();
            ctx.out().flush();
            return new Outcome(status, null);
        } catch (ParameterException e) {
            ctx.session().recordError(e);
            String usageOf = e.getCommandLine().getCommandSpec().qualifiedName();
            return new Outcome(ExitStatus.USAGE, e.getMessage() + " (see '" + usageOf + " --help')");
        } catch (ExitRequest e) {
            throw e;
        } catch (DshellException e) {
            ctx.session().recordError(e);
            return new Outcome(e.exitCode(), e.getMessage());
        } catch (InterruptedException e) {
            ctx.session().recordError(e);
            return new Outcome(ExitStatus.INTERRUPTED, "interrupted");
        } catch (Exception | StackOverflowError e) {
            ctx.session().recordError(e);
            return new Outcome(ExitStatus.FAILURE, e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (the stack: 'trace')");
        } finally {
            reusable.release();
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /**
     * picocli's model of one verb, kept per thread and verb name: building it (reflection over the
     * annotations) cost more than most verbs' work. picocli resets the annotated fields to their
     * initial values on every parse; the context, streams and colours are bound again on every call.
     * A verb that runs itself again on the same thread (a batch file that runs a batch file) gets a
     * fresh model, so the outer call's fields are left alone.
     */
    private static final class Reusable {
        private final CommandLine commandLine;
        private final boolean reusable;
        private boolean inUse;

        Reusable(CommandLine commandLine) {
            this.commandLine = commandLine;
            this.reusable = groupsStartNull(commandLine);
        }

        CommandLine commandLine() {
            return commandLine;
        }

        void release() {
            inUse = false;
        }
    }

    /**
     * picocli leaves an {@code @ArgGroup} object as the previous parse filled it, so a kept model
     * sets its groups back to null before each parse: the value of a group none of whose options
     * was given, as in a fresh model. A verb that starts a group with an object is never kept.
     */
    private static boolean groupsStartNull(CommandLine commandLine) {
        try {
            for (ArgGroupSpec group : commandLine.getCommandSpec().argGroups()) {
                if (group.getter().get() != null) {
                    return false;
                }
            }
        } catch (Exception e) {
            return false;
        }
        return commandLine.getSubcommands().values().stream().allMatch(Dispatcher::groupsStartNull);
    }

    private static void clearGroups(CommandLine commandLine) {
        try {
            for (ArgGroupSpec group : commandLine.getCommandSpec().argGroups()) {
                group.setter().set(null);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot reset the option groups of " + commandLine.getCommandName(), e);
        }
        commandLine.getSubcommands().values().forEach(Dispatcher::clearGroups);
    }

    private final ThreadLocal<Map<String, Reusable>> reusables = ThreadLocal.withInitial(HashMap::new);

    /**
     * picocli's model of a verb, to be looked at (its options, its subcommands), never run through this:
     * the model this thread keeps for running the verb, built now if it has none, so that looking at a
     * verb and then running it builds the model once.
     */
    public CommandSpec spec(VerbRegistry.VerbInfo info, CommandContext ctx) {
        Map<String, Reusable> mine = reusables.get();
        Reusable kept = mine.get(info.name());
        if (kept == null) {
            kept = new Reusable(commandLine(info.factory().get(), ctx));
            if (kept.reusable) {
                mine.put(info.name(), kept);
            }
        }
        return kept.commandLine.getCommandSpec();
    }

    private Reusable reusable(VerbRegistry.VerbInfo info, CommandContext ctx) {
        Map<String, Reusable> mine = reusables.get();
        Reusable cached = mine.get(info.name());
        if (cached == null || cached.inUse || !cached.reusable) {
            Reusable fresh = new Reusable(commandLine(info.factory().get(), ctx));
            if (cached == null && fresh.reusable) {
                mine.put(info.name(), fresh);
            }
            fresh.inUse = true;
            return fresh;
        }
        cached.inUse = true;
        clearGroups(cached.commandLine);
        rebind(cached.commandLine, ctx);
        return cached;
    }

    /** Binds a new context (and its streams and colours) to a kept model and its subcommands. */
    private static void rebind(CommandLine commandLine, CommandContext ctx) {
        if (commandLine.getCommand() instanceof Verb verb) {
            verb.bind(ctx);
        }
        commandLine.setOut(ctx.out());
        commandLine.setErr(ctx.err());
        commandLine.setColorScheme(Help.defaultColorScheme(ctx.console().color() ? Help.Ansi.ON : Help.Ansi.OFF));
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            rebind(sub, ctx);
        }
    }

    /** Builds picocli's model for a verb instance, with dshell's converters and the context bound to every (sub)command. */
    public static CommandLine commandLine(Verb verb, CommandContext ctx) {
        // Not picocli's default factory: it probes for Groovy closures, which would initialise the
        // whole Groovy runtime on every start-up.
        IFactory factory = new IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    return CommandLine.defaultFactory().create(type);
                }
                java.lang.reflect.Constructor<K> constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                K instance = constructor.newInstance();
                if (instance instanceof Verb sub) {
                    sub.bind(ctx);
                }
                return instance;
            }
        };
        verb.bind(ctx);
        CommandLine commandLine = new CommandLine(verb, factory);
        commandLine.registerConverter(String.class, Glob::literal);
        commandLine.registerConverter(LfnArg.class, LfnArg::new);
        commandLine.registerConverter(LocalArg.class, LocalArg::new);
        commandLine.registerConverter(JobIdArg.class, JobIdArg::new);
        commandLine.registerConverter(ProductionIdArg.class, ProductionIdArg::new);
        commandLine.registerConverter(ProductionStepArg.class, ProductionStepArg::new);
        commandLine.registerConverter(SeArg.class, SeArg::new);
        commandLine.registerConverter(MetaTerm.class, MetaTerm::new);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setOut(ctx.out());
        commandLine.setErr(ctx.err());
        commandLine.setColorScheme(Help.defaultColorScheme(ctx.console().color() ? Help.Ansi.ON : Help.Ansi.OFF));
        return commandLine;
    }
}
