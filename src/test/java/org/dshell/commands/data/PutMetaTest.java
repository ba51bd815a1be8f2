package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.filesBelow;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.seRoot;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.dshell.core.LfnPath;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code put --meta}: files arrive with their metadata, and bad metadata stops put before any byte moves. */
class PutMetaTest {
    @TempDir
    Path tmp;
    TestShell shell;
    LfnPath home;

    @BeforeEach
    void setUp() {
        shell = new TestShell(tmp.resolve("home"), "alice");
        home = shell.session().home();
        ok("meta index -f run int");
        ok("meta index -f energy float");
        ok("meta index -f comment string");
        ok("meta index -d particle string");
        write(shell.localDir().resolve("a.dat"), randomBytes(1, 2000));
        write(shell.localDir().resolve("b.dat"), randomBytes(2, 3000));
        write(shell.localDir().resolve("results/r1.dat"), randomBytes(3, 100));
        write(shell.localDir().resolve("results/sub/r2.dat"), randomBytes(4, 200));
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

    private List<String> find(String query) {
        return ok("find " + home + " " + query).out().lines().toList();
    }

    @Test
    void putFilesAreFoundByTheirValues() {
        ok("put --meta run=7 --meta energy=4.5 --meta 'comment=beam off' a.dat b.dat .");
        ok("put --meta run=8 --se LOCAL-BACKUP results/r1.dat");
        assertEquals(List.of(home + "/a.dat", home + "/b.dat"), find("run=7 energy>4 'comment=beam off'"));
        assertEquals(List.of(home + "/r1.dat"), find("run=8 SE=LOCAL-BACKUP"));
        assertTrue(ok("meta get a.dat").out().contains("energy   4.5"), ok("meta get a.dat").out());
    }

    @Test
    void recursivePutSetsTheValuesOnEveryFileBelow() {
        ok("mkdir data");
        ok("meta set data particle=muon");
        ok("put -r -j 3 --meta run=9 results data");
        assertEquals(List.of(home + "/data/results/r1.dat", home + "/data/results/sub/r2.dat"), find("run=9 particle=muon"));
        assertEquals(List.of(), find("run=9 Path=" + home + "/data/results/sub"), "directories get no file values");
    }

    @Test
    void forceReplacesTheValuesToo() {
        ok("put --meta run=1 --meta energy=1 a.dat");
        ok("put --force --meta run=2 a.dat");
        assertEquals(List.of(home + "/a.dat"), find("run=2"));
        assertEquals(List.of(), find("energy=1"), "the old file's values went with it");
    }

    @Test
    void skipExistingLeavesRegisteredFilesAsTheyAre() {
        ok("put --meta run=1 a.dat");
        ok("put --skip-existing --meta run=2 a.dat b.dat .");
        assertEquals(List.of(home + "/a.dat"), find("run=1"));
        assertEquals(List.of(home + "/b.dat"), find("run=2"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "put --meta temperature=3 a.dat       | put: 'temperature=3': unknown metadata field 'temperature'",
            "put --meta run=abc a.dat             | put: 'run=abc': run is an int field",
            "put --meta energy>2 a.dat            | put: 'energy>2': expected NAME=VALUE",
            "put --meta run=1 --meta run=2 a.dat  | put: 'run=2': run is assigned twice",
            "put --meta particle=pion a.dat       | put: 'particle=pion': particle is a directory field",
            "put --meta Size=3 a.dat              | put: 'Size=3': Size is a standard key",
            "put -r --meta run=x results          | put: 'run=x': run is an int field",
    })
    void badMetaIsAUsageErrorAndUploadsNothing(String line, String error) {
        TestShell.Result r = shell.run(line);
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().startsWith(error), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of(), filesBelow(seRoot(shell.dshellHome(), "LOCAL-DISK")), "no byte reached the SE");
        assertTrue(shell.grid().catalog().stat(home.child("a.dat")).isEmpty());
        assertTrue(shell.grid().catalog().stat(home.child("results")).isEmpty());
    }
}
