package org.dshell.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.dshell.core.JobInfo;
import org.dshell.testing.TestShell;

import static org.junit.jupiter.api.Assertions.fail;

/** Writing scripts into a test shell's local directory, and waiting for jobs. */
final class ScriptTestSupport {
    private ScriptTestSupport() {
    }

    static Path write(TestShell shell, String name, String text) throws IOException {
        Path file = shell.localDir().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static void await(TestShell shell, long id, Predicate<JobInfo> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.test(shell.grid().workload().job(id))) {
            if (System.currentTimeMillis() > deadline) {
                fail("job " + id + " is " + shell.grid().workload().job(id));
            }
            Thread.sleep(50);
        }
    }
}
