package org.dshell.commands.jobs;

import static org.dshell.commands.jobs.JobsTestSupport.await;
import static org.dshell.commands.jobs.JobsTestSupport.awaitFinal;
import static org.dshell.commands.jobs.JobsTestSupport.awaitState;
import static org.dshell.commands.jobs.JobsTestSupport.ids;
import static org.dshell.commands.jobs.JobsTestSupport.script;
import static org.dshell.commands.jobs.JobsTestSupport.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.WorkloadManager.JobFilter;
import org.dshell.commands.completion.CompletionEngine;
import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.core.completion.Candidate;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill, wall-clock limit, the running-jobs limit, delete, reschedule, ranges, groups and completion. */
class JobControlTest {
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

    private static boolean applicationRunning(JobInfo job) {
        return job.state() == JobState.RUNNING && job.minorStatus().equals("Application");
    }

    @Test
    void killFromAnotherShellStopsTheWholeProcessGroup() throws Exception {
        script(shell, "long.sh", "sleep 60 & echo $! > child.pid; echo started; wait");
        long id = ids(shell.run("submit -- long.sh")).get(0);
        await(shell, id, JobControlTest::applicationRunning, 60);
        Path childPidFile = tmp.resolve("home/local/jobs/" + id + "/child.pid");
        await(shell, id, j -> Files.exists(childPidFile), 10);
        long child = Long.parseLong(Files.readString(childPidFile).strip());
        try (TestShell other = new TestShell(tmp.resolve("home"), "alice")) {
            TestShell.Result kill = other.run("kill " + id);
            assertEquals(0, kill.status(), kill.toString());
            assertEquals("Killed job " + id + "\n", kill.out());
        }
        assertEquals(JobState.KILLED, shell.grid().workload().job(id).state());
        long deadline = System.currentTimeMillis() + 5000;
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the payload's child is gone too");
        Thread.sleep(300);
        assertEquals(JobState.KILLED, shell.grid().workload().job(id).state(), "the agent does not overwrite Killed");

        TestShell.Result again = shell.run("kill " + id);
        assertEquals(1, again.status());
        assertEquals("kill: job " + id + " is already Killed; only unfinished jobs can be killed\n", again.err());
    }

    @Test
    void cpuTimeIsAWallClockLimit() throws Exception {
        long id = ids(shell.run("submit --cpu-time 1 -- /bin/sleep 30")).get(0);
        long start = System.currentTimeMillis();
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state());
        assertEquals("Job has exceeded maximum wall clock time", job.minorStatus());
        assertTrue(System.currentTimeMillis() - start < 20_000);
    }

    @Test
    void atMostMaxRunningJobsRunAtOnce() throws Exception {
        setting(shell, "jobs.max-running = 2");
        List<Long> ids = ids(shell.run("submit --param 1:5 -- /bin/sleep 1"));
        int maxSeen = 0;
        boolean sawWaitingWhileFull = false;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            List<JobInfo> jobs = shell.grid().workload().jobs(JobFilter.all());
            long running = jobs.stream().filter(j -> j.state() == JobState.RUNNING || j.state() == JobState.COMPLETING).count();
            maxSeen = Math.max(maxSeen, (int) running);
            sawWaitingWhileFull |= running == 2 && jobs.stream().anyMatch(j -> j.state() == JobState.WAITING);
            if (jobs.stream().allMatch(j -> j.state().isFinal())) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(2, maxSeen);
        assertTrue(sawWaitingWhileFull);
        for (long id : ids) {
            assertEquals(JobState.DONE, shell.grid().workload().job(id).state());
        }
    }

    @Test
    void deleteRemovesTheJobsFiles() throws Exception {
        long id = ids(shell.run("submit -- /bin/echo hi")).get(0);
        awaitFinal(shell, id);
        Path work = tmp.resolve("home/local/jobs/" + id);
        assertTrue(Files.isDirectory(work));
        assertEquals(0, shell.run("delete " + id).status());
        assertEquals(JobState.DELETED, shell.grid().workload().job(id).state());
        assertFalse(Files.exists(work));
        TestShell.Result output = shell.run("output " + id);
        assertEquals("output: job " + id + " is Deleted; its output sandbox is gone\n", output.err());
        assertEquals(1, shell.run("delete " + id).status());
    }

    @Test
    void rescheduleRunsAgainFromScratch() throws Exception {
        long id = ids(shell.run("submit -- /bin/sh -c 'echo once > marker; ls'")).get(0);
        awaitFinal(shell, id);
        assertEquals(0, shell.run("reschedule " + id).status());
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state());
        List<String> minors = shell.grid().workload().logging(id).stream().map(e -> e.minorStatus()).toList();
        assertTrue(minors.contains("Job Rescheduled"), minors.toString());
        assertEquals(2, minors.stream().filter(m -> m.equals("Application Finished Successfully")).count());
    }

    @Test
    void killingAWaitingJobAndRanges() throws Exception {
        setting(shell, "jobs.max-running = 1");
        List<Long> ids = ids(shell.run("submit -g batch --param 1:4 -- /bin/sleep 30"));
        awaitState(shell, ids.get(0), JobState.RUNNING);
        TestShell.Result kill = shell.run("kill " + ids.get(1) + "-" + ids.get(3));
        assertEquals(0, kill.status(), kill.toString());
        for (long id : ids.subList(1, 4)) {
            assertEquals(JobState.KILLED, shell.grid().workload().job(id).state());
        }
        assertEquals(1, shell.run("kill --group batch").status(), "the group holds killed jobs, so kill refuses");
        assertEquals(JobState.RUNNING, shell.grid().workload().job(ids.get(0)).state(), "nothing changed");
        assertEquals(0, shell.run("kill " + ids.get(0)).status());
        TestShell.Result status = shell.run("status");
        assertEquals("no unfinished jobs (status -a shows all)\n", status.out());
        TestShell.Result killed = shell.run("status --state killed --group batch");
        assertEquals(5, killed.out().lines().count(), killed.out());
    }

    @Test
    void statusFilters() throws Exception {
        long a = ids(shell.run("submit -n alpha -- /bin/true")).get(0);
        long b = ids(shell.run("submit -n beta -- /bin/false")).get(0);
        awaitFinal(shell, a);
        awaitFinal(shell, b);
        assertTrue(shell.run("status -a --name 'al*'").out().contains("alpha"));
        assertFalse(shell.run("status -a --name 'al*'").out().contains("beta"));
        assertEquals(2, shell.run("status --state Failed").out().lines().count());
        assertEquals(3, shell.run("status -a --since 1h").out().lines().count());
        TestShell.Result watch = shell.run("status -w " + a + " " + b);
        assertEquals(3, watch.out().lines().count(), "final jobs: printed once, then -w returns");
        TestShell.Result json = shell.run("status -a --json");
        assertTrue(json.out().contains("\"state\" : \"Done\""), json.out());
    }

    @Test
    void watchPrintsOnlyChangesUntilAllFinal() throws Exception {
        long id = ids(shell.run("submit -- /bin/sleep 2")).get(0);
        TestShell.Result watch = shell.run("status -w --interval 0.2 " + id);
        assertEquals(0, watch.status());
        String[] tables = watch.out().split("\n\n");
        assertTrue(tables.length >= 2, watch.out());
        for (int i = 1; i < tables.length; i++) {
            assertFalse(tables[i].equals(tables[i - 1]), "a table is printed again only when it changed");
        }
        assertTrue(tables[tables.length - 1].contains("Done"));
    }

    @Test
    void tabCompletesJobIds() throws Exception {
        List<Long> ids = ids(shell.run("submit --param 1:12 -- /bin/true"));
        CompletionEngine engine = new CompletionEngine(shell.verbs());
        var ctx = shell.context(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()), "");
        List<String> all = engine.complete(List.of("kill"), "", ctx).stream().map(Candidate::value).toList();
        assertEquals(12, all.size());
        List<String> ones = engine.complete(List.of("status", "-a"), "1", ctx).stream().map(Candidate::value).sorted().toList();
        assertEquals(List.of("1", "10", "11", "12"), ones);
        assertEquals(List.of("1"), engine.complete(List.of("log"), "1", ctx).stream().map(Candidate::value).filter(v -> v.equals("1")).toList());
        for (long id : ids) {
            awaitFinal(shell, id);
        }
    }
}
