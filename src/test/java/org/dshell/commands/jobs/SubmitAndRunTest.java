package org.dshell.commands.jobs;

import static org.dshell.commands.jobs.JobsTestSupport.awaitFinal;
import static org.dshell.commands.jobs.JobsTestSupport.file;
import static org.dshell.commands.jobs.JobsTestSupport.ids;
import static org.dshell.commands.jobs.JobsTestSupport.script;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.core.JobInfo;
import org.dshell.core.JobLogEntry;
import org.dshell.core.JobState;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JDL and command-line submissions run by the real job agent, with real shell scripts. */
class SubmitAndRunTest {
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
    void jdlJobRunsToDoneAndItsOutputSandboxComesBack() throws Exception {
        script(shell, "run.sh", "echo \"hello $1 job $JOBID\"; echo warning >&2; echo data > result.txt");
        file(shell, "cfg.txt", "x=1\n");
        file(shell, "hello.jdl", """
                [
                  JobName = "hello";
                  Executable = "run.sh";
                  Arguments = "world";
                  InputSandbox = {"run.sh", "cfg.txt"};
                  OutputSandbox = {"std.out", "std.err", "*.txt"};
                  Site = "LCG.CERN.cern";
                ]
                """);
        long id = ids(shell.run("submit hello.jdl")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        assertEquals("Application Finished Successfully", job.minorStatus());
        assertEquals("hello", job.name());
        assertTrue(shell.grid().workload().jdl(id).contains("Site = \"LCG.CERN.cern\""), "other attributes are kept");

        TestShell.Result output = shell.run("output -D out " + id);
        assertEquals(0, output.status(), output.toString());
        Path dir = shell.localDir().resolve("out").resolve(Long.toString(id));
        assertEquals("hello world job " + id + "\n", Files.readString(dir.resolve("std.out"), StandardCharsets.UTF_8));
        assertEquals("warning\n", Files.readString(dir.resolve("std.err"), StandardCharsets.UTF_8));
        assertEquals("data\n", Files.readString(dir.resolve("result.txt"), StandardCharsets.UTF_8));
        assertEquals("x=1\n", Files.readString(dir.resolve("cfg.txt"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve(".dshell-exit")), "the wrapper's files are not part of the sandbox");
    }

    @Test
    void nonZeroExitFails() throws Exception {
        script(shell, "fail.sh", "echo trying; exit 3");
        long id = ids(shell.run("submit -- fail.sh")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state());
        assertEquals("Application Finished With Errors", job.minorStatus());
        assertEquals("Exit code 3", job.applicationStatus());
        assertEquals(List.of("trying"), shell.grid().workload().peek(id, 5));
    }

    @Test
    void missingExecutableFailsAsApplicationNotFound() throws Exception {
        long id = ids(shell.run("submit -- no-such-program-here")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state());
        assertEquals("Application not found", job.minorStatus());
    }

    @Test
    void parametricJdlBecomesOneJobPerParameter() throws Exception {
        file(shell, "scan.jdl", """
                [
                  JobName = "scan_%n";
                  JobGroup = "scan";
                  Executable = "/bin/echo";
                  Arguments = "value %s";
                  Parameters = {"a", "b", "c"};
                ]
                """);
        List<Long> ids = ids(shell.run("submit scan.jdl"));
        assertEquals(3, ids.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(JobState.DONE, awaitFinal(shell, ids.get(i)).state());
            assertEquals(List.of("value " + "abc".charAt(i)), shell.grid().workload().peek(ids.get(i), 5));
            assertEquals("scan_" + i, shell.grid().workload().job(ids.get(i)).name());
        }
        TestShell.Result status = shell.run("status -a --group scan");
        assertEquals(4, status.out().lines().count(), status.out());
    }

    @Test
    void commandLineSubmitBuildsTheJdl() throws Exception {
        TestShell.Result shown = shell.run("submit --show-jdl -n sq -g nums --param 2:6:2 --cpu-time 60 -- /bin/echo 'a b' %s");
        assertEquals(0, shown.status(), shown.toString());
        assertTrue(shown.out().contains("Arguments = \"'a b' %s\";"), shown.out());
        assertTrue(shown.out().contains("Parameters = 3;"), shown.out());
        assertTrue(shown.out().contains("CPUTime = 60;"), shown.out());
        List<Long> ids = shown.out().lines().filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
        assertEquals(3, ids.size());
        for (int i = 0; i < 3; i++) {
            awaitFinal(shell, ids.get(i));
            assertEquals(List.of("a b " + (2 + 2 * i)), shell.grid().workload().peek(ids.get(i), 1));
        }
        TestShell.Result json = shell.run("submit --json -- /bin/true");
        assertTrue(json.out().contains("\"ids\""), json.out());
    }

    @Test
    void logListsEveryStateChangeInOrder() throws Exception {
        long id = ids(shell.run("submit -- /bin/true")).get(0);
        awaitFinal(shell, id);
        List<String> states = shell.grid().workload().logging(id).stream().map(e -> e.state() + "/" + e.minorStatus()).toList();
        assertEquals(List.of("Received/Job accepted", "Waiting/Pilot Agent Submission", "Matched/Assigned",
                "Running/Job Initialization", "Running/Application", "Done/Application Finished Successfully"), states);
        List<JobLogEntry> entries = shell.grid().workload().logging(id);
        for (int i = 1; i < entries.size(); i++) {
            assertFalse(entries.get(i).time().isBefore(entries.get(i - 1).time()));
        }
        TestShell.Result log = shell.run("log " + id);
        assertTrue(log.out().startsWith("STATE     MINOR STATUS"), log.out());
        assertEquals(7, log.out().lines().count());
    }

    @Test
    void inputDataThatCannotBeFetchedFailsTheJob() throws Exception {
        var catalog = shell.grid().catalog();
        var lfn = shell.session().home().child("in.dat");
        catalog.register(List.of(new org.dshell.backend.FileCatalog.NewFile(lfn, 4, "0001000a", "guid-1",
                new org.dshell.core.Replica("SE-1", "/se/in.dat", "AprioriGood"))));
        long id = ids(shell.run("submit --input-data in.dat -- /bin/cat in.dat")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state());
        assertEquals("Input Data Not Available", job.minorStatus());
        assertTrue(shell.grid().workload().jdl(id).contains("InputData = {\"LFN:" + lfn + "\"}"));
    }
}
