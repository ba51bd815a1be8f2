package org.dshell.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar in batch mode: heredocs, -c, script files, exit codes and error lines. */
class BatchModeIT {
    @TempDir
    Path tmp;

    private JarProcess dshell() {
        return new JarProcess(tmp.resolve("home")).env("USER", "localuser");
    }

    @Test
    void heredocRunsEveryLineWithoutPrompt() {
        JarProcess.Result r = dshell().run("""
                pwd
                mkdir -p data/run1   # a comment
                cd data; pwd
                echo "two  spaces" \\
                  continued
                """);
        assertEquals(0, r.status(), r.err());
        assertEquals("/dteam/user/l/localuser\n/dteam/user/l/localuser/data\ntwo  spaces continued\n", r.out());
        assertEquals("", r.err());
        assertTrue(Files.isDirectory(tmp.resolve("home/local")), "DSHELL_HOME created on first start");
        assertTrue(Files.exists(tmp.resolve("home/dshell.properties")));
    }

    @Test
    void stopsAtTheFirstFailureNamingTheLine() {
        JarProcess.Result r = dshell().run("""
                echo one
                ls /nope
                echo never
                """);
        assertEquals(1, r.status());
        assertEquals("one\n", r.out());
        assertEquals("line 2: ls /nope: no such file or directory: /nope\n", r.err());
    }

    @Test
    void usageErrorsExitTwo() {
        JarProcess.Result r = dshell().run("echo ok\nls --bogus\n");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("line 2: ls --bogus: Unknown option: '--bogus'"), r.err());
        JarProcess.Result unknown = dshell().run("lss\n");
        assertEquals(2, unknown.status());
        assertEquals("line 1: lss: unknown verb 'lss' (did you mean lls, ls?)\n", unknown.err());
    }

    @Test
    void keepGoingRunsEverythingAndExitsOneIfAnyFailed() {
        JarProcess.Result r = dshell().run("echo a\ncd /nope\necho b\nmkdir /x\necho c\n", "--keep-going");
        assertEquals(1, r.status());
        assertEquals("a\nb\nc\n", r.out());
        assertEquals(2, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("line 4: mkdir /x: permission denied: /"), r.err());
    }

    @Test
    void exitSetsTheStatus() {
        JarProcess.Result r = dshell().run("echo a\nexit 7\necho b\n");
        assertEquals(7, r.status());
        assertEquals("a\n", r.out());
    }

    @Test
    void dashCRunsCommandsAndExits() {
        JarProcess.Result r = dshell().run("", "-c", "mkdir x; cd x; pwd");
        assertEquals(0, r.status(), r.err());
        assertEquals("/dteam/user/l/localuser/x\n", r.out());
        JarProcess.Result failed = dshell().run("", "-c", "cd /nope; pwd");
        assertEquals(1, failed.status());
        assertEquals("", failed.out());
        assertEquals("cd /nope: no such file or directory: /nope\n", failed.err());
    }

    @Test
    void scriptFilesRunWithBatchSemantics() throws Exception {
        Path script = tmp.resolve("make.dsh");
        Files.writeString(script, "mkdir -p a/b\ncd a\nls\nrmdir /dteam\n");
        JarProcess.Result r = dshell().in(tmp).run("", "make.dsh");
        assertEquals(1, r.status());
        assertEquals("b/\n", r.out());
        assertTrue(r.err().startsWith("make.dsh: line 4: rmdir /dteam: "), r.err());
        assertEquals(2, dshell().run("", "missing.dsh").status());
    }

    @Test
    void stateIsSharedBetweenRuns() {
        assertEquals(0, dshell().run("mkdir persisted\n").status());
        assertEquals("persisted/\n", dshell().run("ls\n").out());
    }

    @Test
    void versionAndHelp() {
        JarProcess.Result v = dshell().run("", "--version");
        assertEquals(0, v.status());
        assertTrue(v.out().matches("dshell \\d+\\.\\d+\\.\\d+\\n"), v.out());
        JarProcess.Result h = dshell().run("", "--help");
        assertTrue(h.out().startsWith("Usage: dshell"), h.out());
        assertEquals(2, dshell().run("", "--frob").status());
    }

    @Test
    void unterminatedQuoteAtTheEndIsAnError() {
        JarProcess.Result r = dshell().run("echo 'open\n");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unterminated single quote"), r.err());
    }

    @Test
    void hiddenCompletionEntryPointPrintsCandidates() {
        dshell().run("mkdir -p /dteam/user/l/localuser/data/run1\n");
        JarProcess.Result r = dshell().run("", "--complete", "ls", "/dteam/user/l/localuser/da");
        assertEquals("/dteam/user/l/localuser/data/\n", r.out());
        assertEquals("mkdir\n", dshell().run("", "--complete", "mkd").out());
    }
}
