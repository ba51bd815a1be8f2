package org.dshell.script;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.dshell.backend.FileCatalog;
import org.dshell.backend.WorkloadManager.JobFilter;
import org.dshell.backend.transfer.WrittenCopy;
import org.dshell.commands.CommandContext;
import org.dshell.commands.Dispatcher;
import org.dshell.commands.VerbRegistry;
import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.JobInfo;
import org.dshell.core.LfnPath;
import org.dshell.core.UserConsole;
import org.dshell.core.format.Json;
import org.dshell.core.jdl.Jdl;

import picocli.CommandLine.Model.CommandSpec;

/**
 * What scripts can do, in plain Java (the Groovy facade only adapts closures and named arguments):
 * call any verb and get objects back, run verb lines, submit and wait for jobs, retry, and run work in
 * parallel. Every verb call goes through the {@link Dispatcher}, the same code path as a typed verb,
 * with its output captured.
 */
public final class ScriptApi {
    /** Names a script can call besides the verbs (offered by completion at the Groovy prompt). */
    public static final List<String> FUNCTIONS = List.of("sh", "parallel", "retry", "waitFor", "find", "submit",
            "status", "exit", "args", "cwd", "out", "err", "env", "println", ":exit");

    private final CommandContext base;
    private final Dispatcher dispatcher;
    private final ThreadLocal<Worker> worker = new ThreadLocal<>();
    private final Map<String, CommandSpec> specs = new ConcurrentHashMap<>();
    private final DirectPut directPut = new DirectPut();
    /** Puts of parallel items not registered yet: every other call waits for them first. */
    private final Set<CompletableFuture<Void>> pendingPuts = ConcurrentHashMap.newKeySet();

    /** A parallel item being run on this thread: its context (no terminal) and the puts it handed over. */
    private record Worker(CommandContext ctx, WriteBehindPuts puts, List<CompletableFuture<Void>> handedOver)
            implements DirectPut.Later {
        @Override
        public CompletableFuture<Void> claim(LfnPath lfn, Supplier<FileCatalog> catalog) {
            return puts.claim(lfn, catalog);
        }

        @Override
        public void finish(CompletableFuture<Void> claimed, WrittenCopy copy, Path local) throws InterruptedException {
            puts.finish(claimed, copy, local);
            handedOver.add(claimed);
        }
    }

    public ScriptApi(CommandContext ctx) {
        this.base = ctx;
        this.dispatcher = new Dispatcher(ctx.verbs());
    }

    /**
     * The context verbs run in on this thread: parallel workers get one without a terminal. Every call
     * but a parallel item's plain {@code put} comes through here, so this is where the script waits for
     * the puts its parallel items left to finish behind them: a call sees every put made before it.
     */
    public CommandContext context() {
        awaitPendingPuts();
        return currentContext();
    }

    private CommandContext currentContext() {
        Worker current = worker.get();
        return current == null ? base : current.ctx();
    }

    private void awaitPendingPuts() {
        if (pendingPuts.isEmpty()) {
            return;
        }
        // Those pending now: puts handed over meanwhile by other threads are not ordered before this call.
        for (CompletableFuture<Void> put : List.copyOf(pendingPuts)) {
            try {
                put.get();
            } catch (ExecutionException e) {
                // the item that made the put reports its failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
            }
        }
    }

    public boolean isVerb(String name) {
        return base.verbs().find(name).isPresent();
    }

    /**
     * {@code find}: the matching LFNs as strings. The verb's JSON lists entries (path, size, ...);
     * scripts pass LFNs on to other verbs, so they get the paths. Other shapes ({@code --count}) pass through.
     */
    public Object find(List<Object> args) {
        Object result = call("find", args);
        if (!(result instanceof List<?> list)) {
            return result;
        }
        List<String> lfns = new ArrayList<>();
        for (Object item : list) {
            lfns.add(item instanceof Map<?, ?> entry && entry.containsKey("path") ? String.valueOf(entry.get("path")) : String.valueOf(item));
        }
        return lfns;
    }

    /**
     * Runs a verb with script arguments (see {@link VerbWords}); returns its {@code --json} document as
     * maps and lists when it has that option, else a {@link TextResult}. Throws {@link VerbFailure}.
     * A plain {@code put(file, dest)} takes a shorter path to the same result (see {@link DirectPut}); in
     * a parallel item it is write-behind: the item settles when the file is registered.
     */
    public Object call(String verb, List<?> args) {
        if (verb.equals("put")) {
            Worker current = worker.get();
            Map<String, Object> done = current == null ? directPut.put(args, context(), null)
                    : directPut.put(args, current.ctx(), current);
            if (done != null) {
                return done;
            }
        }
        List<String> words = new ArrayList<>();
        words.add(verb);
        words.addAll(VerbWords.of(args));
        int jsonAt = jsonPosition(words);
        if (jsonAt > 0 && !words.contains("--json")) {
            words.add(jsonAt, "--json");
        }
        Captured run = run(words);
        if (run.outcome.failed()) {
            throw failure(verb, run.outcome, run.err);
        }
        if (jsonAt < 0) {
            return new TextResult(run.out, run.outcome.status(), null);
        }
        if (run.out.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readValue(run.out, Object.class);
        } catch (IOException e) {
            return new TextResult(run.out, run.outcome.status(), null);
        }
    }

    /** Runs a verb line as typed ({@code ;} between commands), stopping at the first failure; never throws for a failing verb. */
    public TextResult sh(String line) {
        StringWriter out = new StringWriter();
        StringBuilder errors = new StringBuilder();
        CommandContext ctx = context().withStreams(new PrintWriter(out, true), new PrintWriter(out, true));
        Dispatcher.Outcome outcome = dispatcher.runLine(line, ctx, true, (command, error) -> {
            if (!errors.isEmpty()) {
                errors.append("; ");
            }
            errors.append(command.split("\\s+", 2)[0]).append(": ").append(error);
        });
        checkInterrupted(outcome);
        return new TextResult(out.toString(), outcome.status(), errors.isEmpty() ? outcome.error() : errors.toString());
    }

    /**
     * Submits jobs and returns their ids. One argument may be a JDL text (starting with {@code [}), a map
     * of JDL attributes ({@code [Executable: 'echo', Arguments: 'hi', JobGroup: 'g']}) or a .jdl file;
     * anything else is passed to the {@code submit} verb as words ({@code submit('-n', 'x', '--', 'echo', 'hi')}).
     */
    public List<Long> submit(List<?> args) {
        Path temporary = null;
        List<Object> words = new ArrayList<>(args);
        try {
            if (args.size() == 1 && args.get(0) instanceof Map<?, ?> attributes) {
                temporary = writeJdl(jdlOf(attributes).toJdl());
                words = List.of(temporary.toString());
            } else if (args.size() == 1 && args.get(0) instanceof CharSequence text && text.toString().strip().startsWith("[")) {
                temporary = writeJdl(text.toString());
                words = List.of(temporary.toString());
            }
            Object result = call("submit", words);
            List<Long> ids = new ArrayList<>();
            if (result instanceof Map<?, ?> map && map.get("ids") instanceof List<?> list) {
                list.forEach(id -> ids.add(((Number) id).longValue()));
            }
            return ids;
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // a temporary file left in /tmp is harmless
                }
            }
        }
    }

    private static Jdl jdlOf(Map<?, ?> attributes) {
        Jdl jdl = new Jdl();
        attributes.forEach((key, value) -> {
            String name = key.toString();
            if (value instanceof Collection<?> items) {
                jdl.set(name, items.stream().map(String::valueOf).toList());
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                jdl.set(name, ((Number) value).longValue());
            } else if (value != null) {
                jdl.set(name, value.toString());
            }
        });
        return jdl;
    }

    private static Path writeJdl(String text) {
        try {
            Path file = Files.createTempFile("dshell-script-", ".jdl");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Blocks until every job is in a final state and returns the state of each (id to state name, in the
     * order given). Jobs are ids, lists of ids, or maps with an {@code id} (what {@code status} returns).
     */
    public Map<Long, String> waitFor(Object jobs, Object timeout) throws InterruptedException {
        Set<Long> ids = new LinkedHashSet<>();
        collectIds(jobs, ids);
        Duration limit = timeout == null ? null : ScriptDurations.parse(timeout);
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        long pause = 100;
        while (true) {
            Map<Long, String> states = new LinkedHashMap<>();
            ids.forEach(id -> states.put(id, null));
            List<JobInfo> infos = ids.isEmpty() ? List.of()
                    : context().grid().workload().jobs(new JobFilter(ids, Set.of(), null, null, null, true));
            boolean allFinal = true;
            for (JobInfo job : infos) {
                states.put(job.id(), job.state().diracName());
                allFinal &= job.state().isFinal();
            }
            List<Long> unknown = states.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList();
            if (!unknown.isEmpty()) {
                throw new VerbFailure("waitFor", ExitStatus.FAILURE, "no such job: " + unknown.get(0));
            }
            if (allFinal) {
                return states;
            }
            if (System.nanoTime() > deadline) {
                List<Long> open = infos.stream().filter(j -> !j.state().isFinal()).map(JobInfo::id).toList();
                throw new VerbFailure("waitFor", ExitStatus.FAILURE, "timed out after " + ScriptDurations.format(limit)
                        + "; " + open.size() + " job(s) not final: " + open.stream().limit(10).map(String::valueOf).toList());
            }
            Thread.sleep(pause);
            pause = Math.min(2000, pause * 2);
        }
    }

    private static void collectIds(Object jobs, Set<Long> into) {
        if (jobs == null) {
            return;
        }
        if (jobs instanceof Number id) {
            into.add(id.longValue());
        } else if (jobs instanceof Map<?, ?> job && job.get("id") != null) {
            collectIds(job.get("id"), into);
        } else if (jobs instanceof Collection<?> items) {
            items.forEach(item -> collectIds(item, into));
        } else if (jobs.getClass().isArray()) {
            for (int i = 0; i < java.lang.reflect.Array.getLength(jobs); i++) {
                collectIds(java.lang.reflect.Array.get(jobs, i), into);
            }
        } else {
            try {
                into.add(Long.parseLong(jobs.toString().strip()));
            } catch (NumberFormatException e) {
                throw DshellException.usage("waitFor: not a job id: " + jobs);
            }
        }
    }

    /**
     * Calls {@code body} up to {@code times} times until it returns; waits {@code backoff} after the first
     * failure, doubling the wait after each further one. The last failure is thrown.
     */
    public Object retry(int times, Object backoff, Callable<?> body) throws Exception {
        if (times < 1) {
            throw DshellException.usage("retry: times must be at least 1");
        }
        Duration wait = ScriptDurations.parse(backoff == null ? 0 : backoff);
        for (int attempt = 1; ; attempt++) {
            try {
                return body.call();
            } catch (ExitRequest | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt >= times || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                PrintWriter err = context().err();
                err.println("retry: attempt " + attempt + " of " + times + " failed: " + ScriptErrors.oneLine(e)
                        + (wait.isZero() ? "" : "; again in " + ScriptDurations.format(wait)));
                err.flush();
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2);
            }
        }
    }

    /**
     * Runs {@code body} over the items on at most {@code threads} threads; see {@link Parallel}. A plain
     * {@code put} in an item is finished behind it ({@link WriteBehindPuts}); this returns once every
     * such put is registered or failed.
     */
    public ParallelResult parallel(Collection<?> items, int threads, boolean failFast, Parallel.Body body)
            throws InterruptedException {
        CommandContext parent = context();
        CommandContext quiet = new CommandContext(parent.out(), parent.err(), parent.in(), parent.session(), UserConsole.none(),
                parent.env(), parent.home(), parent.settings(), parent::grid, parent.verbs());
        WriteBehindPuts puts = new WriteBehindPuts(() -> parent.grid().registrar(), pendingPuts);
        Parallel.Body inWorker = item -> {
            Worker current = new Worker(quiet, puts, new ArrayList<>());
            worker.set(current);
            Object value;
            try {
                value = body.apply(item);
            } finally {
                worker.remove();
            }
            List<CompletableFuture<Void>> handedOver = current.handedOver();
            return handedOver.isEmpty() ? value
                    : new Parallel.Deferred(value, CompletableFuture.allOf(handedOver.toArray(CompletableFuture[]::new)));
        };
        try {
            return new Parallel(threads, failFast, parent.console().interactive(), parent.err()).run(items, inWorker, puts::abort);
        } finally {
            // Puts of items that failed after handing them over (or of an exit()) still finish before parallel returns.
            puts.close();
        }
    }

    private record Captured(Dispatcher.Outcome outcome, String out, String err) {
    }

    private Captured run(List<String> words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandContext ctx = context().withStreams(new PrintWriter(out, true), new PrintWriter(err, true));
        Dispatcher.Outcome outcome = dispatcher.run(words, ctx);
        checkInterrupted(outcome);
        return new Captured(outcome, out.toString(), err.toString());
    }

    private static void checkInterrupted(Dispatcher.Outcome outcome) {
        if (outcome.status() == ExitStatus.INTERRUPTED) {
            // Keep the flag, so the script's interrupt checks stop it even if it catches this.
            Thread.currentThread().interrupt();
            throw new DshellException(ExitStatus.INTERRUPTED, "interrupted");
        }
    }

    /**
     * The verb's one-line error; a verb that failed without one (a bulk verb whose items failed) printed
     * why on its error stream, as {@code put: failed: FILE: REASON}, and that line is the message.
     */
    private static VerbFailure failure(String verb, Dispatcher.Outcome outcome, String err) {
        if (outcome.error() != null) {
            return new VerbFailure(verb, outcome.status(), outcome.error());
        }
        String prefix = verb + ": ";
        String said = err.lines().filter(line -> line.startsWith(prefix)).findFirst().map(line -> line.substring(prefix.length()))
                .orElse("failed (exit " + outcome.status() + ")");
        return new VerbFailure(verb, outcome.status(), said);
    }

    /**
     * Where {@code --json} goes in the words (after the verb and its subcommands), or -1 when the verb
     * has no such option (or is unknown: the dispatcher then reports it).
     */
    private int jsonPosition(List<String> words) {
        Optional<VerbRegistry.VerbInfo> info = base.verbs().find(words.get(0));
        if (info.isEmpty()) {
            return -1;
        }
        int position = 1;
        // picocli's model of the verb, only looked at: the one the dispatcher then runs the verb with.
        CommandSpec spec = specs.computeIfAbsent(info.get().name(), name -> dispatcher.spec(info.get(), base));
        while (position < words.size() && spec.subcommands().containsKey(words.get(position))) {
            spec = spec.subcommands().get(words.get(position)).getCommandSpec();
            position++;
        }
        return spec.findOption("--json") != null ? position : -1;
    }

    /** Exposed for the Groovy prompt's completion. */
    public List<String> names() {
        List<String> names = new ArrayList<>(FUNCTIONS);
        names.addAll(base.verbs().names());
        return names;
    }
}
