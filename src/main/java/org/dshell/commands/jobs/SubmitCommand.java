package org.dshell.commands.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dshell.commands.LfnArg;
import org.dshell.commands.LocalArg;
import org.dshell.commands.Verb;
import org.dshell.core.DshellException;
import org.dshell.core.Glob;
import org.dshell.core.format.Json;
import org.dshell.core.jdl.ExpandedJob;
import org.dshell.core.jdl.Jdl;
import org.dshell.core.jdl.JdlSyntaxException;
import org.dshell.core.jdl.JobDescription;
import org.dshell.core.jdl.ParametricJobs;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Submits jobs, like COMDIRAC's {@code dsub}: JDL files, or a JDL built from the command line. A
 * parametric JDL becomes one job per parameter. Relative sandbox paths are read from the local working
 * directory ({@code lcd}), as DIRAC's submit commands read them from the current directory.
 */
@Command(name = "submit", description = "Submit jobs: JDL files, or an executable with its arguments.",
        footer = {"%nExamples:", "  submit job.jdl", "  submit -n hello -- /bin/echo hello world",
                "  submit -i run.sh -o out.txt --param 1:100 -g scan -- run.sh %s",
                "  submit --input-data /dteam/data/run1.dat --output-data histo.root --output-se SE-1 -- ana.sh",
                "  submit --show-jdl -- echo hi"})
public final class SubmitCommand extends Verb {
    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "JobName.")
    String name;

    @Option(names = {"-g", "--group"}, paramLabel = "JOBGROUP", description = "JobGroup.")
    String group;

    @Option(names = {"-i", "--input-sandbox"}, paramLabel = "FILE", arity = "1..*", description = "Local files for the InputSandbox.")
    List<LocalArg> inputSandbox = new ArrayList<>();

    @Option(names = {"-o", "--output-sandbox"}, paramLabel = "FILE", arity = "1..*", description = "Files for the OutputSandbox (std.out, std.err are always returned).")
    List<String> outputSandbox = new ArrayList<>();

    @Option(names = "--input-data", paramLabel = "LFN", arity = "1..*", description = "InputData: catalog files downloaded before the job runs.")
    List<LfnArg> inputData = new ArrayList<>();

    @Option(names = "--output-data", paramLabel = "FILE", arity = "1..*", description = "OutputData: files uploaded and registered after success.")
    List<String> outputData = new ArrayList<>();

    @Option(names = "--output-se", paramLabel = "SE", description = "OutputSE for the OutputData.")
    String outputSE;

    @Option(names = "--output-path", paramLabel = "LFN", description = "OutputPath: catalog directory of the OutputData (default: your home).")
    LfnArg outputPath;

    @Option(names = "--param", paramLabel = "VALUES|START:STOP[:STEP]",
            description = "Parametric job: a comma-separated list (a,b,c) or an inclusive integer range (1:100, 0:90:10); %%s in the arguments is the value, %%n the index.")
    String param;

    @Option(names = "--cpu-time", paramLabel = "SECONDS", description = "CPUTime (locally a wall-clock limit).")
    Long cpuTime;

    @Option(names = "--show-jdl", description = "Print the JDL before submitting it.")
    boolean showJdl;

    @Option(names = "--json", description = "Print the job ids as JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE.jdl|EXECUTABLE", arity = "1..*", description = "JDL files, or (after --) the executable and its arguments.")
    List<LocalArg> words = new ArrayList<>();

    @Override
    protected int execute() {
        boolean jdlFiles = words.get(0).path().toLowerCase(Locale.ROOT).endsWith(".jdl");
        List<Jdl> jdls = jdlFiles ? readJdlFiles() : List.of(buildJdl());
        List<JobDescription> jobs = new ArrayList<>();
        for (int i = 0; i < jdls.size(); i++) {
            String where = jdlFiles ? Glob.literal(words.get(i).path()) + ": " : "";
            Jdl jdl = jdls.get(i);
            if (name != null) {
                jdl.set("JobName", name);
            }
            if (group != null) {
                jdl.set("JobGroup", group);
            }
            if (showJdl) {
                out().print(jdl.toJdl());
            }
            try {
                for (ExpandedJob job : ParametricJobs.expand(jdl)) {
                    jobs.add(JobDescription.from(job.jdl()));
                }
            } catch (DshellException e) {
                throw new DshellException(e.exitCode(), where + e.getMessage());
            }
        }
        List<Long> ids = ctx.grid().workload().submit(jobs, ctx.session().localCwd());
        if (json(json)) {
            Json.print(out(), Map.of("ids", ids));
        } else {
            ids.forEach(id -> out().println(id));
        }
        return 0;
    }

    private List<Jdl> readJdlFiles() {
        if (!inputSandbox.isEmpty() || !outputSandbox.isEmpty() || !inputData.isEmpty() || !outputData.isEmpty()
                || outputSE != null || outputPath != null || param != null || cpuTime != null) {
            throw DshellException.usage("with JDL files only -n and -g may be given; the rest belongs in the JDL");
        }
        List<Jdl> jdls = new ArrayList<>();
        for (LocalArg word : words) {
            String shown = Glob.literal(word.path());
            if (!shown.toLowerCase(Locale.ROOT).endsWith(".jdl")) {
                throw DshellException.usage(shown + ": not a .jdl file; give JDL files, or -- EXECUTABLE ARGS");
            }
            Path file = ctx.session().localPath(shown);
            try {
                jdls.add(Jdl.parse(Files.readString(file, StandardCharsets.UTF_8)));
            } catch (JdlSyntaxException e) {
                throw DshellException.usage(shown + ": " + e.getMessage());
            } catch (IOException e) {
                throw DshellException.usage("cannot read " + shown + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
            }
        }
        return jdls;
    }

    /** The JDL dsub would build: a local executable travels in the InputSandbox, anything else is run as named. */
    private Jdl buildJdl() {
        String executable = Glob.literal(words.get(0).path());
        List<String> arguments = words.subList(1, words.size()).stream().map(w -> shellWord(Glob.literal(w.path()))).toList();
        List<String> sandbox = new ArrayList<>();
        Path local = ctx.session().localPath(executable);
        if (Files.isRegularFile(local) && !executable.startsWith("/")) {
            sandbox.add(executable);
            executable = local.getFileName().toString();
        }
        inputSandbox.stream().map(a -> Glob.literal(a.path())).filter(f -> !sandbox.contains(f)).forEach(sandbox::add);
        Jdl jdl = new Jdl();
        jdl.set("JobName", name != null ? name : Path.of(executable).getFileName().toString());
        jdl.set("Executable", executable);
        if (!arguments.isEmpty()) {
            jdl.set("Arguments", String.join(" ", arguments));
        }
        jdl.set("StdOutput", JobDescription.DEFAULT_STD_OUTPUT);
        jdl.set("StdError", JobDescription.DEFAULT_STD_ERROR);
        if (!sandbox.isEmpty()) {
            jdl.set("InputSandbox", sandbox);
        }
        List<String> outputs = new ArrayList<>(List.of(JobDescription.DEFAULT_STD_OUTPUT, JobDescription.DEFAULT_STD_ERROR));
        outputSandbox.stream().filter(f -> !outputs.contains(f)).forEach(outputs::add);
        jdl.set("OutputSandbox", outputs);
        if (!inputData.isEmpty()) {
            jdl.set("InputData", expandAll(inputData).stream().map(p -> "LFN:" + p).toList());
        }
        if (!outputData.isEmpty()) {
            jdl.set("OutputData", outputData);
        }
        if (outputSE != null) {
            jdl.set("OutputSE", outputSE);
        }
        if (outputPath != null) {
            jdl.set("OutputPath", resolve(outputPath.raw()).toString());
        }
        if (cpuTime != null) {
            jdl.set("CPUTime", cpuTime);
        }
        if (param != null) {
            setParameters(jdl, param);
        }
        return jdl;
    }

    /** {@code a,b,c} as a list; {@code START:STOP[:STEP]} as DIRAC's Parameters/ParameterStart/ParameterStep, STOP included. */
    static void setParameters(Jdl jdl, String spec) {
        if (spec.contains(":")) {
            String[] parts = spec.split(":", -1);
            try {
                if (parts.length < 2 || parts.length > 3) {
                    throw new NumberFormatException();
                }
                long start = Long.parseLong(parts[0].strip());
                long stop = Long.parseLong(parts[1].strip());
                long step = parts.length == 3 ? Long.parseLong(parts[2].strip()) : 1;
                if (step == 0 || (stop - start) / step < 0) {
                    throw DshellException.usage("--param " + spec + ": the range is empty");
                }
                jdl.set("Parameters", (stop - start) / step + 1);
                jdl.set("ParameterStart", start);
                jdl.set("ParameterStep", step);
            } catch (NumberFormatException e) {
                throw DshellException.usage("--param " + spec + ": expected a,b,c or START:STOP[:STEP] with whole numbers");
            }
        } else {
            List<String> values = List.of(spec.split(","));
            if (values.stream().anyMatch(String::isBlank)) {
                throw DshellException.usage("--param " + spec + ": empty value in the list");
            }
            jdl.set("Parameters", values);
        }
    }

    /** Arguments go to a shell (as in DIRAC), so words with spaces or shell characters are quoted. */
    static String shellWord(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
