package org.dshell.commands.jobs;

import static org.dshell.commands.jobs.JobsTestSupport.awaitFinal;
import static org.dshell.commands.jobs.JobsTestSupport.file;
import static org.dshell.commands.jobs.JobsTestSupport.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gives one clear line and submits or changes nothing. */
class BadJobInputTest {
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

    private void assertNothingSubmitted() {
        assertEquals("no jobs\n", shell.run("status -a").out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[ Executable = \"a.sh\"\\n  Arguments = \"x\"; ]|2|submit: bad.jdl: line 1, column 22: missing ';' between attributes",
            "[ JobName = \"x\"; ]|2|submit: bad.jdl: Executable: missing; every job needs one",
            "[ Executable = \"a.sh\"; InputSandbox = {\"missing.sh\"}; ]|2|submit: InputSandbox: no such file: ",
            "[ Executable = \"a.sh\"; InputData = {\"LFN:/dteam/nothing.dat\"}; ]|2|submit: InputData: no such file in the catalog: /dteam/nothing.dat",
            "[ Executable = \"a.sh\"; InputData = {\"nothing.dat\"}; ]|2|submit: bad.jdl: InputData: \"nothing.dat\" is not an LFN; it must start with /",
            "[ Executable = \"a.sh\"; CPUTime = \"soon\"; ]|2|submit: bad.jdl: CPUTime: expected a whole number of seconds, got \"soon\"",
            "[ Executable = \"a.sh\"; Parameters = {}; ]|2|submit: bad.jdl: Parameters: illegal number of job parameters 0",
    })
    void badJdlSubmitsNothing(String jdl, int status, String errorStart) throws Exception {
        file(shell, "bad.jdl", jdl.replace("\\n", "\n"));
        TestShell.Result result = shell.run("submit bad.jdl");
        assertEquals(status, result.status(), result.toString());
        assertEquals(true, result.err().startsWith(errorStart), result.err());
        assertEquals(1, result.err().lines().count());
        assertNothingSubmitted();
    }

    @Test
    void oneBadJdlAmongSeveralSubmitsNone() throws Exception {
        file(shell, "good.jdl", "[ Executable = \"/bin/true\"; ]");
        file(shell, "bad.jdl", "[ Executable = \"/bin/true\"; InputSandbox = {\"gone.txt\"}; ]");
        TestShell.Result result = shell.run("submit good.jdl bad.jdl");
        assertEquals(2, result.status());
        assertEquals("submit: InputSandbox: no such file: " + shell.localDir().resolve("gone.txt") + " (job 2 of 2)\n", result.err());
        assertNothingSubmitted();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "submit missing.jdl|2|submit: cannot read missing.jdl: no such file",
            "submit --param 5:1 -- /bin/true|2|submit: --param 5:1: the range is empty",
            "submit --param a,,b -- /bin/true|2|submit: --param a,,b: empty value in the list",
            "submit -i nope.txt -- /bin/true|2|submit: InputSandbox: no such file: ",
            "submit --input-data /dteam/none.dat -- /bin/true|2|submit: InputData: no such file in the catalog: /dteam/none.dat",
            "submit --output-se X good.jdl|2|submit: with JDL files only -n and -g may be given; the rest belongs in the JDL",
            "status 999|2|status: no such job: 999",
            "kill 999|2|kill: no such job: 999",
            "kill 40-12|2|kill: not a job id or range: 40-12 (the range runs backwards)",
            "kill abc|2|kill: not a job id or range: abc (expected 12 or 12-40)",
            "kill 100-200|2|kill: no jobs in 100-200",
            "kill --group nothing|2|kill: no jobs in group nothing",
            "kill|2|kill: give job ids (12, 12-40) or --group JOBGROUP",
            "log 999|2|log: no such job: 999",
            "peek 999|2|peek: no such job: 999",
            "output 999|2|output: no such job: 999",
            "reschedule 999|2|reschedule: no such job: 999",
            "delete 999|2|delete: no such job: 999",
            "status --since 3x|2|status: not a duration: '3x' (expected e.g. 90s, 30m, 2h, 1d)",
            "status --state Sleeping|2|status: unknown job state 'Sleeping'",
    })
    void badArguments(String line, int status, String errorStart) throws Exception {
        file(shell, "good.jdl", "[ Executable = \"/bin/true\"; ]");
        TestShell.Result result = shell.run(line);
        assertEquals(status, result.status(), result.toString());
        assertEquals(true, result.err().startsWith(errorStart == null ? "" : errorStart), result.err());
        assertNothingSubmitted();
    }

    @Test
    void oneUnknownIdAmongGoodOnesKillsNothing() throws Exception {
        long id = ids(shell.run("submit -- /bin/sleep 30")).get(0);
        TestShell.Result result = shell.run("kill " + id + " 999");
        assertEquals(2, result.status());
        assertEquals("kill: no such job: 999\n", result.err());
        assertEquals(false, shell.grid().workload().job(id).state().isFinal());
        shell.run("kill " + id);
        awaitFinal(shell, id);
    }

    @Test
    void otherUsersJobsAreUnknown() throws Exception {
        long id = ids(shell.run("submit -- /bin/true")).get(0);
        try (TestShell bob = new TestShell(tmp.resolve("home"), "bob")) {
            assertEquals("kill: no such job: " + id + "\n", bob.run("kill " + id).err());
        }
        awaitFinal(shell, id);
    }
}
