package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.adler;
import static org.dshell.commands.data.DataFixture.filesBelow;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.seRoot;
import static org.dshell.commands.data.DataFixture.temporaryFilesBelow;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.core.CatalogEntry;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PutGetTest {
    @TempDir
    Path tmp;
    TestShell shell;
    Path home;
    LfnPath lfnHome;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        shell = new TestShell(home, "alice");
        lfnHome = shell.session().home();
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private TestShell.Result ok(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(0, r.status(), () -> line + " -> " + r);
        return r;
    }

    @Test
    void putRegistersChecksumGuidAndReplicaAfterTheBytes() throws IOException {
        byte[] data = randomBytes(1, 100_000);
        write(shell.localDir().resolve("run1.dat"), data);

        TestShell.Result r = ok("put run1.dat");

        assertTrue(r.out().startsWith("put: 1 done, 0 skipped, 0 failed, 98K in "), r.out());
        CatalogEntry entry = shell.grid().catalog().require(lfnHome.child("run1.dat"));
        assertEquals(100_000, entry.size());
        assertEquals(adler(data), entry.checksum());
        assertTrue(entry.guid().matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"), entry.guid());
        List<Replica> replicas = shell.grid().catalog().replicas(entry.path());
        assertEquals(List.of(new Replica("LOCAL-DISK", lfnHome + "/run1.dat", "AprioriGood")), replicas);
        Path bytes = seRoot(home, "LOCAL-DISK").resolve(lfnHome.toString().substring(1)).resolve("run1.dat");
        assertArrayEquals(data, Files.readAllBytes(bytes));
        assertEquals(List.of(), temporaryFilesBelow(seRoot(home, "LOCAL-DISK")));
    }

    @Test
    void checksumIsZeroPaddedLikeDirac() {
        // Adler32 of an empty input is 1: DIRAC writes it as 00000001.
        write(shell.localDir().resolve("empty"), new byte[0]);
        ok("put empty");
        assertEquals("00000001", shell.grid().catalog().require(lfnHome.child("empty")).checksum());
    }

    @Test
    void parallelPutAndGetOfAFewHundredFilesKeepEveryByte() throws IOException {
        Path src = shell.localDir().resolve("tree");
        for (int i = 0; i < 300; i++) {
            write(src.resolve("d" + (i % 7)).resolve("sub" + (i % 3)).resolve("f" + i + ".bin"), randomBytes(i, 1 + (i * 997) % 70_000));
        }
        write(src.resolve("top.txt"), "top".getBytes());
        TestShell.Result put = ok("put -r -j 8 tree");
        assertTrue(put.out().startsWith("put: 301 done, 0 skipped, 0 failed"), put.out());

        ok("mkdir more; get -r -j 8 -D " + tmp.resolve("out") + " tree");

        List<String> expected = filesBelow(src);
        assertEquals(expected, filesBelow(tmp.resolve("out/tree")));
        for (String rel : expected) {
            assertArrayEquals(Files.readAllBytes(src.resolve(rel)), Files.readAllBytes(tmp.resolve("out/tree").resolve(rel)), rel);
        }
        assertEquals(List.of(), temporaryFilesBelow(tmp.resolve("out")));
        assertEquals(List.of(), temporaryFilesBelow(seRoot(home, "LOCAL-DISK")));
        assertEquals(0, shell.run("fsck").status());
    }

    @Test
    void putIntoANamedDirectoryOnAnotherSe() {
        write(shell.localDir().resolve("a.dat"), randomBytes(2, 10));
        write(shell.localDir().resolve("b.dat"), randomBytes(3, 10));
        ok("mkdir data; put --se LOCAL-BACKUP a.dat b.dat data");
        TestShell.Result r = ok("replicas data/a.dat data/b.dat");
        assertTrue(r.out().contains(lfnHome + "/data/a.dat  LOCAL-BACKUP  " + lfnHome + "/data/a.dat  AprioriGood"), r.out());
        assertTrue(r.out().contains("data/b.dat  LOCAL-BACKUP"), r.out());
    }

    @Test
    void skipExistingSkipsSameContentAndRefusesOtherContent() {
        write(shell.localDir().resolve("d/a.dat"), randomBytes(4, 5000));
        write(shell.localDir().resolve("d/b.dat"), randomBytes(5, 5000));
        ok("put -r d");

        TestShell.Result again = ok("put -r --skip-existing d");
        assertTrue(again.out().startsWith("put: 0 done, 2 skipped, 0 failed"), again.out());

        write(shell.localDir().resolve("d/b.dat"), randomBytes(6, 5000));
        write(shell.localDir().resolve("d/c.dat"), randomBytes(7, 10));
        TestShell.Result changed = shell.run("put -r --skip-existing d");
        assertEquals(1, changed.status());
        assertTrue(changed.out().startsWith("put: 1 done, 1 skipped, 1 failed"), changed.out());
        assertTrue(changed.err().contains("b.dat: exists with other content: " + lfnHome + "/d/b.dat (use --force to replace it)"),
                changed.err());
    }

    @Test
    void forceReplacesTheFileAndDeletesTheOldBytes() throws IOException {
        byte[] v2 = randomBytes(9, 3000);
        write(shell.localDir().resolve("a.dat"), randomBytes(8, 2000));
        ok("put a.dat; replicate --se LOCAL-BACKUP a.dat");
        write(shell.localDir().resolve("a.dat"), v2);

        ok("put --force a.dat");

        CatalogEntry entry = shell.grid().catalog().require(lfnHome.child("a.dat"));
        assertEquals(3000, entry.size());
        assertEquals(adler(v2), entry.checksum());
        assertEquals(1, shell.grid().catalog().replicas(entry.path()).size());
        assertEquals(List.of(), filesBelow(seRoot(home, "LOCAL-BACKUP")));
        assertEquals(0, shell.run("fsck").status());
    }

    @Test
    void getRefusesToOverwriteAndSkipsSameContent() {
        write(shell.localDir().resolve("a.dat"), randomBytes(10, 3000));
        ok("put a.dat");
        TestShell.Result exists = shell.run("get a.dat");
        assertEquals(1, exists.status());
        assertTrue(exists.err().contains("local file exists: " + shell.localDir().resolve("a.dat") + " (use --skip-existing or --force)"),
                exists.err());
        TestShell.Result skip = ok("get --skip-existing a.dat");
        assertTrue(skip.out().startsWith("get: 0 done, 1 skipped"), skip.out());
        ok("get --force a.dat");
    }

    @Test
    void catPrintsAFile() {
        write(shell.localDir().resolve("notes.txt"), "hello grid\n".getBytes());
        ok("put notes.txt");
        assertEquals("hello grid\n", ok("cat notes.txt").out());
    }

    @Test
    void jsonSummary() {
        write(shell.localDir().resolve("a.dat"), randomBytes(11, 10));
        TestShell.Result r = ok("put --json a.dat");
        assertTrue(r.out().contains("\"verb\" : \"put\""), r.out());
        assertTrue(r.out().contains("\"done\" : 1"), r.out());
        assertTrue(r.out().contains("\"failures\" : [ ]"), r.out());
    }

    @Test
    void jobsMustBePositive() {
        write(shell.localDir().resolve("a.dat"), randomBytes(12, 10));
        TestShell.Result r = shell.run("put -j 0 a.dat");
        assertEquals(2, r.status());
        assertFalse(shell.grid().catalog().stat(lfnHome.child("a.dat")).isPresent());
    }
}
