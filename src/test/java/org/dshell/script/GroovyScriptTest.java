package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts through the run and eval verbs: the API, errors, exit, interrupts. */
class GroovyScriptTest {
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

    private TestShell.Result script(String text, String... args) throws Exception {
        write(shell, "t.groovy", text);
        return shell.run("run t.groovy " + String.join(" ", args));
    }

    @Test
    void scriptsSeeArgsCwdAndEnv() throws Exception {
        TestShell.Result r = script("println args; println cwd; println env.USER", "a", "b");
        assertEquals(0, r.status(), r.toString());
        assertEquals("[a, b]\n/dteam/user/a/alice\nalice\n", r.out());
    }

    @Test
    void verbsReturnObjects() throws Exception {
        TestShell.Result r = script("""
                mkdir('-p', 'data/run1')
                mkdir('data/run2')
                def entries = ls('data')
                println entries.collect { it.name }.sort()
                println entries[0].path
                println stat('data/run1')[0].type
                println whoami().user + ' ' + whoami().group
                def text = lpwd()
                println text.getClass().simpleName + ' ' + text.status
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("""
                [run1, run2]
                /dteam/user/a/alice/data/run1
                directory
                alice dteam_user
                TextResult 0
                """, r.out());
    }

    @Test
    void namedArgumentsBecomeOptions() throws Exception {
        TestShell.Result r = script("""
                mkdir('a/b', p: true)
                println ls('a', d: true)[0].type
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("directory\n", r.out());
    }

    @Test
    void shRunsALineAndReturnsTextAndStatus() throws Exception {
        TestShell.Result r = script("""
                def ok = sh('pwd; echo hi')
                println ok.status + ' ' + ok.lines
                def bad = sh('ls /nowhere')
                println bad.status + ' ' + bad.error
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("0 [/dteam/user/a/alice, hi]\n1 ls: no such file or directory: /nowhere\n", r.out());
    }

    @Test
    void aFailingVerbThrowsWithItsOneLineErrorAndScriptsCanCatchIt() throws Exception {
        TestShell.Result r = script("""
                try { ls('/nowhere') } catch (e) { println 'caught: ' + e.message }
                """);
        assertEquals("caught: ls: no such file or directory: /nowhere\n", r.out());
    }

    @Test
    void anErrorNamesTheScriptAndLine() throws Exception {
        TestShell.Result r = script("println 'one'\n\nls('/nowhere')\n");
        assertEquals(1, r.status());
        assertEquals("one\n", r.out());
        assertEquals("run: t.groovy: line 3: ls: no such file or directory: /nowhere\n", r.err());
        TestShell.Result missing = script("x = 1\ny = nothing + 1\n");
        assertEquals("run: t.groovy: line 2: MissingPropertyException: No such property: nothing for class: t\n", missing.err());
        TestShell.Result syntax = script("def x = 1\nprintln x +\n");
        assertTrue(syntax.err().startsWith("run: t.groovy: line 3: "), syntax.err());
        assertEquals(1, syntax.status());
        assertTrue(shell.run("trace").out().contains("MissingPropertyException") || shell.run("trace").out().contains("t.groovy"));
    }

    @Test
    void exitEndsTheScriptWithItsStatus() throws Exception {
        TestShell.Result r = script("println 'before'; exit(3); println 'after'");
        assertEquals(3, r.status());
        assertEquals("before\n", r.out());
        assertEquals(0, shell.run("pwd").status(), "the shell goes on");
    }

    @Test
    void evalVariablesPersistForTheSession() {
        assertEquals("40\n", shell.run("eval 'x = 40'").out());
        assertEquals("", shell.run("eval 'def y = 2; null'").err());
        assertEquals("42\n", shell.run("eval x + y").out());
        assertEquals("[1, 2]\n", shell.run("eval '[1, 2]'").out());
        TestShell.Result bad = shell.run("eval 'ls(\"/nowhere\")'");
        assertEquals(1, bad.status());
        assertEquals("eval: eval: line 1: ls: no such file or directory: /nowhere\n", bad.err());
    }

    @Test
    void evalJson() {
        assertEquals("{\n  \"a\" : 1\n}\n", shell.run("eval --json '[a: 1]'").out());
    }

    @Test
    void retryTriesAgainWithBackoff() throws Exception {
        TestShell.Result r = script("""
                int n = 0
                def v = retry(times: 3, backoff: '10ms') { n++; if (n < 3) throw new RuntimeException("try $n"); 'ok' }
                println "$v after $n"
                try { retry(times: 2, backoff: 0) { ls('/nowhere') } } catch (e) { println e.message }
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("ok after 3\nls: no such file or directory: /nowhere\n", r.out());
        assertTrue(r.err().contains("retry: attempt 1 of 3 failed: RuntimeException: try 1; again in 10ms"), r.err());
        assertTrue(r.err().contains("retry: attempt 2 of 3 failed: RuntimeException: try 2; again in 20ms"), r.err());
    }

    @Test
    void interruptingAScriptStopsIt() throws Exception {
        write(shell, "loop.groovy", "println 'started'; out.flush(); while (true) { }");
        AtomicReference<TestShell.Result> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(shell.run("run loop.groovy")));
        runner.start();
        Thread.sleep(1500);
        runner.interrupt();
        runner.join(20_000);
        assertEquals(130, result.get().status(), String.valueOf(result.get()));
    }

    @Test
    void interruptingParallelWorkStopsTheWorkers() throws Exception {
        write(shell, "par.groovy", """
                def r = parallel(1..8, threads: 4) { i -> while (true) { Thread.sleep(10) } }
                println 'not here'
                """);
        AtomicReference<TestShell.Result> result = new AtomicReference<>();
        Thread runner = new Thread(() -> result.set(shell.run("run par.groovy")));
        runner.start();
        Thread.sleep(1500);
        runner.interrupt();
        runner.join(20_000);
        assertEquals(130, result.get().status(), String.valueOf(result.get()));
        Thread.sleep(200);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("dshell-parallel")),
                "parallel workers left running");
    }
}
