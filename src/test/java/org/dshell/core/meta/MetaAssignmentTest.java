package org.dshell.core.meta;

import static org.dshell.core.meta.TestFields.ENERGY;
import static org.dshell.core.meta.TestFields.LOOKUP;
import static org.dshell.core.meta.TestFields.PARTICLE;
import static org.dshell.core.meta.TestFields.TAKEN;
import static org.dshell.core.meta.TestFields.WEIGHT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetaAssignmentTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("energy=5", ENERGY, 5L),
                Arguments.of("energy=-5", ENERGY, -5L),
                Arguments.of("weight=2.5", WEIGHT, 2.5),
                Arguments.of("weight=3", WEIGHT, 3.0),
                Arguments.of("particle=gamma ray", PARTICLE, "gamma ray"),
                Arguments.of("particle='gamma ray'", PARTICLE, "gamma ray"),
                Arguments.of("particle=a,b", PARTICLE, "a,b"),
                Arguments.of("particle=x>y", PARTICLE, "x>y"),
                Arguments.of("particle=*", PARTICLE, "*"),
                Arguments.of("taken=2024-05-01 10:00", TAKEN, Instant.parse("2024-05-01T10:00:00Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesAssignments(String word, MetaField field, Object value) {
        assertEquals(new MetaAssignment(field, value), MetaAssignment.parse(word, LOOKUP));
    }

    @Test
    void parsesSeveralInOrder() {
        assertEquals(List.of(new MetaAssignment(ENERGY, 1L), new MetaAssignment(PARTICLE, "mu")),
                MetaAssignment.parseAll(List.of("energy=1", "particle=mu"), LOOKUP));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            energy=abc      | 'energy=abc': energy is an int field, 'abc' is not an integer
            energy=1,2      | 'energy=1,2': energy is an int field, '1,2' is not an integer
            weight=x        | 'weight=x': weight is a float field, 'x' is not a number
            taken=today     | 'taken=today': taken is a date field, 'today' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            energy>5        | 'energy>5': expected NAME=VALUE
            energy!=5       | 'energy!=5': expected NAME=VALUE
            energy=>5       | 'energy=>5': unknown operator '=>' (expected one of = != < > <= >=)
            energy          | 'energy': no operator (expected NAME<op>VALUE, op one of = != < > <= >=)
            =5              | '=5': empty field name
            energy=         | 'energy=': empty value
            particle=''     | 'particle=''': empty value
            foo=1           | 'foo=1': unknown metadata field 'foo'
            Size=5          | 'Size=5': Size is a standard key, it cannot be set
            owner=ana       | 'owner=ana': Owner is a standard key, it cannot be set
            """)
    void badAssignmentsGiveUsageErrors(String word, String message) {
        DshellException e = assertThrows(DshellException.class, () -> MetaAssignment.parse(word, LOOKUP));
        assertEquals(message, e.getMessage());
        assertEquals(ExitStatus.USAGE, e.exitCode());
    }

    @Test
    void assigningAFieldTwiceIsAnError() {
        DshellException e = assertThrows(DshellException.class,
                () -> MetaAssignment.parseAll(List.of("energy=1", "particle=mu", "energy=2"), LOOKUP));
        assertEquals("'energy=2': energy is assigned twice", e.getMessage());
    }
}
