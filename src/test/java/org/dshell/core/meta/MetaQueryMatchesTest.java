package org.dshell.core.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The in-memory evaluator on hand-made files: the reference the SQL translation is later checked against. */
class MetaQueryMatchesTest {

    private static final Map<String, Map<String, Object>> FILES = new LinkedHashMap<>();

    static {
        FILES.put("A", Map.of("energy", 5L, "weight", 0.5, "particle", "gamma",
                "taken", Instant.parse("2024-05-01T12:00:00Z"), "Size", 1000L, "SE", List.of("DISK-SE", "TAPE-SE"),
                "Name", "run1.root", "Path", "/vo/data/run1.root", "Owner", "ana",
                "CreationDate", Instant.parse("2024-05-01T12:00:00Z")));
        FILES.put("B", Map.of("energy", 10L, "particle", "gamma ray", "Size", 0L, "SE", List.of(),
                "Name", "run2.log", "Path", "/vo/data/run2.log", "Owner", "bob",
                "CreationDate", Instant.parse("2024-06-01T00:00:00Z")));
        FILES.put("C", Map.of("Size", 2000L, "SE", List.of("DISK-SE"), "Name", "RUN3.root",
                "Path", "/vo/other/RUN3.root", "Owner", "ana", "CreationDate", Instant.parse("2023-12-31T23:59:59Z")));
    }

    /** Words are separated by ';' so that a value may hold a space; the result lists the matching files. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            energy=5                          | A
            energy!=5                         | B
            energy<10                         | A
            energy<=10                        | A,B
            energy>5                          | B
            energy>=5                         | A,B
            energy=5,10                       | A,B
            energy!=5,7                       | B
            energy>1;energy<6                 | A
            energy>6;energy<5                 | ''
            energy=5;energy=10                | ''
            weight=0.5                        | A
            weight!=0.5                       | ''
            weight<1                          | A
            weight>=0.5                       | A
            weight=0.5,2                      | A
            weight!=2,3                       | A
            particle=gamma                    | A
            particle=gamma ray                | B
            particle!=gamma                   | B
            particle<gamma ray                | A
            particle>gamma                    | B
            particle=gamma,gamma ray          | A,B
            particle!=gamma,x                 | B
            particle=gam*                     | A,B
            particle=gamma?ray                | B
            particle!=*ray                    | A
            particle=GAMMA                    | ''
            particle=gam*,x                   | ''
            taken=2024-05-01 12:00            | A
            taken=2024-05-01                  | ''
            taken>=2024-05-01                 | A
            taken<2024-05-01T12:00:00Z        | ''
            taken<=2024-05-01T12:00:00Z       | A
            taken!=2024-05-02                 | A
            taken=2024-05-01,2024-05-01 12:00 | A
            energy>0;particle=gamma*;weight>0 | A
            Size>0                            | A,C
            size=0                            | B
            Size!=1000,2000                   | B
            SE=DISK-SE                        | A,C
            se=TAPE-SE                        | A
            SE=DISK-SE,TAPE-SE                | A,C
            SE!=TAPE-SE                       | C
            SE!=X-SE                          | A,C
            SE=*-SE                           | A,C
            Name=*.root                       | A,C
            Name=run?.*                       | A,B
            Name!=*.root                      | B
            name=run1.root                    | A
            Path=/vo/data/*                   | A,B
            Owner=ana                         | A,C
            user!=ana                         | B
            CreationDate>=2024-01-01          | A,B
            creationdate<2024-05-01 12:00:01  | A,C
            """)
    void matchesHandMadeFiles(String words, String expected) {
        MetaQuery q = TestFields.query(words.split(";"));
        Set<String> matching = new TreeSet<>();
        FILES.forEach((id, values) -> {
            if (q.matches(values)) {
                matching.add(id);
            }
        });
        assertEquals(expected.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(expected.split(","))), matching);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"energy=1", "energy!=1", "energy<1", "energy>1", "energy<=1", "energy>=1", "energy=1,2",
            "energy!=1,2", "particle!=x", "particle!=*", "particle=*"})
    void aMissingValueMatchesNoConditionEvenNotEqual(String word) {
        MetaQuery q = TestFields.query(word);
        assertFalse(q.matches(Map.of()));
        Map<String, Object> nullValues = new java.util.HashMap<>();
        nullValues.put("energy", null);
        nullValues.put("particle", null);
        assertFalse(q.matches(nullValues));
    }

    @Test
    void aFileWithoutReplicasMatchesNoSECondition() {
        assertFalse(TestFields.query("SE!=DISK-SE").matches(Map.of("SE", List.of())));
    }

    @Test
    void numbersCompareByValueWhateverTheirBoxing() {
        assertTrue(TestFields.query("energy=5").matches(Map.of("energy", 5)));
        assertTrue(TestFields.query("weight=5").matches(Map.of("weight", 5L)));
        assertTrue(TestFields.query("weight<5.5").matches(Map.of("weight", 5)));
    }

    @Test
    void aValueOfTheWrongJavaTypeIsAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestFields.query("energy=5").matches(Map.of("energy", "5")));
        assertEquals("cannot compare String '5' with Long '5'", e.getMessage());
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', textBlock = """
            *.root     | a.root        | true
            *.root     | a.rooT        | false
            *.root     | .root         | true
            run?.dat   | run1.dat      | true
            run?.dat   | run12.dat     | false
            a*b*c      | abc           | true
            a*b*c      | aXbYc         | true
            a.b        | axb           | false
            [x]*       | [x]1          | true
            (a+b)*     | (a+b)         | true
            *          | ''            | true
            """)
    void globIsWholeValueCaseSensitiveAndOtherwiseLiteral(String pattern, String text, boolean expected) {
        assertEquals(expected, GlobPattern.matches(pattern, text));
    }
}
