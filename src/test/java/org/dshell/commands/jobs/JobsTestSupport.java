package org.dshell.commands.jobs;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Predicate;

import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.testing.TestShell;

/** Waiting for jobs and writing job scripts, for the job verb tests. */
final class JobsTestSupport {
    private JobsTestSupport() {
    }

    /** Polls until the job satisfies {@code condition}, failing after {@code seconds}. */
    static JobInfo await(TestShell shell, long id, Predicate<JobInfo> condition, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JobInfo job = shell.grid().workload().job(id);
        while (!condition.test(job)) {
            if (System.currentTimeMillis() > deadline) {
                fail("job " + id + " did not get there in " + seconds + " s; it is " + job);
            }
            Thread.sleep(50);
            job = shell.grid().workload().job(id);
        }
        return job;
    }

    static JobInfo awaitFinal(TestShell shell, long id) throws InterruptedException {
        return await(shell, id, j -> j.state().isFinal(), 60);
    }

    static JobInfo awaitState(TestShell shell, long id, JobState state) throws InterruptedException {
        return await(shell, id, j -> j.state() == state, 60);
    }

    /** Writes an executable shell script into the shell's local directory. */
    static Path script(TestShell shell, String name, String body) throws IOException {
        Path file = shell.localDir().resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        file.toFile().setExecutable(true);
        return file;
    }

    static Path file(TestShell shell, String name, String text) throws IOException {
        Path file = shell.localDir().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static void setting(TestShell shell, String line) throws IOException {
        Files.writeString(shell.dshellHome().resolve("dshell.properties"), "\n" + line + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    /** The ids a submit printed, one per line. */
    static List<Long> ids(TestShell.Result result) {
        if (result.status() != 0) {
            fail("submit failed: " + result);
        }
        return result.out().lines().map(String::strip).map(Long::valueOf).toList();
    }
}
