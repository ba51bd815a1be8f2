package org.dshell.app.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonPartsTest {
    @TempDir
    Path tmp;

    @Test
    void aRequestArrivesAsSent() throws IOException {
        Request sent = new Request("/home/ana/runs", List.of("-c", "put 'a b.dat' /dteam; ls", "ü€"),
                Map.of("DSHELL_HOME", "/home/ana/.dshell", "EMPTY", ""));
        assertEquals(sent, Request.decode(sent.encode()));
        byte[] other = sent.encode();
        other[3] = 9; // another protocol version
        IOException e = assertThrows(IOException.class, () -> Request.decode(other));
        assertEquals("client speaks protocol 9, this daemon 1", e.getMessage());
    }

    @Test
    void framesKeepTheirBoundariesAndRefuseAbsurdLengths() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Frames.write(out, Frames.STDOUT, "hello\n".getBytes(), 0, 6);
        Frames.writeInt(out, Frames.EXIT, 130);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Frames.Frame first = Frames.read(in);
        assertEquals(Frames.STDOUT, first.type());
        assertEquals("hello\n", new String(first.payload()));
        Frames.Frame exit = Frames.read(in);
        assertEquals(Frames.EXIT, exit.type());
        assertEquals(130, exit.intValue());
        assertEquals(null, Frames.read(in), "a clean end");

        byte[] huge = {Frames.STDOUT, 0x7f, 0, 0, 0};
        assertThrows(IOException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(huge))));
    }

    @Test
    void idleTimesReadLikeDurations() {
        assertEquals(Duration.ofSeconds(90), Daemon.idleTime("90"));
        assertEquals(Duration.ofSeconds(30), Daemon.idleTime("30s"));
        assertEquals(Duration.ofMinutes(15), Daemon.idleTime(" 15M "));
        assertEquals(Duration.ofHours(2), Daemon.idleTime("2h"));
        assertEquals(Duration.ofMinutes(15), Daemon.idleTime(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Daemon.idleTime("soon"));
        assertEquals("'soon' is not a time like 90s, 15m or 2h", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Daemon.idleTime("5d"));
    }

    @Test
    void aDaemonFitsOneBuildDirectoryAndEnvironment() throws IOException {
        Path jar = Files.writeString(tmp.resolve("dshell.jar"), "jar");
        List<String> java = List.of("/usr/bin/java", "-XX:+UseSerialGC", "-cp", jar.toString());
        Map<String, String> env = Map.of("DSHELL_HOME", "/h", "SHLVL", "1", "_", "/usr/bin/dshell", "OLDPWD", "/");
        String key = DaemonPlace.key(java, jar, Path.of("/work"), env);
        assertEquals(20, key.length());
        assertEquals(key, DaemonPlace.key(java, jar, Path.of("/work"), Map.of("DSHELL_HOME", "/h", "SHLVL", "3")),
                "what the shell changes from command to command does not count");
        assertNotEquals(key, DaemonPlace.key(java, jar, Path.of("/work/sub"), env));
        assertNotEquals(key, DaemonPlace.key(java, jar, Path.of("/work"), Map.of("DSHELL_HOME", "/other")));
        assertNotEquals(key, DaemonPlace.key(List.of("/usr/bin/java", "-Xmx1g", "-cp", jar.toString()), jar, Path.of("/work"), env));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5000));
        assertNotEquals(key, DaemonPlace.key(java, jar, Path.of("/work"), env), "a rebuilt jar gets a daemon of its own");
    }

    @Test
    void socketsLiveInADirectoryPrivateToTheUser() throws IOException {
        Path dir = DaemonPlace.directory(Map.of("XDG_RUNTIME_DIR", tmp.toString()));
        assertEquals(tmp.resolve("dshell"), dir);
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(dir, DaemonPlace.directory(Map.of("XDG_RUNTIME_DIR", tmp.toString())), "found again");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx-----x"));
        IOException e = assertThrows(IOException.class, () -> DaemonPlace.directory(Map.of("XDG_RUNTIME_DIR", tmp.toString())));
        assertEquals(dir + " is not a directory private to this user", e.getMessage());
    }

    /** Logs and locks of daemons long gone are cleared; a recent one, or one beside a socket, stays. */
    @Test
    void leftoversOfDaemonsLongGoneAreSwept() throws IOException {
        java.time.Instant now = java.time.Instant.parse("2026-12-05T12:00:00Z");
        FileTime old = FileTime.from(now.minus(Duration.ofHours(25)));
        for (String name : List.of("gone.log", "gone.lock", "killed.log", "killed.lock", "killed.sock", "recent.log", "other.txt")) {
            Files.writeString(tmp.resolve(name), name);
            Files.setLastModifiedTime(tmp.resolve(name), old);
        }
        Files.setLastModifiedTime(tmp.resolve("recent.log"), FileTime.from(now.minus(Duration.ofHours(23))));

        assertEquals(2, DaemonPlace.sweep(tmp, now));

        try (var left = Files.list(tmp)) {
            assertEquals(List.of("killed.lock", "killed.log", "killed.sock", "other.txt", "recent.log"),
                    left.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
