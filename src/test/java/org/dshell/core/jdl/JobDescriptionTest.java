package org.dshell.core.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobDescriptionTest {

    @Test
    void readsEveryHonouredAttribute() {
        JobDescription job = JobDescription.from(Jdl.parse("""
                [
                  JobName = "mc_001";
                  JobGroup = "mc";
                  Executable = "run.sh";
                  Arguments = "-n 5";
                  StdOutput = "out.log";
                  StdError = "err.log";
                  InputSandbox = {"run.sh", "cfg.yaml"};
                  OutputSandbox = {"out.log", "err.log"};
                  InputData = {"LFN:/dteam/user/l/localuser/in1.dat", "/dteam/user/l/localuser/in2.dat"};
                  OutputData = {"result.root"};
                  OutputSE = "DISK-SE";
                  OutputPath = "/mc/run1";
                  CPUTime = 3600;
                  Priority = "3";
                  Tags = {"GPU", "8Processors"};
                  Site = "LCG.CERN.ch";
                  NumberOfProcessors = 8;
                ]
                """));

        assertEquals("run.sh", job.executable());
        assertEquals("-n 5", job.arguments());
        assertEquals("out.log", job.stdOutput());
        assertEquals("err.log", job.stdError());
        assertEquals(List.of("run.sh", "cfg.yaml"), job.inputSandbox());
        assertEquals(List.of("out.log", "err.log"), job.outputSandbox());
        assertEquals(List.of("/dteam/user/l/localuser/in1.dat", "/dteam/user/l/localuser/in2.dat"), job.inputData());
        assertEquals(List.of("result.root"), job.outputData());
        assertEquals(List.of("DISK-SE"), job.outputSE());
        assertEquals("/mc/run1", job.outputPath());
        assertEquals("mc_001", job.jobName());
        assertEquals("mc", job.jobGroup());
        assertEquals(3600, job.cpuTime());
        assertEquals(3, job.priority());
        assertEquals(List.of("GPU", "8Processors"), job.tags());
        assertEquals(List.of("Site", "NumberOfProcessors"), job.otherAttributes().stream().map(JdlAttribute::name).toList());
        assertEquals(17, job.jdl().size());
    }

    @Test
    void appliesDiracDefaults() {
        JobDescription job = JobDescription.from(Jdl.parse("Executable = \"/bin/hostname\""));

        assertEquals("std.out", job.stdOutput());
        assertEquals("std.err", job.stdError());
        assertEquals("", job.arguments());
        assertEquals(List.of(), job.inputSandbox());
        assertEquals(JobDescription.DEFAULT_CPU_TIME, job.cpuTime());
        assertEquals(JobDescription.DEFAULT_PRIORITY, job.priority());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Arguments = "x"                              | Executable: missing; every job needs one
            Executable = " "                             | Executable: must not be empty
            Executable = {"a", "b"}                      | Executable: expected a single value, got a list {"a", "b"}
            Executable = "a"; CPUTime = "ten"            | CPUTime: expected a whole number of seconds, got "ten"
            Executable = "a"; CPUTime = 1.5              | CPUTime: expected a whole number of seconds, got 1.5
            Executable = "a"; CPUTime = -1               | CPUTime: -1 is out of range
            Executable = "a"; Priority = high            | Priority: expected an integer, got high
            Executable = "a"; InputData = {"data/x"}     | InputData: "data/x" is not an LFN; it must start with /
            Executable = "a"; InputData = "LFN:x"        | InputData: "LFN:x" is not an LFN; it must start with /
            Executable = "a"; OutputSandbox = {"a", ""}  | OutputSandbox: contains an empty entry
            Executable = "a"; StdOutput = ""             | StdOutput: must not be empty
            """)
    void namesTheAttributeAtFault(String jdl, String message) {
        DshellException error = assertThrows(DshellException.class, () -> JobDescription.from(Jdl.parse(jdl)));
        assertEquals(message, error.getMessage());
        assertEquals(ExitStatus.USAGE, error.exitCode());
    }

    @Test
    void worksOnExpandedParametricJobs() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("""
                Executable = "run.sh"; Parameters = {"/vo/a.dat", "/vo/b.dat"};
                InputData = {"LFN:%s"}; CPUTime = 60; JobName = "job_%n";
                """));

        JobDescription second = JobDescription.from(jobs.get(1).jdl());
        assertEquals(List.of("/vo/b.dat"), second.inputData());
        assertEquals("job_1", second.jobName());
    }
}
