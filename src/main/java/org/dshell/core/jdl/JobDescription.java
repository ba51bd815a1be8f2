package org.dshell.core.jdl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dshell.core.DshellException;

/**
 * The attributes a job executor honours, read from a {@link Jdl} and checked, with DIRAC's defaults.
 * Every other attribute stays in {@link #jdl()}; {@link #otherAttributes()} lists them.
 */
public record JobDescription(
        String executable,
        String arguments,
        String stdOutput,
        String stdError,
        List<String> inputSandbox,
        List<String> outputSandbox,
        List<String> inputData,
        List<String> outputData,
        List<String> outputSE,
        String outputPath,
        String jobName,
        String jobGroup,
        long cpuTime,
        int priority,
        List<String> tags,
        Jdl jdl) {

    public static final String DEFAULT_STD_OUTPUT = "std.out";
    public static final String DEFAULT_STD_ERROR = "std.err";
    /** DIRAC's JobDescription/DefaultCPUTime. */
    public static final long DEFAULT_CPU_TIME = 86_400;
    /** DIRAC's JobDescription/DefaultPriority. */
    public static final int DEFAULT_PRIORITY = 1;

    private static final Set<String> KNOWN = Set.of("executable", "arguments", "stdoutput", "stderror", "inputsandbox",
            "outputsandbox", "inputdata", "outputdata", "outputse", "outputpath", "jobname", "jobgroup", "cputime",
            "priority", "tags");

    public JobDescription {
        inputSandbox = List.copyOf(inputSandbox);
        outputSandbox = List.copyOf(outputSandbox);
        inputData = List.copyOf(inputData);
        outputData = List.copyOf(outputData);
        outputSE = List.copyOf(outputSE);
        tags = List.copyOf(tags);
        jdl = jdl.copy();
    }

    /** Reads and checks the attributes; an error names the attribute at fault. */
    public static JobDescription from(Jdl jdl) {
        String executable = jdl.getString("Executable", "").strip();
        if (executable.isEmpty()) {
            throw DshellException.usage(jdl.has("Executable") ? "Executable: must not be empty" : "Executable: missing; every job needs one");
        }
        return new JobDescription(
                executable,
                jdl.getString("Arguments", ""),
                nonEmpty(jdl, "StdOutput", DEFAULT_STD_OUTPUT),
                nonEmpty(jdl, "StdError", DEFAULT_STD_ERROR),
                names(jdl, "InputSandbox"),
                names(jdl, "OutputSandbox"),
                lfns(jdl, "InputData"),
                names(jdl, "OutputData"),
                names(jdl, "OutputSE"),
                jdl.getString("OutputPath", ""),
                jdl.getString("JobName", ""),
                jdl.getString("JobGroup", ""),
                wholeNumber(jdl, "CPUTime", DEFAULT_CPU_TIME, "a whole number of seconds"),
                (int) wholeNumber(jdl, "Priority", DEFAULT_PRIORITY, "an integer"),
                names(jdl, "Tags"),
                jdl);
    }

    /** The attributes this record does not interpret (Site, BannedSites, NumberOfProcessors, ...). */
    public List<JdlAttribute> otherAttributes() {
        List<JdlAttribute> others = new ArrayList<>();
        for (JdlAttribute attribute : jdl.attributes()) {
            if (!KNOWN.contains(attribute.name().toLowerCase(Locale.ROOT))) {
                others.add(attribute);
            }
        }
        return others;
    }

    private static String nonEmpty(Jdl jdl, String name, String defaultValue) {
        String value = jdl.getString(name, defaultValue).strip();
        if (value.isEmpty()) {
            throw DshellException.usage(name + ": must not be empty");
        }
        return value;
    }

    private static List<String> names(Jdl jdl, String name) {
        List<String> values = jdl.getList(name);
        for (String value : values) {
            if (value.isBlank()) {
                throw DshellException.usage(name + ": contains an empty entry");
            }
        }
        return values;
    }

    /** InputData entries are LFNs; the "LFN:" prefix DIRAC users often write is dropped. */
    private static List<String> lfns(Jdl jdl, String name) {
        List<String> lfns = new ArrayList<>();
        for (String value : names(jdl, name)) {
            String lfn = value.strip();
            if (lfn.regionMatches(true, 0, "LFN:", 0, 4)) {
                lfn = lfn.substring(4);
            }
            if (!lfn.startsWith("/")) {
                throw DshellException.usage(name + ": \"" + value + "\" is not an LFN; it must start with /");
            }
            lfns.add(lfn);
        }
        return lfns;
    }

    private static long wholeNumber(Jdl jdl, String name, long defaultValue, String expected) {
        Optional<JdlValue> value = jdl.get(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        long number;
        try {
            number = Long.parseLong(value.get().text().strip());
        } catch (NumberFormatException notWhole) {
            throw DshellException.usage(name + ": expected " + expected + ", got " + value.get().toJdl());
        }
        if (number < 0 || (name.equals("Priority") && number > Integer.MAX_VALUE)) {
            throw DshellException.usage(name + ": " + number + " is out of range");
        }
        return number;
    }
}
