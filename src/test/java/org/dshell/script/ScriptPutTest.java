package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code put} from a script: the plain call takes the direct path (see DirectPut), everything else the
 * verb; both give the verb's result, its checks and its error messages.
 */
class ScriptPutTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() throws Exception {
        shell = new TestShell(tmp.resolve("home"), "alice");
        Files.writeString(shell.localDir().resolve("a.dat"), "alpha\n");
        Files.writeString(shell.localDir().resolve("b.dat"), "beta\n");
        Files.createDirectories(shell.localDir().resolve("dir"));
        assertEquals(0, shell.run("mkdir data; put b.dat data").status());
    }

    @AfterEach
    void close() {
        shell.close();
    }

    private TestShell.Result script(String text) throws Exception {
        write(shell, "t.groovy", text);
        return shell.run("run t.groovy " + shell.localDir());
    }

    @Test
    void aPlainPutReturnsTheVerbsSummaryAndRegistersChecksummedBytes() throws Exception {
        TestShell.Result r = script("""
                def s = put('a.dat', 'data')
                println "${s.verb} ${s.done} ${s.skipped} ${s.failed} ${s.bytes} ${s.failures}"
                println stat('data/a.dat')[0].checksum
                println replicas('data/a.dat')[0].replicas*.se
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("put 1 0 0 6 []\n" + "adler32:082c0211\n" + "[LOCAL-DISK]\n", r.out());
        assertEquals(0, shell.run("mkdir data/copy").status());
        TestShell.Result se = script("put(new File('a.dat'), 'data/copy', se: 'LOCAL-BACKUP'); println replicas('data/copy/a.dat')[0].replicas*.se");
        assertEquals("[LOCAL-BACKUP]\n", se.out(), se.toString());
        assertEquals(0, shell.run("fsck data").status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "put('b.dat', 'data')|put: file exists: /dteam/user/a/alice/data/b.dat (use --skip-existing or --force)",
        "put('nothing.dat', 'data')|put: no such local file: nothing.dat",
        "put('dir', 'data')|put: is a directory (use -r): dir",
        "put('a.dat', 'nowhere')|put: no such catalog directory: /dteam/user/a/alice/nowhere (the last argument is the destination; add '.' for the current directory)",
        "put('a.dat', 'data/b.dat')|put: not a catalog directory: /dteam/user/a/alice/data/b.dat (the last argument is the destination; add '.' for the current directory)",
        "put('a.dat', 'data', se: 'NOSUCH')|put: unknown SE 'NOSUCH' (known: LOCAL-DISK, LOCAL-BACKUP)",
    })
    void failingChecksSayWhatTheVerbSays(String call, String expected) throws Exception {
        TestShell.Result viaScript = script("try { " + call + " } catch (e) { println e.message }");
        assertEquals(expected + "\n", viaScript.out(), viaScript.toString());
    }

    @Test
    void optionsWildcardsAndSeveralFilesGoThroughTheVerb() throws Exception {
        TestShell.Result r = script("""
                println put('b.dat', 'data', 'skip-existing': true).skipped
                println put('*.dat', 'data', force: true).done
                println put(['a.dat', 'b.dat'], 'data', force: true).done
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("1\n2\n2\n", r.out());
    }

    @Test
    void manyPutsInParallelRegisterEveryFile() throws Exception {
        Path many = Files.createDirectories(shell.localDir().resolve("many"));
        for (int i = 0; i < 200; i++) {
            Files.writeString(many.resolve("f" + i + ".dat"), "file " + i + "\n");
        }
        TestShell.Result r = script("""
                mkdir('bulk')
                def files = new File(args[0], 'many').listFiles().toList()
                def result = parallel(files, threads: 8) { put(it, 'bulk') }
                println result.ok
                println ls('bulk').size()
                println result.values.sum { it.bytes }
                """);
        assertEquals(0, r.status(), r.toString());
        long bytes = 0;
        for (int i = 0; i < 200; i++) {
            bytes += ("file " + i + "\n").length();
        }
        assertEquals("true\n200\n" + bytes + "\n", r.out());
        assertEquals(0, shell.run("fsck bulk").status());
    }

    @Test
    void aRelativeDestinationFollowsTheScriptsWorkingDirectory() throws Exception {
        assertEquals(0, shell.run("mkdir -p one/data two/data").status());
        Files.writeString(shell.localDir().resolve("c.dat"), "gamma\n");
        // Each put names a new file: a destination resolved against an earlier directory would land there.
        TestShell.Result r = script("""
                cd('one'); put('a.dat', 'data')
                cd('../two'); put(new File('b.dat'), 'data')
                cd('~'); put(java.nio.file.Path.of('c.dat'), "${'da' + 'ta'}")
                println ls('one/data')*.name + ls('two/data')*.name + ls('data')*.name
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("[a.dat, b.dat, b.dat, c.dat]\n", r.out());
    }
}
