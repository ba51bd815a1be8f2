package org.dshell.backend.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.core.DshellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OutputData names and patterns, resolved in a job's directory as the job agent does before uploading. */
class OutputDataFilesTest {
    @TempDir
    Path work;

    @Test
    void patternsTakeEveryMatchingFileOnceAndNamesStayExact() throws Exception {
        for (String name : List.of("b.dl1", "a.dl1", "log.txt", "c.dl0")) {
            Files.writeString(work.resolve(name), name);
        }
        Files.createDirectory(work.resolve("d.dl1"));
        assertEquals(List.of(work.resolve("a.dl1"), work.resolve("b.dl1"), work.resolve("log.txt")),
                JobRun.outputDataFiles(List.of("*.dl1", "log.txt", "a.dl1"), work));
    }

    @Test
    void aPatternThatMatchesNothingOrAMissingNameFails() {
        assertEquals("no output data file matches *.dl1",
                assertThrows(DshellException.class, () -> JobRun.outputDataFiles(List.of("*.dl1"), work)).getMessage());
        assertEquals("output data file r.dat was not produced",
                assertThrows(DshellException.class, () -> JobRun.outputDataFiles(List.of("r.dat"), work)).getMessage());
    }
}
