package org.dshell.core.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dshell.core.DshellException;
import org.dshell.core.meta.MetaField;
import org.dshell.core.meta.MetaFieldLookup;
import org.dshell.core.meta.MetaScope;
import org.dshell.core.meta.MetaType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and checking production YAML: every error is one line naming the file and the YAML line. */
class ProductionParserTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            name: chain
            settings:
              retries: 2
            steps:
              - id: simulate
                tasks: 3
                job:
                  executable: sim.sh
                  arguments: "{task}"
                  outputs: ["*.dl0"]
                output_metadata: {datalevel: DL0, particle: gamma, run: 1}
              - id: process
                parent: simulate
                input_query: "run>=1"
                group_size: 2
                job:
                  executable: proc.sh
                  arguments: "{inputs}"
                output_metadata: {datalevel: DL1}
              - id: merge
                parents: [process]
                group_size: 10
                retries: 0
                job:
                  jdl: |
                    [ Executable = "merge.sh"; Arguments = "{task} {inputs}"; ]
                output_metadata: {merged: 1}
            """;

    @BeforeEach
    void scripts() throws Exception {
        Files.writeString(dir.resolve("sim.sh"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("proc.sh"), "#!/bin/sh\n");
    }

    ProductionSpec parse(String yaml) {
        MetaFieldLookup existing = MetaFieldLookup.of(List.of(new MetaField("particle", MetaType.STRING, MetaScope.FILE),
                new MetaField("site", MetaType.STRING, MetaScope.DIRECTORY)));
        return new ProductionParser("p.yaml", dir, existing).parse(yaml);
    }

    String error(String yaml) {
        return assertThrows(DshellException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void readsAChainWithInheritedOutputMetadataAndChildQueries() {
        ProductionSpec spec = parse(GOOD);
        assertEquals("chain", spec.name());
        assertEquals(List.of("simulate", "process", "merge"), spec.steps().stream().map(StepSpec::id).toList());
        StepSpec sim = spec.step("simulate").orElseThrow();
        assertTrue(sim.isSource());
        assertEquals(3, sim.tasks());
        assertEquals(List.of("sim.sh"), sim.job().inputSandbox(), "a local executable travels in the sandbox");
        assertEquals(2, sim.retries());
        StepSpec process = spec.step("process").orElseThrow();
        assertEquals("DL1", process.outputMetadata().get("datalevel"));
        assertEquals("gamma", process.outputMetadata().get("particle"), "children inherit their parent's output metadata");
        assertTrue(process.inputQuery().toString().contains("datalevel=DL0"), process.inputQuery().toString());
        assertTrue(process.inputQuery().toString().contains("run>=1"), process.inputQuery().toString());
        assertEquals(0, spec.step("merge").orElseThrow().retries());
        assertEquals(MetaType.INT, spec.outputFields().get("run"));
        assertEquals(MetaType.STRING, spec.outputFields().get("datalevel"));
        assertTrue(!spec.outputFields().containsKey("particle"), "existing fields are not created again");
    }

    @Test
    void unknownParent() {
        assertEquals("p.yaml: line 12: step 'process': unknown parent 'simulation' (steps: simulate, process, merge)",
                error(GOOD.replace("parent: simulate", "parent: simulation")));
    }

    @Test
    void cycle() {
        String yaml = GOOD.replace("tasks: 3\n", "parent: merge\n");
        assertEquals("p.yaml: line 5: steps simulate, process, merge form a cycle of parents", error(yaml));
    }

    @Test
    void childQueryThatCanNeverMatch() {
        assertEquals("p.yaml: line 14: step 'process': input_query 'datalevel=DL2' can never match the output of parent"
                + " 'simulate' (datalevel=DL0)", error(GOOD.replace("\"run>=1\"", "\"datalevel=DL2\"")));
    }

    @Test
    void unknownFieldNamesTheKnownOnes() {
        assertTrue(error(GOOD.replace("group_size: 2", "groupsize: 2"))
                .startsWith("p.yaml: line 15: unknown field 'groupsize' in a step (known: id, name,"));
    }

    @Test
    void wrongTypeWithItsLine() {
        assertEquals("p.yaml: line 15: group_size: expected a whole number, got 'two'", error(GOOD.replace("group_size: 2", "group_size: two")));
        assertEquals("p.yaml: line 3: retries: expected a whole number, got a sequence",
                error(GOOD.replace("retries: 2", "retries: [2]")));
    }

    @Test
    void unknownQueryFieldAndPlaceholder() {
        assertTrue(error(GOOD.replace("\"run>=1\"", "\"energy>1\"")).startsWith("p.yaml: line 14: step 'process': input_query: "));
        assertTrue(error(GOOD.replace("\"{inputs}\"", "\"{files}\"")).startsWith("p.yaml: line 18: unknown placeholder {files}"));
    }

    @Test
    void outputMetadataChecks() {
        assertEquals("p.yaml: line 11: output_metadata: 'site' is a directory field; output metadata is set on files",
                error(GOOD.replace("run: 1}", "site: x}")));
        assertEquals("p.yaml: line 19: output_metadata: 'run' is string here but int in step 'simulate'",
                error(GOOD.replace("{datalevel: DL1}", "{datalevel: DL1, run: abc}")));
    }

    @Test
    void yamlSyntaxAndMissingParts() {
        assertTrue(error("name: x\nsteps: [\n").startsWith("p.yaml: line "));
        assertEquals("p.yaml: line 1: steps: expected a list of steps", error("name: x\n"));
        assertEquals("p.yaml: line 3: step 'a': missing job", error("name: x\nsteps:\n  - id: a\n"));
        assertTrue(error(GOOD.replace("sim.sh", "missing.sh").replace("executable: missing.sh", "executable: missing.sh\n      input_sandbox: [missing.sh]"))
                .contains("input_sandbox: no such file"));
    }
}
