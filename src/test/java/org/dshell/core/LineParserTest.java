package org.dshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineParserTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("ls -l /dteam", List.of(List.of("ls", "-l", "/dteam"))),
                Arguments.of("  ls   a  ", List.of(List.of("ls", "a"))),
                Arguments.of("echo 'a b' \"c d\"", List.of(List.of("echo", "a b", "c d"))),
                Arguments.of("echo a\\ b", List.of(List.of("echo", "a b"))),
                Arguments.of("echo \"say \\\"hi\\\"\"", List.of(List.of("echo", "say \"hi\""))),
                Arguments.of("echo 'it''s'", List.of(List.of("echo", "its"))),
                Arguments.of("echo \"\"", List.of(List.of("echo", ""))),
                Arguments.of("pwd; ls", List.of(List.of("pwd"), List.of("ls"))),
                Arguments.of("pwd;ls;;", List.of(List.of("pwd"), List.of("ls"))),
                Arguments.of("echo 'a;b'", List.of(List.of("echo", "a;b"))),
                Arguments.of("ls # a comment", List.of(List.of("ls"))),
                Arguments.of("# only a comment", List.of()),
                Arguments.of("echo a#b", List.of(List.of("echo", "a#b"))),
                Arguments.of("ls \\\n -l", List.of(List.of("ls", "-l"))),
                Arguments.of("!ls -l; echo x", List.of(List.of("!", "ls -l; echo x"))),
                Arguments.of("pwd; !echo hi", List.of(List.of("pwd"), List.of("!", "echo hi"))),
                Arguments.of("echo ünïcødé", List.of(List.of("echo", "ünïcødé"))));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void splitsLikeAPosixShell(String line, List<List<String>> expected) {
        List<List<String>> words = LineParser.parse(line).stream().map(c -> c.words().stream().map(Glob::literal).toList()).toList();
        assertEquals(expected, words);
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo 'open", "echo \"open", "ls \\"})
    void incompleteInputAsksForMore(String line) {
        assertTrue(LineParser.isIncomplete(line));
        assertThrows(LineParser.IncompleteLineException.class, () -> LineParser.parse(line));
    }

    @Test
    void quotedWildcardsAreLiteralBareOnesArePatterns() {
        List<String> words = LineParser.parse("ls *.dat '*.dat' \\*.dat \"a?\"").get(0).words();
        assertTrue(Glob.isPattern(words.get(1)));
        assertFalse(Glob.isPattern(words.get(2)));
        assertFalse(Glob.isPattern(words.get(3)));
        assertFalse(Glob.isPattern(words.get(4)));
        assertEquals("*.dat", Glob.literal(words.get(2)));
        assertEquals("a?", Glob.literal(words.get(4)));
    }

    @Test
    void commandTextIsKeptForErrorMessages() {
        assertEquals("ls /nope", LineParser.parse("pwd ; ls /nope").get(1).text());
    }

    @ParameterizedTest
    @MethodSource("globs")
    void globsMatchLikeAShell(String pattern, String name, boolean matches) {
        assertEquals(matches, Glob.toRegex(pattern).matcher(name).matches());
    }

    static Stream<Arguments> globs() {
        return Stream.of(
                Arguments.of("*.dat", "run1.dat", true),
                Arguments.of("*.dat", "run1.txt", false),
                Arguments.of("*", ".hidden", false),
                Arguments.of(".*", ".hidden", true),
                Arguments.of("run?.dat", "run7.dat", true),
                Arguments.of("run?.dat", "run17.dat", false),
                Arguments.of("run[0-3].dat", "run2.dat", true),
                Arguments.of("run[!0-3].dat", "run2.dat", false),
                Arguments.of("run[!0-3].dat", "run9.dat", true),
                Arguments.of("a(b)+.dat", "a(b)+.dat", true),
                Arguments.of("a(b)+.dat", "abb.dat", false),
                Arguments.of("*(b)+.dat", "a(b)+.dat", true));
    }
}
