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

/** parallel, and the job functions: submit in its three forms, status, waitFor. */
class ParallelAndJobsTest {
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

    private TestShell.Result script(String text) throws Exception {
        write(shell, "t.groovy", text);
        return shell.run("run t.groovy");
    }

    @Test
    void parallelCollectsSuccessesAndFailuresWithoutStopping() throws Exception {
        TestShell.Result r = script("""
                import java.util.concurrent.atomic.AtomicInteger
                def running = new AtomicInteger(), most = new AtomicInteger()
                def r = parallel(1..12, threads: 3) { i ->
                    most.accumulateAndGet(running.incrementAndGet(), Math::max)
                    Thread.sleep(50)
                    running.decrementAndGet()
                    if (i % 4 == 0) throw new IllegalStateException("bad $i")
                    mkdir("d$i")
                    i * 10
                }
                println r.values
                println r.failures.collect { "$it.item: $it.error" }
                println "${r.count} ${r.ok} ${r.elapsed.toMillis() > 0} ${most.get() <= 3}"
                println ls('.').size()
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("""
                [10, 20, 30, 50, 60, 70, 90, 100, 110]
                [4: IllegalStateException: bad 4, 8: IllegalStateException: bad 8, 12: IllegalStateException: bad 12]
                12 false true true
                9
                """, r.out());
        assertTrue(r.err().matches("parallel: 12 items, 9 ok, 3 failed in \\d+\\.\\d s \\(3 threads\\)\n"), r.err());
    }

    @Test
    void failFastStopsAtTheFirstFailure() throws Exception {
        TestShell.Result r = script("""
                try {
                    parallel(1..100, threads: 2, failFast: true) { i -> if (i == 3) ls('/nowhere'); Thread.sleep(20); i }
                } catch (e) {
                    println e.message
                    println e.result.successes.size() < 100
                }
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("parallel stopped at 3: ls: no such file or directory: /nowhere\ntrue\n", r.out());
    }

    @Test
    void submitStatusAndWaitFor() throws Exception {
        write(shell, "job.jdl", "[ Executable = \"/bin/echo\"; Arguments = \"from file\"; JobGroup = \"g\"; ]");
        TestShell.Result r = script("""
                def a = submit('[ Executable = "/bin/echo"; Arguments = "text"; JobGroup = "g"; ]')
                def b = submit([Executable: '/bin/echo', Arguments: 'map', JobGroup: 'g'])
                def c = submit('job.jdl')
                def d = submit(group: 'g', '--', '/bin/false')
                def ids = a + b + c + d
                println ids.size()
                def states = waitFor(ids, timeout: '2m')
                println states.values()
                println status(ids, all: true).collect { it.state }
                println status(group: 'g', all: true).size()
                println output(a[0]).values().flatten().collect { new File(it).name }.sort()
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("""
                4
                [Done, Done, Done, Failed]
                [Done, Done, Done, Failed]
                4
                [std.err, std.out]
                """, r.out());
    }

    @Test
    void waitForTimesOut() throws Exception {
        TestShell.Result r = script("""
                def id = submit('--', '/bin/sleep', '30')[0]
                try { waitFor(id, timeout: '300ms') } catch (e) { println e.message.replace("[$id]", '[ID]') }
                kill(id)
                println waitFor([id])[id]
                """);
        assertEquals(0, r.status(), r.toString());
        assertEquals("waitFor: timed out after 300ms; 1 job(s) not final: [ID]\nKilled\n", r.out());
    }
}
