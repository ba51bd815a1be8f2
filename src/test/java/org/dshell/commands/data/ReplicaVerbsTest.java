package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.filesBelow;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.seRoot;
import static org.dshell.commands.data.DataFixture.temporaryFilesBelow;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.dshell.commands.completion.CompletionEngine;
import org.dshell.core.LfnPath;
import org.dshell.core.completion.Candidate;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** replicate, rmreplica, rm, se, SE completion, and Ctrl-C in the middle of a transfer. */
class ReplicaVerbsTest {
    @TempDir
    Path tmp;
    TestShell shell;
    Path home;
    LfnPath lfnHome;

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        shell = new TestShell(home, "dave");
        lfnHome = shell.session().home();
        write(shell.localDir().resolve("d/a.dat"), randomBytes(1, 1000));
        write(shell.localDir().resolve("d/sub/b.dat"), randomBytes(2, 2000));
        assertEquals(0, shell.run("put -r d").status());
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
    void replicateCopiesVerifiesAndRegistersThenSkips() {
        TestShell.Result r = ok("replicate -r --se LOCAL-BACKUP d");
        assertTrue(r.out().startsWith("replicate: 2 done, 0 skipped, 0 failed"), r.out());
        assertEquals(List.of("dteam/user/d/dave/d/a.dat", "dteam/user/d/dave/d/sub/b.dat"), filesBelow(seRoot(home, "LOCAL-BACKUP")));
        assertEquals(2, shell.grid().catalog().require(lfnHome.resolve("d/a.dat")).replicaCount());
        assertTrue(ok("replicate -r --se LOCAL-BACKUP d").out().startsWith("replicate: 0 done, 2 skipped"));
        assertEquals(2, shell.run("replicate --se LOCAL-BACKUP d").status());
        assertEquals(2, shell.run("replicate --se NOPE d/a.dat").status());
    }

    @Test
    void rmreplicaKeepsTheLastReplicaUnlessForced() {
        ok("replicate --se LOCAL-BACKUP d/a.dat");
        ok("rmreplica --se LOCAL-DISK d/a.dat");
        assertFalse(filesBelow(seRoot(home, "LOCAL-DISK")).contains("dteam/user/d/dave/d/a.dat"));

        TestShell.Result last = shell.run("rmreplica --se LOCAL-BACKUP d/a.dat");
        assertEquals(1, last.status());
        assertTrue(last.err().contains("d/a.dat: refusing to remove the last replica (use --force)"), last.err());
        assertEquals(1, shell.grid().catalog().replicas(lfnHome.resolve("d/a.dat")).size());

        TestShell.Result none = shell.run("rmreplica --se LOCAL-DISK d/a.dat");
        assertTrue(none.err().contains("no replica on LOCAL-DISK"), none.err());

        ok("rmreplica --force --se LOCAL-BACKUP d/a.dat");
        assertEquals(List.of(), shell.grid().catalog().replicas(lfnHome.resolve("d/a.dat")));
        assertEquals(List.of(), filesBelow(seRoot(home, "LOCAL-BACKUP")));
    }

    @Test
    void rmRemovesEntriesAndBytesEverywhere() {
        ok("replicate -r --se LOCAL-BACKUP d");
        assertEquals(2, shell.run("rm d").status());
        ok("rm d/a.dat");
        assertTrue(shell.grid().catalog().stat(lfnHome.resolve("d/a.dat")).isEmpty());
        assertFalse(filesBelow(seRoot(home, "LOCAL-BACKUP")).contains("dteam/user/d/dave/d/a.dat"));

        TestShell.Result r = ok("rm -r d");
        assertTrue(r.out().startsWith("rm: 1 done, 0 skipped, 0 failed"), r.out());
        assertTrue(shell.grid().catalog().stat(lfnHome.resolve("d")).isEmpty());
        assertEquals(List.of(), filesBelow(seRoot(home, "LOCAL-DISK")));
        assertEquals(List.of(), filesBelow(seRoot(home, "LOCAL-BACKUP")));

        assertEquals(1, shell.run("rm nothing.dat").status());
        ok("rm -f nothing.dat 'no*'");
    }

    @Test
    void rmRefusesRootAndHome() {
        TestShell.Result root = shell.run("rm -r /");
        assertEquals(2, root.status());
        assertTrue(root.err().contains("refusing to remove /: it holds your home directory"), root.err());
        TestShell.Result home = shell.run("rm -r ~");
        assertTrue(home.err().contains("refusing to remove " + lfnHome + ": it is your home directory"), home.err());
        assertTrue(shell.grid().catalog().stat(lfnHome.resolve("d/a.dat")).isPresent());
    }

    @Test
    void rmOfAnotherUsersFileIsDeniedAndKeepsItsBytes() {
        try (TestShell eve = new TestShell(home, "eve")) {
            TestShell.Result r = eve.run("rm " + lfnHome + "/d/a.dat");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("permission denied"), r.err());
        }
        assertTrue(filesBelow(seRoot(home, "LOCAL-DISK")).contains("dteam/user/d/dave/d/a.dat"));
    }

    @Test
    void seListsStorageElements() {
        TestShell.Result r = ok("se --bytes");
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("NAME +KIND +STATE +ONLINE +USED +FREE +LOCATION"), r.out());
        assertTrue(lines.get(1).matches("LOCAL-DISK \\* +dir +read-write +yes +3000 +\\d+ +" + seRoot(home, "LOCAL-DISK")), r.out());
        assertTrue(lines.get(2).matches("LOCAL-BACKUP +dir +read-write +yes +0 +\\d+ +.*"), r.out());
        assertTrue(ok("se --json").out().contains("\"name\" : \"LOCAL-BACKUP\""));
    }

    @Test
    void seNamesComplete() {
        StringWriter sink = new StringWriter();
        List<Candidate> candidates = new CompletionEngine(shell.verbs()).complete(List.of("replicate", "--se"), "LOCAL-",
                shell.context(new PrintWriter(sink), new PrintWriter(sink), ""));
        assertEquals(List.of("LOCAL-DISK", "LOCAL-BACKUP"), candidates.stream().map(Candidate::value).toList());
    }

    @Test
    void jobsComeFromTheSessionOption() {
        ok("set jobs 3");
        write(shell.localDir().resolve("e.dat"), randomBytes(5, 10));
        ok("put e.dat");
        TestShell.Result r = shell.run("put -j 2000 e.dat");
        assertEquals(2, r.status());
    }

    @Test
    void interruptStopsTransfersRemovesTemporaryFilesAndRegistersNothingHalfDone() throws Exception {
        for (int i = 0; i < 60; i++) {
            write(shell.localDir().resolve("big/f" + i), randomBytes(i, 3 << 20));
        }
        AtomicReference<TestShell.Result> result = new AtomicReference<>();
        Thread verb = new Thread(() -> result.set(shell.run("put -r -j 2 big")));
        verb.start();
        // Interrupt once the first file is registered, not after a fixed delay: on a fast machine the
        // whole put can finish before a delay runs out.
        long deadline = System.currentTimeMillis() + 30_000;
        while (verb.isAlive() && System.currentTimeMillis() < deadline && !anyFileIn(lfnHome.child("big"))) {
            Thread.sleep(5);
        }
        verb.interrupt();
        verb.join(60_000);

        assertEquals(130, result.get().status(), result.get().toString());
        assertTrue(result.get().err().contains("interrupted after"), result.get().err());
        assertEquals(List.of(), temporaryFilesBelow(seRoot(home, "LOCAL-DISK")));
        TestShell.Result fsck = shell.run("fsck");
        assertEquals(0, fsck.status(), fsck.toString());
        ok("put -r --skip-existing big");
        assertEquals(60, shell.grid().catalog().list(lfnHome.child("big")).size());
    }

    private boolean anyFileIn(org.dshell.core.LfnPath dir) {
        try {
            return shell.grid().catalog().usage(dir).files() > 0;
        } catch (org.dshell.core.DshellException notThereYet) {
            return false;
        }
    }
}
