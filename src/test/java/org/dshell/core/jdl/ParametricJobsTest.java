package org.dshell.core.jdl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParametricJobsTest {

    private static List<String> values(List<ExpandedJob> jobs, String attribute) {
        return jobs.stream().map(job -> job.jdl().getString(attribute, "?")).toList();
    }

    @Test
    void expandsAListOfParameters() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("""
                [
                  Executable = "run.sh";
                  Arguments = "-x %s -n %n";
                  Parameters = {"alpha", "beta", 7};
                  OutputSandbox = {"out_%s.txt", "std.out"};
                ]
                """));

        assertEquals(3, jobs.size());
        assertEquals(List.of("-x alpha -n 0", "-x beta -n 1", "-x 7 -n 2"), values(jobs, "Arguments"));
        ExpandedJob second = jobs.get(1);
        assertEquals(1, second.index());
        assertEquals(new JdlString("beta"), second.parameter());
        assertEquals(List.of("out_beta.txt", "std.out"), second.jdl().getList("OutputSandbox"));
        assertEquals(List.of("Executable", "Arguments", "OutputSandbox", "Parameter", "ParameterNumber"), second.jdl().names());
        assertEquals("beta", second.jdl().getString("Parameter", ""));
        assertEquals(1, second.jdl().getInt("ParameterNumber", -1));
        // A number parameter is recorded as a string, as DIRAC records it.
        assertEquals(new JdlString("7"), jobs.get(2).jdl().get("Parameter").orElseThrow());
    }

    @ParameterizedTest(name = "Start={0} Step={1} Factor={2}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | 1   | 1   | 0,1,2,3,4
            1   | 2   | 3   | 1,5,17,53,161
            0   | 0.5 | 1   | 0.0,0.5,1.0,1.5,2.0
            1   | 0   | 2   | 1,2,4,8,16
            1.5 | 0   | 1   | 1.5,1.5,1.5,1.5,1.5
            -10 | 5   | 1   | -10,-5,0,5,10
            0.1 | 0.2 | 1   | 0.1,0.30000000000000004,0.5,0.7,0.8999999999999999
            '"3"' | 1 | 1   | 3,4,5,6,7
            """)
    void computesNumericSeriesLikeDirac(String start, String step, String factor, String expected) {
        Jdl jdl = Jdl.parse("Parameters = 5; ParameterStart = " + start + "; ParameterStep = " + step
                + "; ParameterFactor = " + factor + "; Arguments = \"%s\";");

        assertEquals(List.of(expected.split(",")), values(ParametricJobs.expand(jdl), "Arguments"));
    }

    @Test
    void numericSeriesDefaultsToStartOneStepZeroAsInDirac() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("Parameters = 3; Arguments = \"%s-%n\";"));

        assertEquals(List.of("1-0", "1-1", "1-2"), values(jobs, "Arguments"));
    }

    @Test
    void integerSeriesDoNotOverflow() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("Parameters = 70; ParameterFactor = 2; Arguments = \"%s\";"));

        assertEquals("590295810358705651712", jobs.get(69).jdl().getString("Arguments", ""));
    }

    @Test
    void expandsNamedSeries() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("""
                Executable = "sim";
                Parameters = 3;
                ParameterStart = 100;
                ParameterStep = 100;
                ParameterStart.seed = 7;
                ParameterStep.seed = 1;
                Parameters.site = {"LCG.CERN.ch", "LCG.IN2P3.fr", "LCG.RAL.uk"};
                Arguments = "--events %s --seed %(seed)s";
                Site = "%(SITE)s";
                JobName = "sim_%n";
                """));

        assertEquals(List.of("--events 100 --seed 7", "--events 200 --seed 8", "--events 300 --seed 9"), values(jobs, "Arguments"));
        assertEquals(List.of("LCG.CERN.ch", "LCG.IN2P3.fr", "LCG.RAL.uk"), values(jobs, "Site"));
        ExpandedJob last = jobs.get(2);
        assertEquals(Map.of("seed", new JdlNumber("9"), "site", new JdlString("LCG.RAL.uk")), last.namedParameters());
        assertEquals(List.of("Executable", "Arguments", "Site", "JobName", "Parameter", "Parameter.seed", "Parameter.site",
                "ParameterNumber"), last.jdl().names());
        assertEquals("9", last.jdl().getString("Parameter.seed", ""));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1,    0,   0
            10,   9,   9
            11,   0,   00
            11,   10,  10
            1000, 7,   007
            1001, 999, 0999
            """)
    void padsTheIndexToTheWidthOfTheLastIndex(int count, int index, String padded) {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("Parameters = " + count + "; JobName = \"job_%n\";"));

        assertEquals("job_" + padded, jobs.get(index).jdl().getString("JobName", ""));
    }

    @Test
    void aBarePlaceholderTakesTheParameterWithItsType() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("""
                Parameters = {3600, 7200};
                Parameters.files = {{"/vo/a", "/vo/b"}, {"/vo/c"}};
                CPUTime = %s;
                InputData = {%(files)s};
                InputSandbox = {"run.sh", %(files)s};
                Requirements = other.CPU > %s;
                """));

        Jdl second = jobs.get(1).jdl();
        assertEquals(new JdlNumber("7200"), second.get("CPUTime").orElseThrow());
        assertEquals(List.of("/vo/c"), second.getList("InputData"));
        assertEquals(List.of("/vo/a", "/vo/b"), jobs.get(0).jdl().getList("InputData"));
        assertEquals(List.of("run.sh", "/vo/c"), second.getList("InputSandbox"));
        assertEquals(new JdlExpression("other.CPU > 7200"), second.get("Requirements").orElseThrow());
        assertEquals(JdlList.ofStrings(List.of("/vo/c")), second.get("Parameter.files").orElseThrow());
    }

    @Test
    void unknownPlaceholdersAndPercentSignsStay() {
        List<ExpandedJob> jobs = ParametricJobs.expand(Jdl.parse("Parameters = {\"%n\"}; Arguments = \"100% %(other)s %s %d\";"));

        assertEquals("100% %(other)s %n %d", jobs.get(0).jdl().getString("Arguments", ""));
    }

    @Test
    void expandedJobsRoundTrip() {
        for (ExpandedJob job : ParametricJobs.expand(Jdl.parse("Parameters = {\"a\", 2, {\"x\"}}; Arguments = \"%s\";"))) {
            assertEquals(job.jdl(), Jdl.parse(job.jdl().toJdl()));
        }
    }

    @Test
    void aJdlWithoutParametersIsOneJob() {
        Jdl jdl = Jdl.parse("Executable = \"run.sh\"; Arguments = \"%s\";");
        List<ExpandedJob> jobs = ParametricJobs.expand(jdl);

        assertFalse(ParametricJobs.isParametric(jdl));
        assertEquals(1, ParametricJobs.numberOfJobs(jdl));
        assertEquals(1, jobs.size());
        assertNull(jobs.get(0).parameter());
        assertEquals(jdl, jobs.get(0).jdl());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            list lengths differ        | Parameters = {"a","b"}; Parameters.x = {1,2,3};  | parameter series differ in length: Parameters has 2 values, Parameters.x has 3
            number and list differ     | Parameters = 2; Parameters.x = {1,2,3};          | parameter series differ in length: Parameters has 2 values, Parameters.x has 3
            named series not a list    | Parameters = 2; Parameters.x = 2;                | Parameters.x: must be a list; only Parameters may give a number of jobs
            zero jobs                  | Parameters = 0;                                  | Parameters: illegal number of job parameters 0
            empty list                 | Parameters = {};                                 | Parameters: illegal number of job parameters 0
            fractional count           | Parameters = 2.5;                                | Parameters: expected a list or a number of jobs, got 2.5
            text count                 | Parameters = "many";                             | Parameters: illegal value "many", expected a number
            bad step                   | Parameters = 2; ParameterStep = "x";             | ParameterStep: illegal value "x", expected a number
            bad named factor           | Parameters = 2; ParameterFactor.y = 2d;          | ParameterFactor.y: illegal value 2d, expected a number
            series without Parameters  | ParameterStart.x = 1; Executable = "a";          | ParameterStart.x: a parametric job needs Parameters (a list or a number of jobs)
            """)
    void rejectsInconsistentParameters(String description, String jdl, String message) {
        DshellException error = assertThrows(DshellException.class, () -> ParametricJobs.expand(Jdl.parse(jdl)));
        assertEquals(message, error.getMessage());
        assertEquals(ExitStatus.USAGE, error.exitCode());
    }

    @Test
    void expandsAThousandJobs() {
        Jdl jdl = Jdl.parse("""
                Executable = "run.sh"; Arguments = "--seed %s --out out_%n.root";
                Parameters = 1000; ParameterStart = 1; ParameterStep = 1;
                InputSandbox = {"run.sh", "cfg_%n.yaml"}; OutputSandbox = {"std.out", "std.err"};
                OutputData = {"out_%n.root"}; JobName = "mc_%n"; CPUTime = 3600; Site = "LCG.CERN.ch";
                """);
        // Speed is measured by the jobs benchmark, not here: a timed assertion fails on a busy machine.
        List<ExpandedJob> jobs = ParametricJobs.expand(jdl);

        assertEquals(1000, jobs.size());
        assertEquals("--seed 1000 --out out_999.root", jobs.get(999).jdl().getString("Arguments", ""));
        assertEquals(List.of("run.sh", "cfg_042.yaml"), jobs.get(42).jdl().getList("InputSandbox"));
    }
}
