package org.dshell.commands.data;

import static org.dshell.commands.data.DataFixture.filesBelow;
import static org.dshell.commands.data.DataFixture.randomBytes;
import static org.dshell.commands.data.DataFixture.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.core.LfnPath;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is one clear line, and changes nothing: no catalog entry, no byte on any SE. */
class PutErrorsTest {
    @TempDir
    Path tmp;
    TestShell shell;
    Path home;
    LfnPath lfnHome;

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("dshell.properties"), """
                se.DISK.root = se/DISK
                se.DISK.read = true
                se.DISK.write = true
                se.ARCHIVE.root = se/ARCHIVE
                se.ARCHIVE.write = false
                se.TINY.root = se/TINY
                se.TINY.quota = 1K
                se.default = DISK
                """);
        shell = new TestShell(home, "bob");
        lfnHome = shell.session().home();
        write(shell.localDir().resolve("a.dat"), randomBytes(1, 2000));
        write(shell.localDir().resolve("dir/b.dat"), randomBytes(2, 10));
        shell.run("mkdir sub");
    }

    @AfterEach
    void tearDown() {
        shell.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "put missing.dat a.dat .              | 2 | put: no such local file: missing.dat",
            "put dir                              | 2 | put: is a directory (use -r): dir",
            "put --se NOPE a.dat                  | 2 | put: unknown SE 'NOPE' (known: DISK, ARCHIVE, TINY)",
            "put --se ARCHIVE a.dat               | 1 | put: SE ARCHIVE is read-only (se.ARCHIVE.write = false)",
            "put --se TINY a.dat                  | 1 | put: no space left on SE TINY: need 2.0K, 1.0K free",
            "put a.dat nowhere                    | 1 | put: no such catalog directory: ",
            "put a.dat dir/b.dat                  | 1 | put: no such catalog directory: ",
            "put --skip-existing --force a.dat    | 2 | put: Error: --skip-existing, --force are mutually exclusive",
    })
    void badInputChangesNothing(String line, int status, String error) {
        TestShell.Result r = shell.run(line);
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.err().startsWith(error), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of("sub"), shell.grid().catalog().list(lfnHome).stream().map(e -> e.name()).toList());
        assertEquals(List.of(), filesBelow(home.resolve("se")));
    }

    @Test
    void existingLfnIsAnErrorThatChangesNothing() {
        assertEquals(0, shell.run("put a.dat").status());
        write(shell.localDir().resolve("a.dat"), randomBytes(3, 2000));
        write(shell.localDir().resolve("c.dat"), randomBytes(4, 20));
        TestShell.Result r = shell.run("put c.dat a.dat .");
        assertEquals(1, r.status());
        assertEquals("put: file exists: " + lfnHome + "/a.dat (use --skip-existing or --force)\n", r.err());
        assertTrue(shell.grid().catalog().stat(lfnHome.child("c.dat")).isEmpty());
        assertEquals(1, filesBelow(home.resolve("se")).size());
    }

    @Test
    void nonWritableCatalogDirectoryFailsPerFileAndLeavesNoBytes() {
        shell.run("chmod 555 sub");
        TestShell.Result r = shell.run("put a.dat sub");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("put: 0 done, 0 skipped, 1 failed"), r.out());
        assertTrue(r.err().contains("a.dat: permission denied: " + lfnHome + "/sub"), r.err());
        assertEquals(List.of(), filesBelow(home.resolve("se")));
    }
}
