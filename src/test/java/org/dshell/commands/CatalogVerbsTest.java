package org.dshell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.dshell.backend.FileCatalog;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.format.Json;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogVerbsTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() {
        shell = new TestShell(tmp.resolve("home"), "alice");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    private TestShell.Result ok(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(0, r.status(), () -> line + " failed: " + r.err());
        return r;
    }

    private void register(String... paths) {
        for (String p : paths) {
            LfnPath lfn = shell.session().cwd().resolve(p);
            shell.grid().catalog().register(List.of(new FileCatalog.NewFile(lfn, p.length() * 1000L, "0a0b0c0d", "G-" + p,
                    new Replica("SE-A", "/se" + lfn, "AprioriGood"))));
        }
    }

    @Test
    void startsInTheUsersHomeAndNavigates() {
        assertEquals("/dteam/user/a/alice\n", ok("pwd").out());
        ok("mkdir -p data/run1; cd data/run1");
        assertEquals("/dteam/user/a/alice/data/run1\n", ok("pwd").out());
        ok("cd ..; cd ./run1/../..");
        assertEquals("/dteam/user/a/alice\n", ok("pwd").out());
        ok("cd /dteam; cd -");
        assertEquals("/dteam/user/a/alice\n", ok("pwd").out());
        assertEquals("/dteam\n", ok("cd -").out());
        ok("cd");
        assertEquals("/dteam/user/a/alice\n", ok("pwd").out());
        ok("cd ~/data");
        assertEquals("/dteam/user/a/alice/data\n", ok("pwd").out());
    }

    @Test
    void cdErrorsSayWhatAndChangeNothing() {
        register("f.dat");
        TestShell.Result missing = shell.run("cd nope");
        assertEquals(1, missing.status());
        assertEquals("cd: no such file or directory: /dteam/user/a/alice/nope\n", missing.err());
        assertEquals("cd: not a directory: /dteam/user/a/alice/f.dat\n", shell.run("cd f.dat").err());
        assertEquals(2, shell.run("cd /..").status());
        assertEquals("/dteam/user/a/alice\n", ok("pwd").out());
    }

    @Test
    void lsShortLongSortedAndJson() {
        ok("mkdir sub");
        register("b.dat", "aaaa.dat", "c.dat");
        assertEquals("aaaa.dat\nb.dat\nc.dat\nsub/\n", ok("ls").out());
        assertEquals("sub/\nc.dat\nb.dat\naaaa.dat\n", ok("ls -r").out());
        assertEquals("aaaa.dat\nb.dat\nc.dat\nsub/\n", ok("ls -S").out(), "largest first, names break ties");
        assertEquals("sub/\nc.dat\nb.dat\naaaa.dat\n", ok("ls -Sr").out());
        assertEquals(2, shell.run("ls -t -S").status(), "-t and -S exclude each other");
        String longList = ok("ls -l --bytes").out();
        assertTrue(longList.lines().anyMatch(l -> l.matches("-rw-r--r--\\s+1\\s+alice\\s+dteam_user\\s+8000\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+aaaa\\.dat")), longList);
        assertTrue(longList.lines().anyMatch(l -> l.matches("drwxr-xr-x\\s+-\\s+alice\\s+dteam_user\\s+0\\s+.*sub/")), longList);
        assertTrue(ok("ls -l").out().contains("7.8K"), "human-readable sizes by default");
        JsonNode json = parse(ok("ls --json").out());
        assertEquals(4, json.size());
        assertEquals("aaaa.dat", json.get(0).get("name").asText());
        assertEquals(8000, json.get(0).get("size").asLong());
        assertEquals("0a0b0c0d", json.get(0).get("checksum").asText());
        assertEquals("directory", json.get(3).get("type").asText());
    }

    @Test
    void lsRecursiveAndDirectoryItself() {
        ok("mkdir -p a/b");
        register("a/x", "a/b/y");
        assertEquals("/dteam/user/a/alice/a:\nb/\nx\n\n/dteam/user/a/alice/a/b:\ny\n", ok("ls -R a").out());
        assertEquals("a/\n", ok("ls -d a").out());
        assertEquals(3, parse(ok("ls -R --json a").out()).size());
    }

    @Test
    void globsExpandAgainstTheCatalogAndQuotingSuppressesThem() {
        register("run1.dat", "run2.dat", "run10.dat", "notes.txt", "star*.dat");
        assertEquals("run1.dat\nrun2.dat\n", ok("ls run?.dat").out());
        assertEquals("run1.dat\nrun10.dat\nrun2.dat\nstar*.dat\n", ok("ls *.dat").out());
        assertEquals("star*.dat\n", ok("ls 'star*.dat'").out());
        assertEquals("star*.dat\n", ok("ls star\\*.dat").out());
        assertEquals("run1.dat\nrun2.dat\n", ok("ls run[12].dat").out());
        TestShell.Result none = shell.run("ls *.root");
        assertEquals(1, none.status());
        assertEquals("ls: no match: *.root\n", none.err());
        TestShell.Result quoted = shell.run("ls '*.root'");
        assertTrue(quoted.err().contains("no such file or directory: /dteam/user/a/alice/*.root"), quoted.err());
        ok("mkdir old");
        ok("mv run*.dat old");
        assertEquals("run1.dat\nrun10.dat\nrun2.dat\n", ok("ls old").out());
    }

    @Test
    void mvRenamesMovesAndRefusesBadMoves() {
        ok("mkdir -p d/e; mkdir t");
        register("f");
        ok("mv f g");
        assertEquals("d/\ng\nt/\n", ok("ls").out());
        ok("mv g d t");
        assertEquals("d/\ng\n", ok("ls t").out());
        TestShell.Result into = shell.run("mv t/d t/d/e");
        assertEquals(2, into.status());
        assertTrue(into.err().contains("cannot move a directory into itself"), into.err());
        TestShell.Result many = shell.run("mkdir x; mv t/g t/d nonexistent");
        assertEquals(2, many.status());
        assertEquals("d/\ng\n", ok("ls t").out(), "nothing moved");
    }

    @Test
    void statShowsEveryFieldAndReplicas() {
        register("f.dat");
        String out = ok("stat f.dat").out();
        for (String field : List.of("path:", "type:      file", "size:      5000", "checksum:  adler32:0a0b0c0d", "guid:      G-f.dat",
                "owner:     alice", "group:     dteam_user", "mode:      0644 (-rw-r--r--)", "created:", "modified:", "status:",
                "replicas:  SE-A /se/dteam/user/a/alice/f.dat (AprioriGood)")) {
            assertTrue(out.contains(field), field + " in\n" + out);
        }
        JsonNode json = parse(ok("stat --json f.dat .").out());
        assertEquals(2, json.size());
        assertEquals("directory", json.get(1).get("type").asText());
    }

    @Test
    void duCountsBelowDirectories() {
        ok("mkdir -p a/b");
        register("a/x", "a/b/yy");
        String out = ok("du --bytes").out();
        assertEquals("FILES  SIZE  PATH\n    2  9000  /dteam/user/a/alice/a\n    2  9000  /dteam/user/a/alice\n", out);
        JsonNode json = parse(ok("du -s --json a").out());
        assertEquals(2, json.get(0).get("files").asLong());
        assertEquals(1, json.get(0).get("directories").asLong());
        assertEquals(9000, json.get(0).get("bytes").asLong());
    }

    @Test
    void chmodChownChgrpWithRecursionAndPermissionChecks() {
        ok("mkdir -p p/q");
        register("p/q/f");
        ok("chmod -R g+w p");
        assertTrue(ok("ls -ld p p/q").out().lines().allMatch(l -> l.startsWith("drwxrwxr-x")), ok("ls -ld p p/q").out());
        assertTrue(ok("ls -l p/q").out().startsWith("-rw-rw-r--"));
        ok("chgrp -R dteam_prod p");
        assertTrue(ok("ls -l p/q").out().contains("dteam_prod"));
        assertEquals(2, shell.run("chmod 9x9 p").status());
        assertEquals(2, shell.run("chgrp 'bad group' p").status());
        ok("chown bob p/q/f");
        TestShell.Result denied = shell.run("chmod 600 p/q/f");
        assertEquals(1, denied.status());
        assertTrue(denied.err().startsWith("chmod: permission denied: /dteam/user/a/alice/p/q/f"), denied.err());
    }

    @Test
    void permissionDeniedForOtherUsersAndNothingChanges() {
        ok("mkdir private; chmod 700 private");
        try (TestShell bob = new TestShell(tmp.resolve("home"), "bob")) {
            TestShell.Result r = bob.run("ls /dteam/user/a/alice/private");
            assertEquals(1, r.status());
            assertEquals("ls: permission denied: /dteam/user/a/alice/private\n", r.err());
            assertEquals("mkdir: permission denied: /dteam/user/a/alice\n", bob.run("mkdir /dteam/user/a/alice/x").err());
            assertEquals(0, bob.run("mkdir /dteam/shared").status(), "the VO directory is group-writable");
        }
        assertEquals("private/\n", ok("ls").out());
        assertEquals(1, shell.run("mkdir /toplevel").status(), "/ belongs to root");
    }

    @Test
    void oddNamesWorkAndControlCharactersAreRejected() {
        assertEquals(0, shell.runWords("mkdir", "with space").status());
        assertEquals(0, shell.runWords("mkdir", "quote's \"here\"").status());
        assertEquals(0, shell.runWords("mkdir", "ünïcødé✓").status());
        assertEquals("quote's \"here\"/\nwith space/\nünïcødé✓/\n", ok("ls").out());
        ok("cd 'with space'; cd ..");
        TestShell.Result control = shell.runWords("mkdir", "bad\u0007name");
        assertEquals(2, control.status());
        assertTrue(control.err().contains("control character"), control.err());
        TestShell.Result longName = shell.runWords("mkdir", "n".repeat(300));
        assertEquals(2, longName.status());
        assertTrue(longName.err().contains("too long"), longName.err());
        assertEquals(1, shell.run("rmdir nothing-here").status());
        assertEquals(3, ok("ls").out().lines().count(), "no failed command changed anything");
    }

    @Test
    void rmdirRemovesOnlyEmptyDirectories() {
        ok("mkdir -p a/b");
        TestShell.Result r = shell.run("rmdir a");
        assertEquals(1, r.status());
        assertEquals("rmdir: directory not empty: /dteam/user/a/alice/a\n", r.err());
        ok("rmdir a/b a");
        assertEquals("", ok("ls").out());
    }

    @Test
    void whoamiShowsTheIdentity() {
        String out = ok("whoami").out();
        assertTrue(out.contains("user:   alice"), out);
        assertTrue(out.contains("group:  dteam_user"), out);
        assertTrue(out.contains("vo:     dteam"), out);
        assertEquals("alice", parse(ok("whoami --json").out()).get("user").asText());
    }

    @Test
    void setFormatJsonMakesVerbsPrintJson() {
        ok("mkdir x; set format json");
        assertEquals("x", parse(ok("ls").out()).get(0).get("name").asText());
        assertEquals(2, shell.run("set format yaml").status());
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
