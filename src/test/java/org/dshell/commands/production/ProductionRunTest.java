package org.dshell.commands.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.backend.ProductionManager.ProductionFile;
import org.dshell.backend.ProductionManager.StepStatus;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-step production (simulate, process, merge) run end to end by the real job agent with shell
 * scripts: one input fails once and succeeds on retry, one always fails and ends in MaxReset.
 */
class ProductionRunTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() throws Exception {
        shell = new TestShell(tmp.resolve("home"), "alice");
        Path marks = Files.createDirectories(tmp.resolve("marks"));
        script("sim.sh", "echo \"events of task $1\" > sim_$1.dat");
        script("proc.sh", "t=$1; shift\nfor f in \"$@\"; do\n  case $f in\n    sim_3.dat) echo always bad >&2; exit 3;;\n"
                + "    sim_2.dat) if [ ! -f " + marks + "/sim_2 ]; then touch " + marks + "/sim_2; exit 4; fi;;\n  esac\n"
                + "  { cat $f; echo processed; } > proc_$f\ndone");
        script("merge.sh", "t=$1; shift\ncat \"$@\" > merged_$t.dat");
        Files.writeString(shell.localDir().resolve("chain.yaml"), """
                name: chain
                settings:
                  retries: 1
                steps:
                  - id: simulate
                    name: Monte Carlo simulation
                    tasks: 4
                    job:
                      executable: sim.sh
                      arguments: "{task}"
                      outputs: ["sim_*.dat"]
                    output_metadata: {datalevel: DL0, particle: gamma}
                  - id: process
                    parent: simulate
                    input_query: "particle=gamma"
                    group_size: 1
                    job:
                      executable: proc.sh
                      arguments: "{task} {inputs}"
                      outputs: ["proc_*.dat"]
                    output_metadata: {datalevel: DL1}
                  - id: merge
                    parent: process
                    group_size: 10
                    job:
                      jdl: |
                        [ Executable = "merge.sh"; Arguments = "{task} {inputs}"; InputSandbox = {"merge.sh"}; ]
                      outputs: ["merged_*.dat"]
                    output_metadata: {datalevel: DL2, merged: 1}
                """, StandardCharsets.UTF_8);
    }

    void script(String name, String body) throws Exception {
        Path file = shell.localDir().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        file.toFile().setExecutable(true);
    }

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void threeStepsRunToCompletionWithRetryAndMaxReset() {
        TestShell.Result run = shell.run("production run chain.yaml --wait --interval 50");
        assertEquals(1, run.status(), run.toString());
        assertTrue(run.err().contains("production 1 finished with 1 input(s) in MaxReset or Problematic"), run.err());
        assertTrue(run.out().contains("merge 3/3 files processed"), run.out());

        List<StepStatus> status = shell.grid().productions().status(1);
        assertEquals(4L, status.get(0).tasks().get("Done"));
        assertEquals(3L, status.get(1).files().get("Processed"));
        assertEquals(1L, status.get(1).files().get("MaxReset"));
        assertEquals(3L, status.get(2).files().get("Processed"));

        List<ProductionFile> maxReset = shell.grid().productions().files(1, "process", "MaxReset");
        assertEquals(1, maxReset.size());
        assertTrue(maxReset.get(0).lfn().endsWith("/productions/1/simulate/sim_3.dat"), maxReset.toString());
        assertEquals(2, maxReset.get(0).errors(), "retries: 1 means two attempts");
        assertTrue(maxReset.get(0).lastError().matches("job \\d+ Failed: Application Finished With Errors \\(Exit code 3\\)"),
                maxReset.get(0).lastError());
        ProductionFile retried = shell.grid().productions().files(1, "process", null).stream()
                .filter(f -> f.lfn().endsWith("sim_2.dat")).findFirst().orElseThrow();
        assertEquals("Processed", retried.state());
        assertEquals(1, retried.errors());

        String home = shell.session().home().toString();
        assertEquals(find("datalevel=DL0"), List.of(1, 2, 3, 4).stream().map(i -> home + "/productions/1/simulate/sim_" + i + ".dat").toList());
        assertEquals(find("datalevel=DL1 particle=gamma"), List.of(1, 2, 4).stream()
                .map(i -> home + "/productions/1/process/proc_sim_" + i + ".dat").toList());
        List<String> merged = find("datalevel=DL2 merged=1 particle=gamma");
        assertEquals(1, merged.size(), merged.toString());
        TestShell.Result cat = shell.run("cat " + merged.get(0));
        assertEquals("events of task 1\nprocessed\nevents of task 2\nprocessed\nevents of task 4\nprocessed\n", cat.out());
        assertEquals(8, find("particle=gamma").size(), "exactly the expected files");

        long processJob = shell.grid().workload().jobs(org.dshell.backend.WorkloadManager.JobFilter.all()).stream()
                .filter(j -> j.name().equals("chain_process_1")).findFirst().orElseThrow().id();
        String jdl = shell.grid().workload().jdl(processJob);
        // Which simulated file lands in task 1 depends on the order the files were found: any one of them.
        assertTrue(jdl.matches("(?s).*InputData = \\{\"" + java.util.regex.Pattern.quote(home + "/productions/1/simulate/sim_")
                + "[1-4]\\.dat\"\\}.*"), jdl);
        assertTrue(jdl.contains("OutputData = {\"proc_*.dat\"}") && jdl.contains("OutputPath = \"" + home + "/productions/1/process\""), jdl);
        assertTrue(!jdl.matches("(?s).*sim_\\d\\.dat\", .*") && !jdl.contains("OutputSandbox = {\"std.out\", \"std.err\", \"proc"),
                "inputs and outputs do not travel in the sandboxes: " + jdl);

        TestShell.Result table = shell.run("production status 1");
        assertTrue(table.out().contains("process        0         0          3            0         1  Done 3, Failed 3\n"), table.out());
    }

    List<String> find(String query) {
        TestShell.Result r = shell.run("find / " + query);
        assertEquals(0, r.status(), r.toString());
        return r.out().lines().toList();
    }

    @Test
    void theShippedExampleRunsAsIsOnAFreshHome() {
        try (TestShell fresh = new TestShell(tmp.resolve("fresh"), "bob")) {
            Path example = Path.of("scripts/examples/production.yaml").toAbsolutePath();
            TestShell.Result run = fresh.run("production run " + example + " --wait --interval 50");
            assertEquals(0, run.status(), run.toString());
            assertTrue(run.out().endsWith("production 1 complete\n"), run.out());
            TestShell.Result merged = fresh.run("find / merged=1 particle=gamma-diffuse");
            assertEquals(2, merged.out().lines().count(), merged.toString());
            assertEquals(8, fresh.run("find / data_level=DL1").out().lines().count(), "6 processed files and 2 merged ones");
            assertEquals(6, fresh.run("find / data_level=DL0").out().lines().count());
        }
    }
}
