package org.dshell.script.groovy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;

import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.syntax.SyntaxException;
import org.dshell.commands.CommandContext;
import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.dshell.core.Session;
import org.dshell.script.GroovyInput;
import org.dshell.script.ScriptApi;
import org.dshell.script.ScriptEngine;
import org.dshell.script.ScriptErrors;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.transform.ThreadInterrupt;

/**
 * Groovy 4 behind {@link ScriptEngine}. Scripts extend {@link DshellScript}; every loop and method
 * checks for interrupts (the {@code ThreadInterrupt} transform), so Ctrl-C stops a script.
 */
public final class GroovyEngine implements ScriptEngine {
    private static final String EVAL_NAME = "eval";
    private static final String PROMPT_NAME = "groovy";

    /** The variables of {@code eval} and the Groovy prompt, one set per shell session. */
    private final Map<Session, Binding> sessions = Collections.synchronizedMap(new WeakHashMap<>());
    private final CompiledScripts files = new CompiledScripts(GroovyEngine::config, GroovyEngine.class.getClassLoader());

    @Override
    public void prepare(Path file, Path cache) {
        withEngineLoader(() -> {
            files.prepare(file, scriptCache(cache));
            if (mayPrintValues(file)) {
                warmUp();
            }
            return null;
        });
    }

    /**
     * Whether a script's text prints or formats values ({@code println}, {@code printf}, a GString...),
     * the uses that need {@link #warmUp}. A script that only moves data is spared the warm-up's quarter
     * second of CPU, which on a two-core machine its own first work (a parallel put) would wait for.
     */
    static boolean mayPrintValues(Path file) {
        try {
            String source = Files.readString(file);
            return source.contains("print") || source.contains("format") || source.contains("$")
                    || source.contains("inspect") || source.contains("dump") || source.contains("toString");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /**
     * Initialises what nearly every script reaches and whose first use is slow: Groovy's string forms
     * ({@code println} of a list, a GString) first scan the JDK's modules for the default imports.
     */
    private static void warmUp() {
        try {
            Class.forName("org.codehaus.groovy.runtime.FormatHelper", true, GroovyEngine.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // only a head start
        }
    }

    @Override
    public void runFile(Path file, List<String> args, CommandContext ctx) {
        Binding binding = new Binding();
        bindStandard(binding, ctx, args);
        String name = file.getFileName().toString();
        Path directory = file.toAbsolutePath().normalize().getParent();
        Path cache = scriptCache(ctx.home().root().resolve("cache"));
        execute(name, ctx, () -> withSource(InvokerHelper.createScript(files.load(file, cache), binding), name, directory));
    }

    private static Path scriptCache(Path cache) {
        return cache == null ? null : cache.resolve("scripts");
    }

    private static <T> T withEngineLoader(java.util.function.Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GroovyEngine.class.getClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public Object eval(String code, CommandContext ctx) {
        return evalAs(EVAL_NAME, code, ctx);
    }

    private Object evalAs(String name, String code, CommandContext ctx) {
        Binding binding = sessionBinding(ctx);
        return execute(name, ctx, () -> withSource(shell(binding).parse(GroovyInput.sessionVariables(code), name), name, null));
    }

    private static Script withSource(Script script, String name, Path directory) {
        ((DshellScript) script).source(name, directory);
        return script;
    }

    @Override
    public String render(Object value) {
        return InvokerHelper.toString(value);
    }

    @Override
    public int interactive(CommandContext ctx) {
        List<String> names = new ArrayList<>(new ScriptApi(ctx).names());
        StringBuilder buffer = new StringBuilder();
        PrintWriter out = ctx.out();
        out.println("Groovy " + GroovySystemVersion.get() + " with the dshell API; :exit to leave.");
        out.flush();
        while (true) {
            String line;
            try {
                line = ctx.console().readLine(buffer.isEmpty() ? "groovy> " : "groovy| ", names);
            } catch (DshellException e) {
                if (e.exitCode() != ExitStatus.INTERRUPTED) {
                    throw e;
                }
                buffer.setLength(0);
                continue;
            }
            if (line == null) {
                return ExitStatus.OK;
            }
            if (buffer.isEmpty() && (line.strip().equals(":exit") || line.strip().equals(":quit"))) {
                return ExitStatus.OK;
            }
            buffer.append(line).append('\n');
            if (GroovyInput.isIncomplete(buffer.toString())) {
                continue;
            }
            String code = buffer.toString();
            buffer.setLength(0);
            try {
                Object value = evalAs(PROMPT_NAME, code, ctx);
                if (value != null) {
                    out.println("==> " + render(value));
                }
            } catch (DshellException e) {
                if (e.exitCode() == ExitStatus.INTERRUPTED) {
                    throw e;
                }
                ctx.session().recordError(e.getCause() == null ? e : e.getCause());
                out.println(e.getMessage());
            }
            out.flush();
            sessionBinding(ctx).getVariables().keySet().forEach(k -> {
                if (!names.contains(k.toString())) {
                    names.add(k.toString());
                }
            });
        }
    }

    private Binding sessionBinding(CommandContext ctx) {
        Binding binding = sessions.computeIfAbsent(ctx.session(), s -> new Binding());
        bindStandard(binding, ctx, binding.hasVariable("args") ? null : List.of());
        return binding;
    }

    private static void bindStandard(Binding binding, CommandContext ctx, List<String> args) {
        if (args != null) {
            binding.setVariable("args", new ArrayList<>(args));
        }
        binding.setVariable("out", ctx.out());
        binding.setVariable("err", ctx.err());
        binding.setVariable("env", Collections.unmodifiableMap(ctx.env()));
    }

    private static GroovyShell shell(Binding binding) {
        return new GroovyShell(GroovyEngine.class.getClassLoader(), binding, config());
    }

    private static CompilerConfiguration config() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(DshellScript.class.getName());
        config.addCompilationCustomizers(new ASTTransformationCustomizer(ThreadInterrupt.class));
        return config;
    }

    /** Compiles and runs a script, turning every failure into one line that names the script and line. */
    private Object execute(String name, CommandContext ctx, Callable<Script> compile) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(GroovyEngine.class.getClassLoader());
        try {
            Script script = compile.call();
            ((DshellScript) script).api(new ScriptApi(ctx));
            return script.run();
        } catch (MultipleCompilationErrorsException e) {
            throw compileError(name, e);
        } catch (CompilationFailedException e) {
            throw new DshellException(ExitStatus.FAILURE, name + ": " + e.getMessage().strip(), e);
        } catch (ExitRequest e) {
            throw e;
        } catch (IOException e) {
            throw DshellException.failure("cannot read " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            thread.interrupt();
            throw new DshellException(ExitStatus.INTERRUPTED, "interrupted", e);
        } catch (Exception | StackOverflowError e) {
            if (e instanceof DshellException d && d.exitCode() == ExitStatus.INTERRUPTED) {
                throw d;
            }
            if (e instanceof DshellException d && d.getMessage().startsWith(name + ": line ")) {
                // already names the script line (a production built in the script, checked as YAML is)
                throw new DshellException(ExitStatus.FAILURE, d.getMessage(), d);
            }
            int line = ScriptErrors.lineIn(e, name);
            String where = name + (line > 0 ? ": line " + line : "") + ": ";
            throw new DshellException(ExitStatus.FAILURE, where + ScriptErrors.oneLine(e), e);
        } finally {
            thread.setContextClassLoader(previous);
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    private static DshellException compileError(String name, MultipleCompilationErrorsException e) {
        Message first = e.getErrorCollector().getErrors().isEmpty() ? null : e.getErrorCollector().getErrors().get(0);
        if (first instanceof SyntaxErrorMessage syntax) {
            SyntaxException cause = syntax.getCause();
            return new DshellException(ExitStatus.FAILURE, name + ": line " + cause.getLine() + ": "
                    + cause.getOriginalMessage().strip(), e);
        }
        String text = e.getMessage().strip();
        return new DshellException(ExitStatus.FAILURE, name + ": " + text.lines().skip(1).findFirst().orElse(text), e);
    }

    /** Groovy's version, for the prompt's greeting. */
    private static final class GroovySystemVersion {
        static String get() {
            return groovy.lang.GroovySystem.getVersion();
        }
    }
}
