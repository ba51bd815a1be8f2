package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.WorkloadManager.JobFilter;
import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job examples of scripts/examples, run for real on the embedded grid. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("scripts", "examples").toAbsolutePath();

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
    void resubmitFailedReschedulesEveryFailedJobOfTheGroup() throws Exception {
        Path marker = tmp.resolve("fixed");
        Path check = write(shell, "check.sh", "#!/bin/sh\ntest -f " + marker + "\n");
        check.toFile().setExecutable(true);
        assertEquals(0, shell.run("submit -g scan --param 1:3 -- check.sh %s").status());
        assertEquals(0, shell.run("submit -g other -- check.sh").status());
        for (JobInfo job : jobs(null)) {
            ScriptTestSupport.await(shell, job.id(), j -> j.state().isFinal());
        }
        assertTrue(jobs("scan").stream().allMatch(j -> j.state() == JobState.FAILED));
        Files.createFile(marker);

        TestShell.Result r = shell.run("run " + EXAMPLES.resolve("resubmit-failed.groovy") + " scan");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("rescheduling 3 Failed job(s) of scan: "), r.out());
        assertTrue(r.out().endsWith("3 Done, 0 not: \n"), r.out());
        assertTrue(jobs("scan").stream().allMatch(j -> j.state() == JobState.DONE));
        assertEquals(JobState.FAILED, jobs("other").get(0).state(), "jobs of other groups are left alone");

        TestShell.Result none = shell.run("run " + EXAMPLES.resolve("resubmit-failed.groovy") + " scan");
        assertEquals("no Failed jobs in group scan\n", none.out());
    }

    @Test
    void chainProcessesEveryInputThenMergesTheOutputs() throws Exception {
        write(shell, "a.txt", "alpha\n");
        write(shell, "b.txt", "beta\n");
        TestShell.Result r = shell.run("run " + EXAMPLES.resolve("chain.groovy") + " a.txt b.txt");
        assertEquals(0, r.status(), r.toString());
        String last = r.out().lines().reduce((x, y) -> y).orElseThrow();
        assertTrue(last.startsWith("result: "), r.out());
        Path merged = shell.localDir().resolve(last.substring("result: ".length()));
        assertEquals("ALPHA\nBETA\n", Files.readString(merged));
    }

    @Test
    void examplesExplainTheirUsage() {
        for (String example : List.of("chain.groovy", "resubmit-failed.groovy", "replicate-query.groovy")) {
            TestShell.Result r = shell.run("run " + EXAMPLES.resolve(example));
            assertEquals(2, r.status(), example);
            assertTrue(r.err().startsWith("usage: " + example), r.err());
        }
    }

    private List<JobInfo> jobs(String group) {
        return shell.grid().workload().jobs(group == null ? JobFilter.all() : JobFilter.ofGroup(group));
    }
}
