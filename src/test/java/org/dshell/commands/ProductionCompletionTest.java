package org.dshell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dshell.commands.completion.CompletionEngine;
import org.dshell.core.completion.Candidate;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TAB on the production verbs: production ids, and the steps of the production named on the line. */
class ProductionCompletionTest {
    @TempDir
    static Path tmp;
    static TestShell shell;
    static CompletionEngine engine;

    @BeforeAll
    static void productions() throws Exception {
        shell = new TestShell(tmp.resolve("home"), "alice");
        engine = new CompletionEngine(shell.verbs());
        Path local = shell.localDir();
        Files.writeString(local.resolve("copy.sh"), "#!/bin/sh\ncat \"$@\" > out.txt\n", StandardCharsets.UTF_8);
        Files.writeString(local.resolve("data.txt"), "a\n", StandardCharsets.UTF_8);
        for (String line : List.of("mkdir ~/raw", "put data.txt ~/raw", "meta index -f kind string", "meta set ~/raw/data.txt kind=raw")) {
            assertEquals(0, shell.run(line).status(), line);
        }
        Files.writeString(local.resolve("one.yaml"), """
                name: copies
                steps:
                  - id: copy
                    input_query: "kind=raw"
                    job: {executable: copy.sh, arguments: "{inputs}", outputs: ["out.txt"]}
                    output_metadata: {kind: copied}
                """, StandardCharsets.UTF_8);
        Files.writeString(local.resolve("two.yaml"), """
                name: chain
                steps:
                  - id: simulate
                    tasks: 2
                    job: {executable: copy.sh, outputs: ["out.txt"]}
                    output_metadata: {kind: simulated}
                  - id: merge
                    parent: simulate
                    job: {executable: copy.sh, arguments: "{inputs}", outputs: ["out.txt"]}
                    output_metadata: {kind: merged}
                """, StandardCharsets.UTF_8);
        assertEquals("1\n", shell.run("production submit one.yaml").out());
        assertEquals("2\n", shell.run("production submit two.yaml").out());
        assertEquals(0, shell.run("production stop 1").status());
    }

    @AfterAll
    static void close() {
        shell.close();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // line before the cursor word, the word, expected values
                Arguments.of("production", "st", List.of("start", "status", "stop")),
                Arguments.of("production status", "", List.of("2", "1")),
                Arguments.of("production status", "1", List.of("1")),
                Arguments.of("production status --json", "", List.of("2", "1")),
                Arguments.of("production files", "", List.of("2", "1")),
                Arguments.of("production start", "2", List.of("2")),
                Arguments.of("production stop", "", List.of("2", "1")),
                Arguments.of("production flush", "", List.of("2", "1")),
                Arguments.of("production delete", "3", List.of()),
                Arguments.of("production files 2 --step", "", List.of("simulate", "merge")),
                Arguments.of("production files 2 --step", "m", List.of("merge")),
                Arguments.of("production files 2 --state Unused --step", "s", List.of("simulate")),
                Arguments.of("production flush 1 --step", "", List.of("copy")),
                Arguments.of("production flush --step", "", List.of()),
                Arguments.of("production files 9 --step", "", List.of()),
                Arguments.of("production files x --step", "", List.of()),
                Arguments.of("production files 2", "--st", List.of("--step", "--state")),
                Arguments.of("production status 2", "", List.of()));
    }

    @ParameterizedTest
    @MethodSource("table")
    void completes(String before, String word, List<String> expected) {
        List<String> words = List.of(before.split(" "));
        assertEquals(expected, engine.complete(words, word, ctx()).stream().map(Candidate::value).toList());
    }

    @Test
    void anIdIsDescribedByItsNameAndState() {
        assertEquals(List.of("chain (Active)", "copies (Stopped)"),
                engine.complete(List.of("production", "status"), "", ctx()).stream().map(Candidate::description).toList());
    }

    private static CommandContext ctx() {
        return shell.context(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "");
    }
}
