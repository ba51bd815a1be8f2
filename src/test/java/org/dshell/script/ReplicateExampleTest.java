package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/examples/replicate-query.groovy on the embedded grid: needs put, replicate, se (transfers) and meta, find (meta). */
class ReplicateExampleTest {
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

    private void ok(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(0, r.status(), line + ": " + r);
    }

    @Test
    void replicatesTheFilesOfAQueryToAnotherSe() throws Exception {
        ok("mkdir -p data");
        for (int i = 1; i <= 6; i++) {
            write(shell, "f" + i + ".dat", "file " + i + "\n");
        }
        ok("put f1.dat f2.dat f3.dat f4.dat f5.dat f6.dat data");
        ok("meta index -f energy int");
        for (int i = 1; i <= 6; i++) {
            ok("meta set data/f" + i + ".dat energy=" + i * 5);
        }
        TestShell.Result se = shell.run("se");
        assertTrue(se.out().contains("LOCAL-BACKUP"), se.out());

        TestShell.Result r = shell.run("run " + ExamplesTest.EXAMPLES.resolve("replicate-query.groovy")
                + " data LOCAL-BACKUP 'energy>10'");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("4 file(s) match energy>10"), r.out());
        assertTrue(r.out().contains("replicated 4 of 4 to LOCAL-BACKUP"), r.out());
        for (int i = 3; i <= 6; i++) {
            assertTrue(shell.run("ls -l data/f" + i + ".dat").out().contains("2"), "f" + i + " has two replicas");
        }
    }
}
