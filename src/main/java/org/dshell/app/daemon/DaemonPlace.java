package org.dshell.app.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the daemon for one command listens. A daemon serves exactly one build (the JVM, its options and
 * the jar, by size and time), one working directory and one environment: Java has a single working
 * directory and environment per process, and a Groovy script's {@code new File('x')} or
 * {@code System.getenv()} must mean what they mean in a process of its own. Sockets live in a directory
 * only the user can enter, which is what keeps other users out.
 */
final class DaemonPlace {
    /** Variables the shell changes from command to command without changing what a command means. */
    private static final Set<String> VOLATILE = Set.of("_", "OLDPWD", "SHLVL");

    private DaemonPlace() {
    }

    /** {@code $XDG_RUNTIME_DIR/dshell}, else {@code /tmp/dshell-UID}; made private to the user, or refused. */
    static Path directory(Map<String, String> env) throws IOException {
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        String runtime = env.get("XDG_RUNTIME_DIR");
        Path dir = runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))
                ? Path.of(runtime, "dshell") : Path.of("/tmp", "dshell-".concat(Long.toString(uid)));
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // checked below, whoever made it
        }
        long owner = ((Number) Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)).longValue();
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (owner != uid || !Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                || !permissions.equals(PosixFilePermissions.fromString("rwx------"))) {
            throw new IOException(dir + " is not a directory private to this user");
        }
        return dir;
    }

    /** How long the log and lock of a daemon that is gone stay behind (for whoever wonders why it went). */
    static final Duration LEFTOVERS_KEPT = Duration.ofDays(1);

    /**
     * Removes the logs and lock files of daemons gone for longer than {@link #LEFTOVERS_KEPT}: every
     * directory, environment and build has a key of its own, so they would pile up. A key whose socket
     * is there is left alone (a live daemon, or a killed one, whose socket {@code --stop-daemons}
     * clears). Returns how many files went.
     */
    static int sweep(Path dir, Instant now) throws IOException {
        Instant before = now.minus(LEFTOVERS_KEPT);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.{log,lock}")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Path socket = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".sock");
                if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** A name for the daemon that fits this build, working directory and environment. */
    static String key(List<String> daemonCommand, Path jar, Path workingDirectory, Map<String, String> env) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String part : daemonCommand) {
            update(sha, part);
        }
        update(sha, Long.toString(Files.size(jar)));
        update(sha, Long.toString(Files.getLastModifiedTime(jar).toMillis()));
        update(sha, workingDirectory.toString());
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            if (!VOLATILE.contains(e.getKey())) {
                update(sha, e.getKey());
                update(sha, e.getValue());
            }
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 10);
    }

    private static void update(MessageDigest sha, String part) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
