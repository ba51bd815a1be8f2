package org.dshell.commands.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;

import org.dshell.backend.ProductionManager;
import org.dshell.backend.WorkloadManager;
import org.dshell.config.Settings;
import org.dshell.core.JobInfo;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production verbs: dry runs, stop/start, flush, delete, background driving and restarts. */
class ProductionVerbsTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() throws Exception {
        shell = new TestShell(tmp.resolve("home"), "alice");
        write("copy.sh", "#!/bin/sh\nt=$1; shift\ncat \"$@\" > out_$t.txt\n").toFile().setExecutable(true);
        write("data1.txt", "a\n");
        write("data2.txt", "b\n");
        write("data3.txt", "c\n");
        run("mkdir ~/raw");
        run("put data1.txt data2.txt data3.txt ~/raw");
        run("meta index -f kind string");
        run("meta set ~/raw/*.txt kind=raw");
        write("one.yaml", """
                name: copies
                steps:
                  - id: copy
                    input_query: "kind=raw"
                    group_size: 2
                    job: {executable: copy.sh, arguments: "{task} {inputs}", outputs: ["out_*.txt"]}
                    output_metadata: {kind: copied}
                """);
    }

    Path write(String name, String text) throws Exception {
        return Files.writeString(shell.localDir().resolve(name), text, StandardCharsets.UTF_8);
    }

    TestShell.Result run(String line) {
        TestShell.Result r = shell.run(line);
        assertEquals(0, r.status(), line + ": " + r);
        return r;
    }

    @AfterEach
    void close() {
        shell.close();
    }

    ProductionManager productions() {
        return shell.grid().productions();
    }

    void driveUntilComplete(TestShell on, long id, boolean finishing) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (on.grid().productions().tick(finishing) || !on.grid().productions().isComplete(id)) {
            assertTrue(System.currentTimeMillis() < deadline, "production " + id + " did not complete: " + on.grid().productions().status(id));
            Thread.sleep(50);
        }
    }

    @Test
    void dryRunListsFilesAndFullGroupsOnly() {
        String home = shell.session().home().toString();
        assertEquals("step copy: 3 input files, 1 tasks\n  task 1: " + home + "/raw/data1.txt " + home + "/raw/data2.txt\n",
                run("production submit one.yaml --dry-run").out());
        assertEquals("", run("production list").out().lines().skip(1).reduce("", String::concat), "a dry run stores nothing");
    }

    @Test
    void stopStartFlushAndDelete() throws Exception {
        assertEquals("1\n", run("production submit one.yaml").out());
        run("production stop 1");
        assertFalse(productions().tick(false) && productions().status(1).get(0).tasks().containsKey("Received"));
        assertEquals(3L, productions().status(1).get(0).files().get("Unused"), "a stopped production makes no tasks");
        assertTrue(run("production list").out().contains("copies  Stopped"));

        run("production start 1");
        productions().tick(false);
        assertEquals(2L, productions().status(1).get(0).files().get("Assigned"));
        assertEquals(1L, productions().status(1).get(0).files().get("Unused"), "the last, partial group waits for a flush");

        run("production flush 1 --step copy");
        driveUntilComplete(shell, 1, false);
        assertEquals(3L, productions().status(1).get(0).files().get("Processed"));
        assertEquals(2, run("find ~ kind=copied").out().lines().count());
        assertTrue(run("production files 1 --state Processed").out().contains("/raw/data3.txt"));

        run("production delete 1");
        assertEquals(1, run("production list").out().lines().count(), "only the header is left");
        assertEquals(2, run("find ~ kind=copied").out().lines().count(), "outputs stay in the catalog");
    }

    @Test
    void badInputIsOneLineUsageError() {
        TestShell.Result r = shell.run("production status 9");
        assertEquals(2, r.status());
        assertEquals("production: no production 9\n", r.err());
        run("production submit one.yaml");
        r = shell.run("production files 1 --state Lost");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("production: unknown file state 'Lost' (known: Unused, Assigned"), r.err());
        r = shell.run("production flush 1 --step nope");
        assertEquals("production: production 1 has no step 'nope' (steps: copy)\n", r.err());
        write2("bad.yaml", "name: x\nsteps:\n  - id: a\n    job: {executable: copy.sh}\n    retries: many\n");
        r = shell.run("production submit bad.yaml");
        assertEquals(2, r.status());
        assertEquals("production: bad.yaml: line 5: retries: expected a whole number, got 'many'\n", r.err());
    }

    void write2(String name, String text) {
        try {
            write(name, text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theDetachedEngineAdvancesAProductionWhileNoShellIsOpenAndExitsWhenNothingIsLeft() throws Exception {
        Settings settings = Settings.load(tmp.resolve("home").resolve(Settings.FILE_NAME));
        settings.set("productions.engine", "detached");
        settings.save();
        run("production submit one.yaml");
        run("production flush 1");
        shell.close();
        shell = new TestShell(tmp.resolve("home"), "alice");
        long deadline = System.currentTimeMillis() + 90_000;
        while (productions().status(1).get(0).files().get("Processed") < 3) {
            assertTrue(System.currentTimeMillis() < deadline, productions().status(1).toString());
            Thread.sleep(200);
        }
        assertTrue(run("production status 1").out().contains("engine: running (pid "), "its input query may match new files: it stays Active");
        run("production stop 1");
        while (productions().engine().running()) {
            assertTrue(System.currentTimeMillis() < deadline, "the engine did not exit: " + productions().engine());
            Thread.sleep(200);
        }
        assertTrue(run("production status 1").out().endsWith("engine: not running ('production start ID' starts it for an Active production)\n"));
        assertEquals(2, run("find ~ kind=copied").out().lines().count());
    }

    @Test
    void overlappingOutputPathsAreRefusedAtSubmit() throws Exception {
        write("shared.yaml", """
                name: shared
                settings: {output_path: out}
                steps:
                  - id: a
                    input_query: "kind=raw"
                    job: {executable: copy.sh, arguments: "{task} {inputs}", outputs: ["out_*.txt"]}
                    output_metadata: {kind: a}
                  - id: b
                    input_query: "kind=raw"
                    output_path: out/b
                    job: {executable: copy.sh, arguments: "{task} {inputs}", outputs: ["out_*.txt"]}
                    output_metadata: {kind: b}
                """);
        String home = shell.session().home().toString();
        TestShell.Result r = shell.run("production submit shared.yaml");
        assertEquals(2, r.status(), r.toString());
        assertEquals("production: steps 'a' and 'b' write to overlapping output paths " + home + "/out and " + home + "/out/b"
                + " (give each step its own output_path)\n", r.err());

        write("mine.yaml", "name: mine\nsettings: {output_path: out}\nsteps:\n  - id: copy\n    input_query: \"kind=raw\"\n"
                + "    job: {executable: copy.sh, arguments: \"{task} {inputs}\", outputs: [\"out_*.txt\"]}\n    output_metadata: {kind: copied}\n");
        write("theirs.yaml", "name: theirs\nsteps:\n  - id: again\n    input_query: \"kind=raw\"\n    output_path: out\n"
                + "    job: {executable: copy.sh, arguments: \"{task} {inputs}\", outputs: [\"out_*.txt\"]}\n    output_metadata: {kind: again}\n");
        assertEquals("1\n", run("production submit mine.yaml").out());
        r = shell.run("production submit theirs.yaml");
        assertEquals(2, r.status(), r.toString());
        assertEquals("production: step 'again' would write to " + home + "/out, which overlaps " + home + "/out of step 'copy'"
                + " of production 1 (mine); choose another output_path or delete production 1\n", r.err());
        assertEquals(2, run("production list").out().lines().count(), "nothing stored");
        run("production delete 1");
        assertEquals("2\n", run("production submit theirs.yaml").out(), "free again once the other production is gone");
    }

    @Test
    void aProductionContinuesInTheNextDshell() throws Exception {
        run("production submit one.yaml");
        run("production flush 1");
        productions().tick(false);
        assertEquals(3L, productions().status(1).get(0).files().get("Assigned"), "tasks submitted by the first dshell");
        shell.close();

        shell = new TestShell(tmp.resolve("home"), "alice");
        driveUntilComplete(shell, 1, false);
        assertEquals(3L, productions().status(1).get(0).files().get("Processed"));
        assertEquals(2, shell.grid().workload().jobs(WorkloadManager.JobFilter.all()).size(), "no task submitted twice");
        assertEquals(2, run("find ~ kind=copied").out().lines().count());
    }

    @Test
    void tasksLeftSubmittingByACrashAreReconciledOrSubmittedAgain() throws Exception {
        run("production submit one.yaml");
        String home = shell.session().home().toString();
        // A pass that died after taking both tasks: task 1's job reached the WMS, task 2's did not.
        run("submit -n copies_copy_1 -g production1 -i copy.sh --input-data " + home + "/raw/data1.txt " + home + "/raw/data2.txt"
                + " --output-data out_*.txt --output-path " + home + "/productions/1/copy -- copy.sh 1 data1.txt data2.txt");
        shell.close();
        long now = System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("home/local/productions.db"))) {
            sql(c, "INSERT INTO files (production_id, step_id, lfn, state, task_no) VALUES (1, 'copy', ?, 'Assigned', 1), (1, 'copy', ?, 'Assigned', 1),"
                    + " (1, 'copy', ?, 'Assigned', 2)", home + "/raw/data1.txt", home + "/raw/data2.txt", home + "/raw/data3.txt");
            sql(c, "INSERT INTO tasks (production_id, step_id, task_no, status, claimed) VALUES (1, 'copy', 1, 'Submitting', ?),"
                    + " (1, 'copy', 2, 'Submitting', ?)", now, now - 120_000);
            sql(c, "UPDATE steps SET next_task = 3, flushed = 1 WHERE production_id = 1");
        }

        shell = new TestShell(tmp.resolve("home"), "alice");
        driveUntilComplete(shell, 1, false);
        assertEquals(3L, productions().status(1).get(0).files().get("Processed"));
        List<JobInfo> jobs = shell.grid().workload().jobs(WorkloadManager.JobFilter.all());
        assertEquals(List.of("copies_copy_1", "copies_copy_2"), jobs.stream().map(JobInfo::name).sorted().toList(),
                "task 1 kept the job it had, task 2 was submitted again after the grace period");
        assertEquals(2, run("find ~ kind=copied").out().lines().count());
    }

    static void sql(Connection c, String statement, Object... args) throws Exception {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        }
    }

    @Test
    void aFinishedProductionIsCompleted() throws Exception {
        run("production run one.yaml --wait --interval 50");
        assertTrue(run("production list").out().contains("copies  Completed"), run("production list").out());
        run("production submit one.yaml");
        run("production flush 2");
        driveUntilComplete(shell, 2, false);
        assertEquals("Active", productions().info(2).state(), "a step with an input query may still get new files");
    }

    @Test
    void anInputWhoseBytesAreGoneIsProblematicAndRunSaysSo() throws Exception {
        String home = shell.session().home().toString();
        Files.delete(tmp.resolve("home/local/se/LOCAL-DISK" + home + "/raw/data2.txt"));
        TestShell.Result r = shell.run("production run one.yaml --wait --interval 50");
        assertEquals(1, r.status(), r.toString());
        assertEquals("production: production 1 finished with 1 input(s) in MaxReset or Problematic"
                + " (see 'production files 1 --state MaxReset')\n", r.err());
        assertEquals(1, productions().files(1, "copy", "Problematic").size());
        assertTrue(productions().files(1, "copy", "Problematic").get(0).lfn().endsWith("/raw/data2.txt"));
        assertTrue(run("production files 1 --state Problematic").out().contains("cannot read input " + home + "/raw/data2.txt"));
        assertEquals(2L, productions().status(1).get(0).files().get("Processed"), "the other inputs went on without it");
    }
}
