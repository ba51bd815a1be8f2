package org.dshell.script;

import static org.dshell.script.ScriptTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dshell.core.production.ProductionParser;
import org.dshell.core.production.ProductionSpec;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code production('name') { step(...) { ... } }} in Groovy: the same model and checks as YAML, the same engine. */
class ProductionBuilderTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() {
        shell = new TestShell(tmp.resolve("home"), "alice");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    @Test
    void theExampleScriptRunsTheChainToTheEnd() {
        TestShell.Result r = shell.run("run " + ExamplesTest.EXAMPLES.resolve("production.groovy") + " 3");
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("production 1 (gamma-diffuse-groovy)\n"), r.out());
        String home = shell.session().home().toString();
        assertTrue(r.out().endsWith("production 1 complete\n" + home + "/productions/1/merge/merged_1.dl1\n"), r.out());
        assertEquals(3, shell.run("find / data_level=DL0").out().lines().count());
    }

    @Test
    void builtProductionEqualsTheSameYaml() throws Exception {
        write(shell, "sim.sh", "#!/bin/sh\n");
        write(shell, "same.groovy", """
                def p = production('same') {
                    settings(retries: 1, cpuTime: 60)
                    step('simulate') {
                        tasks 2
                        job { executable 'sim.sh'; arguments '{task}'; outputs 'sim_*.dat' }
                        output_metadata datalevel: 'DL0', energy: 1.5, run: 7
                    }
                    step('process', parent: 'simulate') {
                        inputQuery 'run>2'
                        groupSize 2
                        job(jdl: '[ Executable = "p.sh"; Arguments = "{inputs}"; ]', outputs: ['p_*.dat', 'log.txt'])
                        output_metadata datalevel: 'DL1'
                    }
                }.spec
                println p.name + ' ' + new TreeMap(p.outputFields).collect { k, v -> "$k=$v" }.join(', ')
                p.steps.each { println it.toString().replaceAll(/line=\\d+/, '') }
                """);
        TestShell.Result r = shell.run("run same.groovy");
        assertEquals(0, r.status(), r.toString());
        ProductionSpec yaml = new ProductionParser("same.yaml", shell.localDir(), shell.grid().metadata().lookup()).parse("""
                name: same
                settings: {retries: 1, cpu_time: 60}
                steps:
                  - id: simulate
                    tasks: 2
                    job: {executable: sim.sh, arguments: "{task}", outputs: ["sim_*.dat"]}
                    output_metadata: {datalevel: DL0, energy: 1.5, run: 7}
                  - id: process
                    parent: simulate
                    input_query: run>2
                    group_size: 2
                    job:
                      jdl: '[ Executable = "p.sh"; Arguments = "{inputs}"; ]'
                      outputs: [p_*.dat, log.txt]
                    output_metadata: {datalevel: DL1}
                """);
        StringBuilder expected = new StringBuilder(yaml.name() + " " + new java.util.TreeMap<>(yaml.outputFields()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")) + "\n");
        yaml.steps().forEach(s -> expected.append(s.toString().replaceAll("line=\\d+", "")).append('\n'));
        assertEquals(expected.toString(), r.out());
    }

    @Test
    void mistakesAreReportedAtTheScriptLineAsForYaml() throws Exception {
        write(shell, "bad.groovy", """
                def p = production('bad') {
                    step('simulate') { job { executable '/bin/true' } }
                    step('process') {
                        parent 'simulation'
                        job { executable '/bin/true' }
                    }
                }
                println 'not reached'
                """);
        TestShell.Result r = shell.run("run bad.groovy");
        assertEquals(1, r.status(), r.toString());
        assertEquals("run: bad.groovy: line 3: step 'process': unknown parent 'simulation' (steps: simulate, process)\n", r.err());

        write(shell, "field.groovy", """
                production('bad') {
                    step('simulate') {
                        groupsize 2
                        job { executable '/bin/true' }
                    }
                }
                """);
        TestShell.Result f = shell.run("run field.groovy");
        assertTrue(f.err().startsWith("run: field.groovy: line 2: unknown field 'groupsize' in a step (known: id, name, parent"), f.err());
        assertEquals(0, shell.grid().productions().list().size(), "nothing submitted");
    }

    @Test
    void submitStoresItForTheEngineAndPrintlnStillWorksInsideSteps() throws Exception {
        write(shell, "sub.groovy", """
                def p = production('stored') {
                    step('only') {
                        println 'building only'
                        job { executable '/bin/true' }
                    }
                }
                println p.submit()
                println p.status()*.step
                """);
        TestShell.Result r = shell.run("run sub.groovy");
        assertEquals(0, r.status(), r.toString());
        assertEquals("building only\n1\n[only]\n", r.out());
        assertEquals("stored", shell.grid().productions().info(1).name());
    }
}
