package org.dshell.core.production;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dshell.core.meta.MetaType;

/**
 * A production read from YAML and checked: its steps in an order where parents come first, and the
 * metadata fields its output metadata needs (created as file fields when missing).
 *
 * @param baseDirectory where relative sandbox files are read from (the YAML file's directory)
 */
public record ProductionSpec(String name, List<StepSpec> steps, Map<String, MetaType> outputFields, Path baseDirectory) {

    public ProductionSpec {
        steps = List.copyOf(steps);
        outputFields = Map.copyOf(outputFields);
    }

    public Optional<StepSpec> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The steps whose parents include {@code id}. */
    public List<StepSpec> children(String id) {
        return steps.stream().filter(s -> s.parents().contains(id)).toList();
    }
}
