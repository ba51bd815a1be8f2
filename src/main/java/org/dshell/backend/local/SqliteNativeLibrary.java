package org.dshell.backend.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * Points sqlite-jdbc at a copy of its native library kept beside the databases. Left to itself, the
 * driver copies the library out of its jar into /tmp at every start, compares the copy with the jar
 * byte by byte, lists /tmp for stale copies and runs {@code uname -o} to rule out Android: some 100 ms
 * of CPU in every one-shot command. The copy is made once, under a name that holds the driver's
 * version and the library's size, written aside and moved in, so processes starting together never
 * load a half-written file. Only plain Linux on x86_64 and aarch64 is handled; anywhere else, or if
 * anything fails here, the driver does as it always does.
 */
final class SqliteNativeLibrary {
    /** Set for a child JVM that got no copy from its parent (see {@link #childJvmOptions}). */
    private static final String NO_COPY = "dshell.sqlite.no-copy";

    private static boolean prepared;

    private SqliteNativeLibrary() {
    }

    /** Before the first connection: {@code directory} is where the databases live. */
    static synchronized void prepare(Path directory) {
        if (prepared || System.getProperty("org.sqlite.lib.path") != null || Boolean.getBoolean(NO_COPY)) {
            return;
        }
        prepared = true;
        String platform = platform();
        if (platform == null) {
            return;
        }
        URL library = org.sqlite.JDBC.class.getResource("/org/sqlite/native/" + platform + "/libsqlitejdbc.so");
        if (library == null) {
            return;
        }
        try {
            long size = library.openConnection().getContentLengthLong();
            Path folder = directory.resolve(".native");
            // Not "sqlite-<version>...": the driver deletes such files from its temporary directory.
            String name = "libsqlitejdbc-" + org.sqlite.SQLiteJDBCLoader.getVersion() + "-" + platform.replace('/', '-')
                    + "-" + size + ".so";
            Path copy = folder.resolve(name);
            if (!Files.isRegularFile(copy) || Files.size(copy) != size) {
                Files.createDirectories(folder);
                Path partial = Files.createTempFile(folder, "partial-", ".tmp");
                try (InputStream in = library.openStream()) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            }
            System.setProperty("org.sqlite.lib.path", folder.toString());
            System.setProperty("org.sqlite.lib.name", name);
            // Where the driver looks for stale copies of its own at start: this small folder, not /tmp.
            System.setProperty("org.sqlite.tmpdir", folder.toString());
        } catch (IOException | RuntimeException e) {
            // the driver extracts the library itself, as without this
        }
    }

    /**
     * Options for a JVM this one starts for the same home (the job agent, the production engine): load
     * this JVM's copy, so the child neither checks for a copy nor makes one at its start. Without a copy
     * to hand over the child is told to make none either: its driver then extracts the library into
     * /tmp as usual, rather than the child writing into a home that may be on its way out (a test's
     * temporary directory, deleted while the agent starts).
     */
    static List<String> childJvmOptions() {
        String path = System.getProperty("org.sqlite.lib.path");
        String name = System.getProperty("org.sqlite.lib.name");
        if (path == null || name == null || !Files.isRegularFile(Path.of(path, name))) {
            return List.of("-D" + NO_COPY + "=true");
        }
        // Not org.sqlite.tmpdir: the child's driver keeps its usual temporary directory.
        return List.of("-Dorg.sqlite.lib.path=" + path, "-Dorg.sqlite.lib.name=" + name);
    }

    /** The driver's folder name for this platform, or null where its own detection should decide. */
    private static String platform() {
        if (!System.getProperty("os.name", "").equals("Linux")
                || System.getProperty("java.runtime.name", "").toLowerCase(Locale.ROOT).contains("android")) {
            return null;
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> null;
        };
        // musl systems (Alpine) need the driver's Linux-Musl build.
        if (arch == null || Files.exists(Path.of("/lib/ld-musl-" + arch + ".so.1"))) {
            return null;
        }
        return "Linux/" + arch;
    }
}
