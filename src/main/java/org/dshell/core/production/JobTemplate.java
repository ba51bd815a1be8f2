package org.dshell.core.production;

import java.util.List;

/**
 * What every task of a step runs: an executable with arguments and sandboxes, or a JDL template.
 * Placeholders {@code {production}}, {@code {step}}, {@code {task}}, {@code {inputs}} (the input files'
 * names in the job's directory) and {@code {input_lfns}} are replaced per task. {@code outputs} are
 * file patterns the job leaves in its directory: the engine collects them from the output sandbox.
 */
public record JobTemplate(String executable, String arguments, List<String> inputSandbox, List<String> outputs,
                          long cpuTime, String jdl) {

    public static final List<String> PLACEHOLDERS = List.of("production", "step", "task", "inputs", "input_lfns");

    public JobTemplate {
        inputSandbox = List.copyOf(inputSandbox);
        outputs = List.copyOf(outputs);
    }
}
