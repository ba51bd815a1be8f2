package org.dshell.core.production;

import java.util.List;
import java.util.Map;

import org.dshell.core.meta.MetaQuery;

/**
 * One transformation of a production. A step without parents and without an input query runs
 * {@code tasks} tasks that make their own data; otherwise its input is the files matching {@link #inputQuery}
 * (for a child: its parent's output metadata, refined) below {@code inputPath}.
 *
 * @param outputMetadata the values set on every output file: the parents' common ones plus the step's own
 * @param inputQuery     the full query (for children, the parent's output metadata as {@code =} conditions included)
 * @param line           where the step starts in the YAML file, for messages
 */
public record StepSpec(String id, String name, List<String> parents, MetaQuery inputQuery, String inputPath, int tasks,
                       JobTemplate job, int groupSize, Map<String, Object> outputMetadata, String outputPath,
                       String outputSE, int retries, int line) {

    public StepSpec {
        parents = List.copyOf(parents);
        outputMetadata = Map.copyOf(outputMetadata);
    }

    /** Whether the step makes its own data: no parents, no input query. */
    public boolean isSource() {
        return parents.isEmpty() && inputQuery == null;
    }
}
