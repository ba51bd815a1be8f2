package org.dshell.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.dshell.backend.FileCatalog;
import org.dshell.commands.completion.CompletionEngine;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.core.completion.Candidate;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompletionEngineTest {
    @TempDir
    static Path tmp;
    static TestShell shell;
    static CompletionEngine engine;

    @BeforeAll
    static void catalog() throws Exception {
        shell = new TestShell(tmp.resolve("home"), "alice");
        engine = new CompletionEngine(shell.verbs());
        assertEquals(0, shell.run("mkdir -p data/run1 data/run2 docs /dteam/shared").status());
        LfnPath f = shell.session().cwd().resolve("data/readme.txt");
        shell.grid().catalog().register(List.of(new FileCatalog.NewFile(f, 1, "00000001", "G", new Replica("SE", "/p", "AprioriGood"))));
        Files.createDirectories(shell.localDir().resolve("local-dir"));
        Files.writeString(shell.localDir().resolve("local-file.txt"), "x");
    }

    @AfterAll
    static void close() {
        shell.close();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // line before the cursor word, the word, expected values
                Arguments.of("", "mk", List.of("mkdir")),
                Arguments.of("", "l", List.of("lcd", "lls", "log", "lpwd", "ls")),
                Arguments.of("cd", "/dteam/us", List.of("/dteam/user/")),
                Arguments.of("cd", "/dteam/", List.of("/dteam/shared/", "/dteam/user/")),
                Arguments.of("ls", "da", List.of("data/")),
                Arguments.of("ls", "data/r", List.of("data/readme.txt", "data/run1/", "data/run2/")),
                Arguments.of("ls", "data/run", List.of("data/run1/", "data/run2/")),
                Arguments.of("ls -l", "~/d", List.of("~/data/", "~/docs/")),
                Arguments.of("ls", "--by", List.of("--bytes")),
                Arguments.of("ls", "nothing", List.of()),
                Arguments.of("mv data/run1", "do", List.of("docs/")),
                Arguments.of("lcd", "local-", List.of("local-dir/")),
                Arguments.of("lls", "local-", List.of("local-dir/", "local-file.txt")),
                Arguments.of("chmod -R 755", "da", List.of("data/")),
                Arguments.of("chgrp", "dteam_", List.of("dteam_user")),
                Arguments.of("chown", "al", List.of("alice")),
                Arguments.of("set", "fo", List.of("format")),
                Arguments.of("help", "", List.of()),
                Arguments.of("nosuchverb", "x", List.of()));
    }

    @ParameterizedTest
    @MethodSource("table")
    void completes(String before, String word, List<String> expected) {
        List<String> words = before.isEmpty() ? List.of() : List.of(before.split(" "));
        assertEquals(expected, engine.complete(words, word, ctx()).stream().map(Candidate::value).toList());
    }

    @Test
    void directoriesTakeNoTrailingSpaceFilesDo() {
        List<Candidate> candidates = engine.complete(List.of("ls"), "data/r", ctx());
        assertTrue(candidates.stream().filter(c -> c.value().endsWith("/")).noneMatch(Candidate::complete));
        assertTrue(candidates.stream().filter(c -> c.value().endsWith(".txt")).allMatch(Candidate::complete));
        assertEquals("run1/", candidates.get(1).display());
    }

    @Test
    void secondTabInTheSameDirectoryIsServedFromTheCacheUntilTheDirectoryChanges() {
        LfnPath data = shell.session().cwd().resolve("data");
        engine.complete(List.of("ls"), "data/", ctx());
        assertTrue(engine.cache().isCached(data));
        // Changing the directory behind the cache's back (another catalog connection) is not seen...
        try (TestShell other = new TestShell(tmp.resolve("home"), "alice")) {
            assertEquals(0, other.run("mkdir data/zzz").status());
        }
        assertFalse(values("data/z").contains("data/zzz/"), "served from the cache, no catalog access");
        // ...while a change made through this shell's catalog drops the cached listing.
        assertEquals(0, shell.run("mkdir data/zzy").status());
        assertFalse(engine.cache().isCached(data));
        assertEquals(List.of("data/zzy/", "data/zzz/"), values("data/z"));
    }

    @Test
    void completingWhileAVerbChangesTheDirectoryDoesNotDeadlock() throws Exception {
        // The catalog reports changes to the cache from inside its lock; a TAB (or the shell's warm-up)
        // listing the same directory at that moment must not hold the cache's lock while it waits.
        assertEquals(0, shell.run("mkdir busy").status());
        Thread tabs = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                engine.cache().invalidate(shell.session().cwd().resolve("busy"));
                engine.complete(List.of("ls"), "busy/d", ctx());
            }
        });
        Thread verbs = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                shell.run("mkdir busy/d" + i);
            }
        });
        tabs.start();
        verbs.start();
        tabs.join(60_000);
        verbs.join(60_000);
        assertFalse(tabs.isAlive() || verbs.isAlive(), "completion and mkdir deadlocked");
        assertEquals(300, values("busy/d").size());
    }

    private static CommandContext ctx() {
        return shell.context(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()), "");
    }

    private List<String> values(String word) {
        List<String> out = new ArrayList<>();
        engine.complete(List.of("ls"), word, ctx()).forEach(c -> out.add(c.value()));
        return out;
    }
}
