package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.filesBelow;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.seRoot;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.FileCatalog.NewFile;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Corrupted and missing replicas, fsck and its repairs, downloads that cannot escape their directory. */
class IntegrityTest {
    @TempDir
    Path tmp;
    TestShell shell;
    Path home;
    LfnPath lfnHome;
    byte[] data = randomBytes(42, 50_000);

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        shell = new TestShell(home, "carol");
        lfnHome = shell.session().home();
        write(shell.localDir().resolve("run.dat"), data);
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    private Path bytesOn(String se, String name) {
        return seRoot(home, se).resolve(lfnHome.toString().substring(1)).resolve(name);
    }

    private static void corrupt(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);
    }

    @Test
    void getSkipsACorruptReplicaAndSaysWhich() throws IOException {
        assertEquals(0, shell.run("put run.dat; replicate --se LOCAL-BACKUP run.dat").status());
        // Replicas are tried in the catalog's order (by SE name): LOCAL-BACKUP comes first.
        corrupt(bytesOn("LOCAL-BACKUP", "run.dat"));

        TestShell.Result r = shell.run("get -D out run.dat");

        assertEquals(0, r.status(), r.toString());
        assertTrue(r.err().contains("get: bad replica of " + lfnHome + "/run.dat on LOCAL-BACKUP: checksum "), r.err());
        assertTrue(r.err().contains("trying the next"), r.err());
        assertArrayEquals(data, Files.readAllBytes(shell.localDir().resolve("out/run.dat")));
    }

    @Test
    void getOfAFileWhoseOnlyReplicaIsCorruptLeavesNothingBehind() throws IOException {
        assertEquals(0, shell.run("put run.dat").status());
        corrupt(bytesOn("LOCAL-DISK", "run.dat"));

        TestShell.Result r = shell.run("get -D out run.dat");

        assertEquals(1, r.status());
        assertTrue(r.err().contains("get: failed: " + lfnHome + "/run.dat: no good replica of " + lfnHome
                + "/run.dat (LOCAL-DISK: checksum "), r.err());
        assertEquals(List.of(), filesBelow(shell.localDir().resolve("out")));
        assertEquals(1, shell.run("cat run.dat").status());
    }

    @Test
    void fsckFindsCorruptMissingUnreferencedAndLeftoverBytesAndRepairsWhatIsSafe() throws IOException {
        write(shell.localDir().resolve("other.dat"), randomBytes(7, 300));
        write(shell.localDir().resolve("lost.dat"), randomBytes(8, 300));
        assertEquals(0, shell.run("put run.dat other.dat lost.dat .; replicate --se LOCAL-BACKUP run.dat").status());
        corrupt(bytesOn("LOCAL-DISK", "run.dat"));
        Files.delete(bytesOn("LOCAL-DISK", "lost.dat"));
        write(bytesOn("LOCAL-BACKUP", "stray.bin"), randomBytes(9, 123));
        write(bytesOn("LOCAL-DISK", ".other.dat.dshell-tmp-0123456789abcdef"), randomBytes(10, 77));

        TestShell.Result check = shell.run("fsck");

        assertEquals(1, check.status());
        String out = check.out();
        assertTrue(out.contains("checksum-mismatch: " + lfnHome + "/run.dat on LOCAL-DISK (checksum "), out);
        assertTrue(out.contains("missing: " + lfnHome + "/lost.dat on LOCAL-DISK (missing bytes at "), out);
        assertTrue(out.contains("unreferenced: LOCAL-BACKUP:" + lfnHome + "/stray.bin (123 bytes no replica points to)"), out);
        assertTrue(out.contains("leftover: LOCAL-DISK:" + lfnHome + "/.other.dat.dshell-tmp-0123456789abcdef"), out);
        assertTrue(out.contains("4 problems"), out);

        TestShell.Result repair = shell.run("fsck --repair");
        assertTrue(repair.out().contains("-> dropped the replica and deleted its bytes"), repair.out());
        assertTrue(repair.out().contains("lost.dat on LOCAL-DISK (missing bytes at " + lfnHome + "/lost.dat) -> not repaired: no good replica left"),
                repair.out());
        assertTrue(repair.out().contains(".dshell-tmp-0123456789abcdef (temporary file of an interrupted transfer) -> deleted"), repair.out());
        assertEquals(List.of(new Replica("LOCAL-BACKUP", lfnHome + "/run.dat", "AprioriGood")),
                shell.grid().catalog().replicas(lfnHome.child("run.dat")));
        assertFalse(Files.exists(bytesOn("LOCAL-DISK", "run.dat")));

        TestShell.Result after = shell.run("fsck --json");
        assertTrue(after.out().contains("\"kind\" : \"missing\""), after.out());
        assertTrue(after.out().contains("\"kind\" : \"unreferenced\""), after.out());
        assertFalse(after.out().contains("leftover"), after.out());
        assertFalse(after.out().contains("checksum-mismatch"), after.out());
    }

    @Test
    void fsckKnowsBytesOfMovedFilesAreStillReferenced() {
        assertEquals(0, shell.run("mkdir a b; put run.dat a; mv a/run.dat b/run.dat").status());
        TestShell.Result r = shell.run("fsck a");
        assertEquals(0, r.status(), r.toString());
        assertEquals(0, shell.run("fsck").status());
        assertEquals(0, shell.run("get -D out b/run.dat").status());
    }

    @Test
    void putNeverOverwritesBytesThatBelongToAnotherFile() throws IOException {
        assertEquals(0, shell.run("put run.dat; mkdir keep; mv run.dat keep/run.dat").status());
        write(shell.localDir().resolve("run.dat"), randomBytes(43, 10));
        assertEquals(0, shell.run("put run.dat").status());
        TestShell.Result r = shell.run("replicas run.dat keep/run.dat");
        assertTrue(r.out().matches("(?s)" + lfnHome + "/run.dat +LOCAL-DISK +" + lfnHome + "/run.dat\\.[0-9a-f]{8} .*"), r.out());
        assertEquals(0, shell.run("fsck; get -D out keep/run.dat").status());
        assertArrayEquals(data, Files.readAllBytes(shell.localDir().resolve("out/run.dat")));
    }

    @Test
    void noCatalogNameCanMakeGetWriteOutsideItsDirectory() throws IOException {
        assertEquals(0, shell.run("mkdir evil; put run.dat evil").status());
        LfnPath evil = lfnHome.child("evil");
        Replica replica = shell.grid().catalog().replicas(evil.child("run.dat")).get(0);
        String checksum = shell.grid().catalog().require(evil.child("run.dat")).checksum();
        // A name another client could have registered: LfnPath.child accepts "..", a catalog row holds it.
        shell.grid().catalog().register(List.of(new NewFile(evil.child(".."), data.length, checksum, "G", replica)));

        TestShell.Result r = shell.run("get -r -D " + tmp.resolve("jail") + " evil");

        assertEquals(1, r.status());
        assertTrue(r.err().contains("refusing a catalog name that is unsafe as a local file name: " + evil + "/.."), r.err());
        assertEquals(List.of(), filesBelow(tmp.resolve("jail")));
        assertFalse(Files.exists(tmp.resolve("run.dat")));
    }

    @Test
    void oddButHarmlessNamesLandInsideTheDirectory() throws IOException {
        for (String name : List.of("...", "a b", "-x", "back\\slash", "ü€")) {
            write(shell.localDir().resolve("odd").resolve(name), name.getBytes());
        }
        assertEquals(0, shell.run("put -r odd").status());
        assertEquals(0, shell.run("get -r -D " + tmp.resolve("jail") + " odd").status());
        assertEquals(filesBelow(shell.localDir().resolve("odd")), filesBelow(tmp.resolve("jail/odd")));
    }

    @Test
    void aSymbolicLinkInTheDownloadDirectoryCannotLeadOut() throws IOException {
        assertEquals(0, shell.run("mkdir evil; put run.dat evil").status());
        Files.createDirectories(tmp.resolve("jail"));
        Files.createDirectories(tmp.resolve("outside"));
        Files.createSymbolicLink(tmp.resolve("jail/evil"), tmp.resolve("outside"));

        TestShell.Result r = shell.run("get -r -D " + tmp.resolve("jail") + " evil");

        assertEquals(1, r.status());
        assertTrue(r.err().contains("refusing to write outside"), r.err());
        assertEquals(List.of(), filesBelow(tmp.resolve("outside")));
    }
}
