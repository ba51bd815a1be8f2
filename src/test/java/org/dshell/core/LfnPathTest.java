package org.dshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LfnPathTest {
    private final LfnPath cwd = LfnPath.of("/dteam/user/l/localuser");

    @ParameterizedTest
    @CsvSource({
            "data, /dteam/user/l/localuser/data",
            "./data/../x, /dteam/user/l/localuser/x",
            "/, /",
            "/dteam//user/, /dteam/user",
            "..,  /dteam/user/l",
            "../../../.., /",
            "a b, /dteam/user/l/localuser/a b",
            "ünï/çødé, /dteam/user/l/localuser/ünï/çødé"})
    void resolvesRelativeAndAbsolutePaths(String arg, String expected) {
        assertEquals(expected, cwd.resolve(arg).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..", "../../../../..", "/dteam/../.."})
    void goingAboveRootIsAnError(String arg) {
        DshellException e = assertThrows(DshellException.class, () -> cwd.resolve(arg));
        assertEquals(ExitStatus.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("above /"), e.getMessage());
    }

    @Test
    void rejectsControlCharactersEmptyAndOverLongNames() {
        assertTrue(assertThrows(DshellException.class, () -> cwd.resolve("a\u0001b")).getMessage().contains("control character"));
        assertTrue(assertThrows(DshellException.class, () -> cwd.resolve("x".repeat(256))).getMessage().contains("too long"));
        assertTrue(assertThrows(DshellException.class, () -> cwd.resolve("")).getMessage().contains("empty"));
        cwd.resolve("x".repeat(255));
    }

    @Test
    void parentNameAndWithin() {
        assertEquals("/dteam/user/l", cwd.parent().toString());
        assertEquals("localuser", cwd.name());
        assertEquals(LfnPath.ROOT, LfnPath.ROOT.parent());
        assertTrue(cwd.isWithin(LfnPath.of("/dteam")));
        assertFalse(LfnPath.of("/dteamx").isWithin(LfnPath.of("/dteam")));
        assertEquals(4, cwd.depth());
    }
}
