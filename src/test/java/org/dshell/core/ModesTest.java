package org.dshell.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "755| 0644| 0755",
            "g+w| 0755| 0775",
            "o-rx| 0755| 0750",
            "u=rwx,go=| 0644| 0700",
            "a+x| 0644| 0755",
            "+w| 0444| 0666",
            "go-w,u+x| 0666| 0744"})
    void appliesOctalAndSymbolicModes(String spec, String before, String after) {
        assertEquals(Integer.parseInt(after, 8), Modes.apply(spec, Integer.parseInt(before, 8)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999", "x+r", "u+z", "rwx", "", "u+r,"})
    void rejectsMalformedModes(String spec) {
        assertEquals(ExitStatus.USAGE, assertThrows(DshellException.class, () -> Modes.apply(spec, 0644)).exitCode());
    }

    @Test
    void checksOwnerGroupAndOthersBits() {
        Identity alice = new Identity("alice", "dteam_user", "dteam", "test");
        assertTrue(Modes.allows(alice, "alice", "x", 0700, Modes.WRITE));
        assertFalse(Modes.allows(alice, "bob", "dteam_user", 0705, Modes.READ));
        assertTrue(Modes.allows(alice, "bob", "dteam_user", 0750, Modes.READ | Modes.EXECUTE));
        assertTrue(Modes.allows(alice, "bob", "other", 0704, Modes.READ));
        assertFalse(Modes.allows(alice, "bob", "other", 0770, Modes.READ));
        assertEquals("drwxr-x---", Modes.format(EntryKind.DIRECTORY, 0750));
        assertEquals("-rw-r--r--", Modes.format(EntryKind.FILE, 0644));
    }
}
