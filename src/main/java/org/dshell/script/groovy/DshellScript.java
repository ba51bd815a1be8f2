package org.dshell.script.groovy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.dshell.core.ExitRequest;
import org.dshell.script.ParallelResult;
import org.dshell.core.production.ProductionDraft;
import org.dshell.script.ScriptApi;
import org.dshell.script.ScriptErrors;
import org.dshell.script.ScriptProduction;
import org.dshell.script.TextResult;

import groovy.lang.Closure;
import groovy.lang.MissingMethodException;
import groovy.lang.Script;

/**
 * The base class of every dshell Groovy script: each verb is a method ({@code ls('/dteam')}, through
 * {@link #methodMissing}), plus {@code sh}, {@code parallel}, {@code retry}, {@code waitFor} and
 * {@code exit}. Only adapts Groovy to {@link ScriptApi}, which does the work.
 */
public abstract class DshellScript extends Script {
    private ScriptApi api;
    private String sourceName = "script";
    private Path directory;

    void api(ScriptApi scriptApi) {
        this.api = scriptApi;
    }

    /** The script's name (as in its stack frames) and the directory its relative files are read from. */
    void source(String name, Path scriptDirectory) {
        this.sourceName = name;
        this.directory = scriptDirectory;
    }

    private ScriptApi api() {
        if (api == null) {
            throw new IllegalStateException("a dshell script runs inside dshell");
        }
        return api;
    }

    /** Any verb by its name; see {@link org.dshell.script.VerbWords} for how arguments become words. */
    public Object methodMissing(String name, Object args) {
        if (!api().isVerb(name)) {
            throw new MissingMethodException(name, getClass(), args instanceof Object[] a ? a : new Object[] {args});
        }
        return api().call(name, arguments(args));
    }

    /**
     * {@code put} as a method of its own, not through {@link #methodMissing}: scripts call it once per
     * file, and Groovy finds a declared method without a failed lookup first.
     */
    public Object put(Object... args) {
        return api().call("put", Arrays.asList(args));
    }

    /** Runs a verb line as typed; returns its text and status instead of throwing. */
    public TextResult sh(String line) {
        return api().sh(line);
    }

    /** {@code find(path, query...)}: the LFNs matching a metadata query (a method of its own, as Groovy has a {@code find}). */
    public Object find(Object... args) {
        return api().find(Arrays.asList(args));
    }

    /** Submits a JDL text, a map of JDL attributes, a .jdl file, or verb words; returns the job ids. */
    public List<Long> submit(Object... args) {
        return api().submit(Arrays.asList(args));
    }

    public Object status(Object... args) {
        return api().call("status", Arrays.asList(args));
    }

    public Map<Long, String> waitFor(Object jobs) throws InterruptedException {
        return api().waitFor(jobs, null);
    }

    public Map<Long, String> waitFor(Map<String, ?> options, Object jobs) throws InterruptedException {
        return api().waitFor(jobs, options.get("timeout"));
    }

    public Object retry(Closure<?> body) throws Exception {
        return retry(Map.of(), body);
    }

    public Object retry(Map<String, ?> options, Closure<?> body) throws Exception {
        Object times = options.containsKey("times") ? options.get("times") : 3;
        return api().retry(((Number) times).intValue(), options.get("backoff"), body::call);
    }

    public ParallelResult parallel(Object items, Closure<?> body) throws InterruptedException {
        return parallel(Map.of(), items, body);
    }

    public ParallelResult parallel(Map<String, ?> options, Object items, Closure<?> body) throws InterruptedException {
        Object threads = options.containsKey("threads") ? options.get("threads") : 8;
        boolean failFast = Boolean.TRUE.equals(options.get("failFast"));
        return api().parallel(collection(items), ((Number) threads).intValue(), failFast, ClosureBodies.of(body));
    }

    /**
     * {@code production('mc') { settings(retries: 2); step('simulate') { ... }; step('process') { parent 'simulate'; ... } }}:
     * a production with the YAML file's fields, checked as a file is; {@code submit()} or {@code run(wait: true)} it.
     */
    public ScriptProduction production(String name, Closure<?> body) {
        ProductionDraft draft = new ProductionDraft(name, scriptLine());
        ProductionBuilder.fill(body, new ProductionBuilder(draft, this, this::scriptLine));
        Path base = directory != null ? directory : api().context().session().localPath(".");
        return new ScriptProduction(draft, sourceName, base.toAbsolutePath().normalize(), api().context());
    }

    private int scriptLine() {
        return Math.max(0, ScriptErrors.lineIn(new Throwable(), sourceName));
    }

    public void exit() {
        exit(0);
    }

    public void exit(int status) {
        throw new ExitRequest(status);
    }

    /** The catalog working directory now (it follows {@code cd}). */
    public String getCwd() {
        return api().context().session().cwd().toString();
    }

    private static List<?> arguments(Object args) {
        if (args instanceof Object[] array) {
            return Arrays.asList(array);
        }
        return args == null ? List.of() : List.of(args);
    }

    private static Collection<?> collection(Object items) {
        if (items instanceof Collection<?> c) {
            return c;
        }
        if (items instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (items instanceof Iterable<?> iterable) {
            List<Object> list = new java.util.ArrayList<>();
            iterable.forEach(list::add);
            return list;
        }
        return List.of(items);
    }
}
