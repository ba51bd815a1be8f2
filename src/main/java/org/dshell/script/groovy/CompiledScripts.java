package org.dshell.script.groovy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.tools.GroovyClass;

import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovySystem;

/**
 * Script files compiled once and kept as class bytes in {@code $DSHELL_HOME/cache/scripts}: running a
 * script again skips Groovy's compiler, whose loading and warming up (the parser above all) was most of
 * a script's start-up. An entry is keyed by the script's bytes, its file name (the class name and the
 * file its stack frames name), Groovy's version and dshell's own script classes, so an edited script or
 * another dshell compiles again. {@code dshell SCRIPT.groovy} starts this while dshell is still wiring
 * itself (see {@link #prepare}).
 */
final class CompiledScripts {
    private static final String FORMAT = "dshell-compiled-script 1";

    private final Supplier<CompilerConfiguration> config;
    private final ClassLoader parent;
    private final Map<String, CompletableFuture<Class<?>>> inProcess = new ConcurrentHashMap<>();

    /** @param config made only when a script is compiled: building it loads much of the compiler */
    CompiledScripts(Supplier<CompilerConfiguration> config, ClassLoader parent) {
        this.config = config;
        this.parent = parent;
    }

    /** Compiles (or reads from the cache) {@code file} ahead of {@link #load}, on the caller's thread. */
    void prepare(Path file, Path cache) {
        CompletableFuture<Class<?>> future = new CompletableFuture<>();
        try {
            String key = key(file, Files.readAllBytes(file));
            if (inProcess.putIfAbsent(key, future) == null) {
                future.complete(loadOrCompile(file, key, cache));
            }
        } catch (Exception | LinkageError e) {
            future.completeExceptionally(e);
        }
    }

    /**
     * The script class of {@code file}: the one {@link #prepare} made, else one from the cache, else
     * compiled (and cached). Each run gets classes of its own, as with a fresh compile.
     */
    Class<?> load(Path file, Path cache) throws Exception {
        String key = key(file, Files.readAllBytes(file));
        CompletableFuture<Class<?>> prepared = inProcess.remove(key);
        if (prepared == null) {
            return loadOrCompile(file, key, cache);
        }
        try {
            return prepared.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Class<?> loadOrCompile(Path file, String key, Path cache) throws IOException, ClassNotFoundException {
        Path entry = cache == null ? null : cache.resolve(prefix(file) + key + ".classes");
        Compiled compiled = entry == null ? null : read(entry);
        if (compiled == null) {
            compiled = compile(file);
            if (entry != null) {
                write(entry, compiled, prefix(file));
            }
        }
        return new ScriptLoader(parent, compiled.classes()).loadClass(compiled.main());
    }

    /** The script's class name and the bytes of every class it compiles to (closures are classes too). */
    private record Compiled(String main, Map<String, byte[]> classes) {
    }

    private Compiled compile(Path file) {
        CompilerConfiguration configuration = config.get();
        GroovyClassLoader resolver = new GroovyClassLoader(parent, configuration);
        CompilationUnit unit = new CompilationUnit(configuration, null, resolver);
        SourceUnit source = unit.addSource(file.toFile());
        unit.compile(Phases.CLASS_GENERATION);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        for (GroovyClass c : unit.getClasses()) {
            classes.put(c.getName(), c.getBytes());
        }
        // The module's first class is the script's (what GroovyShell.parse returns).
        return new Compiled(source.getAST().getClasses().get(0).getName(), classes);
    }

    private static Compiled read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(entry))) {
            if (!FORMAT.equals(in.readUTF())) {
                return null;
            }
            String main = in.readUTF();
            int count = in.readInt();
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return classes.containsKey(main) ? new Compiled(main, classes) : null;
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is compiled again
        }
    }

    /** Writes the entry (atomically) and drops older entries of the same script file. Best effort: it is a cache. */
    private static void write(Path entry, Compiled compiled, String prefix) {
        try {
            Path dir = entry.getParent();
            Files.createDirectories(dir);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.writeUTF(FORMAT);
                out.writeUTF(compiled.main());
                out.writeInt(compiled.classes().size());
                for (Map.Entry<String, byte[]> c : compiled.classes().entrySet()) {
                    out.writeUTF(c.getKey());
                    out.writeInt(c.getValue().length);
                    out.write(c.getValue());
                }
            }
            Path partial = Files.createTempFile(dir, "script-", ".part");
            Files.write(partial, buffer.toByteArray());
            Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (DirectoryStream<Path> older = Files.newDirectoryStream(dir, prefix + "*.classes")) {
                for (Path old : older) {
                    if (!old.equals(entry)) {
                        Files.deleteIfExists(old);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the script runs from memory; the next run compiles again
        }
    }

    /** Entries of one script file share this prefix (a hash of its absolute path), so a new version replaces the old. */
    private static String prefix(Path file) {
        return sha256(file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16) + "-";
    }

    private static String key(Path file, byte[] source) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write((FORMAT + "\n" + GroovySystem.getVersion() + "\n" + file.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        all.write(OwnClasses.BYTES);
        all.write(source);
        return sha256(all.toByteArray()).substring(0, 32);
    }

    /** The bytes of dshell's script classes that compiled scripts extend or are compiled with. */
    private static final class OwnClasses {
        static final byte[] BYTES = read(DshellScript.class, GroovyEngine.class, CompiledScripts.class);

        private static byte[] read(Class<?>... classes) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Class<?> c : classes) {
                try (InputStream in = c.getClassLoader().getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
                    if (in != null) {
                        all.write(in.readAllBytes());
                    }
                } catch (IOException e) {
                    all.write(0);
                }
            }
            return all.toByteArray();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines a compiled script's classes, resolving everything else (Groovy, dshell) through the engine's loader. */
    private static final class ScriptLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        ScriptLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super("dshell-script-file", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
