package org.dshell.commands.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Productions live in productions.db and the detached engine, not in the dshell process that submitted them. */
class ProductionEngineIT {
    @TempDir
    Path tmp;

    @Test
    void aSubmittedProductionCompletesAfterTheShellExitsAndTheEngineThenExits() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path sim = Files.writeString(work.resolve("sim.sh"), "#!/bin/sh\nsleep 1\necho \"events $1\" > sim_$1.dat\n", StandardCharsets.UTF_8);
        Path merge = Files.writeString(work.resolve("merge.sh"), "#!/bin/sh\nt=$1; shift\ncat \"$@\" > merged_$t.dat\n", StandardCharsets.UTF_8);
        sim.toFile().setExecutable(true);
        merge.toFile().setExecutable(true);
        Files.writeString(work.resolve("chain.yaml"), """
                name: chain
                steps:
                  - id: simulate
                    tasks: 3
                    job: {executable: sim.sh, arguments: "{task}", outputs: ["sim_*.dat"]}
                    output_metadata: {level: DL0}
                  - id: merge
                    parent: simulate
                    group_size: 3
                    job: {executable: merge.sh, arguments: "{task} {inputs}", outputs: ["merged_*.dat"]}
                    output_metadata: {level: DL1}
                """, StandardCharsets.UTF_8);
        JarProcess dshell = new JarProcess(tmp.resolve("home")).in(work);
        JarProcess.Result submit = dshell.run("", "-c", "production submit chain.yaml");
        assertEquals(0, submit.status(), submit.toString());
        assertEquals("1\n", submit.out());

        // No dshell runs from here on, except the short-lived ones that look.
        String status = awaitStatus(dshell, "Completed");
        assertTrue(status.lines().anyMatch(l -> l.startsWith("merge ") && l.endsWith("Done 1")), status);
        JarProcess.Result merged = dshell.run("", "-c", "find ~ level=DL1");
        assertEquals(1, merged.out().lines().count(), merged.toString());
        assertTrue(merged.out().strip().endsWith("/productions/1/merge/merged_1.dat"), merged.toString());

        long deadline = System.currentTimeMillis() + 30_000;
        String engine = "";
        while (System.currentTimeMillis() < deadline) {
            engine = dshell.run("", "-c", "production status 1").out();
            if (engine.contains("engine: not running")) {
                return;
            }
            Thread.sleep(300);
        }
        fail("the engine did not exit once nothing was left: " + engine);
    }

    /** Runs {@code production list} in fresh processes until production 1 is in {@code state}; returns its status. */
    private static String awaitStatus(JarProcess dshell, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        String list = "";
        while (System.currentTimeMillis() < deadline) {
            list = dshell.run("", "-c", "production list").out();
            if (list.lines().anyMatch(l -> l.strip().startsWith("1 ") && l.contains(" " + state + " "))) {
                return dshell.run("", "-c", "production status 1").out();
            }
            Thread.sleep(500);
        }
        fail("production 1 did not reach " + state + ": " + list + dshell.run("", "-c", "production status 1").out());
        return list;
    }
}
