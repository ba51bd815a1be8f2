package org.dshell.core.meta;

import static org.dshell.core.meta.TestFields.ENERGY;
import static org.dshell.core.meta.TestFields.PARTICLE;
import static org.dshell.core.meta.TestFields.TAKEN;
import static org.dshell.core.meta.TestFields.WEIGHT;
import static org.dshell.core.meta.TestFields.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dshell.core.DshellException;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MetaQueryParserTest {

    /** Every operator on every type: the word, and the single condition it must give. */
    static Stream<Arguments> everyOperatorOnEveryType() {
        Map<MetaField, List<Object>> samples = Map.of(
                ENERGY, List.of("5", 5L),
                WEIGHT, List.of("0.5", 0.5),
                PARTICLE, List.of("gamma", "gamma"),
                TAKEN, List.of("2024-05-01 12:00", Instant.parse("2024-05-01T12:00:00Z")));
        Map<String, Operator> ops = Map.of("=", Operator.EQ, "!=", Operator.NE, "<", Operator.LT,
                ">", Operator.GT, "<=", Operator.LE, ">=", Operator.GE);
        List<Arguments> cases = new ArrayList<>();
        samples.forEach((field, sample) -> ops.forEach((symbol, op) -> cases.add(Arguments.of(
                field.name() + symbol + sample.get(0), field, Condition.of(op, sample.get(1))))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOperatorOnEveryType")
    void parsesEveryOperatorOnEveryType(String word, MetaField field, Condition expected) {
        MetaQuery q = query(word);
        assertEquals(List.of(new FieldQuery(field, List.of(expected))), q.fields());
    }

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("energy=1,2,3", ENERGY, Condition.of(Operator.IN, 1L, 2L, 3L)),
                Arguments.of("energy!=1,2", ENERGY, Condition.of(Operator.NOT_IN, 1L, 2L)),
                Arguments.of("weight=0.5,1", WEIGHT, Condition.of(Operator.IN, 0.5, 1.0)),
                Arguments.of("weight!=0.5,1", WEIGHT, Condition.of(Operator.NOT_IN, 0.5, 1.0)),
                Arguments.of("particle=gamma,proton", PARTICLE, Condition.of(Operator.IN, "gamma", "proton")),
                Arguments.of("particle!=gamma,proton", PARTICLE, Condition.of(Operator.NOT_IN, "gamma", "proton")),
                Arguments.of("particle=gamma ray, proton", PARTICLE, Condition.of(Operator.IN, "gamma ray", "proton")),
                Arguments.of("particle='a,b',c", PARTICLE, Condition.of(Operator.IN, "a,b", "c")),
                Arguments.of("particle=\"a b \", 'c'", PARTICLE, Condition.of(Operator.IN, "a b ", "c")),
                Arguments.of("particle=O'Brien,x", PARTICLE, Condition.of(Operator.IN, "O'Brien", "x")),
                Arguments.of("taken=2024-05-01,2024-05-02 10:00", TAKEN, Condition.of(Operator.IN,
                        Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-02T10:00:00Z"))),
                Arguments.of("taken!=2024-05-01,2024-05-02", TAKEN, Condition.of(Operator.NOT_IN,
                        Instant.parse("2024-05-01T00:00:00Z"), Instant.parse("2024-05-02T00:00:00Z"))),
                Arguments.of("Size=1,2", StandardKey.SIZE.field(), Condition.of(Operator.IN, 1L, 2L)),
                Arguments.of("SE=DISK-SE,TAPE-SE", StandardKey.SE.field(), Condition.of(Operator.IN, "DISK-SE", "TAPE-SE")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lists")
    void commaListsMeanInAndNotIn(String word, MetaField field, Condition expected) {
        assertEquals(List.of(new FieldQuery(field, List.of(expected))), query(word).fields());
    }

    /** Values the shell received quoted arrive as one word with their spaces; leftover quotes are removed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            particle=gamma ray       | gamma ray
            particle='gamma ray'     | gamma ray
            particle="gamma ray"     | gamma ray
            particle= gamma ray      | gamma ray
            particle = gamma         | gamma
            particle=a=b             | a=b
            particle=it's            | it's
            particle='  padded  '    | '  padded  '
            """)
    void quotedValuesKeepTheirSpaces(String word, String expected) {
        String value = expected.startsWith("'") ? expected.substring(1, expected.length() - 1) : expected;
        assertEquals(List.of(Condition.of(Operator.EQ, value)), query(word).field("particle").orElseThrow().conditions());
    }

    @Test
    void repeatedNameMergesConditionsInOrder() {
        MetaQuery q = query("energy>1", "particle=gamma", "energy<5", "energy!=3,4");
        assertEquals(List.of(
                new FieldQuery(ENERGY, List.of(Condition.of(Operator.GT, 1L), Condition.of(Operator.LT, 5L),
                        Condition.of(Operator.NOT_IN, 3L, 4L))),
                new FieldQuery(PARTICLE, List.of(Condition.of(Operator.EQ, "gamma")))), q.fields());
    }

    @Test
    void contradictoryMergesAreAllowed() {
        MetaQuery q = query("energy=1", "energy=2");
        assertEquals(2, q.field("energy").orElseThrow().conditions().size());
        assertFalse(q.matches(Map.of("energy", 1L)));
        assertFalse(q.matches(Map.of("energy", 2L)));
    }

    @Test
    void mergesStandardKeysWhateverTheirCase() {
        MetaQuery q = query("size>1", "SIZE<5");
        assertEquals(List.of(new FieldQuery(StandardKey.SIZE.field(),
                List.of(Condition.of(Operator.GT, 1L), Condition.of(Operator.LT, 5L)))), q.fields());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Size>100, Size, INT", "size>100, Size, INT", "SE=DISK-SE, SE, STRING", "se=DISK-SE, SE, STRING",
            "Owner=ana, Owner, STRING", "owner=ana, Owner, STRING", "User=ana, Owner, STRING",
            "Group=mu3e_user, Group, STRING", "GROUP=mu3e_user, Group, STRING",
            "CreationDate>2024-01-01, CreationDate, DATE", "creationdate>2024-01-01, CreationDate, DATE",
            "ModificationDate<2024-01-01T10:00:00Z, ModificationDate, DATE",
            "Name=*.root, Name, STRING", "NAME=run?.dat, Name, STRING", "FileName=a.dat, Name, STRING",
            "Path=/vo/user/*, Path, STRING", "CheckSum=0a1b2c3d, CheckSum, STRING", "checksum=0a1b2c3d, CheckSum, STRING",
            "GUID=6F3A, GUID, STRING", "guid=6F3A, GUID, STRING", "Status=AprioriGood, Status, STRING",
            "status=AprioriGood, Status, STRING"})
    void standardKeysWorkWithoutDefinitionAndIgnoreCase(String word, String canonical, MetaType type) {
        MetaField field = query(word).fields().get(0).field();
        assertEquals(new MetaField(canonical, type, MetaScope.STANDARD), field);
    }

    @Test
    void standardKeysCannotBeShadowedByUserFields() {
        MetaField userSize = new MetaField("Size", MetaType.STRING, MetaScope.FILE);
        MetaQuery q = MetaQuery.parse(List.of("Size=5"), MetaFieldLookup.of(List.of(userSize)));
        assertEquals(MetaScope.STANDARD, q.fields().get(0).field().scope());
        assertTrue(StandardKey.isReserved("size"));
        assertFalse(StandardKey.isReserved("energy"));
    }

    @Test
    void userFieldNamesAreExact() {
        DshellException e = assertThrows(DshellException.class, () -> query("Energy=5"));
        assertEquals("'Energy=5': unknown metadata field 'Energy'", e.getMessage());
    }

    @Test
    void wildcardsMakeAPatternOnlyForSingleStringEqualityAndInequality() {
        assertTrue(query("Name=*.root").fields().get(0).conditions().get(0).isPattern());
        assertTrue(query("particle!=gam?a").fields().get(0).conditions().get(0).isPattern());
        assertFalse(query("particle>ga*").fields().get(0).conditions().get(0).isPattern());
        assertFalse(query("particle=a*,b").fields().get(0).conditions().get(0).isPattern());
        assertFalse(query("particle=gamma").fields().get(0).conditions().get(0).isPattern());
    }

    @Test
    void emptyQueryHasNoFields() {
        assertTrue(query().isEmpty());
        assertTrue(query().matches(Map.of()));
    }

    @Test
    void printsInFindSyntax() {
        assertEquals("energy>1 energy<5 particle=gamma,'gamma ray' taken>='2024-05-01 00:00:00' Size!=0",
                query("energy>1", "energy<5", "particle=gamma,gamma ray", "taken>=2024-05-01", "size!=0").toString());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            energy=abc          | 'energy=abc': energy is an int field, 'abc' is not an integer
            energy=1.5          | 'energy=1.5': energy is an int field, '1.5' is not an integer
            energy=1,x          | 'energy=1,x': energy is an int field, 'x' is not an integer
            weight>heavy        | 'weight>heavy': weight is a float field, 'heavy' is not a number
            size>1k             | 'size>1k': Size is an int field, '1k' is not an integer
            taken<yesterday     | 'taken<yesterday': taken is a date field, 'yesterday' is not a date (YYYY-MM-DD[ HH:MM[:SS]] or YYYY-MM-DDTHH:MM:SS[Z])
            CreationDate>2023-02-30 | 'CreationDate>2023-02-30': CreationDate is a date field, '2023-02-30' is not a valid date
            energy=>5           | 'energy=>5': unknown operator '=>' (expected one of = != < > <= >=)
            energy~5            | 'energy~5': unknown operator '~' (expected one of = != < > <= >=)
            energy==5           | 'energy==5': unknown operator '==' (expected one of = != < > <= >=)
            energy<>5           | 'energy<>5': unknown operator '<>' (expected one of = != < > <= >=)
            energy!5            | 'energy!5': unknown operator '!' (expected one of = != < > <= >=)
            energy=<5           | 'energy=<5': unknown operator '=<' (expected one of = != < > <= >=)
            energy>1,2          | 'energy>1,2': a list of values needs = or !=, not >
            energy<=1,2         | 'energy<=1,2': a list of values needs = or !=, not <=
            particle>=a,b       | 'particle>=a,b': a list of values needs = or !=, not >=
            energy              | 'energy': no operator (expected NAME<op>VALUE, op one of = != < > <= >=)
            energy-5            | 'energy-5': no operator (expected NAME<op>VALUE, op one of = != < > <= >=)
            ``                  | '': no operator (expected NAME<op>VALUE, op one of = != < > <= >=)
            =5                  | '=5': empty field name
            ` =5`               | ' =5': empty field name
            1energy=5           | '1energy=5': '1energy' is not a valid field name (letters, digits and _, starting with a letter)
            ener gy=5           | 'ener gy=5': 'ener gy' is not a valid field name (letters, digits and _, starting with a letter)
            en-ergy=5           | 'en-ergy=5': 'en-ergy' is not a valid field name (letters, digits and _, starting with a letter)
            energy=             | 'energy=': empty value
            `energy!=  `        | 'energy!=  ': empty value
            particle=''         | 'particle=''': empty value
            energy=1,,2         | 'energy=1,,2': empty element in list
            energy=1,           | 'energy=1,': empty element in list
            energy=,1           | 'energy=,1': empty element in list
            particle=a, ,b      | 'particle=a, ,b': empty element in list
            foo=1               | 'foo=1': unknown metadata field 'foo'
            """)
    void badWordsGiveOneLineUsageErrors(String word, String message) {
        DshellException e = assertThrows(DshellException.class, () -> query("energy>0", word));
        assertEquals(message, e.getMessage());
        assertEquals(ExitStatus.USAGE, e.exitCode());
    }
}
