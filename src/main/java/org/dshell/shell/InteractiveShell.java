package org.dshell.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.commands.completion.CompletionEngine;
import org.dshell.config.DshellHome;
import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.Session;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The interactive prompt. Each command runs on a worker thread so that Ctrl-C can interrupt it
 * and return to the prompt; the loop itself never dies on an error.
 */
public final class InteractiveShell {
    private final Dispatcher dispatcher;
    private final CompletionEngine completion;
    private final DshellHome home;

    public InteractiveShell(Dispatcher dispatcher, CompletionEngine completion, DshellHome home) {
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.home = home;
    }

    public int run(Session session, CommandContext batchContext) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("dshell").build()) {
            boolean color = !batchContext.env().containsKey("NO_COLOR") && !"dumb".equals(terminal.getType());
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("dshell")
                    .parser(new DshellLineParser())
                    .variable(LineReader.HISTORY_FILE, home.historyFile())
                    .variable(LineReader.HISTORY_SIZE, 10_000)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "> ")
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                    .build();
            PrintWriter out = terminal.writer();
            CommandContext ctx = new CommandContext(out, out, batchContext.in(), session,
                    new JLineConsole(terminal, reader.getHistory(), color), batchContext.env(), batchContext.home(),
                    batchContext.settings(), batchContext::grid, batchContext.verbs());
            ((org.jline.reader.impl.LineReaderImpl) reader).setCompleter(new JLineCompleter(completion, ctx));
            warmUp(ctx);
            return loop(reader, terminal, ctx, color);
        } catch (IOException e) {
            throw DshellException.failure("cannot open the terminal: " + e.getMessage());
        }
    }

    private int loop(LineReader reader, Terminal terminal, CommandContext ctx, boolean color) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "dshell-command");
            thread.setDaemon(true);
            return thread;
        });
        int lastStatus = ExitStatus.OK;
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt(ctx.session(), color));
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return lastStatus;
                }
                if (line.isBlank()) {
                    continue;
                }
                // Ctrl-C interrupts the verb's thread and we wait for it to wind up (delete its temporary
                // files, print its own "interrupted"), so nothing it prints lands after the next prompt.
                // A verb that ignores the first Ctrl-C is abandoned at the second.
                AtomicReference<Thread> runner = new AtomicReference<>();
                AtomicInteger presses = new AtomicInteger();
                // The handler goes in before the verb starts: a verb that reads lines itself (the groovy
                // prompt, a password) swaps its own handler in and puts back the one it found. Installed
                // after, ours could land in between and the verb would put back the default one, which
                // kills the JVM at the next Ctrl-C.
                Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> {
                    presses.incrementAndGet();
                    Thread thread = runner.get();
                    if (thread != null) {
                        thread.interrupt();
                    }
                });
                Future<Dispatcher.Outcome> running;
                try {
                    running = worker.submit(() -> {
                        runner.set(Thread.currentThread());
                        try {
                            return dispatcher.runLine(line, ctx, false, (command, error) -> printError(ctx, command, error, color));
                        } finally {
                            runner.set(null);
                        }
                    });
                } catch (RuntimeException e) {
                    terminal.handle(Terminal.Signal.INT, previous);
                    throw e;
                }
                try {
                    lastStatus = await(running, presses).status();
                } catch (java.util.concurrent.CancellationException e) {
                    ctx.out().println();
                    ctx.out().println("interrupted (the command did not stop; it was abandoned)");
                    lastStatus = ExitStatus.INTERRUPTED;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ExitRequest exit) {
                        return exit.status();
                    }
                    ctx.session().recordError(e.getCause());
                    printError(ctx, line, e.getCause().toString(), color);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitStatus.INTERRUPTED;
                } finally {
                    terminal.handle(Terminal.Signal.INT, previous);
                    ctx.out().flush();
                }
            }
        } finally {
            worker.shutdownNow();
        }
    }

    /**
     * Opens the catalog and reads the current directory while the user reads the prompt, so the first
     * TAB does not pay for loading the database driver.
     */
    private void warmUp(CommandContext ctx) {
        Thread thread = new Thread(() -> {
            try {
                completion.catalogPaths("", ctx);
            } catch (RuntimeException e) {
                // Only a head start: the first command reports any real problem with the catalog.
            }
        }, "dshell-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static Dispatcher.Outcome await(Future<Dispatcher.Outcome> running, AtomicInteger presses)
            throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return running.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (presses.get() >= 2) {
                    running.cancel(true);
                    throw new java.util.concurrent.CancellationException();
                }
            }
        }
    }

    private static String prompt(Session session, boolean color) {
        String where = "dshell:" + session.cwd();
        if (!color) {
            return where + "> ";
        }
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE).bold()).append(where)
                .style(AttributedStyle.DEFAULT).append("> ").toAnsi();
    }

    private static void printError(CommandContext ctx, String command, String error, boolean color) {
        String verb = command.split("\\s+", 2)[0];
        String text = verb + ": " + error;
        ctx.out().println(color ? new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).append(text).toAnsi() : text);
        ctx.out().flush();
    }
}
