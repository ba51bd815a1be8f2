package org.dshell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.core.ExitRequest;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellVerbsTest {
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

    @Test
    void echoPrintsWordsAsTheParserSplitThem() {
        assertEquals("a b  c\n", shell.run("echo a 'b  c'").out());
        assertEquals("x", shell.run("echo -n x").out());
    }

    @Test
    void helpListsVerbsByThemeAndShowsUsageWithExamples() {
        String help = shell.run("help").out();
        assertTrue(help.contains("Catalog:") && help.contains("Shell:") && help.contains("Local files:"), help);
        assertTrue(help.lines().anyMatch(l -> l.matches("\\s+ls\\s+List catalog directories and files\\.")), help);
        String ls = shell.run("help ls").out();
        assertTrue(ls.contains("Usage: ls") && ls.contains("Examples:") && ls.contains("-R"), ls);
        assertEquals(ls, shell.run("ls --help").out());
        TestShell.Result unknown = shell.run("help lss");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("did you mean lls, ls?"), unknown.err());
    }

    @Test
    void unknownVerbsGetSuggestionsAndUsageErrorsExitTwo() {
        TestShell.Result r = shell.run("mkdri x");
        assertEquals(2, r.status());
        assertEquals("mkdri: unknown verb 'mkdri' (did you mean mkdir?)\n", r.err());
        TestShell.Result option = shell.run("ls --frobnicate");
        assertEquals(2, option.status());
        assertTrue(option.err().startsWith("ls: Unknown option: '--frobnicate' (see 'ls --help')"), option.err());
        assertEquals(2, shell.run("sleep abc").status());
        assertEquals(2, shell.run("echo 'unterminated").status());
    }

    @Test
    void localDirectoryVerbs() throws Exception {
        Files.createDirectories(shell.localDir().resolve("sub"));
        Files.writeString(shell.localDir().resolve("sub/file.txt"), "hello");
        assertEquals(shell.localDir() + "\n", shell.run("lpwd").out());
        assertEquals(0, shell.run("lcd sub").status());
        assertEquals(shell.localDir().resolve("sub") + "\n", shell.run("lpwd").out());
        assertEquals("file.txt\n", shell.run("lls").out());
        assertTrue(shell.run("lls -l").out().matches("-rw-r--r--\\s+\\S+\\s+\\S+\\s+5\\s+.*file\\.txt\\n"), shell.run("lls -l").out());
        assertEquals(1, shell.run("lcd /no/such/dir").status());
        assertEquals(1, shell.run("lcd file.txt").status());
    }

    @Test
    void localWildcardsExpandAgainstTheLocalDirectoryAndQuotingSuppressesThem() throws Exception {
        for (String name : java.util.List.of("a1.dat", "a2.dat", "b.txt", "star*.dat")) {
            Files.writeString(shell.localDir().resolve(name), name);
        }
        assertEquals("a1.dat\na2.dat\nstar*.dat\n", shell.run("lls *.dat").out());
        assertEquals("a1.dat\na2.dat\n", shell.run("lls a?.dat").out());
        assertEquals("star*.dat\n", shell.run("lls 'star*.dat'").out());
        TestShell.Result none = shell.run("lls *.root");
        assertEquals(2, none.status());
        assertEquals("lls: no match: *.root\n", none.err());
        assertEquals(0, shell.run("mkdir up; put a*.dat up").status(), shell.run("ls up").err());
        assertEquals("a1.dat\na2.dat\n", shell.run("ls up").out());
        assertEquals(0, shell.run("put 'star*.dat' up").status());
        assertEquals("a1.dat\na2.dat\nstar*.dat\n", shell.run("ls up").out());
    }

    @Test
    void bangRunsALocalCommandInTheLocalDirectory() throws Exception {
        Files.writeString(shell.localDir().resolve("x.txt"), "content");
        TestShell.Result r = shell.run("!cat x.txt; echo done");
        assertEquals("contentdone\n", r.out());
        assertEquals(3, shell.run("!exit 3").status());
        assertEquals(2, shell.run("!").status());
    }

    @Test
    void traceShowsTheStackOfTheLastError() {
        assertEquals("no error so far\n", shell.run("trace").out());
        shell.run("cd /nope");
        String trace = shell.run("trace").out();
        assertTrue(trace.startsWith("org.dshell.core.DshellException: no such file or directory: /nope"), trace);
        assertTrue(trace.contains("\tat org.dshell."), trace);
    }

    @Test
    void setShowsAndChangesOptions() {
        assertTrue(shell.run("set").out().contains("format = table"));
        assertEquals(0, shell.run("set jobs 8").status());
        assertEquals("jobs = 8\n", shell.run("set jobs").out());
        assertEquals(2, shell.run("set jobs many").status());
        assertEquals(2, shell.run("set colour on").status());
    }

    @Test
    void exitLeavesWithAStatus() {
        ExitRequest exit = assertThrows(ExitRequest.class, () -> shell.run("exit 4"));
        assertEquals(4, exit.status());
    }

    @Test
    void sleepCanBeInterrupted() throws Exception {
        Thread worker = new Thread(() -> assertEquals(130, shell.run("sleep 30").status()));
        long start = System.nanoTime();
        worker.start();
        Thread.sleep(200);
        worker.interrupt();
        worker.join(5000);
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }
}
