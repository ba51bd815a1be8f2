package org.dshell.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.dshell.commands.CommandContext;
import org.dshell.core.DshellException;

/**
 * Loads the Groovy script engine on first use. Groovy is not on dshell's class path (picocli would
 * initialise it at every start): {@code dshell.jar} carries it as {@code META-INF/dshell-lib/groovy.jar},
 * which is copied once to {@code $DSHELL_HOME/cache/} and opened in its own class loader. The engine's
 * classes ({@code org.dshell.script.groovy.*}) are in dshell.jar but reference Groovy, so a child-first
 * loader defines them from dshell.jar's bytes where Groovy is visible. When Groovy is already on the
 * class path (tests), it is used as it is.
 */
public final class ScriptEngines {
    static final String IMPLEMENTATION_PACKAGE = "org.dshell.script.groovy.";
    private static final String ENGINE = IMPLEMENTATION_PACKAGE + "GroovyEngine";
    private static final String EMBEDDED_JAR = "META-INF/dshell-lib/groovy.jar";

    private static ScriptEngine engine;

    private ScriptEngines() {
    }

    /** The engine of this process, loaded on the first call. */
    public static ScriptEngine get(CommandContext ctx) {
        return get(ctx.home().root().resolve("cache"));
    }

    private static synchronized ScriptEngine get(Path cache) {
        if (engine == null) {
            engine = load(cache);
        }
        return engine;
    }

    /**
     * Starts loading Groovy and compiling {@code file} on a thread of its own, so that both overlap with
     * dshell wiring itself (opening the catalog, ...) before the script runs. Failures are left for
     * {@link ScriptEngine#runFile} to report.
     */
    public static void prepare(Path cache, Path file) {
        Thread thread = new Thread(() -> {
            try {
                get(cache).prepare(file, cache);
            } catch (RuntimeException | LinkageError e) {
                // reported when the script runs
            }
        }, "dshell-script-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private static ScriptEngine load(Path cache) {
        ClassLoader own = ScriptEngines.class.getClassLoader();
        try {
            ClassLoader loader = own;
            if (own.getResource("groovy/lang/GroovyShell.class") == null) {
                URL groovyJar = extract(own, cache).toUri().toURL();
                loader = new EngineClassLoader(new URLClassLoader("groovy", new URL[] {groovyJar}, own), own);
            }
            return (ScriptEngine) Class.forName(ENGINE, true, loader).getConstructor().newInstance();
        } catch (IOException e) {
            throw DshellException.failure("cannot load Groovy: " + e.getMessage(), e);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw DshellException.failure("cannot load Groovy: " + e, e);
        }
    }

    /** Copies the embedded Groovy jar to the cache unless a copy of the same size is there already. */
    private static Path extract(ClassLoader own, Path cache) throws IOException {
        URL embedded = own.getResource(EMBEDDED_JAR);
        if (embedded == null) {
            throw new IOException("this dshell was built without " + EMBEDDED_JAR);
        }
        long size = embedded.openConnection().getContentLengthLong();
        Path target = cache.resolve("groovy-" + size + ".jar");
        if (Files.isRegularFile(target) && Files.size(target) == size) {
            return target;
        }
        Files.createDirectories(cache);
        Path partial = Files.createTempFile(cache, "groovy-", ".part");
        try (InputStream in = embedded.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return target;
    }

    /**
     * Defines the engine's classes itself (from dshell.jar's bytes), so that they resolve Groovy through
     * the Groovy loader; everything else is delegated to that loader (then to dshell's).
     */
    private static final class EngineClassLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final ClassLoader bytesFrom;

        EngineClassLoader(ClassLoader groovy, ClassLoader bytesFrom) {
            super("dshell-script", groovy);
            this.bytesFrom = bytesFrom;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(IMPLEMENTATION_PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = bytesFrom.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length, ScriptEngines.class.getProtectionDomain());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
