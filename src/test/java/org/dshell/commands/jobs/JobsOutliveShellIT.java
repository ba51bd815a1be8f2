package org.dshell.commands.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.dshell.testing.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs live in jobs.db and the detached agent, not in the dshell process that submitted them. */
class JobsOutliveShellIT {
    @TempDir
    Path tmp;

    private static long submit(JarProcess dshell, String command) {
        JarProcess.Result result = dshell.run("", "-c", "submit -- " + command);
        assertEquals(0, result.status(), result.toString());
        return Long.parseLong(result.out().strip());
    }

    /** Runs {@code status -a ID} in fresh processes until the job's line shows {@code state}. */
    private static String awaitState(JarProcess dshell, long id, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 90_000;
        String out = "";
        while (System.currentTimeMillis() < deadline) {
            JarProcess.Result result = dshell.run("", "-c", "status -a " + id);
            out = result.out();
            if (out.lines().anyMatch(l -> l.strip().startsWith(id + " ") && l.contains(" " + state + " "))) {
                return out;
            }
            Thread.sleep(300);
        }
        fail("job " + id + " did not reach " + state + ": " + out);
        return out;
    }

    @Test
    void aJobKeepsRunningAfterTheShellExitsAndTheNextShellSeesItDone() throws Exception {
        JarProcess dshell = new JarProcess(tmp.resolve("home"));
        long id = submit(dshell, "/bin/sh -c 'sleep 4; echo finished'");
        String during = dshell.run("", "-c", "status " + id).out();
        assertTrue(during.contains("Waiting") || during.contains("Running"), "the submitting shell has exited, the job has not: " + during);
        awaitState(dshell, id, "Done");
        JarProcess.Result peek = dshell.run("", "-c", "peek " + id);
        assertEquals("finished\n", peek.out());
    }

    @Test
    void killWorksFromAnotherProcess() throws Exception {
        JarProcess dshell = new JarProcess(tmp.resolve("home"));
        long id = submit(dshell, "/bin/sleep 120");
        awaitState(dshell, id, "Running");
        JarProcess.Result kill = dshell.run("", "-c", "kill " + id);
        assertEquals(0, kill.status(), kill.toString());
        String after = awaitState(dshell, id, "Killed");
        assertTrue(after.contains("Marked for termination"), after);
    }

    @Test
    void aJobWhoseAgentDiedIsAdoptedByTheNextAgent() throws Exception {
        JarProcess dshell = new JarProcess(tmp.resolve("home"));
        long id = submit(dshell, "/bin/sh -c 'sleep 3; echo survived'");
        awaitState(dshell, id, "Running");
        long agent;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("home/local/jobs.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM agent")) {
            assertTrue(rs.next());
            agent = rs.getLong(1);
        }
        ProcessHandle.of(agent).orElseThrow().destroyForcibly();
        ProcessHandle.of(agent).ifPresent(p -> p.onExit().join());
        // The payload runs in its own session, so it survives its agent; the next status starts a new agent.
        awaitState(dshell, id, "Done");
        assertEquals("survived\n", dshell.run("", "-c", "peek " + id).out());
    }
}
