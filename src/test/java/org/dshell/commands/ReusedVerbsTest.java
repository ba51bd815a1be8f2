package org.dshell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher keeps picocli's model per verb and thread: no option, group or stream may leak from one call to the next. */
class ReusedVerbsTest {
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

    @Test
    void optionsAndArgGroupsStartFromTheirInitialValues() throws Exception {
        Files.writeString(shell.localDir().resolve("a.dat"), "aaaa");
        Files.writeString(shell.localDir().resolve("b.dat"), "bb");
        ok("put a.dat b.dat .");
        String plain = ok("ls").out();
        assertFalse(ok("ls -l -S").out().equals(plain));
        assertEquals(plain, ok("ls").out(), "-l and the -S group are gone");
        assertEquals("a.dat\nb.dat\n", ok("ls").out());
        assertEquals("a.dat\nb.dat\n", ok("ls -S").out(), "largest first");
        ok("put --force a.dat .");
        TestShell.Result again = shell.run("put a.dat .");
        assertEquals(1, again.status(), "--force does not stick");
        assertTrue(again.err().contains("file exists"), again.err());
        ok("put --skip-existing a.dat .");
        assertTrue(shell.run("put a.dat .").err().contains("file exists"), "--skip-existing does not stick");
        assertTrue(ok("stat --json a.dat").out().contains("\"path\""));
        assertFalse(ok("stat a.dat").out().contains("\"path\""), "--json does not stick");
    }

    @Test
    void listOptionsDoNotAccumulate() throws Exception {
        ok("meta index -f run int");
        Files.writeString(shell.localDir().resolve("a.dat"), "aaaa");
        Files.writeString(shell.localDir().resolve("b.dat"), "bb");
        ok("put --meta run=7 a.dat .");
        ok("put b.dat .");
        assertEquals("a.dat\n", ok("find . run=7").out().replaceAll(".*/", ""));
    }

    @Test
    void mixinsAndSubcommandsStartAfresh() {
        TestShell.Result none = ok("status -a --name 'nothing*'");
        assertEquals(ok("status -a --name 'nothing*'").out(), none.out());
        ok("meta index -f run int");
        String json = ok("meta fields --json").out();
        assertTrue(json.startsWith("["), json);
        assertEquals(json, ok("meta fields --json").out());
        assertFalse(ok("meta fields").out().startsWith("["), "--json of the subcommand does not stick");
        ok("meta index -r run");
        ok("meta index energy float");
        assertTrue(ok("meta fields").out().contains("energy"));
    }

    @Test
    void aVerbThatRunsItselfKeepsItsOwnOptions() throws Exception {
        Files.writeString(shell.localDir().resolve("inner.dsh"), "mkdir -p x/y\n");
        Files.writeString(shell.localDir().resolve("outer.dsh"), "run inner.dsh\nmkdir z\n");
        ok("run outer.dsh");
        assertEquals("x/\nz/\n", ok("ls").out());
        assertEquals("y/\n", ok("ls x").out());
    }
}
